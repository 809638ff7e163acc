// Signing in with an identity the shared login vouched for (OIDC ID token, LDAP bind).
// The account is found by its linked subject; the first time, by the verified e-mail, and
// the link is then recorded. The shared login never grants a role: the person must already
// be a member of this site. The site's two-factor rule still applies (ADR 31).
import type { Grants } from '../../core/permissions.ts';
import { systemClock, vietnamDate, type Clock } from '../../core/time.ts';
import type { Db } from '../../platform/db/database.ts';
import type { UserRow } from '../../platform/db/schema.ts';
import { appendAudit, type AuditActor } from '../audit/store.ts';
import { memberSitesOf, twoFactorRequired, type LoginResult } from '../accounts/login.ts';
import type { SessionStage } from '../accounts/sessions.ts';
import { findUserByEmail, findUserById, recordLoginSuccess } from '../accounts/users-store.ts';
import { hasAnyAccess, loadGrants } from '../members/grants.ts';
import type { Site } from '../sites/site.ts';
import { findIdentity, identityOfUser, linkIdentity, touchIdentity, type IdentityProvider } from './identities.ts';

export interface ExternalIdentity {
  provider: IdentityProvider;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  /** The provider asserted a second factor and the installation trusts that assertion. */
  mfa: boolean;
}

export type ExternalRefusal = 'unverified_email' | 'unknown_account' | 'linked_elsewhere';
export type ExternalLoginResult = LoginResult | { ok: false; reason: ExternalRefusal };

type Origin = Pick<AuditActor, 'ip' | 'userAgent'>;

export function stageAfterExternal(user: UserRow, site: Site, grants: Grants, mfaAsserted: boolean): SessionStage {
  if (mfaAsserted) return 'active';
  if (user.totp_enabled_at) return 'mfa';
  if (twoFactorRequired(site, grants)) return 'enroll_mfa';
  return 'active';
}

export async function completeExternalLogin(db: Db, site: Site, identity: ExternalIdentity, origin: Origin, clock: Clock = systemClock): Promise<ExternalLoginResult> {
  const now = clock.now();
  const method = identity.provider;
  const email = identity.email?.trim().toLowerCase() ?? null;
  const linked = await findIdentity(db, identity.provider, identity.subject);
  let user: UserRow | undefined = linked ? await findUserById(db, linked.user_id) : undefined;
  const audit = (action: string, details: Record<string, unknown>) =>
    appendAudit(
      db,
      { siteId: site.id, userId: user?.id ?? null, onBehalfOfUserId: null, label: user ? `${user.name} <${user.email}>` : (email ?? identity.subject), ...origin },
      { action, targetType: 'user', ...(user ? { targetId: user.id } : {}), details: { method, ...details } },
      clock,
    );

  if (!user) {
    if (!email || !identity.emailVerified) {
      await audit('auth.login_failed', { reason: 'unverified_email', ...(email ? { email } : {}) });
      return { ok: false, reason: 'unverified_email' };
    }
    user = await findUserByEmail(db, email);
    if (!user) {
      await audit('auth.login_failed', { reason: 'unknown_account', email });
      return { ok: false, reason: 'unknown_account' };
    }
    // Another identity of this provider already holds the account: an e-mail changed at the provider must not take it over.
    if (await identityOfUser(db, user.id, identity.provider)) {
      await audit('auth.login_failed', { reason: 'linked_elsewhere', email });
      return { ok: false, reason: 'linked_elsewhere' };
    }
  }
  if (user.locked_until && Date.parse(user.locked_until) > now.getTime()) {
    await audit('auth.login_failed', { reason: 'locked' });
    return { ok: false, reason: 'locked', lockedUntil: user.locked_until };
  }
  if (user.status !== 'active') {
    await audit('auth.login_failed', { reason: 'disabled' });
    return { ok: false, reason: 'disabled' };
  }
  const grants = await loadGrants(db, site, user, vietnamDate(now));
  if (!hasAnyAccess(grants)) {
    await audit('auth.login_failed', { reason: 'no_access_to_site' });
    return { ok: false, reason: 'no_access', elsewhere: await memberSitesOf(db, user.id, site.id) };
  }
  if (linked) await touchIdentity(db, linked.id, now.toISOString());
  else {
    await linkIdentity(db, { userId: user.id, provider: identity.provider, subject: identity.subject, email: email! }, now.toISOString());
    await audit('auth.identity_linked', { email });
  }
  await recordLoginSuccess(db, user.id, now.toISOString());
  const stage = stageAfterExternal(user, site, grants, identity.mfa);
  await audit('auth.login', { stage, ...(identity.mfa ? { mfaAtProvider: true } : {}) });
  return { ok: true, user, stage, grants };
}
