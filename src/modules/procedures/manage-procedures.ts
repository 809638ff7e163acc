// Changing procedures: create, save (optimistic lock, a revision per save),
// publish and unpublish, trash, restore, purge, restore a revision, import a
// table. Each runs in one transaction with its audit row; publication keeps
// the search index in step in the same transaction and tells the render cache
// after commit. Permissions are checked here too, not only on the routes.
import { DomainError, ForbiddenError, NotFoundError, type Problem } from '../../core/errors.ts';
import { foldNumber } from '../../core/documents/details.ts';
import { can, type Grants, type Permission } from '../../core/permissions.ts';
import {
  canonicalCells,
  missingHeaders,
  normalizeProcedure,
  procedureFromCells,
  procedureProblems,
  publicationProblems,
  searchText,
  LEVEL_LABELS,
  type ProcedureInput,
} from '../../core/procedures/index.ts';
import { isoNow, systemClock, type Clock } from '../../core/time.ts';
import { fold, slugify } from '../../core/vietnamese/index.ts';
import type { Db } from '../../platform/db/database.ts';
import type { ProcedureRow } from '../../platform/db/schema.ts';
import { siteContentChanged } from '../../platform/events.ts';
import type { TableRow } from '../../platform/spreadsheet.ts';
import { appendAudit, type AuditActor } from '../audit/store.ts';
import { indexDocument, removeDocument } from '../search/index.ts';
import { getProcedure, inputOfRow, PROCEDURE_ITEM } from './store.ts';

const WHAT = { vi: 'thủ tục hành chính', en: 'Procedure' };

function demand(grants: Grants, permission: Permission): void {
  if (!can(grants, permission)) throw new ForbiddenError();
}

async function loadLive(db: Db, siteId: number, id: number): Promise<ProcedureRow> {
  const row = await getProcedure(db, siteId, id);
  if (!row || row.deleted_at !== null) throw new NotFoundError(WHAT);
  return row;
}

/** Problems of references to this site's rows: form files in its media library, documents in its library. */
async function referenceProblems(db: Db, siteId: number, p: ProcedureInput): Promise<Problem[]> {
  const problems: Problem[] = [];
  const mediaIds = p.details.forms.map((f) => f.mediaId).filter((id): id is number => id !== null);
  if (mediaIds.length > 0) {
    const found = new Set((await db.selectFrom('media').select('id').where('site_id', '=', siteId).where('id', 'in', mediaIds).where('deleted_at', 'is', null).execute()).map((m) => m.id));
    p.details.forms.forEach((f, i) => {
      if (f.mediaId !== null && !found.has(f.mediaId)) problems.push({ code: 'invalid_media', field: `formMedia_${i}`, vi: `Mẫu đơn dòng ${i + 1}: tệp không có trong thư viện của trang.`, en: `Form row ${i + 1}: the file is not in this site's library.` });
    });
  }
  const decisionDoc = p.details.publication.documentArticleId;
  if (decisionDoc !== null) {
    const found = await db.selectFrom('legal_documents').select('article_id').where('site_id', '=', siteId).where('article_id', '=', decisionDoc).executeTakeFirst();
    if (!found) problems.push({ code: 'invalid_document', field: 'decisionDoc', vi: 'Quyết định công bố: văn bản liên kết chưa được đăng trên trang.', en: 'Publication decision: the linked document is not published on this site.' });
  }
  const docIds = p.details.legalBasis.map((l) => l.documentArticleId).filter((id): id is number => id !== null);
  if (docIds.length > 0) {
    const found = new Set((await db.selectFrom('legal_documents').select('article_id').where('site_id', '=', siteId).where('article_id', 'in', docIds).execute()).map((d) => d.article_id));
    p.details.legalBasis.forEach((l, i) => {
      if (l.documentArticleId !== null && !found.has(l.documentArticleId)) problems.push({ code: 'invalid_document', field: `legalDoc_${i}`, vi: `Căn cứ pháp lý dòng ${i + 1}: văn bản liên kết chưa được đăng trên trang.`, en: `Legal basis row ${i + 1}: the linked document is not published on this site.` });
    });
  }
  return problems;
}

