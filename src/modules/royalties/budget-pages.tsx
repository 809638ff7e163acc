// The budget page: per line the approved amount, spent and remaining (with a
// warning when over), the forms to approve, to record spending and income, and
// the year's spending and income with their totals.
import { formatVnd } from '../../core/royalties/money.ts';
import { BUDGET_LINE_LABELS, BUDGET_LINES, type BudgetLine } from '../../core/royalties/policy.ts';
import type { Grants } from '../../core/permissions.ts';
import { formatDate } from '../../core/time.ts';
import { CsrfField, ErrorSummary, SelectField, TextField, type FormState } from '../../ui/components/form.tsx';
import { format, type Lang } from '../../ui/i18n.ts';
import { AdminLayout } from '../../ui/layout.tsx';
import { common } from '../../ui/messages.ts';
import type { PageContext } from '../../ui/page-context.ts';
import type { BudgetMovement, BudgetOverview } from './budget-store.ts';
import { budgetText } from './budget-messages.ts';
import { RoyaltyNav } from './nav.tsx';

export const BUDGET_PAGE = '/admin/royalties/budget';

export interface BudgetForms {
  approve: FormState;
  spending: FormState;
  income: FormState;
}

const money = (n: number | null) => (n === null ? '' : formatVnd(n));

function Movements({ caption, rows, total, lang, withLine }: { caption: string; rows: BudgetMovement[]; total: number; lang: Lang; withLine: boolean }): JSX.Element {
  const t = budgetText(lang);
  if (rows.length === 0) {
    return (
      <>
        <h2 safe>{caption}</h2>
        <p>{t.none}</p>
      </>
    );
  }
  return (
    <div class="table-wrap">
      <table>
        <caption safe>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.date}</th>
            {withLine ? <th scope="col">{t.line}</th> : ''}
            <th scope="col">{withLine ? t.description : t.source}</th>
            <th scope="col" class="num">{t.amount}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((m) => (
            <tr>
              <td safe>{formatDate(m.onDate)}</td>
              {withLine ? <td safe>{BUDGET_LINE_LABELS[m.line as BudgetLine]?.[lang] ?? m.line}</td> : ''}
              <td safe>{m.description}</td>
              <td class="num" safe>{formatVnd(m.amount)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colspan={withLine ? '3' : '2'}>{t.total}</th>
            <td class="num" safe>{formatVnd(total)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

export function BudgetPage({ ctx, grants, canManage, overview, forms }: { ctx: PageContext; grants: Grants; canManage: boolean; overview: BudgetOverview; forms: BudgetForms }): JSX.Element {
  const t = budgetText(ctx.lang);
  const c = common(ctx.lang);
  const title = format(t.title, { year: overview.year });
  const lineOptions = BUDGET_LINES.map((l) => ({ value: l, label: BUDGET_LINE_LABELS[l][ctx.lang] }));
  return (
    <AdminLayout ctx={ctx} title={title}>
      <RoyaltyNav grants={grants} lang={ctx.lang} current={BUDGET_PAGE} />
      <h1 safe>{title}</h1>
      <p class="lead">{t.lead}</p>
      <form method="get" action={BUDGET_PAGE} class="inline-form">
        <label for="nam">{t.year}</label>
        <input id="nam" name="nam" type="number" min="2000" max="2999" value={String(overview.year)} />
        <button type="submit">{t.show}</button>
      </form>
      <div class="table-wrap">
        <table>
          <caption>{t.linesCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.line}</th>
              <th scope="col" class="num">{t.approved}</th>
              <th scope="col" class="num">{t.spent}</th>
              <th scope="col" class="num">{t.remaining}</th>
            </tr>
          </thead>
          <tbody>
            {overview.lines.map((l) => (
              <tr>
                <th scope="row">
                  <span safe>{BUDGET_LINE_LABELS[l.line][ctx.lang]}</span>
                  {l.over ? <strong class="tag tag-bad" safe>{` ${t.over}`}</strong> : ''}
                </th>
                <td class="num" safe>{l.approved === null ? t.notApproved : formatVnd(l.approved)}</td>
                <td class="num" safe>{formatVnd(l.spent)}</td>
                <td class="num" safe>{money(l.remaining)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t.total}</th>
              <td class="num" safe>{formatVnd(overview.totals.approved)}</td>
              <td class="num" safe>{formatVnd(overview.totals.spent)}</td>
              <td class="num" safe>{formatVnd(overview.totals.remaining)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      <p safe>
        {format(t.withIncome, { income: formatVnd(overview.incomeTotal), remaining: formatVnd(overview.totals.remaining + overview.incomeTotal) })}
      </p>
      <Movements caption={t.spendingList} rows={overview.spending} total={overview.spendingTotal} lang={ctx.lang} withLine />
      <Movements caption={t.incomeList} rows={overview.income} total={overview.incomeTotal} lang={ctx.lang} withLine={false} />
      {canManage ? (
        <>
          <section aria-labelledby="approve">
            <h2 id="approve">{t.approveTitle}</h2>
            <p>{t.approveLead}</p>
            <ErrorSummary form={forms.approve} title={c.formErrors} />
            <form method="post" action={BUDGET_PAGE} novalidate>
              <CsrfField token={ctx.csrfToken} />
              <input type="hidden" name="year" value={String(overview.year)} />
              {BUDGET_LINES.map((l) => (
                <TextField name={`approved_${l}`} label={format(t.approvedOf, { line: BUDGET_LINE_LABELS[l][ctx.lang] })} form={forms.approve} inputmode="numeric" maxlength={30} />
              ))}
              <button type="submit">{t.saveApproved}</button>
            </form>
          </section>
          <section aria-labelledby="spending">
            <h2 id="spending">{t.spendingTitle}</h2>
            <ErrorSummary form={forms.spending} title={c.formErrors} />
            <form method="post" action={`${BUDGET_PAGE}/spending`} novalidate>
              <CsrfField token={ctx.csrfToken} />
              <SelectField name="spendLine" label={t.line} form={forms.spending} options={lineOptions} />
              <TextField name="spendDate" type="date" label={t.date} form={forms.spending} required />
              <TextField name="spendAmount" label={t.amount} form={forms.spending} required inputmode="numeric" maxlength={30} />
              <TextField name="spendDescription" label={t.description} form={forms.spending} required maxlength={300} />
              <button type="submit">{t.record}</button>
            </form>
          </section>
          <section aria-labelledby="income">
            <h2 id="income">{t.incomeTitle}</h2>
            <p>{t.incomeLead}</p>
            <ErrorSummary form={forms.income} title={c.formErrors} />
            <form method="post" action={`${BUDGET_PAGE}/income`} novalidate>
              <CsrfField token={ctx.csrfToken} />
              <TextField name="incomeDate" type="date" label={t.date} form={forms.income} required />
              <TextField name="incomeAmount" label={t.amount} form={forms.income} required inputmode="numeric" maxlength={30} />
              <TextField name="incomeSource" label={t.source} form={forms.income} required maxlength={300} />
              <button type="submit">{t.record}</button>
            </form>
          </section>
        </>
      ) : (
        ''
      )}
    </AdminLayout>
  );
}
