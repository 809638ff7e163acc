// `npm run bench [-- --articles=1000000 --database=postgres://… --duration=10 …]`
//
// Generates (or reuses) a site with N published articles, starts the real
// server on 127.0.0.1, checks that an article page, a section page and a
// search show what the database holds, then runs each scenario with
// autocannon for a bounded time and writes bench/RESULTS.md. See
// bench/README.md for what every scenario means.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { escapeHtml } from '@kitajs/html';
import { sql } from 'kysely';
import pg from 'pg';
import { parseQuery } from '../src/core/search/index.ts';
import { isPostgresUrl, loadOrCreateAuditKeys } from '../src/config.ts';
import { installAuditKeys } from '../src/modules/audit/keys.ts';
import { createApiToken } from '../src/modules/api-tokens/tokens.ts';
import { openDatabase, type DatabaseHandle } from '../src/platform/db/database.ts';
import { listItems, withDescendants } from '../src/modules/public/queries.ts';
import { searchDocuments } from '../src/modules/search/index.ts';
import { listSections } from '../src/modules/sections/manage-sections.ts';
import { addDocuments, generateDataset, generateProvince, PEOPLE, personEmail, SITE_NAME, type DatasetInfo, type ProvinceSite } from './generate.ts';
import { machineDescription, Probe } from './probe.ts';
import { writeResults, type Goal, type ScenarioReport } from './report.ts';
import { buildClient, startServer, type RunningServer } from './server.ts';
import { Rng } from './text.ts';
import { rawGet, startNginx, type RunningNginx } from './nginx.ts';
import { topSelfTime } from './profile.ts';
import { generatorAvailable, listTarget, runGenerator, type GenResult, type Generator, type Target } from './wrk.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The bench's own PostgreSQL schema (--pg-schema). */
let PG_SCHEMA = 'trangtin_bench';
const DATASET_FILE = 'bench-dataset.json';
/** Bump when the generator changes what it writes, so --reuse does not reuse an older data set. */
const GENERATOR_VERSION = 2;
const METRICS_TOKEN = `bench-metrics-${process.pid}-0123456789abcdefghijklmnopqrstuvwxyz`;

// ---- options ----------------------------------------------------------------------------

interface Options {
  articles: number;
  database: string | null;
  dataDir: string | null;
  reuse: boolean;
  keep: boolean;
  duration: number;
  warmup: number;
  connections: number;
  dbConnections: number;
  only: string[] | null;
  logLevel: string;
  cpuProf: boolean;
  serverFlags: string[];
  attempts: number;
  maxInterference: number;
  seed: string;
  out: string;
  quick: boolean;
  generator: Generator | null;
  documents: number;
  sites: number;
  siteItems: number;
  workers: number;
  writeLoad: boolean;
}

const USAGE = `npm run bench -- [options]
  --articles=N          published articles to generate (default 100000; e.g. 1000000)
  --database=URL        postgres://… to bench PostgreSQL (the bench owns and recreates schema ${PG_SCHEMA}); default SQLite
  --data-dir=DIR        where the SQLite file, server log and session secret go (default: a new temporary folder)
  --reuse               reuse the data set already in --data-dir when it was made with the same options
  --keep                keep the temporary data folder afterwards
  --duration=S          seconds of measured load per scenario (default 10, at most 120)
  --warmup=S            seconds of unmeasured load before each scenario, on the same connections (default 5)
  --connections=N       connections for the page scenarios (default 32, as issue 18's goals)
  --db-connections=N    connections for the deep-pagination and search scenarios (default 1: their latency
                        without queueing behind each other; the server runs queries on one thread)
  --only=a,b            run only these scenarios or groups (ids in bench/README.md; groups: workers, write-load, province, nginx)
  --quick               a smoke run: 3 s measured, 1 s warm-up, one attempt, 20 sites of 200 items with --sites
  --pg-schema=NAME      the PostgreSQL schema the bench owns (default trangtin_bench)
  --generator=G         wrk (default when /usr/bin/wrk exists) or autocannon (in a child process)
  --documents=N         published documents in the library (default 41000: page 2000 exists); added to a reused set
  --sites=N             also measure a province: N sites (default 0: not run; issue 18: 200)
  --site-items=N        published items per site of the province (default 5000)
  --workers=N           the WORKERS of the second run of the uncached and cached scenarios (default: the cores)
  --no-write-load       leave out the write-load scenario
  --log-level=L         the server's LOG_LEVEL (default info, as npm start)
  --cpu-prof            run the server under --cpu-prof (profile written to the data folder)
  --server-flags="…"    extra node options for the server process only (experiments, e.g. --max-old-space-size=256)
  --attempts=N          measure a scenario up to N times (default 3) while other processes use more than
  --max-interference=P  P% of a core (default 25) during it; the attempt with the least interference is kept
  --seed=S              seed of the generated text (default trangtin-bench)
  --out=FILE            where to write the results (default bench/RESULTS.md)`;

