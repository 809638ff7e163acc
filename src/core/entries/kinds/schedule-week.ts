// Lịch công tác tuần: the leadership's week, day by day (002 Đ10.3, 003 Đ8.9,
// 004 Đ6.8). One entry is one week of one leadership; it is drafted, approved
// and published through the chain, and corrected with a note when it changes
// (the week view shows the note and marks the rows that changed). The week has
// its own view, /lich-cong-tac/tuan/<yyyy-Www>, and an iCalendar feed.
import type { FieldDecl, KindRuleInput, SectionKind } from '../declaration.ts';
import { addDays } from '../../time.ts';
import { dayMonthYear, isoWeekday, weekTitle, WEEKDAY_NAMES } from '../iso-week.ts';

export const SCHEDULE_WEEK = 'schedule_week';

type Row = Record<string, unknown>;

/** When a row of a schedule is: its day, start and (optional) end. */
export const WHEN_FIELDS: FieldDecl[] = [
  { key: 'day', type: 'date', label: { vi: 'Ngày', en: 'Day' }, required: true },
  { key: 'start', type: 'time', label: { vi: 'Giờ bắt đầu', en: 'Start' }, required: true },
  { key: 'end', type: 'time', label: { vi: 'Giờ kết thúc', en: 'End' } },
];

/** A row whose end time is not after its start (a schedule's, a reception's). */
export function endAfterStart(row: Row, i: number, where: { vi: string; en: string }) {
  if (typeof row.start !== 'string' || typeof row.end !== 'string' || row.end > row.start) return [];
  return [{ code: 'row_end_before_start', field: `f.rows.${i}.end`, vi: `${where.vi}: giờ kết thúc (${row.end}) phải sau giờ bắt đầu (${row.start}).`, en: `${where.en}: the end (${row.end}) must be after the start (${row.start}).` }];
}

function weekRules({ values }: KindRuleInput) {
  const problems: { code: string; field?: string; vi: string; en: string }[] = [];
  const monday = typeof values.week === 'string' ? values.week : null;
  if (monday && isoWeekday(monday) !== 1) {
    const wd = isoWeekday(monday) - 1;
    problems.push({ code: 'week_not_monday', field: 'f.week', vi: `Tuần: ngày đầu tuần phải là Thứ Hai (${dayMonthYear(monday)} là ${WEEKDAY_NAMES.vi[wd]}).`, en: `Week: the week starts on a Monday (${dayMonthYear(monday)} is a ${WEEKDAY_NAMES.en[wd]}).` });
  }
  const rows = Array.isArray(values.rows) ? (values.rows as Row[]) : [];
  rows.forEach((row, i) => {
    const where = { vi: `Lịch công tác, dòng ${i + 1}`, en: `Schedule, row ${i + 1}` };
    const day = typeof row.day === 'string' ? row.day : null;
    if (monday && day && isoWeekday(monday) === 1 && (day < monday || day > addDays(monday, 6))) {
      problems.push({
        code: 'row_outside_week',
        field: `f.rows.${i}.day`,
        vi: `${where.vi}: ngày ${dayMonthYear(day)} không thuộc tuần từ ${dayMonthYear(monday)} đến ${dayMonthYear(addDays(monday, 6))}.`,
        en: `${where.en}: ${day} is not in the week from ${monday} to ${addDays(monday, 6)}.`,
      });
    }
    problems.push(...endAfterStart(row, i, where));
  });
  return problems;
}

export const scheduleWeek: SectionKind = {
  key: SCHEDULE_WEEK,
  label: { vi: 'Lịch công tác tuần', en: 'Weekly work schedule' },
  plural: { vi: 'Lịch công tác', en: 'Work schedules' },
  description: { vi: 'Lịch làm việc hằng tuần của lãnh đạo: thời gian, nội dung, người chủ trì, thành phần, địa điểm và đơn vị chuẩn bị.', en: 'The leadership’s weekly work schedule: time, content, chair, participants, place and preparing unit.' },
  path: 'lich-cong-tac',
  titleLabel: { vi: 'Tên lịch', en: 'Title' },
  summary: false,
  body: false,
  attachments: true,
  fields: [
    { key: 'week', type: 'date', label: { vi: 'Tuần (ngày Thứ Hai)', en: 'Week (its Monday)' }, hint: { vi: 'Ngày Thứ Hai đầu tuần, ví dụ 30/11/2026.', en: 'The Monday the week starts on.' }, required: true, filter: true, sort: true, list: true },
    { key: 'leadership', type: 'text', label: { vi: 'Lịch của', en: 'Schedule of' }, hint: { vi: 'Ví dụ: Lãnh đạo UBND tỉnh.', en: 'E.g. the provincial People’s Committee leaders.' }, filter: true, list: true, maxLength: 200 },
    {
      key: 'rows',
      type: 'rows',
      label: { vi: 'Lịch công tác', en: 'Schedule' },
      required: true,
      maxItems: 150,
      fields: [
        ...WHEN_FIELDS,
        { key: 'content', type: 'longtext', label: { vi: 'Nội dung', en: 'Content' }, required: true, maxLength: 2000 },
        { key: 'chair', type: 'text', label: { vi: 'Chủ trì', en: 'Chair' }, maxLength: 300 },
        { key: 'participants', type: 'longtext', label: { vi: 'Thành phần', en: 'Participants' }, maxLength: 2000 },
        { key: 'place', type: 'text', label: { vi: 'Địa điểm', en: 'Place' }, maxLength: 300 },
        { key: 'preparedBy', type: 'text', label: { vi: 'Đơn vị chuẩn bị', en: 'Prepared by' }, maxLength: 300 },
        { key: 'note', type: 'text', label: { vi: 'Ghi chú', en: 'Note' }, maxLength: 500 },
      ],
    },
  ],
  defaultSort: { field: 'week', direction: 'desc' },
  rules: weekRules,
  titleSuggestion: (values) => (typeof values.week === 'string' && isoWeekday(values.week) === 1 ? weekTitle(values.week) : null),
  view: 'week',
  sources: ['002 Đ10.3', '003 Đ8.9', '004 Đ6.8'],
};
