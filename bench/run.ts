// `npm run bench [-- --articles=1000000 --database=postgres://… --duration=10 …]`
//
// Generates (or reuses) a site with N published articles, starts the real
// server on 127.0.0.1, checks that an article page, a section page and a
// search show what the database holds, then runs each scenario with
// autocannon for a bounded time and writes bench/RESULTS.md. See
// bench/README.md for what every scenario means.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { escapeHtml } from '@kitajs/html';
import { sql } from 'kysely';
import pg from 'pg';
import { parseQuery } from '../src/core/search/index.ts';
import { loadOrCreateAuditKeys } from '../src/config.ts';
import { installAuditKeys } from '../src/modules/audit/keys.ts';
import { openDatabase, type DatabaseHandle } from '../src/platform/db/database.ts';
import { listItems, withDescendants } from '../src/modules/public/queries.ts';
import { searchDocuments } from '../src/modules/search/index.ts';
import { listSections } from '../src/modules/sections/manage-sections.ts';
import { generateDataset, SITE_NAME, type DatasetInfo } from './generate.ts';
import { runLoad, type LoadResult } from './load.ts';
import { machineDescription, Probe } from './probe.ts';
import { writeResults, type Goal, type ScenarioReport } from './report.ts';
import { buildClient, startServer, type RunningServer } from './server.ts';
import { Rng } from './text.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PG_SCHEMA = 'trangtin_bench';
const DATASET_FILE = 'bench-dataset.json';
/** Bump when the generator changes what it writes, so --reuse does not reuse an older data set. */
const GENERATOR_VERSION = 2;

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
}

const USAGE = `npm run bench -- [options]
  --articles=N          published articles to generate (default 100000; e.g. 1000000)
  --database=URL        postgres://… to bench PostgreSQL (the bench owns and recreates schema ${PG_SCHEMA}); default SQLite
  --data-dir=DIR        where the SQLite file, server log and session secret go (default: a new temporary folder)
  --reuse               reuse the data set already in --data-dir when it was made with the same options
  --keep                keep the temporary data folder afterwards
  --duration=S          seconds of measured load per scenario (default 10, at most 120)
  --warmup=S            seconds of unmeasured load before each scenario, on the same connections (default 5)
  --connections=N       connections for the page scenarios (default 64)
  --db-connections=N    connections for the deep-pagination and search scenarios (default 1: their latency
                        without queueing behind each other; the server runs queries on one thread)
  --only=a,b            run only these scenarios (${'home, article, article-uncached, section-deep, search-diacritics, search-folded, search-phrase, search-rare'})
  --log-level=L         the server's LOG_LEVEL (default info, as npm start)
  --cpu-prof            run the server under --cpu-prof (profile written to the data folder)
  --server-flags="…"    extra node options for the server process only (experiments, e.g. --max-old-space-size=256)
  --attempts=N          measure a scenario up to N times (default 3) while other processes use more than
  --max-interference=P  P% of a core (default 25) during it; the attempt with the least interference is kept
  --seed=S              seed of the generated text (default trangtin-bench)
  --out=FILE            where to write the results (default bench/RESULTS.md)`;

function parseOptions(argv: string[]): Options {
  const o: Options = { articles: 100_000, database: null, dataDir: null, reuse: false, keep: false, duration: 10, warmup: 5, connections: 64, dbConnections: 1, only: null, logLevel: 'info', cpuProf: false, serverFlags: [], attempts: 3, maxInterference: 25, seed: 'trangtin-bench', out: path.join(root, 'bench/RESULTS.md') };
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
      case 'help': console.log(USAGE); process.exit(0); break;
      default: throw new Error(`Unknown option ${arg}\n${USAGE}`);
    }
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
}

