// The documents' back office and integrations on a real database: writing a
// document in the editor (without JavaScript), the list with its publication
// deadline, the documents' own review chain, the bulk import (all or nothing,
// row by row) and the idempotent push API.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Agent, textOf } from '../../../test/support/agent.ts';
import { buildTestApp, TestClock, type TestApp } from '../../../test/support/app.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { documentBody, documentDetails, publishDocument } from '../../../test/support/documents.ts';
import { makeBoard, type Board } from '../../../test/support/editorial.ts';
import { makeUser, systemActor } from '../../../test/support/factories.ts';
import { createApiToken } from '../api-tokens/tokens.ts';
import { DOCUMENT_CHAIN_RULE } from '../articles/workflow-context.ts';
import { addRuleVersion } from '../rules/store.ts';

const pdf = Buffer.from('%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1');

const HEADER = 'Số ký hiệu,Loại văn bản,Cơ quan ban hành,Trích yếu,Lĩnh vực,Cấp,Người ký,Ngày ban hành,Ngày hiệu lực,Ngày hết hiệu lực';

forEachEngine('documents: back office, import and push', (engine) => {
  let t: TestApp;
  let b: Board;

  before(async () => {
    // Monday 23 Nov 2026, 09:00 in Vietnam.
    t = await buildTestApp(engine, { clock: new TestClock(new Date('2026-11-23T02:00:00Z')) });
    // The site's agency issues the provincial decisions of documentDetails(); its deadline binds them.
    b = await makeBoard(t, 'vanbanbo', { agencyName: 'Ủy ban nhân dân tỉnh Thanh Hóa' });
    await addRuleVersion(t.db, systemActor(b.site.id), { siteId: b.site.id, key: 'deadline.document_after_signing', value: { amount: 2, unit: 'working_days' }, effectiveFrom: '2012-03-12', citation: '003 Đ8.3' });
  });
  after(async () => t.close());

  const countDocuments = async () => Number((await t.db.selectFrom('articles').select((eb) => eb.fn.countAll().as('n')).where('site_id', '=', b.site.id).where('kind', '=', 'document').executeTakeFirstOrThrow()).n);

  test('a contributor writes a document in the editor without JavaScript, naming a related document by its number', async () => {
    const target = await publishDocument(b, { number: '5/2021/QĐ-UBND', issuedOn: '2021-01-10', effectiveOn: null });
    const agent = new Agent(t.app, b.host);
    await agent.login(b.people.contributor.email);
    const page = await agent.get('/admin/articles/new?kind=document');
    assert.equal(page.statusCode, 200);
    assert.match(textOf(page.body), /Thông tin văn bản/);
    const form = {
      kind: 'document',
      language: 'vi',
      title: 'Quyết định sửa đổi quy định về quản lý chợ',
      summary: '',
      unitId: String(b.unitId),
      docNumber: '6/2026/QĐ-UBND',
      docType: 'quyet-dinh',
      docIssuer: 'Ủy ban nhân dân tỉnh Thanh Hóa',
      docLevel: 'provincial',
      docSigner: 'Lê Văn Hòa',
      docIssuedOn: '20/11/2026',
      docEffectiveOn: '2026-12-01',
      docFields: ['Công thương'],
      docRelationCount: '2',
      'docRelation-0': 'amends',
      'docRelTarget-0': '5/2021/qđ-ubnd',
      lockVersion: '0',
    };
    const wrong = await agent.post('/admin/articles', { ...form, 'docRelTarget-0': '404/2021/QĐ-UBND' });
    assert.equal(wrong.statusCode, 400);
    assert.match(textOf(wrong.body), /Không có văn bản số «404\/2021\/QĐ-UBND» trên trang này/);
    assert.match(wrong.body, /value="Lê Văn Hòa"/, 'what was typed stays');

    const res = await agent.post('/admin/articles', form);
    assert.equal(res.statusCode, 303, res.body);
    const id = Number(/\/admin\/articles\/(\d+)/.exec(res.headers.location as string)![1]);
    const row = await t.db.selectFrom('articles').select(['details', 'document_key', 'source', 'author_name']).where('id', '=', id).executeTakeFirstOrThrow();
    const details = JSON.parse(row.details!);
    assert.equal(details.issuedOn, '2026-11-20');
    assert.deepEqual(details.relations, [{ relation: 'amends', toArticleId: target.id }]);
    assert.equal(row.document_key, '6/2026/qd-ubnd|uy ban nhan dan tinh thanh hoa');
    assert.equal(row.author_name, 'Lê Văn Hòa', 'the signer stands for the author');
    const editor = textOf((await agent.get(`/admin/articles/${id}`)).body);
    assert.match(editor, /Hiện là: 5\/2021\/QĐ-UBND/);
    assert.match(editor, /Phải đăng trước/);
  });

  test('the list shows every document with its deadline; one signed a week ago and unpublished is late', async () => {
    const late = await b.as('contributor', 'POST', '/api/v1/articles', documentBody(b, { title: 'Kế hoạch trễ hạn', document: { number: '100/KH-UBND', docType: 'ke-hoach', issuedOn: '2026-11-16', effectiveOn: null } }));
    assert.equal(late.statusCode, 201, late.body);
    const fresh = await b.as('contributor', 'POST', '/api/v1/articles', documentBody(b, { title: 'Kế hoạch mới ký', document: { number: '101/KH-UBND', docType: 'ke-hoach', issuedOn: '2026-11-23', effectiveOn: null } }));
    assert.equal(fresh.statusCode, 201, fresh.body);
    const agent = new Agent(t.app, b.host);
    await agent.login(b.people.editor_in_chief.email);
    const list = await agent.get('/admin/documents');
    assert.equal(list.statusCode, 200);
    const text = textOf(list.body);
    // Signed Monday 16/11: two working days → due at the close of Wednesday 18/11.
    assert.match(text, /100\/KH-UBND.*Kế hoạch.*Quá hạn — Phải đăng trước 18\/11\/2026 17:00/s);
    assert.match(text, /101\/KH-UBND.*Phải đăng trước 25\/11\/2026 17:00/s);
    const onlyLate = textOf((await agent.get('/admin/documents?late=on')).body);
    assert.match(onlyLate, /100\/KH-UBND/);
    assert.doesNotMatch(onlyLate, /101\/KH-UBND/);
    const editor = textOf((await agent.get(`/admin/articles/${late.json().id}`)).body);
    assert.match(editor, /Quá hạn/);
  });

  test('documents follow chain.document when the site sets one, articles keep theirs', async () => {
    await addRuleVersion(t.db, systemActor(b.site.id), { siteId: b.site.id, key: DOCUMENT_CHAIN_RULE, value: { steps: [{ key: 'office_check', name: 'Văn phòng kiểm tra', nameEn: 'Office checks', actor: { kind: 'role', role: 'secretariat' }, kind: 'approve', deadline: { amount: 1, unit: 'working_days' } }], fourEyes: true, publishDeadline: null }, effectiveFrom: '2026-01-01', citation: 'test' });
    const doc = await b.as('contributor', 'POST', '/api/v1/articles', documentBody(b, { document: { number: '200/2026/QĐ-UBND' } }));
    const submitted = await b.as('contributor', 'POST', `/api/v1/articles/${doc.json().id}/actions`, { action: 'submit' });
    assert.equal(submitted.statusCode, 200, submitted.body);
    const step = await b.as('unit_head', 'POST', `/api/v1/articles/${doc.json().id}/actions`, { action: 'approve' });
    assert.equal(step.statusCode, 403, 'the documents’ chain has no unit-head step');
    const ok = await b.as('secretariat', 'POST', `/api/v1/articles/${doc.json().id}/actions`, { action: 'approve' });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().reviewState, 'approved');
    const published = await b.as('publisher', 'POST', `/api/v1/articles/${doc.json().id}/actions`, { action: 'publish' });
    assert.equal(published.statusCode, 200, published.body);
    // Back to the shared chain for the other tests.
    await t.db.deleteFrom('rules').where('site_id', '=', b.site.id).where('key', '=', DOCUMENT_CHAIN_RULE).execute();
  });

  test('the site administrator sets the documents’ chain in the chain editor; the articles’ chain is untouched', async () => {
    const agent = new Agent(t.app, b.host);
    await agent.login(b.people.site_admin.email);
    const page = textOf((await agent.get('/admin/workflow?for=document')).body);
    assert.match(page, /Quy trình duyệt văn bản/);
    assert.match(page, /Văn bản đang theo quy trình duyệt tin bài/);
    const res = await agent.post('/admin/workflow?for=document', { for: 'document', name0: 'Chánh Văn phòng kiểm tra', actor0: 'secretariat', kind0: 'approve', amount0: '1', unit0: 'working_days', fourEyes: 'on', effectiveFrom: '23/11/2026', citation: '003 Đ8.3' });
    assert.equal(res.statusCode, 303, textOf(res.body));
    const rules = await t.db.selectFrom('rules').select(['key']).where('site_id', '=', b.site.id).where('key', 'in', ['chain.document', 'chain.article']).execute();
    assert.deepEqual(rules.map((r) => r.key).sort(), ['chain.article', 'chain.document']);
    const after = textOf((await agent.get('/admin/workflow?for=document')).body);
    assert.match(after, /Chánh Văn phòng kiểm tra/);
    assert.doesNotMatch(textOf((await agent.get('/admin/workflow')).body), /Chánh Văn phòng kiểm tra/);
    await t.db.deleteFrom('rules').where('site_id', '=', b.site.id).where('key', '=', 'chain.document').execute();
  });

  test('an import with one bad row imports nothing and reports the row; a good file makes drafts', async () => {
    const agent = new Agent(t.app, b.host);
    await agent.login(b.people.contributor.email);
    const form = await agent.get('/admin/documents/import');
    assert.equal(form.statusCode, 200);
    assert.match(textOf(form.body), /Số ký hiệu \*/);
    const template = await agent.get('/admin/documents/import/template.csv');
    assert.equal(template.statusCode, 200);
    assert.match(template.body, /Số ký hiệu,Loại văn bản/);

    const before = await countDocuments();
    const bad = [HEADER, '300/2026/QĐ-UBND,Quyết định,UBND tỉnh Thanh Hóa,Ban hành quy chế,Giao thông,Tỉnh,Nguyễn Văn A,01/10/2026,15/10/2026,', '301/2026/QĐ-UBND,Sắc lệnh,UBND tỉnh Thanh Hóa,Quy định khác,,Tỉnh,,31/02/2026,,'].join('\n');
    const refused = await agent.upload('/admin/documents/import', {}, { name: 'van-ban.csv', data: Buffer.from(bad), contentType: 'text/csv' });
    assert.equal(refused.statusCode, 422);
    const report = textOf(refused.body);
    assert.match(report, /Chưa nhập văn bản nào: có 2 lỗi cần sửa/);
    assert.match(report, /3 Loại văn bản Loại văn bản «Sắc lệnh» không có trong danh mục/);
    assert.match(report, /3 Ngày ban hành Ngày ban hành: «31\/02\/2026» không phải ngày hợp lệ/);
    assert.equal(await countDocuments(), before, 'nothing imported');

    const good = [HEADER, '300/2026/QĐ-UBND,Quyết định,UBND tỉnh Thanh Hóa,Ban hành quy chế,Giao thông; Xây dựng,Tỉnh,Nguyễn Văn A,01/10/2026,15/10/2026,', '301/2026/QĐ-UBND,Nghị quyết,HĐND tỉnh Thanh Hóa,Quy định mức thu phí,,,,2026-09-30,,'].join('\n');
    const done = await agent.upload('/admin/documents/import', {}, { name: 'van-ban.csv', data: Buffer.from(good), contentType: 'text/csv' });
    assert.equal(done.statusCode, 303, done.body);
    assert.equal(await countDocuments(), before + 2);
    const imported = await t.db.selectFrom('articles').select(['details', 'review_state']).where('site_id', '=', b.site.id).where('document_key', '=', '301/2026/nq-hdnd|hdnd tinh thanh hoa').execute();
    assert.equal(imported.length, 0, 'the key folds the number as typed');
    const rows = await t.db.selectFrom('articles').select(['details', 'review_state', 'title']).where('site_id', '=', b.site.id).where('title', '=', 'Quy định mức thu phí').execute();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.review_state, 'draft');
    assert.equal(JSON.parse(rows[0]!.details!).level, 'local', 'an empty level is local');
    const audit = await t.db.selectFrom('audit_log').select('details').where('site_id', '=', b.site.id).where('action', '=', 'document.import').execute();
    assert.equal(audit.length, 1);

    const again = await agent.upload('/admin/documents/import', {}, { name: 'van-ban.csv', data: Buffer.from(good), contentType: 'text/csv' });
    assert.equal(again.statusCode, 422, 'the same documents are not imported twice');
    assert.match(textOf(again.body), /đã có trên trang/);
  });

  test('someone without content.create cannot import', async () => {
    const responder = await makeUser(t.db, b.site, ['responder']);
    const agent = new Agent(t.app, b.host);
    await agent.login(responder.email);
    const res = await agent.upload('/admin/documents/import', {}, { name: 'van-ban.csv', data: Buffer.from(HEADER), contentType: 'text/csv' });
    assert.equal(res.statusCode, 403);
  });

  test('a repeated push returns the same id and creates nothing new; a changed push makes a new revision', async () => {
    const body = {
      title: 'Quyết định công bố thủ tục hành chính lĩnh vực giao thông',
      unitId: b.unitId,
      document: { ...documentDetails({ number: '400/QĐ-UBND', issuedOn: '2026-11-20', effectiveOn: null }), relations: undefined },
      files: [{ name: '400-QD-UBND.pdf', contentBase64: pdf.toString('base64') }],
    };
    const first = await b.as('contributor', 'POST', '/api/v1/documents', body);
    assert.equal(first.statusCode, 201, first.body);
    assert.equal(first.json().created, true);
    assert.equal(first.json().reviewState, 'in_review', 'submitted into the chain');
    assert.equal(first.json().attachmentIds.length, 1);
    const id = first.json().id;
    const counts = async () => ({
      articles: await countDocuments(),
      revisions: Number((await t.db.selectFrom('article_revisions').select((eb) => eb.fn.countAll().as('n')).where('article_id', '=', id).executeTakeFirstOrThrow()).n),
      media: Number((await t.db.selectFrom('media').select((eb) => eb.fn.countAll().as('n')).where('site_id', '=', b.site.id).executeTakeFirstOrThrow()).n),
      events: Number((await t.db.selectFrom('workflow_events').select((eb) => eb.fn.countAll().as('n')).where('item_id', '=', id).executeTakeFirstOrThrow()).n),
    });
    const before = await counts();
    // The same document, its number typed without diacritics and the issuer in other spacing.
    const second = await b.as('contributor', 'POST', '/api/v1/documents', { ...body, document: { ...body.document, issuer: ' Ủy ban nhân dân  tỉnh Thanh Hóa' } });
    assert.equal(second.statusCode, 200, second.body);
    assert.equal(second.json().id, id);
    assert.equal(second.json().created, false);
    assert.equal(second.json().changed, false);
    assert.deepEqual(await counts(), before, 'nothing new');

    // Returned to the author, then pushed again changed: a new revision, submitted again.
    const returned = await b.as('unit_head', 'POST', `/api/v1/articles/${id}/actions`, { action: 'return', note: 'Thiếu lĩnh vực' });
    assert.equal(returned.statusCode, 200, returned.body);
    const third = await b.as('contributor', 'POST', '/api/v1/documents', { ...body, document: { ...body.document, fields: ['Giao thông', 'Hành chính'] } });
    assert.equal(third.statusCode, 200, third.body);
    assert.equal(third.json().id, id);
    assert.equal(third.json().changed, true);
    assert.equal(third.json().reviewState, 'in_review');
    assert.equal((await counts()).revisions, before.revisions + 1);

    // Changed again while the board reviews it: refused as the README says, and nothing is written.
    const inReview = await counts();
    const fourth = await b.as('contributor', 'POST', '/api/v1/documents', { ...body, title: `${body.title} (bản sửa)` });
    assert.equal(fourth.statusCode, 409, fourth.body);
    assert.equal(fourth.json().error.code, 'in_review');
    assert.deepEqual(await counts(), inReview);
    const audit = await t.db.selectFrom('audit_log').select('action').where('site_id', '=', b.site.id).where('action', '=', 'document.push').execute();
    assert.equal(audit.length, 3);
  });

  test('a refused push writes nothing (no draft, no revision, no file); the next correct push creates the document', async () => {
    const count = async (table: 'articles' | 'article_revisions' | 'media' | 'audit_log' | 'workflow_events') => Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).where('site_id', '=', b.site.id).executeTakeFirstOrThrow()).n);
    const snapshot = async () => ({ articles: await count('articles'), revisions: await count('article_revisions'), media: await count('media'), audit: await count('audit_log'), events: await count('workflow_events') });
    const own = Buffer.concat([pdf, Buffer.from('% 402\n')]);
    // The chain has a unit-head step: without the providing unit the submission is refused.
    const body = { title: 'Quyết định phê duyệt kế hoạch chuyển đổi số', document: { ...documentDetails({ number: '402/QĐ-UBND', issuedOn: '2026-11-20', effectiveOn: null }), relations: undefined }, files: [{ name: '402-QD-UBND.pdf', contentBase64: own.toString('base64') }] };
    const before = await snapshot();
    const refused = await b.as('contributor', 'POST', '/api/v1/documents', body);
    assert.equal(refused.statusCode, 422, refused.body);
    assert.match(refused.body, /unit_required/);
    assert.deepEqual(await snapshot(), before, 'refused means nothing written');

    const ok = await b.as('contributor', 'POST', '/api/v1/documents', { ...body, unitId: b.unitId });
    assert.equal(ok.statusCode, 201, ok.body);
    assert.equal(ok.json().created, true);
    assert.equal(ok.json().reviewState, 'in_review');
    assert.equal(ok.json().attachmentIds.length, 1);
    const told = await t.db.selectFrom('notifications').select('user_id').where('site_id', '=', b.site.id).where('item_id', '=', ok.json().id).where('kind', '=', 'article.submit').execute();
    assert.ok(told.some((n) => n.user_id === b.people.unit_head.id), 'the unit head is told, after the commit');
  });

  test('a pushed file that is not what its name says is refused; a read-only token cannot push', async () => {
    const body = { title: 'Công văn', unitId: b.unitId, document: { ...documentDetails({ number: '401/UBND-VP', docType: 'cong-van', issuedOn: '2026-11-20', effectiveOn: null }), relations: undefined }, files: [{ name: 'cong-van.pdf', contentBase64: Buffer.from('<html><script>alert(1)</script></html>').toString('base64') }] };
    const fake = await b.as('contributor', 'POST', '/api/v1/documents', body);
    assert.ok(fake.statusCode >= 400 && fake.statusCode < 500, fake.body);
    assert.equal(await t.db.selectFrom('articles').select('id').where('site_id', '=', b.site.id).where('document_key', 'like', '401/%').executeTakeFirst(), undefined);

    const { token } = await createApiToken(t.db, systemActor(b.site.id), { siteId: b.site.id, userId: b.people.contributor.id, name: 'read', scopes: ['read'], expiresInDays: null });
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/documents', headers: { host: b.host, authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: JSON.stringify({ ...body, files: [] }) });
    assert.equal(res.statusCode, 403, res.body);
  });
  test("the site administrator adds the site's own document types and fields; documents may then use them, and the library offers them", async () => {
    const before = await b.as('contributor', 'POST', '/api/v1/articles', documentBody(b, { document: { number: '1/2026/HDLN', docType: 'huong-dan-lien-nganh', fields: ['Chuyển đổi số'] } }));
    assert.equal(before.statusCode, 422, 'a type the site has not defined is refused');
    const admin = new Agent(t.app, b.host);
    await admin.login(b.people.site_admin.email);
    const site = b.site;
    const form = {
      name: site.name, nameEn: '', agencyName: site.agencyName, agencyNameEn: '', address: '', phone: '', email: '', responsiblePerson: '',
      twoFactor: 'off', logoMediaId: '', bannerMediaId: '', primaryColor: '', links: '',
    };
    const bad = await admin.post('/admin/site', { ...form, docTypes: ' | Joint guidance', docFields: '' });
    assert.equal(bad.statusCode, 400);
    assert.match(textOf(bad.body), /Dòng 1 của loại văn bản cần có tên tiếng Việt/);
    const saved = await admin.post('/admin/site', { ...form, docTypes: 'Hướng dẫn liên ngành | Joint guidance', docFields: 'Chuyển đổi số' });
    assert.equal(saved.statusCode, 303, saved.body);
    // A contributor cannot change the catalogue.
    const contributor = new Agent(t.app, b.host);
    await contributor.login(b.people.contributor.email);
    assert.equal((await contributor.post('/admin/site', { ...form, docTypes: 'Loại lạ', docFields: '' })).statusCode, 403);

    const doc = await publishDocument(b, { number: '1/2026/HDLN', docType: 'huong-dan-lien-nganh', fields: ['Chuyển đổi số'] }, { title: 'Hướng dẫn liên ngành về chuyển đổi số' });
    const page = textOf((await t.app.inject({ url: `/van-ban/${doc.slug}`, headers: { host: b.host } })).body);
    assert.match(page, /Hướng dẫn liên ngành/);
    assert.match(page, /Chuyển đổi số/);
    const library = (await t.app.inject({ url: '/van-ban', headers: { host: b.host } })).body;
    assert.match(library, /<option value="huong-dan-lien-nganh"[^>]*>Hướng dẫn liên ngành<\/option>/);
  });

  test('the deadline after signing binds only the site’s own agency and units: a central decree is never late, a unit’s plan is', async () => {
    const decree = await publishDocument(b, { number: '42/2022/NĐ-CP', docType: 'nghi-dinh', issuer: 'Chính phủ', level: 'central', issuedOn: '2022-06-24', effectiveOn: '2022-08-01' }, { title: 'Quy định về việc cung cấp thông tin và dịch vụ công trực tuyến' });
    const central = await b.as('contributor', 'POST', '/api/v1/articles', documentBody(b, { title: 'Thông tư chưa đăng', document: { number: '12/2026/TT-BTTTT', docType: 'thong-tu', issuer: 'Bộ Thông tin và Truyền thông', level: 'central', issuedOn: '2026-11-16', effectiveOn: null } }));
    assert.equal(central.statusCode, 201, central.body);
    const unit = await b.as('contributor', 'POST', '/api/v1/articles', documentBody(b, { title: 'Kế hoạch của phòng', document: { number: '102/KH-VHTT', docType: 'ke-hoach', issuer: 'Phòng  văn hóa và thông tin', issuedOn: '2026-11-16', effectiveOn: null } }));
    assert.equal(unit.statusCode, 201, unit.body);
    const abbreviated = await b.as('contributor', 'POST', '/api/v1/articles', documentBody(b, { title: 'Kế hoạch ghi tắt', document: { number: '103/KH-UBND', docType: 'ke-hoach', issuer: 'UBND tỉnh Thanh Hóa', issuedOn: '2026-11-16', effectiveOn: null } }));
    assert.equal(abbreviated.statusCode, 201, abbreviated.body);

    const agent = new Agent(t.app, b.host);
    await agent.login(b.people.editor_in_chief.email);
    const rowOf = (html: string, number: string) => textOf(/<tr>(?:(?!<\/tr>)[\s\S])*?<\/tr>/g[Symbol.match](html)?.find((r) => r.includes(number)) ?? '');
    const list = (await agent.get('/admin/documents')).body;
    assert.match(rowOf(list, '42/2022/NĐ-CP'), /Không áp dụng/);
    assert.doesNotMatch(rowOf(list, '42/2022/NĐ-CP'), /Quá hạn/, 'a central decree reposted years later is not late');
    assert.doesNotMatch(rowOf(list, '12/2026/TT-BTTTT'), /Quá hạn/);
    assert.match(rowOf(list, '102/KH-VHTT'), /Quá hạn — Phải đăng trước 18\/11\/2026 17:00/, 'a unit of the site is bound');
    assert.match(rowOf(list, '103/KH-UBND'), /Quá hạn/, 'UBND reads as Ủy ban nhân dân');
    const onlyLate = textOf((await agent.get('/admin/documents?late=on')).body);
    assert.match(onlyLate, /102\/KH-VHTT/);
    assert.doesNotMatch(onlyLate, /42\/2022\/NĐ-CP|12\/2026\/TT-BTTTT/);
    const editor = textOf((await agent.get(`/admin/articles/${decree.id}`)).body);
    assert.match(editor, /Hạn đăng sau khi ký: Không áp dụng/);
    assert.doesNotMatch(editor, /Quá hạn/);

    // Another name the agency issues under, listed in the site's settings, is its own too.
    const ministry = await t.db.selectFrom('sites').select('settings').where('id', '=', b.site.id).executeTakeFirstOrThrow();
    await t.db.updateTable('sites').set({ settings: JSON.stringify({ ...JSON.parse(ministry.settings), documents: { types: [], fields: [], ownIssuers: ['Bộ Thông tin và Truyền thông'] } }) }).where('id', '=', b.site.id).execute();
    t.refreshSites();
    assert.match(rowOf((await agent.get('/admin/documents')).body, '12/2026/TT-BTTTT'), /Quá hạn/);
    await t.db.updateTable('sites').set({ settings: ministry.settings }).where('id', '=', b.site.id).execute();
    t.refreshSites();
  });

  test('a number without its leading zero is accepted with a warning offering the corrected number, in the editor, the import and the push', async () => {
    const agent = new Agent(t.app, b.host);
    await agent.login(b.people.contributor.email);
    const form = { kind: 'document', language: 'vi', title: 'Quyết định thành lập tổ công tác', summary: '', unitId: String(b.unitId), docNumber: '7/QĐ-UBND', docType: 'quyet-dinh', docIssuer: 'Ủy ban nhân dân tỉnh Thanh Hóa', docLevel: 'provincial', docSigner: '', docIssuedOn: '20/11/2026', docEffectiveOn: '', docRelationCount: '2', lockVersion: '0' };
    const saved = await agent.post('/admin/articles', form);
    assert.equal(saved.statusCode, 303, textOf(saved.body));
    const editor = textOf((await agent.get(saved.headers.location as string)).body);
    assert.match(editor, /Số «7\/QĐ-UBND» thiếu số 0 ở đầu.*Nghị định 30\/2020\/NĐ-CP, Điều 15.*nên ghi «07\/QĐ-UBND»/);

    const csv = [HEADER, '8/QĐ-UBND,Quyết định,UBND tỉnh Thanh Hóa,Quyết định giao chỉ tiêu,,Tỉnh,,10/11/2026,,'].join('\n');
    const imported = await agent.upload('/admin/documents/import', {}, { name: 'van-ban.csv', data: Buffer.from(csv), contentType: 'text/csv' });
    assert.equal(imported.statusCode, 303, textOf(imported.body));
    assert.match(textOf((await agent.get('/admin/documents')).body), /Đã nhập 1 văn bản thành bản nháp\. Lưu ý, nên sửa: Dòng 2: Số «8\/QĐ-UBND» thiếu số 0 ở đầu.*nên ghi «08\/QĐ-UBND»/);

    const pushed = await b.as('contributor', 'POST', '/api/v1/documents', { title: 'Quyết định phê duyệt danh mục', unitId: b.unitId, document: { ...documentDetails({ number: '9/QĐ-UBND', issuedOn: '2026-11-20', effectiveOn: null }), relations: undefined } });
    assert.equal(pushed.statusCode, 201, pushed.body);
    assert.deepEqual(pushed.json().warnings.map((w: { code: string; suggestion: string }) => [w.code, w.suggestion]), [['number_leading_zero', '09/QĐ-UBND']]);
  });

  test('a number is unique per issuer per year: a second one is refused in the editor, the API and the import; the same number next year is another document', async () => {
    const first = await b.as('contributor', 'POST', '/api/v1/articles', documentBody(b, { title: 'Quyết định năm 2025', document: { number: '500/QĐ-UBND', issuedOn: '2025-12-20', effectiveOn: null } }));
    assert.equal(first.statusCode, 201, first.body);
    const again = await b.as('contributor', 'POST', '/api/v1/articles', documentBody(b, { title: 'Quyết định trùng số', document: { number: '500/qđ-ubnd', issuer: 'UỶ BAN NHÂN DÂN TỈNH THANH HÓA', issuedOn: '2025-03-01', effectiveOn: null } }));
    assert.equal(again.statusCode, 422, again.body);
    assert.match(again.body, /duplicate_number/);
    assert.match(again.json().error.details.map((d: { message: string }) => d.message).join(' '), /already on this site|đã có văn bản/i);
    const nextYear = await b.as('contributor', 'POST', '/api/v1/articles', documentBody(b, { title: 'Quyết định năm 2026', document: { number: '500/QĐ-UBND', issuedOn: '2026-01-05', effectiveOn: null } }));
    assert.equal(nextYear.statusCode, 201, 'numbering restarts every year');

    const agent = new Agent(t.app, b.host);
    await agent.login(b.people.contributor.email);
    const form = { kind: 'document', language: 'vi', title: 'Quyết định trùng số qua biểu mẫu', summary: '', unitId: String(b.unitId), docNumber: '500/QĐ-UBND', docType: 'quyet-dinh', docIssuer: 'Ủy ban nhân dân tỉnh Thanh Hóa', docLevel: 'provincial', docSigner: '', docIssuedOn: '15/06/2026', docEffectiveOn: '', docRelationCount: '2', lockVersion: '0' };
    const refused = await agent.post('/admin/articles', form);
    assert.equal(refused.statusCode, 400);
    assert.match(textOf(refused.body), new RegExp(`Đã có văn bản số «500/QĐ-UBND» của «Ủy ban nhân dân tỉnh Thanh Hóa» năm 2026 trên trang \\(mã ${nextYear.json().id}\\)`));

    const csv = [HEADER, '500/QĐ-UBND,Quyết định,Ủy ban nhân dân tỉnh Thanh Hóa,Trùng số,,Tỉnh,,02/02/2026,,', '501/QĐ-UBND,Quyết định,Ủy ban nhân dân tỉnh Thanh Hóa,Một,,Tỉnh,,02/02/2026,,', '501/QĐ-UBND,Quyết định,Ủy ban nhân dân tỉnh Thanh Hóa,Hai,,Tỉnh,,03/03/2026,,', '501/QĐ-UBND,Quyết định,Ủy ban nhân dân tỉnh Thanh Hóa,Năm trước,,Tỉnh,,03/03/2025,,'].join('\n');
    const report = await agent.upload('/admin/documents/import', {}, { name: 'van-ban.csv', data: Buffer.from(csv), contentType: 'text/csv' });
    assert.equal(report.statusCode, 422);
    const text = textOf(report.body);
    assert.match(text, /có 2 lỗi/);
    assert.match(text, /2 Số ký hiệu Văn bản số «500\/QĐ-UBND» của «Ủy ban nhân dân tỉnh Thanh Hóa» năm 2026 đã có trên trang/);
    assert.match(text, /4 Số ký hiệu Trùng số ký hiệu, cơ quan ban hành và năm ban hành với dòng 3/);

    // The push recognises its document within the year: 500/QĐ-UBND of 2025 is not the one of 2026.
    const pushed = await b.as('contributor', 'POST', '/api/v1/documents', { title: 'Quyết định năm 2025', unitId: b.unitId, document: { ...documentDetails({ number: '500/QĐ-UBND', issuedOn: '2025-12-20', effectiveOn: null }), relations: undefined } });
    assert.equal(pushed.statusCode, 200, pushed.body);
    assert.equal(pushed.json().id, first.json().id);
    assert.equal(pushed.json().created, false);
  });
});
