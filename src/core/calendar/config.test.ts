import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createCalendar } from './calendar.ts';
import { CalendarConfigError, DEFAULT_CALENDAR_CONFIG, type WorkingCalendarConfig } from './config.ts';

function configError(config: Partial<WorkingCalendarConfig>): CalendarConfigError {
  try {
    createCalendar(config);
  } catch (err) {
    assert.ok(err instanceof CalendarConfigError, `expected CalendarConfigError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected createCalendar to throw');
}

describe('calendar configuration', () => {
  it('fills in the defaults', () => {
    const cal = createCalendar({ workingWeekdays: [1, 2, 3, 4, 5, 6] });
    assert.deepEqual(cal.config.officeHours, DEFAULT_CALENDAR_CONFIG.officeHours);
    assert.deepEqual(cal.config.workingWeekdays, [1, 2, 3, 4, 5, 6]);
    assert.equal(cal.config.useDefaultHolidays, true);
  });

  it('freezes the stored config so later edits cannot change it', () => {
    const input = { extraDaysOff: [{ date: '2026-03-12', name: 'Bầu cử' }] };
    const cal = createCalendar(input);
    input.extraDaysOff.push({ date: '2026-03-13', name: 'x' });
    assert.equal(cal.isWorkingDay('2026-03-13'), true);
    assert.throws(() => (cal.config.officeHours as unknown[]).push({}), TypeError);
  });

  it('rejects bad HH:MM', () => {
    const err = configError({ officeHours: [{ start: '7:30', end: '11:30' }, { start: '13:30', end: '25:00' }] });
    assert.match(err.message, /officeHours 7:30–11:30: start must be HH:MM/);
    assert.match(err.message, /officeHours 13:30–25:00: end must be HH:MM/);
    assert.equal(err.name, 'CalendarConfigError');
    assert.equal(err.issues.length, 2);
  });

  it('rejects overlapping and inverted office hours', () => {
    assert.match(
      configError({ officeHours: [{ start: '13:00', end: '17:00' }, { start: '07:30', end: '13:30' }] }).message,
      /officeHours 07:30–13:30 and 13:00–17:00 overlap/,
    );
    assert.match(configError({ officeHours: [{ start: '17:00', end: '08:00' }] }).message, /start must be before end/);
    assert.match(configError({ officeHours: [] }).message, /at least one interval/);
  });

  it('accepts touching office hours', () => {
    const cal = createCalendar({ officeHours: [{ start: '08:00', end: '12:00' }, { start: '12:00', end: '16:00' }] });
    assert.equal(cal.hoursPerDay, 8);
  });

  it('rejects empty or invalid weekdays', () => {
    assert.match(configError({ workingWeekdays: [] }).message, /workingWeekdays must list at least one ISO weekday/);
    assert.match(configError({ workingWeekdays: [0, 1] }).message, /0 is not an ISO weekday/);
    assert.match(configError({ workingWeekdays: [1, 1] }).message, /duplicates/);
  });

  it('rejects bad override entries', () => {
    assert.match(configError({ extraDaysOff: [{ date: '2026-02-30', name: 'x' }] }).message, /"2026-02-30" is not a real date/);
    assert.match(configError({ extraWorkingDays: [{ date: '2026-03-14', name: ' ' }] }).message, /name must be a non-empty string/);
    assert.match(
      configError({
        extraDaysOff: [{ date: '2026-03-14', name: 'a' }],
        extraWorkingDays: [{ date: '2026-03-14', name: 'b' }],
      }).message,
      /2026-03-14 is both in extraDaysOff and extraWorkingDays/,
    );
    assert.match(
      configError({ extraDaysOff: [{ date: '2026-03-14', name: 'a' }, { date: '2026-03-14', name: 'b' }] }).message,
      /listed twice/,
    );
  });

  it('rejects unknown options', () => {
    assert.match(configError({ officeHour: [] } as Partial<WorkingCalendarConfig>).message, /unknown option "officeHour"/);
  });

  it('rejects another time zone', () => {
    assert.match(configError({ timeZone: 'Asia/Bangkok' as 'Asia/Ho_Chi_Minh' }).message, /timeZone must be "Asia\/Ho_Chi_Minh"/);
  });
});
