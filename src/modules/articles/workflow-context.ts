// What the workflow engine needs from the database for one site and person:
// the review chain in force, the working calendar, the units a person heads
// (by own role or by delegation), and who could act on the site today.
import { allSectionKinds, entryChainRule } from '../../core/entries/index.ts';
import { DEFAULT_ANSWER_CHAIN } from '../../core/citizens/index.ts';
import { createCalendar, type WorkingCalendar, type WorkingCalendarConfig } from '../../core/calendar/index.ts';
import { delegatableRoles, isRole, type Grants, type Role } from '../../core/permissions.ts';
import { vietnamDate } from '../../core/time.ts';
import { DEFAULT_CHAIN, parseChain, type ReviewChain, type Staffing, type WorkflowActor, type WorkflowItem } from '../../core/workflow/index.ts';
import type { Db } from '../../platform/db/database.ts';
import type { ArticleRow } from '../../platform/db/schema.ts';
import { ruleOn } from '../rules/store.ts';
import { roleLabel, type Site } from '../sites/site.ts';
import { loadSiteLabels } from '../sites/store.ts';

export const CHAIN_RULE = 'chain.article';
/** Documents may follow their own chain (e.g. 003: published within 2 working days of signing). */
export const DOCUMENT_CHAIN_RULE = 'chain.document';

/** Answers to citizens' cases follow their own chain (core/citizens DEFAULT_ANSWER_CHAIN until the site sets one). */
export const ANSWER_CHAIN_RULE = 'chain.answer';

/** Entries of a declared section follow chain.entry.<kind>, else the articles' chain (ADR 19). */
export type ChainFor = 'article' | 'document' | 'answer' | `entry:${string}`;
export const CHAIN_FORS: readonly ChainFor[] = ['article', 'document', 'answer', ...allSectionKinds().map((k) => `entry:${k.key}` as const)];

export function chainRuleOf(chainFor: ChainFor): string {
  if (chainFor.startsWith('entry:')) return entryChainRule(chainFor.slice('entry:'.length));
  return chainFor === 'document' ? DOCUMENT_CHAIN_RULE : chainFor === 'answer' ? ANSWER_CHAIN_RULE : CHAIN_RULE;
}

/**
 * The review chain in force on a date for the site's articles, for its
 * documents (chain.document, else chain.article) or for answers to citizens'
 * cases (chain.answer); the default when none is set. `own` is false when a
 * document falls back to the articles' chain.
 */
export async function chainInForce(db: Db, siteId: number, date: string, chainFor: ChainFor = 'article'): Promise<{ chain: ReviewChain; ruleId: number | null; own: boolean }> {
  const keys = chainFor === 'document' || chainFor.startsWith('entry:') ? [chainRuleOf(chainFor), CHAIN_RULE] : [chainRuleOf(chainFor)];
  for (const key of keys) {
    const rule = await ruleOn<unknown>(db, siteId, key, date);
    if (!rule) continue;
    const parsed = parseChain(rule.value);
    if ('chain' in parsed) return { chain: parsed.chain, ruleId: rule.id, own: key === chainRuleOf(chainFor) };
  }
  return { chain: chainFor === 'answer' ? DEFAULT_ANSWER_CHAIN : DEFAULT_CHAIN, ruleId: null, own: false };
}

export function chainForKind(kind: string, entryKind?: string | null): ChainFor {
  if (kind === 'entry' && entryKind) return `entry:${entryKind}`;
  return kind === 'document' ? 'document' : 'article';
}

/** The chain an item follows: the one it was submitted under, or the one in force now. */
export async function chainOfItem(db: Db, row: Pick<ArticleRow, 'chain' | 'site_id' | 'kind'> & { entry_kind?: string | null }, now: Date): Promise<ReviewChain> {
  if (row.chain) {
    const parsed = parseChain(JSON.parse(row.chain));
    if ('chain' in parsed) return parsed.chain;
  }
  return (await chainInForce(db, row.site_id, vietnamDate(now), chainForKind(row.kind, row.entry_kind))).chain;
}

const calendars = new Map<string, WorkingCalendar>();

/** The site's working calendar (office hours, weekends, Vietnamese holidays, its own days off). */
export function siteCalendar(site: Pick<Site, 'settings'>): WorkingCalendar {
  const config = (site.settings as { calendar?: Partial<WorkingCalendarConfig> }).calendar ?? {};
  const key = JSON.stringify(config);
  let calendar = calendars.get(key);
  if (!calendar) {
    calendar = createCalendar(config);
    calendars.set(key, calendar);
  }
  return calendar;
}

/** The person as the engine sees them: grants plus the units they head. */
export async function workflowActor(db: Db, siteId: number, userId: number, grants: Grants): Promise<WorkflowActor> {
  const unitHeadOf: WorkflowActor['unitHeadOf'] = [];
  if (grants.ownRoles.includes('unit_head')) {
    const own = await db.selectFrom('memberships').select('unit_id').where('site_id', '=', siteId).where('user_id', '=', userId).executeTakeFirst();
    if (own?.unit_id) unitHeadOf.push({ unitId: own.unit_id, onBehalfOfUserId: null });
  }
  for (const d of grants.delegated.filter((x) => x.role === 'unit_head')) {
    const theirs = await db.selectFrom('memberships').select('unit_id').where('site_id', '=', siteId).where('user_id', '=', d.fromUserId).executeTakeFirst();
    if (theirs?.unit_id && !unitHeadOf.some((u) => u.unitId === theirs.unit_id)) unitHeadOf.push({ unitId: theirs.unit_id, onBehalfOfUserId: d.fromUserId });
  }
  return { userId, grants, unitHeadOf };
}

