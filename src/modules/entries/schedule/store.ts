// What the week view and the iCalendar feed read: the published weeks of a
// site (by their Monday, through entry_fields), the revision published before
// the live one (to mark what a correction changed), the corrections' notes,
// and the invitations that point at a week or fall in it. Every query is by site.
import type { Db } from '../../../platform/db/database.ts';
import type { ArticleCorrectionsTable } from '../../../platform/db/schema.ts';
import { addDays } from '../../../core/time.ts';
import { parseSnapshot, type ArticleContent } from '../../articles/article.ts';
import { SCHEDULE_WEEK } from '../../../core/entries/kinds/schedule-week.ts';

export interface PublishedEntry {
  id: number;
  slug: string;
  liveRevisionId: number;
  lastPublishedAt: string | null;
  content: ArticleContent;
}

type Where = { field: string; dateFrom: string; dateTo: string } | { field: string; values: string[] } | { field: string; overlaps: { from: string; to: string } };

async function publishedEntries(db: Db, siteId: number, kind: string, where: Where): Promise<PublishedEntry[]> {
  let q = db
    .selectFrom('entry_fields as f')
    .innerJoin('articles as a', 'a.id', 'f.article_id')
    .innerJoin('article_revisions as r', 'r.id', 'a.live_revision_id')
    .select(['a.id', 'a.slug', 'a.live_revision_id', 'a.last_published_at', 'r.snapshot'])
    .distinct()
    .where('f.site_id', '=', siteId)
    .where('a.site_id', '=', siteId)
    .where('r.site_id', '=', siteId)
    .where('f.entry_kind', '=', kind)
    .where('f.field', '=', where.field)
    .where('a.publication', '=', 'published')
    .where('a.deleted_at', 'is', null);
  if ('values' in where) {
    if (where.values.length === 0) return [];
    q = q.where('f.value', 'in', where.values);
  } else if ('overlaps' in where) {
    const { from, to } = where.overlaps;
    q = q.where('f.date', '<=', to).where((eb) => eb.or([eb('f.date_end', 'is', null), eb('f.date_end', '>=', from)]));
  } else q = q.where('f.date', '>=', where.dateFrom).where('f.date', '<=', where.dateTo);
  const rows = await q.orderBy('a.id').execute();
  return rows.map((r) => ({ id: r.id, slug: r.slug, liveRevisionId: r.live_revision_id!, lastPublishedAt: r.last_published_at, content: parseSnapshot(r.snapshot) }));
}

/** The published weeks starting on one of the Mondays from `from` to `to`. */
export function publishedWeeks(db: Db, siteId: number, from: string, to: string = from): Promise<PublishedEntry[]> {
  return publishedEntries(db, siteId, SCHEDULE_WEEK, { field: 'week', dateFrom: from, dateTo: to });
}

/** Invitations linked to one of the weeks, or whose meeting is in the week of `monday`. */
export async function invitationsOfWeek(db: Db, siteId: number, monday: string, weekIds: number[]): Promise<PublishedEntry[]> {
  const [linked, dated] = await Promise.all([
    publishedEntries(db, siteId, 'invitation', { field: 'scheduleWeek', values: weekIds.map(String) }),
    publishedEntries(db, siteId, 'invitation', { field: 'meetingAt', dateFrom: monday, dateTo: addDays(monday, 6) }),
  ]);
  const all = new Map([...linked, ...dated].map((e) => [e.id, e]));
  return [...all.values()].sort((a, b) => String(a.content.entry?.values.meetingAt ?? '').localeCompare(String(b.content.entry?.values.meetingAt ?? '')) || a.id - b.id);
}

/** The content published before the live revision, when the entry was corrected since. */
export async function previousPublished(db: Db, siteId: number, articleId: number, liveRevisionId: number): Promise<ArticleContent | null> {
  const event = await db
    .selectFrom('workflow_events')
    .select((eb) => eb.fn.max('revision_id').as('revision_id'))
    .where('site_id', '=', siteId)
    .where('item_type', '=', 'article')
    .where('item_id', '=', articleId)
    .where('to_publication', '=', 'published')
    .where('revision_id', '<', liveRevisionId)
    .executeTakeFirst();
  const id = event?.revision_id === null || event?.revision_id === undefined ? null : Number(event.revision_id);
  if (id === null) return null;
  const revision = await db.selectFrom('article_revisions').select('snapshot').where('site_id', '=', siteId).where('article_id', '=', articleId).where('id', '=', id).executeTakeFirst();
  return revision ? parseSnapshot(revision.snapshot) : null;
}

export type Correction = Pick<ArticleCorrectionsTable, 'note' | 'published_at'> & { article_id: number };

/** The corrections of these entries, oldest first. */
export async function correctionsOf(db: Db, siteId: number, articleIds: number[]): Promise<Correction[]> {
  if (articleIds.length === 0) return [];
  return db.selectFrom('article_corrections').select(['article_id', 'note', 'published_at']).where('site_id', '=', siteId).where('article_id', 'in', articleIds).orderBy('published_at').orderBy('id').execute();
}

/** Citizen reception schedules whose period meets the week of `monday`. */
export function receptionsOfWeek(db: Db, siteId: number, monday: string): Promise<PublishedEntry[]> {
  return publishedEntries(db, siteId, 'reception_schedule', { field: 'period', overlaps: { from: monday, to: addDays(monday, 6) } });
}
