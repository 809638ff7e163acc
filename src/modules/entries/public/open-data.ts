// A declared section's published entries as open data (CSV with a BOM and
// Vietnamese headers, and JSON), like the document library's: title, address,
// publication time and every field declared exported (isExported), never an
// internal one. Documents and entries not published are never named.
import { choiceLabel, isExported, type DateRangeValue, type FieldDecl, type PictureValue, type SectionKind } from '../../../core/entries/index.ts';
import { writeCsv } from '../../../platform/spreadsheet.ts';
import type { ListedEntry } from './queries.ts';
import { valueText, type Lookup } from './values.tsx';

export type OpenValue = string | number | null | OpenValue[] | { [key: string]: OpenValue };

function list<T>(v: unknown): T[] {
  return (Array.isArray(v) ? v : [v]) as T[];
}

/** A value for machines: numbers as numbers, dates ISO, choices by their Vietnamese label, references by name and address. */
export function openValue(f: FieldDecl, v: unknown, lookup: Lookup, origin: string): OpenValue {
  if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) return null;
  const link = (x: { url: string; title: string } | undefined) => (x ? { title: x.title, url: `${origin}${x.url}` } : null);
  switch (f.type) {
    case 'money':
    case 'number':
      return v as number;
    case 'daterange':
      return { from: (v as DateRangeValue).from, to: (v as DateRangeValue).to };
    case 'choice':
      return choiceLabel(f, v as string, 'vi');
    case 'choices':
      return list<string>(v).map((c) => choiceLabel(f, c, 'vi'));
    case 'units':
      return list<number>(v).map((id) => lookup.units.get(id) ?? null).filter((x) => x !== null);
    case 'people':
      return list<number>(v).map((id) => lookup.people.get(id) ?? null).filter((x) => x !== null);
    case 'documents':
      return list<number>(v).map((id) => link(lookup.documents.get(id))).filter((x) => x !== null);
    case 'entries':
      return list<number>(v).map((id) => link(lookup.entries.get(id))).filter((x) => x !== null);
    case 'articles':
      return list<number>(v).map((id) => link(lookup.articles.get(id))).filter((x) => x !== null);
    case 'file':
    case 'files':
      return list<number>(v)
        .map((id) => lookup.media.get(id))
        .filter((m) => m !== undefined)
        .map((m) => ({ name: m.originalName, url: `${origin}${m.url}`, mime: m.mime, size: m.size }));
    case 'picture':
    case 'pictures':
      return list<PictureValue>(v)
        .map((p) => ({ p, m: lookup.media.get(p.mediaId) }))
        .filter((x) => x.m !== undefined)
        .map(({ p, m }) => ({ url: `${origin}${m!.url}`, alt: p.alt, caption: p.caption }));
    case 'rows':
      return list<Record<string, unknown>>(v).map((row) => Object.fromEntries((f.fields ?? []).filter((s) => !s.internal).map((s) => [s.key, openValue(s, row[s.key], lookup, origin)])));
    default:
      return String(v);
  }
}

/** A value in a CSV cell: numbers plain, dates ISO, the rest as the page writes it. */
function csvCell(f: FieldDecl, v: unknown, lookup: Lookup, origin: string): string | number | null {
  if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) return null;
  if (f.type === 'money' || f.type === 'number') return v as number;
  if (f.type === 'daterange') return `${(v as DateRangeValue).from} – ${(v as DateRangeValue).to ?? ''}`.trim();
  if (f.type === 'file' || f.type === 'files') {
    return list<number>(v)
      .map((id) => lookup.media.get(id))
      .filter((m) => m !== undefined)
      .map((m) => `${origin}${m.url}`)
      .join(' ');
  }
  if (f.type === 'date' || f.type === 'datetime' || f.type === 'text' || f.type === 'longtext' || f.type === 'link' || f.type === 'phone' || f.type === 'email') return String(v);
  return valueText(f, v, lookup, 'vi');
}

export function exportedFields(kind: SectionKind): FieldDecl[] {
  return kind.fields.filter(isExported);
}

export interface OpenEntry {
  title: string;
  summary: string;
  url: string;
  publishedAt: string;
  fields: Record<string, OpenValue>;
}

export function openRecords(kind: SectionKind, entries: ListedEntry[], lookup: Lookup, origin: string): OpenEntry[] {
  const fields = exportedFields(kind);
  return entries.map((e) => ({
    title: e.title,
    summary: e.summary,
    url: `${origin}${e.url}`,
    publishedAt: e.publishedAt,
    fields: Object.fromEntries(fields.map((f) => [f.key, openValue(f, e.values[f.key], lookup, origin)])),
  }));
}

/** The JSON document: the kind, what each field is called, the entries. */
export function openJson(kind: SectionKind, siteName: string, generatedOn: string, entries: ListedEntry[], lookup: Lookup, origin: string): string {
  return JSON.stringify({
    site: siteName,
    section: { key: kind.key, name: kind.plural.vi, nameEn: kind.plural.en },
    generatedOn,
    fields: exportedFields(kind).map((f) => ({ key: f.key, type: f.type, name: f.label.vi, nameEn: f.label.en })),
    entries: openRecords(kind, entries, lookup, origin),
  });
}

export function openCsv(kind: SectionKind, entries: ListedEntry[], lookup: Lookup, origin: string): string {
  const fields = exportedFields(kind);
  return writeCsv(
    [kind.titleLabel?.vi ?? 'Tiêu đề', 'Tóm tắt', 'Địa chỉ', 'Ngày đăng', ...fields.map((f) => f.label.vi)],
    entries.map((e) => [e.title, e.summary, `${origin}${e.url}`, e.publishedAt, ...fields.map((f) => csvCell(f, e.values[f.key], lookup, origin))]),
  ).toString('utf8');
}
