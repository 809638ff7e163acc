// Where an item stands, as one line a board member reads at a glance: "Đã
// đăng", "Chờ duyệt — bước 2/4: Phó Trưởng Ban biên tập, hạn 09/12 17:00",
// "Bị trả lại: <lý do>", "Đã duyệt, chờ đăng". Lists, the queue, the editor,
// the review page and the history all call this one function, so they cannot
// disagree. Roles are named in the site's own words (the caller's RoleNamer);
// times are Vietnam time. Pure: no I/O.
import { formatDayMonthTime } from '../time.ts';
import { format as fill, type Lang } from '../../ui/i18n.ts';
import type { ChainStep, ReviewChain, RoleNamer } from './chain.ts';
import { isOverdue, type WorkflowItem } from './engine.ts';

export type StatusItem = Pick<WorkflowItem, 'reviewState' | 'publication' | 'stepIndex' | 'stepDueAt' | 'publishAt' | 'hasLiveVersion' | 'hasPendingChanges' | 'urgentPendingApproval'>;

export interface StatusInput {
  item: StatusItem;
  /** The chain of the item's round (the step count "2/4" is its steps). */
  chain: ReviewChain;
  /** The reason given with the last return or rejection. */
  reason?: string | null;
  /** The person the step was given to ("Giao lại"), by name. */
  assigneeName?: string | null;
}

export type StatusKind = 'draft' | 'in_review' | 'approved' | 'scheduled' | 'returned' | 'rejected' | 'withdrawn' | 'published' | 'unpublished' | 'taken_down' | 'urgent';

export interface ItemStatus {
  kind: StatusKind;
  /** The status line. */
  text: string;
  /** Who acts next and what they do, as a clause; null when nobody needs to. */
  next: string | null;
  /** Late at its step, or for publication once approved. */
  overdue: boolean;
}

const W = {
  vi: {
    draft: 'Đang soạn',
    published: 'Đã đăng',
    publishedChanged: 'Đã đăng; có thay đổi chưa gửi duyệt',
    revision: 'Đã đăng; bản sửa đổi ',
    inReview: 'chờ duyệt — bước {n}/{total}: {who}',
    due: ', hạn {time}',
    approved: 'Đã duyệt, chờ đăng',
    approvedDue: ' — hạn {time}',
    approvedLive: 'đã duyệt, chờ đăng đính chính',
    scheduled: 'Đã duyệt, hẹn đăng lúc {time}',
    returned: 'bị trả lại',
    rejected: 'bị từ chối',
    withdrawn: 'đã rút lại',
    unpublished: 'Đã thôi đăng',
    takenDown: 'Đã gỡ xuống',
    urgent: 'Đã đăng khẩn, chờ xác nhận',
    author: 'tác giả',
    nextStep: '{who} xử lý bước {n}/{total}',
    nextPublish: '{who} đăng bài',
    nextCorrect: '{who} đăng đính chính',
    nextRevise: 'tác giả sửa và gửi duyệt lại',
    nextSubmit: 'tác giả hoàn thiện và gửi duyệt',
    nextConfirm: 'người duyệt bước cuối, {head} hoặc {deputy} xác nhận',
  },
  en: {
    draft: 'Draft',
    published: 'Published',
    publishedChanged: 'Published; changes not yet submitted',
    revision: 'Published; changes ',
    inReview: 'in review — step {n}/{total}: {who}',
    due: ', due {time}',
    approved: 'Approved, awaiting publication',
    approvedDue: ' — due {time}',
    approvedLive: 'approved, awaiting the correction',
    scheduled: 'Approved, scheduled for {time}',
    returned: 'returned',
    rejected: 'rejected',
    withdrawn: 'withdrawn',
    unpublished: 'Unpublished',
    takenDown: 'Taken down',
    urgent: 'Published urgently, awaiting confirmation',
    author: 'the author',
    nextStep: '{who} handles step {n}/{total}',
    nextPublish: '{who} publishes it',
    nextCorrect: '{who} publishes the correction',
    nextRevise: 'the author revises and submits it again',
    nextSubmit: 'the author completes and submits it',
    nextConfirm: 'the last step’s approver, the {head} or the {deputy} confirms it',
  },
} as const;

