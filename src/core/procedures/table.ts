// Procedures as spreadsheet rows: the documented Vietnamese headers, reading a
// row into a procedure (with every problem of the row) and writing one back,
// so that the open-data CSV can be imported again. Multi-valued cells hold one
// value per line. Pure.
import type { Problem } from '../errors.ts';
import { fold } from '../vietnamese/index.ts';
import {
  blankDetails,
  LEVEL_LABELS,
  matchField,
  METHOD_LABELS,
  normalizeProcedure,
  procedureProblems,
  workingDaysIn,
  type OnlineLevel,
  type ProcedureInput,
  type ProcedureLevel,
  type SubmissionMethod,
} from './details.ts';

export const HEADERS = {
  code: 'Mã thủ tục',
  name: 'Tên thủ tục',
  level: 'Cấp thực hiện',
  field: 'Lĩnh vực',
  agency: 'Cơ quan thực hiện',
  steps: 'Trình tự thực hiện',
  methods: 'Cách thức thực hiện',
  dossier: 'Thành phần hồ sơ',
  timeLimit: 'Thời hạn giải quyết',
  subjects: 'Đối tượng',
  result: 'Kết quả',
  fees: 'Phí lệ phí',
  legalBasis: 'Căn cứ pháp lý',
  conditions: 'Yêu cầu điều kiện',
  onlineLevel: 'Mức độ DVC trực tuyến',
  onlineUrl: 'Đường dẫn DVC',
  handler: 'Cán bộ tiếp nhận',
  contact: 'Liên hệ',
  place: 'Nơi tiếp nhận',
} as const;

export const HEADER_LIST: string[] = Object.values(HEADERS);
/** Columns an import cannot do without. */
export const REQUIRED_HEADERS: string[] = [HEADERS.code, HEADERS.name, HEADERS.level, HEADERS.field, HEADERS.agency];

/** How each column is written, shown on the import page and in the template. */
export const HEADER_HELP: Record<string, { vi: string; en: string }> = {
  [HEADERS.code]: { vi: 'Bắt buộc. Mã trên Cơ sở dữ liệu quốc gia về TTHC, ví dụ 1.001234. Mã đã có thì thủ tục được cập nhật.', en: 'Required. The national database code, e.g. 1.001234. An existing code updates that procedure.' },
  [HEADERS.name]: { vi: 'Bắt buộc.', en: 'Required.' },
  [HEADERS.level]: { vi: 'Bắt buộc: “Cấp tỉnh” hoặc “Cấp xã” (“Cấp huyện” chỉ cho hồ sơ trước 01/7/2025).', en: 'Required: “Cấp tỉnh” (provincial) or “Cấp xã” (commune); “Cấp huyện” (district) only for records before 1 July 2025.' },
  [HEADERS.field]: { vi: 'Bắt buộc, một lĩnh vực trong danh mục của trang (không phân biệt dấu, hoa thường).', en: "Required, a field of the site's list (case and diacritics ignored)." },
  [HEADERS.agency]: { vi: 'Bắt buộc.', en: 'Required.' },
  [HEADERS.steps]: { vi: 'Mỗi bước một dòng, theo thứ tự.', en: 'One step per line, in order.' },
  [HEADERS.methods]: { vi: 'Mỗi cách một dòng: “Trực tiếp”, “Bưu chính” hoặc “Trực tuyến”, có thể thêm “: ghi chú”.', en: 'One per line: “Trực tiếp”, “Bưu chính” or “Trực tuyến”, optionally followed by “: note”.' },
  [HEADERS.dossier]: { vi: 'Mỗi giấy tờ một dòng: “Tên | số bản chính | số bản sao | ghi chú” (mặc định 1 bản chính).', en: 'One paper per line: “Name | originals | copies | note” (1 original by default).' },
  [HEADERS.timeLimit]: { vi: 'Ví dụ “05 ngày làm việc kể từ khi nhận đủ hồ sơ hợp lệ”.', en: 'E.g. “05 ngày làm việc kể từ khi nhận đủ hồ sơ hợp lệ” (5 working days).' },
  [HEADERS.subjects]: { vi: 'Mỗi đối tượng một dòng.', en: 'One per line.' },
  [HEADERS.result]: { vi: 'Kết quả thực hiện.', en: 'The result.' },
  [HEADERS.fees]: { vi: 'Mỗi khoản một dòng: “Tên | mức thu”, ví dụ “Lệ phí | 50.000 đồng”; ghi “Không” nếu không thu.', en: 'One per line: “Name | amount”, e.g. “Lệ phí | 50.000 đồng”; “Không” when free.' },
  [HEADERS.legalBasis]: { vi: 'Mỗi văn bản một dòng; số ký hiệu của văn bản đã đăng trên trang được tự động liên kết.', en: 'One document per line; the number of a document published on the site is linked automatically.' },
  [HEADERS.conditions]: { vi: 'Mỗi yêu cầu một dòng; để trống nếu không có.', en: 'One per line; empty when none.' },
  [HEADERS.onlineLevel]: { vi: '“Toàn trình”, “Một phần” hoặc “Không”.', en: '“Toàn trình” (full), “Một phần” (partial) or “Không” (none).' },
  [HEADERS.onlineUrl]: { vi: 'Địa chỉ https:// của dịch vụ công (bắt buộc khi có DVC trực tuyến).', en: 'The https:// address of the service (required when online).' },
  [HEADERS.handler]: { vi: 'Họ tên cán bộ tiếp nhận, giải quyết hồ sơ.', en: 'Name of the official who handles dossiers.' },
  [HEADERS.contact]: { vi: 'Điện thoại và/hoặc thư điện tử công vụ, mỗi thứ một dòng.', en: 'Work phone and/or e-mail, one per line.' },
  [HEADERS.place]: { vi: 'Không bắt buộc: nơi tiếp nhận hồ sơ.', en: 'Optional: where dossiers are received.' },
};

