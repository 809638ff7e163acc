// The site search index: one row per published item, written by the caller
// in the same transaction as the publication, change or take-down, and read
// through FTS5 (SQLite) or a GIN-indexed tsvector (PostgreSQL). Both engines
// index the same folded words and order hits by the same plain columns, so
// they return the same hits in the same order with the same totals.

import { sql, type Expression, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { indexedFields, type ParsedQuery } from '../../core/search/index.ts';
import { toNfc } from '../../core/vietnamese/index.ts';
import { engineOf, type Db } from '../../platform/db/database.ts';
import type { Database, SearchDocumentsTable } from '../../platform/db/schema.ts';
import { ftsMatchQuery, tsQuery } from './engine-syntax.ts';

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

/** Documents matching every word and phrase, exact-diacritic matches first, then newest. */
export async function searchDocuments(db: Db, query: ParsedQuery, filters: SearchFilters, page: SearchPage): Promise<SearchResult> {
  const matching = matchCondition(db, query);
  const tier = tierExpression(db, query.exact);
  const base = filtered(db, filters).where(matching);
  const [countRow, ranked] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    base
      .select(['d.id', tier.as('tier')])
      .orderBy('tier')
      .orderBy('d.published_at', 'desc')
      .orderBy('d.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
  ]);
  const tiers = new Map(ranked.map((r) => [r.id, Number(r.tier)]));
  const hits = await hitsInOrder(db, ranked.map((r) => r.id), (id) => (tiers.get(id) ?? 2) < 2);
  return { total: Number(countRow.n), hits };
}

/** Documents matching the filters alone (no words), newest first. */
export async function latestDocuments(db: Db, filters: SearchFilters, page: SearchPage): Promise<SearchResult> {
  const base = filtered(db, filters);
  const [countRow, ranked] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    base.select('d.id').orderBy('d.published_at', 'desc').orderBy('d.id', 'desc').limit(page.limit).offset(page.offset).execute(),
  ]);
  const hits = await hitsInOrder(db, ranked.map((r) => r.id), () => false);
  return { total: Number(countRow.n), hits };
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

/** The engine's full-text condition, the query bound as a parameter. */
function matchCondition(db: Db, query: ParsedQuery): Expression<SqlBool> {
  if (engineOf(db) === 'postgres') return sql<SqlBool>`d.tsv @@ to_tsquery('simple', ${tsQuery(query)})`;
  return sql<SqlBool>`d.id in (select rowid from search_fts where search_fts match ${ftsMatchQuery(query)})`;
}

/**
 * 0: the title contains the query as typed; 1: the summary or body does;
 * 2: only the folded words match. instr()/strpos() compare the stored NFC
 * lower-case text code point by code point on both engines (no collation,
 * no LIKE case rules), so non-ASCII text ranks the same.
 */
function tierExpression(db: Db, exact: string) {
  const find = engineOf(db) === 'postgres' ? sql.raw('strpos') : sql.raw('instr');
  return sql<number>`case when ${find}(d.title_lc, ${exact}) > 0 then 0 when ${find}(d.text_lc, ${exact}) > 0 then 1 else 2 end`;
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
