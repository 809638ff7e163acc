// Bench of the review-times figures (issue 13): one month holding 100,000
// items from 200 units, each through a two-step chain (200,000 stays at steps,
// 20 reviewers), plus 500 items open past their due time; times the page's
// figures (per step with the median, per reviewer, the open overdue list) and
// the report section for the month and the half-year, for the whole site and
// for one unit. Goal: well under 2 s on SQLite and PostgreSQL.
//
//   node --import tsx bench/review-times.ts                                         # SQLite (temporary file)
//   node --import tsx bench/review-times.ts --database=postgres://postgres@127.0.0.1:5432/test   # schema trangtin_bench_review
//
// Results are appended to bench/REVIEW-TIMES.md.
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { halfPeriod, monthPeriod } from '../src/core/reports/section.ts';
import { openDatabase, type Db } from '../src/platform/db/database.ts';
import { migrateToLatest } from '../src/platform/db/migrator.ts';
import { siteCalendar } from '../src/modules/articles/workflow-context.ts';
import { reviewTimelinessSection } from '../src/modules/review-times/section.ts';
import { loadReviewTimes } from '../src/modules/review-times/report.ts';
import { createSite } from '../src/modules/sites/manage-sites.ts';
import { AuditKeyring, useAuditKeys } from '../src/modules/audit/keys.ts';

const ITEMS = Number(process.argv.find((a) => a.startsWith('--items='))?.slice(8) ?? 100_000);
const UNITS = 200;
const REVIEWERS = 20;
const OPEN = 500;
const database = process.argv.find((a) => a.startsWith('--database='))?.slice(11) ?? null;
const SCHEMA = 'trangtin_bench_review';

async function open(): Promise<{ db: Db; engine: string; close: () => Promise<void> }> {
  if (database) {
    const admin = openDatabase(database);
    await sql`drop schema if exists ${sql.id(SCHEMA)} cascade`.execute(admin.db);
    await sql`create schema ${sql.id(SCHEMA)}`.execute(admin.db);
    await admin.close();
    const h = openDatabase(database, { schema: SCHEMA });
    const drop = async () => {
      await h.close();
      const again = openDatabase(database);
      await sql`drop schema if exists ${sql.id(SCHEMA)} cascade`.execute(again.db);
      await again.close();
    };
    return { db: h.db, engine: 'postgres', close: drop };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'trangtin-review-bench-'));
  const h = openDatabase(path.join(dir, 'bench.sqlite'));
  return { db: h.db, engine: 'sqlite', close: async () => { await h.close(); rmSync(dir, { recursive: true, force: true }); } };
}

