// Usage counted in memory and written in batches (Decree 224/2026 Art. 12:
// automated measurement of usage). A public page view, a site search and a
// download add one to a counter of this process; every few seconds, and when
// the server stops, the counters are added to the daily tables with upserts
// (`views = views + excluded.views`), so the cost of a view is a map update and
// a busy day costs a handful of statements per flush whatever the traffic.
// What is kept: the day (Vietnam time), the item or kind of page and its
// section, the folded query, the file. Nothing about the visitor.
import { addDays, startOfVietnamDate, vietnamDate } from '../../core/time.ts';
import { rememberedQuery, type RememberedQuery } from '../../core/usage/query.ts';
import type { Db } from '../../platform/db/database.ts';

/** What a public page is, for counting: an item with its section, or a kind of page without one. */
export interface PageMark {
  itemType: string;
  itemId: number;
  sectionId: number | null;
  /** A site search shown by this page (first page of results only). */
  search?: { query: string; found: number };
}

export const OTHER_PAGE: PageMark = { itemType: 'other', itemId: 0, sectionId: null };

export type FileKind = 'media' | 'case_file';

/** Rows per statement: far under both engines' limits on bound parameters. */
const CHUNK = 200;

interface ViewTally {
  siteId: number;
  day: string;
  itemType: string;
  itemId: number;
  sectionId: number | null;
  views: number;
}
interface SearchTally {
  siteId: number;
  day: string;
  folded: string;
  display: string;
  searches: number;
  zero: number;
}
interface DownloadTally {
  siteId: number;
  day: string;
  kind: FileKind;
  fileId: number;
  downloads: number;
}

interface Batch {
  views: Map<string, ViewTally>;
  searches: Map<string, SearchTally>;
  downloads: Map<string, DownloadTally>;
}

const emptyBatch = (): Batch => ({ views: new Map(), searches: new Map(), downloads: new Map() });

/** Queries whose verdict is remembered between flushes (the same searches come back from the cache). */
const QUERY_MEMO = 5_000;
/** Different queries a site keeps per day and process; the rest are counted together. */
export const MAX_QUERIES_PER_DAY = 1_000;
/** Where the queries beyond MAX_QUERIES_PER_DAY are counted, together. */
export const OTHER_QUERIES: RememberedQuery = { folded: '~khac', display: '(Các từ khóa khác)' };

export class UsageCounter {
  private batch = emptyBatch();
  /** The Vietnamese day being counted and its bounds (ms): formatting a date for every view would cost more than the rest. */
  private current = { day: '', from: 0, to: 0 };
  private queries = new Map<string, RememberedQuery | null>();
  /** The different queries each site had today in this process (see distinctQuery). */
  private distinct = new Map<number, Set<string>>();
  private distinctDay = '';
  /** The server writes the batch every few seconds; a test that counts exactly turns that off and flushes itself. */
  autoFlush = true;

  constructor(private readonly clock: () => Date = () => new Date()) {}

  private today(): string {
    const at = this.clock().getTime();
    if (at < this.current.from || at >= this.current.to) {
      const day = vietnamDate(new Date(at));
      this.current = { day, from: startOfVietnamDate(day).getTime(), to: startOfVietnamDate(addDays(day, 1)).getTime() };
    }
    return this.current.day;
  }

  private remembered(query: string): RememberedQuery | null {
    let found = this.queries.get(query);
    if (found === undefined) {
      found = rememberedQuery(query);
      if (this.queries.size >= QUERY_MEMO) this.queries.clear();
      this.queries.set(query, found);
    }
    return found;
  }

  /** One view of a public page. */
  view(siteId: number, mark: PageMark): void {
    const day = this.today();
    const key = `${siteId}|${day}|${mark.itemType}|${mark.itemId}`;
    const tally = this.batch.views.get(key);
    if (tally) {
      tally.views += 1;
      tally.sectionId = mark.sectionId;
    } else {
      this.batch.views.set(key, { siteId, day, itemType: mark.itemType, itemId: mark.itemId, sectionId: mark.sectionId, views: 1 });
    }
    if (mark.search) this.search(siteId, mark.search.query, mark.search.found);
  }

  /** One site search; a query that looks like personal data is not kept at all. */
  search(siteId: number, query: string, found: number): void {
    const typed = this.remembered(query);
    if (!typed) return;
    const day = this.today();
    const remembered = this.distinctQuery(siteId, day, typed);
    const key = `${siteId}|${day}|${remembered.folded}`;
    const tally = this.batch.searches.get(key) ?? { siteId, day, folded: remembered.folded, display: remembered.display, searches: 0, zero: 0 };
    tally.searches += 1;
    if (found === 0) tally.zero += 1;
    tally.display = remembered.display;
    this.batch.searches.set(key, tally);
  }

