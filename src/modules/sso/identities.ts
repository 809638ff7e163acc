// The links between accounts and their identities at the shared login (table user_identities).
import type { Db } from '../../platform/db/database.ts';

export type IdentityProvider = 'oidc' | 'ldap';

export async function findIdentity(db: Db, provider: IdentityProvider, subject: string) {
  return db.selectFrom('user_identities').selectAll().where('provider', '=', provider).where('subject', '=', subject).executeTakeFirst();
}

export async function identityOfUser(db: Db, userId: number, provider: IdentityProvider) {
  return db.selectFrom('user_identities').selectAll().where('user_id', '=', userId).where('provider', '=', provider).executeTakeFirst();
}

export async function linkIdentity(db: Db, input: { userId: number; provider: IdentityProvider; subject: string; email: string }, now: string): Promise<void> {
  await db
    .insertInto('user_identities')
    .values({ user_id: input.userId, provider: input.provider, subject: input.subject, email: input.email, created_at: now, last_used_at: now })
    .execute();
}

export async function touchIdentity(db: Db, id: number, now: string): Promise<void> {
  await db.updateTable('user_identities').set({ last_used_at: now }).where('id', '=', id).execute();
}
