// Drafts for comment in the site search, sitemap.xml and the sitemap page. A
// draft is public from its opening date, so the index follows two clocks:
// every change writes it in the same transaction, and a job indexes drafts
// whose opening date has come (indexOpenedConsultations).
import { htmlToText } from '../../core/content/text.ts';
import { startOfVietnamDate } from '../../core/time.ts';
import type { Db } from '../../platform/db/database.ts';
import type { ConsultationRow } from '../../platform/db/schema.ts';
import { paths } from '../public/site-view.ts';
import { indexDocument, removeDocument } from '../search/index.ts';
import { isPublicOn } from './model.ts';

export const CONSULTATION_ITEM = 'consultation';

/** The index holds the draft exactly while the public may see it on `today` (a Vietnamese date). */
export async function syncConsultationIndex(db: Db, row: ConsultationRow, today: string): Promise<void> {
  if (!isPublicOn(row, today)) {
    await removeDocument(db, row.site_id, CONSULTATION_ITEM, row.id);
    return;
  }
  const opened = startOfVietnamDate(row.opens_on).toISOString();
  await indexDocument(db, {
    siteId: row.site_id,
    itemType: CONSULTATION_ITEM,
    itemId: row.id,
    language: 'vi',
    sectionId: null,
    kind: CONSULTATION_ITEM,
    url: paths.consultation(row.slug),
    title: row.title,
    summary: [row.drafting_agency, row.summary].filter(Boolean).join(' · '),
    bodyText: [row.summary, row.body ? htmlToText(row.body) : '', row.results_summary ?? ''].join('\n'),
    // Shown (and ordered) by when the public could first read it.
    publishedAt: row.published_at && row.published_at > opened ? row.published_at : opened,
  });
}

/** Indexes published drafts, on every site, whose opening date has come since they were published; returns the sites touched. */
export async function indexOpenedConsultations(db: Db, today: string): Promise<number[]> {
  const rows = (await db
    .selectFrom('consultations as c')
    .leftJoin('search_documents as d', (j) => j.onRef('d.site_id', '=', 'c.site_id').on('d.item_type', '=', CONSULTATION_ITEM).onRef('d.item_id', '=', 'c.id'))
    .selectAll('c')
    .where('d.id', 'is', null)
    .where('c.status', 'in', ['published', 'concluded'])
    .where('c.deleted_at', 'is', null)
    .where('c.opens_on', '<=', today)
    .limit(500)
    .execute()) as ConsultationRow[];
  for (const row of rows) await syncConsultationIndex(db, row, today);
  return [...new Set(rows.map((r) => r.site_id))];
}