const splitLines = (cell: string | undefined): string[] => (cell ?? '').split(/\r?\n/).map((s) => s.trim()).filter(Boolean);

function levelOf(cell: string): ProcedureLevel | null {
  const f = fold(cell).replace(/^cap\s+/, '');
  if (['tinh', 'province', 'provincial', 'thanh pho', 'tinh, thanh pho'].includes(f)) return 'province';
  if (['xa', 'commune', 'phuong', 'dac khu', 'xa, phuong', 'xa, phuong, dac khu'].includes(f)) return 'commune';
  if (['huyen', 'district'].includes(f)) return 'district';
  return null;
}

function methodOf(text: string): { method: SubmissionMethod; note: string | null } | null {
  const [head = '', ...rest] = text.split(':');
  const f = fold(head);
  const method: SubmissionMethod | null = /truc tiep|direct|in person/.test(f) ? 'direct' : /buu chinh|buu dien|post/.test(f) ? 'postal' : /truc tuyen|online/.test(f) ? 'online' : null;
  return method ? { method, note: rest.join(':').trim() || null } : null;
}

function onlineOf(cell: string): OnlineLevel | null {
  const f = fold(cell);
  if (!f || ['khong', 'none', 'no'].includes(f)) return 'none';
  if (/toan trinh|full|muc (do )?4|^4$/.test(f)) return 'full';
  if (/mot phan|partial|muc (do )?3|^3$/.test(f)) return 'partial';
  return null;
}

function count(text: string | undefined, fallback: number): number {
  const t = (text ?? '').trim();
  if (!t) return fallback;
  return /^\d{1,3}$/.test(t) ? Number(t) : Number.NaN;
}

export interface RowResult {
  input: ProcedureInput;
  problems: Problem[];
}

/**
 * One spreadsheet row as a procedure, checked. Problems name the column (as
 * the user sees it) in `field`, so the report reads “line 4, Cấp thực hiện: …”.
 */
