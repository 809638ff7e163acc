// The search store against the brief's cases, on every engine with the same
// expected lists (so both engines give the same hits in the same order with
// the same totals), plus the exact-text window and, on SQLite, its two plans.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { forEachEngine, type TestDatabase } from '../../../test/support/databases.ts';
import { makeSite } from '../../../test/support/factories.ts';
import { parseQuery, type ParsedQuery } from '../../core/search/index.ts';
import type { Db } from '../../platform/db/database.ts';
import { rankSqlite } from './rank-sqlite.ts';
import { EXACT_TEXT_WINDOW } from './ranking.ts';
import { indexDocument, removeDocument, searchDocuments, type SearchDoc, type SearchFilters, type SearchPage, type SearchResult } from './store.ts';

const ALL: SearchPage = { limit: 500, offset: 0 };

function q(text: string): ParsedQuery {
  const parsed = parseQuery(text);
  assert.ok(parsed, text);
  return parsed;
}

/** Filler words that fold to distinct tokens ("tu0", "tu1"…), so no word hits the index's per-word cap. */
const filler = (n: number) => Array.from({ length: n }, (_, i) => `từ${i}`).join(' ');

/** The brief's documents; item ids are what the expectations list. */
function corpus(siteId: number): SearchDoc[] {
  const d = (itemId: number, publishedAt: string, fields: Partial<SearchDoc>): SearchDoc => ({
    siteId,
    itemType: 'article',
    itemId,
    language: 'vi',
    sectionId: 1,
    kind: 'news',
    url: `/bai-viet/${itemId}`,
    title: '',
    summary: '',
    bodyText: '',
    publishedAt,
    ...fields,
  });
  return [
    d(1, '2024-01-10T03:00:00.000Z', { title: 'Hà Nội đón khách quốc tế', bodyText: 'Thủ đô Hà Nội đông vui.' }),
    d(2, '2024-01-11T03:00:00.000Z', { title: 'Hải Phòng mở tuyến buýt mới' }),
    d(3, '2024-03-01T03:00:00.000Z', { title: 'Du lich ha noi mua thu', sectionId: 2, bodyText: 'Viet khong dau.' }),
    d(4, '2024-01-12T03:00:00.000Z', { title: 'Đại hội Đảng bộ xã lần thứ V', sectionId: 2 }),
    d(5, '2024-01-13T03:00:00.000Z', { title: 'Kết nạp đảng viên mới' }),
    d(6, '2024-01-14T03:00:00.000Z', { title: 'Hướng dẫn dang ky tam tru' }),
    d(7, '2024-01-15T03:00:00.000Z', { title: 'Tuyển dụng', bodyText: 'Tuyển viên chức của Đảng bộ huyện.' }),
    d(8, '2022-05-20T03:00:00.000Z', { itemType: 'document', kind: 'document', sectionId: 3, title: 'Quyết định số 42/2022/NĐ-CP về xử phạt' }),
    d(9, '2024-02-01T03:00:00.000Z', { language: 'en', title: 'Ha Noi welcomes visitors', bodyText: 'Visitors or tourists, all welcome.' }),
    d(10, '2024-02-02T03:00:00.000Z', { title: 'Lễ hội mùa xuân', summary: 'Khai mạc lễ hội chùa Hương', bodyText: 'Chi tiết chương trình.' }),
    d(11, '2024-02-03T03:00:00.000Z', { title: 'Báo cáo tổng kết năm', bodyText: `${filler(3000)} Kết luận: Hải Phòng dẫn đầu.` }),
  ];
}

