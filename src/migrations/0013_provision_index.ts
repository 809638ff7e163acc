// Provision counts (modules/provision) read a site's items published in a
// period and group them by unit, person or kind: one range scan per period.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('articles_site_first_published_idx').on('articles').columns(['site_id', 'first_published_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('articles_site_first_published_idx').execute();
}
