// Provision figures on both engines, against hand-computed expectations.
//
// The site works on a make-up Saturday, 5 Sep 2026 (its own calendar); 1–2 Sep
// 2026 are the National Day holiday. Rules: quota.unit 2/month, raised to
// 3/month from 15 Sep (September is judged by 3: the version in force on its
// last day); quota.board_member 1/week, raised to 2/week from Thu 10 Sep (the
// week 7–13 Sep is judged by 2); news 8 working hours after the event;
// own documents 2 working days after signing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Insertable } from 'kysely';
import { Agent, mailText, textOf } from '../../../test/support/agent.ts';
import { buildTestApp, TestClock, type TestApp } from '../../../test/support/app.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { makeSite, makeUnit, makeUser, systemActor, type TestUser } from '../../../test/support/factories.ts';
import type { ArticlesTable } from '../../platform/db/schema.ts';
import { addRuleVersion } from '../rules/store.ts';
import { siteCalendar } from '../articles/workflow-context.ts';
import type { Site } from '../sites/site.ts';
import { countBy, evaluateQuotas, judgeDeadlines, listProvided, RuleBook } from './store.ts';
import { runQuotaReminders } from './reminders.ts';
import { emulationFigures } from './sections.ts';
import { yearPeriod } from '../../core/reports/section.ts';
import { readTable } from '../../platform/spreadsheet.ts';
import { sectionsOf } from '../reports/registry.ts';


/** An ISO instant from a Vietnam local time. */
const vn = (local: string) => new Date(`${local}+07:00`).toISOString();

