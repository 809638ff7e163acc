// Provision records (issue 13): what the board needs to know about an item to
// count it against quotas and provision deadlines. When the board received it
// (the date of arrival or of e-mail receipt, 001 Đ6: the 3-day approval counts
// from there), how it arrived, which provision deadline applies to it, and the
// board member who vouched for it. Old items keep nulls: receipt then falls back
// to their first submission.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('articles').addColumn('received_at', 'text').execute();
  // 'system' (submitted here), 'email', 'paper', 'phone'.
  await db.schema.alterTable('articles').addColumn('received_via', 'text').execute();
  // Which provision deadline rule applies (core/provision): null = none.
  await db.schema.alterTable('articles').addColumn('provision_category', 'text').execute();
  // No foreign key: SQLite cannot drop a column that has one.
  await db.schema.alterTable('articles').addColumn('vouched_by_user_id', 'integer').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ['vouched_by_user_id', 'provision_category', 'received_via', 'received_at']) {
    await db.schema.alterTable('articles').dropColumn(column).execute();
  }
}
