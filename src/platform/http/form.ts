// Reading an HTML form: every field is NFC-normalised and checked, and every
// problem is collected with a message in the reader's language, so the page can
// show them all at once and keep what the user typed.
import { normalizeInput } from '../../core/vietnamese/index.ts';
import { parseDateInput } from '../../core/time.ts';
import { format, type Lang } from '../../ui/i18n.ts';

const MESSAGES = {
  vi: {
    required: 'Vui lòng nhập {label}.',
    requiredChoice: 'Vui lòng chọn {label}.',
    tooLong: '{label} không được dài quá {max} ký tự.',
    tooShort: '{label} phải có ít nhất {min} ký tự.',
    email: '{label} không đúng dạng địa chỉ thư điện tử (ví dụ: ten@coquan.gov.vn).',
    phone: '{label} chỉ gồm chữ số, có thể có dấu +, dấu cách, dấu chấm hoặc gạch nối (ví dụ: 0260 3862 123).',
    choice: '{label}: giá trị đã chọn không hợp lệ.',
    date: '{label} phải là ngày hợp lệ, dạng ngày/tháng/năm (ví dụ: 22/11/2026).',
    integer: '{label} phải là số nguyên.',
    range: '{label} phải trong khoảng từ {min} đến {max}.',
  },
  en: {
    required: 'Please enter {label}.',
    requiredChoice: 'Please choose {label}.',
    tooLong: '{label} must be at most {max} characters.',
    tooShort: '{label} must be at least {min} characters.',
    email: '{label} is not a valid e-mail address (e.g. name@agency.gov.vn).',
    phone: '{label} may contain only digits, +, spaces, dots or dashes (e.g. 0260 3862 123).',
    choice: '{label}: the selected value is not valid.',
    date: '{label} must be a valid date, day/month/year (e.g. 22/11/2026).',
    integer: '{label} must be a whole number.',
    range: '{label} must be between {min} and {max}.',
  },
} as const;

interface FieldOptions {
  label: string;
  required?: boolean;
  max?: number;
  min?: number;
}

export type FormValues = Record<string, string | string[]>;

const EMAIL_RE = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[a-z]{2,}$/i;
const PHONE_RE = /^\+?[0-9][0-9 .\-()]{5,19}$/;

/**
 * Control characters other than tab and line breaks (NUL is refused by PostgreSQL's text type) and the
 * bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069), which make a title read
 * differently from what it holds on the lists officials scan: never typed by a person, dropped.
 */
const INVISIBLE_CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g;

export function withoutInvisibleControls(text: string): string {
  return text.replace(INVISIBLE_CONTROLS, '');
}

export class FormReader {
  readonly errors: Record<string, string> = {};
  /** What the user typed (normalised), to refill the form after an error. */
  readonly values: FormValues = {};
  private readonly raw: Record<string, unknown>;

  constructor(body: unknown, private readonly lang: Lang) {
    this.raw = body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  }

  get ok(): boolean {
    return Object.keys(this.errors).length === 0;
  }

  /** Record a problem found by a rule beyond the field's shape (e.g. "already taken"). */
  fail(field: string, message: string): void {
    this.errors[field] ??= message;
  }

  private message(key: keyof (typeof MESSAGES)['vi'], values: Record<string, string | number>): string {
    return format(MESSAGES[this.lang][key], values);
  }

  private first(name: string): string {
    const value = this.raw[name];
    const single = Array.isArray(value) ? value[0] : value;
    return typeof single === 'string' ? normalizeInput(withoutInvisibleControls(single)) : '';
  }

  /** Free text; '' becomes null. */
  text(name: string, opts: FieldOptions): string | null {
    const value = this.first(name);
    this.values[name] = value;
    if (value === '') {
      if (opts.required) this.fail(name, this.message('required', { label: opts.label }));
      return null;
    }
    const max = opts.max ?? 500;
    if ([...value].length > max) this.fail(name, this.message('tooLong', { label: opts.label, max }));
    if (opts.min !== undefined && [...value].length < opts.min) this.fail(name, this.message('tooShort', { label: opts.label, min: opts.min }));
    return value;
  }

