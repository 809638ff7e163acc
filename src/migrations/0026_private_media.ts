// Private library files (issue 16): a file uploaded for an internal field (a
// business's confirmation letter) or marked "Tài liệu nội bộ" is served only to
// signed-in members of its site, never offered in picture lists or public pages.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('media').addColumn('private', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('media').dropColumn('private').execute();
}
