// Is a value a well-formed royalty policy (the `royalty.policy` rule)? Does a
// member site's table only narrow its parent's? Does a version in force from
// 1 Sep 2026 keep Decree 287/2026's floor for reuse?
import { DECREE_287_FROM, DECREE_287_REUSE_MIN } from '../../modules/royalties/national.ts';
import type { Problem } from '../errors.ts';
import { formatDate } from '../time.ts';
import { formatCoefficient } from './amount.ts';
import { GENRE_BASES, WAGE_REGIONS, type RoyaltyPolicy } from './policy.ts';

const bad = (vi: string, en: string): Problem => ({ code: 'invalid_royalty_policy', field: 'value', vi, en });
const isMoney = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 1_000_000_000_000;
const isPercent = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 100;

/** Problems with a policy value; empty when it is usable. */
export function royaltyPolicyProblems(value: unknown): Problem[] {
  const p = value as Partial<RoyaltyPolicy> | null;
  if (!p || typeof p !== 'object' || Array.isArray(p)) return [bad('Chế độ nhuận bút phải là một bảng (JSON).', 'A royalty policy must be an object.')];
  const problems: Problem[] = [];
  if (!Array.isArray(p.genres) || p.genres.length === 0) problems.push(bad('Cần ít nhất một thể loại.', 'At least one genre is needed.'));
  const keys = new Set<string>();
  for (const g of Array.isArray(p.genres) ? p.genres : []) {
    const label = typeof g?.vi === 'string' ? g.vi : String(g?.key);
    if (!g || typeof g.key !== 'string' || !/^[a-z0-9_]{1,40}$/.test(g.key)) problems.push(bad(`Mã thể loại "${String(g?.key)}" chỉ gồm chữ thường không dấu, số và "_".`, 'A genre key is lower-case letters, digits and "_".'));
    else if (keys.has(g.key)) problems.push(bad(`Thể loại "${g.key}" bị lặp.`, `Genre "${g.key}" is repeated.`));
    else keys.add(g.key);
    if (typeof g?.vi !== 'string' || g.vi.trim() === '' || typeof g.en !== 'string') problems.push(bad(`Thể loại "${label}" cần tên tiếng Việt và tiếng Anh.`, 'A genre needs a Vietnamese and an English name.'));
    if (!(GENRE_BASES as readonly string[]).includes(g?.basis as string)) problems.push(bad(`Thể loại "${label}": cách tính phải là sáng tác, dịch hoặc sử dụng lại.`, 'A genre basis is creation, translation or reuse.'));
    if (!Number.isInteger(g?.minX100) || !Number.isInteger(g?.maxX100) || g.minX100 < 0 || g.maxX100 > 100_000 || g.minX100 > g.maxX100) {
      problems.push(bad(`Thể loại "${label}": khung hệ số không hợp lệ (từ ≤ đến).`, `Genre "${label}": invalid coefficient range.`));
    }
  }
  const u = p.unitValue as RoyaltyPolicy['unitValue'] | undefined;
  if (!u || !((u.basis === 'base_salary_share' && typeof u.percent === 'number' && u.percent > 0 && u.percent <= 100) || (u.basis === 'fixed' && isMoney(u.amount)))) {
    problems.push(bad('Giá trị một đơn vị hệ số là một tỷ lệ (%) của lương cơ sở hoặc một số tiền.', 'The unit value is a share of the base salary or a fixed amount.'));
  }
  const c = p.cap as RoyaltyPolicy['cap'] | undefined;
  if (c !== null && !(c && ((c.basis === 'fixed' && isMoney(c.amount)) || (c.basis === 'minimum_wage_days' && Number.isInteger(c.days) && c.days > 0 && c.days <= 31 && (WAGE_REGIONS as readonly string[]).includes(c.region))))) {
    problems.push(bad('Mức trần mỗi tin, bài là một số tiền, hoặc số ngày lương tối thiểu của một vùng (I–IV), hoặc không có.', 'The cap per item is an amount, days of a region\'s minimum wage, or none.'));
  }
  for (const [name, range, vi] of [['translationPercent', p.translationPercent, 'Tỷ lệ bản dịch'], ['reusePercent', p.reusePercent, 'Tỷ lệ sử dụng lại']] as const) {
    if (!range || !isPercent(range.min) || !isPercent(range.max) || range.min > range.max) problems.push(bad(`${vi}: cần từ ≤ đến, trong 0–100%.`, `${name}: needs min ≤ max within 0–100 %.`));
  }
  if (!Number.isInteger(p.paymentDays) || (p.paymentDays as number) < 1 || (p.paymentDays as number) > 366) problems.push(bad('Thời hạn chi trả là số ngày từ 1 đến 366.', 'Payment days are from 1 to 366.'));
  const r = p.remuneration;
  if (!r || !isMoney(r.editing) || !isMoney(r.collecting) || !isMoney(r.approving)) problems.push(bad('Thù lao biên tập, sưu tầm, duyệt: số tiền nguyên không âm.', 'Editing, collecting and approving remuneration are whole non-negative amounts.'));
  const a = p.boardAllowanceYearly;
  if (!a || !isMoney(a.head) || !isMoney(a.deputy) || !isMoney(a.member)) problems.push(bad('Thù lao năm của Trưởng ban, Phó ban, thành viên: số tiền nguyên không âm.', 'Yearly board allowances are whole non-negative amounts.'));
  if (typeof p.payReaderContributions !== 'boolean') problems.push(bad('Cần nêu có trả nhuận bút cho tin bài của bạn đọc hay không.', 'Say whether readers\' contributions are paid.'));
  return problems;
}

