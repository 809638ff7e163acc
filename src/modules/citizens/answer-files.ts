// Files delivered with an answer: the information requested (Law 104/2016
// provides it as copies and files), a document the answer cites. The unit
// attaches them while it drafts; they pass the approval chain with the words;
// the requester downloads them with the tracking code once the answer is sent.
import { DomainError, NotFoundError } from '../../core/errors.ts';
import type { Db } from '../../platform/db/database.ts';
import type { CitizenCaseRow } from '../../platform/db/schema.ts';
import type { FileStore } from '../../platform/files/index.ts';
import { safeFileName, sniffUpload } from '../../platform/uploads/index.ts';
import type { AuditActor } from '../audit/store.ts';
import { demandUnit, draftingProblems } from './answer-workflow.ts';
import { changeCase, problemsIf, type CaseContext } from './manage-cases.ts';
import { ANSWER_PART, answerFiles, getCase, mayOpenCase, type CaseViewer } from './store.ts';

export { ANSWER_PART };

export const MAX_ANSWER_FILES = 10;
export const MAX_ANSWER_FILE_BYTES = 20 * 1024 * 1024;
/** Documents, spreadsheets and scans: what information is delivered as. */
const ANSWER_FILE_TYPES = ['pdf', 'doc', 'docx', 'odt', 'xls', 'xlsx', 'ods', 'csv', 'jpg', 'png'];

/** Deletes stored bytes when no case file (of any site) and no media item uses them any more. */
export async function removeIfUnused(db: Db, files: FileStore, sha256: string): Promise<void> {
  const [caseRef, mediaRef] = await Promise.all([
    db.selectFrom('citizen_case_files').select('id').where('sha256', '=', sha256).limit(1).executeTakeFirst(),
    db.selectFrom('media').select('id').where('sha256', '=', sha256).limit(1).executeTakeFirst(),
  ]);
  if (!caseRef && !mediaRef) await files.remove(sha256);
}

function wrongType(name: string): DomainError {
  return new DomainError({
    code: 'answer_file_type',
    field: 'file',
    vi: `Tệp “${name}” không phải PDF, Word, Excel, OpenDocument, CSV hay ảnh JPG/PNG: hãy lưu lại ở một trong các định dạng đó.`,
    en: `“${name}” is not a PDF, Word, Excel, OpenDocument, CSV or JPG/PNG file: save it in one of those formats.`,
  });
}

/** Attaches a file to the answer being drafted; the type is decided by the content. */
export async function addAnswerFile(
  ctx: CaseContext,
  files: FileStore,
  actor: AuditActor,
  viewer: CaseViewer,
  caseId: number,
  lockVersion: number | null,
  upload: { data: Buffer; originalName: string },
): Promise<CitizenCaseRow> {
  const sniffed = await sniffUpload(upload.data, 'attachment', upload.originalName).catch((error: unknown) => {
    if (error instanceof DomainError && error.code !== 'empty_file') throw wrongType(safeFileName(upload.originalName));
    throw error;
  });
  if (!ANSWER_FILE_TYPES.includes(sniffed.ext)) throw wrongType(safeFileName(upload.originalName));
  const name = safeFileName(upload.originalName, sniffed.ext);
  // Refuse who may not add files before keeping any bytes (changeCase checks again under the lock).
  const current = await getCase(ctx.db, actor.siteId, caseId);
  if (current && mayOpenCase(viewer, current)) {
    demandUnit(viewer, current);
    draftingProblems(current);
  }
  // Stored before the transaction: bytes nobody refers to are harmless, a row without bytes is not.
  const stored = await files.put(upload.data);
  return changeCase(ctx, actor, viewer, caseId, lockVersion, async (row, trx, now) => {
    demandUnit(viewer, row);
    draftingProblems(row);
    const count = (await answerFiles(trx, row.site_id, row.id)).length;
    problemsIf([
      count >= MAX_ANSWER_FILES,
      { code: 'too_many_files', field: 'file', vi: `Câu trả lời đã có ${MAX_ANSWER_FILES} tệp, là số tối đa: gộp bớt tệp rồi tải lên lại.`, en: `The answer already has ${MAX_ANSWER_FILES} files, the most allowed: merge some, then upload again.` },
    ]);
    await trx
      .insertInto('citizen_case_files')
      .values({ site_id: row.site_id, case_id: row.id, sha256: stored.sha256, mime: sniffed.mime, ext: sniffed.ext, size: stored.size, original_name: name, part: ANSWER_PART, created_at: now.toISOString() })
      .execute();
    return { update: {}, action: 'answer_file_add', note: name, audit: { file: name, size: stored.size } };
  });
}

/** Takes a file off the answer being drafted. */
export async function removeAnswerFile(ctx: CaseContext, files: FileStore, actor: AuditActor, viewer: CaseViewer, caseId: number, lockVersion: number | null, fileId: number): Promise<CitizenCaseRow> {
  let sha256 = '';
  const row = await changeCase(ctx, actor, viewer, caseId, lockVersion, async (row, trx) => {
    demandUnit(viewer, row);
    draftingProblems(row);
    const file = (await answerFiles(trx, row.site_id, row.id)).find((f) => f.id === fileId);
    if (!file) throw new NotFoundError({ vi: 'tệp', en: 'File' });
    await trx.deleteFrom('citizen_case_files').where('site_id', '=', row.site_id).where('id', '=', file.id).execute();
    sha256 = file.sha256;
    return { update: {}, action: 'answer_file_remove', note: file.original_name, audit: { file: file.original_name } };
  });
  await removeIfUnused(ctx.db, files, sha256);
  return row;
}
