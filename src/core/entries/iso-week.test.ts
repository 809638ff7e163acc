// ISO weeks of Vietnamese days: year boundaries, week 53, the title of a week.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isoWeekKey, mondayOf, mondayOfWeekKey, weekTitle } from './iso-week.ts';

test('weeks start on Monday and belong to the year of their Thursday', () => {
  assert.equal(mondayOf('2026-12-06'), '2026-11-30');
  assert.equal(mondayOf('2026-11-30'), '2026-11-30');
  assert.equal(isoWeekKey('2026-12-06'), '2026-W49');
  assert.equal(isoWeekKey('2027-01-03'), '2026-W53');
  assert.equal(isoWeekKey('2027-01-04'), '2027-W01');
  assert.equal(isoWeekKey('2025-12-29'), '2026-W01');
});

test('a week key gives its Monday; a week the year does not have gives nothing', () => {
  assert.equal(mondayOfWeekKey('2026-W49'), '2026-11-30');
  assert.equal(mondayOfWeekKey('2026-W53'), '2026-12-28');
  assert.equal(mondayOfWeekKey('2026-W01'), '2025-12-29');
  assert.equal(mondayOfWeekKey('2027-W53'), null);
  assert.equal(mondayOfWeekKey('2026-W00'), null);
  assert.equal(mondayOfWeekKey('2026-49'), null);
});

test('the title names the week and its days', () => {
  assert.equal(weekTitle('2026-11-30'), 'Lịch công tác tuần 49 (từ 30/11 đến 06/12/2026)');
  assert.equal(weekTitle('2026-12-28'), 'Lịch công tác tuần 53 (từ 28/12/2026 đến 03/01/2027)');
});

test('a week too far ahead is no week (its next-week link would overflow the calendar)', () => {
  assert.equal(mondayOfWeekKey('9999-W52'), null);
  assert.equal(mondayOfWeekKey('3000-W01'), null);
  assert.notEqual(mondayOfWeekKey('2999-W01'), null);
});
