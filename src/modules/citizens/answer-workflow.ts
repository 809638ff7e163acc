// The answer to a case and its approval chain. The assigned unit's answerers
// write it (plain text); it goes through chain.answer with the workflow
// engine — the answer's author is the item's author, the case's unit its unit,
// so a unit-head step falls to that unit's head — and, once approved, the
// board sends it to the requester and publishes it when it may be public.
import { CASE_KIND_NAMES, type CaseKind } from '../../core/citizens/index.ts';
import { DomainError, ForbiddenError, type Problem } from '../../core/errors.ts';
import type { Grants } from '../../core/permissions.ts';
import { vietnamDate } from '../../core/time.ts';
import { decide, parseChain, type ReviewChain, type WorkflowAction, type WorkflowEvent, type WorkflowItem } from '../../core/workflow/index.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Updateable } from 'kysely';
import type { CitizenCaseRow, CitizenCasesTable } from '../../platform/db/schema.ts';
import { siteContentChanged } from '../../platform/events.ts';
import type { AuditActor } from '../audit/store.ts';
import type { Recipient } from '../notifications/notify.ts';
import { DEFAULT_LABELS, type Site } from '../sites/site.ts';
import { alertIfStuck, sweepStuck, type NoticeContext, type WaitingItem } from '../articles/stuck-items.ts';
import { loadStaffing, siteCalendar, workflowActor } from '../articles/workflow-context.ts';
import { caseProblems as P } from './admin-messages.ts';
import { mailRequester } from './case-mail.ts';
import { gatePublication, type PersonalDataConfirmation, type PublicationGate, type PublicTexts } from './publication-check.ts';
import { changeCase, demandModerator, problemsIf, reasonProblem, tellStaff, type CaseContext } from './manage-cases.ts';
import { answerChainInForce } from './rules.ts';
import { answerFiles, handlesCase, type CaseViewer } from './store.ts';

export const MAX_ANSWER = 20_000;

/** The case as the workflow engine sees it: never published by the engine (sending is the board's own step). */
export function itemOfCase(row: CitizenCaseRow): WorkflowItem {
  return {
    reviewState: row.review_state as WorkflowItem['reviewState'],
    stepIndex: row.step_index,
    stepEnteredAt: row.step_entered_at,
    stepDueAt: row.step_due_at,
    assigneeUserId: row.assignee_user_id,
    approvals: JSON.parse(row.approvals) as WorkflowItem['approvals'],
    publication: 'unpublished',
    publishAt: null,
    unpublishAt: null,
    hasLiveVersion: false,
    hasPendingChanges: false,
    urgentPendingApproval: false,
    urgentPublishedBy: null,
    authorUserId: row.answer_author_user_id ?? 0,
    unitId: row.unit_id,
  };
}

/** The chain of this round: the one the answer was submitted under, or the one in force. */
export async function chainOfCase(db: Db, row: CitizenCaseRow, now: Date): Promise<ReviewChain> {
  if (row.chain) {
    const parsed = parseChain(JSON.parse(row.chain));
    if ('chain' in parsed) return parsed.chain;
  }
  return answerChainInForce(db, row.site_id, vietnamDate(now));
}

/** A question whose asker agreed, or a petition's handling result (002 Đ2.3), may be published. */
export function isPublishable(row: Pick<CitizenCaseRow, 'kind' | 'consent_publish'>): boolean {
  return row.kind === 'petition' || (row.kind === 'question' && row.consent_publish === 1);
}

export function isPublic(row: Pick<CitizenCaseRow, 'published_at' | 'unpublished_at'>): boolean {
  return row.published_at !== null && row.unpublished_at === null;
}

export function demandUnit(viewer: CaseViewer, row: CitizenCaseRow): void {
  if (!handlesCase(viewer, row)) throw new ForbiddenError(P.unitOnly(viewer.board ?? DEFAULT_LABELS.board));
}

/** The answer may be written while the unit handles the case and it is not in the chain. */
export function draftingProblems(row: CitizenCaseRow): void {
  problemsIf([row.status === 'assigned', P.receiptFirst], [row.status !== 'in_progress' && row.status !== 'assigned', P.notDrafting]);
}

export async function saveAnswer(ctx: CaseContext, actor: AuditActor, viewer: CaseViewer, caseId: number, lockVersion: number | null, text: string | null): Promise<CitizenCaseRow> {
  return changeCase(ctx, actor, viewer, caseId, lockVersion, async (row) => {
    demandUnit(viewer, row);
    draftingProblems(row);
    problemsIf([!text, { ...P.answerRequired, field: 'answer' }], [Array.from(text ?? '').length > MAX_ANSWER, { ...P.answerTooLong, field: 'answer' }]);
    // Whoever last changed the words is the author: four eyes keeps them from approving them.
    const changed = text !== row.answer;
    return { update: { answer: text, answer_author_user_id: changed || row.answer_author_user_id === null ? actor.userId : row.answer_author_user_id }, action: 'answer_save', audit: { length: Array.from(text!).length } };
  });
}

