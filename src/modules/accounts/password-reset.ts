// One-time links to set a password: e-mailed on request ("forgot password"),
// or made by an administrator for a new or locked-out colleague.
import { DomainError } from '../../core/errors.ts';
import { systemClock, type Clock } from '../../core/time.ts';
import { randomToken, sha256Hex } from '../../platform/crypto.ts';
import type { Db } from '../../platform/db/database.ts';
import type { UserRow } from '../../platform/db/schema.ts';
import { appendAudit, type AuditActor } from '../audit/store.ts';
import { hashPassword, passwordProblems } from './passwords.ts';
import { revokeUserSessions } from './sessions.ts';
import { findUserById, setPasswordHash } from './users-store.ts';

export const SELF_RESET_TTL_MS = 60 * 60 * 1000; // an hour for a requested link
export const ADMIN_RESET_TTL_MS = 72 * 60 * 60 * 1000; // three days for a link handed over by an administrator

/** Creates a link token; only its hash is stored. Earlier unused links of the user stop working. */
export async function createResetToken(
  db: Db,
  input: { userId: number; siteId: number; requestedByUserId: number | null; ttlMs: number },
  clock: Clock = systemClock,
): Promise<string> {
  const token = randomToken();
  const now = clock.now();
  await db
    .updateTable('password_resets')
    .set({ used_at: now.toISOString() })
    .where('user_id', '=', input.userId)
    .where('used_at', 'is', null)
    .execute();
  await db
    .insertInto('password_resets')
    .values({
      token_hash: sha256Hex(token),
      user_id: input.userId,
      site_id: input.siteId,
      requested_by_user_id: input.requestedByUserId,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + input.ttlMs).toISOString(),
      used_at: null,
    })
    .execute();
  return token;
}

/** The account a link is for, when the link is valid on this site. */
export async function findResetTarget(db: Db, token: string, siteId: number, clock: Clock = systemClock): Promise<UserRow | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const row = await db.selectFrom('password_resets').selectAll().where('token_hash', '=', sha256Hex(token)).executeTakeFirst();
  if (!row || row.used_at !== null || row.site_id !== siteId || Date.parse(row.expires_at) <= clock.now().getTime()) return null;
  const user = await findUserById(db, row.user_id);
  return user && user.status === 'active' ? user : null;
}

/** Sets the new password, burns the link, unlocks the account and signs out every session. */
export async function completeReset(
  db: Db,
  token: string,
  siteId: number,
  password: string,
  origin: Pick<AuditActor, 'ip' | 'userAgent'>,
  clock: Clock = systemClock,
): Promise<UserRow> {
  const user = await findResetTarget(db, token, siteId, clock);
  if (!user) {
    throw new DomainError({
      code: 'reset_link_invalid',
      vi: 'Liên kết đặt mật khẩu không còn hiệu lực (đã dùng hoặc quá hạn). Vui lòng yêu cầu liên kết mới.',
      en: 'This password link is no longer valid (used or expired). Please ask for a new one.',
    });
  }
  const problems = passwordProblems(password, user);
  if (problems.length > 0) throw new DomainError(problems);
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    const now = clock.now().toISOString();
    const used = await trx
      .updateTable('password_resets')
      .set({ used_at: now })
      .where('token_hash', '=', sha256Hex(token))
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) throw new DomainError({ code: 'reset_link_invalid', vi: 'Liên kết đã được dùng.', en: 'This link was already used.' });
    await setPasswordHash(trx, user.id, passwordHash, false, now);
    await revokeUserSessions(trx, user.id, {}, clock);
    await appendAudit(
      trx,
      { siteId, userId: user.id, onBehalfOfUserId: null, label: `${user.name} <${user.email}>`, ...origin },
      { action: 'auth.password_reset', targetType: 'user', targetId: user.id },
      clock,
    );
    return user;
  });
}
