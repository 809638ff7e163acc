// Working-time calendar: which days are worked, and deadline arithmetic in
// office hours, working days and calendar days. Instants are UTC Dates; every
// rule is applied to Vietnam local dates and wall-clock times (fixed UTC+7,
// see local-time.ts).

import { normalizeConfig, type NormalizedConfig, type WorkingCalendarConfig } from './config.ts';
import { defaultHolidays } from './holidays.ts';
import {
  assertLocalDate,
  assertValidDate,
  dayNumberOf,
  localDateOfDayNumber,
  localDayNumberAt,
  startOfLocalDay,
  weekdayOfDayNumber,
  type LocalDate,
} from './local-time.ts';

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
// A config whose days off cover ten years in a row can never meet a deadline.
const MAX_CONSECUTIVE_DAYS_OFF = 3660;

export type DeadlineUnit = 'working_hours' | 'working_days' | 'calendar_days';

export interface AddCalendarDaysOptions {
  /**
   * Civil Code 2015 Art. 148(5): a period whose last day is a weekly day off
   * or a holiday ends at the end of the next working day. Default true.
   */
  rollToWorkingDay?: boolean;
}

export interface DeadlineRule extends AddCalendarDaysOptions {
  amount: number;
  unit: DeadlineUnit;
}

export interface WorkingCalendar {
  /** The validated, frozen configuration (defaults filled in). */
  readonly config: Readonly<WorkingCalendarConfig>;
  /** Office hours in one working day, e.g. 7.5. */
  readonly hoursPerDay: number;
  isWorkingDay(date: LocalDate): boolean;
  /** Name of the holiday or closure on `date`, or null (also null for a plain weekend or a làm bù day). */
  holidayOn(date: LocalDate): string | null;
  addWorkingHours(from: Date, hours: number): Date;
  addWorkingDays(from: Date, days: number): Date;
  addCalendarDays(from: Date, days: number, opts?: AddCalendarDaysOptions): Date;
  deadline(from: Date, rule: DeadlineRule): Date;
  /** Working hours elapsed from a to b; negative when b is before a. */
  workingHoursBetween(a: Date, b: Date): number;
  /** `d` itself if it is inside office hours on a working day, else the next opening. */
  nextWorkingTime(d: Date): Date;
}

function assertAmount(amount: number, what: string, integer: boolean): void {
  const ok = Number.isFinite(amount) && amount >= 0 && (!integer || Number.isInteger(amount));
  if (!ok) {
    throw new RangeError(`${what} must be a ${integer ? 'non-negative integer' : 'finite non-negative number'}, got ${amount}`);
  }
}

/** Builds a working calendar; throws CalendarConfigError for an invalid config. */
export function createCalendar(config?: Partial<WorkingCalendarConfig>): WorkingCalendar {
  const cfg = normalizeConfig(config);
  const days = createDayRules(cfg);
  const hours = createHourRules(cfg, days.isWorkingDayNumber);

  return {
    config: cfg.config,
    hoursPerDay: cfg.intervals.reduce((sum, iv) => sum + iv.end - iv.start, 0) / 60,
    isWorkingDay: (date) => days.isWorkingDayNumber(dayNumberOf(date)),
    holidayOn: (date) => {
      assertLocalDate(date);
      return days.dayOffName(date);
    },
    addWorkingHours: hours.addWorkingHours,
    addWorkingDays: hours.addWorkingDays,
    addCalendarDays: hours.addCalendarDays,
    deadline(from, rule) {
      switch (rule.unit) {
        case 'working_hours': return hours.addWorkingHours(from, rule.amount);
        case 'working_days': return hours.addWorkingDays(from, rule.amount);
        case 'calendar_days': return hours.addCalendarDays(from, rule.amount, rule);
        default: throw new RangeError(`Unknown deadline unit ${JSON.stringify((rule as { unit: unknown }).unit)}`);
      }
    },
    workingHoursBetween: hours.workingHoursBetween,
    nextWorkingTime: hours.nextWorkingTime,
  };
}

// ---- Day rules ----

interface DayRules {
  dayOffName(date: LocalDate): string | null;
  isWorkingDayNumber(dayNumber: number): boolean;
}

function createDayRules(cfg: NormalizedConfig): DayRules {
  const weeklyDaysOff = [1, 2, 3, 4, 5, 6, 7].filter((d) => !cfg.workingWeekdays.has(d));
  const holidaysByYear = new Map<number, ReadonlyMap<LocalDate, string>>();

  function defaultHolidayName(date: LocalDate): string | undefined {
    if (!cfg.config.useDefaultHolidays) return undefined;
    const year = Number(date.slice(0, 4));
    let byDate = holidaysByYear.get(year);
    if (!byDate) {
      // Nghỉ bù follows this calendar's own weekly days off.
      byDate = new Map(defaultHolidays(year, { weeklyDaysOff }).map((h) => [h.date, h.name]));
      holidaysByYear.set(year, byDate);
    }
    return byDate.get(date);
  }

  // Precedence: làm bù day > site closure > statutory holiday > weekly pattern.
  function dayOffName(date: LocalDate): string | null {
    if (cfg.extraWorkingDays.has(date)) return null;
    return cfg.extraDaysOff.get(date) ?? defaultHolidayName(date) ?? null;
  }

  function isWorkingDayNumber(dayNumber: number): boolean {
    const date = localDateOfDayNumber(dayNumber);
    if (cfg.extraWorkingDays.has(date)) return true;
    if (dayOffName(date) !== null) return false;
    return cfg.workingWeekdays.has(weekdayOfDayNumber(dayNumber));
  }

  return { dayOffName, isWorkingDayNumber };
}

