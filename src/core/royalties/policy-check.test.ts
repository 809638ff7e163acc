// A member site's table may only narrow its parent's; from 1 Sep 2026 reuse pays at least 20 %.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DECREE_18_POLICY } from '../../modules/royalties/national.ts';
import { decree287Problems, narrowingProblems, royaltyPolicyProblems } from './policy-check.ts';
import type { RoyaltyPolicy } from './policy.ts';

const provincial: RoyaltyPolicy = {
  ...DECREE_18_POLICY,
  cap: { basis: 'minimum_wage_days', days: 2, region: 'IV' },
  reusePercent: { min: 20, max: 50 },
};

test('a narrower table passes', () => {
  const child: RoyaltyPolicy = {
    ...provincial,
    genres: provincial.genres.filter((g) => g.key !== 'video').map((g) => (g.key === 'tin' ? { ...g, minX100: 150, maxX100: 500 } : g)),
    unitValue: { basis: 'base_salary_share', percent: 8 },
    cap: { basis: 'minimum_wage_days', days: 1, region: 'IV' },
    reusePercent: { min: 25, max: 40 },
    paymentDays: 30,
  };
  assert.deepEqual(royaltyPolicyProblems(child), []);
  assert.deepEqual(narrowingProblems(child, provincial), []);
});

test('a wider table is refused, naming the genre or the field', () => {
  const child: RoyaltyPolicy = {
    ...provincial,
    genres: [
      ...provincial.genres.map((g) => (g.key === 'tin' ? { ...g, maxX100: 1200 } : g.key === 'anh' ? { ...g, basis: 'reuse' as const } : g)),
      { key: 'podcast', vi: 'Podcast', en: 'Podcast', basis: 'creation', minX100: 100, maxX100: 500 },
    ],
    unitValue: { basis: 'base_salary_share', percent: 12 },
    cap: null,
    translationPercent: { min: 30, max: 65 },
    reusePercent: { min: 20, max: 60 },
    paymentDays: 90,
  };
  const problems = narrowingProblems(child, provincial);
  const vi = problems.map((p) => p.vi).join('\n');
  assert.match(vi, /Thể loại "Tin": khung hệ số 1–12 vượt khung của cấp trên \(1–10\)/);
  assert.match(vi, /Thể loại "Ảnh": cách tính phải giống bảng của cấp trên/);
  assert.match(vi, /Thể loại "Podcast" \(podcast\) không có trong bảng nhuận bút của cấp trên/);
  assert.match(vi, /Giá trị một đơn vị hệ số cao hơn/);
  assert.match(vi, /Mức trần mỗi tin, bài cao hơn/);
  assert.match(vi, /Tỷ lệ bản dịch 30–65% vượt khung của cấp trên \(40–65%\)/);
  assert.match(vi, /Tỷ lệ sử dụng lại 20–60% vượt khung/);
  assert.match(vi, /Thời hạn chi trả 90 ngày dài hơn của cấp trên \(60 ngày\)/);
  assert.deepEqual(problems.map((p) => p.field), ['genres', 'genres', 'genres', 'unitValue', 'cap', 'translationPercent', 'reusePercent', 'paymentDays']);
  assert.ok(problems.every((p) => p.en.length > 0));
});

test('unlike bases are compared in VND on the date, and refused when no amount is known', () => {
  const child: RoyaltyPolicy = { ...provincial, unitValue: { basis: 'fixed', amount: 250_000 }, cap: { basis: 'fixed', amount: 300_000 } };
  // Parent: 10 % of 2,530,000 = 253,000; cap 2 days of region IV = 2 × 142,307 = 284,614.
  const unitValue = (p: RoyaltyPolicy) => (p.unitValue.basis === 'fixed' ? p.unitValue.amount : Math.round((2_530_000 * p.unitValue.percent) / 100));
  const cap = (p: RoyaltyPolicy) => (p.cap?.basis === 'fixed' ? p.cap.amount : p.cap ? 142_307 * p.cap.days : null);
  assert.deepEqual(narrowingProblems(child, provincial, { unitValue, cap }).map((p) => p.field), ['cap']);
  assert.deepEqual(narrowingProblems({ ...child, cap: { basis: 'fixed', amount: 284_614 } }, provincial, { unitValue, cap }), []);
  assert.deepEqual(narrowingProblems(child, provincial).map((p) => p.field), ['unitValue', 'cap']);
});

test('Decree 287/2026: a version in force from 1 Sep 2026 pays reuse at least 20 %', () => {
  const low: RoyaltyPolicy = { ...DECREE_18_POLICY, reusePercent: { min: 10, max: 100 } };
  assert.deepEqual(decree287Problems(low, '2026-08-31'), [], 'Decree 18 versions ending before are not bound');
  const open = decree287Problems(low, null);
  assert.equal(open.length, 1);
  assert.equal(open[0]!.field, 'reusePercent');
  assert.match(open[0]!.vi, /Tỷ lệ sử dụng lại: từ 01\/09\/2026, Nghị định 287\/2026\/NĐ-CP quy định tối thiểu 20% .*đang là 10%/);
  assert.equal(decree287Problems(low, '2026-09-01').length, 1);
  assert.deepEqual(decree287Problems({ ...low, reusePercent: { min: 20, max: 100 } }, null), []);
});
