// Keeps entry_fields (what the public list of a declared section filters and
// sorts on) in step with the entry's live revision; called from the public
// index inside the transaction that publishes, corrects or takes down.
import { indexedValues, sectionKind } from '../../core/entries/index.ts';
import { vietnamDate } from '../../core/time.ts';
import type { Db } from '../../platform/db/database.ts';
import type { ArticleContent } from '../articles/article.ts';

/** The search_documents item type of entries: listings of news never include them. */
export const ENTRY_ITEM = 'entry';

export async function syncEntryFields(db: Db, siteId: number, articleId: number, live: ArticleContent | null): Promise<void> {
  await db.deleteFrom('entry_fields').where('site_id', '=', siteId).where('article_id', '=', articleId).execute();
  const kind = sectionKind(live?.entry?.kind);
  if (!live?.entry || !kind) return;
  const rows = indexedValues(kind, live.entry.values, (iso) => vietnamDate(new Date(iso)));
  if (rows.length === 0) return;
  await db
    .insertInto('entry_fields')
    .values(rows.map((r) => ({ site_id: siteId, article_id: articleId, entry_kind: kind.key, field: r.field, value: r.value, folded: r.folded, number: r.number, date: r.date, date_end: r.dateEnd })))
    .execute();
}