/** query → the expected item ids in order, and which are exact. Written once, asserted on each engine. */
const EXPECTED: [string, Omit<SearchFilters, 'siteId'>, number[], boolean[]][] = [
  // Typed without diacritics: the documents written that way rank first, then the rest by date.
  ['ha noi', {}, [3, 9, 1], [true, true, false]],
  // Typed with them: "Hà Nội" in a title first, though the unaccented document is newer.
  ['Hà Nội', {}, [1, 3, 9], [true, false, false]],
  ['HÀ NỘI', {}, [1, 3, 9], [true, false, false]],
  // d finds đ; "dang" as typed is in one title only.
  ['dang', {}, [6, 7, 5, 4], [true, false, false, false]],
  ['Đảng', {}, [5, 4, 7, 6], [true, true, true, false]],
  ['dang vien', {}, [7, 5], [false, false]],
  ['"dang vien"', {}, [5], [false]],
  ['"đảng viên"', {}, [5], [true]],
  ['42/2022', {}, [8], [true]],
  ['quyết định 42', {}, [8], [false]],
  ['chùa Hương', {}, [10], [true]],
  ['hai phong', {}, [11, 2], [false, false]],
  ['Hải Phòng', {}, [2, 11], [true, true]],
  ['welcomes', {}, [9], [true]],
  // Filters.
  ['ha noi', { sectionIds: [2] }, [3], [true]],
  ['ha noi', { sectionIds: [1, 2] }, [3, 9, 1], [true, true, false]],
  ['ha noi', { language: 'en' }, [9], [true]],
  ['ha noi', { language: 'vi' }, [3, 1], [true, false]],
  ['ha noi', { from: '2024-01-10T03:00:00.000Z', to: '2024-02-01T03:00:00.000Z' }, [9, 1], [true, false]],
  ['ha noi', { from: '2024-01-10T03:00:01.000Z' }, [3, 9], [true, true]],
  ['42', { kinds: ['document'] }, [8], [true]],
  ['42', { kinds: ['news'] }, [], []],
  ['quyết định', { itemTypes: ['document'] }, [8], [true]],
  ['quyết định', { itemTypes: ['article'] }, [], []],
];

/** Hostile input: the plain query it must behave exactly like (null: no query at all). */
const HOSTILE: [string, string | null][] = [
  ['NEAR(ha noi)', 'near ha noi'],
  ['ha OR noi', 'ha or noi'],
  ['ha" OR "noi', 'ha or noi'],
  ['title:ha noi', 'title ha noi'],
  ['folded_title:ha', 'folded title ha'],
  ['ha* noi', 'ha noi'],
  ['-noi ha', 'noi ha'],
  ["ha noi'", 'ha noi'],
  ['ha\\ noi\\', 'ha noi'],
  ['"', null],
  ["'", null],
  ['*', null],
  ['\\', null],
  ['OR', 'or'],
];

