// Assessing published items on SQLite and PostgreSQL, through the pages: a
// coefficient of 2,5 under a table paying 10 % of the base salary (2,530,000
// VND since 1 Jul 2026) is 632,500 VND, split 60/40 into 379,500 and 253,000,
// with the per-item approving remuneration for whoever approved the item;
// shares that do not total 100 % and a coefficient out of range are refused;
// the budget warning stops the save until it is ticked; a re-assessment in an
// open period voids and replaces, and after the period is closed writes the
// difference as corrections into the next open period; readers'
// contributions wait for an explicit choice; the queue shows the days left,
// an overdue item in words and an item with no policy in force; a contributor,
// a publisher and a site administrator are refused every royalty page, the
// deputy only views; another site's item or payee is not found.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Agent, textOf } from '../../../test/support/agent.ts';
import { buildTestApp, TestClock, type TestApp } from '../../../test/support/app.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { makeBoard, publishArticle, type Board, type BoardRole } from '../../../test/support/editorial.ts';
import { publishEntry } from '../../../test/support/entries.ts';
import { makePng } from '../../../test/support/docx.ts';
import { LANG_COOKIE } from '../sites/http.ts';
import { systemActor } from '../../../test/support/factories.ts';
import { htmlCheckerUnavailable, htmlErrors } from '../../../test/support/html-checker.ts';
import { BASE_SALARY_RULE, POLICY_RULE, type RoyaltyPolicy } from '../../core/royalties/policy.ts';
import { createDelegation } from '../delegations/manage-delegations.ts';
import { addRuleVersion } from '../rules/store.ts';
import { DECREE_18_POLICY } from './national.ts';
import { formatShareBp, parseShareBp } from './assess.ts';
import { payeeForByline, payeeForUser } from './payees.ts';

/** A provincial-style table from 1 Sep 2026: Decree 18's genres, 10 % of the base salary, 100,000 VND per item approved. */
const POLICY: RoyaltyPolicy = { ...DECREE_18_POLICY, remuneration: { editing: 0, collecting: 0, approving: 100_000 } };

test('shares are read as percentages with up to two decimals, kept in basis points', () => {
  assert.deepEqual(['60', '33,33', '12.5', '100', '0,5 %'].map(parseShareBp), [6000, 3333, 1250, 10000, 50]);
  assert.deepEqual(['101', 'abc', '1,234', ''].map(parseShareBp), [null, null, null, null]);
  assert.deepEqual([6000, 3333, 1250].map(formatShareBp), ['60', '33,33', '12,5']);
});

