// Citizens' cases in the board's reports (000 Đ13, 003 Đ17.3): the figures of
// the monthly page (figures.ts) over the report's period — received, answered
// (late), refused, forwarded, merged, overdue at the period's end, and the
// average time to answer in working days — per kind, per unit and per field.
import { CASE_KIND_NAMES, isCaseKind } from '../../core/citizens/index.ts';
import type { ReportColumn, ReportTable, SectionFigures } from '../../core/reports/section.ts';
import { addDays, startOfVietnamDate } from '../../core/time.ts';
import type { ReportSection } from '../reports/context.ts';
import { loadFigures, type FigureRow } from './figures.ts';

const COLUMNS: ReportColumn[] = [
  { key: 'received', label: { vi: 'Tiếp nhận', en: 'Received' }, kind: 'int' },
  { key: 'answered', label: { vi: 'Đã trả lời', en: 'Answered' }, kind: 'int' },
  { key: 'answeredLate', label: { vi: 'Trả lời trễ hạn', en: 'Answered late' }, kind: 'int' },
  { key: 'refused', label: { vi: 'Từ chối', en: 'Refused' }, kind: 'int' },
  { key: 'forwarded', label: { vi: 'Chuyển nơi khác', en: 'Forwarded' }, kind: 'int' },
  { key: 'merged', label: { vi: 'Gộp', en: 'Merged' }, kind: 'int' },
  { key: 'overdue', label: { vi: 'Quá hạn chưa xử lý', en: 'Overdue, open' }, kind: 'int' },
  { key: 'averageWorkingDays', label: { vi: 'Thời gian trả lời bình quân', en: 'Average time to answer' }, kind: 'working_days' },
];

function cells(row: FigureRow): Record<string, number | null> {
  return Object.fromEntries(COLUMNS.map((c) => [c.key, row[c.key as keyof FigureRow] as number | null]));
}

function table(key: string, title: ReportTable['title'], head: ReportColumn, rows: FigureRow[], label: (key: string | null) => string, total: FigureRow): ReportTable {
  return {
    key,
    title,
    columns: [head, ...COLUMNS],
    rows: rows.map((r) => ({ [head.key]: label(r.key), ...cells(r) })),
    totals: { [head.key]: 'Tổng cộng', ...cells(total) },
  };
}

export const citizenCasesSection: ReportSection = {
  key: 'citizen_cases',
  title: { vi: 'Tiếp nhận và trả lời ý kiến của người dân', en: "Citizens' questions, petitions and requests" },
  order: 60,
  reports: ['monthly', 'half_yearly', 'yearly'],
  async compute(ctx, period): Promise<SectionFigures> {
    const range = { month: period.key, start: startOfVietnamDate(period.from), end: startOfVietnamDate(addDays(period.to, 1)) };
    const f = await loadFigures(ctx.db, ctx.site.id, range, ctx.now, ctx.calendar, ctx.unitId);
    const none = { vi: 'Chưa phân loại', en: 'Not classified' };
    const t = f.total;
    return {
      summary: [
        {
          vi: `Tiếp nhận ${t.received} ý kiến; trả lời ${t.answered} (${t.answeredLate} trễ hạn); từ chối ${t.refused}, chuyển ${t.forwarded}, gộp ${t.merged}; ${t.overdue} ý kiến quá hạn chưa xử lý vào cuối kỳ.`,
          en: `${t.received} received; ${t.answered} answered (${t.answeredLate} late); ${t.refused} refused, ${t.forwarded} forwarded, ${t.merged} merged; ${t.overdue} open and overdue at the end of the period.`,
        },
      ],
      tables: [
        table('by_kind', { vi: 'Theo loại ý kiến', en: 'By kind' }, { key: 'kind', label: { vi: 'Loại', en: 'Kind' }, kind: 'text' }, f.byKind, (k) => (k && isCaseKind(k) ? CASE_KIND_NAMES[k].vi : (k ?? none.vi)), t),
        table('by_unit', { vi: 'Theo đơn vị trả lời', en: 'By answering unit' }, { key: 'unit', label: { vi: 'Đơn vị', en: 'Unit' }, kind: 'text' }, f.byUnit, (k) => k ?? 'Chưa giao đơn vị', t),
        table('by_field', { vi: 'Theo lĩnh vực', en: 'By field' }, { key: 'field', label: { vi: 'Lĩnh vực', en: 'Field' }, kind: 'text' }, f.byField, (k) => k ?? none.vi, t),
      ],
      charts: [{ key: 'received_answered', title: { vi: 'Ý kiến tiếp nhận và đã trả lời theo loại', en: 'Received and answered by kind' }, kind: 'bar', table: 'by_kind', labelColumn: 'kind', valueColumns: ['received', 'answered'] }],
    };
  },
};
