// The site search index: one row per published item, written by the caller
// in the same transaction as the publication, change or take-down, and read
// through FTS5 (SQLite) or a GIN-indexed tsvector (PostgreSQL). Both engines
// index the same folded words and order hits by the same plain columns, so
// they return the same hits in the same order with the same totals.

import { indexedFields, type ParsedQuery } from '../../core/search/index.ts';
import { toNfc } from '../../core/vietnamese/index.ts';
import { engineOf, type Db } from '../../platform/db/database.ts';
import { rankPostgres } from './rank-postgres.ts';
import { rankSqlite } from './rank-sqlite.ts';
import { CANDIDATES, boundedPage, countRows, filtered, newestFirst } from './ranking.ts';

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
  /** Declared section kinds the site turned off: their entries (item type 'entry') are left out. */
  hiddenEntryKinds?: string[];
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
  /** Matches counted up to CANDIDATES for a search, COUNT_CAP for a listing (ranking.ts). */
  total: number;
  /** There are more than `total`: show "more than …". */
  more: boolean;
  hits: SearchHit[];
}

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

/**
 * Documents matching every word and phrase of the query, exact-diacritic
 * matches first, then newest (the order is spelled out in ranking.ts),
 * among the `candidates` (CANDIDATES; injectable for tests) matches with
 * the highest ids. Each engine has its own plan for it, the same answer.
 */
export async function searchDocuments(db: Db, query: ParsedQuery, filters: SearchFilters, page: SearchPage, candidates = CANDIDATES): Promise<SearchResult> {
  const bounded = boundedPage(page);
  const { total, more, ranked } =
    engineOf(db) === 'postgres' ? await rankPostgres(db, query, filters, bounded, candidates) : await rankSqlite(db, query, filters, bounded, undefined, candidates);
  const tiers = new Map(ranked.map((r) => [r.id, r.tier]));
  return { total, more, hits: await hitsInOrder(db, ranked.map((r) => r.id), (id) => tiers.get(id) !== 2) };
}

/** Documents matching the filters alone (no words), newest first. */
export async function latestDocuments(db: Db, filters: SearchFilters, page: SearchPage): Promise<SearchResult> {
  const base = filtered(db, filters);
  const bounded = boundedPage(page);
  const [count, rows] = await Promise.all([
    countRows(db, base),
    bounded.limit > 0 ? newestFirst(base.select('d.id')).limit(bounded.limit).offset(bounded.offset).execute() : [],
  ]);
  return { ...count, hits: await hitsInOrder(db, rows.map((r) => r.id), () => false) };
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