async function check(db: Db, siteId: number, input: ProcedureInput, fields: readonly string[], selfId: number | null, mustBeComplete: boolean): Promise<ProcedureInput> {
  const p = normalizeProcedure(input);
  const problems = [...procedureProblems(p, fields), ...(mustBeComplete ? publicationProblems(p) : []), ...(await referenceProblems(db, siteId, p))];
  if (p.code && !problems.some((x) => x.field === 'code')) {
    const same = await db.selectFrom('procedures').select(['id', 'deleted_at']).where('site_id', '=', siteId).where('code', '=', p.code).executeTakeFirst();
    if (same && same.id !== selfId) {
      problems.push({
        code: 'code_taken',
        field: 'code',
        vi: same.deleted_at ? `Mã ${p.code} thuộc một thủ tục trong thùng rác: khôi phục thủ tục đó hoặc xóa hẳn trước.` : `Mã ${p.code} đã có trên trang: sửa thủ tục đó thay vì tạo mới.`,
        en: same.deleted_at ? `Code ${p.code} belongs to a procedure in the trash: restore or purge it first.` : `Code ${p.code} already exists on this site: edit that procedure instead.`,
      });
    }
  }
  if (problems.length > 0) throw new DomainError(problems);
  return p;
}

async function uniqueSlug(db: Db, siteId: number, p: ProcedureInput, selfId: number | null): Promise<string> {
  const base = slugify(p.name, 80) || slugify(p.code, 60) || 'thu-tuc';
  for (const candidate of [base, `${base}-${slugify(p.code, 40)}`.replace(/-$/, '')]) {
    const taken = await db.selectFrom('procedures').select('id').where('site_id', '=', siteId).where('slug', '=', candidate).$if(selfId !== null, (q) => q.where('id', '!=', selfId!)).executeTakeFirst();
    if (!taken) return candidate;
  }
  return `${base}-${Date.now().toString(36)}`;
}

function columns(p: ProcedureInput) {
  return { code: p.code, name: p.name, name_folded: fold(p.name), level: p.level, field: p.field, agency: p.agency, details: JSON.stringify(p.details) };
}

async function addRevision(db: Db, actor: AuditActor, procedureId: number, p: ProcedureInput, note: string, clock: Clock): Promise<number> {
  const last = await db.selectFrom('procedure_revisions').select((eb) => eb.fn.max('number').as('n')).where('procedure_id', '=', procedureId).executeTakeFirst();
  const number = Number(last?.n ?? 0) + 1;
  await db
    .insertInto('procedure_revisions')
    .values({ site_id: actor.siteId, procedure_id: procedureId, number, snapshot: JSON.stringify(p), note, created_by_user_id: actor.userId, created_at: isoNow(clock) })
    .execute();
  return number;
}

/** The search index holds a procedure exactly while it is published and not in the trash. */
async function syncIndex(db: Db, row: ProcedureRow): Promise<void> {
  if (row.status !== 'published' || row.deleted_at !== null) {
    await removeDocument(db, row.site_id, PROCEDURE_ITEM, row.id);
    return;
  }
  const p = inputOfRow(row);
  await indexDocument(db, {
    siteId: row.site_id,
    itemType: PROCEDURE_ITEM,
    itemId: row.id,
    language: 'vi',
    sectionId: null,
    kind: 'procedure',
    url: `/thu-tuc-hanh-chinh/${row.slug}`,
    title: p.name,
    summary: `${p.code} · ${LEVEL_LABELS[p.level]?.vi ?? p.level} · ${p.field} · ${p.agency}`,
    bodyText: searchText(p),
    publishedAt: row.published_at ?? row.updated_at,
  });
}

async function reload(db: Db, siteId: number, id: number): Promise<ProcedureRow> {
  const row = await getProcedure(db, siteId, id);
  if (!row) throw new NotFoundError(WHAT);
  return row;
}