/** Problems with the regional minimum wages {I, II, III, IV} (VND/month). */
export function minimumWagesProblems(value: unknown): Problem[] {
  const v = value as Record<string, unknown> | null;
  if (!v || typeof v !== 'object' || WAGE_REGIONS.some((r) => !isMoney(v[r]) || (v[r] as number) === 0)) {
    return [bad('Lương tối thiểu vùng cần {"I": số, "II": số, "III": số, "IV": số} (đồng/tháng).', 'Regional minimum wages need {"I", "II", "III", "IV"} in VND/month.')];
  }
  return [];
}

const narrow = (field: string, vi: string, en: string): Problem => ({ code: 'policy_wider_than_parent', field, vi, en });

/**
 * Problems when a member site's table (`child`) does more than narrow its
 * parent's (provincial) table in force on the same date: every genre must be
 * one of the parent's with the same key and basis and a coefficient range
 * within the parent's; the unit value no higher; the cap no higher (or the
 * parent has none); the translation and reuse ranges within; payment no later.
 * Both values are assumed well formed (royaltyPolicyProblems first).
 * `unitValueAt`/`capAt` turn a basis into VND on the date so a share of the
 * base salary can be compared with a fixed amount; without them only like
 * bases are compared and unlike ones are refused.
 */
export function narrowingProblems(
  child: RoyaltyPolicy,
  parent: RoyaltyPolicy,
  amounts: { unitValue?: (p: RoyaltyPolicy) => number | null; cap?: (p: RoyaltyPolicy) => number | null } = {},
): Problem[] {
  const problems: Problem[] = [];
  for (const g of child.genres) {
    const p = parent.genres.find((x) => x.key === g.key);
    if (!p) {
      problems.push(narrow('genres', `Thể loại "${g.vi}" (${g.key}) không có trong bảng nhuận bút của cấp trên.`, `Genre "${g.en}" (${g.key}) is not in the parent's table.`));
      continue;
    }
    if (p.basis !== g.basis) problems.push(narrow('genres', `Thể loại "${g.vi}": cách tính phải giống bảng của cấp trên.`, `Genre "${g.en}": the basis must be the parent's.`));
    if (g.minX100 < p.minX100 || g.maxX100 > p.maxX100) {
      problems.push(narrow('genres', `Thể loại "${g.vi}": khung hệ số ${formatCoefficient(g.minX100)}–${formatCoefficient(g.maxX100)} vượt khung của cấp trên (${formatCoefficient(p.minX100)}–${formatCoefficient(p.maxX100)}).`, `Genre "${g.en}": coefficients ${formatCoefficient(g.minX100)}–${formatCoefficient(g.maxX100)} exceed the parent's (${formatCoefficient(p.minX100)}–${formatCoefficient(p.maxX100)}).`));
    }
  }
  const cu = child.unitValue;
  const pu = parent.unitValue;
  const higherUnit =
    cu.basis === 'base_salary_share' && pu.basis === 'base_salary_share'
      ? cu.percent > pu.percent
      : cu.basis === 'fixed' && pu.basis === 'fixed'
        ? cu.amount > pu.amount
        : compareAmounts(amounts.unitValue, child, parent);
  if (higherUnit) problems.push(narrow('unitValue', 'Giá trị một đơn vị hệ số cao hơn mức của cấp trên.', 'The unit value is higher than the parent\'s.'));
  if (parent.cap !== null) {
    const cc = child.cap;
    const pc = parent.cap;
    const higherCap =
      cc === null
        ? true
        : cc.basis === 'fixed' && pc.basis === 'fixed'
          ? cc.amount > pc.amount
          : cc.basis === 'minimum_wage_days' && pc.basis === 'minimum_wage_days' && cc.region === pc.region
            ? cc.days > pc.days
            : compareAmounts(amounts.cap, child, parent);
    if (higherCap) problems.push(narrow('cap', 'Mức trần mỗi tin, bài cao hơn mức trần của cấp trên (hoặc bỏ mức trần của cấp trên).', 'The cap per item is higher than the parent\'s (or removes it).'));
  }
  for (const [field, vi, en] of [['translationPercent', 'Tỷ lệ bản dịch', 'Translation percentage'], ['reusePercent', 'Tỷ lệ sử dụng lại', 'Reuse percentage']] as const) {
    const c = child[field];
    const p = parent[field];
    if (c.min < p.min || c.max > p.max) problems.push(narrow(field, `${vi} ${c.min}–${c.max}% vượt khung của cấp trên (${p.min}–${p.max}%).`, `${en} ${c.min}–${c.max} % exceeds the parent's (${p.min}–${p.max} %).`));
  }
  if (child.paymentDays > parent.paymentDays) {
    problems.push(narrow('paymentDays', `Thời hạn chi trả ${child.paymentDays} ngày dài hơn của cấp trên (${parent.paymentDays} ngày).`, `Payment within ${child.paymentDays} days is longer than the parent's ${parent.paymentDays}.`));
  }
  return problems;
}

