import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addDays, formatDate, formatDateTime, isIsoDate, parseDateInput, startOfVietnamDate, vietnamDate } from './time.ts';

test('the Vietnam date of an instant follows UTC+7, not UTC', () => {
  assert.equal(vietnamDate(new Date('2026-11-21T17:30:00Z')), '2026-11-22');
  assert.equal(vietnamDate(new Date('2026-11-21T16:59:59Z')), '2026-11-21');
});

test('dates typed the Vietnamese way are parsed, impossible ones refused', () => {
  assert.equal(parseDateInput('2/9/2026'), '2026-09-02');
  assert.equal(parseDateInput('2026-09-02'), '2026-09-02');
  assert.equal(parseDateInput('31/02/2026'), null);
  assert.equal(parseDateInput('hôm nay'), null);
  assert.equal(isIsoDate('2026-13-01'), false);
});

test('dates and times are shown in Vietnam time', () => {
  assert.equal(formatDateTime('2026-11-22T08:05:00Z'), '22/11/2026 15:05');
  assert.equal(formatDate('2026-07-01'), '01/07/2026');
  assert.equal(addDays('2026-02-28', 1), '2026-03-01');
  assert.equal(startOfVietnamDate('2026-07-01').toISOString(), '2026-06-30T17:00:00.000Z');
});