function parseOptions(argv: string[]): Options {
  const o: Options = { articles: 100_000, database: null, dataDir: null, reuse: false, keep: false, duration: 10, warmup: 5, connections: 64, dbConnections: 1, only: null, logLevel: 'info', cpuProf: false, serverFlags: [], attempts: 3, maxInterference: 25, seed: 'trangtin-bench', out: path.join(root, 'bench/RESULTS.md'), quick: false, generator: null, documents: 41_000, sites: 0, siteItems: 5000, workers: os.cpus().length, writeLoad: true };
  o.connections = 32;
  const int = (name: string, v: string, min: number, max: number) => {
    const n = Number(v.replace(/_/g, ''));
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be a whole number from ${min} to ${max}, got "${v}"`);
    return n;
  };
  let interferenceGiven = false;
  for (const arg of argv) {
    const [name, value = ''] = arg.replace(/^--/, '').split(/=(.*)/s) as [string, string?];
    switch (name) {
      case 'articles': o.articles = int(name, value, 10, 10_000_000); break;
      case 'database': o.database = /^postgres(ql)?:\/\//.test(value) ? value : (() => { throw new Error('--database must be a postgres:// URL (SQLite is the default)'); })(); break;
      case 'data-dir': o.dataDir = path.resolve(value); break;
      case 'reuse': o.reuse = true; break;
      case 'keep': o.keep = true; break;
      case 'duration': o.duration = int(name, value, 1, 120); break;
      case 'warmup': o.warmup = int(name, value, 0, 30); break;
      case 'connections': o.connections = int(name, value, 1, 1024); break;
      case 'db-connections': o.dbConnections = int(name, value, 1, 1024); break;
      case 'only': o.only = value.split(',').map((s) => s.trim()).filter(Boolean); break;
      case 'log-level': o.logLevel = value; break;
      case 'cpu-prof': o.cpuProf = true; break;
      case 'server-flags': o.serverFlags = value.split(/\s+/).filter(Boolean); break;
      case 'attempts': o.attempts = int(name, value, 1, 5); break;
      case 'max-interference': o.maxInterference = int(name, value, 0, 400); interferenceGiven = true; break;
      case 'seed': o.seed = value; break;
      case 'out': o.out = path.resolve(value); break;
      case 'quick': o.quick = true; break;
      case 'pg-schema': PG_SCHEMA = /^[a-z_][a-z0-9_]{0,62}$/.test(value) ? value : (() => { throw new Error('--pg-schema must be a lower-case SQL identifier'); })(); break;
      case 'generator': o.generator = value === 'wrk' || value === 'autocannon' ? value : (() => { throw new Error('--generator must be wrk or autocannon'); })(); break;
      case 'documents': o.documents = int(name, value, 0, 10_000_000); break;
      case 'sites': o.sites = int(name, value, 0, 1000); break;
      case 'site-items': o.siteItems = int(name, value, 10, 1_000_000); break;
      case 'workers': o.workers = int(name, value, 1, 256); break;
      case 'no-write-load': o.writeLoad = false; break;
      case 'help': console.log(USAGE); process.exit(0); break;
      default: throw new Error(`Unknown option ${arg}\n${USAGE}`);
    }
  }
  if (o.quick) {
    o.duration = Math.min(o.duration, 3);
    o.warmup = Math.min(o.warmup, 1);
    o.attempts = 1;
    if (o.sites > 20) o.sites = 20;
    o.siteItems = Math.min(o.siteItems, 200);
  }
  // PostgreSQL runs in its own processes, which count as "other processes": no repeats for them.
  if (o.database && !interferenceGiven) o.maxInterference = 400;
  return o;
}

// ---- the database -------------------------------------------------------------------------

/** The PostgreSQL URL the bench and the server use: the given one, confined to the bench's own schema. */
function benchPostgresUrl(url: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${PG_SCHEMA}`);
  return u.toString();
}

async function dropPostgresSchema(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${PG_SCHEMA} cascade`);
  } finally {
    await client.end();
  }
}

async function resetPostgresSchema(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${PG_SCHEMA} cascade`);
    await client.query(`create schema ${PG_SCHEMA}`);
  } finally {
    await client.end();
  }
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
  } catch {
    return url;
  }
}

interface Prepared {
  info: DatasetInfo;
  reused: boolean;
  databaseUrl: string;
  /** Published documents in the library. */
  documents: number;
}

async function prepareDataset(o: Options, dataDir: string, log: (m: string) => void): Promise<Prepared> {
  const prepared = await prepareArticles(o, dataDir, log);
  await addMissingDocuments(o, dataDir, prepared, log);
  await analyseBulkInserts(prepared);
  return prepared;
}

/**
 * A bulk-made PostgreSQL set is measured as a live site's would be after autovacuum: without the
 * visibility map and statistics the planner sorts a whole table instead of walking an index
 * (the library's page 2000: 71 ms before, 12 ms after, 2026-12-07). SQLite keeps no such state.
 */
