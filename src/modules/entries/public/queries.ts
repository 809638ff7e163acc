// The published entries of a declared section, read from the public index
// (search_documents, item_type 'entry') and filtered and sorted in SQL on
// entry_fields (migration 0017). Every query is scoped by site; only the live
// revision of a published entry is ever read. Both engines give the same
// answers: text compares folded (no diacritics, lower case) with an escaped
// LIKE, and orders compare bytes (COLLATE "C" on PostgreSQL).
import { sql, type ExpressionBuilder, type RawBuilder, type SelectQueryBuilder, type SqlBool, type Expression } from 'kysely';
import { siteKinds, validityOn, type Bilingual, type EntryValues, type SectionKind, type SiteKindSettings } from '../../../core/entries/index.ts';
import { engineOf, type Db } from '../../../platform/db/database.ts';
import type { Database, SearchDocumentsTable } from '../../../platform/db/schema.ts';
import { parseSnapshot, type ArticleContent } from '../../articles/article.ts';
import { ENTRY_ITEM } from '../sync.ts';
import type { EntryFilter, EntrySort } from './filters.ts';

export interface ListedEntry {
  articleId: number;
  url: string;
  slug: string;
  title: string;
  summary: string;
  language: string;
  publishedAt: string;
  values: EntryValues;
}

type Aliased = Database & { d: SearchDocumentsTable };
type Eb = ExpressionBuilder<Aliased, 'd'>;
type Q = SelectQueryBuilder<Aliased, 'd', object>;

function fieldRows(eb: Eb, siteId: number, field: string) {
  return eb.selectFrom('entry_fields as ef').select('ef.article_id').where('ef.site_id', '=', siteId).whereRef('ef.article_id', '=', 'd.item_id').where('ef.field', '=', field);
}

function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function filterExpression(eb: Eb, siteId: number, f: EntryFilter): Expression<SqlBool> {
  let rows = fieldRows(eb, siteId, f.field);
  switch (f.mode) {
    case 'equals':
      rows = rows.where('ef.value', '=', f.value);
      break;
    case 'text':
      rows = rows.where(sql<SqlBool>`ef.folded like ${`%${likeEscape(f.folded)}%`} escape '\\'`);
      break;
    case 'numbers':
      if (f.min !== null) rows = rows.where('ef.number', '>=', f.min);
      if (f.max !== null) rows = rows.where('ef.number', '<=', f.max);
      break;
    case 'dates':
      // A range matches when it overlaps the asked period; a date when it lies in it.
      if (f.range) {
        if (f.to) rows = rows.where('ef.date', '<=', f.to);
        if (f.from) rows = rows.where((w) => w.or([w('ef.date_end', 'is', null), w('ef.date_end', '>=', f.from!)]));
      } else {
        if (f.from) rows = rows.where('ef.date', '>=', f.from);
        if (f.to) rows = rows.where('ef.date', '<=', f.to);
      }
      break;
  }
  return eb.exists(rows);
}

/** Expired on `today`: the validity period ended before it (an open end never expires). */
function expired(eb: Eb, siteId: number, kind: SectionKind, today: string): Expression<SqlBool> {
  return eb.exists(fieldRows(eb, siteId, kind.validity!.field).where('ef.date_end', 'is not', null).where('ef.date_end', '<', today));
}

function base(db: Db, siteId: number, kind: SectionKind, lang: string): Q {
  return db.selectFrom('search_documents as d').where('d.site_id', '=', siteId).where('d.item_type', '=', ENTRY_ITEM).where('d.kind', '=', kind.key).where('d.language', '=', lang);
}

export interface ListOptions {
  lang: string;
  filters: EntryFilter[];
  sort: EntrySort;
  /** For kinds with a validity period: the current (and upcoming) ones, or the expired ones. */
  validity?: 'current' | 'archive';
  today: string;
  limit: number;
  offset: number;
}

