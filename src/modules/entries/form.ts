// Between the generated entry form (fields.tsx) and an entry's values: what was
// typed, read back into the JSON shape normalizeValues takes, and a saved entry
// turned into form values. Names: f.<key>; f.<key>.from|to (a date range);
// f.<key>.mediaId|alt|caption (a picture); f.<key>.<i>.<…> (a row or one of
// several pictures), with f.<key>.count saying how many were drawn. Pure.
import { localDateTime, toLocalDate } from '../../core/calendar/index.ts';
import { fieldName, type DateRangeValue, type EntryValues, type FieldDecl, type PictureValue, type SectionKind } from '../../core/entries/index.ts';
import { parseDateInput } from '../../core/time.ts';
import { normalizeInput } from '../../core/vietnamese/index.ts';
import type { FormValues } from '../../platform/http/form.ts';

/** Blank rows (and picture slots) drawn below the filled ones, so the form works without JavaScript. */
export const SPARE_ROWS = 3;

/** Spare slots of a repeated field: three at the top level, one for pictures inside a table row (three per row made tables hard to read). */
export function spareSlots(name: string): number {
  return name.split('.').length > 2 ? 1 : SPARE_ROWS;
}
/** How many more blank rows "Thêm dòng" gives. */
export const ADDED_ROWS = 5;
/** The submit button that asks for more rows instead of saving; its value is the field's key. */
export const ADD_ROWS_BUTTON = 'addRows';

const DEFAULT_MAX_ROWS: Partial<Record<FieldDecl['type'], number>> = { rows: 200, pictures: 50 };

/** Most rows a field may have, and so most the form draws and reads. */
export function maxRowsOf(f: FieldDecl): number {
  return f.maxItems ?? DEFAULT_MAX_ROWS[f.type] ?? 50;
}

export function countName(name: string): string {
  return `${name}.count`;
}

const VIETNAM_TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', hour12: false });
const VI_NUMBER = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 10 });

// ---- Saved values → form ----------------------------------------------------------

/** The form values of one field under `name` (f.<key>, or f.<rows>.<i>.<key> inside a row). */
function fieldFormValues(f: FieldDecl, value: unknown, name: string, out: FormValues): void {
  if (value === undefined || value === null) {
    if (f.type === 'rows' || f.type === 'pictures') out[countName(name)] = String(spareSlots(name));
    return;
  }
  switch (f.type) {
    case 'daterange': {
      const r = value as DateRangeValue;
      out[`${name}.from`] = r.from;
      out[`${name}.to`] = r.to ?? '';
      return;
    }
    case 'datetime': {
      const d = new Date(String(value));
      if (!Number.isNaN(d.getTime())) out[name] = `${toLocalDate(d)}T${VIETNAM_TIME.format(d)}`;
      return;
    }
    case 'money':
    case 'number':
      out[name] = typeof value === 'number' ? VI_NUMBER.format(value) : String(value);
      return;
    case 'choices':
    case 'files':
    case 'documents':
    case 'units':
    case 'people':
    case 'entries':
    case 'articles':
      out[name] = (value as unknown[]).map(String);
      return;
    case 'file':
      out[name] = String(value);
      return;
    case 'picture':
      pictureFormValues(value as PictureValue, name, out);
      return;
    case 'pictures': {
      const list = value as PictureValue[];
      list.forEach((p, i) => pictureFormValues(p, `${name}.${i}`, out));
      out[countName(name)] = String(Math.min(maxRowsOf(f), list.length + spareSlots(name)));
      return;
    }
    case 'rows': {
      const rows = value as Record<string, unknown>[];
      rows.forEach((row, index) => {
        for (const sub of f.fields ?? []) fieldFormValues(sub, row[sub.key], `${name}.${index}.${sub.key}`, out);
      });
      out[countName(name)] = String(Math.min(maxRowsOf(f), rows.length + SPARE_ROWS));
      return;
    }
    default:
      out[name] = String(value);
  }
}

