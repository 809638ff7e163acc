// Listings of the public site, read from the published index (search_documents
// holds exactly the public version of every published item).
import type { Db } from '../../platform/db/database.ts';
import type { SectionRow } from '../../platform/db/schema.ts';
import type { Lang } from '../../ui/i18n.ts';

export interface ListedItem {
  itemType: string;
  itemId: number;
  url: string;
  title: string;
  summary: string;
  kind: string;
  sectionId: number | null;
  publishedAt: string;
  coverMediaId: number | null;
  isReference: boolean;
}

export interface Cover {
  url: string;
  alt: string;
  width: number | null;
  height: number | null;
}

type Row = { item_type: string; item_id: number; url: string; title: string; summary: string; kind: string; section_id: number | null; published_at: string; cover_media_id: number | null; is_reference: number };

type KeyedRow = Row & { id: number };

function listed(r: Row): ListedItem {
  return { itemType: r.item_type, itemId: r.item_id, url: r.url, title: r.title, summary: r.summary, kind: r.kind, sectionId: r.section_id, publishedAt: r.published_at, coverMediaId: r.cover_media_id, isReference: r.is_reference === 1 };
}

const COLUMNS = ['item_type', 'item_id', 'url', 'title', 'summary', 'kind', 'section_id', 'published_at', 'cover_media_id', 'is_reference'] as const;

export interface ListOptions {
  lang: Lang;
  sectionIds?: number[];
  withCover?: boolean;
  /** Static pages (kind 'page') are not news: left out of news listings. */
  excludeKinds?: string[];
  /** Only these kinds. */
  kinds?: string[];
  /** Leave out these item types (news listings leave out entries of declared sections). */
  excludeItemTypes?: string[];
  /** Leave out reference information ("tin tham khảo"), which the home page does not lead with. */
  excludeReference?: boolean;
  limit: number;
  offset: number;
}

function listQuery(db: Db, siteId: number, o: Omit<ListOptions, 'limit' | 'offset'>) {
  let q = db.selectFrom('search_documents').where('site_id', '=', siteId).where('language', '=', o.lang);
  if (o.sectionIds) q = o.sectionIds.length > 0 ? q.where('section_id', 'in', o.sectionIds) : q.where('id', '<', 0);
  if (o.withCover) q = q.where('cover_media_id', 'is not', null);
  if (o.excludeKinds?.length) q = q.where('kind', 'not in', o.excludeKinds);
  if (o.kinds?.length) q = q.where('kind', 'in', o.kinds);
  if (o.excludeItemTypes?.length) q = q.where('item_type', 'not in', o.excludeItemTypes);
  if (o.excludeReference) q = q.where('is_reference', '=', 0);
  return q;
}

/** A page of items and how many there are in all (for pagination). */
export async function listItems(db: Db, siteId: number, o: ListOptions): Promise<{ items: ListedItem[]; total: number }> {
  const [items, count] = await Promise.all([latestItems(db, siteId, o), listQuery(db, siteId, o).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()]);
  return { items, total: Number(count.n) };
}

/** Where a keyset page starts: the items listed after this one (newest first, ties by id). */
export interface ListKey {
  publishedAt: string;
  id: number;
}

/**
 * From this page on, the "older" link carries the last item's key (`&truoc=`): the links
 * of the first pages stay the `?trang=N` addresses search engines know, and a reader or
 * crawler walking deeper costs an index seek a page, not a walk over the offset.
 */
export const KEYSET_FROM_PAGE = 50;

/** A key as it travels in an "older" link: `<published_at>~<id>`. */
export function formatListKey(key: ListKey): string {
  return `${key.publishedAt}~${key.id}`;
}

/** The key of an "older" link (`?truoc=`), or null when the parameter is missing or malformed. */
export function parseListKey(value: unknown): ListKey | null {
  const m = typeof value === 'string' ? /^([0-9][0-9T:.+Z-]{9,39})~([1-9][0-9]{0,14})$/.exec(value) : null;
  return m ? { publishedAt: m[1]!, id: Number(m[2]) } : null;
}

/**
 * One page of a listing and whether an older page follows, without counting every
 * matching row: the section pages show no total, so page 2000 costs the walk over its
 * offset in search_documents_listing_idx and nothing proportional to the section's size.
 * With `before`, the page starts right after that item (an index seek, whatever the depth).
 */
export async function listPage(db: Db, siteId: number, o: Omit<ListOptions, 'limit'> & { pageSize: number; before?: ListKey | null }): Promise<{ items: ListedItem[]; more: boolean; last: ListKey | null }> {
  const rows = await pageRows(db, siteId, { ...o, limit: o.pageSize + 1, offset: o.before ? 0 : o.offset });
  const shown = rows.slice(0, o.pageSize);
  const tail = shown.at(-1);
  return { items: shown.map(listed), more: rows.length > o.pageSize, last: tail ? { publishedAt: tail.published_at, id: tail.id } : null };
}

