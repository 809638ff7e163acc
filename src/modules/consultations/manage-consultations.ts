// Changing consultations: create and save a draft for comment (optimistic
// lock), attach its files, publish, unpublish, delete (soft). Each change and
// its audit row share a transaction; the render cache is told after commit
// when something public changed. Permissions are checked here too.
import { documentCatalogue } from '../../core/documents/details.ts';
import { sanitizeArticleHtml } from '../../core/content/index.ts';
import { DomainError, ForbiddenError, NotFoundError, type Problem } from '../../core/errors.ts';
import { can, type Grants } from '../../core/permissions.ts';
import { formatDate, isoNow, startOfVietnamDate, systemClock, vietnamDate, type Clock } from '../../core/time.ts';
import { slugify } from '../../core/vietnamese/index.ts';
import type { Db } from '../../platform/db/database.ts';
import type { ConsultationRow } from '../../platform/db/schema.ts';
import { siteContentChanged } from '../../platform/events.ts';
import type { FileStore } from '../../platform/files/index.ts';
import { sniffUpload } from '../../platform/uploads/index.ts';
import { siteCalendar } from '../articles/workflow-context.ts';
import { appendAudit, type AuditActor } from '../audit/store.ts';
import { citizenDeadline } from '../citizens/rules.ts';
import { uploadMedia, type MediaItem } from '../media/media.ts';
import type { Site } from '../sites/site.ts';
import { fieldProblems, inputOfRow, isPublicOn, DRAFT_FILE_EXTS, type ConsultationInput } from './model.ts';
import { syncConsultationIndex } from './public-index.ts';
import { getConsultation } from './store.ts';

export const MINIMUM_RULE = 'deadline.consultation_minimum';
const WHAT = { vi: 'dự thảo lấy ý kiến', en: 'Consultation' };

type SiteLike = Pick<Site, 'id' | 'settings'>;

export function demandModerator(grants: Grants): void {
  if (!can(grants, 'interaction.moderate')) throw new ForbiddenError();
}

export async function loadConsultation(db: Db, siteId: number, id: number): Promise<ConsultationRow> {
  const row = await getConsultation(db, siteId, id);
  if (!row) throw new NotFoundError(WHAT);
  return row;
}

export const UNIT_WORDS = {
  calendar_days: { vi: 'ngày', en: 'days' },
  working_days: { vi: 'ngày làm việc', en: 'working days' },
  working_hours: { vi: 'giờ làm việc', en: 'working hours' },
} as const;

/** The earliest closing date the rule in force on the opening date allows, and the rule. */
export async function earliestClosing(db: Db, site: SiteLike, opensOn: string): Promise<{ date: string; amount: number; unit: keyof typeof UNIT_WORDS }> {
  const start = startOfVietnamDate(opensOn);
  const rule = await citizenDeadline(db, site.id, MINIMUM_RULE, start);
  // A minimum length, not a filing deadline: a period ending on a Sunday is long enough.
  const end = siteCalendar(site).deadline(start, { ...rule, rollToWorkingDay: false });
  return { date: vietnamDate(end), amount: rule.amount, unit: rule.unit };
}

interface Checked {
  input: ConsultationInput;
  body: string | null;
  opensOn: string;
  closesOn: string;
}

/**
 * `today` and the closing date saved before (null for a new draft): a closing date set into the past is
 * refused as such, except on a published draft, whose announced dates have their own rule (announcedDateProblems).
 */
