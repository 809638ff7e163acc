// An entry's field values as the public reads them: money in đồng, dates
// dd/mm/yyyy, choices by their label, units and people by name, documents and
// entries as links to their pages (published ones only), files as downloads
// with their type and size, pictures with their description, rows as a table.
// References are read in one go for a page (`loadLookup`), on this site only.
import { choiceLabel, referencesOf, type DateRangeValue, type EntryValues, type FieldDecl, type PictureValue, type SectionKind } from '../../../core/entries/index.ts';
import { formatDate, formatDateTime } from '../../../core/time.ts';
import type { Db } from '../../../platform/db/database.ts';
import { format, type Lang } from '../../../ui/i18n.ts';
import { mediaByIds, type MediaItem } from '../../media/media.ts';
import { THREAD_ARTICLE_KINDS } from '../check-entry.ts';
import { ENTRY_ITEM } from '../sync.ts';
import { entryText } from './messages.ts';

export interface Lookup {
  units: Map<number, string>;
  people: Map<number, string>;
  /** Published documents and entries: their address and title. */
  documents: Map<number, { url: string; title: string }>;
  entries: Map<number, { url: string; title: string }>;
  /** Published news and articles (a story thread's), with when they were published. */
  articles: Map<number, { url: string; title: string; publishedAt: string }>;
  media: Map<number, MediaItem>;
}

export function emptyLookup(): Lookup {
  return { units: new Map(), people: new Map(), documents: new Map(), entries: new Map(), articles: new Map(), media: new Map() };
}

/** Names and addresses of everything the entries' public fields point at. */
export async function loadLookup(db: Db, siteId: number, kind: SectionKind, valuesList: EntryValues[], lang: Lang): Promise<Lookup> {
  const publicKind = { ...kind, fields: kind.fields.filter((f) => !f.internal) };
  const ids = { media: new Set<number>(), documents: new Set<number>(), units: new Set<number>(), people: new Set<number>(), entries: new Set<number>(), articles: new Set<number>() };
  for (const values of valuesList) {
    const r = referencesOf(publicKind, values);
    for (const id of [...r.media, ...r.images]) ids.media.add(id);
    for (const id of r.documents) ids.documents.add(id);
    for (const id of r.units) ids.units.add(id);
    for (const id of r.people) ids.people.add(id);
    for (const e of r.entries) for (const id of e.ids) ids.entries.add(id);
    for (const id of r.articles) ids.articles.add(id);
  }
  const lookup = emptyLookup();
  const list = (s: Set<number>) => [...s].slice(0, 2000);
  if (ids.units.size) {
    for (const u of await db.selectFrom('units').select(['id', 'name', 'name_en']).where('site_id', '=', siteId).where('id', 'in', list(ids.units)).execute()) lookup.units.set(u.id, lang === 'en' && u.name_en ? u.name_en : u.name);
  }
  if (ids.people.size) {
    const rows = await db.selectFrom('users as u').innerJoin('memberships as m', 'm.user_id', 'u.id').select(['u.id', 'u.name']).where('m.site_id', '=', siteId).where('u.id', 'in', list(ids.people)).execute();
    for (const p of rows) lookup.people.set(p.id, p.name);
  }
  const published = async (itemType: string, set: Set<number>, into: Map<number, { url: string; title: string }>, kind?: string) => {
    if (!set.size) return;
    let q = db.selectFrom('search_documents').select(['item_id', 'url', 'title']).where('site_id', '=', siteId).where('item_type', '=', itemType).where('item_id', 'in', list(set));
    if (kind) q = q.where('kind', '=', kind);
    for (const d of await q.execute()) into.set(d.item_id, { url: d.url, title: d.title });
  };
  await published('article', ids.documents, lookup.documents, 'document');
  await published(ENTRY_ITEM, ids.entries, lookup.entries);
  if (ids.articles.size) {
    // The public index holds live revisions only: an article not (or no longer) published is never named.
    const rows = await db.selectFrom('search_documents').select(['item_id', 'url', 'title', 'published_at']).where('site_id', '=', siteId).where('item_type', '=', 'article').where('kind', 'in', [...THREAD_ARTICLE_KINDS]).where('item_id', 'in', list(ids.articles)).execute();
    for (const d of rows) lookup.articles.set(d.item_id, { url: d.url, title: d.title, publishedAt: d.published_at });
  }
  if (ids.media.size) for (const m of await mediaByIds(db, siteId, list(ids.media))) lookup.media.set(m.id, m);
  return lookup;
}

