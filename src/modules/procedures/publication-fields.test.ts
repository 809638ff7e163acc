// A procedure's publication decision (number and date, or a document of the
// site) and its online service's launch month, on SQLite and PostgreSQL: typed
// in the back office (dd/mm/yyyy, mm/yyyy), refused with Vietnamese messages
// next to the fields when invalid, shown on the public page and in open data;
// another site's document cannot be the decision.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Agent, textOf } from '../../../test/support/agent.ts';
import { buildTestApp, TestClock, type TestApp } from '../../../test/support/app.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { publishDocument } from '../../../test/support/documents.ts';
import { makeBoard, type Board } from '../../../test/support/editorial.ts';

function form(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    code: '1.001193',
    name: 'Đăng ký khai sinh',
    level: 'commune',
    field: 'Tư pháp',
    agency: 'Ủy ban nhân dân xã Công Bố',
    step_0: 'Nộp hồ sơ tại Bộ phận tiếp nhận và trả kết quả',
    method_direct: 'on',
    method_online: 'on',
    timeLimit: 'Ngay trong ngày làm việc',
    result: 'Giấy khai sinh',
    onlineLevel: 'full',
    onlineUrl: 'https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001193',
    onlineLaunched: '03/2024',
    decisionNumber: '1234/QĐ-UBND',
    decisionDate: '15/03/2024',
    ...overrides,
  };
}

forEachEngine('procedures: publication decision and online launch', (engine) => {
  let t: TestApp;
  let b: Board;
  let other: Board;
  let board: Agent;

  before(async () => {
    t = await buildTestApp(engine, { clock: new TestClock(new Date('2026-11-23T02:00:00Z')) });
    b = await makeBoard(t, 'congbo');
    other = await makeBoard(t, 'congbokhac');
    board = new Agent(t.app, b.host);
    await board.login(b.people.secretariat.email);
  });
  after(async () => t.close());

  const details = async (code: string) => JSON.parse((await t.db.selectFrom('procedures').select('details').where('site_id', '=', b.site.id).where('code', '=', code).executeTakeFirstOrThrow()).details);

  test('invalid values are refused next to their fields, what was typed is kept, nothing is saved', async () => {
    const bad = await board.post('/admin/procedures', form({ decisionDate: '31/02/2024', onlineLaunched: '13/2024' }));
    assert.equal(bad.statusCode, 400);
    const text = textOf(bad.body);
    assert.match(text, /Ngày quyết định công bố không hợp lệ/);
    assert.match(text, /Thời điểm đưa dịch vụ vào sử dụng ghi theo tháng\/năm/);
    assert.match(bad.body, /value="31\/02\/2024"/);
    const half = await board.post('/admin/procedures', form({ decisionDate: '' }));
    assert.equal(half.statusCode, 400);
    assert.match(textOf(half.body), /Ghi cả số và ngày của quyết định công bố/);
    const offline = await board.post('/admin/procedures', form({ onlineLevel: 'none', onlineUrl: '', method_online: '' }));
    assert.equal(offline.statusCode, 400);
    assert.match(textOf(offline.body), /không có dịch vụ công trực tuyến thì không ghi thời điểm/);
    assert.equal((await t.db.selectFrom('procedures').select('id').where('site_id', '=', b.site.id).execute()).length, 0);
  });

  test('saved, published and shown on the public page and in open data', async () => {
    const created = await board.post('/admin/procedures', form());
    assert.equal(created.statusCode, 303, created.body.slice(0, 400));
    const d = await details('1.001193');
    assert.deepEqual(d.publication, { number: '1234/QĐ-UBND', date: '2024-03-15', documentArticleId: null });
    assert.equal(d.online.launchedOn, '2024-03');
    const id = (await t.db.selectFrom('procedures').select('id').where('code', '=', '1.001193').where('site_id', '=', b.site.id).executeTakeFirstOrThrow()).id;
    const edit = await board.get(`/admin/procedures/${id}`);
    assert.match(edit.body, /value="15\/03\/2024"/);
    assert.match(edit.body, /value="03\/2024"/);
    const publisher = new Agent(t.app, b.host);
    await publisher.login(b.people.publisher.email);
    assert.equal((await publisher.post(`/admin/procedures/${id}/publish`)).statusCode, 303);
    const slug = (await t.db.selectFrom('procedures').select('slug').where('id', '=', id).executeTakeFirstOrThrow()).slug;
    const page = textOf((await t.app.inject({ url: `/thu-tuc-hanh-chinh/${slug}`, headers: { host: b.host } })).body);
    assert.match(page, /Quyết định số 1234\/QĐ-UBND ngày 15\/03\/2024/);
    assert.match(page, /Đưa vào sử dụng từ tháng 03\/2024/);
    const open = await t.app.inject({ url: '/api/v1/open/procedures', headers: { host: b.host } });
    assert.equal(open.statusCode, 200, open.body.slice(0, 300));
    assert.match(open.body, /"launchedOn":"2024-03"/);
    assert.match(open.body, /"publication":\{"number":"1234\/QĐ-UBND","date":"2024-03-15"/);
  });

  test('the decision may be a document of this site, never of another', async () => {
    const own = await publishDocument(b, { number: '88/QĐ-UBND', issuedOn: '2024-05-02', effectiveOn: '2024-05-02' });
    const foreign = await publishDocument(other, { number: '99/QĐ-UBND', issuedOn: '2024-05-02', effectiveOn: '2024-05-02' });
    const refused = await board.post('/admin/procedures', form({ code: '1.000001', name: 'Chứng thực bản sao', decisionNumber: '', decisionDate: '', decisionDoc: String(foreign.id) }));
    assert.equal(refused.statusCode, 400);
    assert.match(textOf(refused.body), /văn bản liên kết chưa được đăng trên trang/);
    const saved = await board.post('/admin/procedures', form({ code: '1.000001', name: 'Chứng thực bản sao', decisionNumber: '', decisionDate: '', decisionDoc: String(own.id) }));
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 400));
    assert.equal((await details('1.000001')).publication.documentArticleId, own.id);
    const id = (await t.db.selectFrom('procedures').select('id').where('code', '=', '1.000001').where('site_id', '=', b.site.id).executeTakeFirstOrThrow()).id;
    const publisher = new Agent(t.app, b.host);
    await publisher.login(b.people.publisher.email);
    await publisher.post(`/admin/procedures/${id}/publish`);
    const slug = (await t.db.selectFrom('procedures').select('slug').where('id', '=', id).executeTakeFirstOrThrow()).slug;
    const page = await t.app.inject({ url: `/thu-tuc-hanh-chinh/${slug}`, headers: { host: b.host } });
    assert.match(page.body, new RegExp(`href="/van-ban/${own.slug}"[^>]*>Quyết định số 88/QĐ-UBND`));
  });
});