async function inBatches<T>(db: Db, rows: T[], size: number, insert: (trx: Db, batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await db.transaction().execute((trx) => insert(trx, rows.slice(i, i + size)));
}

async function time<T>(label: string, work: () => Promise<T>): Promise<[string, number]> {
  const start = performance.now();
  await work();
  return [label, performance.now() - start];
}

async function main(): Promise<void> {
  // Creating the site writes an audit row; this throwaway database gets a throwaway key.
  useAuditKeys(new AuditKeyring([{ version: 1, secret: 'bench-only-audit-key-0123456789-abcdef' }]));
  const { db, engine, close } = await open();
  await migrateToLatest(db);
  const site = await createSite(db, { userId: null, onBehalfOfUserId: null, label: 'bench', ip: null, userAgent: null }, { key: 'bench', name: 'Trang thử', agencyName: 'Cơ quan thử', level: 'province', hosts: ['bench.test'] });
  const now = '2026-09-30T09:00:00.000Z';
  const units = Array.from({ length: UNITS }, (_, i) => ({ site_id: site.id, name: `Đơn vị ${i + 1}`, kind: 'phong', parent_id: null, sort_order: i, created_at: now, updated_at: now }));
  await inBatches(db, units, 100, (trx, batch) => trx.insertInto('units').values(batch as never).execute());
  const unitIds = (await db.selectFrom('units').select('id').where('site_id', '=', site.id).execute()).map((u) => u.id);
  const users = Array.from({ length: REVIEWERS + 1 }, (_, i) => ({ email: `u${i}@bench.test`, name: `Người ${i}`, name_folded: `nguoi ${i}`, password_hash: 'x', status: 'active', created_at: now, updated_at: now }));
  await inBatches(db, users, 100, (trx, batch) => trx.insertInto('users').values(batch as never).execute());
  const userIds = (await db.selectFrom('users').select('id').orderBy('id').execute()).map((u) => u.id);

  const setupStart = performance.now();
  const articles = Array.from({ length: ITEMS + OPEN }, (_, i) => {
    const open = i >= ITEMS;
    return {
      site_id: site.id, kind: 'news', title: `Tin ${i}`, title_folded: `tin ${i}`, slug: `tin-${i}`, unit_id: unitIds[i % UNITS], author_user_id: userIds[0],
      review_state: open ? 'in_review' : 'approved', step_index: open ? 1 : null, step_entered_at: open ? '2026-09-20T02:00:00.000Z' : null, step_due_at: open ? '2026-09-22T10:00:00.000Z' : null,
      chain: open ? JSON.stringify({ steps: [{ key: 'a', name: 'Biên tập', nameEn: 'Edit', actor: { kind: 'role', role: 'secretariat' }, kind: 'edit', deadline: null }, { key: 'b', name: 'Phê duyệt', nameEn: 'Approve', actor: { kind: 'role', role: 'editor_in_chief' }, kind: 'approve', deadline: null }], fourEyes: true, publishDeadline: null }) : null,
      created_at: now, updated_at: now,
    };
  });
  await inBatches(db, articles, 500, (trx, batch) => trx.insertInto('articles').values(batch as never).execute());
  const firstId = (await db.selectFrom('articles').select(sql<number>`min(id)`.as('id')).executeTakeFirstOrThrow()).id;
  const stays = [];
  for (let i = 0; i < ITEMS; i += 1) {
    const day = 1 + (i % 28);
    const entered = `2026-09-${String(day).padStart(2, '0')}T02:00:00.000Z`;
    for (const step of [0, 1]) {
      const minutes = 30 + ((i * 37 + step * 101) % 900);
      stays.push({
        site_id: site.id, item_type: 'article', item_id: firstId + i, step_index: step, step_key: step ? 'b' : 'a', step_name: step ? 'Phê duyệt' : 'Biên tập', step_kind: step ? 'approve' : 'edit',
        entered_at: entered, left_at: `2026-09-${String(day).padStart(2, '0')}T0${3 + step}:00:00.000Z`, due_at: entered, working_minutes: minutes, overdue: minutes > 600 ? 1 : 0, late_minutes: Math.max(0, minutes - 600),
        left_by: 'approve', actor_user_id: userIds[1 + ((i + step) % REVIEWERS)], on_behalf_of_user_id: i % 50 === 0 ? userIds[1] : null,
      });
    }
  }
  await inBatches(db, stays, 500, (trx, batch) => trx.insertInto('review_step_times').values(batch as never).execute());
  if (engine === 'postgres') await sql`analyze`.execute(db);
  const setupMs = performance.now() - setupStart;

  const clockNow = new Date(now);
  const ctx = { db, site, calendar: siteCalendar(site), now: clockNow, unitId: null };
  const month = monthPeriod('2026-09')!;
  const results: [string, number][] = [];
  await loadReviewTimes(db, site, month, clockNow); // warm-up
  results.push(await time('page figures, month (steps + median, reviewers, open overdue)', () => loadReviewTimes(db, site, month, clockNow)));
  results.push(await time('report section, month', () => reviewTimelinessSection.compute(ctx, month)));
  results.push(await time('report section, half-year 2026-H2', () => reviewTimelinessSection.compute(ctx, halfPeriod('2026-H2')!)));
  results.push(await time('report section, month, one unit', () => reviewTimelinessSection.compute({ ...ctx, unitId: unitIds[7]! }, month)));
  if (process.argv.includes('--detail')) {
    const { stepFigures, reviewerFigures, openOverdue, periodBounds } = await import('../src/modules/review-times/store.ts');
    const { loadStaffing } = await import('../src/modules/articles/workflow-context.ts');
    const scope = { siteId: site.id, ...periodBounds(month.from, month.to) };
    results.push(await time('detail: steps', () => stepFigures(db, scope)));
    results.push(await time('detail: reviewers', () => reviewerFigures(db, scope)));
    const staffing = await loadStaffing(db, site, '2026-09-30');
    results.push(await time('detail: open overdue', () => openOverdue(db, site.id, clockNow, siteCalendar(site), staffing)));
  }
  const figures = await loadReviewTimes(db, site, month, clockNow);
  if (figures.steps.reduce((n, s) => n + s.items, 0) !== ITEMS * 2 || figures.open.length !== OPEN) throw new Error('figures do not match the data set');

  const lines = [
    `\n## ${new Date().toISOString()} — ${engine}, ${ITEMS.toLocaleString('en')} items, ${UNITS} units, ${(ITEMS * 2).toLocaleString('en')} stays, ${OPEN} open overdue (${os.cpus().length} CPUs, ${os.cpus()[0]?.model ?? ''})\n`,
    `Data set written in ${(setupMs / 1000).toFixed(1)} s.\n`,
    '| Computation | Time (ms) | Goal < 2000 ms |',
    '|---|---:|---|',
    ...results.map(([label, ms]) => `| ${label} | ${ms.toFixed(0)} | ${ms < 2000 ? 'met' : 'NOT met'} |`),
    '',
  ];
  appendFileSync(path.join(import.meta.dirname, 'REVIEW-TIMES.md'), lines.join('\n'));
  console.log(lines.join('\n'));
  await close();
}

await main();
