// Tables in and out: CSV (RFC 4180, UTF-8 with or without BOM) and XLSX
// (Office Open XML, by exceljs). Imports read the first sheet into rows keyed
// by the header row; exports write the same shape. Text comes back NFC, and a
// CSV saved by old tools in TCVN3/VNI is repaired to Unicode.
//
// Every export goes through writeCsv/writeXlsx, which neutralise text that a
// spreadsheet program would run as a formula (CSV injection): a text cell that
// begins with = + - @, a tab or a carriage return gets a leading apostrophe,
// the convention Excel and LibreOffice show as "this is text". Numbers stay
// numbers. readTable drops that apostrophe again, so an export imports back
// unchanged.
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type ExcelJS from 'exceljs';
import { lazyModule } from './lazy.ts';

const excel = lazyModule<typeof ExcelJS>('exceljs');
import { DomainError } from '../core/errors.ts';
import { repairVietnamese, toNfc } from '../core/vietnamese/index.ts';

export interface TableRow {
  /** The row's number as the user sees it in their spreadsheet (the header is row 1). */
  line: number;
  /** Header (trimmed, NFC) → cell text (trimmed, NFC; empty string when blank). */
  cells: Record<string, string>;
}

export interface Table {
  headers: string[];
  rows: TableRow[];
}

export type TableFormat = 'csv' | 'xlsx';

/** Rows past this are refused: an import is a batch a person checks, not a data dump. */
export const MAX_IMPORT_ROWS = 5_000;

const XLSX_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** The format of an uploaded table, by its content (an XLSX is a ZIP), not its name. */
export function tableFormatOf(bytes: Buffer): TableFormat {
  return bytes.subarray(0, 4).equals(XLSX_MAGIC) ? 'xlsx' : 'csv';
}

function badFile(vi: string, en: string): DomainError {
  return new DomainError({ code: 'invalid_table', field: 'file', vi, en });
}

/** Reads a CSV or XLSX upload; refuses a file that is neither, empty, or too long. */
export async function readTable(bytes: Buffer): Promise<Table> {
  const raw = tableFormatOf(bytes) === 'xlsx' ? await readXlsx(bytes) : readCsv(bytes);
  const [head, ...body] = Array.from(raw, (r) => r ?? []);
  if (!head || head.every((h) => !h.trim())) throw badFile('Tệp không có dòng tiêu đề.', 'The file has no header row.');
  if (body.length > MAX_IMPORT_ROWS) throw badFile(`Tệp có quá ${MAX_IMPORT_ROWS} dòng; hãy chia nhỏ.`, `The file has more than ${MAX_IMPORT_ROWS} rows; split it.`);
  const headers = head.map(cleanText);
  const rows: TableRow[] = [];
  body.forEach((cells, i) => {
    if (cells.every((c) => !c.trim())) return;
    const record: Record<string, string> = {};
    headers.forEach((h, k) => {
      if (h) record[h] = cleanText(cells[k] ?? '');
    });
    rows.push({ line: i + 2, cells: record });
  });
  return { headers, rows };
}

function cleanText(text: string): string {
  return toNfc(repairVietnamese(unquoteFormula(text)).text).trim();
}

/** Text a spreadsheet program would evaluate: = + - @ first (after spaces), or a tab or carriage return. */
const FORMULA_START = /^(?:[\t\r]|\s*[=+\-@])/;
/** A plain number written as text ("-5", "+3", "1.5") is data, not a formula. */
const PLAIN_NUMBER = /^[+-]?\d[\d.,]*$/;

/** A text cell made safe to open in a spreadsheet program; numbers and other text unchanged. */
export function neutralizeCell(value: string | number | null): string | number {
  if (value === null) return '';
  if (typeof value === 'number' || PLAIN_NUMBER.test(value) || !FORMULA_START.test(value)) return value;
  return `'${value}`;
}

/** The inverse of neutralizeCell, for a file this product wrote and a person re-imports. */
function unquoteFormula(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}

