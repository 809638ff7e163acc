// Pages the render cache must not keep after a scoped change (ADR 33): what an article page shows
// of another item must be named by the page's tags, or that item's publication, correction or
// take-down leaves the page showing the old state. The cache is on (the test app's config).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildTestApp, TestClock, type TestApp } from '../../../test/support/app.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { makeBoard, publishArticle, type Board } from '../../../test/support/editorial.ts';
import { Agent, textOf } from '../../../test/support/agent.ts';
import { systemActor } from '../../../test/support/factories.ts';
import { publishEntry } from '../../../test/support/entries.ts';
import { updateUnit } from '../units/manage-units.ts';
import { syncContentVersions } from './content-version.ts';

forEachEngine('render cache: pages showing other items', (engine) => {
  let t: TestApp;
  let b: Board;
  const get = (url: string) => t.app.inject({ url, headers: { host: b.host } });
  const act = (role: Parameters<Board['as']>[0], id: number, body: Record<string, unknown>) => b.as(role, 'POST', `/api/v1/articles/${id}/actions`, body);
  /** The address of the language switch ("English" / "Tiếng Việt") on a page. */
  const langSwitch = async (url: string) => {
    const res = await get(url);
    assert.equal(res.statusCode, 200, url);
    return /<a class="lang-switch" href="([^"]*)"/.exec(res.body)?.[1] ?? null;
  };
  /** Saves a change to the working copy and takes it through the chain to a correction. */
  const correct = async (id: number, change: Record<string, unknown>) => {
    const current = await b.as('contributor', 'GET', `/api/v1/articles/${id}`);
    const edit = await b.as('contributor', 'PATCH', `/api/v1/articles/${id}`, { lockVersion: current.json().lockVersion, ...change });
    assert.equal(edit.statusCode, 200, edit.body);
    await act('contributor', id, { action: 'submit' });
    for (const role of ['unit_head', 'secretariat', 'deputy', 'editor_in_chief'] as const) await act(role, id, { action: 'approve' });
    const corrected = await act('publisher', id, { action: 'correct', note: 'Sửa liên kết bản dịch.' });
    assert.equal(corrected.statusCode, 200, corrected.body);
  };

  before(async () => {
    t = await buildTestApp(engine, { clock: new TestClock(new Date('2026-11-23T02:00:00Z')) });
    b = await makeBoard(t, 'bandich', { languages: ['vi', 'en'] });
  });
  after(async () => t.close());

  test("a translation moved to another original leaves the first original's page without its link", async () => {
    const wrong = await publishArticle(b, { title: 'Khánh thành cầu treo bản Mới', tags: [] });
    const right = await publishArticle(b, { title: 'Khánh thành cầu treo bản Cũ', tags: [] });
    const english = await publishArticle(b, { title: 'The Ban Cu suspension bridge opens', summary: 'A bridge.', bodyHtml: '<p>A bridge.</p>', language: 'en', translationOfId: wrong.id, tags: [] });
    assert.equal(await langSwitch(`/bai-viet/${wrong.slug}`), `/bai-viet/${english.slug}`);
    assert.equal(await langSwitch(`/bai-viet/${right.slug}`), '/en');
    await correct(english.id, { translationOfId: right.id });
    assert.equal(await langSwitch(`/bai-viet/${right.slug}`), `/bai-viet/${english.slug}`, 'the right original links its translation');
    assert.equal(await langSwitch(`/bai-viet/${wrong.slug}`), '/en', 'the wrong original no longer links it');
  });

  test("a translation taken down after its link was removed in the working copy is gone from the original's page", async () => {
    const original = await publishArticle(b, { title: 'Lịch tiếp công dân tháng 12', tags: [] });
    const english = await publishArticle(b, { title: 'Citizen reception schedule, December', summary: 'Schedule.', bodyHtml: '<p>Schedule.</p>', language: 'en', translationOfId: original.id, tags: [] });
    assert.equal(await langSwitch(`/bai-viet/${original.slug}`), `/bai-viet/${english.slug}`);
    const current = await b.as('contributor', 'GET', `/api/v1/articles/${english.id}`);
    const edit = await b.as('contributor', 'PATCH', `/api/v1/articles/${english.id}`, { lockVersion: current.json().lockVersion, translationOfId: null });
    assert.equal(edit.statusCode, 200, edit.body);
    const down = await act('secretariat', english.id, { action: 'take_down', reasonCode: 'published_in_error', note: 'Đăng nhầm.' });
    assert.equal(down.statusCode, 200, down.body);
    assert.equal((await get(`/bai-viet/${english.slug}`)).statusCode, 404);
    assert.equal(await langSwitch(`/bai-viet/${original.slug}`), '/en', 'no link to a page taken down');
  });

  test("an unpublished edit of a translation's original does not change either original's public page", async () => {
    const original = await publishArticle(b, { title: 'Hội nghị xúc tiến đầu tư năm 2026', tags: [] });
    const other = await publishArticle(b, { title: 'Hội nghị tổng kết công tác năm 2026', tags: [] });
    const english = await publishArticle(b, { title: 'Investment promotion conference 2026', summary: 'A conference.', bodyHtml: '<p>A conference.</p>', language: 'en', translationOfId: original.id, tags: [] });
    const current = await b.as('contributor', 'GET', `/api/v1/articles/${english.id}`);
    const edit = await b.as('contributor', 'PATCH', `/api/v1/articles/${english.id}`, { lockVersion: current.json().lockVersion, translationOfId: other.id });
    assert.equal(edit.statusCode, 200, edit.body);
    // Rendered anew (a restart, or any drop of the site's pages): the public version still says "translation of the first".
    t.deps.pageCache.clear();
    assert.equal(await langSwitch(`/bai-viet/${original.slug}`), `/bai-viet/${english.slug}`, 'the published translation still links from its original');
    assert.equal(await langSwitch(`/bai-viet/${other.slug}`), '/en', 'an edit not yet reviewed links nothing');
  });
});

