// The demo's polls and promotions on first start: every site has a running
// poll with votes (on its home page) and a closed one with results; Thanh
// Chương and the Provincial Office show a current promotion as a banner, whose
// confirmation letter is a PDF kept internal; Thanh Chương's expired promotion
// is in the back office only.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Agent, textOf } from '../../../test/support/agent.ts';
import { buildTestApp, TestClock, type TestApp } from '../../../test/support/app.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import type { Site } from '../sites/site.ts';
import { loadDemo } from './load-demo.ts';

forEachEngine('demo polls and promotions', (engine) => {
  let t: TestApp;
  let sites: Site[];
  const clock = new TestClock(new Date('2026-11-23T02:00:00Z'));
  const site = (key: string) => sites.find((s) => s.key === key)!;

  before(async () => {
    t = await buildTestApp(engine, { clock });
    sites = (await loadDemo(t.db, { password: 'Demo-Bình-chọn-2026', clock, files: t.deps.files })).sites;
    t.refreshSites();
  });
  after(async () => t.close());

  test('every demo site has a running poll with votes on its home page and a closed one with results', async () => {
    for (const s of sites) {
      const visitor = new Agent(t.app, s.primaryHost!);
      assert.match((await visitor.get('/')).body, /class="home-block home-poll"/, s.key);
      const list = textOf((await visitor.get('/binh-chon')).body);
      assert.match(list, /Đang diễn ra.*thủ tục hành chính trực tuyến.*Đã kết thúc.*Tổng số phiếu: 295/s, s.key);
    }
  });

  test('Thanh Chương and the Provincial Office show a current promotion with its banner; the letter is a PDF, internal; the expired one is not public', async () => {
    for (const [key, name] of [['thanhchuong', 'Chè xanh Thanh Mai'], ['vpubnd-kontum', 'Cà phê Đăk Hà']] as const) {
      const visitor = new Agent(t.app, site(key).primaryHost!);
      const home = await visitor.get('/');
      assert.match(home.body, /class="home-block promotions".*<img [^>]*alt="Biểu trưng/s, key);
      const list = await visitor.get('/quang-ba');
      assert.match(textOf(list.body), new RegExp(name), key);
      assert.doesNotMatch(list.body, /Bãi Ổi/);
      const letters = await t.db.selectFrom('media').select(['mime', 'sha256']).where('site_id', '=', site(key).id).where('mime', '=', 'application/pdf').execute();
      assert.ok(letters.length >= 1, `${key}: the letter is stored`);
      for (const l of letters) assert.ok(!list.body.includes(l.sha256) && !home.body.includes(l.sha256));
    }
    const expired = await t.db.selectFrom('articles').select(['id', 'publication']).where('site_id', '=', site('thanhchuong').id).where('entry_kind', '=', 'promotion').where('title', 'like', '%Bãi Ổi%').executeTakeFirstOrThrow();
    assert.equal(expired.publication, 'published');
    assert.equal(await t.db.selectFrom('search_documents').select('id').where('item_id', '=', expired.id).where('item_type', '=', 'entry').executeTakeFirst(), undefined);
  });
});
