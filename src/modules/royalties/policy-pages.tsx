// The royalty policy page: the table in force today and whose it is, the
// wages it uses, every version (own, inherited, national), and the form to
// add a version from a date (prefilled; works without script).
import { capOf, formatCoefficient, unitValueOf } from '../../core/royalties/amount.ts';
import { formatVnd } from '../../core/royalties/money.ts';
import { GENRE_BASES, WAGE_REGIONS, type RoyaltyPolicy } from '../../core/royalties/policy.ts';
import type { PolicyContext } from '../../core/royalties/amount.ts';
import type { Grants } from '../../core/permissions.ts';
import { formatDate } from '../../core/time.ts';
import { Checkbox, CsrfField, ErrorSummary, SelectField, TextArea, TextField, type FormState } from '../../ui/components/form.tsx';
import { format, type Lang } from '../../ui/i18n.ts';
import { AdminLayout } from '../../ui/layout.tsx';
import { common } from '../../ui/messages.ts';
import type { PageContext } from '../../ui/page-context.ts';
import { RoyaltyNav } from './nav.tsx';
import { rowCount } from './policy-form.ts';
import { policyText } from './policy-messages.ts';

export const POLICY_PAGE = '/admin/royalties/policy';

type Text = ReturnType<typeof policyText>;

export interface PolicyVersionRow {
  /** null: national; otherwise the owning site's name (this site or an ancestor). */
  owner: string | null;
  own: boolean;
  from: string;
  to: string | null;
  citation: string | null;
  note: string | null;
  current: boolean;
}

export interface PolicyPageData {
  today: string;
  inForce: { policy: RoyaltyPolicy; whose: 'own' | 'inherited' | 'national'; ownerName: string | null; from: string; to: string | null; citation: string | null } | null;
  context: PolicyContext;
  versions: PolicyVersionRow[];
  canManage: boolean;
  grants: Grants;
}

const basisLabel = (t: Text, basis: string) => (basis === 'translation' ? t.translation : basis === 'reuse' ? t.reuse : t.creation);