/** True when the child's amount is higher, or when the two cannot be compared (unlike bases, an amount unknown). */
function compareAmounts(of: ((p: RoyaltyPolicy) => number | null) | undefined, child: RoyaltyPolicy, parent: RoyaltyPolicy): boolean {
  if (!of) return true;
  const c = of(child);
  const p = of(parent);
  return c === null || p === null || c > p;
}

/**
 * Decree 287/2026: a version in force on or after 1 Sep 2026 pays reuse at
 * least 20 % of the creation royalty.
 */
export function decree287Problems(policy: RoyaltyPolicy, effectiveTo: string | null): Problem[] {
  const reachesDecree = effectiveTo === null || effectiveTo >= DECREE_287_FROM;
  if (!reachesDecree || policy.reusePercent.min >= DECREE_287_REUSE_MIN) return [];
  return [
    {
      code: 'reuse_below_decree_287',
      field: 'reusePercent',
      vi: `Tỷ lệ sử dụng lại: từ ${formatDate(DECREE_287_FROM)}, Nghị định 287/2026/NĐ-CP quy định tối thiểu ${DECREE_287_REUSE_MIN}% nhuận bút sáng tác (đang là ${policy.reusePercent.min}%).`,
      en: `Reuse percentage: from ${DECREE_287_FROM}, Decree 287/2026 requires at least ${DECREE_287_REUSE_MIN} % of the creation royalty (it is ${policy.reusePercent.min} %).`,
    },
  ];
}
