// Completeness on SQLite and PostgreSQL, for hand-built sites of two levels (a
// commune and a department): each required group present or missing, how many
// items, last updated, stale against its review interval — including a rule
// version that changes the interval mid-period; the site's own choice of
// sections; the page, the form and the report section; refusals; no site sees
// another's groups; a site that no longer operates is not judged.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Agent, textOf } from '../../../test/support/agent.ts';
import { buildTestApp, TestClock, type TestApp } from '../../../test/support/app.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { makeBoard, publishArticle, type Board } from '../../../test/support/editorial.ts';
import { systemActor, TEST_PASSWORD } from '../../../test/support/factories.ts';
import { isStale, reviewDaysOf } from '../../core/completeness/catalogue.ts';
import { monthPeriod } from '../../core/reports/section.ts';
import { ruleDefinition, ruleValueProblems } from '../../core/rule-catalogue.ts';
import { siteCalendar } from '../articles/workflow-context.ts';
import { REPORT_SECTIONS } from '../reports/registry.ts';
import { addRuleVersion } from '../rules/store.ts';
import { createSection } from '../sections/manage-sections.ts';
import { computeCompleteness, REVIEW_DAYS_RULE, type CompletenessState } from './compute.ts';
import { completenessReportSection } from './report-section.ts';

