// The monthly provision figures over a large site: 100,000 published items
// (a year of them), 200 units, 20 board members, 30 % with a provision
// deadline. Times the three monthly report sections (counts, quotas,
// deadlines) on SQLite and, with TEST_DATABASE_URL, on PostgreSQL, and writes
// bench/PROVISION.md. Goal: well under 2 s a month.
//
//   node --import tsx bench/provision.ts [--items=100000]
//   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node --import tsx bench/provision.ts
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { testEngines } from '../test/support/databases.ts';
import { makeSite, makeUser, systemActor } from '../test/support/factories.ts';
import { createCalendar } from '../src/core/calendar/index.ts';
import { monthPeriod, yearPeriod } from '../src/core/reports/section.ts';
import { addRuleVersion } from '../src/modules/rules/store.ts';
import { deadlineFigures, emulationFigures, provisionFigures, quotaFigures } from '../src/modules/provision/sections.ts';

const ITEMS = Number(/--items=(\d+)/.exec(process.argv.join(' '))?.[1] ?? 100_000);
const UNITS = 200;
const KINDS = ['news', 'article', 'photo', 'video', 'document', 'translation', 'collected'];
const CATEGORIES = ['event_news', 'major_event', 'meeting_news', 'monthly_data', 'disclosure'];

const lines: string[] = [];
for (const engine of testEngines()) {
  const database = await engine.open();
  const db = database.db;
  const site = await makeSite(db, 'bench-provision');
  const unitRows = await db
    .insertInto('units')
    .values(Array.from({ length: UNITS }, (_, i) => ({ site_id: site.id, parent_id: null, name: `Đơn vị số ${i + 1}`, kind: 'phong', sort_order: i, created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z' })))
    .returning('id')
    .execute();
  const board: number[] = [];
  for (let i = 0; i < 20; i++) board.push((await makeUser(db, site, ['board_member'], { name: `Thành viên ${i + 1}` })).id);
  const author = (await makeUser(db, site, ['contributor'], { name: 'Tác giả' })).id;
  const rule = (key: string, value: unknown) => addRuleVersion(db, systemActor(site.id), { siteId: site.id, key, value, effectiveFrom: '2026-01-01', citation: 'bench', reason: 'bench' });
  await rule('quota.unit', { min: 2, per: 'month' });
  await rule('quota.board_member', { min: 1, per: 'week' });
  await rule('deadline.news_after_event', { amount: 8, unit: 'working_hours' });
  await rule('deadline.major_event', { amount: 3, unit: 'calendar_days' });
  await rule('deadline.information_disclosure', { amount: 5, unit: 'working_days' });

  const started = Date.now();
  const yearStart = Date.parse('2026-01-01T00:00:00+07:00');
  const span = Date.parse('2027-01-01T00:00:00+07:00') - yearStart;
  for (let from = 0; from < ITEMS; from += 1000) {
    const rows = [];
    for (let i = from; i < Math.min(ITEMS, from + 1000); i++) {
      const published = new Date(yearStart + Math.floor(((i * 7919) % ITEMS) * (span / ITEMS)));
      const event = new Date(published.getTime() - ((i % 9) + 1) * 3_600_000);
      rows.push({
        site_id: site.id, kind: KINDS[i % KINDS.length]!, title: `Tin ${i}`, title_folded: `tin ${i}`, slug: `tin-${i}`, publication: 'published',
        unit_id: unitRows[(i * 31) % UNITS]!.id, author_user_id: i % 3 === 0 ? board[i % board.length]! : author, vouched_by_user_id: i % 2 === 0 ? board[(i * 7) % board.length]! : null,
        provision_category: i % 10 < 3 ? CATEGORIES[i % CATEGORIES.length]! : null, event_at: event.toISOString(),
        first_published_at: published.toISOString(), last_published_at: published.toISOString(), created_at: event.toISOString(), updated_at: published.toISOString(),
      });
    }
    await db.insertInto('articles').values(rows).execute();
  }
  const loadMs = Date.now() - started;

  const newContext = () => ({ db, site, calendar: createCalendar(), now: new Date('2027-01-05T00:00:00Z'), unitId: null });
  const period = monthPeriod('2026-10')!;
  const timings: number[] = [];
  let counted = 0;
  for (let run = 0; run < 3; run++) {
    // A fresh context per run, as each report has: nothing is carried over between runs.
    const ctx = newContext();
    const t0 = performance.now();
    const counts = await provisionFigures(ctx, period);
    await quotaFigures(ctx, period);
    await deadlineFigures(ctx, period);
    timings.push(performance.now() - t0);
    counted = Number(counts.tables[0]!.totals!.count);
  }
  const best = Math.min(...timings);
  // The yearly report: the same sections over the year, and the emulation summary.
  const yearCtx = newContext();
  const y0 = performance.now();
  const year = yearPeriod('2026')!;
  await provisionFigures(yearCtx, year);
  await quotaFigures(yearCtx, year);
  await deadlineFigures(yearCtx, year);
  await emulationFigures(yearCtx, year);
  const yearMs = performance.now() - y0;
  lines.push(`| ${engine.name} | ${ITEMS.toLocaleString('en')} | ${UNITS} | ${counted} | ${(loadMs / 1000).toFixed(1)} s | ${timings.map((t) => `${Math.round(t)} ms`).join(', ')} | ${best < 2000 ? 'met' : 'NOT met'} | ${Math.round(yearMs)} ms |`);
  console.log(lines.at(-1));
  await database.destroy();
}

const out = [
  '# Provision figures over a large site',
  '',
  `Run ${new Date().toISOString()} with \`node --import tsx bench/provision.ts\` (PostgreSQL when TEST_DATABASE_URL is set).`,
  'A site with the items spread over 2026, 200 units, 20 board members, 30 % of items with a provision deadline;',
  'timed: the monthly report sections for October 2026 (counts per unit, person and kind; unit quotas for the month and',
  'board quotas for its weeks; deadlines on the working calendar), three runs. Goal: under 2 s. Also timed, once: the',
  'yearly report of 2026 (the same sections over all 100,000 items, and the emulation summary). The machine is shared: figures vary.',
  '',
  '| Engine | Items | Units | Items in the month | Data load | Monthly figures (3 runs) | Goal | Yearly report |',
  '|---|---:|---:|---:|---:|---|---|---:|',
  ...lines,
  '',
].join('\n');
writeFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'PROVISION.md'), out);
