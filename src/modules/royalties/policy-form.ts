// The policy form: a policy written into form values (to prefill from the
// version in force) and read back, each problem kept beside its field.
import { formatCoefficient, parseCoefficient } from '../../core/royalties/amount.ts';
import { formatVnd, parseVnd } from '../../core/royalties/money.ts';
import { GENRE_BASES, WAGE_REGIONS, type GenreBasis, type ItemCap, type RoyaltyGenre, type RoyaltyPolicy, type UnitValue } from '../../core/royalties/policy.ts';
import type { FormReader, FormValues } from '../../platform/http/form.ts';
import { format, type Lang } from '../../ui/i18n.ts';
import { policyText } from './policy-messages.ts';

/** Empty rows offered after the genres, so a genre can be added without script. */
export const SPARE_ROWS = 3;
export const MAX_ROWS = 60;

export const CAP_BASES = ['none', 'minimum_wage_days', 'fixed'] as const;
export const UNIT_BASES = ['base_salary_share', 'fixed'] as const;

/** Reads an amount of money typed the Vietnamese way ("1.200.000"); null and an error when it is not whole VND. */
export function readVnd(form: FormReader, name: string, label: string, lang: Lang, required = true): number | null {
  const raw = form.text(name, { label, required, max: 30 });
  if (raw === null) return null;
  const amount = parseVnd(raw);
  if (amount === null || amount < 0) {
    form.fail(name, format(policyText(lang).money, { label }));
    return null;
  }
  return amount;
}

/** Adds a message to a field, after any already there (a genre table can have several). */
export function addError(form: FormReader, field: string, message: string): void {
  const before = form.errors[field];
  form.errors[field] = before ? `${before} ${message}` : message;
}

/** A policy as the form's values. */
export function policyToForm(policy: RoyaltyPolicy | null): FormValues {
  const v: FormValues = {};
  const genres = policy?.genres ?? [];
  genres.forEach((g, i) => {
    v[`g${i}_key`] = g.key;
    v[`g${i}_vi`] = g.vi;
    v[`g${i}_en`] = g.en;
    v[`g${i}_basis`] = g.basis;
    v[`g${i}_min`] = formatCoefficient(g.minX100);
    v[`g${i}_max`] = formatCoefficient(g.maxX100);
  });
  v.rows = String(genres.length + SPARE_ROWS);
  if (!policy) return { ...v, unitBasis: 'base_salary_share', unitPercent: '10', capBasis: 'none', capRegion: 'IV', translationMin: '40', translationMax: '65', reuseMin: '20', reuseMax: '100', paymentDays: '60' };
  v.unitBasis = policy.unitValue.basis;
  if (policy.unitValue.basis === 'fixed') v.unitAmount = formatVnd(policy.unitValue.amount);
  else v.unitPercent = String(policy.unitValue.percent);
  v.capBasis = policy.cap?.basis ?? 'none';
  v.capRegion = policy.cap?.basis === 'minimum_wage_days' ? policy.cap.region : 'IV';
  if (policy.cap?.basis === 'minimum_wage_days') v.capDays = String(policy.cap.days);
  if (policy.cap?.basis === 'fixed') v.capAmount = formatVnd(policy.cap.amount);
  v.translationMin = String(policy.translationPercent.min);
  v.translationMax = String(policy.translationPercent.max);
  v.reuseMin = String(policy.reusePercent.min);
  v.reuseMax = String(policy.reusePercent.max);
  v.paymentDays = String(policy.paymentDays);
  v.remEditing = formatVnd(policy.remuneration.editing);
  v.remCollecting = formatVnd(policy.remuneration.collecting);
  v.remApproving = formatVnd(policy.remuneration.approving);
  v.allowHead = formatVnd(policy.boardAllowanceYearly.head);
  v.allowDeputy = formatVnd(policy.boardAllowanceYearly.deputy);
  v.allowMember = formatVnd(policy.boardAllowanceYearly.member);
  if (policy.payReaderContributions) v.payReaders = 'on';
  return v;
}

/** How many genre rows the form had (its hidden count, bounded). */
export function rowCount(values: FormValues): number {
  const n = Number(values.rows);
  return Number.isInteger(n) && n > 0 ? Math.min(n, MAX_ROWS) : SPARE_ROWS;
}