export type ReviewDecision = 'submit' | 'approve' | 'return' | 'reject' | 'withdraw';

function engineAction(decision: ReviewDecision, reason: string | null): WorkflowAction {
  switch (decision) {
    case 'approve':
      return reason ? { type: 'approve', note: reason } : { type: 'approve' };
    case 'return':
      return { type: 'return', to: 'author', reason: reason ?? '' };
    case 'reject':
      return { type: 'reject', reason: reason ?? '' };
    default:
      return { type: decision };
  }
}

/** The case's status follows the answer's review state. */
function statusOfReview(review: string): string {
  return review === 'in_review' ? 'in_review' : review === 'approved' ? 'approved' : 'in_progress';
}

const FORBIDDEN_CODES = new Set(['no_permission', 'not_author', 'not_author_or_submitter', 'not_step_actor', 'four_eyes', 'site_read_only']);

/**
 * Submits the answer to its chain, or acts on it at its current step
 * (approve, return to the unit, reject) or withdraws it (its author, before
 * anyone approved). The engine decides; the case follows.
 */
export async function actOnAnswer(ctx: CaseContext, actor: AuditActor, grants: Grants, site: Site, viewer: CaseViewer, caseId: number, lockVersion: number | null, decision: ReviewDecision, reason: string | null): Promise<CitizenCaseRow> {
  return changeCase(ctx, actor, viewer, caseId, lockVersion, async (row, trx, now) => {
    if (decision === 'submit') {
      demandUnit(viewer, row);
      draftingProblems(row);
      problemsIf([!row.answer, P.answerRequired]);
    } else {
      problemsIf([row.status !== 'in_review', P.notInReview]);
    }
    const chain = decision === 'submit' ? await answerChainInForce(trx, site.id, vietnamDate(now)) : await chainOfCase(trx, row, now);
    const wfActor = await workflowActor(trx, site.id, actor.userId ?? 0, grants);
    // Who is there decides whether a step can be taken: an answer nobody could approve is refused at submission.
    const staffing = await loadStaffing(trx, site, vietnamDate(now));
    const decided = decide(itemOfCase(row), engineAction(decision, reason), wfActor, chain, { now, calendar: siteCalendar(site), staffing });
    if (!decided.ok) throw new DomainError(decided.problems, decided.problems.some((p) => FORBIDDEN_CODES.has(p.code)) ? 403 : 422);
    const { item, event } = decided;
    return {
      update: {
        review_state: item.reviewState,
        step_index: item.stepIndex,
        step_entered_at: item.stepEnteredAt,
        step_due_at: item.stepDueAt,
        assignee_user_id: item.assigneeUserId,
        approvals: JSON.stringify(item.approvals),
        status: statusOfReview(item.reviewState),
        ...(decision === 'submit' ? { chain: JSON.stringify(chain) } : {}),
      },
      action: `answer_${decision}`,
      note: event.note,
      onBehalfOfUserId: decided.onBehalfOfUserId ?? actor.onBehalfOfUserId,
      audit: { review: { from: event.from, to: event.to } },
      after: async (updated) => {
        await announce(ctx, site, updated, event, chain, actor.userId);
        await alertIfStuck(ctx, site, waitingAnswer(updated, chain), staffing, actor.userId);
      },
    };
  });
}

/** The case's answer as an item that may wait where nobody can act. */
export function waitingAnswer(row: CitizenCaseRow, chain: ReviewChain): WaitingItem {
  return { itemType: 'citizen_case', itemId: row.id, label: `Câu trả lời ý kiến ${row.tracking_code}`, link: `/admin/cases/${row.id}`, item: itemOfCase(row), chain, publishedAt: null, reassignable: false };
}

/** Answers in review whose step nobody can take any more (the unit's head left, a delegation ended). */
export async function sweepStuckAnswers(ctx: NoticeContext): Promise<number> {
  return sweepStuck(ctx, async (db, site, now) => {
    const rows = await db.selectFrom('citizen_cases').selectAll().where('site_id', '=', site.id).where('review_state', '=', 'in_review').execute();
    return Promise.all(rows.map(async (row) => waitingAnswer(row, await chainOfCase(db, row, now))));
  });
}

/** The engine says whom to tell; "publishers" of an answer are the board that sends it. */
async function announce(ctx: CaseContext, site: Site, row: CitizenCaseRow, event: WorkflowEvent, chain: ReviewChain, actorUserId: number | null): Promise<void> {
  if (event.notify.length === 0) return;
  const recipients: Recipient[] = event.notify.map((r) => (r.kind === 'permission' && r.permission === 'content.publish' ? { kind: 'permission', permission: 'interaction.moderate' } : r));
  const key = event.action === 'approve' && event.to.review === 'approved' ? 'approved' : event.action;
  if (!['submit', 'approve', 'approved', 'return', 'reject', 'withdraw'].includes(key)) return;
  const step = event.to.step === null ? '' : (chain.steps[event.to.step]?.name ?? '');
  await tellStaff(ctx, site, row, recipients, [], key as 'submit', { step, note: event.note ?? '' }, actorUserId);
}

