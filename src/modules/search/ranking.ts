// What both engines share when ranking matches: the filters as plain SQL,
// the tiers, and the result each engine's ranking returns.
//
// The order of hits, identical on both engines:
//   tier 0  the title contains the query as typed (diacritics included);
//   tier 1  otherwise, the summary or body contains it, looked for only in
//           the EXACT_TEXT_WINDOW newest matches;
//   tier 2  the rest;
// then published_at, newest first, then id, highest first.
//
// "Contains the query as typed" = instr()/strpos() of `exact` in the stored
// NFC lower-case text (title_lc, text_lc), which compare code points on both
// engines (no collation, no LIKE case rules), AND the folded field has the
// folded words of `exact` as consecutive words. The second test is what an
// index can answer, so only documents passing it have their text read; it
// also keeps a typed "hà nội" from counting inside "chà nội".
//
// Why bodies are only searched in a window: reading a document's text is the
// expensive part on both engines (long rows: overflow pages on SQLite,
// compressed out-of-line values on PostgreSQL), and a common word matches
// most of a site. Titles are short, so every matching title is checked.

import { sql, type Expression, type QueryCreator, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Database, SearchDocumentsTable } from '../../platform/db/schema.ts';
import type { SearchFilters, SearchPage } from './store.ts';

/** How many of the newest matches have their summary and body searched for the typed text. */
export const EXACT_TEXT_WINDOW = 200;

export type Tier = 0 | 1 | 2;

export interface RankedId {
  id: number;
  tier: Tier;
}

/**
 * Matches are counted up to this many; past it a page says "more than
 * 10,000" (counting every hit of a word in most of the corpus costs more
 * than finding the first page). It is also the deepest result a page
 * reaches: further pages are not served (narrow by date or section).
 */
export const COUNT_CAP = 10_000;

export interface Count {
  /** The number of matches, at most COUNT_CAP. */
  total: number;
  /** There are more than `total` (= COUNT_CAP). */
  more: boolean;
}

export interface Ranking extends Count {
  /** The page, in order. */
  ranked: RankedId[];
}

/** A query's conditions in one engine's SQL (full-text queries and the typed text bound as parameters). */
export interface MatchSql {
  /** The site test on `d`, as the engine's plan wants it. */
  site: Expression<SqlBool>;
  /** `d` matches every word and phrase. */
  matches: Expression<SqlBool>;
  /** `d` (a match) has the query as typed in its title. */
  inTitle: Expression<SqlBool>;
  /** The document with this id has the query as typed in its summary or body. */
  inText: (id: Expression<number>) => Expression<SqlBool>;
  /**
   * The matches are exactly this many: read them newest first and stop
   * there (an engine's index in that order then serves the dates).
   */
  count?: number;
}

/**
 * The ranking: one statement reads the matches (newest first, each with its
 * title test, which is cheap), then the text test runs on the window's rows
 * only until the page is full (textTier). A page that tier 0 fills reads no
 * text at all; otherwise the window is tested newest first in chunks and the
 * walk stops once tiers 0 and 1 hold the page (rows past it cannot reach the
 * page, so their tier is never needed). The order is the one above.
 */
export async function rankInOneStatement(db: Db, filters: SearchFilters, page: SearchPage, q: MatchSql): Promise<Ranking> {
  const matches = filtered(db, filters, q.site).where(q.matches);
  if (pageLimit(page) === 0) return { ...(await countRows(db, matches)), ranked: [] };
  const all = newestFirst(matches.select(['d.id', sql<boolean>`${q.inTitle}`.as('in_title')]));
  const rows = await (q.count === undefined ? all : all.limit(q.count)).execute();
  const end = pageOffset(page) + pageLimit(page);
  const titled = rows.filter((r) => Boolean(r.in_title)).map((r) => r.id);
  const texted = titled.length >= end ? new Set<number>() : await textTier(db, q, rows.slice(0, EXACT_TEXT_WINDOW).filter((r) => !r.in_title).map((r) => r.id), end - titled.length);
  const inTier0 = new Set(titled);
  const rest = rows.filter((r) => !inTier0.has(r.id) && !texted.has(r.id)).map((r) => r.id);
  const ordered: RankedId[] = [
    ...titled.map((id) => ({ id, tier: 0 as Tier })),
    ...rows.filter((r) => texted.has(r.id)).map((r) => ({ id: r.id, tier: 1 as Tier })),
    ...rest.map((id) => ({ id, tier: 2 as Tier })),
  ];
  return { ...capped(rows.length), ranked: ordered.slice(pageOffset(page), end) };
}

/** The window's first rows text-tested (most pages need fewer); the rest of it, if needed, in one more statement. */
const TEXT_CHUNK = 25;

/**
 * Of `window` (ids, newest first, no tier-0 row), those whose text has the
 * typed query, tested newest first until `needed` are found or the window
 * is done. Rows after the stop are never shown ahead of the found ones.
 * Ids are padded to a fixed count so each chunk has one SQL text.
 */
