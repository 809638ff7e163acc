// An administrative procedure (thủ tục hành chính) as the board publishes it:
// the elements Decree 63/2010 Art. 8(2) (amended by 92/2017) requires — steps,
// method, dossier and copies, time limit, subjects, agency, result, conditions,
// fees, forms, legal basis — plus what 003 Đ8.4 adds (receiving place, the
// official who handles dossiers and their work contact) and the online public
// service level with its link. Pure: shapes, labels, normalisation, validation.
import type { Problem } from '../errors.ts';
import { isIsoDate } from '../time.ts';
import { fold, toNfc } from '../vietnamese/index.ts';

type Label = { vi: string; en: string };

/** Levels of local government since 1 July 2025 (province, commune); district only for historical records. */
export const PROCEDURE_LEVELS = ['province', 'commune', 'district'] as const;
export type ProcedureLevel = (typeof PROCEDURE_LEVELS)[number];

export const LEVEL_LABELS: Record<ProcedureLevel, Label> = {
  province: { vi: 'Cấp tỉnh', en: 'Provincial' },
  commune: { vi: 'Cấp xã', en: 'Commune' },
  district: { vi: 'Cấp huyện (trước 01/7/2025, lưu trữ)', en: 'District (before 1 July 2025, historical)' },
};

export const SUBMISSION_METHODS = ['direct', 'postal', 'online'] as const;
export type SubmissionMethod = (typeof SUBMISSION_METHODS)[number];

export const METHOD_LABELS: Record<SubmissionMethod, Label> = {
  direct: { vi: 'Trực tiếp', en: 'In person' },
  postal: { vi: 'Qua dịch vụ bưu chính', en: 'By post' },
  online: { vi: 'Trực tuyến', en: 'Online' },
};

export const ONLINE_LEVELS = ['full', 'partial', 'none'] as const;
export type OnlineLevel = (typeof ONLINE_LEVELS)[number];

export const ONLINE_LABELS: Record<OnlineLevel, Label> = {
  full: { vi: 'Dịch vụ công trực tuyến toàn trình', en: 'Fully online public service' },
  partial: { vi: 'Dịch vụ công trực tuyến một phần', en: 'Partly online public service' },
  none: { vi: 'Không cung cấp dịch vụ công trực tuyến', en: 'No online public service' },
};

/** Quyết định công bố thủ tục hành chính (Decree 63/2010 Art. 15, 92/2017). */
export interface PublicationDecision {
  number: string | null;
  /** yyyy-mm-dd */
  date: string | null;
  documentArticleId: number | null;
}

export interface DossierItem {
  name: string;
  /** Number of originals (bản chính) and copies (bản sao). */
  originals: number;
  copies: number;
  note: string | null;
}

export interface ProcedureDetails {
  /** Trình tự thực hiện, in order. */
  steps: string[];
  /** Cách thức thực hiện: each method offered, with its note (where, when, how). */
  methods: { method: SubmissionMethod; note: string | null }[];
  /** Nơi tiếp nhận hồ sơ. */
  place: string | null;
  /** Thành phần, số lượng hồ sơ. */
  dossier: DossierItem[];
  /** Thời hạn giải quyết: as written, and in working days when it is a number of them. */
  timeLimit: { text: string; workingDays: number | null };
  /** Đối tượng thực hiện. */
  subjects: string[];
  /** Kết quả thực hiện. */
  result: string;
  /** Phí, lệ phí. */
  fees: { name: string; amount: string }[];
  /** Căn cứ pháp lý; a line may point at a published document of the site. */
  legalBasis: { text: string; documentArticleId: number | null }[];
  /** Yêu cầu, điều kiện. */
  conditions: string[];
  /** Mẫu đơn, tờ khai: name or code, purpose, file in the media library. */
  forms: { name: string; purpose: string | null; mediaId: number | null }[];
  /** The online service's level, link and the month it was launched ('yyyy-mm'; 003 Đ16.3 "thời điểm dịch vụ được đưa vào sử dụng: tháng…năm"). */
  online: { level: OnlineLevel; url: string | null; launchedOn?: string | null };
  /** The decision that published (công bố) the procedure: its number and date, or a document of the site. */
  publication: PublicationDecision;
  /** The official who receives and handles dossiers: name and work contact only. */
  handler: { name: string | null; phone: string | null; email: string | null };
}

