// Every request belongs to a site, found from its Host header. A site merged
// into another may send the visitors of its home page on to the new site.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isLang, type Lang } from '../../ui/i18n.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { originOf, safeLocalPath } from '../../platform/http/request-info.ts';
import { sendError } from '../../platform/http/errors.tsx';
import type { Site } from './site.ts';

export const LANG_COOKIE = 'tt_lang';

function requestLang(request: FastifyRequest): Lang {
  const fromCookie = request.cookies[LANG_COOKIE];
  return isLang(fromCookie) ? fromCookie : 'vi';
}

/**
 * The home page of the site it merged into, keeping the port used (useful on
 * localhost). Only the home page: every other page of the old site has no
 * counterpart there and stays readable where it is (ADR 10).
 */
function redirectTarget(request: FastifyRequest, site: Site, target: Site): string | null {
  if (!target.primaryHost || site.redirectMode !== 'home') return null;
  return request.url.split('?')[0] === '/' ? `${originOf(request, target.primaryHost)}/` : null;
}

export function registerSiteResolution(app: FastifyInstance, deps: AppDeps): void {
  app.decorateRequest('site', null as unknown as Site);
  app.decorateRequest('lang', 'vi');
  app.addHook('onRequest', async (request, reply) => {
    request.lang = requestLang(request);
    const found = await deps.sites.forHost(request.headers.host);
    if (!found) {
      return sendError(request, reply, {
        status: 503,
        code: 'no_site',
        vi: { title: 'Chưa có trang nào', messages: ['Hệ thống chưa có trang thông tin nào. Quản trị viên hãy chạy "npx trangtin site create" hoặc "npx trangtin demo".'] },
        en: { title: 'No site yet', messages: ['No site has been set up. An administrator should run "npx trangtin site create" or "npx trangtin demo".'] },
      });
    }
    request.site = found.site;
    const site = found.site;
    if (site.status === 'merged' && site.redirectMode === 'home' && site.mergedIntoSiteId) {
      const target = await deps.sites.byIdOrNull(site.mergedIntoSiteId);
      const location = target ? redirectTarget(request, site, target) : null;
      if (location) return reply.redirect(location, 301);
    }
  });

  app.get('/lang/:lang', { config: { access: { kind: 'public' } } }, async (request, reply) => {
    const { lang } = request.params as { lang: string };
    const next = safeLocalPath((request.query as { next?: unknown }).next, '/');
    if (isLang(lang)) {
      reply.setCookie(LANG_COOKIE, lang, { path: '/', sameSite: 'lax', httpOnly: true, maxAge: 365 * 86_400, secure: 'auto' });
    }
    return reply.redirect(next);
  });
}
