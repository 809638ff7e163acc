// The board's yearly allowances (/admin/royalties/allowances?nam=2026): the
// terms of the year with the computation of each (days in the term / days of
// the year × the yearly rate), and the forms to add or end a term, suggest
// terms from the site's members and write the year's allowances into a period.
import { escapeHtml } from '@kitajs/html';
import type { Grants } from '../../core/permissions.ts';
import { formatVnd } from '../../core/royalties/money.ts';
import { periodLabel } from '../../core/royalties/period.ts';
import { BOARD_POSITIONS } from '../../core/royalties/policy.ts';
import { formatDate } from '../../core/time.ts';
import { format } from '../../ui/i18n.ts';
import { AdminLayout } from '../../ui/layout.tsx';
import type { PageContext } from '../../ui/page-context.ts';
import { CsrfField, ErrorSummary, SelectField, TextField, type FormState, type Option } from '../../ui/components/form.tsx';
import { POSITION_LABELS, type YearAllowances } from './allowances.ts';
import { RoyaltyNav } from './nav.tsx';
import { periodText } from './period-messages.ts';

export const ALLOWANCES_PATH = '/admin/royalties/allowances';

export interface AllowanceForms {
  term: FormState;
  compute: FormState;
  end: FormState;
}

export function AllowancesPage(props: { ctx: PageContext; grants: Grants; computed: YearAllowances; payees: Option[]; openPeriods: string[]; canManage: boolean; forms: AllowanceForms }): JSX.Element {
  const { ctx, computed, forms } = props;
  const lang = ctx.lang;
  const t = periodText(lang);
  const year = computed.year;
  const title = format(t.allowancesTitle, { year });
  const action = (what: string) => `${ALLOWANCES_PATH}/${what}?nam=${year}`;
  return (
    <AdminLayout ctx={ctx} title={title}>
      <RoyaltyNav grants={props.grants} lang={lang} current={ALLOWANCES_PATH} />
      <h1 safe>{title}</h1>
      <p class="lead">{t.allowancesLead}</p>
      <form method="get" action={ALLOWANCES_PATH} class="filters">
        <TextField name="nam" type="number" label={t.year} form={{ values: { nam: String(year) }, errors: {} }} min={2000} max={2100} />
        <button type="submit" class="button button-secondary">{t.show}</button>
      </form>
      {computed.hasPolicy ? '' : <p class="error-message">{t.noPolicy}</p>}
      <section aria-labelledby="nhiem-ky-h">
        <h2 id="nhiem-ky-h">{t.terms}</h2>
        <ErrorSummary form={forms.end} title={t.endButton} />
        {computed.terms.length === 0 ? (
          <p>{t.noTerms}</p>
        ) : (
          <div class="table-wrap">
            <table class="data-table">
              <caption class="visually-hidden">{t.terms}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.payee}</th>
                  <th scope="col">{t.position}</th>
                  <th scope="col">{t.from}</th>
                  <th scope="col">{t.to}</th>
                  <th scope="col" class="num">{t.yearly}</th>
                  <th scope="col">{t.computation}</th>
                  <th scope="col" class="num">{t.amount}</th>
                  {props.canManage ? <th scope="col">{t.endTerm}</th> : ''}
                </tr>
              </thead>
              <tbody>
                {computed.terms.map((r) => (
                  <tr>
                    <th scope="row" safe>{r.term.payeeName}</th>
                    <td safe>{POSITION_LABELS[r.term.position][lang]}</td>
                    <td safe>{formatDate(r.term.from)}</td>
                    <td>{escapeHtml(r.term.to ? formatDate(r.term.to) : t.ongoing)}</td>
                    <td class="num" safe>{formatVnd(r.yearly)}</td>
                    <td safe>{`${formatVnd(r.yearly)} × ${r.days}/${r.yearDays} ${lang === 'vi' ? 'ngày' : 'days'}`}</td>
                    <td class="num" safe>{formatVnd(r.amount)}</td>
                    {props.canManage ? (
                      <td>
                        <form method="post" action={action(`terms/${r.term.id}/end`)} class="inline">
                          <CsrfField token={ctx.csrfToken} />
                          <label for={`den-${r.term.id}`} class="visually-hidden" safe>{`${t.endTerm}: ${r.term.payeeName}`}</label>
                          <input type="date" id={`den-${r.term.id}`} name="to" value={r.term.to ?? ''} required />
                          <button type="submit" class="button button-secondary">{t.endButton}</button>
                        </form>
                      </td>
                    ) : (
                      ''
                    )}
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colspan="6">{t.total}</th>
                  <td class="num" safe>{formatVnd(computed.total)}</td>
                  {props.canManage ? <td></td> : ''}
                </tr>
              </tfoot>
            </table>
          </div>
        )}
      </section>
      {props.canManage ? (
        <>
          <section aria-labelledby="them-h">
            <h2 id="them-h">{t.addTerm}</h2>
            <ErrorSummary form={forms.term} title={t.addTerm} />
            <form method="post" action={action('terms')}>
              <CsrfField token={ctx.csrfToken} />
              <SelectField name="payee" label={t.payee} form={forms.term} options={props.payees} emptyLabel={t.choose} required />
              <SelectField name="position" label={t.position} form={forms.term} options={BOARD_POSITIONS.map((p) => ({ value: p, label: POSITION_LABELS[p][lang] }))} emptyLabel={t.choose} required />
              <TextField name="from" type="date" label={t.from} form={forms.term} required />
              <TextField name="to" type="date" label={t.to} form={forms.term} />
              <button type="submit" class="button">{t.addTermButton}</button>
            </form>
          </section>
          <section aria-labelledby="de-xuat-h">
            <h2 id="de-xuat-h">{t.suggest}</h2>
            <p>{t.suggestLead}</p>
            <form method="post" action={action('suggest')}>
              <CsrfField token={ctx.csrfToken} />
              <button type="submit" class="button button-secondary">{t.suggest}</button>
            </form>
          </section>
          <section aria-labelledby="tinh-h">
            <h2 id="tinh-h">{t.compute}</h2>
            <p>{t.computeLead}</p>
            <ErrorSummary form={forms.compute} title={t.compute} />
            <form method="post" action={action('compute')}>
              <CsrfField token={ctx.csrfToken} />
              <SelectField name="period" label={t.targetPeriod} form={forms.compute} options={props.openPeriods.map((p) => ({ value: p, label: periodLabel(p, lang) }))} />
              <button type="submit" class="button">{escapeHtml(t.compute)}</button>
            </form>
          </section>
        </>
      ) : (
        ''
      )}
    </AdminLayout>
  );
}
