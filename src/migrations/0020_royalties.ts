// Royalties and remuneration (nhuận bút, thù lao), budget lines and income.
// The policy itself is a dated rule (`royalty.policy` in `rules`), so its
// versions, citations and history are the rules' own. An assessment is
// versioned (a re-assessment adds a row); what is owed is a ledger of lines
// per payee and monthly period; a closed period's lines never change — a later
// correction is a new line in an open period that names the line it corrects.
// Money is integer VND everywhere, in bigint columns (a provincial budget passes 2^31 đồng).
import type { Kysely } from 'kysely';
import { withId, withTimestamps } from './helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  // Who is paid: a member of the site (user_id) or an outside collaborator.
  // Pen names (bút danh) map bylines to the real payee and are private.
  await withTimestamps(
    withId(db, db.schema.createTable('royalty_payees'))
      .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
      .addColumn('user_id', 'integer', (c) => c.references('users.id'))
      .addColumn('full_name', 'text', (c) => c.notNull())
      // JSON array of pen names, as written (NFC).
      .addColumn('pen_names', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
      .addColumn('position', 'text')
      .addColumn('note', 'text')
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1)),
  ).execute();
  await db.schema.createIndex('royalty_payees_site').on('royalty_payees').columns(['site_id', 'full_name']).execute();

  // One row per assessment version of a published item; the highest version is current.
  await withTimestamps(
    withId(db, db.schema.createTable('royalty_assessments'))
      .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
      .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id'))
      .addColumn('version', 'integer', (c) => c.notNull())
      // Vietnam date of first publication: the policy in force on it applies.
      .addColumn('published_on', 'text', (c) => c.notNull())
      // The monthly period ("2026-11") its lines were booked into.
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('genre_key', 'text', (c) => c.notNull())
      .addColumn('genre_label', 'text', (c) => c.notNull())
      // Coefficient × 100 (2.5 → 250): integers only.
      .addColumn('coefficient_x100', 'integer', (c) => c.notNull())
      // Share of an original's royalty for translations and reuse; 100 otherwise.
      .addColumn('percent', 'integer', (c) => c.notNull())
      .addColumn('unit_value', 'bigint', (c) => c.notNull())
      .addColumn('gross', 'bigint', (c) => c.notNull())
      .addColumn('cap', 'bigint')
      .addColumn('amount', 'bigint', (c) => c.notNull())
      .addColumn('quality_note', 'text')
      .addColumn('policy_rule_id', 'integer', (c) => c.references('rules.id'))
      // The policy version as it was, so a later change never moves an assessed amount.
      .addColumn('policy', 'text', (c) => c.notNull())
      .addColumn('reader_contribution', 'integer', (c) => c.notNull().defaultTo(0))
      // Set when the assessor went on past the budget warning.
      .addColumn('over_budget', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('reason', 'text')
      .addColumn('assessed_by_user_id', 'integer', (c) => c.references('users.id')),
  ).execute();
  await db.schema.createIndex('royalty_assessments_version').unique().on('royalty_assessments').columns(['site_id', 'article_id', 'version']).execute();

  // What is owed to whom, per monthly period. Negative amounts are corrections.
  await withTimestamps(
    withId(db, db.schema.createTable('royalty_lines'))
      .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('payee_id', 'integer', (c) => c.notNull().references('royalty_payees.id'))
      // The payee's unit when the line was written (the per-unit sheet).
      .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
      // 'royalty' | 'editing' | 'collecting' | 'approving' | 'allowance' | 'remuneration' | 'correction'
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('assessment_id', 'integer', (c) => c.references('royalty_assessments.id'))
      .addColumn('article_id', 'integer', (c) => c.references('articles.id'))
      .addColumn('description', 'text', (c) => c.notNull())
      // 'author' | 'co_author' | 'photographer' | 'translator' (royalty lines)
      .addColumn('role', 'text')
      // Share of the item's royalty in basis points (10000 = 100 %).
      .addColumn('share_bp', 'integer')
      .addColumn('amount', 'bigint', (c) => c.notNull())
      // 'royalties' | 'board_remuneration' (the budget line it spends)
      .addColumn('budget_line', 'text', (c) => c.notNull())
      .addColumn('corrects_line_id', 'integer', (c) => c.references('royalty_lines.id'))
      // Pay by this date (publication + the policy's payment days).
      .addColumn('due_on', 'text')
      // Replaced by a re-assessment while its period was open; kept, never shown on a sheet.
      .addColumn('voided_at', 'text')
      .addColumn('paid_on', 'text')
      .addColumn('paid_ref', 'text')
      .addColumn('paid_by_user_id', 'integer', (c) => c.references('users.id'))
      .addColumn('created_by_user_id', 'integer', (c) => c.references('users.id')),
  ).execute();
  await db.schema.createIndex('royalty_lines_period').on('royalty_lines').columns(['site_id', 'period', 'payee_id']).execute();
  await db.schema.createIndex('royalty_lines_assessment').on('royalty_lines').columns(['assessment_id']).execute();

  // A period without a row is open.
  await withTimestamps(
    withId(db, db.schema.createTable('royalty_periods'))
      .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('closed_at', 'text', (c) => c.notNull())
      .addColumn('closed_by_user_id', 'integer', (c) => c.references('users.id'))
      .addColumn('note', 'text'),
  ).execute();
  await db.schema.createIndex('royalty_periods_uq').unique().on('royalty_periods').columns(['site_id', 'period']).execute();

  // Board membership terms behind the yearly allowance, pro rata for part of a year.
  await withTimestamps(
    withId(db, db.schema.createTable('royalty_board_terms'))
      .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
      .addColumn('payee_id', 'integer', (c) => c.notNull().references('royalty_payees.id'))
      // 'head' | 'deputy' | 'member'
      .addColumn('position', 'text', (c) => c.notNull())
      .addColumn('from_on', 'text', (c) => c.notNull())
      .addColumn('to_on', 'text'),
  ).execute();
  await db.schema.createIndex('royalty_board_terms_site').on('royalty_board_terms').columns(['site_id', 'payee_id']).execute();

  // The year's approved budget per line (000 Đ12).
  await withTimestamps(
    withId(db, db.schema.createTable('budget_lines'))
      .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('line', 'text', (c) => c.notNull())
      .addColumn('approved', 'bigint', (c) => c.notNull())
      .addColumn('note', 'text'),
  ).execute();
  await db.schema.createIndex('budget_lines_uq').unique().on('budget_lines').columns(['site_id', 'year', 'line']).execute();

  // Spending recorded by hand (lines other than royalties) and income (promotion, 002 Đ6.2).
  await withTimestamps(
    withId(db, db.schema.createTable('budget_movements'))
      .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
      // 'spending' | 'income'
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('line', 'text', (c) => c.notNull())
      .addColumn('on_date', 'text', (c) => c.notNull())
      .addColumn('amount', 'bigint', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('created_by_user_id', 'integer', (c) => c.references('users.id')),
  ).execute();
  await db.schema.createIndex('budget_movements_site').on('budget_movements').columns(['site_id', 'on_date']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['budget_movements', 'budget_lines', 'royalty_board_terms', 'royalty_periods', 'royalty_lines', 'royalty_assessments', 'royalty_payees']) {
    await db.schema.dropTable(table).execute();
  }
}
