// Liveness and readiness for the reverse proxy and the monitoring of the IT centre.
import type { FastifyInstance } from 'fastify';
import { ping } from '../../platform/db/database.ts';
import { migrationStatus } from '../../platform/db/migrator.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { speechAvailability } from '../speech/jobs.ts';
import { timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { statfs } from 'node:fs/promises';
import type { FastifyRequest } from 'fastify';
import { CLOSED_STATUSES } from '../../core/citizens/cases.ts';
import { jobStatesSnapshot, observeRequest, registry, setMetricSources } from '../../platform/metrics.ts';
import { pageContext, sendHtml } from '../backoffice/render.ts';
import { HealthPage, type HealthFacts } from './page.tsx';
import { projectPath } from '../../platform/project-root.ts';

const VERSION = (JSON.parse(readFileSync(projectPath('package.json'), 'utf8')) as { version: string }).version;
/** Queue depths are counted at most this often, whatever the scrape interval. */
const QUEUE_CACHE_MS = 5000;

let shuttingDown = false;

/** Called on SIGTERM: the proxy stops sending traffic before connections close. */
export function markShuttingDown(): void {
  shuttingDown = true;
}

/** A bearer METRICS_TOKEN, compared in constant time. */
function hasMetricsToken(request: FastifyRequest, token: string | null | undefined): boolean {
  if (!token) return false;
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  if (!match) return false;
  const given = Buffer.from(match[1]!);
  const wanted = Buffer.from(token);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

/**
 * A scrape from this machine: the socket's peer is loopback and no proxy
 * forwarded the request (nginx on the same machine connects from loopback too,
 * and always adds X-Forwarded-For; the shipped nginx configuration also refuses /metrics).
 */
function isLocalScrape(request: FastifyRequest): boolean {
  const peer = request.raw.socket.remoteAddress ?? '';
  const loopback = peer === '127.0.0.1' || peer === '::1' || peer === '::ffff:127.0.0.1';
  return loopback && request.headers['x-forwarded-for'] === undefined && request.headers.forwarded === undefined;
}

export function registerHealth(app: FastifyInstance, deps: AppDeps): void {
  const publicAccess = { access: { kind: 'public' as const } };
  const db = deps.database.db;

  // ---- Metrics: every answer counted by route group (the route's pattern, never the address) ----
  app.addHook('onResponse', async (request, reply) => {
    observeRequest(request.routeOptions.url, request.method, reply.statusCode, reply.elapsedTime / 1000);
  });
  let queues: { at: number; value: Promise<Record<string, number>> } | null = null;
  const count = async (q: Promise<{ n: number | string } | undefined>) => Number((await q)?.n ?? 0);
  const readQueues = async () => ({
    articles_in_review: await count(db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).where('review_state', '=', 'in_review').executeTakeFirst()),
    citizen_cases_open: await count(db.selectFrom('citizen_cases').select((eb) => eb.fn.countAll<number>().as('n')).where('status', 'not in', [...CLOSED_STATUSES]).executeTakeFirst()),
    speech_jobs_pending: await count(db.selectFrom('article_speech').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'pending').executeTakeFirst()),
  });
  setMetricSources({
    cache: () => deps.pageCache.stats(),
    pool: () => deps.database.poolStats?.() ?? null,
    queues: () => {
      const now = Date.now();
      if (!queues || now - queues.at > QUEUE_CACHE_MS) {
        queues = { at: now, value: readQueues() };
        queues.value.catch(() => (queues = null));
      }
      return queues.value;
    },
  });
  // Never public: the token, or a scrape from this machine that no proxy forwarded (ADR 0030).
  app.get('/metrics', { config: publicAccess }, async (request, reply) => {
    if (!hasMetricsToken(request, deps.config.metricsToken) && !isLocalScrape(request)) {
      return reply.code(404).header('cache-control', 'no-store').type('text/plain; charset=utf-8').send('Not found\n');
    }
    return reply.header('cache-control', 'no-store').type(registry.contentType).send(await registry.metrics());
  });

  /** What the installation administrator sees: database, migrations, pool, disk, jobs, version. */
  const details = async () => {
    const out: Record<string, unknown> = { version: VERSION, engine: deps.database.engine, database: deps.database.description, node: process.version, uptimeSeconds: Math.round(process.uptime()) };
    const pool = deps.database.poolStats?.();
    if (pool) out.pool = pool;
    try {
      const fs = await statfs(deps.config.dataDir);
      out.disk = { path: deps.config.dataDir, freeBytes: fs.bavail * fs.bsize, totalBytes: fs.blocks * fs.bsize, freePercent: Math.round((fs.bavail / Math.max(1, fs.blocks)) * 1000) / 10 };
    } catch (error) {
      out.disk = { path: deps.config.dataDir, error: (error as Error).message };
    }
    out.jobs = jobStatesSnapshot();
    out.renderCache = deps.pageCache.stats();
    return out;
  };
  const health = async (withDetails: boolean) => {
    try {
      await ping(db);
      const { pending } = await migrationStatus(db);
      const body: Record<string, unknown> = { status: pending.length === 0 ? 'ok' : 'degraded', database: 'ok', migrations: pending.length === 0 ? 'current' : { pending } };
      if (withDetails) Object.assign(body, await details());
      return { code: pending.length === 0 ? 200 : 503, body };
    } catch {
      return { code: 503, body: { status: 'failing', database: 'unreachable', ...(withDetails ? await details() : {}) } };
    }
  };
  /** The JSON details (monitoring, scripts): ?format=json, or a client that asks for JSON rather than HTML. */
  const wantsJson = (request: FastifyRequest) => {
    if ((request.query as { format?: string }).format === 'json') return true;
    const accept = request.headers.accept ?? '';
    return /application\/json/.test(accept) && !/text\/html/.test(accept);
  };
  // The installation administrator's page (ADR 0030): readable HTML, the same facts as JSON on request.
  app.get('/admin/healthz', { config: { access: { kind: 'platform-admin' as const } } }, async (request, reply) => {
    const { code, body } = await health(true);
    if (wantsJson(request)) return reply.code(code).header('cache-control', 'no-store').send(body);
    const migrations = body.migrations as 'current' | { pending: string[] } | undefined;
    const failing = body.status === 'failing';
    const facts = {
      ...(body as unknown as Omit<HealthFacts, 'pending' | 'description' | 'database'>),
      description: deps.database.description,
      database: failing ? ('unreachable' as const) : ('ok' as const),
      pending: migrations === undefined ? null : migrations === 'current' ? [] : migrations.pending,
    };
    reply.header('cache-control', 'no-store');
    // Without the database the back-office frame cannot be drawn (it reads the signed-in user): the JSON then.
    const ctx = await pageContext(deps, request, reply).catch(() => null);
    if (!ctx) return reply.code(code).send(body);
    return sendHtml(reply, HealthPage({ ctx, facts, checkedAt: deps.clock.now() }), code === 200 ? 200 : 503);
  });
  app.get('/healthz', { config: publicAccess }, async (request, reply) => {
    if (hasMetricsToken(request, deps.config.metricsToken)) {
      const { code, body } = await health(true);
      return reply.code(code).header('cache-control', 'no-store').send(body);
    }
    try {
      await ping(deps.database.db);
      const { pending } = await migrationStatus(deps.database.db);
      const body = { status: pending.length === 0 ? 'ok' : 'degraded', database: 'ok', migrations: pending.length === 0 ? 'current' : { pending } };
      // Listening to articles needs espeak-ng and lame; without them pages simply have no player (not a failure).
      const speech = speechAvailability();
      if (speech) Object.assign(body, { speech: speech === 'on' ? 'on' : 'off: install espeak-ng and lame' });
      return reply.code(pending.length === 0 ? 200 : 503).header('cache-control', 'no-store').send(body);
    } catch {
      return reply.code(503).header('cache-control', 'no-store').send({ status: 'failing', database: 'unreachable' });
    }
  });
  app.get('/readyz', { config: publicAccess }, async (_request, reply) =>
    reply.code(shuttingDown ? 503 : 200).header('cache-control', 'no-store').send({ status: shuttingDown ? 'shutting_down' : 'ready' }),
  );
}
