// Comments on a draft: received from the public form while it is open,
// moderated before anything appears, answered by the drafting agency
// (tiếp thu / giải trình), summed up in the results that conclude the
// consultation, exported for the board. Personal data (name, e-mail,
// organisation) never leaves the back office.
import { sanitizeArticleHtml } from '../../core/content/index.ts';
import { DomainError, NotFoundError, type Problem } from '../../core/errors.ts';
import type { Grants } from '../../core/permissions.ts';
import { formatDate, formatDateTime, isoNow, systemClock, vietnamDate, type Clock } from '../../core/time.ts';
import { normalizeInput } from '../../core/vietnamese/index.ts';
import type { Db } from '../../platform/db/database.ts';
import type { ConsultationCommentRow, ConsultationRow } from '../../platform/db/schema.ts';
import { siteContentChanged } from '../../platform/events.ts';
import type { Mailer } from '../../platform/mail.ts';
import { appendAudit, type AuditActor } from '../audit/store.ts';
import { ADDRESS_LIMIT, addressWindowStart } from '../citizens/protection.ts';
import { notify, resolveRecipients } from '../notifications/notify.ts';
import { demandSiteReceives } from '../sites/store.ts';
import { demandModerator, loadConsultation } from './manage-consultations.ts';
import { COMMENT_LIMITS, LIMITS, partsOf, phaseOf, type CommentStatus, type ResponseKind } from './model.ts';
import { commentsFromAddress, listComments } from './store.ts';

const COMMENT = { vi: 'ý kiến', en: 'Comment' };

export interface CommentInput {
  name: string;
  email: string;
  organisation: string | null;
  part: string | null;
  body: string;
}

export class ConsultationClosedError extends DomainError {
  constructor() {
    super({ code: 'consultation_closed', vi: 'Đã hết thời gian lấy ý kiến đối với dự thảo này.', en: 'The comment period of this draft has ended.' }, 409);
    this.name = 'ConsultationClosedError';
  }
}

/**
 * Stores a comment on an open draft (pending moderation) and tells the
 * moderators after commit. Refused when the site no longer operates, when the
 * draft is not open on the day the comment arrives, when the part is not one
 * of the draft's, and when the address has sent too many comments to the site
 * lately.
 */
/** The receipt of a comment: when it arrived, that it shows without the sender once moderated, when the results come. */
function acknowledgement(consultation: ConsultationRow, email: string, clock: Clock, linkBase: string) {
  const link = `${linkBase}/lay-y-kien/${consultation.slug}`;
  return {
    to: email,
    subject: `Đã nhận ý kiến góp ý về dự thảo: ${consultation.title.slice(0, 150)}`,
    text: [
      `Ý kiến góp ý của bạn về dự thảo «${consultation.title}» đã được tiếp nhận lúc ${formatDateTime(clock.now().toISOString())}.`,
      'Ý kiến được đăng công khai sau khi kiểm duyệt, không kèm họ tên, địa chỉ thư điện tử và cơ quan, tổ chức của người gửi.',
      `Thời gian lấy ý kiến kết thúc ngày ${formatDate(consultation.closes_on)}; kết quả tiếp thu, giải trình được công bố tại: ${link}`,
      '',
      'Thư này được gửi tự động, vui lòng không trả lời.',
    ].join('\n'),
  };
}

/**
 * Stores a comment, acknowledges it to its sender and tells the moderators. `sentSince` (when the form was opened): the same comment
 * from the same address since then is this one sent again (a reloaded confirmation page re-sends the
 * form), so its id is returned and nothing is stored or sent twice.
 */
