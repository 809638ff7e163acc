// Saving an article: every save is a revision. Text is NFC, HTML is sanitised
// by the allow-list, legacy TCVN3/VNI text is converted, the site's screening
// rules flag what a reviewer must look at, and two people editing at once
// cannot overwrite each other silently (lock_version).
import { detectLegacyEncoding, normalizeInput, repairVietnamese, slugify } from '../../core/vietnamese/index.ts';
import { DomainError, ForbiddenError, NotFoundError, Problems, type Problem } from '../../core/errors.ts';
import { can, type Grants } from '../../core/permissions.ts';
import { formatDateTime, isoNow, systemClock, vietnamDate, type Clock } from '../../core/time.ts';
import { canActOnStep } from '../../core/workflow/index.ts';
import { htmlToText, pictureField, picturesWithoutAlt, repairHtmlText, sanitizeArticleHtml, screen, type ScreeningMatch } from '../../core/content/index.ts';
import { documentCatalogue, documentProblems, normalizeDetails, type DocumentDetails } from '../../core/documents/index.ts';
import { inTransaction, type Db } from '../../platform/db/database.ts';
import type { ArticleRow } from '../../platform/db/schema.ts';
import { appendAudit, type AuditActor } from '../audit/store.ts';
import { mediaBySrc } from '../media/media.ts';
import { ARTICLE_KINDS, contentOfRow, isArticleKind, parseSnapshot, rowOfContent, sameContent, type ArticleContent, type EntryContent } from './article.ts';
import { getArticle, uniqueSlug } from './store.ts';
import { documentWithNumber, duplicateNumber } from '../documents/same-number.ts';
import { chainOfItem, itemOfRow, loadStaffing, workflowActor } from './workflow-context.ts';
import { roleLabel } from '../sites/site.ts';
import { loadSiteLabels } from '../sites/store.ts';
import { entryInputProblems, entryPublicationProblems, cleanEntryValues, markInternalFilesPrivate, withLibraryAlts } from '../entries/check-entry.ts';
import { normalizeValues, sectionKind } from '../../core/entries/index.ts';
import { checkProvision, mayRecordProvision, provisionChanges, provisionColumns, type ProvisionFields } from '../provision/record.ts';

/** What an editor or an integration sends: the content, and the address only to change it on purpose. */
export type ArticleInput = Omit<ArticleContent, 'slug' | 'document' | 'entry'> & { slug?: string | null; document?: DocumentDetails | null; entry?: EntryContent | null };

/** A blank article with a title: the starting point of imports and API creations. */
export function blankArticle(title: string): ArticleInput {
  return {
    kind: 'news',
    title,
    summary: '',
    bodyHtml: '',
    coverMediaId: null,
    coverCaption: null,
    coverAlt: null,
    sectionId: null,
    tags: [],
    source: null,
    authorName: null,
    readerContribution: false,
    unitId: null,
    eventAt: null,
    language: 'vi',
    translationOfId: null,
    isReference: false,
    relatedIds: [],
    attachmentIds: [],
    document: null,
  };
}

export type RevisionKind = 'save' | 'autosave' | 'import' | 'restore' | 'create';

export interface SaveResult {
  row: ArticleRow;
  /** What the editor should be told: legacy text converted, markup removed. */
  notices: { vi: string; en: string }[];
  screening: ScreeningMatch[];
}

export class ConflictError extends DomainError {
  constructor(by: string | null, at: string) {
    super(
      {
        code: 'edit_conflict',
        vi: `Bài đã được ${by ?? 'người khác'} lưu lúc ${formatDateTime(at)}, sau khi bạn mở ra. Nội dung bạn nhập vẫn được giữ bên dưới; hãy xem bản mới nhất (mục Phiên bản) rồi lưu lại phần thay đổi của mình.`,
        en: `${by ?? 'Someone else'} saved this article at ${formatDateTime(at)}, after you opened it. What you typed is kept below; look at the latest version (Revisions) and save your changes again.`,
      },
      409,
    );
    this.name = 'ConflictError';
  }
}

const LIMITS = { title: 300, summary: 1000, body: 500_000, caption: 500, alt: 300, source: 500, author: 200, tags: 20, tag: 60, related: 10, attachments: 20 };

function len(text: string | null | undefined): number {
  return text ? [...text].length : 0;
}

