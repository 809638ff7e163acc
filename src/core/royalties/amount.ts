// The arithmetic of royalties: pure and in integer VND, so an assessment can
// be recomputed by hand from what the sheet prints.
import type { Problem } from '../errors.ts';
import type { ItemCap, MinimumWages, RoyaltyGenre, RoyaltyPolicy } from './policy.ts';

/** Working days in a month for a daily wage (Labour Code convention: monthly ÷ 26). */
export const WORKING_DAYS_PER_MONTH = 26;

/** What the policy needs from other dated rules on the publication date. */
export interface PolicyContext {
  /** money.base_salary in force, VND/month; null when none is recorded. */
  baseSalary: number | null;
  /** money.minimum_wage_region in force; null when none is recorded. */
  minimumWages: MinimumWages | null;
}

export interface AssessmentInput {
  genreKey: string;
  coefficientX100: number;
  /** Share of an original's royalty (translation, reuse); ignored for created work (100). */
  percent: number;
}

export interface AssessedAmount {
  genre: RoyaltyGenre;
  unitValue: number;
  percent: number;
  /** coefficient × unit value × percent, rounded to the đồng. */
  gross: number;
  cap: number | null;
  /** min(gross, cap). */
  amount: number;
}

const problem = (field: string, vi: string, en: string): Problem => ({ code: 'invalid_assessment', field, vi, en });

/** The unit value (giá trị một đơn vị hệ số) on the publication date. */
export function unitValueOf(policy: RoyaltyPolicy, ctx: PolicyContext): number | null {
  if (policy.unitValue.basis === 'fixed') return policy.unitValue.amount;
  if (ctx.baseSalary === null) return null;
  return Math.round((ctx.baseSalary * policy.unitValue.percent) / 100);
}

/** One day of the regional minimum wage, rounded down to the đồng. */
export function dailyMinimumWage(monthly: number): number {
  return Math.floor(monthly / WORKING_DAYS_PER_MONTH);
}

/** The most one item may be paid, or null when the policy sets no cap. */
export function capOf(cap: ItemCap | null, ctx: PolicyContext): number | null | 'unknown' {
  if (!cap) return null;
  if (cap.basis === 'fixed') return cap.amount;
  if (!ctx.minimumWages) return 'unknown';
  return dailyMinimumWage(ctx.minimumWages[cap.region]) * cap.days;
}

/** Formats a coefficient ×100 the Vietnamese way: 250 → "2,5", 1000 → "10". */
export function formatCoefficient(x100: number): string {
  const whole = Math.trunc(x100 / 100);
  const frac = Math.abs(x100 % 100);
  if (frac === 0) return String(whole);
  return `${whole},${String(frac).padStart(2, '0').replace(/0$/, '')}`;
}

/** Reads "2,5", "2.5" or "10" into ×100; null when not a number with at most two decimals. */
export function parseCoefficient(raw: string): number | null {
  const m = /^\s*(\d{1,4})(?:[.,](\d{1,2}))?\s*$/.exec(raw);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
}

/**
 * The royalty of one item under a policy: the coefficient must lie within the
 * genre's range and the percentage within the policy's range for translations
 * or reuse; the amount is rounded to the đồng and capped.
 */
export function assessAmount(policy: RoyaltyPolicy, ctx: PolicyContext, input: AssessmentInput): { ok: AssessedAmount } | { problems: Problem[] } {
  const problems: Problem[] = [];
  const genre = policy.genres.find((g) => g.key === input.genreKey);
  if (!genre) return { problems: [problem('genre', 'Thể loại không có trong chế độ nhuận bút đang áp dụng.', 'The genre is not in the royalty policy in force.')] };
  if (!Number.isInteger(input.coefficientX100) || input.coefficientX100 < genre.minX100 || input.coefficientX100 > genre.maxX100) {
    problems.push(problem('coefficient', `Hệ số của thể loại "${genre.vi}" phải từ ${formatCoefficient(genre.minX100)} đến ${formatCoefficient(genre.maxX100)}.`, `The coefficient for "${genre.en}" must be from ${formatCoefficient(genre.minX100)} to ${formatCoefficient(genre.maxX100)}.`));
  }
  let percent = 100;
  if (genre.basis !== 'creation') {
    const range = genre.basis === 'translation' ? policy.translationPercent : policy.reusePercent;
    percent = input.percent;
    if (!Number.isInteger(percent) || percent < range.min || percent > range.max) {
      const what = genre.basis === 'translation' ? { vi: 'Tỷ lệ nhuận bút bản dịch', en: 'The translation percentage' } : { vi: 'Tỷ lệ nhuận bút sử dụng lại', en: 'The reuse percentage' };
      problems.push(problem('percent', `${what.vi} phải từ ${range.min}% đến ${range.max}% so với tác phẩm gốc.`, `${what.en} must be from ${range.min}% to ${range.max}% of the original.`));
    }
  }
  const unitValue = unitValueOf(policy, ctx);
  if (unitValue === null) problems.push(problem('genre', 'Chưa có mức lương cơ sở áp dụng vào ngày đăng: cần bổ sung quy định "Mức lương cơ sở".', 'No base salary is recorded for the publication date.'));
  const cap = capOf(policy.cap, ctx);
  if (cap === 'unknown') problems.push(problem('genre', 'Chưa có mức lương tối thiểu vùng áp dụng vào ngày đăng.', 'No regional minimum wage is recorded for the publication date.'));
  if (problems.length > 0 || unitValue === null || cap === 'unknown') return { problems };
  const gross = Math.round((input.coefficientX100 * unitValue * percent) / 10_000);
  return { ok: { genre, unitValue, percent, gross, cap, amount: cap === null ? gross : Math.min(gross, cap) } };
}

export interface Share<K> {
  key: K;
  /** Basis points, 10000 = 100 %. */
  bp: number;
}

/**
 * Splits an amount by shares so the parts add up to the amount exactly:
 * each gets its share rounded down, and the đồng left over go one by one to
 * the largest remainders (ties: the earlier share).
 */
export function splitByShares<K>(amount: number, shares: readonly Share<K>[]): { key: K; amount: number }[] {
  const total = shares.reduce((sum, s) => sum + s.bp, 0);
  if (total <= 0) return shares.map((s) => ({ key: s.key, amount: 0 }));
  const exact = shares.map((s) => (amount * s.bp) / total);
  const parts = exact.map((x) => Math.floor(x));
  let left = amount - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) parts[order[k]!.i]! += 1;
  return shares.map((s, i) => ({ key: s.key, amount: parts[i]! }));
}

/** Days from `from` to `to` inclusive (YYYY-MM-DD, same calendar). */
function daysBetweenInclusive(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/**
 * A yearly allowance for a term that may cover part of the year: the yearly
 * amount × days of the term within the year ÷ days of the year, rounded to the đồng.
 */
export function prorataAllowance(yearly: number, year: number, from: string, to: string | null): number {
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const a = from > start ? from : start;
  const b = to === null || to > end ? end : to;
  if (a > b) return 0;
  return Math.round((yearly * daysBetweenInclusive(a, b)) / daysBetweenInclusive(start, end));
}
