import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { defaultHolidays } from './holidays.ts';
import { isoWeekday } from './local-time.ts';

const summary = (year: number, opts = {}): string[] =>
  defaultHolidays(year, opts).map((h) => `${h.date} ${h.kind} ${h.name}`);

describe('defaultHolidays', () => {
  it('lists 2026 with nghỉ bù for Giỗ Tổ on a Sunday', () => {
    // Checked weekdays: Tết 17/2/2026 is a Tuesday, so 16–20/2 are Mon–Fri;
    // 26/4 (10/3 lunar) is a Sunday; 30/4 Thu, 1/5 Fri, 1/9 Tue, 2/9 Wed.
    assert.equal(isoWeekday('2026-04-26'), 7);
    assert.equal(isoWeekday('2026-04-30'), 4);
    assert.equal(isoWeekday('2026-05-01'), 5);
    assert.deepEqual(summary(2026), [
      '2026-01-01 holiday Tết Dương lịch',
      '2026-02-16 holiday Tết Nguyên đán',
      '2026-02-17 holiday Tết Nguyên đán',
      '2026-02-18 holiday Tết Nguyên đán',
      '2026-02-19 holiday Tết Nguyên đán',
      '2026-02-20 holiday Tết Nguyên đán',
      '2026-04-26 holiday Giỗ Tổ Hùng Vương',
      '2026-04-27 compensatory Nghỉ bù Giỗ Tổ Hùng Vương',
      '2026-04-30 holiday Ngày Chiến thắng',
      '2026-05-01 holiday Ngày Quốc tế Lao động',
      '2026-09-01 holiday Quốc khánh',
      '2026-09-02 holiday Quốc khánh',
    ]);
  });

  it('carries English names', () => {
    const tet = defaultHolidays(2026).find((h) => h.date === '2026-02-17');
    assert.deepEqual(tet, { date: '2026-02-17', name: 'Tết Nguyên đán', nameEn: 'Lunar New Year', kind: 'holiday' });
    const comp = defaultHolidays(2026).find((h) => h.kind === 'compensatory');
    assert.equal(comp?.nameEn, 'Compensatory day off for Hung Kings Commemoration Day');
  });

  it('gives consecutive compensatory days after a Tết spanning a weekend (2027)', () => {
    // Tết 6/2/2027 is a Saturday: holidays Fri 5 – Tue 9, Sat+Sun → Wed 10, Thu 11.
    const comp = defaultHolidays(2027).filter((h) => h.kind === 'compensatory');
    assert.deepEqual(comp.map((h) => `${h.date} ${h.name}`), [
      '2027-02-10 Nghỉ bù Tết Nguyên đán',
      '2027-02-11 Nghỉ bù Tết Nguyên đán',
      '2027-05-03 Nghỉ bù Ngày Quốc tế Lao động',
    ]);
  });

  it('skips a holiday when placing a compensatory day (2028: 30/4 Sun, 1/5 Mon → 2/5)', () => {
    const comp = defaultHolidays(2028).filter((h) => h.kind === 'compensatory').map((h) => h.date);
    assert.deepEqual(comp, ['2028-01-03', '2028-01-31', '2028-05-02', '2028-09-04']);
  });

  it('the Tết block starts on the last day of the lunar year, 29 or 30 Chạp', () => {
    // Tết 2025 = 29/1; Chạp of Giáp Thìn had 29 days, so the block starts 28/1.
    const tet = defaultHolidays(2025).filter((h) => h.name === 'Tết Nguyên đán').map((h) => h.date);
    assert.deepEqual(tet, ['2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-01']);
  });

  it('lets the government choice of 3 Sep replace 1 Sep', () => {
    const national = defaultHolidays(2026, { nationalDayExtra: 'after' })
      .filter((h) => h.name === 'Quốc khánh').map((h) => h.date);
    assert.deepEqual(national, ['2026-09-02', '2026-09-03']);
  });

  it('has a single Quốc khánh day before the 2019 Code took effect', () => {
    const national = defaultHolidays(2020).filter((h) => h.name === 'Quốc khánh').map((h) => h.date);
    assert.deepEqual(national, ['2020-09-02']);
  });

  it('follows the given weekly days off for nghỉ bù', () => {
    // Six-day week (Sunday off only): Saturday 1/1/2028 triggers nothing.
    const comp = defaultHolidays(2028, { weeklyDaysOff: [7] }).filter((h) => h.kind === 'compensatory');
    assert.deepEqual(comp.map((h) => h.date), ['2028-05-02']);
    assert.throws(() => defaultHolidays(2028, { weeklyDaysOff: [1, 2, 3, 4, 5, 6, 7] }), RangeError);
  });
});
