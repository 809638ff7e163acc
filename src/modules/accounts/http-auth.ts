// Who is calling: a back-office session (cookie) under /admin, an API token
// (Bearer) under /api. Then one hook enforces each route's declared access, so
// no handler runs for someone who may not call it.
import { cookieSecure } from '../../platform/http/request-info.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorize, can } from '../../core/permissions.ts';
import { vietnamDate } from '../../core/time.ts';
import type { Access, AppDeps } from '../../platform/http/context.ts';
import { forbidden, unauthorized } from '../../platform/http/errors.tsx';
import { hasAnyAccess, loadGrants } from '../members/grants.ts';
import { authenticateToken } from '../api-tokens/tokens.ts';
import { SESSION_ABSOLUTE_MS, SESSION_COOKIE, loadSession, type SessionStage } from './sessions.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isApiPath(url: string): boolean {
  return url.startsWith('/api/');
}

export function isBackOfficePath(url: string): boolean {
  return url === '/admin' || url.startsWith('/admin/') || url.startsWith('/admin?');
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: cookieSecure(request),
    maxAge: SESSION_ABSOLUTE_MS / 1000,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/** Where a session that still owes a step must go first. */
export const STAGE_PAGES: Record<Exclude<SessionStage, 'active'>, string> = {
  mfa: '/admin/login/2fa',
  enroll_mfa: '/admin/account/2fa',
  change_password: '/admin/account/password',
};

async function loadAuth(deps: AppDeps, request: FastifyRequest): Promise<void> {
  const db = deps.database.db;
  const today = vietnamDate(deps.clock.now());
  if (isApiPath(request.url)) {
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) return;
    const found = await authenticateToken(db, match[1]!, request.site.id, deps.clock);
    if (!found) return;
    request.auth = {
      user: found.user,
      via: 'token',
      sessionId: null,
      tokenId: found.token.id,
      tokenScopes: found.scopes,
      stage: 'active',
      grants: await loadGrants(db, request.site, found.user, today, found.scopes),
    };
    return;
  }
  if (!isBackOfficePath(request.url)) return;
  const token = request.cookies[SESSION_COOKIE];
  if (!token) return;
  const loaded = await loadSession(db, token, request.site.id, deps.clock);
  if (!loaded) return;
  request.auth = {
    user: loaded.user,
    via: 'session',
    sessionId: loaded.session.id,
    tokenId: null,
    tokenScopes: null,
    stage: loaded.session.stage as SessionStage,
    grants: await loadGrants(db, request.site, loaded.user, today),
  };
}

/** An anonymous form posted from this site (browsers send Origin, or at least Referer, on POST). */
function sameOrigin(request: FastifyRequest): boolean {
  const source = request.headers.origin ?? request.headers.referer;
  if (typeof source !== 'string' || source === '') return true;
  try {
    return new URL(source).host.toLowerCase() === (request.headers.host ?? '').toLowerCase();
  } catch {
    return false;
  }
}

function checkCsrf(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  return new Promise((resolve, reject) => {
    app.csrfProtection(request, reply, (err?: Error) => (err ? reject(err) : resolve()));
  });
}

async function enforceAccess(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | void> {
  const access: Access = request.routeOptions.config.access ?? { kind: 'public' };
  // Every state-changing form is protected; the API uses tokens, not cookies.
  if (!SAFE_METHODS.has(request.method) && !isApiPath(request.url)) {
    if (request.routeOptions.config.csrf === 'origin') {
      if (!sameOrigin(request)) return forbidden(request, reply);
    } else {
      await checkCsrf(app, request, reply);
    }
  }
  if (access.kind === 'public') return;

  const auth = request.auth;
  if (!auth || !hasAnyAccess(auth.grants)) {
    if (auth && !hasAnyAccess(auth.grants)) return forbidden(request, reply);
    if (!isApiPath(request.url) && request.method === 'GET') {
      return reply.redirect(`/admin/login?next=${encodeURIComponent(request.url)}`);
    }
    return unauthorized(request, reply);
  }
  const allowedStages = access.kind === 'signed-in' ? (access.stages ?? ['active']) : ['active'];
  if (!allowedStages.includes(auth.stage)) {
    if (request.method === 'GET') return reply.redirect(auth.stage === 'active' ? '/admin' : STAGE_PAGES[auth.stage]);
    return forbidden(request, reply);
  }
  if (access.kind === 'platform-admin' && !auth.grants.platformAdmin) return forbidden(request, reply);
  if (access.kind === 'permission') {
    const decision = authorize(auth.grants, access.permission);
    if (!decision.allowed) {
      return decision.reason === 'site_read_only'
        ? forbidden(request, reply, {
            vi: 'Trang này đã chuyển sang lưu trữ nên không thể thay đổi nội dung.',
            en: 'This site is archived, so its content cannot be changed.',
          })
        : forbidden(request, reply);
    }
    request.onBehalfOfUserId = decision.onBehalfOfUserId;
  }
}

export interface RouteAccess {
  method: string;
  url: string;
  access: Access;
}

const accessTables = new WeakMap<FastifyInstance, RouteAccess[]>();

/** Every route with its declared access rule: the permission matrix and isolation tests walk it. */
export function accessTable(app: FastifyInstance): RouteAccess[] {
  return accessTables.get(app) ?? [];
}

export function registerAuth(app: FastifyInstance, deps: AppDeps): void {
  app.decorateRequest('auth', null);
  app.decorateRequest('onBehalfOfUserId', null);
  const table: RouteAccess[] = [];
  accessTables.set(app, table);
  // A route under /admin or /api must say who may call it.
  app.addHook('onRoute', (route) => {
    const url = route.url ?? route.path;
    const access = route.config?.access;
    if ((isBackOfficePath(url) || isApiPath(url)) && !access) {
      throw new Error(`Route ${String(route.method)} ${url} declares no access rule (config.access)`);
    }
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') table.push({ method, url, access: access ?? { kind: 'public' } });
    }
  });
  app.addHook('onRequest', async (request) => loadAuth(deps, request));
  // Before schema validation: someone who may not call a route learns nothing from its validation errors.
  app.addHook('preValidation', async (request, reply) => enforceAccess(app, request, reply));
}

/**
 * Outside the back office no session is loaded; a private library file asks
 * for one: a signed-in member of this site (session of this site, every step
 * done) with content.view.
 */
export async function memberMayViewContent(deps: AppDeps, request: FastifyRequest): Promise<boolean> {
  const token = request.cookies[SESSION_COOKIE];
  if (!token) return false;
  const loaded = await loadSession(deps.database.db, token, request.site.id, deps.clock);
  if (!loaded || loaded.session.stage !== 'active') return false;
  return can(await loadGrants(deps.database.db, request.site, loaded.user, vietnamDate(deps.clock.now())), 'content.view');
}