export async function submitComment(db: Db, mailer: Mailer, consultation: ConsultationRow, input: CommentInput, opts: { clock?: Clock; linkBase?: string | null; sentSince?: string } = {}): Promise<number> {
  const clock = opts.clock ?? systemClock;
  const siteId = consultation.site_id;
  if (opts.sentSince) {
    const again = await db
      .selectFrom('consultation_comments')
      .select('id')
      .where('site_id', '=', siteId)
      .where('consultation_id', '=', consultation.id)
      .where('email', '=', input.email.toLowerCase())
      .where('created_at', '>=', opts.sentSince)
      .where('body', '=', normalizeInput(input.body))
      .executeTakeFirst();
    if (again) return again.id;
  }
  const id = await db.transaction().execute(async (trx) => {
    await demandSiteReceives(trx, siteId);
    // Read again inside the transaction: the form may have been opened before the closing date.
    const row = await trx.selectFrom('consultations').selectAll().where('site_id', '=', siteId).where('id', '=', consultation.id).where('deleted_at', 'is', null).executeTakeFirst();
    if (!row) throw new NotFoundError({ vi: 'dự thảo', en: 'Draft' });
    if (phaseOf(row, vietnamDate(clock.now())) !== 'open') throw new ConsultationClosedError();
    const problems: Problem[] = [];
    if (input.part !== null && !partsOf(row).includes(input.part)) {
      problems.push({ code: 'invalid_part', field: 'part', vi: 'Phần của dự thảo đã chọn không có trong dự thảo này.', en: 'The chosen part is not in this draft.' });
    }
    if ((await commentsFromAddress(trx, siteId, input.email, addressWindowStart(clock))) >= ADDRESS_LIMIT.max) {
      problems.push({ code: 'address_limit', field: 'email', vi: `Địa chỉ thư điện tử này đã gửi ${ADDRESS_LIMIT.max} ý kiến trong 24 giờ qua. Vui lòng gửi tiếp sau, hoặc gộp các ý kiến vào một lần gửi.`, en: `This e-mail address has sent ${ADDRESS_LIMIT.max} comments in the last 24 hours. Please send more later, or put your comments together in one.` });
    }
    if (problems.length > 0) throw new DomainError(problems);
    const inserted = await trx
      .insertInto('consultation_comments')
      .values({
        site_id: siteId,
        consultation_id: row.id,
        part: input.part,
        name: normalizeInput(input.name),
        email: input.email.toLowerCase(),
        organisation: input.organisation ? normalizeInput(input.organisation) : null,
        body: normalizeInput(input.body),
        status: 'pending',
        moderated_by_user_id: null,
        moderated_at: null,
        moderation_note: null,
        response_kind: null,
        response: null,
        personal_data_erased_at: null,
        created_at: isoNow(clock),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return inserted.id;
  });
  // The commenter is told it arrived and what happens to it (the address is required for this).
  await mailer.send(acknowledgement(consultation, input.email, clock, opts.linkBase ?? '')).catch(() => undefined);
  // No personal data in the notification: the moderators open the back office to read it.
  const to = await resolveRecipients(db, siteId, [{ kind: 'permission', permission: 'interaction.moderate' }], clock);
  await notify(
    db,
    mailer,
    { siteId, kind: 'consultation.comment', itemType: 'consultation', itemId: consultation.id, title: `Ý kiến mới về dự thảo: ${consultation.title.slice(0, 200)}`, body: 'Một ý kiến góp ý mới đang chờ kiểm duyệt. Ý kiến chỉ được đăng sau khi được duyệt.', link: `/admin/consultations/${consultation.id}/comments` },
    to,
    { clock, linkBase: opts.linkBase ?? null },
  );
  return id;
}

async function loadComment(db: Db, siteId: number, consultationId: number, commentId: number): Promise<ConsultationCommentRow> {
  const row = await db.selectFrom('consultation_comments').selectAll().where('site_id', '=', siteId).where('consultation_id', '=', consultationId).where('id', '=', commentId).executeTakeFirst();
  if (!row) throw new NotFoundError(COMMENT);
  return row;
}

/** Approves (it appears on the public page) or rejects (it never does, or no longer does) a comment. */
export async function moderateComment(db: Db, actor: AuditActor, grants: Grants, consultationId: number, commentId: number, decision: 'approve' | 'reject', note: string | null, clock: Clock = systemClock): Promise<void> {
  demandModerator(grants);
  const clean = note ? normalizeInput(note).slice(0, COMMENT_LIMITS.note) || null : null;
  const changed = await db.transaction().execute(async (trx) => {
    const consultation = await loadConsultation(trx, actor.siteId, consultationId);
    const before = await loadComment(trx, actor.siteId, consultationId, commentId);
    const status: CommentStatus = decision === 'approve' ? 'approved' : 'rejected';
    await trx
      .updateTable('consultation_comments')
      .set({ status, moderated_by_user_id: actor.userId, moderated_at: isoNow(clock), moderation_note: clean })
      .where('site_id', '=', actor.siteId)
      .where('id', '=', commentId)
      .execute();
    await appendAudit(trx, actor, { action: `consultation.comment_${decision}`, targetType: 'consultation', targetId: consultation.id, details: { commentId, from: before.status, note: clean } }, clock);
    return before.status === 'approved' || status === 'approved';
  });
  if (changed) siteContentChanged(actor.siteId);
}

/** The drafting agency's response to an approved comment; public once the consultation is concluded. */
export async function respondToComment(db: Db, actor: AuditActor, grants: Grants, consultationId: number, commentId: number, kind: ResponseKind | null, text: string, clock: Clock = systemClock): Promise<void> {
  demandModerator(grants);
  const response = normalizeInput(text);
  const problems: Problem[] = [];
  if (kind !== 'accepted' && kind !== 'explained') problems.push({ code: 'required', field: `kind_${commentId}`, vi: 'Vui lòng chọn tiếp thu hoặc giải trình.', en: 'Please choose accepted or explained.' });
  if (!response) problems.push({ code: 'required', field: `response_${commentId}`, vi: 'Vui lòng nhập nội dung tiếp thu, giải trình.', en: 'Please enter the response.' });
  else if ([...response].length > COMMENT_LIMITS.response) problems.push({ code: 'too_long', field: `response_${commentId}`, vi: `Nội dung tiếp thu, giải trình tối đa ${COMMENT_LIMITS.response} ký tự.`, en: `The response is at most ${COMMENT_LIMITS.response} characters.` });
  if (problems.length > 0) throw new DomainError(problems);
  const concluded = await db.transaction().execute(async (trx) => {
    const consultation = await loadConsultation(trx, actor.siteId, consultationId);
    const comment = await loadComment(trx, actor.siteId, consultationId, commentId);
    if (comment.status !== 'approved') throw new DomainError({ code: 'not_approved', vi: 'Chỉ tiếp thu, giải trình các ý kiến đã được duyệt.', en: 'Only approved comments get a response.' }, 409);
    await trx.updateTable('consultation_comments').set({ response_kind: kind, response }).where('site_id', '=', actor.siteId).where('id', '=', commentId).execute();
    await appendAudit(trx, actor, { action: 'consultation.comment_respond', targetType: 'consultation', targetId: consultation.id, details: { commentId, kind } }, clock);
    return consultation.status === 'concluded';
  });
  if (concluded) siteContentChanged(actor.siteId);
}

function closedOrConcluded(row: ConsultationRow, clock: Clock): void {
  const phase = phaseOf(row, vietnamDate(clock.now()));
  if (phase !== 'closed' && phase !== 'concluded') {
    throw new DomainError({ code: 'not_closed', vi: `Chỉ tổng hợp kết quả sau ngày kết thúc lấy ý kiến (${formatDate(row.closes_on)}) của dự thảo đã đăng.`, en: `The results are written after the closing date (${formatDate(row.closes_on)}) of a published draft.` }, 409);
  }
}

/** Saves the results summary (sanitised HTML): how many comments, what was accepted, what was explained. */
export async function saveResultsSummary(db: Db, actor: AuditActor, grants: Grants, id: number, html: string, clock: Clock = systemClock): Promise<void> {
  demandModerator(grants);
  const clean = html.trim() ? sanitizeArticleHtml(html).html : '';
  if ([...clean].length > LIMITS.summaryHtml) throw new DomainError({ code: 'too_long', field: 'resultsSummary', vi: 'Báo cáo tổng hợp quá dài.', en: 'The summary is too long.' });
  const concluded = await db.transaction().execute(async (trx) => {
    const row = await loadConsultation(trx, actor.siteId, id);
    closedOrConcluded(row, clock);
    if (!clean && row.status === 'concluded') throw new DomainError({ code: 'required', field: 'resultsSummary', vi: 'Dự thảo đã công bố kết quả: báo cáo tổng hợp không được để trống.', en: 'The results are published: the summary cannot be empty.' });
    await trx.updateTable('consultations').set({ results_summary: clean || null, lock_version: row.lock_version + 1, updated_at: isoNow(clock) }).where('site_id', '=', actor.siteId).where('id', '=', id).execute();
    await appendAudit(trx, actor, { action: 'consultation.summary', targetType: 'consultation', targetId: id, details: { length: clean.length } }, clock);
    return row.status === 'concluded';
  });
  if (concluded) siteContentChanged(actor.siteId);
}

/**
 * Concludes: publishes the results summary and the responses. Only after the
 * closing date, with a summary, with every comment moderated and every
 * approved comment answered.
 */
export async function concludeConsultation(db: Db, actor: AuditActor, grants: Grants, id: number, clock: Clock = systemClock): Promise<void> {
  demandModerator(grants);
  await db.transaction().execute(async (trx) => {
    const row = await loadConsultation(trx, actor.siteId, id);
    const phase = phaseOf(row, vietnamDate(clock.now()));
    if (phase === 'concluded') throw new DomainError({ code: 'already_concluded', vi: 'Dự thảo đã công bố kết quả lấy ý kiến.', en: 'The results are already published.' }, 409);
    closedOrConcluded(row, clock);
    const comments = await listComments(trx, actor.siteId, id);
    const pending = comments.filter((c) => c.status === 'pending').length;
    const unanswered = comments.filter((c) => c.status === 'approved' && !c.response).length;
    const problems: Problem[] = [];
    if (!row.results_summary) problems.push({ code: 'summary_required', field: 'resultsSummary', vi: 'Nhập báo cáo tổng hợp kết quả lấy ý kiến trước khi công bố.', en: 'Write the results summary before publishing the results.' });
    if (pending > 0) problems.push({ code: 'pending_comments', vi: `Còn ${pending} ý kiến chờ kiểm duyệt.`, en: `${pending} comments still await moderation.` });
    if (unanswered > 0) problems.push({ code: 'unanswered_comments', vi: `Còn ${unanswered} ý kiến đã duyệt chưa có nội dung tiếp thu, giải trình.`, en: `${unanswered} approved comments have no response yet.` });
    if (problems.length > 0) throw new DomainError(problems);
    await trx.updateTable('consultations').set({ status: 'concluded', concluded_at: isoNow(clock), lock_version: row.lock_version + 1, updated_at: isoNow(clock) }).where('site_id', '=', actor.siteId).where('id', '=', id).execute();
    await appendAudit(trx, actor, { action: 'consultation.conclude', targetType: 'consultation', targetId: id, details: { comments: comments.length, approved: comments.filter((c) => c.status === 'approved').length } }, clock);
  });
  siteContentChanged(actor.siteId);
}

export const EXPORT_HEADERS = ['STT', 'Phần của dự thảo', 'Họ và tên', 'Thư điện tử', 'Cơ quan, tổ chức', 'Nội dung ý kiến', 'Thời gian gửi', 'Trạng thái', 'Tiếp thu / giải trình', 'Nội dung tiếp thu, giải trình', 'Ghi chú kiểm duyệt'];
const STATUS_VI: Record<string, string> = { pending: 'Chưa kiểm duyệt', approved: 'Đã duyệt', rejected: 'Không duyệt' };
const RESPONSE_VI: Record<string, string> = { accepted: 'Tiếp thu', explained: 'Giải trình' };

/**
 * The comments of a consultation as export rows (moderators only: it holds
 * personal data); audited. Comments nobody has moderated yet are left out
 * unless asked for, and then marked as such in the status column.
 */
export async function exportComments(db: Db, actor: AuditActor, grants: Grants, id: number, format: 'csv' | 'xlsx', clock: Clock = systemClock, opts: { includePending?: boolean } = {}): Promise<{ row: ConsultationRow; rows: (string | number | null)[][] }> {
  demandModerator(grants);
  const row = await loadConsultation(db, actor.siteId, id);
  const includePending = opts.includePending === true;
  const comments = (await listComments(db, actor.siteId, id)).filter((c) => includePending || c.status !== 'pending');
  await appendAudit(db, actor, { action: 'consultation.export', targetType: 'consultation', targetId: id, details: { format, comments: comments.length, includePending } }, clock);
  return {
    row,
    rows: comments.map((c, i) => [i + 1, c.part, c.name, c.email, c.organisation, c.body, formatDateTime(c.created_at), STATUS_VI[c.status] ?? c.status, c.response_kind ? (RESPONSE_VI[c.response_kind] ?? c.response_kind) : null, c.response, c.moderation_note]),
  };
}
