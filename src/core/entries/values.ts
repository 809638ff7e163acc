// The values of an entry: normalised (NFC, trimmed, legacy text repaired by the
// caller), checked field by field against the declaration, and turned into what
// the list filters on, what search reads and what open data exports. Pure.
import type { Problem } from '../errors.ts';
import { isIsoDate } from '../time.ts';
import { fold, normalizeInput } from '../vietnamese/index.ts';
import type { Bilingual, FieldDecl, SectionKind } from './declaration.ts';

export type EntryValues = Record<string, unknown>;

export interface PictureValue {
  mediaId: number;
  alt: string;
  caption: string | null;
}

export interface DateRangeValue {
  from: string;
  to: string | null;
}

/** The form name of a field (and the `field` of its problems): f.<key>, f.<rows>.<i>.<key> inside rows. */
export function fieldName(key: string, row?: { rows: string; index: number }): string {
  return row ? `f.${row.rows}.${row.index}.${key}` : `f.${key}`;
}

const DEFAULT_MAX_LENGTH: Partial<Record<FieldDecl['type'], number>> = { text: 500, longtext: 5000, richtext: 200_000, link: 2000, phone: 40, email: 200 };
const DEFAULT_MAX_ITEMS: Partial<Record<FieldDecl['type'], number>> = { rows: 200, files: 20, pictures: 50, documents: 50, units: 50, people: 50, entries: 50, articles: 100, choices: 50 };

const PHONE = /^[0-9+][0-9 .()+-]{2,38}$/;
const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

function label(f: FieldDecl): Bilingual {
  return f.label;
}

function problem(f: FieldDecl, name: string, code: string, vi: string, en: string): Problem {
  return { code, field: name, vi: `${label(f).vi}: ${vi}`, en: `${label(f).en}: ${en}` };
}

function text(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return null;
  const t = normalizeInput(value);
  return t === '' ? null : t;
}

function ids(value: unknown): number[] | null {
  const list = Array.isArray(value) ? value : value === null || value === undefined || value === '' ? [] : [value];
  const out: number[] = [];
  for (const v of list) {
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v.trim()) : NaN;
    if (!Number.isSafeInteger(n) || n <= 0) return null;
    if (!out.includes(n)) out.push(n);
  }
  return out;
}

function numberOf(value: unknown): number | null | 'invalid' {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : 'invalid';
  if (typeof value !== 'string') return 'invalid';
  // Vietnamese writing: 1.250.000 or 1 250 000 for thousands, a comma for decimals.
  const cleaned = value.trim().replace(/[\s.](?=\d{3}(\D|$))/g, '').replace(',', '.');
  const n = Number(cleaned);
  return cleaned !== '' && Number.isFinite(n) ? n : 'invalid';
}

