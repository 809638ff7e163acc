// ISO 8601 weeks (Monday first) of Vietnamese calendar days, for the weekly
// work schedule: "2026-W49" is the week of Monday 30/11/2026. Pure.
import { addDays, isIsoDate } from '../time.ts';

/** 1 = Monday … 7 = Sunday of a 'yyyy-mm-dd' day. */
export function isoWeekday(day: string): number {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

export function mondayOf(day: string): string {
  return addDays(day, 1 - isoWeekday(day));
}

/** The seven days of the week starting on `monday`. */
export function daysOfWeek(monday: string): string[] {
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

/** The ISO week of a day: its year (the year of the week's Thursday) and number. */
export function isoWeekOf(day: string): { year: number; week: number } {
  const thursday = addDays(mondayOf(day), 3);
  const year = Number(thursday.slice(0, 4));
  const firstThursday = addDays(mondayOf(`${year}-01-04`), 3);
  const days = (Date.parse(`${thursday}T00:00:00Z`) - Date.parse(`${firstThursday}T00:00:00Z`)) / 86_400_000;
  return { year, week: days / 7 + 1 };
}

/** "2026-W49" of a day. */
export function isoWeekKey(day: string): string {
  const { year, week } = isoWeekOf(day);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The Monday of "2026-W49"; null when it is not a week of that year. */
export function mondayOfWeekKey(key: string): string | null {
  const m = /^(\d{4})-W(\d{2})$/.exec(key);
  if (!m) return null;
  const year = Number(m[1]);
  const week = Number(m[2]);
  // Years a schedule can hold (a later week would overflow the next-week link past year 9999).
  if (year < 1900 || year > 2999 || week < 1) return null;
  const monday = addDays(mondayOf(`${year}-01-04`), (week - 1) * 7);
  return isIsoDate(monday) && isoWeekOf(monday).year === year && isoWeekOf(monday).week === week ? monday : null;
}

/** "30/11" of a day. */
export function dayMonth(day: string): string {
  return `${day.slice(8, 10)}/${day.slice(5, 7)}`;
}

/** "30/11/2026" of a day. */
export function dayMonthYear(day: string): string {
  return `${dayMonth(day)}/${day.slice(0, 4)}`;
}

/** The title a week is given by default: "Lịch công tác tuần 49 (từ 30/11 đến 06/12/2026)". */
export function weekTitle(monday: string): string {
  const sunday = addDays(monday, 6);
  const from = monday.slice(0, 4) === sunday.slice(0, 4) ? dayMonth(monday) : dayMonthYear(monday);
  return `Lịch công tác tuần ${isoWeekOf(monday).week} (từ ${from} đến ${dayMonthYear(sunday)})`;
}

export const WEEKDAY_NAMES = {
  vi: ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ Nhật'],
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
} as const;
