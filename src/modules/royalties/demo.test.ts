// The demo's assessed months on SQLite and PostgreSQL: with a policy in force,
// the items published in the two full months before the clock's month are
// assessed through the real use case (shares with a pen-named collaborator and
// a photographer, the approving remuneration the policy pays), the months
// around them are left in the queue, a second load changes nothing, and a site
// with no policy in force is skipped quietly.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildTestApp, TestClock, type TestApp } from '../../../test/support/app.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { makeBoard, publishArticle, type Board } from '../../../test/support/editorial.ts';
import { systemActor } from '../../../test/support/factories.ts';
import { BASE_SALARY_RULE, POLICY_RULE } from '../../core/royalties/policy.ts';
import { addRuleVersion } from '../rules/store.ts';
import { demoRoyaltyMonths, loadRoyaltyDemo } from './demo.ts';
import { DECREE_18_POLICY } from './national.ts';

test('the demo months are the two full months before the clock’s', () => {
  assert.deepEqual(demoRoyaltyMonths('2026-12-06'), ['2026-10', '2026-11']);
  assert.deepEqual(demoRoyaltyMonths('2027-01-15'), ['2026-11', '2026-12']);
  assert.deepEqual(demoRoyaltyMonths('2027-02-01'), ['2026-12', '2027-01']);
});