// ---- Sending and publication ----

export interface PublicationInput {
  publicTitle: string | null;
  publicBody: string | null;
  /** The answer as published; when not given, the approved answer (checked all the same). */
  publicAnswer?: string | null;
  /** Publishing personal data the check found, on purpose and with a reason. */
  personalData?: PersonalDataConfirmation;
}

export interface SendInput extends PublicationInput {
  publish: boolean;
}

/** Refuses what may not be public (every problem at once) and says what the audit keeps of the personal-data check. */
function publicationGate(row: CitizenCaseRow, site: Site, input: PublicationInput, problems: Problem[] = []): PublicationGate & { texts: PublicTexts } {
  // Nothing to check in what may not be public at all.
  if (!isPublishable(row)) throw new DomainError([...problems, P.notPublishable]);
  if (!input.publicTitle) problems.push({ ...P.publicTitleRequired, field: 'publicTitle' });
  if (!input.publicBody) problems.push({ ...P.publicBodyRequired, field: 'publicBody' });
  const texts: PublicTexts = { publicTitle: input.publicTitle ?? '', publicBody: input.publicBody ?? '', publicAnswer: input.publicAnswer || (row.answer ?? '') };
  return { ...gatePublication(row, site, texts, input.personalData, problems), texts };
}

function publicColumns(texts: PublicTexts): Updateable<CitizenCasesTable> {
  return { public_title: texts.publicTitle, public_body: texts.publicBody, public_answer: texts.publicAnswer };
}

/** Sends the approved answer to the requester and, when it may be public and the board chooses, publishes it. */
export async function sendAnswer(ctx: CaseContext, actor: AuditActor, site: Site, viewer: CaseViewer, caseId: number, lockVersion: number | null, input: SendInput): Promise<CitizenCaseRow> {
  demandModerator(viewer);
  return changeCase(ctx, actor, viewer, caseId, lockVersion, async (row, _trx, now) => {
    problemsIf([row.status !== 'approved', P.notApproved]);
    const gate = input.publish ? publicationGate(row, site, input) : null;
    const stamp = now.toISOString();
    return {
      update: {
        status: 'answered',
        answered_at: stamp,
        closed_at: stamp,
        ...(gate ? { ...publicColumns(gate.texts), published_at: stamp, unpublished_at: null } : {}),
      },
      action: 'send',
      // The history shows notes as written: words, not the action's code.
      note: gate ? ['Đăng công khai', gate.note].filter(Boolean).join(' — ') : null,
      audit: { published: input.publish, ...(gate?.audit ? { personalData: gate.audit } : {}) },
      after: async (updated) => {
        if (input.publish) siteContentChanged(site.id);
        const files = (await answerFiles(ctx.db, site.id, updated.id)).map((f) => ({ id: f.id, name: f.original_name }));
        await mailRequester(ctx.mailer, site, updated, 'answered', { answer: updated.answer, files }, ctx.linkBase);
        const staff = updated.answer_author_user_id ? [updated.answer_author_user_id] : [];
        await tellStaff(ctx, site, updated, updated.unit_id ? [{ kind: 'unit_head', unitId: updated.unit_id }] : [], staff, 'send', {}, actor.userId);
      },
    };
  });
}

/** Publishes an answered case (again), or edits what is public; the board removes personal data first. */
export async function setPublication(ctx: CaseContext, actor: AuditActor, site: Site, viewer: CaseViewer, caseId: number, lockVersion: number | null, input: PublicationInput): Promise<CitizenCaseRow> {
  demandModerator(viewer);
  return changeCase(ctx, actor, viewer, caseId, lockVersion, async (row, _trx, now) => {
    const gate = publicationGate(row, site, input, row.status !== 'answered' || row.correction_id !== null ? [P.notAnswered] : []);
    const republish = !isPublic(row);
    return {
      update: { ...publicColumns(gate.texts), ...(republish ? { published_at: now.toISOString(), unpublished_at: null } : {}) },
      action: republish ? 'publish' : 'publication',
      note: gate.note,
      ...(gate.audit ? { audit: { personalData: gate.audit } } : {}),
      after: async () => siteContentChanged(site.id),
    };
  });
}

export async function unpublishCase(ctx: CaseContext, actor: AuditActor, site: Site, viewer: CaseViewer, caseId: number, lockVersion: number | null, reason: string | null): Promise<CitizenCaseRow> {
  demandModerator(viewer);
  return changeCase(ctx, actor, viewer, caseId, lockVersion, async (row, _trx, now) => {
    problemsIf([!isPublic(row), P.notPublished], reasonProblem(reason, 'reason', P.reasonRequired));
    return { update: { unpublished_at: now.toISOString() }, action: 'unpublish', note: reason, after: async () => siteContentChanged(site.id) };
  });
}

/** The name of the kind, for pages. */
export function kindName(kind: string, lang: 'vi' | 'en'): string {
  return CASE_KIND_NAMES[kind as CaseKind]?.[lang] ?? kind;
}
