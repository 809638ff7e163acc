// The board's reading of usage over a period (a month, a half year, a year):
// views per day, per section and per item, the searches most made and those
// that found nothing, the files downloaded, and the citizens' ratings of the
// months covered (counted by modules/ratings in rating_counts: read here, not
// counted twice). Every figure is an SQL aggregate over the daily tables,
// whose keys start with (site_id, day).
import { sql } from 'kysely';
import { addDays } from '../../core/time.ts';
import type { Db } from '../../platform/db/database.ts';

/** How many rows the "top" lists keep. */
export const TOP = 20;
/** Searches a query needs in the period before the board sees it listed (not only counted). */
export const MIN_SEARCHES_SHOWN = 3;

/** Pages without an item, counted under their own kind. */
export const PAGE_KINDS = ['home', 'section', 'search', 'contact', 'other'] as const;

export interface UsageRange {
  /** YYYY-MM-DD, inclusive, Vietnam days. */
  from: string;
  to: string;
}

export interface DayViews {
  day: string;
  views: number;
}

/** A section of the site (name null when deleted since), or an area outside the sections. */
export type UsageGroup = { sectionId: number; name: string | null } | { area: string };

export interface GroupViews {
  group: UsageGroup;
  views: number;
  /** Items (or pages) with at least one view. */
  items: number;
}

export interface ItemViews {
  itemType: string;
  itemId: number;
  title: string | null;
  url: string | null;
  views: number;
}

export interface QueryCount {
  query: string;
  searches: number;
  zero: number;
}

export interface FileDownloads {
  fileKind: string;
  fileId: number;
  /** The file's name (a media file), null for files sent with an answer (their names may be personal). */
  name: string | null;
  downloads: number;
}

export interface UsageReport {
  range: UsageRange;
  totalViews: number;
  perDay: DayViews[];
  /** Views, searches and downloads per month of the range ("2026-11"), from the daily rows. */
  perMonth: { month: string; views: number; searches: number; downloads: number }[];
  groups: GroupViews[];
  topItems: ItemViews[];
  searches: number;
  zeroSearches: number;
  topQueries: QueryCount[];
  zeroQueries: QueryCount[];
  downloads: number;
  topDownloads: FileDownloads[];
  ratings: { useful: number; notUseful: number };
}