/** Shape and references of the input; completeness for publication is checked at submission. */
async function checkInput(db: Db, siteId: number, input: ArticleInput, articleId: number | null): Promise<void> {
  const p = new Problems();
  if (!normalizeInput(input.title)) p.add({ code: 'title_required', field: 'title', vi: 'Vui lòng nhập tiêu đề.', en: 'Please enter a title.' });
  if (len(input.title) > LIMITS.title) p.add({ code: 'title_too_long', field: 'title', vi: `Tiêu đề tối đa ${LIMITS.title} ký tự.`, en: `Title: at most ${LIMITS.title} characters.` });
  if (len(input.summary) > LIMITS.summary) p.add({ code: 'summary_too_long', field: 'summary', vi: `Sapo tối đa ${LIMITS.summary} ký tự.`, en: `Summary: at most ${LIMITS.summary} characters.` });
  if (input.bodyHtml.length > LIMITS.body) p.add({ code: 'body_too_long', field: 'bodyHtml', vi: 'Nội dung quá dài (tối đa khoảng 500.000 ký tự).', en: 'The body is too long (about 500,000 characters at most).' });
  if (!isArticleKind(input.kind)) p.add({ code: 'invalid_kind', field: 'kind', vi: `Loại tin bài không hợp lệ (${ARTICLE_KINDS.join(', ')}).`, en: `Invalid kind (${ARTICLE_KINDS.join(', ')}).` });
  if (len(input.coverCaption) > LIMITS.caption || len(input.coverAlt) > LIMITS.alt) p.add({ code: 'cover_text_too_long', field: 'coverAlt', vi: 'Chú thích ảnh tối đa 500 ký tự, mô tả ảnh tối đa 300 ký tự.', en: 'Caption at most 500, alt text at most 300 characters.' });
  if (len(input.source) > LIMITS.source || len(input.authorName) > LIMITS.author) p.add({ code: 'source_too_long', field: 'source', vi: 'Nguồn tối đa 500 ký tự, tác giả tối đa 200 ký tự.', en: 'Source at most 500, author at most 200 characters.' });
  if (input.tags.length > LIMITS.tags || input.tags.some((t) => len(t) > LIMITS.tag)) p.add({ code: 'too_many_tags', field: 'tags', vi: `Tối đa ${LIMITS.tags} từ khóa, mỗi từ khóa tối đa ${LIMITS.tag} ký tự.`, en: `At most ${LIMITS.tags} tags of ${LIMITS.tag} characters.` });
  if (input.eventAt && Number.isNaN(Date.parse(input.eventAt))) p.add({ code: 'invalid_event_time', field: 'eventAt', vi: 'Thời gian sự kiện không hợp lệ.', en: 'Invalid event time.' });
  if (input.language !== 'vi' && input.language !== 'en') p.add({ code: 'invalid_language', field: 'language', vi: 'Ngôn ngữ phải là tiếng Việt hoặc tiếng Anh.', en: 'Language must be Vietnamese or English.' });

  if (input.sectionId !== null) {
    const section = await db.selectFrom('sections').select(['id', 'archived_at']).where('site_id', '=', siteId).where('id', '=', input.sectionId).executeTakeFirst();
    if (!section || section.archived_at) p.add({ code: 'invalid_section', field: 'sectionId', vi: 'Chuyên mục đã chọn không có trên trang này.', en: 'The chosen section is not on this site.' });
  }
  if (input.unitId !== null) {
    const unit = await db.selectFrom('units').select('id').where('site_id', '=', siteId).where('id', '=', input.unitId).executeTakeFirst();
    if (!unit) p.add({ code: 'invalid_unit', field: 'unitId', vi: 'Đơn vị cung cấp không thuộc trang này.', en: 'The providing unit is not on this site.' });
  }
  const mediaIds = [...(input.coverMediaId ? [input.coverMediaId] : []), ...input.attachmentIds];
  if (input.attachmentIds.length > LIMITS.attachments) p.add({ code: 'too_many_attachments', field: 'attachmentIds', vi: `Tối đa ${LIMITS.attachments} tệp đính kèm.`, en: `At most ${LIMITS.attachments} attachments.` });
  if (mediaIds.length > 0) {
    // A private file ("Tài liệu nội bộ") is never a cover or an attachment of a public page.
    const found = await db.selectFrom('media').select(['id', 'kind']).where('site_id', '=', siteId).where('id', 'in', mediaIds).where('deleted_at', 'is', null).where('private', '=', 0).execute();
    const kinds = new Map(found.map((m) => [m.id, m.kind]));
    if (input.coverMediaId && kinds.get(input.coverMediaId) !== 'image') p.add({ code: 'invalid_cover', field: 'coverMediaId', vi: 'Ảnh đại diện phải là một ảnh trong thư viện của trang.', en: 'The cover must be an image from this site’s library.' });
    if (input.attachmentIds.some((id) => !kinds.has(id))) p.add({ code: 'invalid_attachment', field: 'attachmentIds', vi: 'Có tệp đính kèm không thuộc thư viện của trang.', en: 'An attachment is not in this site’s library.' });
  }
  const linked = [...input.relatedIds, ...(input.translationOfId ? [input.translationOfId] : [])].filter((id) => id !== articleId);
  if (input.relatedIds.length > LIMITS.related) p.add({ code: 'too_many_related', field: 'relatedIds', vi: `Tối đa ${LIMITS.related} tin bài liên quan.`, en: `At most ${LIMITS.related} related articles.` });
  if (linked.length > 0) {
    const found = await db.selectFrom('articles').select(['id', 'language']).where('site_id', '=', siteId).where('id', 'in', linked).where('deleted_at', 'is', null).execute();
    if (input.relatedIds.some((id) => id !== articleId && !found.some((f) => f.id === id))) p.add({ code: 'invalid_related', field: 'relatedIds', vi: 'Có tin bài liên quan không thuộc trang này.', en: 'A related article is not on this site.' });
    if (input.translationOfId) {
      const original = found.find((f) => f.id === input.translationOfId);
      if (!original) p.add({ code: 'invalid_translation', field: 'translationOfId', vi: 'Bài gốc của bản dịch không có trên trang này.', en: 'The original of this translation is not on this site.' });
      else if (original.language === input.language) p.add({ code: 'same_language', field: 'translationOfId', vi: 'Bản dịch phải khác ngôn ngữ với bài gốc.', en: 'A translation must be in another language than its original.' });
    }
  }
  if (input.kind === 'document') for (const problem of await documentInputProblems(db, siteId, input.document ?? null, articleId)) p.add(problem);
  else if (input.document) p.add({ code: 'not_a_document', field: 'kind', vi: 'Chỉ tin bài loại «Văn bản» mới có thông tin văn bản.', en: 'Only an item of kind “Document” has document details.' });
  if (input.kind === 'entry') for (const problem of await entryInputProblems(db, siteId, input.entry ?? null, articleId)) p.add(problem);
  else if (input.entry) p.add({ code: 'not_an_entry', field: 'kind', vi: 'Chỉ mục của chuyên mục khai báo mới có các trường riêng.', en: 'Only an entry of a declared section has fields of its own.' });
  p.throwIfAny();
}

