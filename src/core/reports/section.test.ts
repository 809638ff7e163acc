import assert from 'node:assert/strict';
import { test } from 'node:test';
import { halfPeriod, monthPeriod, monthsOf, parsePeriod, rowLink, yearPeriod } from './section.ts';

test('periods: a month knows its last day (leap years too), halves and years their months', () => {
  assert.deepEqual(monthPeriod('2028-02'), { kind: 'month', key: '2028-02', from: '2028-02-01', to: '2028-02-29' });
  assert.equal(monthPeriod('2026-13'), null);
  assert.deepEqual(halfPeriod('2026-H2'), { kind: 'half', key: '2026-H2', from: '2026-07-01', to: '2026-12-31' });
  assert.deepEqual(monthsOf(halfPeriod('2026-H1')!), ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06']);
  assert.equal(monthsOf(yearPeriod('2026')!).length, 12);
  assert.equal(parsePeriod('2026-H3'), null);
});

test('a row links only to an address on this site', () => {
  const table = { links: { 0: '/admin/provision/items?don-vi=3', 1: 'https://evil.example/', 2: '//evil.example/x', 3: 'javascript:alert(1)', 4: '/\\evil.example' } };
  assert.equal(rowLink(table, 0), '/admin/provision/items?don-vi=3');
  for (const i of [1, 2, 3, 4, 5]) assert.equal(rowLink(table, i), undefined, String(i));
  assert.equal(rowLink(table, null), undefined);
});
