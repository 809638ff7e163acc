// The list of information the agency discloses gets the columns of Decree
// 13/2018 Art. 6 (form of the list): number or symbol, date, form of
// disclosure, time and duration of disclosure — beside its name and link.
// (Procedures keep their publication decision and online launch date in
// their details JSON, revisioned with the rest of the procedure.)
import type { Kysely } from 'kysely';

const COLUMNS = ['doc_number', 'doc_date', 'form', 'disclosed_on', 'duration'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const column of COLUMNS) await db.schema.alterTable('disclosure_items').addColumn(column, 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of [...COLUMNS].reverse()) await db.schema.alterTable('disclosure_items').dropColumn(column).execute();
}
