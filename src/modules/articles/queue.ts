// "What waits for me" (việc chờ tôi xử lý): items where the person may act now,
// including by delegation, overdue ones first; and the person's own items with
// where they stand and why they came back.
import type { Grants } from '../../core/permissions.ts';
import { isOverdue, queueReason, type QueueReason } from '../../core/workflow/index.ts';
import type { Db } from '../../platform/db/database.ts';
import type { ArticleRow } from '../../platform/db/schema.ts';
import { queueCandidates } from './store.ts';
import { vietnamDate } from '../../core/time.ts';
import { chainOfItem, itemOfRow, loadStaffing, workflowActor } from './workflow-context.ts';

export interface QueueEntry {
  row: ArticleRow;
  reason: QueueReason;
  overdue: boolean;
}

export async function myQueue(db: Db, siteId: number, userId: number, grants: Grants, now: Date): Promise<QueueEntry[]> {
  const actor = await workflowActor(db, siteId, userId, grants);
  // A step nobody can take waits for its stand-in: the queue sees who is there, as the actions do.
  const staffing = await loadStaffing(db, { id: siteId }, vietnamDate(now));
  const entries: QueueEntry[] = [];
  for (const row of await queueCandidates(db, siteId)) {
    const item = itemOfRow(row);
    const reason = queueReason(item, actor, await chainOfItem(db, row, now), staffing);
    if (reason) entries.push({ row, reason, overdue: isOverdue(item, now) });
  }
  return entries.sort((a, b) => Number(b.overdue) - Number(a.overdue) || (a.reason.dueAt ?? '9999').localeCompare(b.reason.dueAt ?? '9999'));
}

export interface OwnItem {
  row: ArticleRow;
  stepName: string | null;
  /** The reason given the last time it was returned or rejected. */
  lastReason: string | null;
  overdue: boolean;
}

/** The author's items that are not simply published: where each is and why it came back. */
export async function myItems(db: Db, siteId: number, userId: number, now: Date): Promise<OwnItem[]> {
  const rows = await db
    .selectFrom('articles')
    .selectAll()
    .where('site_id', '=', siteId)
    .where('author_user_id', '=', userId)
    .where('deleted_at', 'is', null)
    .where((eb) => eb.or([eb('review_state', '<>', 'draft'), eb('has_pending_changes', '=', 1)]))
    .orderBy('updated_at', 'desc')
    .limit(100)
    .execute();
  const items: OwnItem[] = [];
  for (const row of rows) {
    const chain = await chainOfItem(db, row, now);
    const lastReason =
      row.review_state === 'returned' || row.review_state === 'rejected'
        ? ((
            await db
              .selectFrom('workflow_events')
              .select('note')
              .where('site_id', '=', siteId)
              .where('item_type', '=', 'article')
              .where('item_id', '=', row.id)
              .where('action', 'in', ['return', 'reject'])
              .orderBy('id', 'desc')
              .limit(1)
              .executeTakeFirst()
          )?.note ?? null)
        : null;
    items.push({ row, stepName: row.step_index === null ? null : (chain.steps[row.step_index]?.name ?? null), lastReason, overdue: isOverdue(itemOfRow(row), now) });
  }
  return items;
}
