// Ranking on SQLite. FTS5 finds the matching rowids from its index alone,
// but everything else about a document lives in long rows whose later
// columns (title_lc, text_lc, published_at) sit past the body in overflow
// pages, so the plan is about reading as few rows as possible:
//  - few matches (≤ LOOKUP_LIMIT): look each one up and rank them in one
//    statement, as PostgreSQL does;
//  - many: walk the site's (language, published_at) index newest first,
//    testing entries against the matches, one tier after the other, each
//    stopping as soon as the page is full; a title is read only when the
//    index says its folded words hold the phrase.

import { sql, type Expression, type SqlBool } from 'kysely';
import { searchTokens, type ParsedQuery } from '../../core/search/index.ts';
import type { Db } from '../../platform/db/database.ts';
import { ftsAnd, ftsMatchQuery, ftsPhraseIn } from './engine-syntax.ts';
import {
  EXACT_TEXT_WINDOW,
  countRows,
  filtered,
  never,
  newestFirst,
  pageLimit,
  pageOffset,
  rankInOneStatement,
  type DocQuery,
  type MatchSql,
  type RankedId,
  type Ranking,
} from './ranking.ts';
import type { SearchFilters, SearchPage } from './store.ts';

/** Up to this many FTS matches (in any site), rows are looked up by rowid; beyond, the site's index is walked. */
const LOOKUP_LIMIT = 1_000;

/** `lookupLimit` is for tests, to run either plan on a few documents. */
export async function rankSqlite(db: Db, query: ParsedQuery, filters: SearchFilters, page: SearchPage, lookupLimit = LOOKUP_LIMIT): Promise<Ranking> {
  // Counted only far enough to choose: a common word is in most documents.
  const cap = Number.isFinite(lookupLimit) ? lookupLimit + 1 : -1;
  const count = await sql<{ n: number }>`select count(*) as n from (select 1 from search_fts where search_fts match ${ftsMatchQuery(query)} limit ${cap})`.execute(db);
  const few = Number(count.rows[0]?.n ?? 0) <= lookupLimit;
  const q = sqliteSql(query, filters, few ? sql`d.id` : sql`+d.id`);
  return few ? rankInOneStatement(db, filters, page, q) : rankTierByTier(db, filters, page, q);
}

/**
 * Tier 0 newest first, up to what the page needs; if short, tier 1 from the
 * window; if still short, the other matches newest first. Each query stops
 * once it has its rows, which for a common word is long before the end; a
 * tier that comes up short is complete, so later tiers exclude it by id.
 */
async function rankTierByTier(db: Db, filters: SearchFilters, page: SearchPage, q: MatchSql): Promise<Ranking> {
  const offset = pageOffset(page);
  const wanted = offset + pageLimit(page);
  const base = filtered(db, filters, q.site);
  const count = await countRows(db, base.where(q.matches));
  // inTitle's own set (matches whose folded title has the phrase) is a subset of the matches.
  const tier0 = await ids(base.where(q.inTitle), 0, wanted);
  const tier1 = tier0.length < wanted ? await ids(inWindow(db, base, q).where(notIn(tier0)).where(q.inText(sql.ref('d.id'))), 0, wanted - tier0.length) : [];
  const known = [...tier0, ...tier1];
  const skip = Math.max(0, offset - known.length);
  const tier2 = known.length < wanted ? await ids(base.where(q.matches).where(notIn(known)), skip, wanted - known.length - skip) : [];
  const ranked: RankedId[] = [...tier0.map((id) => ({ id, tier: 0 as const })), ...tier1.map((id) => ({ id, tier: 1 as const }))];
  return { ...count, ranked: [...ranked.slice(offset, wanted), ...tier2.map((id) => ({ id, tier: 2 as const }))] };
}

/** The EXACT_TEXT_WINDOW newest matches, as `d`. */
function inWindow(db: Db, base: DocQuery<{}>, q: MatchSql): DocQuery<{}> {
  const window = newestFirst(base.where(q.matches).select('d.id')).limit(EXACT_TEXT_WINDOW);
  return db.selectFrom('search_documents as d').where('d.id', 'in', window);
}

/** Any number of ids as one bound JSON array: a page deep in the results can exclude thousands. */
function notIn(list: number[]): Expression<SqlBool> {
  if (list.length === 0) return sql<SqlBool>`1 = 1`;
  return sql<SqlBool>`d.id not in (select value from json_each(${JSON.stringify(list)}))`;
}

/** `id` is `d.id` to look matches up by rowid, `+d.id` to make SQLite walk the site's index instead. */
function sqliteSql(query: ParsedQuery, filters: SearchFilters, id: Expression<number>): MatchSql {
  const m = ftsMatchQuery(query);
  const ftsHas = (q: string) => sql<SqlBool>`${id} in (select rowid from search_fts where search_fts match ${q})`;
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
 * the raw texts under SQLite's ASCII-only lower(), unless a text has one of
 * LOWERS_TO_ASCII. For a query typed without diacritics, against text
 * written with them, this rules a document out from the title (stored
 * before the body) or from the body (before text_lc) without reading the
 * long columns behind them.
 */
export function mayContain(columns: Expression<string>[], exact: string): Expression<SqlBool> {
  const runs = [...new Set(exact.match(/[a-z0-9]+/g) ?? [])];
  if (runs.length === 0) return sql<SqlBool>`1 = 1`;
  const anywhere = (run: string) => sql`(${sql.join(columns.map((c) => sql`instr(lower(${c}), ${run}) > 0`), sql` or `)})`;
  const odd = columns.flatMap((c) => LOWERS_TO_ASCII.map((ch) => sql`instr(${c}, ${ch}) > 0`));
  return sql<SqlBool>`((${sql.join(runs.map(anywhere), sql` and `)}) or ${sql.join(odd, sql` or `)})`;
}

/** Ids newest first: the order within every tier. */
async function ids(q: DocQuery<{}>, offset: number, limit: number): Promise<number[]> {
  if (limit <= 0) return [];
  const rows = await newestFirst(q.select('d.id')).limit(limit).offset(offset).execute();
  return rows.map((r) => r.id);
}
