// Routing citizens' cases: classify and assign to a unit, record the unit's
// receipt (004 Đ8.3: the same day), forward to the competent body, merge a
// duplicate, refuse (spam, out of scope, a reasoned refusal), the deadlines of
// information requests (simple or complex, notice, one extension) and the
// correction claims that end in a correction of the item concerned.
//
// Every change runs through changeCase: the row is locked and checked against
// the version the person saw, the change, its history row and its audit row
// commit together, and mail and notifications go out afterwards.
import { answerDeadlineKey, CASE_KIND_NAMES, isClosed, normalizeTrackingCode, type CaseKind } from '../../core/citizens/index.ts';
import { DomainError, ForbiddenError, NotFoundError, type Problem } from '../../core/errors.ts';
import { formatDateTime, isoNow, type Clock } from '../../core/time.ts';
import { format } from '../../ui/i18n.ts';
import type { Updateable } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { CitizenCaseRow, CitizenCasesTable } from '../../platform/db/schema.ts';
import type { Mailer } from '../../platform/mail.ts';
import { appendAudit, type AuditActor } from '../audit/store.ts';
import { notify, resolveRecipients, type Recipient } from '../notifications/notify.ts';
import { paths } from '../public/site-view.ts';
import { DEFAULT_LABELS, type Site } from '../sites/site.ts';
import { mailRequester } from './case-mail.ts';
import { caseNotices, caseProblems as P } from './admin-messages.ts';
import { isPublicRow, syncCaseIndex } from './public-index.ts';
import { dueAt } from './rules.ts';
import { articleRef, caseByTrackingCode, caseFields, correctionSince, getCase, handlesCase, lockedCase, mayOpenCase, parseDetails, unitAnswerers, type CaseViewer } from './store.ts';

export interface CaseContext {
  db: Db;
  mailer: Mailer;
  clock: Clock;
  /** The site's origin for links in e-mails, e.g. https://nhuxuan.thanhhoa.gov.vn */
  linkBase: string | null;
}

const WHAT = { vi: 'ý kiến', en: 'Case' };

export class StaleCaseError extends DomainError {
  constructor() {
    super(P.stale, 409);
    this.name = 'StaleCaseError';
  }
}

export interface CaseChange {
  update: Updateable<CitizenCasesTable>;
  /** The history row's action (assign, receipt, forward…). */
  action: string;
  note?: string | null;
  audit?: Record<string, unknown>;
  onBehalfOfUserId?: number | null;
  /** What to do once the change has committed: mail, notifications, the render cache. */
  after?: (row: CitizenCaseRow) => Promise<unknown>;
}

/**
 * Applies one change to a case the person may open: locks it, refuses a stale
 * version, writes the change, its event and its audit row in one transaction,
 * then runs the change's effects.
 */