/** What the board writes: the columns of the row plus the details. */
export interface ProcedureInput {
  code: string;
  name: string;
  level: ProcedureLevel;
  field: string;
  agency: string;
  details: ProcedureDetails;
}

export function blankDetails(): ProcedureDetails {
  return {
    steps: [],
    methods: [],
    place: null,
    dossier: [],
    timeLimit: { text: '', workingDays: null },
    subjects: [],
    result: '',
    fees: [],
    legalBasis: [],
    conditions: [],
    forms: [],
    online: { level: 'none', url: null, launchedOn: null },
    publication: { number: null, date: null, documentArticleId: null },
    handler: { name: null, phone: null, email: null },
  };
}

export const LIMITS = { code: 60, name: 500, agency: 300, line: 2000, rows: 60, workingDays: 365, copies: 99 } as const;

const CODE_SHAPE = /^[0-9A-Za-z][0-9A-Za-z._\-/]*$/;
const EMAIL_SHAPE = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[a-z]{2,}$/i;
const PHONE_SHAPE = /^\+?[0-9][0-9 .\-()]{5,19}$/;

export function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && Boolean(url.hostname) && !url.username && !url.password;
  } catch {
    return false;
  }
}

const line = (s: string | null | undefined): string => toNfc(s ?? '').replace(/[ \t]+/g, ' ').replace(/\s*\n\s*/g, '\n').trim();
const opt = (s: string | null | undefined): string | null => line(s) || null;
const lines = (list: string[]): string[] => list.map(line).filter(Boolean);

/** The input cleaned: NFC, trimmed, empty rows dropped, e-mail lower-cased. Nothing is invented. */
export function normalizeProcedure(input: ProcedureInput): ProcedureInput {
  const d = input.details;
  const seenMethods = new Set<string>();
  return {
    code: toNfc(input.code).trim().replace(/\s+/g, ''),
    name: line(input.name).replace(/\n/g, ' '),
    level: input.level,
    field: line(input.field),
    agency: line(input.agency).replace(/\n/g, ' '),
    details: {
      steps: lines(d.steps),
      methods: d.methods
        .filter((m) => !seenMethods.has(m.method) && seenMethods.add(m.method))
        .map((m) => ({ method: m.method, note: opt(m.note) })),
      place: opt(d.place),
      dossier: d.dossier
        .map((x) => ({ name: line(x.name), originals: x.originals, copies: x.copies, note: opt(x.note) }))
        .filter((x) => x.name || x.note),
      timeLimit: { text: line(d.timeLimit.text), workingDays: d.timeLimit.workingDays },
      subjects: lines(d.subjects),
      result: line(d.result),
      fees: d.fees.map((f) => ({ name: line(f.name), amount: line(f.amount) })).filter((f) => f.name || f.amount),
      legalBasis: d.legalBasis.map((l) => ({ text: line(l.text), documentArticleId: l.documentArticleId ?? null })).filter((l) => l.text || l.documentArticleId !== null),
      conditions: lines(d.conditions),
      forms: d.forms.map((f) => ({ name: line(f.name), purpose: opt(f.purpose), mediaId: f.mediaId ?? null })).filter((f) => f.name || f.purpose || f.mediaId !== null),
      online: { level: d.online.level, url: opt(d.online.url), launchedOn: opt(d.online.launchedOn) },
      publication: { number: opt(d.publication?.number)?.replace(/\s+/g, '') ?? null, date: opt(d.publication?.date), documentArticleId: d.publication?.documentArticleId ?? null },
      handler: { name: opt(d.handler.name), phone: opt(d.handler.phone), email: opt(d.handler.email)?.toLowerCase() ?? null },
    },
  };
}

