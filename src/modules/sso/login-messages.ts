// What the sign-in page says when a sign-in (password, directory or shared login) is refused.
import { formatDateTime, type Clock } from '../../core/time.ts';
import { format, type Lang } from '../../ui/i18n.ts';
import type { FastifyRequest } from 'fastify';
import type { AppDeps } from '../../platform/http/context.ts';
import { originOf } from '../../platform/http/request-info.ts';
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

/**
 * Sign-in links of the sites a refused account is a member of (reason "no_access": its password or
 * provider proved who it is), so an official who came to the wrong portal can go on to their own.
 */
export async function memberSiteLinks(deps: AppDeps, request: FastifyRequest, result: { ok: false; reason: string; elsewhere?: number[] }): Promise<MemberSiteLink[]> {
  if (result.reason !== 'no_access' || !result.elsewhere?.length) return [];
  const links: MemberSiteLink[] = [];
  for (const id of result.elsewhere.slice(0, MAX_SITE_LINKS)) {
    const site = await deps.sites.byIdOrNull(id);
    if (site?.status === 'active' && site.primaryHost) links.push({ name: request.lang === 'en' && site.nameEn ? site.nameEn : site.name, url: `${originOf(request, site.primaryHost)}/admin/login` });
  }
  return links;
}

/** A site to sign in on instead. */
export interface MemberSiteLink {
  name: string;
  url: string;
}

/** An account may belong to many sites (a province's IT staff): the first few are enough to go on. */
const MAX_SITE_LINKS = 10;

