// Ranking on SQLite. FTS5 finds the matching rowids from its index alone,
// but everything else about a document lives in long rows whose later
// columns (title_lc, text_lc, published_at) sit past the body in overflow
// pages, so the plan is about reading as few rows as possible:
//  - few matches (≤ LOOKUP_LIMIT): look each one up and rank them in one
//    statement, as PostgreSQL does;
//  - many: take the CANDIDATES matches with the highest ids (FTS5 gives
//    them out highest rowid first and stops), then rank those in the same
//    statement, every FTS test bounded to rowids from the lowest of them.

import { sql, type Expression, type SqlBool } from 'kysely';
import { searchTokens, type ParsedQuery } from '../../core/search/index.ts';
import type { Db } from '../../platform/db/database.ts';
import { ftsAnd, ftsMatchQuery, ftsPhraseIn } from './engine-syntax.ts';
import {
  CANDIDATES,
  never,
  rankAmong,
  rankInOneStatement,
  withFilters,
  type DocQuery,
  type MatchSql,
  type Ranking,
} from './ranking.ts';
import type { SearchFilters, SearchPage } from './store.ts';

/** Up to this many FTS matches (in any site), rows are looked up by rowid; beyond, the site's index is walked. */
const LOOKUP_LIMIT = 1_000;

/** `lookupLimit` and `candidates` (CANDIDATES) are for tests, to run either plan on a few documents. */
export async function rankSqlite(db: Db, query: ParsedQuery, filters: SearchFilters, page: SearchPage, lookupLimit = LOOKUP_LIMIT, candidates = CANDIDATES): Promise<Ranking> {
  // Counted only far enough to choose: a common word is in most documents.
  const limit = Math.min(lookupLimit, candidates);
  const cap = Number.isFinite(limit) ? limit + 1 : -1;
  const count = await sql<{ n: number }>`select count(*) as n from (select 1 from search_fts where search_fts match ${ftsMatchQuery(query)} limit ${cap})`.execute(db);
  if (Number(count.rows[0]?.n ?? 0) <= limit) return rankInOneStatement(db, filters, page, sqliteSql(query, filters));
  const newest = await newestMatches(db, query, filters, candidates + 1);
  return rankAmong(db, filters, page, newest, candidates, (kept) => amongCandidates(sqliteSql(query, filters, kept[kept.length - 1]), kept));
}

/**
 * The `limit` matches with the highest ids: FTS5 hands its matches out
 * highest rowid first and the walk stops at the limit, each looked up
 * (in-row columns only, unless a date filter reads published_at) for the
 * site and filters. Work grows with the matches skipped (other sites',
 * filtered out), not with the matches.
 */
async function newestMatches(db: Db, query: ParsedQuery, filters: SearchFilters, limit: number): Promise<number[]> {
  const from = (db as unknown as Db & { selectFrom(t: 'search_fts as f'): { crossJoin(t: 'search_documents as d'): DocQuery<{}> } }).selectFrom('search_fts as f').crossJoin('search_documents as d');
  const rows = await withFilters(from, filters)
    .where(sql<SqlBool>`search_fts match ${ftsMatchQuery(query)} and d.id = f.rowid`)
    .select('d.id')
    .orderBy(sql`f.rowid`, 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * The candidates as the matches: the site's date index, walked newest first
 * and stopped once all are seen, gives their dates (published_at sits past
 * the body; reading it from each row would cost most of the query). The
 * walk is short when ids follow publication dates, as they do when
 * documents are indexed on publication; an old date indexed late makes it longer.
 */
function amongCandidates(q: MatchSql, kept: number[]): MatchSql {
  return { ...q, matches: sql<SqlBool>`+d.id in (select value from json_each(${JSON.stringify(kept)}))`, count: kept.length };
}

/** The matches are looked up by rowid; with `minId`, only those from that id on (FTS5 seeks to it). */
function sqliteSql(query: ParsedQuery, filters: SearchFilters, minId: number = 0): MatchSql {
  const m = ftsMatchQuery(query);
  const ftsHas = (q: string) => sql<SqlBool>`d.id in (select rowid from search_fts where search_fts match ${q} and rowid >= ${minId})`;
  const site = sql<SqlBool>`d.site_id = ${filters.siteId}`;
  const tokens = searchTokens(query.exact);
  if (tokens.length === 0) return { site, matches: ftsHas(m), inTitle: never(), inText: () => never() };
  const exact = query.exact;
  const phrase = ` ${tokens.join(' ')} `;
  return {
    site,
    matches: ftsHas(m),
    // The index tests the phrase (and the match: this alone picks tier 0);
    // then the in-row title may rule the document out (mayContain); the
    // title_lc column, which sits past the body, is read (by a subquery, so
    // the scan of the matches stays off the long rows) only for the rest.
    inTitle: sql<SqlBool>`case when ${ftsHas(ftsAnd(m, ftsPhraseIn('title', tokens)))} then exists (select 1 from search_documents x where x.id = d.id and ${mayContain([sql.ref('x.title')], exact)} and instr(x.title_lc, ${exact}) > 0) else 0 end`,
    // Only ever asked of the window's rows: reading their text beats
    // materialising every body holding the phrase. A folded field is its
    // tokens joined by single spaces, so the phrase is a substring between spaces.
    inText: (doc) =>
      sql<SqlBool>`exists (select 1 from search_documents x where x.id = ${doc} and ${mayContain([sql.ref('x.summary'), sql.ref('x.body_text')], exact)} and instr(x.text_lc, ${exact}) > 0 and instr(' ' || x.folded_body || ' ', ${phrase}) > 0)`,
  };
}

/** Characters whose NFC lower case has an ASCII letter or digit but which are not ASCII themselves (checked over all of Unicode). */
const LOWERS_TO_ASCII = ['\u0130', '\u212a'];

/**
 * False only when no text in `columns`, taken together, can hold `exact`
 * once lower-cased the way title_lc and text_lc are (NFC, Unicode lower
 * case): each ASCII letter-or-digit run of `exact` must then be in one of
 * the raw texts under SQLite's ASCII-only case folding (LIKE, as lower()), unless a text has one of
 * LOWERS_TO_ASCII. For a query typed without diacritics, against text
 * written with them, this rules a document out from the title (stored
 * before the body) or from the body (before text_lc) without reading the
 * long columns behind them.
 */
export function mayContain(columns: Expression<string>[], exact: string): Expression<SqlBool> {
  // The longest run first: the likeliest to rule the document out (AND stops there).
  const runs = [...new Set(exact.match(/[a-z0-9]+/g) ?? [])].sort((a, b) => b.length - a.length);
  if (runs.length === 0) return sql<SqlBool>`1 = 1`;
  // LIKE folds ASCII case only, as lower() does, without copying the text
  // (4× cheaper over bodies); a run has no % or _ to escape.
  const anywhere = (run: string) => sql`(${sql.join(columns.map((c) => sql`${c} like ${`%${run}%`}`), sql` or `)})`;
  // Bytes, not characters: instr over a blob skips counting characters; a
  // UTF-8 sequence found in UTF-8 text is that character (self-synchronising).
  const odd = columns.flatMap((c) => LOWERS_TO_ASCII.map((ch) => sql`instr(cast(${c} as blob), ${Buffer.from(ch, 'utf8')}) > 0`));
  return sql<SqlBool>`((${sql.join(runs.map(anywhere), sql` and `)}) or ${sql.join(odd, sql` or `)})`;
}
