// The shared-login button of the sign-in page, and the site's sign-in methods (site admin).
import { AdminLayout } from '../../ui/layout.tsx';
import { common } from '../../ui/messages.ts';
import type { PageContext } from '../../ui/page-context.ts';
import type { Lang } from '../../ui/i18n.ts';
import { Checkbox, CsrfField, ErrorSummary, type FormState } from '../../ui/components/form.tsx';
import { ssoText } from './messages.ts';

export interface SsoButton {
  /** The provider's own name (OIDC_DISPLAY_NAME), shown under the button. */
  displayName: string | null;
}

export function SsoSignIn({ lang, next, button }: { lang: Lang; next: string; button: SsoButton }): JSX.Element {
  const t = ssoText(lang);
  return (
    <div class="sso-sign-in">
      {/* A link, not a form: the CSP's form-action 'self' would stop a form's redirect to the provider. */}
      <p>
        <a class="button" href={`/admin/login/sso?next=${encodeURIComponent(next)}`}>
          {t.button}
        </a>
      </p>
      {!!button.displayName && <p safe>{button.displayName}</p>}
      <p>{t.or}</p>
    </div>
  );
}

export function SignInSettingsPage({ ctx, form, oidc, ldap }: { ctx: PageContext; form: FormState; oidc: boolean; ldap: boolean }): JSX.Element {
  const t = ssoText(ctx.lang);
  return (
    <AdminLayout ctx={ctx} title={t.settingsTitle}>
      <h1>{t.settingsTitle}</h1>
      <p>{t.settingsLead}</p>
      <dl>
        <dt>{t.oidc}</dt>
        <dd>{oidc ? t.configured : t.notConfigured}</dd>
        <dt>{t.ldap}</dt>
        <dd>{ldap ? t.configured : t.notConfigured}</dd>
      </dl>
      <ErrorSummary form={form} title={common(ctx.lang).formErrors} />
      <form method="post" action="/admin/site/sign-in" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <Checkbox name="localPasswords" label={t.localPasswords} hint={t.localPasswordsHint} form={form} />
        <button type="submit">{t.save}</button>
      </form>
    </AdminLayout>
  );
}