export async function changeCase(
  ctx: CaseContext,
  actor: AuditActor,
  viewer: CaseViewer,
  caseId: number,
  lockVersion: number | null,
  decide: (row: CitizenCaseRow, trx: Db, now: Date) => Promise<CaseChange>,
): Promise<CitizenCaseRow> {
  if (viewer.readOnly) throw new ForbiddenError(P.siteReadOnly);
  const now = ctx.clock.now();
  const stamp = isoNow(ctx.clock);
  const { row, change } = await ctx.db.transaction().execute(async (trx) => {
    const before = await lockedCase(trx, actor.siteId, caseId);
    if (!before || !mayOpenCase(viewer, before)) throw new NotFoundError(WHAT);
    if (lockVersion !== null && before.lock_version !== lockVersion) throw new StaleCaseError();
    const change = await decide(before, trx, now);
    const updated = await trx
      .updateTable('citizen_cases')
      .set({ ...change.update, lock_version: before.lock_version + 1, updated_at: stamp })
      .where('site_id', '=', actor.siteId)
      .where('id', '=', before.id)
      .where('lock_version', '=', before.lock_version)
      .returningAll()
      .executeTakeFirst();
    if (!updated) throw new StaleCaseError();
    // Only a change to what is public touches the search index.
    if (isPublicRow(before) || isPublicRow(updated)) await syncCaseIndex(trx, updated);
    const onBehalfOfUserId = change.onBehalfOfUserId ?? actor.onBehalfOfUserId;
    await trx
      .insertInto('citizen_case_events')
      .values({ site_id: actor.siteId, case_id: before.id, action: change.action, from_status: before.status, to_status: updated.status, note: change.note ?? null, actor_user_id: actor.userId, on_behalf_of_user_id: onBehalfOfUserId, created_at: stamp })
      .execute();
    await appendAudit(
      trx,
      { ...actor, onBehalfOfUserId },
      { action: `citizen_case.${change.action}`, targetType: 'citizen_case', targetId: before.id, details: { code: before.tracking_code, from: before.status, to: updated.status, ...(change.note ? { note: change.note } : {}), ...change.audit } },
      ctx.clock,
    );
    return { row: updated, change };
  });
  await change.after?.(row);
  return row;
}

// ---- Small checks shared by the use cases ----

export function demandModerator(viewer: CaseViewer): void {
  if (!viewer.moderator) throw new ForbiddenError(P.moderatorsOnly(viewer.board ?? DEFAULT_LABELS.board));
}

/** Moderators, or the answerers of the unit the case is assigned to. */
export function demandHandler(viewer: CaseViewer, row: CitizenCaseRow): void {
  if (!viewer.moderator && !handlesCase(viewer, row)) throw new ForbiddenError(P.unitOnly(viewer.board ?? DEFAULT_LABELS.board));
}

/** Routing is possible until the answer goes into its approval chain. */
const ROUTABLE = ['received', 'assigned', 'in_progress'];

export function problemsIf(...checks: [boolean, Problem][]): void {
  const problems = checks.filter(([bad]) => bad).map(([, p]) => p);
  if (problems.length > 0) throw new DomainError(problems);
}

const MIN_REASON = 5;
export function reasonProblem(value: string | null | undefined, field: string, problem: Problem): [boolean, Problem] {
  return [Array.from((value ?? '').trim()).length < MIN_REASON, { ...problem, field }];
}

/** Tells people in the back office; titles carry the tracking code, never the requester's data. */
export async function tellStaff(ctx: CaseContext, site: Site, row: CitizenCaseRow, recipients: Recipient[], extraUserIds: number[], key: keyof typeof caseNotices, values: Record<string, string>, exceptUserId: number | null): Promise<void> {
  const kind = CASE_KIND_NAMES[row.kind as CaseKind]?.vi ?? row.kind;
  const all = { code: row.tracking_code, kind, kindLower: kind.charAt(0).toLowerCase() + kind.slice(1), ...values };
  const ids = [...(await resolveRecipients(ctx.db, site.id, recipients, ctx.clock)), ...extraUserIds];
  await notify(
    ctx.db,
    ctx.mailer,
    { siteId: site.id, kind: `citizen_case.${key}`, itemType: 'citizen_case', itemId: row.id, title: format(caseNotices[key].title, all), body: format(caseNotices[key].body, all), link: `/admin/cases/${row.id}` },
    ids,
    { exceptUserId, linkBase: ctx.linkBase, clock: ctx.clock },
  );
}

// ---- Classify and assign ----

export interface AssignInput {
  field: string | null;
  unitId: number | null;
  note: string | null;
}

