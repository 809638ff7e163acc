// Administrative procedures end to end, on SQLite and PostgreSQL: written in the
// back office, published, found on the public list by field, level and words
// without diacritics, read on their page, imported from a table (all or
// nothing), offered as open data — and kept to their own site.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Agent, api, textOf } from '../../../test/support/agent.ts';
import { buildTestApp, TestClock, type TestApp } from '../../../test/support/app.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { makeBoard, type Board, type BoardRole } from '../../../test/support/editorial.ts';
import { HEADER_LIST, HEADERS } from '../../core/procedures/index.ts';
import { writeCsv, writeXlsx } from '../../platform/spreadsheet.ts';
import { searchDocuments } from '../search/index.ts';
import { parseQuery } from '../../core/search/index.ts';
import { loadDemoProcedures } from './demo.ts';

const pdf = Buffer.from('%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1');

function birthForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    code: '1.001193',
    name: 'Đăng ký khai sinh',
    level: 'commune',
    field: 'Tư pháp',
    agency: 'Ủy ban nhân dân xã Thử Nghiệm',
    step_0: 'Nộp hồ sơ tại Bộ phận tiếp nhận và trả kết quả',
    step_1: 'Công chức tư pháp - hộ tịch kiểm tra, ghi vào Sổ hộ tịch',
    step_2: 'Trả Giấy khai sinh cho người yêu cầu',
    method_direct: 'on',
    methodNote_direct: 'Giờ hành chính các ngày làm việc',
    method_online: 'on',
    dossierName_0: 'Tờ khai đăng ký khai sinh',
    dossierOriginals_0: '1',
    dossierCopies_0: '0',
    dossierName_1: 'Giấy chứng sinh',
    dossierOriginals_1: '1',
    dossierCopies_1: '0',
    timeLimit: 'Ngay trong ngày làm việc',
    subjects: 'Công dân Việt Nam',
    result: 'Giấy khai sinh (bản chính)',
    feeName_0: 'Lệ phí đăng ký khai sinh',
    feeAmount_0: 'Miễn lệ phí',
    legalText_0: 'Luật Hộ tịch số 60/2014/QH13',
    conditions: '',
    onlineLevel: 'full',
    onlineUrl: 'https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001193',
    handlerName: 'Lê Thị Hộ Tịch',
    handlerPhone: '0260 3862 123',
    handlerEmail: 'tuphap@thutuc.test',
    ...overrides,
  };
}

function tableRow(cells: Partial<Record<string, string>>): string[] {
  return HEADER_LIST.map((h) => cells[h] ?? '');
}

const goodRow = (code: string, name: string, level = 'Cấp xã', field = 'Đất đai') =>
  tableRow({
    [HEADERS.code]: code,
    [HEADERS.name]: name,
    [HEADERS.level]: level,
    [HEADERS.field]: field,
    [HEADERS.agency]: 'Ủy ban nhân dân xã',
    [HEADERS.steps]: 'Nộp hồ sơ\nNhận kết quả',
    [HEADERS.methods]: 'Trực tiếp',
    [HEADERS.dossier]: 'Đơn đề nghị | 1 | 0',
    [HEADERS.timeLimit]: '10 ngày làm việc',
    [HEADERS.result]: 'Quyết định',
    [HEADERS.fees]: 'Lệ phí | 100.000 đồng',
    [HEADERS.onlineLevel]: 'Không',
  });

