// "Chuyên mục về tiếp cận thông tin" on SQLite and PostgreSQL: the board loads
// the starter list, adds, edits, reorders and removes items (audited), and the
// public page follows at once; a responder and a contributor are refused; one
// site cannot touch another's items.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Agent, textOf } from '../../../test/support/agent.ts';
import { buildTestApp, type TestApp } from '../../../test/support/app.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { makeBoard, type Board } from '../../../test/support/editorial.ts';
import { makeUser } from '../../../test/support/factories.ts';

forEachEngine('citizens: access to information and the disclosure list', (engine) => {
  let t: TestApp;
  let b: Board;
  let other: Board;
  let board: Agent;

  before(async () => {
    t = await buildTestApp(engine);
    b = await makeBoard(t, 'tiepcan', { languages: ['vi', 'en'], contact: { address: '12 Trần Phú, xã Tiếp Cận', phone: '0260 3999 111', email: 'vanphong@tiepcan.gov.vn', responsiblePerson: 'Chánh Văn phòng' } });
    other = await makeBoard(t, 'tiepcan-khac');
    board = new Agent(t.app, b.host);
    await board.login(b.people.secretariat.email);
  });
  after(async () => t.close());

  const items = (siteId = b.site.id) => t.db.selectFrom('disclosure_items').selectAll().where('site_id', '=', siteId).orderBy('sort_order').orderBy('id').execute();
  const audit = async (action: string) => (await t.db.selectFrom('audit_log').select('id').where('site_id', '=', b.site.id).where('action', '=', action).execute()).length;
  const publicText = async (path = '/tiep-can-thong-tin') => textOf((await new Agent(t.app, b.host).get(path)).body);

  test('the public page says how to request information and names the unit in charge, before any list exists', async () => {
    const page = await new Agent(t.app, b.host).get('/tiep-can-thong-tin');
    assert.equal(page.statusCode, 200);
    const text = textOf(page.body);
    assert.ok(text.includes('Chuyên mục về tiếp cận thông tin'));
    assert.ok(text.includes('Cơ quan đang cập nhật danh mục'));
    for (const href of ['/tiep-can-thong-tin/yeu-cau', '/tiep-can-thong-tin/de-nghi-dinh-chinh', '/tra-cuu-y-kien']) assert.match(page.body, new RegExp(`href="${href}"`));
    assert.ok(text.includes('12 Trần Phú, xã Tiếp Cận') && text.includes('0260 3999 111') && text.includes('vanphong@tiepcan.gov.vn'));
    const en = await new Agent(t.app, b.host).get('/en/access-to-information');
    assert.equal(en.statusCode, 200);
    assert.match(textOf(en.body), /Information the agency must publish/);
  });

  test('the starter list loads once, grouped by the categories of Art. 17, linking to the site’s own pages', async () => {
    const page = await board.get('/admin/disclosure');
    assert.equal(page.statusCode, 200);
    assert.match(textOf(page.body), /Nạp danh mục mẫu \(12 mục\)/);
    const loaded = await board.post('/admin/disclosure/starter');
    assert.equal(loaded.statusCode, 303);
    assert.equal((await items()).length, 12);
    assert.equal(await audit('disclosure.starter'), 1);
    const again = await board.post('/admin/disclosure/starter');
    assert.equal(again.statusCode, 303);
    assert.equal((await items()).length, 12, 'not loaded twice');
    const page2 = await new Agent(t.app, b.host).get('/tiep-can-thong-tin');
    const text = textOf(page2.body);
    assert.ok(text.includes('Văn bản quy phạm pháp luật, văn bản hành chính có giá trị áp dụng chung'));
    assert.ok(text.includes('Thủ tục hành chính thuộc thẩm quyền giải quyết'));
    assert.match(page2.body, /href="\/van-ban"/);
    assert.match(page2.body, /href="\/thu-tuc-hanh-chinh"/);
    assert.match(page2.body, /href="\/lay-y-kien"/);
    assert.ok(text.indexOf('Văn bản quy phạm pháp luật') < text.indexOf('Thủ tục hành chính thuộc'), 'categories in the order of the law');
  });

  test('items are added (bad links refused), edited, reordered and removed, each audited and shown at once', async () => {
    const bad = await board.post('/admin/disclosure', { category: 'budget', title: 'Công khai ngân sách 2026', url: 'javascript:alert(1)', note: '' });
    assert.equal(bad.statusCode, 400);
    assert.match(textOf(bad.body), /Đường dẫn phải là một trang của trang này/);
    assert.match(bad.body, /value="Công khai ngân sách 2026"/, 'what was typed is kept');
    const missing = await board.post('/admin/disclosure', { category: '', title: '', url: '' });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /class="error-summary"/);

    const added = await board.post('/admin/disclosure', { category: 'budget', title: 'Công khai dự toán ngân sách năm 2026', url: '/chuyen-muc/ngan-sach', note: 'Cập nhật tháng 1' });
    assert.equal(added.statusCode, 303);
    const row = (await items()).find((i) => i.title === 'Công khai dự toán ngân sách năm 2026')!;
    assert.ok(row);
    assert.ok((await publicText()).includes('Công khai dự toán ngân sách năm 2026'), 'the cached public page was dropped');

    const edited = await board.post(`/admin/disclosure/${row.id}`, { category: 'budget', title: 'Công khai quyết toán ngân sách năm 2025', url: 'https://stc.example.gov.vn/cong-khai', note: '' });
    assert.equal(edited.statusCode, 303);
    const page = await new Agent(t.app, b.host).get('/tiep-can-thong-tin');
    assert.match(page.body, /href="https:\/\/stc.example.gov.vn\/cong-khai"/);
    assert.ok(!textOf(page.body).includes('dự toán ngân sách năm 2026'));

    // The budget group now has the starter item, then this one; move this one up.
    const budget = () => items().then((all) => all.filter((i) => i.category === 'budget').map((i) => i.id));
    const [first] = await budget();
    assert.notEqual(first, row.id);
    assert.equal((await board.post(`/admin/disclosure/${row.id}/move`, { dir: 'up' })).statusCode, 303);
    assert.deepEqual(await budget(), [row.id, first]);
    const text = await publicText();
    assert.ok(text.indexOf('quyết toán ngân sách năm 2025') < text.indexOf('Dự toán ngân sách được giao'), 'the public order follows');
    assert.equal((await board.post(`/admin/disclosure/${row.id}/move`, { dir: 'up' })).statusCode, 303, 'already first: nothing happens');
    assert.deepEqual(await budget(), [row.id, first]);

    assert.equal((await board.post(`/admin/disclosure/${row.id}/remove`)).statusCode, 303);
    assert.ok(!(await items()).some((i) => i.id === row.id));
    assert.ok(!(await publicText()).includes('quyết toán ngân sách năm 2025'));
    for (const action of ['disclosure.add', 'disclosure.update', 'disclosure.move', 'disclosure.remove']) assert.equal(await audit(action), 1, action);
  });

  test('a responder and a contributor are refused; another site’s items are out of reach', async () => {
    const responder = await makeUser(t.db, b.site, ['responder'], { unitId: b.unitId });
    const before = JSON.stringify(await items());
    for (const email of [responder.email, b.people.contributor.email]) {
      const agent = new Agent(t.app, b.host);
      await agent.login(email);
      assert.equal((await agent.get('/admin/disclosure')).statusCode, 403, email);
      assert.equal((await agent.post('/admin/disclosure', { category: 'other', title: 'Chen ngang', url: '' })).statusCode, 403, email);
      assert.equal((await agent.post('/admin/disclosure/starter')).statusCode, 403, email);
      const id = (await items())[0]!.id;
      assert.equal((await agent.post(`/admin/disclosure/${id}/remove`)).statusCode, 403, email);
    }
    assert.equal(JSON.stringify(await items()), before);

    const otherBoard = new Agent(t.app, other.host);
    await otherBoard.login(other.people.secretariat.email);
    const id = (await items())[0]!.id;
    assert.equal((await otherBoard.get(`/admin/disclosure/${id}`)).statusCode, 404);
    assert.equal((await otherBoard.post(`/admin/disclosure/${id}/remove`)).statusCode, 404);
    assert.equal((await otherBoard.post(`/admin/disclosure/${id}`, { category: 'other', title: 'Sửa trộm', url: '' })).statusCode, 404);
    assert.equal(JSON.stringify(await items()), before);
    assert.equal((await items(other.site.id)).length, 0);
  });

  test('the columns of Decree 13/2018 Art. 6: saved, refused when invalid with what was typed kept, edited, shown publicly; another site cannot edit them', async () => {
    const fields = { category: 'budget', title: 'Công khai quyết toán ngân sách năm 2025', url: '/cong-khai-ngan-sach', note: '', docNumber: '45/QĐ-UBND', docDate: '20/01/2026', form: 'website', disclosedOn: '22/01/2026', duration: 'Thường xuyên' };
    const bad = await board.post('/admin/disclosure', { ...fields, docDate: '31/02/2026', disclosedOn: '22/01/2026', form: 'carrier_pigeon' });
    assert.equal(bad.statusCode, 400);
    const badText = textOf(bad.body);
    assert.match(badText, /Ngày ban hành không hợp lệ/);
    assert.match(badText, /Vui lòng chọn hình thức công khai trong danh sách/);
    assert.match(bad.body, /value="45\/QĐ-UBND"/, 'what was typed is kept');
    const early = await board.post('/admin/disclosure', { ...fields, disclosedOn: '10/01/2026' });
    assert.equal(early.statusCode, 400);
    assert.match(textOf(early.body), /Thời điểm công khai không được trước ngày ban hành/);
    assert.ok(!(await items()).some((i) => i.doc_number === '45/QĐ-UBND'), 'nothing saved');

    assert.equal((await board.post('/admin/disclosure', fields)).statusCode, 303);
    const row = (await items()).find((i) => i.doc_number === '45/QĐ-UBND')!;
    assert.deepEqual([row.doc_date, row.form, row.disclosed_on, row.duration], ['2026-01-20', 'website', '2026-01-22', 'Thường xuyên']);
    const page = await new Agent(t.app, b.host).get('/tiep-can-thong-tin');
    const text = textOf(page.body);
    for (const shown of ['45/QĐ-UBND', '20/01/2026', 'Đăng tải trên cổng/trang thông tin điện tử', '22/01/2026 — Thường xuyên']) assert.ok(text.includes(shown), shown);
    assert.match(page.body, /<th scope="col">Số, ký hiệu<\/th>/);

    const edit = await board.get(`/admin/disclosure/${row.id}`);
    assert.match(edit.body, /value="20\/01\/2026"/, 'dates edited as dd/mm/yyyy');
    assert.equal((await board.post(`/admin/disclosure/${row.id}`, { ...fields, duration: '90 ngày', form: 'notice_board' })).statusCode, 303);
    const after = (await items()).find((i) => i.id === row.id)!;
    assert.deepEqual([after.form, after.duration], ['notice_board', '90 ngày']);

    const otherBoard = new Agent(t.app, other.host);
    await otherBoard.login(other.people.secretariat.email);
    assert.equal((await otherBoard.post(`/admin/disclosure/${row.id}`, { ...fields, docNumber: '99/QĐ-UBND' })).statusCode, 404);
    assert.equal((await items()).find((i) => i.id === row.id)!.doc_number, '45/QĐ-UBND');
  });
});
