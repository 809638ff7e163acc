// Vietnam local date/time helpers.
//
// Vietnam (Asia/Ho_Chi_Minh) has used UTC+7 with no daylight saving time since
// 1975, so a fixed offset is exact for every date this platform deals with and
// avoids depending on Intl for arithmetic. Dates before 1975 (when the south
// used UTC+8) are not supported for wall-clock conversions.

export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';
export const VIETNAM_UTC_OFFSET_MINUTES = 7 * 60;

const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;
const OFFSET_MS = VIETNAM_UTC_OFFSET_MINUTES * MINUTE_MS;

/** A calendar date in Vietnam, 'YYYY-MM-DD'. */
export type LocalDate = string;

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** Vietnamese weekday names keyed by ISO weekday. */
export const VIETNAMESE_WEEKDAYS: Readonly<Record<IsoWeekday, string>> = Object.freeze({
  1: 'Thứ Hai',
  2: 'Thứ Ba',
  3: 'Thứ Tư',
  4: 'Thứ Năm',
  5: 'Thứ Sáu',
  6: 'Thứ Bảy',
  7: 'Chủ nhật',
});

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;

/** Throws unless `d` is a valid Date; deadlines from an Invalid Date are silent bugs. */
export function assertValidDate(d: Date, what = 'date'): void {
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) {
    throw new RangeError(`Invalid ${what}: expected a valid Date`);
  }
}

/** True for a real Gregorian date written as 'YYYY-MM-DD'. */
export function isLocalDate(value: unknown): value is LocalDate {
  if (typeof value !== 'string') return false;
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

/** Throws a RangeError unless `value` is a valid 'YYYY-MM-DD' date. */
export function assertLocalDate(value: string): void {
  if (!isLocalDate(value)) {
    throw new RangeError(`Invalid date "${value}": expected a real date as YYYY-MM-DD`);
  }
}

export function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this month.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Days since 1970-01-01 for a 'YYYY-MM-DD' date (no time zone involved). */
export function dayNumberOf(date: LocalDate): number {
  assertLocalDate(date);
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

/** The last day converted: most calls on a server ask for today, many times a second. */
let lastDay = { dayNumber: NaN, date: '' };

/** Inverse of dayNumberOf. */
export function localDateOfDayNumber(dayNumber: number): LocalDate {
  if (dayNumber === lastDay.dayNumber) return lastDay.date;
  const date = new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
  lastDay = { dayNumber, date };
  return date;
}

/** The Vietnam calendar day (as a day number) containing instant `ms`. */
export function localDayNumberAt(ms: number): number {
  return Math.floor((ms + OFFSET_MS) / DAY_MS);
}

/** UTC instant of local midnight starting the given day number. */
export function startOfLocalDay(dayNumber: number): number {
  return dayNumber * DAY_MS - OFFSET_MS;
}

/** ISO weekday of a day number; 1970-01-01 was a Thursday. */
export function weekdayOfDayNumber(dayNumber: number): IsoWeekday {
  return ((((dayNumber + 3) % 7) + 7) % 7 + 1) as IsoWeekday;
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a 'YYYY-MM-DD' date. */
export function isoWeekday(date: LocalDate): IsoWeekday {
  return weekdayOfDayNumber(dayNumberOf(date));
}

/** Adds whole days to a 'YYYY-MM-DD' date. */
export function addDays(date: LocalDate, days: number): LocalDate {
  return localDateOfDayNumber(dayNumberOf(date) + days);
}

/** The Vietnam calendar date of an instant, 'YYYY-MM-DD'. */
export function toLocalDate(d: Date): LocalDate {
  assertValidDate(d);
  return localDateOfDayNumber(localDayNumberAt(d.getTime()));
}

/** Parses 'HH:MM' or 'HH:MM:SS' into minutes (seconds kept as a fraction). */
export function parseTime(time: string): number {
  const m = TIME_RE.exec(time);
  if (!m) throw new RangeError(`Invalid time "${time}": expected HH:MM (00:00–23:59)`);
  return Number(m[1]) * 60 + Number(m[2]) + Number(m[3] ?? 0) / 60;
}

/** Vietnam wall-clock date + time ('HH:MM' or 'HH:MM:SS') → UTC Date. */
export function localDateTime(date: LocalDate, time = '00:00'): Date {
  const minutes = parseTime(time);
  return new Date(startOfLocalDay(dayNumberOf(date)) + Math.round(minutes * MINUTE_MS));
}

/** Vietnamese weekday name ("Thứ Hai" … "Chủ nhật") of an instant or a 'YYYY-MM-DD' date. */
export function vietnameseWeekday(d: Date | LocalDate): string {
  const date = typeof d === 'string' ? d : toLocalDate(d);
  return VIETNAMESE_WEEKDAYS[isoWeekday(date)];
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function localParts(d: Date): LocalParts {
  assertValidDate(d);
  const shifted = new Date(d.getTime() + OFFSET_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
  };
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** "22/11/2026" — the dd/mm/yyyy form used throughout Vietnamese administration. */
export function formatDate(d: Date): string {
  const p = localParts(d);
  return `${pad2(p.day)}/${pad2(p.month)}/${p.year}`;
}

export interface FormatVietnameseOptions {
  /** Insert the weekday: "15:30 Chủ nhật, ngày 22/11/2026". Default false. */
  weekday?: boolean;
  /** Include seconds: "15:30:05 ngày …". Default false. */
  seconds?: boolean;
  /**
   * 'numeric' (default): "15:30 ngày 22/11/2026".
   * 'long': "15 giờ 30 phút, ngày 22 tháng 11 năm 2026", the wording of formal documents
   * ("07 giờ 05 phút, ngày 05 tháng 02 năm 2026").
   */
  style?: 'numeric' | 'long';
}

/** Formats an instant in Vietnam local time, e.g. "15:30 ngày 22/11/2026". */
export function formatVietnamese(d: Date, opts: FormatVietnameseOptions = {}): string {
  const p = localParts(d);
  const weekday = opts.weekday ? `${vietnameseWeekday(d)}, ` : '';
  if (opts.style === 'long') {
    const sec = opts.seconds ? ` ${pad2(p.second)} giây` : '';
    // Decree 30/2020 on document dates: zero-pad days below 10 and months 1 and 2.
    const month = p.month <= 2 ? pad2(p.month) : String(p.month);
    return `${pad2(p.hour)} giờ ${pad2(p.minute)} phút${sec}, ${weekday}ngày ${pad2(p.day)} tháng ${month} năm ${p.year}`;
  }
  const sec = opts.seconds ? `:${pad2(p.second)}` : '';
  return `${pad2(p.hour)}:${pad2(p.minute)}${sec} ${weekday}ngày ${formatDate(d)}`;
}
