// An entry's values as the back office reads them (review page, revision
// comparison): each field's label and its value formatted — dates dd/mm/yyyy,
// money "1.250.000.000 đồng", choices and related items by name.
import { choiceLabel, referencesOf, type DateRangeValue, type EntryValues, type FieldDecl, type PictureValue, type SectionKind } from '../../core/entries/index.ts';
import { formatDate, formatDateTime } from '../../core/time.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Lang } from '../../ui/i18n.ts';

/** Names of the items an entry points at, by id. */
export interface EntryNames {
  media: Map<number, string>;
  documents: Map<number, string>;
  units: Map<number, string>;
  people: Map<number, string>;
  entries: Map<number, string>;
  /** News and articles (a story thread's). */
  articles?: Map<number, string>;
}

export const NO_NAMES: EntryNames = { media: new Map(), documents: new Map(), units: new Map(), people: new Map(), entries: new Map() };

/** The names of what these values point at, on this site only. */
export async function loadEntryNames(db: Db, siteId: number, kind: SectionKind, values: EntryValues[]): Promise<EntryNames> {
  const refs = values.map((v) => referencesOf(kind, v));
  const ids = (pick: (r: ReturnType<typeof referencesOf>) => number[]) => [...new Set(refs.flatMap(pick))];
  const media = ids((r) => [...r.media, ...r.images]);
  const articles = ids((r) => [...r.documents, ...r.entries.flatMap((e) => e.ids), ...r.articles]);
  const units = ids((r) => r.units);
  const people = ids((r) => r.people);
  const [m, a, u, p] = await Promise.all([
    media.length ? db.selectFrom('media').select(['id', 'original_name as name']).where('site_id', '=', siteId).where('id', 'in', media).execute() : [],
    articles.length ? db.selectFrom('articles').select(['id', 'title as name', 'kind']).where('site_id', '=', siteId).where('id', 'in', articles).execute() : [],
    units.length ? db.selectFrom('units').select(['id', 'name']).where('site_id', '=', siteId).where('id', 'in', units).execute() : [],
    people.length
      ? db.selectFrom('memberships as m').innerJoin('users as u', 'u.id', 'm.user_id').select(['u.id as id', 'u.name as name']).where('m.site_id', '=', siteId).where('u.id', 'in', people).execute()
      : [],
  ]);
  const map = (rows: { id: number; name: string }[]) => new Map(rows.map((r) => [r.id, r.name]));
  return { media: map(m), documents: map(a.filter((r) => r.kind === 'document')), entries: map(a.filter((r) => r.kind === 'entry')), articles: map(a.filter((r) => r.kind !== 'entry' && r.kind !== 'document')), units: map(u), people: map(p) };
}

/** An entry's values from articles.details (as contentOfRow reads them); {} when unreadable. */
export function valuesOfDetails(details: string | null): EntryValues {
  try {
    const v = details ? (JSON.parse(details) as unknown) : null;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as EntryValues) : {};
  } catch {
    return {};
  }
}

const VI_NUMBER = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 10 });

function named(map: Map<number, string>, ids: number[]): string {
  return ids.map((id) => map.get(id) ?? `#${id}`).join('; ');
}

function picture(p: PictureValue, names: EntryNames): string {
  return [names.media.get(p.mediaId) ?? `#${p.mediaId}`, p.alt ? `«${p.alt}»` : '', p.caption ?? ''].filter(Boolean).join(' — ');
}

/** One value as text (rich text as its HTML; rows one line each). */
export function formatEntryValue(f: FieldDecl, value: unknown, names: EntryNames, lang: Lang): string {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return '';
  switch (f.type) {
    case 'date':
      return formatDate(String(value));
    case 'daterange': {
      const r = value as DateRangeValue;
      return r.to ? `${formatDate(r.from)} – ${formatDate(r.to)}` : `${lang === 'en' ? 'from' : 'từ'} ${formatDate(r.from)}`;
    }
    case 'datetime':
      return formatDateTime(String(value));
    case 'money':
      return `${VI_NUMBER.format(Number(value))} ${lang === 'en' ? 'dong' : 'đồng'}`;
    case 'number':
      return VI_NUMBER.format(Number(value));
    case 'choice':
      return choiceLabel(f, String(value), lang);
    case 'choices':
      return (value as string[]).map((v) => choiceLabel(f, v, lang)).join('; ');
    case 'file':
      return named(names.media, [value as number]);
    case 'files':
      return named(names.media, value as number[]);
    case 'documents':
      return named(names.documents, value as number[]);
    case 'units':
      return named(names.units, value as number[]);
    case 'people':
      return named(names.people, value as number[]);
    case 'entries':
      return named(names.entries, value as number[]);
    case 'articles':
      return named(names.articles ?? new Map(), value as number[]);
    case 'picture':
      return picture(value as PictureValue, names);
    case 'pictures':
      return (value as PictureValue[]).map((p) => picture(p, names)).join('\n');
    case 'rows':
      return (value as Record<string, unknown>[])
        .map((row, i) => `${i + 1}. ${(f.fields ?? []).map((s) => formatEntryValue(s, row[s.key], names, lang)).filter(Boolean).join(' | ')}`)
        .join('\n');
    default:
      return String(value);
  }
}

export interface EntryFieldView {
  key: string;
  label: string;
  field: FieldDecl;
  value: unknown;
  /** The value as text ('' when empty). */
  text: string;
}

/** Every declared field of an entry, labelled in the reader's language. */
export function entryFieldViews(kind: SectionKind, values: EntryValues, names: EntryNames, lang: Lang): EntryFieldView[] {
  return kind.fields.map((f) => ({ key: f.key, label: lang === 'en' ? f.label.en : f.label.vi, field: f, value: values[f.key], text: formatEntryValue(f, values[f.key], names, lang) }));
}
