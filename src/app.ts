// buildApp(deps): the whole HTTP application, registered capability by
// capability. Reads as the table of contents of the product.
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import multipart from '@fastify/multipart';
import helmet from 'helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { randomUUID } from 'node:crypto';
import { deriveKey } from './platform/crypto.ts';
import type { AppDeps } from './platform/http/context.ts';
import type { Config } from './config.ts';
import { registerErrorHandling } from './platform/http/errors.tsx';
import { registerBodyParsers } from './platform/http/bodies.ts';
import { parseQueryString } from './platform/http/query.ts';
import { MAX_MULTIPART_FIELD_BYTES } from './platform/http/multipart.ts';
import { registerAssets } from './platform/http/assets-route.ts';
import { registerSiteResolution } from './modules/sites/http.ts';
import { registerAuth } from './modules/accounts/http-auth.ts';
import { registerHealth } from './modules/health/routes.ts';
import { registerArchiveRoutes } from './modules/archive/routes.tsx';
import { registerAccountRoutes } from './modules/accounts/routes.tsx';
import { registerBackofficeHome } from './modules/backoffice/routes.tsx';
import { registerMemberRoutes } from './modules/members/routes.tsx';
import { registerUnitRoutes } from './modules/units/routes.tsx';
import { registerDelegationRoutes } from './modules/delegations/routes.tsx';
import { registerAuditRoutes } from './modules/audit/routes.tsx';
import { registerSiteAdminRoutes } from './modules/sites/admin-routes.tsx';
import { registerRuleRoutes } from './modules/rules/routes.tsx';
import { registerTokenRoutes } from './modules/api-tokens/routes.tsx';
import { registerApi } from './modules/api/routes.ts';
import { registerPublicSite } from './modules/public/routes.tsx';
import { registerArticleRoutes } from './modules/articles/routes.tsx';
import { registerChainRoutes } from './modules/articles/chain-routes.tsx';
import { registerEntryRoutes } from './modules/entries/routes.tsx';
import { registerEntryKindsApi } from './modules/entries/api.ts';
import { registerMediaRoutes } from './modules/media/routes.tsx';
import { registerSectionRoutes } from './modules/sections/routes.tsx';
import { registerScreeningRoutes } from './modules/screening/routes.tsx';
import { registerNotificationRoutes } from './modules/notifications/routes.tsx';
import { registerArticleApi } from './modules/articles/api.ts';
import { registerContactRoutes } from './modules/contact/routes.tsx';
import { registerDocumentAdmin } from './modules/documents/admin-routes.tsx';
import { registerDocumentLibrary } from './modules/documents/library-routes.tsx';
import { registerEntryPublic } from './modules/entries/public/routes.tsx';
import { registerProcedureRoutes } from './modules/procedures/routes.tsx';
import { registerCaseAdmin } from './modules/citizens/admin-routes.tsx';
import { registerCaseFigures } from './modules/citizens/figures-routes.tsx';
import { registerCitizenForms } from './modules/citizens/public-routes.tsx';
import { registerDisclosure } from './modules/citizens/disclosure-routes.tsx';
import { registerConsultations } from './modules/consultations/routes.tsx';
import { registerRatings } from './modules/ratings/routes.tsx';
import { registerUsage } from './modules/usage/routes.tsx';
import { registerCompleteness } from './modules/completeness/routes.tsx';
import { registerProvision } from './modules/provision/routes.tsx';
import { registerReports } from './modules/reports/routes.tsx';
import { registerRoyalties } from './modules/royalties/routes.tsx';
import { registerReviewTimes } from './modules/review-times/routes.tsx';
import { registerOrganisation } from './modules/entries/organisation/routes.tsx';
import { registerScheduleViews } from './modules/entries/schedule/routes.tsx';
import { registerPolls } from './modules/polls/routes.tsx';
import { isBallotPost } from './modules/polls/ballots.ts';
import { registerPromotionBanners } from './modules/entries/promotion/home-banners.tsx';
import { registerForum } from './modules/forum/routes.tsx';
import { registerSpeechRoutes } from './modules/speech/routes.ts';
import { registerReaderTools } from './modules/public/reader-tools.tsx';
import { registerGallery } from './modules/entries/gallery/routes.tsx';
import { registerMaintenance } from './modules/maintenance/routes.tsx';
import { sharedRateLimitStore } from './platform/limits/rate-limit-store.ts';
import { clientKeyOf } from './platform/limits/client-key.ts';
import { registerSsoRoutes } from './modules/sso/routes.tsx';
import { registerBackupRoutes } from './modules/backups/routes.tsx';
import { registerRequestLog } from './platform/http/request-log.ts';

/** Fastify's trust function for X-Forwarded-*: hop 0 is the socket's peer, so N proxies trust hops 0..N-1. */
export function trustedProxies(setting: Config['trustProxy']): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (setting === false) return false;
  if (typeof setting === 'number') return (_address, hop) => hop < setting;
  return [...setting];
}

export interface BuildOptions {
  logger?: FastifyServerOptions['logger'];
}

