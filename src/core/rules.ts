// Rules are dated data: a deadline, a quota, a review chain or a royalty table
// is in force from a date, possibly until a date, and past events are judged by
// the rule in force when they happened (national-rules.md).

export interface DatedRule<T = unknown> {
  id: number;
  /** null: the national baseline that applies where a site has not set its own. */
  siteId: number | null;
  key: string;
  value: T;
  /** First day in force, 'YYYY-MM-DD' (Vietnam date). */
  effectiveFrom: string;
  /** Last day in force, inclusive; null = open-ended. */
  effectiveTo: string | null;
  citation: string | null;
  /** Why this version was added; required when it starts in the past over a rule already in force. */
  note?: string | null;
}

export function inForceOn(rule: Pick<DatedRule, 'effectiveFrom' | 'effectiveTo'>, date: string): boolean {
  return rule.effectiveFrom <= date && (rule.effectiveTo === null || date <= rule.effectiveTo);
}

/**
 * The rule in force for `key` on `date`: the site's own version wins over the
 * national one; among versions of one scope, the latest start wins.
 */
export function ruleInForce<T>(rules: readonly DatedRule<T>[], key: string, date: string, siteId: number): DatedRule<T> | null {
  const candidates = rules.filter((r) => r.key === key && inForceOn(r, date));
  const pick = (scope: number | null) =>
    candidates
      .filter((r) => r.siteId === scope)
      .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : a.effectiveFrom > b.effectiveFrom ? -1 : b.id - a.id))[0] ?? null;
  return pick(siteId) ?? pick(null);
}

/**
 * Would a version starting on `from` change how days already past were judged?
 * True when it starts before `today` and a version it overrides (`overridden`:
 * for a site's version, the site's own and the national ones) was in force on
 * some day from `from` to yesterday. A first rule, or one starting today or
 * later, rewrites nothing.
 */
export function rewritesPast(overridden: readonly Pick<DatedRule, 'effectiveFrom' | 'effectiveTo'>[], from: string, today: string): boolean {
  if (from >= today) return false;
  return overridden.some((r) => r.effectiveFrom < today && (r.effectiveTo === null || r.effectiveTo >= from));
}

/**
 * When a new version starts on `from`, the open version before it must end the
 * day before. Returns the id of the version to close, if any; a version that
 * starts on or after `from` is a conflict the caller must refuse.
 */
export function planNewVersion(
  existing: readonly Pick<DatedRule, 'id' | 'effectiveFrom' | 'effectiveTo'>[],
  from: string,
): { close: number | null; conflict: boolean } {
  const conflict = existing.some((r) => r.effectiveFrom >= from);
  const open = existing.find((r) => r.effectiveFrom < from && (r.effectiveTo === null || r.effectiveTo >= from));
  return { close: open?.id ?? null, conflict };
}
