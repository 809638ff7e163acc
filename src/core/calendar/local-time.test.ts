import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  addDays,
  formatDate,
  formatVietnamese,
  isLocalDate,
  isoWeekday,
  localDateTime,
  toLocalDate,
  vietnameseWeekday,
} from './local-time.ts';

describe('local time helpers', () => {
  it('converts Vietnam wall-clock time to UTC (UTC+7)', () => {
    assert.equal(localDateTime('2026-11-22', '15:30').toISOString(), '2026-11-22T08:30:00.000Z');
    assert.equal(localDateTime('2026-01-01', '00:00').toISOString(), '2025-12-31T17:00:00.000Z');
    assert.equal(localDateTime('2026-01-01', '06:59:30').toISOString(), '2025-12-31T23:59:30.000Z');
  });

  it('gives the local date, which changes at 17:00 UTC', () => {
    assert.equal(toLocalDate(new Date('2026-11-22T16:59:59.999Z')), '2026-11-22');
    assert.equal(toLocalDate(new Date('2026-11-22T17:00:00.000Z')), '2026-11-23');
  });

  it('agrees with ICU Asia/Ho_Chi_Minh (the fixed offset holds)', () => {
    const icu = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit',
    });
    for (let t = Date.UTC(1990, 0, 1, 16, 30); t < Date.UTC(2040, 0, 1); t += 7 * 3_600_000 * 97) {
      assert.equal(toLocalDate(new Date(t)), icu.format(new Date(t)));
    }
  });

  it('rejects invalid input', () => {
    assert.throws(() => localDateTime('2026-02-29', '08:00'), /Invalid date/);
    assert.throws(() => localDateTime('2026-02-28', '24:00'), /Invalid time/);
    assert.throws(() => toLocalDate(new Date('nope')), RangeError);
    assert.equal(isLocalDate('2028-02-29'), true);
    assert.equal(isLocalDate('2026-2-1'), false);
  });

  it('formats in Vietnamese', () => {
    const d = localDateTime('2026-11-22', '15:30');
    assert.equal(formatVietnamese(d), '15:30 ngày 22/11/2026');
    assert.equal(formatVietnamese(d, { weekday: true }), '15:30 Chủ nhật, ngày 22/11/2026');
    assert.equal(formatVietnamese(d, { style: 'long' }), '15 giờ 30 phút, ngày 22 tháng 11 năm 2026');
    assert.equal(formatVietnamese(localDateTime('2026-03-05', '07:05:09'), { seconds: true }), '07:05:09 ngày 05/03/2026');
    assert.equal(formatVietnamese(localDateTime('2026-02-05', '07:05'), { style: 'long' }), '07 giờ 05 phút, ngày 05 tháng 02 năm 2026');
    assert.equal(
      formatVietnamese(localDateTime('2026-03-05', '07:05'), { style: 'long', weekday: true }),
      '07 giờ 05 phút, Thứ Năm, ngày 05 tháng 3 năm 2026',
    );
    assert.equal(formatDate(d), '22/11/2026');
    // 23:30 UTC is already the next day in Vietnam.
    assert.equal(formatDate(new Date('2026-11-22T23:30:00Z')), '23/11/2026');
  });

  it('names weekdays in Vietnamese', () => {
    const names = [16, 17, 18, 19, 20, 21, 22].map((day) => vietnameseWeekday(`2026-11-${day}`));
    assert.deepEqual(names, ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật']);
    // 2026-11-22T18:00Z is Monday 01:00 in Vietnam.
    assert.equal(vietnameseWeekday(new Date('2026-11-22T18:00:00Z')), 'Thứ Hai');
  });

  it('does date arithmetic on local dates', () => {
    assert.equal(addDays('2026-02-27', 2), '2026-03-01');
    assert.equal(addDays('2026-01-01', -1), '2025-12-31');
    assert.equal(isoWeekday('2026-01-01'), 4);
  });
});