forEachEngine('administrative procedures', (engine) => {
  let t: TestApp;
  let b: Board;
  let other: Board;
  const agents = new Map<string, Agent>();
  let birthId = 0;
  let birthSlug = '';
  let mediaId = 0;

  const agent = async (board: Board, role: BoardRole) => {
    const key = `${board.site.key}:${role}`;
    if (!agents.has(key)) {
      const a = new Agent(t.app, board.host);
      await a.login(board.people[role].email);
      agents.set(key, a);
    }
    return agents.get(key)!;
  };
  const get = (url: string, host = b.host) => t.app.inject({ url, headers: { host } });

  before(async () => {
    t = await buildTestApp(engine, { clock: new TestClock(new Date('2026-11-23T02:00:00Z')) });
    b = await makeBoard(t, 'thutuc', { languages: ['vi', 'en'], nameEn: 'Test commune' });
    other = await makeBoard(t, 'xakhac');
  });
  after(async () => t.close());

  test('the board writes a procedure with a form file; a contributor cannot publish it; the publisher can', async () => {
    const secretariat = await agent(b, 'secretariat');
    const created = await secretariat.post('/admin/procedures', birthForm());
    assert.equal(created.statusCode, 303, created.body.slice(0, 500));
    birthId = Number(/\/admin\/procedures\/(\d+)$/.exec(created.headers.location as string)?.[1]);
    assert.ok(birthId > 0);

    const page = await secretariat.get(`/admin/procedures/${birthId}`);
    assert.equal(page.statusCode, 200);
    const lock = /name="lockVersion" value="(\d+)"/.exec(page.body)![1]!;
    const uploaded = await secretariat.upload(`/admin/procedures/${birthId}/forms`, { lockVersion: lock, name: 'Tờ khai đăng ký khai sinh (Mẫu TT-01)', purpose: 'Người yêu cầu điền và nộp' }, { name: 'to-khai-khai-sinh.pdf', data: pdf, contentType: 'application/pdf' });
    assert.equal(uploaded.statusCode, 303);
    const row = await t.db.selectFrom('procedures').selectAll().where('id', '=', birthId).executeTakeFirstOrThrow();
    const forms = JSON.parse(row.details).forms as { mediaId: number }[];
    assert.equal(forms.length, 1);
    mediaId = forms[0]!.mediaId;
    assert.equal(row.status, 'draft');
    assert.equal(row.site_id, b.site.id);

    const contributor = await agent(b, 'contributor');
    const refused = await contributor.post(`/admin/procedures/${birthId}/publish`);
    assert.equal(refused.statusCode, 403, 'a contributor may not publish');
    assert.equal((await t.db.selectFrom('procedures').select('status').where('id', '=', birthId).executeTakeFirstOrThrow()).status, 'draft');
    assert.equal((await get('/thu-tuc-hanh-chinh')).body.includes('Đăng ký khai sinh'), false, 'a draft is not public');

    const publisher = await agent(b, 'publisher');
    const published = await publisher.post(`/admin/procedures/${birthId}/publish`);
    assert.equal(published.statusCode, 303);
    const after = await t.db.selectFrom('procedures').selectAll().where('id', '=', birthId).executeTakeFirstOrThrow();
    assert.equal(after.status, 'published');
    birthSlug = after.slug;
    const audit = await t.db.selectFrom('audit_log').select('action').where('site_id', '=', b.site.id).where('target_type', '=', 'procedure').execute();
    assert.deepEqual(new Set(audit.map((a) => a.action)), new Set(['procedure.create', 'procedure.update', 'procedure.publish']));
    const revisions = await t.db.selectFrom('procedure_revisions').select('number').where('procedure_id', '=', birthId).orderBy('number').execute();
    assert.deepEqual(revisions.map((r) => r.number), [1, 2], 'creation and the form upload are revisions');
  });

  test('the public list filters by field, level and words typed without diacritics; the detail shows every element', async () => {
    await (await agent(b, 'secretariat')).post('/admin/procedures', birthForm({ code: '2.000001', name: 'Cấp giấy chứng nhận quyền sử dụng đất lần đầu', level: 'province', field: 'Đất đai', onlineLevel: 'none', onlineUrl: '', method_online: '' }));
    const landId = (await t.db.selectFrom('procedures').select('id').where('site_id', '=', b.site.id).where('code', '=', '2.000001').executeTakeFirstOrThrow()).id;
    await (await agent(b, 'publisher')).post(`/admin/procedures/${landId}/publish`);

    const all = textOf((await get('/thu-tuc-hanh-chinh')).body);
    assert.match(all, /Đăng ký khai sinh/);
    assert.match(all, /Cấp giấy chứng nhận quyền sử dụng đất/);
    const byField = textOf((await get(`/thu-tuc-hanh-chinh?linh-vuc=${encodeURIComponent('Tư pháp')}`)).body);
    assert.match(byField, /Đăng ký khai sinh/);
    assert.doesNotMatch(byField, /quyền sử dụng đất/);
    const byLevel = textOf((await get('/thu-tuc-hanh-chinh?cap=province')).body);
    assert.match(byLevel, /quyền sử dụng đất/);
    assert.doesNotMatch(byLevel, /Đăng ký khai sinh/);
    const byWords = textOf((await get('/thu-tuc-hanh-chinh?q=dang+ky+khai+sinh')).body);
    assert.match(byWords, /Đăng ký khai sinh/);
    assert.doesNotMatch(byWords, /quyền sử dụng đất/);
    const english = await get('/en/procedures');
    assert.equal(english.statusCode, 200);
    assert.match(english.body, /<html lang="en"/);
    assert.match(english.body, /aria-current="page"[^>]*>\s*Procedures|href="\/en\/procedures" aria-current="page"/);

    const detail = await get(`/thu-tuc-hanh-chinh/${birthSlug}`);
    assert.equal(detail.statusCode, 200);
    const html = detail.body;
    const text = textOf(html);
    assert.match(html, /<ol>\s*<li class="pre-line">Nộp hồ sơ tại Bộ phận tiếp nhận/);
    assert.match(html, /<caption>Thành phần hồ sơ và số lượng bản<\/caption>/);
    assert.match(html, /<th scope="row">Tờ khai đăng ký khai sinh<\/th>/);
    assert.match(html, /<caption>Các khoản phí, lệ phí<\/caption>/);
    assert.match(text, /Lệ phí đăng ký khai sinh Miễn lệ phí/);
    assert.match(text, /Ngay trong ngày làm việc/);
    assert.match(text, /Luật Hộ tịch số 60\/2014\/QH13/);
    assert.match(text, /Dịch vụ công trực tuyến toàn trình/);
    assert.match(html, /href="https:\/\/dichvucong\.gov\.vn\/p\/home\/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet\.html\?ma_thu_tuc=1\.001193"/);
    assert.match(html, new RegExp(`href="/tai-ve/${mediaId}"`), 'the form downloads through the counted download route');
    const download = await get(`/tai-ve/${mediaId}`);
    assert.equal(download.statusCode, 200, 'a form of a published procedure is served');
    assert.match(String(download.headers['content-disposition']), /^attachment;/);
    assert.match(text, /Tờ khai đăng ký khai sinh \(Mẫu TT-01\)/);
    assert.match(text, /Lê Thị Hộ Tịch/);
    assert.match(html, /href="mailto:tuphap@thutuc\.test"/);
    assert.match(html, /href="\/thu-tuc-hanh-chinh" aria-current="page"/);

    // Published procedures are in the site search too.
    const hits = await searchDocuments(t.db, parseQuery('khai sinh')!, { siteId: b.site.id }, { limit: 10, offset: 0 });
    assert.ok(hits.hits.some((h) => h.itemType === 'procedure' && h.url === `/thu-tuc-hanh-chinh/${birthSlug}`));
  });

  test("another site's procedure is neither visible nor editable", async () => {
    assert.equal((await get(`/thu-tuc-hanh-chinh/${birthSlug}`, other.host)).statusCode, 404);
    assert.doesNotMatch(textOf((await get('/thu-tuc-hanh-chinh', other.host)).body), /Đăng ký khai sinh/);
    const outsider = await agent(other, 'editor_in_chief');
    assert.equal((await outsider.get(`/admin/procedures/${birthId}`)).statusCode, 404);
    assert.equal((await outsider.post(`/admin/procedures/${birthId}`, birthForm({ name: 'Bị sửa', lockVersion: '0' }))).statusCode, 404);
    assert.equal((await outsider.post(`/admin/procedures/${birthId}/trash`)).statusCode, 404);
    assert.equal((await api(t.app, other.host, 'GET', '/api/v1/open/procedures')).json().total, 0);
    const row = await t.db.selectFrom('procedures').selectAll().where('id', '=', birthId).executeTakeFirstOrThrow();
    assert.equal(row.name, 'Đăng ký khai sinh');
    assert.equal(row.deleted_at, null);
  });

  test('a stale save is refused with a clear message and keeps what was typed; a second save goes through', async () => {
    const first = await agent(b, 'secretariat');
    const second = await agent(b, 'deputy');
    const page = await first.get(`/admin/procedures/${birthId}`);
    const lock = /name="lockVersion" value="(\d+)"/.exec(page.body)![1]!;
    const form = { ...birthForm(), formName_0: 'Tờ khai đăng ký khai sinh (Mẫu TT-01)', formMedia_0: String(mediaId) };
    const ok = await second.post(`/admin/procedures/${birthId}`, { ...form, lockVersion: lock, result: 'Giấy khai sinh bản chính và bản sao' });
    assert.equal(ok.statusCode, 303);
    const stale = await first.post(`/admin/procedures/${birthId}`, { ...form, lockVersion: lock, timeLimit: 'Trong 01 ngày làm việc' });
    assert.equal(stale.statusCode, 409);
    assert.match(textOf(stale.body), /đã được người khác lưu/);
    assert.match(stale.body, /value="Trong 01 ngày làm việc"/, 'what was typed is still in the form');
    let row = await t.db.selectFrom('procedures').selectAll().where('id', '=', birthId).executeTakeFirstOrThrow();
    assert.match(row.details, /bản chính và bản sao/);
    assert.doesNotMatch(row.details, /Trong 01 ngày làm việc/);
    const newLock = /name="lockVersion" value="(\d+)"/.exec(stale.body)![1]!;
    assert.equal((await first.post(`/admin/procedures/${birthId}`, { ...form, lockVersion: newLock, timeLimit: 'Trong 01 ngày làm việc' })).statusCode, 303);
    row = await t.db.selectFrom('procedures').selectAll().where('id', '=', birthId).executeTakeFirstOrThrow();
    assert.match(row.details, /Trong 01 ngày làm việc/);
    assert.equal(JSON.parse(row.details).forms[0].mediaId, mediaId, 'the form file stays attached');
  });

  test('a bad form shows each problem beside its field, in Vietnamese', async () => {
    const res = await (await agent(b, 'secretariat')).post('/admin/procedures', birthForm({ code: '', level: 'huyen', onlineUrl: 'http://khong-an-toan.vn', handlerEmail: 'khong-phai-thu' }));
    assert.equal(res.statusCode, 400);
    const text = textOf(res.body);
    assert.match(text, /Nhập mã thủ tục/);
    assert.match(text, /Chọn cấp thực hiện/);
    assert.match(text, /https:\/\//);
    assert.match(text, /Thư điện tử công vụ không đúng dạng/);
  });

  test('an import with one bad row imports nothing and names the line; a re-import updates instead of duplicating', async () => {
    const secretariat = await agent(b, 'secretariat');
    const before = await t.db.selectFrom('procedures').select('id').where('site_id', '=', b.site.id).execute();
    const bad = await writeXlsx('Thủ tục', HEADER_LIST, [goodRow('1.000100', 'Chuyển mục đích sử dụng đất'), goodRow('1.000101', 'Thủ tục ở cấp sai', 'Cấp thôn'), goodRow('1.000102', 'Đăng ký biến động đất đai')]);
    const refused = await secretariat.upload('/admin/procedures/import', {}, { name: 'thu-tuc.xlsx', data: bad });
    assert.equal(refused.statusCode, 422);
    const report = textOf(refused.body);
    assert.match(report, /Chưa nhập thủ tục nào/);
    assert.match(report, /3 Cấp thực hiện “Cấp thôn” không phải cấp thực hiện/, 'row 3 of the sheet (the second procedure) is named');
    assert.doesNotMatch(report, /(^| )[245] Cấp thực hiện/, 'and only that row');
    assert.equal((await t.db.selectFrom('procedures').select('id').where('site_id', '=', b.site.id).execute()).length, before.length, 'nothing imported');

    const good = await writeXlsx('Thủ tục', HEADER_LIST, [goodRow('1.000100', 'Chuyển mục đích sử dụng đất'), goodRow('1.000102', 'Đăng ký biến động đất đai')]);
    const imported = await secretariat.upload('/admin/procedures/import', {}, { name: 'thu-tuc.xlsx', data: good });
    assert.equal(imported.statusCode, 303, imported.body.slice(0, 300));
    const again = writeCsv(HEADER_LIST, [goodRow('1.000100', 'Chuyển mục đích sử dụng đất (sửa đổi)'), goodRow('1.000102', 'Đăng ký biến động đất đai')]);
    assert.equal((await secretariat.upload('/admin/procedures/import', {}, { name: 'lan-2.csv', data: again, contentType: 'text/csv' })).statusCode, 303);
    const rows = await t.db.selectFrom('procedures').selectAll().where('site_id', '=', b.site.id).where('code', 'in', ['1.000100', '1.000102']).execute();
    assert.equal(rows.length, 2, 'no duplicates');
    const changed = rows.find((r) => r.code === '1.000100')!;
    assert.equal(changed.name, 'Chuyển mục đích sử dụng đất (sửa đổi)');
    const revisions = await t.db.selectFrom('procedure_revisions').select('note').where('procedure_id', '=', changed.id).orderBy('number').execute();
    assert.equal(revisions.length, 2);
    assert.match(revisions[1]!.note ?? '', /Nhập từ tệp lan-2\.csv/);
    assert.ok((await t.db.selectFrom('audit_log').select('id').where('site_id', '=', b.site.id).where('action', '=', 'procedure.import').execute()).length >= 2);
    assert.notEqual((await get('/admin/procedures/import/mau.csv')).statusCode, 200, 'the template needs sign-in');
    const template = await secretariat.get('/admin/procedures/import/mau.csv');
    assert.equal(template.statusCode, 200);
    assert.match(template.body, /Mã thủ tục,Tên thủ tục,Cấp thực hiện/);
  });

  test('open data lists only published procedures, as CSV, JSON and the paginated API in the OpenAPI document', async () => {
    const csv = await get('/thu-tuc-hanh-chinh/du-lieu.csv');
    assert.equal(csv.statusCode, 200);
    assert.match(csv.headers['content-type'] as string, /text\/csv/);
    assert.match(csv.body, /Đăng ký khai sinh/);
    assert.doesNotMatch(csv.body, /Chuyển mục đích sử dụng đất/, 'imported drafts are not open data');
    const json = (await get('/thu-tuc-hanh-chinh/du-lieu.json')).json();
    assert.equal(json.count, 2);
    const birth = json.data.find((p: { code: string }) => p.code === '1.001193');
    assert.equal(birth.forms[0].downloadUrl, `http://thutuc.test/tai-ve/${mediaId}`);
    assert.equal(birth.handler.email, 'tuphap@thutuc.test');
    const page1 = await api(t.app, b.host, 'GET', '/api/v1/open/procedures?perPage=1&level=commune');
    assert.equal(page1.statusCode, 200);
    assert.deepEqual({ total: page1.json().total, n: page1.json().data.length, code: page1.json().data[0].code }, { total: 1, n: 1, code: '1.001193' });
    const doc = (await api(t.app, b.host, 'GET', '/api/openapi.json')).json();
    assert.ok(doc.paths['/api/v1/open/procedures']?.get, 'the endpoint is in the OpenAPI document');
  });

  test('unpublished and trashed procedures leave the list and the search; only the site administrator purges', async () => {
    const publisher = await agent(b, 'publisher');
    assert.equal((await publisher.post(`/admin/procedures/${birthId}/unpublish`)).statusCode, 303);
    assert.equal((await get(`/thu-tuc-hanh-chinh/${birthSlug}`)).statusCode, 404);
    assert.doesNotMatch(textOf((await get('/thu-tuc-hanh-chinh')).body), /Đăng ký khai sinh/);
    const hits = await searchDocuments(t.db, parseQuery('khai sinh')!, { siteId: b.site.id }, { limit: 10, offset: 0 });
    assert.equal(hits.hits.filter((h) => h.itemType === 'procedure' && h.itemId === birthId).length, 0);

    const secretariat = await agent(b, 'secretariat');
    assert.equal((await secretariat.post(`/admin/procedures/${birthId}/trash`)).statusCode, 303);
    assert.equal((await secretariat.post(`/admin/procedures/${birthId}/purge`)).statusCode, 403, 'only the site administrator purges');
    const trash = textOf((await secretariat.get('/admin/procedures?trang-thai=trash')).body);
    assert.match(trash, /Đăng ký khai sinh/);
    const admin = await agent(b, 'site_admin');
    assert.equal((await admin.post(`/admin/procedures/${birthId}/purge`)).statusCode, 303);
    assert.equal((await t.db.selectFrom('procedures').select('id').where('id', '=', birthId).execute()).length, 0);
    assert.equal((await t.db.selectFrom('procedure_revisions').select('id').where('procedure_id', '=', birthId).execute()).length, 0);
  });

  test('demo procedures load once, published, on their own site', async () => {
    assert.equal(await loadDemoProcedures(t.db, other.site, { userId: null }, t.clock), 3);
    assert.equal(await loadDemoProcedures(t.db, other.site, { userId: null }, t.clock), 0, 'loading again adds nothing');
    const open = (await api(t.app, other.host, 'GET', '/api/v1/open/procedures')).json();
    assert.equal(open.total, 3);
    assert.match(textOf((await get('/thu-tuc-hanh-chinh', other.host)).body), /Thủ tục chứng thực bản sao/);
  });
});