export async function assignCase(ctx: CaseContext, actor: AuditActor, site: Site, viewer: CaseViewer, caseId: number, lockVersion: number | null, input: AssignInput): Promise<CitizenCaseRow> {
  demandModerator(viewer);
  return changeCase(ctx, actor, viewer, caseId, lockVersion, async (row, trx, now) => {
    const unit = input.unitId ? await trx.selectFrom('units').select(['id', 'name', 'archived_at']).where('site_id', '=', site.id).where('id', '=', input.unitId).executeTakeFirst() : undefined;
    const fields = caseFields(site);
    problemsIf(
      [!ROUTABLE.includes(row.status), P.notRoutable],
      [!input.field, { ...P.fieldRequired, field: 'field' }],
      [input.field !== null && !fields.includes(input.field) && input.field !== row.field, { ...P.fieldUnknown, field: 'field' }],
      [!unit || unit.archived_at !== null, { ...P.unitRequired, field: 'unitId' }],
      [row.unit_id === input.unitId && row.field === input.field && row.status !== 'received', P.nothingChanges],
    );
    const moved = row.unit_id !== input.unitId;
    // A unit where no one answers citizens (no unit head, no responder) would hold the case with nobody told.
    if ((moved || row.status === 'received') && (await unitAnswerers(trx, site.id, unit!.id)).length === 0) {
      throw new DomainError({
        code: 'unit_unstaffed',
        field: 'unitId',
        vi: `${unit!.name} chưa có lãnh đạo đơn vị hoặc cán bộ trả lời ý kiến người dân nào đang hoạt động, nên chưa giao được: chọn đơn vị khác, hoặc đề nghị quản trị trang thêm người vào đơn vị.`,
        en: `${unit!.name} has no active unit head or responder to answer citizens, so the case cannot be assigned there: choose another unit, or ask the site administrator to add someone to it.`,
      });
    }
    const stamp = now.toISOString();
    const update: Updateable<CitizenCasesTable> = { field: input.field };
    if (moved || row.status === 'received') {
      Object.assign(update, {
        unit_id: input.unitId,
        status: 'assigned',
        assigned_at: stamp,
        assigned_by_user_id: actor.userId,
        receipt_due_at: (await dueAt(trx, site, 'deadline.unit_receipt', now)).toISOString(),
        receipt_recorded_at: null,
        receipt_recorded_by_user_id: null,
      });
    }
    // Legal deadlines count from the agency's receipt of the case, not from the assignment; an extension stands.
    if (row.extended_at === null) update.due_at = (await dueAt(trx, site, answerDeadlineKey(row.kind as CaseKind, row.complexity as 'simple' | 'complex' | null), new Date(row.created_at))).toISOString();
    const action = row.status === 'received' ? 'assign' : moved ? 'reassign' : 'classify';
    return {
      update,
      action,
      note: input.note,
      audit: { unitId: input.unitId, field: input.field },
      after: async (updated) => {
        if (!moved && row.status !== 'received') return;
        const staff = await unitAnswerers(ctx.db, site.id, updated.unit_id!);
        await tellStaff(ctx, site, updated, [{ kind: 'unit_head', unitId: updated.unit_id! }], staff, 'assign', { due: updated.due_at ? formatDateTime(updated.due_at) : '—' }, actor.userId);
      },
    };
  });
}

// ---- The unit records receipt ----

export async function recordReceipt(ctx: CaseContext, actor: AuditActor, site: Site, viewer: CaseViewer, caseId: number, lockVersion: number | null): Promise<CitizenCaseRow> {
  return changeCase(ctx, actor, viewer, caseId, lockVersion, async (row, _trx, now) => {
    demandHandler(viewer, row);
    problemsIf([row.status !== 'assigned', P.notAwaitingReceipt]);
    const late = row.receipt_due_at !== null && now.getTime() > Date.parse(row.receipt_due_at);
    return {
      update: { status: 'in_progress', receipt_recorded_at: now.toISOString(), receipt_recorded_by_user_id: actor.userId },
      action: 'receipt',
      note: late ? P.receiptLate.vi : null,
      audit: { late },
      // 004 Đ8.3: the unit reports what it received to its head the same day.
      after: (updated) => tellStaff(ctx, site, updated, [{ kind: 'unit_head', unitId: updated.unit_id! }], [], 'receipt', { at: formatDateTime(now) }, actor.userId),
    };
  });
}