export function procedureFromCells(cells: Record<string, string>, fields: readonly string[]): RowResult {
  const problems: Problem[] = [];
  const bad = (column: string, vi: string, en: string) => problems.push({ code: 'invalid_row', field: column, vi, en });
  const cell = (h: string) => cells[h] ?? '';

  const level = levelOf(cell(HEADERS.level));
  if (!level && cell(HEADERS.level)) bad(HEADERS.level, `“${cell(HEADERS.level)}” không phải cấp thực hiện; ghi “Cấp tỉnh” hoặc “Cấp xã”.`, `“${cell(HEADERS.level)}” is not a level; write “Cấp tỉnh” or “Cấp xã”.`);
  const field = cell(HEADERS.field) ? (matchField(fields, cell(HEADERS.field)) ?? cell(HEADERS.field)) : '';

  const d = blankDetails();
  d.steps = splitLines(cell(HEADERS.steps));
  for (const l of splitLines(cell(HEADERS.methods))) {
    const m = methodOf(l);
    if (m) d.methods.push(m);
    else bad(HEADERS.methods, `“${l}” không phải cách thức; ghi “Trực tiếp”, “Bưu chính” hoặc “Trực tuyến”.`, `“${l}” is not a method; write “Trực tiếp”, “Bưu chính” or “Trực tuyến”.`);
  }
  splitLines(cell(HEADERS.dossier)).forEach((l) => {
    const [name = '', originals, copies, ...note] = l.split('|').map((s) => s.trim());
    const item = { name, originals: count(originals, copies ? 0 : 1), copies: count(copies, 0), note: note.join(' | ') || null };
    if (Number.isNaN(item.originals) || Number.isNaN(item.copies)) {
      bad(HEADERS.dossier, `“${l}”: số bản chính, bản sao phải là số (ví dụ “Tờ khai | 1 | 0”).`, `“${l}”: the numbers of originals and copies must be numbers (e.g. “Form | 1 | 0”).`);
      return;
    }
    d.dossier.push(item);
  });
  d.timeLimit = { text: cell(HEADERS.timeLimit), workingDays: workingDaysIn(cell(HEADERS.timeLimit)) };
  d.subjects = splitLines(cell(HEADERS.subjects));
  d.result = cell(HEADERS.result);
  d.fees = splitLines(cell(HEADERS.fees)).map((l) => {
    const [name, ...amount] = l.includes('|') ? l.split('|') : l.includes(':') ? l.split(':') : ['Phí, lệ phí', l];
    return { name: (name ?? '').trim(), amount: amount.join(' ').trim() };
  });
  d.legalBasis = splitLines(cell(HEADERS.legalBasis)).map((text) => ({ text, documentArticleId: null }));
  d.conditions = splitLines(cell(HEADERS.conditions)).filter((l) => !['khong', 'khong co', 'none'].includes(fold(l)));
  const online = onlineOf(cell(HEADERS.onlineLevel));
  if (!online) bad(HEADERS.onlineLevel, `“${cell(HEADERS.onlineLevel)}” không phải mức độ; ghi “Toàn trình”, “Một phần” hoặc “Không”.`, `“${cell(HEADERS.onlineLevel)}” is not a level; write “Toàn trình”, “Một phần” or “Không”.`);
  d.online = { level: online ?? 'none', url: cell(HEADERS.onlineUrl) || null };
  d.place = cell(HEADERS.place) || null;
  const contact = splitLines(cell(HEADERS.contact));
  d.handler = {
    name: cell(HEADERS.handler) || null,
    email: contact.find((c) => c.includes('@')) ?? null,
    phone: contact.find((c) => !c.includes('@')) ?? null,
  };

  const input = normalizeProcedure({ code: cell(HEADERS.code), name: cell(HEADERS.name), level: level ?? ('' as ProcedureLevel), field, agency: cell(HEADERS.agency), details: d });
  // The form's field names mean nothing in a spreadsheet: name the column instead.
  for (const p of procedureProblems(input, fields)) {
    if (p.field === 'level' && !level && cell(HEADERS.level)) continue;
    problems.push({ ...p, field: columnOf(p.field ?? '') });
  }
  return { input, problems };
}

