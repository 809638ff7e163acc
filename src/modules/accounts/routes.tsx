// Sign-in, second factor, forgotten password, and the user's own account page.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../core/errors.ts';
import { format } from '../../ui/i18n.ts';
import { formatDateTime, vietnamDate } from '../../core/time.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { addProblems, FormReader } from '../../platform/http/form.ts';
import { redirectWithFlash } from '../../platform/http/flash.ts';
import { actorOf, clientIp, safeLocalPath, userAgent } from '../../platform/http/request-info.ts';
import { emptyForm } from '../../ui/components/form.tsx';
import { can } from '../../core/permissions.ts';
import { appendAudit } from '../audit/store.ts';
import { hasAnyAccess, loadGrants } from '../members/grants.ts';
import { pageContext, sendHtml } from '../backoffice/render.ts';
import { lockUntil, stageAfterSecondFactor, twoFactorRequired } from './login.ts';
import { loginRefusal, memberSiteLinks, ssoButton, type MemberSiteLink } from '../sso/login-messages.ts';
import { signInWithPassword } from '../sso/password-sign-in.ts';
import { accountText } from './messages.ts';
import { AccountPage, ChangePasswordPage, ForgotPasswordPage, LoginPage, ResetPasswordPage, TwoFactorPage, TwoFactorSettingsPage } from './pages.tsx';
import { completeReset, createResetToken, findResetTarget, SELF_RESET_TTL_MS } from './password-reset.ts';
import { hashPassword, passwordProblems, verifyPassword } from './passwords.ts';
import { createSession, listLiveSessions, revokeSession, revokeUserSessions, setSessionStage, type SessionStage } from './sessions.ts';
import { clearSessionCookie, setSessionCookie, STAGE_PAGES } from './http-auth.ts';
import { confirmEnrollment, disableTwoFactor, enrollmentFor, pendingSecret, startEnrollment, verifyLoginCode } from './two-factor.ts';
import { findUserByEmail, findUserById, recordLoginFailure, setPasswordHash } from './users-store.ts';
import { fold } from '../../core/vietnamese/index.ts';
import { bumpSitesOfPerson } from '../public/content-version.ts';
import { clientKeyOf } from '../../platform/limits/client-key.ts';

const publicAccess = { access: { kind: 'public' as const } };
/** A password reset by its link: per address (the account is the link's, and its token is not guessable). */
const resetLimit = { max: 10, timeWindow: '1 minute' };
/**
 * Steps of a signed-in person (the second factor at sign-in, changing a password, turning 2FA on or
 * off): per address and account, for the same reason as signing in. The session is known by then
 * (preHandler); each account still locks after repeated wrong codes or passwords.
 */
const perAccountLimit = {
  max: 10,
  timeWindow: '1 minute',
  hook: 'preHandler' as const,
  keyGenerator: (request: FastifyRequest) => `${clientKeyOf(request)}|u${request.auth?.user.id ?? ''}`,
};
/**
 * Sign-in attempts are counted per address *and* account: the officials of an agency, or of every
 * agency on a province's network, reach the portal from one address and sign in together when the
 * office opens; counted per address alone, the eleventh of them was refused. Each account also locks
 * after repeated wrong passwords (recordLoginFailure). The body is read first (preHandler).
 */
const signInPerAccount = {
  max: 10,
  timeWindow: '1 minute',
  hook: 'preHandler' as const,
  keyGenerator: (request: FastifyRequest) => {
    const email = (request.body as { email?: unknown } | undefined)?.email;
    return `${clientKeyOf(request)}|${typeof email === 'string' ? fold(email).trim().slice(0, 254) : ''}`;
  },
};
/** A wider bound per address a minute: guessing across many accounts from one address. */
const SIGN_IN_PER_ADDRESS = 120;

/** The address of a page on the request's own site, for links sent by e-mail: its configured origin, never the Host header. */
export function absoluteUrl(request: FastifyRequest, path: string): string {
  return `${request.siteOrigin}${path}`;
}

export function afterStage(stage: SessionStage, next: string): string {
  return stage === 'active' ? next : stage === 'mfa' ? `${STAGE_PAGES.mfa}?next=${encodeURIComponent(next)}` : STAGE_PAGES[stage];
}