  /**
   * The query itself, or OTHER_QUERIES once the site has had MAX_QUERIES_PER_DAY different ones today
   * in this process: anyone can type anything, and each new query would be a new row for ever.
   */
  private distinctQuery(siteId: number, day: string, query: RememberedQuery): RememberedQuery {
    if (this.distinctDay !== day) {
      this.distinctDay = day;
      this.distinct.clear();
    }
    let seen = this.distinct.get(siteId);
    if (!seen) this.distinct.set(siteId, (seen = new Set()));
    if (seen.has(query.folded)) return query;
    if (seen.size >= MAX_QUERIES_PER_DAY) return OTHER_QUERIES;
    seen.add(query.folded);
    return query;
  }

  /** One download of a file. */
  download(siteId: number, kind: FileKind, fileId: number): void {
    const day = this.today();
    const key = `${siteId}|${day}|${kind}|${fileId}`;
    const tally = this.batch.downloads.get(key) ?? { siteId, day, kind, fileId, downloads: 0 };
    tally.downloads += 1;
    this.batch.downloads.set(key, tally);
  }

  /** Counts not yet written (for tests and the health of the batch). */
  pending(): { views: number; searches: number; downloads: number } {
    const sum = <T>(m: Map<string, T>, f: (t: T) => number) => [...m.values()].reduce((n, t) => n + f(t), 0);
    return { views: sum(this.batch.views, (t) => t.views), searches: sum(this.batch.searches, (t) => t.searches), downloads: sum(this.batch.downloads, (t) => t.downloads) };
  }

  /**
   * Adds the batch to the daily tables in one transaction. When it fails
   * nothing was added, and the batch is merged back into what was counted
   * meanwhile, to be written at the next flush.
   */
  async flush(db: Db): Promise<void> {
    const batch = this.batch;
    if (batch.views.size === 0 && batch.searches.size === 0 && batch.downloads.size === 0) return;
    this.batch = emptyBatch();
    try {
      await db.transaction().execute(async (trx) => {
        for (const rows of chunks([...batch.views.values()])) {
          await trx
            .insertInto('usage_daily')
            .values(rows.map((r) => ({ site_id: r.siteId, day: r.day, item_type: r.itemType, item_id: r.itemId, section_id: r.sectionId, views: r.views })))
            .onConflict((oc) =>
              oc.columns(['site_id', 'day', 'item_type', 'item_id']).doUpdateSet((eb) => ({ views: eb('usage_daily.views', '+', eb.ref('excluded.views')), section_id: eb.ref('excluded.section_id') })),
            )
            .execute();
        }
        for (const rows of chunks([...batch.searches.values()])) {
          await trx
            .insertInto('search_daily')
            .values(rows.map((r) => ({ site_id: r.siteId, day: r.day, query_folded: r.folded, query_display: r.display, searches: r.searches, results_zero: r.zero })))
            .onConflict((oc) =>
              oc.columns(['site_id', 'day', 'query_folded']).doUpdateSet((eb) => ({
                searches: eb('search_daily.searches', '+', eb.ref('excluded.searches')),
                results_zero: eb('search_daily.results_zero', '+', eb.ref('excluded.results_zero')),
                query_display: eb.ref('excluded.query_display'),
              })),
            )
            .execute();
        }
        for (const rows of chunks([...batch.downloads.values()])) {
          await trx
            .insertInto('download_daily')
            .values(rows.map((r) => ({ site_id: r.siteId, day: r.day, file_kind: r.kind, file_id: r.fileId, downloads: r.downloads })))
            .onConflict((oc) => oc.columns(['site_id', 'day', 'file_kind', 'file_id']).doUpdateSet((eb) => ({ downloads: eb('download_daily.downloads', '+', eb.ref('excluded.downloads')) })))
            .execute();
        }
      });
    } catch (error) {
      this.restore(batch);
      throw error;
    }
  }

  private restore(batch: Batch): void {
    for (const [key, t] of batch.views) {
      const now = this.batch.views.get(key);
      if (now) now.views += t.views;
      else this.batch.views.set(key, t);
    }
    for (const [key, t] of batch.searches) {
      const now = this.batch.searches.get(key);
      if (now) {
        now.searches += t.searches;
        now.zero += t.zero;
      } else this.batch.searches.set(key, t);
    }
    for (const [key, t] of batch.downloads) {
      const now = this.batch.downloads.get(key);
      if (now) now.downloads += t.downloads;
      else this.batch.downloads.set(key, t);
    }
  }
}

function* chunks<T>(rows: T[]): Generator<T[]> {
  for (let i = 0; i < rows.length; i += CHUNK) yield rows.slice(i, i + CHUNK);
}

/** The mark of a public item, with its section as the public index holds it (one indexed lookup, on a render only). */
export async function itemMark(db: Db, siteId: number, itemType: string, itemId: number): Promise<PageMark> {
  const doc = await db.selectFrom('search_documents').select('section_id').where('site_id', '=', siteId).where('item_type', '=', itemType).where('item_id', '=', itemId).executeTakeFirst();
  return { itemType, itemId, sectionId: doc?.section_id ?? null };
}
