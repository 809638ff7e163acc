// The board's yearly allowances on SQLite and PostgreSQL, over HTTP: part-year
// terms are paid pro rata against hand-computed amounts (a member from 1 Jul
// 2026: 2,000,000 × 184/365 = 1,008,219; a full year: 2,000,000; a term ending
// 31 Mar: × 90/365 = 493,151) and written as 'allowance' lines; computing again
// writes only differences — an unpaid line in an open period is replaced, a
// line in a closed period is corrected in the chosen period with a reference;
// "suggest from members" creates terms for the board roles.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Agent, textOf } from '../../../test/support/agent.ts';
import { buildTestApp, TestClock, type TestApp } from '../../../test/support/app.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { makeBoard, type Board } from '../../../test/support/editorial.ts';
import { systemActor } from '../../../test/support/factories.ts';
import { POLICY_RULE } from '../../core/royalties/policy.ts';
import type { Db } from '../../platform/db/database.ts';
import { addRuleVersion } from '../rules/store.ts';
import { DECREE_18_POLICY } from './national.ts';

async function payee(db: Db, siteId: number, name: string): Promise<number> {
  const now = new Date().toISOString();
  const row = await db
    .insertInto('royalty_payees')
    .values({ site_id: siteId, user_id: null, full_name: name, pen_names: '[]', unit_id: null, position: null, note: null, active: 1, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

forEachEngine('board allowances', (engine) => {
  let t: TestApp;
  let board: Board;
  let head: Agent;
  const ids: Record<string, number> = {};

  const linesOf = async (payeeId: number) =>
    (
      await t.db
        .selectFrom('royalty_lines')
        .select(['id', 'period', 'kind', 'amount', 'corrects_line_id', 'voided_at', 'description'])
        .where('site_id', '=', board.site.id)
        .where('payee_id', '=', payeeId)
        .orderBy('id')
        .execute()
    ).map((l) => ({ ...l, amount: Number(l.amount) }));
  const live = async (payeeId: number) => (await linesOf(payeeId)).filter((l) => l.voided_at === null);

  before(async () => {
    t = await buildTestApp(engine, { clock: new TestClock(new Date('2026-12-06T03:00:00Z')) });
    board = await makeBoard(t, 'tlbbt');
    const policy = { ...DECREE_18_POLICY, boardAllowanceYearly: { head: 2_000_000, deputy: 2_000_000, member: 2_000_000 } };
    await addRuleVersion(t.db, systemActor(board.site.id), { siteId: board.site.id, key: POLICY_RULE, value: policy, effectiveFrom: '2026-01-01', citation: '001 Đ10', reason: 'Quy chế 001' });
    for (const name of ['Trần Văn Bảy', 'Phạm Thị Cả Năm', 'Hoàng Văn Quý', 'Đỗ Thị Mười']) ids[name] = await payee(t.db, board.site.id, name);
    head = new Agent(t.app, board.host);
    await head.login(board.people.editor_in_chief.email);
  });
  after(async () => t.close());

  describe('terms and the year', () => {
    test('terms are added through the form; a term ending before it starts is refused beside the field', async () => {
      const bad = await head.post('/admin/royalties/allowances/terms?nam=2026', { payee: ids['Trần Văn Bảy'], position: 'member', from: '2026-07-01', to: '2026-06-01' });
      assert.equal(bad.statusCode, 400);
      assert.match(textOf(bad.body), /Ngày kết thúc phải từ ngày bắt đầu trở đi/);
      for (const [name, from, to] of [
        ['Trần Văn Bảy', '2026-07-01', ''],
        ['Phạm Thị Cả Năm', '2025-05-01', ''],
        ['Hoàng Văn Quý', '2026-01-01', '2026-03-31'],
      ] as const) {
        const res = await head.post('/admin/royalties/allowances/terms?nam=2026', { payee: ids[name], position: 'member', from, to });
        assert.equal(res.statusCode, 303, name);
      }
      const page = textOf((await head.get('/admin/royalties/allowances?nam=2026')).body).replace(/\s+/g, ' ');
      assert.match(page, /Trần Văn Bảy Thành viên 01\/07\/2026 đang giữ 2\.000\.000 2\.000\.000 × 184\/365 ngày 1\.008\.219/);
      assert.match(page, /Phạm Thị Cả Năm Thành viên 01\/05\/2025 đang giữ 2\.000\.000 2\.000\.000 × 365\/365 ngày 2\.000\.000/);
      assert.match(page, /Hoàng Văn Quý Thành viên 01\/01\/2026 31\/03\/2026 2\.000\.000 2\.000\.000 × 90\/365 ngày 493\.151/);
    });

    test('"Tính thù lao năm" writes the pro-rata amounts as allowance lines', async () => {
      const res = await head.post('/admin/royalties/allowances/compute?nam=2026', { period: '2026-11' });
      assert.equal(res.statusCode, 303);
      const amounts = await Promise.all(['Trần Văn Bảy', 'Phạm Thị Cả Năm', 'Hoàng Văn Quý'].map(async (n) => (await live(ids[n]!)).map((l) => [l.period, l.kind, l.amount])));
      assert.deepEqual(amounts, [[['2026-11', 'allowance', 1_008_219]], [['2026-11', 'allowance', 2_000_000]], [['2026-11', 'allowance', 493_151]]]);
      const audit = await t.db.selectFrom('audit_log').select('details').where('site_id', '=', board.site.id).where('action', '=', 'royalty.allowances').execute();
      assert.equal(audit.length, 1);
      const sheet = textOf((await head.get('/admin/royalties/periods/2026-11')).body).replace(/\s+/g, ' ');
      assert.match(sheet, /Thù lao thành viên Ban biên tập/);
      assert.match(sheet, /Cộng kỳ này: 3\.501\.370 đ/);
    });

    test('computing again changes nothing when nothing changed', async () => {
      const before = await t.db.selectFrom('royalty_lines').select('id').where('site_id', '=', board.site.id).execute();
      assert.equal((await head.post('/admin/royalties/allowances/compute?nam=2026', { period: '2026-12' })).statusCode, 303);
      const afterRun = await t.db.selectFrom('royalty_lines').select('id').where('site_id', '=', board.site.id).execute();
      assert.equal(afterRun.length, before.length);
    });

    test('after closing, a changed term is corrected in the chosen open period with a reference', async () => {
      assert.equal((await head.post('/admin/royalties/periods/2026-11/close', { confirm: 'on' })).statusCode, 303);
      const term = await t.db.selectFrom('royalty_board_terms').select('id').where('payee_id', '=', ids['Phạm Thị Cả Năm']!).executeTakeFirstOrThrow();
      assert.equal((await head.post(`/admin/royalties/allowances/terms/${term.id}/end?nam=2026`, { to: '2026-06-30' })).statusCode, 303);
      const closedTarget = await head.post('/admin/royalties/allowances/compute?nam=2026', { period: '2026-11' });
      assert.equal(closedTarget.statusCode, 400);
      assert.match(textOf(closedTarget.body), /đã khóa sổ/);
      assert.equal((await head.post('/admin/royalties/allowances/compute?nam=2026', { period: '2026-12' })).statusCode, 303);
      const lines = await live(ids['Phạm Thị Cả Năm']!);
      assert.equal(lines.length, 2);
      const [original, correction] = lines;
      // 1 Jan – 30 Jun 2026: 2,000,000 × 181/365 = 991,781; the difference is corrected.
      assert.deepEqual([correction!.period, correction!.kind, correction!.amount, correction!.corrects_line_id], ['2026-12', 'correction', 991_781 - 2_000_000, original!.id]);
      const sheet = textOf((await head.get('/admin/royalties/periods/2026-12')).body).replace(/\s+/g, ' ');
      assert.match(sheet, new RegExp(`Điều chỉnh dòng số ${original!.id} kỳ Tháng 11/2026`));
      // The others did not move.
      assert.equal((await live(ids['Trần Văn Bảy']!)).length, 1);
    });

    test('an unpaid line in an open period is replaced, not corrected', async () => {
      const name = 'Đỗ Thị Mười';
      assert.equal((await head.post('/admin/royalties/allowances/terms?nam=2026', { payee: ids[name], position: 'deputy', from: '2026-10-01' })).statusCode, 303);
      assert.equal((await head.post('/admin/royalties/allowances/compute?nam=2026', { period: '2026-12' })).statusCode, 303);
      assert.deepEqual((await live(ids[name]!)).map((l) => [l.kind, l.amount]), [['allowance', 504_110]]);
      const term = await t.db.selectFrom('royalty_board_terms').select('id').where('payee_id', '=', ids[name]!).executeTakeFirstOrThrow();
      assert.equal((await head.post(`/admin/royalties/allowances/terms/${term.id}/end?nam=2026`, { to: '2026-10-31' })).statusCode, 303);
      assert.equal((await head.post('/admin/royalties/allowances/compute?nam=2026', { period: '2026-12' })).statusCode, 303);
      const all = await linesOf(ids[name]!);
      assert.deepEqual(all.map((l) => [l.kind, l.amount, l.voided_at !== null]), [['allowance', 504_110, true], ['allowance', 169_863, false]]);
    });
  });

  test('suggest from members creates terms from 1 January for the board roles, once', async () => {
    const res = await head.post('/admin/royalties/allowances/suggest?nam=2026', {});
    assert.equal(res.statusCode, 303);
    const terms = await t.db
      .selectFrom('royalty_board_terms as t')
      .innerJoin('royalty_payees as p', 'p.id', 't.payee_id')
      .select(['p.full_name', 'p.user_id', 't.position', 't.from_on', 't.to_on'])
      .where('t.site_id', '=', board.site.id)
      .where('p.user_id', 'is not', null)
      .orderBy('t.position')
      .orderBy('p.full_name')
      .execute();
    assert.deepEqual(
      terms.map((r) => [r.full_name, r.position, r.from_on, r.to_on]),
      [
        ['Người deputy', 'deputy', '2026-01-01', null],
        ['Người editor_in_chief', 'head', '2026-01-01', null],
        ['Người board_member', 'member', '2026-01-01', null],
        ['Người secretariat', 'member', '2026-01-01', null],
      ],
    );
    await head.post('/admin/royalties/allowances/suggest?nam=2026', {});
    const again = await t.db.selectFrom('royalty_board_terms').select('id').where('site_id', '=', board.site.id).execute();
    assert.equal(again.length, 4 + 4);
  });
});
