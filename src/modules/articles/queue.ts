// "What waits for me" (việc chờ tôi xử lý): items where the person may act now,
// including by delegation, overdue ones first; and the person's own items in
// progress.
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

/** The author's items that are not simply published (their status lines say where each is and why it came back). */
export async function myItems(db: Db, siteId: number, userId: number): Promise<ArticleRow[]> {
  return db
    .selectFrom('articles')
    .selectAll()
    .where('site_id', '=', siteId)
    .where('author_user_id', '=', userId)
    .where('deleted_at', 'is', null)
    .where((eb) => eb.or([eb('review_state', '<>', 'draft'), eb('has_pending_changes', '=', 1)]))
    .orderBy('updated_at', 'desc')
    .limit(100)
    .execute();
}
