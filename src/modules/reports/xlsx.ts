// A report as a spreadsheet: one sheet, the header lines, then each section's
// summary and tables stacked (title, column heads, rows, totals), figures as
// numbers (shares as numbers formatted as per cent) so they can be summed.
import ExcelJS from 'exceljs';
import type { ReportTable } from '../../core/reports/section.ts';
import { neutralizeCell } from '../../platform/spreadsheet.ts';
import { periodLabel } from './compute.ts';
import { placeAndDate, type ReportDocument } from './document.ts';
import { isNumeric } from './format.ts';

const FORMATS: Partial<Record<string, string>> = { int: '#,##0', decimal: '#,##0.0', percent: '0.0%', working_hours: '#,##0.0', working_days: '#,##0.0' };

function addTable(sheet: ExcelJS.Worksheet, table: ReportTable): void {
  sheet.addRow([neutralizeCell(table.title.vi)]).font = { bold: true, italic: true };
  sheet.addRow(table.columns.map((c) => neutralizeCell(c.label.vi))).font = { bold: true };
  const write = (cells: Record<string, string | number | null>, bold: boolean) => {
    const row = sheet.addRow(table.columns.map((c) => {
      const v = cells[c.key] ?? null;
      return typeof v === 'number' ? v : neutralizeCell(v);
    }));
    table.columns.forEach((c, i) => {
      const fmt = FORMATS[c.kind];
      if (fmt && isNumeric(c.kind)) row.getCell(i + 1).numFmt = fmt;
    });
    if (bold) row.font = { bold: true };
  };
  for (const r of table.rows) write(r, false);
  if (table.totals) write(table.totals, true);
  if (table.note) sheet.addRow([neutralizeCell(table.note.vi)]);
  sheet.addRow([]);
}

export async function reportXlsx(doc: ReportDocument): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Báo cáo');
  const head: string[] = [
    doc.agency.toUpperCase(),
    doc.issuer.toUpperCase(),
    doc.number ? `Số: ${doc.number}` : '',
    doc.place ? placeAndDate(doc.place, doc.date) : '',
    'BÁO CÁO',
    doc.subject,
    `Kỳ báo cáo: ${periodLabel(doc.figures.period, 'vi')}`,
    doc.state === 'approved' ? `Phiên bản ${doc.version}, đã phê duyệt; số liệu chốt lúc ${doc.figures.computedAt}` : 'Dự thảo: số liệu tính tại thời điểm tải về',
  ].filter(Boolean);
  for (const line of head) sheet.addRow([neutralizeCell(line)]).font = { bold: line === 'BÁO CÁO' };
  sheet.addRow([]);
  doc.figures.sections.forEach((section, i) => {
    sheet.addRow([neutralizeCell(`${i + 1}. ${section.title.vi}`)]).font = { bold: true, size: 12 };
    for (const line of section.figures.summary) sheet.addRow([neutralizeCell(line.vi)]);
    for (const table of section.figures.tables) addTable(sheet, table);
  });
  if (doc.assessment) sheet.addRow([neutralizeCell(`Đánh giá chung: ${doc.assessment}`)]);
  if (doc.proposals) sheet.addRow([neutralizeCell(`Đề xuất, kiến nghị: ${doc.proposals}`)]);
  if (doc.signerName) sheet.addRow([neutralizeCell(`${doc.signerTitle}: ${doc.signerName}`)]);
  sheet.getColumn(1).width = 40;
  for (let c = 2; c <= 12; c++) sheet.getColumn(c).width = 16;
  // Then each table on its own sheet, column heads in the first row: ready to sort, filter and
  // score (the yearly per-unit and per-person summaries feed emulation and discipline, 003 Đ21).
  doc.figures.sections.forEach((section, i) =>
    section.figures.tables.forEach((table, j) => {
      const own = workbook.addWorksheet(sheetName(`${i + 1}.${j + 1} ${table.title.vi}`));
      own.addRow(table.columns.map((c) => neutralizeCell(c.label.vi))).font = { bold: true };
      const write = (cells: Record<string, string | number | null>) => {
        const row = own.addRow(table.columns.map((c) => {
          const v = cells[c.key] ?? null;
          return typeof v === 'number' ? v : neutralizeCell(v);
        }));
        table.columns.forEach((c, k) => {
          const fmt = FORMATS[c.kind];
          if (fmt && isNumeric(c.kind)) row.getCell(k + 1).numFmt = fmt;
        });
        return row;
      };
      for (const r of table.rows) write(r);
      if (table.totals) write(table.totals).font = { bold: true };
      own.getColumn(1).width = 40;
      own.views = [{ state: 'frozen', ySplit: 1 }];
    }),
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A sheet name Excel accepts: at most 31 characters, none of []:*?/\\. */
function sheetName(title: string): string {
  return [...title.replace(/[[\]:*?/\\]/g, ' ')].slice(0, 31).join('').trim();
}
