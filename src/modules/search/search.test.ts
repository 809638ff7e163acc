// The site search index on both engines (SQLite FTS5 and PostgreSQL tsvector):
// the same documents give the same hits, in the same order, with the same
// totals. Folded words match whatever the diacritics; documents containing the
// query as typed rank first; phrases need adjacent words within one field;
// filters, pagination, removal, re-indexing and tenant isolation hold; and
// nothing a visitor types acts as engine syntax.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { forEachEngine, type TestDatabase } from '../../../test/support/databases.ts';
import { makeSite } from '../../../test/support/factories.ts';
import { parseQuery, type ParsedQuery } from '../../core/search/index.ts';
import type { Db } from '../../platform/db/database.ts';
import { ftsMatchQuery, tsQuery } from './engine-syntax.ts';
import { indexDocument, latestDocuments, removeDocument, searchDocuments, type SearchDoc, type SearchFilters, type SearchPage, type SearchResult } from './index.ts';

type Filters = Omit<SearchFilters, 'siteId'>;

const ALL: SearchPage = { limit: 100, offset: 0 };

function query(text: string): ParsedQuery {
  const parsed = parseQuery(text);
  assert.ok(parsed, `"${text}" parses`);
  return parsed;
}

/** An ISO instant on a day of 2024 ("03-15" → 2024-03-15T02:00:00.000Z). */
function on(monthDay: string): string {
  return `2024-${monthDay}T02:00:00.000Z`;
}

function doc(siteId: number, itemId: number, fields: Partial<SearchDoc> = {}): SearchDoc {
  return {
    siteId,
    itemType: 'article',
    itemId,
    language: 'vi',
    sectionId: null,
    kind: 'news',
    url: `/bai-viet/${itemId}`,
    title: `Bài ${itemId}`,
    summary: '',
    bodyText: '',
    publishedAt: on('01-01'),
    ...fields,
  };
}

const itemIds = (result: SearchResult) => result.hits.map((h) => h.itemId);
const sortedIds = (result: SearchResult) => itemIds(result).sort((a, b) => a - b);

describe('engine syntax', () => {
  test('FTS5: every word and phrase a quoted string, implicitly ANDed', () => {
    assert.equal(ftsMatchQuery(query('Hà Nội "đảng viên"')), '"ha" "noi" "dang vien"');
  });

  test('PostgreSQL: words ANDed, each phrase pinned to the title or to the body', () => {
    assert.equal(tsQuery(query('Hà Nội "đảng viên"')), 'ha & noi & (dang:A <-> vien:A | dang:B <-> vien:B)');
    assert.equal(tsQuery(query('"a b c"')), '(a:A <-> b:A <-> c:A | a:B <-> b:B <-> c:B)');
  });

  test('anything but a plain token is refused, even in a hand-made query', () => {
    const forged = (words: string[], phrases: string[][] = []): ParsedQuery => ({ raw: '', words, phrases, exact: '' });
    for (const bad of ['a"b', 'a*', 'title:x', 'a b', '', 'Hà', "x'"]) {
      assert.throws(() => ftsMatchQuery(forged([bad])), /Not a search token/, bad);
      assert.throws(() => tsQuery(forged([bad])), /Not a search token/, bad);
      assert.throws(() => ftsMatchQuery(forged([], [['ok', bad]])), /Not a search token/, bad);
      assert.throws(() => tsQuery(forged([], [['ok', bad]])), /Not a search token/, bad);
    }
  });
});

