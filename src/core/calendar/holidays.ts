// Public holidays (ngày nghỉ lễ, Tết) of Vietnam.
//
// Labour Code 2019 (Bộ luật Lao động 45/2019/QH14), in force since 2021:
//   - Art. 112(1): 1 Jan; Tết Nguyên đán 5 days; Giỗ Tổ Hùng Vương 10/3 lunar;
//     30 Apr; 1 May; Quốc khánh 2 Sep plus one day before or after.
//   - Art. 111(3): a holiday falling on the weekly day off gives a compensatory
//     day off (nghỉ bù) on the next working day.
// Which Tết days and which day next to 2 Sep are decided by the government each
// year, often together with swapped days (làm bù). Those decisions are not
// modelled here: sites record them as calendar overrides (extraDaysOff /
// extraWorkingDays).

import { addDays, isoWeekday, type LocalDate } from './local-time.ts';
import { lunarToSolar } from './lunar.ts';

export type HolidayKind = 'holiday' | 'compensatory';

export interface Holiday {
  date: LocalDate;
  name: string;
  nameEn: string;
  kind: HolidayKind;
}

export interface DefaultHolidayOptions {
  /**
   * Day added to Quốc khánh: 'before' = 1 Sep (default, the government's usual
   * choice in recent years), 'after' = 3 Sep.
   */
  nationalDayExtra?: 'before' | 'after';
  /** ISO weekdays of the weekly day off, which trigger nghỉ bù. Default [6, 7] (Sat, Sun). */
  weeklyDaysOff?: readonly number[];
}

/** First year of the Labour Code 2019 (two days for Quốc khánh). */
const LABOUR_CODE_2019_YEAR = 2021;

type HolidayName = Pick<Holiday, 'name' | 'nameEn'>;

const NAMES = {
  newYear: { name: 'Tết Dương lịch', nameEn: "New Year's Day" },
  tet: { name: 'Tết Nguyên đán', nameEn: 'Lunar New Year' },
  hungKings: { name: 'Giỗ Tổ Hùng Vương', nameEn: 'Hung Kings Commemoration Day' },
  victory: { name: 'Ngày Chiến thắng', nameEn: 'Reunification Day' },
  labour: { name: 'Ngày Quốc tế Lao động', nameEn: 'International Labour Day' },
  national: { name: 'Quốc khánh', nameEn: 'National Day' },
} satisfies Record<string, HolidayName>;

const pad2 = (n: number): string => String(n).padStart(2, '0');

function ymd(year: number, month: number, day: number): LocalDate {
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

function holiday(date: LocalDate, names: HolidayName): Holiday {
  return { date, ...names, kind: 'holiday' };
}

/** Default Tết: the last day of the lunar year (29 or 30 Chạp) and 1–4 Giêng. */
function tetDays(year: number): Holiday[] {
  const firstDay = lunarToSolar(year, 1, 1);
  const newYearsDay = ymd(firstDay.year, firstDay.month, firstDay.day);
  return [-1, 0, 1, 2, 3].map((offset) => holiday(addDays(newYearsDay, offset), NAMES.tet));
}

function hungKingsDay(year: number): Holiday {
  // 10th day of the regular (non-leap) third lunar month.
  const d = lunarToSolar(year, 3, 10);
  return holiday(ymd(d.year, d.month, d.day), NAMES.hungKings);
}

function nationalDays(year: number, extra: 'before' | 'after'): Holiday[] {
  const days = [holiday(ymd(year, 9, 2), NAMES.national)];
  if (year < LABOUR_CODE_2019_YEAR) return days; // Labour Code 2012: one day only.
  const extraDay = holiday(ymd(year, 9, extra === 'before' ? 1 : 3), NAMES.national);
  return extra === 'before' ? [extraDay, ...days] : [...days, extraDay];
}

/** Statutory holidays of a year, without compensatory days. */
function statutoryHolidays(year: number, opts: DefaultHolidayOptions): Holiday[] {
  return [
    holiday(ymd(year, 1, 1), NAMES.newYear),
    ...tetDays(year),
    hungKingsDay(year),
    holiday(ymd(year, 4, 30), NAMES.victory),
    holiday(ymd(year, 5, 1), NAMES.labour),
    ...nationalDays(year, opts.nationalDayExtra ?? 'before'),
  ].sort((a, b) => a.date.localeCompare(b.date));
}

function validateWeeklyDaysOff(days: readonly number[]): void {
  const valid = days.every((d) => Number.isInteger(d) && d >= 1 && d <= 7);
  if (!valid || new Set(days).size >= 7) {
    throw new RangeError('weeklyDaysOff must list ISO weekdays 1–7 and leave at least one working weekday');
  }
}

/**
 * Nghỉ bù: each holiday on a weekly day off moves to the next day that is
 * neither a weekly day off, a holiday nor an earlier compensatory day.
 * Holidays are processed in date order so a run of weekend holidays (e.g. Tết)
 * gets consecutive compensatory days right after it.
 */
function compensatoryDays(holidays: readonly Holiday[], weeklyDaysOff: readonly number[]): Holiday[] {
  const isDayOff = (date: LocalDate): boolean => weeklyDaysOff.includes(isoWeekday(date));
  const taken = new Set(holidays.map((h) => h.date));
  const result: Holiday[] = [];
  for (const h of holidays) {
    if (!isDayOff(h.date)) continue;
    let date = addDays(h.date, 1);
    while (isDayOff(date) || taken.has(date)) date = addDays(date, 1);
    taken.add(date);
    result.push({
      date,
      name: `Nghỉ bù ${h.name}`,
      nameEn: `Compensatory day off for ${h.nameEn}`,
      kind: 'compensatory',
    });
  }
  return result;
}

/**
 * Public holidays of a Gregorian year under the Labour Code 2019, with the
 * compensatory days they trigger, sorted by date. Government-decided swaps
 * are not included (see the module comment).
 */
export function defaultHolidays(year: number, opts: DefaultHolidayOptions = {}): Holiday[] {
  const weeklyDaysOff = opts.weeklyDaysOff ?? [6, 7];
  validateWeeklyDaysOff(weeklyDaysOff);
  const holidays = statutoryHolidays(year, opts);
  return [...holidays, ...compensatoryDays(holidays, weeklyDaysOff)]
    .sort((a, b) => a.date.localeCompare(b.date));
}
