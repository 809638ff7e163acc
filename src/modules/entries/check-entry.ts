// The checks of an entry that need the database: its kind is declared and on
// for this site, every file, picture, document, unit, person and entry it
// points at belongs to this same site (tenant isolation), and — for
// submission and publication — its required fields are filled.
import { completenessProblems, draftRuleProblems, normalizeValues, referencesOf, sectionKind, siteKind, type EntryValues, type FieldDecl } from '../../core/entries/index.ts';
import type { Problem } from '../../core/errors.ts';
import { repairHtmlText, sanitizeArticleHtml, htmlToText } from '../../core/content/index.ts';
import { vietnamDate } from '../../core/time.ts';
import { detectLegacyEncoding, repairVietnamese } from '../../core/vietnamese/index.ts';
import type { Db } from '../../platform/db/database.ts';
import type { ArticleRow } from '../../platform/db/schema.ts';
import type { ArticleContent, EntryContent } from '../articles/article.ts';
import { siteKindSettings } from './site-kinds.ts';
import { isDocumentFile, isSubtitle, isVideo } from '../media/video.ts';

/** What an `articles` field may point at: news and articles, not pages, documents or entries. */
export const THREAD_ARTICLE_KINDS = ['news', 'article', 'photo', 'video', 'translation', 'collected'] as const;

function unknownKind(key: string | undefined): Problem {
  return { code: 'invalid_entry_kind', field: 'entryKind', vi: `Chuyên mục «${key ?? ''}» không có hoặc chưa được bật trên trang này.`, en: `The section “${key ?? ''}” does not exist or is not enabled on this site.` };
}

const ACCEPT_PROBLEMS = {
  image: { vi: 'Có ô cần một ảnh trong thư viện nhưng tệp đã chọn không phải là ảnh.', en: 'A field needs an image of the library but the file chosen is not one.' },
  video: { vi: 'Có ô cần một video (MP4 H.264 hoặc WebM) nhưng tệp đã chọn không phải là video; hãy tải video lên ở mục “Tải video lên” của Thư viện tệp.', en: 'A field needs a video (MP4 H.264 or WebM) but the file chosen is not one; upload videos with “Upload a video” in the media library.' },
  subtitle: { vi: 'Có ô phụ đề nhưng tệp đã chọn không phải là phụ đề WebVTT (.vtt).', en: 'A captions field holds a file that is not WebVTT captions (.vtt).' },
  document: { vi: 'Có ô cần một văn bản (PDF, Word, Excel, ODT, ODS hoặc ảnh chụp văn bản) nhưng tệp đã chọn không phải là văn bản.', en: 'A field needs a document (PDF, Word, Excel, ODF or a scanned image) but the file chosen is not one.' },
};

/** Whether a library item is what a field accepts (the sniffer decided its type when it was uploaded). */
function mediaIs(m: { kind: string; mime: string; ext: string }, accept: NonNullable<FieldDecl['accept']>): boolean {
  if (accept === 'image') return m.kind === 'image';
  if (accept === 'document') return isDocumentFile(m);
  return accept === 'video' ? isVideo(m) : isSubtitle(m);
}

/** Shape and references of an entry's values, on every save (a draft may leave required fields empty). */
export async function entryInputProblems(db: Db, siteId: number, entry: EntryContent | null, articleId: number | null): Promise<Problem[]> {
  const kind = sectionKind(entry?.kind);
  if (!entry || !kind) return [unknownKind(entry?.kind)];
  const site = await siteKindSettings(db, siteId);
  // An entry saved before its kind was turned off may still be edited; a new one may not be created, nor an item turned into one.
  const current = articleId === null ? null : await db.selectFrom('articles').select('entry_kind').where('site_id', '=', siteId).where('id', '=', articleId).executeTakeFirst();
  if (current?.entry_kind !== kind.key && !siteKind(site.level, site.settings, kind.key)?.enabled) return [unknownKind(kind.key)];
  const { values, problems } = normalizeValues(kind, entry.values);
  if (problems.length > 0) return problems;
  problems.push(...(await referenceProblems(db, siteId, kind.fields, values, articleId)));
  problems.push(...draftRuleProblems(kind, '', values, vietnamDate(new Date())));
  return problems;
}