/** Paths whose secrets (one-time tokens) must never reach the logs. */
function redactUrl(url: string): string {
  return url.replace(/(\/password\/reset\/)[^/?#]+/, '$1[redacted]').replace(/([?&](?:_csrf|token)=)[^&#]*/g, '$1[redacted]');
}

/** A request as its log lines show it; a ballot's lines carry no client address (ADR 22). */
export function serializeRequest(req: { method: string; url: string; headers?: Record<string, unknown>; ip?: string }): Record<string, unknown> {
  return { method: req.method, url: redactUrl(req.url), host: req.headers?.host, remoteAddress: isBallotPost(req.method, req.url) ? undefined : req.ip };
}

export async function buildApp(deps: AppDeps, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? {
      level: deps.config.logLevel,
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
      serializers: {
        req: serializeRequest,
      },
    },
    // One lean line per request instead of Fastify's two (request-log.ts, ADR 0032).
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: trustedProxies(deps.config.trustProxy),
    bodyLimit: 1024 * 1024,
    genReqId: () => randomUUID(),
    routerOptions: { ignoreTrailingSlash: true, querystringParser: parseQueryString },
  });

  // Pages from the render cache arrive already compressed and are left alone;
  // everything else over 1 KiB is compressed on the way out.
  await app.register(compress, { global: true, threshold: 1024, encodings: ['br', 'gzip'] });
  await app.register(cookie, { secret: deriveKey(deps.config.sessionSecret, 'cookies').toString('base64url') });
  registerBodyParsers(app);
  // Uploads are read in their route (config.multipart), with the size limit of their purpose.
  await app.register(multipart, { limits: { fileSize: 50 * 1024 * 1024, files: 1, fields: 20, fieldSize: MAX_MULTIPART_FIELD_BYTES } });
  // Security headers: helmet builds them once here (@fastify/helmet rebuilt the middleware, parsing
  // the policy, on every request — an eighth of the time of a page served from the cache).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'self'"],
        ...(deps.config.baseUrl?.protocol === 'https:' ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    // Sent below, over https only: browsers ignore it on http, and it must not claim what this hop is not.
    strictTransportSecurity: false,
  });
  app.addHook('onRequest', (request, reply, done) => {
    if (request.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    securityHeaders(request.raw, reply.raw, (error) => done(error as Error | undefined));
  });
  // Counted across every node: in Redis (REDIS_URL) or the database (ADR 0027).
  // A client is an IPv4 address or an IPv6 /64 (clientKey), for every limit.
  await app.register(rateLimit, { global: false, store: sharedRateLimitStore(app, deps.limits), keyGenerator: clientKeyOf });
  await app.register(csrf, {
    cookieKey: 'tt_csrf',
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', signed: true, secure: deps.addresses.https ? true : 'auto' },
    getToken: (request) => {
      const body = request.body as Record<string, unknown> | undefined;
      const query = request.query as Record<string, unknown> | undefined;
      const fromBody = typeof body?._csrf === 'string' ? body._csrf : undefined;
      const fromQuery = typeof query?._csrf === 'string' ? query._csrf : undefined;
      const header = request.headers['x-csrf-token'];
      return fromBody ?? fromQuery ?? (typeof header === 'string' ? header : undefined);
    },
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'trangtin API', version: '1', description: 'JSON API of a trangtin site. The site is chosen by the Host header; authenticate with `Authorization: Bearer <token>`.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    hideUntagged: true,
  });

  registerRequestLog(app, redactUrl);
  registerErrorHandling(app);
  registerSiteResolution(app, deps);
  registerAuth(app, deps);

  registerAssets(app);
  registerHealth(app, deps);
  registerAccountRoutes(app, deps);
  registerBackofficeHome(app, deps);
  registerMemberRoutes(app, deps);
  registerUnitRoutes(app, deps);
  registerDelegationRoutes(app, deps);
  registerAuditRoutes(app, deps);
  registerSiteAdminRoutes(app, deps);
  registerRuleRoutes(app, deps);
  registerTokenRoutes(app, deps);
  registerArticleRoutes(app, deps);
  registerChainRoutes(app, deps);
  registerEntryRoutes(app, deps);
  registerMediaRoutes(app, deps);
  registerSectionRoutes(app, deps);
  registerScreeningRoutes(app, deps);
  registerNotificationRoutes(app, deps);
  registerContactRoutes(app, deps);
  registerDocumentAdmin(app, deps);
  registerProcedureRoutes(app, deps);
  registerCaseAdmin(app, deps);
  registerCaseFigures(app, deps);
  registerCitizenForms(app, deps);
  registerDisclosure(app, deps);
  registerConsultations(app, deps);
  registerRatings(app, deps);
  registerUsage(app, deps);
  registerCompleteness(app, deps);
  registerProvision(app, deps);
  registerReports(app, deps);
  registerRoyalties(app, deps);
  registerReviewTimes(app, deps);
  registerPolls(app, deps);
  registerPromotionBanners(app, deps);
  registerScheduleViews(app, deps);
  registerForum(app, deps);
  registerGallery(app, deps);
  registerApi(app, deps);
  registerArticleApi(app, deps);
  registerEntryKindsApi(app, deps);
  registerDocumentLibrary(app, deps);
  registerOrganisation(app, deps);
  registerEntryPublic(app, deps);
  registerPublicSite(app, deps);
  registerSpeechRoutes(app, deps);
  registerReaderTools(app);
  registerMaintenance(app, deps);
  registerSsoRoutes(app, deps);
  registerArchiveRoutes(app, deps);
  registerBackupRoutes(app, deps);

  await app.ready();
  return app;
}