function readCsv(bytes: Buffer): string[][] {
  const text = decodeText(bytes);
  if (text.includes('\u0000')) throw badFile('Tệp không phải CSV hay XLSX.', 'The file is neither CSV nor XLSX.');
  try {
    // Records with the line they start on, so that errors name the line the user sees.
    const records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, info: true, raw: true, delimiter: sniffDelimiter(text) }) as unknown as { record: string[]; info: { lines: number }; raw: string }[];
    const rows: string[][] = [];
    // csv-parse counts the line a record ends on; a quoted cell may hold line breaks.
    for (const { record, info, raw } of records) rows[info.lines - 1 - lineBreaksIn(raw)] = record;
    return rows;
  } catch (error) {
    throw badFile(`Tệp CSV không đọc được: ${(error as Error).message}`, `The CSV file cannot be read: ${(error as Error).message}`);
  }
}

/** Line breaks inside a record's own text (not the blank lines before it, not its final break). */
function lineBreaksIn(raw: string): number {
  return raw.replace(/^[\r\n]+/, '').replace(/\r?\n$/, '').split('\n').length - 1;
}

/** UTF-8 when the bytes are UTF-8; otherwise Windows-1252, as old tools saved TCVN3 text. */
function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** Excel in a Vietnamese locale saves CSV with semicolons. */
function sniffDelimiter(text: string): string {
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0);
  return (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
}

async function readXlsx(bytes: Buffer): Promise<string[][]> {
  const workbook = new (excel().Workbook)();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw badFile('Tệp XLSX không đọc được.', 'The XLSX file cannot be read.');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) cells.push(cellText(row.getCell(c).value));
    rows[rowNumber - 1] = cells;
  });
  return Array.from(rows, (r) => r ?? []);
}

/** A cell as text; dates as ISO dates (yyyy-mm-dd), rich text flattened. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return value.result === undefined ? '' : cellText(value.result as ExcelJS.CellValue);
    return '';
  }
  return String(value);
}

/** CSV for download: UTF-8 with a BOM so that Excel shows Vietnamese correctly; formulas neutralised. */
export function writeCsv(headers: string[], rows: (string | number | null)[][]): Buffer {
  return Buffer.concat([Buffer.from('\ufeff'), Buffer.from(stringify([headers, ...rows].map((r) => r.map(neutralizeCell))))]);
}

/** XLSX for download: text cells are neutralised as in CSV (they may be edited, or saved as CSV). */
export async function writeXlsx(sheetName: string, headers: string[], rows: (string | number | null)[][]): Promise<Buffer> {
  const workbook = new (excel().Workbook)();
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31));
  sheet.addRow(headers.map(neutralizeCell)).font = { bold: true };
  for (const r of rows) sheet.addRow(r.map(neutralizeCell));
  sheet.columns.forEach((column) => (column.width = 24));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** One row of a workbook sheet: its cells, how it is set, and Excel number formats per cell. */
export interface WorkbookRow {
  cells: (string | number | null)[];
  bold?: boolean;
  italic?: boolean;
  size?: number;
  formats?: (string | undefined)[];
}

export interface WorkbookSheet {
  name: string;
  rows: WorkbookRow[];
  /** Width of each column from the first; later columns keep the last width given. */
  widths?: number[];
  /** Keep the first row in view when scrolling (a table's column heads). */
  freezeFirstRow?: boolean;
}

/** A workbook of several sheets with styled rows; text cells are neutralised as in writeXlsx. */
export async function writeWorkbook(sheets: WorkbookSheet[]): Promise<Buffer> {
  const workbook = new (excel().Workbook)();
  for (const spec of sheets) {
    const sheet = workbook.addWorksheet(excelSheetName(spec.name));
    for (const r of spec.rows) {
      const row = sheet.addRow(r.cells.map(neutralizeCell));
      if (r.bold || r.italic || r.size) row.font = { ...(r.bold ? { bold: true } : {}), ...(r.italic ? { italic: true } : {}), ...(r.size ? { size: r.size } : {}) };
      r.formats?.forEach((fmt, i) => {
        if (fmt) row.getCell(i + 1).numFmt = fmt;
      });
    }
    const widths = spec.widths ?? [];
    const columns = Math.max(sheet.columnCount, widths.length);
    for (let c = 1; c <= columns; c++) sheet.getColumn(c).width = widths[Math.min(c, widths.length) - 1] ?? 24;
    if (spec.freezeFirstRow) sheet.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A sheet name Excel accepts: at most 31 characters, none of []:*?/\\. */
export function excelSheetName(title: string): string {
  return [...title.replace(/[[\]:*?/\\]/g, ' ')].slice(0, 31).join('').trim() || 'Sheet';
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
