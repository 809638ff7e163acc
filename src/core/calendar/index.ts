// Working-time calendar for deadlines (Vietnam): lunar calendar, public
// holidays, office hours and deadline arithmetic. Pure: no I/O.

export {
  solarToLunar,
  lunarToSolar,
  lunarMonthLength,
  leapMonthOf,
  LUNAR_MIN_YEAR,
  LUNAR_MAX_YEAR,
  type SolarDate,
  type LunarDate,
} from './lunar.ts';

export {
  defaultHolidays,
  type Holiday,
  type HolidayKind,
  type DefaultHolidayOptions,
} from './holidays.ts';

export {
  CalendarConfigError,
  DEFAULT_CALENDAR_CONFIG,
  type WorkingCalendarConfig,
  type OfficeHours,
  type DatedEntry,
} from './config.ts';

export {
  createCalendar,
  type WorkingCalendar,
  type DeadlineRule,
  type DeadlineUnit,
  type AddCalendarDaysOptions,
} from './calendar.ts';

export {
  VIETNAM_TIME_ZONE,
  VIETNAMESE_WEEKDAYS,
  toLocalDate,
  localDateTime,
  formatDate,
  formatVietnamese,
  vietnameseWeekday,
  isoWeekday,
  addDays,
  isLocalDate,
  type LocalDate,
  type IsoWeekday,
  type FormatVietnameseOptions,
} from './local-time.ts';