function pictureFormValues(p: PictureValue, name: string, out: FormValues): void {
  out[`${name}.mediaId`] = String(p.mediaId);
  out[`${name}.alt`] = p.alt;
  out[`${name}.caption`] = p.caption ?? '';
}

/** The form of a saved entry. */
export function entryFormValues(kind: SectionKind, values: EntryValues): FormValues {
  const out: FormValues = {};
  for (const f of kind.fields) fieldFormValues(f, values[f.key], fieldName(f.key), out);
  return out;
}

// ---- Form → values ------------------------------------------------------------------

type Raw = Record<string, unknown>;

function one(raw: Raw, name: string): string {
  const v = raw[name];
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' ? normalizeInput(s) : '';
}

function many(raw: Raw, name: string): string[] {
  const v = raw[name];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((s): s is string => typeof s === 'string').map((s) => normalizeInput(s)).filter((s) => s !== '');
}

/** A date as typed (yyyy-mm-dd from the date picker, or dd/mm/yyyy by hand); what cannot be read goes on to be refused. */
function dateOf(typed: string): string {
  return typed === '' ? '' : (parseDateInput(typed) ?? typed);
}

/** 'yyyy-mm-ddTHH:MM' in Vietnam time → an ISO instant; what cannot be read goes on to be refused. */
function dateTimeOf(typed: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{1,2}:\d{2})$/.exec(typed);
  if (!m) return typed;
  try {
    return localDateTime(m[1]!, m[2]!.padStart(5, '0')).toISOString();
  } catch {
    return typed;
  }
}

/** How many slots of a repeated field were drawn (never more than it may hold, plus the spare ones). */
function drawnCount(f: FieldDecl, raw: Raw, name: string): number {
  const n = Number(one(raw, countName(name)));
  return Number.isInteger(n) && n > 0 ? Math.min(n, maxRowsOf(f) + SPARE_ROWS + ADDED_ROWS) : 0;
}

interface Reading {
  /** The raw JSON value for normalizeValues; undefined when left empty. */
  value: unknown;
  /** What was typed, under the input names, to draw the form again. */
  typed: FormValues;
}

/** One field under `name`; `addRowsTo` is the key whose "Thêm dòng" was pressed. */
function readField(f: FieldDecl, raw: Raw, name: string, addRowsTo: string | null): Reading {
  const typed: FormValues = {};
  const keep = (n: string, v: string) => {
    if (v !== '') typed[n] = v;
    return v;
  };
  switch (f.type) {
    case 'daterange': {
      const from = keep(`${name}.from`, one(raw, `${name}.from`));
      const to = keep(`${name}.to`, one(raw, `${name}.to`));
      return { value: from || to ? { from: dateOf(from) || null, to: dateOf(to) || null } : undefined, typed };
    }
    case 'date': {
      const v = keep(name, one(raw, name));
      return { value: v ? dateOf(v) : undefined, typed };
    }
    case 'datetime': {
      const v = keep(name, one(raw, name));
      return { value: v ? dateTimeOf(v) : undefined, typed };
    }
    case 'choices':
    case 'files':
    case 'documents':
    case 'units':
    case 'people':
    case 'entries': {
      const list = many(raw, name);
      if (list.length) typed[name] = list;
      return { value: list.length ? list : undefined, typed };
    }
    case 'articles': {
      // Ticked in the list of the newest articles, or typed as numbers ("125, 131") for older ones.
      // An address of the article's page in the back office (…/admin/articles/125) gives its number too.
      const typedIds = one(raw, `${name}.add`).split(/[\s,;]+/).filter(Boolean).map((x) => /\/admin\/articles\/(\d+)/.exec(x)?.[1] ?? x);
      const list = [...new Set([...many(raw, name), ...typedIds])];
      if (list.length) typed[name] = list;
      return { value: list.length ? list : undefined, typed };
    }
    case 'picture': {
      const p = readPicture(raw, name, typed);
      return { value: p ?? undefined, typed };
    }
    case 'pictures': {
      const slots = drawnCount(f, raw, name);
      const list: Raw[] = [];
      for (let i = 0; i < slots; i++) {
        const slot: FormValues = {};
        const p = readPicture(raw, `${name}.${i}`, slot);
        // Slots are renumbered without the empty ones, as the saved value will be.
        if (p) {
          pictureTyped(slot, `${name}.${i}`, `${name}.${list.length}`, typed);
          list.push(p);
        }
      }
      typed[countName(name)] = String(slotsToDraw(f, list.length, slots, addRowsTo === f.key));
      return { value: list.length ? list : undefined, typed };
    }
    case 'rows': {
      const drawn = drawnCount(f, raw, name);
      const rows: Raw[] = [];
      for (let i = 0; i < drawn; i++) {
        const row: Raw = {};
        const rowTyped: FormValues = {};
        for (const sub of f.fields ?? []) {
          const r = readField(sub, raw, `${name}.${i}.${sub.key}`, null);
          if (r.value !== undefined) row[sub.key] = r.value;
          Object.assign(rowTyped, r.typed);
        }
        // The slot counts of a row's pictures are always sent; they do not make a row filled.
        const counts = new Set((f.fields ?? []).filter((s) => s.type === 'pictures').map((s) => countName(`${name}.${i}.${s.key}`)));
        if (Object.keys(rowTyped).every((k) => counts.has(k))) continue;
        // A row left empty is dropped and the rest renumbered, so problems name the row as saved.
        const from = `${name}.${i}.`;
        const to = `${name}.${rows.length}.`;
        for (const [k, v] of Object.entries(rowTyped)) typed[to + k.slice(from.length)] = v;
        rows.push(row);
      }
      typed[countName(name)] = String(slotsToDraw(f, rows.length, drawn, addRowsTo === f.key));
      return { value: rows.length ? rows : undefined, typed };
    }
    default: {
      const v = keep(name, one(raw, name));
      return { value: v || undefined, typed };
    }
  }
}

