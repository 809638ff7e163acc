// Citizens' ratings on the demo sites, on SQLite and PostgreSQL: the rating
// form is on documents, procedures, published answers and drafts for comment
// as on articles; a visitor's rating counts once, in its month, and stores
// nothing about them; the board reads the month per item and per section, on
// the page and in CSV/XLSX; others are refused; no site sees another's; a site
// that no longer operates takes no rating.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { Migrator, sql, type Kysely } from 'kysely';
import { Agent, textOf } from '../../../test/support/agent.ts';
import { buildTestApp, TestClock, type TestApp } from '../../../test/support/app.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { migrations } from '../../migrations/index.ts';
import { engineOf } from '../../platform/db/database.ts';
import { loadDemo, PLATFORM_ADMIN_EMAIL } from '../demo/load-demo.ts';
import { readContentVersions } from '../public/content-version.ts';
import type { Site } from '../sites/site.ts';

const PASSWORD = 'Demo-Đánh-giá-2026';

forEachEngine("citizens' ratings", (engine) => {
  let t: TestApp;
  let sites: Site[];
  // Monday 23 Nov 2026, 09:00 in Vietnam.
  const clock = new TestClock(new Date('2026-11-23T02:00:00Z'));
  const site = (key: string) => sites.find((s) => s.key === key)!;
  const host = (key: string) => site(key).primaryHost!;

  before(async () => {
    t = await buildTestApp(engine, { clock });
    sites = (await loadDemo(t.db, { password: PASSWORD, clock })).sites;
    t.refreshSites();
  });
  after(async () => t.close());

  /** The public address of a site's first published item of this kind, as search_documents has it. */
  async function urlOf(key: string, kind: string): Promise<{ url: string; title: string }> {
    return t.db.selectFrom('search_documents').select(['url', 'title']).where('site_id', '=', site(key).id).where('kind', '=', kind).orderBy('id').executeTakeFirstOrThrow();
  }

  /** Opens the page as a visitor, reads the item from its rating form and sends the rating. */
  async function rate(visitor: Agent, url: string, useful: 'yes' | 'no') {
    const page = await visitor.get(url);
    assert.equal(page.statusCode, 200, url);
    const item = /<form method="post" action="\/danh-gia"><input type="hidden" name="item" value="([^"]+)"/.exec(page.body)?.[1];
    assert.ok(item, `${url} has the rating form`);
    return visitor.post('/danh-gia', { item, useful }, { csrf: false });
  }

  const counts = (key: string, month = '2026-11') =>
    t.db.selectFrom('rating_counts').select(['kind', 'title', 'useful', 'not_useful']).where('site_id', '=', site(key).id).where('month', '=', month).orderBy('kind').execute();

  async function signedIn(key: string, who: string): Promise<Agent> {
    const agent = new Agent(t.app, host(key));
    await agent.login(`${who}@${key}.localhost`, PASSWORD);
    return agent;
  }

  describe('the form on every page that carries content', () => {
    test('a visitor rates a document, a procedure and a published answer from the form on each page, and is thanked', async () => {
      const visitor = new Agent(t.app, host('nhuxuan'));
      for (const kind of ['document', 'procedure', 'question']) {
        const { url } = await urlOf('nhuxuan', kind);
        const res = await rate(visitor, url, 'yes');
        assert.equal(res.statusCode, 303, `${kind}: ${res.body}`);
        assert.equal(res.headers.location, `${url}?da-danh-gia=1#danh-gia`);
        const thanked = await visitor.get(`${url}?da-danh-gia=1`);
        assert.match(textOf(thanked.body), /Cảm ơn bạn đã đánh giá/, kind);
        assert.doesNotMatch(thanked.body, /action="\/danh-gia"/, `${kind}: the thanks replace the form`);
      }
      const other = new Agent(t.app, host('nhuxuan'));
      assert.equal((await rate(other, (await urlOf('nhuxuan', 'document')).url, 'no')).statusCode, 303);
      assert.deepEqual(
        (await counts('nhuxuan')).map((r) => [r.kind, r.useful, r.not_useful]),
        [
          ['document', 1, 1],
          ['procedure', 1, 0],
          ['question', 1, 0],
        ],
      );
    });

    test('a draft for comment carries the form too', async () => {
      const { url } = await urlOf('nhuxuan', 'consultation');
      assert.equal((await rate(new Agent(t.app, host('nhuxuan')), url, 'yes')).statusCode, 303);
      assert.equal((await counts('nhuxuan')).find((r) => r.kind === 'consultation')?.useful, 1);
    });

    test('the same visitor rating again is thanked but not counted; nothing about the visitor is stored', async () => {
      const visitor = new Agent(t.app, host('nhuxuan'));
      const { url } = await urlOf('nhuxuan', 'procedure');
      const before = (await counts('nhuxuan')).find((r) => r.kind === 'procedure')!;
      assert.equal((await rate(visitor, url, 'yes')).statusCode, 303);
      const again = await rate(visitor, url, 'no');
      assert.equal(again.headers.location, `${url}?da-danh-gia=truoc#danh-gia`);
      assert.match(textOf((await visitor.get(`${url}?da-danh-gia=truoc`)).body), /Bạn đã đánh giá nội dung này rồi/);
      const after = (await counts('nhuxuan')).find((r) => r.kind === 'procedure')!;
      assert.deepEqual([after.useful, after.not_useful], [before.useful + 1, before.not_useful]);
      // Only the month, the item and its two counters: no address, agent or cookie value.
      const row = await t.db.selectFrom('rating_counts').selectAll().where('site_id', '=', site('nhuxuan').id).where('kind', '=', 'procedure').executeTakeFirstOrThrow();
      assert.deepEqual(Object.keys(row).sort(), ['item_id', 'item_type', 'kind', 'month', 'not_useful', 'section_id', 'site_id', 'title', 'url', 'useful']);
      assert.ok(!JSON.stringify(row).includes(visitor.ip));
    });

    test('a rating moves no public content version: no cached page is dropped', async () => {
      const before = await readContentVersions(t.db, site('nhuxuan').id);
      const { url } = await urlOf('nhuxuan', 'document');
      await rate(new Agent(t.app, host('nhuxuan')), url, 'yes');
      assert.deepEqual(await readContentVersions(t.db, site('nhuxuan').id), before);
    });

    test('an item of another site, or one that is not public, cannot be rated here', async () => {
      const konrayDoc = await t.db.selectFrom('search_documents').select(['item_type', 'item_id']).where('site_id', '=', site('konray').id).where('kind', '=', 'document').executeTakeFirstOrThrow();
      const visitor = new Agent(t.app, host('nhuxuan'));
      assert.equal((await visitor.post('/danh-gia', { item: `${konrayDoc.item_type}:${konrayDoc.item_id}`, useful: 'yes' }, { csrf: false })).statusCode, 404);
      assert.equal((await visitor.post('/danh-gia', { item: 'article:999999', useful: 'yes' }, { csrf: false })).statusCode, 404);
      assert.equal((await visitor.post('/danh-gia', { item: 'user:1', useful: 'yes' }, { csrf: false })).statusCode, 404);
      const forged = await t.app.inject({ method: 'POST', url: '/danh-gia', headers: { host: host('nhuxuan'), origin: 'http://evil.example', 'content-type': 'application/x-www-form-urlencoded' }, payload: `item=${konrayDoc.item_type}:${konrayDoc.item_id}&useful=no` });
      assert.equal(forged.statusCode, 403);
    });
  });

  describe("the board's page", () => {
    test('a board member reads the month per section and per item, each item linked to its public page', async () => {
      const board = await signedIn('nhuxuan', 'thanhvien');
      const home = await board.get('/admin');
      assert.match(home.body, /<a href="\/admin\/ratings"[^>]*>Đánh giá của người dân<\/a>/);
      const page = await board.get('/admin/ratings');
      assert.equal(page.statusCode, 200);
      const text = textOf(page.body);
      assert.match(page.body, /<input type="month" id="thang" name="thang" value="2026-11"/, 'this month by default');
      const document = await urlOf('nhuxuan', 'document');
      assert.ok(page.body.includes(`<a href="${document.url}">${document.title}</a>`), 'the document, linked');
      // The document: 3 ratings, 2 useful, 1 not, 66.7 % useful (from the tests above).
      assert.match(text, new RegExp(`${document.title} Văn bản Văn bản 3 2 1 66,7`));
      for (const section of ['Văn bản', 'Thủ tục hành chính', 'Hỏi đáp', 'Lấy ý kiến dự thảo']) assert.ok(text.includes(section), section);
      assert.match(text, /Tổng cộng 4 7 6 1 85,7/, 'total: 4 items, 7 ratings, 6 useful, 1 not');
    });

    test('the CSV and XLSX give the same rows, with the public addresses', async () => {
      const board = await signedIn('nhuxuan', 'truongban');
      const csv = await board.get('/admin/ratings.csv?thang=2026-11');
      assert.equal(csv.statusCode, 200);
      assert.match(String(csv.headers['content-disposition']), /danh-gia-2026-11\.csv/);
      const rows = parse(csv.body, { bom: true }) as string[][];
      assert.deepEqual(rows[0], ['Tháng', 'Nhóm', 'Nội dung', 'Loại', 'Chuyên mục', 'Địa chỉ', 'Số nội dung được đánh giá', 'Lượt đánh giá', 'Hữu ích', 'Chưa hữu ích', 'Tỉ lệ hữu ích (%)']);
      const document = await urlOf('nhuxuan', 'document');
      assert.deepEqual(rows.find((r) => r[2] === document.title), ['2026-11', 'Theo nội dung', document.title, 'Văn bản', 'Văn bản', `http://${host('nhuxuan')}${document.url}`, '', '3', '2', '1', '66.7']);
      assert.deepEqual(rows.at(-1), ['2026-11', 'Tổng cộng', '', '', '', '', '4', '7', '6', '1', '85.7']);
      const xlsx = await board.get('/admin/ratings.xlsx?thang=2026-11');
      assert.equal(xlsx.statusCode, 200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      assert.equal(book.worksheets[0]!.rowCount, rows.length);
    });

    test('each month counts its own ratings', async () => {
      clock.set('2026-12-01T01:00:00Z');
      const { url } = await urlOf('nhuxuan', 'question');
      await rate(new Agent(t.app, host('nhuxuan')), url, 'no');
      const board = await signedIn('nhuxuan', 'thuongtruc');
      const december = textOf((await board.get('/admin/ratings')).body);
      assert.match(december, /Tổng cộng 1 1 0 1 0/);
      assert.match(textOf((await board.get('/admin/ratings?thang=2026-11')).body), /Tổng cộng 4 7 6 1 85,7/);
      const bad = await board.get('/admin/ratings?thang=2026-13');
      assert.equal(bad.statusCode, 400);
      assert.match(textOf(bad.body), /Tháng không hợp lệ/);
      clock.set('2026-11-23T02:00:00Z');
    });

    test('a contributor is refused the page and its files, and has no link to it', async () => {
      const contributor = await signedIn('nhuxuan', 'congtacvien');
      for (const url of ['/admin/ratings', '/admin/ratings.csv', '/admin/ratings.xlsx']) assert.equal((await contributor.get(url)).statusCode, 403, url);
      assert.doesNotMatch((await contributor.get('/admin')).body, /\/admin\/ratings/);
    });

    test("another site's ratings never appear", async () => {
      const konray = await urlOf('konray', 'news');
      assert.equal((await rate(new Agent(t.app, host('konray')), konray.url, 'yes')).statusCode, 303);
      const board = await signedIn('nhuxuan', 'thanhvien');
      for (const url of ['/admin/ratings?thang=2026-11', '/admin/ratings.csv?thang=2026-11']) {
        const res = await board.get(url);
        assert.ok(!res.body.includes(konray.title), `${url} shows nothing of Kon Rẫy's`);
        assert.ok(!res.body.includes(host('konray')), url);
      }
      const theirs = textOf((await (await signedIn('konray', 'thanhvien')).get('/admin/ratings?thang=2026-11')).body);
      assert.ok(theirs.includes(konray.title));
      assert.match(theirs, /Tổng cộng 1 1 1 0 100/);
    });
  });

  test('a site that no longer operates shows no rating form and refuses a rating (410), storing nothing', async () => {
    const { url } = await urlOf('thanhchuong', 'document');
    const visitor = new Agent(t.app, host('thanhchuong'));
    const form = await visitor.get(url);
    const item = /name="item" value="([^"]+)"/.exec(form.body)?.[1];
    assert.ok(item, 'open: the form is there');
    const admin = new Agent(t.app, host('thanhchuong'));
    await admin.login(PLATFORM_ADMIN_EMAIL, PASSWORD);
    // Its open cases go to another demo site.
    const archived = await admin.post(`/admin/sites/${site('thanhchuong').id}/status`, { status: 'archived', notice: '', redirectMode: 'none', handoverSiteId: String(site('vpubnd-kontum').id), successorSiteId: String(site('vpubnd-kontum').id), confirm: '1' });
    assert.equal(archived.statusCode, 303, archived.body);
    const page = await visitor.get(url);
    assert.equal(page.statusCode, 200, 'the document stays readable');
    assert.doesNotMatch(page.body, /action="\/danh-gia"/);
    const refused = await visitor.post('/danh-gia', { item, useful: 'yes' }, { csrf: false });
    assert.equal(refused.statusCode, 410);
    assert.match(textOf(refused.body), /đã ngừng hoạt động/);
    assert.deepEqual(await counts('thanhchuong'), []);
  });

  test('migration 0011 carries the undated counters into the month of the upgrade, with what the index says of each item', async () => {
    const database = await engine.open({ migrate: false });
    const db = database.db as unknown as Kysely<any>;
    try {
      const schema = engineOf(database.db) === 'postgres' ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema : undefined;
      const upTo0010 = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0011'));
      // Later migrations are left out, so migrateDown below undoes 0011 itself.
      const upTo0011 = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0012'));
      const migrator = (all: typeof migrations) => new Migrator({ db, provider: { getMigrations: async () => all }, ...(schema ? { migrationTableSchema: schema } : {}) });
      assert.equal((await migrator(upTo0010).migrateToLatest()).error, undefined);
      const now = new Date().toISOString();
      const { id: siteId } = await db.insertInto('sites').values({ key: 'cu', name: 'cu', agency_name: 'cu', level: 'commune', languages: '["vi"]', labels: '{}', contact: '{}', settings: '{}', status: 'active', redirect_mode: 'none', is_default: 0, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
      const text = { summary: '', body_text: '', title_lc: '', text_lc: '', folded_title: '', folded_body: '', published_at: now };
      await db.insertInto('search_documents').values({ site_id: siteId, item_type: 'procedure', item_id: 7, language: 'vi', section_id: null, kind: 'procedure', url: '/thu-tuc-hanh-chinh/khai-sinh', title: 'Đăng ký khai sinh', ...text }).execute();
      await db.insertInto('ratings').values([
        { site_id: siteId, item_type: 'procedure', item_id: 7, useful: 5, not_useful: 2 },
        { site_id: siteId, item_type: 'article', item_id: 9, useful: 1, not_useful: 0 },
      ]).execute();
      const ran = (await migrator(upTo0011).migrateToLatest()).results?.map((r) => r.migrationName) ?? [];
      assert.deepEqual(ran, ['0011_monthly_ratings'], 'migration 0011 runs');
      const month = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 7);
      assert.deepEqual(await db.selectFrom('rating_counts').select(['month', 'item_type', 'item_id', 'kind', 'section_id', 'title', 'url', 'useful', 'not_useful']).orderBy('item_id').execute(), [
        { month, item_type: 'procedure', item_id: 7, kind: 'procedure', section_id: null, title: 'Đăng ký khai sinh', url: '/thu-tuc-hanh-chinh/khai-sinh', useful: 5, not_useful: 2 },
        // No longer public: kept, named by its key on the board's page.
        { month, item_type: 'article', item_id: 9, kind: 'article', section_id: null, title: '', url: '', useful: 1, not_useful: 0 },
      ]);
      assert.equal((await migrator(upTo0011).migrateDown()).error, undefined);
      assert.deepEqual((await db.selectFrom('ratings').select(['item_id', 'useful', 'not_useful']).orderBy('item_id').execute()).map((r) => [r.item_id, Number(r.useful), Number(r.not_useful)]), [
        [7, 5, 2],
        [9, 1, 0],
      ]);
    } finally {
      await database.destroy();
    }
  });
});
