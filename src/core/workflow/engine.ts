// The editorial workflow engine: given an item, an action, who acts, the
// site's review chain and the time, decide what happens — or every reason it
// cannot. Modelled on GOV.UK Whitehall's edition workflow: one declarative
// table says from which states each action starts and who may take it; small
// guards add what a table cannot say; `apply` builds the new item. Pure: no
// I/O, the input is never mutated, the caller stores the result and the event.
import type { Problem } from '../errors.ts';
import { authorize, type Decision as AuthDecision, type Grants, type Permission, type Role } from '../permissions.ts';
import type { WorkingCalendar } from '../calendar/index.ts';
import type { DeadlineValue } from '../rule-catalogue.ts';
import { defaultRoleName, stepLabel, type ChainStep, type ReviewChain, type RoleNamer, type StepActor } from './chain.ts';
import { M, REASONS, type PublicationState, type ReviewState } from './messages.ts';
import { CONFIRMING_ROLES, confirmersOf, missingActor, staffOfStep, type Staffing } from './staffing.ts';

export type { PublicationState, ReviewState } from './messages.ts';

export const TAKE_DOWN_REASONS = ['published_in_error', 'replaced', 'withdrawn', 'violation'] as const;
export type TakeDownReason = (typeof TAKE_DOWN_REASONS)[number];

export interface WorkflowItem {
  reviewState: ReviewState;
  /** Current step while in_review. */
  stepIndex: number | null;
  stepEnteredAt: string | null;
  /** From the step's deadline, or the chain's publishDeadline once approved. */
  stepDueAt: string | null;
  /** Set by reassign; cleared when the step changes. */
  assigneeUserId: number | null;
  /** This round's approvals. */
  approvals: { stepIndex: number; userId: number }[];
  publication: PublicationState;
  publishAt: string | null;
  unpublishAt: string | null;
  /** Some revision is (or was) public. */
  hasLiveVersion: boolean;
  /** The working revision differs from the live one. */
  hasPendingChanges: boolean;
  /** Published urgently, awaiting approval afterwards. */
  urgentPendingApproval: boolean;
  /** Who published urgently: four eyes keeps them from confirming it themselves. */
  urgentPublishedBy: number | null;
  authorUserId: number;
  /** Providing unit (đơn vị cung cấp). */
  unitId: number | null;
}

export interface WorkflowActor {
  userId: number;
  grants: Grants;
  /** Units this user heads, by own role or by delegation (onBehalfOfUserId = the delegating head). */
  unitHeadOf: { unitId: number; onBehalfOfUserId: number | null }[];
}

export type WorkflowAction =
  | { type: 'submit' }
  | { type: 'withdraw' }
  | { type: 'approve'; note?: string }
  | { type: 'return'; to: 'author' | 'previous'; reason: string }
  | { type: 'reject'; reason: string }
  | { type: 'reassign'; toUserId: number; eligible: boolean } // the caller says whether the target may act on the current step
  | { type: 'publish' }
  | { type: 'schedule'; publishAt: string | null; unpublishAt: string | null }
  | { type: 'unpublish'; reason: string } // end of a scheduled or manual unpublication (not a take-down)
  | { type: 'take_down'; reasonCode: TakeDownReason; reason: string; publicNotice: boolean }
  | { type: 'correct'; note: string } // đính chính
  | { type: 'urgent_publish'; reason: string }
  | { type: 'confirm_urgent'; note?: string }
  | { type: 'run_schedule' }; // the scheduler applying publishAt/unpublishAt that are due

export type ActionType = WorkflowAction['type'];

export const ACTION_TYPES = [
  'submit', 'withdraw', 'approve', 'return', 'reject', 'reassign', 'publish', 'schedule',
  'unpublish', 'take_down', 'correct', 'urgent_publish', 'confirm_urgent', 'run_schedule',
] as const satisfies readonly ActionType[];
// Fails to compile when an action type is missing from the list above.
const allActionTypesListed: Exclude<ActionType, (typeof ACTION_TYPES)[number]> extends never ? true : never = true;
void allActionTypesListed;

export type Recipient =
  | { kind: 'user'; userId: number }
  | { kind: 'role'; role: Role }
  | { kind: 'unit_head'; unitId: number }
  | { kind: 'permission'; permission: Permission };

export interface StateSnapshot {
  review: ReviewState;
  publication: PublicationState;
  step: number | null;
}

export interface WorkflowEvent {
  action: ActionType;
  from: StateSnapshot;
  to: StateSnapshot;
  /** Reason or note text, trimmed. */
  note: string | null;
  /** Whom to tell (the caller resolves holders and leaves out the actor). */
  notify: Recipient[];
  /** The caller must copy the working revision to live. */
  publishesWorkingRevision: boolean;
  /** Only for take_down. */
  takeDown?: { reasonCode: TakeDownReason; publicNotice: boolean };
}

export type Decision =
  | { ok: true; item: WorkflowItem; event: WorkflowEvent; onBehalfOfUserId: number | null }
  | { ok: false; problems: Problem[] };

