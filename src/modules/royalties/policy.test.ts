// The royalty policy as dated data, on both engines: Decree 18/2014 across the
// base-salary change of 1 Jul 2026, nothing national from 1 Sep 2026, a
// provincial table a member site inherits and may narrow but not widen (over
// HTTP), the cap of one day of the region IV minimum wage; who may see and
// change it; another site's table never shows.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Agent, textOf } from '../../../test/support/agent.ts';
import { buildTestApp, TestClock, type TestApp } from '../../../test/support/app.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { makeSite, makeUser, systemActor, type TestUser } from '../../../test/support/factories.ts';
import { htmlCheckerUnavailable, htmlErrors } from '../../../test/support/html-checker.ts';
import { assessAmount } from '../../core/royalties/amount.ts';
import type { RoyaltyPolicy } from '../../core/royalties/policy.ts';
import { addRuleVersion } from '../rules/store.ts';
import type { Site } from '../sites/site.ts';
import { loadNationalRoyaltyRules } from './demo-policy.ts';
import { DECREE_18_POLICY } from './national.ts';
import { policyToForm } from './policy-form.ts';
import { addSitePolicyVersion } from './policy-manage.ts';
import { policyOn } from './policy-store.ts';
import { LANG_COOKIE } from '../sites/http.ts';

const PROVINCIAL: RoyaltyPolicy = {
  ...DECREE_18_POLICY,
  reusePercent: { min: 20, max: 50 },
  paymentDays: 45,
};

/** The amount of one item: the policy for the site on the date, the genre and coefficient ×100. */
async function amountOn(t: TestApp, siteId: number, date: string, genreKey: string, coefficientX100: number): Promise<number | null> {
  const p = await policyOn(t.db, siteId, date);
  if (!p) return null;
  const r = assessAmount(p.policy, p.context, { genreKey, coefficientX100, percent: 100 });
  if ('problems' in r) throw new Error(r.problems.map((x) => x.en).join(' '));
  return r.ok.amount;
}

