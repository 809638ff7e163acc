// The library's queries on both engines, on published rows written directly
// (as the sync would): the effect status in SQL agrees with the pure rule for
// every branch, every filter, the number search, relations both ways, sites kept apart.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { effectStatus, type EffectStatus } from '../../core/documents/index.ts';
import type { Db } from '../../platform/db/database.ts';
import { forEachEngine, type TestDatabase } from '../../../test/support/databases.ts';
import { makeSite, makeUser } from '../../../test/support/factories.ts';
import type { Site } from '../sites/site.ts';
import { insertPublished, type Row } from './library-fixture.ts';
import { allDocuments, documentBySlug, effectStatusSql, listDocuments, readFilters, relationsOf, type DocumentFilters } from './library.ts';

forEachEngine('document library queries', (engine) => {
  let database: TestDatabase;
  let db: Db;
  let site: Site;
  let other: Site;
  let userId: number;
  const today = '2026-11-22';
  const ids: Record<string, { id: number; slug: string }> = {};
  const list = async (f: DocumentFilters, limit = 100, offset = 0) => listDocuments(db, site.id, f, { limit, offset }, today);
  const numbers = async (f: DocumentFilters) => (await list(f)).documents.map((d) => d.number).sort();

  before(async () => {
    database = await engine.open();
    db = database.db;
    site = await makeSite(db, 'thuvien');
    other = await makeSite(db, 'khac');
    userId = (await makeUser(db, site, ['contributor'])).id;
    const otherUser = (await makeUser(db, other, ['contributor'])).id;
    const add = async (key: string, r: Row) => (ids[key] = await insertPublished(db, site, userId, r));
    await add('decree', { number: '42/2022/NĐ-CP', docType: 'nghi-dinh', issuer: 'Chính phủ', level: 'central', signer: 'Lê Văn Thành', title: 'Quy định về việc cung cấp thông tin và dịch vụ công trực tuyến', issuedOn: '2022-06-24', effectiveOn: '2022-08-01', fields: ['Thông tin và truyền thông', 'Hành chính'] });
    await add('other142', { number: '142/2022/NĐ-CP', docType: 'nghi-dinh', issuer: 'Chính phủ', level: 'central', title: 'Về thanh tra chuyên ngành', issuedOn: '2022-12-30' });
    await add('land', { number: '15/2024/QĐ-UBND', issuer: 'Ủy ban nhân dân tỉnh Kon Tum', signer: 'Nguyễn Đức Tuy', title: 'Ban hành quy định về bồi thường, hỗ trợ khi Nhà nước thu hồi đất đai', issuedOn: '2024-03-05', effectiveOn: '2024-03-15', fields: ['Đất đai'] });
    await add('plan', { number: '120/KH-UBND', docType: 'ke-hoach', issuer: 'UBND xã Như Xuân', level: 'local', signer: 'Phạm Thị Lan', title: 'Kế hoạch chuyển đổi số năm 2026', issuedOn: '2026-01-08' });
    await add('future', { number: '20/2026/QĐ-UBND', title: 'Quy định mới chưa có hiệu lực', issuedOn: '2026-11-10', effectiveOn: '2026-12-01' });
    await add('expired', { number: '05/2020/QĐ-UBND', title: 'Quy định đã hết hiệu lực', issuedOn: '2020-02-01', expiresOn: '2023-01-01' });
    await add('replaced', { number: '07/2019/QĐ-UBND', title: 'Quy định bị thay thế', issuedOn: '2019-02-01', replacedOn: '2024-03-15' });
    await add('partly', { number: '09/2021/QĐ-UBND', title: 'Quy định bị bãi bỏ một phần', issuedOn: '2021-05-01', partlyRepealedOn: '2025-01-01' });
    await add('override', { number: '11/2021/QĐ-UBND', title: 'Quy định có tình trạng đặt tay', issuedOn: '2021-06-01', statusOverride: 'expired' });
    // Relations: the land decision replaces "replaced" and amends the decree; "partly" is related to it.
    const rel = (from: string, relation: string, to: string) => db.insertInto('legal_document_relations').values({ site_id: site.id, from_article_id: ids[from]!.id, relation, to_article_id: ids[to]!.id }).execute();
    await rel('land', 'replaces', 'replaced');
    await rel('land', 'amends', 'decree');
    await rel('partly', 'related', 'land');
    // A relation to an article that is not published (no legal_documents row) is not shown.
    const draft = await db.insertInto('articles').values({ site_id: site.id, kind: 'document', title: 'Bản nháp', title_folded: 'ban nhap', slug: 'ban-nhap', reader_contribution: 0, is_reference: 0, has_pending_changes: 0, urgent_pending_approval: 0, takedown_notice: 0, author_user_id: userId, created_at: today, updated_at: today, cover_media_id: null, cover_caption: null, cover_alt: null, section_id: null, source: null, author_name: null, unit_id: null, event_at: null, translation_of_id: null, step_index: null, step_entered_at: null, step_due_at: null, assignee_user_id: null, chain: null, publish_at: null, unpublish_at: null, urgent_published_by: null, live_revision_id: null, first_published_at: null, last_published_at: null, takedown_reason_code: null, takedown_reason: null, taken_down_at: null, schedule_alerted_at: null, details: null, document_key: null, deleted_at: null, deleted_by_user_id: null }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('legal_document_relations').values({ site_id: site.id, from_article_id: draft.id, relation: 'amends', to_article_id: ids.land!.id }).execute();
    // Another site's document with the same number.
    ids.foreign = await insertPublished(db, other, otherUser, { number: '42/2022/NĐ-CP', docType: 'nghi-dinh', issuer: 'Chính phủ', title: 'Bản sao của trang khác về dịch vụ công trực tuyến', issuedOn: '2022-06-24' });
  });
  after(async () => database.destroy());

  test('the effect status in SQL agrees with the pure rule on every branch, for several days', async () => {
    const branches: Row[] = [
      { number: 'S1', title: 'override wins over dates', issuedOn: '2030-01-01', statusOverride: 'in_force' },
      { number: 'S2', title: 'before effect', issuedOn: '2026-01-01', effectiveOn: '2026-11-23' },
      { number: 'S3', title: 'before issue without effect date', issuedOn: '2026-11-23' },
      { number: 'S4', title: 'effect today', issuedOn: '2026-01-01', effectiveOn: '2026-11-22' },
      { number: 'S5', title: 'expires today', issuedOn: '2020-01-01', expiresOn: '2026-11-22' },
      { number: 'S6', title: 'expires tomorrow', issuedOn: '2020-01-01', expiresOn: '2026-11-23' },
      { number: 'S7', title: 'replacement took effect', issuedOn: '2020-01-01', replacedOn: '2026-11-22' },
      { number: 'S8', title: 'replacement later', issuedOn: '2020-01-01', replacedOn: '2027-01-01', partlyRepealedOn: '2026-01-01' },
      { number: 'S9', title: 'partial repeal took effect', issuedOn: '2020-01-01', partlyRepealedOn: '2026-11-21' },
      { number: 'S10', title: 'partial repeal later', issuedOn: '2020-01-01', partlyRepealedOn: '2026-11-23' },
      { number: 'S11', title: 'expired and replaced', issuedOn: '2020-01-01', expiresOn: '2025-01-01', replacedOn: '2024-01-01', partlyRepealedOn: '2023-01-01' },
      { number: 'S12', title: 'plain in force', issuedOn: '2020-01-01', effectiveOn: '2020-02-01' },
      { number: 'S13', title: 'override partly', issuedOn: '2020-01-01', statusOverride: 'partly_expired' },
      { number: 'S14', title: 'override not yet', issuedOn: '2020-01-01', statusOverride: 'not_yet_in_force' },
    ];
    const branchSite = await makeSite(db, 'nhanh');
    const branchUser = (await makeUser(db, branchSite, ['contributor'])).id;
    for (const r of branches) await insertPublished(db, branchSite, branchUser, r);
    for (const day of ['2026-11-21', '2026-11-22', '2026-11-23', '2027-06-01']) {
      const rows = await db.selectFrom('legal_documents').selectAll().select(effectStatusSql(day).as('sql_status')).where('site_id', '=', branchSite.id).execute();
      assert.equal(rows.length, branches.length);
      const seen = new Set<string>();
      for (const row of rows) {
        const pure = effectStatus({ issuedOn: row.issued_on, effectiveOn: row.effective_on, expiresOn: row.expires_on, statusOverride: row.status_override as EffectStatus | null, replacedOn: row.replaced_on, partlyRepealedOn: row.partly_repealed_on }, day);
        assert.equal(row.sql_status, pure, `${row.number} on ${day}`);
        seen.add(pure);
      }
      if (day === '2026-11-22') assert.deepEqual([...seen].sort(), ['expired', 'in_force', 'not_yet_in_force', 'partly_expired'], 'every status occurs');
      // The filter selects exactly the rows the pure rule puts under each status.
      for (const status of ['not_yet_in_force', 'in_force', 'partly_expired', 'expired'] as const) {
        const expected = rows.filter((r) => r.sql_status === status).map((r) => r.number).sort();
        const got = (await listDocuments(db, branchSite.id, { status }, { limit: 100, offset: 0 }, day)).documents;
        assert.deepEqual(got.map((d) => d.number).sort(), expected, `${status} on ${day}`);
        for (const d of got) assert.equal(d.status, status);
      }
    }
  });

  test('lists newest issued first with a total, paginates, and sorts by number and by date of effect', async () => {
    const all = await list({});
    assert.equal(all.total, 9);
    assert.deepEqual(all.documents.slice(0, 3).map((d) => d.number), ['20/2026/QĐ-UBND', '120/KH-UBND', '15/2024/QĐ-UBND']);
    const page2 = await list({}, 4, 4);
    assert.equal(page2.total, 9);
    assert.equal(page2.documents.length, 4);
    assert.equal(page2.documents[0]!.number, all.documents[4]!.number);
    const byNumber = (await list({ sort: 'number' })).documents.map((d) => d.number);
    assert.deepEqual(byNumber, ['05/2020/QĐ-UBND', '07/2019/QĐ-UBND', '09/2021/QĐ-UBND', '11/2021/QĐ-UBND', '120/KH-UBND', '142/2022/NĐ-CP', '15/2024/QĐ-UBND', '20/2026/QĐ-UBND', '42/2022/NĐ-CP']);
    const byEffect = (await list({ sort: 'effective' })).documents.map((d) => d.number);
    assert.equal(byEffect[0], '20/2026/QĐ-UBND', 'takes effect 01/12/2026');
    assert.equal(byEffect[1], '120/KH-UBND');
  });

  test('every filter: type, issuing body (any case, no diacritics), field, level, year, date range, signer, status', async () => {
    assert.deepEqual(await numbers({ docType: 'nghi-dinh' }), ['142/2022/NĐ-CP', '42/2022/NĐ-CP']);
    assert.deepEqual(await numbers({ docType: 'ke-hoach' }), ['120/KH-UBND']);
    assert.deepEqual(await numbers({ issuer: 'chinh phu' }), ['142/2022/NĐ-CP', '42/2022/NĐ-CP']);
    assert.deepEqual(await numbers({ issuer: 'UBND XÃ NHƯ XUÂN' }), ['120/KH-UBND']);
    assert.deepEqual(await numbers({ field: 'Đất đai' }), ['15/2024/QĐ-UBND']);
    assert.deepEqual(await numbers({ field: 'Hành chính' }), ['42/2022/NĐ-CP']);
    assert.deepEqual(await numbers({ level: 'local' }), ['120/KH-UBND']);
    assert.deepEqual(await numbers({ level: 'central' }), ['142/2022/NĐ-CP', '42/2022/NĐ-CP']);
    assert.deepEqual(await numbers({ year: 2022 }), ['142/2022/NĐ-CP', '42/2022/NĐ-CP']);
    assert.deepEqual(await numbers({ from: '2024-01-01', to: '2026-01-31' }), ['120/KH-UBND', '15/2024/QĐ-UBND']);
    assert.deepEqual(await numbers({ from: '2026-11-10' }), ['20/2026/QĐ-UBND'], 'bounds are inclusive');
    assert.deepEqual(await numbers({ signer: 'nguyen duc' }), ['15/2024/QĐ-UBND']);
    assert.deepEqual(await numbers({ status: 'not_yet_in_force' }), ['20/2026/QĐ-UBND']);
    assert.deepEqual(await numbers({ status: 'expired' }), ['05/2020/QĐ-UBND', '07/2019/QĐ-UBND', '11/2021/QĐ-UBND']);
    assert.deepEqual(await numbers({ status: 'partly_expired' }), ['09/2021/QĐ-UBND']);
    assert.deepEqual(await numbers({ docType: 'nghi-dinh', year: 2022, field: 'Hành chính', level: 'central' }), ['42/2022/NĐ-CP'], 'filters combine');
    assert.deepEqual(await numbers({ docType: 'nghi-dinh', level: 'local' }), []);
  });

  test('the number search finds a number with or without its symbol, typed with or without diacritics, by its beginning', async () => {
    for (const q of ['42/2022', '42/2022/NĐ-CP', '42/2022/nd-cp', '42/2022/ND-CP', 'số 42/2022', ' 42/2022/NĐ ']) {
      assert.deepEqual(await numbers({ q }), ['42/2022/NĐ-CP'], q);
    }
    assert.deepEqual(await numbers({ q: '142/2022' }), ['142/2022/NĐ-CP']);
    assert.deepEqual(await numbers({ q: '120' }), ['120/KH-UBND'], 'a bare number finds 120/… but not 1200/… or 12/…');
    assert.deepEqual(await numbers({ q: '2026' }), ['120/KH-UBND'], 'a bare year also matches words of the trích yếu');
    assert.deepEqual(await numbers({ q: '%' }), (await numbers({})), 'a query of symbols looks for nothing');
  });

  test('the keyword search ignores diacritics and case; every word must match; issuer and number words count too', async () => {
    assert.deepEqual(await numbers({ q: 'dich vu cong truc tuyen' }), ['42/2022/NĐ-CP']);
    assert.deepEqual(await numbers({ q: 'THU HỒI ĐẤT' }), ['15/2024/QĐ-UBND']);
    assert.deepEqual(await numbers({ q: 'thu hoi dat thanh tra' }), [], 'all words must match');
    assert.deepEqual(await numbers({ q: 'chinh phu thanh tra' }), ['142/2022/NĐ-CP'], 'words may be in the issuer');
    assert.deepEqual(await numbers({ q: 'kh-ubnd chuyen doi so' }), ['120/KH-UBND'], 'or in the number');
    assert.deepEqual(await numbers({ q: 'a%b' }), [], 'LIKE wildcards are taken literally');
    assert.deepEqual(await numbers({ q: 'a_h' }), [], 'LIKE wildcards are taken literally');
  });

  test('relations both ways with their labels, only published documents of the same site', async () => {
    const land = await relationsOf(db, site.id, ids.land!.id);
    assert.deepEqual(
      land.map((r) => [r.direction, r.label.vi, r.number]),
      [
        ['forward', 'Thay thế', '07/2019/QĐ-UBND'],
        ['forward', 'Sửa đổi, bổ sung', '42/2022/NĐ-CP'],
        ['backward', 'Văn bản liên quan', '09/2021/QĐ-UBND'],
      ],
      'the draft that amends it is not shown',
    );
    const replaced = await relationsOf(db, site.id, ids.replaced!.id);
    assert.deepEqual(replaced.map((r) => [r.direction, r.label.vi, r.label.en, r.number]), [['backward', 'Bị thay thế bởi', 'Replaced by', '15/2024/QĐ-UBND']]);
    const decree = await relationsOf(db, site.id, ids.decree!.id);
    assert.deepEqual(decree.map((r) => r.label.vi), ['Được sửa đổi, bổ sung bởi']);
    assert.deepEqual(await relationsOf(db, other.id, ids.land!.id), [], "another site sees none of this site's relations");
  });

  test("another site's documents are never seen; detail by slug stays on its site", async () => {
    const mine = await list({ q: '42/2022' });
    assert.deepEqual(mine.documents.map((d) => d.articleId), [ids.decree!.id]);
    assert.equal(await documentBySlug(db, site.id, ids.foreign!.slug, today), null);
    assert.equal((await documentBySlug(db, other.id, ids.foreign!.slug, today))?.number, '42/2022/NĐ-CP');
    assert.equal((await allDocuments(db, other.id, today)).length, 1);
    assert.equal((await documentBySlug(db, site.id, ids.future!.slug, today))?.status, 'not_yet_in_force');
  });

  test('filters read from a query string: bad values are ignored and named, never an error', () => {
    const known = { types: ['nghi-dinh', 'quyet-dinh'], fields: ['Đất đai'] };
    const good = readFilters({ q: ' 42/2022 ', loai: 'nghi-dinh', 'linh-vuc': 'Đất đai', cap: 'central', nam: '2022', tu: '01/02/2022', den: '2022-12-31', 'nguoi-ky': 'Lê', 'hieu-luc': 'con-hieu-luc', 'sap-xep': 'so-hieu', 'co-quan': 'Chính phủ' }, known);
    assert.deepEqual(good.ignored, []);
    assert.deepEqual(good.filters, { q: '42/2022', docType: 'nghi-dinh', issuer: 'Chính phủ', field: 'Đất đai', level: 'central', year: 2022, from: '2022-02-01', to: '2022-12-31', signer: 'Lê', status: 'in_force', sort: 'number' });
    const bad = readFilters({ loai: 'x', 'linh-vuc': 'Không có', cap: 'galactic', nam: '20x2', tu: '31/02/2022', den: 'hôm qua', 'hieu-luc': 'maybe', 'sap-xep': 'random', q: ['array'] }, known);
    assert.deepEqual(bad.filters, {});
    assert.deepEqual(bad.ignored.sort(), ['cap', 'den', 'hieu-luc', 'linh-vuc', 'loai', 'nam', 'sap-xep', 'tu']);
  });
});