/** Every day of a range, in order. */
export function daysOf(range: UsageRange): string[] {
  const out: string[] = [];
  for (let d = range.from; d <= range.to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** The months "YYYY-MM" a range touches. */
function monthsIn(range: UsageRange): string[] {
  const out = new Set<string>();
  for (const d of daysOf(range)) out.add(d.slice(0, 7));
  return [...out];
}

const n = (v: unknown) => Number(v ?? 0);

export async function loadUsageReport(db: Db, siteId: number, range: UsageRange): Promise<UsageReport> {
  const views = db.selectFrom('usage_daily').where('site_id', '=', siteId).where('day', '>=', range.from).where('day', '<=', range.to);
  const perDayRows = await views.select(['day', (eb) => eb.fn.sum<number>('views').as('views')]).groupBy('day').execute();
  const byDay = new Map(perDayRows.map((r) => [r.day, n(r.views)]));
  const perDay = daysOf(range).map((day) => ({ day, views: byDay.get(day) ?? 0 }));

  // Per section (items carry the section they were viewed in), else per kind of item or page.
  const groupRows = await views
    .select([
      'section_id',
      sql<string>`case when section_id is null then item_type else '' end`.as('area'),
      (eb) => eb.fn.sum<number>('views').as('views'),
      sql<number>`count(distinct item_type || ':' || cast(item_id as text))`.as('items'),
    ])
    .groupBy(['section_id', sql`case when section_id is null then item_type else '' end`])
    .execute();
  const sectionNames = new Map((await db.selectFrom('sections').select(['id', 'name']).where('site_id', '=', siteId).execute()).map((s) => [s.id, s.name]));
  const groups: GroupViews[] = groupRows
    .map((r) => ({
      group: r.section_id !== null ? { sectionId: r.section_id, name: sectionNames.get(r.section_id) ?? null } : { area: r.area },
      views: n(r.views),
      items: n(r.items),
    }))
    .sort((a, b) => b.views - a.views || groupLabelKey(a.group).localeCompare(groupLabelKey(b.group)));

  const itemRows = await views
    .select(['item_type', 'item_id', (eb) => eb.fn.sum<number>('views').as('views')])
    .where('item_type', 'not in', PAGE_KINDS)
    .groupBy(['item_type', 'item_id'])
    .orderBy('views', 'desc')
    .orderBy('item_type')
    .orderBy('item_id')
    .limit(TOP)
    .execute();
  const titles = await itemTitles(db, siteId, itemRows.map((r) => ({ itemType: r.item_type, itemId: r.item_id })));
  const topItems = itemRows.map((r) => {
    const t = titles.get(`${r.item_type}:${r.item_id}`);
    return { itemType: r.item_type, itemId: r.item_id, title: t?.title ?? null, url: t?.url ?? null, views: n(r.views) };
  });

  const searches = db.selectFrom('search_daily').where('site_id', '=', siteId).where('day', '>=', range.from).where('day', '<=', range.to);
  const searchTotals = await searches.select([(eb) => eb.fn.sum<number>('searches').as('s'), (eb) => eb.fn.sum<number>('results_zero').as('z')]).executeTakeFirst();
  const queryRows = (order: 's' | 'z') =>
    searches
      .select(['query_folded', (eb) => eb.fn.max('query_display').as('display'), (eb) => eb.fn.sum<number>('searches').as('s'), (eb) => eb.fn.sum<number>('results_zero').as('z')])
      .groupBy('query_folded')
      // A query made fewer than MIN_SEARCHES_SHOWN times may be one person's own words (a name, an
      // address): it counts in the totals but is never listed.
      .having((eb) => eb.fn.sum('searches'), '>=', MIN_SEARCHES_SHOWN)
      .$if(order === 'z', (q) => q.having((eb) => eb.fn.sum('results_zero'), '>', 0))
      .orderBy(order, 'desc')
      .orderBy('query_folded')
      .limit(TOP)
      .execute();
  const toQuery = (r: { display: string | null; query_folded: string; s: unknown; z: unknown }) => ({ query: r.display ?? r.query_folded, searches: n(r.s), zero: n(r.z) });

  const downloads = db.selectFrom('download_daily').where('site_id', '=', siteId).where('day', '>=', range.from).where('day', '<=', range.to);
  const downloadTotal = await downloads.select((eb) => eb.fn.sum<number>('downloads').as('d')).executeTakeFirst();
  const fileRows = await downloads
    .select(['file_kind', 'file_id', (eb) => eb.fn.sum<number>('downloads').as('d')])
    .groupBy(['file_kind', 'file_id'])
    .orderBy('d', 'desc')
    .orderBy('file_kind')
    .orderBy('file_id')
    .limit(TOP)
    .execute();
  const mediaIds = fileRows.filter((r) => r.file_kind === 'media').map((r) => r.file_id);
  const mediaNames = new Map(
    mediaIds.length === 0 ? [] : (await db.selectFrom('media').select(['id', 'original_name']).where('site_id', '=', siteId).where('id', 'in', mediaIds).execute()).map((m) => [m.id, m.original_name]),
  );

  const ratings = await db
    .selectFrom('rating_counts')
    .select([(eb) => eb.fn.sum<number>('useful').as('u'), (eb) => eb.fn.sum<number>('not_useful').as('nu')])
    .where('site_id', '=', siteId)
    .where('month', 'in', monthsIn(range))
    .executeTakeFirst();

  const searchesPerDay = await searches.select(['day', (eb) => eb.fn.sum<number>('searches').as('s')]).groupBy('day').execute();
  const downloadsPerDay = await downloads.select(['day', (eb) => eb.fn.sum<number>('downloads').as('d')]).groupBy('day').execute();
  const perMonth = monthsIn(range).map((month) => ({ month, views: 0, searches: 0, downloads: 0 }));
  const monthOf = (day: string) => perMonth.find((m) => m.month === day.slice(0, 7));
  for (const d of perDay) monthOf(d.day)!.views += d.views;
  for (const r of searchesPerDay) monthOf(r.day)!.searches += n(r.s);
  for (const r of downloadsPerDay) monthOf(r.day)!.downloads += n(r.d);

  return {
    range,
    totalViews: perDay.reduce((sum, d) => sum + d.views, 0),
    perDay,
    perMonth,
    groups,
    topItems,
    searches: n(searchTotals?.s),
    zeroSearches: n(searchTotals?.z),
    topQueries: (await queryRows('s')).map(toQuery),
    zeroQueries: (await queryRows('z')).map(toQuery),
    downloads: n(downloadTotal?.d),
    topDownloads: fileRows.map((r) => ({ fileKind: r.file_kind, fileId: r.file_id, name: r.file_kind === 'media' ? (mediaNames.get(r.file_id) ?? null) : null, downloads: n(r.d) })),
    ratings: { useful: n(ratings?.u), notUseful: n(ratings?.nu) },
  };
}

function groupLabelKey(group: UsageGroup): string {
  return 'sectionId' in group ? `s${group.name ?? group.sectionId}` : `a${group.area}`;
}

/** Titles and addresses of items as the public reads them now, or as last rated when taken down since. */
async function itemTitles(db: Db, siteId: number, items: { itemType: string; itemId: number }[]): Promise<Map<string, { title: string; url: string }>> {
  const out = new Map<string, { title: string; url: string }>();
  if (items.length === 0) return out;
  const types = [...new Set(items.map((i) => i.itemType))];
  const ids = [...new Set(items.map((i) => i.itemId))];
  const rated = await db.selectFrom('rating_counts').select(['item_type', 'item_id', 'title', 'url']).where('site_id', '=', siteId).where('item_type', 'in', types).where('item_id', 'in', ids).execute();
  for (const r of rated) if (r.title) out.set(`${r.item_type}:${r.item_id}`, { title: r.title, url: r.url });
  const live = await db.selectFrom('search_documents').select(['item_type', 'item_id', 'title', 'url']).where('site_id', '=', siteId).where('item_type', 'in', types).where('item_id', 'in', ids).execute();
  for (const r of live) out.set(`${r.item_type}:${r.item_id}`, { title: r.title, url: r.url });
  return out;
}