forEachEngine('royalty assessment', (engine) => {
  let t: TestApp;
  let board: Board;
  let other: Board;
  const clock = new TestClock(new Date('2026-08-20T03:00:00Z'));
  let noPolicyItem: { id: number };
  let item: { id: number };
  let budgetItem: { id: number };
  let readerItem: { id: number };
  let otherItem: { id: number };
  let album: { id: number };
  let collaboratorId: number;

  async function as(role: BoardRole, b: Board = board): Promise<Agent> {
    const agent = new Agent(t.app, b.host);
    await agent.login(b.people[role].email);
    return agent;
  }

  before(async () => {
    t = await buildTestApp(engine, { clock });
    board = await makeBoard(t, 'nhuanbut');
    other = await makeBoard(t, 'khac');
    const actor = systemActor(board.site.id);
    await addRuleVersion(t.db, actor, { siteId: null, key: BASE_SALARY_RULE, value: 2_340_000, effectiveFrom: '2024-07-01', citation: 'Nghị định 73/2024/NĐ-CP' });
    await addRuleVersion(t.db, actor, { siteId: null, key: BASE_SALARY_RULE, value: 2_530_000, effectiveFrom: '2026-07-01', citation: 'Nghị định mức lương cơ sở 2026', reason: 'Mức mới từ 01/07/2026' });
    await addRuleVersion(t.db, actor, { siteId: board.site.id, key: POLICY_RULE, value: POLICY, effectiveFrom: '2026-09-01', citation: 'Quyết định 25/2026/QĐ-UBND' });
    await addRuleVersion(t.db, systemActor(other.site.id), { siteId: other.site.id, key: POLICY_RULE, value: { ...POLICY, payReaderContributions: true }, effectiveFrom: '2026-09-01', citation: 'Quyết định khác' });
    // Published on 20 Aug 2026: no table is in force on the site that day (no national one in this test).
    noPolicyItem = await publishArticle(board, { title: 'Tin đăng khi chưa có chế độ nhuận bút', authorName: 'Hà Giang' });
    clock.set('2026-10-15T03:00:00Z');
    item = await publishArticle(board, { title: 'Khánh thành cầu treo bản Mới', authorName: 'Hà Giang' });
    budgetItem = await publishArticle(board, { title: 'Hội nghị tổng kết năm học', authorName: 'Lê Văn Tâm' });
    readerItem = await publishArticle(board, { title: 'Thư bạn đọc về con đường liên xã', authorName: 'Một bạn đọc', readerContribution: true });
    otherItem = await publishArticle(other, { title: 'Tin của trang khác' });
    // Entries: a thematic article is written work and waits for assessment; a notice is not paid per item.
    await publishEntry(board, 'thematic', { topic: 'Chuyển đổi số', origin: 'original', source: 'Phòng Văn hóa và Thông tin' }, { title: 'Chuyển đổi số ở cấp xã: kinh nghiệm bước đầu', bodyHtml: '<p>Nội dung.</p>' });
    await publishEntry(board, 'announcement', { category: 'other', validity: { from: '2026-10-15', to: '2026-12-31' } }, { title: 'Thông báo lịch tiếp công dân tháng 10', bodyHtml: '<p>Nội dung.</p>' });
    // A photo album is authored work too, assessed as photos ('anh').
    const uploader = new Agent(t.app, board.host);
    await uploader.login(board.people.contributor.email);
    await uploader.upload('/admin/media', { purpose: 'image', alt: 'Cầu treo bản Mới' }, { name: 'cau-treo.png', data: makePng(400, 300) });
    const photo = await t.db.selectFrom('media').select('id').where('site_id', '=', board.site.id).where('original_name', '=', 'cau-treo.png').executeTakeFirstOrThrow();
    album = await publishEntry(board, 'gallery', { galleryType: 'photo', eventDate: '2026-10-14', pictures: [{ mediaId: photo.id, alt: 'Cầu treo bản Mới', caption: 'Cầu treo bản Mới ngày khánh thành' }] }, { title: 'Ảnh: khánh thành cầu treo bản Mới' });
    await publishArticle(other, { title: 'Thư bạn đọc ở trang trả nhuận bút cho bạn đọc', readerContribution: true });
    clock.set('2026-11-05T03:00:00Z');
  });
  after(async () => t.close());

  describe('payees', () => {
    test('the editor-in-chief adds an outside collaborator with a pen name; the byline finds them ignoring case and marks', async () => {
      const head = await as('editor_in_chief');
      const refused = await head.post('/admin/royalties/payees', { fullName: '', penNames: 'Hà Giang' });
      assert.equal(refused.statusCode, 400);
      assert.match(textOf(refused.body), /Vui lòng nhập Họ và tên/);
      const res = await head.post('/admin/royalties/payees', { fullName: 'Nguyễn Văn An', penNames: 'Hà Giang\nAn Nhiên\n', unitId: '', userId: '', position: 'Cộng tác viên', active: 'on' });
      assert.equal(res.statusCode, 303, res.body.slice(0, 300));
      const row = await t.db.selectFrom('royalty_payees').selectAll().where('site_id', '=', board.site.id).where('full_name', '=', 'Nguyễn Văn An').executeTakeFirstOrThrow();
      collaboratorId = row.id;
      assert.deepEqual(JSON.parse(row.pen_names), ['Hà Giang', 'An Nhiên']);
      assert.equal(row.user_id, null);
      assert.equal((await payeeForByline(t.db, board.site.id, 'HA GIANG'))?.id, row.id);
      assert.equal((await payeeForByline(t.db, board.site.id, 'nguyen van an'))?.id, row.id);
      assert.equal(await payeeForByline(t.db, board.site.id, 'Không ai cả'), null);
      assert.equal(await payeeForByline(t.db, other.site.id, 'Hà Giang'), null);
      const list = textOf((await head.get('/admin/royalties/payees')).body);
      assert.match(list, /Nguyễn Văn An/);
      assert.match(list, /Hà Giang, An Nhiên/);
      const audit = await t.db.selectFrom('audit_log').select('action').where('site_id', '=', board.site.id).where('action', '=', 'royalty.payee_create').execute();
      assert.equal(audit.length, 1);
      const edited = await head.post(`/admin/royalties/payees/${row.id}`, { fullName: 'Nguyễn Văn An', penNames: 'Hà Giang\nAn Nhiên', position: 'Cộng tác viên thường xuyên', active: 'on' });
      assert.equal(edited.statusCode, 303);
      assert.equal((await t.db.selectFrom('audit_log').select('action').where('site_id', '=', board.site.id).where('action', '=', 'royalty.payee_update').execute()).length, 1);
    });

    test('a member without a payee gets one from their name and unit', async () => {
      const payee = await payeeForUser(t.db, board.site.id, board.people.contributor.id);
      assert.equal(payee.fullName, board.people.contributor.name);
      assert.equal(payee.unitId, board.unitId);
      assert.equal((await payeeForUser(t.db, board.site.id, board.people.contributor.id)).id, payee.id);
    });

    test('another site’s payee is not found', async () => {
      const head = await as('editor_in_chief', other);
      assert.equal((await head.get(`/admin/royalties/payees/${collaboratorId}`)).statusCode, 404);
      assert.equal((await head.post(`/admin/royalties/payees/${collaboratorId}`, { fullName: 'Đổi tên' })).statusCode, 404);
    });
  });

  describe('the queue', () => {
    test('lists the items to assess oldest first, with the days left and the item published with no policy in force', async () => {
      const head = await as('editor_in_chief');
      const page = textOf((await head.get('/admin/royalties')).body);
      const first = page.indexOf('Tin đăng khi chưa có chế độ nhuận bút');
      const second = page.indexOf('Khánh thành cầu treo bản Mới');
      assert.ok(first > 0 && second > first, 'oldest first');
      assert.match(page, /Không có chế độ nhuận bút áp dụng vào ngày đăng/);
      // Published 15/10, due 60 days later: 14/12; on 05/11 that is 39 days away.
      assert.match(page, /Còn 39 ngày \(đến 14\/12\/2026\)/);
      assert.doesNotMatch(page, /Thư bạn đọc về con đường liên xã/, 'a reader’s contribution waits in its own tab');
      assert.doesNotMatch(page, /Tin của trang khác/);
      assert.match(page, /Chuyển đổi số ở cấp xã: kinh nghiệm bước đầu/, 'a thematic entry is written work');
      assert.match(page, /Ảnh: khánh thành cầu treo bản Mới/, 'a photo album is authored work');
      // The head's back-office home says how many items wait (the five above the reader's letter); a deputy, who cannot assess, is not told.
      assert.match(textOf((await head.get('/admin')).body), /Có 5 tin bài đã đăng chờ chấm nhuận bút/);
      assert.doesNotMatch(textOf((await (await as('deputy')).get('/admin')).body), /chờ chấm nhuận bút/);
      assert.doesNotMatch(page, /Thông báo lịch tiếp công dân tháng 10/, 'a notice is not paid per item');
      const readers = textOf((await head.get('/admin/royalties?tab=readers')).body);
      assert.match(readers, /Thư bạn đọc về con đường liên xã/);
      // Where the policy pays readers' contributions, they wait with the others.
      const otherHead = await as('editor_in_chief', other);
      assert.match(textOf((await otherHead.get('/admin/royalties')).body), /Thư bạn đọc ở trang trả nhuận bút cho bạn đọc/);
      clock.set('2026-12-20T03:00:00Z');
      const late = await as('editor_in_chief');
      assert.match(textOf((await late.get('/admin/royalties')).body), /Quá hạn 6 ngày \(hạn 14\/12\/2026\)/);
      clock.set('2026-11-05T03:00:00Z');
    });
  });

  describe('assessing', () => {
    test('the page proposes the byline’s payee and the approver; a preview shows the amount without writing', async () => {
      const head = await as('editor_in_chief');
      const page = await head.get(`/admin/royalties/assess/${item.id}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, new RegExp(`<option value="p${collaboratorId}" selected`));
      assert.match(textOf(page.body), /Quyết định 25\/2026\/QĐ-UBND/);
      assert.match(textOf(page.body), /253\.000 đ/, 'unit value: 10 % of 2,530,000');
      // The last approval of the chain was the editor-in-chief's.
      const approver = await t.db.selectFrom('royalty_payees').select('id').where('user_id', '=', board.people.editor_in_chief.id).executeTakeFirst();
      const approverValue = approver ? `p${approver.id}` : `u${board.people.editor_in_chief.id}`;
      assert.match(page.body, new RegExp(`name="rem_approving"[^]*?<option value="${approverValue}" selected`));
      const preview = await head.post(`/admin/royalties/assess/${item.id}`, { intent: 'preview', genre: 'bai', coefficient: '2,5', share0Payee: `p${collaboratorId}`, share0Role: 'author', share0Pct: '100' });
      assert.equal(preview.statusCode, 200);
      assert.match(textOf(preview.body), /Nhuận bút: 632\.500 đ/);
      assert.equal((await t.db.selectFrom('royalty_assessments').select('id').execute()).length, 0);
    });

    test('a photo album is proposed as photos (genre anh)', async () => {
      const page = await (await as('editor_in_chief')).get(`/admin/royalties/assess/${album.id}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<option value="anh" selected/);
    });

    test('shares not totalling 100 % and a coefficient out of range are refused with their messages', async () => {
      const head = await as('editor_in_chief');
      const shares = await head.post(`/admin/royalties/assess/${item.id}`, { intent: 'save', genre: 'bai', coefficient: '2,5', share0Payee: `p${collaboratorId}`, share0Role: 'author', share0Pct: '60', share1Payee: `u${board.people.deputy.id}`, share1Role: 'photographer', share1Pct: '30' });
      assert.equal(shares.statusCode, 400);
      assert.match(textOf(shares.body), /Tổng tỷ lệ chia phải bằng 100 % \(hiện là 90 %\)\./);
      assert.match(textOf(shares.body), /Nhuận bút: 632\.500 đ/, 'the amount is shown before saving');
      const range = await head.post(`/admin/royalties/assess/${item.id}`, { intent: 'save', genre: 'bai', coefficient: '35', share0Payee: `p${collaboratorId}`, share0Role: 'author', share0Pct: '100' });
      assert.equal(range.statusCode, 400);
      assert.match(textOf(range.body), /Hệ số của thể loại "Bài \(bình luận, phóng sự, phỏng vấn, nghiên cứu\)" phải từ 1 đến 30\./);
      assert.equal((await t.db.selectFrom('royalty_assessments').select('id').execute()).length, 0);
      assert.equal((await t.db.selectFrom('royalty_lines').select('id').execute()).length, 0);
    });

    test('an assessment writes the hand-computed amount, the split and the approving remuneration', async () => {
      const head = await as('editor_in_chief');
      const res = await head.post(`/admin/royalties/assess/${item.id}`, {
        intent: 'save', genre: 'bai', coefficient: '2,5', qualityNote: 'Bài viết tốt, có ảnh minh họa.',
        share0Payee: `p${collaboratorId}`, share0Role: 'author', share0Pct: '60',
        share1Payee: `u${board.people.deputy.id}`, share1Role: 'photographer', share1Pct: '40',
        rem_approving: `u${board.people.editor_in_chief.id}`,
      });
      assert.equal(res.statusCode, 303, textOf(res.body).slice(0, 600));
      const a = await t.db.selectFrom('royalty_assessments').selectAll().where('article_id', '=', item.id).executeTakeFirstOrThrow();
      assert.deepEqual(
        { version: a.version, publishedOn: a.published_on, period: a.period, genre: a.genre_key, c: a.coefficient_x100, unitValue: a.unit_value, gross: a.gross, amount: a.amount, overBudget: a.over_budget },
        { version: 1, publishedOn: '2026-10-15', period: '2026-10', genre: 'bai', c: 250, unitValue: 253_000, gross: 632_500, amount: 632_500, overBudget: 0 },
      );
      assert.equal(JSON.parse(a.policy).citation, 'Quyết định 25/2026/QĐ-UBND');
      const deputyPayee = await t.db.selectFrom('royalty_payees').selectAll().where('user_id', '=', board.people.deputy.id).executeTakeFirstOrThrow();
      assert.equal(deputyPayee.full_name, board.people.deputy.name, 'a member’s payee is made from their name');
      const lines = await t.db.selectFrom('royalty_lines').selectAll().where('article_id', '=', item.id).orderBy('id').execute();
      assert.deepEqual(
        lines.map((l) => ({ payee: l.payee_id, kind: l.kind, role: l.role, bp: l.share_bp, amount: l.amount, period: l.period, due: l.due_on, budget: l.budget_line })),
        [
          { payee: collaboratorId, kind: 'royalty', role: 'author', bp: 6000, amount: 379_500, period: '2026-10', due: '2026-12-14', budget: 'royalties' },
          { payee: deputyPayee.id, kind: 'royalty', role: 'photographer', bp: 4000, amount: 253_000, period: '2026-10', due: '2026-12-14', budget: 'royalties' },
          { payee: lines[2]!.payee_id, kind: 'approving', role: null, bp: null, amount: 100_000, period: '2026-10', due: '2026-12-14', budget: 'board_remuneration' },
        ],
      );
      const headPayee = await t.db.selectFrom('royalty_payees').select('user_id').where('id', '=', lines[2]!.payee_id).executeTakeFirstOrThrow();
      assert.equal(headPayee.user_id, board.people.editor_in_chief.id);
      const audit = await t.db.selectFrom('audit_log').select(['action', 'details']).where('site_id', '=', board.site.id).where('action', '=', 'royalty.assess').execute();
      assert.equal(audit.length, 1);
      // The sheet names the genre in the reader's language, from the policy it was assessed under.
      const english = await as('deputy');
      english.setCookie(LANG_COOKIE, 'en');
      assert.match(textOf((await english.get('/admin/royalties/periods/2026-10')).body), /Article \(commentary, report, interview, research\)/);
      const form = (await head.get(`/admin/royalties/assess/${item.id}`)).body;
      // A written work ('bai') has no percentage of an original: the re-assessment form leaves it empty.
      assert.match(form, /<input[^>]*name="percent"[^>]*value=""|<input(?![^>]*value=)[^>]*name="percent"/);
      const page = textOf(form);
      assert.match(page, /379\.500 đ/);
      assert.match(page, /Chấm lại nhuận bút/);
      const assessed = textOf((await head.get('/admin/royalties?tab=assessed')).body);
      assert.match(assessed, /Khánh thành cầu treo bản Mới/);
      assert.match(assessed, /632\.500 đ/);
    });

    test('the budget warning stops the save until it is ticked', async () => {
      // 632,500 already counted; approved 1,000,000; this one 10 × 253,000 = 2,530,000 would exceed it.
      await t.db.insertInto('budget_lines').values({ site_id: board.site.id, year: 2026, line: 'royalties', approved: 1_000_000, note: null, created_at: '2026-01-05T00:00:00Z', updated_at: '2026-01-05T00:00:00Z' }).execute();
      const head = await as('editor_in_chief');
      const form = { intent: 'save', genre: 'tin', coefficient: '10', share0Payee: `u${board.people.contributor.id}`, share0Role: 'author', share0Pct: '100' };
      const warned = await head.post(`/admin/royalties/assess/${budgetItem.id}`, form);
      assert.equal(warned.statusCode, 400);
      const text = textOf(warned.body);
      assert.match(text, /Cảnh báo: vượt dự toán nhuận bút năm 2026/);
      assert.match(text, /Dự toán được duyệt 1\.000\.000 đ/);
      assert.match(text, /Đã chi, đã ghi nhận 632\.500 đ/);
      assert.match(text, /Lần chấm này 2\.530\.000 đ/);
      assert.match(warned.body, /name="acceptOverBudget"/);
      assert.equal((await t.db.selectFrom('royalty_assessments').select('id').where('article_id', '=', budgetItem.id).execute()).length, 0);
      const accepted = await head.post(`/admin/royalties/assess/${budgetItem.id}`, { ...form, acceptOverBudget: 'on' });
      assert.equal(accepted.statusCode, 303);
      const a = await t.db.selectFrom('royalty_assessments').selectAll().where('article_id', '=', budgetItem.id).executeTakeFirstOrThrow();
      assert.equal(a.over_budget, 1);
      assert.equal(a.amount, 2_530_000);
      await t.db.deleteFrom('budget_lines').where('site_id', '=', board.site.id).execute();
    });

    test('a re-assessment needs a reason; in an open period it voids the unpaid lines and writes new ones', async () => {
      const head = await as('editor_in_chief');
      const form = {
        intent: 'save', genre: 'bai', coefficient: '3',
        share0Payee: `p${collaboratorId}`, share0Role: 'author', share0Pct: '60',
        share1Payee: `u${board.people.deputy.id}`, share1Role: 'photographer', share1Pct: '40',
        rem_approving: `u${board.people.editor_in_chief.id}`,
      };
      const noReason = await head.post(`/admin/royalties/assess/${item.id}`, form);
      assert.equal(noReason.statusCode, 400);
      assert.match(textOf(noReason.body), /Chấm lại nhuận bút phải ghi lý do\./);
      const res = await head.post(`/admin/royalties/assess/${item.id}`, { ...form, reason: 'Bài được nhiều báo đăng lại, nâng hệ số.' });
      assert.equal(res.statusCode, 303, textOf(res.body).slice(0, 600));
      const versions = await t.db.selectFrom('royalty_assessments').select(['version', 'amount', 'reason']).where('article_id', '=', item.id).orderBy('version').execute();
      assert.deepEqual(versions, [
        { version: 1, amount: 632_500, reason: null },
        { version: 2, amount: 759_000, reason: 'Bài được nhiều báo đăng lại, nâng hệ số.' },
      ]);
      const lines = await t.db.selectFrom('royalty_lines').selectAll().where('article_id', '=', item.id).orderBy('id').execute();
      assert.deepEqual(lines.slice(0, 3).map((l) => l.voided_at !== null), [true, true, true]);
      assert.deepEqual(lines.slice(3).map((l) => [l.kind, l.amount, l.period, l.voided_at]), [
        ['royalty', 455_400, '2026-10', null],
        ['royalty', 303_600, '2026-10', null],
        ['approving', 100_000, '2026-10', null],
      ]);
      const audit = await t.db.selectFrom('audit_log').select('details').where('site_id', '=', board.site.id).where('action', '=', 'royalty.reassess').executeTakeFirstOrThrow();
      assert.match(String(audit.details), /nâng hệ số/);
      const page = textOf((await head.get(`/admin/royalties/assess/${item.id}`)).body);
      assert.match(page, /Các lần chấm/);
      assert.match(page, /759\.000 đ/);
      assert.match(page, /Đã thay thế/);
    });

    test('after the period is closed, a re-assessment corrects the difference in the next open period and leaves the closed lines alone', async () => {
      await t.db.insertInto('royalty_periods').values({ site_id: board.site.id, period: '2026-10', closed_at: '2026-11-03T02:00:00Z', closed_by_user_id: board.people.editor_in_chief.id, note: null, created_at: '2026-11-03T02:00:00Z', updated_at: '2026-11-03T02:00:00Z' }).execute();
      const closedBefore = await t.db.selectFrom('royalty_lines').selectAll().where('article_id', '=', item.id).where('voided_at', 'is', null).orderBy('id').execute();
      const head = await as('editor_in_chief');
      const res = await head.post(`/admin/royalties/assess/${item.id}`, {
        intent: 'save', genre: 'bai', coefficient: '2', reason: 'Hạ hệ số sau khi rà soát.',
        share0Payee: `p${collaboratorId}`, share0Role: 'author', share0Pct: '60',
        share1Payee: `u${board.people.deputy.id}`, share1Role: 'photographer', share1Pct: '40',
        rem_approving: `u${board.people.editor_in_chief.id}`,
      });
      assert.equal(res.statusCode, 303, textOf(res.body).slice(0, 600));
      const after = await t.db.selectFrom('royalty_lines').selectAll().where('article_id', '=', item.id).orderBy('id').execute();
      for (const line of closedBefore) {
        const now = after.find((l) => l.id === line.id)!;
        assert.deepEqual({ amount: now.amount, voided: now.voided_at, period: now.period }, { amount: line.amount, voided: null, period: '2026-10' });
      }
      const corrections = after.filter((l) => l.kind === 'correction');
      // 2 × 253,000 = 506,000: 303,600 and 202,400 against 455,400 and 303,600; approving unchanged.
      assert.deepEqual(
        corrections.map((l) => ({ period: l.period, amount: l.amount, corrects: l.corrects_line_id, description: l.description, budget: l.budget_line })),
        [
          { period: '2026-11', amount: -151_800, corrects: closedBefore[0]!.id, description: 'Điều chỉnh nhuận bút: Khánh thành cầu treo bản Mới (kỳ 10/2026)', budget: 'royalties' },
          { period: '2026-11', amount: -101_200, corrects: closedBefore[1]!.id, description: 'Điều chỉnh nhuận bút: Khánh thành cầu treo bản Mới (kỳ 10/2026)', budget: 'royalties' },
        ],
      );
      const a = await t.db.selectFrom('royalty_assessments').select(['version', 'amount']).where('article_id', '=', item.id).orderBy('version', 'desc').executeTakeFirstOrThrow();
      assert.deepEqual(a, { version: 3, amount: 506_000 });
    });

    test('a reader’s contribution is assessed only when chosen', async () => {
      const head = await as('editor_in_chief');
      const form = { intent: 'save', genre: 'tin', coefficient: '2', share0Payee: `u${board.people.contributor.id}`, share0Role: 'author', share0Pct: '100' };
      const refused = await head.post(`/admin/royalties/assess/${readerItem.id}`, form);
      assert.equal(refused.statusCode, 400);
      assert.match(textOf(refused.body), /Đây là bài cộng tác của bạn đọc/);
      const chosen = await head.post(`/admin/royalties/assess/${readerItem.id}`, { ...form, includeReaderContribution: 'on' });
      assert.equal(chosen.statusCode, 303);
      const a = await t.db.selectFrom('royalty_assessments').selectAll().where('article_id', '=', readerItem.id).executeTakeFirstOrThrow();
      assert.deepEqual([a.reader_contribution, a.amount], [1, 506_000]);
    });

    test('an item published with no policy in force cannot be assessed and says so', async () => {
      const head = await as('editor_in_chief');
      const page = await head.get(`/admin/royalties/assess/${noPolicyItem.id}`);
      assert.match(textOf(page.body), /Không có chế độ nhuận bút nào áp dụng vào ngày đăng/);
      assert.match(page.body, /href="\/admin\/royalties\/policy"/);
      const res = await head.post(`/admin/royalties/assess/${noPolicyItem.id}`, { intent: 'save', genre: 'tin', coefficient: '2', share0Payee: `u${board.people.contributor.id}`, share0Pct: '100' });
      assert.equal(res.statusCode, 400);
    });
  });

  describe('pages', () => {
    test('an item taken down before payment is flagged in its tab', async () => {
      await t.db.updateTable('articles').set({ publication: 'taken_down' }).where('id', '=', budgetItem.id).execute();
      const head = await as('editor_in_chief');
      const page = textOf((await head.get('/admin/royalties?tab=taken_down')).body);
      assert.match(page, /Hội nghị tổng kết năm học/);
      assert.match(page, /Đã gỡ xuống, chưa trả/);
      assert.doesNotMatch(page, /Khánh thành cầu treo bản Mới/);
      await t.db.updateTable('articles').set({ publication: 'published' }).where('id', '=', budgetItem.id).execute();
    });

    test('the royalty pages, with a preview, errors and the budget warning, are valid HTML (Nu HTML Checker)', { skip: engine.name !== 'sqlite' || htmlCheckerUnavailable() !== null }, async () => {
      const head = await as('editor_in_chief');
      const pages: { label: string; html: string }[] = [];
      for (const url of ['/admin/royalties', '/admin/royalties?tab=assessed', '/admin/royalties?tab=readers', '/admin/royalties?tab=taken_down', '/admin/royalties/payees', `/admin/royalties/payees/${collaboratorId}`, `/admin/royalties/assess/${item.id}`, `/admin/royalties/assess/${noPolicyItem.id}`]) {
        pages.push({ label: url, html: (await head.get(url)).body });
      }
      const base = { genre: 'bai', coefficient: '2,5', reason: 'Xem lại', share0Payee: `p${collaboratorId}`, share0Role: 'author', share0Pct: '60', share1Payee: `u${board.people.deputy.id}`, share1Role: 'photographer', share1Pct: '40' };
      const preview = await head.post(`/admin/royalties/assess/${item.id}`, { ...base, intent: 'preview' });
      // The deputy was chosen as a member; their payee record exists by now and is the one shown and kept selected.
      assert.match(textOf(preview.body), new RegExp(`${board.people.deputy.name} — Người chụp ảnh 40 %: 253\\.000 đ`));
      const deputyPayee = await t.db.selectFrom('royalty_payees').select('id').where('user_id', '=', board.people.deputy.id).executeTakeFirstOrThrow();
      assert.match(preview.body, new RegExp(`<option value="p${deputyPayee.id}" selected`));
      pages.push({ label: 'preview', html: preview.body });
      pages.push({ label: 'refused', html: (await head.post(`/admin/royalties/assess/${item.id}`, { ...base, share1Pct: '10', intent: 'save' })).body });
      await t.db.insertInto('budget_lines').values({ site_id: board.site.id, year: 2026, line: 'royalties', approved: 1, note: null, created_at: '2026-01-05T00:00:00Z', updated_at: '2026-01-05T00:00:00Z' }).execute();
      const warned = await head.post(`/admin/royalties/assess/${item.id}`, { ...base, intent: 'save' });
      assert.match(textOf(warned.body), /Lần chấm này 126\.500 đ/, '632,500 against the 506,000 still counted');
      pages.push({ label: 'budget warning', html: warned.body });
      await t.db.deleteFrom('budget_lines').where('site_id', '=', board.site.id).execute();
      assert.deepEqual(await htmlErrors(pages), []);
    });
  });

  describe('who sees what', () => {
    test('a contributor, a publisher and a site administrator are refused every royalty page', async () => {
      for (const role of ['contributor', 'publisher', 'site_admin'] as const) {
        const agent = await as(role);
        for (const url of ['/admin/royalties', '/admin/royalties?tab=assessed', '/admin/royalties/payees', `/admin/royalties/payees/${collaboratorId}`, `/admin/royalties/assess/${item.id}`]) {
          assert.equal((await agent.get(url)).statusCode, 403, `${role} GET ${url}`);
        }
        for (const url of ['/admin/royalties/payees', `/admin/royalties/payees/${collaboratorId}`, `/admin/royalties/assess/${budgetItem.id}`]) {
          assert.equal((await agent.post(url, { intent: 'save', genre: 'tin', coefficient: '1', fullName: 'X', share0Payee: `p${collaboratorId}`, share0Pct: '100' })).statusCode, 403, `${role} POST ${url}`);
        }
      }
    });

    test('the deputy views the queue and an assessment but cannot assess or manage payees', async () => {
      const deputy = await as('deputy');
      const queue = await deputy.get('/admin/royalties');
      assert.equal(queue.statusCode, 200);
      assert.doesNotMatch(textOf(queue.body), /(Chấm nhuận bút|chấm lại) ?: Chuyển đổi số/, 'the deputy opens items to see them, not to assess');
      assert.match(textOf(queue.body), /Xem ?: Chuyển đổi số ở cấp xã/);
      const page = await deputy.get(`/admin/royalties/assess/${item.id}`);
      assert.equal(page.statusCode, 200);
      assert.match(textOf(page.body), /Bạn chỉ có quyền xem/);
      assert.doesNotMatch(page.body, /id="assess-form"/);
      const before = await t.db.selectFrom('royalty_assessments').select('id').execute();
      const res = await deputy.post(`/admin/royalties/assess/${budgetItem.id}`, { intent: 'save', genre: 'tin', coefficient: '1', share0Payee: `p${collaboratorId}`, share0Role: 'author', share0Pct: '100', reason: 'thử' });
      assert.equal(res.statusCode, 403);
      assert.equal((await t.db.selectFrom('royalty_assessments').select('id').execute()).length, before.length);
      assert.equal((await deputy.post('/admin/royalties/payees', { fullName: 'Người mới' })).statusCode, 403);
    });

    test('another site’s item is not found', async () => {
      const head = await as('editor_in_chief');
      assert.equal((await head.get(`/admin/royalties/assess/${otherItem.id}`)).statusCode, 404);
      const res = await head.post(`/admin/royalties/assess/${otherItem.id}`, { intent: 'save', genre: 'tin', coefficient: '1', share0Payee: `p${collaboratorId}`, share0Role: 'author', share0Pct: '100' });
      assert.equal(res.statusCode, 404);
      assert.equal((await t.db.selectFrom('royalty_assessments').select('id').where('article_id', '=', otherItem.id).execute()).length, 0);
      assert.doesNotMatch(textOf((await head.get('/admin/royalties')).body), /Tin của trang khác/);
    });

    test('a deputy holding a delegation of the head’s role assesses', async () => {
      await createDelegation(t.db, { ...systemActor(board.site.id), userId: board.people.editor_in_chief.id }, { fromUserId: board.people.editor_in_chief.id, toUserId: board.people.deputy.id, roles: ['editor_in_chief'], startsOn: '2026-11-05', endsOn: '2026-11-12', reason: 'Trưởng ban đi công tác' }, { mayManageOthers: false }, clock);
      const deputy = await as('deputy');
      const res = await deputy.post(`/admin/royalties/assess/${budgetItem.id}`, { intent: 'save', genre: 'tin', coefficient: '9', share0Payee: `u${board.people.contributor.id}`, share0Role: 'author', share0Pct: '100', reason: 'Chấm lại theo ủy quyền.' });
      assert.equal(res.statusCode, 303, textOf(res.body).slice(0, 400));
      const latest = await t.db.selectFrom('royalty_assessments').select(['version', 'amount', 'assessed_by_user_id']).where('article_id', '=', budgetItem.id).orderBy('version', 'desc').executeTakeFirstOrThrow();
      assert.deepEqual(latest, { version: 2, amount: 2_277_000, assessed_by_user_id: board.people.deputy.id });
    });
  });
});
