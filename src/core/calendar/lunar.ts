// Vietnamese lunar calendar (âm lịch) by the astronomical method published by
// Hồ Ngọc Đức ("Âm lịch Việt Nam", https://www.informatik.uni-leipzig.de/~duc/amlich/):
//   - a month starts on the local day containing a new moon (sóc);
//   - month 11 is the month containing the winter solstice (Đông chí);
//   - when 13 months lie between two months 11, the first month after
//     month 11 without a principal solar term (trung khí) is the leap month.
// Everything is computed for UTC+7, which is what makes the Vietnamese
// calendar differ from the Chinese one (UTC+8) in some years, e.g. Tết 1985
// (21 Jan vs 20 Feb) and Tết 2007 (17 Feb vs 18 Feb).

export interface SolarDate {
  year: number;
  month: number;
  day: number;
}

export interface LunarDate extends SolarDate {
  /** True for days of a leap month (tháng nhuận). */
  leap: boolean;
}

/** Years accepted by the conversions; the series used lose accuracy far outside it. */
export const LUNAR_MIN_YEAR = 1800;
export const LUNAR_MAX_YEAR = 2199;

const TIME_ZONE_HOURS = 7;
const SYNODIC_MONTH = 29.530588853;
// Julian date of the new moon k = 0 (January 1900) in the series below.
const NEW_MOON_EPOCH = 2415021.076998695;
const DEG = Math.PI / 180;

// ---- Julian day numbers (Gregorian calendar only: the range starts in 1800) ----

function jdFromDate(year: number, month: number, day: number): number {
  const a = Math.floor((14 - month) / 12);
  const y = year + 4800 - a;
  const m = month + 12 * a - 3;
  return (
    day + Math.floor((153 * m + 2) / 5) + 365 * y +
    Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400) - 32045
  );
}

function jdToDate(jd: number): SolarDate {
  const a = jd + 32044;
  const b = Math.floor((4 * a + 3) / 146097);
  const c = a - Math.floor((146097 * b) / 4);
  const d = Math.floor((4 * c + 3) / 1461);
  const e = c - Math.floor((1461 * d) / 4);
  const m = Math.floor((5 * e + 2) / 153);
  return {
    year: 100 * b + d - 4800 + Math.floor(m / 10),
    month: m + 3 - 12 * Math.floor(m / 10),
    day: e - Math.floor((153 * m + 2) / 5) + 1,
  };
}

// ---- Astronomy (Meeus-style truncated series, as in Hồ Ngọc Đức's code) ----

/** Julian date (UT) of the k-th new moon after January 1900. */
function newMoon(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  let jd = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * DEG);
  const M = (359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3) * DEG;
  const Mpr = (306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3) * DEG;
  const F = (21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3) * DEG;
  const correction =
    (0.1734 - 0.000393 * T) * Math.sin(M) + 0.0021 * Math.sin(2 * M) -
    0.4068 * Math.sin(Mpr) + 0.0161 * Math.sin(2 * Mpr) - 0.0004 * Math.sin(3 * Mpr) +
    0.0104 * Math.sin(2 * F) - 0.0051 * Math.sin(M + Mpr) - 0.0074 * Math.sin(M - Mpr) +
    0.0004 * Math.sin(2 * F + M) - 0.0004 * Math.sin(2 * F - M) -
    0.0006 * Math.sin(2 * F + Mpr) + 0.001 * Math.sin(2 * F - Mpr) +
    0.0005 * Math.sin(2 * Mpr + M);
  const deltaT = T < -11
    ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3
    : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd + correction - deltaT;
}