forEachEngine('render cache: what a person changes about themselves', (engine) => {
  let t: TestApp;
  let b: Board;
  const get = (url: string) => t.app.inject({ url, headers: { host: b.host } });

  before(async () => {
    t = await buildTestApp(engine, { clock: new TestClock(new Date('2026-11-23T02:00:00Z')) });
    b = await makeBoard(t, 'doiten');
  });
  after(async () => t.close());

  test("a unit head's new name shows at once on the organisation chart", async () => {
    const head = b.people.unit_head;
    await updateUnit(t.db, systemActor(b.site.id), b.unitId, { name: 'Phòng Văn hóa và Thông tin', kind: 'phong', headUserId: head.id, headTitle: 'Trưởng phòng' }, t.clock);
    const agent = new Agent(t.app, b.host);
    await agent.login(head.email);
    await syncContentVersions(t.db, t.deps.pageCache);
    const chart = await get('/co-cau-to-chuc');
    assert.equal(chart.statusCode, 200);
    assert.match(textOf(chart.body), /Người unit_head/);
    const saved = await agent.post('/admin/account/profile', { name: 'Đinh Thị Đổi Tên', phone: '' });
    assert.equal(saved.statusCode, 303, textOf(saved.body).slice(0, 400));
    assert.match(textOf((await get('/co-cau-to-chuc')).body), /Đinh Thị Đổi Tên/, 'the chart shows the new name');
  });

  test("an administrator's correction of a member's name reaches the organisation chart", async () => {
    const head = b.people.unit_head;
    const admin = new Agent(t.app, b.host);
    await admin.login(b.people.site_admin.email);
    await syncContentVersions(t.db, t.deps.pageCache);
    assert.match(textOf((await get('/co-cau-to-chuc')).body), /Đinh Thị Đổi Tên/);
    const saved = await admin.post(`/admin/users/${head.id}/profile`, { name: 'Đinh Thị Sửa Tên', phone: '' });
    assert.equal(saved.statusCode, 303, textOf(saved.body).slice(0, 400));
    assert.match(textOf((await get('/co-cau-to-chuc')).body), /Đinh Thị Sửa Tên/, 'the chart shows the corrected name');
  });
});

forEachEngine('render cache: a change this process is reading', (engine) => {
  let t: TestApp;
  let b: Board;
  const get = (url: string) => t.app.inject({ url, headers: { host: b.host } });

  before(async () => {
    // No poll during the test: only the read under way may bring the change.
    t = await buildTestApp(engine, { clock: new TestClock(new Date('2026-11-23T02:00:00Z')), config: { versionPollMs: 3_600_000 } });
    b = await makeBoard(t, 'chodoc');
  });
  after(async () => t.close());

  test('an entry page waits for it, as an article page does, instead of answering the old page', async () => {
    const entry = await publishEntry(b, 'announcement', { category: 'recruitment', validity: { from: '2026-11-20', to: '2026-12-31' }, issuedBy: [b.unitId] }, { title: 'Thông báo tuyển dụng viên chức năm 2026', bodyHtml: '<p>Hồ sơ nộp tại Phòng Nội vụ.</p>' });
    const url = `/thong-bao/${entry.slug}`;
    await syncContentVersions(t.db, t.deps.pageCache);
    assert.match(textOf((await get(url)).body), /Phòng Văn hóa và Thông tin/);
    // A change made by this process, its site's versions being read (as after an article's publication).
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    t.deps.pageCache.awaitSync(b.site.id, gate.then(() => syncContentVersions(t.db, t.deps.pageCache, b.site.id)));
    await updateUnit(t.db, systemActor(b.site.id), b.unitId, { name: 'Phòng Văn hóa, Thông tin và Thể thao', kind: 'phong' }, t.clock);
    const answer = get(url);
    setTimeout(open, 200);
    assert.match(textOf((await answer).body), /Phòng Văn hóa, Thông tin và Thể thao/);
  });
});
