// A report as a spreadsheet: one sheet, the header lines, then each section's
// summary and tables stacked (title, column heads, rows, totals), figures as
// numbers (shares as numbers formatted as per cent) so they can be summed.
// Then each table on its own sheet, column heads in the first row: ready to
// sort, filter and score (the yearly per-unit and per-person summaries feed
// emulation and discipline, 003 Đ21).
import type { ReportCell, ReportTable } from '../../core/reports/section.ts';
import { writeWorkbook, type WorkbookRow, type WorkbookSheet } from '../../platform/spreadsheet.ts';
import { periodLabel } from './compute.ts';
import { placeAndDate, type ReportDocument } from './document.ts';
import { isNumeric } from './format.ts';

const FORMATS: Partial<Record<string, string>> = { int: '#,##0', decimal: '#,##0.0', percent: '0.0%', working_hours: '#,##0.0', working_days: '#,##0.0' };

/** A table row (or its totals) as a workbook row: numbers stay numbers, with the column's format. */
function tableRow(table: ReportTable, cells: Record<string, ReportCell>, bold = false): WorkbookRow {
  return {
    cells: table.columns.map((c) => cells[c.key] ?? null),
    formats: table.columns.map((c) => (isNumeric(c.kind) ? FORMATS[c.kind] : undefined)),
    bold,
  };
}

function tableRows(table: ReportTable): WorkbookRow[] {
  return [...table.rows.map((r) => tableRow(table, r)), ...(table.totals ? [tableRow(table, table.totals, true)] : [])];
}

function headerLines(doc: ReportDocument): WorkbookRow[] {
  const lines: string[] = [
    doc.agency.toUpperCase(),
    doc.issuer.toUpperCase(),
    doc.number ? `Số: ${doc.number}` : '',
    doc.place ? placeAndDate(doc.place, doc.date) : '',
    'BÁO CÁO',
    doc.subject,
    `Kỳ báo cáo: ${periodLabel(doc.figures.period, 'vi')}`,
    doc.state === 'approved' ? `Phiên bản ${doc.version}, đã phê duyệt; số liệu chốt lúc ${doc.figures.computedAt}` : 'Dự thảo: số liệu tính tại thời điểm tải về',
  ].filter(Boolean);
  return lines.map((line) => ({ cells: [line], bold: line === 'BÁO CÁO' }));
}

function wholeReport(doc: ReportDocument): WorkbookSheet {
  const rows: WorkbookRow[] = [...headerLines(doc), { cells: [] }];
  doc.figures.sections.forEach((section, i) => {
    rows.push({ cells: [`${i + 1}. ${section.title.vi}`], bold: true, size: 12 });
    for (const line of section.figures.summary) rows.push({ cells: [line.vi] });
    for (const table of section.figures.tables) {
      rows.push({ cells: [table.title.vi], bold: true, italic: true });
      rows.push({ cells: table.columns.map((c) => c.label.vi), bold: true });
      rows.push(...tableRows(table));
      if (table.note) rows.push({ cells: [table.note.vi] });
      rows.push({ cells: [] });
    }
  });
  if (doc.assessment) rows.push({ cells: [`Đánh giá chung: ${doc.assessment}`] });
  if (doc.proposals) rows.push({ cells: [`Đề xuất, kiến nghị: ${doc.proposals}`] });
  if (doc.signerName) rows.push({ cells: [`${doc.signerTitle}: ${doc.signerName}`] });
  return { name: 'Báo cáo', rows, widths: [40, 16] };
}

export async function reportXlsx(doc: ReportDocument): Promise<Buffer> {
  const perTable: WorkbookSheet[] = doc.figures.sections.flatMap((section, i) =>
    section.figures.tables.map((table, j) => ({
      name: `${i + 1}.${j + 1} ${table.title.vi}`,
      rows: [{ cells: table.columns.map((c) => c.label.vi), bold: true }, ...tableRows(table)],
      widths: [40, 16],
      freezeFirstRow: true,
    })),
  );
  return writeWorkbook([wholeReport(doc), ...perTable]);
}