export function formatMoney(amount: number, lang: Lang): string {
  return format(entryText(lang).money, { amount: new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB').format(amount) });
}

export function formatNumber(n: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 6 }).format(n);
}

export function formatRange(r: DateRangeValue, lang: Lang): string {
  const t = entryText(lang);
  return r.to ? format(t.rangeFromTo, { from: formatDate(r.from), to: formatDate(r.to) }) : format(t.rangeFrom, { from: formatDate(r.from) });
}

export function fileSize(bytes: number, lang: Lang): string {
  const n = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 });
  if (bytes >= 1024 * 1024) return `${n.format(bytes / 1024 / 1024)} MB`;
  return `${n.format(Math.max(1, Math.round(bytes / 1024)))} KB`;
}

function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
}

function asList<T>(v: unknown): T[] {
  return (Array.isArray(v) ? v : [v]) as T[];
}

/** The published ones of a field's articles, newest first. */
export function publishedArticles(v: unknown, lookup: Lookup): { url: string; title: string; publishedAt: string }[] {
  return asList<number>(v)
    .map((id) => lookup.articles.get(id))
    .filter((a): a is { url: string; title: string; publishedAt: string } => Boolean(a))
    .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt));
}

/**
 * A value as plain text (list cells of the CSV, JSON names, feeds): what the page shows, without links.
 * Documents and entries not published are left out, never named.
 */
export function valueText(f: FieldDecl, v: unknown, lookup: Lookup, lang: Lang): string {
  if (isEmpty(v)) return '';
  switch (f.type) {
    case 'money':
      return formatMoney(v as number, lang);
    case 'number':
      return formatNumber(v as number, lang);
    case 'date':
      return formatDate(v as string);
    case 'datetime':
      return formatDateTime(v as string);
    case 'daterange':
      return formatRange(v as DateRangeValue, lang);
    case 'choice':
      return choiceLabel(f, v as string, lang);
    case 'choices':
      return asList<string>(v).map((c) => choiceLabel(f, c, lang)).join('; ');
    case 'units':
      return asList<number>(v).map((id) => lookup.units.get(id)).filter(Boolean).join('; ');
    case 'people':
      return asList<number>(v).map((id) => lookup.people.get(id)).filter(Boolean).join('; ');
    case 'documents':
      return asList<number>(v).map((id) => lookup.documents.get(id)?.title).filter(Boolean).join('; ');
    case 'entries':
      return asList<number>(v).map((id) => lookup.entries.get(id)?.title).filter(Boolean).join('; ');
    case 'articles':
      return publishedArticles(v, lookup).map((a) => a.title).join('; ');
    case 'file':
    case 'files':
      return asList<number>(v).map((id) => lookup.media.get(id)?.originalName).filter(Boolean).join('; ');
    case 'picture':
    case 'pictures':
      return asList<PictureValue>(v).map((p) => p.alt).filter(Boolean).join('; ');
    case 'rows':
      return asList<Record<string, unknown>>(v)
        .map((row) => (f.fields ?? []).map((s) => valueText(s, row[s.key], lookup, lang)).filter(Boolean).join(' — '))
        .join('; ');
    default:
      return String(v);
  }
}

