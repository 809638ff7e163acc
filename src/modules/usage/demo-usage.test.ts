// The demo sites start with a few months of usage, the same on every load.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { TestClock } from '../../../test/support/app.ts';
import { forEachEngine, type TestDatabase } from '../../../test/support/databases.ts';
import { loadDemo } from '../demo/load-demo.ts';
import type { Site } from '../sites/site.ts';
import { DEMO_USAGE_DAYS, loadDemoUsage } from './demo-usage.ts';
import { loadUsageReport } from './report.ts';

forEachEngine('demo usage', (engine) => {
  let db: TestDatabase;
  let sites: Site[];
  const clock = new TestClock(new Date('2026-11-23T02:00:00Z'));

  before(async () => {
    db = await engine.open();
    sites = (await loadDemo(db.db, { password: 'Demo-Lượt-xem-2026', clock })).sites;
  });
  after(async () => db.destroy());

  test('every demo site has views and searches for the months before today, none today', async () => {
    for (const site of sites) {
      const october = await loadUsageReport(db.db, site.id, { from: '2026-10-01', to: '2026-10-31' });
      assert.ok(october.totalViews > 1000, `${site.key}: ${october.totalViews}`);
      assert.ok(october.topItems.length > 5 && october.topItems.every((i) => i.title), `${site.key}: ${JSON.stringify(october.topItems)}`);
      assert.ok(october.searches > 0, `${site.key} searches`);
      assert.ok(october.zeroQueries.length > 0, `${site.key} zero`);
      assert.ok(october.groups.some((g) => 'sectionId' in g.group), site.key);
      const today = await loadUsageReport(db.db, site.id, { from: '2026-11-23', to: '2026-11-23' });
      assert.equal(today.totalViews, 0);
    }
    const first = await db.db.selectFrom('usage_daily').select('day').where('site_id', '=', sites[0]!.id).orderBy('day').executeTakeFirstOrThrow();
    assert.equal(first.day, '2026-07-26', `${DEMO_USAGE_DAYS} days before 23 Nov`);
    // The demo library carries no files, so there is nothing to have been downloaded.
    assert.equal((await db.db.selectFrom('download_daily').select('site_id').execute()).length, 0);
  });

  test('generated the same way every time', async () => {
    const site = sites[0]!;
    const total = async () => Number((await db.db.selectFrom('usage_daily').select((eb) => eb.fn.sum<number>('views').as('v')).where('site_id', '=', site.id).executeTakeFirstOrThrow()).v);
    const before = await total();
    for (const table of ['usage_daily', 'search_daily', 'download_daily'] as const) await db.db.deleteFrom(table).where('site_id', '=', site.id).execute();
    await loadDemoUsage(db.db, site.id, site.key, clock);
    assert.equal(await total(), before);
  });
});
