// The demo's organisation: Như Xuân shows its three units with functions,
// heads and contacts, six leaders, ten officials and who receives
// information requests; every other demo site at least its leaders and
// introduction entries, published through its chain.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { textOf } from '../../../test/support/agent.ts';
import { buildTestApp, type TestApp } from '../../../test/support/app.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { loadDemo, type DemoResult } from './load-demo.ts';

forEachEngine('demo organisation', (engine) => {
  let t: TestApp;
  let demo: DemoResult;
  const page = (host: string, url: string) => t.app.inject({ url, headers: { host } });

  before(async () => {
    t = await buildTestApp(engine);
    demo = await loadDemo(t.db, { password: 'Demo-thu-nghiem-2026', clock: t.clock });
    t.refreshSites();
  });
  after(async () => t.close());

  test('Như Xuân: units with functions and heads, six leaders, ten officials, the information-request receiver first', async () => {
    const chart = await page('nhuxuan.localhost', '/co-cau-to-chuc');
    assert.equal(chart.statusCode, 200);
    const text = textOf(chart.body);
    for (const s of ['Lê Đình Phương', 'Cầm Bá Tùng', 'Nguyễn Thị Hồng Hạnh', 'Chánh Văn phòng Hà Văn Thắng', 'tckh.nhuxuan@thanhhoa.gov.vn', 'Quy chế, Điều 18.3', 'Quách Văn Long']) assert.ok(text.includes(s), s);
    const directory = textOf((await page('nhuxuan.localhost', '/danh-ba')).body);
    assert.ok(directory.indexOf('Trần Thị Thu Hà') < directory.indexOf('Lê Đình Phương'), 'the receiver first');
    const site = demo.sites.find((s) => s.key === 'nhuxuan')!;
    const counts = await t.db.selectFrom('articles').select(['entry_kind', (eb) => eb.fn.countAll<number>().as('n')]).where('site_id', '=', site.id).where('kind', '=', 'entry').where('entry_kind', 'in', ['introduction', 'leader', 'official']).where('publication', '=', 'published').groupBy('entry_kind').execute();
    assert.deepEqual(Object.fromEntries(counts.map((c) => [c.entry_kind, Number(c.n)])), { introduction: 3, leader: 6, official: 10 });
  });

  test('every other site has its leaders and introduction; English where the site has it', async () => {
    for (const site of demo.sites.filter((s) => s.key !== 'nhuxuan')) {
      const text = textOf((await page(site.primaryHost!, '/co-cau-to-chuc')).body);
      assert.match(text, /Trần Văn Bình/, site.key);
      const intros = await t.db.selectFrom('search_documents').select('url').where('site_id', '=', site.id).where('kind', '=', 'introduction').execute();
      assert.ok(intros.length >= 2 && intros.every((i) => i.url.startsWith('/gioi-thieu-chung/')), site.key);
    }
    assert.equal((await page('konray.localhost', '/en/organisation')).statusCode, 200);
  });
});