/** A value as the detail page shows it (escaped; rich text is sanitised on every save). */
export function FieldValue({ field: f, value: v, lookup, lang }: { field: FieldDecl; value: unknown; lookup: Lookup; lang: Lang }): JSX.Element {
  const t = entryText(lang);
  if (isEmpty(v)) return '';
  const links = (items: ({ url: string; title: string } | undefined)[]) => {
    const shown = items.filter((x): x is { url: string; title: string } => Boolean(x));
    if (shown.length === 0) return '';
    return shown.length === 1 ? (
      <a href={shown[0]!.url} safe>
        {shown[0]!.title}
      </a>
    ) : (
      <ul>
        {shown.map((x) => (
          <li>
            <a href={x.url} safe>
              {x.title}
            </a>
          </li>
        ))}
      </ul>
    );
  };
  switch (f.type) {
    case 'richtext':
      return <div class="article-body">{String(v) as 'safe'}</div>;
    case 'longtext':
      return (
        <>
          {String(v)
            .split('\n')
            .map((line, i) => (
              <>
                {i > 0 ? <br /> : ''}
                <span safe>{line}</span>
              </>
            ))}
        </>
      );
    case 'date':
      return (
        <time datetime={v as string} safe>
          {formatDate(v as string)}
        </time>
      );
    case 'datetime':
      return (
        <time datetime={v as string} safe>
          {formatDateTime(v as string)}
        </time>
      );
    case 'daterange': {
      const r = v as DateRangeValue;
      return (
        <>
          <time datetime={r.from} safe>
            {formatDate(r.from)}
          </time>
          {' – '}
          {r.to ? (
            <time datetime={r.to} safe>
              {formatDate(r.to)}
            </time>
          ) : (
            <span>{t.openEnded}</span>
          )}
        </>
      );
    }
    case 'link':
      return (
        <a href={String(v)} rel="noopener nofollow" safe>
          {String(v)}
        </a>
      );
    case 'phone':
      return (
        <a href={`tel:${String(v).replace(/[^0-9+]/g, '')}`} safe>
          {String(v)}
        </a>
      );
    case 'email':
      return (
        <a href={`mailto:${String(v)}`} safe>
          {String(v)}
        </a>
      );
    case 'documents':
      return links(asList<number>(v).map((id) => lookup.documents.get(id)));
    case 'entries':
      return links(asList<number>(v).map((id) => lookup.entries.get(id)));
    case 'articles': {
      // A story thread's timeline: its published articles, newest first, each with its date.
      const shown = publishedArticles(v, lookup);
      if (shown.length === 0) return '';
      return (
        <ol class="thread-timeline">
          {shown.map((a) => (
            <li>
              <time datetime={a.publishedAt} safe>
                {formatDateTime(a.publishedAt)}
              </time>{' '}
              <a href={a.url} safe>
                {a.title}
              </a>
            </li>
          ))}
        </ol>
      );
    }
    case 'file':
    case 'files': {
      const files = asList<number>(v).map((id) => lookup.media.get(id)).filter((m): m is MediaItem => Boolean(m));
      return (
        <ul class="entry-files">
          {files.map((m) => (
            <li>
              <a href={m.url} download={m.originalName} safe>
                {m.originalName}
              </a>{' '}
              <span class="muted" safe>{`(${m.ext.toUpperCase()}, ${fileSize(m.size, lang)}${m.openFormat ? '' : `, ${t.notOpen}`})`}</span>
            </li>
          ))}
        </ul>
      );
    }
    case 'picture':
    case 'pictures': {
      const pictures = asList<PictureValue>(v).map((p) => ({ p, m: lookup.media.get(p.mediaId) })).filter((x): x is { p: PictureValue; m: MediaItem } => Boolean(x.m));
      return (
        <>
          {pictures.map(({ p, m }) => (
            <figure class="entry-picture">
              <img src={m.url} alt={p.alt} width={m.width ? String(m.width) : undefined} height={m.height ? String(m.height) : undefined} loading="lazy" />
              {p.caption ? <figcaption safe>{p.caption}</figcaption> : ''}
            </figure>
          ))}
        </>
      );
    }
    case 'rows': {
      const subs = (f.fields ?? []).filter((s) => !s.internal);
      const rows = asList<Record<string, unknown>>(v);
      return (
        <div class="article-body">
          <table class="stack-table entry-rows">
            <caption class="visually-hidden" safe>
              {f.label[lang]}
            </caption>
            <thead>
              <tr>
                {subs.map((s) => (
                  <th scope="col" safe>
                    {s.label[lang]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr>
                  {subs.map((s) => (
                    <td data-label={s.label[lang]}>
                      <FieldValue field={s} value={row[s.key]} lookup={lookup} lang={lang} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    }
    default:
      return <span safe>{valueText(f, v, lookup, lang)}</span>;
  }
}
