// A period's sheet in the form accountants use (bảng kê chi nhuận bút, thù lao):
// the agency at top left, the title and month, the table (STT, name, content,
// publication date, genre, coefficient, amount, an empty signature column)
// with group subtotals, "Tổng cộng" and "Bằng chữ: …", the place and date, and
// the signature blocks. One layout (sheetDocument) feeds XLSX, PDF and CSV.
import { periodLabel } from '../../core/royalties/period.ts';
import { formatDate } from '../../core/time.ts';
import { formatVnd } from '../../core/royalties/money.ts';
import { vndInWords } from '../../core/vietnamese/number-words.ts';
import { writeCsv, writeWorkbook, type WorkbookRow } from '../../platform/spreadsheet.ts';
import { notoPdf, PDF_FONTS } from '../reports/pdf.ts';
import { placeAndDate } from '../reports/document.ts';
import { roleLabel, type Site } from '../sites/site.ts';
import { lineContent, lineFlags, type Sheet, type SheetLine } from './sheet.ts';

export const SHEET_COLUMNS = ['STT', 'Họ và tên', 'Nội dung', 'Ngày đăng', 'Thể loại', 'Hệ số', 'Số tiền (đồng)', 'Ký nhận'] as const;
const AMOUNT = 6;
const COEFFICIENT = 5;

/** A coefficient as a number for the spreadsheet ("2,5" → 2.5), so the accountant's sheet can compute with it. */
function coefficientCells(cells: readonly (string | number | null)[]): (string | number | null)[] {
  const out = [...cells];
  const c = out[COEFFICIENT];
  if (typeof c === 'string' && /^\d+(,\d+)?$/.test(c)) out[COEFFICIENT] = Number(c.replace(',', '.'));
  return out;
}

export type Cells = [number | null, string, string, string, string, string, number | null, string];
export interface SheetRow {
  kind: 'line' | 'heading' | 'subtotal' | 'total';
  cells: Cells;
}

export interface SheetDocument {
  agency: string;
  board: string;
  title: string;
  month: string;
  subtitle: string | null;
  rows: SheetRow[];
  total: number;
  words: string;
  dateLine: string;
  signers: string[];
  fileName: string;
}

function lineCells(n: number, line: SheetLine, withPeriod: boolean): Cells {
  const flags = lineFlags(line);
  const content = `${lineContent(line)}${withPeriod ? ` [kỳ ${line.period}]` : ''}${flags.length ? ` — ${flags.join('; ')}` : ''}`;
  return [n, line.payeeName, content, line.publishedOn ? formatDate(line.publishedOn) : '', line.genre ?? '', line.coefficient ?? '', line.amount, ''];
}

const blank = (label: string, amount: number | null = null): Cells => [null, label, '', '', '', '', amount, ''];

/** The layout of a sheet for download; `today` and `place` make its place-and-date line. */
export function sheetDocument(site: Pick<Site, 'agencyName' | 'labels'>, sheet: Sheet, today: string, subtitle: string | null = null, place: string | null = null): SheetDocument {
  const rows: SheetRow[] = [];
  let n = 0;
  const many = sheet.groups.length > 1;
  for (const group of sheet.groups) {
    // Per unit a group opens with the unit's name; per payee each line already names the person.
    if (many && sheet.query.by === 'don-vi') rows.push({ kind: 'heading', cells: blank(group.label) });
    for (const line of group.lines) rows.push({ kind: 'line', cells: lineCells(++n, line, false) });
    if (many) rows.push({ kind: 'subtotal', cells: blank(`Cộng: ${group.label}`, group.total) });
  }
  if (sheet.carried.length > 0) {
    rows.push({ kind: 'subtotal', cells: blank('Cộng kỳ này', sheet.total) });
    rows.push({ kind: 'heading', cells: blank('Chưa chi từ các kỳ trước') });
    for (const line of sheet.carried) rows.push({ kind: 'line', cells: lineCells(++n, line, true) });
    rows.push({ kind: 'subtotal', cells: blank('Cộng các kỳ trước', sheet.carriedTotal) });
  }
  rows.push({ kind: 'total', cells: blank('Tổng cộng', sheet.grandTotal) });
  const suffix = sheet.query.by === 'don-vi' ? '-theo-don-vi' : sheet.query.payeeId !== null ? `-nguoi-${sheet.query.payeeId}` : '';
  return {
    agency: site.agencyName,
    board: roleLabel(site, 'board', 'vi'),
    title: 'BẢNG KÊ CHI NHUẬN BÚT, THÙ LAO',
    // An open month may still change: the accountant must not take it for the closed sheet.
    month: sheet.closing ? periodLabel(sheet.period, 'vi') : `${periodLabel(sheet.period, 'vi')} (bản tạm — kỳ chưa khóa sổ)`,
    subtitle,
    rows,
    total: sheet.grandTotal,
    words: `Bằng chữ: ${vndInWords(sheet.grandTotal)}.`,
    // The board's place (its reports', else its address's); dots to fill by hand when neither says it.
    dateLine: placeAndDate(place ?? '……………', today),
    signers: ['Người lập biểu', 'Kế toán', roleLabel(site, 'editor_in_chief', 'vi')],
    fileName: `bang-ke-nhuan-but-${sheet.period}${suffix}`,
  };
}