forEachEngine('royalty policy', (engine) => {
  let t: TestApp;
  let province: Site;
  let member: Site;
  let other: Site;
  let chief: TestUser;
  let deputy: TestUser;
  let contributor: TestUser;
  let otherChief: TestUser;

  before(async () => {
    // Monday 23 November 2026, 09:00 in Vietnam.
    t = await buildTestApp(engine, { clock: new TestClock(new Date('2026-11-23T02:00:00Z')) });
    province = await makeSite(t.db, 'tinhnb', { level: 'province', name: 'Cổng thông tin tỉnh Nhuận Bút' });
    member = await makeSite(t.db, 'xanb', { parentSiteId: province.id });
    other = await makeSite(t.db, 'khacnb');
    chief = await makeUser(t.db, member, ['editor_in_chief']);
    deputy = await makeUser(t.db, member, ['deputy']);
    contributor = await makeUser(t.db, member, ['contributor']);
    otherChief = await makeUser(t.db, other, ['editor_in_chief']);
    t.refreshSites();
    const actor = systemActor(province.id);
    const reason = 'Nạp mức chuẩn quốc gia';
    await addRuleVersion(t.db, actor, { siteId: null, key: 'money.base_salary', value: 2_340_000, effectiveFrom: '2024-07-01', citation: 'Nghị định 73/2024/NĐ-CP', reason }, t.clock);
    await addRuleVersion(t.db, actor, { siteId: null, key: 'money.base_salary', value: 2_530_000, effectiveFrom: '2026-07-01', citation: 'Nghị định 161/2026/NĐ-CP', reason }, t.clock);
    await loadNationalRoyaltyRules(t.db, actor, t.clock);
  });
  after(async () => t.close());

  test('Decree 18/2014 across 1 Jul 2026: 2.5 × 10 % of the base salary', async () => {
    // 2.5 × 234,000 = 585,000; 2.5 × 253,000 = 632,500.
    assert.equal(await amountOn(t, member.id, '2026-06-30', 'tin', 250), 585_000);
    assert.equal(await amountOn(t, member.id, '2026-07-01', 'tin', 250), 632_500);
    assert.equal((await policyOn(t.db, member.id, '2026-08-31'))?.ownerSiteId, null, 'the national table on 31 Aug 2026');
    assert.equal(await policyOn(t.db, member.id, '2026-09-01'), null, 'no table anywhere on 1 Sep 2026');
    assert.equal(await policyOn(t.db, other.id, '2026-09-01'), null);
  });

  test('a provincial table from 1 Sep 2026 is inherited by the member site; the page says whose it is', async () => {
    const agent = new Agent(t.app, 'xanb.test');
    await agent.login(chief.email);
    const before = textOf((await agent.get('/admin/royalties/policy')).body);
    assert.match(before, /Hôm nay trang chưa có bảng nhuận bút/);
    assert.match(before, /Nghị định 18\/2014\/NĐ-CP về chế độ nhuận bút/, 'the national version is listed');
    assert.match(before, /01\/06\/2014 31\/08\/2026/, 'with its dates');
    assert.match(before, /Vùng IV: 3\.700\.000 đ\/tháng/);
    assert.match(before, /2\.530\.000 đ\/tháng/);

    await addSitePolicyVersion(t.db, systemActor(province.id), province.id, { policy: PROVINCIAL, effectiveFrom: '2026-09-01', citation: 'Quyết định 99/2026/QĐ-UBND tỉnh', reason: 'Theo quyết định của tỉnh' }, t.clock);
    const inherited = await policyOn(t.db, member.id, '2026-09-01');
    assert.equal(inherited?.ownerSiteId, province.id);
    assert.equal(await amountOn(t, member.id, '2026-09-01', 'bai', 1200), 3_036_000, '12 × 253,000');
    assert.equal(await policyOn(t.db, other.id, '2026-09-01'), null, 'a site outside the province inherits nothing');

    const page = textOf((await agent.get('/admin/royalties/policy')).body);
    assert.match(page, /Kế thừa bảng của trang cấp trên: Cổng thông tin tỉnh Nhuận Bút/);
    assert.match(page, /Quyết định 99\/2026\/QĐ-UBND tỉnh/);
    assert.match(page, /Thay đổi bảng nhuận bút không làm thay đổi số tiền đã chấm/);
  });

  test('a wider table is refused over HTTP with the message beside the field; a narrower one wins', async () => {
    const agent = new Agent(t.app, 'xanb.test');
    await agent.login(chief.email);
    const form = await agent.get('/admin/royalties/policy');
    assert.match(form.body, /name="g0_key"[^>]*value="tin"/, 'prefilled from the table in force');
    assert.match(form.body, /name="g3_max"[^>]*value="30"/);

    const wider = { ...PROVINCIAL, genres: PROVINCIAL.genres.map((g) => (g.key === 'tin' ? { ...g, maxX100: 1250 } : g)) };
    const refused = await agent.post('/admin/royalties/policy', { ...policyToForm(wider), effectiveFrom: '01/10/2026', citation: 'Quyết định rộng hơn' });
    assert.equal(refused.statusCode, 400);
    assert.match(textOf(refused.body), /Thể loại "Tin": khung hệ số 1–12,5 vượt khung của cấp trên \(1–10\)/);
    assert.match(refused.body, /id="genres-error"/, 'beside the genres table');
    assert.match(refused.body, /name="g0_max"[^>]*value="12,5"/, 'what was typed is kept');
    assert.equal((await policyOn(t.db, member.id, '2026-10-01'))?.ownerSiteId, province.id, 'nothing saved');

    const noReuse = await agent.post('/admin/royalties/policy', { ...policyToForm({ ...PROVINCIAL, reusePercent: { min: 10, max: 50 } }), effectiveFrom: '01/10/2026' });
    assert.equal(noReuse.statusCode, 400);
    assert.match(textOf(noReuse.body), /Nghị định 287\/2026\/NĐ-CP quy định tối thiểu 20%/);
    assert.match(noReuse.body, /id="reuseMin-error"/);

    const badMoney = await agent.post('/admin/royalties/policy', { ...policyToForm(PROVINCIAL), remEditing: 'ba mươi nghìn', effectiveFrom: '01/10/2026' });
    assert.equal(badMoney.statusCode, 400);
    assert.match(textOf(badMoney.body), /Thù lao biên tập mỗi tin, bài \(đồng\) phải là số tiền nguyên \(đồng\)/);

    // One day of the region IV minimum wage: 3,700,000 ÷ 26 = 142,307 (rounded down).
    const narrower: RoyaltyPolicy = {
      ...PROVINCIAL,
      genres: PROVINCIAL.genres.filter((g) => g.key !== 'video').map((g) => (g.key === 'tin' ? { ...g, minX100: 100, maxX100: 500 } : g)),
      cap: { basis: 'minimum_wage_days', days: 1, region: 'IV' },
      paymentDays: 30,
    };
    const form2 = { ...policyToForm(narrower), g0_max: '5', effectiveFrom: '01/10/2026', citation: 'Quy chế xã, Điều 10' };
    const noReason = await agent.post('/admin/royalties/policy', form2);
    assert.equal(noReason.statusCode, 400, 'it starts before today over the inherited table');
    assert.match(textOf(noReason.body), /Bảng bắt đầu từ 01\/10\/2026, trước hôm nay, thay cho bảng kế thừa của trang cấp trên đang áp dụng: hãy ghi lý do/);
    assert.match(noReason.body, /id="reason-error"/);
    const saved = await agent.post('/admin/royalties/policy', { ...form2, reason: 'Quy chế xã có hiệu lực từ 01/10/2026' });
    assert.equal(saved.statusCode, 303, textOf(saved.body));
    const own = await policyOn(t.db, member.id, '2026-10-01');
    assert.equal(own?.ownerSiteId, member.id, 'the member\'s own table wins over the inherited one');
    assert.deepEqual(own?.policy.genres.find((g) => g.key === 'tin'), { key: 'tin', vi: 'Tin', en: 'News item', basis: 'creation', minX100: 100, maxX100: 500 });
    assert.equal(await amountOn(t, member.id, '2026-10-01', 'tin', 250), 142_307, '632,500 capped at one day of region IV');
    assert.equal(await amountOn(t, member.id, '2026-09-30', 'tin', 250), 632_500, 'the day before: the provincial table, no cap');
    const audit = await t.db.selectFrom('audit_log').select('details').where('site_id', '=', member.id).where('action', '=', 'rule.add_version').orderBy('id', 'desc').executeTakeFirstOrThrow();
    assert.equal(JSON.parse(audit.details).key, 'royalty.policy', 'audited');

    const page = textOf((await agent.get('/admin/royalties/policy')).body);
    assert.match(page, /Bảng riêng của trang này/);
    assert.match(page, /1 ngày lương tối thiểu vùng IV — hôm nay 142\.307 đ/);
    assert.match(page, /Mức trần mỗi tin bài \(142\.307 đ\) không cao hơn giá trị một hệ số \(253\.000 đ\)/, 'the board is told the coefficient no longer matters');
    assert.match(page, /Trang này đang áp dụng 01\/10\/2026/);
    assert.match(page, /Cổng thông tin tỉnh Nhuận Bút 01\/09\/2026/, 'the inherited version is listed too');
  });

  test('a deputy sees the policy but may not add a version; a contributor may not see it', async () => {
    const d = new Agent(t.app, 'xanb.test');
    await d.login(deputy.email);
    const page = await d.get('/admin/royalties/policy');
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /name="effectiveFrom"/, 'no form without royalties.manage');
    const post = await d.post('/admin/royalties/policy', { ...policyToForm(PROVINCIAL), effectiveFrom: '01/12/2026' });
    assert.equal(post.statusCode, 403);
    d.setCookie(LANG_COOKIE, 'en');
    const english = textOf((await d.get('/admin/royalties/policy')).body);
    assert.match(english, /Royalty and remuneration policy/);
    assert.match(english, /This site's own table — In force from 01\/10\/2026/);
    assert.match(english, /1 day\(s\) of the region IV minimum wage/);
    const c = new Agent(t.app, 'xanb.test');
    await c.login(contributor.email);
    assert.equal((await c.get('/admin/royalties/policy')).statusCode, 403);
  });

  test('another site\'s table is never shown', async () => {
    await addSitePolicyVersion(t.db, systemActor(other.id), other.id, { policy: PROVINCIAL, effectiveFrom: '2026-11-01', citation: 'BANG-RIENG-KHAC', reason: 'x' }, t.clock);
    const agent = new Agent(t.app, 'xanb.test');
    await agent.login(chief.email);
    assert.doesNotMatch((await agent.get('/admin/royalties/policy')).body, /BANG-RIENG-KHAC/);
    const o = new Agent(t.app, 'khacnb.test');
    await o.login(otherChief.email);
    const page = textOf((await o.get('/admin/royalties/policy')).body);
    assert.match(page, /BANG-RIENG-KHAC/);
    assert.doesNotMatch(page, /Quyết định 99\/2026|Quy chế xã, Điều 10|Nhuận Bút/, 'neither the province\'s nor the member\'s table');
  });
  test('the policy page, with its form and a refused form, is valid HTML (Nu HTML Checker)', { skip: engine.name !== 'sqlite' || htmlCheckerUnavailable() !== null }, async () => {
    const agent = new Agent(t.app, 'xanb.test');
    await agent.login(chief.email);
    const refused = await agent.post('/admin/royalties/policy', { ...policyToForm(PROVINCIAL), g0_min: 'một', effectiveFrom: '01/12/2026' });
    assert.equal(refused.statusCode, 400);
    assert.match(textOf(refused.body), /Hệ số từ \(dòng 1\) phải là số có tối đa hai chữ số thập phân/);
    assert.deepEqual(await htmlErrors([{ label: 'policy', html: (await agent.get('/admin/royalties/policy')).body }, { label: 'refused', html: refused.body }]), []);
  });
});
