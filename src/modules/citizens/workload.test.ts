// What waits for whom: the citizens' cases panel of the back-office home and
// the morning digest to units and the secretariat, on SQLite and PostgreSQL.
// A unit sees and is told only its own cases; the digest goes once per
// working day, after office hours begin.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Agent, textOf } from '../../../test/support/agent.ts';
import { buildTestApp, TestClock, type TestApp } from '../../../test/support/app.ts';
import { makeCase } from '../../../test/support/citizens.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { makeBoard, type Board } from '../../../test/support/editorial.ts';
import { makeUnit, makeUser, type TestUser } from '../../../test/support/factories.ts';
import type { CitizenCaseRow } from '../../platform/db/schema.ts';
import { runCaseDigests } from './digest.ts';

forEachEngine('citizens: what waits for whom (home panel, morning digest)', (engine) => {
  let t: TestApp;
  let b: Board;
  let responderA: TestUser;
  let responderB: TestUser;
  const c = {} as Record<'intake' | 'lateReceipt' | 'dueToday' | 'nextWeek' | 'lateB' | 'answered', CitizenCaseRow>;

  before(async () => {
    // Monday 23 November 2026, 09:00 in Vietnam.
    t = await buildTestApp(engine, { clock: new TestClock(new Date('2026-11-23T02:00:00Z')) });
    b = await makeBoard(t, 'choxuly');
    const unitB = await makeUnit(t.db, b.site, 'Phòng Tài nguyên và Môi trường');
    responderA = await makeUser(t.db, b.site, ['responder'], { unitId: b.unitId });
    responderB = await makeUser(t.db, b.site, ['responder'], { unitId: unitB });
    const now = t.clock.now();
    const at = (iso: string) => new Date(iso).toISOString();
    c.intake = await makeCase(t.db, b.site, 'question', { title: 'Hỏi về lịch tiêm chủng' }, now);
    c.lateReceipt = await makeCase(t.db, b.site, 'question', { title: 'Hỏi về cấp phép xây dựng', status: 'assigned', unit_id: b.unitId, receipt_due_at: at('2026-11-20T10:00:00Z'), due_at: at('2026-12-04T10:00:00Z') }, now);
    c.dueToday = await makeCase(t.db, b.site, 'petition', { title: 'Kiến nghị về giờ mở cửa bộ phận một cửa', status: 'in_progress', unit_id: b.unitId, receipt_recorded_at: at('2026-11-16T02:00:00Z'), due_at: at('2026-11-23T09:00:00Z') }, now);
    c.nextWeek = await makeCase(t.db, b.site, 'question', { title: 'Hỏi về đất nông nghiệp', status: 'in_progress', unit_id: unitB, receipt_recorded_at: at('2026-11-20T02:00:00Z'), due_at: at('2026-11-30T09:00:00Z') }, now);
    c.lateB = await makeCase(t.db, b.site, 'question', { title: 'Hỏi về thu gom rác thải', status: 'in_progress', unit_id: unitB, receipt_recorded_at: at('2026-11-10T02:00:00Z'), due_at: at('2026-11-20T09:00:00Z') }, now);
    c.answered = await makeCase(t.db, b.site, 'question', { title: 'Hỏi đã trả lời xong', status: 'answered', unit_id: b.unitId, due_at: at('2026-11-01T09:00:00Z'), answered_at: at('2026-10-30T09:00:00Z'), closed_at: at('2026-10-30T09:00:00Z') }, now);
  });
  after(async () => t.close());

  async function home(email: string): Promise<string> {
    const agent = new Agent(t.app, b.host);
    await agent.login(email);
    const res = await agent.get('/admin');
    assert.equal(res.statusCode, 200);
    return res.body;
  }
  const link = (row: CitizenCaseRow) => `href="/admin/cases/${row.id}"`;

  test('a unit’s answerer sees on the home page what waits at each step, and the unit’s late and due cases only', async () => {
    const html = await home(responderA.email);
    const text = textOf(html);
    assert.match(text, /1 ý kiến đơn vị chưa ghi nhận tiếp nhận/);
    assert.match(text, /1 ý kiến đơn vị đang trả lời/);
    assert.doesNotMatch(text, /chờ phân loại/);
    assert.match(text, /Quá hạn \(1\).*Hỏi về cấp phép xây dựng.*Đến hạn hôm nay \(1\).*Kiến nghị về giờ mở cửa bộ phận một cửa.*hạn 23\/11\/2026 16:00/s);
    assert.ok(html.includes(link(c.lateReceipt)) && html.includes(link(c.dueToday)));
    for (const other of [c.lateB, c.nextWeek, c.intake, c.answered]) assert.ok(!html.includes(link(other)), `${other.title} is not this unit's`);
  });

  test('the secretariat sees the intake and every unit’s late cases; a contributor sees no panel', async () => {
    const text = textOf(await home(b.people.secretariat.email));
    assert.match(text, /1 ý kiến chờ phân loại/);
    assert.match(text, /Quá hạn \(2\).*Hỏi về thu gom rác thải.*Hỏi về cấp phép xây dựng/s, 'the most late first');
    assert.doesNotMatch(text, /Hỏi đã trả lời xong/);
    assert.doesNotMatch(textOf(await home(b.people.contributor.email)), /Ý kiến, kiến nghị của công dân/);
  });

  test('the morning digest tells each unit of its own cases and the secretariat of all, once per working day after opening', async () => {
    const notes = () => t.db.selectFrom('notifications').selectAll().where('site_id', '=', b.site.id).where('kind', '=', 'citizen_case.digest').orderBy('id').execute();
    const ctx = { db: t.db, mailer: t.deps.mailer, clock: t.clock };

    t.clock.set('2026-11-23T00:00:00Z'); // 07:00, before the office opens (07:30)
    assert.equal(await runCaseDigests(ctx), 0);
    assert.equal((await notes()).length, 0);

    t.clock.set('2026-11-23T02:00:00Z');
    const mailsBefore = t.sentMail().length;
    assert.equal(await runCaseDigests(ctx), 1);
    const sent = await notes();
    const of = (user: TestUser) => sent.filter((n) => n.user_id === user.id);
    const [toA] = of(responderA);
    assert.match(toA!.title, /quá hạn hoặc đến hạn hôm nay: 2/);
    assert.match(toA!.body, new RegExp(`Quá hạn:\\n- ${c.lateReceipt.tracking_code} — Hỏi về cấp phép xây dựng`));
    assert.match(toA!.body, new RegExp(`Đến hạn hôm nay:\\n- ${c.dueToday.tracking_code}`));
    assert.ok(!toA!.body.includes(c.lateB.tracking_code), 'another unit’s case is not in this unit’s digest');
    assert.equal(of(b.people.unit_head).length, 1, 'the unit head is told with the answerers');
    const [toB] = of(responderB);
    assert.ok(toB!.body.includes(c.lateB.tracking_code) && !toB!.body.includes(c.lateReceipt.tracking_code));
    const [toBoard] = of(b.people.secretariat);
    assert.match(toBoard!.title, /2 quá hạn, 1 đến hạn/);
    assert.match(toBoard!.body, /Đang chờ phân loại: 1 ý kiến/);
    assert.equal(of(b.people.contributor).length, 0);
    assert.ok(t.sentMail().length > mailsBefore, 'the digest is e-mailed');
    for (const n of sent) assert.ok(!n.body.includes('hoa.nguyen@example.vn') && !n.body.includes('Nguyễn Thị Hoa'), 'no requester’s personal data');

    t.clock.set('2026-11-23T08:00:00Z');
    assert.equal(await runCaseDigests(ctx), 0, 'once a day');
    t.clock.set('2026-11-28T03:00:00Z'); // Saturday
    assert.equal(await runCaseDigests(ctx), 0, 'not on a day off');
    assert.equal((await notes()).length, sent.length);
  });
});
