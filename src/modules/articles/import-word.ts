// A Word file becomes a draft: its text, headings, lists and tables, its
// images stored in the media library (location data stripped), legacy
// encodings converted; a picture's description (Word's alt text) and caption
// go with it into the library. Source, author and missing descriptions are
// left for the editor to complete: the article cannot be submitted without them.
import type { Grants } from '../../core/permissions.ts';
import { systemClock, type Clock } from '../../core/time.ts';
import { sniffUpload, safeFileName } from '../../platform/uploads/index.ts';
import type { Db } from '../../platform/db/database.ts';
import type { FileStore } from '../../platform/files/index.ts';
import { importDocx } from '../../platform/docx/index.ts';
import type { AuditActor } from '../audit/store.ts';
import { uploadMedia } from '../media/media.ts';
import { blankArticle, createArticle, type SaveResult } from './save-article.ts';

export async function importWordArticle(
  db: Db,
  files: FileStore,
  actor: AuditActor,
  grants: Grants,
  input: { data: Buffer; filename: string; sectionId: number | null; unitId?: number | null },
  clock: Clock = systemClock,
): Promise<SaveResult> {
  await sniffUpload(input.data, 'docx', input.filename);
  const doc = await importDocx(input.data);
  let html = doc.html;
  for (const image of doc.images) {
    const media = await uploadMedia(db, files, actor, { data: image.buffer, originalName: `${safeFileName(input.filename).replace(/\.docx$/i, '')}-anh-${image.placeholder.split(':')[1] ?? '1'}.${(image.contentType.split('/')[1] ?? 'png').replace('jpeg', 'jpg')}`, purpose: 'image', alt: image.altText, caption: image.caption }, clock);
    html = html.split(`src="${image.placeholder}"`).join(`src="${media.url}"`);
  }
  const title = doc.title ?? safeFileName(input.filename).replace(/\.docx$/i, '');
  const result = await createArticle(
    db,
    actor,
    grants,
    { ...blankArticle(title), bodyHtml: html, sectionId: input.sectionId, unitId: input.unitId ?? null },
    { revisionKind: 'import', note: `Nhập từ tệp ${safeFileName(input.filename)}` },
    clock,
  );
  const notices = [...result.notices];
  if (doc.converted) notices.push({ vi: `Văn bản mã ${doc.converted.toUpperCase()} trong tệp đã được chuyển sang Unicode.`, en: `${doc.converted.toUpperCase()} text in the file was converted to Unicode.` });
  for (const warning of doc.warnings) notices.push({ vi: warning, en: warning });
  return { ...result, notices };
}