/** The policy's table and values; with `context` (the wages in force today) the unit value and cap also in đồng. */
function PolicyDetails({ policy, t, lang, context }: { policy: RoyaltyPolicy; t: Text; lang: Lang; context?: PolicyContext }): JSX.Element {
  const unitValue = context ? unitValueOf(policy, context) : null;
  const capValue = context ? capOf(policy.cap, context) : null;
  const inDong = (text: string, amount: number | null | 'unknown') => (typeof amount === 'number' ? format(t.today, { text, amount: formatVnd(amount) }) : text);
  const unit = inDong(policy.unitValue.basis === 'fixed' ? `${formatVnd(policy.unitValue.amount)} đ` : format(t.unitShare, { percent: policy.unitValue.percent }), policy.unitValue.basis === 'fixed' ? null : unitValue);
  const cap = policy.cap === null ? t.noCap : policy.cap.basis === 'fixed' ? `${formatVnd(policy.cap.amount)} đ` : inDong(format(t.capDays, { days: policy.cap.days, region: policy.cap.region }), capValue);
  // A cap at or below one unit makes every coefficient pay the same: say so where the table is read.
  const capBelowUnit = typeof capValue === 'number' && unitValue !== null && capValue <= unitValue;
  return (
    <>
      <div class="table-wrap">
        <table>
          <caption>{t.genres}</caption>
          <thead>
            <tr>
              <th scope="col">{t.genre}</th>
              <th scope="col">{t.key}</th>
              <th scope="col">{t.basis}</th>
              <th scope="col" class="num">{t.minCoef}</th>
              <th scope="col" class="num">{t.maxCoef}</th>
            </tr>
          </thead>
          <tbody>
            {policy.genres.map((g) => (
              <tr>
                <th scope="row" safe>{lang === 'en' ? g.en : g.vi}</th>
                <td safe>{g.key}</td>
                <td>{basisLabel(t, g.basis)}</td>
                <td class="num" safe>{formatCoefficient(g.minX100)}</td>
                <td class="num" safe>{formatCoefficient(g.maxX100)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <dl>
        <dt>{t.unitValue}</dt>
        <dd safe>{unit}</dd>
        <dt>{t.cap}</dt>
        <dd safe>{cap}</dd>
        {capBelowUnit ? (
          <dd class="notice" safe>
            {format(t.capBelowUnit, { cap: formatVnd(capValue), unit: formatVnd(unitValue) })}
          </dd>
        ) : (
          ''
        )}
        <dt>{t.translationPercent}</dt>
        <dd safe>{format(t.range, { min: policy.translationPercent.min, max: policy.translationPercent.max })}</dd>
        <dt>{t.reusePercent}</dt>
        <dd safe>{format(t.range, { min: policy.reusePercent.min, max: policy.reusePercent.max })}</dd>
        <dt>{t.paymentDays}</dt>
        <dd safe>{String(policy.paymentDays)}</dd>
        <dt>{t.remuneration}</dt>
        <dd safe>{`${t.editing}: ${formatVnd(policy.remuneration.editing)} đ; ${t.collecting}: ${formatVnd(policy.remuneration.collecting)} đ; ${t.approving}: ${formatVnd(policy.remuneration.approving)} đ`}</dd>
        <dt>{t.allowance}</dt>
        <dd safe>{`${t.head}: ${formatVnd(policy.boardAllowanceYearly.head)} đ; ${t.deputy}: ${formatVnd(policy.boardAllowanceYearly.deputy)} đ; ${t.member}: ${formatVnd(policy.boardAllowanceYearly.member)} đ`}</dd>
        <dt>{t.readers}</dt>
        <dd>{policy.payReaderContributions ? t.readersPaid : t.readersNotPaid}</dd>
      </dl>
    </>
  );
}

function GenreRows({ form, t, lang }: { form: FormState; t: Text; lang: Lang }): JSX.Element {
  const rows = rowCount(form.values);
  const value = (name: string) => {
    const v = form.values[name];
    return typeof v === 'string' ? v : '';
  };
  const error = form.errors.genres;
  return (
    <fieldset id="genres" class={error ? 'field field-error' : 'field'} aria-describedby={error ? 'genres-error' : undefined}>
      <legend>{t.genres}</legend>
      {error ? (
        <p class="error-message" id="genres-error" safe>
          {error}
        </p>
      ) : (
        ''
      )}
      <input type="hidden" name="rows" value={String(rows)} />
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t.key}</th>
              <th scope="col">{t.nameVi}</th>
              <th scope="col">{t.nameEn}</th>
              <th scope="col">{t.basis}</th>
              <th scope="col">{t.minCoef}</th>
              <th scope="col">{t.maxCoef}</th>
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: rows }, (_, i) => {
              const n = format(t.rowLabel, { n: i + 1 });
              const cell = (f: string, label: string, size: number) => {
                const name = `g${i}_${f}`;
                const err = form.errors[name];
                return (
                  <td>
                    <input id={name} name={name} type="text" size={String(size)} value={value(name)} aria-label={`${label}, ${n}`} aria-invalid={err ? 'true' : undefined} aria-describedby={err ? `${name}-error` : undefined} />
                    {err ? (
                      <p class="error-message" id={`${name}-error`} safe>
                        {err}
                      </p>
                    ) : (
                      ''
                    )}
                  </td>
                );
              };
              const basis = value(`g${i}_basis`) || 'creation';
              return (
                <tr>
                  {cell('key', t.key, 10)}
                  {cell('vi', t.nameVi, 24)}
                  {cell('en', t.nameEn, 20)}
                  <td>
                    <select id={`g${i}_basis`} name={`g${i}_basis`} aria-label={`${t.basis}, ${n}`}>
                      {GENRE_BASES.map((b) => (
                        <option value={b} selected={b === basis}>
                          {basisLabel(t, b)}
                        </option>
                      ))}
                    </select>
                  </td>
                  {cell('min', t.minCoef, 5)}
                  {cell('max', t.maxCoef, 5)}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p class="hint">{lang === 'vi' ? 'Hệ số viết bằng dấu phẩy thập phân, ví dụ 2,5.' : 'Coefficients take a decimal comma, e.g. 2,5.'}</p>
    </fieldset>
  );
}

export function PolicyPage({ ctx, data, form }: { ctx: PageContext; data: PolicyPageData; form: FormState }): JSX.Element {
  const t = policyText(ctx.lang);
  const c = common(ctx.lang);
  const f = data.inForce;
  const whose = !f ? '' : f.whose === 'own' ? t.own : f.whose === 'inherited' ? format(t.inherited, { site: f.ownerName ?? '' }) : t.national;
  const wages = data.context.minimumWages;
  return (
    <AdminLayout ctx={ctx} title={t.title}>
      <RoyaltyNav grants={data.grants} lang={ctx.lang} current={POLICY_PAGE} />
      <h1>{t.title}</h1>
      <p class="lead">{t.lead}</p>
      <p>{t.snapshot}</p>
      <section aria-labelledby="in-force">
        <h2 id="in-force" safe>{format(t.inForce, { date: formatDate(data.today) })}</h2>
        {f ? (
          <>
            <p>
              <strong safe>{whose}</strong>
              {' — '}
              <span safe>{`${format(t.since, { from: formatDate(f.from) })}${f.to ? ` ${format(t.until, { to: formatDate(f.to) })}` : ''}`}</span>
              {f.citation ? (
                <>
                  <span safe>{`. ${t.citation}: `}</span>
                  <span safe>{f.citation}</span>
                </>
              ) : (
                ''
              )}
            </p>
            <PolicyDetails policy={f.policy} t={t} lang={ctx.lang} context={data.context} />
          </>
        ) : (
          <p class="notice">{t.nonePolicy}</p>
        )}
        <dl>
          <dt>{t.baseSalary}</dt>
          <dd safe>{data.context.baseSalary === null ? t.notRecorded : format(t.perMonth, { amount: formatVnd(data.context.baseSalary) })}</dd>
          <dt>{t.minimumWage}</dt>
          <dd>{wages ? WAGE_REGIONS.map((r) => `${format(t.region, { r })}: ${format(t.perMonth, { amount: formatVnd(wages[r]) })}`).join('; ') : t.notRecorded}</dd>
        </dl>
      </section>
      <section aria-labelledby="versions">
        <h2 id="versions">{t.versions}</h2>
        {data.versions.length === 0 ? (
          <p>{t.noVersions}</p>
        ) : (
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">{t.versions}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.owner}</th>
                  <th scope="col">{t.from}</th>
                  <th scope="col">{t.to}</th>
                  <th scope="col">{t.citation}</th>
                  <th scope="col">{t.note}</th>
                </tr>
              </thead>
              <tbody>
                {data.versions.map((v) => (
                  <tr>
                    <th scope="row">
                      <span safe>{v.owner === null ? t.nationalShort : v.own ? t.thisSite : v.owner}</span>
                      {v.current ? <span class="tag tag-ok" safe>{` ${t.current}`}</span> : ''}
                    </th>
                    <td safe>{formatDate(v.from)}</td>
                    <td>{v.to ? formatDate(v.to) : '—'}</td>
                    <td safe>{v.citation ?? ''}</td>
                    <td safe>{v.note ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {data.canManage ? (
        <section aria-labelledby="add">
          <h2 id="add">{t.addTitle}</h2>
          <p>{t.addLead}</p>
          <ErrorSummary form={form} title={c.formErrors} />
          <form method="post" action={POLICY_PAGE} novalidate>
            <CsrfField token={ctx.csrfToken} />
            <TextField name="effectiveFrom" type="date" label={t.effectiveFrom} form={form} required />
            <GenreRows form={form} t={t} lang={ctx.lang} />
            <SelectField name="unitBasis" label={t.unitBasis} form={form} options={[{ value: 'base_salary_share', label: t.unitBasisShare }, { value: 'fixed', label: t.unitBasisFixed }]} />
            <TextField name="unitPercent" type="number" label={t.unitPercent} form={form} min={1} max={100} inputmode="numeric" />
            <TextField name="unitAmount" label={t.unitAmount} form={form} inputmode="numeric" maxlength={30} />
            <SelectField name="capBasis" label={t.capBasis} form={form} options={[{ value: 'none', label: t.capNone }, { value: 'minimum_wage_days', label: t.capMinimumWage }, { value: 'fixed', label: t.capFixed }]} />
            <TextField name="capDays" type="number" label={t.capDaysField} form={form} min={1} max={31} inputmode="numeric" />
            <SelectField name="capRegion" label={t.capRegion} form={form} options={WAGE_REGIONS.map((r) => ({ value: r, label: format(t.region, { r }) }))} />
            <TextField name="capAmount" label={t.capAmount} form={form} inputmode="numeric" maxlength={30} />
            <TextField name="translationMin" type="number" label={t.translationMin} form={form} min={0} max={100} required />
            <TextField name="translationMax" type="number" label={t.translationMax} form={form} min={0} max={100} required />
            <TextField name="reuseMin" type="number" label={t.reuseMin} form={form} min={0} max={100} required />
            <TextField name="reuseMax" type="number" label={t.reuseMax} form={form} min={0} max={100} required />
            <TextField name="paymentDays" type="number" label={t.paymentDays} form={form} min={1} max={366} required />
            <TextField name="remEditing" label={t.remEditing} form={form} inputmode="numeric" maxlength={30} required />
            <TextField name="remCollecting" label={t.remCollecting} form={form} inputmode="numeric" maxlength={30} required />
            <TextField name="remApproving" label={t.remApproving} form={form} inputmode="numeric" maxlength={30} required />
            <TextField name="allowHead" label={t.allowHead} form={form} inputmode="numeric" maxlength={30} required />
            <TextField name="allowDeputy" label={t.allowDeputy} form={form} inputmode="numeric" maxlength={30} required />
            <TextField name="allowMember" label={t.allowMember} form={form} inputmode="numeric" maxlength={30} required />
            <Checkbox name="payReaders" label={t.payReaders} form={form} />
            <TextField name="citation" label={t.citationField} hint={t.citationHint} form={form} maxlength={300} />
            <TextArea name="reason" label={t.reason} hint={t.reasonHint} form={form} rows={2} maxlength={1000} />
            <button type="submit">{t.save}</button>
          </form>
        </section>
      ) : (
        ''
      )}
    </AdminLayout>
  );
}