// ---- Outcomes without an answer ----

function closing(now: Date, status: string, extra: Updateable<CitizenCasesTable>): Updateable<CitizenCasesTable> {
  return { status, closed_at: now.toISOString(), ...extra };
}

export async function forwardCase(ctx: CaseContext, actor: AuditActor, site: Site, viewer: CaseViewer, caseId: number, lockVersion: number | null, input: { to: string | null; reason: string | null }): Promise<CitizenCaseRow> {
  demandModerator(viewer);
  return changeCase(ctx, actor, viewer, caseId, lockVersion, async (row, _trx, now) => {
    problemsIf([!ROUTABLE.includes(row.status), P.notRoutable], [!input.to, { ...P.forwardToRequired, field: 'to' }], reasonProblem(input.reason, 'reason', P.reasonRequired));
    return {
      update: closing(now, 'forwarded', { forwarded_to: input.to, outcome_reason: input.reason }),
      action: 'forward',
      note: `${input.to} — ${input.reason}`,
      after: (updated) => mailRequester(ctx.mailer, site, updated, 'forwarded', { to: input.to, reason: input.reason }, ctx.linkBase),
    };
  });
}

/** The case a duplicate merges into: by tracking code or number, of this site and kind, open or answered. */
async function mergeTarget(db: Db, siteId: number, reference: string): Promise<CitizenCaseRow | undefined> {
  const code = normalizeTrackingCode(reference);
  if (code) return caseByTrackingCode(db, siteId, code);
  const id = /^#?(\d{1,12})$/.exec(reference.trim())?.[1];
  return id ? getCase(db, siteId, Number(id)) : undefined;
}

export async function mergeCase(ctx: CaseContext, actor: AuditActor, site: Site, viewer: CaseViewer, caseId: number, lockVersion: number | null, input: { target: string | null; note: string | null }): Promise<CitizenCaseRow> {
  demandModerator(viewer);
  return changeCase(ctx, actor, viewer, caseId, lockVersion, async (row, trx, now) => {
    const target = input.target ? await mergeTarget(trx, site.id, input.target) : undefined;
    problemsIf(
      [!ROUTABLE.includes(row.status), P.notRoutable],
      [!target, { ...P.mergeTargetUnknown, field: 'target' }],
      [target !== undefined && target.id === row.id, { ...P.mergeSelf, field: 'target' }],
      [target !== undefined && target.kind !== row.kind, { ...P.mergeOtherKind, field: 'target' }],
      [target !== undefined && ['refused', 'forwarded', 'merged'].includes(target.status), { ...P.mergeClosedTarget, field: 'target' }],
    );
    return {
      update: closing(now, 'merged', { merged_into_id: target!.id, outcome_reason: input.note }),
      action: 'merge',
      note: `${target!.tracking_code}${input.note ? ` — ${input.note}` : ''}`,
      audit: { into: target!.id },
      after: (updated) => mailRequester(ctx.mailer, site, updated, 'merged', { other: target!.tracking_code, note: input.note }, ctx.linkBase),
    };
  });
}

export const REFUSAL_CODES = ['spam', 'out_of_scope', 'refusal'] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

/** Spam and out-of-scope cases for every kind; a reasoned refusal in writing for information requests and correction claims. */
export function refusalCodesFor(kind: string): RefusalCode[] {
  return kind === 'info_request' || kind === 'correction_claim' ? [...REFUSAL_CODES] : ['spam', 'out_of_scope'];
}

