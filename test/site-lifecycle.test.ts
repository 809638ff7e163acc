// Site lifecycle after the 2025 reorganisation (issue 17 item 4, ADR 29), on
// SQLite and PostgreSQL: an archived site is read-only in its back office (its
// administrator can still export it), says it is an archive and links the site
// that took over its duties; that site's public pages list it among the former
// district sites; and every address a merged site ever published — crawled from
// its own sitemap.xml — answers 200 or redirects to a page that answers 200.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Agent, textOf } from './support/agent.ts';
import { buildTestApp, type TestApp } from './support/app.ts';
import { makeCase } from './support/citizens.ts';
import { forEachEngine } from './support/databases.ts';
import { publishDocument } from './support/documents.ts';
import { makeBoard, publishArticle, type Board } from './support/editorial.ts';
import { makeUser } from './support/factories.ts';
import { loadDemoProcedures } from '../src/modules/procedures/demo.ts';

forEachEngine('site lifecycle', (engine) => {
  let t: TestApp;
  let province: Board;
  let it: Agent;
  let keys = 0;

  before(async () => {
    t = await buildTestApp(engine);
    province = await makeBoard(t, 'tinh', { level: 'province', name: 'Cổng thông tin điện tử tỉnh Quảng Ngãi', agencyName: 'Ủy ban nhân dân tỉnh Quảng Ngãi' });
    const platform = await makeUser(t.db, province.site, ['site_admin']);
    await t.db.updateTable('users').set({ is_platform_admin: 1 }).where('id', '=', platform.id).execute();
    it = new Agent(t.app, province.host);
    await it.login(platform.email);
  });
  after(async () => t.close());

  async function district(name: string, parent: Board = province): Promise<Board> {
    keys += 1;
    return makeBoard(t, `huyen-cu-${keys}`, { level: 'district', parentSiteId: parent.site.id, name });
  }
  const setStatus = async (b: Board, form: Record<string, string>) => {
    const res = await it.post(`/admin/sites/${b.site.id}/status`, { notice: '', redirectMode: 'none', handoverSiteId: String(province.site.id), successorSiteId: String(province.site.id), confirm: '1', ...form });
    assert.equal(res.statusCode, 303, textOf(res.body));
  };
  const get = (host: string, url: string) => t.app.inject({ url, headers: { host } });

  test('an archived site is read-only in its back office, while its administrator can still export it', async () => {
    const d = await district('Trang thông tin điện tử huyện Kon Rẫy');
    const published = await publishArticle(d, { title: 'Tin trước khi lưu trữ' });
    await setStatus(d, { status: 'archived', notice: 'Từ ngày 01/7/2025, huyện Kon Rẫy kết thúc hoạt động.' });

    const created = await d.as('contributor', 'POST', '/api/v1/articles', { title: 'Bài mới sau khi lưu trữ', bodyHtml: '<p>x</p>' });
    assert.equal(created.statusCode, 403, created.body);
    const takeDown = await d.as('secretariat', 'POST', `/api/v1/articles/${published.id}/actions`, { action: 'take_down', reasonCode: 'violation', note: 'x' });
    assert.equal(takeDown.statusCode, 403, takeDown.body);
    assert.match(takeDown.body, /site_read_only/);
    // Refusing the change does not remove the view: the board still reads what it published.
    assert.equal((await d.as('secretariat', 'GET', `/api/v1/articles/${published.id}`)).statusCode, 200);
    const chief = new Agent(t.app, d.host);
    await chief.login(d.people.editor_in_chief.email);
    assert.equal((await chief.get('/admin/articles/new')).statusCode, 403, 'no form to write a new article');
    assert.equal(Number((await t.db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).where('site_id', '=', d.site.id).executeTakeFirstOrThrow()).n), 1, 'nothing was stored');
    // The article is still public, with the archive's notice.
    const page = await get(d.host, `/bai-viet/${published.slug}`);
    assert.equal(page.statusCode, 200);
    assert.match(textOf(page.body), /Đây là trang lưu trữ/);

    const admin = new Agent(t.app, d.host);
    await admin.login(d.people.site_admin.email);
    assert.equal((await admin.get('/admin/archive')).statusCode, 200, 'exporting an archived site is what it is for');
  });

  test("an archived former district says it is an archive and links its successor; the successor's pages list its former district sites", async () => {
    const d = await district('Trang thông tin điện tử huyện Như Xuân');
    const still = await district('Trang thông tin điện tử huyện còn hoạt động');
    await setStatus(d, { status: 'archived' });

    const archived = await get(d.host, '/');
    const notice = /<div class="site-notice"[\s\S]*?<\/div>\s*<\/div>/.exec(archived.body)?.[0] ?? '';
    assert.match(textOf(notice), /Đây là trang lưu trữ/);
    // The agency carries out the duties, not its website; the link says where it goes.
    assert.match(textOf(notice), /Nhiệm vụ của cơ quan nay do Ủy ban nhân dân tỉnh Quảng Ngãi thực hiện\./);
    assert.ok(notice.includes(`<a href="http://${province.host}/">Đến trang của Ủy ban nhân dân tỉnh Quảng Ngãi</a>`), 'the notice links the successor');

    for (const url of ['/', '/so-do-trang', '/lien-he']) {
      const res = await get(province.host, url);
      assert.equal(res.statusCode, 200, url);
      const footer = /<section aria-labelledby="footer-former-h"[\s\S]*?<\/section>/.exec(res.body)?.[0] ?? '';
      assert.match(footer, /Trang thông tin của huyện cũ/, `${url} lists the former district sites`);
      assert.ok(footer.includes(`<a href="http://${d.host}/">Trang thông tin điện tử huyện Như Xuân</a>`), url);
      assert.ok(!footer.includes(still.host), 'a site still operating is not a former one');
    }
    // A site that took nothing over lists nothing.
    assert.doesNotMatch((await get(still.host, '/')).body, /footer-former-h/);
  });

  test('every address in a merged site’s sitemap answers 200 or redirects to a page that answers 200', async () => {
    const d = await district('Trang thông tin điện tử huyện hợp nhất');
    await publishArticle(d, { title: 'Lễ khánh thành cầu treo' });
    await publishDocument(d, { number: '15/2024/QĐ-UBND' }, { title: 'Quyết định về quản lý chợ của huyện' });
    await loadDemoProcedures(t.db, d.site, { userId: null }, t.clock);
    const stamp = t.clock.now().toISOString();
    await makeCase(t.db, d.site, 'question', { status: 'answered', unit_id: d.unitId, answer: 'Trả lời.', answered_at: stamp, closed_at: stamp, public_title: 'Hồ sơ gồm những gì?', public_body: 'Xin hỏi.', published_at: stamp }, t.clock.now());
    const sitemap = (await get(d.host, '/sitemap.xml')).body;
    await setStatus(d, { status: 'merged', mergedIntoSiteId: String(province.site.id), redirectMode: 'home' });

    const locs = [...(await get(d.host, '/sitemap.xml')).body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
    assert.deepEqual(locs, [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!), 'merging keeps every address');
    assert.ok(locs.length >= 6, `${locs.length} addresses`);
    let redirected = 0;
    for (const loc of locs) {
      let url = new URL(loc.replace(/&amp;/g, '&'));
      let res = await get(url.host, `${url.pathname}${url.search}`);
      for (let hops = 0; res.statusCode >= 300 && res.statusCode < 400 && hops < 5; hops++) {
        redirected += 1;
        url = new URL(String(res.headers.location), url);
        res = await get(url.host, `${url.pathname}${url.search}`);
      }
      assert.equal(res.statusCode, 200, `${loc} ends at ${url.href} with ${res.statusCode}`);
    }
    assert.ok(redirected >= 1, 'the home page goes to the site it merged into');
  });
});
