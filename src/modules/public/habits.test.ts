// Portal habits (issue 16) as a citizen sees them, on both engines: a story
// thread's page lists its published articles newest first with their dates;
// an article in the thread shows the "Theo dòng sự kiện" box with the others
// and a link to the thread, gone once the thread is taken down; the thread's
// articles must be news or articles of the same site; the "Mới" badge lasts
// the days of the rule version in force (default 3, set per site on
// /admin/rules); the home page's public-service tiles, with the provincial
// portal taken from the parent site.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildTestApp, TestClock, type TestApp } from '../../../test/support/app.ts';
import { Agent, textOf } from '../../../test/support/agent.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { makeBoard, publishArticle, type Board } from '../../../test/support/editorial.ts';
import { entryBody, publishEntry } from '../../../test/support/entries.ts';
import { makePng } from '../../../test/support/docx.ts';
import { systemActor } from '../../../test/support/factories.ts';
import { uploadMedia } from '../media/media.ts';

const DAY = 86_400_000;
const PORTAL = { name: 'Cổng Dịch vụ công tỉnh Thử Nghiệm', url: 'https://dichvucong.thunghiem.gov.vn' };

forEachEngine('public: portal habits (story threads, the "Mới" badge, public-service tiles)', (engine) => {
  let t: TestApp;
  let province: Board;
  let b: Board;
  let other: Board;
  const a: { id: number; slug: string }[] = [];
  let draftId = 0;
  let foreign: { id: number; slug: string };
  let thread: { id: number; slug: string };

  const get = (host: string, url: string) => t.app.inject({ method: 'GET', url, headers: { host } });
  const page = async (url: string, host = b.host) => {
    const res = await get(host, url);
    assert.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 300)}`);
    return res.body;
  };
  const threadValues = (articles: unknown[]) => ({ eventDates: { from: '2026-11-01', to: null }, articles });

  before(async () => {
    t = await buildTestApp(engine, { clock: new TestClock(new Date('2026-11-23T02:00:00Z')) });
    province = await makeBoard(t, 'tinhthunghiem', { level: 'province', settings: { publicServicePortal: PORTAL } });
    b = await makeBoard(t, 'xathunghiem', { parentSiteId: province.site.id });
    other = await makeBoard(t, 'xakhacnghiem');
    for (const title of ['Khai mạc Đại hội Đảng bộ xã', 'Đại hội thảo luận văn kiện', 'Bế mạc Đại hội Đảng bộ xã']) {
      a.push(await publishArticle(b, { title, tags: [] }));
      t.clock.advance(3_600_000);
    }
    const draft = await b.as('contributor', 'POST', '/api/v1/articles', { title: 'Bài chưa đăng về Đại hội', summary: '', bodyHtml: '<p>Nháp.</p>', sectionId: b.sectionId, unitId: b.unitId });
    draftId = draft.json().id as number;
    foreign = await publishArticle(other, { title: 'Tin của trang khác' });
    // Cached before the thread exists: its publication must drop the page (the box test reads it again).
    assert.doesNotMatch((await get(b.host, `/bai-viet/${a[0]!.slug}`)).body, /story-thread-box/);
    const cover = await uploadMedia(t.db, t.deps.files, { ...systemActor(b.site.id), userId: b.people.contributor.id }, { data: makePng(300, 200, [120, 30, 30]), originalName: 'dai-hoi.png', purpose: 'image', alt: 'Toàn cảnh hội trường Đại hội' });
    thread = await publishEntry(b, 'story_thread', { ...threadValues([a[0]!.id, a[1]!.id, a[2]!.id, draftId]), cover: { mediaId: cover.id, alt: 'Toàn cảnh hội trường Đại hội' } }, { title: 'Đại hội Đảng bộ xã nhiệm kỳ 2025–2030', summary: 'Toàn cảnh Đại hội.' });
  });
  after(async () => t.close());

  test("the articles field refuses another site's article and items that are not news or articles", async () => {
    const announcement = await publishEntry(b, 'announcement', { category: 'other', validity: { from: '2026-11-20', to: '2026-12-31' } }, { title: 'Thông báo thử' });
    for (const bad of [foreign.id, announcement.id, 999_999]) {
      const res = await b.as('contributor', 'POST', '/api/v1/articles', entryBody(b, 'story_thread', threadValues([a[0]!.id, bad]), { title: 'Dòng sự kiện sai' }));
      assert.equal(res.statusCode, 422, `${bad}: ${res.body}`);
      assert.match(res.body, /invalid_entry_article/);
      assert.match(res.body, /not a news item or article of this site/);
    }
    const text = await b.as('contributor', 'POST', '/api/v1/articles', entryBody(b, 'story_thread', threadValues(['bai-viet']), { title: 'Dòng sự kiện sai' }));
    assert.equal(text.statusCode, 422, text.body);
  });

  test('in the back office, articles are ticked in the list or typed by number, without JavaScript', async () => {
    const editor = new Agent(t.app, b.host);
    await editor.login(b.people.contributor.email);
    const form = await editor.get('/admin/articles/new?entry=story_thread');
    assert.equal(form.statusCode, 200, form.body.slice(0, 3000));
    assert.match(form.body, new RegExp(`name="f\\.articles" value="${a[0]!.id}"`), 'the newest articles are offered');
    assert.match(form.body, /name="f\.articles\.add"/, 'older ones are typed by number');
    assert.doesNotMatch(form.body, new RegExp(`name="f\\.articles" value="${foreign.id}"`), "another site's article is not offered");
    const res = await editor.post('/admin/articles', {
      kind: 'entry', entryKind: 'story_thread', title: 'Dòng sự kiện nhập tay', summary: '', bodyHtml: '', language: 'vi', unitId: String(b.unitId),
      'f.eventDates.from': '2026-11-01', 'f.eventDates.to': '', 'f.articles': String(a[0]!.id), 'f.articles.add': `${a[1]!.id}, http://${b.host}/admin/articles/${a[2]!.id}`,
    });
    assert.equal(res.statusCode, 303, res.body.slice(0, 2000));
    const id = Number(/\/admin\/articles\/(\d+)$/.exec(String(res.headers.location))![1]);
    const saved = await b.as('contributor', 'GET', `/api/v1/articles/${id}`);
    assert.deepEqual(saved.json().entry.values.articles, [a[0]!.id, a[1]!.id, a[2]!.id]);
    const refused = await editor.post('/admin/articles', { kind: 'entry', entryKind: 'story_thread', title: 'Dòng sự kiện sai', summary: '', bodyHtml: '', language: 'vi', unitId: String(b.unitId), 'f.articles.add': String(foreign.id) });
    assert.equal(refused.statusCode, 400);
    assert.match(textOf(refused.body), /Có bài không phải là tin, bài của trang này/);
  });

  test('the thread page lists its published articles newest first, with their dates; an unpublished one is not named', async () => {
    const html = await page(`/dong-su-kien/${thread.slug}`);
    assert.match(html, /<h1>Đại hội Đảng bộ xã nhiệm kỳ 2025–2030<\/h1>/);
    // The cover shows with its description, without the form's field name over it.
    assert.match(html, /<img [^>]*alt="Toàn cảnh hội trường Đại hội"/);
    assert.doesNotMatch(textOf(html), /Ảnh đại diện/);
    const timeline = /<ol class="thread-timeline">[\s\S]*?<\/ol>/.exec(html)?.[0] ?? '';
    const titles = [...timeline.matchAll(/<a href="\/bai-viet\/[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]);
    assert.deepEqual(titles, ['Bế mạc Đại hội Đảng bộ xã', 'Đại hội thảo luận văn kiện', 'Khai mạc Đại hội Đảng bộ xã']);
    assert.match(timeline, /<time datetime="2026-11-23T0\d:00:00\.\d+Z">23\/11\/2026 1\d:00<\/time>/);
    assert.doesNotMatch(html, /Bài chưa đăng về Đại hội/);
    assert.match(await page('/dong-su-kien'), /Đại hội Đảng bộ xã nhiệm kỳ 2025–2030/);
  });

  test("an article of the thread shows the box with the thread's other articles; taking the thread down removes it from the cached page", async () => {
    const url = `/bai-viet/${a[0]!.slug}`;
    const html = await page(url);
    const box = /<section class="story-thread-box"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    assert.match(textOf(box), /Theo dòng sự kiện: Đại hội Đảng bộ xã nhiệm kỳ 2025–2030/);
    assert.match(box, new RegExp(`<a href="/dong-su-kien/${thread.slug}">Xem toàn bộ dòng sự kiện \\(3 tin, bài\\)</a>`));
    assert.deepEqual([...box.matchAll(/<li><a href="\/bai-viet\/[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]), ['Bế mạc Đại hội Đảng bộ xã', 'Đại hội thảo luận văn kiện']);
    assert.doesNotMatch(await page(`/bai-viet/${foreign.slug}`, other.host), /story-thread-box/, 'an article in no thread has no box');
    const hits = t.deps.pageCache.stats().hits;
    await page(url);
    assert.equal(t.deps.pageCache.stats().hits, hits + 1, 'the article page is served from the render cache');
    const down = await b.as('secretariat', 'POST', `/api/v1/articles/${thread.id}/actions`, { action: 'take_down', reasonCode: 'published_in_error', note: 'Gộp nhầm.' });
    assert.equal(down.statusCode, 200, down.body);
    const after = await page(url);
    assert.doesNotMatch(after, /story-thread-box|Theo dòng sự kiện/, 'the box is gone at once');
    assert.equal((await get(b.host, `/dong-su-kien/${thread.slug}`)).statusCode, 404);
  });

  test('the "Mới" badge: inside the days of the rule in force, not after; the site sets its own on /admin/rules', async () => {
    const saved = t.clock.current;
    try {
      t.clock.set('2026-12-01T02:00:00Z');
      const fresh = await publishArticle(b, { title: 'Tin mới về mùa màng' });
      const section = `/chuyen-muc/${(await t.db.selectFrom('sections').select('slug').where('id', '=', b.sectionId).executeTakeFirstOrThrow()).slug}`;
      // The render cache keeps a page at most ten minutes; each look below stands for a later visit.
      const badgeOf = async (url: string) => {
        t.deps.pageCache.invalidateSite(b.site.id);
        const html = await page(url);
        const item = new RegExp(`<a href="/bai-viet/${fresh.slug}"[^>]*>[\\s\\S]*?</li>`).exec(html)?.[0] ?? '';
        assert.ok(item, `${url}: the item is listed`);
        return /<span class="new-badge"[^>]*>Mới<\/span>/.test(item);
      };
      t.clock.set('2026-12-03T01:00:00Z');
      assert.equal(await badgeOf(section), true, 'two days after: new (default 3 days)');
      assert.equal(await badgeOf('/'), true, 'on the home page too');
      assert.equal(await badgeOf(`/tim-kiem?q=${encodeURIComponent('mùa màng')}`), true, 'in search results');
      t.clock.set('2026-12-04T03:00:00Z');
      assert.equal(await badgeOf(section), false, 'three days and an hour after: no longer');

      const admin = new Agent(t.app, b.host);
      await admin.login(b.people.site_admin.email);
      const wrongUnit = await admin.post('/admin/rules', { key: 'public.new_badge_days', effectiveFrom: '2026-12-04', amount: '7', unit: 'working_days' });
      assert.equal(wrongUnit.statusCode, 400);
      assert.match(textOf(wrongUnit.body), /Nhãn «Mới» tính theo ngày/);
      const seven = await admin.post('/admin/rules', { key: 'public.new_badge_days', effectiveFrom: '2026-12-04', amount: '7', unit: 'calendar_days', citation: 'Quyết định của Ban biên tập' });
      assert.equal(seven.statusCode, 303, seven.body.slice(0, 500));
      assert.equal(await badgeOf(section), true, "the site's 7 days apply from today");
      // A later version, one day, takes over on its date: what is in force that day counts.
      const one = await admin.post('/admin/rules', { key: 'public.new_badge_days', effectiveFrom: '2026-12-06', amount: '1', unit: 'calendar_days' });
      assert.equal(one.statusCode, 303);
      t.clock.set('2026-12-05T03:00:00Z');
      assert.equal(await badgeOf(section), true, 'still 7 days on the 5th');
      t.clock.set('2026-12-06T03:00:00Z');
      assert.equal(await badgeOf(section), false, 'one day from the 6th');
    } finally {
      t.clock.current = saved;
    }
  });

  test("the home page's tiles: national portal, the parent's provincial portal, the procedures database, procedures and tracking", async () => {
    const html = await page('/');
    const tiles = /<section class="home-block service-tiles"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    const links = [...tiles.matchAll(/<a class="tile tile-(\w+)" href="([^"]+)"/g)].map((m) => [m[1], m[2]]);
    assert.deepEqual(links, [
      ['national', 'https://dichvucong.gov.vn'],
      ['provincial', PORTAL.url],
      ['database', 'https://csdl.dichvucong.gov.vn'],
      ['procedures', '/thu-tuc-hanh-chinh'],
      ['track', '/tra-cuu-y-kien'],
    ]);
    assert.match(textOf(tiles), /Cổng Dịch vụ công quốc gia/);
    assert.match(textOf(tiles), new RegExp(PORTAL.name));
    assert.match(textOf(tiles), /Cơ sở dữ liệu quốc gia về thủ tục hành chính/);
    // Words under each name, not bare host names that break at their dots in a narrow tile.
    assert.doesNotMatch(textOf(tiles), /\b[a-z0-9-]+\.(gov\.vn|vn)\b/);
    assert.match(textOf(tiles), /Tra cứu thủ tục trên cả nước/);
    assert.match(tiles, /<svg class="tile-icon"[^>]*aria-hidden="true"/, 'icons are drawn inline and hidden from screen readers');
    const lone = (await page('/', other.host)).match(/<a class="tile tile-(\w+)"/g) ?? [];
    assert.equal(lone.length, 4, 'a site with neither its own nor a parent portal has no provincial tile');
  });
});
