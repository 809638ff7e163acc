// The language switch of an article page follows what is published (ADR 33 addendum): which
// published article translates which is kept in the public index, written with the rest of the
// item at publication, correction and take-down. It was read from the articles' working copies,
// so an edit not yet reviewed moved the link on the public pages.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('search_documents').addColumn('translation_of_id', 'integer').execute();
  await db.schema.createIndex('search_documents_translation_idx').on('search_documents').columns(['site_id', 'translation_of_id']).execute();
  // Published translations: their live revision names the original (few rows; older snapshots have no key).
  const rows = await db
    .selectFrom('search_documents as d')
    .innerJoin('articles as a', 'a.id', 'd.item_id')
    .innerJoin('article_revisions as r', 'r.id', 'a.live_revision_id')
    .select(['d.id', 'r.snapshot'])
    .where('d.item_type', '=', 'article')
    .where('r.snapshot', 'like', '%"translationOfId":%')
    .where('r.snapshot', 'not like', '%"translationOfId":null%')
    .execute();
  for (const row of rows) {
    const original = (JSON.parse(row.snapshot) as { translationOfId?: unknown }).translationOfId;
    if (typeof original === 'number') await db.updateTable('search_documents').set({ translation_of_id: original }).where('id', '=', row.id).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('search_documents_translation_idx').execute();
  await db.schema.alterTable('search_documents').dropColumn('translation_of_id').execute();
}
