// The public site on a real database, through HTTP, as a citizen sees it:
// every page type, Vietnamese search, feeds and sitemaps, the render cache,
// the contact form and the rating — on SQLite and PostgreSQL.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import assert from 'node:assert/strict';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { Agent, mailText, textOf } from '../../../test/support/agent.ts';
import { buildTestApp, TestClock, type TestApp } from '../../../test/support/app.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { makePng } from '../../../test/support/docx.ts';
import { makeBoard, publishArticle, type Board } from '../../../test/support/editorial.ts';
import { createSection } from '../sections/manage-sections.ts';
import { systemActor } from '../../../test/support/factories.ts';

const xml = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['item', 'url', 'sitemap'].includes(name) });

/** The document parsed, after checking it is well-formed XML. */
function parseXml(body: string): Record<string, any> {
  const valid = XMLValidator.validate(body);
  assert.equal(valid, true, `not well-formed XML: ${JSON.stringify(valid)}`);
  return xml.parse(body) as Record<string, any>;
}

forEachEngine('public site', (engine) => {
  let t: TestApp;
  let b: Board;
  let other: Board;
  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ url, headers: { host: b.host, ...headers } });
  const act = (role: Parameters<Board['as']>[0], id: number, body: Record<string, unknown>) => b.as(role, 'POST', `/api/v1/articles/${id}/actions`, body);

  let bridge: { id: number; slug: string };
  let english: { id: number; slug: string };
  let reference: { id: number; slug: string };
  let intro: { id: number; slug: string };
  let draftId: number;

  before(async () => {
    // Monday 23 Nov 2026, 09:00 in Vietnam.
    t = await buildTestApp(engine, { clock: new TestClock(new Date('2026-11-23T02:00:00Z')) });
    b = await makeBoard(t, 'congkhai', {
      name: 'Trang thông tin điện tử xã Như Xuân',
      nameEn: 'Nhu Xuan Commune e-Information Page',
      agencyName: 'Ủy ban nhân dân xã Như Xuân',
      agencyNameEn: "Nhu Xuan Commune People's Committee",
      languages: ['vi', 'en'],
      contact: { address: 'Thị trấn Yên Cát, Thanh Hóa', phone: '0237 3880 123', email: 'vanphong@nhuxuan.test', responsiblePerson: 'Lê Thị Hoa, Phó Chủ tịch UBND xã' },
    });
    other = await makeBoard(t, 'xakhac');
    bridge = await publishArticle(b, { tags: ['giao thông', 'nông thôn mới'] });
    english = await publishArticle(b, {
      title: 'Nhu Xuan opens the Ban Moi suspension bridge',
      summary: 'The commune opened a suspension bridge serving over 300 households.',
      bodyHtml: '<p>The bridge is 80 metres long.</p>',
      language: 'en',
      translationOfId: bridge.id,
      tags: [],
    });
    reference = await publishArticle(b, { title: 'Giá lúa tuần này tại Đà Nẵng', summary: 'Thông tin tham khảo từ thương lái.', bodyHtml: '<p>Giá lúa tăng nhẹ.</p>', sectionId: b.referenceSectionId, isReference: true, tags: [] });
    intro = await publishArticle(b, { kind: 'page', title: 'Giới thiệu chung về xã Như Xuân', summary: 'Vị trí địa lý, dân số, lịch sử.', bodyHtml: '<p>Xã có 12 thôn, bản.</p>', tags: [] });
    const draft = await b.as('contributor', 'POST', '/api/v1/articles', { title: 'Bản nháp chưa đăng về đường liên thôn', summary: 'Nháp', bodyHtml: '<p>Nháp</p>', sectionId: b.sectionId });
    draftId = draft.json().id;
    await publishArticle(other, { title: 'Tin của xã khác về cầu treo', tags: [] });
  });
  after(async () => t.close());

  test('the home page shows the agency, the latest items, the footer the regulation requires, and the visitor counter', async () => {
    const res = await get('/');
    assert.equal(res.statusCode, 200);
    const text = textOf(res.body);
    assert.match(res.body, /<html lang="vi"/);
    assert.match(text, /Ủy ban nhân dân xã Như Xuân/);
    assert.match(text, /Như Xuân khánh thành cầu treo bản Mới/);
    assert.doesNotMatch(text, /Bản nháp chưa đăng/, 'drafts are not public');
    assert.doesNotMatch(text, /Tin của xã khác/, "another site's news stays on its site");
    assert.match(text, /Chịu trách nhiệm chính:? Lê Thị Hoa, Phó Chủ tịch UBND xã/);
    assert.match(text, /Thị trấn Yên Cát, Thanh Hóa/);
    assert.match(text, /0237 3880 123/);
    assert.match(text, /vanphong@nhuxuan\.test/);
    assert.match(text, /Lượt truy cập/);
    assert.match(res.body, /<link rel="canonical" href="http:\/\/congkhai\.test\/"/);
    assert.match(res.body, /<a class="skip-link" href="#main">\s*Bỏ qua đến nội dung chính/);
  });

  test('an article page has its text, author, source, dates, tags, print and share links, and Dublin Core and Open Graph metadata', async () => {
    const res = await get(`/bai-viet/${bridge.slug}`);
    assert.equal(res.statusCode, 200);
    const text = textOf(res.body);
    assert.match(text, /Như Xuân khánh thành cầu treo bản Mới/);
    assert.match(text, /Sáng 20\/11, huyện tổ chức lễ khánh thành/);
    assert.match(text, /Cầu dài 80 mét/);
    assert.match(text, /Tác giả Lê Văn Tâm/);
    assert.match(text, /Nguồn Phòng Văn hóa và Thông tin/);
    assert.match(text, /Đăng lúc: 23\/11\/2026 09:00/);
    assert.match(res.body, /<a href="\/the\/giao-thong" rel="tag">giao thông<\/a>/);
    assert.match(res.body, /<meta name="DC\.title" content="Như Xuân khánh thành cầu treo bản Mới"/);
    assert.match(res.body, /<meta name="DC\.creator" content="Lê Văn Tâm"/);
    assert.match(res.body, /<meta name="DC\.date" content="2026-11-23"/);
    assert.match(res.body, /<meta name="DC\.language" content="vi"/);
    assert.match(res.body, /<meta property="og:title" content="Như Xuân khánh thành cầu treo bản Mới"/);
    assert.match(res.body, new RegExp(`<link rel="canonical" href="http://congkhai\\.test/bai-viet/${bridge.slug}"`));
    assert.match(res.body, new RegExp(`href="/bai-viet/${bridge.slug}\\?ban-in=1"`), 'print version');
    assert.match(res.body, /facebook\.com\/sharer/);
    // The language switch goes to the translation of this article.
    assert.match(res.body, new RegExp(`<a class="lang-switch" href="/bai-viet/${english.slug}"`));

    const printed = await get(`/bai-viet/${bridge.slug}?ban-in=1`);
    assert.equal(printed.statusCode, 200);
    assert.match(textOf(printed.body), /Cầu dài 80 mét/);
    assert.doesNotMatch(printed.body, /facebook\.com\/sharer/, 'no share buttons on paper');
  });

  test('the English version: English interface, English article, and a switch back to the Vietnamese original', async () => {
    const home = await get('/en');
    assert.equal(home.statusCode, 200);
    assert.match(home.body, /<html lang="en"/);
    assert.match(textOf(home.body), /Nhu Xuan opens the Ban Moi suspension bridge/);
    assert.doesNotMatch(textOf(home.body), /khánh thành cầu treo/, 'Vietnamese items are not listed in English');
    assert.match(textOf(home.body), /Skip to main content/);
    const page = await get(`/bai-viet/${english.slug}`);
    assert.match(page.body, /<html lang="en"/);
    assert.match(textOf(page.body), /Published: 23\/11\/2026 09:00/);
    assert.match(page.body, new RegExp(`<a class="lang-switch" href="/bai-viet/${bridge.slug}"`));
    const section = await get('/en/section/tin-tuc-su-kien');
    assert.equal(section.statusCode, 200);
    assert.match(textOf(section.body), /News/);
    // A site without English has no English pages.
    assert.equal((await t.app.inject({ url: '/en', headers: { host: other.host } })).statusCode, 404);
  });

  test('section pages paginate with 20 items a page, newest first; page 2 exists, page 3 does not', async () => {
    const sectionId = await createSection(t.db, systemActor(b.site.id), { name: 'Thông báo' });
    for (let i = 1; i <= 21; i += 1) {
      t.clock.advance(60_000);
      await publishArticle(b, { title: `Thông báo số ${i} về lịch tiếp công dân`, summary: `Lịch tiếp công dân định kỳ, đợt ${i}.`, bodyHtml: '<p>Tại trụ sở Ủy ban nhân dân xã.</p>', sectionId, tags: [] });
    }
    const first = await get('/chuyen-muc/thong-bao');
    assert.equal(first.statusCode, 200);
    const titles = [...textOf(first.body).matchAll(/Thông báo số (\d+) về/g)].map((m) => Number(m[1]));
    assert.deepEqual(titles.slice(0, 3), [21, 20, 19]);
    assert.ok(!titles.includes(1), 'the oldest is on page 2');
    assert.match(first.body, /href="\/chuyen-muc\/thong-bao\?trang=2"/);
    const second = await get('/chuyen-muc/thong-bao?trang=2');
    assert.equal(second.statusCode, 200);
    assert.match(textOf(second.body), /Thông báo số 1 về/);
    assert.match(second.body, /<link rel="canonical" href="http:\/\/congkhai\.test\/chuyen-muc\/thong-bao\?trang=2"/);
    assert.equal((await get('/chuyen-muc/thong-bao?trang=3')).statusCode, 404);
    assert.equal((await get('/chuyen-muc/khong-co')).statusCode, 404);
    // The home page shows the announcements block.
    assert.match(textOf((await get('/')).body), /Thông báo số 21 về lịch tiếp công dân/);
  });

  test('the reference section says its items are not officially verified, on the section and on the item', async () => {
    const section = await get('/chuyen-muc/tin-tham-khao');
    assert.match(textOf(section.body), /chưa được cơ quan kiểm chứng chính thức/);
    assert.match(textOf(section.body), /Giá lúa tuần này tại Đà Nẵng/);
    const item = await get(`/bai-viet/${reference.slug}`);
    assert.match(textOf(item.body), /Tin tham khảo — thông tin chưa được kiểm chứng chính thức/);
  });

  test('tag pages list the published items with the tag', async () => {
    const res = await get('/the/nong-thon-moi');
    assert.equal(res.statusCode, 200);
    assert.match(textOf(res.body), /Từ khóa: nông thôn mới/);
    assert.match(textOf(res.body), /Như Xuân khánh thành cầu treo bản Mới/);
    assert.equal((await get('/the/khong-co-the-nay')).statusCode, 404);
  });

  test('static pages are reachable from the sitemap page, carry no date line, and stay out of the news lists', async () => {
    const sitemapPage = await get('/so-do-trang');
    assert.match(sitemapPage.body, new RegExp(`<a href="/bai-viet/${intro.slug}">Giới thiệu chung về xã Như Xuân</a>`));
    const page = await get(`/bai-viet/${intro.slug}`);
    assert.match(textOf(page.body), /Xã có 12 thôn, bản/);
    assert.doesNotMatch(textOf(page.body), /Đăng lúc/);
    assert.doesNotMatch(textOf((await get('/rss.xml')).body), /Giới thiệu chung/);
  });

  describe('search', () => {
    const search = async (query: string) => textOf((await get(`/tim-kiem?${query}`)).body);

    test('finds Vietnamese with or without diacritics, đ as d, and highlights the words as written', async () => {
      for (const q of ['cầu treo', 'cau treo', 'CAU TREO']) {
        const text = await search(`q=${encodeURIComponent(q)}`);
        assert.match(text, /Như Xuân khánh thành cầu treo bản Mới/, q);
      }
      assert.match(await search('q=da+nang'), /Giá lúa tuần này tại Đà Nẵng/);
      const res = await get('/tim-kiem?q=cau+treo');
      assert.match(res.body, /<mark>cầu treo<\/mark>/);
      assert.doesNotMatch(await search('q=cau+treo'), /Tin của xã khác/, 'one site only');
      assert.doesNotMatch(await search('q=nhap+lien+thon'), /Bản nháp/, 'drafts are not searchable');
    });

    test('ranks the exact-diacritic match first and keeps quoted phrases together', async () => {
      await publishArticle(b, { title: 'Cấu trúc bộ máy cấu treo? Không: cau treo cũ', summary: 'Bài có chữ không dấu.', bodyHtml: '<p>Cau treo cu da xuong cap.</p>', tags: [] });
      const text = await search('q=c%E1%BA%A7u+treo');
      const first = text.indexOf('Như Xuân khánh thành cầu treo bản Mới');
      const second = text.indexOf('Cấu trúc bộ máy');
      assert.ok(first >= 0 && second >= 0 && first < second, 'the title with "cầu treo" as typed comes first');
      // A phrase: the two words next to each other, in that order.
      assert.match(await search(`q=${encodeURIComponent('"treo bản"')}`), /khánh thành cầu treo bản Mới/);
      assert.match(await search(`q=${encodeURIComponent('"bản treo"')}`), /Không tìm thấy kết quả nào/);
    });

    test('filters by section, type and date range, and says how many it found', async () => {
      assert.match(await search(`q=gia+lua&chuyen-muc=${b.referenceSectionId}`), /Tìm thấy 1 kết quả/);
      assert.match(await search(`q=gia+lua&chuyen-muc=${b.sectionId}`), /Không tìm thấy kết quả nào/);
      assert.match(await search('q=gioi+thieu&loai=page'), /Giới thiệu chung về xã Như Xuân/);
      assert.match(await search('q=gioi+thieu&loai=news'), /Không tìm thấy kết quả nào/);
      assert.match(await search('q=cau+treo&tu=23/11/2026&den=23/11/2026'), /khánh thành cầu treo/);
      assert.match(await search('q=cau+treo&tu=24/11/2026'), /Không tìm thấy kết quả nào/);
      assert.match(await search('q=cau+treo&den=22/11/2026'), /Không tìm thấy kết quả nào/);
    });

    test('an odd query is answered, never an error', async () => {
      for (const q of ['"', '*', 'NEAR(a b)', "'; drop table articles; --", 'title:x', '(((', 'a'.repeat(3000)]) {
        const res = await get(`/tim-kiem?q=${encodeURIComponent(q)}`);
        assert.equal(res.statusCode, 200, q);
      }
    });
  });

  test('RSS for the site and a section, sitemap.xml and robots.txt: valid XML listing what is published and nothing else', async () => {
    const feed = await get('/rss.xml');
    assert.equal(feed.statusCode, 200);
    assert.match(String(feed.headers['content-type']), /application\/rss\+xml/);
    const channel = parseXml(feed.body).rss.channel;
    assert.equal(channel.title, 'Trang thông tin điện tử xã Như Xuân');
    const titles: string[] = channel.item.map((i: { title: string }) => i.title);
    assert.ok(titles.includes('Như Xuân khánh thành cầu treo bản Mới'));
    assert.ok(!titles.some((x) => x.includes('Bản nháp')), 'no draft in the feed');
    assert.ok(!titles.some((x) => x.includes('Nhu Xuan opens')), 'the Vietnamese feed is Vietnamese');
    for (const item of channel.item) assert.match(item.link, /^http:\/\/congkhai\.test\/bai-viet\/[a-z0-9-]+$/);

    const english = parseXml((await get('/en/rss.xml')).body).rss.channel;
    assert.deepEqual(english.item.map((i: { title: string }) => i.title), ['Nhu Xuan opens the Ban Moi suspension bridge']);
    const section = parseXml((await get('/chuyen-muc/tin-tham-khao/rss.xml')).body).rss.channel;
    assert.deepEqual(section.item.map((i: { title: string }) => i.title), ['Giá lúa tuần này tại Đà Nẵng']);

    const map = await get('/sitemap.xml');
    const urls: string[] = parseXml(map.body).urlset.url.map((u: { loc: string }) => u.loc);
    assert.ok(urls.includes(`http://congkhai.test/bai-viet/${bridge.slug}`));
    assert.ok(urls.includes('http://congkhai.test/chuyen-muc/tin-tham-khao'));
    const draft = await b.as('contributor', 'GET', `/api/v1/articles/${draftId}`);
    assert.ok(!urls.some((u) => u.endsWith(`/bai-viet/${draft.json().slug}`)), 'no draft in the sitemap');
    assert.ok(!urls.some((u) => !u.startsWith('http://congkhai.test/')), 'only this site');

    const robots = await get('/robots.txt');
    assert.match(robots.body, /Disallow: \/admin/);
    assert.match(robots.body, /Sitemap: http:\/\/congkhai\.test\/sitemap\.xml/);
  });

  test('past 50,000 addresses sitemap.xml becomes an index of parts, each valid and within the limit', async () => {
    const big = await makeBoard(t, 'sodotrang');
    const rows = Array.from({ length: 50_001 }, (_, i) => ({
      site_id: big.site.id,
      item_type: 'article',
      item_id: i + 1,
      language: 'vi',
      section_id: null,
      kind: 'news',
      url: `/bai-viet/tin-${i + 1}`,
      title: `Tin ${i + 1}`,
      summary: '',
      body_text: '',
      title_lc: `tin ${i + 1}`,
      text_lc: '',
      folded_title: `tin ${i + 1}`,
      folded_body: '',
      published_at: '2026-11-01T00:00:00.000Z',
    }));
    for (let i = 0; i < rows.length; i += 2000) await t.db.insertInto('search_documents').values(rows.slice(i, i + 2000)).execute();
    const index = parseXml((await t.app.inject({ url: '/sitemap.xml', headers: { host: big.host } })).body);
    const parts: string[] = index.sitemapindex.sitemap.map((s: { loc: string }) => s.loc);
    assert.deepEqual(parts, ['http://sodotrang.test/sitemap-0.xml', 'http://sodotrang.test/sitemap-1.xml', 'http://sodotrang.test/sitemap-2.xml']);
    const one = parseXml((await t.app.inject({ url: '/sitemap-1.xml', headers: { host: big.host } })).body);
    assert.equal(one.urlset.url.length, 50_000);
    const two = parseXml((await t.app.inject({ url: '/sitemap-2.xml', headers: { host: big.host } })).body);
    assert.deepEqual(two.urlset.url.map((u: { loc: string }) => u.loc), ['http://sodotrang.test/bai-viet/tin-50001']);
    assert.equal((await t.app.inject({ url: '/sitemap-3.xml', headers: { host: big.host } })).statusCode, 404);
  });

  test('the render cache answers 304 to a matching ETag, compresses, and is dropped for the changed site only', async () => {
    const first = await get('/chuyen-muc/tin-tuc-su-kien');
    const etag = String(first.headers.etag);
    assert.ok(etag.startsWith('"'));
    assert.ok(first.headers['last-modified']);
    assert.equal((await get('/chuyen-muc/tin-tuc-su-kien', { 'if-none-match': etag })).statusCode, 304);
    const br = await get('/chuyen-muc/tin-tuc-su-kien', { 'accept-encoding': 'br, gzip' });
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(brotliDecompressSync(br.rawPayload).toString('utf8'), first.body);
    // Gzip is made only when a reader asks for it, from the same cached page.
    const gz = await get('/chuyen-muc/tin-tuc-su-kien', { 'accept-encoding': 'gzip' });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.equal(gunzipSync(gz.rawPayload).toString('utf8'), first.body);
    assert.equal(gz.headers.etag, etag);
    assert.match(String(gz.headers.vary), /Accept-Encoding/);
    assert.equal((await get('/chuyen-muc/tin-tuc-su-kien', { 'if-modified-since': String(first.headers['last-modified']) })).statusCode, 304);

    await t.app.inject({ url: '/', headers: { host: other.host } });
    const hitsBefore = t.deps.pageCache.stats().hits;
    const fresh = await publishArticle(b, { title: 'Khai mạc hội chợ nông sản Như Xuân', tags: [] });
    const after = await get('/chuyen-muc/tin-tuc-su-kien', { 'if-none-match': etag });
    assert.equal(after.statusCode, 200, 'publication drops the cached section page');
    assert.match(textOf(after.body), /Khai mạc hội chợ nông sản Như Xuân/);
    await t.app.inject({ url: '/', headers: { host: other.host } });
    assert.equal(t.deps.pageCache.stats().hits, hitsBefore + 1, "the other site's page is still served from the cache");

    // Take-down: gone from lists, search, feeds and sitemap at once.
    const down = await act('secretariat', fresh.id, { action: 'take_down', reasonCode: 'published_in_error', note: 'Đăng nhầm chuyên mục.' });
    assert.equal(down.statusCode, 200, down.body);
    assert.doesNotMatch(textOf((await get('/chuyen-muc/tin-tuc-su-kien')).body), /hội chợ nông sản/);
    assert.match(textOf((await get('/tim-kiem?q=hoi+cho+nong+san')).body), /Không tìm thấy kết quả nào/);
    assert.doesNotMatch((await get('/rss.xml')).body, /hội chợ nông sản/);
    assert.doesNotMatch((await get('/sitemap.xml')).body, new RegExp(fresh.slug));
    assert.equal((await get(`/bai-viet/${fresh.slug}`)).statusCode, 404);
  });

  test('site settings show at once: a change of name drops the cached pages', async () => {
    assert.match(textOf((await get('/so-do-trang')).body), /Trang thông tin điện tử xã Như Xuân/);
    await t.db.updateTable('sites').set({ name: 'Trang thông tin điện tử xã Như Xuân mới' }).where('id', '=', b.site.id).execute();
    t.deps.sites.invalidate();
    assert.match(textOf((await get('/so-do-trang')).body), /Trang thông tin điện tử xã Như Xuân mới/);
    await t.db.updateTable('sites').set({ name: 'Trang thông tin điện tử xã Như Xuân' }).where('id', '=', b.site.id).execute();
    t.deps.sites.invalidate();
  });

  test('a slug changed by a correction leaves the old address as a permanent redirect', async () => {
    const a = await publishArticle(b, { title: 'Lịch tiếp dân tháng 12', tags: [] });
    const current = await b.as('contributor', 'GET', `/api/v1/articles/${a.id}`);
    const edit = await b.as('contributor', 'PATCH', `/api/v1/articles/${a.id}`, { lockVersion: current.json().lockVersion, slug: 'lich-tiep-cong-dan-thang-12-2026' });
    assert.equal(edit.statusCode, 200, edit.body);
    await act('contributor', a.id, { action: 'submit' });
    for (const role of ['unit_head', 'secretariat', 'deputy', 'editor_in_chief'] as const) await act(role, a.id, { action: 'approve' });
    const corrected = await act('publisher', a.id, { action: 'correct', note: 'Sửa địa chỉ bài viết cho rõ nghĩa.' });
    assert.equal(corrected.statusCode, 200, corrected.body);
    const old = await get(`/bai-viet/${a.slug}`);
    assert.equal(old.statusCode, 301);
    assert.equal(old.headers.location, '/bai-viet/lich-tiep-cong-dan-thang-12-2026');
    assert.equal((await get('/bai-viet/lich-tiep-cong-dan-thang-12-2026')).statusCode, 200);
  });

  test('the visitor counter counts page views without a database write per request', async () => {
    await t.db.deleteFrom('site_visits').execute();
    for (let i = 0; i < 5; i += 1) await get(`/bai-viet/${bridge.slug}`, { 'user-agent': `Trình duyệt ${i}` });
    const stored = await t.db.selectFrom('site_visits').selectAll().where('site_id', '=', b.site.id).execute();
    assert.deepEqual(stored, [], 'nothing written yet');
    const counts = await t.deps.visitors.counts(t.db, b.site.id);
    assert.ok(counts.today >= 5 && counts.now >= 5, JSON.stringify(counts));
    await t.deps.visitors.flush(t.db);
    const written = await t.db.selectFrom('site_visits').select(['date', 'count']).where('site_id', '=', b.site.id).execute();
    assert.equal(written[0]?.date, '2026-11-23');
    assert.ok(Number(written[0]?.count) >= 5);
    assert.equal(Object.keys(written[0] ?? {}).length, 2, 'no address or agent is stored');
  });

  test('"Was this useful?": two counters per item, nothing about the reader; a foreign form is refused', async () => {
    const yes = await t.app.inject({ method: 'POST', url: '/danh-gia', headers: { host: b.host, origin: 'http://congkhai.test', 'content-type': 'application/x-www-form-urlencoded' }, payload: `item=article:${bridge.id}&useful=yes` });
    assert.equal(yes.statusCode, 303);
    assert.equal(yes.headers.location, `/bai-viet/${bridge.slug}?da-danh-gia=1#danh-gia`);
    const thanked = await get(String(yes.headers.location).replace('#danh-gia', ''));
    assert.match(textOf(thanked.body), /Cảm ơn bạn đã đánh giá/);
    const forged = await t.app.inject({ method: 'POST', url: '/danh-gia', headers: { host: b.host, origin: 'http://evil.example', 'content-type': 'application/x-www-form-urlencoded' }, payload: `item=article:${bridge.id}&useful=no` });
    assert.equal(forged.statusCode, 403);
    const elsewhere = await t.app.inject({ method: 'POST', url: '/danh-gia', headers: { host: other.host, 'content-type': 'application/x-www-form-urlencoded' }, payload: `item=article:${bridge.id}&useful=no` });
    assert.equal(elsewhere.statusCode, 404, 'an item of another site cannot be rated there');
    const row = await t.db.selectFrom('rating_counts').selectAll().where('item_type', '=', 'article').where('item_id', '=', bridge.id).executeTakeFirstOrThrow();
    assert.equal(row.month, '2026-11');
    assert.equal(row.useful, 1);
    assert.equal(row.not_useful, 0);
  });

  describe('contact form', () => {
    const form = (agent: Agent, fields: Record<string, string>) => agent.post('/lien-he', fields, { csrf: false });
    const stampOf = (html: string) => /name="stamp" value="([^"]+)"/.exec(html)![1]!;

    test('a message is stored, routed to the secretariat and the editor-in-chief, and e-mailed', async () => {
      const citizen = new Agent(t.app, b.host);
      const page = await citizen.get('/lien-he');
      assert.equal(page.statusCode, 200);
      const stamp = stampOf(page.body);
      t.clock.advance(10_000);
      const sent = await form(citizen, { stamp, website: '', name: 'Nguyễn Văn Dân', email: 'dan@example.test', phone: '', subject: 'Đường thôn Bản Mới bị sạt lở', message: 'Đề nghị xã kiểm tra đoạn đường gần cầu treo.' });
      assert.equal(sent.statusCode, 200);
      assert.match(textOf(sent.body), /Đã nhận được thông tin của bạn/);
      const stored = await t.db.selectFrom('contact_messages').selectAll().where('site_id', '=', b.site.id).execute();
      assert.equal(stored.length, 1);
      assert.equal(stored[0]!.subject, 'Đường thôn Bản Mới bị sạt lở');
      const notes = await t.db.selectFrom('notifications').select('user_id').where('site_id', '=', b.site.id).where('kind', '=', 'contact.received').execute();
      const recipients = notes.map((n) => n.user_id).sort();
      assert.deepEqual(recipients, [b.people.secretariat.id, b.people.editor_in_chief.id].sort());
      const mails = t.sentMail().map(mailText);
      assert.ok(mails.some((m) => m.includes('Đường thôn Bản Mới bị sạt lở') && m.includes('Nguyễn Văn Dân')), 'e-mailed to the board');
    });

    test('missing fields are named in Vietnamese; robots (hidden field, no or forged stamp, too fast) store nothing', async () => {
      const citizen = new Agent(t.app, b.host);
      const stamp = stampOf((await citizen.get('/lien-he')).body);
      t.clock.advance(10_000);
      const empty = await form(citizen, { stamp, website: '', name: '', email: '', phone: '', subject: '', message: '' });
      assert.equal(empty.statusCode, 400);
      const text = textOf(empty.body);
      assert.match(text, /Chưa gửi được/);
      assert.match(text, /Họ và tên/);
      assert.match(text, /để lại thư điện tử hoặc số điện thoại/);
      const before = (await t.db.selectFrom('contact_messages').selectAll().execute()).length;
      const valid = { name: 'Robot', email: 'r@example.test', phone: '', subject: 'Quảng cáo', message: 'Mua ngay' };
      await form(citizen, { ...valid, stamp, website: 'http://spam.example' });
      await form(citizen, { ...valid, stamp: '1700000000000.deadbeef', website: '' });
      const quick = stampOf((await citizen.get('/lien-he')).body);
      const tooFast = await form(citizen, { ...valid, stamp: quick, website: '' });
      assert.match(textOf(tooFast.body), /gửi quá nhanh/);
      assert.equal((await t.db.selectFrom('contact_messages').selectAll().execute()).length, before);
    });

    test('a form posted from another site is refused; a flood from one address is limited', async () => {
      const forged = await t.app.inject({ method: 'POST', url: '/lien-he', headers: { host: b.host, origin: 'http://evil.example', 'content-type': 'application/x-www-form-urlencoded' }, payload: 'name=x' });
      assert.equal(forged.statusCode, 403);
      const flood = new Agent(t.app, b.host);
      const codes: number[] = [];
      // Five an hour over both addresses of the form, Vietnamese and English.
      for (let i = 0; i < 6; i += 1) codes.push((await flood.post(i % 2 === 0 ? '/lien-he' : '/en/contact', { name: '', website: '' }, { csrf: false })).statusCode);
      assert.deepEqual(codes.map((c) => c === 429), [false, false, false, false, false, true], `rate limited: ${codes.join(',')}`);
    });

    test('the board reads messages in the back office and marks them handled; others may not', async () => {
      const secretariat = new Agent(t.app, b.host);
      await secretariat.login(b.people.secretariat.email);
      const inbox = await secretariat.get('/admin/contact');
      assert.equal(inbox.statusCode, 200, inbox.body);
      assert.match(textOf(inbox.body), /Đường thôn Bản Mới bị sạt lở/);
      assert.match(textOf(inbox.body), /dan@example\.test/);
      const id = (await t.db.selectFrom('contact_messages').select('id').where('site_id', '=', b.site.id).executeTakeFirstOrThrow()).id;

      const contributor = new Agent(t.app, b.host);
      await contributor.login(b.people.contributor.email);
      assert.equal((await contributor.get('/admin/contact')).statusCode, 403);
      assert.equal((await contributor.post(`/admin/contact/${id}/handled`)).statusCode, 403);
      const elsewhere = new Agent(t.app, other.host);
      await elsewhere.login(other.people.secretariat.email);
      await elsewhere.post(`/admin/contact/${id}/handled`);
      assert.equal((await t.db.selectFrom('contact_messages').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status, 'new', 'another site cannot touch it');

      const done = await secretariat.post(`/admin/contact/${id}/handled`);
      assert.equal(done.statusCode, 303);
      const handled = await t.db.selectFrom('contact_messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(handled.status, 'handled');
      assert.equal(handled.handled_by_user_id, b.people.secretariat.id);
      const list = textOf((await secretariat.get('/admin/contact?xem=da-xu-ly')).body);
      assert.match(list, /Đã xử lý bởi Người secretariat/);
      const audit = await t.db.selectFrom('audit_log').select('action').where('site_id', '=', b.site.id).where('action', '=', 'contact.handle').execute();
      assert.equal(audit.length, 1);
    });
  });

  test("a site's administrator brands it: logo, theme colour checked for contrast, links to other portals", async () => {
    // The board puts the emblem in the media library; the administrator chooses it.
    const editor = new Agent(t.app, other.host);
    await editor.login(other.people.secretariat.email);
    const upload = await editor.upload('/admin/media', { purpose: 'image', alt: 'Biểu trưng xã' }, { name: 'bieu-trung.png', data: makePng(96, 96), contentType: 'image/png' });
    assert.equal(upload.statusCode, 303, upload.body);
    const admin = new Agent(t.app, other.host);
    await admin.login(other.people.site_admin.email);
    const logo = await t.db.selectFrom('media').select('id').where('site_id', '=', other.site.id).orderBy('id', 'desc').executeTakeFirstOrThrow();
    const form = {
      name: other.site.name, nameEn: '', agencyName: other.site.agencyName, agencyNameEn: '', address: '', phone: '', email: '', responsiblePerson: 'Trần Văn Bình',
      twoFactor: 'off', logoMediaId: String(logo.id), bannerMediaId: '', links: 'Cổng thông tin điện tử tỉnh | https://tinh.example.vn',
    };
    const pale = await admin.post('/admin/site', { ...form, primaryColor: '#ffcc00' });
    assert.equal(pale.statusCode, 400);
    assert.match(textOf(pale.body), /Màu #ffcc00 chưa đủ tương phản với chữ trắng \(1,51:1, cần ít nhất 4,5:1\)/);
    const badLink = await admin.post('/admin/site', { ...form, primaryColor: '#0b4f8a', links: 'Cổng tỉnh | javascript:alert(1)' });
    assert.equal(badLink.statusCode, 400);
    assert.equal((await admin.post('/admin/site', { ...form, primaryColor: '#0B4F8A' })).statusCode, 303);

    const home = await t.app.inject({ url: '/', headers: { host: other.host } });
    assert.match(home.body, /<img class="emblem" src="\/media\/[0-9a-f]+\/[^"]+" alt="Biểu trưng xã"/);
    assert.match(home.body, /<a href="https:\/\/tinh\.example\.vn" rel="noopener">Cổng thông tin điện tử tỉnh<\/a>/);
    assert.match(textOf(home.body), /Chịu trách nhiệm chính:? Trần Văn Bình/);
    const themeUrl = /<link rel="stylesheet" href="(\/giao-dien\.css\?v=[0-9a-f]+)"/.exec(home.body)?.[1];
    assert.ok(themeUrl, 'the theme stylesheet is linked');
    const css = await t.app.inject({ url: themeUrl, headers: { host: other.host } });
    assert.match(css.body, /--brand: #0b4f8a;/);
    // Another site keeps its own look.
    assert.doesNotMatch((await get('/')).body, /giao-dien\.css/);
  });

  test('text size and theme colour: a cookie-free default, a remembered choice, a contrast-checked brand colour', async () => {
    const reader = new Agent(t.app, b.host);
    const set = await reader.get(`/co-chu/lon?next=${encodeURIComponent(`/bai-viet/${bridge.slug}`)}`);
    assert.equal(set.statusCode, 303);
    assert.equal(set.headers.location, `/bai-viet/${bridge.slug}`);
    const page = await reader.get(`/bai-viet/${bridge.slug}`);
    assert.match(page.body, /<html lang="vi" class="[^"]*size-lon/);
    const offsite = await reader.get(`/co-chu/lon?next=${encodeURIComponent('//evil.example/')}`);
    assert.equal(offsite.headers.location, '/', 'never redirects off the site');
  });
  test('a renamed section and a new one show in the menu of the next page rendered: the chrome read once per version is never stale', async () => {
    const host = other.host;
    const page = async (url: string) => textOf((await t.app.inject({ url, headers: { host } })).body);
    const story = await publishArticle(other, { title: 'Xã khác mở lớp học bơi cho trẻ em', tags: [] });
    const before = await page(`/bai-viet/${story.slug}`);
    assert.match(before, /Tin tức, sự kiện/);
    const admin = new Agent(t.app, host);
    await admin.login(other.people.site_admin.email);
    const section = await t.db.selectFrom('sections').select(['id', 'slug']).where('id', '=', other.sectionId).executeTakeFirstOrThrow();
    const renamed = await admin.post(`/admin/sections/${section.id}`, { name: 'Tin hoạt động của xã', nameEn: 'News', slug: section.slug, description: '', sortOrder: '0' });
    assert.equal(renamed.statusCode, 303, renamed.body);
    // The home page and another article are rendered after the change: both show the new name in the menu.
    for (const url of ['/', `/bai-viet/${story.slug}?lan=2`, `/bai-viet/${story.slug}`]) {
      const text = await page(url);
      assert.match(text, /Tin hoạt động của xã/, `${url} shows the new name`);
      assert.doesNotMatch(text, /Tin tức, sự kiện/, `${url} no longer shows the old one`);
    }
    // A new section with a published story joins the menu at once.
    const created = await admin.post('/admin/sections', { name: 'Giáo dục, đào tạo', nameEn: '', slug: '', description: '', sortOrder: '1' });
    assert.equal(created.statusCode, 303, created.body);
    const added = await t.db.selectFrom('sections').select('id').where('site_id', '=', other.site.id).where('name', '=', 'Giáo dục, đào tạo').executeTakeFirstOrThrow();
    await publishArticle(other, { title: 'Khai giảng năm học mới ở xã khác', sectionId: added.id, tags: [] });
    assert.match(await page(`/bai-viet/${story.slug}?lan=3`), /Giáo dục, đào tạo/);
  });
});