/** Sun's apparent longitude in radians [0, 2π) at Julian date `jd`. */
function sunLongitude(jd: number): number {
  const T = (jd - 2451545.0) / 36525;
  const T2 = T * T;
  const M = (357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2) * DEG;
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
  const DL =
    (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(M) +
    (0.019993 - 0.000101 * T) * Math.sin(2 * M) + 0.00029 * Math.sin(3 * M);
  const L = (L0 + DL) * DEG;
  return L - 2 * Math.PI * Math.floor(L / (2 * Math.PI));
}

/** Local Julian day number of the day containing the k-th new moon. */
function newMoonDay(k: number): number {
  return Math.floor(newMoon(k) + 0.5 + TIME_ZONE_HOURS / 24);
}

/** 30° sector (0..11) of the sun at local midnight starting day `jdn`. */
function sunSector(jdn: number): number {
  return Math.floor((sunLongitude(jdn - 0.5 - TIME_ZONE_HOURS / 24) / Math.PI) * 6);
}

/** First day (JDN) of the lunar month 11 that contains the winter solstice of `year`. */
function month11Start(year: number): number {
  const k = Math.floor((jdFromDate(year, 12, 31) - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  const nm = newMoonDay(k);
  // Sector ≥ 9 (≥ 270°) means the solstice has already passed: take the previous moon.
  return sunSector(nm) >= 9 ? newMoonDay(k - 1) : nm;
}

// ---- Lunar months between two winter solstices ----

interface MonthSpan {
  start: number; // first day, JDN
  end: number; // first day of the next month, JDN
  month: number;
  leap: boolean;
}

const cycleCache = new Map<number, readonly MonthSpan[]>();

/**
 * Lunar months from month 11 of lunar year `year - 1` up to (not including)
 * month 11 of `year`: i.e. 11, 12 of the previous year then 1..10 of `year`,
 * plus a leap month when the span holds 13 months.
 */
function monthCycle(year: number): readonly MonthSpan[] {
  const cached = cycleCache.get(year);
  if (cached) return cached;
  const a11 = month11Start(year - 1);
  const b11 = month11Start(year);
  const k = Math.round((a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  const starts: number[] = [];
  for (let i = 0; i <= 14; i++) starts.push(newMoonDay(k + i));
  const count = b11 - a11 > 365 ? 13 : 12;
  const leapOffset = count === 13 ? findLeapOffset(starts) : -1;
  const spans: MonthSpan[] = [];
  for (let i = 0; i < count; i++) {
    const shift = leapOffset >= 0 && i >= leapOffset ? i - 1 : i;
    spans.push({
      start: at(starts, i),
      end: at(starts, i + 1),
      month: ((10 + shift) % 12) + 1,
      leap: i === leapOffset,
    });
  }
  cycleCache.set(year, spans);
  return spans;
}

/** Offset (from month 11) of the first month that contains no principal term. */
function findLeapOffset(starts: readonly number[]): number {
  for (let i = 1; i <= 12; i++) {
    if (sunSector(at(starts, i)) === sunSector(at(starts, i + 1))) return i;
  }
  // 13 lunations always leave one month without a principal term.
  throw new Error('Lunar calendar: no leap month found in a 13-month year');
}

function at(values: readonly number[], index: number): number {
  const v = values[index];
  if (v === undefined) throw new Error(`Lunar calendar: index ${index} out of range`);
  return v;
}

// ---- Public conversions ----

function assertYear(year: number, what: string): void {
  if (!Number.isInteger(year) || year < LUNAR_MIN_YEAR || year > LUNAR_MAX_YEAR) {
    throw new RangeError(
      `${what} year ${year} is outside the supported range ${LUNAR_MIN_YEAR}–${LUNAR_MAX_YEAR}`,
    );
  }
}

function assertSolarDate(year: number, month: number, day: number): void {
  assertYear(year, 'Solar');
  const probe = new Date(Date.UTC(year, month - 1, day));
  const valid = Number.isInteger(month) && Number.isInteger(day) &&
    probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
  if (!valid) throw new RangeError(`Invalid solar date ${year}-${month}-${day}`);
}

/** Converts a Gregorian date to the Vietnamese lunar date. */
export function solarToLunar(year: number, month: number, day: number): LunarDate {
  assertSolarDate(year, month, day);
  const jd = jdFromDate(year, month, day);
  const cycleYear = jd >= month11Start(year) ? year + 1 : year;
  const spans = monthCycle(cycleYear);
  const firstMonthIndex = spans.findIndex((s) => s.month === 1 && !s.leap);
  const index = spans.findIndex((s) => jd >= s.start && jd < s.end);
  const span = spans[index];
  if (!span) throw new Error(`Lunar calendar: no month found for ${year}-${month}-${day}`);
  return {
    // Months before month 1 in the cycle (11, 12 and their leap) belong to the previous lunar year.
    year: index < firstMonthIndex ? cycleYear - 1 : cycleYear,
    month: span.month,
    day: jd - span.start + 1,
    leap: span.leap,
  };
}

/**
 * Converts a Vietnamese lunar date to the Gregorian date. Throws a RangeError
 * for a leap month that does not exist that year or a day 30 in a 29-day month.
 */
export function lunarToSolar(year: number, month: number, day: number, leap = false): SolarDate {
  const span = findLunarMonth(year, month, leap);
  const length = span.end - span.start;
  if (!Number.isInteger(day) || day < 1 || day > length) {
    throw new RangeError(
      `Lunar month ${month}${leap ? ' (leap)' : ''} of ${year} has ${length} days; day ${day} does not exist`,
    );
  }
  return jdToDate(span.start + day - 1);
}

/** Number of days (29 or 30) of a lunar month. */
export function lunarMonthLength(year: number, month: number, leap = false): number {
  const span = findLunarMonth(year, month, leap);
  return span.end - span.start;
}

/** The leap month (tháng nhuận) of a lunar year, or null when the year has none. */
export function leapMonthOf(year: number): number | null {
  assertYear(year, 'Lunar');
  const ownSpans = [
    ...monthCycle(year).filter((s) => s.month <= 10),
    ...monthCycle(year + 1).filter((s) => s.month >= 11),
  ];
  return ownSpans.find((s) => s.leap)?.month ?? null;
}

function findLunarMonth(year: number, month: number, leap: boolean): MonthSpan {
  assertYear(year, 'Lunar');
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw new RangeError(`Invalid lunar month ${month}: expected 1–12`);
  }
  // Months 1..10 sit in the cycle ending at month 11 of `year`; 11 and 12 in the next one.
  const cycle = month >= 11 ? monthCycle(year + 1) : monthCycle(year);
  const span = cycle.find((s) => s.month === month && s.leap === leap);
  if (!span) {
    throw new RangeError(`Lunar year ${year} has no leap month ${month}`);
  }
  return span;
}
