// The board's review-times page (/admin/review-times) and the rows of its XLSX.
import { escapeHtml } from '@kitajs/html';
import { formatDateTime } from '../../core/time.ts';
import type { Lang } from '../../ui/i18n.ts';
import { MonthFilter } from '../../ui/components/month-filter.tsx';
import { AdminLayout } from '../../ui/layout.tsx';
import type { PageContext } from '../../ui/page-context.ts';
import { formatHours, hoursOf } from './format.ts';
import { reviewTimeText } from './messages.ts';
import type { ReviewTimes } from './report.ts';
import { MAX_LISTED, type StayFilter, type StayRow } from './store.ts';

type Text = ReturnType<typeof reviewTimeText>;

export const PAGE = '/admin/review-times';

/** The address of the stays behind a figure of the month. */
export function stayLink(month: string, filter: StayFilter): string {
  const q = new URLSearchParams({ thang: month });
  if (filter.stepIndex !== undefined && filter.stepIndex !== null) q.set('buoc', String(filter.stepIndex));
  if (filter.stepName) q.set('ten', filter.stepName);
  if (filter.reviewerId !== undefined && filter.reviewerId !== null) q.set('nguoi', String(filter.reviewerId));
  if (filter.overdueOnly) q.set('qua-han', '1');
  return `${PAGE}?${q.toString()}#danh-sach`;
}

function Count({ n, href }: { n: number; href: string }): JSX.Element {
  return n > 0 ? <a href={href}>{n}</a> : <>{n}</>;
}