forEachEngine('completeness', (engine) => {
  let t: TestApp;
  let commune: Board;
  let department: Board;
  let leadersSection: number;
  const clock = new TestClock(new Date('2026-01-10T03:00:00Z'));

  before(async () => {
    t = await buildTestApp(engine, { clock });
    commune = await makeBoard(t, 'xadaydu');
    department = await makeBoard(t, 'sodaydu', { level: 'department' });
    // 10 Jan 2026: the leaders' page, never updated since.
    leadersSection = await createSection(t.db, systemActor(commune.site.id), { name: 'Lãnh đạo xã', nameEn: 'Leaders' });
    await publishArticle(commune, { title: 'Tiểu sử Chủ tịch UBND xã', sectionId: leadersSection });
    // 20 Nov 2026: news.
    clock.set('2026-11-20T03:00:00Z');
    await publishArticle(commune, { title: 'Xã tổ chức ngày hội đại đoàn kết' });
    await publishArticle(department, { title: 'Sở họp giao ban tháng 11' });
    // From 1 Nov 2026 the commune reviews its leaders' page yearly instead of every 180 days.
    await addRuleVersion(t.db, systemActor(commune.site.id), { siteId: commune.site.id, key: REVIEW_DAYS_RULE, value: { leaders: 365 }, effectiveFrom: '2026-11-01', citation: 'Quyết định của xã' });
    clock.set('2026-11-24T03:00:00Z');
  });
  after(async () => t.close());

  const group = (state: CompletenessState, key: string) => {
    const g = state.groups.find((x) => x.group.key === key);
    assert.ok(g, `group ${key}`);
    return { has: g.has, count: g.count, lastUpdated: g.lastUpdated, reviewDays: g.reviewDays, stale: g.stale };
  };

  describe('the state of each group', () => {
    test('a commune on 24 Nov: news fresh, leaders present and within the new yearly interval, procedures and the grassroots group missing', async () => {
      const state = await computeCompleteness(t.db, commune.site, '2026-11-24');
      assert.equal(state.judged, true);
      assert.deepEqual(group(state, 'news'), { has: true, count: 1, lastUpdated: '2026-11-20', reviewDays: 7, stale: false });
      assert.deepEqual(group(state, 'leaders'), { has: true, count: 1, lastUpdated: '2026-01-10', reviewDays: 365, stale: false });
      assert.deepEqual(group(state, 'procedures'), { has: false, count: 0, lastUpdated: null, reviewDays: 90, stale: false });
      assert.deepEqual(group(state, 'grassroots'), { has: false, count: 0, lastUpdated: null, reviewDays: 30, stale: false });
      assert.deepEqual(group(state, 'features'), { has: true, count: 4, lastUpdated: null, reviewDays: null, stale: false });
      assert.equal(group(state, 'contacts').has, false, 'no address, phone and e-mail in the settings');
      assert.ok(state.groups.some((g) => g.group.key === 'local_profile'), 'a commune carries its local profile');
      assert.deepEqual([state.present, state.stale], [3, 0]);
      assert.equal(state.missing, state.groups.length - 3);
    });

    test('the same commune on 31 Oct: the 180-day interval was in force, so the leaders were stale (294 days); news did not exist yet', async () => {
      const state = await computeCompleteness(t.db, commune.site, '2026-10-31');
      assert.deepEqual(group(state, 'leaders'), { has: true, count: 1, lastUpdated: '2026-01-10', reviewDays: 180, stale: true });
      assert.deepEqual(group(state, 'news'), { has: false, count: 0, lastUpdated: null, reviewDays: 7, stale: false });
      assert.equal(state.stale, 1);
      // Eight days after the last news item it is stale (7-day interval): 28 Nov.
      assert.equal(isStale('2026-11-20', 7, '2026-11-27'), false);
      assert.equal(isStale('2026-11-20', 7, '2026-11-28'), true);
    });

    test("a department does not carry the commune's groups; sites see their own items only; a site that no longer operates is not judged", async () => {
      const state = await computeCompleteness(t.db, department.site, '2026-11-24');
      const keys = state.groups.map((g) => g.group.key);
      assert.ok(!keys.includes('grassroots') && !keys.includes('local_profile'));
      assert.ok(keys.includes('consultations') && keys.includes('legal_documents'));
      assert.deepEqual(group(state, 'news'), { has: true, count: 1, lastUpdated: '2026-11-20', reviewDays: 7, stale: false });
      assert.equal(group(state, 'leaders').has, false, "the commune's leaders page is not the department's");
      const archived = await computeCompleteness(t.db, { ...commune.site, status: 'archived' }, '2026-11-24');
      assert.deepEqual([archived.judged, archived.groups.length], [false, 0]);
    });

    test('the review intervals are a checked rule: unknown groups and bad numbers are refused, the rest falls back to the baseline', () => {
      const def = ruleDefinition(REVIEW_DAYS_RULE)!;
      assert.equal(def.kind, 'json');
      assert.deepEqual(ruleValueProblems(def, { leaders: 365, news: null }), []);
      assert.equal(ruleValueProblems(def, { unknown: 3 }).length, 1);
      assert.equal(ruleValueProblems(def, { news: 0 }).length, 1);
      assert.equal(ruleValueProblems(def, [7]).length, 1);
      assert.equal(reviewDaysOf({ news: 14, plans: 'x' }).news, 14);
      assert.equal(reviewDaysOf({ news: 14, plans: 'x' }).plans, 90);
    });
  });

  describe('pages, the sections form and the report', () => {
    test('the board reads each group with its status, count, last update and section link; another site does not see them', async () => {
      const secretariat = new Agent(t.app, commune.host);
      await secretariat.login(commune.people.secretariat.email, TEST_PASSWORD);
      const page = await secretariat.get('/admin/completeness');
      assert.equal(page.statusCode, 200);
      const text = textOf(page.body);
      assert.match(text, /Tính đến ngày 24\/11\/2026/);
      assert.match(text, /Lãnh đạo: tiểu sử, nhiệm vụ được phân công Đã có 1 10\/01\/2026 365 Lãnh đạo xã \(nhận diện theo đường dẫn\)/);
      assert.match(text, /Thủ tục hành chính, dịch vụ công trực tuyến Chưa có 0 — 90/);
      assert.match(page.body, /<a href="\/chuyen-muc\/lanh-dao-xa">Lãnh đạo xã<\/a>/);
      assert.doesNotMatch(text, /Chọn chuyên mục cho từng nhóm/, 'the secretariat does not manage sections');

      const other = new Agent(t.app, department.host);
      await other.login(department.people.secretariat.email, TEST_PASSWORD);
      const theirs = textOf((await other.get('/admin/completeness')).body);
      assert.doesNotMatch(theirs, /Lãnh đạo xã/);
      assert.doesNotMatch(theirs, /Luật Thực hiện dân chủ ở cơ sở/);
    });

    test('the site chooses the sections of a group; a section of another site is refused; a contributor is refused', async () => {
      const admin = new Agent(t.app, commune.host);
      await admin.login(commune.people.site_admin.email, TEST_PASSWORD);
      const form = await admin.get('/admin/completeness/sections');
      assert.equal(form.statusCode, 200);
      assert.match(textOf(form.body), /Chiến lược, quy hoạch, kế hoạch, chương trình công tác/);
      const saved = await admin.post('/admin/completeness/sections', { groups: ['plans', 'news'], mode_plans: 'site', s_plans: [String(commune.sectionId)], mode_news: 'auto' });
      assert.equal(saved.statusCode, 303, saved.body);
      const state = await computeCompleteness(t.db, commune.site, '2026-11-24');
      assert.deepEqual(group(state, 'plans'), { has: true, count: 1, lastUpdated: '2026-11-20', reviewDays: 90, stale: false });
      assert.equal(state.groups.find((g) => g.group.key === 'plans')!.mapping, 'site');
      const audit = await t.db.selectFrom('audit_log').select('action').where('site_id', '=', commune.site.id).where('action', '=', 'completeness.map_sections').execute();
      assert.equal(audit.length, 1);

      const foreign = await admin.post('/admin/completeness/sections', { groups: ['plans'], mode_plans: 'site', s_plans: [String(department.sectionId)] });
      assert.equal(foreign.statusCode, 400);
      assert.match(textOf(foreign.body), /Chuyên mục không thuộc trang này/);
      assert.equal(group(await computeCompleteness(t.db, commune.site, '2026-11-24'), 'plans').count, 1, 'unchanged');

      const contributor = new Agent(t.app, commune.host);
      await contributor.login(commune.people.contributor.email, TEST_PASSWORD);
      assert.equal((await contributor.get('/admin/completeness')).statusCode, 403);
      assert.equal((await contributor.get('/admin/completeness/sections')).statusCode, 403);
      assert.equal((await contributor.post('/admin/completeness/sections', { groups: ['plans'], mode_plans: 'auto' })).statusCode, 403);
    });

    test('the review intervals are set as a new version of the rule; a past date needs a reason; others are refused', async () => {
      const admin = new Agent(t.app, commune.host);
      await admin.login(commune.people.site_admin.email, TEST_PASSWORD);
      const form = await admin.get('/admin/completeness/intervals');
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /name="days_leaders"[^>]*value="365"/);
      const past = await admin.post('/admin/completeness/intervals', { days_leaders: '365', days_news: '14', effectiveFrom: '2026-11-10' });
      assert.equal(past.statusCode, 400);
      const saved = await admin.post('/admin/completeness/intervals', { days_leaders: '365', days_news: '3', effectiveFrom: '2026-11-24', citation: 'Quyết định 12/QĐ-UBND' });
      assert.equal(saved.statusCode, 303, saved.body);
      // News of 20 Nov is 4 days old on 24 Nov: stale under the new 3-day interval, not under the old 7-day one the day before.
      assert.deepEqual(group(await computeCompleteness(t.db, commune.site, '2026-11-24'), 'news'), { has: true, count: 1, lastUpdated: '2026-11-20', reviewDays: 3, stale: true });
      assert.deepEqual(group(await computeCompleteness(t.db, commune.site, '2026-11-23'), 'news'), { has: true, count: 1, lastUpdated: '2026-11-20', reviewDays: 7, stale: false });
      assert.equal(group(await computeCompleteness(t.db, commune.site, '2026-11-24'), 'leaders').reviewDays, 365);
      const secretariat = new Agent(t.app, commune.host);
      await secretariat.login(commune.people.secretariat.email, TEST_PASSWORD);
      assert.equal((await secretariat.get('/admin/completeness/intervals')).statusCode, 403);
      assert.equal((await secretariat.post('/admin/completeness/intervals', { days_news: '1', effectiveFrom: '2026-11-25' })).statusCode, 403);
    });

    test('the report section gives the state at the end of the period', async () => {
      assert.ok(REPORT_SECTIONS.includes(completenessReportSection));
      const ctx = { db: t.db, site: commune.site, calendar: siteCalendar(commune.site), now: clock.now(), unitId: null };
      const october = await completenessReportSection.compute(ctx, monthPeriod('2026-10')!);
      const rows = october.tables[0]!.rows;
      const leaders = rows.find((r) => r.group === 'Lãnh đạo: tiểu sử, nhiệm vụ được phân công')!;
      assert.deepEqual([leaders.status, leaders.count, leaders.last_updated, leaders.review_days, leaders.stale], ['Quá chu kỳ cập nhật', 1, '2026-01-10', 180, 'Có']);
      // November is not over on 24 Nov: its state is today's.
      const november = await completenessReportSection.compute(ctx, monthPeriod('2026-11')!);
      assert.equal(november.tables[0]!.rows.find((r) => r.group === 'Lãnh đạo: tiểu sử, nhiệm vụ được phân công')!.stale, 'Không');
      assert.match(november.tables[0]!.note!.vi, /Tính đến ngày 24\/11\/2026/);
    });
  });
});