async function analyseBulkInserts(prepared: Prepared): Promise<void> {
  if (!isPostgresUrl(prepared.databaseUrl)) return;
  const database = openDatabase(prepared.databaseUrl);
  try {
    // Only the bench's own schema: the database may hold others (the tests').
    const tables = await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = current_schema()`.execute(database.db);
    for (const t of tables.rows) await sql`vacuum analyze ${sql.table(t.name)}`.execute(database.db);
  } finally {
    await database.close();
  }
}

type Marker = Record<string, unknown> & { info: DatasetInfo; documents?: number };

/** Documents are an additive step: a reused data set (e.g. one made before documents existed) gets the missing ones. */
async function addMissingDocuments(o: Options, dataDir: string, prepared: Prepared, log: (m: string) => void): Promise<void> {
  const marker = path.join(dataDir, DATASET_FILE);
  const saved = JSON.parse(readFileSync(marker, 'utf8')) as Marker;
  const have = saved.documents ?? 0;
  prepared.documents = Math.max(have, o.documents);
  if (o.documents <= have) return;
  log(`Adding documents ${have.toLocaleString('en')}–${o.documents.toLocaleString('en')} to the library …`);
  const database = openDatabase(prepared.databaseUrl);
  try {
    await addDocuments({ db: database.db, siteId: prepared.info.siteId, seed: o.seed, from: have, to: o.documents, log });
  } finally {
    await database.close();
  }
  writeFileSync(marker, `${JSON.stringify({ ...saved, documents: o.documents }, null, 2)}\n`);
}

async function prepareArticles(o: Options, dataDir: string, log: (m: string) => void): Promise<Prepared> {
  const engine = o.database ? 'postgres' : 'sqlite';
  const databaseUrl = o.database ? benchPostgresUrl(o.database) : path.join(dataDir, 'trangtin.sqlite');
  const marker = path.join(dataDir, DATASET_FILE);
  const wanted = { version: GENERATOR_VERSION, engine, database: o.database ? redact(o.database) : 'sqlite', articles: o.articles, seed: o.seed, ...(o.database ? { schema: PG_SCHEMA } : {}) };
  if (o.reuse && existsSync(marker)) {
    const saved = JSON.parse(readFileSync(marker, 'utf8')) as typeof wanted & { info: DatasetInfo };
    if (Object.entries(wanted).every(([k, v]) => (saved as Record<string, unknown>)[k] === v)) {
      log(`Reusing the data set in ${dataDir} (${saved.info.articles.toLocaleString('en')} articles, made ${saved.info.generatedAt})`);
      return { info: saved.info, reused: true, databaseUrl, documents: 0 };
    }
    log('The data set in the folder was made with other options; generating a new one.');
  }
  if (o.database) await resetPostgresSchema(o.database);
  else for (const suffix of ['', '-wal', '-shm']) rmSync(`${databaseUrl}${suffix}`, { force: true });
  rmSync(path.join(dataDir, 'files'), { recursive: true, force: true });
  rmSync(marker, { force: true });
  log(`Generating ${o.articles.toLocaleString('en')} published articles (${engine}) …`);
  // The server started later on this folder signs with the same audit key.
  installAuditKeys({ auditKeys: loadOrCreateAuditKeys(dataDir) });
  const database = openDatabase(databaseUrl);
  try {
    const info = await generateDataset({ db: database.db, articles: o.articles, seed: o.seed, outboxDir: path.join(dataDir, 'outbox'), filesDir: path.join(dataDir, 'files'), log });
    writeFileSync(marker, `${JSON.stringify({ ...wanted, info }, null, 2)}\n`);
    log(`Generated in ${info.generationSeconds} s`);
    return { info, reused: false, databaseUrl, documents: 0 };
  } finally {
    await database.close();
  }
}

// ---- facts about the data set that the scenarios use -------------------------------------------

/** The broad queries of goal 3 and a rare word. */
const SEARCHES = [
  { id: 'search-diacritics', title: 'Search with diacritics', q: 'Hà Nội', broad: true },
  { id: 'search-folded', title: 'Search without diacritics', q: 'ha noi', broad: true },
  { id: 'search-xay-dung', title: 'Search for a common phrase', q: 'xây dựng', broad: true },
  { id: 'search-phrase', title: 'Search for a quoted phrase', q: '"dịch vụ công trực tuyến"', broad: true },
  { id: 'search-rare', title: 'Search for a rare word', q: 'xoang', broad: false },
] as const;

interface Facts {
  engineVersion: string;
  databaseBytes: number | null;
  sample: { slug: string; title: string; summary: string };
  uncachedSlugs: string[];
  deep: { slug: string; name: string; total: number; page: number; pages: number; firstUrl: string; queryMs: number };
  searches: { id: string; title: string; q: string; broad: boolean; total: number; firstUrl: string | null; queryMs: number }[];
  library: { total: number; page: number; pages: number };
  searchDeep: { q: string; page: number; pages: number };
  /** For the write load: the news section and the unit. */
  newsSectionId: number;
}

async function timed<T>(fn: () => Promise<T>, runs = 7): Promise<{ value: T; medianMs: number }> {
  let value = await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const t0 = process.hrtime.bigint();
    value = await fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { value, medianMs: Math.round(times[Math.floor(times.length / 2)]! * 10) / 10 };
}

async function gatherFacts(database: DatabaseHandle, info: DatasetInfo, o: Options, dataDir: string): Promise<Facts> {
  const db = database.db;
  const siteId = info.siteId;
  const engineVersion =
    database.engine === 'postgres'
      ? String(((await sql<{ v: string }>`select version() as v`.execute(db)).rows[0]?.v ?? '').split(' on ')[0])
      : `SQLite ${(await sql<{ v: string }>`select sqlite_version() as v`.execute(db)).rows[0]?.v ?? '?'} (better-sqlite3, WAL)`;
  const databaseBytes =
    database.engine === 'postgres'
      ? Number((await sql<{ n: string }>`select sum(pg_total_relation_size(format('%I.%I', schemaname, tablename))) as n from pg_tables where schemaname = ${PG_SCHEMA}`.execute(db)).rows[0]?.n ?? 0)
      : ['', '-wal'].reduce((sum, s) => sum + (existsSync(path.join(dataDir, `trangtin.sqlite${s}`)) ? statSync(path.join(dataDir, `trangtin.sqlite${s}`)).size : 0), 0);

  const all = (await db.selectFrom('search_documents').select(['url', 'title', 'summary']).where('site_id', '=', siteId).where('item_type', '=', 'article').orderBy('id').execute()).map((d) => ({ slug: d.url.replace('/bai-viet/', ''), title: d.title, summary: d.summary }));
  const sample = all[Math.floor(all.length / 2)]!;
  const uncachedSlugs = new Rng(`${o.seed}:uncached`).shuffle(all.filter((a) => a.slug !== sample.slug).map((a) => a.slug));

  const sections = await listSections(db, siteId);
  const news = sections.find((s) => s.parent_id === null && withDescendants(sections, s.id).length > 1) ?? sections[0]!;
  const sectionIds = withDescendants(sections, news.id);
  const { total } = await listItems(db, siteId, { lang: 'vi', sectionIds, limit: 1, offset: 0 });
  const pages = Math.max(1, Math.ceil(total / 20));
  const page = Math.min(2000, pages);
  const deepList = await timed(() => listItems(db, siteId, { lang: 'vi', sectionIds, limit: 20, offset: (page - 1) * 20 }));

  const searches: Facts['searches'] = [];
  for (const s of SEARCHES) {
    const parsed = parseQuery(s.q)!;
    const r = await timed(() => searchDocuments(db, parsed, { siteId, language: 'vi' }, { limit: 20, offset: 0 }));
    searches.push({ id: s.id, title: s.title, q: s.q, broad: s.broad, total: r.value.total, firstUrl: r.value.hits[0]?.url ?? null, queryMs: r.medianMs });
  }
  const docs = Number((await db.selectFrom('legal_documents').select((eb) => eb.fn.countAll().as('n')).where('site_id', '=', siteId).executeTakeFirst())?.n ?? 0);
  const docPages = Math.max(1, Math.ceil(docs / 20));
  const broadest = [...searches].sort((a, b) => b.total - a.total)[0]!;
  const searchPages = Math.max(1, Math.ceil(broadest.total / 20));
  return {
    engineVersion,
    databaseBytes,
    sample,
    uncachedSlugs,
    deep: { slug: news.slug, name: news.name, total, page, pages, firstUrl: deepList.value.items[0]?.url ?? '', queryMs: deepList.medianMs },
    searches,
    library: { total: docs, page: Math.min(2000, docPages), pages: docPages },
    searchDeep: { q: broadest.q, page: Math.min(2000, searchPages), pages: searchPages },
    newsSectionId: news.id,
  };
}

// ---- checks before measuring --------------------------------------------------------------

async function get(base: string, pathname: string): Promise<{ status: number; body: string }> {
  const res = await fetch(`${base}${pathname}`, { signal: AbortSignal.timeout(30_000), headers: { 'user-agent': 'trangtin-bench (check)' } });
  return { status: res.status, body: await res.text() };
}

async function checkServer(server: RunningServer, facts: Facts): Promise<string[]> {
  const done: string[] = [];
  const expect = async (what: string, pathname: string, needles: string[]) => {
    const { status, body } = await get(server.base, pathname);
    const missing = needles.filter((n) => !body.includes(n));
    if (status !== 200 || missing.length > 0) {
      throw new Error(`Check failed: ${what} (${pathname}) answered ${status}${missing.length ? `, without ${missing.map((m) => JSON.stringify(m.slice(0, 80))).join(', ')}` : ''}`);
    }
    done.push(`${what}: \`GET ${decodeURIComponent(pathname)}\` → 200 with ${needles.length === 1 ? 'the expected text' : `the ${needles.length} expected texts`}`);
  };
  await expect('home page', '/', [escapeHtml(SITE_NAME)]);
  await expect('generated article', `/bai-viet/${facts.sample.slug}`, [escapeHtml(facts.sample.title), escapeHtml(facts.sample.summary.slice(0, 60).replace(/\s\S*$/, ''))]);
  await expect(`section page ${facts.deep.page} of ${facts.deep.pages}`, `/chuyen-muc/${facts.deep.slug}?trang=${facts.deep.page}`, [`href="${facts.deep.firstUrl}"`]);
  if (facts.library.total > 0) await expect(`document library page ${facts.library.page} of ${facts.library.pages}`, `/van-ban?trang=${facts.library.page}`, ['</html>']);
  for (const s of facts.searches) {
    if (!s.firstUrl) {
      done.push(`search ${s.q}: no article has it at this size; its scenario is left out`);
      continue;
    }
    await expect(`search ${s.q} (first of ${s.total.toLocaleString('en')} hits)`, `/tim-kiem?q=${encodeURIComponent(s.q)}`, [`href="${s.firstUrl}"`]);
  }
  return done;
}

