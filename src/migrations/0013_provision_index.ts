// Provision counts (modules/provision) read a site's items published in a
// period and group them by unit, person or kind: one range scan per period,
// over an index that holds every column the counts read (no row lookups).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Items with a provision deadline are read one by one (the calendar judges them): only they are scanned.
  await db.schema.createIndex('articles_site_provision_idx').on('articles').columns(['site_id', 'first_published_at']).where(sql.ref('provision_category'), 'is not', null).execute();
  await db.schema.createIndex('articles_site_first_published_idx').on('articles').columns(['site_id', 'first_published_at', 'kind', 'unit_id', 'author_user_id', 'vouched_by_user_id', 'deleted_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('articles_site_first_published_idx').execute();
  await db.schema.dropIndex('articles_site_provision_idx').execute();
}