export async function refuseCase(ctx: CaseContext, actor: AuditActor, site: Site, viewer: CaseViewer, caseId: number, lockVersion: number | null, input: { code: RefusalCode | null; reason: string | null }): Promise<CitizenCaseRow> {
  demandModerator(viewer);
  return changeCase(ctx, actor, viewer, caseId, lockVersion, async (row, _trx, now) => {
    problemsIf(
      [!ROUTABLE.includes(row.status), P.notRoutable],
      [!input.code || !refusalCodesFor(row.kind).includes(input.code), { ...P.refusalCodeRequired, field: 'code' }],
      reasonProblem(input.reason, 'reason', P.reasonRequired),
    );
    const details = { ...parseDetails(row), refusal: input.code };
    return {
      update: closing(now, 'refused', { outcome_reason: input.reason, details: JSON.stringify(details) }),
      action: 'refuse',
      note: `[${input.code}] ${input.reason}`,
      audit: { code: input.code },
      // Spam gets no reply: it would only confirm the address to whoever sent it.
      after: async (updated) => (input.code === 'spam' ? null : mailRequester(ctx.mailer, site, updated, 'refused', { reason: input.reason }, ctx.linkBase)),
    };
  });
}

// ---- Information requests: simple or complex, notice, one extension ----

function demandInfoRequest(row: CitizenCaseRow): void {
  problemsIf([row.kind !== 'info_request', P.infoRequestsOnly], [isClosed(row.status), P.closed]);
}

export async function setComplexity(ctx: CaseContext, actor: AuditActor, site: Site, viewer: CaseViewer, caseId: number, lockVersion: number | null, complexity: 'simple' | 'complex' | null): Promise<CitizenCaseRow> {
  return changeCase(ctx, actor, viewer, caseId, lockVersion, async (row, trx) => {
    demandHandler(viewer, row);
    demandInfoRequest(row);
    problemsIf(
      [!complexity, { ...P.complexityRequired, field: 'complexity' }],
      [complexity === row.complexity, P.nothingChanges],
      [row.notice_sent_at !== null || row.extended_at !== null, P.complexityFixed],
    );
    // Law 104/2016 Art. 24: both deadlines count from the receipt of the request.
    const received = new Date(row.created_at);
    const update: Updateable<CitizenCasesTable> =
      complexity === 'complex'
        ? { complexity, notice_due_at: (await dueAt(trx, site, 'deadline.info_request_notice', received)).toISOString(), due_at: (await dueAt(trx, site, 'deadline.info_request_complex', received)).toISOString() }
        : { complexity, notice_due_at: null, due_at: (await dueAt(trx, site, 'deadline.info_request_simple', received)).toISOString() };
    return { update, action: 'complexity', note: complexity, audit: { complexity } };
  });
}

export async function sendNotice(ctx: CaseContext, actor: AuditActor, site: Site, viewer: CaseViewer, caseId: number, lockVersion: number | null): Promise<CitizenCaseRow> {
  return changeCase(ctx, actor, viewer, caseId, lockVersion, async (row, _trx, now) => {
    demandHandler(viewer, row);
    demandInfoRequest(row);
    problemsIf([row.complexity !== 'complex', P.complexOnly], [row.notice_sent_at !== null, P.noticeAlreadySent]);
    return {
      update: { notice_sent_at: now.toISOString() },
      action: 'notice',
      after: (updated) => mailRequester(ctx.mailer, site, updated, 'notice', { due: updated.due_at }, ctx.linkBase),
    };
  });
}

export async function extendDeadline(ctx: CaseContext, actor: AuditActor, site: Site, viewer: CaseViewer, caseId: number, lockVersion: number | null, reason: string | null): Promise<CitizenCaseRow> {
  return changeCase(ctx, actor, viewer, caseId, lockVersion, async (row, trx, now) => {
    demandHandler(viewer, row);
    demandInfoRequest(row);
    problemsIf([row.complexity !== 'complex', P.complexOnly], [row.extended_at !== null, P.alreadyExtended], reasonProblem(reason, 'reason', P.reasonRequired));
    const from = row.due_at ? new Date(row.due_at) : now;
    const due = await dueAt(trx, site, 'deadline.info_request_extension', from);
    return {
      update: { extended_at: now.toISOString(), extension_reason: reason, due_at: due.toISOString() },
      action: 'extend',
      note: reason,
      audit: { from: row.due_at, to: due.toISOString() },
      after: (updated) => mailRequester(ctx.mailer, site, updated, 'extended', { due: updated.due_at, reason }, ctx.linkBase),
    };
  });
}

