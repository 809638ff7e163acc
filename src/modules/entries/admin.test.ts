// The back office of declared sections through its pages, as people use it:
// an announcement written from /admin/entries in the article editor (only the
// kind's own parts, its declared fields), a refused save keeping what was
// typed with the Vietnamese message beside the field, the list with the
// listed fields, the review page's table and the revision comparison; a form
// of hundreds of fields is accepted; an author sees only their own; another
// site's entry is not found; only the site administrator turns kinds on and
// off, and a kind turned off leaves the overview and takes no new entries.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildTestApp, TestClock, type TestApp } from '../../../test/support/app.ts';
import { Agent, textOf } from '../../../test/support/agent.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { makeBoard, type Board } from '../../../test/support/editorial.ts';
import { entryBody, takeThroughChain } from '../../../test/support/entries.ts';
import { makeUser } from '../../../test/support/factories.ts';
import { sectionKind } from '../../core/entries/index.ts';
import { htmlCheckerUnavailable, htmlErrors, type CheckedPage } from '../../../test/support/html-checker.ts';

/** The editor form of a new announcement, as a browser posts it. */
function announcementForm(b: Board, overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    kind: 'entry',
    entryKind: 'announcement',
    title: 'Thông báo tuyển dụng viên chức năm 2026',
    summary: 'Huyện tuyển 12 viên chức sự nghiệp giáo dục.',
    bodyHtml: '<p>Hồ sơ nộp tại Phòng Nội vụ.</p>',
    language: 'vi',
    unitId: String(b.unitId),
    'f.category': 'recruitment',
    'f.validity.from': '2026-11-20',
    'f.validity.to': '2026-12-31',
    'f.issuedBy': String(b.unitId),
    'f.contact': 'Phòng Nội vụ, 0237 3877 123',
    ...overrides,
  };
}

