// How a report cell reads, the same on the page, in the PDF and in the words of
// a chart: counts with a thousands dot (1.234), decimals with a comma (12,5),
// shares as per cent ("12,5 %"), durations in working time ("3 giờ làm việc"),
// dates dd/mm/yyyy. English keeps the same figures with English separators.
// Pure: no I/O.
import type { CellKind, ReportCell, ReportColumn, ReportTable } from '../../core/reports/section.ts';
import { formatDate, formatDateTime } from '../../core/time.ts';
import type { Lang } from '../../ui/i18n.ts';

const LOCALE: Record<Lang, string> = { vi: 'vi-VN', en: 'en-GB' };

function number(value: number, lang: Lang, digits: number): string {
  return new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(value);
}

const DURATION: Record<'working_hours' | 'working_days', Record<Lang, [string, string]>> = {
  working_hours: { vi: ['giờ làm việc', 'giờ làm việc'], en: ['working hour', 'working hours'] },
  working_days: { vi: ['ngày làm việc', 'ngày làm việc'], en: ['working day', 'working days'] },
};

/** True for kinds whose cells are figures (right-aligned, numbers in a spreadsheet). */
export function isNumeric(kind: CellKind): boolean {
  return kind !== 'text' && kind !== 'date' && kind !== 'datetime';
}

/** A cell in words; an empty cell is a dash. */
export function formatCell(kind: CellKind, value: ReportCell, lang: Lang): string {
  if (value === null || value === '') return '—';
  if (typeof value === 'string') {
    if (kind === 'date') return formatDate(value);
    if (kind === 'datetime') return formatDateTime(value);
    return value;
  }
  switch (kind) {
    case 'int':
      return number(Math.round(value), lang, 0);
    case 'decimal':
      return number(value, lang, 1);
    case 'percent':
      return `${number(value * 100, lang, 1)} %`;
    case 'working_hours':
    case 'working_days': {
      const [one, many] = DURATION[kind][lang];
      return `${number(value, lang, 1)} ${value === 1 ? one : many}`;
    }
    default:
      return String(value);
  }
}

/** The number a cell holds, for charts and sums; null for words and empty cells. */
export function numericValue(value: ReportCell): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function columnOf(table: ReportTable, key: string): ReportColumn | undefined {
  return table.columns.find((c) => c.key === key);
}
