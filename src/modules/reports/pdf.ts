// A report as a PDF in the layout of a Vietnamese administrative report
// (Decree 30/2020/NĐ-CP, Appendix I): A4, margins 20/15/20/30 mm; top left the
// owning agency, the issuing board and the number; top right the national
// motto, then place and date; the title "BÁO CÁO" and the subject; the
// sections with their tables (headers repeated on every page a table runs
// onto); the board's assessment and proposals; "Nơi nhận" on the left and
// the signature on the right; page numbers at the top from page 2. The text
// is real text in Noto Sans, embedded from assets/fonts (nothing fetched).
import path from 'node:path';
import type PDFKitDocument from 'pdfkit';
import { lazyModule } from '../../platform/lazy.ts';

const PDFDocument = lazyModule<typeof PDFKitDocument>('pdfkit');
import type { ReportTable } from '../../core/reports/section.ts';
import { periodLabel } from './compute.ts';
import { placeAndDate, type ReportDocument } from './document.ts';
import { formatCell, isNumeric } from './format.ts';
import { projectPath } from '../../platform/project-root.ts';

const FONT_DIR = projectPath('assets/fonts') + path.sep;
const MM = 72 / 25.4;
const MARGINS = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM };
const REGULAR = 'NotoSans';
const BOLD = 'NotoSans-Bold';

type Doc = PDFKit.PDFDocument;

class Writer {
  y: number;
  readonly left = MARGINS.left;
  readonly width: number;
  readonly bottom: number;

  constructor(readonly doc: Doc) {
    this.y = MARGINS.top;
    this.width = doc.page.width - MARGINS.left - MARGINS.right;
    this.bottom = doc.page.height - MARGINS.bottom;
  }

  /** Room for `height` more points on this page, or a new page. */
  room(height: number): void {
    if (this.y + height > this.bottom) {
      this.doc.addPage();
      this.y = MARGINS.top;
    }
  }

  height(text: string, font: string, size: number, width: number): number {
    return this.doc.font(font).fontSize(size).heightOfString(text || ' ', { width });
  }

  /** A block of text at (x, y) in a column; returns its height. */
  at(text: string, x: number, y: number, width: number, font: string, size: number, align: 'left' | 'center' | 'right' | 'justify' = 'left'): number {
    const h = this.height(text, font, size, width);
    this.doc.font(font).fontSize(size).text(text, x, y, { width, align, lineBreak: true });
    return h;
  }

  /** A paragraph across the text width, breaking onto new pages as needed. */
  paragraph(text: string, font = REGULAR, size = 11, align: 'left' | 'center' | 'justify' = 'justify', gap = 4): void {
    for (const line of text.split('\n')) {
      const h = this.height(line, font, size, this.width);
      if (h <= this.bottom - MARGINS.top) this.room(h);
      this.doc.font(font).fontSize(size).text(line || ' ', this.left, this.y, { width: this.width, align });
      this.y = this.doc.y + gap;
    }
  }
}

function header(w: Writer, report: ReportDocument): void {
  const leftW = w.width * 0.42;
  const rightX = w.left + leftW;
  const rightW = w.width - leftW;
  let ly = w.y;
  ly += w.at(report.agency.toUpperCase(), w.left, ly, leftW, REGULAR, 10.5, 'center');
  ly += w.at(report.issuer.toUpperCase(), w.left, ly, leftW, BOLD, 10.5, 'center');
  const mid = w.left + leftW / 2;
  w.doc.moveTo(mid - leftW / 6, ly + 2).lineTo(mid + leftW / 6, ly + 2).lineWidth(0.6).stroke();
  ly += 8;
  ly += w.at(`Số: ${report.number || '……/BC-……'}`, w.left, ly, leftW, REGULAR, 10.5, 'center');

  let ry = w.y;
  ry += w.at('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', rightX, ry, rightW, BOLD, 10.5, 'center');
  const motto = 'Độc lập - Tự do - Hạnh phúc';
  ry += w.at(motto, rightX, ry, rightW, BOLD, 11, 'center');
  const mottoW = w.doc.font(BOLD).fontSize(11).widthOfString(motto);
  const rmid = rightX + rightW / 2;
  w.doc.moveTo(rmid - mottoW / 2, ry + 2).lineTo(rmid + mottoW / 2, ry + 2).lineWidth(0.6).stroke();
  ry += 10;
  ry += w.at(placeAndDate(report.place || '……', report.date), rightX, ry, rightW, REGULAR, 10.5, 'center');
  w.y = Math.max(ly, ry) + 18;
}