// ---- scenarios ----------------------------------------------------------------------------

interface Scenario {
  id: string;
  /** The goal of issue 18 it measures (1–8). */
  goal: number;
  title: string;
  what: string;
  connections: number;
  target: Target;
  group?: 'nginx' | 'write-load';
}

const counter = (pathname: string): Target => ({ kind: 'counter', path: pathname, cursor: { next: 1 } });

function scenarios(o: Options, facts: Facts, articles: Target): Scenario[] {
  const c = o.connections;
  const list: Scenario[] = [
    { id: 'article-uncached', goal: 1, title: 'Article pages, uncached', what: `Every request asks for a different article (${facts.uncachedSlugs.length.toLocaleString('en')} in a fixed shuffled order, continued from the warm-up; once all were asked for, the next pass adds \`?n=<pass>\`, ignored by the page, so it still misses the render cache).`, connections: c, target: articles },
    { id: 'home-uncached', goal: 1, title: 'Home page, uncached', what: '`GET /?n=<counter>`: a parameter the page ignores, so every request misses the render cache and renders the home page.', connections: c, target: counter('/') },
    { id: 'home', goal: 2, title: 'Home page, cached', what: '`GET /` again and again, from the render cache.', connections: c, target: { kind: 'fixed', path: '/' } },
    { id: 'article', goal: 2, title: 'Article page, cached', what: `\`GET /bai-viet/${facts.sample.slug}\` again and again, from the render cache.`, connections: c, target: { kind: 'fixed', path: `/bai-viet/${facts.sample.slug}` } },
    { id: 'nginx-article', goal: 2, group: 'nginx', title: 'nginx serving the cached article’s bytes', what: 'nginx (Debian) serving the exact bytes the server sent for the cached article (compressed body, same Content-Encoding and Content-Type) as a static file, same connections.', connections: c, target: { kind: 'fixed', path: '/page' } },
    ...facts.searches.filter((s) => s.firstUrl !== null).map((s): Scenario => ({ id: s.id, goal: 3, title: `${s.title}: ${s.q}`, what: `\`GET /tim-kiem?q=${s.q}&n=<counter>\` (${s.total.toLocaleString('en')} hits), at ${o.dbConnections} connection(s): every request runs the search.`, connections: o.dbConnections, target: counter(`/tim-kiem?q=${encodeURIComponent(s.q)}`) })),
    { id: 'search-throughput', goal: 3, title: 'Search throughput: xây dựng', what: `\`GET /tim-kiem?q=xây dựng&n=<counter>\` at ${c} connections: searches a second, uncached.`, connections: c, target: counter(`/tim-kiem?q=${encodeURIComponent('xây dựng')}`) },
    { id: 'section-deep', goal: 4, title: `Section page ${facts.deep.page}`, what: `\`GET /chuyen-muc/${facts.deep.slug}?trang=${facts.deep.page}&n=<counter>\` (${facts.deep.total.toLocaleString('en')} items, ${facts.deep.pages.toLocaleString('en')} pages).`, connections: o.dbConnections, target: counter(`/chuyen-muc/${facts.deep.slug}?trang=${facts.deep.page}`) },
    ...(facts.library.total > 0 ? [{ id: 'library-deep', goal: 4, title: `Document library page ${facts.library.page}`, what: `\`GET /van-ban?trang=${facts.library.page}&n=<counter>\` (${facts.library.total.toLocaleString('en')} documents, ${facts.library.pages.toLocaleString('en')} pages).`, connections: o.dbConnections, target: counter(`/van-ban?trang=${facts.library.page}`) }] : []),
    { id: 'search-deep', goal: 4, title: `Search page ${facts.searchDeep.page}: ${facts.searchDeep.q}`, what: `\`GET /tim-kiem?q=${facts.searchDeep.q}&trang=${facts.searchDeep.page}&n=<counter>\` (${facts.searchDeep.pages.toLocaleString('en')} pages of hits).`, connections: o.dbConnections, target: counter(`/tim-kiem?q=${encodeURIComponent(facts.searchDeep.q)}&trang=${facts.searchDeep.page}`) },
    ...(o.writeLoad ? [{ id: 'write-load', goal: 8, group: 'write-load' as const, title: 'Article pages, uncached, under write load', what: 'As “Article pages, uncached” (continuing the same list), while a separate process (bench/publisher.ts) publishes an article every second through the public HTTP API: POST /api/v1/articles, then the six steps of the review chain through POST /api/v1/articles/:id/actions, each with its board member’s API token.', connections: c, target: articles }] : []),
  ];
  return o.only ? list.filter((s) => o.only!.includes(s.id) || (s.group && o.only!.includes(s.group))) : list;
}

/** Which code was measured: the commit, and the source files changed since (results are not reproducible from the commit alone then). */
function codeVersion(): string {
  const git = (args: string[]) => spawnSync('git', args, { cwd: root, encoding: 'utf8', timeout: 10_000 }).stdout?.trim() ?? '';
  const commit = git(['rev-parse', '--short', 'HEAD']);
  if (!commit) return 'unknown (not a git checkout)';
  const changed = git(['status', '--porcelain', '--', 'src', 'bin', 'package.json']).split('\n').filter(Boolean).map((line) => line.slice(3));
  return changed.length === 0 ? `commit ${commit}` : `commit ${commit} with uncommitted changes in ${changed.map((f) => `\`${f}\``).join(', ')}`;
}

// ---- metrics, tokens, write load -------------------------------------------------------------

/** /metrics read with the bench's METRICS_TOKEN: each metric summed over its labels; null when unreadable. */
async function readMetrics(base: string): Promise<Map<string, number> | null> {
  try {
    const res = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` }, signal: AbortSignal.timeout(10_000) });
    if (!res.ok) return null;
    const out = new Map<string, number>();
    for (const line of (await res.text()).split('\n')) {
      const m = /^([a-z_:][a-z0-9_:]*)(\{[^}]*\})?\s+(\S+)/i.exec(line);
      if (m) out.set(m[1]!, (out.get(m[1]!) ?? 0) + Number(m[3]));
    }
    return out;
  } catch {
    return null;
  }
}

