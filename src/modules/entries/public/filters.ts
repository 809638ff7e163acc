// What the public list of a declared section can be asked, read from the GET
// query of the list page (so it works without JavaScript): the filters of the
// fields declared `filter: true`, the sort orders of those declared
// `sort: true`, the archive of a kind with a validity period, and the page.
// A value that cannot be understood is left out with a Vietnamese message,
// never an error page. Pure.
import type { FieldDecl, SectionKind } from '../../../core/entries/index.ts';
import { parseDateInput } from '../../../core/time.ts';
import { fold, normalizeInput } from '../../../core/vietnamese/index.ts';
import { format, type Lang } from '../../../ui/i18n.ts';
import { entryText } from './messages.ts';

export type FilterMode = 'select' | 'units' | 'dates' | 'numbers' | 'text';

export interface FilterSpec {
  field: FieldDecl;
  mode: FilterMode;
}

export type EntryFilter =
  | { field: string; mode: 'equals'; value: string }
  | { field: string; mode: 'dates'; range: boolean; from: string | null; to: string | null }
  | { field: string; mode: 'numbers'; min: number | null; max: number | null }
  | { field: string; mode: 'text'; folded: string };

export interface EntrySort {
  by: 'published' | 'title' | string;
  direction: 'asc' | 'desc';
  /** The column of entry_fields that holds the field's sort value. */
  column?: 'date' | 'value' | 'number' | 'folded';
}

export interface EntryQuery {
  filters: EntryFilter[];
  /** The values as typed, to show them back in the form (by parameter name). */
  values: Record<string, string>;
  /** The parameters that were understood, for the pager's links. */
  pagerQuery: Record<string, string>;
  problems: string[];
  archive: boolean;
  sort: EntrySort;
  sortValue: string;
  page: number;
}

const MODES: Partial<Record<FieldDecl['type'], FilterMode>> = {
  choice: 'select',
  choices: 'select',
  units: 'units',
  date: 'dates',
  daterange: 'dates',
  datetime: 'dates',
  number: 'numbers',
  money: 'numbers',
  text: 'text',
  longtext: 'text',
  phone: 'text',
  email: 'text',
  link: 'text',
};

const SORT_COLUMNS: Partial<Record<FieldDecl['type'], EntrySort['column']>> = {
  date: 'date',
  daterange: 'date',
  datetime: 'value',
  number: 'number',
  money: 'number',
  text: 'folded',
  choice: 'folded',
};

export function filterSpecs(kind: SectionKind): FilterSpec[] {
  return kind.fields.filter((f) => f.filter && !f.internal && MODES[f.type]).map((f) => ({ field: f, mode: MODES[f.type]! }));
}

export function sortableFields(kind: SectionKind): FieldDecl[] {
  return kind.fields.filter((f) => f.sort && !f.internal && SORT_COLUMNS[f.type]);
}

/** Parameter names: the field key, and `<key>-tu` / `<key>-den` for bounds. */
export const param = {
  value: (f: FieldDecl) => f.key,
  from: (f: FieldDecl) => `${f.key}-tu`,
  to: (f: FieldDecl) => `${f.key}-den`,
};

export function sortValueOf(by: string, direction: 'asc' | 'desc'): string {
  if (by === 'published') return 'moi-nhat';
  if (by === 'title') return 'ten';
  return `${by}-${direction === 'asc' ? 'tang' : 'giam'}`;
}

/** The sort orders offered, default first. */
export function sortOptions(kind: SectionKind): { value: string; by: string; direction: 'asc' | 'desc'; field?: FieldDecl }[] {
  const options: { value: string; by: string; direction: 'asc' | 'desc'; field?: FieldDecl }[] = [
    { value: 'moi-nhat', by: 'published', direction: 'desc' },
    { value: 'ten', by: 'title', direction: 'asc' },
  ];
  for (const f of sortableFields(kind)) {
    for (const direction of ['desc', 'asc'] as const) options.push({ value: sortValueOf(f.key, direction), by: f.key, direction, field: f });
  }
  const def = sortValueOf(kind.defaultSort.field, kind.defaultSort.direction);
  const index = options.findIndex((o) => o.value === def);
  if (index > 0) options.unshift(...options.splice(index, 1));
  return options;
}