async function referenceProblems(db: Db, siteId: number, fields: FieldDecl[], values: EntryValues, articleId: number | null): Promise<Problem[]> {
  const refs = referencesOf({ fields } as never, values);
  const problems: Problem[] = [];
  const bad = (code: string, vi: string, en: string) => problems.push({ code, field: 'entry', vi, en });
  const media = [...new Set([...refs.media, ...refs.images])];
  if (media.length > 0) {
    const found = await db.selectFrom('media').select(['id', 'kind', 'mime', 'ext', 'private']).where('site_id', '=', siteId).where('id', 'in', media).where('deleted_at', 'is', null).execute();
    // A private file is never shown as a picture (pictures go public).
    const kinds = new Map(found.map((m) => [m.id, m.private === 1 ? 'private' : m.kind]));
    if (refs.media.some((id) => !kinds.has(id))) bad('invalid_entry_file', 'Có tệp không thuộc thư viện của trang.', 'A file is not in this site’s library.');
    if (refs.images.some((id) => kinds.get(id) !== 'image')) bad('invalid_entry_picture', 'Có ảnh không phải là ảnh trong thư viện của trang.', 'A picture is not an image of this site’s library.');
    const byId = new Map(found.map((m) => [m.id, m]));
    for (const accept of ['image', 'video', 'subtitle', 'document'] as const) {
      const wrong = refs.typed.filter((r) => r.accept === accept && byId.has(r.id) && !mediaIs(byId.get(r.id)!, accept));
      if (wrong.length > 0) bad(`invalid_entry_${accept}`, ACCEPT_PROBLEMS[accept].vi, ACCEPT_PROBLEMS[accept].en);
    }
  }
  if (refs.documents.length > 0) {
    const found = await db.selectFrom('articles').select('id').where('site_id', '=', siteId).where('kind', '=', 'document').where('deleted_at', 'is', null).where('id', 'in', refs.documents).execute();
    if (found.length < new Set(refs.documents).size) bad('invalid_entry_document', 'Có văn bản liên quan không phải là văn bản của trang này.', 'A related document is not a document of this site.');
  }
  if (refs.articles.length > 0) {
    // News and articles only: not pages, documents, procedures or entries, never another site's.
    const found = await db.selectFrom('articles').select('id').where('site_id', '=', siteId).where('kind', 'in', [...THREAD_ARTICLE_KINDS]).where('deleted_at', 'is', null).where('id', 'in', refs.articles).execute();
    if (found.length < new Set(refs.articles).size) bad('invalid_entry_article', 'Có bài không phải là tin, bài của trang này (số hiệu sai, bài của trang khác, văn bản hoặc trang tĩnh).', 'An item is not a news item or article of this site.');
  }
  if (refs.units.length > 0) {
    const found = await db.selectFrom('units').select('id').where('site_id', '=', siteId).where('id', 'in', refs.units).execute();
    if (found.length < new Set(refs.units).size) bad('invalid_entry_unit', 'Có đơn vị không thuộc trang này.', 'A unit is not on this site.');
  }
  if (refs.people.length > 0) {
    const found = await db.selectFrom('memberships').select('user_id').where('site_id', '=', siteId).where('status', '=', 'active').where('user_id', 'in', refs.people).execute();
    if (new Set(found.map((f) => f.user_id)).size < new Set(refs.people).size) bad('invalid_entry_person', 'Có người không phải là thành viên đang hoạt động của trang này.', 'A person is not an active member of this site.');
  }
  for (const group of refs.entries) {
    const ids = group.ids.filter((id) => id !== articleId);
    if (ids.length < group.ids.length) bad('self_entry', 'Một mục không thể liên kết với chính nó.', 'An entry cannot link to itself.');
    if (ids.length === 0) continue;
    let q = db.selectFrom('articles').select('id').where('site_id', '=', siteId).where('kind', '=', 'entry').where('deleted_at', 'is', null).where('id', 'in', ids);
    if (group.kind) q = q.where('entry_kind', '=', group.kind);
    const found = await q.execute();
    if (found.length < new Set(ids).size) bad('invalid_entry_link', 'Có mục liên kết không thuộc chuyên mục tương ứng của trang này.', 'A linked entry is not of the expected section on this site.');
  }
  return problems;
}

/** Every reason an entry cannot go public yet: required fields, pictures without description, the kind's rules, text not in Unicode. */
export async function entryPublicationProblems(db: Db, row: ArticleRow, c: ArticleContent): Promise<Problem[]> {
  const kind = sectionKind(c.entry?.kind);
  if (!c.entry || !kind) return [unknownKind(c.entry?.kind)];
  const problems = completenessProblems(kind, c.title, c.entry.values, vietnamDate(new Date()));
  problems.push(...(await referenceProblems(db, row.site_id, kind.fields, c.entry.values, row.id)));
  if (kind.body && !htmlToText(c.bodyHtml).trim() && !c.summary.trim() && kind.fields.every((f) => !f.required)) {
    problems.push({ code: 'empty', field: 'bodyHtml', vi: 'Mục chưa có nội dung.', en: 'The entry has no content.' });
  }
  const texts = Object.values(c.entry.values).filter((v): v is string => typeof v === 'string');
  if (detectLegacyEncoding([c.title, c.summary, htmlToText(c.bodyHtml), ...texts].join('\n'))) {
    problems.push({ code: 'not_unicode', field: 'bodyHtml', vi: 'Nội dung còn văn bản không theo bộ mã Unicode TCVN 6909:2001; chưa được đăng (003 Điều 9.2).', en: 'Some text is not Unicode (TCVN 6909:2001); it cannot be published.' });
  }
  return problems;
}

