// The editorial workflow end to end on a real database: different people at
// each step of the Như Xuân chain, returns with reasons, delegated approval,
// take-down, correction, urgent publication — and refusals.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Agent, textOf } from '../../../test/support/agent.ts';
import { buildTestApp, TestClock, type TestApp } from '../../../test/support/app.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { articleBody, makeBoard, type Board } from '../../../test/support/editorial.ts';
import { makeUser } from '../../../test/support/factories.ts';

forEachEngine('editorial workflow', (engine) => {
  let t: TestApp;
  let b: Board;

  before(async () => {
    // Monday 23 Nov 2026, 09:00 in Vietnam.
    t = await buildTestApp(engine, { clock: new TestClock(new Date('2026-11-23T02:00:00Z')) });
    b = await makeBoard(t, 'quytrinh');
  });
  after(async () => t.close());

  async function create(overrides: Record<string, unknown> = {}): Promise<{ id: number; lockVersion: number }> {
    const res = await b.as('contributor', 'POST', '/api/v1/articles', articleBody(b, overrides));
    assert.equal(res.statusCode, 201, res.body);
    return { id: res.json().id, lockVersion: res.json().lockVersion };
  }
  const act = (role: Parameters<Board['as']>[0], id: number, body: Record<string, unknown>) => b.as(role, 'POST', `/api/v1/articles/${id}/actions`, body);
  const publicPage = (slug: string) => t.app.inject({ url: `/bai-viet/${slug}`, headers: { host: b.host } });

  async function throughChain(id: number): Promise<void> {
    for (const role of ['unit_head', 'secretariat', 'deputy', 'editor_in_chief'] as const) {
      const res = await act(role, id, { action: 'approve' });
      assert.equal(res.statusCode, 200, `${role}: ${res.body}`);
    }
  }

  test('submit → unit head → secretariat → deputy → editor-in-chief → publisher: each step by its own person, then public', async () => {
    const { id } = await create();
    const submitted = await act('contributor', id, { action: 'submit' });
    assert.equal(submitted.json().reviewState, 'in_review');
    assert.equal(submitted.json().stepIndex, 0);
    // 1 working hour for the unit head from 09:00 Monday.
    assert.equal(submitted.json().stepDueAt, '2026-11-23T03:00:00.000Z');
    const before = await t.app.inject({ url: `/bai-viet/${submitted.json().slug}`, headers: { host: b.host } });
    assert.equal(before.statusCode, 404, 'not public before publication');

    await throughChain(id);
    const approved = await b.as('publisher', 'GET', `/api/v1/articles/${id}`);
    assert.equal(approved.json().reviewState, 'approved');
    const published = await act('publisher', id, { action: 'publish' });
    assert.equal(published.statusCode, 200, published.body);
    assert.equal(published.json().publication, 'published');

    const page = await publicPage(published.json().slug);
    assert.equal(page.statusCode, 200);
    const text = textOf(page.body);
    assert.match(text, /Như Xuân khánh thành cầu treo bản Mới/);
    assert.match(text, /Cầu dài 80 mét/);
    assert.match(text, /Tác giả Lê Văn Tâm/);
    assert.match(text, /Nguồn Phòng Văn hóa và Thông tin/);
    assert.match(text, /Đăng lúc: 23\/11\/2026 09:00/);

    const history = await b.as('editor_in_chief', 'GET', `/api/v1/articles/${id}/history`);
    const events = history.json().events as { action: string; actorUserId: number }[];
    assert.deepEqual(events.map((e) => e.action), ['submit', 'approve', 'approve', 'approve', 'approve', 'publish']);
    assert.deepEqual(events.map((e) => e.actorUserId), ['contributor', 'unit_head', 'secretariat', 'deputy', 'editor_in_chief', 'publisher'].map((r) => b.people[r as 'deputy'].id));
    const audit = await t.db.selectFrom('audit_log').select('action').where('site_id', '=', b.site.id).where('target_type', '=', 'article').where('target_id', '=', String(id)).execute();
    assert.ok(audit.some((a) => a.action === 'article.publish'));
    assert.ok(audit.some((a) => a.action === 'article.approve'));
  });

  test('someone without the step’s role is refused, and nothing changes', async () => {
    const { id } = await create({ title: 'Tin thử quyền' });
    await act('contributor', id, { action: 'submit' });
    const wrong = await act('secretariat', id, { action: 'approve' });
    assert.equal(wrong.statusCode, 403, 'step 1 belongs to the unit head');
    assert.equal(wrong.json().error.code, 'not_step_actor');
    // The publisher may publish, but not before the chain is through.
    const early = await act('publisher', id, { action: 'publish' });
    assert.equal(early.statusCode, 422);
    assert.equal(early.json().error.code, 'not_approved');
    const member = await act('board_member', id, { action: 'publish' });
    assert.equal(member.statusCode, 403, 'a board member has no publishing right');
    assert.equal((await act('site_admin', id, { action: 'publish' })).statusCode, 403, 'the site administrator does not publish');
    const own = await act('contributor', id, { action: 'approve' });
    assert.equal(own.statusCode, 403);
    const row = await b.as('editor_in_chief', 'GET', `/api/v1/articles/${id}`);
    assert.equal(row.json().stepIndex, 0);
    assert.equal(row.json().reviewState, 'in_review');
  });

  test('an incomplete article cannot be submitted: source and author are required', async () => {
    const { id } = await create({ title: 'Tin thiếu nguồn', source: null, authorName: null });
    const res = await act('contributor', id, { action: 'submit' });
    assert.equal(res.statusCode, 422);
    assert.equal(res.json().error.details[0].code, 'source_author_required');
  });

  test('a return needs a reason; the author sees it, revises and resubmits', async () => {
    const { id } = await create({ title: 'Tin bị trả lại' });
    await act('contributor', id, { action: 'submit' });
    await act('unit_head', id, { action: 'approve' });
    const noReason = await act('secretariat', id, { action: 'return', to: 'author' });
    assert.equal(noReason.statusCode, 422);
    const returned = await act('secretariat', id, { action: 'return', to: 'author', note: 'Bổ sung số hộ dân hưởng lợi và ảnh hiện trường.' });
    assert.equal(returned.json().reviewState, 'returned');

    const author = new Agent(t.app, b.host);
    await author.login(b.people.contributor.email);
    const queue = textOf((await author.get('/admin/queue')).body);
    assert.match(queue, /Tin bị trả lại/);
    assert.match(queue, /Bị trả lại: Bổ sung số hộ dân hưởng lợi và ảnh hiện trường\./);
    const notifications = textOf((await author.get('/admin/notifications')).body);
    assert.match(notifications, /Tin bài bị trả lại: Tin bị trả lại/);

    const current = await b.as('contributor', 'GET', `/api/v1/articles/${id}`);
    const patched = await b.as('contributor', 'PATCH', `/api/v1/articles/${id}`, { lockVersion: current.json().lockVersion, bodyHtml: '<p>Cầu phục vụ 312 hộ dân.</p>' });
    assert.equal(patched.statusCode, 200, patched.body);
    const again = await act('contributor', id, { action: 'submit' });
    assert.equal(again.json().reviewState, 'in_review');
    assert.equal(again.json().stepIndex, 0, 'the round starts again from the first step');
  });

  test('a delegated approval is recorded as on behalf of the delegator', async () => {
    const stand_in = await makeUser(t.db, b.site, ['board_member'], { name: 'Người được ủy quyền' });
    const deputy = new Agent(t.app, b.host);
    await deputy.login(b.people.deputy.email);
    const delegated = await deputy.post('/admin/delegations', { fromUserId: b.people.deputy.id, toUserId: stand_in.id, roles: ['deputy'], startsOn: '23/11/2026', endsOn: '27/11/2026', reason: 'Phó ban đi học lớp bồi dưỡng' });
    assert.equal(delegated.statusCode, 303);
    const { id } = await create({ title: 'Tin duyệt theo ủy quyền' });
    await act('contributor', id, { action: 'submit' });
    await act('unit_head', id, { action: 'approve' });
    await act('secretariat', id, { action: 'approve' });
    const agent = new Agent(t.app, b.host);
    await agent.login(stand_in.email);
    const queue = textOf((await agent.get('/admin/queue')).body);
    assert.match(queue, /Tin duyệt theo ủy quyền/);
    assert.match(queue, /theo ủy quyền của Người deputy/);
    const res = await agent.post(`/admin/articles/${id}/actions`, { action: 'approve' });
    assert.equal(res.statusCode, 303, textOf(res.body));
    const event = await t.db.selectFrom('workflow_events').selectAll().where('item_id', '=', id).where('action', '=', 'approve').orderBy('id', 'desc').executeTakeFirstOrThrow();
    assert.equal(event.actor_user_id, stand_in.id);
    assert.equal(event.on_behalf_of_user_id, b.people.deputy.id);
    const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'article.approve').where('actor_user_id', '=', stand_in.id).executeTakeFirstOrThrow();
    assert.equal(audit.on_behalf_of_user_id, b.people.deputy.id);
  });

  describe('after publication', () => {
    let published: { id: number; slug: string };

    before(async () => {
      const { id } = await create({ title: 'Huyện tổ chức Hội nghị tổng kết năm 2026' });
      await act('contributor', id, { action: 'submit' });
      await throughChain(id);
      const res = await act('publisher', id, { action: 'publish' });
      published = { id, slug: res.json().slug };
    });

    test('a change to published content leaves the public page unchanged until it passes the chain, then goes out as a correction', async () => {
      const current = await b.as('contributor', 'GET', `/api/v1/articles/${published.id}`);
      const edit = await b.as('contributor', 'PATCH', `/api/v1/articles/${published.id}`, { lockVersion: current.json().lockVersion, bodyHtml: '<p>Hội nghị có 250 đại biểu tham dự.</p>' });
      assert.equal(edit.json().hasPendingChanges, true);
      assert.doesNotMatch(textOf((await publicPage(published.slug)).body), /250 đại biểu/, 'public page unchanged');

      await act('contributor', published.id, { action: 'submit' });
      await throughChain(published.id);
      const plain = await act('publisher', published.id, { action: 'publish' });
      assert.equal(plain.statusCode, 422, 'changes to published content go out as a correction');
      const corrected = await act('publisher', published.id, { action: 'correct', note: 'Đính chính số đại biểu tham dự là 250, không phải 205.' });
      assert.equal(corrected.statusCode, 200, corrected.body);
      const page = textOf((await publicPage(published.slug)).body);
      assert.match(page, /250 đại biểu/);
      assert.match(page, /Đính chính 23\/11\/2026 \d\d:\d\d ?: Đính chính số đại biểu tham dự là 250, không phải 205\./);
    });

    test('a take-down needs a reason code and reason; with a public notice the old address says so', async () => {
      const missing = await act('secretariat', published.id, { action: 'take_down', note: 'x' });
      assert.equal(missing.statusCode, 422);
      const contributor = await act('contributor', published.id, { action: 'take_down', reasonCode: 'violation', note: 'Không có quyền gỡ' });
      assert.equal(contributor.statusCode, 403);
      const res = await act('secretariat', published.id, { action: 'take_down', reasonCode: 'replaced', note: 'Đã có bài tổng hợp đầy đủ hơn.', publicNotice: true });
      assert.equal(res.statusCode, 200, res.body);
      const page = await publicPage(published.slug);
      assert.equal(page.statusCode, 410);
      assert.match(textOf(page.body), /đã được gỡ xuống/);
      assert.match(textOf(page.body), /đã có bài thay thế/);
      const home = textOf((await t.app.inject({ url: '/', headers: { host: b.host } })).body);
      assert.doesNotMatch(home, /Hội nghị tổng kết năm 2026/);
    });
  });

  test('urgent publication by the editor-in-chief is logged with its reason and waits for approval afterwards', async () => {
    const other = await makeUser(t.db, b.site, ['editor_in_chief'], { name: 'Trưởng ban thứ hai' });
    const { id } = await create({ title: 'Thông báo khẩn về mưa lũ' });
    const noReason = await act('editor_in_chief', id, { action: 'urgent_publish' });
    assert.equal(noReason.statusCode, 422);
    const res = await act('editor_in_chief', id, { action: 'urgent_publish', note: 'Cảnh báo mưa lũ cần đăng ngay trong đêm.' });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().publication, 'published');
    assert.equal(res.json().urgentPendingApproval, true);
    const self = await act('editor_in_chief', id, { action: 'confirm_urgent' });
    assert.equal(self.statusCode, 403, 'not confirmed by the person who published it');
    const agent = new Agent(t.app, b.host);
    await agent.login(other.email);
    assert.match(textOf((await agent.get('/admin/queue')).body), /Thông báo khẩn về mưa lũ/);
    assert.equal((await agent.post(`/admin/articles/${id}/actions`, { action: 'confirm_urgent' })).statusCode, 303);
    const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'article.urgent_publish').executeTakeFirstOrThrow();
    assert.match(audit.details, /Cảnh báo mưa lũ/);
  });

  test('four eyes: a secretariat member who wrote an item cannot verify it', async () => {
    const res = await b.as('secretariat', 'POST', '/api/v1/articles', articleBody(b, { title: 'Bài của thường trực' }));
    const id = res.json().id;
    await b.as('secretariat', 'POST', `/api/v1/articles/${id}/actions`, { action: 'submit' });
    await act('unit_head', id, { action: 'approve' });
    const mine = await act('secretariat', id, { action: 'approve' });
    // Step 2 is an edit step: passing it on is allowed; verification by the deputy follows.
    assert.equal(mine.statusCode, 200);
    const deputyStep = await act('deputy', id, { action: 'approve' });
    assert.equal(deputyStep.statusCode, 200);
  });

  test('two people editing at once: the second save is refused with a clear message, nothing lost', async () => {
    const { id } = await create({ title: 'Tin hai người cùng sửa' });
    const first = new Agent(t.app, b.host);
    await first.login(b.people.contributor.email);
    const second = new Agent(t.app, b.host);
    await second.login(b.people.secretariat.email);
    const form = (body: string) => ({ title: 'Tin hai người cùng sửa', kind: 'news', language: 'vi', bodyHtml: body, lockVersion: '1', source: 'x', authorName: 'y' });
    assert.equal((await first.post(`/admin/articles/${id}`, form('<p>Bản của người thứ nhất</p>'))).statusCode, 303);
    const conflict = await second.post(`/admin/articles/${id}`, form('<p>Bản của người thứ hai</p>'));
    assert.equal(conflict.statusCode, 409);
    assert.match(textOf(conflict.body), /Bài đã được Người contributor lưu lúc 23\/11\/2026 09:00/);
    assert.match(conflict.body, /Bản của người thứ hai/, 'what the second person typed is kept');
    const row = await t.db.selectFrom('articles').select('body_html').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.body_html, '<p>Bản của người thứ nhất</p>');
  });
});
