// What an assessment decided beyond its amount: the shares (payee, role, basis
// points) and the per-item remuneration rows (kind, payee, amount), as JSON, so
// a version can be read back and re-assessed from what it said — its lines
// alone cannot tell, once some were closed and corrected.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('royalty_assessments').addColumn('shares', 'text', (c) => c.notNull().defaultTo('[]')).execute();
  await db.schema.alterTable('royalty_assessments').addColumn('remuneration', 'text', (c) => c.notNull().defaultTo('[]')).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('royalty_assessments').dropColumn('remuneration').execute();
  await db.schema.alterTable('royalty_assessments').dropColumn('shares').execute();
}
