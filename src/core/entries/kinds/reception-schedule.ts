// Lịch tiếp công dân: who of the leadership receives citizens, when and where
// (000 Đ7 "lịch làm việc và lịch tiếp công dân", 003 Đ8.9). One entry covers a
// period (a month, a quarter); its rows are the reception sessions. Valid for
// its period: once it ends it leaves the current list and stays in the archive.
import type { KindRuleInput, SectionKind } from '../declaration.ts';
import { dayMonthYear } from '../iso-week.ts';
import { endAfterStart, WHEN_FIELDS } from './schedule-week.ts';

function receptionRules({ values }: KindRuleInput) {
  const problems: { code: string; field?: string; vi: string; en: string }[] = [];
  const period = values.period as { from: string; to: string | null } | undefined;
  const rows = Array.isArray(values.rows) ? (values.rows as Record<string, unknown>[]) : [];
  rows.forEach((row, i) => {
    const day = typeof row.day === 'string' ? row.day : null;
    if (period && day && (day < period.from || (period.to !== null && day > period.to))) {
      const to = period.to ? ` đến ${dayMonthYear(period.to)}` : '';
      problems.push({ code: 'row_outside_period', field: `f.rows.${i}.day`, vi: `Lịch tiếp, dòng ${i + 1}: ngày ${dayMonthYear(day)} nằm ngoài thời gian của lịch (từ ${dayMonthYear(period.from)}${to}).`, en: `Sessions, row ${i + 1}: ${day} is outside the schedule’s period.` });
    }
    problems.push(...endAfterStart(row, i, { vi: `Lịch tiếp, dòng ${i + 1}`, en: `Sessions, row ${i + 1}` }));
  });
  return problems;
}

export const receptionSchedule: SectionKind = {
  key: 'reception_schedule',
  label: { vi: 'Lịch tiếp công dân', en: 'Citizen reception schedule' },
  plural: { vi: 'Lịch tiếp công dân', en: 'Citizen reception schedules' },
  description: { vi: 'Lịch tiếp công dân định kỳ và đột xuất của lãnh đạo: ngày, giờ, người tiếp, địa điểm.', en: 'When and where the leaders receive citizens.' },
  path: 'lich-tiep-cong-dan',
  summary: true,
  body: false,
  attachments: true,
  fields: [
    { key: 'period', type: 'daterange', label: { vi: 'Thời gian áp dụng', en: 'Period' }, required: true, filter: true, sort: true, list: true },
    { key: 'place', type: 'text', label: { vi: 'Địa điểm tiếp', en: 'Place' }, hint: { vi: 'Nơi tiếp công dân, nếu các buổi cùng một nơi.', en: 'Where citizens are received, when every session is at one place.' }, list: true, maxLength: 300 },
    {
      key: 'rows',
      type: 'rows',
      label: { vi: 'Lịch tiếp', en: 'Sessions' },
      required: true,
      maxItems: 120,
      fields: [
        ...WHEN_FIELDS,
        { key: 'leader', type: 'text', label: { vi: 'Lãnh đạo tiếp', en: 'Receiving leader' }, required: true, maxLength: 300 },
        { key: 'place', type: 'text', label: { vi: 'Địa điểm', en: 'Place' }, maxLength: 300 },
        { key: 'content', type: 'longtext', label: { vi: 'Nội dung, ghi chú', en: 'Content, note' }, maxLength: 1000 },
      ],
    },
    { key: 'contact', type: 'text', label: { vi: 'Đăng ký, liên hệ', en: 'Booking, contact' }, maxLength: 300 },
  ],
  defaultSort: { field: 'period', direction: 'desc' },
  validity: { field: 'period' },
  rules: receptionRules,
  sources: ['000 Đ7.2', '003 Đ8.9'],
};