/** CSV: UTF-8 with a BOM, amounts as plain integers; the total and the words close it. */
export function sheetCsv(doc: SheetDocument): Buffer {
  const rows: (string | number | null)[][] = doc.rows.map((r) => [...r.cells]);
  rows.push([null, doc.words, '', '', '', '', null, '']);
  return writeCsv([...SHEET_COLUMNS], rows);
}

export async function sheetXlsx(doc: SheetDocument): Promise<Buffer> {
  const formats = SHEET_COLUMNS.map((_, i) => (i === AMOUNT ? '#,##0' : undefined));
  const signerRow = (cells: string[]): (string | null)[] => [null, cells[0]!, null, cells[1]!, null, null, cells[2]!, null];
  const rows: WorkbookRow[] = [
    { cells: [doc.agency.toUpperCase()], bold: true },
    { cells: [doc.board.toUpperCase()], bold: true },
    { cells: [] },
    { cells: [null, null, doc.title], bold: true, size: 14 },
    { cells: [null, null, doc.month], bold: true },
    ...(doc.subtitle ? [{ cells: [null, null, doc.subtitle] }] : []),
    { cells: [] },
    { cells: [...SHEET_COLUMNS], bold: true },
    ...doc.rows.map((r) => ({ cells: coefficientCells(r.cells), bold: r.kind !== 'line', formats })),
    { cells: [null, doc.words], italic: true },
    { cells: [] },
    { cells: [null, null, null, null, null, null, doc.dateLine], italic: true },
    { cells: signerRow(doc.signers), bold: true },
    { cells: signerRow(doc.signers.map(() => '(Ký, ghi rõ họ tên)')), italic: true },
  ];
  return writeWorkbook([{ name: `Bảng kê ${doc.month.replace('/', '-')}`, rows, widths: [6, 26, 48, 12, 16, 8, 16, 14] }]);
}

const MM = 72 / 25.4;

/** The PDF: A4 landscape, Noto Sans embedded, the table's head repeated on each page it runs onto. */
export async function sheetPdf(doc: SheetDocument): Promise<Buffer> {
  const margins = { top: 15 * MM, bottom: 15 * MM, left: 20 * MM, right: 15 * MM };
  const { doc: pdf, done } = notoPdf({ size: 'A4', layout: 'landscape', margins, info: { Title: `${doc.title} ${doc.month}`, Author: doc.agency } });
  const { regular, bold } = PDF_FONTS;
  const left = margins.left;
  const width = pdf.page.width - margins.left - margins.right;
  const bottom = pdf.page.height - margins.bottom;
  let y = margins.top;
  const text = (s: string, x: number, w: number, font: string, size: number, align: 'left' | 'center' | 'right' = 'left'): number => {
    pdf.font(font).fontSize(size);
    const h = pdf.heightOfString(s || ' ', { width: w });
    pdf.text(s, x, y, { width: w, align });
    return h;
  };
  // Top left: the agency and the board.
  const headW = width * 0.45;
  y += text(doc.agency.toUpperCase(), left, headW, regular, 10, 'center');
  y += text(doc.board.toUpperCase(), left, headW, bold, 10, 'center') + 10;
  y += text(doc.title, left, width, bold, 14, 'center');
  y += text(doc.month, left, width, bold, 11, 'center');
  if (doc.subtitle) y += text(doc.subtitle, left, width, regular, 10, 'center');
  y += 8;
  const ratios = [0.05, 0.17, 0.33, 0.08, 0.1, 0.06, 0.11, 0.1];
  const widths = ratios.map((r) => r * width);
  const xs = widths.map((_, i) => left + widths.slice(0, i).reduce((s, w) => s + w, 0));
  const drawRow = (cells: string[], font: string, size: number) => {
    const heights = cells.map((c, i) => pdf.font(font).fontSize(size).heightOfString(c || ' ', { width: widths[i]! - 6 }));
    const h = Math.max(...heights) + 6;
    if (y + h > bottom) {
      pdf.addPage();
      y = margins.top;
      drawRow([...SHEET_COLUMNS], bold, 9);
    }
    cells.forEach((c, i) => {
      pdf.rect(xs[i]!, y, widths[i]!, h).lineWidth(0.5).stroke();
      pdf.font(font).fontSize(size).text(c, xs[i]! + 3, y + 3, { width: widths[i]! - 6, align: i === AMOUNT ? 'right' : i === 0 ? 'center' : 'left' });
    });
    y += h;
  };
  drawRow([...SHEET_COLUMNS], bold, 9);
  for (const r of doc.rows) {
    const cells = r.cells.map((c, i) => (c === null ? '' : i === AMOUNT && typeof c === 'number' ? formatVnd(c) : String(c)));
    drawRow(cells, r.kind === 'line' ? regular : bold, 9);
  }
  y += 6;
  const room = (h: number) => {
    if (y + h > bottom) {
      pdf.addPage();
      y = margins.top;
    }
  };
  room(30);
  y += text(doc.words, left, width, regular, 10.5) + 8;
  room(60);
  const blockW = width / 3;
  y += text(doc.dateLine, left + 2 * blockW, blockW, regular, 10, 'center') + 2;
  const top = y;
  doc.signers.forEach((s, i) => {
    y = top;
    y += text(s, left + i * blockW, blockW, bold, 10.5, 'center');
    text('(Ký, ghi rõ họ tên)', left + i * blockW, blockW, regular, 9.5, 'center');
  });
  pdf.end();
  return done;
}