/** The site's document catalogue (types and fields), from its settings. */
export async function siteDocumentCatalogue(db: Db, siteId: number) {
  const site = await db.selectFrom('sites').select('settings').where('id', '=', siteId).executeTakeFirst();
  let settings: Record<string, unknown> = {};
  try {
    settings = site ? (JSON.parse(site.settings) as Record<string, unknown>) : {};
  } catch {
    settings = {};
  }
  return documentCatalogue(settings);
}

/**
 * A document's details are complete on every save (a draft document without a
 * number or issuer is of no use to anyone), its number is not already another
 * document's of the same issuer and year, and its relations point only at
 * documents of this same site (tenant isolation), never at itself.
 */
async function documentInputProblems(db: Db, siteId: number, details: DocumentDetails | null, articleId: number | null): Promise<Problem[]> {
  if (!details) return [{ code: 'document_required', field: 'docNumber', vi: 'Văn bản cần có số, ký hiệu, loại, cơ quan ban hành và ngày ban hành.', en: 'A document needs its number, type, issuing body and date of issue.' }];
  const normalized = normalizeDetails(details);
  const problems = documentProblems(normalized, await siteDocumentCatalogue(db, siteId));
  const same = await documentWithNumber(db, siteId, normalized, articleId);
  if (same) problems.push(duplicateNumber(normalized, same.id));
  if (details.relations.length > 20) problems.push({ code: 'too_many_relations', field: 'docRelations', vi: 'Tối đa 20 quan hệ văn bản.', en: 'At most 20 document relations.' });
  const targets = [...new Set(details.relations.map((r) => r.toArticleId))].filter((id) => Number.isInteger(id) && id > 0);
  if (articleId !== null && targets.includes(articleId)) problems.push({ code: 'self_relation', field: 'docRelations', vi: 'Văn bản không thể liên quan đến chính nó.', en: 'A document cannot relate to itself.' });
  if (targets.length > 0) {
    const found = await db.selectFrom('articles').select('id').where('site_id', '=', siteId).where('kind', '=', 'document').where('deleted_at', 'is', null).where('id', 'in', targets).execute();
    const missing = targets.filter((id) => !found.some((f) => f.id === id));
    if (missing.length > 0) {
      problems.push({ code: 'invalid_relation_target', field: 'docRelations', vi: `Văn bản liên quan số ${missing.join(', ')} không phải là văn bản của trang này.`, en: `Related document(s) ${missing.join(', ')} are not documents of this site.` });
    }
  }
  return problems;
}