async function textTier(db: Db, q: MatchSql, window: number[], needed: number): Promise<Set<number>> {
  const found = new Set<number>();
  const chunks = [window.slice(0, TEXT_CHUNK), window.slice(TEXT_CHUNK)];
  for (const [i, chunk] of chunks.entries()) {
    if (chunk.length === 0 || found.size >= needed) break;
    const size = i === 0 ? TEXT_CHUNK : EXACT_TEXT_WINDOW - TEXT_CHUNK;
    const padded = [...chunk, ...Array<number>(Math.max(0, size - chunk.length)).fill(chunk[0]!)];
    const rows = await db
      .selectFrom('search_documents as t')
      .select('t.id')
      .where('t.id', 'in', padded)
      .where(q.inText(sql.ref('t.id')))
      .execute();
    const hit = new Set(rows.map((r) => r.id));
    for (const id of chunk) if (hit.has(id)) found.add(id);
  }
  return found;
}

/**
 * A broad query is ranked among only this many of its matches: the newest
 * by id, i.e. the last first indexed (ids follow publication; a correction
 * keeps its id). Finding them stops early on both engines however many
 * documents match; a query with fewer matches is ranked over all of them.
 */
export const CANDIDATES = 2_000;

/**
 * Ranks among `newest` (matches, highest id first, up to k + 1 of them):
 * `within(kept)` is the query restricted to the k kept. Past k the count says "more than k".
 */
export async function rankAmong(db: Db, filters: SearchFilters, page: SearchPage, newest: number[], k: number, within: (kept: number[]) => MatchSql): Promise<Ranking> {
  const kept = newest.slice(0, k);
  const count = { total: Math.min(kept.length, COUNT_CAP), more: newest.length > k || kept.length > COUNT_CAP };
  if (kept.length === 0 || pageLimit(page) === 0 || pageOffset(page) >= kept.length) return { ...count, ranked: [] };
  const { ranked } = await rankInOneStatement(db, filters, page, within(kept));
  return { ...count, ranked };
}

/** The rows counted up to COUNT_CAP + 1: enough to tell "more than COUNT_CAP". */
export async function countRows(db: Db, q: DocQuery<{}>): Promise<Count> {
  const some = q.select(sql<number>`1`.as('one')).limit(COUNT_CAP + 1);
  const row = await db.selectFrom(some.as('c')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return capped(Number(row.n));
}

export function capped(n: number): Count {
  return n > COUNT_CAP ? { total: COUNT_CAP, more: true } : { total: n, more: false };
}

/** The page within the first COUNT_CAP results; a deeper one is empty (and costs only the count). */
export function boundedPage(page: SearchPage): SearchPage {
  const offset = pageOffset(page);
  if (offset >= COUNT_CAP) return { limit: 0, offset: 0 };
  return { limit: Math.min(pageLimit(page), COUNT_CAP - offset), offset };
}

export type DocQuery<O> = SelectQueryBuilder<Database & { d: SearchDocumentsTable }, 'd', O>;

/** The site's documents (as `d`) narrowed by the filters; `site` replaces the plain site test. */
export function filtered(db: QueryCreator<Database>, filters: SearchFilters, site?: Expression<SqlBool>): DocQuery<{}> {
  return withFilters(db.selectFrom('search_documents as d'), filters, site);
}

/** `q` (which has `d`) narrowed by the site and the filters. */
export function withFilters(from: DocQuery<{}>, filters: SearchFilters, site?: Expression<SqlBool>): DocQuery<{}> {
  let q = from.where(site ?? sql<SqlBool>`d.site_id = ${filters.siteId}`);
  if (filters.language !== undefined) q = q.where('d.language', '=', filters.language);
  if (filters.sectionIds !== undefined) q = q.where('d.section_id', 'in', nonEmpty(filters.sectionIds));
  if (filters.kinds !== undefined) q = q.where('d.kind', 'in', nonEmpty(filters.kinds));
  if (filters.itemTypes !== undefined) q = q.where('d.item_type', 'in', nonEmpty(filters.itemTypes));
  if (filters.hiddenEntryKinds?.length) q = q.where((eb) => eb.or([eb('d.item_type', '!=', 'entry'), eb('d.kind', 'not in', filters.hiddenEntryKinds!)]));
  if (filters.from !== undefined) q = q.where('d.published_at', '>=', filters.from);
  if (filters.to !== undefined) q = q.where('d.published_at', '<=', filters.to);
  return q;
}

/** An empty list filters everything out; `in ()` is not valid SQL, so use an impossible value. */
function nonEmpty<T extends number | string>(values: T[]): readonly (T | null)[] {
  return values.length > 0 ? values : [null];
}

/** Newest first, ties broken by the newest row: the order within every tier. */
export function newestFirst<O>(q: DocQuery<O>): DocQuery<O> {
  return q.orderBy('d.published_at', 'desc').orderBy('d.id', 'desc');
}

export function pageLimit(page: SearchPage): number {
  return Math.max(0, Math.floor(page.limit));
}

export function pageOffset(page: SearchPage): number {
  return Math.max(0, Math.floor(page.offset));
}

export function never(): Expression<SqlBool> {
  return sql<SqlBool>`1 = 0`;
}
