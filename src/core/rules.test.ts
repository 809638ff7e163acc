import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planNewVersion, rewritesPast, ruleInForce, type DatedRule } from './rules.ts';

const baseSalary: DatedRule<number>[] = [
  { id: 1, siteId: null, key: 'base_salary', value: 2_340_000, effectiveFrom: '2024-07-01', effectiveTo: '2026-06-30', citation: 'Decree 73/2024' },
  { id: 2, siteId: null, key: 'base_salary', value: 2_530_000, effectiveFrom: '2026-07-01', effectiveTo: null, citation: 'Decree 161/2026' },
];

test('a past event is judged by the rule in force on its date', () => {
  assert.equal(ruleInForce(baseSalary, 'base_salary', '2026-06-30', 7)?.value, 2_340_000);
  assert.equal(ruleInForce(baseSalary, 'base_salary', '2026-07-01', 7)?.value, 2_530_000);
  assert.equal(ruleInForce(baseSalary, 'base_salary', '2020-01-01', 7), null);
});

test("a site's own rule wins over the national baseline, only while in force", () => {
  const rules: DatedRule<number>[] = [
    ...baseSalary,
    { id: 3, siteId: 7, key: 'base_salary', value: 3_000_000, effectiveFrom: '2026-09-01', effectiveTo: '2026-12-31', citation: null },
  ];
  assert.equal(ruleInForce(rules, 'base_salary', '2026-10-01', 7)?.value, 3_000_000);
  assert.equal(ruleInForce(rules, 'base_salary', '2026-10-01', 8)?.value, 2_530_000);
  assert.equal(ruleInForce(rules, 'base_salary', '2027-01-01', 7)?.value, 2_530_000);
});

test('a new version closes the open one and refuses to start before an existing one', () => {
  assert.deepEqual(planNewVersion(baseSalary, '2027-01-01'), { close: 2, conflict: false });
  assert.deepEqual(planNewVersion(baseSalary, '2026-07-01'), { close: null, conflict: true });
  assert.deepEqual(planNewVersion(baseSalary.slice(0, 1), '2026-01-01'), { close: 1, conflict: false });
});

test('rewritesPast: only a version starting before today over a rule in force on those days', () => {
  const v = (effectiveFrom: string, effectiveTo: string | null = null) => ({ effectiveFrom, effectiveTo });
  assert.equal(rewritesPast([v('2012-03-12')], '2026-11-01', '2026-11-23'), true);
  assert.equal(rewritesPast([v('2012-03-12')], '2026-11-23', '2026-11-23'), false, 'from today on');
  assert.equal(rewritesPast([], '2020-01-01', '2026-11-23'), false, 'a first rule');
  assert.equal(rewritesPast([v('2012-03-12', '2019-12-31')], '2020-01-01', '2026-11-23'), false, 'nothing was in force on those days');
  assert.equal(rewritesPast([v('2026-11-20')], '2026-11-10', '2026-11-23'), true, 'a national version that started since');
});
