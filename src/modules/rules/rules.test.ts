import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Agent, textOf } from '../../../test/support/agent.ts';
import { buildTestApp, TestClock, type TestApp } from '../../../test/support/app.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { makeSite, makeUser, systemActor, type TestUser } from '../../../test/support/factories.ts';
import type { DeadlineValue } from '../../core/rule-catalogue.ts';
import type { Site } from '../sites/site.ts';
import { addRuleVersion, ruleOn } from './store.ts';

forEachEngine('dated rules', (engine) => {
  let t: TestApp;
  let site: Site;
  let admin: TestUser;

  before(async () => {
    // Monday 23 November 2026, 09:00 in Vietnam.
    t = await buildTestApp(engine, { clock: new TestClock(new Date('2026-11-23T02:00:00Z')) });
    site = await makeSite(t.db, 'quydinh');
    admin = await makeUser(t.db, site, ['site_admin']);
    t.refreshSites();
  });
  after(async () => t.close());

  test('the base salary of a past month is the one in force then', async () => {
    const actor = systemActor(site.id);
    await addRuleVersion(t.db, actor, { siteId: null, key: 'money.base_salary', value: 2_340_000, effectiveFrom: '2024-07-01', citation: 'NĐ 73/2024' }, t.clock);
    await addRuleVersion(t.db, actor, { siteId: null, key: 'money.base_salary', value: 2_530_000, effectiveFrom: '2026-07-01', citation: 'NĐ 161/2026', reason: 'Nghị định có hiệu lực từ 01/7/2026' }, t.clock);
    assert.equal((await ruleOn<number>(t.db, site.id, 'money.base_salary', '2026-06-30'))?.value, 2_340_000);
    assert.equal((await ruleOn<number>(t.db, site.id, 'money.base_salary', '2026-07-01'))?.value, 2_530_000);
    const first = await t.db.selectFrom('rules').selectAll().where('value', '=', '2340000').executeTakeFirstOrThrow();
    assert.equal(first.effective_to, '2026-06-30', 'the earlier version was closed the day before');
  });

  test('a site sets its own deadline through the page; the national one still applies before it', async () => {
    await addRuleVersion(t.db, null, { siteId: null, key: 'deadline.news_after_event', value: { amount: 1, unit: 'working_days' }, effectiveFrom: '2011-08-01', citation: null });
    const agent = new Agent(t.app, 'quydinh.test');
    await agent.login(admin.email);
    const bad = await agent.post('/admin/rules', { key: 'deadline.news_after_event', amount: 'tám', unit: 'working_hours', effectiveFrom: '32/13/2026' });
    assert.equal(bad.statusCode, 400);
    assert.match(textOf(bad.body), /phải là số nguyên/);
    assert.match(textOf(bad.body), /ngày hợp lệ/);
    const form = { key: 'deadline.news_after_event', amount: '8', unit: 'working_hours', effectiveFrom: '12/03/2012', citation: 'QĐ 541/QĐ-UBND, Điều 10.2a' };
    // It starts in 2012 over the national rule in force since 2011: it rewrites how 14 years were judged.
    const backdated = await agent.post('/admin/rules', form);
    assert.equal(backdated.statusCode, 400);
    assert.match(textOf(backdated.body), /Phiên bản bắt đầu từ 12\/03\/2012, trước hôm nay: nó thay đổi cách tính những việc đã qua.*Hãy ghi lý do áp dụng hồi tố/);
    assert.match(backdated.body, /id="reason-error"/, 'the problem is next to the reason field');
    assert.equal((await ruleOn<DeadlineValue>(t.db, site.id, 'deadline.news_after_event', '2026-11-22'))?.siteId, null, 'nothing added');
    const reason = 'Quy chế 541/QĐ-UBND quy định hiệu lực từ ngày ký; trước nay tính nhầm theo mức chung';
    const ok = await agent.post('/admin/rules', { ...form, reason });
    assert.equal(ok.statusCode, 303, textOf(ok.body));
    const audit = await t.db.selectFrom('audit_log').select('details').where('site_id', '=', site.id).where('action', '=', 'rule.add_version').orderBy('id', 'desc').executeTakeFirstOrThrow();
    assert.deepEqual([JSON.parse(audit.details).backdated, JSON.parse(audit.details).reason], [true, reason], 'audited with its reason');
    assert.deepEqual((await ruleOn<DeadlineValue>(t.db, site.id, 'deadline.news_after_event', '2026-11-22'))?.value, { amount: 8, unit: 'working_hours' });
    assert.deepEqual((await ruleOn<DeadlineValue>(t.db, site.id, 'deadline.news_after_event', '2012-03-11'))?.value, { amount: 1, unit: 'working_days' });
    const page = textOf((await agent.get('/admin/rules')).body);
    assert.match(page, /8 giờ làm việc/);
    assert.match(page, /QĐ 541\/QĐ-UBND/);
    assert.match(page, /8 giờ làm việc.*12\/03\/2012.*QĐ 541\/QĐ-UBND, Điều 10\.2a Quy chế 541\/QĐ-UBND quy định hiệu lực từ ngày ký/s, 'the history shows the reason');
    const again = await agent.post('/admin/rules', { key: 'deadline.news_after_event', amount: '4', unit: 'working_hours', effectiveFrom: '01/01/2010' });
    assert.match(textOf(again.body), /phiên bản mới phải bắt đầu sau phiên bản mới nhất/);
  });

  test('a rule with a value of its own shape is typed as JSON and checked (a quota per kind)', async () => {
    const agent = new Agent(t.app, 'quydinh.test');
    await agent.login(admin.email);
    const bad = await agent.post('/admin/rules', { key: 'quota.unit_kind', json: '{"min": 1, "per": "month", "kind": "page"}', effectiveFrom: '2026-12-01' });
    assert.equal(bad.statusCode, 400);
    assert.match(textOf(bad.body), /Chỉ tiêu theo loại cần/);
    assert.match(textOf((await agent.post('/admin/rules', { key: 'quota.unit_kind', json: '{min: 1}', effectiveFrom: '2026-12-01' })).body), /JSON không đọc được/);
    const ok = await agent.post('/admin/rules', { key: 'quota.unit_kind', json: '{"min": 1, "per": "month", "kind": "document"}', effectiveFrom: '2026-12-01' });
    assert.equal(ok.statusCode, 303, textOf(ok.body));
    assert.deepEqual((await ruleOn(t.db, site.id, 'quota.unit_kind', '2026-12-01'))?.value, { min: 1, per: 'month', kind: 'document' });
  });

  test('a site administrator cannot change a national rule', async () => {
    const agent = new Agent(t.app, 'quydinh.test');
    await agent.login(admin.email);
    await agent.post('/admin/rules', { key: 'money.base_salary', scope: 'national', money: '9999999', effectiveFrom: '01/01/2027' });
    const national = await t.db.selectFrom('rules').selectAll().where('key', '=', 'money.base_salary').where('site_id', 'is', null).execute();
    assert.ok(national.every((r) => r.value !== '9999999'), 'no national version added');
  });

  test('a site administrator sets neither the base salary for the site nor the royalty policy here', async () => {
    const agent = new Agent(t.app, 'quydinh.test');
    await agent.login(admin.email);
    const salary = await agent.post('/admin/rules', { key: 'money.base_salary', money: '999000000', effectiveFrom: '01/01/2027' });
    assert.equal(salary.statusCode, 400);
    assert.match(textOf(salary.body), /Mức này do Nhà nước quy định chung/);
    const policy = await agent.post('/admin/rules', { key: 'royalty.policy', json: '{"genres":[]}', effectiveFrom: '01/01/2027' });
    assert.equal(policy.statusCode, 400);
    assert.doesNotMatch((await agent.get('/admin/rules')).body, /Chế độ nhuận bút/);
    const own = await t.db.selectFrom('rules').select('key').where('site_id', '=', site.id).where('key', 'in', ['money.base_salary', 'royalty.policy']).execute();
    assert.deepEqual(own, []);
  });

  test('a version from today on, or the first version of a rule, needs no reason; a backdated one by the system does', async () => {
    const actor = systemActor(site.id);
    await addRuleVersion(t.db, actor, { siteId: site.id, key: 'quota.unit', value: { min: 2, per: 'month' }, effectiveFrom: '2020-01-01', citation: 'first' }, t.clock);
    await addRuleVersion(t.db, actor, { siteId: site.id, key: 'quota.unit', value: { min: 3, per: 'month' }, effectiveFrom: '2026-11-23', citation: 'today' }, t.clock);
    await assert.rejects(
      addRuleVersion(t.db, actor, { siteId: site.id, key: 'quota.unit', value: { min: 4, per: 'month' }, effectiveFrom: '2026-11-24', citation: null }, new TestClock(new Date('2026-12-01T02:00:00Z'))),
      (error: Error & { problems?: { code: string }[] }) => error.problems?.[0]?.code === 'backdated_reason_required',
    );
    assert.deepEqual((await ruleOn(t.db, site.id, 'quota.unit', '2026-11-30'))?.value, { min: 3, per: 'month' }, 'how past days were judged is unchanged');
  });
  test('a version can be given its last day: after it nothing is in force, and an end before the start is refused', async () => {
    const actor = systemActor(site.id);
    await assert.rejects(
      addRuleVersion(t.db, actor, { siteId: null, key: 'deadline.correction_claim', value: { amount: 3, unit: 'working_days' }, effectiveFrom: '2020-01-01', effectiveTo: '2019-12-31', citation: null }, t.clock),
      (error: Error & { problems?: { code: string; vi: string }[] }) => error.problems?.[0]?.code === 'invalid_end_date' && /không trước ngày bắt đầu/.test(error.problems[0].vi),
    );
    await addRuleVersion(t.db, actor, { siteId: null, key: 'deadline.correction_claim', value: { amount: 3, unit: 'working_days' }, effectiveFrom: '2020-01-01', effectiveTo: '2026-08-31', citation: 'ends by law' }, t.clock);
    assert.deepEqual((await ruleOn(t.db, site.id, 'deadline.correction_claim', '2026-08-31'))?.value, { amount: 3, unit: 'working_days' });
    assert.equal(await ruleOn(t.db, site.id, 'deadline.correction_claim', '2026-09-01'), null, 'nothing in force after its last day');
    const audit = await t.db.selectFrom('audit_log').select('details').where('action', '=', 'rule.add_version').orderBy('id', 'desc').executeTakeFirstOrThrow();
    assert.equal(JSON.parse(audit.details).effectiveTo, '2026-08-31', 'the end date is audited');
  });
});
