// Periods and monthly sheets on SQLite and PostgreSQL, driven over HTTP as the
// board would: closing a period locks it (writeLines refuses it) and the
// current month cannot be closed; a correction written after closing shows on
// the next period's sheet with the line it corrects; unpaid lines of earlier
// periods are carried over until paid (payment is allowed in a closed period);
// the 60-day and taken-down flags; manual remuneration; grouping per unit and
// one payee; a contributor gets 403 everywhere, a deputy reads but cannot act;
// another site's lines never appear.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Agent, textOf } from '../../../test/support/agent.ts';
import { buildTestApp, TestClock, type TestApp } from '../../../test/support/app.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { makeBoard, publishArticle, type Board } from '../../../test/support/editorial.ts';
import { makeSite } from '../../../test/support/factories.ts';
import { htmlCheckerUnavailable, htmlErrors } from '../../../test/support/html-checker.ts';
import { inTransaction, type Db } from '../../platform/db/database.ts';
import { LANG_COOKIE } from '../sites/http.ts';
import type { Site } from '../sites/site.ts';
import { writeLines, type NewLine } from './ledger.ts';

async function payee(db: Db, siteId: number, name: string, unitId: number | null = null): Promise<number> {
  const now = new Date().toISOString();
  const row = await db
    .insertInto('royalty_payees')
    .values({ site_id: siteId, user_id: null, full_name: name, pen_names: '[]', unit_id: unitId, position: null, note: null, active: 1, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Lines as they were written in an earlier month (fixtures behind a closed period, which writeLines refuses today). */
async function history(db: Db, siteId: number, lines: (NewLine & { unitId?: number | null })[]): Promise<void> {
  const now = '2026-08-31T03:00:00.000Z';
  for (const l of lines) {
    await db
      .insertInto('royalty_lines')
      .values({
        site_id: siteId, period: l.period, payee_id: l.payeeId, unit_id: l.unitId ?? null, kind: l.kind, assessment_id: null, article_id: l.articleId ?? null,
        description: l.description, role: l.role ?? null, share_bp: l.shareBp ?? null, amount: l.amount, budget_line: l.kind === 'royalty' ? 'royalties' : 'board_remuneration',
        corrects_line_id: null, due_on: l.dueOn ?? null, voided_at: null, paid_on: null, paid_ref: null, paid_by_user_id: null, created_by_user_id: null, created_at: now, updated_at: now,
      })
      .execute();
  }
}

async function write(db: Db, siteId: number, lines: NewLine[]): Promise<number[]> {
  return inTransaction(db, (trx) => writeLines(trx, siteId, null, lines));
}

/** The text of a page with its whitespace collapsed. */
async function pageText(agent: Agent, url: string): Promise<string> {
  const res = await agent.get(url);
  assert.equal(res.statusCode, 200, `${url}: ${res.statusCode}`);
  return textOf(res.body).replace(/\s+/g, ' ');
}

forEachEngine('royalty periods and sheets', (engine) => {
  let t: TestApp;
  let board: Board;
  let otherSite: Site;
  let head: Agent;
  let deputy: Agent;
  let contributor: Agent;
  let tam: number;
  let hoa: number;
  let otherPayee: number;
  let liveArticle: number;
  let goneArticle: number;

  before(async () => {
    t = await buildTestApp(engine, { clock: new TestClock(new Date('2026-12-06T03:00:00Z')) });
    board = await makeBoard(t, 'kybk');
    liveArticle = (await publishArticle(board, { title: 'Khánh thành cầu treo bản Mới' })).id;
    goneArticle = (await publishArticle(board, { title: 'Lễ hội đền Nưa' })).id;
    await t.db.updateTable('articles').set({ publication: 'taken_down' }).where('id', '=', goneArticle).execute();
    tam = await payee(t.db, board.site.id, 'Lê Văn Tâm', board.unitId);
    hoa = await payee(t.db, board.site.id, 'Nguyễn Thị Hoa');
    otherSite = await makeSite(t.db, 'khacbk');
    otherPayee = await payee(t.db, otherSite.id, 'Người Trang Khác');
    await write(t.db, otherSite.id, [
      { period: '2026-10', payeeId: otherPayee, kind: 'remuneration', description: 'Khoản của trang khác', amount: 7_777_777 },
      { period: '2026-11', payeeId: otherPayee, kind: 'remuneration', description: 'Khoản của trang khác', amount: 7_777_777 },
    ]);
    t.refreshSites();
    head = new Agent(t.app, board.host);
    await head.login(board.people.editor_in_chief.email);
    deputy = new Agent(t.app, board.host);
    await deputy.login(board.people.deputy.email);
    contributor = new Agent(t.app, board.host);
    await contributor.login(board.people.contributor.email);
  });
  after(async () => t.close());

  describe('closing, corrections, carrying over, payment', () => {
    let october: number;

    test('a period is closed after confirmation; then writeLines refuses it and the sheet says so', async () => {
      october = (await write(t.db, board.site.id, [{ period: '2026-10', payeeId: tam, kind: 'royalty', description: 'Nhuận bút', amount: 300_000, articleId: liveArticle, role: 'author', shareBp: 10_000, dueOn: '2027-01-05' }]))[0]!;
      const unconfirmed = await head.post('/admin/royalties/periods/2026-10/close', {});
      assert.equal(unconfirmed.statusCode, 400);
      assert.match(textOf(unconfirmed.body), /Hãy đánh dấu ô xác nhận/);
      assert.equal(await t.db.selectFrom('royalty_periods').select('id').where('site_id', '=', board.site.id).executeTakeFirst(), undefined);

      const closed = await head.post('/admin/royalties/periods/2026-10/close', { confirm: 'on' });
      assert.equal(closed.statusCode, 303);
      const sheet = await pageText(head, '/admin/royalties/periods/2026-10');
      assert.match(sheet, /Đã khóa sổ/);
      assert.match(sheet, new RegExp(`bởi ${board.people.editor_in_chief.name}`));
      await assert.rejects(write(t.db, board.site.id, [{ period: '2026-10', payeeId: tam, kind: 'remuneration', description: 'Muộn', amount: 1000 }]), /Period 2026-10 is closed/);
      const audit = await t.db.selectFrom('audit_log').select(['action', 'target_id']).where('site_id', '=', board.site.id).where('action', '=', 'royalty.close_period').execute();
      assert.deepEqual(audit.map((a) => a.target_id), ['2026-10']);
      const list = await pageText(head, '/admin/royalties/periods');
      assert.match(list, /Tháng 10\/2026 Đã khóa sổ/);
      assert.match(list, /Tháng 12\/2026 Đang mở/);
    });

    test('the current month cannot be closed, nor a period twice', async () => {
      const current = await head.post('/admin/royalties/periods/2026-12/close', { confirm: 'on' });
      assert.equal(current.statusCode, 400);
      assert.match(textOf(current.body), /chưa kết thúc/);
      const again = await head.post('/admin/royalties/periods/2026-10/close', { confirm: 'on' });
      assert.equal(again.statusCode, 400);
      assert.match(textOf(again.body), /đã khóa sổ/);
      const rows = await t.db.selectFrom('royalty_periods').select('period').where('site_id', '=', board.site.id).execute();
      assert.deepEqual(rows.map((r) => r.period), ['2026-10']);
    });

    test('a correction in the next period shows on its sheet with the line it corrects', async () => {
      await write(t.db, board.site.id, [{ period: '2026-11', payeeId: tam, kind: 'correction', description: 'Điều chỉnh hệ số', amount: -50_000, correctsLineId: october }]);
      const sheet = await pageText(head, '/admin/royalties/periods/2026-11');
      assert.match(sheet, new RegExp(`Điều chỉnh dòng số ${october} kỳ Tháng 10/2026`));
      assert.match(sheet, /-50\.000/);
    });

    test('unpaid lines of earlier periods are carried over until paid, and paying works in a closed period', async () => {
      let sheet = await pageText(head, '/admin/royalties/periods/2026-11');
      const carried = sheet.slice(sheet.indexOf('Chưa chi từ các kỳ trước'));
      assert.match(carried, /Khánh thành cầu treo bản Mới/);
      assert.match(carried, /Tháng 10\/2026/);
      assert.match(carried, /Cộng các kỳ trước 300\.000/);
      assert.match(carried, /Tổng số phải chi: 250\.000 đ/);
      assert.match(carried, /Bằng chữ: Hai trăm năm mươi nghìn đồng/);

      const missingRef = await head.post('/admin/royalties/periods/2026-10/pay', { payee: tam, paidOn: '2026-12-05' });
      assert.equal(missingRef.statusCode, 400);
      assert.match(textOf(missingRef.body), /Số chứng từ/);
      const paid = await head.post('/admin/royalties/periods/2026-10/pay', { payee: tam, paidOn: '2026-12-05', reference: 'PC-118' });
      assert.equal(paid.statusCode, 303);
      const line = await t.db.selectFrom('royalty_lines').select(['paid_on', 'paid_ref', 'amount']).where('id', '=', october).executeTakeFirstOrThrow();
      assert.deepEqual({ ...line, amount: Number(line.amount) }, { paid_on: '2026-12-05', paid_ref: 'PC-118', amount: 300_000 });
      sheet = await pageText(head, '/admin/royalties/periods/2026-11');
      assert.match(sheet, /Không còn khoản nào chưa chi từ các kỳ trước/);
      assert.match(await pageText(head, '/admin/royalties/periods/2026-10'), /Chi ngày 05\/12\/2026, chứng từ PC-118/);
      const audit = await t.db.selectFrom('audit_log').select('details').where('site_id', '=', board.site.id).where('action', '=', 'royalty.pay').execute();
      assert.equal(audit.length, 1);
      assert.match(String(audit[0]!.details), /PC-118/);
    });

    test('chosen lines can be paid one by one', async () => {
      const [a, b] = await write(t.db, board.site.id, [
        { period: '2026-12', payeeId: hoa, kind: 'editing', description: 'Biên tập số đặc biệt', amount: 120_000 },
        { period: '2026-12', payeeId: hoa, kind: 'collecting', description: 'Sưu tầm tư liệu ảnh', amount: 80_000 },
      ]);
      const res = await head.post('/admin/royalties/periods/2026-12/pay', { dong: [String(a)], paidOn: '2026-12-06', reference: 'PC-200' });
      assert.equal(res.statusCode, 303);
      const rows = await t.db.selectFrom('royalty_lines').select(['id', 'paid_ref']).where('id', 'in', [a!, b!]).orderBy('id').execute();
      assert.deepEqual(rows.map((r) => r.paid_ref), ['PC-200', null]);
    });
  });

  describe('flags, grouping, remuneration', () => {
    test('lines past their due date and unpaid say "Quá hạn chi trả"; an unpaid line of a taken-down item says "Đã gỡ trước khi chi"', async () => {
      // Lines of August, written back then (October is closed now, so nothing can be booked into August today).
      await history(t.db, board.site.id, [
        { period: '2026-08', payeeId: hoa, kind: 'royalty', description: 'Nhuận bút', amount: 200_000, articleId: liveArticle, role: 'photographer', shareBp: 4000, dueOn: '2026-10-02' },
        { period: '2026-08', payeeId: tam, kind: 'royalty', description: 'Nhuận bút', amount: 150_000, articleId: goneArticle, role: 'author', shareBp: 10_000, dueOn: '2027-02-01', unitId: board.unitId },
      ]);
      const html = (await head.get('/admin/royalties/periods/2026-08')).body;
      const rows = html.split('<tr').map((r) => textOf(`<table><tr${r}</table>`).replace(/\s+/g, ' '));
      const overdue = rows.find((r) => r.includes('Nguyễn Thị Hoa') && r.includes('200.000'))!;
      assert.match(overdue, /Quá hạn chi trả \(hạn 02\/10\/2026\)/);
      assert.match(overdue, /Người chụp ảnh 40 %/);
      assert.doesNotMatch(overdue, /Đã gỡ trước khi chi/);
      const gone = rows.find((r) => r.includes('Lễ hội đền Nưa'))!;
      assert.match(gone, /Đã gỡ trước khi chi/);
      assert.doesNotMatch(gone, /Quá hạn/);
      const list = await pageText(head, '/admin/royalties/periods');
      assert.match(list, /Tháng 8\/2026 Đang mở 350\.000 0 350\.000 200\.000/);
    });

    test('per unit, and one payee', async () => {
      const byUnit = await pageText(head, '/admin/royalties/periods/2026-08?theo=don-vi');
      assert.match(byUnit, /Phòng Văn hóa và Thông tin/);
      assert.match(byUnit, /Chưa thuộc đơn vị nào/);
      const one = await pageText(head, `/admin/royalties/periods/2026-08?nguoi=${hoa}`);
      assert.match(one, /Cộng kỳ này: 200\.000 đ/);
      assert.doesNotMatch(one, /Lễ hội đền Nưa/);
    });

    test('a remuneration line is added to an open period, not to a closed one', async () => {
      const bad = await head.post('/admin/royalties/periods/2026-12/remuneration', { remPayee: tam, kind: 'approving', amount: '1,2 triệu', description: 'Duyệt tin' });
      assert.equal(bad.statusCode, 400);
      assert.match(textOf(bad.body), /Số tiền phải là số nguyên đồng/);
      const ok = await head.post('/admin/royalties/periods/2026-12/remuneration', { remPayee: tam, kind: 'approving', amount: '1.200.000', description: 'Duyệt tin tháng 12' });
      assert.equal(ok.statusCode, 303);
      const line = await t.db.selectFrom('royalty_lines').select(['kind', 'amount', 'budget_line']).where('site_id', '=', board.site.id).where('description', '=', 'Duyệt tin tháng 12').executeTakeFirstOrThrow();
      assert.deepEqual({ ...line, amount: Number(line.amount) }, { kind: 'approving', amount: 1_200_000, budget_line: 'board_remuneration' });
      assert.ok(await t.db.selectFrom('audit_log').select('id').where('site_id', '=', board.site.id).where('action', '=', 'royalty.remuneration').executeTakeFirst());
      const closed = await head.post('/admin/royalties/periods/2026-10/remuneration', { remPayee: tam, kind: 'approving', amount: '100000', description: 'Muộn' });
      assert.equal(closed.statusCode, 400);
      assert.match(textOf(closed.body), /đã khóa sổ/);
    });

    test('the sheet reads in English when asked', async () => {
      const reader = new Agent(t.app, board.host);
      await reader.login(board.people.deputy.email);
      reader.setCookie(LANG_COOKIE, 'en');
      const text = await pageText(reader, '/admin/royalties/periods/2026-08?theo=don-vi');
      assert.match(text, /Sheet 2026-08/);
      assert.match(text, /No unit/);
      assert.match(text, /Taken down before payment/);
      assert.match(text, /Payment overdue \(due 2026-10-02\)/);
    });

    test('a malformed period or payee is not found', async () => {
      for (const url of ['/admin/royalties/periods/2026-13', '/admin/royalties/periods/thang-11', '/admin/royalties/periods/2026-11.docx', '/admin/royalties/periods/2026-11?theo=abc']) {
        assert.equal((await head.get(url)).statusCode, 404, url);
      }
    });
  });

  test('the pages are valid HTML', { skip: htmlCheckerUnavailable() ?? false }, async () => {
    const pages = [];
    for (const url of ['/admin/royalties/periods', '/admin/royalties/periods/2026-08', '/admin/royalties/periods/2026-10', '/admin/royalties/periods/2026-12?theo=don-vi', '/admin/royalties/allowances?nam=2026']) {
      pages.push({ label: `GET ${url}`, html: (await head.get(url)).body });
    }
    pages.push({ label: 'POST close (refused)', html: (await head.post('/admin/royalties/periods/2026-11/close', {})).body });
    assert.deepEqual(await htmlErrors(pages), []);
  });

  describe('who sees what', () => {
    const gets = ['/admin/royalties/periods', '/admin/royalties/periods/2026-11', '/admin/royalties/periods/2026-11.xlsx', '/admin/royalties/periods/2026-11.pdf', '/admin/royalties/periods/2026-11.csv', '/admin/royalties/allowances?nam=2026'];
    const posts = ['/admin/royalties/periods/2026-11/close', '/admin/royalties/periods/2026-11/pay', '/admin/royalties/periods/2026-12/remuneration', '/admin/royalties/allowances/terms?nam=2026', '/admin/royalties/allowances/terms/1/end?nam=2026', '/admin/royalties/allowances/suggest?nam=2026', '/admin/royalties/allowances/compute?nam=2026'];

    test('a contributor gets 403 on every route', async () => {
      for (const url of gets) assert.equal((await contributor.get(url)).statusCode, 403, url);
      for (const url of posts) assert.equal((await contributor.post(url, { confirm: 'on' })).statusCode, 403, url);
    });

    test('a deputy reads the sheets but gets 403 on every change, and sees no change form', async () => {
      for (const url of gets) assert.equal((await deputy.get(url)).statusCode, 200, url);
      for (const url of posts) assert.equal((await deputy.post(url, { confirm: 'on', payee: tam, paidOn: '2026-12-06', reference: 'X' })).statusCode, 403, url);
      const sheet = (await deputy.get('/admin/royalties/periods/2026-11')).body;
      assert.doesNotMatch(sheet, /action="\/admin\/royalties\/periods\/2026-11\/(pay|close)"/);
      assert.equal(await t.db.selectFrom('royalty_periods').select('id').where('period', '=', '2026-11').executeTakeFirst(), undefined);
    });

    test("another site's lines never appear, and its payee is not found", async () => {
      for (const url of ['/admin/royalties/periods', '/admin/royalties/periods/2026-10', '/admin/royalties/periods/2026-11', '/admin/royalties/periods/2026-11.csv']) {
        const body = (await head.get(url)).body;
        assert.doesNotMatch(body, /Người Trang Khác|7\.777\.777|7777777/, url);
      }
      assert.equal((await head.get(`/admin/royalties/periods/2026-11?nguoi=${otherPayee}`)).statusCode, 404);
      const res = await head.post('/admin/royalties/periods/2026-11/pay', { payee: otherPayee, paidOn: '2026-12-06', reference: 'PC-X' });
      assert.equal(res.statusCode, 400);
      const theirs = await t.db.selectFrom('royalty_lines').select('paid_on').where('site_id', '=', otherSite.id).execute();
      assert.ok(theirs.every((l) => l.paid_on === null));
    });
  });
});
