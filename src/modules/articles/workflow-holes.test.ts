// Holes in the workflow found by trying it as each role (issue 11, point 10):
// who confirms an urgent publication, items from a unit nobody heads, the
// referral up to the editor-in-chief, the chain editor's two "unit head"
// choices, and sending back an approved item. Each as the person sees it:
// the button on the page, and the refusal (with its reason) on the server.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PRESET_CHAINS } from '../../core/workflow/index.ts';
import { Agent, textOf } from '../../../test/support/agent.ts';
import { buildTestApp, TestClock, type TestApp } from '../../../test/support/app.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { articleBody, makeBoard, type Board, type BoardRole } from '../../../test/support/editorial.ts';
import { makeUnit, makeUser, systemActor, type TestUser } from '../../../test/support/factories.ts';
import { makeCase } from '../../../test/support/citizens.ts';
import { caseFields } from '../citizens/store.ts';
import { updateMembership } from '../members/manage-members.ts';
import { addRuleVersion } from '../rules/store.ts';
import { sweepStuckArticles } from './stuck-items.ts';
import { CHAIN_RULE } from './workflow-context.ts';

/** The editor page offers this action (its form is on the page). */
const offers = (html: string, action: string) => html.includes(`name="action" value="${action}"`);

forEachEngine('workflow holes', (engine) => {
  let t: TestApp;
  let clock: TestClock;

  before(async () => {
    // Monday 23 Nov 2026, 09:00 in Vietnam.
    clock = new TestClock(new Date('2026-11-23T02:00:00Z'));
    t = await buildTestApp(engine, { clock });
  });
  after(async () => t.close());

  async function signIn(b: Board, who: TestUser): Promise<Agent> {
    const agent = new Agent(t.app, b.host);
    await agent.login(who.email);
    return agent;
  }
  async function create(b: Board, role: BoardRole = 'contributor', overrides: Record<string, unknown> = {}): Promise<number> {
    const res = await b.as(role, 'POST', '/api/v1/articles', articleBody(b, overrides));
    assert.equal(res.statusCode, 201, res.body);
    return res.json().id as number;
  }
  const act = (b: Board, role: BoardRole, id: number, body: Record<string, unknown>) => b.as(role, 'POST', `/api/v1/articles/${id}/actions`, body);
  async function notices(userId: number, kind: string) {
    return t.db.selectFrom('notifications').select(['title', 'body', 'item_id']).where('user_id', '=', userId).where('kind', '=', kind).execute();
  }

  describe('urgent publication', () => {
    let b: Board;
    before(async () => {
      b = await makeBoard(t, 'khan');
    });

    test('the editor-in-chief’s own article: she publishes it urgently, cannot confirm it herself (403 with the reason), and the deputy who is told has a working button', async () => {
      const id = await create(b, 'editor_in_chief', { title: 'Công điện khẩn ứng phó bão số 9' });
      const published = await act(b, 'editor_in_chief', id, { action: 'urgent_publish', note: 'Bão đổ bộ trong đêm, cần đăng ngay.' });
      assert.equal(published.statusCode, 200, published.body);

      const chief = await signIn(b, b.people.editor_in_chief);
      assert.equal(offers((await chief.get(`/admin/articles/${id}`)).body, 'confirm_urgent'), false, 'no button for confirming oneself');
      const self = await chief.post(`/admin/articles/${id}/actions`, { action: 'confirm_urgent' });
      assert.equal(self.statusCode, 403);
      assert.match(textOf(self.body), /Bạn là người đã đăng khẩn bài này nên không tự xác nhận được/);

      const told = await notices(b.people.deputy.id, 'article.urgent_publish');
      assert.ok(told.some((n) => n.item_id === id), 'the deputy is told');
      const deputy = await signIn(b, b.people.deputy);
      assert.ok(offers((await deputy.get(`/admin/articles/${id}`)).body, 'confirm_urgent'), 'the deputy has the button');
      assert.match(textOf((await deputy.get('/admin/queue')).body), /Công điện khẩn ứng phó bão số 9/);
      const confirmed = await deputy.post(`/admin/articles/${id}/actions`, { action: 'confirm_urgent', 'confirm_urgent-note': 'Đã kiểm tra nội dung.' });
      assert.equal(confirmed.statusCode, 303, textOf(confirmed.body));
      const row = await t.db.selectFrom('articles').select('urgent_pending_approval').where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(row.urgent_pending_approval, 0);
      const event = await t.db.selectFrom('workflow_events').selectAll().where('item_id', '=', id).where('action', '=', 'confirm_urgent').executeTakeFirstOrThrow();
      assert.equal(event.actor_user_id, b.people.deputy.id);
    });

    test('when nobody else could confirm it, urgent publication is refused with the reason and not offered', async () => {
      const lone = await makeBoard(t, 'khan-mot-minh');
      // The board's deputy leaves: only the editor-in-chief could give a final approval.
      await updateMembership(t.db, systemActor(lone.site.id), lone.people.deputy.id, { unitId: null, position: null, roles: ['deputy'], status: 'disabled' }, { actorIsPlatformAdmin: true });
      const id = await create(lone, 'contributor', { title: 'Thông báo khẩn không ai xác nhận' });
      const chief = await signIn(lone, lone.people.editor_in_chief);
      assert.equal(offers((await chief.get(`/admin/articles/${id}`)).body, 'urgent_publish'), false);
      const res = await chief.post(`/admin/articles/${id}/actions`, { action: 'urgent_publish', 'urgent_publish-reason': 'Cần đăng ngay trong đêm.' });
      assert.equal(res.statusCode, 422);
      assert.match(textOf(res.body), /Không còn ai khác xác nhận được bài sau khi đăng khẩn/);
      const row = await t.db.selectFrom('articles').select('publication').where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(row.publication, 'unpublished');
    });
  });

  describe('a unit nobody heads', () => {
    test('an item from it is refused at submission, naming the unit; nothing changes', async () => {
      const b = await makeBoard(t, 'khong-lanh-dao');
      const unitId = await makeUnit(t.db, b.site, 'Phòng Tư pháp');
      const id = await create(b, 'contributor', { title: 'Tin của phòng chưa có lãnh đạo', unitId });
      const author = await signIn(b, b.people.contributor);
      const res = await author.post(`/admin/articles/${id}/actions`, { action: 'submit' });
      assert.equal(res.statusCode, 422);
      assert.match(textOf(res.body), /đơn vị «Phòng Tư pháp» chưa có ai giữ vai trò Lãnh đạo đơn vị, nên nếu gửi duyệt sẽ không ai xử lý được/);
      const row = await t.db.selectFrom('articles').select('review_state').where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(row.review_state, 'draft');
      const api = await act(b, 'contributor', id, { action: 'submit' });
      assert.equal(api.json().error.details[0].code, 'step_unstaffed');
    });

    test('an answer to a citizen from it is refused at submission too: the answers’ chain uses the same engine', async () => {
      const b = await makeBoard(t, 'tra-loi-khong-lanh-dao');
      const unitId = await makeUnit(t.db, b.site, 'Phòng Tư pháp');
      const responder = await makeUser(t.db, b.site, ['responder'], { unitId, name: 'Cán bộ Phòng Tư pháp' });
      const c = await makeCase(t.db, b.site, 'question', {}, clock.now());
      const form = async (agent: Agent, path: string, body: Record<string, string>) => {
        const { lock_version } = await t.db.selectFrom('citizen_cases').select('lock_version').where('id', '=', c.id).executeTakeFirstOrThrow();
        return agent.post(`/admin/cases/${c.id}/${path}`, { lockVersion: String(lock_version), ...body });
      };
      const secretariat = await signIn(b, b.people.secretariat);
      assert.equal((await form(secretariat, 'assign', { field: caseFields(b.site)[0]!, unitId: String(unitId) })).statusCode, 303);
      const unit = await signIn(b, responder);
      assert.equal((await form(unit, 'receipt', {})).statusCode, 303);
      const res = await form(unit, 'answer', { answer: 'Hồ sơ gồm đơn đề nghị và bản vẽ thiết kế.', intent: 'submit' });
      assert.equal(res.statusCode, 400, 'the case page refuses with its form again');
      assert.match(textOf(res.body), /đơn vị «Phòng Tư pháp» chưa có ai giữ vai trò Lãnh đạo đơn vị, nên nếu gửi duyệt sẽ không ai xử lý được/);
      const row = await t.db.selectFrom('citizen_cases').select('review_state').where('id', '=', c.id).executeTakeFirstOrThrow();
      assert.notEqual(row.review_state, 'in_review');
    });

    test('with a stand-in role on the step, it goes to the secretariat, who is told and has the buttons', async () => {
      const b = await makeBoard(t, 'nguoi-thay');
      const admin = await signIn(b, b.people.site_admin);
      const steps = PRESET_CHAINS.nhuxuan.steps;
      const form: Record<string, string> = { fourEyes: 'on', effectiveFrom: '23/11/2026', citation: '003 Đ10.1a' };
      steps.forEach((s, i) => {
        Object.assign(form, { [`name${i}`]: s.name, [`kind${i}`]: s.kind, [`actor${i}`]: s.actor.kind === 'unit_head' ? 'providing_unit_head' : s.actor.role });
      });
      form.fallback0 = 'secretariat';
      const saved = await admin.post('/admin/workflow', form);
      assert.equal(saved.statusCode, 303, textOf(saved.body));
      assert.match(textOf((await admin.get('/admin/workflow')).body), /Lãnh đạo đơn vị cung cấp tin · xử lý thay: Thường trực Ban biên tập/);

      const unitId = await makeUnit(t.db, b.site, 'Phòng Tư pháp');
      const id = await create(b, 'contributor', { title: 'Tin chuyển người xử lý thay', unitId });
      const submitted = await act(b, 'contributor', id, { action: 'submit' });
      assert.equal(submitted.statusCode, 200, submitted.body);
      const told = await notices(b.people.secretariat.id, 'workflow.stuck');
      assert.equal(told.length, 1);
      assert.match(told[0]!.body, /Tin bài «Tin chuyển người xử lý thay» đang chờ ở bước «Lãnh đạo đơn vị duyệt nội dung do đơn vị cung cấp» nhưng đơn vị «Phòng Tư pháp» chưa có ai giữ vai trò Lãnh đạo đơn vị\. Theo quy trình duyệt, Thường trực Ban biên tập xử lý thay bước này\./);

      const secretariat = await signIn(b, b.people.secretariat);
      assert.match(textOf((await secretariat.get('/admin/queue')).body), /Tin chuyển người xử lý thay/);
      assert.ok(offers((await secretariat.get(`/admin/articles/${id}`)).body, 'approve'));
      const deputy = await signIn(b, b.people.deputy);
      const notHers = await deputy.post(`/admin/articles/${id}/actions`, { action: 'approve' });
      assert.equal(notHers.statusCode, 403, 'only the stand-in, not anyone');
      assert.equal((await secretariat.post(`/admin/articles/${id}/actions`, { action: 'approve' })).statusCode, 303);
    });

    test('when the only head leaves while an item waits: the secretariat and the head are told, and the head can take the item', async () => {
      const b = await makeBoard(t, 'lanh-dao-nghi');
      const id = await create(b, 'contributor', { title: 'Tin chờ lãnh đạo đã nghỉ' });
      assert.equal((await act(b, 'contributor', id, { action: 'submit' })).statusCode, 200);
      assert.equal(await sweepStuckArticles({ db: t.db, mailer: t.deps.mailer, clock }), 0, 'the head is there');

      await updateMembership(t.db, systemActor(b.site.id), b.people.unit_head.id, { unitId: b.unitId, position: null, roles: ['unit_head'], status: 'disabled' }, { actorIsPlatformAdmin: true });
      assert.equal(await sweepStuckArticles({ db: t.db, mailer: t.deps.mailer, clock }), 1);
      assert.equal(await sweepStuckArticles({ db: t.db, mailer: t.deps.mailer, clock }), 0, 'told once');
      for (const who of [b.people.secretariat, b.people.editor_in_chief]) {
        const told = await notices(who.id, 'workflow.stuck');
        assert.equal(told.length, 1);
        assert.match(told[0]!.body, /đơn vị «Phòng Văn hóa và Thông tin» chưa có ai giữ vai trò Lãnh đạo đơn vị, và quy trình không đặt người xử lý thay/);
      }
      // The head takes it ("Giao lại" to himself), then decides.
      const chief = await signIn(b, b.people.editor_in_chief);
      const page = (await chief.get(`/admin/articles/${id}`)).body;
      assert.ok(offers(page, 'reassign'));
      assert.match(page, new RegExp(`<option value="${b.people.editor_in_chief.id}"[^>]*>Người editor_in_chief</option>`));
      assert.equal((await chief.post(`/admin/articles/${id}/actions`, { action: 'reassign', 'reassign-toUserId': String(b.people.editor_in_chief.id) })).statusCode, 303);
      assert.equal((await chief.post(`/admin/articles/${id}/actions`, { action: 'approve' })).statusCode, 303);
      const row = await t.db.selectFrom('articles').select('step_index').where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(row.step_index, 1);
    });
  });

  test('000 Đ8.2: the secretariat refers an item up to the editor-in-chief, who then decides', async () => {
    const b = await makeBoard(t, 'konray-trinh');
    await addRuleVersion(t.db, systemActor(b.site.id), { siteId: b.site.id, key: CHAIN_RULE, value: PRESET_CHAINS.konray, effectiveFrom: '2026-11-01', citation: '000 Đ8', reason: 'Quy chế của huyện Kon Rẫy áp dụng từ ngày ban hành.' });
    const id = await create(b, 'contributor', { title: 'Bài cần Trưởng ban quyết định' });
    assert.equal((await act(b, 'contributor', id, { action: 'submit' })).statusCode, 200);
    assert.equal((await act(b, 'board_member', id, { action: 'approve' })).statusCode, 200);

    const secretariat = await signIn(b, b.people.secretariat);
    const page = (await secretariat.get(`/admin/articles/${id}`)).body;
    assert.match(page, new RegExp(`<option value="${b.people.editor_in_chief.id}"[^>]*>Người editor_in_chief</option>`), '“Giao lại” offers the editor-in-chief');
    assert.doesNotMatch(page, new RegExp(`<option value="${b.people.publisher.id}"`), 'not someone who could not move it on');
    const referred = await secretariat.post(`/admin/articles/${id}/actions`, { action: 'reassign', 'reassign-toUserId': String(b.people.editor_in_chief.id) });
    assert.equal(referred.statusCode, 303, textOf(referred.body));
    const toPublisher = await secretariat.post(`/admin/articles/${id}/actions`, { action: 'reassign', 'reassign-toUserId': String(b.people.publisher.id) });
    assert.equal(toPublisher.statusCode, 422);
    assert.match(textOf(toPublisher.body), /Người được chọn không xử lý được bước này/);

    const chief = await signIn(b, b.people.editor_in_chief);
    assert.ok(offers((await chief.get(`/admin/articles/${id}`)).body, 'approve'));
    assert.equal((await chief.post(`/admin/articles/${id}/actions`, { action: 'approve' })).statusCode, 303);
    const row = await t.db.selectFrom('articles').select('review_state').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.review_state, 'approved');
  });

  test('the chain editor tells “any unit head” from “the head of the providing unit”, and saves each', async () => {
    const b = await makeBoard(t, 'hai-lanh-dao');
    const admin = await signIn(b, b.people.site_admin);
    const page = (await admin.get('/admin/workflow')).body;
    const select = /<select[^>]*name="actor0"[^>]*>([\s\S]*?)<\/select>/.exec(page)?.[1] ?? '';
    const values = [...select.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]);
    assert.equal(new Set(values).size, values.length, `each choice has its own value: ${values.join(', ')}`);
    assert.match(select, /<option value="unit_head"[^>]*>Lãnh đạo đơn vị \(bất kỳ đơn vị nào\)<\/option>/);
    assert.match(select, /<option value="providing_unit_head"[^>]*>Lãnh đạo đơn vị cung cấp tin<\/option>/);

    const saved = await admin.post('/admin/workflow', { name0: 'Một lãnh đạo đơn vị bất kỳ xem', actor0: 'unit_head', kind0: 'verify', name1: 'Lãnh đạo đơn vị cung cấp duyệt', actor1: 'providing_unit_head', kind1: 'approve', fallback1: 'deputy', fourEyes: 'on', effectiveFrom: '23/11/2026' });
    assert.equal(saved.statusCode, 303, textOf(saved.body));
    const rule = await t.db.selectFrom('rules').select('value').where('site_id', '=', b.site.id).where('key', '=', CHAIN_RULE).orderBy('id', 'desc').executeTakeFirstOrThrow();
    const steps = (JSON.parse(rule.value) as { steps: { actor: unknown; fallback?: string }[] }).steps;
    assert.deepEqual(steps.map((s) => s.actor), [{ kind: 'role', role: 'unit_head' }, { kind: 'unit_head' }]);
    assert.deepEqual(steps.map((s) => s.fallback ?? null), [null, 'deputy']);
    const again = (await admin.get('/admin/workflow')).body;
    assert.match(again, /<select[^>]*name="actor0"[\s\S]*?<option value="unit_head" selected/);
    assert.match(again, /<select[^>]*name="actor1"[\s\S]*?<option value="providing_unit_head" selected/);
  });

  describe('sending back an approved item', () => {
    let b: Board;
    let id: number;
    before(async () => {
      b = await makeBoard(t, 'tra-lai-da-duyet');
      id = await create(b, 'contributor', { title: 'Tin đã duyệt còn sai tên xã' });
      assert.equal((await act(b, 'contributor', id, { action: 'submit' })).statusCode, 200);
      for (const role of ['unit_head', 'secretariat', 'deputy', 'editor_in_chief'] as const) assert.equal((await act(b, role, id, { action: 'approve' })).statusCode, 200);
    });

    test('someone who may not publish is refused (403 with the reason); a return needs its reason', async () => {
      const secretariat = await signIn(b, b.people.secretariat);
      assert.equal(offers((await secretariat.get(`/admin/articles/${id}`)).body, 'return'), false);
      const res = await secretariat.post(`/admin/articles/${id}/actions`, { action: 'return', 'return-to': 'previous', 'return-reason': 'Sai tên xã Thanh Quân.' });
      assert.equal(res.statusCode, 403);
      assert.match(textOf(res.body), /Bạn không có quyền xuất bản tin, bài/);
      const publisher = await signIn(b, b.people.publisher);
      const noReason = await publisher.post(`/admin/articles/${id}/actions`, { action: 'return', 'return-to': 'previous', 'return-reason': '' });
      assert.equal(noReason.statusCode, 422);
      assert.match(textOf(noReason.body), /Lý do trả lại phải có ít nhất 5 ký tự/);
    });

    test('the publisher sends it back to the last step with a reason: in history and audit, and the approver is told', async () => {
      const publisher = await signIn(b, b.people.publisher);
      assert.ok(offers((await publisher.get(`/admin/articles/${id}`)).body, 'return'), 'the publisher has the button');
      const res = await publisher.post(`/admin/articles/${id}/actions`, { action: 'return', 'return-to': 'previous', 'return-reason': 'Sai tên xã Thanh Quân trong đoạn 2.' });
      assert.equal(res.statusCode, 303, textOf(res.body));
      const row = await t.db.selectFrom('articles').select(['review_state', 'step_index']).where('id', '=', id).executeTakeFirstOrThrow();
      assert.deepEqual(row, { review_state: 'in_review', step_index: 3 });
      const event = await t.db.selectFrom('workflow_events').selectAll().where('item_id', '=', id).where('action', '=', 'return').executeTakeFirstOrThrow();
      assert.equal(event.from_review, 'approved');
      assert.equal(event.note, 'Sai tên xã Thanh Quân trong đoạn 2.');
      assert.equal(event.actor_user_id, b.people.publisher.id);
      const audit = await t.db.selectFrom('audit_log').select('details').where('action', '=', 'article.return').where('target_id', '=', String(id)).executeTakeFirstOrThrow();
      assert.match(audit.details, /Sai tên xã Thanh Quân/);
      const told = await notices(b.people.editor_in_chief.id, 'article.return');
      assert.ok(told.some((n) => n.item_id === id && /Sai tên xã Thanh Quân/.test(n.body)));
      const chief = await signIn(b, b.people.editor_in_chief);
      assert.ok(offers((await chief.get(`/admin/articles/${id}`)).body, 'approve'), 'the last step acts again');
    });
  });
});
