// `npm run bench -- reports [--database=postgres://…] [--items=100000] [--units=200] [--runs=3]`
//
// Times the computation of a monthly report over every section in
// REPORT_SECTIONS for one site holding N published items from M units:
// creates a fresh database (a temporary SQLite file, or the schema
// trangtin_bench_reports of the given PostgreSQL database, dropped and
// recreated), inserts the site, the units, a board member and the items with
// direct bulk SQL (articles and their search_documents rows, spread over
// 2026, every unit and every kind, with received times and deadline
// categories), plus monthly rating counts, then computes the report of
// November 2026 a few times and records the times in bench/REPORTS.md (one
// line per engine, kept across runs). Bounded: the data set is generated once
// per run, and the report is computed --runs times.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadOrCreateAuditKeys } from '../src/config.ts';
import { monthPeriod } from '../src/core/reports/section.ts';
import { installAuditKeys } from '../src/modules/audit/keys.ts';
import { computeReport } from '../src/modules/reports/compute.ts';
import { previewDocument } from '../src/modules/reports/document.ts';
import { reportPdf } from '../src/modules/reports/pdf.ts';
import { reportXlsx } from '../src/modules/reports/xlsx.ts';
import { sectionsOf } from '../src/modules/reports/registry.ts';
import { createSite } from '../src/modules/sites/manage-sites.ts';
import { addMember } from '../src/modules/members/manage-members.ts';
import { engineOf, openDatabase, type Db } from '../src/platform/db/database.ts';
import { migrateToLatest } from '../src/platform/db/migrator.ts';
import { machineDescription } from './probe.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCHEMA = 'trangtin_bench_reports';
const KINDS = ['news', 'article', 'photo', 'video', 'document', 'translation', 'collected'];
const CATEGORIES = [null, 'news_after_event', 'document_after_signing', 'major_event'];
const MONTH = '2026-11';

interface BenchItem {
  kind: string;
  title: string;
  title_folded: string;
  slug: string;
  first_published_at: string;
  [column: string]: string | number | null;
}

interface Options {
  database: string | null;
  items: number;
  units: number;
  runs: number;
}

function parse(argv: string[]): Options {
  const o: Options = { database: null, items: 100_000, units: 200, runs: 3 };
  for (const arg of argv) {
    const [name, value = ''] = arg.replace(/^--/, '').split('=');
    if (name === 'reports') continue;
    if (name === 'database') o.database = value;
    else if (name === 'items') o.items = Math.min(2_000_000, Math.max(1, Number(value)));
    else if (name === 'units') o.units = Math.min(5_000, Math.max(1, Number(value)));
    else if (name === 'runs') o.runs = Math.min(20, Math.max(1, Number(value)));
    else throw new Error(`Unknown option ${arg}. Usage: npm run bench -- reports [--database=postgres://…] [--items=N] [--units=N] [--runs=N]`);
  }
  return o;
}

async function resetSchema(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${SCHEMA} cascade`);
    await client.query(`create schema ${SCHEMA}`);
  } finally {
    await client.end();
  }
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${SCHEMA}`);
  return u.toString();
}

/** A deterministic spread: item i of n, its time in 2026 (UTC ISO). */
function timeOf(i: number, n: number): string {
  const start = Date.parse('2026-01-01T01:00:00Z');
  const end = Date.parse('2026-12-05T10:00:00Z');
  return new Date(start + Math.floor(((end - start) * i) / n)).toISOString();
}

async function generate(db: Db, o: Options): Promise<{ siteId: number }> {
  const actor = { userId: null, onBehalfOfUserId: null, label: 'bench', ip: null, userAgent: null };
  const site = await createSite(db, actor, { key: 'bench-reports', name: 'Trang thông tin điện tử tỉnh (bench)', agencyName: 'Ủy ban nhân dân tỉnh', level: 'province', hosts: ['bench-reports.localhost'] });
  const now = new Date().toISOString();
  const unitIds: number[] = [];
  for (let i = 0; i < o.units; i += 200) {
    const rows = Array.from({ length: Math.min(200, o.units - i) }, (_, k) => ({ site_id: site.id, name: `Đơn vị số ${i + k + 1}`, kind: 'phong', parent_id: null, sort_order: i + k, created_at: now, updated_at: now }));
    const inserted = await db.insertInto('units').values(rows as never).returning('id').execute();
    unitIds.push(...inserted.map((r) => r.id));
  }
  const author = await addMember(db, { ...actor, siteId: site.id }, { email: 'bench@bench-reports.localhost', name: 'Thành viên Ban biên tập', roles: ['board_member'] });
  const section = await db.insertInto('sections').values({ site_id: site.id, name: 'Tin tức, sự kiện', slug: 'tin-tuc', parent_id: null, name_en: null, description: null, is_reference: 0, archived_at: null, created_at: now, updated_at: now } as never).returning('id').executeTakeFirstOrThrow();
  const BATCH = engineOf(db) === 'postgres' ? 1000 : 500;
  for (let start = 0; start < o.items; start += BATCH) {
    const articles: BenchItem[] = [];
    for (let i = start; i < Math.min(o.items, start + BATCH); i++) {
      const published = timeOf(i, o.items);
      const received = new Date(Date.parse(published) - ((i % 40) + 1) * 3600_000).toISOString();
      articles.push({
        site_id: site.id,
        kind: KINDS[i % KINDS.length]!,
        title: `Tin bài số ${i + 1}`,
        title_folded: `tin bai so ${i + 1}`,
        section_id: section.id,
        reader_contribution: 0,
        unit_id: unitIds[i % unitIds.length]!,
        event_at: received,
        is_reference: 0,
        slug: `tin-bai-so-${i + 1}`,
        review_state: 'published',
        publication: 'published',
        has_pending_changes: 0,
        urgent_pending_approval: 0,
        takedown_notice: 0,
        first_published_at: published,
        last_published_at: published,
        author_user_id: author.userId,
        received_at: received,
        received_via: i % 3 === 0 ? 'email' : 'system',
        provision_category: CATEGORIES[i % CATEGORIES.length]!,
        vouched_by_user_id: author.userId,
        created_at: received,
        updated_at: published,
      });
    }
    await db.transaction().execute(async (trx) => {
      const ids = await trx.insertInto('articles').values(articles as never).returning('id').execute();
      await trx
        .insertInto('search_documents')
        .values(
          ids.map((r, k) => ({
            site_id: site.id,
            item_type: 'article',
            item_id: r.id,
            language: 'vi',
            section_id: section.id,
            kind: articles[k]!.kind,
            url: `/tin-tuc/${articles[k]!.slug}`,
            title: articles[k]!.title,
            summary: '',
            body_text: '',
            title_lc: articles[k]!.title.toLowerCase(),
            text_lc: '',
            folded_title: articles[k]!.title_folded,
            folded_body: '',
            published_at: articles[k]!.first_published_at,
          })) as never,
        )
        .execute();
      // Monthly ratings of one item in ten.
      const rated = ids.filter((_, k) => k % 10 === 0).map((r, k) => ({ site_id: site.id, month: articles[k * 10]!.first_published_at.slice(0, 7), item_type: 'article', item_id: r.id, kind: articles[k * 10]!.kind, section_id: section.id, title: articles[k * 10]!.title, url: `/tin-tuc/${articles[k * 10]!.slug}`, useful: (k % 7) + 1, not_useful: k % 3 }));
      if (rated.length > 0) await trx.insertInto('rating_counts').values(rated).execute();
    });
  }
  return { siteId: site.id };
}

