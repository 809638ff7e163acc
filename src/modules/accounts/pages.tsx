// Pages of sign-in, second factor, password and the user's own account.
import { formatDateTime } from '../../core/time.ts';
import { format } from '../../ui/i18n.ts';
import { AdminLayout } from '../../ui/layout.tsx';
import { common } from '../../ui/messages.ts';
import type { PageContext } from '../../ui/page-context.ts';
import { ActionButton, CsrfField, ErrorSummary, TextField, type FormState } from '../../ui/components/form.tsx';
import { accountText } from './messages.ts';
import { SsoSignIn, type SsoButton } from '../sso/pages.tsx';
import type { MemberSiteLink } from '../sso/login-messages.ts';

export function LoginPage({ ctx, form, next, message, sso, memberSites = [] }: { ctx: PageContext; form: FormState; next: string; message?: string | undefined; sso?: SsoButton | null; memberSites?: MemberSiteLink[] }): JSX.Element {
  const t = accountText(ctx.lang);
  return (
    <AdminLayout ctx={ctx} title={t.loginTitle} bare>
      <h1>{t.loginTitle}</h1>
      <p class="lead" safe>
        {format(t.loginLead, { board: ctx.site.boardLabel })}
      </p>
      {!!message && (
        <div class="error-summary" role="alert">
          <p safe>{message}</p>
          {memberSites.length > 0 && (
            <>
              <p>{t.memberSites}</p>
              <ul>
                {memberSites.map((site) => (
                  <li>
                    <a href={site.url} safe>
                      {site.name}
                    </a>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      <ErrorSummary form={form} title={common(ctx.lang).formErrors} />
      {!!sso && <SsoSignIn lang={ctx.lang} next={next} button={sso} />}
      <form method="post" action="/admin/login" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="next" value={next} />
        <TextField name="email" type="email" label={t.email} form={form} required autocomplete="username" spellcheck={false} />
        <TextField name="password" type="password" label={t.password} form={form} required autocomplete="current-password" />
        <button type="submit">{t.loginButton}</button>
      </form>
      <p>
        <a href="/admin/password/forgot">{t.forgotLink}</a>
      </p>
    </AdminLayout>
  );
}

export function TwoFactorPage({ ctx, form, next }: { ctx: PageContext; form: FormState; next: string }): JSX.Element {
  const t = accountText(ctx.lang);
  return (
    <AdminLayout ctx={ctx} title={t.twoFactorTitle} bare>
      <h1>{t.twoFactorTitle}</h1>
      <p>{t.twoFactorLead}</p>
      <ErrorSummary form={form} title={common(ctx.lang).formErrors} />
      <form method="post" action="/admin/login/2fa" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="next" value={next} />
        <TextField name="code" label={t.code} hint={t.codeHint} form={form} required autocomplete="one-time-code" inputmode="numeric" maxlength={6} />
        <button type="submit">{t.verify}</button>
      </form>
    </AdminLayout>
  );
}

export function ForgotPasswordPage({ ctx, form, sent }: { ctx: PageContext; form: FormState; sent: boolean }): JSX.Element {
  const t = accountText(ctx.lang);
  return (
    <AdminLayout ctx={ctx} title={t.forgotTitle} bare>
      <h1>{t.forgotTitle}</h1>
      {sent ? (
        <div class="flash flash-success" role="status">
          <p>{t.forgotSent}</p>
        </div>
      ) : (
        <>
          <p>{t.forgotLead}</p>
          <ErrorSummary form={form} title={common(ctx.lang).formErrors} />
          <form method="post" action="/admin/password/forgot" novalidate>
            <CsrfField token={ctx.csrfToken} />
            <TextField name="email" type="email" label={t.email} form={form} required autocomplete="username" />
            <button type="submit">{t.sendLink}</button>
          </form>
        </>
      )}
      <p>
        <a href="/admin/login">{common(ctx.lang).login}</a>
      </p>
    </AdminLayout>
  );
}

function NewPasswordFields({ ctx, form }: { ctx: PageContext; form: FormState }): JSX.Element {
  const t = accountText(ctx.lang);
  return (
    <>
      <TextField name="password" type="password" label={t.newPassword} hint={t.passwordHint} form={form} required autocomplete="new-password" />
      <TextField name="confirm" type="password" label={t.confirmPassword} form={form} required autocomplete="new-password" />
    </>
  );
}

export function ResetPasswordPage({ ctx, form, token, valid }: { ctx: PageContext; form: FormState; token: string; valid: boolean }): JSX.Element {
  const t = accountText(ctx.lang);
  return (
    <AdminLayout ctx={ctx} title={t.resetTitle} bare>
      <h1>{t.resetTitle}</h1>
      {valid ? (
        <>
          <ErrorSummary form={form} title={common(ctx.lang).formErrors} />
          <form method="post" action={`/admin/password/reset/${encodeURIComponent(token)}`} novalidate>
            <CsrfField token={ctx.csrfToken} />
            <NewPasswordFields ctx={ctx} form={form} />
            <button type="submit">{t.setPassword}</button>
          </form>
        </>
      ) : (
        <>
          <p>{t.resetInvalid}</p>
          <p>
            <a href="/admin/password/forgot">{t.requestNewLink}</a>
          </p>
        </>
      )}
    </AdminLayout>
  );
}

export function ChangePasswordPage({ ctx, form, forced }: { ctx: PageContext; form: FormState; forced: boolean }): JSX.Element {
  const t = accountText(ctx.lang);
  return (
    <AdminLayout ctx={ctx} title={t.changePassword} bare={forced}>
      <h1>{t.changePassword}</h1>
      {forced && <p class="lead">{t.changePasswordLead}</p>}
      <ErrorSummary form={form} title={common(ctx.lang).formErrors} />
      <form method="post" action="/admin/account/password" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <TextField name="current" type="password" label={t.currentPassword} form={form} required autocomplete="current-password" />
        <NewPasswordFields ctx={ctx} form={form} />
        <button type="submit">{t.changePassword}</button>
      </form>
    </AdminLayout>
  );
}

export interface TwoFactorSetup {
  secret: string;
  qrSvg: string;
}

export function TwoFactorSettingsPage(props: {
  ctx: PageContext;
  form: FormState;
  enabledAt: string | null;
  setup: TwoFactorSetup | null;
  required: boolean;
  forced: boolean;
}): JSX.Element {
  const { ctx, form } = props;
  const t = accountText(ctx.lang);
  const title = props.enabledAt ? t.twoFactor : t.setupTitle;
  return (
    <AdminLayout ctx={ctx} title={title} bare={props.forced}>
      <h1>{title}</h1>
      {props.forced && <p class="lead">{t.twoFactorRequired}</p>}
      <ErrorSummary form={form} title={common(ctx.lang).formErrors} />
      {props.enabledAt ? (
        <>
          <p safe>{format(t.twoFactorOn, { date: formatDateTime(props.enabledAt) })}</p>
          {props.required ? (
            <p>{t.cannotDisable}</p>
          ) : (
            <form method="post" action="/admin/account/2fa/disable" novalidate>
              <CsrfField token={ctx.csrfToken} />
              <p>{t.disableLead}</p>
              <TextField name="password" type="password" label={t.password} form={form} required autocomplete="current-password" />
              <button type="submit" class="button button-danger">
                {t.disable}
              </button>
            </form>
          )}
        </>
      ) : (
        !!props.setup && (
          <>
            <ol>
              <li>{t.setupStep1}</li>
              <li>{t.setupStep2}</li>
              <li>{t.setupStep3}</li>
            </ol>
            <figure class="qr" role="img" aria-label={t.qrAlt}>
              {props.setup.qrSvg as 'safe'}
            </figure>
            <p>
              {t.secretKey}:{' '}
              <code class="secret" safe>
                {props.setup.secret.replace(/(.{4})/g, '$1 ').trim()}
              </code>
            </p>
            <form method="post" action="/admin/account/2fa" novalidate>
              <CsrfField token={ctx.csrfToken} />
              <TextField name="code" label={t.code} hint={t.codeHint} form={form} required autocomplete="one-time-code" inputmode="numeric" maxlength={6} />
              <button type="submit">{t.enable}</button>
            </form>
          </>
        )
      )}
    </AdminLayout>
  );
}

export interface SessionItem {
  id: string;
  siteName: string;
  createdAt: string;
  lastSeenAt: string;
  ip: string | null;
  userAgent: string | null;
  current: boolean;
}

export function AccountPage(props: { ctx: PageContext; form: FormState; totpEnabledAt: string | null; sessions: SessionItem[]; canUseTokens: boolean }): JSX.Element {
  const { ctx, form } = props;
  const t = accountText(ctx.lang);
  const c = common(ctx.lang);
  return (
    <AdminLayout ctx={ctx} title={t.accountTitle}>
      <h1>{t.accountTitle}</h1>
      <section aria-labelledby="profile-h">
        <h2 id="profile-h">{t.profile}</h2>
        <ErrorSummary form={form} title={c.formErrors} />
        <form method="post" action="/admin/account/profile" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <TextField name="name" label={t.name} form={form} required autocomplete="name" maxlength={120} />
          <TextField name="phone" type="tel" label={t.phone} form={form} autocomplete="tel" />
          <p>
            {t.email}: <strong safe>{ctx.user?.email ?? ''}</strong>
          </p>
          <button type="submit">{c.save}</button>
        </form>
      </section>
      <section aria-labelledby="security-h">
        <h2 id="security-h">
          {t.changePassword} · {t.twoFactor}
        </h2>
        <p>
          <a href="/admin/account/password">{t.changePassword}</a>
        </p>
        {props.totpEnabledAt ? <p safe>{format(t.twoFactorOn, { date: formatDateTime(props.totpEnabledAt) })}</p> : <p>{t.twoFactorOff}</p>}
        <p>
          <a href="/admin/account/2fa">{props.totpEnabledAt ? t.twoFactor : t.setupTitle}</a>
        </p>
      </section>
      <section aria-labelledby="sessions-h">
        <h2 id="sessions-h">{t.sessions}</h2>
        <p>{t.sessionsLead}</p>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t.site}</th>
                <th scope="col">{t.started}</th>
                <th scope="col">{t.lastSeen}</th>
                <th scope="col">{t.device}</th>
                <th scope="col">{t.address}</th>
                <th scope="col">{c.actions}</th>
              </tr>
            </thead>
            <tbody>
              {props.sessions.map((s) => (
                <tr>
                  <td safe>{s.siteName}</td>
                  <td safe>{formatDateTime(s.createdAt)}</td>
                  <td safe>{formatDateTime(s.lastSeenAt)}</td>
                  <td class="muted" safe>
                    {s.userAgent ?? ''}
                  </td>
                  <td safe>{s.ip ?? ''}</td>
                  <td>
                    {s.current ? (
                      <strong>{t.thisSession}</strong>
                    ) : (
                      <ActionButton action="/admin/account/sessions/revoke" label={t.revoke} csrfToken={ctx.csrfToken} fields={{ id: s.id }} variant="secondary" />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {props.sessions.length > 1 && <ActionButton action="/admin/account/sessions/revoke-others" label={t.revokeOthers} csrfToken={ctx.csrfToken} variant="danger" />}
      </section>
      {props.canUseTokens && (
        <section aria-labelledby="tokens-h">
          <h2 id="tokens-h">{t.apiTokens}</h2>
          <p>{t.apiTokensLead}</p>
          <p>
            <a href="/admin/tokens">{t.manageTokens}</a>
          </p>
        </section>
      )}
    </AdminLayout>
  );
}
