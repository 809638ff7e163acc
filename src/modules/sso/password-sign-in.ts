// The sign-in form's password: the province's directory first (when LDAP is configured), then
// the local password — unless the site turned local passwords off. The installation
// administrator keeps a local way in on every site (break-glass, ADR 31), even when the
// directory knows their e-mail and refuses the password given (then the local one is tried).
import { systemClock, type Clock } from '../../core/time.ts';
import type { Db } from '../../platform/db/database.ts';
import { appendAudit, type AuditActor } from '../audit/store.ts';
import { attemptLogin, countFailedAttempt, type LoginResult } from '../accounts/login.ts';
import { burnPasswordCheck } from '../accounts/passwords.ts';
import { findUserByEmail } from '../accounts/users-store.ts';
import type { Site } from '../sites/site.ts';
import type { LdapConfig } from './config.ts';
import { completeExternalLogin, type ExternalLoginResult } from './external-login.ts';
import { checkDirectoryPassword } from './ldap.ts';

export type PasswordSignInResult = ExternalLoginResult | { ok: false; reason: 'local_off' | 'directory_unavailable' };

type Origin = Pick<AuditActor, 'ip' | 'userAgent'>;

export function localPasswordsAllowed(site: Site): boolean {
  return site.settings.localPasswords !== false;
}

export async function signInWithPassword(
  db: Db,
  ldap: LdapConfig | null,
  site: Site,
  email: string,
  password: string,
  origin: Origin,
  log: { warn: (obj: object, msg: string) => void },
  clock: Clock = systemClock,
): Promise<PasswordSignInResult> {
  const user = await findUserByEmail(db, email);
  const audit = (action: string, details: Record<string, unknown>) =>
    appendAudit(
      db,
      { siteId: site.id, userId: user?.id ?? null, onBehalfOfUserId: null, label: user ? `${user.name} <${user.email}>` : email, ...origin },
      { action, targetType: 'user', ...(user ? { targetId: user.id } : {}), details },
      clock,
    );
  let directoryDown = false;
  if (ldap) {
    // A locked account is not tried against the directory at all.
    if (user?.locked_until && Date.parse(user.locked_until) > clock.now().getTime()) {
      await audit('auth.login_failed', { method: 'ldap', reason: 'locked' });
      return { ok: false, reason: 'locked', lockedUntil: user.locked_until };
    }
    const answer = await checkDirectoryPassword(ldap, email, password);
    if (answer.kind === 'ok') {
      return completeExternalLogin(db, site, { provider: 'ldap', subject: answer.subject, email: answer.email, emailVerified: true, mfa: false }, origin, clock);
    }
    // Break-glass (ADR 31): an installation administrator whom the directory knows too, with
    // another password there, is tried against the local password next. attemptLogin counts a
    // wrong local password toward the lockout and audits it: one failure per attempt, not two.
    if (answer.kind === 'bad_password' && user?.is_platform_admin === 1) {
      log.warn({ userId: user.id }, 'directory refused an installation administrator; trying the local password');
    } else if (answer.kind === 'bad_password') {
      if (!user) {
        await audit('auth.login_failed', { method: 'ldap', reason: 'unknown_account', email });
        return { ok: false, reason: 'invalid' };
      }
      const { failures, lockedUntil } = await countFailedAttempt(db, user, clock.now());
      await audit('auth.login_failed', { method: 'ldap', reason: 'bad_password', failures, ...(lockedUntil ? { lockedUntil } : {}) });
      return lockedUntil ? { ok: false, reason: 'locked', lockedUntil } : { ok: false, reason: 'invalid' };
    }
    if (answer.kind === 'unavailable') {
      directoryDown = true;
      log.warn({ ldap: answer.message }, 'LDAP directory unavailable; trying the local password');
    }
  }
  if (!localPasswordsAllowed(site) && user?.is_platform_admin !== 1) {
    await burnPasswordCheck(password);
    await audit('auth.login_failed', { method: 'password', reason: directoryDown ? 'directory_unavailable' : 'local_passwords_off', ...(user ? {} : { email }) });
    return { ok: false, reason: directoryDown ? 'directory_unavailable' : 'local_off' };
  }
  return attemptLogin(db, site, email, password, origin, clock) as Promise<LoginResult>;
}