/**
 * The newest items, without the total: counting reads every matching row (with a kind
 * filter, every row of the site), which the home page, feeds and the sitemap page do not need.
 * The page's ids are chosen first from the index alone (the rows skipped by a deep offset are
 * never fetched, PostgreSQL included), then only those rows are read.
 */
export async function latestItems(db: Db, siteId: number, o: ListOptions): Promise<ListedItem[]> {
  return (await pageRows(db, siteId, o)).map(listed);
}

function pageRows(db: Db, siteId: number, o: ListOptions & { before?: ListKey | null }): Promise<KeyedRow[]> {
  let ids = listQuery(db, siteId, o).select('id');
  if (o.before) ids = ids.where((eb) => eb(eb.refTuple('published_at', 'id'), '<', eb.tuple(o.before!.publishedAt, o.before!.id)));
  const page = ids.orderBy('published_at', 'desc').orderBy('id', 'desc').limit(o.limit).offset(o.offset);
  return db.selectFrom('search_documents').select(['id', ...COLUMNS]).where('id', 'in', page).orderBy('published_at', 'desc').orderBy('id', 'desc').execute();
}

export async function listTagged(db: Db, siteId: number, tagSlug: string, lang: Lang, limit: number, offset: number): Promise<{ items: ListedItem[]; total: number; tag: string | null }> {
  const base = db
    .selectFrom('published_tags as t')
    .innerJoin('search_documents as d', (j) => j.onRef('d.site_id', '=', 't.site_id').onRef('d.item_type', '=', 't.item_type').onRef('d.item_id', '=', 't.item_id'))
    .where('t.site_id', '=', siteId)
    .where('t.tag_slug', '=', tagSlug)
    .where('d.language', '=', lang);
  const [rows, count, name] = await Promise.all([
    base.select(COLUMNS.map((c) => `d.${c}` as const)).orderBy('d.published_at', 'desc').orderBy('d.id', 'desc').limit(limit).offset(offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    db.selectFrom('published_tags').select('tag').where('site_id', '=', siteId).where('tag_slug', '=', tagSlug).limit(1).executeTakeFirst(),
  ]);
  return { items: rows.map(listed), total: Number(count.n), tag: name?.tag ?? null };
}

/** A section and all the sections under it. */
export function withDescendants(sections: SectionRow[], id: number): number[] {
  const ids = [id];
  for (let i = 0; i < ids.length; i += 1) for (const s of sections) if (s.parent_id === ids[i] && !ids.includes(s.id)) ids.push(s.id);
  return ids;
}

/** Covers of listed items: a WebP variant about 640 px wide when there is one. */
export async function coversOf(db: Db, siteId: number, items: ListedItem[]): Promise<Map<number, Cover>> {
  const ids = [...new Set(items.map((i) => i.coverMediaId).filter((id): id is number => id !== null))];
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('media').select(['id', 'sha256', 'ext', 'alt', 'width', 'height', 'variants']).where('site_id', '=', siteId).where('id', 'in', ids).where('deleted_at', 'is', null).execute();
  return new Map(
    rows.map((m) => {
      const variants = JSON.parse(m.variants) as { width: number }[];
      const pick = variants.find((v) => v.width === 640) ?? variants.find((v) => v.width === 320);
      const url = pick ? `/media/${m.sha256}/${pick.width}.webp` : `/media/${m.sha256}/original.${m.ext}`;
      const scale = pick && m.width ? pick.width / m.width : 1;
      return [m.id, { url, alt: m.alt ?? '', width: m.width ? Math.round(m.width * scale) : null, height: m.height ? Math.round(m.height * scale) : null }];
    }),
  );
}

export async function sectionBySlug(db: Db, siteId: number, slug: string): Promise<SectionRow | undefined> {
  return db.selectFrom('sections').selectAll().where('site_id', '=', siteId).where('slug', '=', slug).where('archived_at', 'is', null).executeTakeFirst();
}

/**
 * The sections a reader can find something in: those with a published item in them or
 * below them. A seed's empty sections (a "Văn bản" beside the real library) stay out of
 * the menu and the sitemaps until something is published there.
 */
export async function sectionsWithContent(db: Db, siteId: number, sections: SectionRow[]): Promise<SectionRow[]> {
  // One index seek per section (search_documents_section_idx), not a scan of the site's items.
  const rows = await db
    .selectFrom('sections as s')
    .select('s.id')
    .where('s.site_id', '=', siteId)
    .where((eb) => eb.exists(eb.selectFrom('search_documents as d').select('d.id').where('d.site_id', '=', siteId).whereRef('d.section_id', '=', 's.id')))
    .execute();
  const filled = new Set(rows.map((r) => r.id));
  return sections.filter((s) => withDescendants(sections, s.id).some((id) => filled.has(id)));
}