/** Legacy TCVN3/VNI text repaired and rich text sanitised inside an entry's values (after normalizeValues). */
function cleanEntry(entry: EntryContent): EntryContent {
  const kind = sectionKind(entry.kind);
  if (!kind) return entry;
  const { values } = normalizeValues(kind, entry.values);
  return { kind: entry.kind, values: cleanEntryValues(kind.fields, values) };
}

/** Cleans what was typed or pasted: NFC, allow-listed HTML, legacy encodings converted. */
function cleanContent(input: ArticleInput, slug: string): { content: ArticleContent; notices: SaveResult['notices'] } {
  const notices: SaveResult['notices'] = [];
  const text = (value: string | null) => {
    if (value === null) return null;
    const repaired = repairVietnamese(normalizeInput(value));
    return repaired.text || null;
  };
  const sanitized = sanitizeArticleHtml(input.bodyHtml);
  if (sanitized.removed.length > 0) {
    notices.push({ vi: `Đã bỏ định dạng không được phép khi lưu: ${sanitized.removed.join(', ')}.`, en: `Removed formatting that is not allowed: ${sanitized.removed.join(', ')}.` });
  }
  const repaired = repairHtmlText(sanitized.html);
  const title = repairVietnamese(normalizeInput(input.title));
  const summary = repairVietnamese(normalizeInput(input.summary));
  if (repaired.converted || title.converted || summary.converted) {
    const enc = (repaired.converted ?? title.converted ?? summary.converted)!.toUpperCase();
    notices.push({ vi: `Đã chuyển văn bản mã ${enc} sang Unicode (TCVN 6909:2001). Hãy đọc lại để kiểm tra.`, en: `Converted ${enc} text to Unicode (TCVN 6909:2001). Please read it through.` });
  }
  const content: ArticleContent = {
    kind: input.kind,
    title: title.text,
    summary: summary.text,
    bodyHtml: repaired.html,
    coverMediaId: input.coverMediaId,
    coverCaption: text(input.coverCaption),
    coverAlt: text(input.coverAlt),
    sectionId: input.sectionId,
    tags: [...new Set(input.tags.map((t) => normalizeInput(t)).filter(Boolean))],
    source: text(input.source),
    authorName: text(input.authorName),
    readerContribution: input.readerContribution,
    unitId: input.unitId,
    eventAt: input.eventAt ? new Date(input.eventAt).toISOString() : null,
    language: input.language,
    translationOfId: input.translationOfId,
    isReference: input.isReference,
    relatedIds: [...new Set(input.relatedIds)],
    attachmentIds: [...new Set(input.attachmentIds)],
    slug,
    document: input.kind === 'document' && input.document ? normalizeDetails(input.document) : null,
    entry: input.kind === 'entry' && input.entry ? cleanEntry(input.entry) : null,
  };
  // A document's source is its issuing body and its author its signer, unless stated otherwise.
  if (content.document) {
    content.source ??= content.document.issuer || null;
    content.authorName ??= content.document.signer;
  }
  return { content, notices };
}