let serial = 0;
async function item(t: TestApp, site: Site, v: Partial<Insertable<ArticlesTable>> & { author_user_id: number; first_published_at: string | null }): Promise<number> {
  serial += 1;
  const row = await t.db
    .insertInto('articles')
    .values({ site_id: site.id, kind: 'news', title: `Tin số ${serial}`, title_folded: `tin so ${serial}`, slug: `tin-${serial}`, publication: 'published', created_at: v.first_published_at ?? vn('2026-08-01T08:00:00'), updated_at: v.first_published_at ?? vn('2026-08-01T08:00:00'), ...v })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

forEachEngine('provision', (engine) => {
  let t: TestApp;
  let site: Site;
  let other: Site;
  let u1: number, u2: number, u3: number;
  let a1: TestUser, b1: TestUser, b2: TestUser, h1: TestUser, h2: TestUser;
  const ids: Record<string, number> = {};

  before(async () => {
    t = await buildTestApp(engine, { clock: new TestClock(new Date(vn('2026-10-05T09:00:00'))) });
    site = await makeSite(t.db, 'pv', { settings: { calendar: { extraWorkingDays: [{ date: '2026-09-05', name: 'Làm bù' }] } } as never });
    other = await makeSite(t.db, 'pvkhac');
    u1 = await makeUnit(t.db, site, 'Phòng Văn hóa');
    u2 = await makeUnit(t.db, site, 'Văn phòng');
    u3 = await makeUnit(t.db, site, 'Phòng Nội vụ');
    const otherUnit = await makeUnit(t.db, other, 'Phòng Bí mật khác');
    a1 = await makeUser(t.db, site, ['contributor'], { unitId: u1, name: 'Tác giả Một' });
    b1 = await makeUser(t.db, site, ['board_member'], { name: 'Thành viên Một' });
    b2 = await makeUser(t.db, site, ['board_member'], { name: 'Thành viên Hai' });
    h1 = await makeUser(t.db, site, ['unit_head'], { unitId: u1, name: 'Trưởng phòng Một' });
    h2 = await makeUser(t.db, site, ['unit_head'], { unitId: u3, name: 'Trưởng phòng Ba' });
    await makeUser(t.db, site, ['secretariat'], { name: 'Thường trực' });
    const rule = (key: string, value: unknown, effectiveFrom: string) => addRuleVersion(t.db, systemActor(site.id), { siteId: site.id, key, value, effectiveFrom, citation: 'thử', reason: 'thử' }, t.clock);
    await rule('quota.unit', { min: 2, per: 'month' }, '2026-01-01');
    await rule('quota.unit', { min: 3, per: 'month' }, '2026-09-15');
    await rule('quota.board_member', { min: 1, per: 'week' }, '2026-01-01');
    await rule('quota.board_member', { min: 2, per: 'week' }, '2026-09-10');
    await rule('deadline.news_after_event', { amount: 8, unit: 'working_hours' }, '2026-01-01');
    await rule('deadline.document_after_signing', { amount: 2, unit: 'working_days' }, '2026-01-01');
    await rule('reminder.quota_before_end', { amount: 3, unit: 'working_days' }, '2026-01-01');
    // A quota per kind for September only: one document from each unit.
    await rule('quota.unit_kind', { min: 1, per: 'month', kind: 'document' }, '2026-09-01');
    await rule('quota.unit_kind', { min: 0, per: 'month', kind: 'document' }, '2026-10-01');

    // August: two for unit 1; one for unit 3 late on the last evening of August (Vietnam time).
    ids.aug1 = await item(t, site, { unit_id: u1, author_user_id: a1.id, first_published_at: vn('2026-08-10T09:00:00') });
    ids.aug2 = await item(t, site, { unit_id: u1, author_user_id: a1.id, first_published_at: vn('2026-08-20T09:00:00') });
    ids.aug31 = await item(t, site, { unit_id: u3, author_user_id: a1.id, first_published_at: vn('2026-08-31T23:30:00') });
    // E1: event Mon 31/8 15:00; due Thu 3/9 15:30 (holiday 1–2/9); published Fri 4/9 08:30: 2 h 30 min late.
    ids.e1 = await item(t, site, { unit_id: u1, author_user_id: a1.id, vouched_by_user_id: b1.id, provision_category: 'event_news', event_at: vn('2026-08-31T15:00:00'), first_published_at: vn('2026-09-04T08:30:00') });
    // E2: event Fri 4/9 14:00; due Sat 5/9 14:30 (make-up day); published Mon 7/9 08:00: 3 h late.
    ids.e2 = await item(t, site, { unit_id: u1, author_user_id: a1.id, vouched_by_user_id: b1.id, provision_category: 'event_news', event_at: vn('2026-09-04T14:00:00'), first_published_at: vn('2026-09-07T08:00:00') });
    // E3: written and vouched by b1 (counted once for b1), on time.
    ids.e3 = await item(t, site, { unit_id: u1, kind: 'photo', author_user_id: b1.id, vouched_by_user_id: b1.id, provision_category: 'event_news', event_at: vn('2026-09-10T08:00:00'), first_published_at: vn('2026-09-10T10:00:00') });
    // D1: own document signed on the holiday 1/9; due Fri 4/9 17:00; published Mon 7/9 09:30: 1.3 working days late (Sat 5/9 7.5 h + 2 h).
    const details = (issuer: string, issuedOn: string) => JSON.stringify({ number: '1/QĐ', docType: 'quyet-dinh', issuer, fields: [], level: 'local', signer: null, issuedOn, effectiveOn: null, expiresOn: null, statusOverride: null, statusNote: null, relations: [] });
    ids.d1 = await item(t, site, { unit_id: u2, kind: 'document', author_user_id: a1.id, vouched_by_user_id: b2.id, provision_category: 'own_document', details: details(site.agencyName, '2026-09-01'), first_published_at: vn('2026-09-07T09:30:00') });
    // D2: a Government decree: the site's deadline does not bind it.
    ids.d2 = await item(t, site, { unit_id: u2, kind: 'document', author_user_id: a1.id, provision_category: 'own_document', details: details('Chính phủ', '2026-09-01'), first_published_at: vn('2026-09-08T10:00:00') });
    // Not counted: a page, a deleted item, an unpublished one; October's first minutes.
    await item(t, site, { unit_id: u3, kind: 'page', author_user_id: a1.id, first_published_at: vn('2026-09-09T10:00:00') });
    await item(t, site, { unit_id: u1, author_user_id: a1.id, first_published_at: vn('2026-09-09T10:00:00'), deleted_at: vn('2026-09-09T11:00:00') });
    await item(t, site, { unit_id: u1, author_user_id: a1.id, first_published_at: null, publication: 'draft' });
    ids.oct = await item(t, site, { unit_id: u2, author_user_id: a1.id, first_published_at: vn('2026-10-01T00:30:00') });
    // Another site's items never appear.
    const stranger = await makeUser(t.db, other, ['contributor'], { name: 'Người trang khác' });
    for (let i = 0; i < 4; i++) await item(t, other, { unit_id: otherUnit, author_user_id: stranger.id, first_published_at: vn('2026-09-15T10:00:00') });
    t.refreshSites();
    site = (await t.deps.sites.byIdOrNull(site.id))!;
  });
  after(async () => t.close());

  const sept = { from: '2026-09-01', to: '2026-09-30' };

  it('counts per unit, person and kind; pages, deleted and unpublished items are not counted', async () => {
    const byUnit = await countBy(t.db, site.id, 'unit', sept);
    assert.deepEqual(byUnit.map((c) => [c.name, c.count]), [['Phòng Văn hóa', 3], ['Văn phòng', 2]]);
    const byPerson = await countBy(t.db, site.id, 'person', sept);
    assert.deepEqual(byPerson.map((c) => [c.name, c.count]), [['Tác giả Một', 4], ['Thành viên Một', 3], ['Thành viên Hai', 1]]);
    const byKind = await countBy(t.db, site.id, 'kind', sept);
    assert.deepEqual(byKind.map((c) => [c.key, c.count]), [['document', 2], ['news', 2], ['photo', 1]]);
    const aug = await countBy(t.db, site.id, 'unit', { from: '2026-08-01', to: '2026-08-31' });
    assert.deepEqual(aug.map((c) => [c.name, c.count]), [['Phòng Văn hóa', 2], ['Phòng Nội vụ', 1]]);
    const items = await listProvided(t.db, site.id, { ...sept, personId: b1.id });
    assert.deepEqual(items.map((i) => i.id).sort(), [ids.e1, ids.e2, ids.e3].sort());
  });

  it('judges each period by the rule version in force on its last day', async () => {
    const book = await RuleBook.load(t.db, site.id);
    const outcomes = await evaluateQuotas(t.db, site, book, '2026-08-01', '2026-09-30', { unitId: null, today: '2026-10-05' });
    const units = outcomes.filter((o) => o.subject === 'unit').map((o) => [o.period.key, o.min, o.rows.map((r) => `${r.name}:${r.count}:${r.met ? 'đạt' : 'không'}`)]);
    assert.deepEqual(units, [
      ['2026-08', 2, ['Phòng Văn hóa:2:đạt', 'Văn phòng:0:không', 'Phòng Nội vụ:1:không']],
      // 3 from 15 Sep: Văn phòng's 2 would have met the old quota.
      ['2026-09', 3, ['Phòng Văn hóa:3:đạt', 'Văn phòng:2:không', 'Phòng Nội vụ:0:không']],
    ]);
    const weeks = outcomes.filter((o) => o.subject === 'board_member' && o.period.from >= '2026-08-31').map((o) => [o.period.key, o.period.from, o.min, o.rows.map((r) => `${r.name}:${r.count}`)]);
    assert.deepEqual(weeks, [
      // The secretariat is a member of the board too (001 Đ8.1: each member).
      ['2026-W36', '2026-08-31', 1, ['Thành viên Hai:0', 'Thành viên Một:1', 'Thường trực:0']],
      ['2026-W37', '2026-09-07', 2, ['Thành viên Hai:1', 'Thành viên Một:2', 'Thường trực:0']],
      ['2026-W38', '2026-09-14', 2, ['Thành viên Hai:0', 'Thành viên Một:0', 'Thường trực:0']],
      ['2026-W39', '2026-09-21', 2, ['Thành viên Hai:0', 'Thành viên Một:0', 'Thường trực:0']],
    ]);
    const kinds = outcomes.filter((o) => o.subject === 'unit_kind').map((o) => [o.period.key, o.kind, o.min, o.rows.map((r) => `${r.name}:${r.count}`)]);
    assert.deepEqual(kinds, [['2026-09', 'document', 1, ['Phòng Văn hóa:0', 'Văn phòng:2', 'Phòng Nội vụ:0']]]);
    const w37 = outcomes.find((o) => o.period.key === '2026-W37')!;
    assert.deepEqual(w37.rows.map((r) => r.met), [false, true, false]);
  });

  it('evaluates deadlines on the working calendar across the holiday and the make-up day', async () => {
    const book = await RuleBook.load(t.db, site.id);
    const judged = await judgeDeadlines(t.db, site, siteCalendar(site), book, sept);
    const byId = new Map(judged.map((j) => [j.id, j.outcome]));
    assert.equal(byId.has(ids.d2!), false);
    assert.equal(byId.get(ids.e1!)!.dueAt, vn('2026-09-03T15:30:00'));
    assert.equal(byId.get(ids.e1!)!.delayHours, 2.5);
    assert.equal(byId.get(ids.e2!)!.dueAt, vn('2026-09-05T14:30:00'));
    assert.equal(byId.get(ids.e2!)!.delayHours, 3);
    assert.equal(byId.get(ids.e3!)!.late, false);
    assert.equal(byId.get(ids.d1!)!.dueAt, vn('2026-09-04T17:00:00'));
    assert.equal(byId.get(ids.d1!)!.delayHours, 9.5);
  });

  it('shows the board the figures with the late items and their delay in working time', async () => {
    const agent = new Agent(t.app, 'pv.test');
    await agent.login(b1.email);
    const res = await agent.get('/admin/provision?ky=2026-09');
    assert.equal(res.statusCode, 200);
    const text = textOf(res.body);
    assert.match(text, /2 giờ 30 phút làm việc/);
    assert.match(text, /3 giờ làm việc/);
    assert.match(text, /1,3 ngày làm việc/);
    assert.match(text, /Văn phòng 2 3 Không đạt/);
    assert.doesNotMatch(text, /Bí mật khác|Người trang khác/);
    const items = await agent.get(`/admin/provision/items?ky=2026-09&don-vi=${u1}`);
    assert.equal(items.statusCode, 200);
    assert.equal((items.body.match(/href="\/admin\/articles\/\d+"/g) ?? []).length, 3);
    const late = await agent.get(`/admin/provision/items?ky=2026-09&don-vi=${u1}&tre=1`);
    assert.equal((late.body.match(/href="\/admin\/articles\/\d+"/g) ?? []).length, 2);
    assert.match(textOf(late.body), /Tin sự kiện \(tính từ khi diễn ra\) — 3 giờ làm việc/);
    const week = await agent.get(`/admin/provision/items?ky=2026-W37&nguoi=${b1.id}`);
    assert.equal((week.body.match(/href="\/admin\/articles\/\d+"/g) ?? []).length, 2, 'E2 and E3 in the week of 7 Sep');
    const open = textOf((await agent.get('/admin/provision?ky=2026-10')).body);
    assert.match(open, /Chưa đạt \(kỳ đang diễn ra\)/);
    // The summary says what its figures cover: a running period is not a miss, nor left out silently.
    assert.match(open, /Đơn vị: chưa có kỳ nào kết thúc; kỳ đang diễn ra: \d+\/[1-9]\d* lượt đã đạt\./);
    assert.match(text, /Đơn vị: \d+\/[1-9]\d* lượt đạt chỉ tiêu ở các kỳ đã kết thúc, [1-9]\d* lượt không đạt\./);
    const xlsx = await agent.get('/admin/provision/emulation.xlsx?ky=2026');
    assert.equal(xlsx.statusCode, 200);
  });

  it('the secretary (thư ký), who reports on provision, sees the figures and prepares the report but does not approve it', async () => {
    const secretary = await makeUser(t.db, site, ['secretary'], { name: 'Thư ký Ban' });
    const agent = new Agent(t.app, 'pv.test');
    await agent.login(secretary.email);
    const figures = await agent.get('/admin/provision?ky=2026-09');
    assert.equal(figures.statusCode, 200);
    assert.match(textOf(figures.body), /Văn phòng 2 3 Không đạt/);
    assert.equal((await agent.get('/admin/reports')).statusCode, 200);
    assert.equal((await agent.get('/admin/review-times')).statusCode, 200);
    assert.equal((await agent.post('/admin/reports/monthly/2026-09/approve', {})).statusCode, 403, 'approval is the editor-in-chief’s');
    assert.equal((await agent.get('/admin/royalties')).statusCode, 403, 'royalties are the board’s');
  });

  it('a unit head sees their own unit only and is refused another', async () => {
    const agent = new Agent(t.app, 'pv.test');
    await agent.login(h1.email);
    const own = await agent.get('/admin/provision/unit?ky=2026-09');
    assert.equal(own.statusCode, 200);
    const text = textOf(own.body);
    assert.match(text, /Phòng Văn hóa/);
    assert.doesNotMatch(text, /Văn phòng|Phòng Nội vụ|Thành viên Hai/);
    assert.equal((await agent.get(`/admin/provision/unit/items?ky=2026-09&don-vi=${u2}`)).statusCode, 403);
    assert.equal((await agent.get('/admin/provision?ky=2026-09')).statusCode, 403);
    assert.equal((await agent.get(`/admin/provision/unit/items?ky=2026-09`)).statusCode, 200);
  });

  it('sums up the year per unit and person for emulation, and the XLSX reads back the same figures', async () => {
    const ctx = { db: t.db, site, calendar: siteCalendar(site), now: t.clock.now(), unitId: null };
    const figures = await emulationFigures(ctx, yearPeriod('2026')!);
    const units = figures.tables[0]!.rows;
    // Jan–Sep are over on 5 Oct: nine monthly periods; unit 1 met August and September.
    assert.deepEqual(units, [
      // … and the September document quota: only Văn phòng met it.
      { who: 'Phòng Văn hóa', count: 5, judged: 3, onTime: 0.3333, met: 2, missed: 8 },
      { who: 'Văn phòng', count: 3, judged: 1, onTime: 0, met: 1, missed: 9 },
      { who: 'Phòng Nội vụ', count: 1, judged: 0, onTime: null, met: 0, missed: 10 },
    ]);
    const b1Row = figures.tables[1]!.rows.find((r) => r.who === 'Thành viên Một')!;
    assert.deepEqual({ count: b1Row.count, judged: b1Row.judged, onTime: b1Row.onTime }, { count: 3, judged: 3, onTime: 0.3333 });
    const agent = new Agent(t.app, 'pv.test');
    await agent.login(b1.email);
    const res = await agent.get('/admin/provision/emulation.xlsx?ky=2026');
    assert.equal(res.statusCode, 200);
    const table = await readTable(res.rawPayload);
    assert.deepEqual(table.headers, ['Nhóm', 'Tên', 'Số tin, bài', 'Có thời hạn', 'Tỷ lệ đúng hạn', 'Kỳ đạt chỉ tiêu', 'Kỳ không đạt']);
    assert.deepEqual(Object.values(table.rows[0]!.cells), ['Đơn vị', 'Phòng Văn hóa', '5', '3', '0.3333', '2', '8']);
    assert.deepEqual(Object.values(table.rows[2]!.cells), ['Đơn vị', 'Phòng Nội vụ', '1', '0', '', '0', '10']);
  });

  it('the report registry carries the provision sections, the emulation summary in the yearly report only', () => {
    assert.deepEqual(sectionsOf('monthly').filter((s) => s.key.startsWith('provision')).map((s) => s.key), ['provision', 'provision_quotas', 'provision_deadlines']);
    assert.ok(sectionsOf('yearly').some((s) => s.key === 'provision_emulation'));
  });

  describe('reminders', () => {
    it('reminds those under quota once, on the right working day only', async () => {
      // November 2026 ends on Monday 30: the last three working days are Thu 26, Fri 27, Mon 30.
      const ctx = { db: t.db, mailer: t.deps.mailer, clock: new TestClock(new Date(vn('2026-11-25T09:00:00'))), addresses: t.deps.addresses };
      await item(t, site, { unit_id: u1, author_user_id: a1.id, first_published_at: vn('2026-11-02T09:00:00') });
      await item(t, site, { unit_id: u1, author_user_id: a1.id, first_published_at: vn('2026-11-03T09:00:00') });
      await item(t, site, { unit_id: u1, author_user_id: a1.id, first_published_at: vn('2026-11-04T09:00:00') });
      const count = async (userId: number) => Number((await t.db.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).where('kind', '=', 'provision_quota').executeTakeFirstOrThrow()).n);
      await runQuotaReminders(ctx);
      assert.equal(await count(h2.id), 0, 'Wed 25 Nov: too early for the month');
      ctx.clock.set(vn('2026-11-26T09:00:00'));
      await runQuotaReminders(ctx);
      assert.equal(await count(h2.id), 1, 'Thu 26 Nov: unit 3 has nothing this month');
      assert.equal(await count(h1.id), 0, 'unit 1 has met its quota');
      const list = await t.db.selectFrom('notifications as n').innerJoin('membership_roles as r', (j) => j.onRef('r.user_id', '=', 'n.user_id').onRef('r.site_id', '=', 'n.site_id')).select('n.body').where('r.role', '=', 'secretariat').where('n.kind', '=', 'provision_quota').where('n.title', 'like', 'Danh sách%2026-11%').execute();
      assert.equal(list.length, 1, 'the secretariat gets the list');
      assert.match(list[0]!.body, /Phòng Nội vụ: 0\/3 tin, bài trong kỳ 2026-11/);
      assert.doesNotMatch(list[0]!.body, /Phòng Văn hóa: /);
      assert.ok(t.sentMail().map(mailText).some((m) => /Phòng Nội vụ: 0\/3 tin, bài trong kỳ 2026-11/.test(m)), 'and a mail');
      await runQuotaReminders(ctx);
      ctx.clock.set(vn('2026-11-27T09:00:00'));
      await runQuotaReminders(ctx);
      assert.equal(await count(h2.id), 1, 'once per period');
      const others = await t.db.selectFrom('notifications').select('user_id').where('site_id', '=', other.id).execute();
      assert.equal(others.length, 0);
    });
  });
});