function columnOf(formField: string): string {
  const base = formField.replace(/_\d+$/, '').replace(/_(direct|postal|online)$/, '');
  const map: Record<string, string> = {
    code: HEADERS.code,
    name: HEADERS.name,
    level: HEADERS.level,
    field: HEADERS.field,
    agency: HEADERS.agency,
    step: HEADERS.steps,
    methods: HEADERS.methods,
    methodNote: HEADERS.methods,
    place: HEADERS.place,
    dossierName: HEADERS.dossier,
    dossierOriginals: HEADERS.dossier,
    dossierCopies: HEADERS.dossier,
    timeLimit: HEADERS.timeLimit,
    workingDays: HEADERS.timeLimit,
    subjects: HEADERS.subjects,
    result: HEADERS.result,
    feeName: HEADERS.fees,
    feeAmount: HEADERS.fees,
    legalText: HEADERS.legalBasis,
    legalDoc: HEADERS.legalBasis,
    conditions: HEADERS.conditions,
    onlineLevel: HEADERS.onlineLevel,
    onlineUrl: HEADERS.onlineUrl,
    handlerName: HEADERS.handler,
    handlerPhone: HEADERS.contact,
    handlerEmail: HEADERS.contact,
  };
  return map[base] ?? formField;
}

/** A procedure as a row of the import/export table (the same columns, the same cell formats). */
export function procedureToCells(p: ProcedureInput): string[] {
  const d = p.details;
  const byHeader: Record<string, string> = {
    [HEADERS.code]: p.code,
    [HEADERS.name]: p.name,
    [HEADERS.level]: p.level === 'district' ? 'Cấp huyện' : LEVEL_LABELS[p.level]?.vi ?? p.level,
    [HEADERS.field]: p.field,
    [HEADERS.agency]: p.agency,
    [HEADERS.steps]: d.steps.join('\n'),
    [HEADERS.methods]: d.methods.map((m) => `${m.method === 'postal' ? 'Bưu chính' : METHOD_LABELS[m.method].vi}${m.note ? `: ${m.note}` : ''}`).join('\n'),
    [HEADERS.dossier]: d.dossier.map((x) => [x.name, String(x.originals), String(x.copies), ...(x.note ? [x.note] : [])].join(' | ')).join('\n'),
    [HEADERS.timeLimit]: d.timeLimit.text,
    [HEADERS.subjects]: d.subjects.join('\n'),
    [HEADERS.result]: d.result,
    [HEADERS.fees]: d.fees.map((f) => `${f.name} | ${f.amount}`).join('\n'),
    [HEADERS.legalBasis]: d.legalBasis.map((l) => l.text).join('\n'),
    [HEADERS.conditions]: d.conditions.join('\n'),
    [HEADERS.onlineLevel]: d.online.level === 'full' ? 'Toàn trình' : d.online.level === 'partial' ? 'Một phần' : 'Không',
    [HEADERS.onlineUrl]: d.online.url ?? '',
    [HEADERS.handler]: d.handler.name ?? '',
    [HEADERS.contact]: [d.handler.phone, d.handler.email].filter(Boolean).join('\n'),
    [HEADERS.place]: d.place ?? '',
  };
  return HEADER_LIST.map((h) => byHeader[h] ?? '');
}

/** Headers the file lacks, of those an import needs. */
export function missingHeaders(headers: string[]): string[] {
  const have = new Set(headers.map((h) => fold(h)));
  return REQUIRED_HEADERS.filter((h) => !have.has(fold(h)));
}

/** The file's cells keyed by the documented headers, whatever case or diacritics the file used for them. */
export function canonicalCells(cells: Record<string, string>): Record<string, string> {
  const byFolded = new Map(HEADER_LIST.map((h) => [fold(h), h]));
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(cells)) out[byFolded.get(fold(k)) ?? k] = v;
  return out;
}