forEachEngine('royalty demo', (engine) => {
  let t: TestApp;
  let board: Board;
  let bare: Board;
  const clock = new TestClock(new Date('2026-09-20T03:00:00Z'));
  const ids: Record<string, number> = {};

  before(async () => {
    t = await buildTestApp(engine, { clock });
    board = await makeBoard(t, 'demonb');
    bare = await makeBoard(t, 'khongchedo');
    const actor = systemActor(board.site.id);
    await addRuleVersion(t.db, actor, { siteId: null, key: BASE_SALARY_RULE, value: 2_530_000, effectiveFrom: '2026-07-01', citation: 'Nghị định mức lương cơ sở 2026' });
    await addRuleVersion(t.db, actor, { siteId: board.site.id, key: POLICY_RULE, value: { ...DECREE_18_POLICY, remuneration: { editing: 0, collecting: 0, approving: 50_000 } }, effectiveFrom: '2026-09-01', citation: 'Bảng nhuận bút của trang' });
    ids.september = (await publishArticle(board, { title: 'Tin tháng 9' })).id;
    clock.set('2026-10-06T03:00:00Z');
    for (let i = 0; i < 4; i++) ids[`october${i}`] = (await publishArticle(board, { title: `Tin tháng 10 số ${i + 1}` })).id;
    ids.translation = (await publishArticle(board, { title: 'Bài dịch tháng 10', kind: 'translation' })).id;
    clock.set('2026-11-10T03:00:00Z');
    for (let i = 0; i < 3; i++) ids[`november${i}`] = (await publishArticle(board, { title: `Tin tháng 11 số ${i + 1}` })).id;
    await publishArticle(bare, { title: 'Tin của trang chưa có chế độ' });
    clock.set('2026-12-06T03:00:00Z');
    ids.december = (await publishArticle(board, { title: 'Tin tháng 12' })).id;
  });
  after(async () => t.close());

  test('assesses the two months’ items with shares, a translation and the approving remuneration; loading again changes nothing', async () => {
    assert.equal(await loadRoyaltyDemo(t.db, board.site.id, clock), 8);
    const assessed = await t.db.selectFrom('royalty_assessments').select(['article_id', 'genre_key', 'percent', 'amount']).where('site_id', '=', board.site.id).execute();
    const assessedIds = new Set(assessed.map((a) => a.article_id));
    assert.ok(!assessedIds.has(ids.september!) && !assessedIds.has(ids.december!), 'only the two months');
    const translation = assessed.find((a) => a.article_id === ids.translation)!;
    assert.deepEqual([translation.genre_key, translation.percent], ['dich', 53]);
    const collaborator = await t.db.selectFrom('royalty_payees').selectAll().where('site_id', '=', board.site.id).where('full_name', '=', 'Trần Thị Minh Thư').executeTakeFirstOrThrow();
    assert.deepEqual(JSON.parse(collaborator.pen_names), ['Minh Thư', 'Thư Trần']);
    const lines = await t.db.selectFrom('royalty_lines').selectAll().where('site_id', '=', board.site.id).execute();
    assert.ok(lines.some((l) => l.role === 'co_author' && l.payee_id === collaborator.id), 'a co-authored item');
    assert.ok(lines.some((l) => l.role === 'photographer'), 'a photographer’s share');
    assert.ok(lines.some((l) => l.role === 'translator' && l.payee_id === collaborator.id), 'the translation');
    assert.equal(lines.filter((l) => l.kind === 'approving').length, 8);
    assert.ok(lines.every((l) => l.amount > 0 && ['2026-10', '2026-11'].includes(l.period)));
    // Each item's royalty lines add up to its amount.
    for (const a of assessed) {
      const sum = lines.filter((l) => l.article_id === a.article_id && l.kind === 'royalty').reduce((s, l) => s + l.amount, 0);
      assert.equal(sum, a.amount);
    }
    // October is closed and paid on 10 November, except the outside collaborator's lines, carried over unpaid.
    const closed = await t.db.selectFrom('royalty_periods').select('period').where('site_id', '=', board.site.id).execute();
    assert.deepEqual(closed.map((c) => c.period), ['2026-10']);
    const october = lines.filter((l) => l.period === '2026-10');
    const paidOctober = await t.db.selectFrom('royalty_lines').select(['payee_id', 'paid_on']).where('site_id', '=', board.site.id).where('period', '=', '2026-10').execute();
    assert.equal(paidOctober.length, october.length);
    for (const l of paidOctober) assert.equal(l.paid_on, l.payee_id === collaborator.id ? null : '2026-11-10');
    assert.ok(paidOctober.some((l) => l.payee_id === collaborator.id), 'the collaborator has October lines left to carry over');
    assert.equal(await loadRoyaltyDemo(t.db, board.site.id, clock), 0);
    assert.equal((await t.db.selectFrom('royalty_assessments').select('id').where('site_id', '=', board.site.id).execute()).length, 8);
    assert.equal((await t.db.selectFrom('royalty_periods').select('id').where('site_id', '=', board.site.id).execute()).length, 1);
  });

  test('where the policy pays the board a yearly allowance, the board gets its terms and this year’s allowance this month', async () => {
    const site = (await makeBoard(t, 'thulaonam')).site;
    const actor = systemActor(site.id);
    const policy = { ...DECREE_18_POLICY, boardAllowanceYearly: { head: 2_000_000, deputy: 2_000_000, member: 2_000_000 } };
    await addRuleVersion(t.db, actor, { siteId: site.id, key: POLICY_RULE, value: policy, effectiveFrom: '2026-01-01', citation: '001 Đ10' });
    await loadRoyaltyDemo(t.db, site.id, clock);
    const terms = await t.db.selectFrom('royalty_board_terms').select(['from_on', 'to_on']).where('site_id', '=', site.id).execute();
    assert.ok(terms.length > 0);
    const allowances = await t.db.selectFrom('royalty_lines').select(['amount', 'period']).where('site_id', '=', site.id).where('kind', '=', 'allowance').execute();
    assert.equal(allowances.length, terms.length);
    assert.ok(allowances.every((a) => a.amount === 2_000_000 && a.period === '2026-12'));
  });

  test('a site with no policy in force is skipped quietly', async () => {
    assert.equal(await loadRoyaltyDemo(t.db, bare.site.id, clock), 0);
    assert.equal((await t.db.selectFrom('royalty_assessments').select('id').where('site_id', '=', bare.site.id).execute()).length, 0);
  });
});
