// The public content version of each site (table site_content_versions). It
// moves on inside the transaction of every audited change a reader could see
// (core/public/public-effect.ts decides which), so no use case has to remember
// to tell the render cache: the cache compares versions after each request
// that may have changed something, and polls for what other nodes and
// background jobs committed.
//
// Each version also records its scope (site_content_changes, ADR 33): the tags of the cached
// pages it can change ("item:<id>", "lists"), or "*" for the whole site — the default.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { PageCache } from './page-cache.ts';

/** The whole site: every page may show the change. */
export const WHOLE_SITE = '*';
/** The tag of pages that list items (home, sections, feeds, search, sitemap, tags, every page not tagged otherwise). */
export const LISTS = 'lists';
export const itemTag = (id: number) => `item:${id}`;
/** A scope longer than this is sent and kept as the whole site (NOTIFY payloads stop at 8,000 bytes). */
const MAX_SCOPE = 4000;
/** Change rows older than this are pruned: a node that far behind drops the whole site anyway. */
const KEEP_CHANGES_MS = 24 * 3600_000;

/**
 * What a change touches. `menus: 'check'`: items came or went, so the sections with content
 * (shown in every page's menu) are compared with the last scoped change's; if they differ, or
 * are not known, the whole site goes. `menus: 'same'`: the change cannot alter the menus (speech).
 */
export interface ContentScope {
  tags: string[];
  menus: 'check' | 'same';
  /** Only the pages that name these tags: pages that name nothing keep (a change only the item's own page shows, like its player). */
  exact?: boolean;
}

/** Prefix of an exact scope in the stored and announced form: "=item:12". */
const EXACT = '=';

/** Tags to drop; `exact`: pages without tags are kept. */
export interface DropTags {
  tags: string[];
  exact: boolean;
}

export async function bumpContentVersion(db: Db, siteId: number, now: string, scope?: ContentScope): Promise<void> {
  // The upsert locks the site's row: the signature read with it is the last committed one.
  const row = await db
    .insertInto('site_content_versions')
    .values({ site_id: siteId, version: 1, changed_at: now })
    .onConflict((oc) => oc.column('site_id').doUpdateSet({ version: sql<number>`site_content_versions.version + 1`, changed_at: now }))
    .returning(['version', 'chrome_sig'])
    .executeTakeFirstOrThrow();
  const version = Number(row.version);
  let tags = scope ? `${scope.exact ? EXACT : ''}${scope.tags.join(' ')}` : WHOLE_SITE;
  let sig = scope ? row.chrome_sig : null;
  if (scope?.menus === 'check') {
    sig = await chromeSignature(db, siteId);
    if (sig !== row.chrome_sig) tags = WHOLE_SITE;
  }
  if (tags.length > MAX_SCOPE || tags === '' || tags === EXACT) tags = WHOLE_SITE;
  if (sig !== row.chrome_sig) await db.updateTable('site_content_versions').set({ chrome_sig: sig }).where('site_id', '=', siteId).execute();
  await db.insertInto('site_content_changes').values({ site_id: siteId, version, scope: tags, changed_at: now }).execute();
  if (version % 64 === 0) {
    const before = new Date(Date.parse(now) - KEEP_CHANGES_MS).toISOString();
    await db.deleteFrom('site_content_changes').where('site_id', '=', siteId).where('changed_at', '<', before).execute();
  }
}

/**
 * A person's name changed: every site they are a member of may show it publicly (a unit's head on
 * the organisation chart and directory, people named in entries), so each drops its pages. In site
 * order, so two such changes cannot lock each other's rows.
 */
export async function bumpSitesOfPerson(db: Db, userId: number, now: string): Promise<void> {
  const sites = await db.selectFrom('memberships').select('site_id').distinct().where('user_id', '=', userId).orderBy('site_id').execute();
  for (const { site_id } of sites) await bumpContentVersion(db, site_id, now);
}