/** Only deadline arithmetic is needed; any WorkingCalendar fits. */
export type WorkflowCalendar = Pick<WorkingCalendar, 'deadline'>;
export interface WorkflowContext {
  now: Date;
  calendar: WorkflowCalendar;
  /**
   * Who could act on the site today. With it, a step nobody can take falls to
   * its stand-in role, submission is refused when some step could not be
   * taken at all, and urgent publication when nobody else could confirm it.
   * Without it (pure tests), every step is taken to have someone.
   */
  staffing?: Staffing;
  /**
   * When the board received the item (its arrival or e-mail receipt, else its
   * first submission) and the rule deadline.board_approval in force, for steps
   * whose deadline counts from receipt (ChainStep.deadlineFrom). Without it,
   * such a step counts from its entry, like any other.
   */
  receipt?: { at: string; boardApproval: DeadlineValue | null };
}

// ---- The transition table ----

/** Who may take an action. */
type Who =
  | 'author_or_submitter' // the author, or a holder of content.submit (content.edit alone is not enough)
  | 'author'
  | 'step_actor' // canActOnStep
  | 'step_actor_or_head' // canActOnStep, or content.urgent_publish (the head directs the work)
  | 'confirmer' // the last step's actor holding content.review, content.urgent_publish, or a deputy (CONFIRMING_ROLES)
  | 'system' // anyone: the scheduler
  | { permission: Permission };

/** Whom four eyes keeps out, when the chain asks for it. */
type FourEyes =
  | 'none'
  | 'author_at_review_step' // the author, at a verify/approve step (an edit step is passed on, not vouched for)
  | 'author' // the author (publication)
  | 'urgent_publisher'; // whoever published urgently (always: a confirmation is someone else's), and the author

type States<T> = readonly T[] | 'any';
interface Row {
  review: States<ReviewState>;
  publication: States<PublicationState>;
  who: Who;
  fourEyes: FourEyes;
}
interface Rule {
  /** The action starts from any one row; the first matching row says who may take it. */
  from: readonly Row[];
  /** Said when no row matches. */
  wrongState: (item: WorkflowItem) => Problem;
  /** What the table cannot say; runs only when a row matches. */
  guard?: (s: Situation) => Problem[];
}

interface Situation {
  item: WorkflowItem;
  actor: WorkflowActor;
  chain: ReviewChain;
  /** null when no time is known (queues): nothing is then due. */
  now: Date | null;
  staffing: Staffing | null;
  /** The site's names of its roles, for messages. */
  name: RoleNamer;
}

function situation(item: WorkflowItem, actor: WorkflowActor, chain: ReviewChain, now: Date | null, staffing: Staffing | null): Situation {
  return { item, actor, chain, now, staffing, name: staffing?.roleName ?? defaultRoleName };
}

const ANY = 'any';
const NOT_LIVE = ['unpublished', 'scheduled', 'taken_down'] as const satisfies readonly PublicationState[];
const wrong = (vi: string, en: string) => (item: WorkflowItem) => M.wrongState({ vi, en }, item.reviewState, item.publication);

/**
 * The workflow at a glance. Review and publication are two axes: an item can
 * be live (published) while its next revision is in review.
 */
export const TRANSITIONS: { readonly [T in ActionType]: Rule } = Object.freeze({
  submit: {
    from: [{ review: ['draft', 'returned', 'rejected', 'withdrawn'], publication: ANY, who: 'author_or_submitter', fourEyes: 'none' }],
    wrongState: wrong('Chỉ gửi duyệt được bài đang soạn, bị trả lại, bị từ chối hoặc đã rút lại.', 'Only a draft, returned, rejected or withdrawn item can be submitted.'),
    guard: submitGuard,
  },
  withdraw: {
    from: [{ review: ['in_review'], publication: ANY, who: 'author', fourEyes: 'none' }],
    wrongState: wrong('Chỉ rút lại được bài đang chờ duyệt.', 'Only an item in review can be withdrawn.'),
    guard: withdrawGuard,
  },
  approve: {
    from: [{ review: ['in_review'], publication: ANY, who: 'step_actor', fourEyes: 'author_at_review_step' }],
    wrongState: wrong('Chỉ duyệt được bài đang chờ duyệt.', 'Only an item in review can be approved.'),
    guard: currentStepGuard,
  },
  return: {
    from: [
      { review: ['in_review'], publication: ANY, who: 'step_actor', fourEyes: 'none' },
      // A mistake found after approval goes back before publication, by whoever would publish it.
      { review: ['approved'], publication: ANY, who: { permission: 'content.publish' }, fourEyes: 'none' },
    ],
    wrongState: wrong('Chỉ trả lại được bài đang chờ duyệt hoặc đã duyệt xong, chờ xuất bản.', 'Only an item in review, or approved and waiting for publication, can be returned.'),
    guard: (s) => (s.item.reviewState === 'in_review' ? currentStepGuard(s) : []),
  },
  reject: {
    from: [{ review: ['in_review'], publication: ANY, who: 'step_actor', fourEyes: 'none' }],
    wrongState: wrong('Chỉ từ chối được bài đang chờ duyệt.', 'Only an item in review can be rejected.'),
    guard: currentStepGuard,
  },
  reassign: {
    from: [{ review: ['in_review'], publication: ANY, who: 'step_actor_or_head', fourEyes: 'none' }],
    wrongState: wrong('Chỉ giao lại được bài đang chờ duyệt.', 'Only an item in review can be reassigned.'),
    guard: currentStepGuard,
  },
  publish: {
    from: [{ review: ['approved'], publication: NOT_LIVE, who: { permission: 'content.publish' }, fourEyes: 'author' }],
    wrongState: publishWrongState,
  },
  schedule: {
    from: [
      { review: ['approved'], publication: NOT_LIVE, who: { permission: 'content.publish' }, fourEyes: 'author' },
      // A live item may only have its unpublication scheduled.
      { review: ANY, publication: ['published'], who: { permission: 'content.unpublish' }, fourEyes: 'none' },
    ],
    wrongState: () => M.notApproved(),
  },
  unpublish: {
    from: [{ review: ANY, publication: ['published'], who: { permission: 'content.unpublish' }, fourEyes: 'none' }],
    wrongState: wrong('Chỉ ngừng đăng được bài đang đăng.', 'Only a published item can be unpublished.'),
  },
  take_down: {
    from: [{ review: ANY, publication: ['published', 'scheduled'], who: { permission: 'content.takedown' }, fourEyes: 'none' }],
    wrongState: wrong('Chỉ gỡ được bài đang đăng hoặc đang hẹn giờ đăng.', 'Only a published or scheduled item can be taken down.'),
  },
  correct: {
    from: [{ review: ANY, publication: ['published'], who: { permission: 'content.publish' }, fourEyes: 'none' }],
    wrongState: wrong('Chỉ đính chính được bài đang đăng; bài chưa đăng thì hãy dùng «Xuất bản».', 'Only a published item can be corrected; use “Publish” for an item not yet live.'),
    guard: correctGuard,
  },
  urgent_publish: {
    from: [{ review: ['draft', 'in_review', 'approved', 'returned', 'withdrawn'], publication: ANY, who: { permission: 'content.urgent_publish' }, fourEyes: 'none' }],
    wrongState: wrong('Bài đã bị từ chối nên không đăng khẩn được; tác giả cần sửa và gửi duyệt lại.', 'A rejected item cannot be published urgently; the author must revise and submit it again.'),
    guard: urgentGuard,
  },
  confirm_urgent: {
    from: [{ review: ANY, publication: ANY, who: 'confirmer', fourEyes: 'urgent_publisher' }],
    wrongState: () => M.notUrgent(),
    guard: (s) => (s.item.urgentPendingApproval ? [] : [M.notUrgent()]),
  },
  run_schedule: {
    from: [{ review: ANY, publication: ['scheduled', 'published'], who: 'system', fourEyes: 'none' }],
    wrongState: () => M.nothingDue(),
    guard: scheduleDueGuard,
  },
});

