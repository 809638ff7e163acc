// The public site of a declared section, on a real database, for the
// announcement kind (the machinery is the same for every kind): the list shows
// current and upcoming entries and the archive the expired ones, by the day of
// the test clock; filters, sort and pages answer in SQL the same on both
// engines (text without diacritics); a bad filter value is a Vietnamese
// message, not an error; the entry page shows formatted values; another
// site's entry and a kind turned off are 404; RSS, CSV and JSON carry the
// entries; search, the sitemap, the menu and the home page find them; news
// listings never do.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sectionKind, type SectionKind } from '../../../core/entries/index.ts';
import { indexedValues } from '../../../core/entries/index.ts';
import { fold } from '../../../core/vietnamese/index.ts';
import { buildTestApp, TestClock, type TestApp } from '../../../../test/support/app.ts';
import { textOf } from '../../../../test/support/agent.ts';
import { forEachEngine } from '../../../../test/support/databases.ts';
import { makeBoard, publishArticle, type Board } from '../../../../test/support/editorial.ts';
import { publishEntry } from '../../../../test/support/entries.ts';
import { readEntryQuery } from './filters.ts';
import { listEntries } from './queries.ts';

const announcement = sectionKind('announcement')!;

forEachEngine('entries: the public site of a declared section', (engine) => {
  let t: TestApp;
  let b: Board;
  let other: Board;
  let current: { id: number; slug: string };
  let expired: { id: number; slug: string };
  let upcoming: { id: number; slug: string };
  let foreign: { id: number; slug: string };

  const get = (host: string, url: string) => t.app.inject({ method: 'GET', url, headers: { host } });
  const page = async (url: string, host = b.host) => {
    const res = await get(host, url);
    assert.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 300)}`);
    return res.body;
  };
  const titlesIn = (html: string) => [...html.matchAll(/<h3><a href="\/thong-bao\/[^"]+">([^<]+)<\/a><\/h3>/g)].map((m) => m[1]);

  before(async () => {
    t = await buildTestApp(engine, { clock: new TestClock(new Date('2026-11-23T02:00:00Z')) });
    b = await makeBoard(t, 'thongbaocong');
    other = await makeBoard(t, 'thongbaokhac2');
    current = await publishEntry(b, 'announcement', { category: 'recruitment', validity: { from: '2026-11-20', to: '2026-12-31' }, issuedBy: [b.unitId], contact: 'Phòng Nội vụ, số 12 đường Lê Lợi' }, { title: 'Thông báo tuyển dụng viên chức năm 2026', summary: 'Tuyển 15 chỉ tiêu viên chức.', bodyHtml: '<p>Hồ sơ nộp tại Phòng Nội vụ.</p>', sectionId: b.sectionId });
    t.clock.advance(60_000);
    expired = await publishEntry(b, 'announcement', { category: 'auction', validity: { from: '2026-11-01', to: '2026-11-10' }, contact: 'Trung tâm phát triển quỹ đất' }, { title: 'Thông báo đấu giá quyền sử dụng đất', bodyHtml: '<p>Đấu giá 12 lô đất.</p>' });
    t.clock.advance(60_000);
    upcoming = await publishEntry(b, 'announcement', { category: 'enrolment', validity: { from: '2026-12-01', to: '2027-01-15' }, contact: 'Phòng Giáo dục và Đào tạo' }, { title: 'Thông báo tuyển sinh lớp 10', bodyHtml: '<p>Tuyển sinh năm học mới.</p>' });
    foreign = await publishEntry(other, 'announcement', { category: 'other', validity: { from: '2026-11-01', to: '2026-12-31' } }, { title: 'Thông báo của trang khác', bodyHtml: '<p>Nội dung.</p>' });
    await publishArticle(b, { title: 'Tin tức thường ngày của huyện' });
  });
  after(async () => t.close());

  test('the list shows current and upcoming entries; the archive the expired ones', async () => {
    const list = await page('/thong-bao');
    assert.deepEqual(titlesIn(list).sort(), ['Thông báo tuyển dụng viên chức năm 2026', 'Thông báo tuyển sinh lớp 10']);
    assert.match(list, /Sắp có hiệu lực/);
    assert.match(list, /href="\/thong-bao\?luu-tru=1"/);
    const archive = await page('/thong-bao?luu-tru=1');
    assert.deepEqual(titlesIn(archive), ['Thông báo đấu giá quyền sử dụng đất']);
    assert.match(archive, /Lưu trữ/);
    // The columns declared `list: true`, formatted.
    assert.match(textOf(list), /Loại thông báo\s+Tuyển dụng/);
    assert.match(list, /20\/11\/2026/);
  });

  test('a day later in the calendar, the current entry goes to the archive', async () => {
    const saved = t.clock.current;
    t.clock.set('2027-01-02T02:00:00Z');
    try {
      assert.deepEqual(titlesIn(await page('/thong-bao')), ['Thông báo tuyển sinh lớp 10']);
      assert.deepEqual(titlesIn(await page('/thong-bao?luu-tru=1')).sort(), ['Thông báo tuyển dụng viên chức năm 2026', 'Thông báo đấu giá quyền sử dụng đất']);
    } finally {
      t.clock.current = saved;
    }
  });

  test('filters by choice, unit and date range; sorts; a bad value is a Vietnamese message, not an error', async () => {
    assert.deepEqual(titlesIn(await page('/thong-bao?category=recruitment')), ['Thông báo tuyển dụng viên chức năm 2026']);
    assert.deepEqual(titlesIn(await page('/thong-bao?luu-tru=1&category=auction')), ['Thông báo đấu giá quyền sử dụng đất']);
    assert.deepEqual(titlesIn(await page('/thong-bao?category=auction')), []);
    assert.deepEqual(titlesIn(await page(`/thong-bao?issuedBy=${b.unitId}`)), ['Thông báo tuyển dụng viên chức năm 2026']);
    // A range overlaps the asked period.
    assert.deepEqual(titlesIn(await page('/thong-bao?validity-den=25/11/2026')), ['Thông báo tuyển dụng viên chức năm 2026']);
    assert.deepEqual(titlesIn(await page('/thong-bao?validity-tu=2026-12-20&sap-xep=validity-tang')), ['Thông báo tuyển dụng viên chức năm 2026', 'Thông báo tuyển sinh lớp 10']);
    assert.deepEqual(titlesIn(await page('/thong-bao?sap-xep=validity-giam')), ['Thông báo tuyển sinh lớp 10', 'Thông báo tuyển dụng viên chức năm 2026']);
    assert.deepEqual(titlesIn(await page('/thong-bao?sap-xep=ten')), ['Thông báo tuyển dụng viên chức năm 2026', 'Thông báo tuyển sinh lớp 10']);
    assert.deepEqual(titlesIn(await page('/thong-bao?sap-xep=moi-nhat')), ['Thông báo tuyển sinh lớp 10', 'Thông báo tuyển dụng viên chức năm 2026']);
    for (const bad of ['category=lottery', 'validity-tu=31/02/2026', 'issuedBy=999999', `issuedBy=${other.unitId}`, 'validity-tu=2026-12-31&validity-den=2026-01-01', 'sap-xep=%3Cscript%3E', 'category=%00%FF']) {
      const res = await get(b.host, `/thong-bao?${bad}`);
      assert.equal(res.statusCode, 200, `${bad}: ${res.body.slice(0, 200)}`);
      assert.match(res.body, /không hợp lệ|không có trong danh sách/, bad);
      assert.doesNotMatch(res.body, /<script>/);
      assert.equal(titlesIn(res.body).length, 2, `${bad}: the bad filter is left out`);
    }
    // Pages past the last are not found; the pager keeps the filters.
    assert.equal((await get(b.host, '/thong-bao?trang=5')).statusCode, 404);
  });

  test('paging and a diacritic-insensitive text filter, in SQL on entry_fields', async () => {
    const sorted = { by: 'published', direction: 'desc' as const };
    const first = await listEntries(t.db, b.site.id, announcement, { lang: 'vi', filters: [], sort: sorted, validity: 'current', today: '2026-11-23', limit: 1, offset: 0 });
    const second = await listEntries(t.db, b.site.id, announcement, { lang: 'vi', filters: [], sort: sorted, validity: 'current', today: '2026-11-23', limit: 1, offset: 1 });
    assert.equal(first.total, 2);
    assert.deepEqual([first.entries[0]!.articleId, second.entries[0]!.articleId], [upcoming.id, current.id]);
    // A kind whose text field is filterable: the same rows, indexed as its declaration says.
    const withText: SectionKind = { ...announcement, fields: announcement.fields.map((f) => (f.key === 'contact' ? { ...f, filter: true } : f)) };
    for (const entry of [current, expired, upcoming]) {
      const live = await t.db.selectFrom('articles').select('details').where('id', '=', entry.id).executeTakeFirstOrThrow();
      const values = JSON.parse(live.details!) as Record<string, unknown>;
      const rows = indexedValues(withText, values, (iso) => iso.slice(0, 10)).filter((r) => r.field === 'contact');
      await t.db.insertInto('entry_fields').values(rows.map((r) => ({ site_id: b.site.id, article_id: entry.id, entry_kind: 'announcement', field: r.field, value: r.value, folded: r.folded, number: r.number, date: r.date, date_end: r.dateEnd }))).execute();
    }
    const query = readEntryQuery(withText, { contact: 'PHONG noi VU' }, 'vi', []);
    assert.deepEqual(query.problems, []);
    const found = await listEntries(t.db, b.site.id, withText, { lang: 'vi', filters: query.filters, sort: query.sort, today: '2026-11-23', limit: 20, offset: 0 });
    assert.deepEqual(found.entries.map((e) => e.articleId), [current.id]);
    // LIKE's own characters are plain text.
    const percent = readEntryQuery(withText, { contact: '%' }, 'vi', []);
    assert.equal((await listEntries(t.db, b.site.id, withText, { lang: 'vi', filters: percent.filters, sort: percent.sort, today: '2026-11-23', limit: 20, offset: 0 })).total, 0);
    assert.equal(fold('Phòng Giáo dục'), 'phong giao duc');
  });

  test('the entry page: fields formatted with their labels, metadata, corrections; another site’s entry is 404', async () => {
    const html = await page(`/thong-bao/${current.slug}`);
    const text = textOf(html);
    assert.match(text, /Loại thông báo\s+Tuyển dụng/);
    assert.match(text, /Thời hạn hiệu lực\s+20\/11\/2026\s+–\s+31\/12\/2026/);
    assert.match(text, /Đơn vị thông báo\s+Phòng Văn hóa và Thông tin/);
    assert.match(text, /Liên hệ\s+Phòng Nội vụ, số 12 đường Lê Lợi/);
    assert.match(html, /<meta name="DC.title" content="Thông báo tuyển dụng viên chức năm 2026"/);
    assert.match(html, /<meta property="og:url" content="http:\/\/thongbaocong.test\/thong-bao\//);
    assert.match(html, /Hồ sơ nộp tại Phòng Nội vụ/);
    assert.match(html, /name="item" value="entry:\d+"/, 'the rating form names the entry');
    // Each view counts for the entry, from the cache as when rendered.
    await page(`/thong-bao/${current.slug}`);
    await t.deps.usage.flush(t.db);
    const views = await t.db.selectFrom('usage_daily').select(['views']).where('site_id', '=', b.site.id).where('item_type', '=', 'entry').where('item_id', '=', current.id).executeTakeFirst();
    assert.ok(views && Number(views.views) >= 2, `views counted: ${JSON.stringify(views)}`);
    assert.equal((await get(b.host, `/thong-bao/${foreign.slug}`)).statusCode, 404);
    assert.equal((await get(other.host, `/thong-bao/${current.slug}`)).statusCode, 404);
    assert.equal((await get(b.host, '/thong-bao/khong-co-muc-nay')).statusCode, 404);
    // An address the entry had before, and its address as an article, lead to it.
    await t.db.insertInto('article_slugs').values({ site_id: b.site.id, slug: 'thong-bao-cu', article_id: current.id, created_at: '2026-11-20T00:00:00Z' }).execute();
    const moved = await get(b.host, '/thong-bao/thong-bao-cu');
    assert.equal(moved.statusCode, 301);
    assert.equal(moved.headers.location, `/thong-bao/${current.slug}`);
    const asArticle = await get(b.host, `/bai-viet/${current.slug}`);
    assert.equal(asArticle.statusCode, 301);
    assert.equal(asArticle.headers.location, `/thong-bao/${current.slug}`);
    await t.db.insertInto('article_slugs').values({ site_id: other.site.id, slug: 'thong-bao-khac-cu', article_id: current.id, created_at: '2026-11-20T00:00:00Z' }).execute();
    assert.equal((await get(other.host, '/thong-bao/thong-bao-khac-cu')).statusCode, 404, 'a former address never leads to another site’s entry');
  });

  test('RSS, CSV (with a BOM and Vietnamese headers) and JSON carry the site’s published entries', async () => {
    const feed = await page('/thong-bao/rss.xml');
    assert.match(feed, /<title>Thông báo tuyển dụng viên chức năm 2026<\/title>/);
    // A query the feed does not read cannot make it rebuilt per request: the same cached file answers.
    const before = t.deps.pageCache.stats();
    for (const junk of ['?x=1', '?x=2', '?utm_source=zalo']) assert.equal(await page(`/thong-bao/rss.xml${junk}`), feed);
    assert.equal(t.deps.pageCache.stats().misses, before.misses, 'no rebuild for a junk query');
    assert.match(feed, /Thông báo đấu giá/);
    assert.doesNotMatch(feed, /trang khác/);
    const csv = await get(b.host, '/thong-bao/du-lieu.csv');
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    assert.ok(csv.rawPayload.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), 'UTF-8 BOM');
    const lines = csv.body.replace(/^\ufeff/, '').trim().split(/\r?\n/);
    assert.equal(lines[0], 'Tiêu đề,Tóm tắt,Địa chỉ,Ngày đăng,Loại thông báo,Thời hạn hiệu lực,Đơn vị thông báo,Liên hệ');
    assert.equal(lines.length, 4);
    assert.match(csv.body, /Tuyển dụng,2026-11-20 – 2026-12-31,Phòng Văn hóa và Thông tin,"Phòng Nội vụ, số 12 đường Lê Lợi"/);
    const json = JSON.parse((await get(b.host, '/thong-bao/du-lieu.json')).body);
    assert.equal(json.entries.length, 3);
    const mine = json.entries.find((e: { title: string }) => e.title.startsWith('Thông báo tuyển dụng'));
    assert.deepEqual(mine.fields, { category: 'Tuyển dụng', validity: { from: '2026-11-20', to: '2026-12-31' }, issuedBy: ['Phòng Văn hóa và Thông tin'], contact: 'Phòng Nội vụ, số 12 đường Lê Lợi' });
    assert.equal(mine.url, `http://thongbaocong.test/thong-bao/${current.slug}`);
    // In the OpenAPI document, with the library's open data.
    const spec = t.app.swagger() as { paths: Record<string, unknown> };
    assert.ok(spec.paths['/thong-bao/du-lieu.csv'] && spec.paths['/thong-bao/du-lieu.json']);
  });

  test('search finds an entry by a field value and names its section; the kind filter narrows to it', async () => {
    const html = await page('/tim-kiem?q=phong+noi+vu');
    assert.match(html, new RegExp(`href="/thong-bao/${current.slug}"`));
    assert.match(textOf(html), /Thông báo · \d\d\/\d\d\/2026/);
    const narrowed = await page('/tim-kiem?q=thong+bao&loai=announcement');
    assert.match(narrowed, /<option value="announcement" selected>/);
    assert.doesNotMatch(narrowed, /Tin tức thường ngày/);
  });

  test('the sitemap, the sitemap page and the menu list the section; the home page shows a current announcement, never an expired one', async () => {
    const xml = await page('/sitemap.xml');
    assert.match(xml, new RegExp(`/thong-bao/${current.slug}</loc>`));
    assert.match(xml, /\/thong-bao<\/loc>/);
    assert.match(await page('/so-do-trang'), /<a href="\/thong-bao">Thông báo<\/a>/);
    const home = await page('/');
    assert.match(home, /<a href="\/thong-bao" aria-current|<a href="\/thong-bao">/);
    assert.match(home, new RegExp(`href="/thong-bao/${current.slug}"`));
    assert.doesNotMatch(home, new RegExp(`href="/thong-bao/${expired.slug}"`));
    assert.doesNotMatch(home, new RegExp(`href="/thong-bao/${upcoming.slug}"`), 'an upcoming announcement waits for its day');
  });

  test('news listings leave entries out', async () => {
    const rssAll = await page('/rss.xml');
    assert.match(rssAll, /Tin tức thường ngày/);
    assert.doesNotMatch(rssAll, /Thông báo tuyển dụng/);
    const section = await t.db.selectFrom('sections').select('slug').where('id', '=', b.sectionId).executeTakeFirstOrThrow();
    const listing = await page(`/chuyen-muc/${section.slug}`);
    assert.match(listing, /Tin tức thường ngày/);
    assert.doesNotMatch(listing, /Thông báo tuyển dụng/);
    assert.doesNotMatch(await page(`/chuyen-muc/${section.slug}/rss.xml`), /Thông báo tuyển dụng/);
    const home = await page('/');
    const latest = /<section class="home-block latest"[\s\S]*?<\/section>/.exec(home)![0];
    assert.doesNotMatch(latest, /thong-bao\//);
  });

  test('in English on a site with English: the entries written in English; 404 on a site without', async () => {
    assert.equal((await get(b.host, '/en/thong-bao')).statusCode, 404);
    const en = await makeBoard(t, 'thongbaoanh', { languages: ['vi', 'en'] });
    await publishEntry(en, 'announcement', { category: 'recruitment', validity: { from: '2026-11-20', to: '2026-12-31' } }, { title: 'Recruitment of civil servants 2026', language: 'en', bodyHtml: '<p>Applications to the Home Affairs Office.</p>' });
    await publishEntry(en, 'announcement', { category: 'auction', validity: { from: '2026-11-20', to: '2026-12-31' } }, { title: 'Thông báo đấu giá tài sản', bodyHtml: '<p>Đấu giá.</p>' });
    const english = await page('/en/thong-bao', en.host);
    assert.deepEqual(titlesIn(english), ['Recruitment of civil servants 2026']);
    assert.match(english, /<html lang="en"/);
    assert.match(english, /Type/);
    assert.deepEqual(titlesIn(await page('/thong-bao', en.host)), ['Thông báo đấu giá tài sản']);
  });

  test('a kind the site turned off answers 404 everywhere', async () => {
    const row = await t.db.selectFrom('sites').select('settings').where('id', '=', b.site.id).executeTakeFirstOrThrow();
    const settings = JSON.parse(row.settings) as Record<string, unknown>;
    await t.db.updateTable('sites').set({ settings: JSON.stringify({ ...settings, entryKinds: { announcement: { enabled: false } } }) }).where('id', '=', b.site.id).execute();
    t.refreshSites();
    t.deps.pageCache.clear();
    try {
      for (const url of ['/thong-bao', `/thong-bao/${current.slug}`, '/thong-bao/rss.xml', '/thong-bao/du-lieu.csv', '/thong-bao/du-lieu.json']) {
        assert.equal((await get(b.host, url)).statusCode, 404, url);
      }
      assert.doesNotMatch(await page('/'), /href="\/thong-bao/);
      assert.doesNotMatch(await page('/sitemap.xml'), /\/thong-bao/);
      assert.doesNotMatch(await page('/tim-kiem?q=phong+noi+vu'), /\/thong-bao\//);
      assert.equal((await get(other.host, '/thong-bao')).statusCode, 200, 'the other site still has it');
    } finally {
      await t.db.updateTable('sites').set({ settings: row.settings }).where('id', '=', b.site.id).execute();
      t.refreshSites();
      t.deps.pageCache.clear();
    }
  });
});
