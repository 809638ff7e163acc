// The administrator's maintenance page and the public status page (no script,
// one h1, tables with headers, the language switch as a link).
import { asset } from '../../ui/assets.ts';
import { format, type Lang } from '../../ui/i18n.ts';
import { common } from '../../ui/messages.ts';
import { AdminLayout } from '../../ui/layout.tsx';
import type { PageContext } from '../../ui/page-context.ts';
import { ActionButton, Checkbox, CheckboxGroup, CsrfField, ErrorSummary, TextArea, TextField, type FormState, type Option } from '../../ui/components/form.tsx';
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

export function MaintenancePage(props: { ctx: PageContext; form: FormState; days: number; earliest: string; siteOptions: Option[]; windows: WindowLine[]; editing?: number }): JSX.Element {
  const { ctx, form } = props;
  const t = maintenanceText(ctx.lang);
  const action = props.editing ? `/admin/maintenance/${props.editing}` : '/admin/maintenance';
  const submit = props.editing ? t.change : t.schedule;
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
                <th scope="col">{t.when}</th>
                <th scope="col">{t.sites}</th>
                <th scope="col">{t.reason}</th>
                <th scope="col">{t.state}</th>
              </tr>
            </thead>
            <tbody>
              {props.windows.map((w) => (
                <tr>
                  <td safe>{w.when}</td>
                  <td safe>{w.sites}</td>
                  <td safe>{w.reason}</td>
                  <td>
                    <span safe>{w.state}</span>
                    {w.cancellable ? (
                      <a href={`/admin/maintenance/${w.id}#new-window`} class="button button-secondary">
                        {t.edit}
                      </a>
                    ) : (
                      ''
                    )}
                    {w.cancellable ? <ActionButton action={`/admin/maintenance/${w.id}/cancel`} label={t.cancel} csrfToken={ctx.csrfToken} variant="danger" /> : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2 id="new-window">{submit}</h2>
      <p safe>{format(t.earliest, { time: props.earliest })}</p>
      <ErrorSummary form={form} title={common(ctx.lang).formErrors} />
      <form method="post" action={action} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <Checkbox name="allSites" label={t.allSites} form={form} />
        <CheckboxGroup name="sites" label={t.sites} form={form} options={props.siteOptions} />
        <TextField name="startDate" type="date" label={t.startDate} form={form} required />
        <TextField name="startTime" type="time" label={t.startTime} form={form} required />
        <TextField name="endDate" type="date" label={t.endDate} form={form} required />
        <TextField name="endTime" type="time" label={t.endTime} form={form} required />
        <TextArea name="reason" label={t.reason} form={form} required rows={3} maxlength={1000} />
        <TextArea name="reasonEn" label={t.reasonEn} form={form} rows={3} maxlength={1000} />
        <button type="submit">{submit}</button>
      </form>
    </AdminLayout>
  );
}

/** The installation's status: health, maintenance, sites. A plain page that needs nothing of a site's own. */
export function StatusPage(props: { lang: Lang; healthy: boolean; checkedAt: string; windows: WindowLine[]; sites: SiteStatusLine[] }): JSX.Element {
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
            <h1>{t.statusTitle}</h1>
            <p>{t.statusLead}</p>
            <p class={props.healthy ? 'status-ok' : 'status-failing'} role="status">
              <strong>{props.healthy ? t.healthy : t.unhealthy}</strong> <span safe>{format(t.checkedAt, { time: props.checkedAt })}</span>
            </p>
            <h2>{t.planned}</h2>
            {props.windows.length === 0 ? (
              <p>{t.noPlanned}</p>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t.when}</th>
                    <th scope="col">{t.sites}</th>
                    <th scope="col">{t.reason}</th>
                    <th scope="col">{t.state}</th>
                  </tr>
                </thead>
                <tbody>
                  {props.windows.map((w) => (
                    <tr>
                      <td safe>{w.when}</td>
                      <td safe>{w.sites}</td>
                      <td safe>{w.reason}</td>
                      <td safe>{w.state}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {props.sites.length > 0 ? (
              <>
                <h2>{t.siteList}</h2>
                <table>
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