// ---- Guards ----

function submitGuard({ item, chain, staffing, name }: Situation): Problem[] {
  const problems: Problem[] = [];
  if (item.publication === 'published' && !item.hasPendingChanges) problems.push(M.nothingToSubmit());
  // Without a providing unit, no one could act on a unit-head step.
  const noUnit = item.unitId === null && chain.steps.some((s) => s.actor.kind === 'unit_head');
  if (noUnit) problems.push(M.unitRequired(name));
  // An item no one could take at some step would wait there unseen: refuse it now, saying what is missing.
  if (staffing && !noUnit) {
    chain.steps.forEach((step, i) => {
      const staff = staffOfStep(step, item, chain, staffing);
      if (staff.primary.length > 0 || staff.standIns.length > 0) return;
      const standIn = step.fallback ? { vi: name(step.fallback, 'vi'), en: name(step.fallback, 'en') } : null;
      problems.push(M.stepUnstaffed(stepLabel(i, step), missingActor(step, item, chain, staffing), standIn, step.actor.kind === 'unit_head'));
    });
  }
  return problems;
}

function withdrawGuard({ item }: Situation): Problem[] {
  return item.stepIndex === 0 && item.approvals.length === 0 ? [] : [M.withdrawAfterReview()];
}

function currentStepGuard({ item, chain, name }: Situation): Problem[] {
  return currentStep(item, chain) ? [] : [M.brokenStep(name)];
}

function publishWrongState(item: WorkflowItem): Problem {
  if (item.publication === 'published') return item.hasPendingChanges ? M.useCorrect() : M.alreadyPublished();
  return M.notApproved();
}

function correctGuard({ item, actor, chain }: Situation): Problem[] {
  if (!item.hasPendingChanges) return []; // only the note is published
  const problems: Problem[] = [];
  if (item.reviewState !== 'approved') problems.push(M.changesNotApproved());
  // Publishing changed content is publication: four eyes applies as to publish.
  if (chain.fourEyes && actor.userId === item.authorUserId) problems.push(M.fourEyesPublish());
  return problems;
}

function urgentGuard({ item, actor, chain, staffing, name }: Situation): Problem[] {
  if (item.publication === 'published' && !item.hasPendingChanges) return [M.nothingUrgent()];
  // Someone else must be able to approve it afterwards, or it would stay live unapproved.
  if (staffing && confirmersOf({ ...item, urgentPendingApproval: true, urgentPublishedBy: actor.userId }, chain, staffing).length === 0) return [M.noConfirmer(name)];
  return [];
}

function scheduleDueGuard(s: Situation): Problem[] {
  const due = dueNow(s.item, s.now);
  if (!due.publish && !due.unpublish) return [M.nothingDue()];
  // An archived site may still go quiet on schedule, never publish.
  if (due.publish && !s.actor.grants.siteWritable) return [M.siteReadOnly()];
  return [];
}

