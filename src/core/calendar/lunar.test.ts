import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { leapMonthOf, lunarMonthLength, lunarToSolar, solarToLunar } from './lunar.ts';

const iso = (d: { year: number; month: number; day: number }): string =>
  `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

describe('lunarToSolar', () => {
  const tet: Array<[number, string]> = [
    [2023, '2023-01-22'],
    [2024, '2024-02-10'],
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
    [2027, '2027-02-06'],
    [2028, '2028-01-26'],
  ];
  for (const [year, expected] of tet) {
    it(`Tết ${year} is ${expected}`, () => {
      assert.equal(iso(lunarToSolar(year, 1, 1)), expected);
    });
  }

  it('uses UTC+7, not the Chinese UTC+8: Tết 2007 is 17 Feb (China: 18 Feb)', () => {
    assert.equal(iso(lunarToSolar(2007, 1, 1)), '2007-02-17');
  });

  it('uses UTC+7: Tết 1985 is 21 Jan, a month before China (20 Feb)', () => {
    assert.equal(iso(lunarToSolar(1985, 1, 1)), '1985-01-21');
  });

  it('Giỗ Tổ Hùng Vương (10/3 lunar)', () => {
    assert.equal(iso(lunarToSolar(2025, 3, 10)), '2025-04-07');
    assert.equal(iso(lunarToSolar(2026, 3, 10)), '2026-04-26');
  });

  it('handles leap months: 2023 leap 2nd month, 2025 leap 6th month', () => {
    assert.equal(iso(lunarToSolar(2023, 2, 1, true)), '2023-03-22');
    assert.equal(iso(lunarToSolar(2023, 2, 1)), '2023-02-20');
    assert.equal(iso(lunarToSolar(2025, 6, 1, true)), '2025-07-25');
    assert.equal(leapMonthOf(2023), 2);
    assert.equal(leapMonthOf(2025), 6);
    assert.equal(leapMonthOf(2024), null);
    assert.equal(leapMonthOf(2026), null);
  });

  it('rejects a leap month that does not exist and a day past the month end', () => {
    assert.throws(() => lunarToSolar(2024, 2, 1, true), /no leap month 2/);
    // Tháng Chạp of Ất Tỵ (2025) has 29 days: Tết 2026 follows 29 Chạp.
    assert.equal(lunarMonthLength(2025, 12), 29);
    assert.throws(() => lunarToSolar(2025, 12, 30), /has 29 days/);
    assert.throws(() => lunarToSolar(2026, 13, 1), RangeError);
    assert.throws(() => lunarToSolar(1700, 1, 1), /outside the supported range/);
  });
});

describe('solarToLunar', () => {
  it('maps Tết and the day before it', () => {
    assert.deepEqual(solarToLunar(2026, 2, 17), { year: 2026, month: 1, day: 1, leap: false });
    assert.deepEqual(solarToLunar(2026, 2, 16), { year: 2025, month: 12, day: 29, leap: false });
    assert.deepEqual(solarToLunar(2007, 2, 17), { year: 2007, month: 1, day: 1, leap: false });
  });

  it('puts early-January dates in months 11/12 of the previous lunar year', () => {
    assert.deepEqual(solarToLunar(2026, 1, 1), { year: 2025, month: 11, day: 13, leap: false });
  });

  it('flags leap-month days', () => {
    assert.deepEqual(solarToLunar(2025, 8, 1), { year: 2025, month: 6, day: 8, leap: true });
  });

  it('round-trips every day of 2020–2030', () => {
    for (let t = Date.UTC(2020, 0, 1); t < Date.UTC(2031, 0, 1); t += 86_400_000) {
      const d = new Date(t);
      const l = solarToLunar(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
      assert.equal(iso(lunarToSolar(l.year, l.month, l.day, l.leap)), d.toISOString().slice(0, 10));
    }
  });

  it('rejects invalid solar dates', () => {
    assert.throws(() => solarToLunar(2026, 2, 29), /Invalid solar date/);
  });
});
