// Single sign-on (issue 17, ADR 31): the link between an account and its identity at the
// province's shared login (OpenID Connect `sub`, or the directory entry of an LDAP bind).
// Made once, by a verified e-mail; afterwards the subject alone finds the account, so an
// e-mail changed at the identity provider cannot take over someone else's account.
import type { Kysely } from 'kysely';
import { withId } from './helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('user_identities'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    // oidc | ldap
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    // The e-mail the link was made with, for the record.
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('user_identities_subject_idx').on('user_identities').columns(['provider', 'subject']).unique().execute();
  await db.schema.createIndex('user_identities_user_idx').on('user_identities').columns(['user_id', 'provider']).unique().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('user_identities').execute();
}