function dueNow(item: WorkflowItem, now: Date | null): { publish: boolean; unpublish: boolean } {
  if (!now) return { publish: false, unpublish: false };
  const reached = (iso: string | null) => iso !== null && Date.parse(iso) <= now.getTime();
  const publish = item.publication === 'scheduled' && reached(item.publishAt);
  const unpublish = (item.publication === 'published' || publish) && reached(item.unpublishAt);
  return { publish, unpublish };
}

// ---- Who may act ----

/** Permissions as authorize() sees them, except that an archived site is reported once, on its own. */
function holds(grants: Grants, permission: Permission): AuthDecision {
  return authorize({ ...grants, siteWritable: true }, permission);
}

/** A token limited to reading cannot change anything, even its author's own items. */
function mayWrite(grants: Grants): boolean {
  return grants.scopes === null || grants.scopes.includes('write');
}

function currentStep(item: WorkflowItem, chain: ReviewChain): ChainStep | undefined {
  return item.stepIndex === null ? undefined : chain.steps[item.stepIndex];
}

/**
 * Does this actor fit the step's actor? Own roles first, then a delegation
 * of that very role (so on-behalf-of names the person whose role is used);
 * for unit-head steps, heading the item's unit in person before by delegation.
 */
function matchStepActor(actor: StepActor, item: WorkflowItem, who: WorkflowActor): { onBehalfOfUserId: number | null } | null {
  if (actor.kind === 'role') {
    if (who.grants.ownRoles.includes(actor.role)) return { onBehalfOfUserId: null };
    const delegated = who.grants.delegated.find((d) => d.role === actor.role);
    return delegated ? { onBehalfOfUserId: delegated.fromUserId } : null;
  }
  if (item.unitId === null) return null;
  const heads = who.unitHeadOf.filter((h) => h.unitId === item.unitId);
  const head = heads.find((h) => h.onBehalfOfUserId === null) ?? heads[0];
  return head ? { onBehalfOfUserId: head.onBehalfOfUserId } : null;
}

/** The step's own actor, or its stand-in role when nobody can be the actor for this item (known only with the staffing). */
function fitsStep(step: ChainStep, item: WorkflowItem, who: WorkflowActor, chain: ReviewChain, staffing: Staffing | null): { onBehalfOfUserId: number | null } | null {
  const own = matchStepActor(step.actor, item, who);
  if (own) return own;
  if (!step.fallback || !staffing || staffOfStep(step, item, chain, staffing).primary.length > 0) return null;
  return matchStepActor({ kind: 'role', role: step.fallback }, item, who);
}

/** May this person approve, return or reject the item at its current step? */
export function canActOnStep(item: WorkflowItem, actor: WorkflowActor, chain: ReviewChain, staffing: Staffing | null = null): { can: boolean; onBehalfOfUserId: number | null } {
  const no = { can: false, onBehalfOfUserId: null };
  const step = item.reviewState === 'in_review' ? currentStep(item, chain) : undefined;
  if (!step) return no;
  const review = holds(actor.grants, 'content.review');
  if (!review.allowed) return no;
  const match = fitsStep(step, item, actor, chain, staffing);
  if (match) return { can: true, ...match };
  // A reassigned step: the assignee acts, with whatever grants them content.review.
  if (item.assigneeUserId === actor.userId) return { can: true, onBehalfOfUserId: review.onBehalfOfUserId };
  return no;
}

/**
 * May the item be given to this person at its current step ("Giao lại")?
 * Whoever could take the step, and the head of the board, to whom what the
 * step cannot settle is referred (000 Đ8.2). Never someone four eyes keeps
 * out: they could not move it on.
 */
export function mayBeAssigned(item: WorkflowItem, who: WorkflowActor, chain: ReviewChain, staffing: Staffing | null = null): boolean {
  const step = item.reviewState === 'in_review' ? currentStep(item, chain) : undefined;
  if (!step || !holds(who.grants, 'content.review').allowed) return false;
  if (chain.fourEyes && step.kind !== 'edit' && who.userId === item.authorUserId) return false;
  if (canActOnStep({ ...item, assigneeUserId: null }, who, chain, staffing).can) return true;
  return holds(who.grants, 'content.urgent_publish').allowed;
}

type WhoResult = { ok: true; onBehalfOfUserId: number | null } | { ok: false; problem: Problem };

