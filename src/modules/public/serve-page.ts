// How every anonymous public page is served (the site's own pages, the document
// library, the procedures): from the render cache when it holds the page,
// otherwise rendered once and kept; the visit is counted for HTML pages, on a
// cache hit as on a miss: what a view counts as (its item and section, the
// search it shows) is kept with the cached page (modules/usage).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.tsx';
import { clientIp, userAgent } from '../../platform/http/request-info.ts';
import { countableRequest } from '../usage/countable.ts';
import { OTHER_PAGE, type PageMark } from '../usage/counter.ts';
import { sendEntry } from './page-cache.ts';
import { pageVariant } from './site-view.ts';

export interface ServeOptions {
  /** Content type; HTML by default. */
  type?: string;
  /** Shorter life than the cache's default (pages with figures that move). */
  ttlMs?: number;
  /** false for machine files (sitemaps) that are not visits. */
  countVisit?: boolean;
  /** Part of the key beside the address, e.g. the day for pages whose content depends on it. */
  variant?: string;
  /** What a view counts as, when known before rendering ('home', 'section'…); render may say it instead. */
  mark?: PageMark;
  /** The file reads no query (a feed, open data): keyed by its path, so `?x=<random>` cannot force a rebuild per request. */
  ignoreQuery?: boolean;
}

/** Lets a page's render say what a view of it counts as (the item it shows, its section, a search). */
export interface MarkSink {
  mark(mark: PageMark): void;
  /**
   * What the page shows, for targeted invalidation (ADR 33): "item:<id>" for each item whose change
   * shows on it, "lists" if it lists items. A page that says nothing is dropped by every change.
   */
  tags(tags: string[]): void;
  /** A shorter life than opts.ttlMs, known only once rendered (a page made from data read earlier). */
  ttl(ms: number): void;
}

type Deps = Pick<AppDeps, 'pageCache' | 'visitors' | 'usage'>;

/** Counts one view of a public page: the visitor counter and the usage figures, for countable requests only. */
export function countView(deps: Pick<AppDeps, 'visitors' | 'usage'>, request: FastifyRequest, mark: PageMark | null | undefined): void {
  if (!countableRequest(request)) return;
  deps.visitors.hit(request.site.id, clientIp(request) ?? '', userAgent(request) ?? '');
  deps.usage.view(request.site.id, mark ?? OTHER_PAGE);
}

/** `render` returns null for "no such page" (a 404). */
export async function servePage(deps: Deps, request: FastifyRequest, reply: FastifyReply, render: (sink: MarkSink) => Promise<string | null>, opts: ServeOptions = {}) {
  const type = opts.type ?? 'text/html; charset=utf-8';
  const counted = opts.countVisit !== false && type.startsWith('text/html');
  const cache = deps.pageCache;
  const pending = cache.pendingSync(request.site.id);
  if (pending) await pending;
  const address = opts.ignoreQuery ? request.url.split('?')[0]! : request.url;
  const key = cache.key(request.site.id, pageVariant(request), opts.variant ? `${opts.variant}|${address}` : address);
  let entry = cache.get(key);
  if (!entry) {
    let mark: PageMark | null = opts.mark ?? null;
    let tags: string[] | null = null;
    let ttlMs = opts.ttlMs ?? null;
    const generation = cache.generation(request.site.id);
    const body = await render({ mark: (m) => (mark = m), tags: (t) => (tags = t), ttl: (ms) => (ttlMs = Math.min(ms, ttlMs ?? ms)) });
    if (body === null) return notFound(request, reply);
    entry = cache.set(key, body, type, ttlMs, mark, tags, generation);
  }
  if (counted) countView(deps, request, entry.mark);
  return sendEntry(request, reply, entry);
}
