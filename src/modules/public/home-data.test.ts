// The home page's data kept between renders (home-data.ts, ADR 0032), on both engines: an
// uncached home page (`/?n=…`) shows a publication made through the workflow at once, never
// another site's data, data at most a minute old (the injected clock), and a page rendered from
// older data expires with it; the maintenance notice in the chrome, read once per content
// version, appears and goes at its publication and end times with no content change.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { textOf } from '../../../test/support/agent.ts';
import { buildTestApp, TestClock, type TestApp } from '../../../test/support/app.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { makeBoard, publishArticle, type Board } from '../../../test/support/editorial.ts';
import { scheduleMaintenance } from '../maintenance/store.ts';
import { syncContentVersions } from './content-version.ts';
import { HOME_DATA_TTL_MS } from './home-data.ts';

const actor = { userId: null, onBehalfOfUserId: null, label: 'test', ip: null, userAgent: null };

forEachEngine('home page data kept between renders', (engine) => {
  let t: TestApp;
  let a: Board;
  let b: Board;
  let n = 0;
  const clock = new TestClock(new Date('2026-11-23T02:00:00Z'));
  /** A home page the render cache does not hold: `n` is ignored by the page. */
  const uncachedHome = async (board: Board) => {
    const res = await t.app.inject({ url: `/?n=${++n}`, headers: { host: board.host } });
    assert.equal(res.statusCode, 200);
    return textOf(res.body);
  };

  before(async () => {
    t = await buildTestApp(engine, { clock });
    a = await makeBoard(t, 'trangchua');
    b = await makeBoard(t, 'trangchub');
    await publishArticle(a, { title: 'Xã Như Xuân khai giảng lớp học tình thương', tags: [] });
    await publishArticle(b, { title: 'Phường Đông Sơn sửa đường liên thôn', tags: [] });
  });
  after(async () => t.close());

  test('a publication through the workflow shows on the next uncached home page, of its own site only', async () => {
    assert.match(await uncachedHome(a), /lớp học tình thương/);
    assert.match(await uncachedHome(b), /sửa đường liên thôn/);
    // A scoped publication moves no site-wide version, only the lists: the kept data must follow it too.
    await publishArticle(a, { title: 'Xã Như Xuân đón bằng công nhận nông thôn mới', tags: [] });
    assert.match(await uncachedHome(a), /đón bằng công nhận nông thôn mới/);
    const other = await uncachedHome(b);
    assert.match(other, /sửa đường liên thôn/);
    assert.doesNotMatch(other, /Như Xuân/, "another site's data is never served");
    await publishArticle(b, { title: 'Phường Đông Sơn khánh thành nhà văn hóa', tags: [] });
    assert.match(await uncachedHome(b), /khánh thành nhà văn hóa/);
    assert.doesNotMatch(await uncachedHome(a), /Đông Sơn/);
  });

  test('what moves no version shows within the minute: the kept data is read again after it', async () => {
    assert.match(await uncachedHome(a), /lớp học tình thương/);
    // Written behind the application's back: no content version moves.
    await t.db.updateTable('search_documents').set({ title: 'Xã Như Xuân mở lớp học bơi miễn phí' }).where('site_id', '=', a.site.id).where('title', '=', 'Xã Như Xuân khai giảng lớp học tình thương').execute();
    clock.advance(HOME_DATA_TTL_MS - 1000);
    assert.match(await uncachedHome(a), /lớp học tình thương/, 'read once, then kept');
    clock.advance(2000);
    const fresh = await uncachedHome(a);
    assert.match(fresh, /lớp học bơi miễn phí/);
    assert.doesNotMatch(fresh, /lớp học tình thương/);
  });

  test('a page rendered from data near the end of its minute is not kept beyond it', async () => {
    await uncachedHome(a);
    clock.advance(HOME_DATA_TTL_MS - 50);
    const url = `/?n=${++n}`;
    await t.app.inject({ url, headers: { host: a.host } });
    // The data had 50 ms left (by the application's clock): the page lives no longer (by the cache's).
    await new Promise((r) => setTimeout(r, 120));
    const misses = t.deps.pageCache.stats().misses;
    await t.app.inject({ url, headers: { host: a.host } });
    assert.equal(t.deps.pageCache.stats().misses, misses + 1, 'rendered again');
    clock.advance(1000);
  });

  test('a maintenance notice appears at its publication and goes at its end, with no content change; a new one shows at once', async () => {
    assert.doesNotMatch(await uncachedHome(a), /bảo trì/i);
    // A window whose publication is ahead (another node's clock) and that ends within the minute,
    // written behind the application's back: seen once the list read a minute ago is read again.
    const now = clock.now().getTime() + HOME_DATA_TTL_MS;
    const at = (ms: number) => new Date(now + ms).toISOString();
    const row = await t.db
      .insertInto('maintenance_windows')
      .values({ all_sites: 0, starts_at: at(30_000), ends_at: at(40_000), reason: 'Thay nguồn điện dự phòng', reason_en: null, published_at: at(10_000), created_by_user_id: null, created_at: at(0), updated_at: at(0) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db.insertInto('maintenance_window_sites').values({ window_id: row.id, site_id: a.site.id }).execute();
    clock.advance(HOME_DATA_TTL_MS + 1000);
    assert.doesNotMatch(await uncachedHome(a), /Thay nguồn điện dự phòng/, 'not yet published');
    clock.advance(10_000);
    assert.match(await uncachedHome(a), /Thay nguồn điện dự phòng/, 'shown from its publication');
    assert.doesNotMatch(await uncachedHome(b), /Thay nguồn điện dự phòng/, 'on the affected site only');
    clock.advance(30_000);
    assert.doesNotMatch(await uncachedHome(a), /Thay nguồn điện dự phòng/, 'gone at its end');
    // Published through the use case: its audit moves the site's version, and the next render shows it.
    await scheduleMaintenance(t.db, actor, { sites: [a.site.id], startsAt: new Date(now + 30 * 86_400_000), endsAt: new Date(now + 30 * 86_400_000 + 3_600_000), reason: 'Nâng cấp hệ điều hành máy chủ' }, clock);
    await syncContentVersions(t.db, t.deps.pageCache);
    assert.match(await uncachedHome(a), /Nâng cấp hệ điều hành máy chủ/);
    assert.doesNotMatch(await uncachedHome(b), /Nâng cấp hệ điều hành máy chủ/);
  });
});
