// Time as the application handles it: stored as ISO-8601 UTC text, calendar
// dates as 'YYYY-MM-DD' in Vietnam time (Asia/Ho_Chi_Minh, UTC+7, no DST).
// Date arithmetic itself lives in core/calendar; these are the names the rest
// of the application uses.
import { addDays as addLocalDays, isLocalDate, localDateTime, toLocalDate, VIETNAM_TIME_ZONE, VIETNAM_UTC_OFFSET_MINUTES } from './calendar/local-time.ts';

export { VIETNAM_TIME_ZONE };

/** A clock, so tests and jobs can pin "now". */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function isoNow(clock: Clock = systemClock): string {
  return clock.now().toISOString();
}

/** The calendar date in Vietnam of an instant, as 'YYYY-MM-DD'. */
export const vietnamDate: (instant: Date) => string = toLocalDate;

/** True for a real calendar date written 'YYYY-MM-DD'. */
export function isIsoDate(value: string): boolean {
  return isLocalDate(value);
}

/** Add whole days to a 'YYYY-MM-DD' date. */
export const addDays: (date: string, days: number) => string = addLocalDays;

/** The UTC instant at which a Vietnam calendar date starts. */
export function startOfVietnamDate(date: string): Date {
  return localDateTime(date);
}

/** Parse a Vietnamese 'dd/mm/yyyy' (or ISO) date typed in a form; null when invalid. */
export function parseDateInput(value: string): string | null {
  const trimmed = value.trim();
  if (isIsoDate(trimmed)) return trimmed;
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(trimmed);
  if (!m) return null;
  const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

/** "22/11/2026 15:30" in Vietnam time, for tables shown to people. */
export function formatDateTime(iso: string | Date): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  // Vietnam keeps UTC+7 all year (calendar/local-time): arithmetic, not Intl, because public
  // pages format a date per listed item and formatToParts was ~1 % of an uncached page.
  const local = new Date(d.getTime() + VIETNAM_UTC_OFFSET_MINUTES * 60_000).toISOString();
  return `${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)} ${local.slice(11, 16)}`;
}

/** "22/11 15:30" in Vietnam time: a due time this year, short enough for a status line. */
export function formatDayMonthTime(iso: string | Date): string {
  const full = formatDateTime(iso);
  return `${full.slice(0, 5)} ${full.slice(11)}`;
}

/** "22/11/2026" for a 'YYYY-MM-DD' date. */
export function formatDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : date;
}
