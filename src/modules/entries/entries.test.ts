// The declaration machinery on a real database, once for every kind: an entry
// is saved with its values checked (Vietnamese messages naming the field),
// points only at this site's units, files and documents, keeps revisions,
// follows its kind's own chain when the site set one (else the articles'),
// and on publication fills the search index under its section's address and
// entry_fields with what the list filters on; a correction changes them and a
// take-down removes them. A contributor cannot publish.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { PRESET_CHAINS } from '../../core/workflow/index.ts';
import { buildTestApp, TestClock, type TestApp } from '../../../test/support/app.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { makeBoard, type Board } from '../../../test/support/editorial.ts';
import { entryBody, publishEntry } from '../../../test/support/entries.ts';
import { makeUnit, systemActor } from '../../../test/support/factories.ts';
import { addRuleVersion } from '../rules/store.ts';

const valid = { category: 'recruitment', validity: { from: '2026-11-20', to: '2026-12-31' } };

forEachEngine('entries: declared sections stored, reviewed and indexed', (engine) => {
  let t: TestApp;
  let b: Board;
  let other: Board;

  before(async () => {
    t = await buildTestApp(engine, { clock: new TestClock(new Date('2026-11-23T02:00:00Z')) });
    b = await makeBoard(t, 'thongbao');
    other = await makeBoard(t, 'thongbaokhac');
  });
  after(async () => t.close());

  test('a bad value is refused with the field named in Vietnamese; nothing is saved', async () => {
    const before = await t.db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).where('site_id', '=', b.site.id).executeTakeFirstOrThrow();
    const res = await b.as('contributor', 'POST', '/api/v1/articles', entryBody(b, 'announcement', { category: 'lottery', validity: { from: '2026-12-31', to: '2026-12-01' } }, { title: 'Thông báo tuyển dụng' }));
    assert.equal(res.statusCode, 422, res.body);
    const problems = res.json().error.details as { field: string; message: string }[];
    assert.deepEqual(problems.map((p) => p.field).sort(), ['f.category', 'f.validity']);
    const after = await t.db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).where('site_id', '=', b.site.id).executeTakeFirstOrThrow();
    assert.equal(Number(after.n), Number(before.n));
  });

  test('an unknown kind, and another site’s unit, are refused', async () => {
    const unknown = await b.as('contributor', 'POST', '/api/v1/articles', entryBody(b, 'lottery', {}, { title: 'X' }));
    assert.equal(unknown.statusCode, 422);
    assert.match(unknown.body, /invalid_entry_kind/);
    const foreignUnit = await makeUnit(t.db, other.site, 'Phòng của trang khác');
    const res = await b.as('contributor', 'POST', '/api/v1/articles', entryBody(b, 'announcement', { ...valid, issuedBy: [foreignUnit] }, { title: 'Thông báo' }));
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /invalid_entry_unit/);
  });

  test('a draft may leave required fields empty; submission names them', async () => {
    const created = await b.as('contributor', 'POST', '/api/v1/articles', entryBody(b, 'announcement', {}, { title: 'Thông báo chưa đủ', bodyHtml: '<p>Nội dung</p>' }));
    assert.equal(created.statusCode, 201, created.body);
    const submit = await b.as('contributor', 'POST', `/api/v1/articles/${created.json().id}/actions`, { action: 'submit' });
    assert.equal(submit.statusCode, 422);
    assert.deepEqual((submit.json().error.details as { field: string }[]).map((d) => d.field), ['f.category', 'f.validity']);
  });

  test('published: indexed under the section’s address with its filter values; a correction changes them; a take-down removes them', async () => {
    const { id, slug } = await publishEntry(b, 'announcement', { ...valid, issuedBy: [b.unitId] }, { title: 'Thông báo tuyển dụng viên chức năm 2026', bodyHtml: '<p>Ủy ban nhân dân huyện thông báo tuyển dụng.</p>' });
    const indexed = await t.db.selectFrom('search_documents').select(['item_type', 'kind', 'url', 'body_text']).where('site_id', '=', b.site.id).where('item_id', '=', id).execute();
    assert.deepEqual(indexed.map((r) => [r.item_type, r.kind, r.url]), [['entry', 'announcement', `/thong-bao/${slug}`]]);
    assert.match(indexed[0]!.body_text, /Loại thông báo: Tuyển dụng/);
    const fields = async () => (await t.db.selectFrom('entry_fields').select(['field', 'value', 'date', 'date_end']).where('article_id', '=', id).orderBy('field').orderBy('value').execute()).map((r) => `${r.field}=${r.value ?? `${r.date}..${r.date_end}`}`);
    assert.deepEqual(await fields(), ['category=recruitment', `issuedBy=${b.unitId}`, 'validity=2026-11-20..2026-12-31']);

    const current = await b.as('secretariat', 'GET', `/api/v1/articles/${id}`);
    assert.equal(current.json().entry.kind, 'announcement');
    const patch = await b.as('secretariat', 'PATCH', `/api/v1/articles/${id}`, { lockVersion: current.json().lockVersion, entry: { kind: 'announcement', values: { ...valid, category: 'auction', validity: { from: '2026-11-20', to: '2027-01-15' } } } });
    assert.equal(patch.statusCode, 200, patch.body);
    assert.deepEqual(await fields(), ['category=recruitment', `issuedBy=${b.unitId}`, 'validity=2026-11-20..2026-12-31'], 'nothing public changes before the correction is published');
    for (const [role, action] of [['secretariat', 'submit'], ['unit_head', 'approve'], ['secretariat', 'approve'], ['deputy', 'approve'], ['editor_in_chief', 'approve'], ['publisher', 'correct']] as const) {
      const res = await b.as(role, 'POST', `/api/v1/articles/${id}/actions`, { action, ...(action === 'correct' ? { note: 'Gia hạn nhận hồ sơ' } : {}) });
      assert.equal(res.statusCode, 200, `${role} ${action}: ${res.body}`);
    }
    assert.deepEqual(await fields(), ['category=auction', 'validity=2026-11-20..2027-01-15']);
    const revisions = await t.db.selectFrom('article_revisions').select('snapshot').where('article_id', '=', id).orderBy('number').execute();
    assert.ok(revisions.length >= 2);
    assert.equal(JSON.parse(revisions[0]!.snapshot).entry.values.category, 'recruitment', 'the first revision keeps the first values');

    const down = await b.as('secretariat', 'POST', `/api/v1/articles/${id}/actions`, { action: 'take_down', reasonCode: 'replaced', note: 'Đã có thông báo mới.' });
    assert.equal(down.statusCode, 200, down.body);
    assert.deepEqual(await fields(), []);
    assert.equal((await t.db.selectFrom('search_documents').select('id').where('site_id', '=', b.site.id).where('item_id', '=', id).execute()).length, 0);
  });

  test('a kind’s own chain is followed when the site sets one; a contributor cannot publish', async () => {
    await addRuleVersion(t.db, systemActor(b.site.id), { siteId: b.site.id, key: 'chain.entry.announcement', value: PRESET_CHAINS['vpubnd-kontum'], effectiveFrom: '2020-01-01', citation: 'test' });
    const created = await b.as('contributor', 'POST', '/api/v1/articles', entryBody(b, 'announcement', valid, { title: 'Thông báo đấu giá', bodyHtml: '<p>Đấu giá quyền sử dụng đất.</p>' }));
    const id = created.json().id as number;
    const submit = await b.as('contributor', 'POST', `/api/v1/articles/${id}/actions`, { action: 'submit' });
    assert.equal(submit.statusCode, 200, submit.body);
    const row = await t.db.selectFrom('articles').select('chain').where('id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual(JSON.parse(row.chain!), JSON.parse(JSON.stringify(PRESET_CHAINS['vpubnd-kontum'])));
    const publish = await b.as('contributor', 'POST', `/api/v1/articles/${id}/actions`, { action: 'publish' });
    assert.ok(publish.statusCode === 403 || publish.statusCode === 422, publish.body);
    assert.equal((await t.db.selectFrom('articles').select('publication').where('id', '=', id).executeTakeFirstOrThrow()).publication, 'unpublished');
  });

  test('an item cannot be turned into an entry of a kind the site turned off', async () => {
    const created = await b.as('secretariat', 'POST', '/api/v1/articles', { title: 'Tin sẽ đổi loại' });
    assert.equal(created.statusCode, 201, created.body);
    const site = await t.db.selectFrom('sites').select('settings').where('id', '=', b.site.id).executeTakeFirstOrThrow();
    await t.db.updateTable('sites').set({ settings: JSON.stringify({ ...JSON.parse(site.settings), entryKinds: { project: { enabled: false } } }) }).where('id', '=', b.site.id).execute();
    const patch = await b.as('secretariat', 'PATCH', `/api/v1/articles/${created.json().id}`, { lockVersion: created.json().lockVersion, kind: 'entry', entry: { kind: 'project', values: {} } });
    assert.equal(patch.statusCode, 422, patch.body);
    assert.match(patch.body, /invalid_entry_kind/);
    await t.db.updateTable('sites').set({ settings: site.settings }).where('id', '=', b.site.id).execute();
  });
});