function filtered(db: Db, siteId: number, kind: SectionKind, o: Omit<ListOptions, 'sort' | 'limit' | 'offset'>): Q {
  let q = base(db, siteId, kind, o.lang);
  for (const f of o.filters) q = q.where((eb) => filterExpression(eb, siteId, f));
  if (kind.validity && o.validity) q = q.where((eb) => (o.validity === 'archive' ? expired(eb, siteId, kind, o.today) : eb.not(expired(eb, siteId, kind, o.today))));
  return q;
}

/** Text compared byte by byte on both engines (PostgreSQL's default collation would order spaces and case otherwise). */
function bytewise(db: Db, expression: RawBuilder<unknown>): RawBuilder<unknown> {
  return engineOf(db) === 'postgres' ? sql`${expression} collate "C"` : expression;
}

function ordered(db: Db, siteId: number, q: Q, sort: EntrySort): Q {
  const dir = sort.direction === 'asc' ? sql`asc` : sql`desc`;
  if (sort.by === 'published') return q.orderBy('d.published_at', 'desc').orderBy('d.id', 'desc');
  if (sort.by === 'title') return q.orderBy(sql`${bytewise(db, sql`d.folded_title`)} asc`).orderBy('d.id', 'desc');
  const column = sort.column ?? 'value';
  // min() for ascending, max() for descending: a field with several values sorts by its extreme one.
  const agg = sort.direction === 'asc' ? sql`min` : sql`max`;
  const value = sql`(select ${agg}(${sql.ref(`ef.${column}`)}) from entry_fields ef where ef.site_id = ${siteId} and ef.article_id = d.item_id and ef.field = ${sort.by})`;
  const keyed = column === 'folded' || column === 'value' || column === 'date' ? bytewise(db, value) : value;
  // Entries without a value come last either way.
  return q
    .orderBy(sql`case when ${value} is null then 1 else 0 end`)
    .orderBy(sql`${keyed} ${dir}`)
    .orderBy('d.published_at', 'desc')
    .orderBy('d.id', 'desc');
}