/** Text fields repaired from TCVN3/VNI, rich text through the allow-list, rows cell by cell. */
export function cleanEntryValues(fields: FieldDecl[], values: EntryValues): EntryValues {
  const out: EntryValues = {};
  for (const f of fields) {
    const v = values[f.key];
    if (v === undefined) continue;
    if (f.type === 'richtext' && typeof v === 'string') out[f.key] = repairHtmlText(sanitizeArticleHtml(v).html).html;
    else if ((f.type === 'text' || f.type === 'longtext') && typeof v === 'string') out[f.key] = repairVietnamese(v).text;
    else if (f.type === 'picture' && v && typeof v === 'object') out[f.key] = repairPicture(v as { alt: string; caption: string | null });
    else if (f.type === 'pictures' && Array.isArray(v)) out[f.key] = v.map((p) => repairPicture(p as { alt: string; caption: string | null }));
    else if (f.type === 'rows' && Array.isArray(v)) out[f.key] = v.map((row) => cleanEntryValues(f.fields ?? [], row as EntryValues));
    else out[f.key] = v;
  }
  return out;
}

function repairPicture<T extends { alt: string; caption: string | null }>(p: T): T {
  return { ...p, alt: repairVietnamese(p.alt).text, caption: p.caption === null ? null : repairVietnamese(p.caption).text };
}

export { normalizeValues };

/**
 * Pictures picked without a description take the one the media library holds
 * for them (media.alt), so an alt text written once at upload is not asked for
 * again. Only this site's items are read (tenant isolation).
 */
export async function withLibraryAlts(db: Db, siteId: number, entry: EntryContent): Promise<EntryContent> {
  const kind = sectionKind(entry.kind);
  if (!kind || !entry.values || typeof entry.values !== 'object') return entry;
  type Pic = { mediaId?: unknown; alt?: unknown };
  const wanting: Pic[] = [];
  const collect = (fields: FieldDecl[], values: Record<string, unknown>) => {
    for (const f of fields) {
      const v = values[f.key];
      if (f.type === 'picture' && v && typeof v === 'object') wanting.push(v as Pic);
      else if (f.type === 'pictures' && Array.isArray(v)) wanting.push(...(v.filter((p) => p && typeof p === 'object') as Pic[]));
      else if (f.type === 'rows' && Array.isArray(v)) for (const row of v) if (row && typeof row === 'object') collect(f.fields ?? [], row as Record<string, unknown>);
    }
  };
  const values = structuredClone(entry.values) as Record<string, unknown>;
  collect(kind.fields, values);
  const missing = wanting.filter((p) => (typeof p.alt !== 'string' || p.alt.trim() === '') && Number.isInteger(Number(p.mediaId)) && Number(p.mediaId) > 0);
  if (missing.length === 0) return entry;
  const ids = [...new Set(missing.map((p) => Number(p.mediaId)))];
  const found = await db.selectFrom('media').select(['id', 'alt']).where('site_id', '=', siteId).where('id', 'in', ids).where('deleted_at', 'is', null).execute();
  const alts = new Map(found.filter((m) => m.alt && m.alt.trim() !== '').map((m) => [m.id, m.alt!]));
  for (const p of missing) {
    const alt = alts.get(Number(p.mediaId));
    if (alt) p.alt = alt;
  }
  return { ...entry, values: values as EntryContent['values'] };
}

/** Files of an entry's internal file fields (a promotion's confirmation letter) become private library files: never served to the public. */
export async function markInternalFilesPrivate(db: Db, siteId: number, entry: EntryContent | null | undefined): Promise<void> {
  const kind = sectionKind(entry?.kind);
  if (!kind || !entry) return;
  const ids = kind.fields
    .filter((f) => f.internal && (f.type === 'file' || f.type === 'files'))
    .flatMap((f) => [entry.values[f.key]].flat())
    .map(Number)
    .filter((id) => Number.isInteger(id) && id > 0);
  if (ids.length > 0) await db.updateTable('media').set({ private: 1 }).where('site_id', '=', siteId).where('id', 'in', ids).execute();
}
