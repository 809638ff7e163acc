// The periods list (/admin/royalties/periods) and a period's sheet
// (/admin/royalties/periods/2026-11): lines per payee or per unit, flags in
// words, totals in figures and in words, what is carried over from earlier
// periods, and the forms to pay, add remuneration and close the period.
import { escapeHtml } from '@kitajs/html';
import { LINE_KIND_LABELS } from '../../core/royalties/policy.ts';
import { formatVnd } from '../../core/royalties/money.ts';
import { periodLabel } from '../../core/royalties/period.ts';
import { formatDate, formatDateTime } from '../../core/time.ts';
import { format, type Lang } from '../../ui/i18n.ts';
import { AdminLayout } from '../../ui/layout.tsx';
import type { PageContext } from '../../ui/page-context.ts';
import { Checkbox, CsrfField, ErrorSummary, SelectField, TextField, type FormState, type Option } from '../../ui/components/form.tsx';
import type { Grants } from '../../core/permissions.ts';
import { RoyaltyNav } from './nav.tsx';
import { periodText, type PeriodText } from './period-messages.ts';
import { REMUNERATION_KINDS } from './payments.ts';
import { lineFlags, type PeriodClosing, type PeriodSummary, type Sheet, type SheetLine } from './sheet.ts';

export const PERIODS_PATH = '/admin/royalties/periods';

export function sheetPath(period: string, query: { by?: string; payeeId?: number | null } = {}, ext = ''): string {
  const q = new URLSearchParams();
  if (query.by === 'don-vi') q.set('theo', 'don-vi');
  if (query.payeeId) q.set('nguoi', String(query.payeeId));
  const s = q.toString();
  return `${PERIODS_PATH}/${period}${ext}${s ? `?${s}` : ''}`;
}

function closingText(closing: PeriodClosing, t: PeriodText): string {
  return format(t.closedBy, { at: formatDateTime(closing.closedAt), who: closing.closedBy ?? '—' });
}

