// Bulk import of documents from a CSV or XLSX table: every row is checked
// first and nothing is imported when any row is wrong (the report names each
// row and column); otherwise every row becomes a draft document, all in one
// transaction with one audit row for the batch. Drafts are not submitted: the
// board attaches each document's file and submits it into the chain.
import { DOCUMENT_LEVELS, DOCUMENT_LEVEL_LABELS, documentKey, documentProblems, normalizeDetails, numberWarnings, numberYear, type DocumentCatalogue, type DocumentDetails, type DocumentLevel } from '../../core/documents/index.ts';
import { DomainError, ForbiddenError } from '../../core/errors.ts';
import { can, type Grants } from '../../core/permissions.ts';
import { parseDateInput, systemClock, type Clock } from '../../core/time.ts';
import { fold } from '../../core/vietnamese/index.ts';
import type { Db } from '../../platform/db/database.ts';
import { readTable, writeCsv, type TableRow } from '../../platform/spreadsheet.ts';
import { format, type Lang } from '../../ui/i18n.ts';
import { appendAudit, type AuditActor } from '../audit/store.ts';
import { blankArticle, createArticleIn, siteDocumentCatalogue } from '../articles/save-article.ts';
import { documentAdminText } from './admin-messages.ts';
import { documentWithNumber } from './same-number.ts';

/** At most this many rows a batch: a person reads the report of every row. */
export const MAX_DOCUMENT_ROWS = 2_000;

type ColumnKey = 'number' | 'type' | 'issuer' | 'title' | 'summary' | 'fields' | 'level' | 'signer' | 'issuedOn' | 'effectiveOn' | 'expiresOn';

/** The columns, by their Vietnamese header; headers match without diacritics or case ("So ky hieu"). */
export const IMPORT_COLUMNS: { key: ColumnKey; name: string; required: boolean; note: { vi: string; en: string }; example: string }[] = [
  { key: 'number', name: 'Số ký hiệu', required: true, note: { vi: 'ví dụ 15/2023/QĐ-UBND', en: 'e.g. 15/2023/QĐ-UBND' }, example: '15/2023/QĐ-UBND' },
  { key: 'type', name: 'Loại văn bản', required: true, note: { vi: 'tên trong danh mục, ví dụ Quyết định', en: 'a name from the list, e.g. Quyết định' }, example: 'Quyết định' },
  { key: 'issuer', name: 'Cơ quan ban hành', required: true, note: { vi: '', en: '' }, example: 'Ủy ban nhân dân tỉnh Kon Tum' },
  { key: 'title', name: 'Trích yếu', required: true, note: { vi: 'tiêu đề của văn bản trên trang', en: 'the document’s title on the site' }, example: 'Ban hành Quy định quản lý đường giao thông nông thôn' },
  { key: 'fields', name: 'Lĩnh vực', required: false, note: { vi: 'nhiều lĩnh vực cách nhau bằng dấu ;', en: 'several separated by ;' }, example: 'Giao thông; Xây dựng' },
  { key: 'level', name: 'Cấp', required: false, note: { vi: 'Trung ương, Tỉnh hoặc Địa phương; để trống là Địa phương', en: 'Trung ương, Tỉnh or Địa phương; empty means local' }, example: 'Tỉnh' },
  { key: 'signer', name: 'Người ký', required: false, note: { vi: '', en: '' }, example: 'Nguyễn Văn A' },
  { key: 'issuedOn', name: 'Ngày ban hành', required: true, note: { vi: 'ngày/tháng/năm', en: 'dd/mm/yyyy' }, example: '15/03/2023' },
  { key: 'effectiveOn', name: 'Ngày hiệu lực', required: false, note: { vi: 'ngày/tháng/năm', en: 'dd/mm/yyyy' }, example: '25/03/2023' },
  { key: 'expiresOn', name: 'Ngày hết hiệu lực', required: false, note: { vi: 'ngày/tháng/năm', en: 'dd/mm/yyyy' }, example: '' },
  { key: 'summary', name: 'Tóm tắt', required: false, note: { vi: 'đoạn giới thiệu ngắn', en: 'a short summary' }, example: '' },
];

