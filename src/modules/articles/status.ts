// The status line of articles and documents as every back-office page shows
// it (list, queue, editor, review page, history): core/workflow's itemStatus,
// fed with the item's chain, the reason it came back, whom its step was given
// to, and the site's own names of its roles.
import { vietnamDate } from '../../core/time.ts';
import { itemStatus, parseChain, type ItemStatus, type ReviewChain, type RoleNamer, type StatusItem } from '../../core/workflow/index.ts';
import type { Db } from '../../platform/db/database.ts';
import type { ArticleRow } from '../../platform/db/schema.ts';
import type { Lang } from '../../ui/i18n.ts';
import { roleLabel, type Site } from '../sites/site.ts';
import { chainForKind, chainInForce, type ChainFor } from './workflow-context.ts';

export type StatusRow = Pick<
  ArticleRow,
  'id' | 'kind' | 'chain' | 'review_state' | 'publication' | 'step_index' | 'step_due_at' | 'publish_at' | 'live_revision_id' | 'has_pending_changes' | 'urgent_pending_approval' | 'assignee_user_id'
> & { entry_kind?: string | null };

export function statusItemOfRow(row: StatusRow): StatusItem {
  return {
    reviewState: row.review_state as StatusItem['reviewState'],
    publication: row.publication as StatusItem['publication'],
    stepIndex: row.step_index,
    stepDueAt: row.step_due_at,
    publishAt: row.publish_at,
    hasLiveVersion: row.live_revision_id !== null,
    hasPendingChanges: row.has_pending_changes === 1,
    urgentPendingApproval: row.urgent_pending_approval === 1,
  };
}

/** The site's names of its roles, as the status line and messages use them. */
export function siteRoleNamer(site: Pick<Site, 'labels'>): RoleNamer {
  return (role, lang) => roleLabel(site, role, lang);
}

/** The reason given the last time each of these articles was returned or rejected. */
export async function lastReasons(db: Db, siteId: number, ids: number[]): Promise<Map<number, string>> {
  const reasons = new Map<number, string>();
  if (ids.length === 0) return reasons;
  const events = await db
    .selectFrom('workflow_events')
    .select(['item_id', 'note'])
    .where('site_id', '=', siteId)
    .where('item_type', '=', 'article')
    .where('item_id', 'in', ids)
    .where('action', 'in', ['return', 'reject'])
    .orderBy('id', 'desc')
    .execute();
  for (const e of events) if (e.note && !reasons.has(e.item_id)) reasons.set(e.item_id, e.note);
  return reasons;
}

/** Status lines of many rows at once: one query for reasons, one for assignees, the chain in force once per kind. */
export async function articleStatuses(db: Db, site: Pick<Site, 'id' | 'labels'>, rows: StatusRow[], lang: Lang, now: Date): Promise<Map<number, ItemStatus>> {
  const cameBack = rows.filter((r) => r.review_state === 'returned' || r.review_state === 'rejected').map((r) => r.id);
  const reasons = await lastReasons(db, site.id, cameBack);
  const assigneeIds = [...new Set(rows.map((r) => r.assignee_user_id).filter((id): id is number => id !== null))];
  const assignees = new Map(assigneeIds.length ? (await db.selectFrom('users').select(['id', 'name']).where('id', 'in', assigneeIds).execute()).map((u) => [u.id, u.name]) : []);
  const inForce = new Map<ChainFor, ReviewChain>();
  const name = siteRoleNamer(site);
  const statuses = new Map<number, ItemStatus>();
  for (const row of rows) {
    let chain = row.chain ? parseChain(JSON.parse(row.chain)) : null;
    if (!chain || !('chain' in chain)) {
      const kind = chainForKind(row.kind, row.entry_kind);
      if (!inForce.has(kind)) inForce.set(kind, (await chainInForce(db, site.id, vietnamDate(now), kind)).chain);
      chain = { chain: inForce.get(kind)! };
    }
    const assigneeName = row.review_state === 'in_review' && row.assignee_user_id !== null ? (assignees.get(row.assignee_user_id) ?? null) : null;
    statuses.set(row.id, itemStatus({ item: statusItemOfRow(row), chain: chain.chain, reason: reasons.get(row.id) ?? null, assigneeName }, name, lang, now));
  }
  return statuses;
}

/** The status line of one article. */
export async function articleStatus(db: Db, site: Pick<Site, 'id' | 'labels'>, row: StatusRow, lang: Lang, now: Date): Promise<ItemStatus> {
  return (await articleStatuses(db, site, [row], lang, now)).get(row.id)!;
}

/** An event of the item's history, as far as its status afterwards goes. */
export interface StatusEvent {
  action: string;
  to_review: string | null;
  to_publication: string | null;
  to_step: number | null;
  note: string | null;
}

/**
 * The status line after each event of an item's history, oldest first, in the
 * same words as everywhere else. Events keep the states, the step and the
 * reason; due times are not kept, so none is shown.
 */
export function historyStatuses(events: StatusEvent[], chain: ReviewChain, name: RoleNamer, lang: Lang): ItemStatus[] {
  let live = false;
  let urgent = false;
  return events.map((e) => {
    const publication = (e.to_publication ?? 'unpublished') as StatusItem['publication'];
    if (publication === 'published') live = true;
    if (e.action === 'urgent_publish') urgent = true;
    if (e.action === 'confirm_urgent' || publication !== 'published') urgent = false;
    const item: StatusItem = { reviewState: (e.to_review ?? 'draft') as StatusItem['reviewState'], publication, stepIndex: e.to_step, stepDueAt: null, publishAt: null, hasLiveVersion: live, hasPendingChanges: false, urgentPendingApproval: urgent };
    return itemStatus({ item, chain, reason: e.action === 'return' || e.action === 'reject' ? e.note : null }, name, lang);
  });
}
