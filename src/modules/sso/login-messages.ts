// What the sign-in page says when a sign-in (password, directory or shared login) is refused.
import { formatDateTime, type Clock } from '../../core/time.ts';
import { format, type Lang } from '../../ui/i18n.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { accountText } from '../accounts/messages.ts';
import type { PasswordSignInResult } from './password-sign-in.ts';
import type { SsoButton } from './pages.tsx';
import { ssoText } from './messages.ts';

export function loginRefusal(result: Extract<PasswordSignInResult, { ok: false }>, lang: Lang, clock: Clock): string {
  const t = accountText(lang);
  const s = ssoText(lang);
  const messages: Record<typeof result.reason, string> = {
    invalid: t.invalid,
    locked: format(t.locked, { time: formatDateTime(('lockedUntil' in result ? result.lockedUntil : undefined) ?? clock.now().toISOString()) }),
    disabled: t.disabled,
    no_access: t.noAccess,
    unverified_email: s.unverifiedEmail,
    unknown_account: s.unknownAccount,
    linked_elsewhere: s.linkedElsewhere,
    local_off: s.localOff,
    directory_unavailable: s.directoryUnavailable,
  };
  return messages[result.reason];
}

/** The shared-login button of the sign-in page, when the installation has an OpenID Connect provider. */
export function ssoButton(deps: AppDeps): SsoButton | null {
  const oidc = deps.config.sso?.oidc;
  return oidc ? { displayName: oidc.displayName } : null;
}