/** One API token per board member of the main site, for the publisher. */
async function makeTokens(databaseUrl: string, siteId: number): Promise<Record<string, string>> {
  const database = openDatabase(databaseUrl);
  try {
    const tokens: Record<string, string> = {};
    for (const person of PEOPLE) {
      const user = await database.db.selectFrom('users').select('id').where('email', '=', personEmail(person)).executeTakeFirstOrThrow();
      const made = await createApiToken(database.db, { siteId, userId: null, onBehalfOfUserId: null, label: 'trangtin bench', ip: null, userAgent: null }, { siteId, userId: user.id, name: `bench write load ${new Date().toISOString()}`, scopes: ['read', 'write'], expiresInDays: 1 });
      tokens[person] = made.token;
    }
    return tokens;
  } finally {
    await database.close();
  }
}

interface Publications {
  published: number;
  failed: number;
  firstError: string | null;
  medianMs: number;
  maxMs: number;
}

function startPublisher(args: { base: string; tokens: Record<string, string>; sectionId: number; unitId: number; seconds: number }): Promise<Publications> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'bench/publisher.ts'), JSON.stringify({ ...args, everyMs: 1000 })], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.once('error', reject);
    child.once('exit', () => {
      const line = out.split('\n').find((l) => l.startsWith('PUBJSON '));
      if (line) resolve(JSON.parse(line.slice(8)) as Publications);
      else reject(new Error(`The publisher gave no result: ${out.slice(0, 500)}`));
    });
  });
}

// ---- main ---------------------------------------------------------------------------------

const fmt = (x: number) => x.toLocaleString('en');

interface Measured extends ScenarioReport {
  goal: number;
  result: GenResult;
  profile?: string;
}

async function main(): Promise<void> {
  // `npm run bench -- reports …`: the report computation bench (bench/reports.ts), not the load test.
  if (process.argv[2] === 'reports') return (await import('./reports.ts')).runReportsBench(process.argv.slice(3));
  const o = parseOptions(process.argv.slice(2));
  const log = (m: string) => console.log(m);
  const started = new Date();
  const generator = generatorAvailable(o.generator);
  const tempDir = o.dataDir === null;
  const dataDir = o.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'trangtin-bench-'));
  mkdirSync(dataDir, { recursive: true });
  log(`Data folder: ${dataDir}; load generator: ${generator}`);
  let server: RunningServer | null = null;
  const throwaway = tempDir && !o.keep;
  const stopServer = async () => {
    const s = server;
    server = null;
    return s ? s.stop() : null;
  };
  const cleanup = async () => {
    await stopServer();
    if (throwaway) {
      rmSync(dataDir, { recursive: true, force: true });
      if (o.database) await dropPostgresSchema(o.database).catch((error: unknown) => log(`Could not drop schema ${PG_SCHEMA}: ${(error as Error).message}`));
    }
  };
  process.once('SIGINT', () => void cleanup().finally(() => process.exit(130)));

  try {
    const prepared = await prepareDataset(o, dataDir, log);
    const database = openDatabase(prepared.databaseUrl);
    let facts: Facts;
    try {
      facts = await gatherFacts(database, prepared.info, o, dataDir);
    } finally {
      await database.close();
    }
    log(`In-process query times (median of 7): section page ${facts.deep.page}: ${facts.deep.queryMs} ms; ${facts.searches.map((s) => `${s.q}: ${s.queryMs} ms (${s.total} hits)`).join('; ')}`);
    installAuditKeys({ auditKeys: loadOrCreateAuditKeys(dataDir) });
    const tokens = o.writeLoad ? await makeTokens(prepared.databaseUrl, prepared.info.siteId) : {};

    buildClient(root);
    const start = async (workers: number, profileDir: string | null) => {
      if (profileDir) mkdirSync(profileDir, { recursive: true });
      server = await startServer({ root, databaseUrl: prepared.databaseUrl, dataDir, logLevel: o.logLevel, cpuProfDir: profileDir, nodeFlags: o.serverFlags, env: { METRICS_TOKEN, WORKERS: String(workers) } });
      return server;
    };
    let s1 = await start(1, null);
    log(`Server pid ${s1.pid} on ${s1.base} (log: ${s1.logFile})`);
    const idle = Probe.rssMb(s1.pid);
    const checks = await checkServer(s1, facts);
    for (const c of checks) log(`  ✓ ${c}`);
    const afterChecks = Probe.rssMb(s1.pid);

    const machine = machineDescription();
    const articles = listTarget(path.join(dataDir, 'bench-uncached-articles.txt'), facts.uncachedSlugs.map((slug) => `/bai-viet/${slug}`));
    const reports: Measured[] = [];
    let peakSeen = 0;
    let nginxBytes: { bytes: number; encoding: string | null } | null = null;
    let writeLoad: { pubs: Publications; dropped: number | null; changes: number | null } | null = null;
    const profiles: { id: string; text: string }[] = [];

    const measure = async (sc: Scenario, workers: number, suffix = ''): Promise<Measured> => {
      let best: Measured | null = null;
      for (let attempt = 1; attempt <= o.attempts; attempt += 1) {
        const profileDir = o.cpuProf && sc.group !== 'nginx' ? path.join(dataDir, 'profiles', `${sc.id}${suffix}-${attempt}`) : null;
        // With --cpu-prof every scenario runs on a server of its own, so that its profile is its own.
        if (profileDir) {
          await stopServer();
          s1 = await start(workers, profileDir);
        }
        const srv = server!;
        let nginx: RunningNginx | null = null;
        let base = srv.base;
        let pid = srv.pid;
        if (sc.group === 'nginx') {
          await rawGet(srv.base, `/bai-viet/${facts.sample.slug}`);
          const page = await rawGet(srv.base, `/bai-viet/${facts.sample.slug}`);
          nginx = await startNginx(page);
          nginxBytes = { bytes: page.body.length, encoding: page.contentEncoding };
          base = nginx.base;
          pid = nginx.pid;
        }
        const before = sc.group === 'write-load' ? await readMetrics(srv.base) : null;
        const publisher = sc.group === 'write-load' ? startPublisher({ base: srv.base, tokens, sectionId: facts.newsSectionId, unitId: 1, seconds: o.warmup + o.duration }) : null;
        let result: GenResult;
        try {
          result = await runGenerator(generator, { base, connections: sc.connections, warmup: o.warmup, duration: o.duration, target: sc.target }, pid, dataDir);
        } finally {
          await nginx?.stop();
        }
        if (publisher) {
          const pubs = await publisher;
          const after = await readMetrics(srv.base);
          const delta = (name: string) => (before?.has(name) && after?.has(name) ? after.get(name)! - before.get(name)! : null);
          writeLoad = { pubs, dropped: delta('trangtin_render_cache_pages_dropped_total'), changes: delta('trangtin_render_cache_changes_total') };
          log(`  publications: ${pubs.published} (failed ${pubs.failed}${pubs.firstError ? `: ${pubs.firstError}` : ''})`);
        }
        const report: Measured = { id: `${sc.id}${suffix}`, goal: sc.goal, title: `${sc.title}${suffix ? ` (WORKERS=${workers})` : ''}`, what: sc.what, result, distinctPaths: result.distinct, loadAverage: result.loadAverage ?? [0, 0], attempts: attempt };
        log(`${report.title}${attempt > 1 ? ` (attempt ${attempt})` : ''}: ${fmt(result.rps)} req/s, p50 ${result.p50} ms, p95 ${result.p95} ms, p99 ${result.p99} ms, errors ${result.errors}, non-2xx ${result.non2xx}, RSS peak ${result.rssPeakMb} MB, CPU server ${result.serverCpu}% generator ${result.generatorCpu ?? '?'}% others ${result.otherCpu}%`);
        if (profileDir) {
          await stopServer();
          const top = topSelfTime(profileDir, 15, `${root}/`);
          report.profile = profileTable(top);
          s1 = await start(workers, null);
        }
        if (!best || result.otherCpu < best.result.otherCpu) best = report;
        best.attempts = attempt;
        if (sc.group !== 'nginx') peakSeen = Math.max(peakSeen, result.rssPeakMb);
        if (result.otherCpu <= o.maxInterference) break;
        if (attempt < o.attempts) await new Promise((r) => setTimeout(r, 5000));
      }
      if (best!.profile) profiles.push({ id: best!.title, text: best!.profile });
      return best!;
    };

    for (const sc of scenarios(o, facts, articles)) reports.push(await measure(sc, 1));
    const metrics = await readMetrics(server!.base);
    await new Promise((r) => setTimeout(r, 3000));
    const final = Probe.rssMb(server!.pid);
    const exitCode = await stopServer();

    // Goal 7: the uncached and cached scenarios again with one worker per core.
    const workerRuns: Measured[] = [];
    if (!o.only || o.only.includes('workers')) {
      await start(o.workers, null);
      const all = scenarios({ ...o, only: ['article-uncached', 'home-uncached', 'article', 'home'] }, facts, listTarget(path.join(dataDir, 'bench-uncached-articles-w.txt'), facts.uncachedSlugs.map((slug) => `/bai-viet/${slug}`)));
      for (const sc of all) workerRuns.push(await measure(sc, o.workers, `-w${o.workers}`));
      await stopServer();
    }
    const province = o.sites > 0 && (!o.only || o.only.includes('province')) ? await runProvince(o, dataDir, log) : null;

    const peak = Math.max(final?.hwm ?? 0, peakSeen);
    const goals = evaluateGoals(o, prepared, facts, [...reports, ...workerRuns], { peak, metrics, writeLoad, province, workerRuns });
    const extra = extraSections({ generator, nginxBytes, metrics, writeLoad, province, profiles, workers: o.workers });
    writeResults(o.out, {
      started,
      code: codeVersion(),
      command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
      machine,
      engine: o.database ? 'PostgreSQL' : 'SQLite',
      engineVersion: facts.engineVersion,
      database: o.database ? `${redact(o.database)} (schema ${PG_SCHEMA})` : `SQLite file in ${tempDir ? 'a temporary folder' : path.relative(root, dataDir) || dataDir}`,
      databaseBytes: facts.databaseBytes,
      info: prepared.info,
      reused: prepared.reused,
      logLevel: o.logLevel,
      serverFlags: o.serverFlags,
      maxInterference: o.maxInterference,
      duration: o.duration,
      warmup: o.warmup,
      deep: facts.deep,
      searches: facts.searches,
      checks,
      memory: { idle, afterChecks, final, peak },
      serverExit: exitCode,
      scenarios: [...reports, ...workerRuns],
      goals,
      generator,
      extra,
    });
    log(`\nResults written to ${path.relative(process.cwd(), o.out)}`);
    for (const g of goals) log(`  ${g.met === null ? 'NOT RUN' : g.met ? 'MET    ' : 'NOT MET'}  ${g.goal}: ${g.measured}`);
  } finally {
    await cleanup();
  }
}

