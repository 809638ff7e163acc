// Signing in: password check with lockout and back-off, access to this site,
// and which step the new session still owes (2FA code, 2FA enrolment, new password).
import type { Grants } from '../../core/permissions.ts';
import { systemClock, vietnamDate, type Clock } from '../../core/time.ts';
import type { Db } from '../../platform/db/database.ts';
import type { UserRow } from '../../platform/db/schema.ts';
import { appendAudit, type AuditActor } from '../audit/store.ts';
import { hasAnyAccess, loadGrants } from '../members/grants.ts';
import type { Site } from '../sites/site.ts';
import { burnPasswordCheck, verifyPassword } from './passwords.ts';
import type { SessionStage } from './sessions.ts';
import { findUserByEmail, recordLoginFailure, recordLoginSuccess } from './users-store.ts';

/** Failures allowed before the account is locked; then 1, 2, 4… minutes, at most an hour. */
export const FAILURES_BEFORE_LOCK = 5;
const MAX_LOCK_MINUTES = 60;

/** When an account with this many failures is locked until, or null (not locked). */
export function lockUntil(failures: number, now: Date): string | null {
  const minutes = lockMinutes(failures);
  return minutes > 0 ? new Date(now.getTime() + minutes * 60_000).toISOString() : null;
}

export function lockMinutes(failures: number): number {
  if (failures < FAILURES_BEFORE_LOCK) return 0;
  return Math.min(MAX_LOCK_MINUTES, 2 ** (failures - FAILURES_BEFORE_LOCK));
}

export type LoginResult =
  | { ok: true; user: UserRow; stage: SessionStage; grants: Grants }
  | { ok: false; reason: 'invalid' | 'locked' | 'disabled'; lockedUntil?: string }
  // The right password on a site the account has no part in: the sites it is a member of (ids), to link them.
  | { ok: false; reason: 'no_access'; elsewhere: number[] };

/** The other sites an account is an active member of: shown only once its password (or provider) proved who it is. */
export async function memberSitesOf(db: Db, userId: number, exceptSiteId: number): Promise<number[]> {
  const rows = await db.selectFrom('memberships').select('site_id').where('user_id', '=', userId).where('status', '=', 'active').where('site_id', '!=', exceptSiteId).orderBy('site_id').execute();
  return rows.map((r) => r.site_id);
}

type Origin = Pick<AuditActor, 'ip' | 'userAgent'>;

export async function attemptLogin(
  db: Db,
  site: Site,
  email: string,
  password: string,
  origin: Origin,
  clock: Clock = systemClock,
): Promise<LoginResult> {
  const now = clock.now();
  const user = await findUserByEmail(db, email);
  const audit = (userId: number | null, action: string, details: Record<string, unknown>) =>
    appendAudit(
      db,
      { siteId: site.id, userId, onBehalfOfUserId: null, label: user ? `${user.name} <${user.email}>` : email, ...origin },
      { action, targetType: 'user', ...(userId ? { targetId: userId } : {}), details },
      clock,
    );

  if (!user) {
    await burnPasswordCheck(password);
    await audit(null, 'auth.login_failed', { email, reason: 'unknown_account' });
    return { ok: false, reason: 'invalid' };
  }
  if (user.locked_until && Date.parse(user.locked_until) > now.getTime()) {
    await audit(user.id, 'auth.login_failed', { reason: 'locked' });
    return { ok: false, reason: 'locked', lockedUntil: user.locked_until };
  }
  if (!(await verifyPassword(user.password_hash, password))) {
    const { failures, lockedUntil } = await countFailedAttempt(db, user, now);
    await audit(user.id, 'auth.login_failed', { reason: 'bad_password', failures, ...(lockedUntil ? { lockedUntil } : {}) });
    return lockedUntil ? { ok: false, reason: 'locked', lockedUntil } : { ok: false, reason: 'invalid' };
  }
  if (user.status !== 'active') {
    await audit(user.id, 'auth.login_failed', { reason: 'disabled' });
    return { ok: false, reason: 'disabled' };
  }
  const grants = await loadGrants(db, site, user, vietnamDate(now));
  if (!hasAnyAccess(grants)) {
    await audit(user.id, 'auth.login_failed', { reason: 'no_access_to_site' });
    return { ok: false, reason: 'no_access', elsewhere: await memberSitesOf(db, user.id, site.id) };
  }
  await recordLoginSuccess(db, user.id, now.toISOString());
  const stage = stageAfterPassword(user, site, grants);
  await audit(user.id, 'auth.login', { method: 'password', stage });
  return { ok: true, user, stage, grants };
}

/** A wrong password or code (local, or the directory's): one more failure, and a lock once there are enough. */
export async function countFailedAttempt(db: Db, user: UserRow, now: Date): Promise<{ failures: number; lockedUntil: string | null }> {
  // Counted by the database itself: failures on two nodes at once are both counted.
  return recordLoginFailure(db, user.id, now.toISOString(), (n) => lockUntil(n, now));
}

/** Roles whose holders count as administrators for the "2FA for administrators" setting. */
function isAdministrator(grants: Grants): boolean {
  const adminRoles = new Set(['site_admin', 'editor_in_chief']);
  return grants.platformAdmin || grants.ownRoles.some((r) => adminRoles.has(r)) || grants.delegated.some((d) => adminRoles.has(d.role));
}

export function twoFactorRequired(site: Site, grants: Grants): boolean {
  return site.settings.twoFactor === 'everyone' || (site.settings.twoFactor === 'admins' && isAdministrator(grants));
}

export function stageAfterPassword(user: UserRow, site: Site, grants: Grants): SessionStage {
  if (user.totp_enabled_at) return 'mfa';
  if (twoFactorRequired(site, grants)) return 'enroll_mfa';
  if (user.must_change_password === 1) return 'change_password';
  return 'active';
}

/** After the second factor: the password change may still be owed. */
export function stageAfterSecondFactor(user: UserRow): SessionStage {
  return user.must_change_password === 1 ? 'change_password' : 'active';
}
