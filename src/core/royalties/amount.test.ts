import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assessAmount, dailyMinimumWage, parseCoefficient, formatCoefficient, prorataAllowance, splitByShares } from './amount.ts';
import type { RoyaltyPolicy } from './policy.ts';

const decree18: RoyaltyPolicy = {
  genres: [
    { key: 'tin', vi: 'Tin', en: 'News', basis: 'creation', minX100: 100, maxX100: 1000 },
    { key: 'dich', vi: 'Bài dịch', en: 'Translation', basis: 'translation', minX100: 100, maxX100: 3000 },
  ],
  unitValue: { basis: 'base_salary_share', percent: 10 },
  cap: null,
  translationPercent: { min: 40, max: 65 },
  reusePercent: { min: 20, max: 100 },
  paymentDays: 60,
  remuneration: { editing: 0, collecting: 0, approving: 0 },
  boardAllowanceYearly: { head: 2_000_000, deputy: 2_000_000, member: 2_000_000 },
  payReaderContributions: false,
};

test('a royalty is coefficient × 10 % of the base salary, on each side of 1 Jul 2026', () => {
  const before = assessAmount(decree18, { baseSalary: 2_340_000, minimumWages: null }, { genreKey: 'tin', coefficientX100: 250, percent: 100 });
  const after = assessAmount(decree18, { baseSalary: 2_530_000, minimumWages: null }, { genreKey: 'tin', coefficientX100: 250, percent: 100 });
  assert.ok('ok' in before && 'ok' in after);
  assert.equal(before.ok.amount, 585_000); // 2.5 × 234,000
  assert.equal(after.ok.amount, 632_500); // 2.5 × 253,000
});

test('a translation is a percentage of the original, and out-of-range input is refused with the range', () => {
  const r = assessAmount(decree18, { baseSalary: 2_530_000, minimumWages: null }, { genreKey: 'dich', coefficientX100: 1000, percent: 50 });
  assert.ok('ok' in r);
  assert.equal(r.ok.amount, 1_265_000); // 10 × 253,000 × 50 %
  const bad = assessAmount(decree18, { baseSalary: 2_530_000, minimumWages: null }, { genreKey: 'dich', coefficientX100: 1000, percent: 70 });
  assert.ok('problems' in bad);
  assert.match(bad.problems[0]!.vi, /40% đến 65%/);
  const tooHigh = assessAmount(decree18, { baseSalary: 2_530_000, minimumWages: null }, { genreKey: 'tin', coefficientX100: 1050, percent: 100 });
  assert.ok('problems' in tooHigh);
  assert.match(tooHigh.problems[0]!.vi, /từ 1 đến 10/);
});

test('a cap of one day of the regional minimum wage (monthly ÷ 26, rounded down) limits an item', () => {
  const policy: RoyaltyPolicy = { ...decree18, cap: { basis: 'minimum_wage_days', days: 1, region: 'IV' } };
  const wages = { I: 5_310_000, II: 4_730_000, III: 4_140_000, IV: 3_700_000 };
  assert.equal(dailyMinimumWage(3_700_000), 142_307);
  const r = assessAmount(policy, { baseSalary: 2_530_000, minimumWages: wages }, { genreKey: 'tin', coefficientX100: 100, percent: 100 });
  assert.ok('ok' in r);
  assert.equal(r.ok.gross, 253_000);
  assert.equal(r.ok.amount, 142_307);
  const missing = assessAmount(policy, { baseSalary: 2_530_000, minimumWages: null }, { genreKey: 'tin', coefficientX100: 100, percent: 100 });
  assert.ok('problems' in missing);
});

test('shares add up to the amount to the đồng', () => {
  const parts = splitByShares(100_000, [{ key: 'a', bp: 3333 }, { key: 'b', bp: 3333 }, { key: 'c', bp: 3334 }]);
  assert.deepEqual(parts.map((p) => p.amount), [33_330, 33_330, 33_340]);
  const odd = splitByShares(100_001, [{ key: 'a', bp: 5000 }, { key: 'b', bp: 5000 }]);
  assert.deepEqual(odd.map((p) => p.amount), [50_001, 50_000]);
});

test('a part-year allowance is pro rata by days', () => {
  assert.equal(prorataAllowance(2_000_000, 2026, '2026-01-01', null), 2_000_000);
  // 1 Jul to 31 Dec 2026 is 184 of 365 days: 2,000,000 × 184 / 365 = 1,008,219.18
  assert.equal(prorataAllowance(2_000_000, 2026, '2026-07-01', null), 1_008_219);
  assert.equal(prorataAllowance(2_000_000, 2026, '2025-03-01', '2026-03-31'), 493_151); // 90 days
  assert.equal(prorataAllowance(2_000_000, 2026, '2027-01-01', null), 0);
});

test('coefficients are read and written with a decimal comma', () => {
  assert.equal(parseCoefficient('2,5'), 250);
  assert.equal(parseCoefficient('2.25'), 225);
  assert.equal(parseCoefficient('10'), 1000);
  assert.equal(parseCoefficient('abc'), null);
  assert.equal(formatCoefficient(250), '2,5');
  assert.equal(formatCoefficient(1000), '10');
  assert.equal(formatCoefficient(225), '2,25');
});
