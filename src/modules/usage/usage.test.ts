// Usage on SQLite and PostgreSQL, hand-counted: public GETs (some served from
// the render cache) become exact views per item, section and Vietnamese day
// after a flush, and nothing before it; robots, HEAD requests and signed-in
// staff are not counted; nothing personal is stored; searches are kept folded
// (top and no-result) and never when they look like personal data; downloads;
// the board's page, its spreadsheet and the report section; others refused; no
// site sees another's figures.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { Agent, textOf } from '../../../test/support/agent.ts';
import { buildTestApp, TestClock, type TestApp } from '../../../test/support/app.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { makeBoard, publishArticle, type Board } from '../../../test/support/editorial.ts';
import { systemActor, TEST_PASSWORD } from '../../../test/support/factories.ts';
import { halfPeriod, monthPeriod } from '../../core/reports/section.ts';
import { siteCalendar } from '../articles/workflow-context.ts';
import { uploadMedia } from '../media/media.ts';
import { REPORT_SECTIONS } from '../reports/registry.ts';
import { MAX_QUERIES_PER_DAY, OTHER_QUERIES, UsageCounter } from './counter.ts';
import { loadUsageReport } from './report.ts';
import { usageReportSection } from './report-section.ts';

const pdfBytes = Buffer.from('%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1');

