// Pages to configure one site (its administrators) and all sites (the IT centre).
import type { Role } from '../../core/permissions.ts';
import { ROLES } from '../../core/permissions.ts';
import { format } from '../../ui/i18n.ts';
import { AdminLayout } from '../../ui/layout.tsx';
import { common } from '../../ui/messages.ts';
import type { PageContext } from '../../ui/page-context.ts';
import { Checkbox, CsrfField, ErrorSummary, SelectField, TextArea, TextField, type FormState, type Option } from '../../ui/components/form.tsx';
import { siteText } from './messages.ts';
import { DEFAULT_LABELS, ROLE_LABELS_EN, SITE_LEVELS, type Site, type SiteLevel } from './site.ts';

export const LABEL_KEYS: (Role | 'board' | 'owner')[] = ['board', 'owner', ...ROLES];

export function levelLabel(lang: 'vi' | 'en', level: SiteLevel): string {
  return siteText(lang)[`levels_${level}`];
}

export function SiteSettingsPage({ ctx, form, images, signIn }: { ctx: PageContext; form: FormState; images: Option[]; signIn: string }): JSX.Element {
  const t = siteText(ctx.lang);
  const c = common(ctx.lang);
  // The names this site gives its roles, as saved (the form holds them).
  const ownLabel = (key: 'site_admin' | 'editor_in_chief') => (ctx.lang === 'en' ? ROLE_LABELS_EN[key] : String(form.values[`label_${key}`] || DEFAULT_LABELS[key]));
  return (
    <AdminLayout ctx={ctx} title={t.settingsTitle}>
      <h1>{t.settingsTitle}</h1>
      <p>
        <a href="/admin/site/sign-in" safe>
          {signIn}
        </a>
      </p>
      <ErrorSummary form={form} title={c.formErrors} />
      <form method="post" action="/admin/site" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <h2>{t.identity}</h2>
        <TextField name="name" label={t.name} form={form} required maxlength={200} />
        <TextField name="nameEn" label={t.nameEn} form={form} maxlength={200} />
        <TextField name="agencyName" label={t.agencyName} form={form} required maxlength={200} />
        <TextField name="agencyNameEn" label={t.agencyNameEn} form={form} maxlength={200} />
        <Checkbox name="english" label={t.english} form={form} />
        <h2>{t.contact}</h2>
        <TextField name="address" label={t.address} form={form} maxlength={300} />
        <TextField name="phone" type="tel" label={t.phone} form={form} />
        <TextField name="email" type="email" label={t.email} form={form} />
        <TextField name="responsiblePerson" label={t.responsiblePerson} hint={t.responsibleHint} form={form} maxlength={200} />
        <TextField name="ownerEmail" type="email" label={t.ownerEmail} hint={t.ownerEmailHint} form={form} />
        <TextArea name="channels" label={t.channels} hint={t.channelsHint} form={form} rows={4} maxlength={4000} />
        <h2>{t.licence}</h2>
        <TextField name="licenceNumber" label={t.licenceNumber} hint={t.licenceNumberHint} form={form} maxlength={100} />
        <TextField name="licenceIssuer" label={t.licenceIssuer} hint={t.licenceIssuerHint} form={form} maxlength={300} />
        <TextField name="licenceDate" label={t.licenceDate} hint={t.licenceDateHint} form={form} maxlength={10} />
        <h2>{t.labels}</h2>
        <p class="hint">{t.labelsHint}</p>
        {LABEL_KEYS.map((key) => (
          <TextField name={`label_${key}`} label={ctx.lang === 'en' ? `${ROLE_LABELS_EN[key]} (${DEFAULT_LABELS[key]})` : DEFAULT_LABELS[key]} hint={ctx.lang === 'en' ? undefined : format(t.labelEnglish, { en: ROLE_LABELS_EN[key] })} form={form} maxlength={120} />
        ))}
        <h2>{t.branding}</h2>
        <SelectField name="logoMediaId" label={t.logo} hint={t.logoHint} form={form} options={images} emptyLabel={t.none} />
        <SelectField name="bannerMediaId" label={t.banner} form={form} options={images} emptyLabel={t.none} />
        <TextField name="primaryColor" label={t.primaryColor} hint={t.primaryColorHint} form={form} maxlength={7} spellcheck={false} />
        <TextArea name="links" label={t.links} hint={t.linksHint} form={form} rows={5} maxlength={4000} />
        <TextField name="publicServicePortal" label={t.publicServicePortal} hint={t.publicServicePortalHint} form={form} maxlength={500} />
        <Checkbox name="homeShowsReference" label={t.homeShowsReference} form={form} />
        <h2>{t.documentsCatalogue}</h2>
        <TextArea name="docTypes" label={t.docTypes} hint={t.docTypesHint} form={form} rows={4} maxlength={4000} />
        <TextArea name="docFields" label={t.docFields} hint={t.docFieldsHint} form={form} rows={4} maxlength={4000} />
        <TextArea name="ownIssuers" label={t.ownIssuers} hint={t.ownIssuersHint} form={form} rows={3} maxlength={4000} />
        <h2>{t.security}</h2>
        <SelectField
          name="twoFactor"
          label={t.twoFactor}
          form={form}
          required
          options={[
            { value: 'off', label: t.twoFactorOff },
            { value: 'admins', label: format(t.twoFactorAdmins, { admin: ownLabel('site_admin'), head: ownLabel('editor_in_chief') }) },
            { value: 'everyone', label: t.twoFactorEveryone },
          ]}
        />
        <button type="submit">{c.save}</button>
      </form>
    </AdminLayout>
  );
}

