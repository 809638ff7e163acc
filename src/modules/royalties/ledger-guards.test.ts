// What keeps the ledger honest, on SQLite and PostgreSQL: nothing is booked
// behind a closed month or into a month not yet begun; a closed sheet carries
// over what was unpaid when it was closed, whatever is paid later; paying a
// payee pays what was carried over too; a board member has one term at a time;
// an assessed item cannot be deleted for good while the ledger names it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildTestApp, TestClock, type TestApp } from '../../../test/support/app.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { makeBoard, publishArticle, type Board } from '../../../test/support/editorial.ts';
import { systemActor } from '../../../test/support/factories.ts';
import { ROLE_PERMISSIONS } from '../../core/permissions.ts';
import { BASE_SALARY_RULE, POLICY_RULE } from '../../core/royalties/policy.ts';
import { inTransaction } from '../../platform/db/database.ts';
import { moveToTrash, purgeArticle } from '../articles/trash.ts';
import type { AuditActor } from '../audit/store.ts';
import { addRuleVersion } from '../rules/store.ts';
import { addTerm } from './allowances.ts';
import { assessItem } from './assess.ts';
import { bookingPeriod, writeLines } from './ledger.ts';
import { DECREE_18_POLICY } from './national.ts';
import { createPayee } from './payees.ts';
import { payLines } from './payments.ts';
import { closePeriod } from './period-manage.ts';
import { loadSheet } from './sheet.ts';

/** Rejected with a problem of this code, whose Vietnamese message matches. */
const refusedWith = (code: string, vi: RegExp) => (error: Error & { problems?: { code: string; vi: string }[] }) =>
  error.problems?.some((p) => p.code === code && vi.test(p.vi)) === true;

forEachEngine('royalty ledger guards', (engine) => {
  let t: TestApp;
  let board: Board;
  let head: AuditActor;
  let payeeId: number;
  const clock = new TestClock(new Date('2026-12-06T03:00:00Z'));
  const write = (period: string, amount: number, description = 'Thù lao') =>
    inTransaction(t.db, (trx) => writeLines(trx, board.site.id, null, [{ period, payeeId, kind: 'remuneration', description, amount }], clock));

  before(async () => {
    t = await buildTestApp(engine, { clock });
    board = await makeBoard(t, 'sochuan');
    head = { ...systemActor(board.site.id), userId: board.people.editor_in_chief.id };
    payeeId = await createPayee(t.db, head, { fullName: 'Lê Thị Sổ', penNames: [], userId: null, unitId: board.unitId, position: null, active: true }, clock);
  });
  after(async () => t.close());

  test('nothing is booked behind the last closed month or into a month not begun', async () => {
    await write('2026-09', 100_000, 'Tháng 9');
    await write('2026-10', 200_000, 'Tháng 10');
    await closePeriod(t.db, head, '2026-10', clock);
    // September is still open, but it lies behind a closed October: an item published then goes into November.
    assert.equal(await bookingPeriod(t.db, board.site.id, '2026-09-07'), '2026-11');
    await assert.rejects(write('2026-09', 5_000), refusedWith('period_behind_closed', /trước kỳ đã khóa sổ gần nhất/));
    await assert.rejects(write('2026-10', 5_000), refusedWith('period_closed', /đã khóa sổ/));
    await assert.rejects(write('2027-01', 5_000), refusedWith('period_future', /chưa tới/));
    await write('2026-11', 300_000, 'Tháng 11');
  });

  test('a closed sheet carries over what was unpaid when it closed; paying a payee pays the carried-over lines too', async () => {
    const before = await loadSheet(t.db, board.site.id, '2026-10', { by: 'nguoi', payeeId: null }, '2026-12-06');
    assert.equal(before.carriedTotal, 100_000);
    clock.advance(3_600_000);
    const paid = await payLines(t.db, head, '2026-11', { payeeId, lineIds: [], paidOn: '2026-12-06', reference: 'PC-01' }, clock);
    assert.deepEqual(paid, { count: 3, total: 600_000 }, 'September and October carried over, and November');
    await assert.rejects(payLines(t.db, head, '2026-11', { payeeId, lineIds: [], paidOn: '2026-12-31', reference: 'PC-02' }, clock), refusedWith('future_date', /không được sau hôm nay/));
    const closedSheet = await loadSheet(t.db, board.site.id, '2026-10', { by: 'nguoi', payeeId: null }, '2026-12-06');
    assert.equal(closedSheet.carriedTotal, 100_000, 'the closed October sheet still reads as printed');
    const openSheet = await loadSheet(t.db, board.site.id, '2026-11', { by: 'nguoi', payeeId: null }, '2026-12-06');
    assert.equal(openSheet.carriedTotal, 0, 'nothing is left to carry into November');
  });

  test('a board member holds one term at a time', async () => {
    await addTerm(t.db, head, { payeeId, position: 'member', from: '2026-01-01', to: null }, clock);
    await assert.rejects(addTerm(t.db, head, { payeeId, position: 'deputy', from: '2026-07-01', to: null }, clock), refusedWith('term_overlaps', /trùng thời gian/));
    const terms = await t.db.selectFrom('royalty_board_terms').select('id').where('payee_id', '=', payeeId).execute();
    assert.equal(terms.length, 1);
  });

  test('an assessed item stays in the trash: it cannot be deleted for good while the ledger names it', async () => {
    const actor = systemActor(board.site.id);
    await addRuleVersion(t.db, actor, { siteId: null, key: BASE_SALARY_RULE, value: 2_530_000, effectiveFrom: '2026-07-01', citation: 'NĐ 2026' });
    await addRuleVersion(t.db, actor, { siteId: board.site.id, key: POLICY_RULE, value: DECREE_18_POLICY, effectiveFrom: '2026-09-01', citation: 'Bảng của trang' });
    const item = await publishArticle(board, { title: 'Tin đã chấm rồi bị xóa' });
    await assessItem(t.db, head, { articleId: item.id, genreKey: 'tin', coefficientX100: 100, percent: 100, qualityNote: null, shares: [{ payee: { payeeId }, role: 'author', bp: 10_000 }], remuneration: [], includeReaderContribution: false, acceptOverBudget: true, reason: null }, clock);
    const grants = { userId: head.userId!, platformAdmin: true, ownRoles: [], delegated: [], siteWritable: true, scopes: null };
    assert.ok(ROLE_PERMISSIONS.site_admin.includes('content.purge'));
    await t.db.updateTable('articles').set({ publication: 'taken_down' }).where('id', '=', item.id).execute();
    await moveToTrash(t.db, head, grants, item.id, clock);
    await assert.rejects(purgeArticle(t.db, head, grants, item.id, clock), refusedWith('royalty_ledger', /không xóa vĩnh viễn được/));
    assert.ok(await t.db.selectFrom('articles').select('id').where('id', '=', item.id).executeTakeFirst(), 'the item is kept');
  });
});
