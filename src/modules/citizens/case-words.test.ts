// What the board reads about citizens' cases and drafts for comment: a case's
// history in words, never the stored codes ("receive", "publish"), and the
// site's own name for its board in every message ("Tổ biên tập", never "Ban
// biên tập" on a site whose board is a team).
import assert from 'node:assert/strict';
import { after, before, describe, it, test } from 'node:test';
import { Agent, textOf } from '../../../test/support/agent.ts';
import { buildTestApp, TestClock, type TestApp } from '../../../test/support/app.ts';
import { caseDesk, makeCase, type CaseDesk } from '../../../test/support/citizens.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { makeBoard, type Board } from '../../../test/support/editorial.ts';
import { makeUser, type TestUser } from '../../../test/support/factories.ts';
import { CASE_EVENT_ACTIONS, caseEventLabel } from './admin-messages.ts';
import type { DomainError } from '../../core/errors.ts';
import { loadGrants } from '../members/grants.ts';
import { demandHandler, demandModerator } from './manage-cases.ts';
import { caseFields, caseViewer } from './store.ts';

describe('caseEventLabel', () => {
  it('gives every action a case’s history records words in both languages, never its code', () => {
    for (const action of CASE_EVENT_ACTIONS) {
      for (const lang of ['vi', 'en'] as const) {
        const words = caseEventLabel(lang, action);
        assert.notEqual(words, action, `${action} (${lang})`);
        assert.notEqual(words, lang === 'vi' ? 'Thay đổi khác' : 'Other change', `${action} (${lang}) has its own words`);
      }
    }
    assert.equal(caseEventLabel('vi', 'receive'), 'Nhận ý kiến người dân gửi');
    assert.equal(caseEventLabel('vi', 'publish'), 'Đăng công khai');
  });
});

forEachEngine('citizens’ cases and drafts in the site’s words', (engine) => {
  let t: TestApp;
  let b: Board;
  let responder: TestUser;
  let field: string;
  let desk: CaseDesk;

  before(async () => {
    // Monday 23 Nov 2026, 09:00 in Vietnam.
    t = await buildTestApp(engine, { clock: new TestClock(new Date('2026-11-23T02:00:00Z')) });
    b = await makeBoard(t, 'totiepnhan', { labels: { board: 'Tổ biên tập', editor_in_chief: 'Tổ trưởng Tổ biên tập', secretariat: 'Bộ phận đầu mối' } });
    responder = await makeUser(t.db, b.site, ['responder'], { unitId: b.unitId, name: 'Cán bộ trả lời' });
    field = caseFields(b.site)[0]!;
    desk = caseDesk(t, b, responder, field);
  });
  after(async () => t.close());

  test('a petition’s details are shown under the form’s labels, never the stored keys', async () => {
    const p = await makeCase(t.db, b.site, 'petition', { details: JSON.stringify({ regulation: 'Điều 5 Quyết định 12/2024/QĐ-UBND', proposal: 'Rút xuống 15 ngày.' }) }, t.clock.now());
    const page = textOf((await (await desk.as(b.people.secretariat.email)).get(`/admin/cases/${p.id}`)).body);
    assert.match(page, /Quy định hành chính được phản ánh Điều 5 Quyết định 12\/2024\/QĐ-UBND/);
    assert.match(page, /Rút xuống 15 ngày\./);
    assert.doesNotMatch(page, /\b(regulation|proposal)\b/);
  });

  test('a case’s history says what happened in words: received from the citizen, assigned to a unit', async () => {
    const q = await makeCase(t.db, b.site, 'question', {}, t.clock.now());
    // As the public form records it.
    await t.db.insertInto('citizen_case_events').values({ site_id: b.site.id, case_id: q.id, action: 'receive', from_status: null, to_status: 'received', note: null, actor_user_id: null, on_behalf_of_user_id: null, created_at: t.clock.now().toISOString() }).execute();
    await desk.ok(b.people.secretariat.email, q.id, 'assign', { field, unitId: String(b.unitId) });
    const page = textOf((await (await desk.as(b.people.secretariat.email)).get(`/admin/cases/${q.id}`)).body);
    assert.match(page, /Nhận ý kiến người dân gửi/);
    assert.match(page, /Giao đơn vị xử lý — Người secretariat/);
    assert.doesNotMatch(page, /— (receive|assign)\b/);
  });

  test('refusals name the site’s board', async () => {
    const user = await t.db.selectFrom('users').selectAll().where('id', '=', responder.id).executeTakeFirstOrThrow();
    const viewer = await caseViewer(t.db, b.site.id, await loadGrants(t.db, b.site, user, '2026-11-23'));
    assert.equal(viewer.board, 'Tổ biên tập');
    const q = await makeCase(t.db, b.site, 'question', {}, t.clock.now());
    assert.throws(() => demandModerator(viewer), (e: DomainError) => e.problems[0]!.vi === 'Chỉ Tổ biên tập (Thường trực, lãnh đạo) mới thực hiện được thao tác này.');
    assert.throws(() => demandHandler(viewer, q), (e: DomainError) => e.problems[0]!.vi === 'Chỉ đơn vị được giao xử lý ý kiến này (hoặc Tổ biên tập) mới thực hiện được thao tác này.');
  });

  test('a draft for comment tells commenters who reads their details: the site’s board', async () => {
    const secretariat = await desk.as(b.people.secretariat.email);
    const created = await secretariat.post('/admin/consultations', {
      title: 'Dự thảo Quy chế quản lý chợ',
      docType: 'quyet-dinh',
      draftingAgency: 'Phòng Kinh tế',
      summary: 'Quy định việc quản lý, khai thác chợ.',
      body: '<p>Điều 1. Phạm vi điều chỉnh</p>',
      parts: 'Điều 1',
      contact: 'Phòng Kinh tế',
      opensOn: '2026-11-23',
      closesOn: '2026-12-14',
      lockVersion: '0',
    });
    assert.equal(created.statusCode, 303, textOf(created.body).slice(0, 600));
    const id = Number(/\/admin\/consultations\/(\d+)$/.exec(created.headers.location as string)![1]);
    assert.match(textOf((await secretariat.get(`/admin/consultations/${id}/comments`)).body), /chỉ dùng trong Tổ biên tập và đơn vị soạn thảo/);
    assert.equal((await secretariat.post(`/admin/consultations/${id}/publish`)).statusCode, 303);
    const slug = (await t.db.selectFrom('consultations').select('slug').where('id', '=', id).executeTakeFirstOrThrow()).slug;
    const visitor = new Agent(t.app, b.host);
    const text = textOf((await visitor.get(`/lay-y-kien/${slug}`)).body);
    assert.match(text, /Ý kiến được đăng sau khi Tổ biên tập kiểm duyệt/);
    assert.match(text, /chỉ Tổ biên tập và cơ quan soạn thảo xem/);
    assert.doesNotMatch(text, /Ban biên tập/);
  });
});