async function check(db: Db, site: SiteLike, raw: ConsultationInput, dates: { today: string; closingWas: string | null; announced?: boolean }): Promise<Checked> {
  const body = raw.bodyHtml.trim() ? sanitizeArticleHtml(raw.bodyHtml).html : '';
  const input: ConsultationInput = { ...raw, parts: [...new Set(raw.parts.map((p) => p.trim()).filter(Boolean))], attachmentIds: [...new Set(raw.attachmentIds)], bodyHtml: body };
  const catalogue = documentCatalogue(site.settings as unknown as Record<string, unknown>);
  const { problems, opensOn, closesOn } = fieldProblems(input, catalogue.types.map((t) => t.key));
  if (opensOn && closesOn) {
    const earliest = await earliestClosing(db, site, opensOn);
    if (closesOn < earliest.date) {
      const words = UNIT_WORDS[earliest.unit];
      const at = problems.findIndex((p) => p.code === 'closes_before_opening');
      if (at >= 0) problems.splice(at, 1);
      problems.push({
        code: 'period_too_short',
        field: 'closesOn',
        vi: `Thời gian lấy ý kiến tối thiểu là ${earliest.amount} ${words.vi} kể từ ngày bắt đầu (quy định đang áp dụng), nên ngày kết thúc sớm nhất là ${formatDate(earliest.date)}.`,
        en: `The comment period must be at least ${earliest.amount} ${words.en} from the opening date (the rule in force), so the earliest closing date is ${formatDate(earliest.date)}.`,
      });
    }
  }
  if (closesOn && closesOn < dates.today && closesOn !== dates.closingWas && !dates.announced) {
    // One message per field: a date in the past is said first, with the earliest date if there is one.
    const past = { vi: `Ngày kết thúc lấy ý kiến (${formatDate(closesOn)}) là một ngày đã qua.`, en: `The closing date (${formatDate(closesOn)}) has passed.` };
    const short = problems.find((p) => p.code === 'period_too_short');
    if (short) Object.assign(short, { vi: `${past.vi} ${short.vi}`, en: `${past.en} ${short.en}` });
    else problems.push({ code: 'closes_in_past', field: 'closesOn', ...past });
  }
  problems.push(...(await fileProblems(db, site.id, input.attachmentIds)));
  if (problems.length > 0 || !opensOn || !closesOn) throw new DomainError(problems);
  return { input, body: body || null, opensOn, closesOn };
}

/** Files must be this site's PDF or Word files in the media library. */
async function fileProblems(db: Db, siteId: number, ids: number[]): Promise<Problem[]> {
  if (ids.length === 0) return [];
  const found = await db.selectFrom('media').select(['id', 'ext', 'kind']).where('site_id', '=', siteId).where('id', 'in', ids).where('deleted_at', 'is', null).execute();
  const ok = new Set(found.filter((m) => m.kind === 'file' && DRAFT_FILE_EXTS.includes(m.ext)).map((m) => m.id));
  const bad = ids.filter((id) => !ok.has(id));
  return bad.length === 0 ? [] : [{ code: 'invalid_media', field: 'attachments', vi: `Tệp #${bad.join(', #')} không phải tệp PDF hoặc Word trong thư viện của trang.`, en: `File #${bad.join(', #')} is not a PDF or Word file in this site's library.` }];
}

async function uniqueSlug(db: Db, siteId: number, title: string, selfId: number | null): Promise<string> {
  const base = slugify(title, 80) || 'du-thao';
  for (let i = 1; i < 50; i += 1) {
    const candidate = i === 1 ? base : `${base}-${i}`;
    const taken = await db.selectFrom('consultations').select('id').where('site_id', '=', siteId).where('slug', '=', candidate).$if(selfId !== null, (q) => q.where('id', '!=', selfId!)).executeTakeFirst();
    if (!taken) return candidate;
  }
  return `${base}-${Date.now().toString(36)}`;
}

function columns(c: Checked) {
  const p = c.input;
  return {
    title: p.title.trim(),
    doc_type: p.docType,
    drafting_agency: p.draftingAgency.trim(),
    summary: p.summary.trim(),
    body: c.body,
    parts: JSON.stringify(p.parts),
    attachment_ids: JSON.stringify(p.attachmentIds),
    contact: p.contact.trim(),
    opens_on: c.opensOn,
    closes_on: c.closesOn,
  };
}

