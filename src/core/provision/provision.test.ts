// Pure provision rules: periods (ISO weeks in Vietnam, months, years), the
// monthly-data day, delays in words, reminder days, catalogue validation.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCalendar } from '../calendar/index.ts';
import { ruleDefinition, ruleValueProblems } from '../rule-catalogue.ts';
import { dayOfMonthDeadline, evaluateDeadline, formatDelay, isoWeekKey, isReminderDay, judgedOn, kindQuotasOf, mondayOf, monthQuotaPeriod, parseWeekKey, periodsEnding, weekPeriod } from './provision.ts';

const vn = (local: string) => new Date(`${local}+07:00`);

describe('periods', () => {
  it('weeks run Monday to Sunday, keyed by ISO week', () => {
    assert.equal(mondayOf('2026-09-06'), '2026-08-31'); // a Sunday belongs to the week before
    assert.deepEqual(weekPeriod('2026-09-02'), { per: 'week', key: '2026-W36', from: '2026-08-31', to: '2026-09-06' });
    assert.equal(isoWeekKey('2027-01-01'), '2026-W53'); // Friday 1 Jan 2027: week 53 of 2026
    assert.equal(isoWeekKey('2026-01-01'), '2026-W01');
    assert.deepEqual(parseWeekKey('2026-W36'), weekPeriod('2026-08-31'));
    assert.equal(parseWeekKey('2025-W53'), null);
  });

  it('a period belongs to the report in which it ends, and is judged on its last day', () => {
    const weeks = periodsEnding('week', '2026-09-01', '2026-09-30');
    assert.deepEqual(weeks.map((w) => w.from), ['2026-08-31', '2026-09-07', '2026-09-14', '2026-09-21']);
    assert.deepEqual(periodsEnding('month', '2026-07-01', '2026-12-31').map((m) => m.key), ['2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12']);
    assert.equal(judgedOn(monthQuotaPeriod('2026-02-10')), '2026-02-28');
  });
});

describe('deadlines', () => {
  const calendar = createCalendar({ extraWorkingDays: [{ date: '2026-09-05', name: 'Làm bù' }] });
  it('monthly data are due at the end of the 30th, or of the last day of February', () => {
    assert.equal(dayOfMonthDeadline('2026-09-12', 30).toISOString(), vn('2026-10-01T00:00').toISOString());
    assert.equal(dayOfMonthDeadline('2026-02-03', 30).toISOString(), vn('2026-03-01T00:00').toISOString());
    const late = evaluateDeadline('monthly_data', { eventAt: vn('2026-02-03T08:00').toISOString(), signedOn: null, createdAt: vn('2026-02-03T08:00').toISOString(), receivedAt: null, firstPublishedAt: vn('2026-03-02T09:30').toISOString() }, { kind: 'day_of_month', day: 30 }, calendar)!;
    // Mon 2 Mar 2026 07:30–09:30: 2 working hours, read in days.
    assert.equal(late.late, true);
    assert.equal(formatDelay(late.delayHours, late.delayUnit, calendar.hoursPerDay, 'vi'), '0,3 ngày làm việc');
  });

  it('news: 8 working hours across the National Day holiday', () => {
    const out = evaluateDeadline('event_news', { eventAt: vn('2026-08-31T15:00').toISOString(), signedOn: null, createdAt: '', receivedAt: null, firstPublishedAt: vn('2026-09-03T15:00').toISOString() }, { kind: 'duration', rule: { amount: 8, unit: 'working_hours' } }, calendar)!;
    assert.equal(out.dueAt, vn('2026-09-03T15:30').toISOString());
    assert.equal(out.late, false);
  });

  it('delays read in Vietnamese and English', () => {
    assert.equal(formatDelay(2.5, 'working_hours', 7.5, 'vi'), '2 giờ 30 phút làm việc');
    assert.equal(formatDelay(0.25, 'working_hours', 7.5, 'vi'), '15 phút làm việc');
    assert.equal(formatDelay(3, 'working_hours', 7.5, 'en'), '3 h working time');
    assert.equal(formatDelay(9.5, 'working_days', 7.5, 'vi'), '1,3 ngày làm việc');
    assert.equal(formatDelay(15, 'working_days', 7.5, 'en'), '2 working days');
  });
});

describe('reminders', () => {
  const calendar = createCalendar();
  const november = monthQuotaPeriod('2026-11-10');
  it('on the working days when at most N remain, never on a day off', () => {
    assert.equal(isReminderDay(calendar, '2026-11-25', november, 3), false);
    assert.equal(isReminderDay(calendar, '2026-11-26', november, 3), true);
    assert.equal(isReminderDay(calendar, '2026-11-28', november, 3), false); // Saturday
    assert.equal(isReminderDay(calendar, '2026-12-01', november, 3), false); // over
  });
  it('a make-up Saturday is a working day that counts', () => {
    const withMakeUp = createCalendar({ extraWorkingDays: [{ date: '2026-11-28', name: 'Làm bù' }] });
    assert.equal(isReminderDay(withMakeUp, '2026-11-26', november, 3), false);
    assert.equal(isReminderDay(withMakeUp, '2026-11-27', november, 3), true);
  });
});

describe('catalogue', () => {
  it('validates a quota per kind and the monthly data day', () => {
    const kind = ruleDefinition('quota.unit_kind')!;
    assert.deepEqual(ruleValueProblems(kind, { min: 1, per: 'month', kind: 'document' }), []);
    assert.deepEqual(ruleValueProblems(kind, [{ min: 1, per: 'month', kind: 'document' }, { min: 2, per: 'year', kind: 'video' }]), []);
    assert.equal(ruleValueProblems(kind, { min: 1, per: 'month', kind: 'page' }).length, 1);
    assert.equal(ruleValueProblems(kind, { min: -1, per: 'month', kind: 'news' }).length, 1);
    assert.equal(kindQuotasOf({ min: 1, per: 'week', kind: 'photo' })[0]!.kind, 'photo');
    const day = ruleDefinition('deadline.monthly_data_day')!;
    assert.deepEqual(ruleValueProblems(day, { day: 30 }), []);
    assert.equal(ruleValueProblems(day, { day: 32 }).length, 1);
    assert.deepEqual(ruleValueProblems(ruleDefinition('deadline.meeting_news')!, { amount: 4, unit: 'working_hours' }), []);
  });
});