function resolveWho(who: Who, s: Situation): WhoResult {
  const { item, actor, chain, staffing, name } = s;
  const isAuthor = actor.userId === item.authorUserId && mayWrite(actor.grants);
  const yes = (onBehalfOfUserId: number | null): WhoResult => ({ ok: true, onBehalfOfUserId });
  const no = (problem: Problem): WhoResult => ({ ok: false, problem });
  if (typeof who === 'object') {
    const d = holds(actor.grants, who.permission);
    return d.allowed ? yes(d.onBehalfOfUserId) : no(M.noPermission(who.permission));
  }
  switch (who) {
    case 'system':
      return yes(null);
    case 'author':
      return isAuthor ? yes(null) : no(M.notAuthor());
    case 'author_or_submitter': {
      if (isAuthor) return yes(null);
      const d = holds(actor.grants, 'content.submit');
      return d.allowed ? yes(d.onBehalfOfUserId) : no(M.notAuthorOrSubmitter());
    }
    case 'step_actor': {
      const c = canActOnStep(item, actor, chain, staffing);
      return c.can ? yes(c.onBehalfOfUserId) : no(M.notStepActor());
    }
    case 'step_actor_or_head': {
      const c = canActOnStep(item, actor, chain, staffing);
      if (c.can) return yes(c.onBehalfOfUserId);
      const d = holds(actor.grants, 'content.urgent_publish');
      return d.allowed ? yes(d.onBehalfOfUserId) : no(M.notStepActorNorHead(name));
    }
    case 'confirmer': {
      if (!holds(actor.grants, 'content.review').allowed) return no(M.notConfirmer(name));
      const last = chain.steps[chain.steps.length - 1];
      const match = last ? fitsStep(last, item, actor, chain, staffing) : null;
      if (match) return yes(match.onBehalfOfUserId);
      const d = holds(actor.grants, 'content.urgent_publish');
      if (d.allowed) return yes(d.onBehalfOfUserId);
      // A deputy (or a delegate of the role) stands in for the head.
      for (const role of CONFIRMING_ROLES) {
        const m = matchStepActor({ kind: 'role', role }, item, actor);
        if (m) return yes(m.onBehalfOfUserId);
      }
      return no(M.notConfirmer(name));
    }
  }
}

function fourEyesProblem(rule: FourEyes, s: Situation): Problem | null {
  const { item, actor, chain } = s;
  // Confirming one's own urgent publication would confirm nothing, whatever the chain says.
  if (rule === 'urgent_publisher' && item.urgentPublishedBy === actor.userId) return M.fourEyesConfirm();
  if (!chain.fourEyes) return null;
  switch (rule) {
    case 'none':
      return null;
    case 'author_at_review_step': {
      const step = currentStep(item, chain);
      return actor.userId === item.authorUserId && step && step.kind !== 'edit' ? M.fourEyesApprove() : null;
    }
    case 'author':
      return actor.userId === item.authorUserId ? M.fourEyesPublish() : null;
    case 'urgent_publisher':
      return actor.userId === item.authorUserId ? M.fourEyesApprove() : null;
  }
}

// ---- The gate: state and person, before anything typed ----

const inStates = <T>(states: States<T>, value: T) => states === ANY || states.includes(value);

export interface Gate {
  problems: Problem[];
  onBehalfOfUserId: number | null;
}

/** Why this person cannot take this action on this item now, whatever they type. */
function gate(type: ActionType, s: Situation): Gate {
  const rule = TRANSITIONS[type];
  const row = rule.from.find((r) => inStates(r.review, s.item.reviewState) && inStates(r.publication, s.item.publication));
  const problems: Problem[] = [];
  if (!row) {
    problems.push(rule.wrongState(s.item));
    // Who may act is still worth saying when it does not depend on the state.
    const first = rule.from[0];
    if (first && (typeof first.who === 'object' || first.who === 'author' || first.who === 'author_or_submitter')) {
      const who = resolveWho(first.who, s);
      if (!who.ok) problems.push(who.problem);
    }
    return { problems, onBehalfOfUserId: null };
  }
  problems.push(...(rule.guard?.(s) ?? []));
  const who = resolveWho(row.who, s);
  if (!who.ok) problems.push(who.problem);
  const fourEyes = fourEyesProblem(row.fourEyes, s);
  if (fourEyes) problems.push(fourEyes);
  return { problems, onBehalfOfUserId: who.ok ? who.onBehalfOfUserId : null };
}

/** The gate of one action, for queues and menus; an archived site refuses everything but the scheduler. */
export function gateOf(type: ActionType, item: WorkflowItem, actor: WorkflowActor, chain: ReviewChain, now: Date | null, staffing: Staffing | null = null): Gate {
  if (!actor.grants.siteWritable && type !== 'run_schedule') return { problems: [M.siteReadOnly()], onBehalfOfUserId: null };
  return gate(type, situation(item, actor, chain, now, staffing));
}

// ---- What the person typed ----

const MIN_REASON = 5;
const MIN_LEAD_MS = 60_000;

function trimmed(value: unknown): string {
  return typeof value === 'string' ? value.normalize('NFC').trim() : '';
}

function reasonProblems(value: unknown, what: { vi: string; en: string }, field: string): Problem[] {
  // Counted in characters as people see them (code points of NFC text).
  return Array.from(trimmed(value)).length >= MIN_REASON ? [] : [M.reasonTooShort(what, field)];
}

/** null = not given, undefined = not a time. */
function parseInstant(value: unknown): Date | null | undefined {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value !== 'string') return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : new Date(t);
}

function inputProblems(action: WorkflowAction, item: WorkflowItem, now: Date): Problem[] {
  switch (action.type) {
    case 'return': {
      const problems = reasonProblems(action.reason, REASONS.return, 'reason');
      if (action.to !== 'author' && action.to !== 'previous') problems.push(M.invalidReturnTarget());
      return problems;
    }
    case 'reject':
      return reasonProblems(action.reason, REASONS.reject, 'reason');
    case 'reassign': {
      const problems: Problem[] = [];
      if (!Number.isInteger(action.toUserId) || action.toUserId <= 0) problems.push(M.invalidUser());
      else if (action.toUserId === item.assigneeUserId) problems.push(M.reassignSame());
      if (action.eligible !== true) problems.push(M.reassignIneligible());
      return problems;
    }
    case 'schedule':
      return scheduleProblems(action, item, now);
    case 'unpublish':
      return reasonProblems(action.reason, REASONS.unpublish, 'reason');
    case 'take_down': {
      const problems: Problem[] = [];
      if (!(TAKE_DOWN_REASONS as readonly unknown[]).includes(action.reasonCode)) problems.push(M.invalidTakeDownCode());
      problems.push(...reasonProblems(action.reason, REASONS.take_down, 'reason'));
      if (typeof action.publicNotice !== 'boolean') problems.push(M.invalidPublicNotice());
      return problems;
    }
    case 'correct':
      return reasonProblems(action.note, REASONS.correct, 'note');
    case 'urgent_publish':
      return reasonProblems(action.reason, REASONS.urgent_publish, 'reason');
    default:
      return [];
  }
}

