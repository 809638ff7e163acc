// Targeted invalidation of the render cache (ADR 33, issue 18 goal 8), through HTTP on a real
// database: an article's publication, correction and take-down drop its own page and every list,
// but another article's page stays cached; a change of section or of the site drops everything.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { textOf } from '../../../test/support/agent.ts';
import { buildTestApp, TestClock, type TestApp } from '../../../test/support/app.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { makeBoard, publishArticle, type Board } from '../../../test/support/editorial.ts';
import { systemActor } from '../../../test/support/factories.ts';
import { appendAudit } from '../audit/store.ts';
import { updateSection } from '../sections/manage-sections.ts';

forEachEngine('targeted render cache invalidation', (engine) => {
  let t: TestApp;
  let b: Board;
  let unrelated: { id: number; slug: string };
  let linked: { id: number; slug: string };
  let target: { id: number; slug: string };
  const get = (url: string) => t.app.inject({ url, headers: { host: b.host } });
  const act = (role: Parameters<Board['as']>[0], id: number, body: Record<string, unknown>) => b.as(role, 'POST', `/api/v1/articles/${id}/actions`, body);
  /** Whether the page comes from the cache (a hit, counted by PageCache.stats). */
  const servedFromCache = async (url: string) => {
    const hits = t.deps.pageCache.stats().hits;
    const res = await get(url);
    assert.equal(res.statusCode, 200, url);
    return t.deps.pageCache.stats().hits === hits + 1;
  };
  /** Every list a reader may look at, cached. */
  const LISTS = ['/', '/chuyen-muc/tin-tuc-su-kien', '/tim-kiem?q=hoi+cho+nong+san', '/rss.xml'];

  before(async () => {
    t = await buildTestApp(engine, { clock: new TestClock(new Date('2026-11-23T02:00:00Z')) });
    b = await makeBoard(t, 'phamvi');
    unrelated = await publishArticle(b, { title: 'Lịch tiếp công dân tháng 12', tags: [] });
    target = await publishArticle(b, { title: 'Khai mạc hội chợ nông sản Như Xuân', tags: [] });
    linked = await publishArticle(b, { title: 'Bài có liên kết tới hội chợ', tags: [], relatedIds: [target.id] });
  });
  after(async () => t.close());

  test('a publication drops the lists but not the page of another article', async () => {
    for (const url of [`/bai-viet/${unrelated.slug}`, ...LISTS]) await get(url);
    assert.equal(await servedFromCache(`/bai-viet/${unrelated.slug}`), true);
    const before = t.deps.pageCache.stats();
    const fresh = await publishArticle(b, { title: 'Hội chợ nông sản có thêm gian hàng OCOP', tags: [] });
    const after = t.deps.pageCache.stats();
    assert.ok(after.pagesDropped - before.pagesDropped >= LISTS.length, 'the lists were dropped');
    assert.equal(await servedFromCache(`/bai-viet/${unrelated.slug}`), true, 'the unrelated article stays cached');
    for (const url of LISTS) assert.match(textOf((await get(url)).body), /Hội chợ nông sản có thêm gian hàng OCOP|gian hàng OCOP/, url);
    assert.match(textOf((await get(`/bai-viet/${fresh.slug}`)).body), /gian hàng OCOP/);
  });

  test("a correction shows at once on its page and in the related box of another article's page", async () => {
    assert.match(textOf((await get(`/bai-viet/${linked.slug}`)).body), /Khai mạc hội chợ nông sản Như Xuân/);
    await get(`/bai-viet/${target.slug}`);
    await get(`/bai-viet/${unrelated.slug}`);
    const current = await b.as('contributor', 'GET', `/api/v1/articles/${target.id}`);
    const edit = await b.as('contributor', 'PATCH', `/api/v1/articles/${target.id}`, { lockVersion: current.json().lockVersion, title: 'Khai mạc hội chợ nông sản huyện Như Xuân' });
    assert.equal(edit.statusCode, 200, edit.body);
    await act('contributor', target.id, { action: 'submit' });
    for (const role of ['unit_head', 'secretariat', 'deputy', 'editor_in_chief'] as const) await act(role, target.id, { action: 'approve' });
    const corrected = await act('publisher', target.id, { action: 'correct', note: 'Sửa tên huyện.' });
    assert.equal(corrected.statusCode, 200, corrected.body);
    assert.match(textOf((await get(`/bai-viet/${target.slug}`)).body), /Khai mạc hội chợ nông sản huyện Như Xuân/);
    assert.match(textOf((await get(`/bai-viet/${linked.slug}`)).body), /Khai mạc hội chợ nông sản huyện Như Xuân/, 'the related box follows the correction');
    assert.equal(await servedFromCache(`/bai-viet/${unrelated.slug}`), true, 'the unrelated article stays cached');
  });

  test('a take-down is gone at once from its page, its section, the home page, search and feeds', async () => {
    for (const url of [`/bai-viet/${target.slug}`, `/bai-viet/${unrelated.slug}`, `/bai-viet/${linked.slug}`, ...LISTS]) await get(url);
    const down = await act('secretariat', target.id, { action: 'take_down', reasonCode: 'published_in_error', note: 'Đăng nhầm.' });
    assert.equal(down.statusCode, 200, down.body);
    assert.equal((await get(`/bai-viet/${target.slug}`)).statusCode, 404);
    for (const url of ['/', '/chuyen-muc/tin-tuc-su-kien', '/rss.xml']) assert.doesNotMatch((await get(url)).body, /Khai mạc hội chợ nông sản/, url);
    assert.doesNotMatch(textOf((await get('/tim-kiem?q=hoi+cho+nong+san')).body), /Khai mạc hội chợ/);
    assert.doesNotMatch(textOf((await get(`/bai-viet/${linked.slug}`)).body), /Khai mạc hội chợ/, 'gone from the related box');
    assert.equal(await servedFromCache(`/bai-viet/${unrelated.slug}`), true, 'the unrelated article stays cached');
  });

  test('a section renamed (the menu) or a site setting changed drops every page', async () => {
    await get(`/bai-viet/${unrelated.slug}`);
    assert.equal(await servedFromCache(`/bai-viet/${unrelated.slug}`), true);
    await updateSection(t.db, systemActor(b.site.id), b.sectionId, { name: 'Tin tức và sự kiện', nameEn: 'News' }, t.clock);
    const renamed = await get(`/bai-viet/${unrelated.slug}`);
    assert.match(textOf(renamed.body), /Tin tức và sự kiện/, 'the new name shows on an article page at once');
    assert.equal(await servedFromCache(`/bai-viet/${unrelated.slug}`), true);
    // Any action not scoped (here the site's kinds of entries, which the menu shows) drops everything.
    await appendAudit(t.db, systemActor(b.site.id), { action: 'site.entry_kinds', targetType: 'site', targetId: b.site.id, details: {} }, t.clock);
    // The change was made outside a request: the poll (or a notice) brings it.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(await servedFromCache(`/bai-viet/${unrelated.slug}`), false);
  });

  test('the scopes are recorded with each version, and a change of the sections shown in menus widens a publication', async () => {
    const rows = await t.db.selectFrom('site_content_changes').select(['version', 'scope']).where('site_id', '=', b.site.id).orderBy('version').execute();
    const versions = await t.db.selectFrom('site_content_versions').select('version').where('site_id', '=', b.site.id).executeTakeFirstOrThrow();
    assert.equal(rows.at(-1)!.version, Number(versions.version));
    assert.ok(rows.some((r) => r.scope === `item:${target.id} lists`), JSON.stringify(rows.slice(-6)));
    assert.equal(rows.at(-1)!.scope, '*');
    // The first publication in the reference section fills it: the menus change, the whole site goes.
    await publishArticle(b, { title: 'Giá lúa tuần này', sectionId: b.referenceSectionId, isReference: true, tags: [] });
    const last = await t.db.selectFrom('site_content_changes').select('scope').where('site_id', '=', b.site.id).orderBy('version', 'desc').executeTakeFirstOrThrow();
    assert.equal(last.scope, '*');
  });
});
