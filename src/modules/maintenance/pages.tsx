// The administrator's maintenance page and the public status page (no script,
// one h1, tables with headers, the language switch as a link).
import { asset } from '../../ui/assets.ts';
import { format, type Lang } from '../../ui/i18n.ts';
import { common } from '../../ui/messages.ts';
import { AdminLayout } from '../../ui/layout.tsx';
import type { PageContext } from '../../ui/page-context.ts';
import { Checkbox, CheckboxGroup, CsrfField, ErrorSummary, TextArea, TextField, type FormState, type Option } from '../../ui/components/form.tsx';
import { maintenanceText } from './messages.ts';

export interface WindowLine {
  id: number;
  when: string;
  sites: string;
  reason: string;
  state: string;
  cancellable: boolean;
}

export interface SiteStatusLine {
  name: string;
  host: string | null;
  status: 'active' | 'archived' | 'merged';
}

/** The window being changed: the notice period that applies to a change (store.ts changeMaintenance). */
export interface Editing {
  id: number;
  published: string;
  earliestFromPublished: string;
}

export function MaintenancePage(props: { ctx: PageContext; form: FormState; days: number; earliest: string; siteOptions: Option[]; windows: WindowLine[]; editing?: Editing }): JSX.Element {
  const { ctx, form, editing } = props;
  const t = maintenanceText(ctx.lang);
  const fields = (
    <>
      <ErrorSummary form={form} title={common(ctx.lang).formErrors} />
      <form method="post" action={editing ? `/admin/maintenance/${editing.id}` : '/admin/maintenance'} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <Checkbox name="allSites" label={t.allSites} form={form} />
        <CheckboxGroup name="sites" label={t.sites} form={form} options={props.siteOptions} />
        <TextField name="startDate" type="date" label={t.startDate} form={form} required />
        <TextField name="startTime" type="time" label={`${t.startTime} ${t.timeZone}`} form={form} required />
        <TextField name="endDate" type="date" label={t.endDate} form={form} required />
        <TextField name="endTime" type="time" label={`${t.endTime} ${t.timeZone}`} form={form} required />
        <TextArea name="reason" label={t.reason} form={form} required rows={3} maxlength={1000} />
        <TextArea name="reasonEn" label={t.reasonEn} form={form} rows={3} maxlength={1000} />
        <div class="actions-row">
          <button type="submit">{editing ? t.change : t.schedule}</button>
          {editing ? (
            <a href="/admin/maintenance" class="button button-secondary">
              {t.back}
            </a>
          ) : (
            ''
          )}
        </div>
      </form>
    </>
  );
  if (editing) {
    return (
      <AdminLayout ctx={ctx} title={t.editTitle}>
        <p>
          <a href="/admin/maintenance">← {t.back}</a>
        </p>
        <h1>{t.editTitle}</h1>
        <p safe>{format(t.editRules, { published: editing.published, earliest: editing.earliestFromPublished, now: props.earliest })}</p>
        {fields}
      </AdminLayout>
    );
  }
  return (
    <AdminLayout ctx={ctx} title={t.title}>
      <h1>{t.title}</h1>
      <p class="lead" safe>{format(t.lead, { days: props.days })}</p>
      <h2>{t.list}</h2>
      {props.windows.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col" safe>{`${t.when} ${t.timeZone}`}</th>
                <th scope="col">{t.sites}</th>
                <th scope="col">{t.reasonColumn}</th>
                <th scope="col">{t.state}</th>
                <th scope="col">{t.actions}</th>
              </tr>
            </thead>
            <tbody>
              {props.windows.map((w) => (
                <tr>
                  <td safe>{w.when}</td>
                  <td safe>{w.sites}</td>
                  <td safe>{w.reason}</td>
                  <td safe>{w.state}</td>
                  <td>
                    {w.cancellable ? (
                      <div class="table-actions">
                        <a href={`/admin/maintenance/${w.id}`} class="button button-secondary">
                          {t.edit}
                        </a>
                        <a href={`/admin/maintenance/${w.id}/cancel`} class="button button-danger">
                          {t.cancel}
                        </a>
                      </div>
                    ) : (
                      ''
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2 id="new-window">{t.schedule}</h2>
      <p safe>{format(t.earliest, { time: props.earliest })}</p>
      {fields}
    </AdminLayout>
  );
}

/** The second step of cancelling a window: its details and a required reason (a stray click cancels nothing). */
export function CancelPage(props: { ctx: PageContext; form: FormState; window: WindowLine }): JSX.Element {
  const { ctx, form, window: w } = props;
  const t = maintenanceText(ctx.lang);
  return (
    <AdminLayout ctx={ctx} title={t.cancelTitle}>
      <p>
        <a href="/admin/maintenance">← {t.back}</a>
      </p>
      <h1>{t.cancelTitle}</h1>
      <p>{t.cancelLead}</p>
      <dl class="meta">
        <dt safe>{`${t.when} ${t.timeZone}`}</dt>
        <dd safe>{w.when}</dd>
        <dt>{t.sites}</dt>
        <dd safe>{w.sites}</dd>
        <dt>{t.reasonColumn}</dt>
        <dd safe>{w.reason}</dd>
        <dt>{t.state}</dt>
        <dd safe>{w.state}</dd>
      </dl>
      <ErrorSummary form={form} title={common(ctx.lang).formErrors} />
      <form method="post" action={`/admin/maintenance/${w.id}/cancel`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <TextArea name="cancelReason" label={t.cancelReason} form={form} required rows={3} maxlength={1000} />
        <div class="actions-row">
          <button type="submit" class="button button-danger">
            {t.cancelConfirm}
          </button>
          <a href="/admin/maintenance" class="button button-secondary">
            {t.back}
          </a>
        </div>
      </form>
    </AdminLayout>
  );
}

/** The installation's status: health, maintenance, sites. A plain page that needs nothing of a site's own. */
export function StatusPage(props: { lang: Lang; home: { href: string; name: string }; healthy: boolean; checkedAt: string; windows: WindowLine[]; sites: SiteStatusLine[] }): JSX.Element {
  const t = maintenanceText(props.lang);
  const other: Lang = props.lang === 'vi' ? 'en' : 'vi';
  const statusLabel = { active: t.active, archived: t.archived, merged: t.merged };
  return (
    <>
      {'<!doctype html>'}
      <html lang={props.lang}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{t.statusTitle}</title>
          <link rel="stylesheet" href={asset('site.css')} />
          <link rel="alternate" hreflang={other} href={other === 'en' ? '/en/status' : '/trang-thai'} />
        </head>
        <body>
          <a class="skip-link" href="#main">
            {t.skip}
          </a>
          <header class="masthead" role="banner">
            <div class="wrap brand-row">
              <p class="site-name">{t.statusTitle}</p>
              <a class="lang-switch" href={other === 'en' ? '/en/status' : '/trang-thai'} lang={other} hreflang={other}>
                {t.otherLang}
              </a>
            </div>
          </header>
          <main id="main" class="wrap" tabindex="-1">
            <p class="home-link">
              <a href={props.home.href}>
                ← <span safe>{`${t.homeLink}: ${props.home.name}`}</span>
              </a>
            </p>
            <h1>{t.statusTitle}</h1>
            <p>{t.statusLead}</p>
            <p class={props.healthy ? 'status-ok' : 'status-failing'} role="status">
              <strong>{props.healthy ? t.healthy : t.unhealthy}</strong> <span safe>{format(t.checkedAt, { time: props.checkedAt })}</span>
            </p>
            <h2>{t.planned}</h2>
            {props.windows.length === 0 ? (
              <p>{t.noPlanned}</p>
            ) : (
              <table class="status-table stack-table">
                <thead>
                  <tr>
                    <th scope="col" safe>{`${t.when} ${t.timeZone}`}</th>
                    <th scope="col">{t.sites}</th>
                    <th scope="col">{t.reasonColumn}</th>
                    <th scope="col">{t.state}</th>
                  </tr>
                </thead>
                <tbody>
                  {props.windows.map((w) => (
                    <tr>
                      <td data-label={`${t.when} ${t.timeZone}`} safe>{w.when}</td>
                      <td data-label={t.sites} safe>{w.sites}</td>
                      <td data-label={t.reasonColumn} safe>{w.reason}</td>
                      <td data-label={t.state} safe>{w.state}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {props.sites.length > 0 ? (
              <>
                <h2>{t.siteList}</h2>
                <table class="status-table">
                  <thead>
                    <tr>
                      <th scope="col">{t.siteName}</th>
                      <th scope="col">{t.state}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {props.sites.map((s) => (
                      <tr>
                        <td>{s.host ? <a href={`//${s.host}/`} safe>{s.name}</a> : <span safe>{s.name}</span>}</td>
                        <td>{statusLabel[s.status]}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            ) : (
              ''
            )}
          </main>
        </body>
      </html>
    </>
  );
}
