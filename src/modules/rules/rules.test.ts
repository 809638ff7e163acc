import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Agent, textOf } from '../../../test/support/agent.ts';
import { buildTestApp, type TestApp } from '../../../test/support/app.ts';
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
    t = await buildTestApp(engine);
    site = await makeSite(t.db, 'quydinh');
    admin = await makeUser(t.db, site, ['site_admin']);
    t.refreshSites();
  });
  after(async () => t.close());

  test('the base salary of a past month is the one in force then', async () => {
    const actor = systemActor(site.id);
    await addRuleVersion(t.db, actor, { siteId: null, key: 'money.base_salary', value: 2_340_000, effectiveFrom: '2024-07-01', citation: 'NĐ 73/2024' });
    await addRuleVersion(t.db, actor, { siteId: null, key: 'money.base_salary', value: 2_530_000, effectiveFrom: '2026-07-01', citation: 'NĐ 161/2026' });
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
    const ok = await agent.post('/admin/rules', { key: 'deadline.news_after_event', amount: '8', unit: 'working_hours', effectiveFrom: '12/03/2012', citation: 'QĐ 541/QĐ-UBND, Điều 10.2a' });
    assert.equal(ok.statusCode, 303, textOf(ok.body));
    assert.deepEqual((await ruleOn<DeadlineValue>(t.db, site.id, 'deadline.news_after_event', '2026-11-22'))?.value, { amount: 8, unit: 'working_hours' });
    assert.deepEqual((await ruleOn<DeadlineValue>(t.db, site.id, 'deadline.news_after_event', '2012-03-11'))?.value, { amount: 1, unit: 'working_days' });
    const page = textOf((await agent.get('/admin/rules')).body);
    assert.match(page, /8 giờ làm việc/);
    assert.match(page, /QĐ 541\/QĐ-UBND/);
    const again = await agent.post('/admin/rules', { key: 'deadline.news_after_event', amount: '4', unit: 'working_hours', effectiveFrom: '01/01/2010' });
    assert.match(textOf(again.body), /phiên bản mới phải bắt đầu sau phiên bản mới nhất/);
  });

  test('a site administrator cannot change a national rule', async () => {
    const agent = new Agent(t.app, 'quydinh.test');
    await agent.login(admin.email);
    await agent.post('/admin/rules', { key: 'money.base_salary', scope: 'national', money: '9999999', effectiveFrom: '01/01/2027' });
    const national = await t.db.selectFrom('rules').selectAll().where('key', '=', 'money.base_salary').where('site_id', 'is', null).execute();
    assert.ok(national.every((r) => r.value !== '9999999'), 'no national version added');
  });
});
