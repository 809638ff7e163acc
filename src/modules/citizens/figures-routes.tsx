// The monthly figures of citizens' cases (/admin/cases/figures): what the
// secretariat puts in its monthly report to the owning agency, on screen and as
// CSV or XLSX. The month defaults to the previous one (reports are made after it ends).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CASE_KIND_NAMES, isCaseKind } from '../../core/citizens/index.ts';
import { formatDateTime, vietnamDate } from '../../core/time.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { writeCsv, writeXlsx, XLSX_MIME } from '../../platform/spreadsheet.ts';
import { defineMessages, format, type Lang } from '../../ui/i18n.ts';
import { AdminLayout } from '../../ui/layout.tsx';
import { MonthFilter } from '../../ui/components/month-filter.tsx';
import { siteCalendar } from '../articles/workflow-context.ts';
import { pageContext, sendHtml } from '../backoffice/render.ts';
import { loadFigures, monthRange, previousMonth, type CaseFigures, type FigureRow } from './figures.ts';

const text = defineMessages({
  vi: {
    title: 'Số liệu ý kiến người dân',
    lead: 'Số liệu theo tháng để báo cáo cơ quan chủ quản: câu hỏi, phản ánh kiến nghị, yêu cầu cung cấp thông tin và đề nghị đính chính.',
    month: 'Tháng',
    show: 'Xem',
    badMonth: 'Tháng không hợp lệ; hãy chọn tháng theo dạng NNNN-TT, ví dụ 2026-11.',
    asOf: 'Số quá hạn tính đến {time}.',
    byKind: 'Theo loại ý kiến',
    byField: 'Theo lĩnh vực',
    byUnit: 'Theo đơn vị trả lời',
    total: 'Tổng cộng',
    kind: 'Loại',
    field: 'Lĩnh vực',
    unit: 'Đơn vị',
    none: 'Chưa phân loại',
    noUnit: 'Chưa giao đơn vị',
    received: 'Tiếp nhận',
    answered: 'Đã trả lời',
    answeredLate: 'Trả lời trễ hạn',
    refused: 'Từ chối / không tiếp nhận',
    forwarded: 'Chuyển cơ quan khác',
    merged: 'Gộp do trùng',
    overdue: 'Quá hạn chưa trả lời',
    averageDays: 'Thời gian trả lời trung bình (ngày)',
    averageWorkingDays: 'Trung bình (ngày làm việc)',
    download: 'Tải số liệu:',
    empty: 'Không có ý kiến nào trong tháng này.',
    sheet: 'Số liệu ý kiến',
    group: 'Nhóm',
  },
  en: {
    title: 'Citizens\' cases: figures',
    lead: 'Monthly figures for the report to the owning agency: questions, petitions, information requests and correction claims.',
    month: 'Month',
    show: 'Show',
    badMonth: 'Invalid month; choose it as YYYY-MM, e.g. 2026-11.',
    asOf: 'Overdue counted as of {time}.',
    byKind: 'By kind',
    byField: 'By field',
    byUnit: 'By answering unit',
    total: 'Total',
    kind: 'Kind',
    field: 'Field',
    unit: 'Unit',
    none: 'Not classified',
    noUnit: 'Not assigned',
    received: 'Received',
    answered: 'Answered',
    answeredLate: 'Answered late',
    refused: 'Refused',
    forwarded: 'Forwarded',
    merged: 'Merged (duplicates)',
    overdue: 'Overdue, not answered',
    averageDays: 'Average time to answer (days)',
    averageWorkingDays: 'Average (working days)',
    download: 'Download:',
    empty: 'No cases in this month.',
    sheet: 'Case figures',
    group: 'Group',
  },
});

type Text = ReturnType<typeof text>;

const COLUMNS: (keyof Omit<FigureRow, 'key'>)[] = ['received', 'answered', 'answeredLate', 'refused', 'forwarded', 'merged', 'overdue', 'averageDays', 'averageWorkingDays'];

function kindLabel(key: string | null, lang: Lang, t: Text): string {
  return key !== null && isCaseKind(key) ? CASE_KIND_NAMES[key][lang] : (key ?? t.none);
}

/** The three groupings with the names people read, in order. */
function sections(f: CaseFigures, lang: Lang, t: Text): { title: string; head: string; rows: { label: string; row: FigureRow }[] }[] {
  return [
    { title: t.byKind, head: t.kind, rows: f.byKind.map((row) => ({ label: kindLabel(row.key, lang, t), row })) },
    { title: t.byField, head: t.field, rows: f.byField.map((row) => ({ label: row.key ?? t.none, row })) },
    { title: t.byUnit, head: t.unit, rows: f.byUnit.map((row) => ({ label: row.key ?? t.noUnit, row })) },
  ];
}