/** The sections that have content, which every page's menu shows (public/queries sectionsWithContent). */
async function chromeSignature(db: Db, siteId: number): Promise<string> {
  const rows = await db
    .selectFrom('sections as s')
    .select('s.id')
    .where('s.site_id', '=', siteId)
    .where((eb) => eb.exists(eb.selectFrom('search_documents as d').select('d.id').where('d.site_id', '=', siteId).whereRef('d.section_id', '=', 's.id')))
    .orderBy('s.id')
    .execute();
  return rows.map((r) => r.id).join(',');
}

/** The current version of every site (or of one). */
export async function readContentVersions(db: Db, siteId?: number): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('site_content_versions')
    .select(['site_id', 'version'])
    .$if(siteId !== undefined, (q) => q.where('site_id', '=', siteId!))
    .execute();
  return new Map(rows.map((r) => [r.site_id, Number(r.version)]));
}

/** Parses a stored or announced scope: its tags, or null for the whole site. */
export function scopeTags(scope: string | null | undefined): DropTags | null {
  if (!scope || scope === WHOLE_SITE) return null;
  const exact = scope.startsWith(EXACT);
  const tags = (exact ? scope.slice(EXACT.length) : scope).split(' ').filter(Boolean);
  return tags.length > 0 && !tags.includes(WHOLE_SITE) ? { tags, exact } : null;
}

/** How many versions behind a node may be and still drop by tags: beyond, the whole site is cheaper to reason about. */
const MAX_GAP = 200;

/**
 * Brings the cache up to the versions in the database (all sites, or one): a site that moved on
 * loses the pages tagged by the scopes of the versions in between, or all its pages when any
 * of them is unscoped or no longer kept.
 */
export async function syncContentVersions(db: Db, cache: PageCache, siteId?: number): Promise<void> {
  const versions = await readContentVersions(db, siteId);
  for (const [site, version] of versions) {
    const known = cache.followedVersion(site);
    if (known === version) continue;
    let tags: DropTags | null = null;
    if (known !== undefined && version > known && version - known <= MAX_GAP) {
      const rows = await db.selectFrom('site_content_changes').select(['version', 'scope']).where('site_id', '=', site).where('version', '>', known).where('version', '<=', version).execute();
      if (rows.length === version - known) {
        const all = rows.map((r) => scopeTags(r.scope));
        if (all.every((t) => t !== null)) tags = { tags: [...new Set(all.flatMap((t) => t!.tags))], exact: all.every((t) => t!.exact) };
      }
    }
    cache.applyVersion(site, version, tags, known);
  }
}

/** Kinds whose pages are ordinary articles: static pages, documents and entries have their own places (menus, library, declared sections). */
const SCOPED_KINDS = new Set(['news', 'article', 'photo', 'video', 'translation', 'collected']);
/** Workflow actions that change what one article shows, and the lists it is in. */
const SCOPED_ARTICLE_ACTIONS = new Set(['article.publish', 'article.urgent_publish', 'article.confirm_urgent', 'article.run_schedule', 'article.correct', 'article.take_down', 'article.unpublish']);

/** The tags an article's change drops: its page, the page of the article it translates (which links to it), and the lists. Null: the whole site. */
export function articleTags(row: { id: number; kind: string; translation_of_id: number | null }): string[] | null {
  if (!SCOPED_KINDS.has(row.kind)) return null;
  return [itemTag(row.id), ...(row.translation_of_id ? [itemTag(row.translation_of_id)] : []), LISTS];
}

/** The scope of an audited action: article workflow actions are scoped, anything else is the whole site. */
export async function scopeOfAction(db: Db, siteId: number, action: string, targetId: string | number | null | undefined): Promise<ContentScope | undefined> {
  if (!SCOPED_ARTICLE_ACTIONS.has(action) || targetId === null || targetId === undefined) return undefined;
  const row = await db.selectFrom('articles').select(['id', 'kind', 'translation_of_id']).where('site_id', '=', siteId).where('id', '=', Number(targetId)).executeTakeFirst();
  const tags = row ? articleTags(row) : null;
  return tags ? { tags, menus: 'check' } : undefined;
}
