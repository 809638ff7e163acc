// Lookups that read a whole table or a whole site at scale (found by the benchmark,
// bench/): the scheduler's due and missed publications (twice every 30 seconds, and
// on SQLite the server answers nothing meanwhile), an article page looking for its
// translations, and publication replacing an item's published tags.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Scheduled publication and unpublication: few rows each, so partial indexes.
  await db.schema.createIndex('articles_scheduled_idx').on('articles').column('publish_at').where(sql.ref('publication'), '=', 'scheduled').execute();
  await db.schema.createIndex('articles_unpublish_idx').on('articles').column('unpublish_at').where('unpublish_at', 'is not', null).execute();
  // Articles that name another as their original.
  await db.schema.createIndex('articles_translation_idx').on('articles').column('translation_of_id').where('translation_of_id', 'is not', null).execute();
  // The primary key (site, tag, item) cannot find an item's tags; publication deletes them by item.
  await db.schema.createIndex('published_tags_item_idx').on('published_tags').columns(['site_id', 'item_type', 'item_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const index of ['published_tags_item_idx', 'articles_translation_idx', 'articles_unpublish_idx', 'articles_scheduled_idx']) {
    await db.schema.dropIndex(index).execute();
  }
}
