// Review timeliness on both engines: the time items spend at each step in
// working hours (a weekend, the National Day holiday 1–2 Sep 2026, a make-up
// working day Sat 5 Sep set by the site), the approval step due 3 working days
// from the board's receipt (001 Đ8.1), a reminder sent once before the due time
// and never after, escalation to the editor-in-chief then the owner once each,
// rules changed mid-month applying by the version in force when the item
// entered the step, the page, its drill-down and XLSX, the report section, a
// contributor refused, and no site seeing another's figures. Office hours
// 07:30–11:30, 13:30–17:00; times in comments are Vietnam time (UTC+7).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { Agent, mailText, textOf } from '../../../test/support/agent.ts';
import { buildTestApp, TestClock, type TestApp } from '../../../test/support/app.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { articleBody, makeBoard, type Board, type BoardRole } from '../../../test/support/editorial.ts';
import { systemActor } from '../../../test/support/factories.ts';
import { monthPeriod, halfPeriod } from '../../core/reports/section.ts';
import type { ReviewChain } from '../../core/workflow/index.ts';
import { CHAIN_RULE, siteCalendar } from '../articles/workflow-context.ts';
import { addRuleVersion } from '../rules/store.ts';
import { DEFAULT_SETTINGS, type SiteSettings } from '../sites/site.ts';
import { ownerContact, sweepSite } from './alerts.ts';
import { reviewTimelinessSection } from './section.ts';

const CHAIN: ReviewChain = {
  steps: [
    { key: 'edit', name: 'Biên tập', nameEn: 'Edit', actor: { kind: 'role', role: 'secretariat' }, kind: 'edit', deadline: { amount: 8, unit: 'working_hours' } },
    { key: 'approve', name: 'Phê duyệt', nameEn: 'Approve', actor: { kind: 'role', role: 'editor_in_chief' }, kind: 'approve', deadline: { amount: 3, unit: 'calendar_days' }, deadlineFrom: 'receipt' },
  ],
  fourEyes: true,
  publishDeadline: null,
};
const OWNER_MAIL = 'chuquan@thoigian.test';