forEachEngine('entries: the back office of declared sections', (engine) => {
  let t: TestApp;
  let b: Board;
  let other: Board;
  let author: Agent;
  let entryId = 0;

  const login = async (board: Board, email: string) => {
    const agent = new Agent(t.app, board.host);
    await agent.login(email);
    return agent;
  };

  before(async () => {
    t = await buildTestApp(engine, { clock: new TestClock(new Date('2026-11-23T02:00:00Z')) });
    b = await makeBoard(t, 'tbadmin');
    other = await makeBoard(t, 'tbkhac');
    author = await login(b, b.people.contributor.email);
  });
  after(async () => t.close());

  test('the overview lists the enabled kinds with counts and a link to add one; the menu leads there', async () => {
    const res = await author.get('/admin/entries');
    assert.equal(res.statusCode, 200, res.body);
    assert.match(res.body, /href="\/admin\/entries\/announcement"/);
    assert.match(res.body, /href="\/admin\/entries\/announcement\/new"/);
    assert.match(res.body, /<a href="\/admin\/entries"[^>]*>Chuyên mục thông tin<\/a>/);
    assert.doesNotMatch(res.body, /href="\/admin\/entry-kinds"/, 'an author does not manage kinds');
  });

  test('a new announcement opens the editor with the kind’s fields, not the news-only ones', async () => {
    const start = await author.get('/admin/entries/announcement/new');
    assert.equal(start.statusCode, 303);
    assert.equal(start.headers.location, '/admin/articles/new?entry=announcement');
    const res = await author.get(start.headers.location);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /name="entryKind" value="announcement"/);
    assert.match(res.body, /<select[^>]*name="f\.category"/);
    assert.match(res.body, /name="f\.validity\.from"/);
    assert.match(res.body, /Loại thông báo<\/span> <span lang="en" class="muted">\(Type\)/);
    for (const newsOnly of ['sectionId', 'tags', 'coverMediaId', 'source', 'authorName', 'readerContribution', 'translationOfId']) assert.doesNotMatch(res.body, new RegExp(`name="${newsOnly}"`), newsOnly);
    assert.match(res.body, /<form method="post" action="\/admin\/articles" novalidate/, 'posted url-encoded, like every other form');
  });

  test('a refused save keeps everything typed and says why beside the field, in Vietnamese', async () => {
    const res = await author.post('/admin/articles', announcementForm(b, { 'f.validity.from': '2026-12-31', 'f.validity.to': '2026-12-01', 'f.contact': 'Chị Hoa' }));
    assert.equal(res.statusCode, 400, res.body);
    assert.match(res.body, /<fieldset id="f\.validity"[^>]*>.*ngày kết thúc phải sau ngày bắt đầu/s);
    assert.match(res.body, /class="error-summary".*href="#f\.validity"/s);
    assert.match(res.body, /name="f\.validity\.from" value="2026-12-31"/);
    assert.match(res.body, /name="f\.contact"[^>]*value="Chị Hoa"/);
    assert.match(res.body, /name="title"[^>]*value="Thông báo tuyển dụng viên chức năm 2026"/);
    const count = await t.db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).where('site_id', '=', b.site.id).where('kind', '=', 'entry').where('deleted_at', 'is', null).executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 0);
  });

  test('a draft may leave required fields empty; its submission is refused with the message beside the field', async () => {
    const res = await author.post('/admin/articles', announcementForm(b, { 'f.category': '', 'f.validity.from': '', 'f.validity.to': '', title: 'Thông báo chưa đủ' }));
    assert.equal(res.statusCode, 303, res.body);
    const id = Number(/\/admin\/articles\/(\d+)$/.exec(String(res.headers.location))![1]);
    const submit = await author.post(`/admin/articles/${id}/actions`, { action: 'submit' });
    assert.equal(submit.statusCode, 422);
    assert.match(submit.body, /id="f\.category-error"[^>]*>Vui lòng chọn «Loại thông báo»/);
    assert.match(submit.body, /href="#f\.validity"/);
    await author.post(`/admin/articles/${id}/trash`);
  });

  test('a good save creates the entry and opens its editor; the list shows its listed fields', async () => {
    const res = await author.post('/admin/articles', announcementForm(b));
    assert.equal(res.statusCode, 303, res.body);
    entryId = Number(/\/admin\/articles\/(\d+)$/.exec(String(res.headers.location))![1]);
    const row = await t.db.selectFrom('articles').selectAll().where('id', '=', entryId).executeTakeFirstOrThrow();
    assert.equal(row.kind, 'entry');
    assert.equal(row.entry_kind, 'announcement');
    assert.deepEqual(JSON.parse(row.details!), { category: 'recruitment', validity: { from: '2026-11-20', to: '2026-12-31' }, issuedBy: [b.unitId], contact: 'Phòng Nội vụ, 0237 3877 123' });
    const editor = await author.get(`/admin/articles/${entryId}`);
    assert.match(editor.body, /<option value="recruitment" selected/);
    assert.match(editor.body, /name="f\.validity\.to" value="2026-12-31"/);
    const list = await author.get('/admin/entries/announcement');
    assert.equal(list.statusCode, 200);
    const text = textOf(list.body);
    assert.match(text, /Thông báo tuyển dụng viên chức năm 2026/);
    assert.match(text, /Tuyển dụng/);
    assert.match(text, /20\/11\/2026 – 31\/12\/2026/);
    assert.match(text, /Đang soạn/, 'the status line');
    const overview = textOf((await author.get('/admin/entries')).body);
    assert.match(overview, /Thông báo .* 1 0 0/);
  });

  test('a form of hundreds of fields (a 30-row table) is accepted, url-encoded', async () => {
    const editor = await author.get(`/admin/articles/${entryId}`);
    const lockVersion = /name="lockVersion" value="(\d+)"/.exec(editor.body)![1]!;
    const rows: Record<string, string> = { 'f.days.count': '33' };
    for (let i = 0; i < 30; i++) for (const sub of ['date', 'time', 'content', 'chair', 'place', 'unit']) rows[`f.days.${i}.${sub}`] = `${sub} ${i}`;
    const res = await author.post(`/admin/articles/${entryId}`, { ...announcementForm(b, { 'f.category': 'auction' }), lockVersion, ...rows });
    assert.equal(res.statusCode, 303, res.body.slice(0, 500));
    const row = await t.db.selectFrom('articles').select('details').where('id', '=', entryId).executeTakeFirstOrThrow();
    assert.equal(JSON.parse(row.details!).category, 'auction');
  });

  test('the review page shows the fields as a table; the revisions compare them', async () => {
    await takeThroughChain(b, entryId);
    const reviewer = await login(b, b.people.editor_in_chief.email);
    const review = await reviewer.get(`/admin/articles/${entryId}/review`);
    assert.equal(review.statusCode, 200);
    const text = textOf(review.body);
    assert.match(text, /Loại thông báo Đấu giá/);
    assert.match(text, /Thời hạn hiệu lực 20\/11\/2026 – 31\/12\/2026/);
    assert.match(text, /Đơn vị thông báo Phòng Văn hóa và Thông tin/);
    assert.match((await reviewer.get('/admin/entries/announcement?state=published')).body, /viên chức năm 2026/, 'the list filters by status');
    assert.doesNotMatch((await reviewer.get('/admin/entries/announcement?state=draft')).body, /viên chức năm 2026/);
    assert.match(textOf((await reviewer.get('/admin/entries')).body), /Thông báo .* 0 0 1/);
    const compare = await reviewer.get(`/admin/articles/${entryId}/revisions?a=1&b=2`);
    assert.equal(compare.statusCode, 200);
    assert.match(textOf(compare.body), /Loại thông báo/);
    assert.match(compare.body, /Tuyển dụng/);
    assert.match(compare.body, /Đấu giá/);
  });

  test('an author does not open another author’s entry; another site’s entry is not found', async () => {
    const second = await makeUser(t.db, b.site, ['contributor'], { unitId: b.unitId });
    const stranger = await login(b, second.email);
    assert.equal((await stranger.get(`/admin/articles/${entryId}`)).statusCode, 403);
    assert.doesNotMatch((await stranger.get('/admin/entries/announcement')).body, /viên chức năm 2026/);
    const foreign = await other.as('contributor', 'POST', '/api/v1/articles', entryBody(other, 'announcement', { category: 'other' }, { title: 'Thông báo của trang khác' }));
    assert.equal(foreign.statusCode, 201, foreign.body);
    const id = foreign.json().id as number;
    assert.equal((await author.get(`/admin/articles/${id}`)).statusCode, 404);
    assert.equal((await author.get(`/admin/articles/${id}/review`)).statusCode, 404);
    assert.doesNotMatch((await (await login(b, b.people.publisher.email)).get('/admin/entries/announcement')).body, /trang khác/);
  });

  test('only the site administrator turns kinds on and off; a kind turned off leaves the overview and takes no new entries', async () => {
    assert.equal((await author.get('/admin/entry-kinds')).statusCode, 403);
    assert.equal((await author.post('/admin/entry-kinds', { 'k.announcement.vi': 'X' })).statusCode, 403);
    const admin = await login(b, b.people.site_admin.email);
    const page = await admin.get('/admin/entry-kinds');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /name="k\.announcement\.enabled"[^>]*checked/);
    assert.match(page.body, /href="\/admin\/workflow\?for=entry:announcement">Theo quy trình tin bài/);
    const off = await admin.post('/admin/entry-kinds', { 'k.announcement.vi': 'Thông báo, mời họp', 'k.announcement.en': 'Notices' });
    assert.equal(off.statusCode, 303);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'details']).where('site_id', '=', b.site.id).where('action', '=', 'site.entry_kinds').execute();
    assert.equal(audit.length, 1);
    assert.doesNotMatch((await author.get('/admin/entries')).body, /\/admin\/entries\/announcement/);
    assert.equal((await author.get('/admin/entries/announcement/new')).statusCode, 404);
    assert.equal((await author.get('/admin/entries/announcement')).statusCode, 404);
    const refused = await author.post('/admin/articles', announcementForm(b));
    assert.equal(refused.statusCode, 400);
    assert.match(textOf(refused.body), /chưa được bật trên trang này/);
    const api = await b.as('contributor', 'GET', '/api/v1/entry-kinds');
    assert.ok(!(api.json().data as { key: string }[]).some((k) => k.key === 'announcement'));
    // Turned on again, under the site's own name.
    assert.equal((await admin.post('/admin/entry-kinds', { 'k.announcement.enabled': 'on', 'k.announcement.vi': 'Thông báo, mời họp', 'k.announcement.en': 'Notices' })).statusCode, 303);
    assert.match((await author.get('/admin/entries')).body, /Thông báo, mời họp/);
    const kinds = (await b.as('contributor', 'GET', '/api/v1/entry-kinds')).json().data as { key: string; siteName: { vi: string }; fields: { key: string; type: string; required: boolean }[] }[];
    const announcement = kinds.find((k) => k.key === 'announcement')!;
    assert.equal(announcement.siteName.vi, 'Thông báo, mời họp');
    assert.deepEqual(announcement.fields.map((f) => [f.key, f.type, f.required]), [['category', 'choice', true], ['validity', 'daterange', true], ['issuedBy', 'units', false], ['contact', 'text', false]]);
  });

  test('the kind’s own review chain is titled after it', async () => {
    const admin = await login(b, b.people.site_admin.email);
    const res = await admin.get('/admin/workflow?for=entry:announcement');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<h1>Quy trình duyệt: Thông báo<\/h1>/);
    assert.match(textOf(res.body), /đang theo quy trình duyệt tin bài/);
  });

  test('the new pages are valid HTML (Nu HTML Checker)', { skip: htmlCheckerUnavailable() ?? false }, async () => {
    const admin = await login(b, b.people.site_admin.email);
    const pages: CheckedPage[] = [];
    const add = async (label: string, res: { body: string }) => pages.push({ label, html: res.body });
    await add('overview', await author.get('/admin/entries'));
    await add('list', await author.get('/admin/entries/announcement'));
    await add('new entry', await author.get('/admin/articles/new?entry=announcement'));
    await add('refused', await author.post('/admin/articles', announcementForm(b, { 'f.validity.from': '2026-12-31', 'f.validity.to': '2026-12-01' })));
    await add('editor', await author.get(`/admin/articles/${entryId}`));
    await add('review', await admin.get(`/admin/articles/${entryId}/review`));
    await add('kinds', await admin.get('/admin/entry-kinds'));
    const errors = await htmlErrors(pages);
    assert.deepEqual(errors, []);
  });

  // A kind with a table (the leaders' term history, core/entries/kinds/leader.ts), when it is declared.
  test('a table: "Thêm dòng" draws more rows keeping what was typed, a row’s problem shows in its cell, 30 rows are saved', { skip: sectionKind('leader')?.fields.some((f) => f.key === 'terms' && f.type === 'rows') ? false : 'no leader kind with terms' }, async () => {
    const admin = await login(b, b.people.site_admin.email);
    assert.equal((await admin.post('/admin/entry-kinds', { 'k.announcement.enabled': 'on', 'k.leader.enabled': 'on' })).statusCode, 303);
    const start = await author.get('/admin/entries/leader/new');
    assert.equal(start.statusCode, 303);
    const blank = await author.get(String(start.headers.location));
    assert.match(blank.body, /name="f\.terms\.count" value="3"/);
    assert.match(blank.body, /name="f\.terms\.2\.position"/);
    assert.match(blank.body, /Họ và tên/);
    const leader = { kind: 'entry', entryKind: 'leader', title: 'Lê Văn Tâm', language: 'vi', 'f.position': 'Chủ tịch UBND huyện' };
    const more = await author.post('/admin/articles', { ...leader, 'f.terms.count': '3', 'f.terms.0.position': 'Phó Chủ tịch', 'f.terms.0.from': '2016-06-01', addRows: 'terms' });
    assert.equal(more.statusCode, 200);
    assert.match(more.body, /name="f\.terms\.count" value="9"/);
    assert.match(more.body, /name="f\.terms\.8\.position"/);
    assert.match(more.body, /name="f\.terms\.0\.position"[^>]*value="Phó Chủ tịch"/);
    assert.match(more.body, /name="f\.position"[^>]*value="Chủ tịch UBND huyện"/);
    assert.doesNotMatch(more.body, /class="error-summary"/);
    const none = await t.db.selectFrom('articles').select('id').where('site_id', '=', b.site.id).where('entry_kind', '=', 'leader').execute();
    assert.equal(none.length, 0, 'nothing is saved by asking for rows');
    const reversed = await author.post('/admin/articles', { ...leader, 'f.terms.count': '4', 'f.terms.0.position': 'Phó Chủ tịch', 'f.terms.2.from': '2021-06-01', 'f.terms.2.to': '2016-01-01', 'f.terms.2.position': 'Chủ tịch' });
    assert.equal(reversed.statusCode, 400);
    // The empty row between was dropped: the reversed one is the second row now, as it will be saved.
    assert.match(reversed.body, /<td class="field-error"[^>]*>(?:(?!<\/td>).)*name="f\.terms\.1\.to"(?:(?!<\/td>).)*id="f\.terms\.1\.to-error"/s);
    assert.match(reversed.body, /name="f\.terms\.1\.position"[^>]*value="Chủ tịch"/);
    const rows: Record<string, string> = { 'f.terms.count': '33' };
    for (let i = 0; i < 30; i++) {
      rows[`f.terms.${i}.from`] = `${1990 + i}-01-01`;
      rows[`f.terms.${i}.to`] = `${1990 + i}-12-31`;
      rows[`f.terms.${i}.position`] = `Chức vụ ${i + 1}`;
      rows[`f.terms.${i}.body`] = 'UBND huyện Như Xuân';
    }
    const saved = await author.post('/admin/articles', { ...leader, ...rows });
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 300));
    const row = await t.db.selectFrom('articles').select('details').where('site_id', '=', b.site.id).where('entry_kind', '=', 'leader').executeTakeFirstOrThrow();
    const terms = JSON.parse(row.details!).terms as { position: string }[];
    assert.equal(terms.length, 30);
    assert.equal(terms[29]!.position, 'Chức vụ 30');
    const editor = await author.get(String(saved.headers.location));
    assert.match(editor.body, /name="f\.terms\.count" value="33"/);
    assert.match(editor.body, /name="f\.terms\.29\.position"[^>]*value="Chức vụ 30"/);
  });
});