const withReason = (base: string, reason: string | null | undefined) => (reason ? `${base}: ${reason}` : base);

/** The status line of an item, who acts next, and whether it is late. */
export function itemStatus(input: StatusInput, name: RoleNamer, lang: Lang, now: Date | null = null): ItemStatus {
  const { item, chain } = input;
  const w = W[lang];
  const live = item.publication === 'published';
  const overdue = now ? isOverdue(item, now) : false;
  const status = (kind: StatusKind, text: string, next: string | null): ItemStatus => ({ kind, text, next, overdue });
  // A live item's review concerns its next version: the public one stays as it is.
  // The phrases are lower-case so they can follow "Đã đăng; bản sửa đổi".
  const revision = (text: string) => (live ? `${w.revision}${text}` : text.charAt(0).toLocaleUpperCase('vi') + text.slice(1));

  if (item.urgentPendingApproval) {
    return status('urgent', w.urgent, fill(w.nextConfirm, { head: name('editor_in_chief', lang), deputy: name('deputy', lang) }));
  }
  switch (item.reviewState) {
    case 'in_review': {
      const index = item.stepIndex ?? 0;
      const step = chain.steps[index];
      const who = input.assigneeName ?? (step ? actorName(step, name, lang) : '—');
      const counts = { n: index + 1, total: chain.steps.length, who };
      const due = item.stepDueAt ? fill(w.due, { time: formatDayMonthTime(item.stepDueAt) }) : '';
      return status('in_review', revision(fill(w.inReview, counts)) + due, fill(w.nextStep, counts));
    }
    case 'approved': {
      const publisher = { who: name('publisher', lang) };
      if (live) return status('approved', revision(w.approvedLive), fill(w.nextCorrect, publisher));
      if (item.publication === 'scheduled' && item.publishAt) return status('scheduled', fill(w.scheduled, { time: formatDayMonthTime(item.publishAt) }), null);
      const due = item.stepDueAt ? fill(w.approvedDue, { time: formatDayMonthTime(item.stepDueAt) }) : '';
      return status('approved', w.approved + due, fill(w.nextPublish, publisher));
    }
    case 'returned':
      return status('returned', withReason(revision(w.returned), input.reason), w.nextRevise);
    case 'rejected':
      return status('rejected', withReason(revision(w.rejected), input.reason), w.nextRevise);
    case 'withdrawn':
      return status('withdrawn', revision(w.withdrawn), w.nextSubmit);
    case 'draft':
      if (live) return item.hasPendingChanges ? status('published', w.publishedChanged, w.nextSubmit) : status('published', w.published, null);
      if (item.publication === 'taken_down') return status('taken_down', w.takenDown, null);
      if (item.publication === 'scheduled' && item.publishAt) return status('scheduled', fill(w.scheduled, { time: formatDayMonthTime(item.publishAt) }), null);
      if (item.hasLiveVersion) return status('unpublished', w.unpublished, null);
      return status('draft', w.draft, w.nextSubmit);
  }
}

const actorName = (step: ChainStep, name: RoleNamer, lang: Lang) => name(step.actor.kind === 'role' ? step.actor.role : 'unit_head', lang);

/** Where approving the item at its current step sends it, as a clause ("Phó Trưởng Ban biên tập xử lý bước 3/4"); null when not in review. */
export function approvalLeadsTo(item: StatusItem, chain: ReviewChain, name: RoleNamer, lang: Lang): string | null {
  if (item.reviewState !== 'in_review' || item.stepIndex === null) return null;
  const w = W[lang];
  const next = chain.steps[item.stepIndex + 1];
  if (next) return fill(w.nextStep, { who: actorName(next, name, lang), n: item.stepIndex + 2, total: chain.steps.length });
  return fill(item.publication === 'published' ? w.nextCorrect : w.nextPublish, { who: name('publisher', lang) });
}