export function importTemplateCsv(): Buffer {
  return writeCsv(
    IMPORT_COLUMNS.map((c) => c.name),
    [IMPORT_COLUMNS.map((c) => c.example)],
  );
}

export interface ImportProblem {
  line: number;
  column: string;
  vi: string;
  en: string;
}

export class ImportRefused extends DomainError {
  constructor(readonly rows: ImportProblem[]) {
    super(rows.map((r) => ({ code: 'import_row', field: `line ${r.line}`, vi: `Dòng ${r.line}, ${r.column}: ${r.vi}`, en: `Row ${r.line}, ${r.column}: ${r.en}` })), 422);
    this.name = 'ImportRefused';
  }
}

const FIELD_TO_COLUMN: Record<string, ColumnKey> = { docNumber: 'number', docType: 'type', docIssuer: 'issuer', docFields: 'fields', docLevel: 'level', docIssuedOn: 'issuedOn', docEffectiveOn: 'effectiveOn', docExpiresOn: 'expiresOn', docStatusOverride: 'number', docStatusNote: 'number', docRelations: 'number' };

const columnName = (key: ColumnKey) => IMPORT_COLUMNS.find((c) => c.key === key)!.name;

function bilingual(key: keyof ReturnType<typeof documentAdminText>, values: Record<string, string | number> = {}): { vi: string; en: string } {
  return { vi: format(documentAdminText('vi')[key], values), en: format(documentAdminText('en')[key], values) };
}

function typeKeyOf(catalogue: DocumentCatalogue, value: string): string | null {
  const v = fold(value);
  return catalogue.types.find((t) => t.key === value || fold(t.vi) === v || fold(t.en) === v)?.key ?? null;
}

function levelOf(value: string): DocumentLevel | null {
  if (!value) return 'local';
  const v = fold(value);
  return DOCUMENT_LEVELS.find((l) => l === value || fold(DOCUMENT_LEVEL_LABELS[l].vi).startsWith(v) || fold(DOCUMENT_LEVEL_LABELS[l].en) === v || (l === 'local' && v === 'dia phuong')) ?? null;
}

interface ParsedRow {
  line: number;
  title: string;
  summary: string;
  details: DocumentDetails;
}