function scheduleProblems(action: { publishAt: unknown; unpublishAt: unknown }, item: WorkflowItem, now: Date): Problem[] {
  const problems: Problem[] = [];
  const publishAt = parseInstant(action.publishAt);
  const unpublishAt = parseInstant(action.unpublishAt);
  const earliest = now.getTime() + MIN_LEAD_MS;
  if (publishAt === undefined) problems.push(M.invalidTime('publishAt'));
  if (unpublishAt === undefined) problems.push(M.invalidTime('unpublishAt'));

  if (item.publication === 'published') {
    if (publishAt !== null) problems.push(M.publishedOnlyUnpublication());
    // Both empty clears a scheduled unpublication; with none to clear there is nothing to do.
    if (publishAt === null && unpublishAt === null && item.unpublishAt === null) problems.push(M.nothingToSchedule());
    if (unpublishAt && unpublishAt.getTime() < earliest) problems.push(M.unpublishTooSoon());
    return problems;
  }
  // Both empty on a scheduled item cancels the schedule; otherwise a time to publish is needed.
  const cancels = item.publication === 'scheduled' && publishAt === null && unpublishAt === null;
  if (publishAt === null && !cancels) problems.push(M.publishAtRequired());
  if (publishAt && publishAt.getTime() < earliest) problems.push(M.publishAtTooSoon());
  if (publishAt && unpublishAt && unpublishAt.getTime() <= publishAt.getTime()) problems.push(M.unpublishBeforePublish());
  return problems;
}

// ---- Applying an action ----

interface Applied {
  item: WorkflowItem;
  note: string | null;
  notify: Recipient[];
  publishesWorkingRevision: boolean;
  takeDown?: WorkflowEvent['takeDown'];
}

/** A copy the result may be built from, sharing nothing mutable with the input. */
function copyOf(item: WorkflowItem): WorkflowItem {
  return { ...item, approvals: item.approvals.map((a) => ({ ...a })) };
}

const NO_ROUND = { stepIndex: null, stepEnteredAt: null, stepDueAt: null, assigneeUserId: null } as const;

function dueAt(deadline: DeadlineValue | null, ctx: WorkflowContext): string | null {
  return deadline ? ctx.calendar.deadline(ctx.now, deadline).toISOString() : null;
}

/** A step's due time: from its entry, or from the board's receipt when the chain says so (001 Đ8.1). */
export function stepDueAt(step: ChainStep | undefined, ctx: WorkflowContext): string | null {
  if (step?.deadlineFrom === 'receipt' && ctx.receipt) {
    const deadline = ctx.receipt.boardApproval ?? step.deadline;
    return deadline ? ctx.calendar.deadline(new Date(ctx.receipt.at), deadline).toISOString() : null;
  }
  return dueAt(step?.deadline ?? null, ctx);
}

function atStep(item: WorkflowItem, index: number, chain: ReviewChain, ctx: WorkflowContext): WorkflowItem {
  const step = chain.steps[index];
  return {
    ...item,
    reviewState: 'in_review',
    stepIndex: index,
    stepEnteredAt: ctx.now.toISOString(),
    stepDueAt: stepDueAt(step, ctx),
    assigneeUserId: null,
  };
}

/** Past the last step: waiting for a publisher, within the chain's publication deadline. */
function approvedItem(item: WorkflowItem, chain: ReviewChain, ctx: WorkflowContext): WorkflowItem {
  return { ...item, ...NO_ROUND, reviewState: 'approved', stepEnteredAt: ctx.now.toISOString(), stepDueAt: dueAt(chain.publishDeadline, ctx) };
}

/** The working revision goes live; the review round is over. */
function publishedItem(item: WorkflowItem): WorkflowItem {
  return {
    ...item,
    ...NO_ROUND,
    reviewState: 'draft',
    approvals: [],
    publication: 'published',
    publishAt: null,
    hasLiveVersion: true,
    hasPendingChanges: false,
  };
}

/** Who takes the step: its actor, or its stand-in role when the actor is missing for this item. */
function stepRecipients(step: ChainStep | undefined, item: WorkflowItem, s: Situation): Recipient[] {
  if (!step) return [];
  if (step.fallback && s.staffing && staffOfStep(step, item, s.chain, s.staffing).primary.length === 0) return [{ kind: 'role', role: step.fallback }];
  if (step.actor.kind === 'role') return [{ kind: 'role', role: step.actor.role }];
  return item.unitId === null ? [] : [{ kind: 'unit_head', unitId: item.unitId }];
}

const author = (item: WorkflowItem): Recipient => ({ kind: 'user', userId: item.authorUserId });
const PUBLISHERS: Recipient = { kind: 'permission', permission: 'content.publish' };