// ---- Time arithmetic ----

interface Span {
  start: number; // UTC ms
  end: number;
}

function createHourRules(cfg: NormalizedConfig, isWorkingDayNumber: (n: number) => boolean) {
  const lastInterval = cfg.intervals[cfg.intervals.length - 1];
  if (!lastInterval) throw new Error('unreachable: config validation requires office hours');
  const closingMinute = lastInterval.end;

  /** Working day numbers from `first` on, ascending. */
  function* workingDaysFrom(first: number): Generator<number> {
    let gap = 0;
    for (let n = first; ; n++) {
      if (isWorkingDayNumber(n)) {
        gap = 0;
        yield n;
      } else if (++gap > MAX_CONSECUTIVE_DAYS_OFF) {
        throw new Error(`No working day within ${MAX_CONSECUTIVE_DAYS_OFF} days after ${localDateOfDayNumber(first)}`);
      }
    }
  }

  function firstWorkingDayFrom(first: number): number {
    for (const n of workingDaysFrom(first)) return n;
    throw new Error('unreachable');
  }

  /** Office-hours spans of a day as UTC instants. */
  function spansOf(dayNumber: number): Span[] {
    const midnight = startOfLocalDay(dayNumber);
    return cfg.intervals.map((iv) => ({
      start: midnight + iv.start * MINUTE_MS,
      end: midnight + iv.end * MINUTE_MS,
    }));
  }

  function closingTime(dayNumber: number): Date {
    return new Date(startOfLocalDay(dayNumber) + closingMinute * MINUTE_MS);
  }

  function addWorkingHours(from: Date, hours: number): Date {
    assertValidDate(from, 'start time');
    assertAmount(hours, 'hours', false);
    let remaining = Math.round(hours * HOUR_MS);
    const t = from.getTime();
    if (remaining === 0) return new Date(t);
    for (const n of workingDaysFrom(localDayNumberAt(t))) {
      for (const span of spansOf(n)) {
        const start = Math.max(span.start, t);
        if (span.end <= start) continue;
        const available = span.end - start;
        // `<=` so that work finishing exactly at closing ends then, not at the next opening.
        if (remaining <= available) return new Date(start + remaining);
        remaining -= available;
      }
    }
    throw new Error('unreachable');
  }

  // Civil Code 2015 Art. 147(2) and administrative practice: the day of
  // receipt is not counted, whatever the time of receipt; day 1 is the next
  // working day, also when `from` is on a day off. The deadline is the closing
  // time of the last day. 0 days = closing time of the same day if it is a
  // working day, else of the next working day; after closing time, of the next
  // working day too (a case assigned at 21:00 is not late the moment it is).
  function addWorkingDays(from: Date, days: number): Date {
    assertValidDate(from, 'start time');
    assertAmount(days, 'days', true);
    const receiptDay = localDayNumberAt(from.getTime());
    if (days === 0) {
      const sameDay = closingTime(firstWorkingDayFrom(receiptDay));
      return sameDay.getTime() >= from.getTime() ? sameDay : closingTime(firstWorkingDayFrom(receiptDay + 1));
    }
    let counted = 0;
    for (const n of workingDaysFrom(receiptDay + 1)) {
      if (++counted === days) return closingTime(n);
    }
    throw new Error('unreachable');
  }

  // Civil Code 2015 Art. 147–148: the day of `from` is not counted and the
  // period ends at the end (24:00, here 23:59:59.999) of its last day. When
  // that day is not a working day and rollToWorkingDay is on, the period ends
  // at the closing time of the next working day instead. Art. 148(5) says "the
  // end of the next working day"; we read it as closing time, since a filing
  // must reach an open office.
  // 0 days = the end of the day of `from` (rolled the same way).
  function addCalendarDays(from: Date, days: number, opts: AddCalendarDaysOptions = {}): Date {
    assertValidDate(from, 'start time');
    assertAmount(days, 'days', true);
    const lastDay = localDayNumberAt(from.getTime()) + days;
    const roll = opts.rollToWorkingDay ?? true;
    if (!roll || isWorkingDayNumber(lastDay)) return new Date(startOfLocalDay(lastDay + 1) - 1);
    return closingTime(firstWorkingDayFrom(lastDay + 1));
  }

  function workingMsBetween(a: number, b: number): number {
    let total = 0;
    for (const n of workingDaysFrom(localDayNumberAt(a))) {
      if (startOfLocalDay(n) >= b) break;
      for (const span of spansOf(n)) {
        total += Math.max(0, Math.min(span.end, b) - Math.max(span.start, a));
      }
    }
    return total;
  }

  function workingHoursBetween(a: Date, b: Date): number {
    assertValidDate(a, 'start time');
    assertValidDate(b, 'end time');
    const [ta, tb] = [a.getTime(), b.getTime()];
    const ms = ta <= tb ? workingMsBetween(ta, tb) : -workingMsBetween(tb, ta);
    return ms === 0 ? 0 : ms / HOUR_MS; // avoid -0
  }

  function nextWorkingTime(d: Date): Date {
    assertValidDate(d);
    const t = d.getTime();
    for (const n of workingDaysFrom(localDayNumberAt(t))) {
      const span = spansOf(n).find((s) => s.end > t);
      if (span) return new Date(Math.max(span.start, t));
    }
    throw new Error('unreachable');
  }

  return { addWorkingHours, addWorkingDays, addCalendarDays, workingHoursBetween, nextWorkingTime };
}