/** Every row checked; problems of all rows together. */
export async function checkImportRows(db: Db, siteId: number, rows: TableRow[], headers: string[]): Promise<{ parsed: ParsedRow[]; problems: ImportProblem[]; warnings: ImportProblem[] }> {
  const problems: ImportProblem[] = [];
  /** Accepted, but worth correcting (a number without its leading zero). */
  const warnings: ImportProblem[] = [];
  const byFolded = new Map(headers.map((h) => [fold(h), h]));
  const headerOf = new Map<ColumnKey, string>();
  for (const c of IMPORT_COLUMNS) {
    const h = byFolded.get(fold(c.name));
    if (h) headerOf.set(c.key, h);
    else if (c.required) problems.push({ line: 1, column: c.name, ...bilingual('missingColumn', { column: c.name }) });
  }
  if (problems.length > 0) return { parsed: [], problems, warnings };
  if (rows.length === 0) return { parsed: [], problems: [{ line: 0, column: '', ...bilingual('emptyFile') }], warnings };
  if (rows.length > MAX_DOCUMENT_ROWS) return { parsed: [], problems: [{ line: 0, column: '', ...bilingual('tooManyRows') }], warnings };

  const catalogue = await siteDocumentCatalogue(db, siteId);
  const seen = new Map<string, number>();
  const parsed: ParsedRow[] = [];
  for (const row of rows) {
    const cell = (key: ColumnKey) => {
      const h = headerOf.get(key);
      return h ? (row.cells[h] ?? '').trim() : '';
    };
    const add = (key: ColumnKey, p: { vi: string; en: string }) => problems.push({ line: row.line, column: columnName(key), ...p });
    for (const c of IMPORT_COLUMNS) if (c.required && !cell(c.key)) add(c.key, bilingual('required', { column: c.name }));
    const typeText = cell('type');
    const docType = typeText ? typeKeyOf(catalogue, typeText) : null;
    if (typeText && !docType) add('type', bilingual('unknownType', { value: typeText }));
    const level = levelOf(cell('level'));
    if (!level) add('level', bilingual('unknownLevel', { value: cell('level') }));
    const date = (key: ColumnKey): string | null => {
      const v = cell(key);
      if (!v) return null;
      const iso = parseDateInput(v);
      if (!iso) add(key, bilingual('badDate', { column: columnName(key), value: v }));
      return iso;
    };
    const details: DocumentDetails = normalizeDetails({
      number: cell('number'),
      docType: docType ?? '',
      issuer: cell('issuer'),
      fields: cell('fields').split(';').map((f) => f.trim()).filter(Boolean),
      level: level ?? 'local',
      signer: cell('signer') || null,
      issuedOn: date('issuedOn') ?? '',
      effectiveOn: date('effectiveOn'),
      expiresOn: date('expiresOn'),
      statusOverride: null,
      statusNote: null,
      relations: [],
    });
    // What the row itself already reported (required, type, dates) is not repeated.
    const reported = new Set(problems.filter((p) => p.line === row.line).map((p) => p.column));
    for (const p of documentProblems(details, catalogue)) {
      const key = FIELD_TO_COLUMN[p.field ?? ''] ?? 'number';
      if (!reported.has(columnName(key))) add(key, { vi: p.vi, en: p.en });
    }
    if (cell('title').length > 300) add('title', { vi: 'Trích yếu tối đa 300 ký tự.', en: 'The summary line is at most 300 characters.' });
    const year = numberYear(details.issuedOn);
    if (details.number && details.issuer && year) {
      // Unique per issuer per year, in the file and on the site (same-number.ts).
      const key = `${documentKey(details.number, details.issuer)}|${year}`;
      const earlier = seen.get(key);
      if (earlier) add('number', bilingual('duplicateInFile', { line: earlier }));
      else seen.set(key, row.line);
      const existing = await documentWithNumber(db, siteId, details, null);
      if (existing) add('number', bilingual('existsOnSite', { number: details.number, issuer: details.issuer, year, id: existing.id }));
    }
    for (const w of numberWarnings(details.number)) warnings.push({ line: row.line, column: columnName('number'), vi: w.vi, en: w.en });
    parsed.push({ line: row.line, title: cell('title'), summary: cell('summary'), details });
  }
  return { parsed, problems, warnings };
}

/**
 * Reads the table and imports every row as a draft document, or nothing:
 * refused with every row's problems (ImportRefused), or with the file's own
 * problem (DomainError on 'file').
 */
export async function importDocuments(db: Db, actor: AuditActor, grants: Grants, file: { data: Buffer; filename: string }, clock: Clock = systemClock): Promise<{ ids: number[]; warnings: ImportProblem[] }> {
  if (!can(grants, 'content.create') || !grants.siteWritable) throw new ForbiddenError();
  const table = await readTable(file.data).catch((error: unknown) => {
    if (error instanceof DomainError) throw error;
    // A damaged XLSX (a ZIP that is not a workbook) is the user's file, not our fault.
    const t = bilingual('unreadable');
    throw new DomainError({ code: 'invalid_table', field: 'file', vi: t.vi, en: t.en });
  });
  const { parsed, problems, warnings } = await checkImportRows(db, actor.siteId, table.rows, table.headers);
  if (problems.length > 0) throw new ImportRefused(problems);
  return db.transaction().execute(async (trx) => {
    const ids: number[] = [];
    for (const row of parsed) {
      const input = { ...blankArticle(row.title), kind: 'document' as const, summary: row.summary, document: row.details };
      const result = await createArticleIn(trx, actor, grants, input, { revisionKind: 'import', note: `Nhập từ ${file.filename}, dòng ${row.line}` }, clock);
      ids.push(result.row.id);
    }
    await appendAudit(trx, actor, { action: 'document.import', targetType: 'site', targetId: actor.siteId, details: { file: file.filename, count: ids.length, ids } }, clock);
    return { ids, warnings };
  });
}

export function problemMessage(p: ImportProblem, lang: Lang): string {
  return lang === 'en' ? p.en : p.vi;
}
