// What the HTTP layer attaches to each request, and the dependencies every
// capability's routes receive from buildApp.
import type { Config } from '../../config.ts';
import type { Grants, Permission } from '../../core/permissions.ts';
import type { Clock } from '../../core/time.ts';
import type { Lang } from '../../ui/i18n.ts';
import type { DatabaseHandle } from '../db/database.ts';
import type { UserRow } from '../db/schema.ts';
import type { Mailer } from '../mail.ts';
import type { FileStore } from '../files/index.ts';
import type { PageCache } from '../../modules/public/page-cache.ts';
import type { VisitorCounter } from '../../modules/public/visitors.ts';
import type { UsageCounter } from '../../modules/usage/counter.ts';
import type { Site } from '../../modules/sites/site.ts';
import type { SiteDirectory } from '../../modules/sites/directory.ts';
import type { PublicAddresses } from '../../modules/sites/addresses.ts';
import type { SessionStage } from '../../modules/accounts/sessions.ts';
import type { TokenScope } from '../../core/permissions.ts';
import type { SharedLimits } from '../limits/index.ts';

export interface AppDeps {
  config: Config;
  database: DatabaseHandle;
  mailer: Mailer;
  clock: Clock;
  sites: SiteDirectory;
  /** Absolute addresses of sites, from configuration only. */
  addresses: PublicAddresses;
  files: FileStore;
  pageCache: PageCache;
  visitors: VisitorCounter;
  /** Page views, searches and downloads per day, batched (modules/usage). */
  usage: UsageCounter;
  keys: { totp: Buffer; preview: Buffer };
  /** Rate limits and caps counted across every node (Redis or the database; ADR 0027). */
  limits: SharedLimits;
}

export interface Auth {
  user: UserRow;
  via: 'session' | 'token';
  sessionId: string | null;
  tokenId: number | null;
  tokenScopes: TokenScope[] | null;
  stage: SessionStage;
  grants: Grants;
}

/**
 * Who may call a route, declared on the route itself (`config.access`) and
 * enforced by one hook before any handler runs. A route under /admin or /api
 * without a declaration refuses to register.
 */
export type Access =
  | { kind: 'public' }
  /** Signed in with any role on this site; `stages` lets a half-finished sign-in reach its next step. */
  | { kind: 'signed-in'; stages?: SessionStage[] }
  | { kind: 'permission'; permission: Permission }
  | { kind: 'platform-admin' };

declare module 'fastify' {
  interface FastifyRequest {
    site: Site;
    /** The canonical origin of the request's site (configured, never from the Host header). */
    siteOrigin: string;
    /** Absolute addresses of any site of the installation. */
    addresses: PublicAddresses;
    lang: Lang;
    auth: Auth | null;
    /** The user on whose behalf this request acts, when a delegation allowed it. */
    onBehalfOfUserId: number | null;
  }
  interface FastifyContextConfig {
    access?: Access;
    /**
     * How a state-changing form is protected from cross-site requests: a token
     * (the default), or, for anonymous public forms on cached pages where a
     * per-visitor token cannot be, a check that Origin/Referer is this site.
     */
    csrf?: 'token' | 'origin';
    /** The handler reads a multipart body (files); every other route refuses one with 415. */
    multipart?: true;
  }
}
