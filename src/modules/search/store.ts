// The site search index: one row per published item, written by the caller
// in the same transaction as the publication, change or take-down, and read
// through FTS5 (SQLite) or a GIN-indexed tsvector (PostgreSQL). Both engines
// index the same folded words and order hits by the same plain columns, so
// they return the same hits in the same order with the same totals.

import { sql, type Expression, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { indexedFields, searchTokens, type ParsedQuery } from '../../core/search/index.ts';
import { toNfc } from '../../core/vietnamese/index.ts';
import { engineOf, type Db } from '../../platform/db/database.ts';
import type { Database, SearchDocumentsTable } from '../../platform/db/schema.ts';
import { ftsAnd, ftsMatchQuery, ftsPhraseIn, tsPhraseIn, tsQuery, type Field } from './engine-syntax.ts';

export interface SearchDoc {
  siteId: number;
  itemType: string;
  itemId: number;
  language: 'vi' | 'en';
  sectionId: number | null;
  kind: string;
  url: string;
  title: string;
  summary: string;
  bodyText: string;
  /** ISO instant (UTC). */
  publishedAt: string;
}

export interface SearchFilters {
  siteId: number;
  language?: 'vi' | 'en';
  sectionIds?: number[];
  kinds?: string[];
  itemTypes?: string[];
  /** ISO instants, inclusive. */
  from?: string;
  to?: string;
}

export interface SearchHit {
  itemType: string;
  itemId: number;
  url: string;
  title: string;
  summary: string;
  bodyText: string;
  publishedAt: string;
  kind: string;
  sectionId: number | null;
  /** The query, as typed (diacritics included), is in the title or text. */
  exact: boolean;
}

export interface SearchPage {
  limit: number;
  offset: number;
}

export interface SearchResult {
  total: number;
  hits: SearchHit[];
}

type DocQuery<O> = SelectQueryBuilder<Database & { d: SearchDocumentsTable }, 'd', O>;

// ---- writing ---------------------------------------------------------------

/** Adds the item to the index, or replaces what the index holds for it. */
export async function indexDocument(db: Db, doc: SearchDoc): Promise<void> {
  const row = documentRow(doc);
  await db
    .insertInto('search_documents')
    .values(row)
    .onConflict((oc) => oc.columns(['site_id', 'item_type', 'item_id']).doUpdateSet(withoutKey(row)))
    .execute();
}

export async function removeDocument(db: Db, siteId: number, itemType: string, itemId: number): Promise<void> {
  await db.deleteFrom('search_documents').where('site_id', '=', siteId).where('item_type', '=', itemType).where('item_id', '=', itemId).execute();
}

function documentRow(doc: SearchDoc) {
  const text = `${doc.summary}\n${doc.bodyText}`;
  const { foldedTitle, foldedBody } = indexedFields(doc.title, text);
  return {
    site_id: doc.siteId,
    item_type: doc.itemType,
    item_id: doc.itemId,
    language: doc.language,
    section_id: doc.sectionId,
    kind: doc.kind,
    url: doc.url,
    title: doc.title,
    summary: doc.summary,
    body_text: doc.bodyText,
    title_lc: lowerCase(doc.title),
    text_lc: lowerCase(text),
    folded_title: foldedTitle,
    folded_body: foldedBody,
    published_at: doc.publishedAt,
  };
}

function withoutKey(row: ReturnType<typeof documentRow>) {
  const { site_id: _site, item_type: _type, item_id: _item, ...rest } = row;
  return rest;
}

/** NFC lower case, whitespace collapsed, the same way the query's `exact` is made. */
function lowerCase(text: string): string {
  return toNfc(text).toLowerCase().replace(/\s+/g, ' ').trim();
}

// ---- reading ---------------------------------------------------------------

/** Pages past this many results are not served (the total stays exact): deep pages cost more than they help. */
export const MAX_RESULT_WINDOW = 1_000;

/**
 * Documents matching every word and phrase, in three tiers: the query as
 * typed (diacritics included) in the title, then in the summary or body,
 * then the rest; newest first within a tier.
 *
 * Finding which matches contain the typed text means reading their text, so
 * it is never done for all matches: the tiers are read one after the other,
 * each newest first and stopping as soon as the page is full, and the
 * typed text is looked for only where the index already found its folded
 * words as a phrase.
 */
export async function searchDocuments(db: Db, query: ParsedQuery, filters: SearchFilters, page: SearchPage): Promise<SearchResult> {
  const conditions = engineSql(db, query);
  const window = resultWindow(page);
  const [total, ranked] = await Promise.all([countWhere(db, filters, conditions.matches), window ? tieredIds(db, filters, conditions, window) : noIds()]);
  const tiers = new Map(ranked.map((r) => [r.id, r.tier]));
  const hits = await hitsInOrder(db, [...tiers.keys()], (id) => tiers.get(id) !== 2);
  return { total, hits };
}

/** Documents matching the filters alone (no words), newest first. */
export async function latestDocuments(db: Db, filters: SearchFilters, page: SearchPage): Promise<SearchResult> {
  const window = resultWindow(page);
  const [total, ids] = await Promise.all([
    countWhere(db, filters, sql<SqlBool>`1 = 1`),
    window ? newestIds(filtered(db, filters), window.offset, window.limit) : Promise.resolve([]),
  ]);
  return { total, hits: await hitsInOrder(db, ids, () => false) };
}

interface TieredId {
  id: number;
  tier: 0 | 1 | 2;
}

/** The page's ids: tier 0, then 1, then 2, each read only as far as the page needs. */
async function tieredIds(db: Db, filters: SearchFilters, conditions: EngineSql, window: SearchPage): Promise<TieredId[]> {
  const wanted = window.offset + window.limit;
  const base = filtered(db, filters);
  const tier0 = await newestIds(base.where(conditions.exactInTitle), 0, wanted);
  const tier1 = tier0.length < wanted ? await newestIds(excluding(base.where(conditions.exactInText), tier0), 0, wanted - tier0.length) : [];
  const known = [...tier0, ...tier1];
  // Fewer than asked for means tiers 0 and 1 are complete, so tier 2 is every other match.
  const skip = Math.max(0, window.offset - known.length);
  const tier2 = known.length < wanted ? await newestIds(excluding(base.where(conditions.matches), known), skip, wanted - known.length - skip) : [];
  const ranked: TieredId[] = [...tier0.map((id) => ({ id, tier: 0 as const })), ...tier1.map((id) => ({ id, tier: 1 as const }))];
  return [...ranked.slice(window.offset), ...tier2.map((id) => ({ id, tier: 2 as const }))];
}

function excluding<O>(q: DocQuery<O>, ids: number[]): DocQuery<O> {
  return ids.length > 0 ? q.where('d.id', 'not in', ids) : q;
}

/** Ids newest first (ties: newest row first), the order of every tier. */
async function newestIds(q: DocQuery<{}>, offset: number, limit: number): Promise<number[]> {
  if (limit <= 0) return [];
  const rows = await q.select('d.id').orderBy('d.published_at', 'desc').orderBy('d.id', 'desc').limit(limit).offset(offset).execute();
  return rows.map((r) => r.id);
}

async function countWhere(db: Db, filters: SearchFilters, condition: Expression<SqlBool>): Promise<number> {
  const row = await filtered(db, filters)
    .where(condition)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The page, or null when it lies past MAX_RESULT_WINDOW. */
function resultWindow(page: SearchPage): SearchPage | null {
  const offset = Math.max(0, Math.floor(page.offset));
  const limit = Math.min(Math.max(0, Math.floor(page.limit)), MAX_RESULT_WINDOW - offset);
  return limit > 0 ? { offset, limit } : null;
}

function noIds(): Promise<TieredId[]> {
  return Promise.resolve([]);
}

/** The site's documents narrowed by the filters (plain, indexed columns). */
function filtered(db: Db, filters: SearchFilters): DocQuery<{}> {
  let q = db.selectFrom('search_documents as d').where('d.site_id', '=', filters.siteId);
  if (filters.language !== undefined) q = q.where('d.language', '=', filters.language);
  if (filters.sectionIds !== undefined) q = q.where('d.section_id', 'in', nonEmpty(filters.sectionIds));
  if (filters.kinds !== undefined) q = q.where('d.kind', 'in', nonEmpty(filters.kinds));
  if (filters.itemTypes !== undefined) q = q.where('d.item_type', 'in', nonEmpty(filters.itemTypes));
  if (filters.from !== undefined) q = q.where('d.published_at', '>=', filters.from);
  if (filters.to !== undefined) q = q.where('d.published_at', '<=', filters.to);
  return q;
}

/** An empty list filters everything out; `in ()` is not valid SQL, so use an impossible value. */
function nonEmpty<T extends number | string>(values: T[]): readonly (T | null)[] {
  return values.length > 0 ? values : [null];
}

// ---- the query on each engine -------------------------------------------------

/** The conditions of a query, in the engine's terms. Full-text queries are bound parameters. */
interface EngineSql {
  /** Every word and phrase matches (in title or body). */
  matches: Expression<SqlBool>;
  /** Matches, and the title contains the query as typed, on word boundaries (tier 0). */
  exactInTitle: Expression<SqlBool>;
  /** Matches, and the summary or body contains the query as typed, on word boundaries (tier 1 unless tier 0). */
  exactInText: Expression<SqlBool>;
}

/**
 * "Contains the query as typed" is instr()/strpos() on the stored NFC
 * lower-case text, which compares code points on both engines (no collation,
 * no LIKE case rules), and only counts where the folded words of the typed
 * text are also a phrase in that field: a cheap index test first, and no
 * tier for a typed "hà nội" found inside "chà nội".
 */
function engineSql(db: Db, query: ParsedQuery): EngineSql {
  const exact = query.exact;
  const tokens = searchTokens(exact);
  return engineOf(db) === 'postgres' ? postgresSql(query, exact, tokens) : sqliteSql(query, exact, tokens);
}

function sqliteSql(query: ParsedQuery, exact: string, tokens: string[]): EngineSql {
  const m = ftsMatchQuery(query);
  // The unary + keeps SQLite from looking each match up by rowid (then
  // reading its published_at at the end of a long row) and makes it walk the
  // (site, language, published_at) index instead, testing each entry against
  // the matches: the cost is bounded by the site's size and the walk stops
  // once the page is full.
  const fts = (q: string) => sql<SqlBool>`+d.id in (select rowid from search_fts where search_fts match ${q})`;
  if (tokens.length === 0) return { matches: fts(m), exactInTitle: never(), exactInText: never() };
  return {
    matches: fts(m),
    exactInTitle: sql<SqlBool>`(${fts(ftsAnd(m, ftsPhraseIn('title', tokens)))} and instr(d.title_lc, ${exact}) > 0)`,
    exactInText: sql<SqlBool>`(${fts(ftsAnd(m, ftsPhraseIn('body', tokens)))} and instr(d.text_lc, ${exact}) > 0)`,
  };
}

function postgresSql(query: ParsedQuery, exact: string, tokens: string[]): EngineSql {
  const matches = sql<SqlBool>`d.tsv @@ to_tsquery('simple', ${tsQuery(query)})`;
  if (tokens.length === 0) return { matches, exactInTitle: never(), exactInText: never() };
  // The phrase test reads the whole tsvector, so it comes after the cheaper
  // strpos(); ts_match_vq() rather than @@ keeps the planner from using the
  // GIN index for it (a phrase can only be checked row by row anyway).
  const phrase = (field: Field) => sql<SqlBool>`ts_match_vq(d.tsv, to_tsquery('simple', ${tsPhraseIn(field, tokens)}))`;
  return {
    matches,
    exactInTitle: sql<SqlBool>`(${matches} and strpos(d.title_lc, ${exact}) > 0 and ${phrase('title')})`,
    exactInText: sql<SqlBool>`(${matches} and strpos(d.text_lc, ${exact}) > 0 and ${phrase('body')})`,
  };
}

function never(): Expression<SqlBool> {
  return sql<SqlBool>`1 = 0`;
}

/** The page's rows, in the order of `ids`. */
async function hitsInOrder(db: Db, ids: number[], isExact: (id: number) => boolean): Promise<SearchHit[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('search_documents')
    .select(['id', 'item_type', 'item_id', 'url', 'title', 'summary', 'body_text', 'published_at', 'kind', 'section_id'])
    .where('id', 'in', ids)
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    return [
      {
        itemType: r.item_type,
        itemId: r.item_id,
        url: r.url,
        title: r.title,
        summary: r.summary,
        bodyText: r.body_text,
        publishedAt: r.published_at,
        kind: r.kind,
        sectionId: r.section_id,
        exact: isExact(id),
      },
    ];
  });
}
