// Queries on user accounts. Accounts are installation-wide (one person, one
// e-mail); what they may do on each site comes from memberships.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { UserRow } from '../../platform/db/schema.ts';

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
}

export async function findUserById(db: Db, id: number): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Counts a failed sign-in in the database itself (failed_login_count + 1), so that
 * attempts racing on several nodes (or one) are all counted; locks the account
 * when `lockUntil` says so for the new count.
 */
export async function recordLoginFailure(db: Db, userId: number, now: string, lockUntil: (failures: number) => string | null): Promise<{ failures: number; lockedUntil: string | null }> {
  const row = await db
    .updateTable('users')
    .set({ failed_login_count: sql<number>`failed_login_count + 1`, updated_at: now })
    .where('id', '=', userId)
    .returning('failed_login_count')
    .executeTakeFirstOrThrow();
  const failures = Number(row.failed_login_count);
  const lockedUntil = lockUntil(failures);
  if (lockedUntil) await db.updateTable('users').set({ locked_until: lockedUntil }).where('id', '=', userId).execute();
  return { failures, lockedUntil };
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