function StepsTable({ report, month, t, lang }: { report: ReviewTimes; month: string; t: Text; lang: Lang }): JSX.Element {
  return (
    <div class="table-wrap">
      <table class="data-table">
        <caption class="visually-hidden">{t.bySteps}</caption>
        <thead>
          <tr>
            <th scope="col">{t.step}</th>
            <th scope="col" class="num">{t.items}</th>
            <th scope="col" class="num">{t.median}</th>
            <th scope="col" class="num">{t.mean}</th>
            <th scope="col" class="num">{t.overdue}</th>
          </tr>
        </thead>
        <tbody>
          {report.steps.map((s) => (
            <tr>
              <th scope="row" safe>{`${s.stepIndex + 1}. ${s.stepName}`}</th>
              <td class="num"><Count n={s.items} href={stayLink(month, { stepIndex: s.stepIndex, stepName: s.stepName })} /></td>
              <td class="num" safe>{formatHours(s.medianMinutes, lang)}</td>
              <td class="num" safe>{formatHours(s.meanMinutes, lang)}</td>
              <td class="num"><Count n={s.overdue} href={stayLink(month, { stepIndex: s.stepIndex, stepName: s.stepName, overdueOnly: true })} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ReviewersTable({ report, month, t, lang }: { report: ReviewTimes; month: string; t: Text; lang: Lang }): JSX.Element {
  return (
    <div class="table-wrap">
      <table class="data-table">
        <caption class="visually-hidden">{t.byReviewers}</caption>
        <thead>
          <tr>
            <th scope="col">{t.reviewer}</th>
            <th scope="col" class="num">{t.acted}</th>
            <th scope="col" class="num">{t.onBehalf}</th>
            <th scope="col" class="num">{t.mean}</th>
            <th scope="col" class="num">{t.overdue}</th>
            <th scope="col" class="num">{t.openNow}</th>
          </tr>
        </thead>
        <tbody>
          {report.reviewers.map((r) => (
            <tr>
              <th scope="row" safe>{r.name ?? t.unknownPerson}</th>
              <td class="num">{r.userId === null ? r.acted : <Count n={r.acted} href={stayLink(month, { reviewerId: r.userId })} />}</td>
              <td class="num">{r.onBehalf}</td>
              <td class="num">{r.acted > 0 ? escapeHtml(formatHours(r.meanMinutes, lang)) : '—'}</td>
              <td class="num">{r.userId === null ? r.overdue : <Count n={r.overdue} href={stayLink(month, { reviewerId: r.userId, overdueOnly: true })} />}</td>
              <td class="num">{r.openNow > 0 ? <a href="#dang-qua-han">{r.openNow}</a> : '0'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function OpenTable({ report, t, lang }: { report: ReviewTimes; t: Text; lang: Lang }): JSX.Element {
  return (
    <div class="table-wrap">
      <table class="data-table">
        <caption class="visually-hidden">{t.openOverdue}</caption>
        <thead>
          <tr>
            <th scope="col">{t.item}</th>
            <th scope="col">{t.step}</th>
            <th scope="col">{t.due}</th>
            <th scope="col" class="num">{t.delay}</th>
            <th scope="col">{t.whoActs}</th>
          </tr>
        </thead>
        <tbody>
          {report.open.map((o) => (
            <tr>
              <th scope="row">
                <a href={`/admin/articles/${o.itemId}/history`} safe>{o.title}</a>
              </th>
              <td safe>{`${o.stepIndex + 1}. ${o.stepName}`}</td>
              <td safe>{formatDateTime(o.dueAt)}</td>
              <td class="num" safe>{formatHours(o.delayMinutes, lang)}</td>
              <td safe>{o.names.join(', ') || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function StaysTable({ stays, t, lang }: { stays: StayRow[]; t: Text; lang: Lang }): JSX.Element {
  return (
    <div class="table-wrap">
      <table class="data-table">
        <caption class="visually-hidden">{t.behind}</caption>
        <thead>
          <tr>
            <th scope="col">{t.item}</th>
            <th scope="col">{t.step}</th>
            <th scope="col">{t.entered}</th>
            <th scope="col">{t.left}</th>
            <th scope="col">{t.due}</th>
            <th scope="col" class="num">{t.hours}</th>
            <th scope="col" class="num">{t.late}</th>
            <th scope="col">{t.actor}</th>
          </tr>
        </thead>
        <tbody>
          {stays.map((s) => (
            <tr>
              <th scope="row">
                <a href={`/admin/articles/${s.itemId}/history`} safe>{s.title}</a>
              </th>
              <td safe>{`${s.stepIndex + 1}. ${s.stepName}`}</td>
              <td safe>{formatDateTime(s.enteredAt)}</td>
              <td safe>{formatDateTime(s.leftAt)}</td>
              <td>{s.dueAt ? escapeHtml(formatDateTime(s.dueAt)) : '—'}</td>
              <td class="num" safe>{formatHours(s.workingMinutes, lang)}</td>
              <td class="num" safe>{formatHours(s.lateMinutes, lang)}</td>
              <td safe>{`${s.actorName ?? '—'}${s.onBehalfOfName ? ` (${t.onBehalfOf.replace('{name}', s.onBehalfOfName)})` : ''}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ReviewTimesPage(props: { ctx: PageContext; month: string; report: ReviewTimes | null; stays: StayRow[] | null }): JSX.Element {
  const { ctx, report, month, stays } = props;
  const lang = ctx.lang;
  const t = reviewTimeText(lang);
  return (
    <AdminLayout ctx={ctx} title={t.title}>
      <h1>{t.title}</h1>
      <p class="lead">{t.lead}</p>
      <MonthFilter action={PAGE} label={t.month} button={t.show} value={month} error={report ? null : t.badMonth} />
      {report ? (
        <>
          <p>
            {t.download} <a href={`${PAGE}.xlsx?thang=${encodeURIComponent(month)}`}>XLSX</a>
          </p>
          <section aria-labelledby="theo-buoc-h">
            <h2 id="theo-buoc-h">{t.bySteps}</h2>
            {report.steps.length === 0 ? <p>{t.noneStays}</p> : <StepsTable report={report} month={month} t={t} lang={lang} />}
          </section>
          <section aria-labelledby="theo-nguoi-h">
            <h2 id="theo-nguoi-h">{t.byReviewers}</h2>
            {report.reviewers.length === 0 ? <p>{t.noneStays}</p> : <ReviewersTable report={report} month={month} t={t} lang={lang} />}
          </section>
          <section aria-labelledby="dang-qua-han">
            <h2 id="dang-qua-han">{t.openOverdue}</h2>
            {report.open.length === 0 ? <p>{t.noneOpen}</p> : <OpenTable report={report} t={t} lang={lang} />}
          </section>
          {stays ? (
            <section aria-labelledby="danh-sach">
              <h2 id="danh-sach">{t.behind}</h2>
              <p>
                <a href={`${PAGE}?thang=${encodeURIComponent(month)}`}>{t.clear}</a>
              </p>
              {stays.length >= MAX_LISTED ? <p>{t.tooMany}</p> : ''}
              <StaysTable stays={stays} t={t} lang={lang} />
            </section>
          ) : (
            ''
          )}
        </>
      ) : (
        ''
      )}
    </AdminLayout>
  );
}

/** The XLSX: one sheet, one block per table, figures as numbers (hours with one decimal). */
export function exportRows(report: ReviewTimes, lang: Lang): { headers: string[]; rows: (string | number | null)[][] } {
  const t = reviewTimeText(lang);
  const headers = [t.table, t.name, t.items, t.median, t.mean, t.overdue, t.openNow];
  const rows: (string | number | null)[][] = [
    ...report.steps.map((s) => [t.bySteps, `${s.stepIndex + 1}. ${s.stepName}`, s.items, hoursOf(s.medianMinutes), hoursOf(s.meanMinutes), s.overdue, null]),
    ...report.reviewers.map((r) => [t.byReviewers, r.name ?? t.unknownPerson, r.acted, null, r.acted > 0 ? hoursOf(r.meanMinutes) : null, r.overdue, r.openNow]),
    ...report.open.map((o) => [t.openOverdue, `${o.title} — ${o.stepIndex + 1}. ${o.stepName} (${t.due} ${formatDateTime(o.dueAt)}; ${o.names.join(', ')})`, null, null, null, null, hoursOf(o.delayMinutes)]),
  ];
  return { headers, rows };
}
