// What the home page reads from the database (its lists, covers, tiles and the
// extras' blocks), kept per site and language between renders (ADR 0032, issue
// 18): an uncached home page (`/?n=…`, another text size) is then the chrome and
// the TSX render only, not fifteen queries. Not kept: the rendered page (the
// render cache's business) and the visitor counter (read by the chrome at each render).
import type { AppDeps } from '../../platform/http/context.ts';
import { vietnamDate } from '../../core/time.ts';
import type { Lang } from '../../ui/i18n.ts';
import type { Site } from '../sites/site.ts';

/**
 * The same rule as the render cache's home page: at most a minute old, since what moves no
 * version (a poll opening at its time) may show that late on a cached home page anyway.
 */
export const HOME_DATA_TTL_MS = 60_000;

interface Memo {
  deps: object;
  token: string;
  at: number;
  data: Promise<unknown>;
}

/** One entry per site and language: a new version replaces the old; a re-read register of sites (a new Site) leaves the old to the collector. */
const memos = new WeakMap<Site, Map<Lang, Memo>>();

/**
 * What makes the site's public content differ: every drop of its pages in this process's render
 * cache (the whole site, or by tags: a scoped publication drops the lists the home page is one
 * of), which follows every change on every node (NOTIFY, the poll), and the day in Vietnam
 * (current entries, promotions, the gallery's dated rules).
 */
function contentToken(deps: Pick<AppDeps, 'pageCache'>, site: Site, now: Date): string {
  return `${deps.pageCache.key(site.id, '', '')}|${deps.pageCache.generation(site.id)}|${vietnamDate(now)}`;
}

/**
 * The home page's data for this site and language: the memo when its content is unchanged and it
 * is less than a minute old, else `read()` (concurrent renders share one read). `at`: when it was
 * read (deps.clock), so the page kept from it expires when the data would.
 */
export function homeData<T>(deps: Pick<AppDeps, 'pageCache' | 'clock'>, site: Site, lang: Lang, read: () => Promise<T>): Promise<{ data: T; at: number }> {
  const now = deps.clock.now();
  // Read before the queries: a change committed while they run leaves a memo no later render takes.
  const token = contentToken(deps, site, now);
  let bySite = memos.get(site);
  if (!bySite) memos.set(site, (bySite = new Map()));
  const known = bySite.get(lang);
  if (known && known.deps === deps && known.token === token && now.getTime() - known.at < HOME_DATA_TTL_MS) return withAge(known);
  const memo: Memo = { deps, token, at: now.getTime(), data: read() };
  bySite.set(lang, memo);
  memo.data.catch(() => {
    if (bySite.get(lang) === memo) bySite.delete(lang);
  });
  return withAge(memo);
}

async function withAge<T>(memo: Memo): Promise<{ data: T; at: number }> {
  return { data: (await memo.data) as T, at: memo.at };
}

/** How long a page rendered from data read at `at` may be kept: what is left of the data's minute. */
export function homePageTtl(deps: Pick<AppDeps, 'clock'>, at: number): number {
  return Math.max(0, HOME_DATA_TTL_MS - (deps.clock.now().getTime() - at));
}
