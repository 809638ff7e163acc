// The answer as published, apart from the answer mailed to the requester: a
// unit's answer often names the requester or their address, and the board
// removes personal data from it as from the question before it goes public.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('citizen_cases').addColumn('public_answer', 'text').execute();
  // Answers public before this column stay as they were published.
  await db.updateTable('citizen_cases').set({ public_answer: sql`answer` }).where('published_at', 'is not', null).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('citizen_cases').dropColumn('public_answer').execute();
}