/** Reads the policy; null when a field is wrong (the errors are on the form). */
export function readPolicyForm(form: FormReader, body: unknown, lang: Lang): RoyaltyPolicy | null {
  const t = policyText(lang);
  const raw = (body ?? {}) as Record<string, unknown>;
  const rows = Math.min(Number.isInteger(Number(raw.rows)) && Number(raw.rows) > 0 ? Number(raw.rows) : SPARE_ROWS, MAX_ROWS);
  form.values.rows = String(rows);
  const genres: RoyaltyGenre[] = [];
  for (let i = 0; i < rows; i++) {
    const n = i + 1;
    const row = (f: string) => `g${i}_${f}`;
    const key = form.text(row('key'), { label: `${t.key} (${format(t.rowLabel, { n })})`, max: 40 });
    const vi = form.text(row('vi'), { label: `${t.nameVi} (${format(t.rowLabel, { n })})`, max: 120 });
    const en = form.text(row('en'), { label: `${t.nameEn} (${format(t.rowLabel, { n })})`, max: 120 });
    const basis = form.choice(row('basis'), GENRE_BASES, { label: `${t.basis} (${format(t.rowLabel, { n })})` });
    const minRaw = form.text(row('min'), { label: t.minCoef, max: 10 });
    const maxRaw = form.text(row('max'), { label: t.maxCoef, max: 10 });
    if (!key && !vi && !en && !minRaw && !maxRaw) continue;
    if (!key || !vi || !en || !basis || !minRaw || !maxRaw) {
      form.fail(row('key'), format(t.rowIncomplete, { n }));
      continue;
    }
    const minX100 = parseCoefficient(minRaw);
    const maxX100 = parseCoefficient(maxRaw);
    if (minX100 === null) form.fail(row('min'), format(t.coefficient, { label: `${t.minCoef} (${format(t.rowLabel, { n })})` }));
    if (maxX100 === null) form.fail(row('max'), format(t.coefficient, { label: `${t.maxCoef} (${format(t.rowLabel, { n })})` }));
    if (minX100 !== null && maxX100 !== null) genres.push({ key, vi, en, basis: basis as GenreBasis, minX100, maxX100 });
  }
  if (genres.length === 0 && form.ok) form.fail('genres', t.noGenre);

  const unitBasis = form.choice('unitBasis', UNIT_BASES, { label: t.unitBasis, required: true });
  let unitValue: UnitValue | null = null;
  if (unitBasis === 'fixed') {
    const amount = readVnd(form, 'unitAmount', t.unitAmount, lang);
    if (amount !== null) unitValue = { basis: 'fixed', amount };
  } else if (unitBasis === 'base_salary_share') {
    const percent = form.integer('unitPercent', { label: t.unitPercent, required: true, minValue: 1, maxValue: 100 });
    if (percent !== null) unitValue = { basis: 'base_salary_share', percent };
  }
  const capBasis = form.choice('capBasis', CAP_BASES, { label: t.capBasis, required: true });
  let cap: ItemCap | null | undefined;
  form.values.capRegion = typeof raw.capRegion === 'string' ? raw.capRegion : '';
  if (capBasis === 'none') cap = null;
  else if (capBasis === 'fixed') {
    const amount = readVnd(form, 'capAmount', t.capAmount, lang);
    if (amount !== null) cap = { basis: 'fixed', amount };
  } else if (capBasis === 'minimum_wage_days') {
    const days = form.integer('capDays', { label: t.capDaysField, required: true, minValue: 1, maxValue: 31 });
    const region = form.choice('capRegion', WAGE_REGIONS, { label: t.capRegion, required: true });
    if (days !== null && region !== null) cap = { basis: 'minimum_wage_days', days, region };
  }
  const percent = (name: string, label: string) => form.integer(name, { label, required: true, minValue: 0, maxValue: 100 });
  const translation = { min: percent('translationMin', t.translationMin), max: percent('translationMax', t.translationMax) };
  const reuse = { min: percent('reuseMin', t.reuseMin), max: percent('reuseMax', t.reuseMax) };
  if (translation.min !== null && translation.max !== null && translation.min > translation.max) form.fail('translationMin', `${t.translationMin} ≤ ${t.translationMax}.`);
  if (reuse.min !== null && reuse.max !== null && reuse.min > reuse.max) form.fail('reuseMin', `${t.reuseMin} ≤ ${t.reuseMax}.`);
  const paymentDays = form.integer('paymentDays', { label: t.paymentDays, required: true, minValue: 1, maxValue: 366 });
  const editing = readVnd(form, 'remEditing', t.remEditing, lang);
  const collecting = readVnd(form, 'remCollecting', t.remCollecting, lang);
  const approving = readVnd(form, 'remApproving', t.remApproving, lang);
  const head = readVnd(form, 'allowHead', t.allowHead, lang);
  const deputy = readVnd(form, 'allowDeputy', t.allowDeputy, lang);
  const member = readVnd(form, 'allowMember', t.allowMember, lang);
  const payReaderContributions = form.checkbox('payReaders');
  if (!form.ok || !unitValue || cap === undefined || paymentDays === null) return null;
  return {
    genres,
    unitValue,
    cap,
    translationPercent: { min: translation.min!, max: translation.max! },
    reusePercent: { min: reuse.min!, max: reuse.max! },
    paymentDays,
    remuneration: { editing: editing!, collecting: collecting!, approving: approving! },
    boardAllowanceYearly: { head: head!, deputy: deputy!, member: member! },
    payReaderContributions,
  };
}

/** Where a use-case problem (by its field) is shown on the form. */
export const PROBLEM_FIELD: Record<string, string> = {
  value: 'genres',
  genres: 'genres',
  unitValue: 'unitBasis',
  cap: 'capBasis',
  translationPercent: 'translationMin',
  reusePercent: 'reuseMin',
  paymentDays: 'paymentDays',
  effectiveFrom: 'effectiveFrom',
  reason: 'reason',
  key: '_form',
};
