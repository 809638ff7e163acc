// Sites that stop operating (archived, or merged into another site): their
// open citizens' cases are handed over to a site that still operates, and the
// tracking codes given out by the old site must keep working there, so a case
// remembers the site that received it. The redirect mode 'all' (every old
// address to the same path on the new site, where nothing had moved: 404s) is
// retired: such sites now redirect their home page only (docs/adr/0010).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // The site a case was first sent to, set when it is handed over (null: it never moved).
  // No foreign key: sites are never deleted, and SQLite cannot drop a column that has one.
  await db.schema.alterTable('citizen_cases').addColumn('received_site_id', 'integer').execute();
  await db.schema.createIndex('citizen_cases_received_site_idx').on('citizen_cases').columns(['received_site_id', 'tracking_code']).where('received_site_id', 'is not', null).execute();
  await sql`update sites set redirect_mode = 'home' where redirect_mode = 'all'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('citizen_cases_received_site_idx').execute();
  await db.schema.alterTable('citizen_cases').dropColumn('received_site_id').execute();
}
