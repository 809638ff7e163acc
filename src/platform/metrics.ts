// Prometheus metrics of this node (prom-client; ADR 0030): requests per route
// group (never raw addresses: the label set stays small), render cache hits,
// queue depths, background job runs and failures, the database pool, slow
// queries. Read at GET /metrics (modules/health/routes.ts), never public.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'trangtin_' });

/** The groups a route falls in: a fixed set, whatever the addresses asked for. */
export const ROUTE_GROUPS = ['public', 'admin', 'api', 'media', 'assets', 'health', 'unmatched'] as const;
export type RouteGroup = (typeof ROUTE_GROUPS)[number];

/** The group of a route pattern (Fastify's routeOptions.url, e.g. /admin/articles/:id), undefined when no route matched. */
export function routeGroup(pattern: string | undefined): RouteGroup {
  if (!pattern) return 'unmatched';
  if (pattern === '/healthz' || pattern === '/readyz' || pattern === '/metrics' || pattern === '/trang-thai' || pattern === '/en/status') return 'health';
  if (pattern === '/admin' || pattern.startsWith('/admin/')) return 'admin';
  if (pattern === '/api' || pattern.startsWith('/api/')) return 'api';
  if (pattern.startsWith('/assets/')) return 'assets';
  if (/^\/(media|files|tep|tai-lieu-dinh-kem|speech|nghe)\//.test(pattern)) return 'media';
  return 'public';
}

export const httpRequests = new Counter({
  name: 'trangtin_http_requests_total',
  help: 'HTTP requests answered, by route group, method and status class.',
  labelNames: ['group', 'method', 'status'] as const,
  registers: [registry],
});

export const httpDuration = new Histogram({
  name: 'trangtin_http_request_duration_seconds',
  help: 'Time to answer an HTTP request, by route group.',
  labelNames: ['group'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

export function observeRequest(pattern: string | undefined, method: string, statusCode: number, seconds: number): void {
  const group = routeGroup(pattern);
  httpRequests.inc({ group, method: METHODS.has(method) ? method : 'OTHER', status: `${Math.floor(statusCode / 100)}xx` });
  httpDuration.observe({ group }, seconds);
}

// ---- Background jobs (platform/interval-job.ts) -------------------------------------------------

export interface JobState {
  runs: number;
  failures: number;
  lastRunAt: string | null;
  lastFailureAt: string | null;
  lastError: string | null;
}

const jobStates = new Map<string, JobState>();
const jobRuns = new Counter({ name: 'trangtin_job_runs_total', help: 'Runs of a background job on this node.', labelNames: ['job'] as const, registers: [registry] });
const jobFailures = new Counter({ name: 'trangtin_job_failures_total', help: 'Failed runs of a background job on this node.', labelNames: ['job'] as const, registers: [registry] });
const jobLastRun = new Gauge({ name: 'trangtin_job_last_run_timestamp_seconds', help: 'When a background job last finished on this node.', labelNames: ['job'] as const, registers: [registry] });

export function recordJobRun(job: string, error: Error | null, at: Date = new Date()): void {
  const state = jobStates.get(job) ?? { runs: 0, failures: 0, lastRunAt: null, lastFailureAt: null, lastError: null };
  state.runs += 1;
  state.lastRunAt = at.toISOString();
  jobRuns.inc({ job });
  jobLastRun.set({ job }, at.getTime() / 1000);
  if (error) {
    state.failures += 1;
    state.lastFailureAt = at.toISOString();
    // The message only (no stack, no parameters): shown to the installation administrator.
    state.lastError = error.message.slice(0, 200);
    jobFailures.inc({ job });
  }
  jobStates.set(job, state);
}

export function jobStatesSnapshot(): Record<string, JobState> {
  return Object.fromEntries([...jobStates].map(([k, v]) => [k, { ...v }]));
}

// ---- Slow queries (platform/db/database.ts) -----------------------------------------------------

export const slowQueries = new Counter({ name: 'trangtin_slow_queries_total', help: 'Database queries slower than SLOW_QUERY_MS.', registers: [registry] });

// ---- Sources read when scraped --------------------------------------------------------------------

export interface MetricSources {
  cache(): { hits: number; misses: number; entries: number; bytes: number; changes: number; pagesDropped: number };
  pool(): { total: number; idle: number; waiting: number } | null;
  /** Queue depths, each a cheap count; cached a few seconds by the caller. */
  queues(): Promise<Record<string, number>>;
}

let sources: MetricSources | null = null;

/** Called once by the app: what the scrape reads (the last app built wins, as in tests). */
export function setMetricSources(s: MetricSources): void {
  sources = s;
}

new Counter({
  name: 'trangtin_render_cache_hits_total',
  help: 'Public pages answered from the render cache.',
  registers: [registry],
  collect() {
    this.reset();
    if (sources) this.inc(sources.cache().hits);
  },
});
new Counter({
  name: 'trangtin_render_cache_misses_total',
  help: 'Public pages rendered because the render cache did not hold them.',
  registers: [registry],
  collect() {
    this.reset();
    if (sources) this.inc(sources.cache().misses);
  },
});
new Gauge({
  name: 'trangtin_render_cache_bytes',
  help: 'Bytes held by the render cache (pages and their compressed copies).',
  registers: [registry],
  collect() {
    if (sources) this.set(sources.cache().bytes);
  },
});
new Gauge({
  name: 'trangtin_render_cache_entries',
  help: 'Pages held by the render cache.',
  registers: [registry],
  collect() {
    if (sources) this.set(sources.cache().entries);
  },
});
new Counter({
  name: 'trangtin_render_cache_changes_total',
  help: 'Public changes that dropped cached pages on this node (a content version moved on, a notice, a change of the register of sites).',
  registers: [registry],
  collect() {
    this.reset();
    if (sources) this.inc(sources.cache().changes);
  },
});
new Counter({
  name: 'trangtin_render_cache_pages_dropped_total',
  help: 'Cached pages dropped because of those changes (not pages that aged out or made room).',
  registers: [registry],
  collect() {
    this.reset();
    if (sources) this.inc(sources.cache().pagesDropped);
  },
});
new Gauge({
  name: 'trangtin_db_pool_connections',
  help: 'PostgreSQL pool connections by state (total, idle, waiting clients); absent on SQLite.',
  labelNames: ['state'] as const,
  registers: [registry],
  collect() {
    this.reset();
    const pool = sources?.pool();
    if (!pool) return;
    this.set({ state: 'total' }, pool.total);
    this.set({ state: 'idle' }, pool.idle);
    this.set({ state: 'waiting' }, pool.waiting);
  },
});
new Gauge({
  name: 'trangtin_queue_depth',
  help: 'Work waiting, by queue (articles in review, open citizen cases, speech jobs pending).',
  labelNames: ['queue'] as const,
  registers: [registry],
  async collect() {
    if (!sources) return;
    try {
      for (const [queue, n] of Object.entries(await sources.queues())) this.set({ queue }, n);
    } catch {
      // The database is down: the gauges keep their last value; /healthz says why.
    }
  },
});