export function PeriodsPage(props: { ctx: PageContext; grants: Grants; periods: PeriodSummary[] }): JSX.Element {
  const { ctx } = props;
  const t = periodText(ctx.lang);
  return (
    <AdminLayout ctx={ctx} title={t.periodsTitle}>
      <RoyaltyNav grants={props.grants} lang={ctx.lang} current={PERIODS_PATH} />
      <h1>{t.periodsTitle}</h1>
      <p class="lead">{t.periodsLead}</p>
      <div class="table-wrap">
        <table class="data-table">
          <caption class="visually-hidden">{t.periodsTitle}</caption>
          <thead>
            <tr>
              <th scope="col">{t.period}</th>
              <th scope="col">{t.state}</th>
              <th scope="col" class="num">{t.total}</th>
              <th scope="col" class="num">{t.paid}</th>
              <th scope="col" class="num">{t.unpaid}</th>
              <th scope="col" class="num">{t.overdue}</th>
            </tr>
          </thead>
          <tbody>
            {props.periods.map((p) => (
              <tr>
                <th scope="row">
                  <a href={sheetPath(p.period)} safe>{periodLabel(p.period, ctx.lang)}</a>
                </th>
                <td>{escapeHtml(p.closing ? `${t.closed} (${closingText(p.closing, t)})` : t.open)}</td>
                <td class="num" safe>{formatVnd(p.total)}</td>
                <td class="num" safe>{formatVnd(p.paid)}</td>
                <td class="num" safe>{formatVnd(p.unpaid)}</td>
                <td class="num" safe>{formatVnd(p.overdue)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </AdminLayout>
  );
}

export interface SheetForms {
  pay: FormState;
  remuneration: FormState;
  close: FormState;
}

interface SheetPageProps {
  ctx: PageContext;
  grants: Grants;
  sheet: Sheet;
  payees: Option[];
  canManage: boolean;
  /** The period has ended (it may be closed). */
  ended: boolean;
  forms: SheetForms;
}

function LineRow({ line, t, lang, selectable, withPeriod }: { line: SheetLine; t: PeriodText; lang: Lang; selectable: boolean; withPeriod: boolean }): JSX.Element {
  const flags = lineFlags(line, lang);
  return (
    <tr>
      {selectable ? (
        <td>
          {line.paidOn === null ? (
            <>
              <label class="visually-hidden" for={`dong-${line.id}`} safe>{`${t.payLines}: ${format(t.lineNo, { id: line.id })}`}</label>
              <input type="checkbox" id={`dong-${line.id}`} name="dong" value={String(line.id)} form="chi-tra" />
            </>
          ) : (
            ''
          )}
        </td>
      ) : (
        ''
      )}
      <th scope="row">
        {line.articleId !== null ? <a href={`/admin/articles/${line.articleId}`} safe>{line.articleTitle ?? line.description}</a> : escapeHtml(line.description)}
        <br />
        <small safe>{`${format(t.lineNo, { id: line.id })}${withPeriod ? ` · ${periodLabel(line.period, lang)}` : ''} · ${line.payeeName}`}</small>
        {line.corrects ? (
          <>
            <br />
            <small safe>{format(t.corrects, { id: line.corrects.id, period: periodLabel(line.corrects.period, lang) })}</small>
          </>
        ) : (
          ''
        )}
        {flags.length > 0 ? (
          <>
            <br />
            <strong class="flag" safe>{flags.join('; ')}</strong>
          </>
        ) : (
          ''
        )}
      </th>
      <td>{escapeHtml(line.publishedOn ? formatDate(line.publishedOn) : '—')}</td>
      <td safe>{(lang === 'en' ? line.genreEn : line.genre) ?? '—'}</td>
      <td class="num" safe>{line.coefficient ?? '—'}</td>
      <td safe>{line.kindLabel[lang]}</td>
      <td>{escapeHtml(line.role ? `${line.role[lang]}${line.sharePercent ? ` ${line.sharePercent}` : ''}` : '—')}</td>
      <td class="num" safe>{formatVnd(line.amount)}</td>
      <td>{escapeHtml(line.dueOn ? formatDate(line.dueOn) : '—')}</td>
      <td>{escapeHtml(line.paidOn ? format(t.paidOn, { date: formatDate(line.paidOn), ref: line.paidRef ?? '' }) : t.notPaid)}</td>
    </tr>
  );
}

function LinesTable(props: { caption: string; lines: SheetLine[]; total: number; totalLabel: string; t: PeriodText; lang: Lang; selectable: boolean; withPeriod: boolean }): JSX.Element {
  const { t } = props;
  return (
    <div class="table-wrap">
      <table class="data-table">
        <caption class="visually-hidden" safe>{props.caption}</caption>
        <thead>
          <tr>
            {props.selectable ? <th scope="col"><span class="visually-hidden">{t.payLines}</span></th> : ''}
            <th scope="col">{t.item}</th>
            <th scope="col">{t.publishedOn}</th>
            <th scope="col">{t.genre}</th>
            <th scope="col" class="num">{t.coefficient}</th>
            <th scope="col">{t.kind}</th>
            <th scope="col">{t.role}</th>
            <th scope="col" class="num">{t.amount}</th>
            <th scope="col">{t.due}</th>
            <th scope="col">{t.payment}</th>
          </tr>
        </thead>
        <tbody>
          {props.lines.map((line) => (
            <LineRow line={line} t={t} lang={props.lang} selectable={props.selectable} withPeriod={props.withPeriod} />
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colspan={props.selectable ? '7' : '6'} safe>{props.totalLabel}</th>
            <td class="num" safe>{formatVnd(props.total)}</td>
            <td colspan="2"></td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

export function SheetPage(props: SheetPageProps): JSX.Element {
  const { ctx, sheet, forms } = props;
  const lang = ctx.lang;
  const t = periodText(lang);
  const title = format(t.sheetTitle, { period: periodLabel(sheet.period, lang) });
  const q = { by: sheet.query.by, payeeId: sheet.query.payeeId };
  const selectable = props.canManage;
  const filter = { values: { theo: sheet.query.by, nguoi: sheet.query.payeeId ? String(sheet.query.payeeId) : '' }, errors: {} };
  return (
    <AdminLayout ctx={ctx} title={title}>
      <RoyaltyNav grants={props.grants} lang={lang} current={PERIODS_PATH} />
      <h1 safe>{title}</h1>
      <p>
        <strong>{escapeHtml(sheet.closing ? t.closed : t.open)}</strong>
        {sheet.closing ? escapeHtml(` — ${closingText(sheet.closing, t)}`) : ''}
      </p>
      <form method="get" action={sheetPath(sheet.period)} class="filters">
        <SelectField name="theo" label={t.groupBy} form={filter} options={[{ value: 'nguoi', label: t.byPayee }, { value: 'don-vi', label: t.byUnit }]} />
        <SelectField name="nguoi" label={t.onePayee} form={filter} options={props.payees} emptyLabel={t.allPayees} />
        <button type="submit" class="button button-secondary">{t.show}</button>
      </form>
      <p>
        {t.download} <a href={sheetPath(sheet.period, q, '.xlsx')}>XLSX</a> · <a href={sheetPath(sheet.period, q, '.pdf')}>PDF</a> · <a href={sheetPath(sheet.period, q, '.csv')}>CSV</a>
      </p>
      {sheet.groups.length === 0 ? <p>{t.noLines}</p> : ''}
      {sheet.groups.map((g) => (
        <section aria-label={g.label}>
          <h2 safe>{g.label}</h2>
          <LinesTable caption={g.label} lines={g.lines} total={g.total} totalLabel={`${t.groupTotal}: ${g.label}`} t={t} lang={lang} selectable={selectable} withPeriod={false} />
        </section>
      ))}
      <p>
        <strong safe>{`${t.sheetTotal}: ${formatVnd(sheet.total)} đ`}</strong>
        <br />
        <span safe>{format(t.inWords, { words: sheet.totalInWords })}</span>
      </p>
      <section aria-labelledby="ky-truoc">
        <h2 id="ky-truoc">{t.carriedTitle}</h2>
        {sheet.carried.length === 0 ? (
          <p>{t.noCarried}</p>
        ) : (
          <LinesTable caption={t.carriedTitle} lines={sheet.carried} total={sheet.carriedTotal} totalLabel={t.carriedTotal} t={t} lang={lang} selectable={selectable} withPeriod={true} />
        )}
        <p>
          <strong safe>{`${t.grandTotal}: ${formatVnd(sheet.grandTotal)} đ`}</strong>
          <br />
          <span safe>{format(t.inWords, { words: sheet.grandTotalInWords })}</span>
        </p>
      </section>
      {props.canManage ? <ManageForms {...props} t={t} /> : ''}
    </AdminLayout>
  );
}

const hasErrors = (form: FormState) => Object.keys(form.errors).length > 0;

function ManageForms(props: SheetPageProps & { t: PeriodText }): JSX.Element {
  const { ctx, sheet, forms, t } = props;
  const kinds = REMUNERATION_KINDS.map((k) => ({ value: k, label: LINE_KIND_LABELS[k][ctx.lang] }));
  return (
    <>
      <section aria-labelledby="chi-tra-h">
        <h2 id="chi-tra-h">{t.payTitle}</h2>
        <p>{t.payLead}</p>
        <ErrorSummary form={forms.pay} title={t.payTitle} />
        <form method="post" action={`${PERIODS_PATH}/${sheet.period}/pay`} id="chi-tra">
          <CsrfField token={ctx.csrfToken} />
          <SelectField name="payee" label={t.payPayee} form={forms.pay} options={props.payees} emptyLabel={t.choose} />
          <TextField name="paidOn" type="date" label={t.payDate} form={forms.pay} required />
          <TextField name="reference" label={t.payRef} form={forms.pay} required maxlength={60} />
          <button type="submit" class="button">{t.payButton}</button>
        </form>
      </section>
      {sheet.closing === null || hasErrors(forms.remuneration) ? (
        <section aria-labelledby="thu-lao-h">
          <h2 id="thu-lao-h">{t.remunerationTitle}</h2>
          <ErrorSummary form={forms.remuneration} title={t.remunerationTitle} />
          <form method="post" action={`${PERIODS_PATH}/${sheet.period}/remuneration`}>
            <CsrfField token={ctx.csrfToken} />
            <SelectField name="remPayee" label={t.payee} form={forms.remuneration} options={props.payees} emptyLabel={t.choose} required />
            <SelectField name="kind" label={t.remunerationKind} form={forms.remuneration} options={kinds} emptyLabel={t.choose} required />
            <TextField name="amount" label={t.amount} form={forms.remuneration} required inputmode="numeric" maxlength={20} />
            <TextField name="description" label={t.description} form={forms.remuneration} required maxlength={300} />
            <button type="submit" class="button">{t.remunerationButton}</button>
          </form>
        </section>
      ) : (
        ''
      )}
      {(sheet.closing === null && props.ended) || hasErrors(forms.close) ? (
        <section aria-labelledby="khoa-so-h">
          <h2 id="khoa-so-h">{t.closeTitle}</h2>
          <p>{t.closeLead}</p>
          <ErrorSummary form={forms.close} title={t.closeTitle} />
          <form method="post" action={`${PERIODS_PATH}/${sheet.period}/close`}>
            <CsrfField token={ctx.csrfToken} />
            {forms.close.errors.confirm ? (
              <p class="error-message" id="confirm-error" safe>
                {forms.close.errors.confirm}
              </p>
            ) : (
              ''
            )}
            <Checkbox name="confirm" label={t.closeConfirm} form={forms.close} />
            <button type="submit" class="button button-danger">{t.closeButton}</button>
          </form>
        </section>
      ) : sheet.closing === null ? (
        <section aria-labelledby="khoa-so-h">
          <h2 id="khoa-so-h">{t.closeTitle}</h2>
          <p>{t.closeNotYet}</p>
        </section>
      ) : (
        ''
      )}
    </>
  );
}