export function registerAccountRoutes(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.database.db;
  const clock = deps.clock;

  // ---- Sign in / out -------------------------------------------------------
  app.get('/admin/login', { config: publicAccess }, async (request, reply) => {
    const next = safeLocalPath((request.query as { next?: unknown }).next, '/admin');
    if (request.auth?.stage === 'active') return reply.redirect(next);
    return sendHtml(reply, <LoginPage ctx={await pageContext(deps, request, reply)} form={emptyForm()} next={next} sso={ssoButton(deps)} />);
  });

  // Counted by hand: the rate-limit plugin runs one limiter per request, and the route's counts per account.
  const signInFromAddress = async (request: FastifyRequest, reply: FastifyReply) => {
    const tally = await deps.limits.hit(deps.limits.rateKey('sign-in.address', clientKeyOf(request)), 60_000);
    if (tally.count <= SIGN_IN_PER_ADDRESS) return;
    reply.header('retry-after', String(Math.max(1, Math.ceil(tally.resetMs / 1000))));
    throw Object.assign(new Error('too many sign-in attempts from one address'), { statusCode: 429 });
  };
  app.post('/admin/login', { config: { ...publicAccess, rateLimit: signInPerAccount }, onRequest: signInFromAddress }, async (request, reply) => {
    const t = accountText(request.lang);
    const form = new FormReader(request.body, request.lang);
    const email = form.email('email', { label: t.email, required: true });
    const password = form.password('password', { label: t.password, required: true });
    const next = safeLocalPath((request.body as { next?: unknown }).next, '/admin');
    const render = async (message?: string, memberSites: MemberSiteLink[] = []) =>
      sendHtml(reply, <LoginPage ctx={await pageContext(deps, request, reply)} form={form} next={next} message={message} sso={ssoButton(deps)} memberSites={memberSites} />, message ? 401 : 400);
    if (!form.ok || !email || !password) return render();

    // The province's directory first when configured, then the local password if this site allows it (ADR 31).
    const result = await signInWithPassword(db, deps.config.sso?.ldap ?? null, request.site, email, password, { ip: clientIp(request), userAgent: userAgent(request) }, request.log, clock);
    if (!result.ok) return render(loginRefusal(result, request.lang, clock), await memberSiteLinks(deps, request, result));
    const session = await createSession(db, { userId: result.user.id, siteId: request.site.id, stage: result.stage, ip: clientIp(request), userAgent: userAgent(request) }, clock);
    setSessionCookie(request, reply, session.token);
    return reply.redirect(afterStage(result.stage, next), 303);
  });

  // Public so that an expired session can still clear its cookie.
  app.post('/admin/logout', { config: publicAccess }, async (request, reply) => {
    const auth = request.auth;
    if (auth?.sessionId) {
      await revokeSession(db, auth.sessionId, clock);
      await appendAudit(db, actorOf(request), { action: 'auth.logout', targetType: 'user', targetId: auth.user.id }, clock);
    }
    clearSessionCookie(reply);
    return redirectWithFlash(reply, '/admin/login', { kind: 'info', text: accountText(request.lang).loggedOut });
  });

  // ---- Second factor at sign-in ---------------------------------------------
  app.get('/admin/login/2fa', { config: { access: { kind: 'signed-in', stages: ['mfa'] } } }, async (request, reply) => {
    const next = safeLocalPath((request.query as { next?: unknown }).next, '/admin');
    return sendHtml(reply, <TwoFactorPage ctx={await pageContext(deps, request, reply)} form={emptyForm()} next={next} />);
  });

  app.post('/admin/login/2fa', { config: { access: { kind: 'signed-in', stages: ['mfa'] }, rateLimit: perAccountLimit } }, async (request, reply) => {
    const t = accountText(request.lang);
    const auth = request.auth!;
    const form = new FormReader(request.body, request.lang);
    const code = form.text('code', { label: t.code, required: true, max: 12 });
    const next = safeLocalPath((request.body as { next?: unknown }).next, '/admin');
    const user = (await findUserById(db, auth.user.id))!;
    if (code && (await verifyLoginCode(db, deps.keys.totp, user, code, clock))) {
      const stage = stageAfterSecondFactor(user);
      await setSessionStage(db, auth.sessionId!, stage);
      await appendAudit(db, actorOf(request), { action: 'auth.mfa_passed', targetType: 'user', targetId: user.id }, clock);
      return reply.redirect(afterStage(stage, next), 303);
    }
    // A wrong code counts towards the lockout, like a wrong password.
    const now = clock.now();
    const { failures, lockedUntil } = await recordLoginFailure(db, user.id, now.toISOString(), (n) => lockUntil(n, now));
    await appendAudit(db, actorOf(request), { action: 'auth.mfa_failed', targetType: 'user', targetId: user.id, details: { failures } }, clock);
    if (lockedUntil) {
      await revokeSession(db, auth.sessionId!, clock);
      clearSessionCookie(reply);
      return redirectWithFlash(reply, '/admin/login', { kind: 'error', text: format(t.locked, { time: formatDateTime(lockedUntil) }) });
    }
    if (code) form.fail('code', t.wrongCode);
    return sendHtml(reply, <TwoFactorPage ctx={await pageContext(deps, request, reply)} form={form} next={next} />, 401);
  });

  // ---- Forgotten password ---------------------------------------------------
  app.get('/admin/password/forgot', { config: publicAccess }, async (request, reply) =>
    sendHtml(reply, <ForgotPasswordPage ctx={await pageContext(deps, request, reply)} form={emptyForm()} sent={false} />),
  );

  app.post('/admin/password/forgot', { config: { ...publicAccess, rateLimit: { max: 5, timeWindow: '15 minutes' } } }, async (request, reply) => {
    const t = accountText(request.lang);
    const form = new FormReader(request.body, request.lang);
    const email = form.email('email', { label: t.email, required: true });
    if (!form.ok || !email) return sendHtml(reply, <ForgotPasswordPage ctx={await pageContext(deps, request, reply)} form={form} sent={false} />, 400);
    const user = await findUserByEmail(db, email);
    if (user && user.status === 'active') {
      const grants = await loadGrants(db, request.site, user, vietnamDate(clock.now()));
      if (hasAnyAccess(grants)) {
        const token = await createResetToken(db, { userId: user.id, siteId: request.site.id, requestedByUserId: null, ttlMs: SELF_RESET_TTL_MS }, clock);
        await appendAudit(db, { ...actorOf(request), userId: user.id, label: `${user.name} <${user.email}>` }, { action: 'auth.password_reset_requested', targetType: 'user', targetId: user.id }, clock);
        const link = absoluteUrl(request, `/admin/password/reset/${token}`);
        const site = request.lang === 'en' && request.site.nameEn ? request.site.nameEn : request.site.name;
        // After the change is stored: a mail failure must not undo it, only be logged.
        await deps.mailer
          .send({ to: user.email, subject: format(t.resetMailSubject, { site }), text: format(t.resetMailBody, { name: user.name, site, hours: 1, link }) })
          .catch((err: Error) => request.log.error({ err: { message: err.message } }, 'password reset mail failed'));
      }
    }
    // The same answer whether or not the account exists.
    return sendHtml(reply, <ForgotPasswordPage ctx={await pageContext(deps, request, reply)} form={emptyForm()} sent={true} />);
  });

  app.get('/admin/password/reset/:token', { config: publicAccess }, async (request, reply) => {
    const { token } = request.params as { token: string };
    const valid = (await findResetTarget(db, token, request.site.id, clock)) !== null;
    return sendHtml(reply, <ResetPasswordPage ctx={await pageContext(deps, request, reply)} form={emptyForm()} token={token} valid={valid} />, valid ? 200 : 410);
  });

  app.post('/admin/password/reset/:token', { config: { ...publicAccess, rateLimit: resetLimit } }, async (request, reply) => {
    const t = accountText(request.lang);
    const { token } = request.params as { token: string };
    const form = new FormReader(request.body, request.lang);
    const password = form.password('password', { label: t.newPassword, required: true });
    const confirm = form.password('confirm', { label: t.confirmPassword, required: true });
    if (password && confirm && password !== confirm) form.fail('confirm', t.mismatch);
    if (form.ok && password) {
      try {
        await completeReset(db, token, request.site.id, password, { ip: clientIp(request), userAgent: userAgent(request) }, clock);
        return redirectWithFlash(reply, '/admin/login', { kind: 'success', text: t.resetDone });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        addProblems(form, error.problems, request.lang);
      }
    }
    const valid = (await findResetTarget(db, token, request.site.id, clock)) !== null;
    return sendHtml(reply, <ResetPasswordPage ctx={await pageContext(deps, request, reply)} form={form} token={token} valid={valid} />, 400);
  });

  // ---- My account -----------------------------------------------------------
  const accountPage = async (request: FastifyRequest, reply: FastifyReply, form = emptyForm(), status = 200) => {
    const auth = request.auth!;
    const user = (await findUserById(db, auth.user.id))!;
    if (Object.keys(form.values).length === 0) Object.assign(form.values, { name: user.name, phone: user.phone ?? '' });
    const sessions = (await listLiveSessions(db, user.id, clock)).map((s) => ({
      id: s.id,
      siteName: s.site_name,
      createdAt: s.created_at,
      lastSeenAt: s.last_seen_at,
      ip: s.ip,
      userAgent: s.user_agent,
      current: s.id === auth.sessionId,
    }));
    return sendHtml(
      reply,
      <AccountPage ctx={await pageContext(deps, request, reply)} form={form} totpEnabledAt={user.totp_enabled_at} sessions={sessions} canUseTokens={can(auth.grants, 'backoffice.access')} />,
      status,
    );
  };

  app.get('/admin/account', { config: { access: { kind: 'signed-in' } } }, async (request, reply) => accountPage(request, reply));

  app.post('/admin/account/profile', { config: { access: { kind: 'signed-in' } } }, async (request, reply) => {
    const t = accountText(request.lang);
    const form = new FormReader(request.body, request.lang);
    const name = form.text('name', { label: t.name, required: true, max: 120 });
    const phone = form.phone('phone', { label: t.phone });
    if (!form.ok || !name) return accountPage(request, reply, form, 400);
    const userId = request.auth!.user.id;
    await db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('users').select('name').where('id', '=', userId).executeTakeFirstOrThrow();
      await trx.updateTable('users').set({ name, name_folded: fold(name), phone, updated_at: clock.now().toISOString() }).where('id', '=', userId).execute();
      await appendAudit(trx, actorOf(request), { action: 'user.profile_update', targetType: 'user', targetId: userId, details: { name, phone } }, clock);
      // The name shows on public pages (organisation chart, entries): their caches must drop them.
      if (before.name !== name) await bumpSitesOfPerson(trx, userId, clock.now().toISOString());
    });
    return redirectWithFlash(reply, '/admin/account', { kind: 'success', text: t.profileSaved });
  });

  // ---- Password change (also the step owed after an administrator's reset) ---
  const passwordStages = { access: { kind: 'signed-in' as const, stages: ['active', 'change_password'] as SessionStage[] } };
  app.get('/admin/account/password', { config: passwordStages }, async (request, reply) =>
    sendHtml(reply, <ChangePasswordPage ctx={await pageContext(deps, request, reply)} form={emptyForm()} forced={request.auth!.stage === 'change_password'} />),
  );

  app.post('/admin/account/password', { config: { ...passwordStages, rateLimit: perAccountLimit } }, async (request, reply) => {
    const t = accountText(request.lang);
    const auth = request.auth!;
    const form = new FormReader(request.body, request.lang);
    const current = form.password('current', { label: t.currentPassword, required: true });
    const password = form.password('password', { label: t.newPassword, required: true });
    const confirm = form.password('confirm', { label: t.confirmPassword, required: true });
    const user = (await findUserById(db, auth.user.id))!;
    if (current && !(await verifyPassword(user.password_hash, current))) form.fail('current', t.wrongCurrent);
    if (password) addProblems(form, passwordProblems(password, user), request.lang);
    if (password && confirm && password !== confirm) form.fail('confirm', t.mismatch);
    if (!form.ok || !password) {
      return sendHtml(reply, <ChangePasswordPage ctx={await pageContext(deps, request, reply)} form={form} forced={auth.stage === 'change_password'} />, 400);
    }
    const passwordHash = await hashPassword(password);
    await db.transaction().execute(async (trx) => {
      const now = clock.now().toISOString();
      await setPasswordHash(trx, user.id, passwordHash, false, now);
      await revokeUserSessions(trx, user.id, { exceptId: auth.sessionId! }, clock);
      await setSessionStage(trx, auth.sessionId!, 'active');
      await appendAudit(trx, actorOf(request), { action: 'auth.password_changed', targetType: 'user', targetId: user.id }, clock);
    });
    return redirectWithFlash(reply, auth.stage === 'change_password' ? '/admin' : '/admin/account', { kind: 'success', text: t.passwordChanged });
  });

  // ---- Two-factor settings (also the enrolment a site may require) ----------
  const twoFactorStages = { access: { kind: 'signed-in' as const, stages: ['active', 'enroll_mfa'] as SessionStage[] } };
  const twoFactorPage = async (request: FastifyRequest, reply: FastifyReply, form = emptyForm(), status = 200) => {
    const auth = request.auth!;
    const user = (await findUserById(db, auth.user.id))!;
    let setup = null;
    if (!user.totp_enabled_at) {
      const pending = pendingSecret(deps.keys.totp, user);
      setup = pending ? await enrollmentFor(pending, user.email, request.site.name) : await startEnrollment(db, deps.keys.totp, user, request.site.name, clock);
    }
    return sendHtml(
      reply,
      <TwoFactorSettingsPage
        ctx={await pageContext(deps, request, reply)}
        form={form}
        enabledAt={user.totp_enabled_at}
        setup={setup}
        required={twoFactorRequired(request.site, auth.grants)}
        forced={auth.stage === 'enroll_mfa'}
      />,
      status,
    );
  };

  app.get('/admin/account/2fa', { config: twoFactorStages }, async (request, reply) => twoFactorPage(request, reply));

  app.post('/admin/account/2fa', { config: { ...twoFactorStages, rateLimit: perAccountLimit } }, async (request, reply) => {
    const t = accountText(request.lang);
    const auth = request.auth!;
    const form = new FormReader(request.body, request.lang);
    const code = form.text('code', { label: t.code, required: true, max: 12 });
    const user = (await findUserById(db, auth.user.id))!;
    if (!code || !(await confirmEnrollment(db, deps.keys.totp, user, code, clock))) {
      if (code) form.fail('code', t.wrongCode);
      return twoFactorPage(request, reply, form, 400);
    }
    await appendAudit(db, actorOf(request), { action: 'auth.mfa_enabled', targetType: 'user', targetId: user.id }, clock);
    if (auth.stage === 'enroll_mfa') {
      const stage = stageAfterSecondFactor(user);
      await setSessionStage(db, auth.sessionId!, stage);
      return redirectWithFlash(reply, stage === 'active' ? '/admin' : STAGE_PAGES[stage], { kind: 'success', text: t.enabled });
    }
    return redirectWithFlash(reply, '/admin/account', { kind: 'success', text: t.enabled });
  });

  app.post('/admin/account/2fa/disable', { config: { access: { kind: 'signed-in' }, rateLimit: perAccountLimit } }, async (request, reply) => {
    const t = accountText(request.lang);
    const auth = request.auth!;
    const form = new FormReader(request.body, request.lang);
    const password = form.password('password', { label: t.password, required: true });
    const user = (await findUserById(db, auth.user.id))!;
    if (twoFactorRequired(request.site, auth.grants)) form.fail('password', t.cannotDisable);
    else if (password && !(await verifyPassword(user.password_hash, password))) form.fail('password', t.wrongCurrent);
    if (!form.ok) return twoFactorPage(request, reply, form, 400);
    await db.transaction().execute(async (trx) => {
      await disableTwoFactor(trx, user.id, clock);
      await appendAudit(trx, actorOf(request), { action: 'auth.mfa_disabled', targetType: 'user', targetId: user.id }, clock);
    });
    return redirectWithFlash(reply, '/admin/account', { kind: 'success', text: t.disabledDone });
  });

  // ---- Sessions ---------------------------------------------------------------
  app.post('/admin/account/sessions/revoke', { config: { access: { kind: 'signed-in' } } }, async (request, reply) => {
    const t = accountText(request.lang);
    const id = String((request.body as { id?: unknown }).id ?? '');
    const auth = request.auth!;
    const own = (await listLiveSessions(db, auth.user.id, clock)).some((s) => s.id === id);
    if (own && id !== auth.sessionId) {
      await revokeSession(db, id, clock);
      await appendAudit(db, actorOf(request), { action: 'auth.session_revoked', targetType: 'user', targetId: auth.user.id }, clock);
    }
    return redirectWithFlash(reply, '/admin/account', { kind: 'success', text: t.sessionRevoked });
  });

  app.post('/admin/account/sessions/revoke-others', { config: { access: { kind: 'signed-in' } } }, async (request, reply) => {
    const t = accountText(request.lang);
    const auth = request.auth!;
    const count = await revokeUserSessions(db, auth.user.id, { exceptId: auth.sessionId! }, clock);
    await appendAudit(db, actorOf(request), { action: 'auth.sessions_revoked', targetType: 'user', targetId: auth.user.id, details: { count } }, clock);
    return redirectWithFlash(reply, '/admin/account', { kind: 'success', text: format(t.othersRevoked, { count }) });
  });
}