export async function createProcedure(db: Db, actor: AuditActor, grants: Grants, input: ProcedureInput, fields: readonly string[], clock: Clock = systemClock): Promise<ProcedureRow> {
  demand(grants, 'content.create');
  return db.transaction().execute(async (trx) => {
    const p = await check(trx, actor.siteId, input, fields, null, false);
    const now = isoNow(clock);
    const { id } = await trx
      .insertInto('procedures')
      .values({ site_id: actor.siteId, ...columns(p), slug: await uniqueSlug(trx, actor.siteId, p, null), status: 'draft', published_at: null, created_by_user_id: actor.userId, created_at: now, updated_at: now, deleted_at: null, deleted_by_user_id: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const revision = await addRevision(trx, actor, id, p, 'Tạo mới', clock);
    await appendAudit(trx, actor, { action: 'procedure.create', targetType: 'procedure', targetId: id, details: { code: p.code, name: p.name, revision } }, clock);
    return reload(trx, actor.siteId, id);
  });
}

export class StaleProcedureError extends DomainError {
  constructor(readonly current: ProcedureRow) {
    super(
      {
        code: 'stale',
        vi: 'Thủ tục này đã được người khác lưu sau khi bạn mở trang, nên chưa lưu thay đổi của bạn. Nội dung bạn nhập vẫn còn trong biểu mẫu: xem bản mới trong Lịch sử phiên bản, rồi bấm Lưu lần nữa nếu vẫn muốn ghi đè.',
        en: 'Someone else saved this procedure after you opened it, so your changes were not saved. What you typed is still in the form: check the newer version in the history, then save again to overwrite it.',
      },
      409,
    );
    this.name = 'StaleProcedureError';
  }
}

/** Saves a change; `lockVersion` is the version the person started from (a newer one refuses the save). */
export async function updateProcedure(db: Db, actor: AuditActor, grants: Grants, id: number, input: ProcedureInput, lockVersion: number, fields: readonly string[], clock: Clock = systemClock, note = 'Sửa'): Promise<ProcedureRow> {
  demand(grants, 'content.edit');
  const result = await db.transaction().execute(async (trx) => {
    const before = await loadLive(trx, actor.siteId, id);
    if (before.lock_version !== lockVersion) throw new StaleProcedureError(before);
    const p = await check(trx, actor.siteId, input, fields, id, before.status === 'published');
    // The address stays once public: links and bookmarks keep working.
    const slug = before.published_at === null ? await uniqueSlug(trx, actor.siteId, p, id) : before.slug;
    const updated = await trx
      .updateTable('procedures')
      .set({ ...columns(p), slug, lock_version: before.lock_version + 1, updated_at: isoNow(clock) })
      .where('id', '=', id)
      .where('site_id', '=', actor.siteId)
      .where('lock_version', '=', lockVersion)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw new StaleProcedureError(await reload(trx, actor.siteId, id));
    const revision = await addRevision(trx, actor, id, p, note, clock);
    const row = await reload(trx, actor.siteId, id);
    await syncIndex(trx, row);
    await appendAudit(trx, actor, { action: 'procedure.update', targetType: 'procedure', targetId: id, details: { code: p.code, revision, note } }, clock);
    return row;
  });
  if (result.status === 'published') siteContentChanged(actor.siteId);
  return result;
}

export async function setPublished(db: Db, actor: AuditActor, grants: Grants, id: number, publish: boolean, clock: Clock = systemClock): Promise<ProcedureRow> {
  demand(grants, 'content.publish');
  const result = await db.transaction().execute(async (trx) => {
    const before = await loadLive(trx, actor.siteId, id);
    if (publish) {
      const problems = publicationProblems(inputOfRow(before));
      if (problems.length > 0) throw new DomainError(problems);
    }
    const now = isoNow(clock);
    await trx
      .updateTable('procedures')
      .set({ status: publish ? 'published' : 'draft', published_at: publish ? (before.published_at ?? now) : before.published_at, lock_version: before.lock_version + 1, updated_at: now })
      .where('id', '=', id)
      .where('site_id', '=', actor.siteId)
      .execute();
    const row = await reload(trx, actor.siteId, id);
    await syncIndex(trx, row);
    await appendAudit(trx, actor, { action: publish ? 'procedure.publish' : 'procedure.unpublish', targetType: 'procedure', targetId: id, details: { code: row.code } }, clock);
    return row;
  });
  siteContentChanged(actor.siteId);
  return result;
}

/** To the trash: off the public site at once; restored as a draft. */
export async function trashProcedure(db: Db, actor: AuditActor, grants: Grants, id: number, clock: Clock = systemClock): Promise<void> {
  demand(grants, 'content.edit');
  const wasPublic = await db.transaction().execute(async (trx) => {
    const before = await loadLive(trx, actor.siteId, id);
    const now = isoNow(clock);
    await trx
      .updateTable('procedures')
      .set({ deleted_at: now, deleted_by_user_id: actor.userId, status: 'draft', lock_version: before.lock_version + 1, updated_at: now })
      .where('id', '=', id)
      .where('site_id', '=', actor.siteId)
      .execute();
    await syncIndex(trx, await reload(trx, actor.siteId, id));
    await appendAudit(trx, actor, { action: 'procedure.trash', targetType: 'procedure', targetId: id, details: { code: before.code, wasPublished: before.status === 'published' } }, clock);
    return before.status === 'published';
  });
  if (wasPublic) siteContentChanged(actor.siteId);
}

export async function restoreProcedure(db: Db, actor: AuditActor, grants: Grants, id: number, clock: Clock = systemClock): Promise<void> {
  demand(grants, 'content.edit');
  await db.transaction().execute(async (trx) => {
    const before = await getProcedure(trx, actor.siteId, id);
    if (!before || before.deleted_at === null) throw new NotFoundError(WHAT);
    await trx
      .updateTable('procedures')
      .set({ deleted_at: null, deleted_by_user_id: null, lock_version: before.lock_version + 1, updated_at: isoNow(clock) })
      .where('id', '=', id)
      .where('site_id', '=', actor.siteId)
      .execute();
    await appendAudit(trx, actor, { action: 'procedure.restore', targetType: 'procedure', targetId: id, details: { code: before.code } }, clock);
  });
}

/** Deleted for good, with its revisions: only from the trash, only by the site administrator. */
export async function purgeProcedure(db: Db, actor: AuditActor, grants: Grants, id: number, clock: Clock = systemClock): Promise<void> {
  demand(grants, 'content.purge');
  await db.transaction().execute(async (trx) => {
    const before = await getProcedure(trx, actor.siteId, id);
    if (!before || before.deleted_at === null) throw new NotFoundError(WHAT);
    await removeDocument(trx, actor.siteId, PROCEDURE_ITEM, id);
    await trx.deleteFrom('procedure_revisions').where('site_id', '=', actor.siteId).where('procedure_id', '=', id).execute();
    await trx.deleteFrom('procedures').where('site_id', '=', actor.siteId).where('id', '=', id).execute();
    await appendAudit(trx, actor, { action: 'procedure.purge', targetType: 'procedure', targetId: id, details: { code: before.code, name: before.name } }, clock);
  });
}

/** Makes an earlier revision the current text again (as a new revision). */
export async function restoreRevision(db: Db, actor: AuditActor, grants: Grants, id: number, revisionId: number, fields: readonly string[], clock: Clock = systemClock): Promise<ProcedureRow> {
  demand(grants, 'content.edit');
  const revision = await db.selectFrom('procedure_revisions').select(['number', 'snapshot']).where('site_id', '=', actor.siteId).where('procedure_id', '=', id).where('id', '=', revisionId).executeTakeFirst();
  if (!revision) throw new NotFoundError({ vi: 'phiên bản', en: 'Revision' });
  const row = await loadLive(db, actor.siteId, id);
  const snapshot = JSON.parse(revision.snapshot) as ProcedureInput;
  return updateProcedure(db, actor, grants, id, snapshot, row.lock_version, fields, clock, `Khôi phục phiên bản ${revision.number}`);
}

// ---- Import ------------------------------------------------------------------------------

export interface ImportRowError {
  /** The row as the user sees it in the spreadsheet (the header is line 1). */
  line: number;
  column: string | null;
  vi: string;
  en: string;
}

export type ImportOutcome = { ok: true; created: number; updated: number } | { ok: false; errors: ImportRowError[] };

const DOC_NUMBER = /\b\d{1,4}\/(?:\d{4}\/)?[0-9A-Za-zÀ-ỹĐđ][0-9A-Za-zÀ-ỹĐđ.\-–]*/gu;

/** Links legal basis lines to this site's published documents by the number they cite. */
async function linkLegalBasis(db: Db, siteId: number, p: ProcedureInput): Promise<ProcedureInput> {
  const wanted = new Map<number, string>();
  p.details.legalBasis.forEach((l, i) => {
    const n = l.text.match(DOC_NUMBER)?.[0];
    if (n && l.documentArticleId === null) wanted.set(i, foldNumber(n));
  });
  if (wanted.size === 0) return p;
  const rows = await db.selectFrom('legal_documents').select(['article_id', 'number_folded']).where('site_id', '=', siteId).where('number_folded', 'in', [...new Set(wanted.values())]).execute();
  const byNumber = new Map(rows.map((r) => [r.number_folded, r.article_id]));
  return { ...p, details: { ...p.details, legalBasis: p.details.legalBasis.map((l, i) => ({ ...l, documentArticleId: l.documentArticleId ?? byNumber.get(wanted.get(i) ?? '') ?? null })) } };
}

/**
 * Imports a table: every row is checked first, and nothing is written when any
 * row is bad (the report lists each bad row's line and what to fix). A code
 * already on the site updates that procedure (a new revision; its form files
 * stay); a new code creates a draft, or a published procedure when asked and allowed.
 */
export async function importProcedures(db: Db, actor: AuditActor, grants: Grants, table: { headers: string[]; rows: TableRow[] }, fields: readonly string[], opts: { publish?: boolean; fileName?: string } = {}, clock: Clock = systemClock): Promise<ImportOutcome> {
  demand(grants, 'content.create');
  demand(grants, 'content.edit');
  const publish = Boolean(opts.publish);
  if (publish) demand(grants, 'content.publish');
  const missing = missingHeaders(table.headers);
  if (missing.length > 0) {
    return { ok: false, errors: [{ line: 1, column: null, vi: `Thiếu cột: ${missing.join(', ')}. Hãy dùng tệp mẫu.`, en: `Missing columns: ${missing.join(', ')}. Use the template.` }] };
  }
  if (table.rows.length === 0) return { ok: false, errors: [{ line: 2, column: null, vi: 'Tệp không có dòng dữ liệu nào.', en: 'The file has no data rows.' }] };

  const outcome = await db.transaction().execute(async (trx): Promise<ImportOutcome & { changedPublic?: boolean }> => {
    const errors: ImportRowError[] = [];
    const seen = new Map<string, number>();
    const planned: { line: number; input: ProcedureInput; existing: ProcedureRow | undefined }[] = [];
    for (const row of table.rows) {
      const { input, problems } = procedureFromCells(canonicalCells(row.cells), fields);
      const report = (list: Problem[]) => list.forEach((p) => errors.push({ line: row.line, column: p.field ?? null, vi: p.vi, en: p.en }));
      report(problems);
      if (input.code) {
        const first = seen.get(input.code);
        if (first !== undefined) errors.push({ line: row.line, column: 'Mã thủ tục', vi: `Mã ${input.code} đã có ở dòng ${first}.`, en: `Code ${input.code} is already on line ${first}.` });
        else seen.set(input.code, row.line);
      }
      if (problems.length > 0) continue;
      const existing = await trx.selectFrom('procedures').selectAll().where('site_id', '=', actor.siteId).where('code', '=', input.code).executeTakeFirst();
      if (existing?.deleted_at) {
        errors.push({ line: row.line, column: 'Mã thủ tục', vi: `Mã ${input.code} thuộc một thủ tục trong thùng rác: khôi phục hoặc xóa hẳn trước.`, en: `Code ${input.code} belongs to a procedure in the trash: restore or purge it first.` });
        continue;
      }
      // Form files are not in a spreadsheet: an update keeps the ones already attached.
      const merged = await linkLegalBasis(trx, actor.siteId, existing ? { ...input, details: { ...input.details, forms: inputOfRow(existing).details.forms } } : input);
      if (publish || existing?.status === 'published') report(publicationProblems(merged).map((p) => ({ ...p, field: 'Trình tự, cách thức, thời hạn, kết quả' })));
      planned.push({ line: row.line, input: merged, existing });
    }
    if (errors.length > 0) return { ok: false, errors };

    let created = 0;
    let updated = 0;
    let changedPublic = false;
    const now = isoNow(clock);
    for (const { input, existing } of planned) {
      let id: number;
      if (existing) {
        id = existing.id;
        await trx.updateTable('procedures').set({ ...columns(input), lock_version: existing.lock_version + 1, updated_at: now, ...(publish ? { status: 'published', published_at: existing.published_at ?? now } : {}) }).where('id', '=', id).where('site_id', '=', actor.siteId).execute();
        updated += 1;
      } else {
        ({ id } = await trx
          .insertInto('procedures')
          .values({ site_id: actor.siteId, ...columns(input), slug: await uniqueSlug(trx, actor.siteId, input, null), status: publish ? 'published' : 'draft', published_at: publish ? now : null, created_by_user_id: actor.userId, created_at: now, updated_at: now, deleted_at: null, deleted_by_user_id: null })
          .returning('id')
          .executeTakeFirstOrThrow());
        created += 1;
      }
      await addRevision(trx, actor, id, input, `Nhập từ tệp${opts.fileName ? ` ${opts.fileName}` : ''}`, clock);
      const row = await reload(trx, actor.siteId, id);
      await syncIndex(trx, row);
      if (row.status === 'published') changedPublic = true;
    }
    await appendAudit(trx, actor, { action: 'procedure.import', targetType: 'procedure', details: { file: opts.fileName ?? null, created, updated, published: publish, codes: planned.map((p) => p.input.code).slice(0, 200) } }, clock);
    return { ok: true, created, updated, changedPublic };
  });
  if (outcome.ok && outcome.changedPublic) siteContentChanged(actor.siteId);
  return outcome.ok ? { ok: true, created: outcome.created, updated: outcome.updated } : outcome;
}