/** The values of the live revisions of these entries (what the public sees), by article id. */
export async function liveContents(db: Db, siteId: number, articleIds: number[]): Promise<Map<number, ArticleContent>> {
  if (articleIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('articles as a')
    .innerJoin('article_revisions as r', 'r.id', 'a.live_revision_id')
    .select(['a.id', 'r.snapshot'])
    .where('a.site_id', '=', siteId)
    .where('a.id', 'in', articleIds)
    .where('a.publication', '=', 'published')
    .where('a.deleted_at', 'is', null)
    .execute();
  return new Map(rows.map((r) => [r.id, parseSnapshot(r.snapshot)]));
}

type DocRow = { item_id: number; url: string; title: string; summary: string; language: string; published_at: string };

async function withValues(db: Db, siteId: number, kind: SectionKind, rows: DocRow[]): Promise<ListedEntry[]> {
  const contents = await liveContents(db, siteId, rows.map((r) => r.item_id));
  return rows.map((r) => ({
    articleId: r.item_id,
    url: r.url,
    slug: r.url.slice(kind.path.length + 2),
    title: r.title,
    summary: r.summary,
    language: r.language,
    publishedAt: r.published_at,
    values: contents.get(r.item_id)?.entry?.values ?? {},
  }));
}

const COLUMNS = ['d.item_id', 'd.url', 'd.title', 'd.summary', 'd.language', 'd.published_at'] as const;

/** A page of a section's list and how many entries match in all. */
export async function listEntries(db: Db, siteId: number, kind: SectionKind, o: ListOptions): Promise<{ total: number; entries: ListedEntry[] }> {
  const q = filtered(db, siteId, kind, o);
  const [count, rows] = await Promise.all([q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(), ordered(db, siteId, q, o.sort).select([...COLUMNS]).limit(o.limit).offset(o.offset).execute()]);
  return { total: Number(count.n), entries: await withValues(db, siteId, kind, rows) };
}

/** Every published entry of a kind, newest first (feeds and open data); `limit` for the feed. */
export async function allEntries(db: Db, siteId: number, kind: SectionKind, lang: string | null, limit = 100_000): Promise<ListedEntry[]> {
  let q = db.selectFrom('search_documents as d').where('d.site_id', '=', siteId).where('d.item_type', '=', ENTRY_ITEM).where('d.kind', '=', kind.key);
  if (lang) q = q.where('d.language', '=', lang);
  const rows = await q.select([...COLUMNS]).orderBy('d.published_at', 'desc').orderBy('d.id', 'desc').limit(limit).execute();
  const out: ListedEntry[] = [];
  // Values are read 500 entries at a time (IN lists stay short).
  for (let i = 0; i < rows.length; i += 500) out.push(...(await withValues(db, siteId, kind, rows.slice(i, i + 500))));
  return out;
}

/** The current entries of kinds with a validity period, for the home page: newest first, never an expired one. */
export async function currentEntries(db: Db, siteId: number, kinds: SectionKind[], lang: string, today: string, limit: number): Promise<ListedEntry[]> {
  const out: ListedEntry[] = [];
  for (const kind of kinds.filter((k) => k.validity)) {
    const { entries } = await listEntries(db, siteId, kind, { lang, filters: [], sort: { by: 'published', direction: 'desc' }, validity: 'current', today, limit, offset: 0 });
    // Upcoming ones wait for their day on the home page.
    out.push(...entries.filter((e) => validityOn(kind, e.values, today) === 'current'));
  }
  return out.sort((a, b) => (a.publishedAt < b.publishedAt ? 1 : a.publishedAt > b.publishedAt ? -1 : 0)).slice(0, limit);
}

/** The kinds of the site with at least one published entry (menu, sitemap page, sitemap.xml). */
export async function kindsWithEntries(db: Db, siteId: number, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db.selectFrom('search_documents').select('kind').distinct().where('site_id', '=', siteId).where('item_type', '=', ENTRY_ITEM).where('kind', 'in', keys).execute();
  return new Set(rows.map((r) => r.kind));
}

/** A published entry of this kind at this address, or the article the address belonged to before. */
export async function entryAt(db: Db, siteId: number, kind: SectionKind, slug: string): Promise<{ found: { articleId: number; url: string; publishedAt: string } | null; moved: string | null }> {
  const url = `/${kind.path}/${slug}`;
  const doc = await db.selectFrom('search_documents').select(['item_id', 'url', 'published_at']).where('site_id', '=', siteId).where('item_type', '=', ENTRY_ITEM).where('kind', '=', kind.key).where('url', '=', url).executeTakeFirst();
  if (doc) return { found: { articleId: doc.item_id, url: doc.url, publishedAt: doc.published_at }, moved: null };
  // An address the entry had before keeps leading to it (article_slugs, like articles).
  const former = await db.selectFrom('article_slugs').select('article_id').where('site_id', '=', siteId).where('slug', '=', slug).executeTakeFirst();
  const byArticle = former ? await db.selectFrom('search_documents').select('url').where('site_id', '=', siteId).where('item_type', '=', ENTRY_ITEM).where('kind', '=', kind.key).where('item_id', '=', former.article_id).executeTakeFirst() : undefined;
  return { found: null, moved: byArticle && byArticle.url !== url ? byArticle.url : null };
}

/** The site's enabled kinds that have published entries, with the site's names for them: the menu and the sitemap page list these. */
export async function listedKinds(db: Db, site: { id: number; level: string; settings: { entryKinds?: SiteKindSettings } }): Promise<{ kind: SectionKind; plural: Bilingual; href: string }[]> {
  const enabled = siteKinds(site.level, site.settings.entryKinds).filter((k) => k.enabled);
  const filled = await kindsWithEntries(db, site.id, enabled.map((k) => k.kind.key));
  return enabled.filter((k) => filled.has(k.kind.key)).map((k) => ({ kind: k.kind, plural: k.plural, href: `/${k.kind.path}` }));
}
