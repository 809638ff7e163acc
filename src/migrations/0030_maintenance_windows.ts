// Planned maintenance (Decree 224/2026 Art. 13, issue 17): a window announced
// by the installation administrator at least 7 working days ahead, for every
// site or a list of sites; cancelled windows are kept (the notice was public).
import type { Kysely } from 'kysely';
import { withId, withTimestamps } from './helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await withTimestamps(
    withId(db, db.schema.createTable('maintenance_windows'))
      .addColumn('all_sites', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('starts_at', 'text', (c) => c.notNull())
      .addColumn('ends_at', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('reason_en', 'text')
      .addColumn('published_at', 'text', (c) => c.notNull())
      .addColumn('cancelled_at', 'text')
      // Set once the window is over and the pages showing its notice were dropped (one node does it).
      .addColumn('ended_flushed_at', 'text')
      .addColumn('created_by_user_id', 'integer'),
  ).execute();
  await db.schema.createIndex('maintenance_windows_ends').on('maintenance_windows').columns(['ends_at']).execute();
  await db.schema
    .createTable('maintenance_window_sites')
    .addColumn('window_id', 'integer', (c) => c.notNull().references('maintenance_windows.id').onDelete('cascade'))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('maintenance_window_sites_pk', ['window_id', 'site_id'])
    .execute();
  await db.schema.createIndex('maintenance_window_sites_site').on('maintenance_window_sites').columns(['site_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('maintenance_window_sites').execute();
  await db.schema.dropTable('maintenance_windows').execute();
}
