// Which royalty policy applies to a site on a date: the site's own version in
// force, else its parent's (the provincial table a member site inherits), up
// the chain, else the national frame. The base salary and regional minimum
// wage in force on that date come with it.
import type { PolicyContext } from '../../core/royalties/amount.ts';
import { BASE_SALARY_RULE, MINIMUM_WAGE_RULE, POLICY_RULE, type MinimumWages, type RoyaltyPolicy } from '../../core/royalties/policy.ts';
import { inForceOn } from '../../core/rules.ts';
import type { Db } from '../../platform/db/database.ts';
import { ruleOn } from '../rules/store.ts';

export interface PolicyInForce {
  policy: RoyaltyPolicy;
  ruleId: number;
  /** The site whose table it is; null: the national frame. */
  ownerSiteId: number | null;
  effectiveFrom: string;
  effectiveTo: string | null;
  citation: string | null;
  context: PolicyContext;
}

/** The site and its ancestors, nearest first (a cycle is cut). */
export async function siteChain(db: Db, siteId: number): Promise<number[]> {
  const chain: number[] = [];
  let current: number | null = siteId;
  while (current !== null && !chain.includes(current) && chain.length < 10) {
    chain.push(current);
    const row: { parent_site_id: number | null } | undefined = await db.selectFrom('sites').select('parent_site_id').where('id', '=', current).executeTakeFirst();
    current = row?.parent_site_id ?? null;
  }
  return chain;
}

/** The policy version a site's own table or its ancestors' holds on `date`, without the national frame. */
async function ownOrInherited(db: Db, chain: readonly number[], date: string) {
  for (const siteId of chain) {
    const rows = await db.selectFrom('rules').selectAll().where('key', '=', POLICY_RULE).where('site_id', '=', siteId).execute();
    const row = rows.filter((r) => inForceOn({ effectiveFrom: r.effective_from, effectiveTo: r.effective_to }, date)).sort((a, b) => (a.effective_from < b.effective_from ? 1 : -1))[0];
    if (row) return row;
  }
  return null;
}

/** The policy in force for a site on a Vietnam date, or null when none applies. */
export async function policyOn(db: Db, siteId: number, date: string): Promise<PolicyInForce | null> {
  const chain = await siteChain(db, siteId);
  let row = await ownOrInherited(db, chain, date);
  if (!row) {
    const national = await db.selectFrom('rules').selectAll().where('key', '=', POLICY_RULE).where('site_id', 'is', null).execute();
    row = national.filter((r) => inForceOn({ effectiveFrom: r.effective_from, effectiveTo: r.effective_to }, date)).sort((a, b) => (a.effective_from < b.effective_from ? 1 : -1))[0] ?? null;
  }
  if (!row) return null;
  return {
    policy: JSON.parse(row.value) as RoyaltyPolicy,
    ruleId: row.id,
    ownerSiteId: row.site_id,
    effectiveFrom: row.effective_from,
    effectiveTo: row.effective_to,
    citation: row.citation,
    context: await policyContext(db, siteId, date),
  };
}

export async function policyContext(db: Db, siteId: number, date: string): Promise<PolicyContext> {
  const base = await ruleOn<number>(db, siteId, BASE_SALARY_RULE, date);
  const wages = await ruleOn<MinimumWages>(db, siteId, MINIMUM_WAGE_RULE, date);
  return { baseSalary: base?.value ?? null, minimumWages: wages?.value ?? null };
}
