import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createCalendar } from './calendar.ts';
import { localDateTime as vn } from './local-time.ts';

const cal = createCalendar();

// Reference weeks (checked against defaultHolidays tests):
//   2026-03-09 Mon … 2026-03-15 Sun: an ordinary week.
//   2026-04-24 Fri; 25–26 weekend; 27 Mon = nghỉ bù for Giỗ Tổ (Sun 26/4).
//   2026-02-12 Thu, 13 Fri; 16–20 Tết (Mon–Fri).

describe('working days', () => {
  it('knows weekends, holidays and compensatory days', () => {
    assert.equal(cal.isWorkingDay('2026-03-09'), true);
    assert.equal(cal.isWorkingDay('2026-03-14'), false); // Saturday
    assert.equal(cal.isWorkingDay('2026-02-17'), false);
    assert.equal(cal.holidayOn('2026-02-17'), 'Tết Nguyên đán');
    assert.equal(cal.holidayOn('2026-04-27'), 'Nghỉ bù Giỗ Tổ Hùng Vương');
    assert.equal(cal.isWorkingDay('2026-04-27'), false);
    assert.equal(cal.holidayOn('2026-03-14'), null);
    assert.equal(cal.holidayOn('2026-03-09'), null);
  });

  it('can ignore the statutory holidays', () => {
    const bare = createCalendar({ useDefaultHolidays: false });
    assert.equal(bare.isWorkingDay('2026-02-17'), true);
    assert.equal(bare.holidayOn('2026-02-17'), null);
  });

  it('rejects malformed dates', () => {
    assert.throws(() => cal.isWorkingDay('2026-13-01'), /Invalid date/);
    assert.throws(() => cal.holidayOn('17/02/2026'), /Invalid date/);
  });
});

