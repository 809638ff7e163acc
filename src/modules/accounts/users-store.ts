// Queries on user accounts. Accounts are installation-wide (one person, one
// e-mail); what they may do on each site comes from memberships.
import type { Db } from '../../platform/db/database.ts';
import type { UserRow } from '../../platform/db/schema.ts';

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
}

export async function findUserById(db: Db, id: number): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function recordLoginFailure(db: Db, userId: number, failedCount: number, lockedUntil: string | null, now: string): Promise<void> {
  await db.updateTable('users').set({ failed_login_count: failedCount, locked_until: lockedUntil, updated_at: now }).where('id', '=', userId).execute();
}

export async function recordLoginSuccess(db: Db, userId: number, now: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ failed_login_count: 0, locked_until: null, last_login_at: now, updated_at: now })
    .where('id', '=', userId)
    .execute();
}

export async function setPasswordHash(db: Db, userId: number, passwordHash: string, mustChange: boolean, now: string): Promise<void> {
  await db
    .updateTable('users')
    .set({
      password_hash: passwordHash,
      must_change_password: mustChange ? 1 : 0,
      password_changed_at: now,
      failed_login_count: 0,
      locked_until: null,
      updated_at: now,
    })
    .where('id', '=', userId)
    .execute();
}
