// The audit chain is keyed (issue 11, ADR 11): each row records the version of
// the key that signed it with HMAC-SHA-256. Rows already written keep their
// plain SHA-256 and get version 0; the key itself never enters the database,
// so nothing here re-signs them. The server verifies them and continues the
// chain under the key at its next start (audit.chain_keyed).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('audit_log').addColumn('key_version', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('audit_log').dropColumn('key_version').execute();
}
