// The board's reports to its owner (monthly, 6-monthly, yearly): one row per
// version of the report of a period. A draft holds what the secretariat wrote
// (number, subject, recipients, the board's assessment and proposals); on
// approval the computed figures are stored with it as JSON, so the approved
// version never changes when the data does. A new version is a new row; none
// is ever deleted.
import type { Kysely } from 'kysely';
import { withId, withTimestamps } from './helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await withTimestamps(
    withId(db, db.schema.createTable('reports'))
      .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
      // 'monthly' | 'half_yearly' | 'yearly'
      .addColumn('kind', 'text', (c) => c.notNull())
      // "2026-11", "2026-H2", "2026"
      .addColumn('period_key', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      // 'draft' | 'approved'
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('number', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('place', 'text', (c) => c.notNull())
      // One recipient a line ("Nơi nhận").
      .addColumn('recipients', 'text', (c) => c.notNull())
      .addColumn('signer_title', 'text', (c) => c.notNull())
      // The approver's name, written on approval.
      .addColumn('signer_name', 'text')
      .addColumn('assessment', 'text', (c) => c.notNull())
      .addColumn('proposals', 'text', (c) => c.notNull())
      // Why a version after an approved one was issued.
      .addColumn('reissue_reason', 'text')
      // The frozen figures (JSON), written on approval; null for a draft (computed live).
      .addColumn('figures', 'text')
      .addColumn('prepared_by_user_id', 'integer', (c) => c.references('users.id'))
      .addColumn('approved_by_user_id', 'integer', (c) => c.references('users.id'))
      .addColumn('approved_at', 'text'),
  ).execute();
  await db.schema.createIndex('reports_period_version').unique().on('reports').columns(['site_id', 'kind', 'period_key', 'version']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('reports').execute();
}