forEachEngine('review timeliness', (engine) => {
  let t: TestApp;
  let b: Board;
  let other: Board;
  const clock = new TestClock(new Date('2026-08-28T09:00:00Z')); // Fri 28 Aug 16:00
  const ids: Record<'A' | 'B' | 'C', number> = { A: 0, B: 0, C: 0 };

  before(async () => {
    t = await buildTestApp(engine, { clock });
    const settings = { calendar: { extraWorkingDays: [{ date: '2026-09-05', name: 'Làm bù cho ngày 31/8' }] } } as Partial<SiteSettings>;
    b = await makeBoard(t, 'thoigian', { settings: { ...settings, ownerContact: { email: OWNER_MAIL } }, contact: { email: 'lienhe@thoigian.test' } });
    other = await makeBoard(t, 'trangkhac');
    const actor = systemActor(b.site.id);
    const rule = (key: string, value: unknown, effectiveFrom: string) => addRuleVersion(t.db, actor, { siteId: b.site.id, key, value, effectiveFrom, citation: 'thử', reason: 'Quy định áp dụng từ đầu năm (thử nghiệm)' }, clock);
    await rule(CHAIN_RULE, CHAIN, '2026-01-01');
    await rule('deadline.board_approval', { amount: 3, unit: 'working_days' }, '2026-01-01');
    await rule('reminder.step_before_due', { amount: 4, unit: 'working_hours' }, '2026-01-01');
    await rule('escalation.step_late', [{ after: { amount: 2, unit: 'working_hours' }, to: 'editor_in_chief' }, { after: { amount: 1, unit: 'working_days' }, to: 'owner' }], '2026-01-01');
    t.refreshSites();
  });
  after(async () => t.close());

  const at = (iso: string) => clock.set(iso);
  async function create(board: Board, title: string): Promise<number> {
    const res = await board.as('contributor', 'POST', '/api/v1/articles', articleBody(board, { title }));
    assert.equal(res.statusCode, 201, res.body);
    return res.json().id;
  }
  async function act(board: Board, role: BoardRole, id: number, action: string) {
    const res = await board.as(role, 'POST', `/api/v1/articles/${id}/actions`, { action });
    assert.equal(res.statusCode, 200, `${role} ${action}: ${res.body}`);
    return res.json() as { stepIndex: number | null; stepDueAt: string | null; reviewState: string };
  }
  const sweep = () => sweepSite({ db: t.db, mailer: t.deps.mailer, clock }, siteOf(b));
  const siteOf = (board: Board) => board.site;
  const alerts = (id: number) => t.db.selectFrom('review_step_alerts').select(['kind', 'level', 'target', 'recipients', 'mailed_to', 'sent_at']).where('site_id', '=', b.site.id).where('item_id', '=', id).orderBy('id').execute();
  const notices = (kind: string, id: number) => t.db.selectFrom('notifications').select(['user_id']).where('site_id', '=', b.site.id).where('kind', '=', kind).where('item_id', '=', id).execute();
  async function signedIn(board: Board, role: BoardRole): Promise<Agent> {
    const agent = new Agent(t.app, board.host);
    await agent.login(board.people[role].email);
    return agent;
  }

  describe('time at each step', () => {
    test('A: edit step across a weekend and the holiday, approval across the make-up day; both recorded in working minutes', async () => {
      ids.A = await create(b, 'Hội nghị tổng kết năm học');
      const submitted = await act(b, 'contributor', ids.A, 'submit');
      // 8 working hours from Fri 16:00: Fri 1 h + Mon 07:30–16:30.
      assert.equal(submitted.stepDueAt, '2026-08-31T09:30:00.000Z');
      at('2026-09-03T02:30:00Z'); // Thu 3 Sep 09:30
      const edited = await act(b, 'secretariat', ids.A, 'approve');
      // From receipt (its submission, Fri 28 Aug): Mon 31 Aug, Thu 3, Fri 4 Sep → Fri 4 Sep 17:00.
      assert.equal(edited.stepDueAt, '2026-09-04T10:00:00.000Z');
      at('2026-09-07T01:30:00Z'); // Mon 7 Sep 08:30
      assert.equal((await act(b, 'editor_in_chief', ids.A, 'approve')).reviewState, 'approved');
      const stays = await t.db.selectFrom('review_step_times').select(['step_index', 'step_name', 'working_minutes', 'overdue', 'late_minutes', 'left_by', 'actor_user_id']).where('site_id', '=', b.site.id).where('item_id', '=', ids.A).orderBy('step_index').execute();
      assert.deepEqual(stays, [
        // Fri 1 h + Mon 7.5 h + Thu 2 h; late Mon 0.5 h + Thu 2 h.
        { step_index: 0, step_name: 'Biên tập', working_minutes: 630, overdue: 1, late_minutes: 150, left_by: 'approve', actor_user_id: b.people.secretariat.id },
        // Thu 5.5 h + Fri 7.5 h + Sat (làm bù) 7.5 h + Mon 1 h; late Sat 7.5 h + Mon 1 h.
        { step_index: 1, step_name: 'Phê duyệt', working_minutes: 1290, overdue: 1, late_minutes: 510, left_by: 'approve', actor_user_id: b.people.editor_in_chief.id },
      ]);
    });

    test('B: received by e-mail two days before submission: approval due 3 working days from receipt (Fri 11 Sep), not from the step (Tue 15 Sep)', async () => {
      at('2026-09-10T02:00:00Z'); // Thu 10 Sep 09:00
      ids.B = await create(b, 'Thông báo lịch tiếp công dân');
      await t.db.updateTable('articles').set({ received_at: '2026-09-08T02:00:00.000Z', received_via: 'email' }).where('id', '=', ids.B).execute();
      await act(b, 'contributor', ids.B, 'submit');
      at('2026-09-10T03:00:00Z'); // Thu 10:00
      const edited = await act(b, 'secretariat', ids.B, 'approve');
      assert.equal(edited.stepIndex, 1);
      assert.equal(edited.stepDueAt, '2026-09-11T10:00:00.000Z');
    });
  });

  describe('reminder and escalation (item B, due Fri 11 Sep 17:00, waiting for the editor-in-chief)', () => {
    test('a reminder once, 4 working hours before the due time (Fri 11:00), never repeated, never after', async () => {
      at('2026-09-11T03:30:00Z'); // Fri 10:30: 4.5 h left
      await sweep();
      assert.equal((await alerts(ids.B)).length, 0);
      at('2026-09-11T04:00:00Z'); // Fri 11:00: 4 h left
      assert.equal((await sweep()).reminders, 1);
      at('2026-09-11T06:30:00Z');
      assert.equal((await sweep()).reminders, 0, 'not repeated');
      at('2026-09-14T01:00:00Z'); // Mon 08:00, past due
      assert.equal((await sweep()).reminders, 0, 'not after the due time');
      const sent = await alerts(ids.B);
      assert.deepEqual(sent.map((a) => [a.kind, a.level, a.target, a.recipients]), [['reminder', 0, 'step', 1]]);
      assert.deepEqual((await notices('review.reminder', ids.B)).map((n) => n.user_id), [b.people.editor_in_chief.id]);
      assert.ok(t.sentMail().map(mailText).some((m) => m.includes(b.people.editor_in_chief.email) && m.includes('cần được xử lý trước 11/09/2026 17:00')));
    });

    test('the editor-in-chief 2 working hours late (Mon 09:30), the owner 1 working day late (Mon 17:00), once each', async () => {
      at('2026-09-14T02:00:00Z'); // Mon 09:00: 1.5 h late
      assert.equal((await sweep()).escalations, 0);
      at('2026-09-14T02:30:00Z'); // Mon 09:30
      assert.equal((await sweep()).escalations, 1);
      assert.equal((await sweep()).escalations, 0, 'not repeated');
      assert.deepEqual((await notices('review.escalation', ids.B)).map((n) => n.user_id), [b.people.editor_in_chief.id]);
      const mailsBefore = t.sentMail().length;
      at('2026-09-14T09:59:00Z');
      assert.equal((await sweep()).escalations, 0);
      at('2026-09-14T10:00:00Z'); // Mon 17:00
      assert.equal((await sweep()).escalations, 1);
      at('2026-09-15T02:00:00Z');
      assert.equal((await sweep()).escalations, 0, 'once each');
      const mails = t.sentMail().slice(mailsBefore);
      assert.equal(mails.filter((m) => m.includes(OWNER_MAIL)).length, 1);
      assert.deepEqual((await alerts(ids.B)).map((a) => [a.kind, a.level, a.target, a.mailed_to]), [
        ['reminder', 0, 'step', null],
        ['escalation', 1, 'editor_in_chief', null],
        ['escalation', 2, 'owner', OWNER_MAIL],
      ]);
    });

    test('the item’s history says who was told and when', async () => {
      const agent = await signedIn(b, 'editor_in_chief');
      const page = textOf((await agent.get(`/admin/articles/${ids.B}/history`)).body);
      assert.match(page, /Đã nhắc người xử lý trước hạn lúc 11\/09\/2026 11:00/);
      assert.match(page, /Đã báo Trưởng Ban biên tập lúc 14\/09\/2026 09:30/);
      assert.match(page, new RegExp(`Đã báo Cơ quan chủ quản lúc 14/09/2026 17:00 \\(bước 2 quá hạn từ 11/09/2026 17:00, qua thư điện tử\\)`));
    });
  });

  describe('rules changed mid-month apply by the version in force when the step was entered', () => {
    test('C enters approval on Mon 14 Sep under 2 working days (new version), B kept 3; reminders 1 h before for C (new version)', async () => {
      const actor = systemActor(b.site.id);
      await addRuleVersion(t.db, actor, { siteId: b.site.id, key: 'deadline.board_approval', value: { amount: 2, unit: 'working_days' }, effectiveFrom: '2026-09-14', citation: 'sửa quy chế', reason: 'Quy chế sửa đổi có hiệu lực từ 14/9' }, clock);
      await addRuleVersion(t.db, actor, { siteId: b.site.id, key: 'reminder.step_before_due', value: { amount: 1, unit: 'working_hours' }, effectiveFrom: '2026-09-12', citation: 'sửa quy chế', reason: 'Quy chế sửa đổi có hiệu lực từ 12/9' }, clock);
      at('2026-09-14T02:00:00Z'); // Mon 09:00
      ids.C = await create(b, 'Ra quân vệ sinh môi trường');
      await act(b, 'contributor', ids.C, 'submit');
      at('2026-09-14T03:00:00Z'); // Mon 10:00
      // 2 working days from receipt (Mon 14): Tue 15, Wed 16 → Wed 16 Sep 17:00.
      assert.equal((await act(b, 'secretariat', ids.C, 'approve')).stepDueAt, '2026-09-16T10:00:00.000Z');
      const stillB = await b.as('editor_in_chief', 'GET', `/api/v1/articles/${ids.B}`);
      assert.equal(stillB.json().stepDueAt, '2026-09-11T10:00:00.000Z', 'B keeps the due time of its own entry');
      at('2026-09-16T07:00:00Z'); // Wed 14:00: 3 h left — the old 4 h rule would remind, the new 1 h one does not
      await sweep();
      assert.equal((await alerts(ids.C)).length, 0);
      at('2026-09-16T09:00:00Z'); // Wed 16:00: 1 h left
      await sweep();
      assert.deepEqual((await alerts(ids.C)).map((a) => a.kind), ['reminder']);
    });
  });

  describe('the rules in /admin/rules', () => {
    test('an escalation rule of the wrong shape is refused in Vietnamese; a good one is stored and described', async () => {
      const admin = await signedIn(b, 'site_admin');
      const bad = await admin.post('/admin/rules', { key: 'escalation.step_late', json: '[{"after":{"amount":2,"unit":"giờ"},"to":"editor_in_chief"}]', effectiveFrom: '2026-09-20', citation: 'thử' });
      assert.equal(bad.statusCode, 400);
      assert.match(textOf(bad.body), /Cấp báo cáo khi quá hạn cần một danh sách JSON các cấp theo thứ tự/);
      const malformed = await admin.post('/admin/rules', { key: 'escalation.step_late', json: '[{after:', effectiveFrom: '2026-09-20' });
      assert.match(textOf(malformed.body), /Giá trị JSON không đọc được: không đúng cú pháp/);
      const good = await admin.post('/admin/rules', { key: 'escalation.step_late', json: '[{"after":{"amount":1,"unit":"working_days"},"to":"editor_in_chief"}]', effectiveFrom: '2026-09-20', citation: 'thử' });
      assert.equal(good.statusCode, 303, good.body);
      assert.match(textOf((await admin.get('/admin/rules')).body), /quá hạn 1 ngày làm việc: Trưởng Ban biên tập/);
      // The chain editor shows, and would keep, the approval step counted from receipt.
      const editor = await admin.get('/admin/workflow');
      assert.match(editor.body, /<select[^>]*name="from1"[^>]*>(?:(?!<\/select>).)*<option value="receipt" selected/s);
      assert.match(textOf(editor.body), /Phê duyệt — .* · 3 ngày · tính từ khi Ban biên tập nhận/);
      const reminder = await admin.post('/admin/rules', { key: 'reminder.step_before_due', amount: '2', unit: 'working_hours', effectiveFrom: '2026-09-20' });
      assert.equal(reminder.statusCode, 303, reminder.body);
    });
  });

  describe('the board’s page, its XLSX and the report section', () => {
    // Thu 17 Sep 09:00: B is 24 working hours late (Mon, Tue, Wed 7.5 h each + Thu 1.5 h), C 1.5 h.
    before(() => at('2026-09-17T02:00:00Z'));

    test('per step, per reviewer, and what is overdue now; every count opens its items', async () => {
      const agent = await signedIn(b, 'editor_in_chief');
      const res = await agent.get('/admin/review-times?thang=2026-09');
      assert.equal(res.statusCode, 200);
      const page = textOf(res.body);
      // Edit step: A 630, B 60, C 60 minutes → median 1 h, mean 250 min = 4.2 h, 1 late.
      assert.match(page, /1\. Biên tập 3 1 4,2 1/);
      assert.match(page, /2\. Phê duyệt 1 21,5 21,5 1/);
      assert.match(page, /Người secretariat 3 0 4,2 1 0/);
      assert.match(page, /Người editor_in_chief 1 0 21,5 1 2/);
      assert.match(page, /Thông báo lịch tiếp công dân 2\. Phê duyệt 11\/09\/2026 17:00 24 Người editor_in_chief/);
      assert.match(page, /Ra quân vệ sinh môi trường 2\. Phê duyệt 16\/09\/2026 17:00 1,5/);
      assert.ok(res.body.includes('href="/admin/review-times?thang=2026-09&buoc=0&ten=Bi%C3%AAn+t%E1%BA%ADp&qua-han=1#danh-sach"'));

      const late = textOf((await agent.get('/admin/review-times?thang=2026-09&buoc=0&ten=Bi%C3%AAn+t%E1%BA%ADp&qua-han=1')).body);
      assert.match(late, /Các lượt xử lý được đếm/);
      assert.match(late, /Hội nghị tổng kết năm học 1\. Biên tập 28\/08\/2026 16:00 03\/09\/2026 09:30 31\/08\/2026 16:30 10,5 2,5 Người secretariat/);
      assert.doesNotMatch(late, /Ra quân vệ sinh môi trường 1\. Biên tập/);
      const mine = textOf((await agent.get(`/admin/review-times?thang=2026-09&nguoi=${b.people.editor_in_chief.id}`)).body);
      assert.match(mine, /Hội nghị tổng kết năm học 2\. Phê duyệt/);

      assert.equal((await agent.get('/admin/review-times?thang=2026-13')).statusCode, 400);
      const august = textOf((await agent.get('/admin/review-times?thang=2026-08')).body);
      assert.match(august, /Chưa có lượt xử lý nào kết thúc trong tháng này/);
    });

    test('the XLSX holds the same figures', async () => {
      const agent = await signedIn(b, 'editor_in_chief');
      const res = await agent.get('/admin/review-times.xlsx?thang=2026-09');
      assert.equal(res.statusCode, 200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const rows = book.worksheets[0]!.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
      assert.deepEqual(rows[1], ['Theo bước duyệt', '1. Biên tập', 3, 1, 4.2, 1, '']);
      assert.deepEqual(rows[2], ['Theo bước duyệt', '2. Phê duyệt', 1, 21.5, 21.5, 1, '']);
      assert.deepEqual(rows[3], ['Theo người duyệt', 'Người editor_in_chief', 1, '', 21.5, 1, 2]);
      assert.deepEqual(rows[5]!.slice(0, 1).concat(rows[5]!.slice(6)), ['Tin, bài đang quá hạn', 24]);
    });

    test('the report section: per-step and per-reviewer tables and a bar chart, for the month and the half-year', async () => {
      const site = siteOf(b);
      const ctx = { db: t.db, site, calendar: siteCalendar(site), now: clock.now(), unitId: null };
      for (const period of [monthPeriod('2026-09')!, halfPeriod('2026-H2')!]) {
        const figures = await reviewTimelinessSection.compute(ctx, period);
        const steps = figures.tables.find((x) => x.key === 'steps')!;
        assert.deepEqual(steps.rows, [
          { step: '1. Biên tập', items: 3, median: 1, mean: 4.2, overdue: 1 },
          { step: '2. Phê duyệt', items: 1, median: 21.5, mean: 21.5, overdue: 1 },
        ]);
        assert.deepEqual(steps.totals, { step: null, items: 4, median: null, mean: null, overdue: 2 });
        const reviewers = figures.tables.find((x) => x.key === 'reviewers')!;
        assert.deepEqual(reviewers.rows.map((r) => [r.reviewer, r.acted, r.overdue, r.openNow]), [
          ['Người editor_in_chief', 1, 1, 2],
          ['Người secretariat', 3, 1, 0],
        ]);
        assert.deepEqual(figures.charts.map((c) => [c.kind, c.table, c.valueColumns]), [['bar', 'steps', ['mean', 'median']]]);
        assert.equal(figures.summary[0]!.vi, '4 lượt xử lý kết thúc trong kỳ, 2 lượt quá hạn.');
      }
      assert.deepEqual(reviewTimelinessSection.reports, ['monthly', 'half_yearly', 'yearly']);
    });

    test('a contributor is refused; another site sees only its own figures', async () => {
      const contributor = await signedIn(b, 'contributor');
      for (const url of ['/admin/review-times', '/admin/review-times.xlsx?thang=2026-09']) assert.equal((await contributor.get(url)).statusCode, 403, url);
      // The other site: one item through its first step this month.
      const id = await create(other, 'Tin của trang khác');
      await act(other, 'contributor', id, 'submit');
      await act(other, 'unit_head', id, 'approve');
      const theirs = textOf((await (await signedIn(other, 'editor_in_chief')).get('/admin/review-times?thang=2026-09')).body);
      assert.doesNotMatch(theirs, /Biên tập 3|Phê duyệt|Hội nghị tổng kết/);
      assert.match(theirs, /1\. [^\d]+ 1 0 0 0/);
      const ours = textOf((await (await signedIn(b, 'editor_in_chief')).get('/admin/review-times?thang=2026-09')).body);
      assert.match(ours, /1\. Biên tập 3 1 4,2 1/);
      assert.doesNotMatch(ours, /Tin của trang khác/);
    });
  });
});

test("the owner's address is the one set in the site settings, never the public contact inbox", () => {
  assert.equal(ownerContact({ settings: { ...DEFAULT_SETTINGS, ownerContact: { email: 'lanhdao@chuquan.test' } } }), 'lanhdao@chuquan.test');
  assert.equal(ownerContact({ settings: { ...DEFAULT_SETTINGS, ownerContact: { email: null } } }), null);
  assert.equal(ownerContact({ settings: DEFAULT_SETTINGS }), null);
});
