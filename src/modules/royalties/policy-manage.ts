// Adding a version of a site's royalty table: well formed, within Decree
// 287/2026 from 1 Sep 2026, and no wider than the table it must narrow (its
// parent's — the provincial table — in force on the same date, else the
// national frame). Saved as a dated rule (addRuleVersion: audited, a backdated
// version needs a reason). Amounts already assessed keep their snapshot.
import { capOf, unitValueOf } from '../../core/royalties/amount.ts';
import { decree287Problems, narrowingProblems, royaltyPolicyProblems } from '../../core/royalties/policy-check.ts';
import { POLICY_RULE, type RoyaltyPolicy } from '../../core/royalties/policy.ts';
import { inForceOn, rewritesPast } from '../../core/rules.ts';
import { DomainError } from '../../core/errors.ts';
import { formatDate, systemClock, vietnamDate, type Clock } from '../../core/time.ts';
import type { Db } from '../../platform/db/database.ts';
import type { AuditActor } from '../audit/store.ts';
import { addRuleVersion } from '../rules/store.ts';
import { policyContext, policyOn, siteChain, type PolicyInForce } from './policy-store.ts';

/** The national table in force on a date, or null (from 1 Sep 2026 there is none). */
export async function nationalPolicyOn(db: Db, date: string): Promise<Omit<PolicyInForce, 'context'> | null> {
  const rows = await db.selectFrom('rules').selectAll().where('key', '=', POLICY_RULE).where('site_id', 'is', null).execute();
  const row = rows.filter((r) => inForceOn({ effectiveFrom: r.effective_from, effectiveTo: r.effective_to }, date)).sort((a, b) => (a.effective_from < b.effective_from ? 1 : -1))[0];
  if (!row) return null;
  return { policy: JSON.parse(row.value) as RoyaltyPolicy, ruleId: row.id, ownerSiteId: null, effectiveFrom: row.effective_from, effectiveTo: row.effective_to, citation: row.citation };
}

/** The table a site's own version must narrow on a date: its parent's (own or inherited, else national), or the national frame. */
export async function frameOf(db: Db, siteId: number, date: string): Promise<Omit<PolicyInForce, 'context'> | null> {
  const site = await db.selectFrom('sites').select('parent_site_id').where('id', '=', siteId).executeTakeFirst();
  if (site?.parent_site_id != null && site.parent_site_id !== siteId) return policyOn(db, site.parent_site_id, date);
  return nationalPolicyOn(db, date);
}

export interface NewPolicyVersion {
  policy: RoyaltyPolicy;
  effectiveFrom: string;
  citation: string | null;
  reason: string | null;
}

/** Every problem with a version before it is saved (empty: it may be saved). */
export async function policyVersionProblems(db: Db, siteId: number, input: NewPolicyVersion) {
  const problems = royaltyPolicyProblems(input.policy);
  if (problems.length > 0) return problems;
  problems.push(...decree287Problems(input.policy, null));
  const frame = await frameOf(db, siteId, input.effectiveFrom);
  if (frame) {
    const ctx = await policyContext(db, siteId, input.effectiveFrom);
    const cap = (p: RoyaltyPolicy) => {
      const c = capOf(p.cap, ctx);
      return c === 'unknown' ? null : c;
    };
    problems.push(...narrowingProblems(input.policy, frame.policy, { unitValue: (p) => unitValueOf(p, ctx), cap }));
  }
  return problems;
}

/**
 * Would a version from `from` change how days already past were paid over a
 * table inherited from a parent site? (addRuleVersion judges the site's own
 * and the national versions; the parents' are judged here.)
 */
async function rewritesInheritedPast(db: Db, siteId: number, from: string, today: string): Promise<boolean> {
  const ancestors = (await siteChain(db, siteId)).filter((id) => id !== siteId);
  if (ancestors.length === 0 || from >= today) return false;
  const rows = await db.selectFrom('rules').select(['effective_from', 'effective_to']).where('key', '=', POLICY_RULE).where('site_id', 'in', ancestors).execute();
  return rewritesPast(rows.map((r) => ({ effectiveFrom: r.effective_from, effectiveTo: r.effective_to })), from, today);
}

/** Adds a version of the site's own table from `effectiveFrom` (the scope is the site). */
export async function addSitePolicyVersion(db: Db, actor: AuditActor, siteId: number, input: NewPolicyVersion, clock: Clock = systemClock): Promise<number> {
  const problems = await policyVersionProblems(db, siteId, input);
  if (!input.reason?.trim() && (await rewritesInheritedPast(db, siteId, input.effectiveFrom, vietnamDate(clock.now())))) {
    problems.push({
      code: 'backdated_reason_required', field: 'reason',
      vi: `Bảng bắt đầu từ ${formatDate(input.effectiveFrom)}, trước hôm nay, thay cho bảng kế thừa của trang cấp trên đang áp dụng: hãy ghi lý do áp dụng hồi tố.`,
      en: `This table starts on ${formatDate(input.effectiveFrom)}, before today, over the table inherited from the parent site: give the reason for applying it retroactively.`,
    });
  }
  if (problems.length > 0) throw new DomainError(problems);
  return addRuleVersion(db, actor, { siteId, key: POLICY_RULE, value: input.policy, effectiveFrom: input.effectiveFrom, citation: input.citation, reason: input.reason }, clock);
}