function title(w: Writer, report: ReportDocument): void {
  w.y += w.at('BÁO CÁO', w.left, w.y, w.width, BOLD, 14, 'center') + 2;
  w.y += w.at(report.subject, w.left, w.y, w.width, BOLD, 12, 'center') + 2;
  w.y += w.at(`Kỳ báo cáo: ${periodLabel(report.figures.period, 'vi')}`, w.left, w.y, w.width, REGULAR, 10.5, 'center');
  if (report.state !== 'approved') w.y += w.at('(DỰ THẢO – số liệu chưa chốt)', w.left, w.y, w.width, BOLD, 10.5, 'center');
  else if (report.version && report.version > 1) w.y += w.at(`(Phiên bản ${report.version}${report.reissueReason ? `: ${report.reissueReason}` : ''})`, w.left, w.y, w.width, REGULAR, 10, 'center');
  w.y += 14;
}

const CELL_PAD = 3;
const TABLE_SIZE = 8.5;

function columnWidths(table: ReportTable, width: number): number[] {
  const n = table.columns.length;
  if (n === 1) return [width];
  const first = width * (n <= 3 ? 0.5 : n <= 5 ? 0.34 : 0.26);
  return [first, ...Array.from({ length: n - 1 }, () => (width - first) / (n - 1))];
}

function drawRow(w: Writer, cells: string[], widths: number[], numeric: boolean[], font: string, shade: boolean): number {
  const heights = cells.map((c, i) => w.height(c, font, TABLE_SIZE, widths[i]! - 2 * CELL_PAD));
  const h = Math.max(...heights) + 2 * CELL_PAD;
  let x = w.left;
  if (shade) w.doc.rect(w.left, w.y, w.width, h).fillColor('#eeeeee').fill().fillColor('#000000');
  cells.forEach((c, i) => {
    w.doc.rect(x, w.y, widths[i]!, h).lineWidth(0.5).strokeColor('#000000').stroke();
    w.doc.font(font).fontSize(TABLE_SIZE).fillColor('#000000').text(c, x + CELL_PAD, w.y + CELL_PAD, { width: widths[i]! - 2 * CELL_PAD, align: numeric[i] ? 'right' : 'left' });
    x += widths[i]!;
  });
  return h;
}

function rowHeight(w: Writer, cells: string[], widths: number[], font: string): number {
  return Math.max(...cells.map((c, i) => w.height(c, font, TABLE_SIZE, widths[i]! - 2 * CELL_PAD))) + 2 * CELL_PAD;
}

function table(w: Writer, t: ReportTable): void {
  const widths = columnWidths(t, w.width);
  const numeric = t.columns.map((c) => isNumeric(c.kind));
  const heads = t.columns.map((c) => c.label.vi);
  const line = (cells: Record<string, string | number | null>) => t.columns.map((c) => formatCell(c.kind, cells[c.key] ?? null, 'vi'));
  const rows = [...t.rows.map((r) => ({ cells: line(r), bold: false })), ...(t.totals ? [{ cells: line(t.totals), bold: true }] : [])];
  const titleH = w.height(t.title.vi, BOLD, 10, w.width) + 4;
  const headH = rowHeight(w, heads, widths, BOLD);
  // The title, the column heads and the first row stay together.
  w.room(titleH + headH + (rows[0] ? rowHeight(w, rows[0].cells, widths, REGULAR) : 0));
  w.y += w.at(t.title.vi, w.left, w.y, w.width, BOLD, 10, 'left') + 4;
  w.y += drawRow(w, heads, widths, numeric.map(() => false), BOLD, true);
  for (const row of rows) {
    const h = rowHeight(w, row.cells, widths, row.bold ? BOLD : REGULAR);
    if (w.y + h > w.bottom) {
      w.doc.addPage();
      w.y = MARGINS.top;
      w.y += drawRow(w, heads, widths, numeric.map(() => false), BOLD, true);
    }
    w.y += drawRow(w, row.cells, widths, numeric, row.bold ? BOLD : REGULAR, false);
  }
  w.y += 4;
  if (t.note) w.paragraph(t.note.vi, REGULAR, 9, 'left');
  w.y += 8;
}

