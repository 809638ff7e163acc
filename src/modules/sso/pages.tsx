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

/** What is actually configured, for the settings page's link: never claims a shared login the installation lacks. */
export function signInSummary(lang: Lang, methods: { shared: boolean; localPasswords: boolean }): string {
  const t = ssoText(lang);
  if (!methods.shared) return t.summaryLocalOnly;
  return methods.localPasswords ? t.summaryBoth : t.summarySharedOnly;
}

export function SignInSettingsPage({ ctx, form, oidc, ldap, stored }: { ctx: PageContext; form: FormState; oidc: boolean; ldap: boolean; stored: boolean }): JSX.Element {
  const t = ssoText(ctx.lang);
  const shared = oidc || ldap;
  // Without a shared login local passwords cannot be turned off; a site left with them off may turn them back on.
  const locked = !shared && stored;
  const checked = ['on', '1', 'true'].includes(String(form.values.localPasswords ?? ''));
  return (
    <AdminLayout ctx={ctx} title={t.settingsTitle}>
      <p>
        <a href="/admin/site">{t.backToSettings}</a>
      </p>
      <h1>{t.settingsTitle}</h1>
      {shared ? <p>{t.settingsLead}</p> : <p>{t.noSharedLogin}</p>}
      {shared ? (
        <dl>
          <dt>{t.oidc}</dt>
          <dd>{oidc ? t.configured : t.notConfigured}</dd>
          <dt>{t.ldap}</dt>
          <dd>{ldap ? t.configured : t.notConfigured}</dd>
        </dl>
      ) : (
        <p class="fine-print">{t.technicalNone}</p>
      )}
      <ErrorSummary form={form} title={common(ctx.lang).formErrors} />
      <form method="post" action="/admin/site/sign-in" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <div class={form.errors.localPasswords ? 'field field-error' : 'field'}>
          {!!form.errors.localPasswords && (
            <p class="error-message" id="localPasswords-error" safe>
              {form.errors.localPasswords}
            </p>
          )}
          <div class="checkbox">
            <input
              type="checkbox"
              id="localPasswords"
              name="localPasswords"
              value="on"
              checked={checked}
              disabled={locked}
              aria-describedby={form.errors.localPasswords ? 'localPasswords-error localPasswords-hint' : 'localPasswords-hint'}
            />
            <label for="localPasswords">{t.localPasswords}</label>
          </div>
          <p class="hint" id="localPasswords-hint">
            {locked ? t.lockedHint : t.localPasswordsHint}
          </p>
        </div>
        {locked ? '' : <button type="submit">{t.save}</button>}
      </form>
    </AdminLayout>
  );
}