// ---- Correction claims ----

function demandOpenClaim(row: CitizenCaseRow): void {
  problemsIf([row.kind !== 'correction_claim', P.claimsOnly], [!ROUTABLE.includes(row.status), P.notRoutable]);
}

export async function setClaimArticle(ctx: CaseContext, actor: AuditActor, site: Site, viewer: CaseViewer, caseId: number, lockVersion: number | null, articleId: number | null): Promise<CitizenCaseRow> {
  demandModerator(viewer);
  return changeCase(ctx, actor, viewer, caseId, lockVersion, async (row, trx) => {
    demandOpenClaim(row);
    const article = articleId ? await articleRef(trx, site.id, articleId) : undefined;
    problemsIf([!article, { ...P.articleUnknown, field: 'articleId' }]);
    return { update: { article_id: article!.id }, action: 'claim_article', note: `#${article!.id} ${article!.title}`, audit: { articleId: article!.id } };
  });
}

export interface UpheldClaim {
  at: string;
  byUserId: number | null;
  note: string;
}

export function upheldOf(row: CitizenCaseRow): UpheldClaim | null {
  const upheld = parseDetails(row).upheld as UpheldClaim | undefined;
  return upheld && typeof upheld.at === 'string' ? upheld : null;
}

/** The claim is founded: it stays open until the board publishes a correction of the article. */
export async function upholdClaim(ctx: CaseContext, actor: AuditActor, site: Site, viewer: CaseViewer, caseId: number, lockVersion: number | null, note: string | null): Promise<CitizenCaseRow> {
  demandModerator(viewer);
  return changeCase(ctx, actor, viewer, caseId, lockVersion, async (row, _trx, now) => {
    demandOpenClaim(row);
    problemsIf([row.article_id === null, P.articleFirst], [upheldOf(row) !== null, P.alreadyUpheld], reasonProblem(note, 'note', P.noteRequired));
    const upheld: UpheldClaim = { at: now.toISOString(), byUserId: actor.userId, note: note! };
    return { update: { details: JSON.stringify({ ...parseDetails(row), upheld }) }, action: 'uphold', note };
  });
}

/** Ends an upheld claim with the correction of its article published since the claim arrived. */
export async function closeWithCorrection(ctx: CaseContext, actor: AuditActor, site: Site, viewer: CaseViewer, caseId: number, lockVersion: number | null): Promise<CitizenCaseRow> {
  demandModerator(viewer);
  let link: string | null = null;
  return changeCase(ctx, actor, viewer, caseId, lockVersion, async (row, trx, now) => {
    demandOpenClaim(row);
    const upheld = upheldOf(row);
    problemsIf([upheld === null, P.upholdFirst]);
    const correction = row.article_id ? await correctionSince(trx, site.id, row.article_id, row.created_at) : undefined;
    problemsIf([!correction, P.noCorrectionYet]);
    const article = await articleRef(trx, site.id, row.article_id!);
    link = article ? paths.article(article.slug) : null;
    const answer = `${upheld!.note}\n\n${correction!.note}`;
    return {
      update: closing(now, 'answered', { correction_id: correction!.id, answer, answered_at: now.toISOString() }),
      action: 'close_with_correction',
      note: correction!.note,
      audit: { correctionId: correction!.id, articleId: row.article_id },
      after: (updated) => mailRequester(ctx.mailer, site, updated, 'corrected', { link, answer }, ctx.linkBase),
    };
  });
}
