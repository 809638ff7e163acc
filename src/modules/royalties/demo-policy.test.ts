// The demo's royalty data on both engines: Decree 18/2014 nationally until
// 31 Aug 2026 and nothing national after; each demo site's own table from
// 1 Sep 2026 from its seed (001 Đ10's cap and allowances); an approved 2026
// budget on all seven lines; the provincial office's promotion income.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildTestApp, TestClock, type TestApp } from '../../../test/support/app.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { makeSite, systemActor } from '../../../test/support/factories.ts';
import { assessAmount } from '../../core/royalties/amount.ts';
import { BUDGET_LINES } from '../../core/royalties/policy.ts';
import { addRuleVersion } from '../rules/store.ts';
import type { Site } from '../sites/site.ts';
import { budgetOverview } from './budget-store.ts';
import { loadNationalRoyaltyRules, loadSiteRoyaltyPolicy } from './demo-policy.ts';
import { policyOn } from './policy-store.ts';

forEachEngine('demo royalty data', (engine) => {
  let t: TestApp;
  const sites: Record<string, Site> = {};

  before(async () => {
    t = await buildTestApp(engine, { clock: new TestClock(new Date('2026-11-23T02:00:00Z')) });
    for (const key of ['thanhchuong', 'vpubnd-kontum', 'konray']) {
      sites[key] = await makeSite(t.db, key);
      await loadSiteRoyaltyPolicy(t.db, systemActor(sites[key].id), sites[key].id, key, t.clock);
    }
    const actor = systemActor(sites.konray!.id);
    await addRuleVersion(t.db, actor, { siteId: null, key: 'money.base_salary', value: 2_530_000, effectiveFrom: '2026-07-01', citation: 'Nghị định 161/2026/NĐ-CP', reason: 'x' }, t.clock);
    await loadNationalRoyaltyRules(t.db, actor, t.clock);
  });
  after(async () => t.close());

  test('Decree 18/2014 until 31 Aug 2026, then each site\'s own table', async () => {
    const national = await policyOn(t.db, sites.konray!.id, '2026-08-31');
    assert.equal(national?.ownerSiteId, null);
    assert.equal(national?.effectiveTo, '2026-08-31');
    assert.match(national?.citation ?? '', /Nghị định 18\/2014/);
    for (const site of Object.values(sites)) {
      const own = await policyOn(t.db, site.id, '2026-09-01');
      assert.equal(own?.ownerSiteId, site.id, site.key);
      assert.ok(own!.policy.reusePercent.min >= 20, 'Decree 287/2026 floor');
      assert.match(own!.citation ?? '', /Bảng nhuận bút do tỉnh ban hành theo Nghị định 287\/2026\/NĐ-CP/);
    }
    assert.match((await policyOn(t.db, sites.konray!.id, '2026-09-01'))!.citation ?? '', /000 Đ12\.1/);
    assert.match((await policyOn(t.db, sites['vpubnd-kontum']!.id, '2026-09-01'))!.citation ?? '', /002 Đ6\.1c.*Đ6\.2/);
  });

  test('Thanh Chương (001 Đ10): at most one day of the minimum wage per item, 2,000,000 a year for each board member', async () => {
    const p = await policyOn(t.db, sites.thanhchuong!.id, '2026-10-05');
    assert.deepEqual(p?.policy.cap, { basis: 'minimum_wage_days', days: 1, region: 'IV' });
    assert.deepEqual(p?.policy.boardAllowanceYearly, { head: 2_000_000, deputy: 2_000_000, member: 2_000_000 });
    assert.ok(p!.policy.remuneration.editing > 0 && p!.policy.remuneration.collecting > 0 && p!.policy.remuneration.approving > 0);
    assert.equal(p?.context.minimumWages?.IV, 3_700_000);
    const r = assessAmount(p!.policy, p!.context, { genreKey: 'tin', coefficientX100: 250, percent: 100 });
    assert.ok('ok' in r);
    assert.equal(r.ok.gross, 632_500);
    assert.equal(r.ok.amount, 142_307, '3,700,000 ÷ 26');
  });

  test('each demo site has an approved 2026 budget on every line; the provincial office has a promotion income', async () => {
    for (const site of Object.values(sites)) {
      const o = await budgetOverview(t.db, site.id, 2026);
      assert.deepEqual(o.lines.map((l) => l.line), [...BUDGET_LINES]);
      assert.ok(o.lines.every((l) => l.approved !== null && l.approved > 0), site.key);
      assert.equal(o.income.length, site.key === 'vpubnd-kontum' ? 1 : 0, site.key);
    }
  });
});
