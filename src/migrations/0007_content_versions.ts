// The public content version of each site: moved on in the transaction of every
// change a reader could see, so each node's render cache can tell that its pages
// of that site are stale — after its own requests, and by polling for changes
// committed by another node or a background job.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('site_content_versions')
    .addColumn('site_id', 'integer', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('site_content_versions').execute();
}