forEachEngine('site search', (engine) => {
  let handle: TestDatabase;
  let db: Db;
  let sites = 0;

  before(async () => {
    handle = await engine.open();
    db = handle.db;
  });
  after(async () => handle.destroy());

  /** A fresh site per test, so no test sees another's documents. */
  async function newSite(): Promise<number> {
    sites += 1;
    return (await makeSite(db, `tim-kiem-${sites}`)).id;
  }

  /** Indexes the documents one after the other (their row ids follow this order). */
  async function indexAll(docs: SearchDoc[]): Promise<void> {
    for (const d of docs) await indexDocument(db, d);
  }

  function search(siteId: number, text: string, filters: Filters = {}, page: SearchPage = ALL): Promise<SearchResult> {
    return searchDocuments(db, query(text), { siteId, ...filters }, page);
  }

  /** On SQLite, the external-content FTS5 table still agrees with search_documents. */
  async function ftsIsConsistent(): Promise<void> {
    if (engine.name !== 'sqlite') return;
    await sql`insert into search_fts(search_fts, rank) values ('integrity-check', 1)`.execute(db);
  }

  test('a site without documents finds nothing', async () => {
    const site = await newSite();
    assert.deepEqual(await search(site, 'hà nội'), { total: 0, more: false, hits: [] });
    assert.deepEqual(await latestDocuments(db, { siteId: site }, ALL), { total: 0, more: false, hits: [] });
  });

  test('"ha noi" finds "Hà Nội" in the title or the text, NFC or NFD, and nothing that only looks alike', async () => {
    const site = await newSite();
    await indexAll([
      doc(site, 1, { title: 'Hà Nội đón khách' }),
      doc(site, 2, { bodyText: 'Tin từ thủ đô Hà Nội.' }),
      doc(site, 3, { title: 'Đoàn công tác', summary: 'Ghé HÀ NỘI' }),
      doc(site, 4, { title: 'Hà Nội mùa thu'.normalize('NFD') }),
      doc(site, 5, { title: 'Hải Phòng' }),
      doc(site, 6, { title: 'Hanoi Times' }),
      doc(site, 7, { title: 'Hàng nội địa' }),
      doc(site, 8, { title: 'Hà Giang', bodyText: 'Nội dung' }),
    ]);
    for (const text of ['ha noi', 'Hà Nội', 'HÀ NỘI', 'Hà Nội'.normalize('NFD'), 'Hạ Nồi']) {
      const result = await search(site, text);
      assert.deepEqual(sortedIds(result), [1, 2, 3, 4, 8], text);
      assert.equal(result.total, 5, text);
    }
    assert.deepEqual(sortedIds(await search(site, '"ha noi"')), [1, 2, 3, 4], 'as a phrase, not "Hà Giang … Nội dung"');
    assert.deepEqual(sortedIds(await search(site, 'hanoi')), [6]);
    assert.deepEqual(sortedIds(await search(site, 'ha')), [1, 2, 3, 4, 8], 'no prefix search: not "Hàng", "Hanoi"');
  });

  test('đ is d: "dang" finds Đảng, đảng and đăng; "da nang" finds Đà Nẵng, Ðà Nẵng and Da Nang', async () => {
    const site = await newSite();
    await indexAll([
      doc(site, 1, { title: 'Đảng bộ xã Nhữ Xuân' }),
      doc(site, 2, { bodyText: 'Kết nạp đảng viên mới' }),
      doc(site, 3, { title: 'Đăng ký kết hôn' }),
      doc(site, 4, { title: 'Đà Nẵng' }),
      doc(site, 5, { title: 'Ðà Nẵng (gõ bằng Ð U+00D0)' }),
      doc(site, 6, { title: 'Da Nang city' }),
      doc(site, 7, { title: 'Dâng hương' }),
      doc(site, 8, { title: 'Danh sách' }),
    ]);
    assert.deepEqual(sortedIds(await search(site, 'dang')), [1, 2, 3, 7]);
    assert.deepEqual(sortedIds(await search(site, 'ĐẢNG')), [1, 2, 3, 7]);
    assert.deepEqual(sortedIds(await search(site, 'da nang')), [4, 5, 6]);
    const exact = await search(site, 'Đà Nẵng');
    assert.deepEqual(sortedIds(exact), [4, 5, 6]);
    assert.deepEqual(exact.hits.filter((h) => h.exact).map((h) => h.itemId), [4], 'only the title written as typed is exact');
  });

  test('documents containing the query as typed come first: title, then text, then folded matches; newest first within each', async () => {
    const site = await newSite();
    await indexAll([
      doc(site, 1, { title: 'Hội nghị tại Hà Nội', publishedAt: on('01-01') }),
      doc(site, 2, { title: 'Tin tổng hợp', bodyText: 'Đoàn công tác đến HÀ NỘI hôm qua', publishedAt: on('02-01') }),
      doc(site, 3, { title: 'Ha Noi mùa thu', publishedAt: on('03-01') }),
      doc(site, 4, { title: 'Hà Nôi (gõ sai dấu)', publishedAt: on('04-01') }),
      doc(site, 5, { title: 'Bản tin', summary: 'Hà Nội', publishedAt: on('01-15') }),
      doc(site, 6, { title: 'Hà   Nội\nngày xưa'.normalize('NFD'), publishedAt: '2023-12-01T00:00:00.000Z' }),
    ]);

    // Tier 0 (title): 1, 6; tier 1 (summary or body): 2, 5; tier 2 (folded only): 4, 3.
    const typed = await search(site, 'Hà Nội');
    assert.equal(typed.total, 6);
    assert.deepEqual(itemIds(typed), [1, 6, 2, 5, 4, 3]);
    assert.deepEqual(typed.hits.map((h) => h.exact), [true, true, true, true, false, false]);
    assert.deepEqual(itemIds(await search(site, '  hà    NỘI ')), [1, 6, 2, 5, 4, 3], 'case and spacing aside');
    assert.deepEqual(itemIds(await search(site, '"Hà Nội"')), [1, 6, 2, 5, 4, 3], 'a quoted query ranks the same');

    // Typed without diacritics, the document written without them is the exact one.
    const plain = await search(site, 'ha noi');
    assert.deepEqual(itemIds(plain), [3, 4, 2, 5, 1, 6]);
    assert.deepEqual(plain.hits.map((h) => h.exact), [true, false, false, false, false, false]);

    // Nothing as typed: newest first.
    const reversed = await search(site, 'nội hà');
    assert.deepEqual(itemIds(reversed), [4, 3, 2, 5, 1, 6]);
    assert.ok(reversed.hits.every((h) => !h.exact));

    // Pages cut across the tiers without losing or repeating anything.
    const first = await search(site, 'Hà Nội', {}, { limit: 4, offset: 0 });
    const second = await search(site, 'Hà Nội', {}, { limit: 4, offset: 4 });
    assert.deepEqual([first.total, second.total], [6, 6]);
    assert.deepEqual([...itemIds(first), ...itemIds(second)], [1, 6, 2, 5, 4, 3]);
    assert.deepEqual(second.hits.map((h) => h.exact), [false, false]);
  });

  test('the exact test compares text, not patterns: "_" and "%" are no wildcards', async () => {
    const site = await newSite();
    await indexAll([doc(site, 1, { title: 'Hà Nội' }), doc(site, 2, { title: 'hà_nội' })]);
    const underscore = await search(site, 'hà_nội');
    assert.deepEqual(itemIds(underscore), [2, 1]);
    assert.deepEqual(underscore.hits.map((h) => h.exact), [true, false]);
    const percent = await search(site, 'hà%nội');
    assert.ok(percent.hits.every((h) => !h.exact));
  });

  test('a phrase needs its words adjacent and in order, within the title or within the text', async () => {
    const site = await newSite();
    await indexAll([
      doc(site, 1, { title: 'Thống kê', bodyText: 'Mật độ dân số cao nhất tỉnh' }),
      doc(site, 2, { title: 'Thống kê', bodyText: 'Dân tộc thiểu số chiếm đa số' }),
      // The title ends in "dân", the text begins with "số": not a phrase.
      doc(site, 3, { title: 'Ý kiến của người dân', bodyText: 'Số liệu thống kê' }),
      doc(site, 4, { title: 'Dân số và phát triển' }),
      doc(site, 5, { title: 'Thống kê', bodyText: 'Số dân tăng' }),
      doc(site, 6, { title: 'Thống kê', summary: 'Về dân-số', bodyText: 'khác' }),
    ]);
    assert.deepEqual(sortedIds(await search(site, '"dân số"')), [1, 4, 6]);
    assert.deepEqual(sortedIds(await search(site, '“dân số”')), [1, 4, 6], 'typographic quotes');
    assert.deepEqual(sortedIds(await search(site, '"dan so')), [1, 4, 6], 'unclosed quote');
    assert.deepEqual(sortedIds(await search(site, 'dân số')), [1, 2, 3, 4, 5, 6], 'unquoted, the words may be anywhere');
    assert.deepEqual(sortedIds(await search(site, '"số dân"')), [5]);
    assert.deepEqual(sortedIds(await search(site, '"mật độ dân số"')), [1]);
    assert.deepEqual(sortedIds(await search(site, '"người dân số"')), [], 'never across the title and the text');
    assert.deepEqual(sortedIds(await search(site, '"dân số" phát triển')), [4]);
    assert.deepEqual(sortedIds(await search(site, '"dân số" "thống kê"')), [1, 6]);
  });

  test('every word must match, in the title or the text', async () => {
    const site = await newSite();
    await indexAll([
      doc(site, 1, { title: 'Ngân sách xã năm 2024', bodyText: 'chi tiêu' }),
      doc(site, 2, { title: 'Ngân sách huyện' }),
      doc(site, 3, { title: 'Xã Tân Lập', bodyText: 'công khai ngân sách' }),
      doc(site, 4, { title: 'Ngân hàng chính sách xã hội' }),
    ]);
    assert.deepEqual(sortedIds(await search(site, 'ngân sách xã')), [1, 3, 4]);
    assert.deepEqual(sortedIds(await search(site, 'ngân sách')), [1, 2, 3, 4]);
    assert.deepEqual(sortedIds(await search(site, 'ngân sách xã 2024')), [1]);
    assert.deepEqual(await search(site, 'ngân sách tỉnh'), { total: 0, more: false, hits: [] });
  });

  test('filters: sections, kinds, item types, language and an inclusive time range, alone and together', async () => {
    const site = await newSite();
    const title = 'Kế hoạch cải cách hành chính';
    await indexAll([
      doc(site, 1, { title, sectionId: 10, publishedAt: on('03-01') }),
      doc(site, 2, { title, language: 'en', sectionId: 10, publishedAt: on('03-02') }),
      doc(site, 3, { title, itemType: 'document', sectionId: 20, kind: 'legal', publishedAt: on('03-03') }),
      doc(site, 4, { title, sectionId: null, kind: 'notice', publishedAt: on('03-04') }),
      doc(site, 5, { title, itemType: 'album', sectionId: 30, kind: 'photo', publishedAt: on('03-05') }),
    ]);
    const cases: [Filters, number[]][] = [
      [{}, [5, 4, 3, 2, 1]],
      [{ sectionIds: [10] }, [2, 1]],
      [{ sectionIds: [10, 20] }, [3, 2, 1]],
      [{ sectionIds: [] }, []],
      [{ kinds: ['legal', 'notice'] }, [4, 3]],
      [{ kinds: [] }, []],
      [{ itemTypes: ['document', 'album'] }, [5, 3]],
      [{ itemTypes: [] }, []],
      [{ language: 'en' }, [2]],
      [{ language: 'vi' }, [5, 4, 3, 1]],
      [{ from: on('03-02'), to: on('03-04') }, [4, 3, 2]],
      [{ from: on('03-05') }, [5]],
      [{ to: on('03-01') }, [1]],
      [{ from: on('03-04'), to: on('03-02') }, []],
      [{ language: 'vi', sectionIds: [10, 20], kinds: ['news', 'legal'], from: on('03-01') }, [3, 1]],
      [{ language: 'vi', itemTypes: ['article'], to: on('03-04') }, [4, 1]],
    ];
    for (const [filters, expected] of cases) {
      const found = await search(site, 'kế hoạch', filters);
      assert.deepEqual(itemIds(found), expected, JSON.stringify(filters));
      assert.equal(found.total, expected.length, JSON.stringify(filters));
      const latest = await latestDocuments(db, { siteId: site, ...filters }, ALL);
      assert.deepEqual(itemIds(latest), expected, `latest ${JSON.stringify(filters)}`);
      assert.equal(latest.total, expected.length, `latest ${JSON.stringify(filters)}`);
    }
  });

  test('a hit carries the document as indexed', async () => {
    const site = await newSite();
    const indexed = doc(site, 42, {
      itemType: 'document',
      sectionId: 7,
      kind: 'legal',
      url: '/van-ban/42',
      title: 'Quyết định số 42/QĐ-UBND',
      summary: 'Về việc ban hành quy chế',
      bodyText: 'Điều 1. Ban hành kèm theo…',
      publishedAt: on('06-30'),
    });
    await indexDocument(db, indexed);
    const { hits } = await search(site, 'quy chế');
    assert.deepEqual(hits, [
      {
        itemType: 'document',
        itemId: 42,
        url: '/van-ban/42',
        title: 'Quyết định số 42/QĐ-UBND',
        summary: 'Về việc ban hành quy chế',
        bodyText: 'Điều 1. Ban hành kèm theo…',
        publishedAt: on('06-30'),
        kind: 'legal',
        sectionId: 7,
        exact: true,
      },
    ]);
  });

  test('pages: the same totals and order on every page, newest first, the later indexed first on the same instant', async () => {
    const site = await newSite();
    const title = 'Thông báo lịch tiếp công dân';
    // Indexed in this order; the instants repeat so that ties must be broken.
    await indexAll([
      doc(site, 5, { title, publishedAt: on('05-01') }),
      doc(site, 1, { title, publishedAt: on('05-01') }),
      doc(site, 3, { title, publishedAt: on('05-02') }),
      doc(site, 7, { title, publishedAt: on('05-03') }),
      doc(site, 4, { title, publishedAt: on('05-03') }),
      doc(site, 2, { title, publishedAt: on('05-03') }),
      doc(site, 6, { title, publishedAt: on('05-04') }),
    ]);
    const expected = [6, 2, 4, 7, 3, 1, 5];
    const pages = [[6, 2, 4], [7, 3, 1], [5], []];
    for (const [list, label] of [
      [(page: SearchPage) => search(site, 'tiếp công dân', {}, page), 'search'],
      [(page: SearchPage) => latestDocuments(db, { siteId: site }, page), 'latest'],
    ] as const) {
      assert.deepEqual(itemIds(await list(ALL)), expected, label);
      for (const [i, want] of pages.entries()) {
        const page = await list({ limit: 3, offset: i * 3 });
        assert.equal(page.total, 7, `${label} page ${i + 1}`);
        assert.deepEqual(itemIds(page), want, `${label} page ${i + 1}`);
      }
    }
    const latest = await latestDocuments(db, { siteId: site }, ALL);
    assert.ok(latest.hits.every((h) => !h.exact), 'a listing has no exact hits');
  });

  test('a removed document is no longer found or listed; removing is idempotent and exact to the key', async () => {
    const site = await newSite();
    await indexAll([doc(site, 1, { title: 'Lịch cắt điện' }), doc(site, 2, { title: 'Lịch cắt điện tuần sau' })]);
    await removeDocument(db, site, 'article', 1);
    await removeDocument(db, site, 'article', 1);
    await removeDocument(db, site, 'document', 2);
    await removeDocument(db, site, 'article', 999);
    const found = await search(site, 'lịch cắt điện');
    assert.deepEqual(itemIds(found), [2]);
    assert.equal(found.total, 1);
    assert.deepEqual(itemIds(await latestDocuments(db, { siteId: site }, ALL)), [2]);
    await ftsIsConsistent();
  });

  test('indexing again with the same key replaces the text: old words no longer match', async () => {
    const site = await newSite();
    await indexAll([
      doc(site, 1, { title: 'Lịch tiếp công dân tháng 5', bodyText: 'Ông Nguyễn Văn An chủ trì', sectionId: 1, url: '/bai-viet/lich-thang-5' }),
      doc(site, 2, { title: 'Tin khác', bodyText: 'tháng 6' }),
    ]);
    await indexDocument(db, doc(site, 1, { title: 'Lịch làm việc tháng 6', bodyText: 'Bà Trần Thị Bình chủ trì', sectionId: 2, url: '/bai-viet/lich-thang-6', publishedAt: on('06-01') }));

    assert.deepEqual(await search(site, 'tiếp công dân'), { total: 0, more: false, hits: [] });
    assert.deepEqual(await search(site, 'nguyen van an'), { total: 0, more: false, hits: [] });
    assert.deepEqual(await search(site, 'tháng 5'), { total: 0, more: false, hits: [] });
    const found = await search(site, 'Trần Thị Bình');
    assert.equal(found.total, 1);
    assert.deepEqual(
      found.hits.map((h) => [h.itemId, h.title, h.url, h.sectionId, h.publishedAt, h.exact]),
      [[1, 'Lịch làm việc tháng 6', '/bai-viet/lich-thang-6', 2, on('06-01'), true]],
    );
    assert.deepEqual(sortedIds(await search(site, 'tháng 6')), [1, 2]);
    assert.equal((await latestDocuments(db, { siteId: site }, ALL)).total, 2, 'one row per item');
    const rows = await db.selectFrom('search_documents').select('id').where('site_id', '=', site).where('item_id', '=', 1).execute();
    assert.equal(rows.length, 1);
    await ftsIsConsistent();
  });

  test("one site never finds another site's documents, and never removes or replaces them", async () => {
    const a = await newSite();
    const b = await newSite();
    await indexAll([
      doc(a, 1, { title: 'Hà Nội', url: '/a/1' }),
      doc(b, 1, { title: 'Hà Nội', url: '/b/1' }),
      doc(b, 2, { title: 'Hà Nội mới', url: '/b/2' }),
    ]);
    const fromA = await search(a, 'ha noi');
    assert.deepEqual(fromA.hits.map((h) => h.url), ['/a/1']);
    assert.equal(fromA.total, 1);
    assert.equal((await latestDocuments(db, { siteId: a }, ALL)).total, 1);

    await indexDocument(db, doc(a, 1, { title: 'Hải Phòng', url: '/a/1' }));
    await removeDocument(db, a, 'article', 2);
    assert.deepEqual((await search(b, 'ha noi')).hits.map((h) => h.url), ['/b/2', '/b/1']);
    assert.deepEqual(await search(a, 'ha noi'), { total: 0, more: false, hits: [] });

    await removeDocument(db, a, 'article', 1);
    assert.equal((await search(b, 'ha noi')).total, 2);
    assert.equal((await latestDocuments(db, { siteId: a }, ALL)).total, 0);
    await ftsIsConsistent();
  });

  test('a hostile query neither throws nor acts as syntax: operators, quotes, columns, prefixes and SQL are plain words', async () => {
    const site = await newSite();
    await indexAll([
      doc(site, 1, { title: 'Hà Nội', bodyText: 'thủ đô' }),
      doc(site, 2, { title: 'Hàng hóa nội địa' }),
      doc(site, 3, { title: 'Near Hà Nội' }),
      doc(site, 4, { title: 'Đà Nẵng' }),
    ]);
    const cases: [string, number[]][] = [
      ['NEAR(ha noi)', [3]],
      ['NEAR("ha" "noi")', [3]],
      ['NEAR("ha" "noi", 5)', []],
      ['ha* noi', [1, 3]],
      ['ha:* & noi', [1, 3]],
      ['ha <-> noi', [1, 3]],
      ['-noi ha', [1, 3]],
      ['ha NOT noi', []],
      ['ha OR nang', []],
      ['ha | nang', []],
      ['!noi & ha', [1, 3]],
      ['(ha noi', [1, 3]],
      ['ha noi)', [1, 3]],
      ['title:ha', []],
      ['folded_title:ha', []],
      ['{folded_title}: ha', []],
      ['^ha noi', [1, 3]],
      ['"ha noi', [1, 3]],
      ['ha" noi "', [1, 3]],
      ['"""ha"""noi"', [1, 3]],
      ["ha noi'", [1, 3]],
      ["'ha' 'noi'", [1, 3]],
      ["ha'; drop table search_documents;--", []],
      ["ha noi' or '1'='1", []],
      ['ha noi; --', [1, 3]],
      ['ha\\ noi\\', [1, 3]],
      ['%ha% noi_', [1, 3]],
      ['ha\u0000noi', [1, 3]],
      ['hà nội \uD800', [1, 3]],
      ['ha.noi:thu/do', [1]],
    ];
    for (const [text, expected] of cases) {
      const parsed = parseQuery(text);
      assert.ok(parsed, text);
      const found = await searchDocuments(db, parsed, { siteId: site }, ALL);
      assert.deepEqual(found.hits.map((h) => h.itemId).sort((x, y) => x - y), expected, text);
      assert.equal(found.total, expected.length, text);
    }
    for (const text of ['"', "'", '*', '()', '--', ';', ':', '""""']) assert.equal(parseQuery(text), null, text);
    assert.equal((await latestDocuments(db, { siteId: site }, ALL)).total, 4, 'the table is intact');
  });

  test('long and odd text is indexed the same on both engines', async () => {
    const site = await newSite();
    const longWord = `${'x'.repeat(40)}abcdefghij`;
    await indexAll([
      // PostgreSQL keeps 256 positions of a word: the index stops at the 255th "dan".
      doc(site, 1, { title: 'Báo cáo', bodyText: `${'dân số '.repeat(300)}cuối cùng` }),
      doc(site, 2, { title: 'Mã 12e3abc' }),
      doc(site, 3, { title: `Từ dài ${longWord}` }),
    ]);
    assert.deepEqual(itemIds(await search(site, '"dân số"')), [1]);
    assert.deepEqual(itemIds(await search(site, 'cuối cùng')), [], 'beyond the cap on both engines');
    assert.deepEqual(itemIds(await search(site, '12e3abc')), [2]);
    assert.deepEqual(itemIds(await search(site, '"12e3 abc"')), [2]);
    assert.deepEqual(itemIds(await search(site, longWord)), [3]);
    assert.deepEqual(itemIds(await search(site, `${'x'.repeat(40)}zzz`)), [3], 'words are compared on their first 40 letters');
    assert.deepEqual(itemIds(await search(site, 'x'.repeat(39))), []);
  });
});