function uniqueRecipients(list: Recipient[]): Recipient[] {
  const seen = new Set<string>();
  return list.filter((r) => {
    const key = JSON.stringify(r);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function apply(action: WorkflowAction, s: Situation, ctx: WorkflowContext): Applied {
  const { chain, actor } = s;
  const item = copyOf(s.item);
  const none = { note: null, publishesWorkingRevision: false };
  switch (action.type) {
    case 'submit': {
      const fresh: WorkflowItem = { ...item, approvals: [] };
      if (chain.steps.length === 0) return { ...none, item: approvedItem(fresh, chain, ctx), notify: [PUBLISHERS] };
      return { ...none, item: atStep(fresh, 0, chain, ctx), notify: stepRecipients(chain.steps[0], item, s) };
    }
    case 'withdraw':
      return { ...none, item: { ...item, ...NO_ROUND, reviewState: 'withdrawn', approvals: [] }, notify: stepRecipients(currentStep(item, chain), item, s) };
    case 'approve': {
      const index = item.stepIndex ?? 0;
      const approvals = [...item.approvals, { stepIndex: index, userId: actor.userId }];
      const note = trimmed(action.note) || null;
      if (index + 1 < chain.steps.length) {
        return { ...none, note, item: atStep({ ...item, approvals }, index + 1, chain, ctx), notify: stepRecipients(chain.steps[index + 1], item, s) };
      }
      return { ...none, note, item: approvedItem({ ...item, approvals }, chain, ctx), notify: [PUBLISHERS, author(item)] };
    }
    case 'return': {
      // From approval, "previous" is the chain's last step; a publication scheduled for it is called off.
      const fromApproved = item.reviewState === 'approved';
      const index = fromApproved ? chain.steps.length : (item.stepIndex ?? 0);
      const note = trimmed(action.reason);
      const back: WorkflowItem = fromApproved && item.publication === 'scheduled' ? { ...item, publication: 'unpublished', publishAt: null, unpublishAt: null } : item;
      if (action.to === 'author' || index === 0) {
        return { ...none, note, item: { ...back, ...NO_ROUND, reviewState: 'returned', approvals: [] }, notify: [author(item)] };
      }
      // The previous step acts again, so its approval (and any later one) no longer stands.
      const previous = index - 1;
      const approvers = item.approvals.filter((a) => a.stepIndex === previous).map((a): Recipient => ({ kind: 'user', userId: a.userId }));
      const approvals = item.approvals.filter((a) => a.stepIndex < previous);
      return { ...none, note, item: atStep({ ...back, approvals }, previous, chain, ctx), notify: uniqueRecipients([...approvers, ...stepRecipients(chain.steps[previous], item, s)]) };
    }
    case 'reject':
      return { ...none, note: trimmed(action.reason), item: { ...item, ...NO_ROUND, reviewState: 'rejected', approvals: [] }, notify: [author(item)] };
    case 'reassign':
      // The step's clock keeps running: a referral does not buy time.
      return { ...none, item: { ...item, assigneeUserId: action.toUserId }, notify: [{ kind: 'user', userId: action.toUserId }] };
    case 'publish':
      return { note: null, publishesWorkingRevision: true, item: publishedItem(item), notify: [author(item)] };
    case 'schedule':
      return { ...none, item: scheduledItem(item, action), notify: [author(item)] };
    case 'run_schedule': {
      const due = dueNow(item, ctx.now);
      let next = due.publish ? publishedItem(item) : item;
      if (due.unpublish) next = { ...next, publication: 'unpublished', unpublishAt: null };
      return { note: null, publishesWorkingRevision: due.publish, item: next, notify: [author(item)] };
    }
    case 'unpublish':
      return { ...none, note: trimmed(action.reason), item: { ...item, publication: 'unpublished', unpublishAt: null }, notify: [author(item)] };
    case 'take_down': {
      // An approval given before the take-down does not carry over: the item is reviewed again before it returns.
      const review: Partial<WorkflowItem> = item.reviewState === 'approved' ? { ...NO_ROUND, reviewState: 'draft', approvals: [] } : {};
      return {
        ...none,
        note: trimmed(action.reason),
        item: { ...item, ...review, publication: 'taken_down', publishAt: null, unpublishAt: null },
        // The secretariat reports take-downs to the head (000 Đ11.3c).
        notify: [author(item), { kind: 'role', role: 'editor_in_chief' }],
        takeDown: { reasonCode: action.reasonCode, publicNotice: action.publicNotice },
      };
    }
    case 'correct': {
      const note = trimmed(action.note);
      if (!item.hasPendingChanges) return { ...none, note, item, notify: [author(item)] };
      return { note, publishesWorkingRevision: true, item: publishedItem(item), notify: [author(item)] };
    }
    case 'urgent_publish':
      return {
        note: trimmed(action.reason),
        publishesWorkingRevision: true,
        // Any review round in progress ends: what is live is now confirmed with confirm_urgent.
        item: { ...publishedItem(item), urgentPendingApproval: true, urgentPublishedBy: actor.userId },
        // Everyone who could confirm it is told (the caller leaves out the person who published it).
        notify: uniqueRecipients([...CONFIRMING_ROLES.map((role): Recipient => ({ kind: 'role', role })), ...stepRecipients(chain.steps[chain.steps.length - 1], item, s), author(item)]),
      };
    case 'confirm_urgent': {
      const notify: Recipient[] = item.urgentPublishedBy === null ? [author(item)] : [{ kind: 'user', userId: item.urgentPublishedBy }, author(item)];
      return { ...none, note: trimmed(action.note) || null, item: { ...item, urgentPendingApproval: false, urgentPublishedBy: null }, notify: uniqueRecipients(notify) };
    }
  }
}

function scheduledItem(item: WorkflowItem, action: { publishAt: string | null; unpublishAt: string | null }): WorkflowItem {
  const iso = (v: string | null) => (v ? new Date(v).toISOString() : null);
  if (item.publication === 'published') return { ...item, unpublishAt: iso(action.unpublishAt) };
  if (action.publishAt === null || action.publishAt === '') return { ...item, publication: 'unpublished', publishAt: null, unpublishAt: null }; // cancelled
  return { ...item, publication: 'scheduled', publishAt: iso(action.publishAt), unpublishAt: iso(action.unpublishAt) };
}

// ---- The public API ----

const snapshot = (item: WorkflowItem): StateSnapshot => ({ review: item.reviewState, publication: item.publication, step: item.stepIndex });

function isActionType(value: unknown): value is ActionType {
  return (ACTION_TYPES as readonly unknown[]).includes(value);
}

/** Decide what an action does to an item, or every reason it cannot be done. */
export function decide(item: WorkflowItem, action: WorkflowAction, actor: WorkflowActor, chain: ReviewChain, ctx: WorkflowContext): Decision {
  if (!isActionType(action.type)) {
    return { ok: false, problems: [{ code: 'unknown_action', vi: 'Thao tác không hợp lệ.', en: 'Unknown action.' }] };
  }
  const staffing = ctx.staffing ?? null;
  const g = gateOf(action.type, item, actor, chain, ctx.now, staffing);
  // On an archived site nothing the person types could help: say only that.
  if (!actor.grants.siteWritable && action.type !== 'run_schedule') return { ok: false, problems: g.problems };
  const problems = [...g.problems, ...inputProblems(action, item, ctx.now)];
  if (problems.length > 0) return { ok: false, problems };
  const applied = apply(action, situation(item, actor, chain, ctx.now, staffing), ctx);
  const event: WorkflowEvent = {
    action: action.type,
    from: snapshot(item),
    to: snapshot(applied.item),
    note: applied.note,
    notify: applied.notify,
    publishesWorkingRevision: applied.publishesWorkingRevision,
    ...(applied.takeDown ? { takeDown: applied.takeDown } : {}),
  };
  return { ok: true, item: applied.item, event, onBehalfOfUserId: g.onBehalfOfUserId };
}

/** The actions (buttons) this person is offered on this item now. Agrees with decide() given valid input. */
export function availableActions(item: WorkflowItem, actor: WorkflowActor, chain: ReviewChain, ctx: WorkflowContext): ActionType[] {
  return ACTION_TYPES.filter((type) => gateOf(type, item, actor, chain, ctx.now, ctx.staffing ?? null).problems.length === 0);
}

export interface ActionOffer {
  type: ActionType;
  /** What still stands in the way; empty when the action can be taken now. */
  problems: Problem[];
}

/** Guard problems that mean the action has nothing to act on here, not something to fix: such actions are not offered. */
const NOTHING_TO_ACT_ON: ReadonlySet<string> = new Set(['nothing_to_submit', 'nothing_to_publish', 'not_urgent', 'nothing_due']);

/**
 * Every action this person could take on the item in its present state, each
 * with what still stands in the way (the guards' reasons: a missing unit, a
 * step nobody holds, four eyes…), so a page can show the action disabled with
 * its reasons instead of hiding it. Actions the person may never take, or that
 * the item's state rules out, are left out. The ones without problems are
 * exactly availableActions().
 */
export function offeredActions(item: WorkflowItem, actor: WorkflowActor, chain: ReviewChain, ctx: WorkflowContext): ActionOffer[] {
  if (!actor.grants.siteWritable) return [];
  const s = situation(item, actor, chain, ctx.now, ctx.staffing ?? null);
  const offers: ActionOffer[] = [];
  for (const type of ACTION_TYPES) {
    const rule = TRANSITIONS[type];
    const row = rule.from.find((r) => inStates(r.review, item.reviewState) && inStates(r.publication, item.publication));
    if (type === 'run_schedule' || !row || !resolveWho(row.who, s).ok) continue;
    const problems = [...(rule.guard?.(s) ?? [])];
    const fourEyes = fourEyesProblem(row.fourEyes, s);
    if (fourEyes) problems.push(fourEyes);
    if (!problems.some((p) => NOTHING_TO_ACT_ON.has(p.code))) offers.push({ type, problems });
  }
  return offers;
}

/**
 * Is the item late at its current step (or, once approved, for publication)?
 * A scheduled item is not late: the publisher has decided when it goes out.
 */
export function isOverdue(item: Pick<WorkflowItem, 'stepDueAt' | 'reviewState' | 'publication'>, now: Date): boolean {
  if (item.stepDueAt === null) return false;
  const waiting = item.reviewState === 'in_review' || (item.reviewState === 'approved' && item.publication !== 'scheduled');
  return waiting && now.getTime() > Date.parse(item.stepDueAt);
}