function profileTable(top: ReturnType<typeof topSelfTime>): string {
  if (top.files === 0) return 'No profile was written (the server did not exit cleanly?).';
  return [`${top.files} profile(s), ${fmt(top.totalMs)} ms sampled.`, '', '| Self time | % | Function | Where |', '|---:|---:|---|---|', ...top.entries.map((e) => `| ${fmt(e.ms)} ms | ${e.share} | \`${e.fn}\` | ${e.where || '(native)'} |`)].join('\n');
}

// ---- goal 6: a province ---------------------------------------------------------------------

interface ProvinceResult {
  sites: number;
  items: number;
  startSeconds: number;
  home: { p50: number; p95: number; max: number; non200: number };
  rss: { rss: number; hwm: number; processes: number } | null;
  generated: string;
}

async function runProvince(o: Options, dataDir: string, log: (m: string) => void): Promise<ProvinceResult> {
  const dir = path.join(dataDir, `province-${o.sites}x${o.siteItems}`);
  mkdirSync(dir, { recursive: true });
  const schema = `${PG_SCHEMA}_p`;
  const databaseUrl = o.database ? (() => { const u = new URL(o.database!); u.searchParams.set('options', `-c search_path=${schema}`); return u.toString(); })() : path.join(dir, 'trangtin.sqlite');
  const marker = path.join(dir, DATASET_FILE);
  const wanted = JSON.stringify({ version: GENERATOR_VERSION, sites: o.sites, items: o.siteItems, seed: o.seed, database: o.database ? `${redact(o.database)}/${schema}` : 'sqlite' });
  let sites: ProvinceSite[];
  let generated: string;
  if (o.reuse && existsSync(marker) && JSON.parse(readFileSync(marker, 'utf8')).wanted === wanted) {
    ({ sites, generated } = JSON.parse(readFileSync(marker, 'utf8')) as { sites: ProvinceSite[]; generated: string });
    log(`Reusing the province in ${dir}`);
  } else {
    if (o.database) {
      const client = new pg.Client({ connectionString: o.database });
      await client.connect();
      await client.query(`drop schema if exists ${schema} cascade`).then(() => client.query(`create schema ${schema}`)).finally(() => client.end());
    } else for (const suffix of ['', '-wal', '-shm']) rmSync(`${databaseUrl}${suffix}`, { force: true });
    log(`Generating a province: ${o.sites} sites × ${fmt(o.siteItems)} items …`);
    installAuditKeys({ auditKeys: loadOrCreateAuditKeys(dir) });
    const database = openDatabase(databaseUrl);
    try {
      const made = await generateProvince({ db: database.db, articles: o.siteItems, sites: o.sites, seed: o.seed, outboxDir: path.join(dir, 'outbox'), filesDir: path.join(dir, 'files'), log });
      sites = made.sites;
      generated = `${made.info.generationSeconds} s`;
    } finally {
      await database.close();
    }
    writeFileSync(marker, JSON.stringify({ wanted, sites, generated }));
  }
  const t0 = performance.now();
  const srv = await startServer({ root, databaseUrl, dataDir: dir, logLevel: o.logLevel, nodeFlags: o.serverFlags, env: { METRICS_TOKEN, WORKERS: '1' } });
  const startSeconds = Math.round((performance.now() - t0) / 100) / 10;
  try {
    const times: number[] = [];
    let non200 = 0;
    for (const site of sites) {
      const r = await rawGet(srv.base, '/', site.host);
      times.push(r.ms);
      if (r.status !== 200) non200 += 1;
    }
    times.sort((a, b) => a - b);
    const pct = (p: number) => Math.round(times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)]! * 10) / 10;
    const rss = Probe.rssMb(srv.pid);
    log(`Province: started in ${startSeconds} s; home pages p50 ${pct(50)} ms, p95 ${pct(95)} ms, max ${pct(100)} ms; RSS ${rss?.rss} MB`);
    return { sites: sites.length, items: o.siteItems, startSeconds, home: { p50: pct(50), p95: pct(95), max: pct(100), non200 }, rss, generated };
  } finally {
    await srv.stop();
  }
}