forEachEngine('search store', (engine) => {
  let handle: TestDatabase;
  let db: Db;
  let sites = 0;

  before(async () => {
    handle = await engine.open();
    db = handle.db;
  });
  after(async () => handle.destroy());

  async function siteWith(docs: (siteId: number) => SearchDoc[]): Promise<number> {
    sites += 1;
    const site = await makeSite(db, `tim-${sites}`);
    for (const doc of docs(site.id)) await indexDocument(db, doc);
    return site.id;
  }

  const ids = (r: SearchResult) => r.hits.map((h) => h.itemId);

  test('every query gives the expected hits, order, exact flags and total', async () => {
    const site = await siteWith(corpus);
    for (const [text, filters, expected, exact] of EXPECTED) {
      const label = `${text} ${JSON.stringify(filters)}`;
      const result = await searchDocuments(db, q(text), { siteId: site, ...filters }, ALL);
      assert.deepEqual(ids(result), expected, label);
      assert.deepEqual(result.hits.map((h) => h.exact), exact, label);
      assert.equal(result.total, expected.length, label);
    }
  });

  test('"ha noi" finds "Hà Nội" but not "Hải Phòng"; a long body is searched to its end', async () => {
    const site = await siteWith(corpus);
    assert.ok(!ids(await searchDocuments(db, q('ha noi'), { siteId: site }, ALL)).includes(2));
    assert.deepEqual(ids(await searchDocuments(db, q('ket luan'), { siteId: site }, ALL)), [11]);
  });

  test('pages keep the total and split the same order', async () => {
    const site = await siteWith(corpus);
    const pages = [];
    for (let offset = 0; offset < 6; offset += 2) pages.push(await searchDocuments(db, q('dang'), { siteId: site }, { limit: 2, offset }));
    assert.deepEqual(pages.map((p) => p.total), [4, 4, 4]);
    assert.deepEqual(pages.map(ids), [[6, 7], [5, 4], []]);
    const middle = await searchDocuments(db, q('dang'), { siteId: site }, { limit: 2, offset: 1 });
    assert.deepEqual(ids(middle), [7, 5]);
  });

  test('a removed document disappears; an updated one is found by its new words only', async () => {
    const site = await siteWith(corpus);
    await removeDocument(db, site, 'article', 5);
    assert.deepEqual(ids(await searchDocuments(db, q('dang vien'), { siteId: site }, ALL)), [7]);
    assert.equal((await searchDocuments(db, q('"dang vien"'), { siteId: site }, ALL)).total, 0);

    const [, second] = corpus(site);
    await indexDocument(db, { ...second!, title: 'Cần Thơ mở tuyến buýt mới' });
    assert.deepEqual(ids(await searchDocuments(db, q('hai phong'), { siteId: site }, ALL)), [11]);
    assert.deepEqual(ids(await searchDocuments(db, q('Cần Thơ'), { siteId: site }, ALL)), [2]);
  });

  test('hostile input is plain words: no error, same hits as typed plainly', async () => {
    const site = await siteWith(corpus);
    for (const [input, plain] of HOSTILE) {
      const parsed = parseQuery(input);
      if (plain === null) {
        assert.equal(parsed, null, input);
        continue;
      }
      assert.ok(parsed, input);
      const got = await searchDocuments(db, parsed, { siteId: site }, ALL);
      const want = await searchDocuments(db, q(plain), { siteId: site }, ALL);
      assert.deepEqual(got.hits.map((h) => h.itemId).sort(), want.hits.map((h) => h.itemId).sort(), input);
      assert.equal(got.total, want.total, input);
    }
    assert.deepEqual(ids(await searchDocuments(db, q('ha OR noi'), { siteId: site }, ALL)), [9], '"or" is a word of document 9');
    const long = await searchDocuments(db, q(`${'ha noi '.repeat(5_000)}"${'x'.repeat(10_000)}`), { siteId: site }, ALL);
    assert.deepEqual(long.hits.map((h) => h.itemId).sort(), [1, 3, 9]);
  });

  test('the query as typed counts only on word boundaries: "hà nội" is not in "chà nội"', async () => {
    const site = await siteWith((siteId) =>
      [
        [1, '2024-01-01T00:00:00.000Z', 'Hà Nội', ''],
        [2, '2024-01-02T00:00:00.000Z', 'Chà nội, hà giang', 'Vị chà nội.'],
        [3, '2024-01-03T00:00:00.000Z', 'Khác', 'Món chà nội, rau hà'],
      ].map(([itemId, publishedAt, title, bodyText]) => ({
        siteId, itemType: 'article', itemId: Number(itemId), language: 'vi' as const, sectionId: null, kind: 'news', url: `/c/${itemId}`, title: String(title), summary: '', bodyText: String(bodyText), publishedAt: String(publishedAt),
      })),
    );
    const result = await searchDocuments(db, q('hà nội'), { siteId: site }, ALL);
    assert.deepEqual(ids(result), [1, 3, 2]);
    assert.deepEqual(result.hits.map((h) => h.exact), [true, false, false]);
  });

  test(`the text (not the title) is searched for the typed query only in the ${EXACT_TEXT_WINDOW} newest matches`, async () => {
    const site = await siteWith((siteId) => {
      const d = (itemId: number, publishedAt: string, title: string, bodyText: string): SearchDoc => ({
        siteId, itemType: 'article', itemId, language: 'vi', sectionId: null, kind: 'news', url: `/t/${itemId}`, title, summary: '', bodyText, publishedAt,
      });
      const newer = Array.from({ length: EXACT_TEXT_WINDOW }, (_, i) =>
        d(10 + i, new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString(), `Tin số ${i}`, 'Viết ha noi không dấu.'),
      );
      return [
        d(1, '2020-01-01T00:00:00.000Z', 'Lưu trữ', 'Ký ức Hà Nội xưa.'),
        d(2, '2020-01-02T00:00:00.000Z', 'Hà Nội xưa', ''),
        d(3, '2024-12-31T00:00:00.000Z', 'Mới nhất', 'Hà Nội hôm nay.'),
        ...newer,
      ];
    });
    const all = await searchDocuments(db, q('Hà Nội'), { siteId: site }, ALL);
    assert.equal(all.total, EXACT_TEXT_WINDOW + 3);
    const order = ids(all);
    // Title anywhere: tier 0. Text in the window: tier 1. Text outside it: by date with the rest.
    assert.deepEqual(order.slice(0, 3), [2, 3, 10 + EXACT_TEXT_WINDOW - 1]);
    assert.equal(order.at(-1), 1);
    assert.deepEqual(all.hits.filter((h) => h.exact).map((h) => h.itemId), [2, 3]);
    const lastPage = await searchDocuments(db, q('Hà Nội'), { siteId: site }, { limit: 5, offset: EXACT_TEXT_WINDOW });
    assert.deepEqual(ids(lastPage), order.slice(EXACT_TEXT_WINDOW));
  });

  test('the text is read only until the page is full: none when titles fill it, past the first chunk when needed', async () => {
    const site = await siteWith((siteId) => {
      const d = (itemId: number, publishedAt: string, title: string, bodyText: string): SearchDoc => ({
        siteId, itemType: 'article', itemId, language: 'vi', sectionId: null, kind: 'news', url: `/t/${itemId}`, title, summary: '', bodyText, publishedAt,
      });
      const at = (day: number) => new Date(Date.UTC(2024, 0, 1) + day * 86_400_000).toISOString();
      return [
        ...[1, 2, 3, 4, 5].map((i) => d(i, at(i), `Hà Nội số ${i}`, '')),
        ...[50, 51, 52].map((i) => d(i, at(i), `Bài ${i}`, 'Tin Hà Nội hôm nay.')),
        // Newer than all the above, and more than one text chunk of them: folded matches only.
        ...Array.from({ length: 30 }, (_, i) => d(100 + i, at(100 + i), `Tin ${i}`, 'Viết ha noi không dấu.')),
      ];
    });
    const seen: string[] = [];
    const spy = db.withPlugin({ transformQuery: (args) => (seen.push(JSON.stringify(args.node)), args.node), transformResult: async (args) => args.result });
    const titlesOnly = await searchDocuments(spy, q('Hà Nội'), { siteId: site }, { limit: 5, offset: 0 });
    assert.deepEqual(ids(titlesOnly), [5, 4, 3, 2, 1]);
    assert.ok(!seen.some((s) => s.includes('text_lc')), 'no text read when the titles fill the page');
    const titlesAndText = await searchDocuments(spy, q('Hà Nội'), { siteId: site }, { limit: 7, offset: 0 });
    assert.deepEqual(ids(titlesAndText), [5, 4, 3, 2, 1, 52, 51]);
    assert.deepEqual(titlesAndText.hits.map((h) => h.exact), [true, true, true, true, true, true, true]);
    const next = await searchDocuments(db, q('Hà Nội'), { siteId: site }, { limit: 7, offset: 7 });
    assert.deepEqual(ids(next), [50, 129, 128, 127, 126, 125, 124]);
    assert.deepEqual(next.hits.map((h) => h.exact), [true, false, false, false, false, false, false]);
  });

  test('the Kelvin sign (U+212A, NFC "K") in a title or text is the typed "k": exact on both engines', async () => {
    const site = await siteWith((siteId) => {
      const d = (itemId: number, publishedAt: string, title: string, bodyText: string): SearchDoc => ({
        siteId, itemType: 'article', itemId, language: 'vi', sectionId: null, kind: 'news', url: `/k/${itemId}`, title, summary: '', bodyText, publishedAt,
      });
      return [
        d(1, '2024-01-01T00:00:00.000Z', 'Đo 300 \u212aelvin', ''),
        d(2, '2024-01-03T00:00:00.000Z', 'Nhiệt độ Kèlvin', ''),
        d(3, '2024-01-02T00:00:00.000Z', 'Đơn vị đo', 'Độ \u212aelvin tuyệt đối.'),
      ];
    });
    const result = await searchDocuments(db, q('kelvin'), { siteId: site }, ALL);
    assert.deepEqual(ids(result), [1, 3, 2]);
    assert.deepEqual(result.hits.map((h) => h.exact), [true, true, false]);
  });

  // Typed without diacritics: what is written that way, in any case or spacing, ranks first on both engines.
  const VARIANTS: [string, number[], number[]][] = [
    // query, expected order, the exact ones
    ['ha noi', [1, 5, 4, 2, 3, 6], [1, 5, 4]],
    ['Hà Nội', [2, 3, 6, 5, 4, 1], [2, 3, 6]],
    ['"ha noi" mua', [1, 2], [1]],
  ];
  test('diacritic and plain variants: exact ones first, then newest, the same on every engine and plan', async () => {
    const site = await siteWith((siteId) => {
      const d = (itemId: number, day: number, title: string, summary: string, bodyText: string): SearchDoc => ({
        siteId, itemType: 'article', itemId, language: 'vi', sectionId: null, kind: 'news', url: `/v/${itemId}`, title, summary, bodyText, publishedAt: `2024-05-${String(day).padStart(2, '0')}T00:00:00.000Z`,
      });
      return [
        d(1, 1, 'HA NOI mua thu', '', ''),
        d(2, 9, 'Hà Nội mùa thu', '', ''),
        d(3, 8, 'Ha\u0300 No\u0323\u0302i đêm', '', ''),
        d(4, 2, 'Tin ngắn', '', `Viết ha \n  noi không dấu. ${filler(2000)}`),
        d(5, 3, 'Tin khác', 'Cuối tóm tắt ha', 'noi ở đầu thân bài.'),
        d(6, 7, 'Tin thứ ba', '', 'Thủ đô Hà Nội.'),
      ];
    });
    for (const [text, order, exact] of VARIANTS) {
      const result = await searchDocuments(db, q(text), { siteId: site }, ALL);
      assert.deepEqual(ids(result), order, text);
      assert.deepEqual(result.hits.filter((h) => h.exact).map((h) => h.itemId), exact, text);
      if (engine.name !== 'sqlite') continue;
      const walked = await rankSqlite(db, q(text), { siteId: site }, ALL, 0);
      assert.deepEqual(walked, await rankSqlite(db, q(text), { siteId: site }, ALL, Number.POSITIVE_INFINITY), text);
    }
  });

  test('a broad query is ranked among its newest matches only (by id), exact title first, then by date; the count says "more"', async () => {
    const k = 30;
    const site = await siteWith(() => []);
    const date = (itemId: number) => (itemId === 45 ? '2019-01-01T00:00:00.000Z' : new Date(Date.UTC(2020, 0, 1) + itemId * 60_000).toISOString());
    const title = (itemId: number) => (itemId === 5 ? 'Xây dựng cầu' : itemId === 40 ? 'Xây dựng trường' : 'Xay dung duong');
    await db.transaction().execute(async (trx) => {
      for (let i = 1; i <= 50; i++) {
        await indexDocument(trx, { siteId: site, itemType: 'article', itemId: i, language: 'vi', sectionId: null, kind: 'news', url: `/c/${i}`, title: title(i), summary: '', bodyText: '', publishedAt: date(i) });
      }
    });
    // The candidates are ids 21–50: 5 (an exact title, but older) is left out; 45 (indexed late, dated early) is in, last by date.
    const window = [40, 50, 49, 48, 47, 46, ...Array.from({ length: 44 - 20 }, (_, i) => 44 - i).filter((id) => id !== 40), 45];
    const all = await searchDocuments(db, q('xây dựng'), { siteId: site }, { limit: 100, offset: 0 }, k);
    assert.deepEqual([all.total, all.more], [k, true]);
    assert.deepEqual(ids(all), window);
    assert.deepEqual(all.hits.map((h) => h.exact).slice(0, 2), [true, false]);
    const paged = await searchDocuments(db, q('xây dựng'), { siteId: site }, { limit: 7, offset: 7 }, k);
    assert.deepEqual(ids(paged), window.slice(7, 14));
    const past = await searchDocuments(db, q('xây dựng'), { siteId: site }, { limit: 20, offset: k }, k);
    assert.deepEqual([past.total, past.more, past.hits.length], [k, true, 0]);
    // With room for every match, the whole ranking as before: 5 and 40 first, exact count.
    const whole = await searchDocuments(db, q('xây dựng'), { siteId: site }, { limit: 3, offset: 0 }, 50);
    assert.deepEqual([whole.total, whole.more, ids(whole)], [50, false, [40, 5, 50]]);
    if (engine.name === 'sqlite') {
      for (const page of [ALL, { limit: 5, offset: 3 }]) {
        assert.deepEqual(await rankSqlite(db, q('xây dựng'), { siteId: site }, page, 0, k), await rankSqlite(db, q('xây dựng'), { siteId: site }, page, Number.POSITIVE_INFINITY, k));
      }
    }
  });

  if (engine.name === 'sqlite') {
    test('SQLite ranks the same whether it looks matches up or walks the index', async () => {
      const site = await siteWith(corpus);
      for (const [text, filters] of EXPECTED) {
        for (const page of [ALL, { limit: 2, offset: 0 }, { limit: 2, offset: 1 }, { limit: 3, offset: 2 }, { limit: 2, offset: 40 }]) {
          const label = `${text} ${JSON.stringify(filters)} ${JSON.stringify(page)}`;
          const lookedUp = await rankSqlite(db, q(text), { siteId: site, ...filters }, page, Number.POSITIVE_INFINITY);
          const walked = await rankSqlite(db, q(text), { siteId: site, ...filters }, page, 0);
          assert.deepEqual(walked, lookedUp, label);
        }
      }
    });
  }
});