/**
 * Every problem with a procedure (already normalised), field by field. The
 * fields are the names of the back-office form (rows end in _0, _1…), so a
 * form shows each problem beside its input; the API returns them as details.
 */
export function procedureProblems(p: ProcedureInput, fields: readonly string[]): Problem[] {
  const problems: Problem[] = [];
  const add = (field: string, vi: string, en: string) => problems.push({ code: 'invalid_procedure', field, vi, en });
  const tooLong = (s: string | null, max: number = LIMITS.line) => s !== null && [...s].length > max;
  const d = p.details;

  if (!p.code) add('code', 'Nhập mã thủ tục (ví dụ 1.001234 hoặc 2.000908.000.00.00.H12).', 'Enter the procedure code (e.g. 1.001234).');
  else if (p.code.length > LIMITS.code || !CODE_SHAPE.test(p.code)) add('code', 'Mã thủ tục chỉ gồm chữ không dấu, chữ số và các dấu . - _ / (tối đa 60 ký tự).', 'The code has only letters, digits and . - _ / (at most 60 characters).');
  if (!p.name) add('name', 'Nhập tên thủ tục.', 'Enter the name of the procedure.');
  else if (tooLong(p.name, LIMITS.name)) add('name', `Tên thủ tục tối đa ${LIMITS.name} ký tự.`, `The name is at most ${LIMITS.name} characters.`);
  if (!(PROCEDURE_LEVELS as readonly string[]).includes(p.level)) add('level', 'Chọn cấp thực hiện (cấp tỉnh, cấp xã; cấp huyện chỉ cho hồ sơ lưu trữ).', 'Choose the level (provincial or commune; district only for historical records).');
  if (!p.field) add('field', 'Chọn lĩnh vực.', 'Choose the field.');
  else if (!fields.includes(p.field)) add('field', `Lĩnh vực “${p.field}” không có trong danh mục của trang.`, `Field “${p.field}” is not in the site's list.`);
  if (!p.agency) add('agency', 'Nhập cơ quan thực hiện.', 'Enter the implementing agency.');
  else if (tooLong(p.agency, LIMITS.agency)) add('agency', `Cơ quan thực hiện tối đa ${LIMITS.agency} ký tự.`, `The agency is at most ${LIMITS.agency} characters.`);

  const rows = (list: unknown[], field: string, vi: string, en: string) => {
    if (list.length > LIMITS.rows) add(field, `${vi}: tối đa ${LIMITS.rows} dòng.`, `${en}: at most ${LIMITS.rows} rows.`);
  };
  rows(d.steps, 'step_0', 'Trình tự thực hiện', 'Steps');
  rows(d.dossier, 'dossierName_0', 'Thành phần hồ sơ', 'Dossier');
  rows(d.fees, 'feeName_0', 'Phí, lệ phí', 'Fees');
  rows(d.legalBasis, 'legalText_0', 'Căn cứ pháp lý', 'Legal basis');
  rows(d.forms, 'formName_0', 'Mẫu đơn, tờ khai', 'Forms');
  rows(d.subjects, 'subjects', 'Đối tượng thực hiện', 'Subjects');
  rows(d.conditions, 'conditions', 'Yêu cầu, điều kiện', 'Conditions');

  d.steps.forEach((s, i) => {
    if (tooLong(s)) add(`step_${i}`, `Bước ${i + 1} dài quá ${LIMITS.line} ký tự.`, `Step ${i + 1} is longer than ${LIMITS.line} characters.`);
  });
  for (const m of d.methods) {
    if (!(SUBMISSION_METHODS as readonly string[]).includes(m.method)) add('methods', 'Cách thức thực hiện không hợp lệ.', 'Unknown method of submission.');
    else if (tooLong(m.note)) add(`methodNote_${m.method}`, 'Ghi chú cách thức thực hiện quá dài.', 'The note on the method is too long.');
  }
  if (tooLong(d.place)) add('place', 'Nơi tiếp nhận quá dài.', 'The receiving place is too long.');
  d.dossier.forEach((x, i) => {
    if (!x.name) add(`dossierName_${i}`, `Thành phần hồ sơ dòng ${i + 1}: nhập tên giấy tờ.`, `Dossier row ${i + 1}: enter the name of the paper.`);
    else if (tooLong(x.name)) add(`dossierName_${i}`, `Thành phần hồ sơ dòng ${i + 1}: tên quá dài.`, `Dossier row ${i + 1}: the name is too long.`);
    for (const [key, n] of [['Originals', x.originals], ['Copies', x.copies]] as const) {
      if (!Number.isInteger(n) || n < 0 || n > LIMITS.copies) {
        add(`dossier${key}_${i}`, `Thành phần hồ sơ dòng ${i + 1}: số bản là số nguyên từ 0 đến ${LIMITS.copies}.`, `Dossier row ${i + 1}: the number of copies is a whole number from 0 to ${LIMITS.copies}.`);
      }
    }
    if (Number.isInteger(x.originals) && Number.isInteger(x.copies) && x.originals + x.copies === 0) {
      add(`dossierOriginals_${i}`, `Thành phần hồ sơ dòng ${i + 1}: cần ít nhất 1 bản chính hoặc bản sao.`, `Dossier row ${i + 1}: at least one original or copy.`);
    }
  });
  if (tooLong(d.timeLimit.text)) add('timeLimit', 'Thời hạn giải quyết quá dài.', 'The time limit is too long.');
  const days = d.timeLimit.workingDays;
  if (days !== null && (!Number.isInteger(days) || days < 0 || days > LIMITS.workingDays)) add('workingDays', `Số ngày làm việc là số nguyên từ 0 đến ${LIMITS.workingDays}.`, `Working days is a whole number from 0 to ${LIMITS.workingDays}.`);
  if (tooLong(d.result)) add('result', 'Kết quả thực hiện quá dài.', 'The result is too long.');
  d.fees.forEach((f, i) => {
    if (!f.name) add(`feeName_${i}`, `Phí, lệ phí dòng ${i + 1}: nhập tên khoản thu (ví dụ “Lệ phí”).`, `Fee row ${i + 1}: enter what is charged (e.g. “Fee”).`);
    if (!f.amount) add(`feeAmount_${i}`, `Phí, lệ phí dòng ${i + 1}: nhập mức thu (ví dụ “50.000 đồng” hoặc “Không”).`, `Fee row ${i + 1}: enter the amount (e.g. “50,000 VND” or “None”).`);
    if (tooLong(f.name, 300) || tooLong(f.amount, 300)) add(`feeName_${i}`, `Phí, lệ phí dòng ${i + 1}: quá dài.`, `Fee row ${i + 1}: too long.`);
  });
  d.legalBasis.forEach((l, i) => {
    if (!l.text) add(`legalText_${i}`, `Căn cứ pháp lý dòng ${i + 1}: nhập tên văn bản.`, `Legal basis row ${i + 1}: enter the document's name.`);
    else if (tooLong(l.text)) add(`legalText_${i}`, `Căn cứ pháp lý dòng ${i + 1}: quá dài.`, `Legal basis row ${i + 1}: too long.`);
    if (l.documentArticleId !== null && (!Number.isInteger(l.documentArticleId) || l.documentArticleId <= 0)) add(`legalDoc_${i}`, `Căn cứ pháp lý dòng ${i + 1}: văn bản liên kết không hợp lệ.`, `Legal basis row ${i + 1}: the linked document is not valid.`);
  });
  d.forms.forEach((f, i) => {
    if (!f.name) add(`formName_${i}`, `Mẫu đơn dòng ${i + 1}: nhập tên hoặc ký hiệu mẫu (ví dụ “Mẫu số 01/TK”).`, `Form row ${i + 1}: enter the form's name or code (e.g. “Form 01/TK”).`);
    else if (tooLong(f.name, 300)) add(`formName_${i}`, `Mẫu đơn dòng ${i + 1}: tên quá dài.`, `Form row ${i + 1}: the name is too long.`);
    if (tooLong(f.purpose, 500)) add(`formPurpose_${i}`, `Mẫu đơn dòng ${i + 1}: mục đích quá dài.`, `Form row ${i + 1}: the purpose is too long.`);
    if (f.mediaId !== null && (!Number.isInteger(f.mediaId) || f.mediaId <= 0)) add(`formMedia_${i}`, `Mẫu đơn dòng ${i + 1}: tệp không hợp lệ.`, `Form row ${i + 1}: the file is not valid.`);
  });
  [...d.subjects, ...d.conditions].forEach((s) => {
    if (tooLong(s)) add(d.subjects.includes(s) ? 'subjects' : 'conditions', 'Một dòng quá dài.', 'A line is too long.');
  });
  if (!(ONLINE_LEVELS as readonly string[]).includes(d.online.level)) add('onlineLevel', 'Chọn mức độ dịch vụ công trực tuyến.', 'Choose the online service level.');
  if (d.online.url !== null && (!isHttpsUrl(d.online.url) || d.online.url.length > 1000)) add('onlineUrl', 'Đường dẫn dịch vụ công phải là địa chỉ https:// đầy đủ (ví dụ https://dichvucong.gov.vn/…).', 'The online service link must be a full https:// address (e.g. https://dichvucong.gov.vn/…).');
  if (d.online.level !== 'none' && d.online.url === null) add('onlineUrl', 'Nhập đường dẫn đến dịch vụ công trực tuyến.', 'Enter the link to the online public service.');
  problems.push(...publicationDecisionProblems(d));
  if (tooLong(d.handler.name, 200)) add('handlerName', 'Tên cán bộ tiếp nhận tối đa 200 ký tự.', "The official's name is at most 200 characters.");
  if (d.handler.phone !== null && !PHONE_SHAPE.test(d.handler.phone)) add('handlerPhone', 'Số điện thoại chỉ gồm chữ số, có thể có dấu +, dấu cách, dấu chấm, gạch nối (ví dụ 0260 3862 123).', 'The phone has only digits, +, spaces, dots or dashes (e.g. 0260 3862 123).');
  if (d.handler.email !== null && (!EMAIL_SHAPE.test(d.handler.email) || d.handler.email.length > 254)) add('handlerEmail', 'Thư điện tử công vụ không đúng dạng (ví dụ motcua@xa.gov.vn).', 'The work e-mail is not valid (e.g. onestop@commune.gov.vn).');
  return problems;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The publication decision (number and date go together, or a linked document) and the online launch month. */
function publicationDecisionProblems(d: ProcedureDetails): Problem[] {
  const problems: Problem[] = [];
  const add = (field: string, vi: string, en: string) => problems.push({ code: 'invalid_procedure', field, vi, en });
  const { number, date, documentArticleId } = d.publication;
  if (number !== null && (number.length > LIMITS.code || !/^[0-9A-Za-zÀ-ỹĐđ][0-9A-Za-zÀ-ỹĐđ._\-/]*$/u.test(number))) add('decisionNumber', 'Số quyết định công bố gồm chữ, số và các dấu . - _ / (ví dụ 1234/QĐ-UBND), tối đa 60 ký tự.', 'The decision number has letters, digits and . - _ / (e.g. 1234/QĐ-UBND), at most 60 characters.');
  if (date !== null && !isIsoDate(date)) add('decisionDate', 'Ngày quyết định công bố không hợp lệ (ngày/tháng/năm, ví dụ 15/03/2024).', 'The decision date is not valid (dd/mm/yyyy).');
  if (documentArticleId === null && (number === null) !== (date === null)) add(number === null ? 'decisionNumber' : 'decisionDate', 'Ghi cả số và ngày của quyết định công bố (hoặc chọn văn bản đã đăng trên trang).', 'Give both the number and the date of the decision (or choose a document published on the site).');
  if (documentArticleId !== null && (!Number.isInteger(documentArticleId) || documentArticleId <= 0)) add('decisionDoc', 'Văn bản công bố không hợp lệ.', 'The publication document is not valid.');
  const launched = d.online.launchedOn ?? null;
  if (launched !== null && !MONTH.test(launched)) add('onlineLaunched', 'Thời điểm đưa dịch vụ vào sử dụng ghi theo tháng/năm, ví dụ 03/2024.', 'The launch is a month and year, e.g. 03/2024.');
  else if (launched !== null && d.online.level === 'none') add('onlineLaunched', 'Thủ tục không có dịch vụ công trực tuyến thì không ghi thời điểm đưa vào sử dụng.', 'A procedure without an online service has no launch date.');
  return problems;
}

/** What must be filled in before a procedure is public (the elements the decree requires). */
export function publicationProblems(p: ProcedureInput): Problem[] {
  const problems: Problem[] = [];
  const add = (field: string, vi: string, en: string) => problems.push({ code: 'incomplete_procedure', field, vi, en });
  const d = p.details;
  if (d.steps.length === 0) add('step_0', 'Chưa thể đăng: cần ít nhất một bước trong trình tự thực hiện.', 'Not ready to publish: add at least one step.');
  if (d.methods.length === 0) add('methods', 'Chưa thể đăng: chọn ít nhất một cách thức thực hiện.', 'Not ready to publish: choose at least one method of submission.');
  if (!d.timeLimit.text) add('timeLimit', 'Chưa thể đăng: nhập thời hạn giải quyết.', 'Not ready to publish: enter the time limit.');
  if (!d.result) add('result', 'Chưa thể đăng: nhập kết quả thực hiện.', 'Not ready to publish: enter the result.');
  return problems;
}

/** "Trong 05 ngày làm việc kể từ…" → 5; null when the text does not say a number of working days. */
export function workingDaysIn(text: string): number | null {
  const m = /(\d{1,3})\s*(?:\(\S[^)]*\)\s*)?ngày\s+làm\s+việc/iu.exec(toNfc(text)) ?? /(\d{1,3})\s*working\s+days?/i.exec(text);
  return m ? Number(m[1]) : null;
}