function record(engine: string, line: string): void {
  const file = path.join(root, 'bench/REPORTS.md');
  const head = `# Report computation bench\n\nWritten by \`npm run bench -- reports\` (bench/reports.ts): a monthly report (${MONTH}) over every section in\nREPORT_SECTIONS, for one site with the items and units below. Goal: under 2 s on each engine.\nOne line per engine; a run replaces its engine's line.\n\n| Engine | Items | Units | Sections | Best | Median | XLSX | PDF | Runs | Machine | When |\n|---|---:|---:|---|---:|---:|---:|---:|---:|---|---|\n`;
  const rows = existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter((l) => l.startsWith('| sqlite') || l.startsWith('| postgres')) : [];
  const kept = rows.filter((l) => !l.startsWith(`| ${engine} `));
  writeFileSync(file, `${head}${[...kept, line].sort().join('\n')}\n`);
}

export async function runReportsBench(argv: string[]): Promise<void> {
  const o = parse(argv);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'trangtin-bench-reports-'));
  installAuditKeys({ auditKeys: loadOrCreateAuditKeys(dir) });
  const url = o.database ? await resetSchema(o.database) : path.join(dir, 'bench.db');
  const handle = openDatabase(url);
  try {
    await migrateToLatest(handle.db);
    const engine = engineOf(handle.db);
    let t0 = performance.now();
    const { siteId } = await generate(handle.db, o);
    console.log(`${engine}: generated ${o.items} items, ${o.units} units in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const site = (await import('../src/modules/sites/store.ts')).listSites(handle.db).then((s) => s.find((x) => x.id === siteId)!);
    const period = monthPeriod(MONTH)!;
    const times: number[] = [];
    let sections = 0;
    for (let run = 0; run < o.runs; run++) {
      t0 = performance.now();
      const figures = await computeReport(handle.db, await site, 'monthly', period, new Date('2026-12-05T03:00:00Z'));
      times.push(performance.now() - t0);
      sections = figures.sections.length;
    }
    // The formats, from the last figures (the report of the period as a preview).
    const doc = previewDocument(await site, await computeReport(handle.db, await site, 'monthly', period, new Date('2026-12-05T03:00:00Z')));
    t0 = performance.now();
    await reportXlsx(doc);
    const xlsxMs = performance.now() - t0;
    t0 = performance.now();
    await reportPdf(doc);
    const pdfMs = performance.now() - t0;
    times.sort((a, b) => a - b);
    const best = times[0]!;
    const median = times[Math.floor(times.length / 2)]!;
    console.log(`${engine}: monthly report over ${sections} sections (${sectionsOf('monthly').map((s) => s.key).join(', ')}): best ${best.toFixed(0)} ms, median ${median.toFixed(0)} ms; XLSX ${xlsxMs.toFixed(0)} ms, PDF ${pdfMs.toFixed(0)} ms`);
    record(engine, `| ${engine} | ${o.items.toLocaleString('en')} | ${o.units} | ${sections} (${sectionsOf('monthly').map((s) => s.key).join(', ')}) | ${best.toFixed(0)} ms | ${median.toFixed(0)} ms | ${xlsxMs.toFixed(0)} ms | ${pdfMs.toFixed(0)} ms | ${o.runs} | ${(({ cpu, cores, memoryGb }) => `${cpu}, ${cores} cores, ${memoryGb} GB`)(machineDescription()).replace(/\|/g, '/')} | ${new Date().toISOString().slice(0, 10)} |`);
  } finally {
    await handle.close();
    if (o.database) {
      const client = new pg.Client({ connectionString: o.database });
      await client.connect();
      await client.query(`drop schema if exists ${SCHEMA} cascade`).finally(() => client.end());
    }
    rmSync(dir, { recursive: true, force: true });
  }
}
