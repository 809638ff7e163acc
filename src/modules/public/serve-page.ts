// How every anonymous public page is served (the site's own pages, the document
// library, the procedures): from the render cache when it holds the page,
// otherwise rendered once and kept; the visit is counted for HTML pages.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.tsx';
import { clientIp, userAgent } from '../../platform/http/request-info.ts';
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
}

/** `render` returns null for "no such page" (a 404). */
export async function servePage(deps: Pick<AppDeps, 'pageCache' | 'visitors'>, request: FastifyRequest, reply: FastifyReply, render: () => Promise<string | null>, opts: ServeOptions = {}) {
  const type = opts.type ?? 'text/html; charset=utf-8';
  if (opts.countVisit !== false && type.startsWith('text/html')) deps.visitors.hit(request.site.id, clientIp(request) ?? '', userAgent(request) ?? '');
  const cache = deps.pageCache;
  const key = cache.key(request.site.id, pageVariant(request), opts.variant ? `${opts.variant}|${request.url}` : request.url);
  let entry = cache.get(key);
  if (!entry) {
    const body = await render();
    if (body === null) return notFound(request, reply);
    entry = cache.set(key, body, type, opts.ttlMs ?? null);
  }
  return sendEntry(request, reply, entry);
}