async function screeningOf(db: Db, siteId: number, content: ArticleContent): Promise<ScreeningMatch[]> {
  const rules = await db.selectFrom('screening_rules').selectAll().where('site_id', '=', siteId).execute();
  if (rules.length === 0) return [];
  return screen(
    { title: content.title, summary: content.summary, html: content.bodyHtml },
    rules.map((r) => ({ id: r.id, kind: r.kind === 'link' ? 'link' : 'term', pattern: r.pattern, note: r.note })),
  );
}

/** Unverified information goes to the clearly labelled reference section (001 Đ7.1). */
async function fileReference(db: Db, siteId: number, given: ArticleInput): Promise<ArticleInput> {
  // An entry's pictures without a description take the library's (media.alt).
  const input = given.kind === 'entry' && given.entry ? { ...given, entry: await withLibraryAlts(db, siteId, given.entry) } : given;
  if (input.sectionId !== null) {
    const section = await db.selectFrom('sections').select('is_reference').where('id', '=', input.sectionId).executeTakeFirst();
    if (section?.is_reference === 1) return { ...input, isReference: true };
  }
  if (!input.isReference) return input;
  const reference = await db.selectFrom('sections').select('id').where('site_id', '=', siteId).where('is_reference', '=', 1).where('archived_at', 'is', null).orderBy('id').executeTakeFirst();
  return reference ? { ...input, sectionId: reference.id } : input;
}

