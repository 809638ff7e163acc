// Who sees which citizens' case, and when cases are due, on both engines: a
// unit's staff see only their unit's cases (list, page, attachments, actions),
// people outside the cases' work are refused the register, a responder cannot
// route or send; due times follow the site's working calendar over a weekend,
// and the unit's queue and the board's "overdue only" filter say what is late.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { textOf } from '../../../test/support/agent.ts';
import { buildTestApp, TestClock, type TestApp } from '../../../test/support/app.ts';
import { addCaseFile, caseDesk, makeCase, type CaseDesk } from '../../../test/support/citizens.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { makeBoard, type Board } from '../../../test/support/editorial.ts';
import { makeUnit, makeUser, type TestUser } from '../../../test/support/factories.ts';
import { caseFields } from './store.ts';

forEachEngine('citizens: who sees which case, and when it is due', (engine) => {
  let t: TestApp;
  let b: Board;
  let field: string;
  let otherUnitId: number;
  let responder: TestUser;
  let otherResponder: TestUser;
  let otherHead: TestUser;
  let as: CaseDesk['as'], row: CaseDesk['row'], act: CaseDesk['act'], signOutAll: CaseDesk['signOutAll'];

  before(async () => {
    // Friday 27 Nov 2026, 15:00 in Vietnam: two working hours before the weekend.
    t = await buildTestApp(engine, { clock: new TestClock(new Date('2026-11-27T08:00:00Z')) });
    b = await makeBoard(t, 'donvi');
    field = caseFields(b.site)[0]!;
    otherUnitId = await makeUnit(t.db, b.site, 'Phòng Tài nguyên và Môi trường');
    responder = await makeUser(t.db, b.site, ['responder'], { unitId: b.unitId });
    otherResponder = await makeUser(t.db, b.site, ['responder'], { unitId: otherUnitId });
    otherHead = await makeUser(t.db, b.site, ['unit_head'], { unitId: otherUnitId });
    ({ as, row, act, signOutAll } = caseDesk(t, b, responder, field));
  });
  after(async () => t.close());

  /** Moves the clock; sessions time out over a weekend, so everyone signs in again. */
  function setClock(iso: string) {
    t.clock.set(iso);
    signOutAll();
  }

  test('due times follow the working calendar across the weekend; a late receipt is marked', async () => {
    const petition = await makeCase(t.db, b.site, 'petition', {}, t.clock.now());
    const question = await makeCase(t.db, b.site, 'question', {}, t.clock.now());
    // Decree 20/2008: routed within 5 working days of receipt → Friday 4 Dec, 17:00.
    const intake = textOf((await (await as(b.people.secretariat.email)).get('/admin/cases')).body);
    assert.match(intake, new RegExp(`${petition.tracking_code}.*Hạn chuyển xử lý 04/12/2026 17:00`, 's'));

    // Assigned on Saturday morning: the unit records receipt by Monday's close.
    setClock('2026-11-28T03:00:00Z');
    const assigned = await act(b.people.secretariat.email, question.id, 'assign', { field, unitId: String(b.unitId) });
    assert.equal(assigned.statusCode, 303, textOf(assigned.body).slice(0, 400));
    const r = await row(question.id);
    assert.equal(r.receipt_due_at, '2026-11-30T10:00:00.000Z');
    // 15 working days counted from Friday 15:00, not from the assignment.
    assert.equal(r.due_at, '2026-12-18T10:00:00.000Z');

    // Monday 18:00: after the close of the day, the receipt is late.
    setClock('2026-11-30T11:00:00Z');
    const queue = textOf((await (await as(responder.email)).get('/admin/cases')).body);
    assert.match(queue, new RegExp(`${question.tracking_code}.*Cần ghi nhận tiếp nhận.*Quá hạn — Ghi nhận tiếp nhận trước 30/11/2026 17:00`, 's'));
    assert.equal((await act(responder.email, question.id, 'receipt')).statusCode, 303);
    const page = textOf((await (await as(b.people.secretariat.email)).get(`/admin/cases/${question.id}`)).body);
    assert.match(page, /Đã ghi nhận tiếp nhận lúc 30\/11\/2026 18:00 \(muộn\)/);
    assert.match(page, /Đơn vị ghi nhận tiếp nhận — Người dùng \d+: Ghi nhận tiếp nhận sau thời hạn/);

    // A week later the petition is still in intake, past its routing deadline: "overdue only" finds it.
    setClock('2026-12-07T02:00:00Z');
    const board = await as(b.people.secretariat.email);
    const late = textOf((await board.get('/admin/cases?tab=intake&overdue=on')).body);
    assert.match(late, new RegExp(`${petition.tracking_code}.*Quá hạn`, 's'));
    const fresh = await makeCase(t.db, b.site, 'petition', { title: 'Kiến nghị mới gửi hôm nay' }, t.clock.now());
    assert.doesNotMatch(late, new RegExp(fresh.tracking_code));
    const all = textOf((await board.get('/admin/cases?tab=intake')).body);
    assert.match(all, new RegExp(fresh.tracking_code));
  });

  test('a unit’s staff see only their unit’s cases: list, page, attachments and actions', async () => {
    const ours = await makeCase(t.db, b.site, 'question', { title: 'Câu hỏi của đơn vị văn hóa' }, t.clock.now());
    const theirs = await makeCase(t.db, b.site, 'question', { title: 'Câu hỏi về đất đai' }, t.clock.now());
    const unassigned = await makeCase(t.db, b.site, 'question', { title: 'Câu hỏi chưa phân loại' }, t.clock.now());
    const fileId = await addCaseFile(t.db, t.deps.files, b.site, ours.id, { name: 'Đơn đề nghị.pdf', data: Buffer.from('%PDF-1.4\n%%EOF\n'), mime: 'application/pdf', ext: 'pdf' });
    assert.equal((await act(b.people.secretariat.email, ours.id, 'assign', { field, unitId: String(b.unitId) })).statusCode, 303);
    assert.equal((await act(b.people.secretariat.email, theirs.id, 'assign', { field, unitId: String(otherUnitId) })).statusCode, 303);

    const mine = await as(responder.email);
    const list = (await mine.get('/admin/cases')).body;
    assert.match(list, new RegExp(ours.tracking_code));
    assert.doesNotMatch(list, new RegExp(theirs.tracking_code));
    assert.doesNotMatch(list, new RegExp(unassigned.tracking_code));
    assert.doesNotMatch((await mine.get('/admin/cases?tab=intake')).body, new RegExp(unassigned.tracking_code), 'no intake tab for a unit');
    const page = await mine.get(`/admin/cases/${ours.id}`);
    assert.equal(page.statusCode, 200);
    assert.match(textOf(page.body), /Nguyễn Thị Hoa.*hoa\.nguyen@example\.vn.*0912 345 678/s);
    const download = await mine.get(`/admin/cases/${ours.id}/files/${fileId}`);
    assert.equal(download.statusCode, 200);
    assert.match(String(download.headers['content-disposition']), /^attachment;/);
    assert.equal(download.body, '%PDF-1.4\n%%EOF\n');

    for (const email of [otherResponder.email, otherHead.email]) {
      const other = await as(email);
      assert.doesNotMatch((await other.get('/admin/cases')).body, new RegExp(ours.tracking_code));
      assert.match((await other.get('/admin/cases')).body, new RegExp(theirs.tracking_code));
      const refused = await other.get(`/admin/cases/${ours.id}`);
      assert.equal(refused.statusCode, 404);
      assert.doesNotMatch(refused.body, /Nguyễn Thị Hoa|hoa\.nguyen/);
      assert.equal((await other.get(`/admin/cases/${ours.id}/files/${fileId}`)).statusCode, 404);
      assert.equal((await act(email, ours.id, 'receipt')).statusCode, 404);
      assert.equal((await other.get(`/admin/cases/${unassigned.id}`)).statusCode, 404, 'intake belongs to the board');
    }
    assert.equal((await row(ours.id)).status, 'assigned', 'nothing changed');
    // The file of one case is not reachable under another case's address.
    assert.equal((await (await as(otherResponder.email)).get(`/admin/cases/${theirs.id}/files/${fileId}`)).statusCode, 404);
  });

  test('people outside the cases’ work are refused the register; a responder cannot route, send or refuse', async () => {
    for (const role of ['contributor', 'publisher', 'site_admin', 'board_member'] as const) {
      const agent = await as(b.people[role].email);
      assert.equal((await agent.get('/admin/cases')).statusCode, 403, role);
    }
    const q = await makeCase(t.db, b.site, 'question', {}, t.clock.now());
    assert.equal((await act(b.people.secretariat.email, q.id, 'assign', { field, unitId: String(b.unitId) })).statusCode, 303);
    for (const path of ['assign', 'send', 'refuse', 'forward', 'merge', 'publication', 'unpublish']) {
      assert.equal((await act(responder.email, q.id, path, { field, unitId: String(otherUnitId), code: 'spam', refuseReason: 'Không phù hợp' })).statusCode, 403, path);
    }
    const r = await row(q.id);
    assert.equal(r.unit_id, b.unitId);
    assert.equal(r.status, 'assigned');
    // The board sees the intake and every unit's cases; a unit head sees the unit's queue.
    assert.equal((await (await as(b.people.deputy.email)).get(`/admin/cases/${q.id}`)).statusCode, 200);
    assert.match((await (await as(b.people.unit_head.email)).get('/admin/cases')).body, new RegExp(q.tracking_code));
  });

  test('the board reassigns while the answer is not in review; the new unit is told', async () => {
    const q = await makeCase(t.db, b.site, 'question', {}, t.clock.now());
    assert.equal((await act(b.people.secretariat.email, q.id, 'assign', { field, unitId: String(b.unitId) })).statusCode, 303);
    const dueBefore = (await row(q.id)).due_at;
    assert.equal((await act(b.people.secretariat.email, q.id, 'assign', { field, unitId: String(otherUnitId), assignNote: 'Thuộc lĩnh vực đất đai.' })).statusCode, 303);
    const r = await row(q.id);
    assert.equal(r.unit_id, otherUnitId);
    assert.equal(r.status, 'assigned');
    assert.equal(r.due_at, dueBefore, 'reassigning buys no time');
    const told = await t.db.selectFrom('notifications').select('user_id').where('item_id', '=', q.id).where('kind', '=', 'citizen_case.assign').execute();
    assert.ok(told.some((n) => n.user_id === otherResponder.id) && told.some((n) => n.user_id === otherHead.id));
    assert.equal((await (await as(responder.email)).get(`/admin/cases/${q.id}`)).statusCode, 404, 'the first unit no longer sees it');
    const archived = await act(b.people.secretariat.email, q.id, 'assign', { field, unitId: '999999' });
    assert.equal(archived.statusCode, 400);
    assert.match(textOf(archived.body), /chọn đơn vị xử lý thuộc trang này/);
  });
});