/** One field's value, normalised; a problem when it cannot be one. `null`: empty. */
export function normalizeField(f: FieldDecl, raw: unknown, name: string): { value: unknown; problems: Problem[] } {
  const ok = (value: unknown) => ({ value, problems: [] as Problem[] });
  const bad = (code: string, vi: string, en: string) => ({ value: null, problems: [problem(f, name, code, vi, en)] });
  const maxItems = f.maxItems ?? DEFAULT_MAX_ITEMS[f.type] ?? 50;
  switch (f.type) {
    case 'text':
    case 'longtext':
    case 'richtext':
    case 'link':
    case 'phone':
    case 'email': {
      if (raw !== null && raw !== undefined && typeof raw !== 'string' && typeof raw !== 'number') return bad('invalid_value', 'phải là chữ.', 'must be text.');
      const t = f.type === 'text' ? text(raw)?.replace(/\s+/g, ' ') ?? null : text(raw);
      if (t === null) return ok(null);
      const max = f.maxLength ?? DEFAULT_MAX_LENGTH[f.type] ?? 500;
      if ([...t].length > max) return bad('too_long', `tối đa ${max.toLocaleString('vi-VN')} ký tự.`, `at most ${max} characters.`);
      if (f.type === 'link' && !/^https?:\/\/[^\s<>"]+$/i.test(t)) return bad('invalid_link', 'cần là địa chỉ bắt đầu bằng http:// hoặc https://.', 'must be an address starting with http:// or https://.');
      if (f.type === 'phone' && !PHONE.test(t)) return bad('invalid_phone', 'chỉ gồm chữ số, dấu cách và các ký tự + . ( ) -.', 'digits, spaces and + . ( ) - only.');
      if (f.type === 'email' && !EMAIL.test(t)) return bad('invalid_email', 'địa chỉ thư điện tử không hợp lệ (ví dụ: vanphong@kontum.gov.vn).', 'not a valid e-mail address (e.g. office@kontum.gov.vn).');
      return ok(f.type === 'email' ? t.toLowerCase() : t);
    }
    case 'date': {
      const t = text(raw);
      if (t === null) return ok(null);
      return isIsoDate(t) ? ok(t) : bad('invalid_date', 'ngày không hợp lệ (năm-tháng-ngày).', 'invalid date (yyyy-mm-dd).');
    }
    case 'daterange': {
      if (raw === null || raw === undefined || raw === '') return ok(null);
      if (typeof raw !== 'object' || Array.isArray(raw)) return bad('invalid_range', 'cần ngày bắt đầu và ngày kết thúc.', 'needs a start and an end date.');
      const from = text((raw as Record<string, unknown>).from);
      const to = text((raw as Record<string, unknown>).to);
      if (from === null && to === null) return ok(null);
      if (from === null || !isIsoDate(from)) return bad('invalid_range_from', 'ngày bắt đầu không hợp lệ.', 'invalid start date.');
      if (to !== null && !isIsoDate(to)) return bad('invalid_range_to', 'ngày kết thúc không hợp lệ.', 'invalid end date.');
      if (to !== null && to < from) return bad('range_reversed', 'ngày kết thúc phải sau ngày bắt đầu.', 'the end must not be before the start.');
      return ok({ from, to } satisfies DateRangeValue);
    }
    case 'datetime': {
      const t = text(raw);
      if (t === null) return ok(null);
      const ms = Date.parse(t);
      return Number.isNaN(ms) || !/^\d{4}-\d{2}-\d{2}T/.test(t) ? bad('invalid_datetime', 'thời gian không hợp lệ.', 'invalid date and time.') : ok(new Date(ms).toISOString());
    }
    case 'time': {
      const t = text(raw);
      if (t === null) return ok(null);
      const padded = /^\d:\d\d$/.test(t) ? `0${t}` : t.replace('h', ':');
      return TIME.test(padded) ? ok(padded) : bad('invalid_time', 'giờ không hợp lệ (ví dụ 07:30).', 'invalid time (e.g. 07:30).');
    }
    case 'money':
    case 'number': {
      const n = numberOf(raw);
      if (n === null) return ok(null);
      if (n === 'invalid') return bad('invalid_number', 'cần là một số.', 'must be a number.');
      if (f.type === 'money' && (!Number.isSafeInteger(n) || n < 0)) return bad('invalid_money', 'số tiền là số đồng, không âm, không có phần lẻ.', 'whole dong, not negative.');
      if (f.min !== undefined && n < f.min) return bad('too_small', `không nhỏ hơn ${f.min}.`, `at least ${f.min}.`);
      if (f.max !== undefined && n > f.max) return bad('too_large', `không lớn hơn ${f.max}.`, `at most ${f.max}.`);
      return ok(n);
    }
    case 'choice': {
      const t = text(raw);
      if (t === null) return ok(null);
      return (f.choices ?? []).some((c) => c.value === t) ? ok(t) : bad('invalid_choice', 'giá trị không có trong danh sách.', 'not one of the choices.');
    }
    case 'choices': {
      const list = Array.isArray(raw) ? raw : raw === null || raw === undefined || raw === '' ? [] : [raw];
      const values = [...new Set(list.map(text).filter((v): v is string => v !== null))];
      if (values.some((v) => !(f.choices ?? []).some((c) => c.value === v))) return bad('invalid_choice', 'có giá trị không có trong danh sách.', 'a value is not one of the choices.');
      if (values.length > maxItems) return bad('too_many', `tối đa ${maxItems} lựa chọn.`, `at most ${maxItems}.`);
      return ok(values.length ? values : null);
    }
    case 'file': {
      const list = ids(raw);
      if (list === null || list.length > 1) return bad('invalid_file', 'tệp không hợp lệ.', 'invalid file.');
      return ok(list[0] ?? null);
    }
    case 'files':
    case 'documents':
    case 'units':
    case 'people':
    case 'entries':
    case 'articles': {
      const list = ids(raw);
      if (list === null) return bad('invalid_reference', 'có mục không hợp lệ.', 'an item is not valid.');
      if (list.length > maxItems) return bad('too_many', `tối đa ${maxItems} mục.`, `at most ${maxItems} items.`);
      return ok(list.length ? list : null);
    }
    case 'picture':
    case 'pictures': {
      const list = raw === null || raw === undefined || raw === '' ? [] : Array.isArray(raw) ? raw : [raw];
      const out: PictureValue[] = [];
      for (const item of list) {
        if (!item || typeof item !== 'object') return bad('invalid_picture', 'ảnh không hợp lệ.', 'invalid picture.');
        const o = item as Record<string, unknown>;
        const [mediaId] = ids(o.mediaId) ?? [];
        if (!mediaId) return bad('invalid_picture', 'ảnh không hợp lệ.', 'invalid picture.');
        const alt = text(o.alt) ?? '';
        const caption = text(o.caption);
        if ([...alt].length > 300 || [...(caption ?? '')].length > 500) return bad('picture_text_too_long', 'mô tả ảnh tối đa 300, chú thích tối đa 500 ký tự.', 'alt text at most 300, caption at most 500 characters.');
        out.push({ mediaId, alt, caption });
      }
      if (f.type === 'picture' && out.length > 1) return bad('invalid_picture', 'chỉ một ảnh.', 'one picture only.');
      if (out.length > maxItems) return bad('too_many', `tối đa ${maxItems} ảnh.`, `at most ${maxItems} pictures.`);
      return ok(f.type === 'picture' ? (out[0] ?? null) : out.length ? out : null);
    }
    case 'rows': {
      const list = raw === null || raw === undefined || raw === '' ? [] : Array.isArray(raw) ? raw : null;
      if (list === null) return bad('invalid_rows', 'cần là một danh sách.', 'must be a list.');
      if (list.length > maxItems) return bad('too_many', `tối đa ${maxItems} dòng.`, `at most ${maxItems} rows.`);
      const problems: Problem[] = [];
      const rows: Record<string, unknown>[] = [];
      list.forEach((item, index) => {
        if (!item || typeof item !== 'object' || Array.isArray(item)) {
          problems.push(problem(f, `${name}.${index}`, 'invalid_row', `dòng ${index + 1} không hợp lệ.`, `row ${index + 1} is not valid.`));
          return;
        }
        const row: Record<string, unknown> = {};
        for (const sub of f.fields ?? []) {
          const r = normalizeField(sub, (item as Record<string, unknown>)[sub.key], `${name}.${rows.length}.${sub.key}`);
          problems.push(...r.problems.map((p) => ({ ...p, vi: `${f.label.vi}, dòng ${index + 1} — ${p.vi}`, en: `${f.label.en}, row ${index + 1} — ${p.en}` })));
          if (r.value !== null) row[sub.key] = r.value;
        }
        // A row left entirely empty (a spare row of the form) is dropped.
        if (Object.keys(row).length > 0) rows.push(row);
      });
      return { value: rows.length ? rows : null, problems };
    }
  }
}

/** Every declared field normalised; unknown keys are dropped. */
export function normalizeValues(kind: SectionKind, raw: unknown): { values: EntryValues; problems: Problem[] } {
  const input = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const values: EntryValues = {};
  const problems: Problem[] = [];
  for (const f of kind.fields) {
    const r = normalizeField(f, input[f.key], fieldName(f.key));
    problems.push(...r.problems);
    if (r.value !== null && r.value !== undefined) values[f.key] = r.value;
  }
  return { values, problems };
}

const CHOSEN_TYPES = new Set<FieldDecl['type']>(['choice', 'choices', 'file', 'files', 'picture', 'pictures', 'documents', 'units', 'people', 'entries', 'articles']);

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

/** What stands in the way of submission or publication: required fields, required row columns, pictures without description, the kind's rules. */
export function completenessProblems(kind: SectionKind, title: string, values: EntryValues, today: string): Problem[] {
  const problems: Problem[] = [];
  const required = (f: FieldDecl, value: unknown, name: string, where: Bilingual | null) => {
    if (f.required && isEmpty(value)) {
      // A drop-down, checkboxes or a picked file are chosen, not typed.
      const chosen = CHOSEN_TYPES.has(f.type);
      problems.push({ code: 'field_required', field: name, vi: `${where ? `${where.vi} — ` : ''}Vui lòng ${chosen ? 'chọn' : 'nhập'} «${f.label.vi}».`, en: `${where ? `${where.en} — ` : ''}Please ${chosen ? 'choose' : 'fill in'} “${f.label.en}”.` });
    }
    if ((f.type === 'picture' || f.type === 'pictures') && !isEmpty(value)) {
      const pics = (Array.isArray(value) ? value : [value]) as PictureValue[];
      pics.forEach((p, i) => {
        // The description's own input is marked, not the picture's caption beside it.
        if (!p.alt) problems.push({ code: 'picture_alt_required', field: Array.isArray(value) ? `${name}.${i}.alt` : `${name}.alt`, vi: `${f.label.vi}: ảnh ${i + 1} chưa có mô tả (văn bản thay thế) cho người khiếm thị.`, en: `${f.label.en}: picture ${i + 1} has no description (alt text) for blind readers.` });
      });
    }
  };
  for (const f of kind.fields) {
    const value = values[f.key];
    required(f, value, fieldName(f.key), null);
    if (f.type === 'rows' && Array.isArray(value)) {
      value.forEach((row, index) => {
        for (const sub of f.fields ?? []) required(sub, (row as Record<string, unknown>)[sub.key], fieldName(sub.key, { rows: f.key, index }), { vi: `${f.label.vi}, dòng ${index + 1}`, en: `${f.label.en}, row ${index + 1}` });
      });
    }
  }
  problems.push(...(kind.rules?.({ title, values, today, complete: true }) ?? []));
  return problems;
}

/** Rules of the kind that hold even for a draft (a week's dates inside the week). */
export function draftRuleProblems(kind: SectionKind, title: string, values: EntryValues, today: string): Problem[] {
  return kind.rules?.({ title, values, today, complete: false }) ?? [];
}

/** The ids an entry points at, by what they must be, so the caller checks they are on the same site. */
export interface EntryReferences {
  media: number[];
  /** Files whose field says what they must be (a video, captions). */
  typed: { id: number; accept: NonNullable<FieldDecl['accept']> }[];
  images: number[];
  documents: number[];
  units: number[];
  people: number[];
  entries: { ids: number[]; kind: string | undefined }[];
  /** News and articles (a story thread's). */
  articles: number[];
}

export function referencesOf(kind: SectionKind, values: EntryValues): EntryReferences {
  const refs: EntryReferences = { media: [], typed: [], images: [], documents: [], units: [], people: [], entries: [], articles: [] };
  const visit = (f: FieldDecl, value: unknown) => {
    if (isEmpty(value)) return;
    switch (f.type) {
      case 'file':
      case 'files': {
        const ids = f.type === 'file' ? [value as number] : (value as number[]);
        refs.media.push(...ids);
        if (f.accept) refs.typed.push(...ids.map((id) => ({ id, accept: f.accept! })));
        break;
      }
      case 'picture':
        refs.images.push((value as PictureValue).mediaId);
        break;
      case 'pictures':
        refs.images.push(...(value as PictureValue[]).map((p) => p.mediaId));
        break;
      case 'documents':
        refs.documents.push(...(value as number[]));
        break;
      case 'units':
        refs.units.push(...(value as number[]));
        break;
      case 'people':
        refs.people.push(...(value as number[]));
        break;
      case 'entries':
        refs.entries.push({ ids: value as number[], kind: f.entryKind });
        break;
      case 'articles':
        refs.articles.push(...(value as number[]));
        break;
      case 'rows':
        for (const row of value as Record<string, unknown>[]) for (const sub of f.fields ?? []) visit(sub, row[sub.key]);
        break;
      default:
        break;
    }
  };
  for (const f of kind.fields) visit(f, values[f.key]);
  return refs;
}

/** One row of entry_fields: what the public list filters and sorts on. */
export interface IndexedValue {
  field: string;
  /** Exact value (a choice, a unit id, a date), for equality filters. */
  value: string | null;
  /** Folded text, for "contains" filters without diacritics. */
  folded: string | null;
  number: number | null;
  /** yyyy-mm-dd (or the day of a date-time in Vietnam, decided by the caller) for date filters and sorts. */
  date: string | null;
  /** End of a date range. */
  dateEnd: string | null;
}

/** The filterable and sortable fields of an entry, one row per value (a 'choices' field gives one row per choice). */
export function indexedValues(kind: SectionKind, values: EntryValues, dayOf: (iso: string) => string): IndexedValue[] {
  const rows: IndexedValue[] = [];
  const base = { value: null, folded: null, number: null, date: null, dateEnd: null };
  for (const f of kind.fields) {
    // The validity period is always indexed: the public list splits current and expired entries on it.
    // So are related articles: an article's page looks up the story threads that hold it (indexed by value).
    if (!f.filter && !f.sort && kind.validity?.field !== f.key && f.type !== 'articles') continue;
    const v = values[f.key];
    if (isEmpty(v)) continue;
    switch (f.type) {
      case 'text':
      case 'longtext':
      case 'link':
      case 'phone':
      case 'email':
      case 'choice':
        rows.push({ ...base, field: f.key, value: String(v).slice(0, 500), folded: fold(String(v)).slice(0, 500) });
        break;
      case 'choices':
      case 'units':
      case 'people':
      case 'documents':
      case 'entries':
      case 'articles':
        for (const item of v as (string | number)[]) rows.push({ ...base, field: f.key, value: String(item) });
        break;
      case 'number':
      case 'money':
        rows.push({ ...base, field: f.key, number: v as number });
        break;
      case 'date':
        rows.push({ ...base, field: f.key, date: v as string });
        break;
      case 'datetime':
        rows.push({ ...base, field: f.key, value: v as string, date: dayOf(v as string) });
        break;
      case 'daterange':
        rows.push({ ...base, field: f.key, date: (v as DateRangeValue).from, dateEnd: (v as DateRangeValue).to });
        break;
      default:
        break;
    }
  }
  return rows;
}

/** The text search reads besides title and summary: every searchable field (labels included, so "chủ đầu tư" finds the investor line). */
export function searchTextOf(kind: SectionKind, values: EntryValues, htmlToText: (html: string) => string): string {
  const lines: string[] = [];
  for (const f of kind.fields) {
    if (f.internal) continue;
    const searchable = f.search ?? (f.type === 'text' || f.type === 'longtext' || f.type === 'richtext' || f.type === 'choice');
    const v = values[f.key];
    if (isEmpty(v)) continue;
    if (f.type === 'rows' && (f.search ?? true)) {
      for (const row of v as Record<string, unknown>[]) {
        const cells = (f.fields ?? []).filter((s) => !s.internal && (s.type === 'text' || s.type === 'longtext')).map((s) => row[s.key]).filter((x): x is string => typeof x === 'string');
        if (cells.length) lines.push(cells.join(' — '));
      }
      continue;
    }
    if (!searchable) continue;
    if (f.type === 'richtext') lines.push(htmlToText(String(v)));
    else if (f.type === 'choice') lines.push(`${f.label.vi}: ${choiceLabel(f, String(v), 'vi')}`);
    else if (typeof v === 'string' || typeof v === 'number') lines.push(`${f.label.vi}: ${v}`);
  }
  return lines.join('\n');
}

export function choiceLabel(f: FieldDecl, value: string, lang: 'vi' | 'en'): string {
  return f.choices?.find((c) => c.value === value)?.label[lang] ?? value;
}

/** Whether a field goes into open data (CSV/JSON): declared, else every public field but rich text and rows. */
export function isExported(f: FieldDecl): boolean {
  if (f.internal) return false;
  return f.export ?? (f.type !== 'richtext' && f.type !== 'rows');
}

/** A validity period's state on a day: not yet, current, expired (ADR 19). */
export function validityOn(kind: SectionKind, values: EntryValues, today: string): 'current' | 'upcoming' | 'expired' | null {
  if (!kind.validity) return null;
  const range = values[kind.validity.field] as DateRangeValue | undefined;
  if (!range) return 'current';
  if (range.from > today) return 'upcoming';
  if (range.to !== null && range.to < today) return 'expired';
  return 'current';
}
