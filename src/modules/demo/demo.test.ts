// The demo that `npm start` loads: five sites from the seed regulations, each
// with sample articles that went through its own review chain.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Agent, textOf } from '../../../test/support/agent.ts';
import { vietnamDate } from '../../core/time.ts';
import { historyMonths } from '../provision/demo-history.ts';
import { buildTestApp, type TestApp } from '../../../test/support/app.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { loadDemo, type DemoResult } from './load-demo.ts';

forEachEngine('demo sites', (engine) => {
  let t: TestApp;
  let demo: DemoResult;

  before(async () => {
    t = await buildTestApp(engine);
    demo = await loadDemo(t.db, { password: 'Demo-thu-nghiem-2026', clock: t.clock });
    t.refreshSites();
  });
  after(async () => t.close());

  test('every site shows its agency and published sample articles on its public home page', async () => {
    assert.equal(demo.sites.length, 5);
    for (const site of demo.sites) {
      const res = await t.app.inject({ url: '/', headers: { host: site.primaryHost! } });
      assert.equal(res.statusCode, 200, site.key);
      const text = textOf(res.body);
      assert.match(text, new RegExp(site.agencyName), site.key);
      assert.match(text, /Hướng dẫn tìm kiếm và theo dõi tin bài trên trang/, site.key);
    }
  });

  test('the sample articles went through each chain: approvals by different people, then publication', async () => {
    for (const site of demo.sites) {
      const articles = await t.db.selectFrom('articles').select(['id', 'publication', 'review_state']).where('site_id', '=', site.id).execute();
      assert.ok(articles.length >= 4, site.key);
      assert.ok(articles.every((a) => a.publication === 'published'), site.key);
      const approvals = await t.db.selectFrom('workflow_events').select(['actor_user_id']).where('site_id', '=', site.id).where('action', '=', 'approve').execute();
      assert.ok(approvals.length >= articles.length, `${site.key}: every article approved at least once`);
    }
  });

  test('every demo site has published sample documents, the newer decree replacing the older', async () => {
    for (const site of demo.sites) {
      const docs = await t.db.selectFrom('legal_documents').select(['number', 'replaced_on']).where('site_id', '=', site.id).execute();
      assert.ok(docs.length >= 2, site.key);
      assert.equal(docs.find((d) => d.number === '43/2011/NĐ-CP')?.replaced_on, '2022-08-01', site.key);
    }
  });

  test('every demo site lists published sample procedures on its public procedures page', async () => {
    for (const site of demo.sites) {
      const published = await t.db.selectFrom('procedures').select('name').where('site_id', '=', site.id).where('status', '=', 'published').execute();
      assert.ok(published.length >= 2, site.key);
      const host = site.hosts[0]!;
      const page = await t.app.inject({ method: 'GET', url: '/thu-tuc-hanh-chinh', headers: { host } });
      assert.equal(page.statusCode, 200, site.key);
      assert.ok(page.body.includes(published[0]!.name), `${site.key}: ${published[0]!.name}`);
    }
  });

  test('every demo site shows an answered question, a draft open for comment and its access-to-information list', async () => {
    for (const site of demo.sites) {
      const host = site.hosts[0]!;
      const qa = await t.app.inject({ url: '/hoi-dap', headers: { host } });
      assert.match(textOf(qa.body), /Thủ tục cấp giấy chứng nhận quyền sử dụng đất lần đầu/, site.key);
      assert.doesNotMatch(qa.body, /nguoidan1@example\.invalid|Người dân thử nghiệm 1/, `${site.key}: no personal data`);
      const drafts = await t.app.inject({ url: '/lay-y-kien', headers: { host } });
      assert.match(textOf(drafts.body), /Dự thảo Quy chế quản lý chợ trên địa bàn/, site.key);
      const access = await t.app.inject({ url: '/tiep-can-thong-tin', headers: { host } });
      assert.equal(access.statusCode, 200, site.key);
      const waiting = await t.db.selectFrom('citizen_cases').select('status').where('site_id', '=', site.id).execute();
      assert.deepEqual(waiting.map((c) => c.status).sort(), ['answered', 'assigned', 'received'], site.key);
    }
  });

  test('Kon Rẫy, the site with English, has English pages linked to their Vietnamese originals', async () => {
    const konray = demo.sites.find((s) => s.key === 'konray')!;
    const res = await t.app.inject({ url: '/en', headers: { host: konray.primaryHost! } });
    assert.equal(res.statusCode, 200);
    assert.match(textOf(res.body), /Operating rules of the e-information page issued/);
    const search = await t.app.inject({ url: '/tim-kiem?q=quy+che', headers: { host: konray.primaryHost! } });
    assert.match(textOf(search.body), /Ban hành quy chế hoạt động của Trang thông tin điện tử huyện Kon Rẫy/);
  });

  test('every demo site has months of provision history; Như Xuân shows units under its quota', async () => {
    const months = historyMonths(vietnamDate(t.clock.now()));
    for (const site of demo.sites) {
      const agent = new Agent(t.app, site.primaryHost!);
      await agent.login(`thuongtruc@${site.key}.localhost`, 'Demo-thu-nghiem-2026');
      const res = await agent.get(`/admin/provision?ky=${months[3]}`);
      assert.equal(res.statusCode, 200, site.key);
      const text = textOf(res.body);
      assert.match(text, /\d+ tin, bài, văn bản được đăng trong kỳ/, site.key);
      assert.doesNotMatch(text, /^0 tin, bài/, site.key);
      if (site.key === 'nhuxuan') assert.match(text, /Không đạt/);
      if (site.key === 'thanhchuong') assert.match(text, /Chỉ tiêu của thành viên/);
      // The same items went through the site's chain: the review-times page has figures for the month.
      const review = textOf((await agent.get(`/admin/review-times?thang=${months[3]}`)).body);
      assert.doesNotMatch(review, /Chưa có lượt xử lý nào/, site.key);
    }
  });

  test('the declared sections are filled from the seeds and published, with the sites’ own names', async () => {
    const entries = async (key: string) => {
      const site = demo.sites.find((s) => s.key === key)!;
      const rows = await t.db.selectFrom('articles').select(['entry_kind', 'publication']).where('site_id', '=', site.id).where('kind', '=', 'entry').execute();
      assert.ok(rows.every((r) => r.publication === 'published'), key);
      const counts: Record<string, number> = {};
      for (const r of rows) counts[r.entry_kind!] = (counts[r.entry_kind!] ?? 0) + 1;
      return { site, counts };
    };
    const nhuxuan = await entries('nhuxuan');
    assert.equal(nhuxuan.counts.project, 3);
    assert.equal(nhuxuan.counts.procurement, 2);
    const progress = await t.db.selectFrom('entry_fields').select('value').where('site_id', '=', nhuxuan.site.id).where('entry_kind', '=', 'project').where('field', '=', 'status').execute();
    assert.deepEqual(progress.map((r) => r.value).sort(), ['completed', 'ongoing', 'preparing']);
    const sxd = await entries('sxd-kontum');
    assert.equal(sxd.counts.conference_material, 2);
    assert.ok(sxd.counts.project! >= 1);
    const konray = await entries('konray');
    assert.deepEqual([konray.counts.budget_disclosure, konray.counts.enterprise, konray.counts.planning], [2, 3, 1]);
    const thanhchuong = await entries('thanhchuong');
    assert.equal(thanhchuong.counts.grassroots_disclosure, 4);
    assert.ok(thanhchuong.counts.announcement! >= 2);
    assert.ok((await entries('vpubnd-kontum')).counts.announcement! >= 2);
    // The sites' own names for their sections, copied from the presets.
    const settings = JSON.parse((await t.db.selectFrom('sites').select('settings').where('id', '=', nhuxuan.site.id).executeTakeFirstOrThrow()).settings);
    assert.equal(settings.entryKinds.project.label.vi, 'Dự án đầu tư, đấu thầu, mua sắm công');
    assert.equal(settings.entryKinds.enterprise.enabled, false);
    // Published entries are in search under their section's address.
    const indexed = await t.db.selectFrom('search_documents').select('url').where('site_id', '=', nhuxuan.site.id).where('item_type', '=', 'entry').execute();
    assert.ok(indexed.some((r) => r.url.startsWith('/du-an/')) && indexed.some((r) => r.url.startsWith('/dau-thau/')));
  });

  test('a story thread gathers 3 sample articles on two sites; the Provincial Office shows the "Mới" badge for 7 days (issue 16)', async () => {
    for (const key of ['nhuxuan', 'vpubnd-kontum']) {
      const site = demo.sites.find((s) => s.key === key)!;
      const list = await t.app.inject({ url: '/dong-su-kien', headers: { host: site.primaryHost! } });
      const href = /<a href="(\/dong-su-kien\/[a-z0-9-]+)">Vận hành trang thông tin điện tử theo quy chế mới<\/a>/.exec(list.body)?.[1];
      assert.ok(href, `${key}: the thread is listed`);
      const thread = await t.app.inject({ url: href, headers: { host: site.primaryHost! } });
      const timeline = /<ol class="thread-timeline">[\s\S]*?<\/ol>/.exec(thread.body)?.[0] ?? '';
      assert.equal((timeline.match(/<li>/g) ?? []).length, 3, `${key}: three articles in the timeline`);
      const article = /<a href="(\/bai-viet\/[a-z0-9-]+)">/.exec(timeline)![1]!;
      assert.match(textOf((await t.app.inject({ url: article, headers: { host: site.primaryHost! } })).body), /Theo dòng sự kiện: Vận hành trang thông tin điện tử theo quy chế mới/, `${key}: the article's box`);
    }
    const office = demo.sites.find((s) => s.key === 'vpubnd-kontum')!;
    const rule = await t.db.selectFrom('rules').select('value').where('site_id', '=', office.id).where('key', '=', 'public.new_badge_days').executeTakeFirstOrThrow();
    assert.deepEqual(JSON.parse(rule.value), { amount: 7, unit: 'calendar_days' });
  });

  test('the Department of Construction has a moderated forum: categories, answered topics, a removal with its reason, one topic waiting', async () => {
    const sxd = demo.sites.find((s) => s.key === 'sxd-kontum')!;
    const get = (url: string, host = sxd.primaryHost!) => t.app.inject({ url, headers: { host } });
    const settings = await t.db.selectFrom('forum_settings').selectAll().where('site_id', '=', sxd.id).executeTakeFirstOrThrow();
    assert.deepEqual([settings.enabled, settings.moderation], [1, 'before']);
    const index = textOf((await get('/dien-dan')).body);
    assert.match(index, /Cấp phép xây dựng.*Quy hoạch, kiến trúc đô thị.*Nhà ở và thị trường bất động sản/);
    assert.match((await get('/')).body, /href="\/dien-dan"/, 'in the menu');
    const posts = await t.db.selectFrom('forum_posts').selectAll().where('site_id', '=', sxd.id).execute();
    assert.ok(posts.some((p) => p.by_board === 1));
    const removed = posts.find((p) => p.status === 'removed')!;
    assert.ok(removed.moderation_reason);
    assert.equal(posts.filter((p) => p.status === 'pending').length, 1);
    const topic = textOf((await get(`/dien-dan/chu-de/${removed.topic_id}`)).body);
    assert.match(topic, /Nội dung đã bị Tổ biên tập gỡ bỏ ngày .*Lý do: Quảng cáo/);
    assert.ok(!topic.includes(removed.body));
    // Sites without a forum have none, and no menu entry.
    const nhuxuan = demo.sites.find((s) => s.key === 'nhuxuan')!;
    assert.equal((await get('/dien-dan', nhuxuan.primaryHost!)).statusCode, 404);
  });
});