function numberOf(text: string): number | null {
  // Vietnamese writing: 1.250.000 or 1 250 000 for thousands, a comma for decimals.
  const cleaned = text.replace(/[\s.](?=\d{3}(\D|$))/g, '').replace(',', '.');
  const n = Number(cleaned);
  return cleaned !== '' && Number.isFinite(n) ? n : null;
}

function textOf(raw: unknown, max = 200): string {
  return typeof raw === 'string' ? normalizeInput(raw).slice(0, max).trim() : '';
}

/** Reads the list's query; `unitIds` are the site's units (a units filter names one of them). */
export function readEntryQuery(kind: SectionKind, query: Record<string, unknown>, lang: Lang, unitIds: number[]): EntryQuery {
  const t = entryText(lang);
  const filters: EntryFilter[] = [];
  const values: Record<string, string> = {};
  const pagerQuery: Record<string, string> = {};
  const problems: string[] = [];
  const keep = (name: string, value: string) => {
    values[name] = value;
    pagerQuery[name] = value;
  };
  for (const { field: f, mode } of filterSpecs(kind)) {
    const label = f.label[lang];
    if (mode === 'select' || mode === 'units') {
      const v = textOf(query[param.value(f)], 40);
      if (!v) continue;
      const ok = mode === 'units' ? /^\d{1,12}$/.test(v) && unitIds.includes(Number(v)) : (f.choices ?? []).some((c) => c.value === v);
      if (!ok) {
        problems.push(format(t.badChoice, { label }));
        continue;
      }
      keep(param.value(f), v);
      filters.push({ field: f.key, mode: 'equals', value: v });
    } else if (mode === 'text') {
      const v = textOf(query[param.value(f)], 100);
      const folded = fold(v).trim();
      if (!folded) continue;
      keep(param.value(f), v);
      filters.push({ field: f.key, mode: 'text', folded });
    } else {
      const rawFrom = textOf(query[param.from(f)], 40);
      const rawTo = textOf(query[param.to(f)], 40);
      if (!rawFrom && !rawTo) continue;
      if (mode === 'dates') {
        const from = rawFrom ? parseDateInput(rawFrom) : null;
        const to = rawTo ? parseDateInput(rawTo) : null;
        if ((rawFrom && !from) || (rawTo && !to)) {
          problems.push(format(t.badDate, { label }));
          continue;
        }
        if (from && to && from > to) {
          problems.push(format(t.badRange, { label }));
          continue;
        }
        if (from) keep(param.from(f), from);
        if (to) keep(param.to(f), to);
        filters.push({ field: f.key, mode: 'dates', range: f.type === 'daterange', from, to });
      } else {
        const min = rawFrom ? numberOf(rawFrom) : null;
        const max = rawTo ? numberOf(rawTo) : null;
        if ((rawFrom && min === null) || (rawTo && max === null)) {
          problems.push(format(t.badNumber, { label }));
          continue;
        }
        if (min !== null && max !== null && min > max) {
          problems.push(format(t.badRange, { label }));
          continue;
        }
        if (min !== null) keep(param.from(f), rawFrom);
        if (max !== null) keep(param.to(f), rawTo);
        filters.push({ field: f.key, mode: 'numbers', min, max });
      }
    }
  }
  const options = sortOptions(kind);
  const wanted = textOf(query['sap-xep'], 80);
  let chosen = options[0]!;
  if (wanted) {
    const found = options.find((o) => o.value === wanted);
    if (found) chosen = found;
    else problems.push(t.badSort);
  }
  if (chosen !== options[0]) pagerQuery['sap-xep'] = chosen.value;
  // A kind that withdraws expired entries has no public archive.
  const archive = Boolean(kind.validity) && kind.validity?.expired !== 'withdraw' && query['luu-tru'] === '1';
  if (archive) pagerQuery['luu-tru'] = '1';
  const n = Number(query.trang);
  const page = Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
  return {
    filters,
    values,
    pagerQuery,
    problems,
    archive,
    sort: { by: chosen.by, direction: chosen.direction, ...(chosen.field ? { column: SORT_COLUMNS[chosen.field.type] } : {}) },
    sortValue: chosen.value,
    page,
  };
}