function cell(value: number | null): string {
  return value === null ? '—' : String(value).replace('.', ',');
}

function FigureTable(props: { title: string; head: string; rows: { label: string; row: FigureRow }[]; total: FigureRow; t: Text }): JSX.Element {
  const { t } = props;
  return (
    <section>
      <h2 safe>{props.title}</h2>
      <div class="table-wrap">
        <table class="data-table">
          <caption class="visually-hidden" safe>
            {props.title}
          </caption>
          <thead>
            <tr>
              <th scope="col" safe>
                {props.head}
              </th>
              {COLUMNS.map((c) => (
                <th scope="col" class="num">
                  {t[c]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.rows.map(({ label, row }) => (
              <tr>
                <th scope="row" safe>
                  {label}
                </th>
                {COLUMNS.map((c) => (
                  <td class="num" safe>
                    {cell(row[c])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t.total}</th>
              {COLUMNS.map((c) => (
                <td class="num" safe>
                  {cell(props.total[c])}
                </td>
              ))}
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}

export function registerCaseFigures(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.database.db;
  const access = { access: { kind: 'permission' as const, permission: 'interaction.moderate' as const } };

  async function figuresOf(request: FastifyRequest): Promise<CaseFigures | null> {
    const wanted = (request.query as { thang?: string }).thang ?? previousMonth(vietnamDate(deps.clock.now()));
    const range = monthRange(wanted);
    return range ? loadFigures(db, request.site.id, range, deps.clock.now(), siteCalendar(request.site)) : null;
  }

  /** Rows of the spreadsheet: one per group and key, then the total. */
  function exportRows(f: CaseFigures, lang: Lang): { headers: string[]; rows: (string | number | null)[][] } {
    const t = text(lang);
    const headers = [t.month, t.group, t.kind, ...COLUMNS.map((c) => t[c])];
    const rows: (string | number | null)[][] = [];
    for (const s of sections(f, lang, t)) for (const { label, row } of s.rows) rows.push([f.range.month, s.title, label, ...COLUMNS.map((c) => row[c])]);
    rows.push([f.range.month, t.total, '', ...COLUMNS.map((c) => f.total[c])]);
    return { headers, rows };
  }

  const badMonth = (request: FastifyRequest, reply: FastifyReply) => reply.code(400).type('text/plain; charset=utf-8').send(text(request.lang).badMonth);

  app.get('/admin/cases/figures', { config: access }, async (request, reply) => {
    const t = text(request.lang);
    const figures = await figuresOf(request);
    const ctx = await pageContext(deps, request, reply);
    const month = figures?.range.month ?? String((request.query as { thang?: string }).thang ?? '');
    return sendHtml(
      reply,
      <AdminLayout ctx={ctx} title={t.title}>
        <h1>{t.title}</h1>
        <p class="lead">{t.lead}</p>
        <MonthFilter action="/admin/cases/figures" label={t.month} button={t.show} value={month} error={figures ? null : t.badMonth} />
        {figures ? (
          <>
            <p class="muted" safe>
              {format(t.asOf, { time: formatDateTime(figures.asOf) })}
            </p>
            <p>
              {t.download} <a href={`/admin/cases/figures.csv?thang=${figures.range.month}`}>CSV</a> · <a href={`/admin/cases/figures.xlsx?thang=${figures.range.month}`}>XLSX</a>
            </p>
            {figures.byKind.length === 0 ? <p>{t.empty}</p> : sections(figures, request.lang, t).map((s) => <FigureTable title={s.title} head={s.head} rows={s.rows} total={figures.total} t={t} />)}
          </>
        ) : (
          ''
        )}
      </AdminLayout>,
      figures ? 200 : 400,
    );
  });

  app.get('/admin/cases/figures.csv', { config: access }, async (request, reply) => {
    const figures = await figuresOf(request);
    if (!figures) return badMonth(request, reply);
    const { headers, rows } = exportRows(figures, request.lang);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="so-lieu-y-kien-${figures.range.month}.csv"`).send(writeCsv(headers, rows));
  });

  app.get('/admin/cases/figures.xlsx', { config: access }, async (request, reply) => {
    const figures = await figuresOf(request);
    if (!figures) return badMonth(request, reply);
    const { headers, rows } = exportRows(figures, request.lang);
    return reply.type(XLSX_MIME).header('content-disposition', `attachment; filename="so-lieu-y-kien-${figures.range.month}.xlsx"`).send(await writeXlsx(text(request.lang).sheet, headers, rows));
  });
}
