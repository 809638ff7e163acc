// What the organisation chart and the directory show of a unit beyond its
// contacts (Decree 42/2022 Art. 7, issue 14): its functions and powers, and
// the address of its own site. (name_en exists since 0001.)
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('units').addColumn('functions', 'text').execute();
  await db.schema.alterTable('units').addColumn('site_url', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('units').dropColumn('site_url').execute();
  await db.schema.alterTable('units').dropColumn('functions').execute();
}