async function prepareDataset(o: Options, dataDir: string, log: (m: string) => void): Promise<Prepared> {
  const engine = o.database ? 'postgres' : 'sqlite';
  const databaseUrl = o.database ? benchPostgresUrl(o.database) : path.join(dataDir, 'trangtin.sqlite');
  const marker = path.join(dataDir, DATASET_FILE);
  const wanted = { version: GENERATOR_VERSION, engine, database: o.database ? redact(o.database) : 'sqlite', articles: o.articles, seed: o.seed };
  if (o.reuse && existsSync(marker)) {
    const saved = JSON.parse(readFileSync(marker, 'utf8')) as typeof wanted & { info: DatasetInfo };
    if (Object.entries(wanted).every(([k, v]) => (saved as Record<string, unknown>)[k] === v)) {
      log(`Reusing the data set in ${dataDir} (${saved.info.articles.toLocaleString('en')} articles, made ${saved.info.generatedAt})`);
      return { info: saved.info, reused: true, databaseUrl };
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
    return { info, reused: false, databaseUrl };
  } finally {
    await database.close();
  }
}

// ---- facts about the data set that the scenarios use -------------------------------------------

const SEARCHES = [
  { id: 'search-diacritics', title: 'Search with diacritics', q: 'Hà Nội' },
  { id: 'search-folded', title: 'Search without diacritics', q: 'ha noi' },
  { id: 'search-phrase', title: 'Search for a quoted phrase', q: '"dịch vụ công trực tuyến"' },
  { id: 'search-rare', title: 'Search for a rare word', q: 'xoang' },
] as const;

interface Facts {
  engineVersion: string;
  databaseBytes: number | null;
  sample: { slug: string; title: string; summary: string };
  uncachedSlugs: string[];
  deep: { slug: string; name: string; total: number; page: number; pages: number; firstUrl: string; queryMs: number };
  searches: { id: string; title: string; q: string; total: number; firstUrl: string | null; queryMs: number }[];
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
    searches.push({ id: s.id, title: s.title, q: s.q, total: r.value.total, firstUrl: r.value.hits[0]?.url ?? null, queryMs: r.medianMs });
  }
  return {
    engineVersion,
    databaseBytes,
    sample,
    uncachedSlugs,
    deep: { slug: news.slug, name: news.name, total, page, pages, firstUrl: deepList.value.items[0]?.url ?? '', queryMs: deepList.medianMs },
    searches,
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
  title: string;
  what: string;
  connections: number;
  path: string | (() => string);
  /** Paths given out, for the uncached scenarios. */
  issued?: () => number;
}

function scenarios(o: Options, facts: Facts): Scenario[] {
  let slugIndex = 0;
  const nextArticle = () => `/bai-viet/${facts.uncachedSlugs[slugIndex++ % facts.uncachedSlugs.length]}`;
  const counter = (prefix: string) => {
    let n = 0;
    return { next: () => `${prefix}&n=${++n}`, issued: () => n };
  };
  const deep = counter(`/chuyen-muc/${facts.deep.slug}?trang=${facts.deep.page}`);
  const list: Scenario[] = [
    { id: 'home', title: '(a) Home page, cached', what: '`GET /` again and again: served from the render cache (the home page is re-rendered at most once a minute for its visitor counter).', connections: o.connections, path: '/' },
    { id: 'article', title: '(b) Article page, cached', what: `\`GET /bai-viet/${facts.sample.slug}\` again and again: one article, served from the render cache.`, connections: o.connections, path: `/bai-viet/${facts.sample.slug}` },
    {
      id: 'article-uncached',
      title: '(c) Article pages, uncached',
      what: `Every request asks for a different article (${facts.uncachedSlugs.length.toLocaleString('en')} published articles in a fixed shuffled order, the warm-up included), so none can come from the render cache: each is read from the database, rendered, compressed and cached. There is no cache-bypass header in the server, so none is used.`,
      connections: o.connections,
      path: nextArticle,
      issued: () => slugIndex,
    },
    {
      id: 'section-deep',
      title: `(d) Section page ${facts.deep.page}, uncached`,
      what: `\`GET /chuyen-muc/${facts.deep.slug}?trang=${facts.deep.page}\` (“${facts.deep.name}” and its subsections: ${facts.deep.total.toLocaleString('en')} articles, ${facts.deep.pages.toLocaleString('en')} pages). Each request adds \`&n=<counter>\`, a parameter the page ignores, so that every request misses the render cache (whose key is the URL) and runs the listing query with offset ${((facts.deep.page - 1) * 20).toLocaleString('en')}.`,
      connections: o.dbConnections,
      path: deep.next,
      issued: deep.issued,
    },
    ...facts.searches.filter((s) => s.firstUrl !== null).map((s) => {
      const c = counter(`/tim-kiem?q=${encodeURIComponent(s.q)}`);
      return {
        id: s.id,
        title: `(e) ${s.title}: ${s.q}`,
        what: `\`GET /tim-kiem?q=${s.q}\` (${s.total.toLocaleString('en')} matching articles, 20 shown). Each request adds \`&n=<counter>\`, ignored by the page, so every request misses the render cache and runs the search (count, ranking, the page of hits, snippets).`,
        connections: o.dbConnections,
        path: c.next,
        issued: c.issued,
      };
    }),
  ];
  return o.only ? list.filter((s) => o.only!.includes(s.id)) : list;
}

/** Which code was measured: the commit, and the source files changed since (results are not reproducible from the commit alone then). */
function codeVersion(): string {
  const git = (args: string[]) => spawnSync('git', args, { cwd: root, encoding: 'utf8', timeout: 10_000 }).stdout?.trim() ?? '';
  const commit = git(['rev-parse', '--short', 'HEAD']);
  if (!commit) return 'unknown (not a git checkout)';
  const changed = git(['status', '--porcelain', '--', 'src', 'bin', 'package.json'])
    .split('\n')
    .filter(Boolean)
    .map((line) => line.slice(3));
  return changed.length === 0 ? `commit ${commit}` : `commit ${commit} with uncommitted changes in ${changed.map((f) => `\`${f}\``).join(', ')}`;
}

// ---- main ---------------------------------------------------------------------------------

async function main(): Promise<void> {
  // `npm run bench -- reports …`: the report computation bench (bench/reports.ts), not the load test.
  if (process.argv[2] === 'reports') return (await import('./reports.ts')).runReportsBench(process.argv.slice(3));
  const o = parseOptions(process.argv.slice(2));
  const log = (m: string) => console.log(m);
  const started = new Date();
  const tempDir = o.dataDir === null;
  const dataDir = o.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'trangtin-bench-'));
  mkdirSync(dataDir, { recursive: true });
  log(`Data folder: ${dataDir}`);
  let server: RunningServer | null = null;
  const throwaway = tempDir && !o.keep;
  const cleanup = async () => {
    if (server) await server.stop();
    server = null;
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

    buildClient(root);
    server = await startServer({ root, databaseUrl: prepared.databaseUrl, dataDir, logLevel: o.logLevel, cpuProfDir: o.cpuProf ? dataDir : null, nodeFlags: o.serverFlags });
    log(`Server pid ${server.pid} on ${server.base} (log: ${server.logFile})`);
    const idle = Probe.rssMb(server.pid);
    const checks = await checkServer(server, facts);
    for (const c of checks) log(`  ✓ ${c}`);
    const afterChecks = Probe.rssMb(server.pid);

    const reports: ScenarioReport[] = [];
    const machine = machineDescription();
    let peakSeen = 0;
    for (const s of scenarios(o, facts)) {
      let best: ScenarioReport | null = null;
      // The machine may be shared: a run during which other processes took a lot of CPU is repeated
      // (a bounded number of times) and the least disturbed attempt is kept.
      for (let attempt = 1; attempt <= o.attempts; attempt += 1) {
        let issuedBefore = 0;
        let loadBefore = 0;
        const result: LoadResult = await runLoad(
          {
            base: server.base,
            connections: s.connections,
            warmup: o.warmup,
            duration: o.duration,
            path: s.path,
            onWindow: () => {
              issuedBefore = s.issued?.() ?? 0;
              loadBefore = os.loadavg()[0]!;
            },
          },
          server.pid,
        );
        const issued = s.issued ? s.issued() - issuedBefore : null;
        const report: ScenarioReport = { id: s.id, title: s.title, what: s.what, result, distinctPaths: issued, loadAverage: [loadBefore, os.loadavg()[0]!], attempts: attempt };
        log(`${s.title}${attempt > 1 ? ` (attempt ${attempt})` : ''}: ${result.rps.toLocaleString('en')} req/s, p50 ${result.p50} ms, p95 ${result.p95} ms, p99 ${result.p99} ms, errors ${result.errors}, non-2xx ${result.non2xx}, RSS peak ${result.rssPeakMb} MB, server CPU ${result.serverCpu}%, others ${result.otherCpu}%`);
        if (!best || result.otherCpu < best.result.otherCpu) best = { ...report };
        best.attempts = attempt;
        peakSeen = Math.max(peakSeen, result.rssPeakMb);
        if (result.otherCpu <= o.maxInterference) break;
        if (attempt < o.attempts) await new Promise((r) => setTimeout(r, 5000));
      }
      reports.push(best!);
    }
    await new Promise((r) => setTimeout(r, 3000));
    const final = Probe.rssMb(server.pid);
    const exitCode = await server.stop();
    server = null;

    // VmHWM: the kernel's own peak of the process, which no sampling can miss.
    const peak = Math.max(final?.hwm ?? 0, peakSeen);
    const byId = new Map(reports.map((r) => [r.id, r.result]));
    const goals: Goal[] = [];
    for (const id of ['home', 'article']) {
      const r = byId.get(id);
      if (r) goals.push({ goal: `Cached ${id === 'home' ? 'home page' : 'article'}: ≥ 5,000 req/s with p99 < 20 ms at ${o.connections} connections`, measured: `${r.rps.toLocaleString('en')} req/s, p99 ${r.p99} ms`, met: r.rps >= 5000 && r.p99 < 20 && o.connections >= 64 });
    }
    const unc = byId.get('article-uncached');
    if (unc) goals.push({ goal: 'Uncached article: ≥ 1,000 req/s', measured: `${unc.rps.toLocaleString('en')} req/s (p99 ${unc.p99} ms at ${o.connections} connections)`, met: unc.rps >= 1000 });
    const searchResults = facts.searches.map((s) => ({ s, r: byId.get(s.id) })).filter((x): x is { s: Facts['searches'][number]; r: LoadResult } => Boolean(x.r));
    if (searchResults.length > 0) {
      const worst = Math.max(...searchResults.map((x) => x.r.p95));
      goals.push({
        goal: `Search p95 < 50 ms at 100,000 articles${prepared.info.articles !== 100_000 ? ` (this run: ${prepared.info.articles.toLocaleString('en')})` : ''}`,
        measured: `${searchResults.map((x) => `${x.s.q}: ${x.r.p95} ms`).join('; ')} (at ${o.dbConnections} connection${o.dbConnections === 1 ? '' : 's'})`,
        met: worst < 50,
      });
    }
    goals.push({ goal: 'Server memory < 300 MB', measured: `peak RSS ${peak} MB, ${final?.rss ?? '?'} MB after the load`, met: peak < 300 });

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
      scenarios: reports,
      goals,
    });
    log(`\nResults written to ${path.relative(process.cwd(), o.out)}`);
    for (const g of goals) log(`  ${g.met ? 'MET    ' : 'NOT MET'}  ${g.goal}: ${g.measured}`);
  } finally {
    await cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