export function SitesPage({ ctx, sites, form, parentOptions, originOf }: { ctx: PageContext; sites: Site[]; form: FormState; parentOptions: Option[]; originOf: (host: string) => string }): JSX.Element {
  const t = siteText(ctx.lang);
  const statusLabel = { active: t.statusActive, archived: t.statusArchived, merged: t.statusMerged };
  return (
    <AdminLayout ctx={ctx} title={t.sitesTitle}>
      <h1>{t.sitesTitle}</h1>
      <p class="lead">{t.sitesLead}</p>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t.name}</th>
              <th scope="col">{t.key}</th>
              <th scope="col">{t.level}</th>
              <th scope="col">{t.hosts}</th>
              <th scope="col">{t.status}</th>
            </tr>
          </thead>
          <tbody>
            {sites.map((s) => (
              <tr>
                <td>
                  <a href={`/admin/sites/${s.id}`} safe>
                    {s.name}
                  </a>
                  {s.isDefault ? (
                    <>
                      {' '}
                      <span class="tag">{t.isDefaultTag}</span>
                    </>
                  ) : (
                    ''
                  )}
                </td>
                <td>
                  <code safe>{s.key}</code>
                </td>
                <td safe>{levelLabel(ctx.lang, s.level)}</td>
                <td>
                  {s.hosts.map((h) => (
                    <div>
                      <a href={`${originOf(h)}/admin`} safe>
                        {h}
                      </a>
                    </div>
                  ))}
                </td>
                <td>
                  <span class={s.status === 'active' ? 'tag tag-ok' : 'tag'}>{statusLabel[s.status]}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 id="new-site">{t.create}</h2>
      <ErrorSummary form={form} title={common(ctx.lang).formErrors} />
      <form method="post" action="/admin/sites" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <SiteTechnicalFields ctx={ctx} form={form} parentOptions={parentOptions} />
        <TextField name="name" label={t.name} form={form} required maxlength={200} />
        <TextField name="agencyName" label={t.agencyName} form={form} required maxlength={200} />
        <button type="submit">{t.create}</button>
      </form>
    </AdminLayout>
  );
}

function SiteTechnicalFields({ ctx, form, parentOptions }: { ctx: PageContext; form: FormState; parentOptions: Option[] }): JSX.Element {
  const t = siteText(ctx.lang);
  return (
    <>
      <TextField name="key" label={t.key} hint={t.keyHint} form={form} required maxlength={63} spellcheck={false} />
      <SelectField name="level" label={t.level} form={form} options={SITE_LEVELS.map((l) => ({ value: l, label: levelLabel(ctx.lang, l) }))} />
      <SelectField name="parentSiteId" label={t.parent} form={form} options={parentOptions} emptyLabel={t.noParent} />
      <TextArea name="hosts" label={t.hosts} hint={t.hostsHint} form={form} required rows={3} />
      <Checkbox name="isDefault" label={t.isDefault} form={form} />
    </>
  );
}

export interface StatusConsequences {
  /** Citizens' cases not closed yet. */
  openCases: number;
  /** Drafts published for comment whose period has not ended. */
  openDrafts: number;
}

export function SiteDetailPage(props: { ctx: PageContext; site: Site; form: FormState; statusForm: FormState; parentOptions: Option[]; mergeOptions: Option[]; consequences: StatusConsequences }): JSX.Element {
  const { ctx, site } = props;
  const t = siteText(ctx.lang);
  const c = common(ctx.lang);
  return (
    <AdminLayout ctx={ctx} title={format(t.siteTitle, { name: site.name })}>
      <p>
        <a href="/admin/sites">{t.back}</a>
      </p>
      <h1 safe>{format(t.siteTitle, { name: site.name })}</h1>
      <section aria-labelledby="tech-h">
        <h2 id="tech-h">{t.technical}</h2>
        <ErrorSummary form={props.form} title={c.formErrors} />
        <form method="post" action={`/admin/sites/${site.id}`} novalidate>
          <CsrfField token={ctx.csrfToken} />
          <SiteTechnicalFields ctx={ctx} form={props.form} parentOptions={props.parentOptions} />
          <button type="submit">{c.save}</button>
        </form>
      </section>
      <section aria-labelledby="status-h">
        <h2 id="status-h">{t.status}</h2>
        <div class="site-notice" id="status-consequences">
          <p>{t.consequencesLead}</p>
          <ul>
            <li>{t.consequenceForms}</li>
            <li safe>{format(t.consequenceCases, { count: props.consequences.openCases })}</li>
            <li safe>{format(t.consequenceDrafts, { count: props.consequences.openDrafts })}</li>
            <li>{t.consequenceContent}</li>
          </ul>
        </div>
        <ErrorSummary form={props.statusForm} title={c.formErrors} />
        <form method="post" action={`/admin/sites/${site.id}/status`} novalidate>
          <CsrfField token={ctx.csrfToken} />
          <SelectField
            name="status"
            label={t.status}
            form={props.statusForm}
            options={[
              { value: 'active', label: t.statusActive },
              { value: 'archived', label: t.statusArchived },
              { value: 'merged', label: t.statusMerged },
            ]}
          />
          <SelectField name="mergedIntoSiteId" label={t.mergedInto} form={props.statusForm} options={props.mergeOptions} emptyLabel={t.chooseSite} />
          <SelectField name="handoverSiteId" label={t.handoverTo} hint={t.handoverHint} form={props.statusForm} options={props.mergeOptions} emptyLabel={t.chooseSite} />
          <SelectField name="successorSiteId" label={t.successor} hint={t.successorHint} form={props.statusForm} options={[...props.mergeOptions, { value: 'none', label: t.noSuccessor }]} emptyLabel={t.chooseSite} />
          <TextArea name="notice" label={t.notice} hint={t.noticeHint} form={props.statusForm} rows={3} maxlength={1000} />
          <SelectField
            name="redirectMode"
            label={t.redirect}
            form={props.statusForm}
            options={[
              { value: 'none', label: t.redirectNone },
              { value: 'home', label: t.redirectHome },
            ]}
          />
          <button type="submit">{t.saveStatus}</button>
        </form>
      </section>
    </AdminLayout>
  );
}

export interface StatusConfirmation {
  status: 'archived' | 'merged';
  /** The form as submitted, posted again with confirm=1. */
  values: Record<string, string>;
  openCases: number;
  openDrafts: number;
  /** The site the open cases go to; null when none is chosen. */
  receiver: string | null;
  /** The successor named by the archive notice; null for "no successor" (archived only). */
  successor: string | null;
}

/** The second step of archiving or merging, without JavaScript: what will happen, then "Xác nhận lưu trữ". */
export function StatusConfirmPage({ ctx, site, confirm }: { ctx: PageContext; site: Site; confirm: StatusConfirmation }): JSX.Element {
  const t = siteText(ctx.lang);
  const title = format(confirm.status === 'merged' ? t.confirmMergeTitle : t.confirmTitle, { name: site.name });
  const cases: string = confirm.openCases > 0 && confirm.receiver ? format(t.confirmCases, { count: confirm.openCases, name: confirm.receiver }) : t.confirmNoCases;
  const successor: string = confirm.successor ? format(t.confirmSuccessor, { name: confirm.successor }) : t.confirmNoSuccessor;
  return (
    <AdminLayout ctx={ctx} title={title}>
      <h1 safe>{title}</h1>
      <div class="site-notice" id="status-confirm">
        <p>{t.confirmLead}</p>
        <ul>
          <li safe>{cases}</li>
          <li>{t.confirmForms}</li>
          <li safe>{format(t.confirmDrafts, { count: confirm.openDrafts })}</li>
          {confirm.status === 'archived' ? <li safe>{successor}</li> : ''}
          <li>{t.consequenceContent}</li>
        </ul>
      </div>
      <form method="post" action={`/admin/sites/${site.id}/status`}>
        <CsrfField token={ctx.csrfToken} />
        {Object.entries(confirm.values).map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        <input type="hidden" name="confirm" value="1" />
        <button type="submit">{confirm.status === 'merged' ? t.confirmMerge : t.confirmArchive}</button>{' '}
        <a href={`/admin/sites/${site.id}`}>{t.cancel}</a>
      </form>
    </AdminLayout>
  );
}
