// The royalty sheet's XLSX holds figures as numbers: the amount and the coefficient ("2,5" on the
// page and in the PDF), so the accountant's spreadsheet can add and check them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { sheetXlsx, type SheetDocument } from './export.ts';

test('coefficient and amount are number cells; text stays text', async () => {
  const doc: SheetDocument = {
    agency: 'Ủy ban nhân dân xã Thử',
    board: 'Ban biên tập',
    title: 'BẢNG KÊ CHI NHUẬN BÚT, THÙ LAO',
    month: 'Tháng 11/2026',
    subtitle: null,
    rows: [
      { kind: 'line', cells: [1, 'Nguyễn Văn An', 'Bài: Khánh thành cầu treo', '15/11/2026', 'Bài', '2,5', 632_500, ''] },
      { kind: 'line', cells: [2, 'Lê Thị Bình', 'Thù lao duyệt tin, bài', '', '', '', 100_000, ''] },
    ],
    total: 732_500,
    words: 'Bằng chữ: Bảy trăm ba mươi hai nghìn năm trăm đồng.',
    dateLine: 'Thanh Hóa, ngày 07 tháng 12 năm 2026',
    signers: ['Người lập biểu', 'Kế toán', 'Trưởng Ban biên tập'],
    fileName: 'bang-ke',
  };
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await sheetXlsx(doc)) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  let line: ExcelJS.Row | undefined;
  sheet.eachRow((row) => {
    if (row.getCell(2).value === 'Nguyễn Văn An') line = row;
  });
  assert.ok(line, 'the line is in the sheet');
  assert.equal(line.getCell(6).value, 2.5);
  assert.equal(line.getCell(7).value, 632_500);
  assert.equal(line.getCell(4).value, '15/11/2026');
});