async function addRevision(db: Db, row: ArticleRow, kind: RevisionKind, content: ArticleContent, userId: number | null, note: string | null, now: string): Promise<number> {
  const last = await db.selectFrom('article_revisions').select(['id', 'number', 'kind', 'created_by_user_id']).where('article_id', '=', row.id).orderBy('number', 'desc').limit(1).executeTakeFirst();
  // Autosaves replace the previous autosave of the same person instead of piling up.
  if (kind === 'autosave' && last?.kind === 'autosave' && last.created_by_user_id === userId) {
    await db.updateTable('article_revisions').set({ snapshot: JSON.stringify(content), created_at: now }).where('id', '=', last.id).execute();
    return last.id;
  }
  const { id } = await db
    .insertInto('article_revisions')
    .values({ site_id: row.site_id, article_id: row.id, number: (last?.number ?? 0) + 1, kind, snapshot: JSON.stringify(content), note, created_by_user_id: userId, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

async function liveContent(db: Db, row: ArticleRow): Promise<ArticleContent | null> {
  if (row.live_revision_id === null) return null;
  const live = await db.selectFrom('article_revisions').select('snapshot').where('id', '=', row.live_revision_id).executeTakeFirst();
  return live ? parseSnapshot(live.snapshot) : null;
}

export async function createArticle(
  db: Db,
  actor: AuditActor,
  grants: Grants,
  input: ArticleInput,
  opts: { revisionKind?: 'create' | 'import'; note?: string | null; provision?: ProvisionFields } = {},
  clock: Clock = systemClock,
): Promise<SaveResult> {
  if (!can(grants, 'content.create')) throw new ForbiddenError();
  return db.transaction().execute((trx) => createArticleIn(trx, actor, grants, input, opts, clock));
}

/**
 * The same inside a transaction the caller holds, so that a batch (an import
 * of many documents) commits all or nothing.
 */
export async function createArticleIn(
  trx: Db,
  actor: AuditActor,
  grants: Grants,
  input: ArticleInput,
  opts: { revisionKind?: 'create' | 'import'; note?: string | null; provision?: ProvisionFields } = {},
  clock: Clock = systemClock,
): Promise<SaveResult> {
  if (!can(grants, 'content.create')) throw new ForbiddenError();
  const prepared = await fileReference(trx, actor.siteId, input);
  await checkInput(trx, actor.siteId, prepared, null);
  await markInternalFilesPrivate(trx, actor.siteId, prepared.entry);
  if (opts.provision && !mayRecordProvision(grants)) throw new ForbiddenError();
  await checkProvision(trx, actor.siteId, opts.provision, clock.now());
  const now = isoNow(clock);
  const slug = await uniqueSlug(trx, actor.siteId, slugify(prepared.title), null);
  const { content, notices } = cleanContent(prepared, slug);
  const screening = await screeningOf(trx, actor.siteId, content);
  const row = await trx
    .insertInto('articles')
    .values({ site_id: actor.siteId, ...rowOfContent(content), screening_hits: JSON.stringify(screening), author_user_id: actor.userId!, ...(opts.provision ? provisionColumns(opts.provision) : {}), has_pending_changes: 1, reader_contribution: content.readerContribution ? 1 : 0, is_reference: content.isReference ? 1 : 0, urgent_pending_approval: 0, takedown_notice: 0, created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
  await addRevision(trx, row, opts.revisionKind ?? 'create', content, actor.userId, opts.note ?? null, now);
  await appendAudit(trx, actor, { action: opts.revisionKind === 'import' ? 'article.import' : 'article.create', targetType: 'article', targetId: row.id, details: { title: content.title, kind: content.kind } }, clock);
  return { row, notices, screening };
}

/** Reviewers, publishers and moderators read every article in the back office; others their own. */
export function mayReadArticle(grants: Grants, userId: number, row: Pick<ArticleRow, 'author_user_id'>): boolean {
  // Reading follows the person's roles whatever the site's status: on an archived site the board still
  // reads what it published (the read-only rule refuses changes, not the view; ADR 12, ADR 29).
  const roles = { ...grants, siteWritable: true };
  return row.author_user_id === userId || can(roles, 'content.review') || can(roles, 'content.publish') || can(roles, 'content.takedown') || can(roles, 'content.purge');
}

/** Who may change the working copy now, and why not. */
export async function editProblems(db: Db, row: ArticleRow, actorUserId: number, grants: Grants, now: Date): Promise<Problem[]> {
  if (!grants.siteWritable) return [{ code: 'site_read_only', vi: 'Trang này đã chuyển sang lưu trữ nên không thể thay đổi nội dung.', en: 'This site is archived, so its content cannot be changed.' }];
  if (row.deleted_at) return [{ code: 'in_trash', vi: 'Bài đang ở thùng rác; hãy khôi phục trước khi sửa.', en: 'The article is in the trash; restore it first.' }];
  if (!can(grants, 'content.edit')) return [{ code: 'forbidden', vi: 'Bạn không có quyền sửa tin bài.', en: 'You may not edit articles.' }];
  const item = itemOfRow(row);
  if (row.review_state === 'in_review') {
    const chain = await chainOfItem(db, row, now);
    const actor = await workflowActor(db, row.site_id, actorUserId, grants);
    if (!canActOnStep(item, actor, chain, await loadStaffing(db, { id: row.site_id }, vietnamDate(now))).can) {
      const step = item.stepIndex === null ? undefined : chain.steps[item.stepIndex];
      return [{ code: 'in_review', vi: `Bài đang chờ duyệt ở bước «${step?.name ?? ''}»: chỉ người xử lý bước này được sửa. Tác giả có thể rút lại bài khi chưa ai duyệt.`, en: `The article is in review at step “${step?.nameEn ?? ''}”: only whoever handles that step may edit it. The author may withdraw it before anyone has approved it.` }];
    }
    return [];
  }
  if (row.review_state === 'approved') {
    // Whoever publishes may send it back with a reason (engine: return from approved); no one should publish in order to correct.
    const publisher = roleLabel({ labels: await loadSiteLabels(db, row.site_id) }, 'publisher', 'vi');
    return [
      {
        code: 'approved',
        vi: `Bài đã duyệt xong, đang chờ ${publisher} đăng nên không sửa được nữa. Cần sửa trước khi đăng: đề nghị ${publisher} trả lại bài (kèm lý do) để sửa và duyệt lại.`,
        en: 'The article is approved and waiting for publication, so it can no longer be edited. To change it before publication, ask the publisher to return it (with a reason) so it can be edited and reviewed again.',
      },
    ];
  }
  const isAuthor = row.author_user_id === actorUserId;
  if (!isAuthor && !can(grants, 'content.review')) {
    const board = roleLabel({ labels: await loadSiteLabels(db, row.site_id) }, 'board', 'vi');
    return [{ code: 'not_author', vi: `Chỉ tác giả hoặc thành viên ${board} được sửa bài này.`, en: 'Only the author or a board member may edit this article.' }];
  }
  return [];
}

export async function updateArticle(
  db: Db,
  actor: AuditActor,
  grants: Grants,
  articleId: number,
  input: ArticleInput,
  lockVersion: number,
  opts: { kind?: Exclude<RevisionKind, 'create' | 'import'>; note?: string | null; provision?: ProvisionFields } = {},
  clock: Clock = systemClock,
): Promise<SaveResult> {
  const kind = opts.kind ?? 'save';
  const prepared = await fileReference(db, actor.siteId, input);
  await checkInput(db, actor.siteId, prepared, articleId);
  await markInternalFilesPrivate(db, actor.siteId, prepared.entry);
  if (opts.provision && !mayRecordProvision(grants)) throw new ForbiddenError();
  await checkProvision(db, actor.siteId, opts.provision, clock.now());
  return inTransaction(db, async (trx) => {
    const row = await getArticle(trx, actor.siteId, articleId, { includeDeleted: true });
    if (!row) throw new NotFoundError({ vi: 'tin bài', en: 'Article' });
    const problems = await editProblems(trx, row, actor.userId!, grants, clock.now());
    if (problems.length > 0) throw new DomainError(problems, problems[0]?.code === 'forbidden' ? 403 : 422);
    if (row.lock_version !== lockVersion) {
      const last = await trx
        .selectFrom('article_revisions as r')
        .leftJoin('users as u', 'u.id', 'r.created_by_user_id')
        .select(['u.name', 'r.created_at'])
        .where('r.article_id', '=', row.id)
        .orderBy('r.number', 'desc')
        .limit(1)
        .executeTakeFirst();
      throw new ConflictError(last?.name ?? null, last?.created_at ?? row.updated_at);
    }
    const now = isoNow(clock);
    // Until first published, the address follows the title; after that it changes only on purpose.
    const wanted = prepared.slug?.trim() ? slugify(prepared.slug) : row.live_revision_id === null ? slugify(prepared.title) : row.slug;
    const slug = wanted === row.slug ? row.slug : await uniqueSlug(trx, actor.siteId, wanted, row.id);
    const { content, notices } = cleanContent(prepared, slug);
    const screening = await screeningOf(trx, actor.siteId, content);
    const live = await liveContent(trx, row);
    const changed = !sameContent(contentOfRow(row), content);
    const provisionChanged = opts.provision ? provisionChanges(row, opts.provision) : null;
    const result = await trx
      .updateTable('articles')
      .set({
        ...rowOfContent(content),
        ...(opts.provision ? provisionColumns(opts.provision) : {}),
        screening_hits: JSON.stringify(screening),
        has_pending_changes: live && sameContent(live, content) ? 0 : 1,
        lock_version: row.lock_version + 1,
        updated_at: now,
      })
      .where('id', '=', row.id)
      .where('lock_version', '=', row.lock_version)
      .returningAll()
      .executeTakeFirst();
    if (!result) throw new ConflictError(null, now);
    if (changed || kind === 'restore') {
      await addRevision(trx, result, kind, content, actor.userId, opts.note ?? null, now);
      if (kind !== 'autosave') {
        await appendAudit(trx, actor, { action: kind === 'restore' ? 'article.restore_revision' : 'article.save', targetType: 'article', targetId: row.id, details: { title: content.title, ...(opts.note ? { note: opts.note } : {}), ...(provisionChanged ? { provision: provisionChanged } : {}) } }, clock);
      }
    } else if (provisionChanged) {
      // Only the provision record changed: no revision (it is not content), but audited.
      await appendAudit(trx, actor, { action: 'article.provision', targetType: 'article', targetId: row.id, details: { title: content.title, provision: provisionChanged } }, clock);
    }
    return { row: result, notices, screening };
  });
}

/** Every reason the working copy cannot go public yet (checked on submit and publication). */
export async function publicationProblems(db: Db, row: ArticleRow): Promise<Problem[]> {
  const c = contentOfRow(row);
  const problems: Problem[] = [];
  if (c.kind === 'document') return documentPublicationProblems(db, row, c);
  if (c.kind === 'entry') return entryPublicationProblems(db, row, c);
  if (!c.readerContribution && (!c.source || !c.authorName)) {
    problems.push({ code: 'source_author_required', field: 'source', vi: 'Tin bài phải ghi rõ nguồn và tác giả (trừ tin bạn đọc gửi) trước khi gửi duyệt.', en: 'State the source and the author before submitting (except reader contributions).' });
  }
  if (c.kind === 'translation' && !c.source) {
    problems.push({ code: 'translation_source', field: 'source', vi: 'Bài dịch phải ghi nguồn của bài gốc.', en: 'A translation must state its original source.' });
  }
  if (!htmlToText(c.bodyHtml).trim() && !c.summary.trim()) {
    problems.push({ code: 'empty', field: 'bodyHtml', vi: 'Bài chưa có nội dung.', en: 'The article has no content.' });
  }
  if (c.coverMediaId && !c.coverAlt) {
    problems.push({ code: 'cover_alt_required', field: 'coverAlt', vi: 'Ảnh đại diện cần có mô tả (văn bản thay thế) cho người khiếm thị trước khi đăng.', en: 'The cover image needs alt text before publication.' });
  }
  problems.push(...(await pictureProblems(db, row.site_id, c.bodyHtml)));
  if (detectLegacyEncoding(`${c.title}\n${c.summary}\n${htmlToText(c.bodyHtml)}`)) {
    problems.push({ code: 'not_unicode', field: 'bodyHtml', vi: 'Nội dung còn văn bản không theo bộ mã Unicode TCVN 6909:2001; chưa được đăng (003 Điều 9.2).', en: 'Some text is not Unicode (TCVN 6909:2001); it cannot be published.' });
  }
  return problems;
}

/**
 * One problem per picture without a description, naming it (its number and
 * file name) and pointing at its field in the editor's "Ảnh trong nội dung".
 */
async function pictureProblems(db: Db, siteId: number, html: string): Promise<Problem[]> {
  const missing = picturesWithoutAlt(html);
  if (missing.length === 0) return [];
  const library = await mediaBySrc(db, siteId, missing.map((p) => p.src));
  return missing.map((p) => {
    const name = library.get(p.src)?.originalName;
    const which = name ? `${p.number} (${name})` : String(p.number);
    return {
      code: 'image_alt_required',
      field: pictureField(p.number, 'alt'),
      vi: `Ảnh ${which} trong nội dung chưa có mô tả (văn bản thay thế) cho người khiếm thị; hãy nhập mô tả ở mục «Ảnh trong nội dung» trước khi gửi duyệt hoặc đăng.`,
      en: `Picture ${which} in the body has no description (alt text) for blind readers; enter it under “Pictures in the text” before submitting or publishing.`,
    };
  });
}

/**
 * A document is complete when its details are: the issuer stands for the
 * source and the signer for the author (a document has no other author), and
 * the title (trích yếu) plus attachments are its content, so no body is needed.
 */
async function documentPublicationProblems(db: Db, row: ArticleRow, c: ArticleContent): Promise<Problem[]> {
  const problems = await documentInputProblems(db, row.site_id, c.document, row.id);
  if (detectLegacyEncoding(`${c.title}\n${c.summary}\n${htmlToText(c.bodyHtml)}`)) {
    problems.push({ code: 'not_unicode', field: 'bodyHtml', vi: 'Nội dung còn văn bản không theo bộ mã Unicode TCVN 6909:2001; chưa được đăng (003 Điều 9.2).', en: 'Some text is not Unicode (TCVN 6909:2001); it cannot be published.' });
  }
  return problems;
}

/** Restores an old revision as the working copy (a new revision records it). */
export async function restoreRevision(db: Db, actor: AuditActor, grants: Grants, articleId: number, number: number, lockVersion: number, clock: Clock = systemClock): Promise<SaveResult> {
  const revision = await db.selectFrom('article_revisions').selectAll().where('site_id', '=', actor.siteId).where('article_id', '=', articleId).where('number', '=', number).executeTakeFirst();
  if (!revision) throw new NotFoundError({ vi: 'phiên bản', en: 'Revision' });
  const old = parseSnapshot(revision.snapshot);
  const row = await getArticle(db, actor.siteId, articleId);
  if (!row) throw new NotFoundError({ vi: 'tin bài', en: 'Article' });
  // The address stays as it is now; only the content comes back.
  return updateArticle(db, actor, grants, articleId, { ...old, slug: row.slug }, lockVersion, { kind: 'restore', note: `Khôi phục phiên bản ${number}` }, clock);
}
