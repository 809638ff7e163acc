// Every request belongs to a site, found from its Host header. A site merged
// into another may send the visitors of its home page on to the new site.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isLang, type Lang } from '../../ui/i18n.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { cookieSecure, originOf, safeLocalPath } from '../../platform/http/request-info.ts';
import { sendError } from '../../platform/http/errors.tsx';
import type { Site } from './site.ts';

export const LANG_COOKIE = 'tt_lang';

function requestLang(request: FastifyRequest): Lang {
  const fromCookie = request.cookies[LANG_COOKIE];
  return isLang(fromCookie) ? fromCookie : 'vi';
}

/** Health checks (load balancers call by IP address) and the fingerprinted assets, the same for every site, answer whatever the host. */
function answersAnyHost(url: string): boolean {
  return /^\/(healthz|readyz|metrics)(\?|$)/.test(url) || url.startsWith('/assets/');
}

/**
 * The home page of the site it merged into. Only the home page: every other
 * page of the old site has no counterpart there and stays readable where it
 * is (ADR 12).
 */
function redirectTarget(request: FastifyRequest, site: Site, target: Site): string | null {
  if (!target.primaryHost || site.redirectMode !== 'home') return null;
  return request.url.split('?')[0] === '/' ? `${originOf(request, target.primaryHost)}/` : null;
}

/**
 * A host name no site has (UNKNOWN_HOST): by default a reader is sent to the
 * default site's own address; anything but a read is refused with 421, so a
 * forged Host header can never act on a site under a foreign name.
 */
function answerUnknownHost(request: FastifyRequest, reply: FastifyReply, deps: AppDeps, fallback: Site): FastifyReply | null {
  const policy = deps.config.unknownHost;
  if (policy === 'default' || answersAnyHost(request.url)) return null;
  const reading = request.method === 'GET' || request.method === 'HEAD';
  if (policy === 'redirect' && reading && fallback.primaryHost) {
    return reply.redirect(`${deps.addresses.originOf(fallback)}${safeLocalPath(request.url, '/')}`, 301);
  }
  return sendError(request, reply, {
    status: 421,
    code: 'unknown_host',
    vi: { title: 'Địa chỉ không thuộc trang nào', messages: ['Tên miền này không được cấu hình cho trang thông tin điện tử nào trên hệ thống. Hãy kiểm tra lại địa chỉ.'] },
    en: { title: 'Unknown address', messages: ['This host name is not configured for any site of this installation. Please check the address.'] },
  });
}

export function registerSiteResolution(app: FastifyInstance, deps: AppDeps): void {
  app.decorateRequest('site', null as unknown as Site);
  app.decorateRequest('siteOrigin', '');
  app.decorateRequest('addresses', null as unknown as AppDeps['addresses']);
  app.decorateRequest('lang', 'vi');
  // Links on a machine without BASE_URL carry the port actually listened on.
  app.addHook('onListen', async () => {
    const address = app.server.address();
    deps.addresses.setListeningPort(typeof address === 'object' && address ? address.port : null);
  });
  app.addHook('onRequest', async (request, reply) => {
    request.lang = requestLang(request);
    request.addresses = deps.addresses;
    const found = await deps.sites.forHost(request.headers.host);
    if (!found) {
      return sendError(request, reply, {
        status: 503,
        code: 'no_site',
        vi: { title: 'Chưa có trang nào', messages: ['Hệ thống chưa có trang thông tin nào. Quản trị viên hãy chạy "npx trangtin site create" hoặc "npx trangtin demo".'] },
        en: { title: 'No site yet', messages: ['No site has been set up. An administrator should run "npx trangtin site create" or "npx trangtin demo".'] },
      });
    }
    if (!found.matchedHost) {
      const answered = answerUnknownHost(request, reply, deps, found.site);
      if (answered) return answered;
    }
    request.site = found.site;
    request.siteOrigin = deps.addresses.originOf(found.site);
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
      reply.setCookie(LANG_COOKIE, lang, { path: '/', sameSite: 'lax', httpOnly: true, maxAge: 365 * 86_400, secure: cookieSecure(request) });
    }
    return reply.redirect(next);
  });
}
