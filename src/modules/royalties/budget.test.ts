// The budget page on both engines: approved, spent (the ledger's royalty lines
// plus spending recorded by hand) and remaining per line, the warning when a
// line is over, promotion income; each change audited; a deputy only reads,
// a contributor gets 403; another site's budget never shows.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Agent, textOf } from '../../../test/support/agent.ts';
import { buildTestApp, TestClock, type TestApp } from '../../../test/support/app.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { makeSite, makeUser, systemActor, type TestUser } from '../../../test/support/factories.ts';
import { htmlCheckerUnavailable, htmlErrors } from '../../../test/support/html-checker.ts';
import type { Site } from '../sites/site.ts';
import { budgetPosition, writeLines } from './ledger.ts';
import { approveBudget, recordMovement } from './budget-store.ts';

forEachEngine('royalty budget', (engine) => {
  let t: TestApp;
  let site: Site;
  let other: Site;
  let chief: TestUser;
  let deputy: TestUser;
  let contributor: TestUser;

  before(async () => {
    t = await buildTestApp(engine, { clock: new TestClock(new Date('2026-11-23T02:00:00Z')) });
    site = await makeSite(t.db, 'ngansach');
    other = await makeSite(t.db, 'ngansachkhac');
    chief = await makeUser(t.db, site, ['editor_in_chief']);
    deputy = await makeUser(t.db, site, ['deputy']);
    contributor = await makeUser(t.db, site, ['contributor']);
    t.refreshSites();
    // Two royalty lines booked in the ledger in October and November 2026: 632,500 + 1,265,000.
    const now = new Date().toISOString();
    const payee = await t.db.insertInto('royalty_payees').values({ site_id: site.id, user_id: null, full_name: 'Nguyễn Văn Bút', pen_names: '[]', unit_id: null, position: null, note: null, active: 1, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
    await t.db.transaction().execute((trx) =>
      writeLines(trx, site.id, null, [
        { period: '2026-10', payeeId: payee.id, kind: 'royalty', description: 'Tin 1', amount: 632_500 },
        { period: '2026-11', payeeId: payee.id, kind: 'royalty', description: 'Bài 2', amount: 1_265_000 },
      ], t.clock),
    );
    // The other site: a budget and spending that must never show here.
    await approveBudget(t.db, systemActor(other.id), other.id, 2026, { royalties: 77_777_000 }, t.clock);
    await recordMovement(t.db, systemActor(other.id), other.id, 'income', { onDate: '2026-05-05', amount: 9_191_000, description: 'THU-CUA-TRANG-KHAC' }, t.clock);
  });
  after(async () => t.close());

  test('the head approves the budget, records spending and income; the page shows approved, spent and remaining', async () => {
    const agent = new Agent(t.app, 'ngansach.test');
    await agent.login(chief.email);
    const empty = textOf((await agent.get('/admin/royalties/budget?nam=2026')).body);
    assert.match(empty, /Nhuận bút chưa duyệt 1\.897\.500/, 'ledger lines are spent even before a budget is approved');

    const bad = await agent.post('/admin/royalties/budget', { year: '2026', approved_royalties: 'hai triệu', approved_operation: '-5' });
    assert.equal(bad.statusCode, 400);
    assert.match(textOf(bad.body), /Dự toán mục "Nhuận bút" \(đồng\) phải là số tiền nguyên \(đồng\)/);
    assert.match(bad.body, /id="approved_royalties-error"/);
    assert.match(bad.body, /value="hai triệu"/, 'what was typed is kept');

    const ok = await agent.post('/admin/royalties/budget', { year: '2026', approved_royalties: '2.000.000', approved_operation: '10.000.000', approved_software: '' });
    assert.equal(ok.statusCode, 303, textOf(ok.body));
    assert.deepEqual(await budgetPosition(t.db, site.id, 2026, 'royalties'), { approved: 2_000_000, spent: 1_897_500 });

    const badSpend = await agent.post('/admin/royalties/budget/spending', { spendLine: 'operation', spendDate: '31/02/2026', spendAmount: '0', spendDescription: '' });
    assert.equal(badSpend.statusCode, 400);
    const badText = textOf(badSpend.body);
    assert.match(badText, /Ngày phải là ngày hợp lệ/);
    assert.match(badText, /Vui lòng nhập Nội dung chi/);
    const spent = await agent.post('/admin/royalties/budget/spending', { spendLine: 'operation', spendDate: '15/03/2026', spendAmount: '10.500.000', spendDescription: 'Thuê máy chủ năm 2026' });
    assert.equal(spent.statusCode, 303, textOf(spent.body));
    assert.equal(spent.headers.location, '/admin/royalties/budget?nam=2026');
    const extra = await agent.post('/admin/royalties/budget/spending', { spendLine: 'royalties', spendDate: '20/11/2026', spendAmount: '100.000', spendDescription: 'Nhuận bút ảnh chi ngoài sổ' });
    assert.equal(extra.statusCode, 303);
    const income = await agent.post('/admin/royalties/budget/income', { incomeDate: '02/06/2026', incomeAmount: '5.000.000', incomeSource: 'Giới thiệu doanh nghiệp A' });
    assert.equal(income.statusCode, 303, textOf(income.body));

    const page = textOf((await agent.get('/admin/royalties/budget?nam=2026')).body);
    assert.match(page, /Nhuận bút 2\.000\.000 1\.997\.500 2\.500/, 'royalties: approved, ledger + by hand, remaining');
    assert.match(page, /Vận hành, duy trì Vượt dự toán 10\.000\.000 10\.500\.000 -500\.000/, 'over budget is flagged');
    assert.match(page, /Cộng 12\.000\.000 12\.497\.500 -497\.500/);
    assert.match(page, /15\/03\/2026 Vận hành, duy trì Thuê máy chủ năm 2026 10\.500\.000/);
    assert.match(page, /02\/06\/2026 Giới thiệu doanh nghiệp A 5\.000\.000 Cộng 5\.000\.000/);
    assert.match(page, /Thu từ dịch vụ giới thiệu, quảng bá trong năm: 5\.000\.000 đ.*còn lại kể cả khoản thu: 4\.502\.500 đ/, 'promotion income funds what remains');
    assert.doesNotMatch(page, /THU-CUA-TRANG-KHAC|77\.777\.000|9\.191\.000/, 'another site\'s budget never shows');
    assert.match(textOf((await agent.get('/admin/royalties/budget?nam=2025')).body), /Nhuận bút chưa duyệt 0/, 'another year');

    const actions = await t.db.selectFrom('audit_log').select('action').where('site_id', '=', site.id).where('action', 'like', 'budget.%').orderBy('id').execute();
    assert.deepEqual(actions.map((a) => a.action), ['budget.approve', 'budget.spending', 'budget.spending', 'budget.income']);
  });

  test('a deputy reads the budget but may not change it; a contributor may not read it', async () => {
    const d = new Agent(t.app, 'ngansach.test');
    await d.login(deputy.email);
    const page = await d.get('/admin/royalties/budget?nam=2026');
    assert.equal(page.statusCode, 200);
    assert.match(textOf(page.body), /Nhuận bút 2\.000\.000/);
    assert.doesNotMatch(page.body, /name="spendAmount"/);
    assert.equal((await d.post('/admin/royalties/budget', { year: '2026', approved_royalties: '99.000.000' })).statusCode, 403);
    assert.equal((await d.post('/admin/royalties/budget/income', { incomeDate: '02/06/2026', incomeAmount: '1', incomeSource: 'x' })).statusCode, 403);
    assert.equal((await budgetPosition(t.db, site.id, 2026, 'royalties')).approved, 2_000_000);
    const c = new Agent(t.app, 'ngansach.test');
    await c.login(contributor.email);
    assert.equal((await c.get('/admin/royalties/budget?nam=2026')).statusCode, 403);
  });
  test('the budget page, with its forms and a refused form, is valid HTML (Nu HTML Checker)', { skip: engine.name !== 'sqlite' || htmlCheckerUnavailable() !== null }, async () => {
    const agent = new Agent(t.app, 'ngansach.test');
    await agent.login(chief.email);
    const refused = await agent.post('/admin/royalties/budget/income', { incomeDate: '', incomeAmount: 'x', incomeSource: '' });
    assert.equal(refused.statusCode, 400);
    assert.deepEqual(await htmlErrors([{ label: 'budget', html: (await agent.get('/admin/royalties/budget?nam=2026')).body }, { label: 'refused', html: refused.body }]), []);
  });
});
