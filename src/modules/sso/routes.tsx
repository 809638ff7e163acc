// Single sign-on routes (ADR 31): the OpenID Connect redirect and callback on the site's own
// configured address, and the site's sign-in methods (local passwords on or off, site admin).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../platform/http/context.ts';
import { FormReader } from '../../platform/http/form.ts';
import { redirectWithFlash } from '../../platform/http/flash.ts';
import { actorOf, clientIp, cookieSecure, safeLocalPath, userAgent } from '../../platform/http/request-info.ts';
import { emptyForm, type FormState } from '../../ui/components/form.tsx';
import { appendAudit } from '../audit/store.ts';
import { pageContext, sendHtml } from '../backoffice/render.ts';
import { setSessionCookie } from '../accounts/http-auth.ts';
import { LoginPage } from '../accounts/pages.tsx';
import { afterStage } from '../accounts/routes.tsx';
import { createSession } from '../accounts/sessions.ts';
import { completeExternalLogin } from './external-login.ts';
import { loginRefusal, memberSiteLinks, ssoButton, type MemberSiteLink } from './login-messages.ts';
import { ssoText } from './messages.ts';
import { CALLBACK_PATH, OidcClient, type OidcTransaction } from './oidc.ts';
import { SignInSettingsPage } from './pages.tsx';
import { localPasswordsAllowed } from './password-sign-in.ts';

const TRANSACTION_COOKIE = 'tt_sso';
const TRANSACTION_PATH = '/admin/login/sso';
const publicAccess = { access: { kind: 'public' as const } };
// The redirect and the callback guess nothing (state, nonce and PKCE are random): a looser limit than passwords.
const ssoLimit = { max: 30, timeWindow: '1 minute' };

export function registerSsoRoutes(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.database.db;
  const clock = deps.clock;
  const oidcSettings = deps.config.sso?.oidc ?? null;
  const oidc = oidcSettings ? new OidcClient(oidcSettings) : null;

  const loginPage = async (request: FastifyRequest, reply: FastifyReply, message: string, status: number, memberSites: MemberSiteLink[] = []) =>
    sendHtml(reply, <LoginPage ctx={await pageContext(deps, request, reply)} form={emptyForm()} next="/admin" message={message} sso={ssoButton(deps)} memberSites={memberSites} />, status);

  if (oidc) {
    app.get(TRANSACTION_PATH, { config: { ...publicAccess, rateLimit: ssoLimit } }, async (request, reply) => {
      const next = safeLocalPath((request.query as { next?: unknown }).next, '/admin');
      // The callback is on the site's configured address: start there, so the transaction cookie comes back.
      const canonical = new URL(request.siteOrigin);
      if (request.hostname.toLowerCase() !== canonical.hostname.toLowerCase()) {
        return reply.redirect(`${request.siteOrigin}${TRANSACTION_PATH}?next=${encodeURIComponent(next)}`, 302);
      }
      let started;
      try {
        started = await oidc.start(request.site.id, request.siteOrigin, next);
      } catch (error) {
        request.log.warn({ err: { message: (error as Error).message } }, 'OpenID Connect provider unavailable');
        return loginPage(request, reply, ssoText(request.lang).unavailable, 503);
      }
      reply.setCookie(TRANSACTION_COOKIE, JSON.stringify(started.transaction), {
        path: TRANSACTION_PATH,
        httpOnly: true,
        sameSite: 'lax',
        secure: cookieSecure(request),
        signed: true,
        maxAge: 600,
      });
      return reply.redirect(started.url.href, 302);
    });

    app.get(CALLBACK_PATH, { config: { ...publicAccess, rateLimit: ssoLimit } }, async (request, reply) => {
      const t = ssoText(request.lang);
      const origin = { ip: clientIp(request), userAgent: userAgent(request) };
      const raw = request.cookies[TRANSACTION_COOKIE];
      reply.clearCookie(TRANSACTION_COOKIE, { path: TRANSACTION_PATH });
      const unsigned = raw ? request.unsignCookie(raw) : null;
      let transaction: OidcTransaction | null = null;
      try {
        transaction = unsigned?.valid && unsigned.value ? (JSON.parse(unsigned.value) as OidcTransaction) : null;
      } catch {
        transaction = null;
      }
      const fail = async (reason: string, message: string) => {
        await appendAudit(db, { siteId: request.site.id, userId: null, onBehalfOfUserId: null, label: 'oidc', ...origin }, { action: 'auth.login_failed', targetType: 'user', details: { method: 'oidc', reason } }, clock);
        return loginPage(request, reply, message, 400);
      };
      if (!transaction || transaction.siteId !== request.site.id) return fail('no_transaction', t.failed);
      let identity;
      try {
        // The address the provider sent the browser to, rebuilt from the site's configured origin.
        identity = await oidc.finish(new URL(request.url, request.siteOrigin), transaction);
      } catch (error) {
        request.log.warn({ err: { message: (error as Error).message } }, 'OpenID Connect callback refused');
        return fail('oidc_error', t.failed);
      }
      const result = await completeExternalLogin(db, request.site, identity, origin, clock);
      if (!result.ok) return loginPage(request, reply, loginRefusal(result, request.lang, clock), 403, await memberSiteLinks(deps, request, result));
      const session = await createSession(db, { userId: result.user.id, siteId: request.site.id, stage: result.stage, ...origin }, clock);
      setSessionCookie(request, reply, session.token);
      return reply.redirect(afterStage(result.stage, safeLocalPath(transaction.next, '/admin')), 303);
    });
  }

  // ---- The site's sign-in methods (site admin) ------------------------------
  const settings = { access: { kind: 'permission' as const, permission: 'site.settings' as const } };
  const settingsPage = async (request: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) =>
    sendHtml(reply, <SignInSettingsPage ctx={await pageContext(deps, request, reply)} form={form} oidc={!!deps.config.sso?.oidc} ldap={!!deps.config.sso?.ldap} stored={localPasswordsAllowed(request.site)} />, status);

  app.get('/admin/site/sign-in', { config: settings }, async (request, reply) =>
    settingsPage(request, reply, emptyForm({ localPasswords: localPasswordsAllowed(request.site) ? 'on' : '' })),
  );

  app.post('/admin/site/sign-in', { config: settings }, async (request, reply) => {
    const t = ssoText(request.lang);
    const form = new FormReader(request.body, request.lang);
    const localPasswords = form.checkbox('localPasswords');
    // Without a shared login, turning local passwords off would leave only the IT centre able to sign in.
    if (!localPasswords && !deps.config.sso?.oidc && !deps.config.sso?.ldap) form.fail('localPasswords', t.needsSso);
    if (!form.ok) {
      // Refused: the box shows what is stored, not what was asked for.
      form.values.localPasswords = localPasswordsAllowed(request.site) ? 'on' : '';
      return settingsPage(request, reply, form, 400);
    }
    const site = request.site;
    const now = clock.now().toISOString();
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('sites').set({ settings: JSON.stringify({ ...site.settings, localPasswords }), updated_at: now }).where('id', '=', site.id).execute();
      await appendAudit(trx, actorOf(request), { action: 'site.sign_in_methods', targetType: 'site', targetId: site.id, details: { localPasswords: { from: localPasswordsAllowed(site), to: localPasswords } } }, clock);
    });
    deps.sites.invalidate();
    return redirectWithFlash(reply, '/admin/site/sign-in', { kind: 'success', text: t.saved });
  });
}
