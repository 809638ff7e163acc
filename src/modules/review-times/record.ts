// What the article workflow writes for review timeliness, inside the
// transaction of each action: the board's receipt of the item (for a step whose
// deadline counts from receipt, 001 Đ8.1), and the stay at a step when the item
// leaves it, in working minutes on the site's calendar.
import type { DeadlineValue } from '../../core/rule-catalogue.ts';
import { startOfVietnamDate, vietnamDate } from '../../core/time.ts';
import type { ReviewChain, WorkflowItem } from '../../core/workflow/index.ts';
import { leavesStep, stepSpan, type TimelinessCalendar } from '../../core/workflow/timeliness.ts';
import type { Db } from '../../platform/db/database.ts';
import type { ArticleRow } from '../../platform/db/schema.ts';
import { ruleOn } from '../rules/store.ts';

export const BOARD_APPROVAL_RULE = 'deadline.board_approval';

/** A date without a time (a paper document's date of arrival) counts from the start of that Vietnamese day. */
function instantOf(value: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? startOfVietnamDate(value).toISOString() : new Date(value).toISOString();
}

/**
 * When the board received the item: articles.received_at (arrival or e-mail
 * receipt), else its first submission, else now (it is being submitted); and
 * the rule deadline.board_approval in force today (the day the step is
 * entered). Loaded only when the chain has a step counted from receipt.
 */
export async function receiptOf(db: Db, row: Pick<ArticleRow, 'id' | 'site_id' | 'received_at'>, chain: ReviewChain, now: Date): Promise<{ at: string; boardApproval: DeadlineValue | null } | undefined> {
  if (!chain.steps.some((s) => s.deadlineFrom === 'receipt')) return undefined;
  let at = row.received_at ? instantOf(row.received_at) : null;
  if (!at) {
    const first = await db
      .selectFrom('workflow_events')
      .select('created_at')
      .where('site_id', '=', row.site_id)
      .where('item_type', '=', 'article')
      .where('item_id', '=', row.id)
      .where('action', '=', 'submit')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
    at = first?.created_at ?? now.toISOString();
  }
  const rule = await ruleOn<DeadlineValue>(db, row.site_id, BOARD_APPROVAL_RULE, vietnamDate(now));
  return { at, boardApproval: rule?.value ?? null };
}

export interface LeftStep {
  siteId: number;
  itemType: 'article' | 'citizen_case';
  itemId: number;
  before: WorkflowItem;
  after: WorkflowItem;
  chain: ReviewChain;
  action: string;
  actorUserId: number | null;
  onBehalfOfUserId: number | null;
  now: Date;
  calendar: TimelinessCalendar;
}

/** Records the stay at a step when this action ends it; false when the item stays where it was. */
export async function recordStepLeft(db: Db, left: LeftStep): Promise<boolean> {
  const { before, after, chain } = left;
  if (!leavesStep(before, after)) return false;
  const step = chain.steps[before.stepIndex!];
  const span = stepSpan(before.stepEnteredAt!, before.stepDueAt, left.now, left.calendar);
  await db
    .insertInto('review_step_times')
    .values({
      site_id: left.siteId,
      item_type: left.itemType,
      item_id: left.itemId,
      step_index: before.stepIndex!,
      step_key: step?.key ?? `step_${before.stepIndex! + 1}`,
      step_name: step?.name ?? `Bước ${before.stepIndex! + 1}`,
      step_kind: step?.kind ?? 'approve',
      entered_at: span.enteredAt,
      left_at: span.leftAt,
      due_at: span.dueAt,
      working_minutes: span.workingMinutes,
      overdue: span.overdue ? 1 : 0,
      late_minutes: span.lateMinutes,
      left_by: left.action,
      actor_user_id: left.actorUserId,
      on_behalf_of_user_id: left.onBehalfOfUserId,
    })
    .execute();
  return true;
}