/**
 * Who could act on the site today, as loadGrants and workflowActor would see
 * each person: active members' own roles, roles delegated to them (only those
 * the delegator still holds), the heads of each unit, and the site's names of
 * its roles for messages. A few queries, so pages and queues may load it on
 * every request.
 */
export async function loadStaffing(db: Db, site: Pick<Site, 'id'> & Partial<Pick<Site, 'labels'>>, today: string): Promise<Staffing> {
  const own = await db
    .selectFrom('membership_roles as r')
    .innerJoin('memberships as m', (j) => j.onRef('m.site_id', '=', 'r.site_id').onRef('m.user_id', '=', 'r.user_id'))
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select(['r.user_id', 'r.role', 'm.unit_id'])
    .where('r.site_id', '=', site.id)
    .where('m.status', '=', 'active')
    .where('u.status', '=', 'active')
    .execute();
  const delegations = await db
    .selectFrom('delegations as d')
    .innerJoin('users as u', 'u.id', 'd.to_user_id')
    .select(['d.from_user_id', 'd.to_user_id', 'd.roles', 'd.all_roles'])
    .where('d.site_id', '=', site.id)
    .where('d.revoked_at', 'is', null)
    .where('d.starts_on', '<=', today)
    .where('d.ends_on', '>=', today)
    .where('u.status', '=', 'active')
    .execute();
  const units = await db.selectFrom('units').select(['id', 'name']).where('site_id', '=', site.id).execute();

  const roleHolders: Partial<Record<Role, number[]>> = {};
  const unitHeads: Record<number, number[]> = {};
  const add = <K extends string | number>(map: Partial<Record<K, number[]>>, key: K, userId: number) => {
    const list = (map[key] ??= []);
    if (!list.includes(userId)) list.push(userId);
  };
  const rolesOf = new Map<number, Role[]>();
  const unitOf = new Map<number, number>();
  for (const r of own) {
    if (!isRole(r.role)) continue;
    add(roleHolders, r.role, r.user_id);
    rolesOf.set(r.user_id, [...(rolesOf.get(r.user_id) ?? []), r.role]);
    if (r.unit_id !== null) unitOf.set(r.user_id, r.unit_id);
    if (r.role === 'unit_head' && r.unit_id !== null) add(unitHeads, r.unit_id, r.user_id);
  }
  for (const d of delegations) {
    const requested: Role[] | 'all' = d.all_roles === 1 ? 'all' : (JSON.parse(d.roles) as string[]).filter(isRole);
    for (const role of delegatableRoles(requested, rolesOf.get(d.from_user_id) ?? [])) {
      add(roleHolders, role, d.to_user_id);
      const unit = unitOf.get(d.from_user_id);
      if (role === 'unit_head' && unit !== undefined) add(unitHeads, unit, d.to_user_id);
    }
  }
  const labels = site.labels ?? (await loadSiteLabels(db, site.id));
  return { roleHolders, unitHeads, unitNames: Object.fromEntries(units.map((u) => [u.id, u.name])), roleName: (role: Role, lang: 'vi' | 'en') => roleLabel({ labels }, role, lang) };
}


export function itemOfRow(row: ArticleRow): WorkflowItem {
  return {
    reviewState: row.review_state as WorkflowItem['reviewState'],
    stepIndex: row.step_index,
    stepEnteredAt: row.step_entered_at,
    stepDueAt: row.step_due_at,
    assigneeUserId: row.assignee_user_id,
    approvals: JSON.parse(row.approvals) as WorkflowItem['approvals'],
    publication: row.publication as WorkflowItem['publication'],
    publishAt: row.publish_at,
    unpublishAt: row.unpublish_at,
    hasLiveVersion: row.live_revision_id !== null,
    hasPendingChanges: row.has_pending_changes === 1,
    urgentPendingApproval: row.urgent_pending_approval === 1,
    urgentPublishedBy: row.urgent_published_by,
    authorUserId: row.author_user_id,
    unitId: row.unit_id,
  };
}

/** The workflow columns for an item decided by the engine. */
export function rowOfItem(item: WorkflowItem) {
  return {
    review_state: item.reviewState,
    step_index: item.stepIndex,
    step_entered_at: item.stepEnteredAt,
    step_due_at: item.stepDueAt,
    assignee_user_id: item.assigneeUserId,
    approvals: JSON.stringify(item.approvals),
    publication: item.publication,
    publish_at: item.publishAt,
    unpublish_at: item.unpublishAt,
    has_pending_changes: item.hasPendingChanges ? 1 : 0,
    urgent_pending_approval: item.urgentPendingApproval ? 1 : 0,
    urgent_published_by: item.urgentPublishedBy,
  };
}