/** The site's field that matches a name typed without care for case or diacritics; null when none does. */
export function matchField(fields: readonly string[], typed: string): string | null {
  const key = fold(typed);
  return fields.find((f) => fold(f) === key) ?? null;
}

/** Parses the JSON kept in procedures.details, filling anything missing from older rows. */
export function parseDetails(json: string): ProcedureDetails {
  const raw = JSON.parse(json) as Partial<ProcedureDetails>;
  const blank = blankDetails();
  return {
    ...blank,
    ...raw,
    timeLimit: { ...blank.timeLimit, ...(raw.timeLimit ?? {}) },
    online: { ...blank.online, ...(raw.online ?? {}) },
    publication: { ...blank.publication, ...(raw.publication ?? {}) },
    handler: { ...blank.handler, ...(raw.handler ?? {}) },
  };
}

/** Every text of the procedure, for the search index. */
export function searchText(p: ProcedureInput): string {
  const d = p.details;
  return [
    p.code,
    p.agency,
    p.field,
    ...d.steps,
    ...d.dossier.map((x) => x.name),
    d.timeLimit.text,
    ...d.subjects,
    d.result,
    ...d.conditions,
    ...d.legalBasis.map((l) => l.text),
    ...d.forms.map((f) => f.name),
  ]
    .filter(Boolean)
    .join('\n');
}