// ---- goals ----------------------------------------------------------------------------------

function evaluateGoals(o: Options, prepared: Prepared, facts: Facts, all: Measured[], x: { peak: number; metrics: Map<string, number> | null; writeLoad: { pubs: Publications; dropped: number | null; changes: number | null } | null; province: ProvinceResult | null; workerRuns: Measured[] }): Goal[] {
  const by = (id: string) => all.find((r) => r.id === id)?.result;
  const n = prepared.info.articles;
  const at = (size: number) => (n === size ? '' : ` (this run: ${fmt(n)} articles)`);
  const goals: Goal[] = [];
  const notRun = (goal: string): Goal => ({ goal, measured: 'not run', met: null });
  const ua = by('article-uncached');
  const uh = by('home-uncached');
  const articleMin = n <= 2000 ? 1700 : 1200;
  // Goal 1 is judged on the one-worker run and on `npm start`'s default (a worker per core), each shown.
  const uncached = (goal: string, one: GenResult | undefined, many: GenResult | undefined, min: number): Goal => {
    const runs = [...(one ? [['1 worker', one] as const] : []), ...(many ? [[`${o.workers} workers (the default: one per core)`, many] as const] : [])];
    if (runs.length === 0) return notRun(goal);
    const meets = (r: GenResult) => r.rps >= min && r.p99 < 100 && r.non2xx === 0;
    return { goal, measured: runs.map(([label, r]) => `${label}: ${fmt(r.rps)} req/s, p99 ${r.p99} ms`).join('; ') + ` at ${runs[0]![1].connections} connections`, met: runs.some(([, r]) => meets(r)) };
  };
  goals.push(uncached(`1. Uncached article ≥ ${fmt(articleMin)} req/s, p99 < 100 ms at 32 connections, at ${n <= 2000 ? '2,000' : '100,000'} articles${at(n <= 2000 ? 2000 : 100_000)}`, ua, by(`article-uncached-w${o.workers}`), articleMin));
  goals.push(uncached(`1. Uncached home page ≥ 1,300 req/s, p99 < 100 ms at 32 connections, at 2,000 articles${at(2000)}`, uh, by(`home-uncached-w${o.workers}`), 1300));
  const nginx = by('nginx-article');
  const cached = [by('article'), by(`article-w${o.workers}`)].filter((r): r is GenResult => Boolean(r));
  if (nginx && cached.length > 0) {
    const best = Math.max(...cached.map((r) => r.rps));
    goals.push({ goal: '2. Cached article ≥ 1/2 of nginx serving the same bytes', measured: `${cached.map((r) => fmt(r.rps)).join(' (1 worker) / ')}${cached.length > 1 ? ` (${o.workers} workers)` : ''} req/s vs nginx ${fmt(nginx.rps)} req/s: ratio ${(best / nginx.rps).toFixed(2)}`, met: best / nginx.rps >= 0.5 });
  } else goals.push(notRun('2. Cached article ≥ 1/2 of nginx serving the same bytes'));
  const st = by('search-throughput');
  goals.push(st ? { goal: `3. Uncached search ≥ 420 req/s at 2,000 articles${at(2000)}`, measured: `${fmt(st.rps)} req/s (xây dựng, ${st.connections} connections)`, met: st.rps >= 420 && st.non2xx === 0 } : notRun('3. Uncached search ≥ 420 req/s'));
  const searches = facts.searches.map((s) => ({ s, r: by(s.id) })).filter((y): y is { s: Facts['searches'][number]; r: GenResult } => Boolean(y.r));
  const broad = searches.filter((y) => y.s.broad);
  const rare = searches.filter((y) => !y.s.broad);
  goals.push(broad.length ? { goal: `3. Search p95 < 50 ms for broad queries at 1,000,000 articles${at(1_000_000)}`, measured: broad.map((y) => `${y.s.q}: ${y.r.p95} ms`).join('; '), met: broad.every((y) => y.r.p95 < 50 && y.r.non2xx === 0) } : notRun('3. Search p95 < 50 ms, broad'));
  goals.push(rare.length ? { goal: `3. Search p95 < 10 ms for rare words at 1,000,000 articles${at(1_000_000)}`, measured: rare.map((y) => `${y.s.q}: ${y.r.p95} ms`).join('; '), met: rare.every((y) => y.r.p95 < 10 && y.r.non2xx === 0) } : notRun('3. Search p95 < 10 ms, rare'));
  for (const [id, what] of [['section-deep', `section page ${facts.deep.page}`], ['library-deep', `document library page ${facts.library.page}`], ['search-deep', `search page ${facts.searchDeep.page}`]] as const) {
    const r = by(id);
    const short = (id === 'library-deep' ? facts.library.page : id === 'search-deep' ? facts.searchDeep.page : facts.deep.page) < 2000;
    goals.push(r ? { goal: `4. Page 2000 in < 20 ms (p95): ${what}${short ? ' (the data set has fewer pages)' : ''}`, measured: `p95 ${r.p95} ms, p50 ${r.p50} ms${r.non2xx ? `, ${fmt(r.non2xx)} non-2xx` : ''}`, met: r.p95 < 20 && r.non2xx === 0 } : notRun(`4. Page 2000 in < 20 ms: ${what}`));
  }
  const cacheBytes = x.metrics?.get('trangtin_render_cache_bytes');
  const entries = x.metrics?.get('trangtin_render_cache_entries');
  goals.push({ goal: `5. Server peak RSS < 200 MB at 100,000 articles under load${at(100_000)}`, measured: `peak ${x.peak} MB (sum over the server's processes); render cache ${cacheBytes === undefined ? 'not reported by the server' : `${fmt(Math.round(cacheBytes / 1024))} KiB`}${entries === undefined ? '' : ` in ${fmt(entries)} entries`}`, met: x.peak < 200 });
  const p = x.province;
  goals.push(p ? { goal: `5. RSS < 300 MB with 200 sites of 5,000 items${p.sites === 200 && p.items === 5000 ? '' : ` (this run: ${p.sites} × ${fmt(p.items)})`}`, measured: `${p.rss?.rss ?? '?'} MB after every home page`, met: (p.rss?.rss ?? Infinity) < 300 } : notRun('5. RSS < 300 MB with 200 sites (--sites=200)'));
  goals.push(p ? { goal: '6. 200 sites start in < 10 s, each home page within the goals (< 100 ms)', measured: `start to first /healthz ${p.startSeconds} s; home pages p50 ${p.home.p50} ms, p95 ${p.home.p95} ms, max ${p.home.max} ms${p.home.non200 ? `; ${p.home.non200} not 200` : ''}`, met: p.startSeconds < 10 && p.home.max < 100 && p.home.non200 === 0 } : notRun('6. A province of 200 sites (--sites=200)'));
  const w = by(`article-uncached-w${o.workers}`);
  goals.push(ua && w ? { goal: `7. Every core serves: uncached article with WORKERS=1 and WORKERS=${o.workers}`, measured: `${fmt(ua.rps)} vs ${fmt(w.rps)} req/s; server processes ${ua.serverProcesses ?? '?'} vs ${w.serverProcesses ?? '?'}, server CPU ${ua.serverCpu}% vs ${w.serverCpu}%`, met: (w.serverProcesses ?? 1) > 1 && w.rps > ua.rps * 1.2 } : notRun('7. Workers (group workers)'));
  const wl = by('write-load');
  const wr = x.writeLoad;
  goals.push(wl && wr ? { goal: `8. Uncached article under write load (an article published every second through the API) ≥ ${fmt(articleMin)} req/s, p99 < 100 ms`, measured: `${fmt(wl.rps)} req/s, p99 ${wl.p99} ms; ${wr.pubs.published} publications (${wr.pubs.failed} failed); pages invalidated per publication: ${wr.dropped === null || wr.pubs.published === 0 ? 'not reported by the server' : (wr.dropped / wr.pubs.published).toFixed(1)}`, met: wl.rps >= articleMin && wl.p99 < 100 && wr.pubs.published > 0 && wr.pubs.failed === 0 } : notRun('8. Write load (group write-load)'));
  return goals;
}