function signature(w: Writer, report: ReportDocument): void {
  const leftW = w.width * 0.45;
  const rightX = w.left + leftW;
  const rightW = w.width - leftW;
  const recipients = [...report.recipients.map((r) => `- ${r};`), '- Lưu: VT.'];
  const leftH = 14 + recipients.length * 12;
  w.room(Math.max(leftH, 110));
  w.y += 6;
  let ly = w.y;
  ly += w.at('Nơi nhận:', w.left, ly, leftW, BOLD, 10, 'left');
  for (const r of recipients) ly += w.at(r, w.left, ly, leftW, REGULAR, 9, 'left');
  let ry = w.y;
  ry += w.at(report.signerTitle.toUpperCase(), rightX, ry, rightW, BOLD, 11, 'center');
  if (report.state === 'approved') ry += w.at('(Đã phê duyệt)', rightX, ry, rightW, REGULAR, 9.5, 'center');
  ry += 48;
  ry += w.at(report.signerName ?? '(chưa phê duyệt)', rightX, ry, rightW, BOLD, 11, 'center');
  w.y = Math.max(ly, ry) + 6;
}

/** The names the embedded Noto Sans faces are registered under in a notoPdf document. */
export const PDF_FONTS = { regular: REGULAR, bold: BOLD } as const;

/**
 * A PDF document with Noto Sans (regular and bold) embedded from assets/fonts,
 * and its bytes once `doc.end()` is called. Other PDFs (the royalty sheets) use it too.
 */
export function notoPdf(options: PDFKit.PDFDocumentOptions): { doc: Doc; done: Promise<Buffer> } {
  const doc = new (PDFDocument())(options);
  doc.registerFont(REGULAR, `${FONT_DIR}NotoSans-Regular.ttf`);
  doc.registerFont(BOLD, `${FONT_DIR}NotoSans-Bold.ttf`);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, done };
}

export async function reportPdf(report: ReportDocument): Promise<Buffer> {
  const { doc, done } = notoPdf({ size: 'A4', margins: MARGINS, bufferPages: true, info: { Title: `Báo cáo: ${report.subject}`, Author: report.issuer, Subject: report.subject } });
  const w = new Writer(doc);
  header(w, report);
  title(w, report);
  report.figures.sections.forEach((section, i) => {
    w.room(40);
    w.y += w.at(`${i + 1}. ${section.title.vi}`, w.left, w.y, w.width, BOLD, 12, 'left') + 4;
    for (const line of section.figures.summary) w.paragraph(line.vi);
    w.y += 4;
    for (const t of section.figures.tables) table(w, t);
  });
  const n = report.figures.sections.length;
  if (report.assessment) {
    w.room(40);
    w.y += w.at(`${n + 1}. Đánh giá chung`, w.left, w.y, w.width, BOLD, 12, 'left') + 4;
    w.paragraph(report.assessment);
  }
  if (report.proposals) {
    w.room(40);
    w.y += w.at(`${n + (report.assessment ? 2 : 1)}. Đề xuất, kiến nghị`, w.left, w.y, w.width, BOLD, 12, 'left') + 4;
    w.paragraph(report.proposals);
  }
  signature(w, report);
  // Page numbers at the top centre, from the second page (Decree 30/2020, Appendix I).
  const range = doc.bufferedPageRange();
  for (let i = range.start + 1; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc.font(REGULAR).fontSize(10).text(String(i + 1), MARGINS.left, 10 * MM, { width: w.width, align: 'center', lineBreak: false });
  }
  doc.end();
  return done;
}
