// Deep pages of listings (ADR 35) on both engines: `?trang=N` shows the items the plain
// OFFSET query showed before migration 0033 (ties on published_at by id), the keyset
// ("older" link) pages continue exactly where the previous page stopped, a new publication
// does not make the keyset walk repeat an item, and the library's pages keep their order.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import { forEachEngine, type TestDatabase } from '../../../test/support/databases.ts';
import { makeSite, makeUser } from '../../../test/support/factories.ts';
import type { Site } from '../sites/site.ts';
import { insertPublished } from '../documents/library-fixture.ts';
import { listDocuments } from '../documents/library.ts';
import { formatListKey, listPage, parseListKey, type ListKey } from './queries.ts';

const SIZE = 20;

forEachEngine('deep listing pages', (engine) => {
  let database: TestDatabase;
  let db: Db;
  let site: Site;
  let sectionIds: number[];
  let itemNo = 0;
  // What a section page listed before: every matching row, newest first, ties by id.
  const expected = async () =>
    (await db.selectFrom('search_documents').select(['id', 'url', 'published_at']).where('site_id', '=', site.id).where('language', '=', 'vi').where('section_id', 'in', sectionIds).where('item_type', 'not in', ['entry']).execute())
      .sort((a, b) => (a.published_at === b.published_at ? b.id - a.id : a.published_at < b.published_at ? 1 : -1))
      .map((r) => r.url);
  const options = () => ({ lang: 'vi' as const, sectionIds, excludeItemTypes: ['entry'], pageSize: SIZE });
  const byPage = async (page: number) => listPage(db, site.id, { ...options(), offset: (page - 1) * SIZE });

  async function insertItem(sectionId: number, publishedAt: string, itemType = 'article'): Promise<void> {
    itemNo += 1;
    const row = { site_id: site.id, item_type: itemType, item_id: itemNo, language: 'vi', section_id: sectionId, kind: 'news', url: `/bai-viet/tin-${itemNo}`, title: `Tin ${itemNo}`, summary: '', body_text: '', title_lc: '', text_lc: '', folded_title: '', folded_body: '', published_at: publishedAt, cover_media_id: null, is_reference: 0 };
    await db.insertInto('search_documents').values(row).execute();
  }

  before(async () => {
    database = await engine.open();
    db = database.db;
    site = await makeSite(db, 'trangsau');
    const now = new Date().toISOString();
    const section = async (name: string, parentId: number | null) => (await db.insertInto('sections').values({ site_id: site.id, name, slug: name, parent_id: parentId, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow()).id;
    const news = await section('tin-tuc', null);
    const sub = await section('tin-tuc-xa', news);
    const other = await section('khac', null);
    sectionIds = [news, sub];
    // 130 items in the section and its subsection, three at a time sharing a second (ties), plus items that are not listed.
    for (let i = 0; i < 130; i += 1) await insertItem(i % 2 === 0 ? news : sub, new Date(Date.UTC(2026, 10, 1) + Math.floor(i / 3) * 1000).toISOString());
    for (let i = 0; i < 10; i += 1) await insertItem(other, new Date(Date.UTC(2026, 10, 1) + i * 1500).toISOString());
    for (let i = 0; i < 5; i += 1) await insertItem(news, new Date(Date.UTC(2026, 10, 1) + i * 1700).toISOString(), 'entry');
  });
  after(async () => database.destroy());

  test('the migration made the listing indexes', async () => {
    const names =
      engine.name === 'postgres'
        ? (await sql<{ name: string }>`select indexname as name from pg_indexes where schemaname = current_schema()`.execute(db)).rows.map((r) => r.name)
        : (await sql<{ name: string }>`select name from sqlite_master where type = 'index'`.execute(db)).rows.map((r) => r.name);
    assert.ok(names.includes('search_documents_listing_idx'));
    assert.ok(names.includes('legal_documents_site_issued_id_idx'));
    assert.ok(!names.includes('search_documents_site_time_idx'), 'the index it replaces is gone');
  });

  test('?trang=N shows the same items as the OFFSET listing, ties by id; the last page has no older page; beyond it, nothing', async () => {
    const all = await expected();
    assert.equal(all.length, 130);
    for (const page of [1, 2, 4, 7]) {
      const got = await byPage(page);
      assert.deepEqual(got.items.map((i) => i.url), all.slice((page - 1) * SIZE, page * SIZE), `page ${page}`);
      assert.equal(got.more, page < 7, `page ${page} has an older page`);
    }
    assert.equal((await byPage(7)).items.length, 10);
    assert.deepEqual((await byPage(8)).items, []);
  });

  test('"older" (keyset) links continue exactly after the last item shown, to the last page', async () => {
    const all = await expected();
    const walked: string[] = [];
    let key: ListKey | null = null;
    for (let page = 1; page <= 10; page += 1) {
      const got = await listPage(db, site.id, { ...options(), offset: 0, before: key });
      walked.push(...got.items.map((i) => i.url));
      if (!got.more) break;
      // The key survives the trip through a link.
      key = parseListKey(formatListKey(got.last!));
      assert.deepEqual(key, got.last);
    }
    assert.deepEqual(walked, all, 'every item once, in the listing order');
  });

  test('a new publication shifts ?trang=2 by one item (as before) but not the older link of page 1', async () => {
    const page1 = await byPage(1);
    const oldPage2 = (await byPage(2)).items.map((i) => i.url);
    await insertItem(sectionIds[1]!, new Date(Date.UTC(2026, 11, 1)).toISOString());
    const viaKey = await listPage(db, site.id, { ...options(), offset: 0, before: page1.last });
    assert.deepEqual(viaKey.items.map((i) => i.url), oldPage2, 'no repeat, no skip');
    const shifted = (await byPage(2)).items.map((i) => i.url);
    assert.deepEqual(shifted.slice(1), oldPage2.slice(0, SIZE - 1), 'the offset page repeats one item, as it always did');
  });

  test('malformed keys are ignored', () => {
    for (const bad of ['', 'x~1', '2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z~0', '2026-11-01T00:00:00.000Z~1;drop', ['a'], 5]) assert.equal(parseListKey(bad), null, String(bad));
    assert.deepEqual(parseListKey('2026-11-01T00:00:01.000Z~42'), { publishedAt: '2026-11-01T00:00:01.000Z', id: 42 });
  });

  test('the library: page N in issued order, ties by article id, total counted', async () => {
    const userId = (await makeUser(db, site, ['contributor'])).id;
    for (let i = 0; i < 45; i += 1) await insertPublished(db, site, userId, { number: `${i + 1}/QĐ-UBND`, title: `Quyết định ${i + 1}`, issuedOn: `2026-0${1 + Math.floor(i / 10)}-15` });
    const today = '2026-11-22';
    const all = await listDocuments(db, site.id, {}, { limit: 100, offset: 0 }, today);
    assert.equal(all.total, 45);
    const order = [...all.documents].sort((a, b) => (a.issuedOn === b.issuedOn ? b.articleId - a.articleId : a.issuedOn < b.issuedOn ? 1 : -1)).map((d) => d.number);
    assert.deepEqual(all.documents.map((d) => d.number), order);
    for (const page of [1, 2, 3]) {
      const got = await listDocuments(db, site.id, {}, { limit: SIZE, offset: (page - 1) * SIZE }, today);
      assert.deepEqual(got.documents.map((d) => d.number), order.slice((page - 1) * SIZE, page * SIZE), `library page ${page}`);
      assert.equal(got.total, 45);
    }
    assert.deepEqual((await listDocuments(db, site.id, {}, { limit: SIZE, offset: 60 }, today)).documents, []);
  });
});