forEachEngine('usage', (engine) => {
  let t: TestApp;
  let a: Board;
  let b: Board;
  let article: { id: number; slug: string };
  // Monday 23 Nov 2026, 23:30 in Vietnam (16:30 UTC).
  const clock = new TestClock(new Date('2026-11-23T16:30:00Z'));

  before(async () => {
    t = await buildTestApp(engine, { clock });
    clock.set('2026-11-20T02:00:00Z');
    a = await makeBoard(t, 'luotxem');
    b = await makeBoard(t, 'khac', { level: 'department' });
    article = await publishArticle(a, { title: 'Như Xuân khánh thành cầu treo bản Mới' });
    await publishArticle(b, { title: 'Sở Xây dựng họp giao ban' });
    // Only the test's own flushes write (a slow machine must not see the server's timer flush in the middle).
    t.deps.usage.autoFlush = false;
    await t.deps.usage.flush(t.db);
    await t.db.deleteFrom('usage_daily').execute();
    clock.set('2026-11-23T16:30:00Z');
  });
  after(async () => t.close());

  const rows = (siteId: number) =>
    t.db.selectFrom('usage_daily').select(['day', 'item_type', 'item_id', 'section_id', 'views']).where('site_id', '=', siteId).orderBy('day').orderBy('item_type').execute();

  describe('page views', () => {
    test('N public GETs, some from the cache, give exact views per item, section and Vietnamese day after a flush; robots, HEAD and staff are not counted', async () => {
      const visitor = new Agent(t.app, a.host);
      const hitsBefore = t.deps.pageCache.stats().hits;
      // 23:30 on 23 Nov in Vietnam: three readings, the last two from the cache.
      for (let i = 0; i < 3; i += 1) assert.equal((await visitor.get(`/bai-viet/${article.slug}`)).statusCode, 200);
      assert.equal(t.deps.pageCache.stats().hits - hitsBefore, 2, 'two of the three came from the cache');
      // Not readers: a robot, a HEAD request, a signed-in member of the board.
      assert.equal((await visitor.get(`/bai-viet/${article.slug}`, { 'user-agent': 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)' })).statusCode, 200);
      assert.equal((await visitor.get(`/bai-viet/${article.slug}`, { 'user-agent': 'Some-Crawler/1.0' })).statusCode, 200);
      assert.equal((await t.app.inject({ method: 'HEAD', url: `/bai-viet/${article.slug}`, headers: { host: a.host } })).statusCode, 200);
      const staff = new Agent(t.app, a.host);
      await staff.login(a.people.secretariat.email, TEST_PASSWORD);
      assert.equal((await staff.get(`/bai-viet/${article.slug}`)).statusCode, 200);

      // 00:30 on 24 Nov in Vietnam (still 23 Nov in UTC): two more readings, the section page twice, the home page once.
      clock.set('2026-11-23T17:30:00Z');
      for (let i = 0; i < 2; i += 1) await visitor.get(`/bai-viet/${article.slug}`);
      for (let i = 0; i < 2; i += 1) assert.equal((await visitor.get('/chuyen-muc/tin-tuc-su-kien')).statusCode, 200);
      assert.equal((await visitor.get('/')).statusCode, 200);
      // A page that does not exist is not a view.
      assert.equal((await visitor.get('/bai-viet/khong-co-bai-nay')).statusCode, 404);

      assert.deepEqual(await rows(a.site.id), [], 'nothing is written before the flush');
      assert.equal(t.deps.usage.pending().views, 8);
      await t.deps.usage.flush(t.db);
      assert.deepEqual(
        (await rows(a.site.id)).map((r) => [r.day, r.item_type, r.item_id, r.section_id, Number(r.views)]),
        [
          ['2026-11-23', 'article', article.id, a.sectionId, 3],
          ['2026-11-24', 'article', article.id, a.sectionId, 2],
          ['2026-11-24', 'home', 0, null, 1],
          ['2026-11-24', 'section', a.sectionId, a.sectionId, 2],
        ],
      );
      assert.equal(t.deps.usage.pending().views, 0);
      // A second flush adds to the same rows (views = views + excluded.views).
      await visitor.get(`/bai-viet/${article.slug}`);
      await t.deps.usage.flush(t.db);
      assert.equal(Number((await rows(a.site.id)).find((r) => r.day === '2026-11-24' && r.item_type === 'article')!.views), 3);
      await t.db.updateTable('usage_daily').set({ views: sql`views - 1` }).where('site_id', '=', a.site.id).where('day', '=', '2026-11-24').where('item_type', '=', 'article').execute();
      assert.deepEqual(await rows(b.site.id), [], "another site's views are its own");
    });

    test('nothing personal is stored: the tables hold days, items, folded queries and counts only', async () => {
      const columns = async (table: string) => Object.keys((await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(t.db)).rows[0] ?? {}).sort();
      assert.deepEqual(await columns('usage_daily'), ['day', 'item_id', 'item_type', 'section_id', 'site_id', 'views']);
      const all = JSON.stringify(await t.db.selectFrom('usage_daily').selectAll().execute());
      assert.doesNotMatch(all, /10\.\d+\.\d+\.\d+|Googlebot|Mozilla|tt_session/);
    });
  });

  describe('searches and downloads', () => {
    test('searches are counted folded, on a cache hit too, with no-result ones apart; queries that look like personal data are not kept', async () => {
      clock.set('2026-11-25T03:00:00Z');
      const visitor = new Agent(t.app, a.host);
      assert.match(textOf((await visitor.get('/tim-kiem?q=C%E1%BA%A7u+treo')).body), /khánh thành cầu treo/);
      await visitor.get('/tim-kiem?q=cau+treo');
      await visitor.get('/tim-kiem?q=cau+treo'); // from the cache
      await visitor.get('/tim-kiem?q=  CẦU   TREO ');
      assert.match(textOf((await visitor.get('/tim-kiem?q=h%E1%BB%99+chi%E1%BA%BFu+xyz')).body), /Không tìm thấy kết quả nào/);
      await visitor.get('/tim-kiem?q=0912345678');
      await visitor.get('/tim-kiem?q=nguyenvana%40gmail.com');
      await visitor.get('/tim-kiem?q=001099012345');
      // A phone number at the end of a long query is still seen, though only 80 characters are kept.
      await visitor.get(`/tim-kiem?q=${encodeURIComponent(`${'thủ tục cấp giấy phép xây dựng nhà ở riêng lẻ tại xã '.repeat(2)} liên hệ 0912 345 678`)}`);
      await visitor.get('/tim-kiem?q=cau+treo', { 'user-agent': 'bingbot/2.0' });
      await t.deps.usage.flush(t.db);
      const stored = await t.db.selectFrom('search_daily').select(['day', 'query_folded', 'query_display', 'searches', 'results_zero']).where('site_id', '=', a.site.id).orderBy('query_folded').execute();
      assert.deepEqual(
        stored.map((r) => [r.day, r.query_folded, r.query_display, Number(r.searches), Number(r.results_zero)]),
        [
          ['2026-11-25', 'cau treo', 'CẦU TREO', 4, 0],
          ['2026-11-25', 'ho chieu xyz', 'hộ chiếu xyz', 1, 1],
        ],
      );
      const report = await loadUsageReport(t.db, a.site.id, { from: '2026-11-01', to: '2026-11-30' });
      assert.equal(report.searches, 5);
      assert.equal(report.zeroSearches, 1);
      // A query made once or twice is counted but never listed: it may be one person's own words.
      assert.deepEqual(report.topQueries, [{ query: 'CẦU TREO', searches: 4, zero: 0 }]);
      assert.deepEqual(report.zeroQueries, []);
      for (let i = 0; i < 2; i++) await visitor.get('/tim-kiem?q=h%E1%BB%99+chi%E1%BA%BFu+xyz');
      await t.deps.usage.flush(t.db);
      const again = await loadUsageReport(t.db, a.site.id, { from: '2026-11-01', to: '2026-11-30' });
      assert.deepEqual(again.zeroQueries, [{ query: 'hộ chiếu xyz', searches: 3, zero: 3 }]);
    });

    test('a site keeps at most MAX_QUERIES_PER_DAY different queries a day; the rest are counted together', async () => {
      const counter = new UsageCounter(() => new Date('2026-10-14T03:00:00Z'));
      for (let i = 0; i < MAX_QUERIES_PER_DAY + 5; i++) counter.search(a.site.id, `từ khóa ${i}`, 1);
      counter.search(a.site.id, 'từ khóa 7', 1);
      await counter.flush(t.db);
      const rows = await t.db.selectFrom('search_daily').select(['query_folded', 'searches']).where('site_id', '=', a.site.id).where('day', '=', '2026-10-14').execute();
      assert.equal(rows.length, MAX_QUERIES_PER_DAY + 1);
      assert.equal(Number(rows.find((r) => r.query_folded === OTHER_QUERIES.folded)?.searches), 5);
      assert.equal(Number(rows.find((r) => r.query_folded === 'tu khoa 7')?.searches), 2);
      await t.db.deleteFrom('search_daily').where('site_id', '=', a.site.id).where('day', '=', '2026-10-14').execute();
    });

    test("searches of the document library and of the procedures count among the site's searches", async () => {
      clock.set('2026-12-02T03:00:00Z');
      const visitor = new Agent(t.app, a.host);
      assert.equal((await visitor.get('/thu-tuc-hanh-chinh?q=khai+sinh')).statusCode, 200);
      assert.equal((await visitor.get('/van-ban?q=quy%E1%BA%BFt+%C4%91%E1%BB%8Bnh')).statusCode, 200);
      assert.equal((await visitor.get('/van-ban?q=quy%E1%BA%BFt+%C4%91%E1%BB%8Bnh')).statusCode, 200);
      await t.deps.usage.flush(t.db);
      const stored = await t.db.selectFrom('search_daily').select(['query_folded', 'searches', 'results_zero']).where('site_id', '=', a.site.id).where('day', '=', '2026-12-02').orderBy('query_folded').execute();
      assert.deepEqual(stored.map((r) => [r.query_folded, Number(r.searches), Number(r.results_zero)]), [
        ['khai sinh', 1, 1],
        ['quyet dinh', 2, 2],
      ]);
      clock.set('2026-11-25T03:00:00Z');
    });

    test('downloads of attachments are counted per day, not for pictures, robots or HEAD', async () => {
      const pdf = await uploadMedia(t.db, t.deps.files, { ...systemActor(a.site.id), userId: a.people.contributor.id }, { data: pdfBytes, originalName: 'Kế hoạch 2026.pdf', purpose: 'attachment' });
      const visitor = new Agent(t.app, a.host);
      assert.equal((await visitor.get(pdf.url)).statusCode, 200);
      await visitor.get(pdf.url);
      await visitor.get(pdf.url, { 'user-agent': 'Baiduspider' });
      await t.app.inject({ method: 'HEAD', url: pdf.url, headers: { host: a.host } });
      await t.deps.usage.flush(t.db);
      const stored = await t.db.selectFrom('download_daily').select(['day', 'file_kind', 'file_id', 'downloads']).where('site_id', '=', a.site.id).execute();
      assert.deepEqual(stored.map((r) => [r.day, r.file_kind, r.file_id, Number(r.downloads)]), [['2026-11-25', 'media', pdf.id, 2]]);
      const report = await loadUsageReport(t.db, a.site.id, { from: '2026-11-01', to: '2026-11-30' });
      assert.deepEqual(report.topDownloads, [{ fileKind: 'media', fileId: pdf.id, name: 'Kế hoạch 2026.pdf', downloads: 2 }]);
      assert.equal((await loadUsageReport(t.db, b.site.id, { from: '2026-11-01', to: '2026-11-30' })).downloads, 0);
    });

    test('days are Vietnamese calendar days, holidays included: 23:30 on 1 Sep and 00:30 on National Day (2 Sep) are two days', async () => {
      let now = new Date('2026-09-01T16:30:00Z');
      const counter = new UsageCounter(() => now);
      counter.view(b.site.id, { itemType: 'home', itemId: 0, sectionId: null });
      now = new Date('2026-09-01T17:30:00Z');
      counter.view(b.site.id, { itemType: 'home', itemId: 0, sectionId: null });
      counter.view(b.site.id, { itemType: 'home', itemId: 0, sectionId: null });
      now = new Date('2026-09-02T16:59:59Z');
      for (let i = 0; i < 3; i++) counter.search(b.site.id, 'Quốc khánh', 0);
      await counter.flush(t.db);
      const september = await loadUsageReport(t.db, b.site.id, { from: '2026-09-01', to: '2026-09-30' });
      assert.deepEqual(september.perDay.slice(0, 3), [
        { day: '2026-09-01', views: 1 },
        { day: '2026-09-02', views: 2 },
        { day: '2026-09-03', views: 0 },
      ]);
      assert.deepEqual(september.zeroQueries, [{ query: 'Quốc khánh', searches: 3, zero: 3 }]);
      for (const table of ['usage_daily', 'search_daily'] as const) await t.db.deleteFrom(table).where('site_id', '=', b.site.id).where('day', '<', '2026-10-01').execute();
    });

    test('a failed flush loses nothing: the batch is kept for the next one', async () => {
      const counter = new UsageCounter(() => new Date('2026-11-26T01:00:00Z'));
      counter.view(a.site.id, { itemType: 'article', itemId: article.id, sectionId: a.sectionId });
      counter.view(a.site.id, { itemType: 'article', itemId: article.id, sectionId: a.sectionId });
      const broken = { transaction: () => ({ execute: async () => Promise.reject(new Error('database away')) }) } as unknown as typeof t.db;
      await assert.rejects(counter.flush(broken), /database away/);
      counter.view(a.site.id, { itemType: 'article', itemId: article.id, sectionId: a.sectionId });
      assert.equal(counter.pending().views, 3);
      await counter.flush(t.db);
      const row = await t.db.selectFrom('usage_daily').select('views').where('site_id', '=', a.site.id).where('day', '=', '2026-11-26').executeTakeFirstOrThrow();
      assert.equal(Number(row.views), 3);
      await t.db.deleteFrom('usage_daily').where('day', '=', '2026-11-26').execute();
    });
  });

  describe("the board's page and the report", () => {
    test('the month per day, per section and per item, with the ratings of the month; XLSX reads back', async () => {
      const report = await loadUsageReport(t.db, a.site.id, { from: '2026-11-01', to: '2026-11-30' });
      // 23 Nov: 3 readings; 24 Nov: 2 + 2 section pages + home (the reading after the flush was taken back); 25 Nov: eleven search pages.
      assert.equal(report.totalViews, 3 + 5 + 11);
      assert.equal(report.perDay.length, 30);
      assert.deepEqual(
        report.perDay.filter((d) => d.views > 0),
        [
          { day: '2026-11-23', views: 3 },
          { day: '2026-11-24', views: 5 },
          { day: '2026-11-25', views: 11 },
        ],
      );
      assert.deepEqual(report.topItems.map((i) => [i.itemType, i.itemId, i.title, i.views]), [['article', article.id, 'Như Xuân khánh thành cầu treo bản Mới', 5]]);
      const news = report.groups.find((g) => 'sectionId' in g.group && g.group.sectionId === a.sectionId)!;
      assert.deepEqual([news.views, news.items], [7, 2]);
      assert.deepEqual(report.groups.find((g) => 'area' in g.group && g.group.area === 'search')!.views, 11);

      const secretariat = new Agent(t.app, a.host);
      await secretariat.login(a.people.secretariat.email, TEST_PASSWORD);
      const page = await secretariat.get('/admin/usage?thang=2026-11');
      assert.equal(page.statusCode, 200);
      const text = textOf(page.body);
      assert.match(text, /Lượt xem theo ngày/);
      assert.match(text, /Như Xuân khánh thành cầu treo bản Mới Tin bài, văn bản 5/);
      assert.match(text, /hộ chiếu xyz 3 3/);
      assert.match(page.body, /<svg class="figure-chart"[^>]*role="img"/);
      assert.equal((await secretariat.get('/admin/usage?thang=2026-13')).statusCode, 400);

      const xlsx = await secretariat.get('/admin/usage.xlsx?thang=2026-11');
      assert.equal(xlsx.statusCode, 200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const sheetRows = book.worksheets[0]!.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1));
      assert.deepEqual(sheetRows[0], ['Bảng', 'Dòng', 'Cột', 'Giá trị']);
      assert.ok(sheetRows.some((r) => JSON.stringify(r) === JSON.stringify(['Lượt xem theo ngày', '24/11/2026', 'Lượt xem', 5])));
      assert.ok(sheetRows.some((r) => JSON.stringify(r) === JSON.stringify(['Tổng quan', 'Tổng lượt xem', 'Giá trị', 19])));
    });

    test('the report section is registered and gives the same figures; a contributor is refused; another site sees only its own', async () => {
      assert.ok(REPORT_SECTIONS.includes(usageReportSection));
      const figures = await usageReportSection.compute({ db: t.db, site: a.site, calendar: siteCalendar(a.site), now: clock.now(), unitId: null }, monthPeriod('2026-11')!);
      const perDay = figures.tables.find((x) => x.key === 'per_day')!;
      assert.equal(perDay.rows.find((r) => r.day === '2026-11-24')!.views, 5);
      assert.equal(figures.charts[0]!.kind, 'line');
      // The 6-monthly report: per month (December holds the library's and the procedures' searches).
      const half = await usageReportSection.compute({ db: t.db, site: a.site, calendar: siteCalendar(a.site), now: clock.now(), unitId: null }, halfPeriod('2026-H2')!);
      assert.deepEqual(
        half.tables.find((x) => x.key === 'per_month')!.rows.map((r) => [r.month, r.views, r.searches, r.downloads]),
        [
          ['2026-07', 0, 0, 0],
          ['2026-08', 0, 0, 0],
          ['2026-09', 0, 0, 0],
          ['2026-10', 0, 0, 0],
          ['2026-11', 19, 7, 2],
          ['2026-12', 3, 3, 0],
        ],
      );
      assert.equal(half.tables.find((x) => x.key === 'per_day')!.rows.length, 184);

      const contributor = new Agent(t.app, a.host);
      await contributor.login(a.people.contributor.email, TEST_PASSWORD);
      assert.equal((await contributor.get('/admin/usage')).statusCode, 403);
      assert.equal((await contributor.get('/admin/usage.xlsx')).statusCode, 403);

      const other = new Agent(t.app, b.host);
      await other.login(b.people.secretariat.email, TEST_PASSWORD);
      const page = textOf((await other.get('/admin/usage?thang=2026-11')).body);
      assert.doesNotMatch(page, /cầu treo|CẦU TREO|Kế hoạch 2026/);
      assert.match(page, /Tổng lượt xem 0/);
    });
  });
});
