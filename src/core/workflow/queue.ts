// Why an item waits for a person ("việc chờ tôi xử lý"), so a queue page can
// list it with the step's name and due time, including work that reaches the
// person by delegation. Built on the engine's gates, so an item is listed
// exactly when its button would be offered.
import type { ReviewChain } from './chain.ts';
import { gateOf, type ActionType, type WorkflowActor, type WorkflowItem } from './engine.ts';
import type { Staffing } from './staffing.ts';

export type QueueKind = 'review' | 'publish' | 'revise' | 'confirm_urgent' | 'assigned';

export interface QueueReason {
  kind: QueueKind;
  /** Vietnamese: the step's name, or what is to be done. */
  stepName: string;
  stepNameEn: string;
  dueAt: string | null;
  onBehalfOfUserId: number | null;
}

const TASKS = {
  confirm_urgent: { vi: 'Xác nhận bài đăng khẩn', en: 'Confirm an urgent publication' },
  publish: { vi: 'Xuất bản', en: 'Publish' },
  correct: { vi: 'Xuất bản bản sửa đổi kèm đính chính', en: 'Publish the changes with a correction' },
  revise: { vi: 'Sửa theo ý kiến và gửi duyệt lại', en: 'Revise and submit again' },
};

/** The first reason the item waits for this person, most pressing first; null if it does not. */
export function queueReason(item: WorkflowItem, actor: WorkflowActor, chain: ReviewChain, staffing: Staffing | null = null): QueueReason | null {
  // No clock is needed: none of these gates depends on the time.
  const open = (type: ActionType) => {
    const g = gateOf(type, item, actor, chain, null, staffing);
    return g.problems.length === 0 ? { onBehalfOfUserId: g.onBehalfOfUserId } : null;
  };

  // Live content nobody has approved yet comes first.
  const confirm = item.urgentPendingApproval ? open('confirm_urgent') : null;
  if (confirm) return { kind: 'confirm_urgent', stepName: TASKS.confirm_urgent.vi, stepNameEn: TASKS.confirm_urgent.en, dueAt: null, ...confirm };

  if (item.reviewState === 'in_review') {
    // The approve gate leaves out an author at a review step under four eyes: they cannot move it on.
    const review = open('approve');
    const step = item.stepIndex === null ? undefined : chain.steps[item.stepIndex];
    // Once assigned, the item waits for the assignee alone (others may still act, as back-up).
    const mine = item.assigneeUserId === null || item.assigneeUserId === actor.userId;
    if (review && step && mine) {
      const kind = item.assigneeUserId === actor.userId ? 'assigned' : 'review';
      return { kind, stepName: step.name, stepNameEn: step.nameEn, dueAt: item.stepDueAt, ...review };
    }
  }

  if (item.reviewState === 'approved' && item.publication !== 'scheduled') {
    const task = item.publication === 'published' ? TASKS.correct : TASKS.publish;
    const publish = open(item.publication === 'published' ? 'correct' : 'publish');
    if (publish) return { kind: 'publish', stepName: task.vi, stepNameEn: task.en, dueAt: item.stepDueAt, ...publish };
  }

  if (item.reviewState === 'returned' && actor.userId === item.authorUserId) {
    const revise = open('submit');
    if (revise) return { kind: 'revise', stepName: TASKS.revise.vi, stepNameEn: TASKS.revise.en, dueAt: null, ...revise };
  }
  return null;
}