export async function createConsultation(db: Db, actor: AuditActor, grants: Grants, site: SiteLike, input: ConsultationInput, clock: Clock = systemClock): Promise<ConsultationRow> {
  demandModerator(grants);
  return db.transaction().execute(async (trx) => {
    const c = await check(trx, site, input, { today: vietnamDate(clock.now()), closingWas: null });
    const now = isoNow(clock);
    const { id } = await trx
      .insertInto('consultations')
      .values({ site_id: actor.siteId, slug: await uniqueSlug(trx, actor.siteId, c.input.title, null), ...columns(c), status: 'draft', published_at: null, results_summary: null, concluded_at: null, created_by_user_id: actor.userId, created_at: now, updated_at: now, deleted_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, actor, { action: 'consultation.create', targetType: 'consultation', targetId: id, details: { title: c.input.title, opensOn: c.opensOn, closesOn: c.closesOn } }, clock);
    return loadConsultation(trx, actor.siteId, id);
  });
}

export class StaleConsultationError extends DomainError {
  constructor(readonly current: ConsultationRow) {
    super(
      {
        code: 'stale',
        vi: 'Dự thảo này đã được người khác lưu sau khi bạn mở trang, nên chưa lưu thay đổi của bạn. Nội dung bạn nhập vẫn còn trong biểu mẫu: kiểm tra rồi bấm Lưu lần nữa nếu vẫn muốn ghi đè.',
        en: 'Someone else saved this draft after you opened it, so your changes were not saved. What you typed is still in the form: check it, then save again to overwrite.',
      },
      409,
    );
    this.name = 'StaleConsultationError';
  }
}

/**
 * The dates the public was told hold once a draft is published: a period that has begun keeps its
 * opening date, and the closing date may be put back (an extension) but not brought forward, so
 * no one who planned to comment by the announced date is shut out and no comment already received
 * falls outside the period. A concluded consultation keeps both.
 */
function announcedDateProblems(before: ConsultationRow, c: Checked, today: string): Problem[] {
  if (before.status !== 'published') return [];
  const problems: Problem[] = [];
  const concluded = before.concluded_at !== null;
  if ((concluded || before.opens_on <= today) && c.opensOn !== before.opens_on) {
    problems.push({ code: 'opening_announced', field: 'opensOn', vi: `Dự thảo đã đăng và bắt đầu lấy ý kiến từ ngày ${formatDate(before.opens_on)}: không thay đổi ngày bắt đầu.`, en: `The draft is published and its comment period began on ${formatDate(before.opens_on)}: the opening date cannot change.` });
  } else if (c.opensOn < today && c.opensOn !== before.opens_on) {
    problems.push({ code: 'opening_past', field: 'opensOn', vi: 'Ngày bắt đầu lấy ý kiến của dự thảo đã đăng không thể là một ngày đã qua.', en: 'The opening date of a published draft cannot be a day that has passed.' });
  }
  if (concluded ? c.closesOn !== before.closes_on : c.closesOn < before.closes_on) {
    problems.push({
      code: 'closing_announced',
      field: 'closesOn',
      vi: concluded
        ? `Đã tổng hợp kết quả lấy ý kiến: ngày kết thúc (${formatDate(before.closes_on)}) không thay đổi.`
        : `Dự thảo đã đăng với ngày kết thúc ${formatDate(before.closes_on)}: chỉ có thể gia hạn, không rút ngắn thời gian lấy ý kiến.`,
      en: concluded
        ? `The results are written: the closing date (${formatDate(before.closes_on)}) cannot change.`
        : `The draft was published with ${formatDate(before.closes_on)} as its closing date: the period can be extended, not shortened.`,
    });
  }
  return problems;
}

/** Saves a change; `lockVersion` is the version the person started from. */
export async function updateConsultation(db: Db, actor: AuditActor, grants: Grants, site: SiteLike, id: number, input: ConsultationInput, lockVersion: number, clock: Clock = systemClock): Promise<ConsultationRow> {
  demandModerator(grants);
  const today = vietnamDate(clock.now());
  const { row, wasPublic } = await db.transaction().execute(async (trx) => {
    const before = await loadConsultation(trx, actor.siteId, id);
    if (before.lock_version !== lockVersion) throw new StaleConsultationError(before);
    const c = await check(trx, site, input, { today, closingWas: before.closes_on, announced: before.status === 'published' });
    const announced = announcedDateProblems(before, c, today);
    if (announced.length > 0) throw new DomainError(announced);
    // The address stays once public: links keep working.
    const slug = before.published_at === null ? await uniqueSlug(trx, actor.siteId, c.input.title, id) : before.slug;
    const updated = await trx
      .updateTable('consultations')
      .set({ ...columns(c), slug, lock_version: before.lock_version + 1, updated_at: isoNow(clock) })
      .where('id', '=', id)
      .where('site_id', '=', actor.siteId)
      .where('lock_version', '=', lockVersion)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw new StaleConsultationError(await loadConsultation(trx, actor.siteId, id));
    await appendAudit(trx, actor, { action: 'consultation.update', targetType: 'consultation', targetId: id, details: { title: c.input.title, opensOn: c.opensOn, closesOn: c.closesOn } }, clock);
    const row = await loadConsultation(trx, actor.siteId, id);
    await syncConsultationIndex(trx, row, today);
    return { row, wasPublic: isPublicOn(before, today) || isPublicOn(row, today) };
  });
  if (wasPublic) siteContentChanged(actor.siteId);
  return row;
}

/** Uploads a PDF or Word file into the media library (drafts are public) and attaches it. */
export async function attachFile(db: Db, files: FileStore, actor: AuditActor, grants: Grants, site: SiteLike, id: number, upload: { data: Buffer; originalName: string }, lockVersion: number, clock: Clock = systemClock): Promise<MediaItem> {
  demandModerator(grants);
  const row = await loadConsultation(db, actor.siteId, id);
  if (row.lock_version !== lockVersion) throw new StaleConsultationError(row);
  const sniffed = await sniffUpload(upload.data, 'attachment', upload.originalName);
  if (!DRAFT_FILE_EXTS.includes(sniffed.ext)) {
    throw new DomainError({ code: 'not_pdf_or_word', field: 'file', vi: `Tệp “${upload.originalName}” không phải PDF hoặc Word (DOC, DOCX, ODT): hãy tải lên toàn văn dự thảo ở một trong các định dạng đó.`, en: `“${upload.originalName}” is not a PDF or Word file (DOC, DOCX, ODT): upload the draft in one of those formats.` });
  }
  const media = await uploadMedia(db, files, actor, { data: upload.data, originalName: upload.originalName, purpose: 'attachment' }, clock);
  const input = inputOfRow(row);
  await updateConsultation(db, actor, grants, site, id, { ...input, attachmentIds: [...input.attachmentIds, media.id] }, lockVersion, clock);
  return media;
}

async function setStatus(db: Db, actor: AuditActor, id: number, action: string, change: (before: ConsultationRow, today: string) => Partial<ConsultationRow>, clock: Clock): Promise<ConsultationRow> {
  const today = vietnamDate(clock.now());
  const { row, changedPublic } = await db.transaction().execute(async (trx) => {
    const before = await loadConsultation(trx, actor.siteId, id);
    const set = change(before, today);
    await trx
      .updateTable('consultations')
      .set({ ...set, lock_version: before.lock_version + 1, updated_at: isoNow(clock) })
      .where('id', '=', id)
      .where('site_id', '=', actor.siteId)
      .execute();
    await appendAudit(trx, actor, { action, targetType: 'consultation', targetId: id, details: { title: before.title } }, clock);
    const row = (await trx.selectFrom('consultations').selectAll().where('id', '=', id).where('site_id', '=', actor.siteId).executeTakeFirstOrThrow()) as ConsultationRow;
    await syncConsultationIndex(trx, row, today);
    return { row, changedPublic: isPublicOn(before, today) || isPublicOn(row, today) };
  });
  if (changedPublic) siteContentChanged(actor.siteId);
  return row;
}

/** Publishes: the draft shows on the public site from its opening date. */
export async function publishConsultation(db: Db, actor: AuditActor, grants: Grants, id: number, clock: Clock = systemClock): Promise<ConsultationRow> {
  demandModerator(grants);
  return setStatus(
    db,
    actor,
    id,
    'consultation.publish',
    (before, today) => {
      if (before.status !== 'draft') throw new DomainError({ code: 'already_published', vi: 'Dự thảo đã được đăng.', en: 'The draft is already published.' }, 409);
      const problems: Problem[] = [];
      if (!before.body && (JSON.parse(before.attachment_ids) as number[]).length === 0) {
        problems.push({ code: 'full_text_required', field: 'body', vi: 'Cần đăng toàn văn dự thảo: nhập toàn văn hoặc đính kèm tệp PDF, Word trước khi đăng.', en: 'The full text must be published: enter it or attach a PDF or Word file before publishing.' });
      }
      if (before.concluded_at === null && before.closes_on < today) {
        problems.push({ code: 'already_closed', field: 'closesOn', vi: `Ngày kết thúc lấy ý kiến (${formatDate(before.closes_on)}) đã qua: sửa ngày trước khi đăng.`, en: `The closing date (${formatDate(before.closes_on)}) has passed: change it before publishing.` });
      }
      if (problems.length > 0) throw new DomainError(problems);
      return { status: before.concluded_at ? 'concluded' : 'published', published_at: before.published_at ?? isoNow(clock) };
    },
    clock,
  );
}

/** Takes it off the public site (its comments stay). */
export async function unpublishConsultation(db: Db, actor: AuditActor, grants: Grants, id: number, clock: Clock = systemClock): Promise<ConsultationRow> {
  demandModerator(grants);
  return setStatus(
    db,
    actor,
    id,
    'consultation.unpublish',
    (before) => {
      if (before.status === 'draft') throw new DomainError({ code: 'not_published', vi: 'Dự thảo chưa được đăng.', en: 'The draft is not published.' }, 409);
      return { status: 'draft' };
    },
    clock,
  );
}

/** Deleted from lists and the public site; the row and its comments stay for the record. */
export async function deleteConsultation(db: Db, actor: AuditActor, grants: Grants, id: number, clock: Clock = systemClock): Promise<void> {
  demandModerator(grants);
  await setStatus(db, actor, id, 'consultation.delete', () => ({ deleted_at: isoNow(clock) }), clock);
}
