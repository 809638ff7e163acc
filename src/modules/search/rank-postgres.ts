// Ranking on PostgreSQL: first the CANDIDATES matches with the highest ids
// (GIN bitmap ANDed with a range of the newest ids, see newestMatches),
// then one statement
// (rankInOneStatement) ranks those, looked up by primary key. The title
// columns are stored in line, so testing every candidate's title costs
// little; the text, compressed and out of line, is read only in the window.

import { sql, type SqlBool } from 'kysely';
import { searchTokens, type ParsedQuery } from '../../core/search/index.ts';
import type { Db } from '../../platform/db/database.ts';
import { tsQuery } from './engine-syntax.ts';
import { CANDIDATES, filtered, never, rankAmong, type MatchSql, type Ranking } from './ranking.ts';
import type { SearchFilters, SearchPage } from './store.ts';

/** `candidates` (CANDIDATES) is for tests. */
export async function rankPostgres(db: Db, query: ParsedQuery, filters: SearchFilters, page: SearchPage, candidates = CANDIDATES): Promise<Ranking> {
  const q = postgresSql(query, filters);
  // Before the planner settings, which would make it read every row.
  const top = await db.selectFrom('search_documents').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
  return withIndexedMatching(db, async (trx) => {
    const newest = await newestMatches(trx, q, filters, candidates + 1, Number(top?.id ?? 0));
    // The kept ids are matches already: look them up by primary key.
    return rankAmong(trx, filters, page, newest, candidates, (kept) => ({ ...q, matches: sql<SqlBool>`d.id = any(${kept})`, count: kept.length }));
  });
}

/**
 * The `limit` matches with the highest ids, looked for among the newest ids
 * first (4 × limit ids below the highest), the span widened fourfold until
 * it holds them or covers every id (a rare word: a few cheap GIN reads). The GIN index gives all matches as a
 * bitmap (compact, cheap per match), ANDed with the primary key's range,
 * so only the rows in the span are read: the rows, and for a phrase the
 * tsvector re-checked on each, are what costs, and they stay bounded.
 */
async function newestMatches(db: Db, q: MatchSql, filters: SearchFilters, limit: number, highest: number): Promise<number[]> {
  for (let span = 4 * limit; ; span *= 4) {
    const whole = span >= highest;
    let query = filtered(db, filters, q.site).where(q.matches);
    if (!whole) query = query.where('d.id', '>', highest - span);
    const rows = await query.select('d.id').orderBy('d.id', 'desc').limit(limit).execute();
    if (whole || rows.length >= limit) return rows.map((r) => r.id);
  }
}

function postgresSql(query: ParsedQuery, filters: SearchFilters): MatchSql {
  // "+ 0" keeps the btree indexes (all led by site_id) out of it, so the GIN
  // index finds the matches and the site is a test on those rows. Left to
  // itself the planner takes the site's index and tests every row's
  // tsvector, which it prices as cheap but which reads a compressed,
  // out-of-line value per row: a second instead of tens of milliseconds.
  const site = sql<SqlBool>`d.site_id + 0 = ${filters.siteId}`;
  const matches = sql<SqlBool>`d.tsv @@ to_tsquery('simple', ${tsQuery(query)})`;
  const tokens = searchTokens(query.exact);
  if (tokens.length === 0) return { site, matches, inTitle: never(), inText: () => never() };
  const exact = query.exact;
  // A folded field is its tokens joined by single spaces, so "its folded
  // words as a phrase" is a substring between spaces: the same test as an
  // FTS5 phrase in that column, without reading the tsvector.
  const phrase = ` ${tokens.join(' ')} `;
  return {
    site,
    matches,
    inTitle: sql<SqlBool>`(strpos(d.title_lc, ${exact}) > 0 and strpos(' ' || d.folded_title || ' ', ${phrase}) > 0)`,
    inText: (id) =>
      sql<SqlBool>`exists (select 1 from search_documents x where x.id = ${id} and strpos(x.text_lc, ${exact}) > 0 and strpos(' ' || x.folded_body || ' ', ${phrase}) > 0)`,
  };
}

/**
 * Runs `fn` in a transaction where the planner may not scan the table or an
 * index row by row (so the GIN index finds the matches, see postgresSql) and
 * does not JIT-compile, which costs more than these queries whenever the
 * estimate crosses jit_above_cost. The settings are local and put back, so
 * a caller's transaction is left as it was.
 */
async function withIndexedMatching<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  const run = async (trx: Db): Promise<T> => {
    const before = await sql<PlannerSettings>`select current_setting('enable_seqscan') as enable_seqscan, current_setting('enable_indexscan') as enable_indexscan, current_setting('jit') as jit`.execute(trx);
    await setLocal(trx, { enable_seqscan: 'off', enable_indexscan: 'off', jit: 'off' });
    try {
      return await fn(trx);
    } finally {
      await setLocal(trx, before.rows[0]!);
    }
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

interface PlannerSettings {
  enable_seqscan: string;
  enable_indexscan: string;
  jit: string;
}

async function setLocal(trx: Db, s: PlannerSettings): Promise<void> {
  await sql`select set_config('enable_seqscan', ${s.enable_seqscan}, true), set_config('enable_indexscan', ${s.enable_indexscan}, true), set_config('jit', ${s.jit}, true)`.execute(trx);
}