describe('addWorkingHours', () => {
  it('8 h from Friday 15:00 skips the weekend and a Monday day off', () => {
    // Fri 15:00–17:00 (2 h), Mon 27/4 nghỉ bù, Tue 07:30–11:30 (4 h), 13:30–15:30 (2 h).
    assert.deepEqual(cal.addWorkingHours(vn('2026-04-24', '15:00'), 8), vn('2026-04-28', '15:30'));
  });

  it('8 h from Friday 15:00 before New Year 2029 (Monday holiday)', () => {
    assert.deepEqual(cal.addWorkingHours(vn('2028-12-29', '15:00'), 8), vn('2029-01-02', '15:30'));
  });

  it('a start in the lunch break counts from 13:30', () => {
    assert.deepEqual(cal.addWorkingHours(vn('2026-03-11', '12:00'), 2), vn('2026-03-11', '15:30'));
    // 3.5 h Wed afternoon + 4 h Thu morning + 0.5 h.
    assert.deepEqual(cal.addWorkingHours(vn('2026-03-11', '12:00'), 8), vn('2026-03-12', '14:00'));
  });

  it('a start on Sunday counts from Monday 07:30; ends at 11:30, not 13:30', () => {
    assert.deepEqual(cal.addWorkingHours(vn('2026-03-15', '10:00'), 4), vn('2026-03-16', '11:30'));
  });

  it('a start after closing counts from the next opening', () => {
    assert.deepEqual(cal.addWorkingHours(vn('2026-03-09', '17:00'), 1), vn('2026-03-10', '08:30'));
    assert.deepEqual(cal.addWorkingHours(vn('2026-03-09', '06:00'), 0.5), vn('2026-03-09', '08:00'));
  });

  it('returns the start for 0 hours and rejects negative hours', () => {
    assert.deepEqual(cal.addWorkingHours(vn('2026-03-14', '10:00'), 0), vn('2026-03-14', '10:00'));
    assert.throws(() => cal.addWorkingHours(vn('2026-03-09', '08:00'), -1), RangeError);
    assert.throws(() => cal.addWorkingHours(new Date(Number.NaN), 1), /Invalid start time/);
  });

  it('works with an 8-hour day', () => {
    const eight = createCalendar({ officeHours: [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:00' }] });
    assert.equal(eight.hoursPerDay, 8);
    assert.equal(cal.hoursPerDay, 7.5);
    assert.deepEqual(eight.addWorkingHours(vn('2026-03-09', '08:00'), 8), vn('2026-03-09', '17:00'));
    assert.deepEqual(eight.addWorkingHours(vn('2026-03-09', '08:00'), 8.5), vn('2026-03-10', '08:30'));
  });
});

describe('addWorkingDays', () => {
  it('2 working days from the Thursday before Tết end after Tết', () => {
    // Receipt Thu 12/2 not counted; Fri 13/2 = day 1; 16–20/2 Tết; Mon 23/2 = day 2.
    assert.deepEqual(cal.addWorkingDays(vn('2026-02-12', '10:00'), 2), vn('2026-02-23', '17:00'));
  });

  it('2 working days from the Thursday before the Giỗ Tổ weekend skip the nghỉ bù Monday', () => {
    assert.deepEqual(cal.addWorkingDays(vn('2026-04-23', '16:45'), 2), vn('2026-04-28', '17:00'));
  });

  it('a receipt on a day off counts from the next working day', () => {
    // Sat 14/3: Mon 16 = day 1, Tue 17 = day 2 — same as a receipt on Fri 13/3.
    assert.deepEqual(cal.addWorkingDays(vn('2026-03-14', '09:00'), 2), vn('2026-03-17', '17:00'));
    assert.deepEqual(cal.addWorkingDays(vn('2026-03-13', '09:00'), 2), vn('2026-03-17', '17:00'));
  });

  it('uses the local date of receipt (23:30 UTC Monday is Tuesday in Vietnam)', () => {
    assert.deepEqual(cal.addWorkingDays(new Date('2026-03-09T23:30:00Z'), 1), vn('2026-03-11', '17:00'));
  });

  it('0 days means the close of the same (or next) working day; fractions are rejected', () => {
    assert.deepEqual(cal.addWorkingDays(vn('2026-03-09', '09:00'), 0), vn('2026-03-09', '17:00'));
    assert.deepEqual(cal.addWorkingDays(vn('2026-03-14', '09:00'), 0), vn('2026-03-16', '17:00'));
    // Received after closing (21:20 on a Monday): the same day's closing has passed; the next working day's.
    assert.deepEqual(cal.addWorkingDays(vn('2026-03-09', '21:20'), 0), vn('2026-03-10', '17:00'));
    assert.deepEqual(cal.addWorkingDays(vn('2026-03-13', '17:30'), 0), vn('2026-03-16', '17:00'), 'Friday evening: Monday');
    assert.deepEqual(cal.addWorkingDays(vn('2026-03-09', '17:00'), 0), vn('2026-03-09', '17:00'), 'at closing time itself: still that day');
    assert.throws(() => cal.addWorkingDays(vn('2026-03-09', '09:00'), 1.5), /non-negative integer/);
  });
});

describe('addCalendarDays', () => {
  it('ends at the end of the last day when it is a working day', () => {
    // Wed 11/3 + 2 = Fri 13/3, 24:00 local.
    assert.deepEqual(cal.addCalendarDays(vn('2026-03-11', '10:00'), 2), new Date(vn('2026-03-14', '00:00').getTime() - 1));
  });

  it('rolls a last day on the weekend to the close of the next working day', () => {
    // Wed 11/3 + 3 = Sat 14/3 → Mon 16/3 17:00.
    assert.deepEqual(cal.addCalendarDays(vn('2026-03-11', '10:00'), 3), vn('2026-03-16', '17:00'));
    // Wed 22/4 + 4 = Sun 26/4 → Mon 27/4 is nghỉ bù → Tue 28/4.
    assert.deepEqual(cal.addCalendarDays(vn('2026-04-22', '10:00'), 4), vn('2026-04-28', '17:00'));
  });

  it('does not roll when rollToWorkingDay is false', () => {
    assert.deepEqual(
      cal.addCalendarDays(vn('2026-03-11', '10:00'), 3, { rollToWorkingDay: false }),
      new Date(vn('2026-03-15', '00:00').getTime() - 1),
    );
  });
});

describe('deadline', () => {
  it('dispatches on the unit', () => {
    const from = vn('2026-04-24', '15:00');
    assert.deepEqual(cal.deadline(from, { amount: 8, unit: 'working_hours' }), vn('2026-04-28', '15:30'));
    assert.deepEqual(cal.deadline(from, { amount: 1, unit: 'working_days' }), vn('2026-04-28', '17:00'));
    assert.deepEqual(cal.deadline(from, { amount: 1, unit: 'calendar_days' }), vn('2026-04-28', '17:00'));
    assert.deepEqual(
      cal.deadline(from, { amount: 1, unit: 'calendar_days', rollToWorkingDay: false }),
      new Date(vn('2026-04-26', '00:00').getTime() - 1),
    );
    assert.throws(() => cal.deadline(from, { amount: 1, unit: 'weeks' as never }), /Unknown deadline unit/);
  });
});

describe('overrides', () => {
  // 2025: civil servants took Fri 2/5 off and worked Sat 26/4 instead (làm bù).
  const swapped = createCalendar({
    extraDaysOff: [{ date: '2025-05-02', name: 'Nghỉ hoán đổi' }],
    extraWorkingDays: [{ date: '2025-04-26', name: 'Làm bù cho ngày 02/5' }],
  });

  it('a làm bù Saturday is a working day', () => {
    assert.equal(cal.isWorkingDay('2025-04-26'), false);
    assert.equal(swapped.isWorkingDay('2025-04-26'), true);
    assert.equal(swapped.holidayOn('2025-04-26'), null);
    assert.deepEqual(swapped.addWorkingDays(vn('2025-04-25', '09:00'), 1), vn('2025-04-26', '17:00'));
    assert.deepEqual(swapped.addWorkingHours(vn('2025-04-25', '16:00'), 2), vn('2025-04-26', '08:30'));
  });

  it('the swapped day is off', () => {
    assert.equal(swapped.isWorkingDay('2025-05-02'), false);
    assert.equal(swapped.holidayOn('2025-05-02'), 'Nghỉ hoán đổi');
    // Tue 29/4 + 1: 30/4, 1/5 holidays, 2/5 swapped, weekend → Mon 5/5.
    assert.deepEqual(swapped.addWorkingDays(vn('2025-04-29', '09:00'), 1), vn('2025-05-05', '17:00'));
  });

  it('an extra closure is skipped', () => {
    const closed = createCalendar({ extraDaysOff: [{ date: '2026-03-12', name: 'Bầu cử' }] });
    assert.equal(closed.isWorkingDay('2026-03-12'), false);
    assert.equal(closed.holidayOn('2026-03-12'), 'Bầu cử');
    assert.deepEqual(closed.addWorkingDays(vn('2026-03-11', '09:00'), 1), vn('2026-03-13', '17:00'));
    assert.deepEqual(closed.addWorkingHours(vn('2026-03-11', '16:00'), 2), vn('2026-03-13', '08:30'));
  });

  it('a làm bù day overrides a statutory holiday', () => {
    const worked = createCalendar({ extraWorkingDays: [{ date: '2026-09-01', name: 'Làm việc' }] });
    assert.equal(worked.isWorkingDay('2026-09-01'), true);
    assert.equal(worked.holidayOn('2026-09-01'), null);
  });

  it('nghỉ bù follows a six-day week', () => {
    const sixDays = createCalendar({ workingWeekdays: [1, 2, 3, 4, 5, 6] });
    assert.equal(sixDays.isWorkingDay('2026-03-14'), true); // a Saturday
    // Sun 26/4/2026 (Giỗ Tổ) → Mon 27/4 off in both weeks.
    assert.equal(sixDays.isWorkingDay('2026-04-27'), false);
    // Sat 1/1/2028 is a weekly day off only in the five-day week, so only there Mon 3/1 is nghỉ bù.
    assert.equal(cal.isWorkingDay('2028-01-03'), false);
    assert.equal(sixDays.isWorkingDay('2028-01-03'), true);
  });
});

describe('workingHoursBetween', () => {
  it('counts office hours across days', () => {
    // Mon 16:00–17:00 (1) + Tue 7.5 + Wed 07:30–09:00 (1.5).
    assert.equal(cal.workingHoursBetween(vn('2026-03-09', '16:00'), vn('2026-03-11', '09:00')), 10);
  });

  it('is negative when b is before a', () => {
    assert.equal(cal.workingHoursBetween(vn('2026-03-11', '09:00'), vn('2026-03-09', '16:00')), -10);
  });

  it('ignores lunch, nights, weekends and holidays', () => {
    assert.equal(cal.workingHoursBetween(vn('2026-03-09', '11:00'), vn('2026-03-09', '14:00')), 1);
    assert.equal(cal.workingHoursBetween(vn('2026-04-24', '15:00'), vn('2026-04-28', '15:30')), 8);
    assert.equal(cal.workingHoursBetween(vn('2026-03-14', '08:00'), vn('2026-03-15', '20:00')), 0);
  });

  it('is the inverse of addWorkingHours', () => {
    const starts = ['2026-02-12 10:10', '2026-04-24 12:00', '2026-03-15 23:00', '2026-08-31 16:59'];
    for (const s of starts) {
      const [date = '', time = ''] = s.split(' ');
      for (const h of [0.25, 1, 7.5, 8, 23, 100]) {
        const from = vn(date, time);
        const end = cal.addWorkingHours(from, h);
        assert.ok(Math.abs(cal.workingHoursBetween(from, end) - h) < 1e-9, `${s} + ${h} h`);
      }
    }
  });
});

describe('nextWorkingTime', () => {
  it('keeps a time inside office hours', () => {
    assert.deepEqual(cal.nextWorkingTime(vn('2026-03-09', '09:15')), vn('2026-03-09', '09:15'));
  });

  it('moves lunch to 13:30, closing to the next working morning', () => {
    assert.deepEqual(cal.nextWorkingTime(vn('2026-03-09', '11:30')), vn('2026-03-09', '13:30'));
    assert.deepEqual(cal.nextWorkingTime(vn('2026-04-24', '17:00')), vn('2026-04-28', '07:30'));
  });
});