  /** A secret: not normalised beyond NFC, not trimmed, never echoed back into the form. */
  password(name: string, opts: FieldOptions): string | null {
    const value = this.raw[name];
    const text = typeof value === 'string' ? value.normalize('NFC') : '';
    if (text === '') {
      if (opts.required) this.fail(name, this.message('required', { label: opts.label }));
      return null;
    }
    return text;
  }

  email(name: string, opts: FieldOptions): string | null {
    const value = this.text(name, { ...opts, max: opts.max ?? 254 });
    if (value === null) return null;
    const lower = value.toLowerCase();
    this.values[name] = lower;
    if (!EMAIL_RE.test(lower)) {
      this.fail(name, this.message('email', { label: opts.label }));
      return null;
    }
    return lower;
  }

  phone(name: string, opts: FieldOptions): string | null {
    const value = this.text(name, { ...opts, max: 20 });
    if (value === null) return null;
    if (!PHONE_RE.test(value)) {
      this.fail(name, this.message('phone', { label: opts.label }));
      return null;
    }
    return value;
  }

  choice<T extends string>(name: string, options: readonly T[], opts: FieldOptions): T | null {
    const value = this.first(name);
    this.values[name] = value;
    if (value === '') {
      if (opts.required) this.fail(name, this.message('requiredChoice', { label: opts.label }));
      return null;
    }
    if (!(options as readonly string[]).includes(value)) {
      this.fail(name, this.message('choice', { label: opts.label }));
      return null;
    }
    return value as T;
  }

  /** A group of checkboxes sharing one name. */
  choices<T extends string>(name: string, options: readonly T[], opts: FieldOptions): T[] {
    const raw = this.raw[name];
    const list = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((v): v is string => typeof v === 'string');
    this.values[name] = list;
    const unknown = list.filter((v) => !(options as readonly string[]).includes(v));
    if (unknown.length > 0) this.fail(name, this.message('choice', { label: opts.label }));
    if (opts.required && list.length === 0) this.fail(name, this.message('requiredChoice', { label: opts.label }));
    return [...new Set(list.filter((v): v is T => (options as readonly string[]).includes(v)))];
  }

  checkbox(name: string): boolean {
    const value = this.first(name);
    this.values[name] = value;
    return value === 'on' || value === '1' || value === 'true';
  }

  /** A date typed as dd/mm/yyyy or picked by <input type=date> (yyyy-mm-dd). */
  date(name: string, opts: FieldOptions): string | null {
    const value = this.text(name, { ...opts, max: 10 });
    if (value === null) return null;
    const parsed = parseDateInput(value);
    if (parsed === null) this.fail(name, this.message('date', { label: opts.label }));
    return parsed;
  }

  integer(name: string, opts: FieldOptions & { minValue?: number; maxValue?: number }): number | null {
    const value = this.text(name, { ...opts, max: 12 });
    if (value === null) return null;
    if (!/^-?\d+$/.test(value)) {
      this.fail(name, this.message('integer', { label: opts.label }));
      return null;
    }
    const n = Number(value);
    const min = opts.minValue ?? Number.MIN_SAFE_INTEGER;
    const max = opts.maxValue ?? Number.MAX_SAFE_INTEGER;
    if (n < min || n > max) {
      this.fail(name, this.message('range', { label: opts.label, min, max }));
      return null;
    }
    return n;
  }

  /** An optional reference to a row by id (a <select> of units, users…). */
  id(name: string, opts: FieldOptions): number | null {
    return this.integer(name, { ...opts, minValue: 1 });
  }
}

/** Adds a use case's problems to the form: each under its field, or under `_form`. */
export function addProblems(form: FormReader, problems: { field?: string; vi: string; en: string }[], lang: Lang): void {
  for (const p of problems) form.fail(p.field ?? '_form', p[lang]);
}
