// Working calendar configuration: plain data that a site can store and edit,
// validated into a normalized form the calculations can trust.

import { isLocalDate, VIETNAM_TIME_ZONE, type LocalDate } from './local-time.ts';

export interface OfficeHours {
  /** 'HH:MM', Vietnam local time. */
  start: string;
  end: string;
}

export interface DatedEntry {
  date: LocalDate;
  name: string;
}

export interface WorkingCalendarConfig {
  timeZone: 'Asia/Ho_Chi_Minh';
  /** ISO weekdays 1 = Mon … 7 = Sun. */
  workingWeekdays: number[];
  officeHours: OfficeHours[];
  /** Site-specific closures and government-decided extra days off. */
  extraDaysOff: DatedEntry[];
  /** Days worked although normally off, e.g. a làm bù Saturday. */
  extraWorkingDays: DatedEntry[];
  /** Include the statutory holidays of defaultHolidays(). */
  useDefaultHolidays: boolean;
}

/** Thrown for an invalid configuration; `issues` lists every problem found. */
export class CalendarConfigError extends Error {
  readonly issues: readonly string[];

  constructor(issues: readonly string[]) {
    super(`Invalid working calendar configuration: ${issues.join('; ')}`);
    this.name = 'CalendarConfigError';
    this.issues = issues;
  }
}

/** Office hours of Vietnamese state agencies: 7.5 h a day. */
export const DEFAULT_CALENDAR_CONFIG: Readonly<WorkingCalendarConfig> = deepFreeze({
  timeZone: VIETNAM_TIME_ZONE,
  workingWeekdays: [1, 2, 3, 4, 5],
  officeHours: [
    { start: '07:30', end: '11:30' },
    { start: '13:30', end: '17:00' },
  ],
  extraDaysOff: [],
  extraWorkingDays: [],
  useDefaultHolidays: true,
} satisfies WorkingCalendarConfig);

/** An office-hours interval in minutes after local midnight, [start, end). */
export interface MinuteInterval {
  start: number;
  end: number;
}

export interface NormalizedConfig {
  config: Readonly<WorkingCalendarConfig>;
  workingWeekdays: ReadonlySet<number>;
  intervals: readonly MinuteInterval[];
  extraDaysOff: ReadonlyMap<LocalDate, string>;
  extraWorkingDays: ReadonlyMap<LocalDate, string>;
}

const HHMM_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

function minutesOf(hhmm: unknown): number | null {
  if (typeof hhmm !== 'string') return null;
  const m = HHMM_RE.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

function checkWeekdays(days: unknown, issues: string[]): void {
  if (!Array.isArray(days) || days.length === 0) {
    issues.push('workingWeekdays must list at least one ISO weekday (1 = Monday … 7 = Sunday)');
    return;
  }
  for (const d of days) {
    if (!Number.isInteger(d) || d < 1 || d > 7) {
      issues.push(`workingWeekdays: ${JSON.stringify(d)} is not an ISO weekday 1–7`);
    }
  }
  if (new Set(days).size !== days.length) issues.push('workingWeekdays contains duplicates');
}

function checkOfficeHours(hours: unknown, issues: string[]): MinuteInterval[] {
  if (!Array.isArray(hours) || hours.length === 0) {
    issues.push('officeHours must contain at least one interval');
    return [];
  }
  const intervals: MinuteInterval[] = [];
  for (const h of hours as Partial<OfficeHours>[]) {
    const start = minutesOf(h?.start);
    const end = minutesOf(h?.end);
    const label = `${String(h?.start)}–${String(h?.end)}`;
    if (start === null) issues.push(`officeHours ${label}: start must be HH:MM (00:00–23:59)`);
    if (end === null) issues.push(`officeHours ${label}: end must be HH:MM (00:00–23:59)`);
    if (start === null || end === null) continue;
    if (start >= end) issues.push(`officeHours ${label}: start must be before end`);
    else intervals.push({ start, end });
  }
  intervals.sort((a, b) => a.start - b.start);
  checkOverlaps(intervals, issues);
  return intervals;
}

function checkOverlaps(sorted: readonly MinuteInterval[], issues: string[]): void {
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    const cur = sorted[i];
    // Touching intervals (11:30–11:30) are fine; only a real overlap is ambiguous.
    if (prev && cur && cur.start < prev.end) {
      issues.push(`officeHours ${hhmm(prev.start)}–${hhmm(prev.end)} and ${hhmm(cur.start)}–${hhmm(cur.end)} overlap`);
    }
  }
}

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

function checkDatedEntries(field: string, entries: unknown, issues: string[]): Map<LocalDate, string> {
  const map = new Map<LocalDate, string>();
  if (!Array.isArray(entries)) {
    issues.push(`${field} must be an array of { date, name }`);
    return map;
  }
  for (const e of entries as Partial<DatedEntry>[]) {
    if (!isLocalDate(e?.date)) {
      issues.push(`${field}: ${JSON.stringify(e?.date)} is not a real date as YYYY-MM-DD`);
      continue;
    }
    if (typeof e.name !== 'string' || e.name.trim() === '') {
      issues.push(`${field} ${e.date}: name must be a non-empty string`);
      continue;
    }
    if (map.has(e.date)) issues.push(`${field}: ${e.date} is listed twice`);
    map.set(e.date, e.name);
  }
  return map;
}

/** Merges a partial config over the defaults, validates it, and precomputes lookups. */
export function normalizeConfig(partial: Partial<WorkingCalendarConfig> = {}): NormalizedConfig {
  const config: WorkingCalendarConfig = {
    ...DEFAULT_CALENDAR_CONFIG,
    ...Object.fromEntries(Object.entries(partial).filter(([, v]) => v !== undefined)),
  };
  const issues: string[] = [];
  for (const key of Object.keys(partial)) {
    // Configs come from stored JSON; a misspelt key would otherwise be silently ignored.
    if (!(key in DEFAULT_CALENDAR_CONFIG)) issues.push(`unknown option "${key}"`);
  }
  if (config.timeZone !== VIETNAM_TIME_ZONE) {
    issues.push(`timeZone must be "${VIETNAM_TIME_ZONE}", got ${JSON.stringify(config.timeZone)}`);
  }
  if (typeof config.useDefaultHolidays !== 'boolean') issues.push('useDefaultHolidays must be a boolean');
  checkWeekdays(config.workingWeekdays, issues);
  const intervals = checkOfficeHours(config.officeHours, issues);
  const extraDaysOff = checkDatedEntries('extraDaysOff', config.extraDaysOff, issues);
  const extraWorkingDays = checkDatedEntries('extraWorkingDays', config.extraWorkingDays, issues);
  for (const date of extraDaysOff.keys()) {
    if (extraWorkingDays.has(date)) issues.push(`${date} is both in extraDaysOff and extraWorkingDays`);
  }
  if (issues.length > 0) throw new CalendarConfigError(issues);
  return {
    config: deepFreeze(structuredClone(config)),
    workingWeekdays: new Set(config.workingWeekdays),
    intervals,
    extraDaysOff,
    extraWorkingDays,
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
