// Small helpers the kinds' own rules share: a problem naming a field, and the
// Vietnamese day of an instant (a closing time is entered in Vietnam time).
import { fieldName } from '../values.ts';

export interface KindProblem {
  code: string;
  field?: string;
  vi: string;
  en: string;
}

export function kindProblem(code: string, key: string, vi: string, en: string, row?: { rows: string; index: number }): KindProblem {
  return { code, field: fieldName(key, row), vi, en };
}

/** yyyy-mm-dd of an ISO instant in Asia/Ho_Chi_Minh (UTC+7, no daylight saving). */
export function vietnamDayOf(iso: string): string {
  return new Date(Date.parse(iso) + 7 * 3600_000).toISOString().slice(0, 10);
}

/** dd/mm/yyyy for messages. */
export function viDate(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}
