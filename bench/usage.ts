// The cost of counting usage (modules/usage): 100,000 page views (and 10,000
// searches, 5,000 downloads) recorded in memory, then flushed as batched
// upserts; a second round on the same keys (the upsert path); and the monthly
// usage report over a month of 2,000 items a day. Writes bench/USAGE.md.
//
//   node --import tsx bench/usage.ts                                  # SQLite (a temporary file)
//   node --import tsx bench/usage.ts --database=postgres://postgres@127.0.0.1:5432/test   # schema trangtin_bench_usage
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openDatabase } from '../src/platform/db/database.ts';
import { migrateToLatest } from '../src/platform/db/migrator.ts';
import { installAuditKeys } from '../src/modules/audit/keys.ts';
import { createSite } from '../src/modules/sites/manage-sites.ts';
import { UsageCounter } from '../src/modules/usage/counter.ts';
import { loadUsageReport } from '../src/modules/usage/report.ts';

const PG_SCHEMA = 'trangtin_bench_usage';
const VIEWS = 100_000;
const ITEMS = 2_000;
const SECTIONS = 30;
const SEARCHES = 10_000;
const QUERIES = 500;
const DOWNLOADS = 5_000;
const FILES = 300;

const arg = process.argv.find((a) => a.startsWith('--database='))?.slice('--database='.length) ?? null;

async function openBenchDatabase() {
  if (arg) {
    const client = new pg.Client({ connectionString: arg });
    await client.connect();
    await client.query(`drop schema if exists ${PG_SCHEMA} cascade`);
    await client.query(`create schema ${PG_SCHEMA}`);
    await client.end();
    return { handle: openDatabase(arg, { schema: PG_SCHEMA }), cleanup: async () => {} };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'trangtin-usage-bench-'));
  return { handle: openDatabase(path.join(dir, 'bench.sqlite')), cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
}

/** A fixed sequence: the same views every run (a long tail: low item numbers are read more). */
function* sequence(n: number, modulo: number): Generator<number> {
  let x = 12345;
  for (let i = 0; i < n; i += 1) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    const u = x / 2 ** 31;
    yield Math.floor(modulo * u * u);
  }
}

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

async function main() {
  const { handle, cleanup } = await openBenchDatabase();
  const db = handle.db;
  await migrateToLatest(db);
  // A throw-away key: the bench's audit rows (the site's creation) are discarded with its database.
  installAuditKeys({ auditKeys: [{ version: 1, secret: 'usage-bench-audit-key-that-is-long-enough-0123' }] });
  const site = await createSite(db, { userId: null, onBehalfOfUserId: null, label: 'bench', ip: null, userAgent: null }, { key: 'bench', name: 'Trang thử tải', agencyName: 'UBND thử tải', level: 'commune', hosts: ['bench.test'] });
  let now = new Date('2026-11-23T03:00:00Z');
  const counter = new UsageCounter(() => now);

  const record = () => {
    const start = process.hrtime.bigint();
    for (const item of sequence(VIEWS, ITEMS)) counter.view(site.id, { itemType: 'article', itemId: item + 1, sectionId: (item % SECTIONS) + 1 });
    for (const q of sequence(SEARCHES, QUERIES)) counter.search(site.id, `thủ tục số ${q}`, q % 7 === 0 ? 0 : 3);
    for (const f of sequence(DOWNLOADS, FILES)) counter.download(site.id, 'media', f + 1);
    return ms(start);
  };
  const rowCount = async () => {
    const n = async (t: 'usage_daily' | 'search_daily' | 'download_daily') => Number((await db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    return { usage: await n('usage_daily'), search: await n('search_daily'), download: await n('download_daily') };
  };

  const recordFirst = record();
  let start = process.hrtime.bigint();
  await counter.flush(db);
  const flushFirst = ms(start);
  const rows = await rowCount();

  const recordSecond = record();
  start = process.hrtime.bigint();
  await counter.flush(db);
  const flushSecond = ms(start);
  const check = await db.selectFrom('usage_daily').select((eb) => eb.fn.sum<number>('views').as('v')).executeTakeFirstOrThrow();
  if (Number(check.v) !== 2 * VIEWS) throw new Error(`expected ${2 * VIEWS} views, found ${check.v}`);

  // A month of history: 30 days × the same traffic, then the monthly report.
  for (let day = 1; day <= 29; day += 1) {
    now = new Date(Date.UTC(2026, 10, day, 3));
    record();
    await counter.flush(db);
  }
  start = process.hrtime.bigint();
  const report = await loadUsageReport(db, site.id, { from: '2026-11-01', to: '2026-11-30' });
  const reportMs = ms(start);
  const monthRows = await rowCount();
  await handle.close();
  await cleanup();

  const engine = arg ? 'PostgreSQL' : 'SQLite';
  const lines = [
    `### ${engine} (${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version})`,
    '',
    '| Measure | Figure |',
    '|---|---|',
    `| Record ${VIEWS.toLocaleString('en')} views + ${SEARCHES.toLocaleString('en')} searches + ${DOWNLOADS.toLocaleString('en')} downloads in memory (first round: includes warm-up and checking 500 new queries for personal data) | ${recordFirst.toFixed(1)} ms (${((recordFirst * 1e6) / (VIEWS + SEARCHES + DOWNLOADS)).toFixed(0)} ns each) |`,
    `| First flush: ${rows.usage} + ${rows.search} + ${rows.download} rows inserted | ${flushFirst.toFixed(1)} ms |`,
    `| Second round recorded / flushed (every row an upsert on an existing key) | ${recordSecond.toFixed(1)} ms (${((recordSecond * 1e6) / (VIEWS + SEARCHES + DOWNLOADS)).toFixed(0)} ns each) / ${flushSecond.toFixed(1)} ms |`,
    `| Monthly report over ${monthRows.usage.toLocaleString('en')} daily rows (${report.totalViews.toLocaleString('en')} views) | ${reportMs.toFixed(1)} ms |`,
    '',
  ];
  const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'USAGE.md');
  let previous = '';
  try {
    previous = readFileSync(out, 'utf8');
  } catch {
    previous = '';
  }
  const header = '# Usage counting bench\n\n`node --import tsx bench/usage.ts [--database=postgres://…]` (see README.md). Each run replaces its engine\'s section.\n\n';
  const sections = previous.split(/^### /m).slice(1).filter((s) => !s.startsWith(engine));
  writeFileSync(out, header + [...sections.map((s) => `### ${s.trimEnd()}\n\n`), lines.join('\n')].join(''));
  console.log(lines.join('\n'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