function readPicture(raw: Raw, name: string, typed: FormValues): Raw | null {
  const mediaId = one(raw, `${name}.mediaId`);
  const alt = one(raw, `${name}.alt`);
  const caption = one(raw, `${name}.caption`);
  if (mediaId) typed[`${name}.mediaId`] = mediaId;
  if (alt) typed[`${name}.alt`] = alt;
  if (caption) typed[`${name}.caption`] = caption;
  // A description typed without picking a picture is kept in the form but is no picture.
  return mediaId ? { mediaId, alt, caption: caption || null } : null;
}

function pictureTyped(slot: FormValues, from: string, to: string, out: FormValues): void {
  for (const [k, v] of Object.entries(slot)) out[to + k.slice(from.length)] = v;
}

/** The filled slots, the spare ones, and more when "Thêm dòng" was pressed; never fewer than were drawn. */
function slotsToDraw(f: FieldDecl, filled: number, drawn: number, add: boolean): number {
  const wanted = Math.max(drawn, filled + SPARE_ROWS) + (add ? ADDED_ROWS : 0);
  return Math.min(wanted, maxRowsOf(f) + SPARE_ROWS);
}

/**
 * The entry part of a posted form: the values to save (raw, for
 * normalizeValues) and what was typed, to draw the form again unchanged.
 */
export function readEntryForm(kind: SectionKind, body: unknown): { values: Record<string, unknown>; typed: FormValues; addRowsTo: string | null } {
  const raw = body && typeof body === 'object' ? (body as Raw) : {};
  const wanted = one(raw, ADD_ROWS_BUTTON);
  const addRowsTo = kind.fields.some((f) => f.key === wanted && (f.type === 'rows' || f.type === 'pictures')) ? wanted : null;
  const values: Record<string, unknown> = {};
  const typed: FormValues = {};
  for (const f of kind.fields) {
    const r = readField(f, raw, fieldName(f.key), addRowsTo);
    if (r.value !== undefined) values[f.key] = r.value;
    Object.assign(typed, r.typed);
  }
  return { values, typed, addRowsTo };
}