function extraSections(x: { generator: Generator; nginxBytes: { bytes: number; encoding: string | null } | null; metrics: Map<string, number> | null; writeLoad: { pubs: Publications; dropped: number | null; changes: number | null } | null; province: ProvinceResult | null; profiles: { id: string; text: string }[]; workers: number }): string {
  const out: string[] = [];
  const m = (name: string) => (x.metrics?.has(name) ? fmt(x.metrics.get(name)!) : 'not reported by the server');
  out.push(`## Render cache (from /metrics after the main run)\n\n| | |\n|---|---|\n| trangtin_render_cache_bytes | ${m('trangtin_render_cache_bytes')} |\n| trangtin_render_cache_entries | ${m('trangtin_render_cache_entries')} |\n| trangtin_render_cache_hits_total / misses_total | ${m('trangtin_render_cache_hits_total')} / ${m('trangtin_render_cache_misses_total')} |\n`);
  if (x.nginxBytes) out.push(`## nginx yardstick\n\nThe cached article's response as the server sent it for \`Accept-Encoding: gzip, deflate, br\`: ${fmt(x.nginxBytes.bytes)} bytes, Content-Encoding ${x.nginxBytes.encoding ?? 'none'}; served by nginx (worker_processes auto, access log off, sendfile) from a temporary prefix on loopback, then stopped.\n`);
  if (x.writeLoad) {
    const w = x.writeLoad;
    out.push(`## Write load\n\nPublisher: a separate process through the public HTTP API (create, then the six review steps with each member's API token), one publication started every second. Published ${w.pubs.published}, failed ${w.pubs.failed}${w.pubs.firstError ? ` (first error: ${w.pubs.firstError})` : ''}; time per publication median ${w.pubs.medianMs} ms, max ${w.pubs.maxMs} ms. Pages dropped from the render cache: ${w.dropped ?? 'not reported by the server'}; cache changes: ${w.changes ?? 'not reported by the server'}.\n`);
  }
  if (x.province) {
    const p = x.province;
    out.push(`## Province\n\n${p.sites} sites × ${fmt(p.items)} published items on one node (SQLite or the same PostgreSQL database, schema \`…_p\`), generated in ${p.generated}. Server start to the first healthy /healthz: ${p.startSeconds} s (polled every 250 ms). Every site's home page asked once, uncached, one after the other: p50 ${p.home.p50} ms, p95 ${p.home.p95} ms, max ${p.home.max} ms. RSS afterwards: ${p.rss?.rss ?? '?'} MB over ${p.rss?.processes ?? '?'} process(es).\n`);
  }
  if (x.profiles.length) out.push(`## CPU profiles (--cpu-prof): top 15 self-time functions per scenario\n\nEach scenario ran on a server of its own started with \`--cpu-prof\` (warm-up included in the profile; samples of every server process summed).\n\n${x.profiles.map((p) => `### ${p.id}\n\n${p.text}\n`).join('\n')}`);
  out.push(`Load generator: **${x.generator}**${x.generator === 'wrk' ? ' (Debian, /usr/bin/wrk, its own process, a Lua script for the rotating URLs and the headers; percentiles from its done() hook)' : ' (in a child node process: wrk was not found)'}.\n`);
  return `\n${out.join('\n')}`;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
