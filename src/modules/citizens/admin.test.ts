// The back office of citizens' cases end to end, on SQLite and PostgreSQL,
// through HTTP as the people who do the work: the secretariat routes a case to
// a unit, the unit records receipt and writes the answer, the unit head and
// the editor-in-chief approve it, the board sends and publishes it — and the
// requester's mail holds the answer. Petitions, information requests (simple,
// complex with notice and one extension, reasoned refusal) and correction
// claims each go their own way to the end.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Agent, mailText, textOf } from '../../../test/support/agent.ts';
import { buildTestApp, TestClock, type TestApp } from '../../../test/support/app.ts';
import { caseDesk, makeCase, type CaseDesk } from '../../../test/support/citizens.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { makeBoard, publishArticle, type Board } from '../../../test/support/editorial.ts';
import { makeUnit, makeUser, type TestUser } from '../../../test/support/factories.ts';
import { caseFields } from './store.ts';

forEachEngine('citizens: cases in the back office', (engine) => {
  let t: TestApp;
  let b: Board;
  let responder: TestUser;
  let field: string;
  let as: CaseDesk['as'], row: CaseDesk['row'], act: CaseDesk['act'], ok: CaseDesk['ok'], answerThroughChain: CaseDesk['answerThroughChain'];

  before(async () => {
    // Monday 23 Nov 2026, 09:00 in Vietnam.
    t = await buildTestApp(engine, { clock: new TestClock(new Date('2026-11-23T02:00:00Z')) });
    b = await makeBoard(t, 'ykien');
    responder = await makeUser(t.db, b.site, ['responder'], { unitId: b.unitId, name: 'Cán bộ trả lời' });
    field = caseFields(b.site)[0]!;
    ({ as, row, act, ok, answerThroughChain } = caseDesk(t, b, responder, field));
  });
  after(async () => t.close());

  const mailsSince = (n: number) => t.sentMail().slice(n).map(mailText);
  /** Several forms share the case page: each field's id must appear once (labels and error links point at it). */
  function assertUniqueIds(html: string) {
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), []);
  }

  test('a case is not assigned to a unit where no one answers citizens: the secretariat is told why, the case stays to assign', async () => {
    const q = await makeCase(t.db, b.site, 'question', {}, t.clock.now());
    const empty = await makeUnit(t.db, b.site, 'Phòng Tài chính - Kế hoạch');
    const refused = await act(b.people.secretariat.email, q.id, 'assign', { field, unitId: String(empty) });
    assert.equal(refused.statusCode, 400);
    assert.match(textOf(refused.body), /Phòng Tài chính - Kế hoạch chưa có lãnh đạo đơn vị hoặc cán bộ trả lời ý kiến người dân nào đang hoạt động/);
    assert.equal((await row(q.id)).status, 'received');
    // A responder joins the unit: now it can be assigned.
    await makeUser(t.db, b.site, ['responder'], { unitId: empty });
    await ok(b.people.secretariat.email, q.id, 'assign', { field, unitId: String(empty) });
    assert.equal((await row(q.id)).status, 'assigned');
    assert.match(textOf((await (await as(b.people.secretariat.email)).get(`/admin/cases/${q.id}`)).body), /Đã giao cho Phòng Tài chính - Kế hoạch\./, 'the confirmation names the unit');
  });

  test('a question goes from intake to a published answer, and the asker’s mail holds the answer', async () => {
    const q = await makeCase(t.db, b.site, 'question', {}, t.clock.now());
    const secretariat = await as(b.people.secretariat.email);
    const intake = textOf((await secretariat.get('/admin/cases')).body);
    assert.match(intake, new RegExp(`Mới tiếp nhận \\(\\d+\\).*${q.tracking_code}.*Thủ tục cấp giấy phép xây dựng`, 's'));

    // Classify and assign: due times on the working calendar, counted from receipt.
    await ok(b.people.secretariat.email, q.id, 'assign', { field, unitId: String(b.unitId), assignNote: 'Đề nghị trả lời rõ thành phần hồ sơ.' });
    let r = await row(q.id);
    assert.equal(r.status, 'assigned');
    assert.equal(r.field, field);
    assert.equal(r.receipt_due_at, '2026-11-23T10:00:00.000Z', 'receipt the same day, by 17:00');
    assert.equal(r.due_at, '2026-12-14T10:00:00.000Z', '15 working days from Monday 09:00');
    const told = await t.db.selectFrom('notifications').select(['user_id', 'title', 'body']).where('site_id', '=', b.site.id).where('item_id', '=', q.id).execute();
    assert.ok(told.some((n) => n.user_id === responder.id) && told.some((n) => n.user_id === b.people.unit_head.id), 'the unit’s head and responder are told');
    for (const n of told) {
      assert.match(n.title, new RegExp(q.tracking_code));
      assert.doesNotMatch(`${n.title} ${n.body}`, /Nguyễn Thị Hoa|hoa\.nguyen|0912/, 'no personal data in notifications');
    }

    // The unit's queue puts receipts to record first; the responder records it.
    const queue = textOf((await (await as(responder.email)).get('/admin/cases')).body);
    assert.match(queue, new RegExp(`${q.tracking_code}.*Cần ghi nhận tiếp nhận`, 's'));
    const early = await act(responder.email, q.id, 'answer', { answer: 'Trả lời sớm', intent: 'save' });
    assert.equal(early.statusCode, 400);
    assert.match(textOf(early.body), /ghi nhận tiếp nhận ý kiến trước khi soạn/);
    await ok(responder.email, q.id, 'receipt');
    r = await row(q.id);
    assert.equal(r.status, 'in_progress');
    assert.equal(r.receipt_recorded_by_user_id, responder.id);

    // The answer: saved, then submitted to the chain.
    const answer = 'Hồ sơ gồm: đơn đề nghị cấp giấy phép xây dựng; bản sao giấy chứng nhận quyền sử dụng đất; bản vẽ thiết kế.\n\nNộp tại Bộ phận một cửa của Ủy ban nhân dân xã.';
    await ok(responder.email, q.id, 'answer', { answer, intent: 'save' });
    assert.equal((await row(q.id)).answer, answer);
    await ok(responder.email, q.id, 'answer', { answer, intent: 'submit' });
    r = await row(q.id);
    assert.equal(r.status, 'in_review');
    assert.equal(r.review_state, 'in_review');
    assert.equal(r.step_index, 0);
    assert.equal(r.answer_author_user_id, responder.id);

    // The editor-in-chief cannot skip the unit head's step; the unit head approves, then the editor-in-chief.
    assert.equal((await act(b.people.editor_in_chief.email, q.id, 'review', { decision: 'approve' })).statusCode, 403);
    await ok(b.people.unit_head.email, q.id, 'review', { decision: 'approve' });
    assert.equal((await row(q.id)).step_index, 1);
    const page = textOf((await (await as(b.people.editor_in_chief.email)).get(`/admin/cases/${q.id}`)).body);
    assert.match(page, /Đang ở bước: Trưởng Ban biên tập duyệt/);
    assert.match(page, /Đã duyệt: Người unit_head/);
    await ok(b.people.editor_in_chief.email, q.id, 'review', { decision: 'approve' });
    r = await row(q.id);
    assert.equal(r.status, 'approved');
    assert.deepEqual(JSON.parse(r.approvals).map((a: { userId: number }) => a.userId), [b.people.unit_head.id, b.people.editor_in_chief.id]);

    // The responder may not send; the secretariat sends and publishes with the personal data removed.
    assert.equal((await act(responder.email, q.id, 'send', { publish: 'on' })).statusCode, 403);
    const mails = t.sentMail().length;
    const noTitle = await act(b.people.secretariat.email, q.id, 'send', { publish: 'on', publicTitle: '', publicBody: 'x' });
    assert.equal(noTitle.statusCode, 400);
    assert.match(textOf(noTitle.body), /Vui lòng nhập tiêu đề công khai/);
    await ok(b.people.secretariat.email, q.id, 'send', { publish: 'on', publicTitle: 'Hồ sơ cấp phép xây dựng nhà ở riêng lẻ', publicBody: 'Một công dân hỏi về hồ sơ xin phép xây nhà 3 tầng.' });
    r = await row(q.id);
    assert.equal(r.status, 'answered');
    assert.equal(r.answered_at, t.clock.now().toISOString());
    assert.equal(r.closed_at, r.answered_at);
    assert.equal(r.published_at, r.answered_at);
    assert.equal(r.public_title, 'Hồ sơ cấp phép xây dựng nhà ở riêng lẻ');
    const toAsker = mailsSince(mails).filter((m) => m.includes('To: hoa.nguyen@example.vn'));
    assert.equal(toAsker.length, 1);
    assert.match(toAsker[0]!, /Bộ phận một cửa của Ủy ban nhân dân xã/);
    assert.match(toAsker[0]!, new RegExp(q.tracking_code));
    assert.ok(toAsker[0]!.includes(`/tra-cuu-y-kien?ma=${q.tracking_code}`), 'the link opens the case, as the receipt’s does');

    const events = await t.db.selectFrom('citizen_case_events').select('action').where('case_id', '=', q.id).orderBy('id').execute();
    assert.deepEqual(events.map((e) => e.action), ['assign', 'receipt', 'answer_save', 'answer_save', 'answer_submit', 'answer_approve', 'answer_approve', 'send']);
    const audit = await t.db.selectFrom('audit_log').select('action').where('site_id', '=', b.site.id).where('target_type', '=', 'citizen_case').where('target_id', '=', String(q.id)).execute();
    assert.equal(audit.length, events.length, 'an audit row for every change');
    const closed = textOf((await secretariat.get('/admin/cases?tab=closed')).body);
    assert.match(closed, new RegExp(q.tracking_code));
    // The history says it in words: "Gửi câu trả lời — …: Đăng công khai", never the code.
    const history = textOf((await secretariat.get(`/admin/cases/${q.id}`)).body);
    assert.match(history, /Đăng công khai/);
    assert.doesNotMatch(history, /: publish\b/);
  });

  test('a petition’s handling result is published; a returned answer goes back to the unit; unpublish and publish again', async () => {
    const p = await makeCase(t.db, b.site, 'petition', {}, t.clock.now());
    await ok(b.people.secretariat.email, p.id, 'assign', { field, unitId: String(b.unitId) });
    await ok(responder.email, p.id, 'receipt');
    await ok(responder.email, p.id, 'answer', { answer: 'Đã chuyển kiến nghị', intent: 'submit' });
    const noReason = await act(b.people.unit_head.email, p.id, 'review', { decision: 'return', reviewReason: '' });
    assert.equal(noReason.statusCode, 400);
    await ok(b.people.unit_head.email, p.id, 'review', { decision: 'return', reviewReason: 'Cần nêu rõ kết quả xử lý và thời gian.' });
    let r = await row(p.id);
    assert.equal(r.status, 'in_progress');
    assert.equal(r.review_state, 'returned');
    const history = textOf((await (await as(responder.email)).get(`/admin/cases/${p.id}`)).body);
    assert.match(history, /Trả lại câu trả lời — Người unit_head: Cần nêu rõ kết quả xử lý/);

    const result = 'Ủy ban nhân dân xã đã kiến nghị Sở Kế hoạch và Đầu tư bỏ yêu cầu bản sao chứng thực từ ngày 01/01/2027.';
    await ok(responder.email, p.id, 'answer', { answer: result, intent: 'submit' });
    await ok(b.people.unit_head.email, p.id, 'review', { decision: 'approve' });
    await ok(b.people.editor_in_chief.email, p.id, 'review', { decision: 'approve' });
    // The send form offers publication with the petition's own title and text to edit.
    const form = (await (await as(b.people.deputy.email)).get(`/admin/cases/${p.id}`)).body;
    assertUniqueIds(form);
    assert.match(form, /name="publicTitle"[^>]*value="Kiến nghị đơn giản hóa thủ tục/);
    await ok(b.people.deputy.email, p.id, 'send', { publish: 'on', publicTitle: 'Kiến nghị đơn giản hóa thủ tục đăng ký hộ kinh doanh', publicBody: 'Kiến nghị bỏ yêu cầu bản sao chứng thực.' });
    r = await row(p.id);
    assert.equal(r.status, 'answered');
    assert.ok(r.published_at);
    assert.equal(r.answer, result);
    // The published result is found by the site search (without diacritics) and listed in sitemap.xml, not among the news.
    const visitor = new Agent(t.app, b.host);
    const url = `/phan-anh-kien-nghi/${p.id}`;
    const found = await visitor.get('/tim-kiem?q=' + encodeURIComponent('ban sao chung thuc'));
    assert.match(found.body, new RegExp(`href="${url}"`));
    assert.match(textOf(found.body), /Kiến nghị đơn giản hóa thủ tục đăng ký hộ kinh doanh/);
    assert.match((await visitor.get('/tim-kiem?loai=petition')).body, new RegExp(`href="${url}"`));
    assert.match((await visitor.get('/sitemap.xml')).body, new RegExp(`${url}</loc>`));
    assert.doesNotMatch((await visitor.get('/')).body, new RegExp(`href="${url}"`));

    const noReasonOff = await act(b.people.secretariat.email, p.id, 'unpublish', { unpublishReason: '' });
    assert.equal(noReasonOff.statusCode, 400);
    await ok(b.people.secretariat.email, p.id, 'unpublish', { unpublishReason: 'Còn tên người gửi trong nội dung.' });
    assert.ok((await row(p.id)).unpublished_at);
    assert.doesNotMatch((await visitor.get('/tim-kiem?q=' + encodeURIComponent('ban sao chung thuc'))).body, new RegExp(`href="${url}"`));
    assert.doesNotMatch((await visitor.get('/sitemap.xml')).body, new RegExp(`${url}</loc>`));
    t.clock.advance(60_000);
    await ok(b.people.secretariat.email, p.id, 'publication', { publicTitle: 'Kiến nghị về hộ kinh doanh', publicBody: 'Kiến nghị bỏ bản sao chứng thực.' });
    r = await row(p.id);
    assert.equal(r.unpublished_at, null);
    assert.equal(r.published_at, t.clock.now().toISOString());
    assert.equal(r.public_title, 'Kiến nghị về hộ kinh doanh');
    assert.match(textOf((await visitor.get('/tim-kiem?q=' + encodeURIComponent('ho kinh doanh'))).body), /Kiến nghị về hộ kinh doanh/);
    // An edit of what is public, once published, is dated on the page: never changed silently.
    assert.doesNotMatch(textOf((await visitor.get(url)).body), /Cập nhật nội dung công khai/);
    t.clock.advance(60_000);
    await ok(b.people.secretariat.email, p.id, 'publication', { publicTitle: 'Kiến nghị về hộ kinh doanh', publicBody: 'Kiến nghị bỏ bản sao chứng thực khi đăng ký hộ kinh doanh.' });
    const edited = textOf((await visitor.get(url)).body);
    assert.match(edited, /bỏ bản sao chứng thực khi đăng ký hộ kinh doanh/);
    assert.match(edited, /Ngày đăng \d{2}\/\d{2}\/\d{4} Cập nhật nội dung công khai \d{2}\/\d{2}\/\d{4}/);
  });

  test('an information request is answered within the simple deadline; another gets a reasoned refusal', async () => {
    const simple = await makeCase(t.db, b.site, 'info_request', { requester_id_number: '038190001234' }, t.clock.now());
    await ok(b.people.secretariat.email, simple.id, 'assign', { field, unitId: String(b.unitId) });
    await ok(responder.email, simple.id, 'complexity', { complexity: 'simple' });
    assertUniqueIds((await (await as(b.people.secretariat.email)).get(`/admin/cases/${simple.id}`)).body);
    const due = (await row(simple.id)).due_at!;
    // Monday 09:01 + 3 working days → Thursday 17:00.
    assert.equal(due, '2026-11-26T10:00:00.000Z');
    const page = textOf((await (await as(responder.email)).get(`/admin/cases/${simple.id}`)).body);
    assert.match(page, /Số giấy tờ tùy thân 038190001234/, 'the assigned unit sees the requester’s data');
    await ok(responder.email, simple.id, 'receipt');
    await ok(responder.email, simple.id, 'answer', { answer: 'Quy hoạch sử dụng đất được gửi kèm theo thư này.', intent: 'submit' });
    await ok(b.people.unit_head.email, simple.id, 'review', { decision: 'approve' });
    await ok(b.people.editor_in_chief.email, simple.id, 'review', { decision: 'approve' });
    const mails = t.sentMail().length;
    // An information request is not published: sending is all there is.
    assert.doesNotMatch((await (await as(b.people.secretariat.email)).get(`/admin/cases/${simple.id}`)).body, /name="publish"/);
    const refused = await act(b.people.secretariat.email, simple.id, 'send', { publish: 'on', publicTitle: 'x', publicBody: 'y' });
    assert.equal(refused.statusCode, 400);
    assert.match(textOf(refused.body), /Chỉ đăng công khai được câu hỏi/);
    await ok(b.people.secretariat.email, simple.id, 'send');
    const r = await row(simple.id);
    assert.equal(r.status, 'answered');
    assert.equal(r.published_at, null);
    assert.ok(Date.parse(r.answered_at!) <= Date.parse(due), 'answered within the deadline');
    assert.match(mailsSince(mails).join('\n'), /Quy hoạch sử dụng đất được gửi kèm/);

    const other = await makeCase(t.db, b.site, 'info_request', { title: 'Đề nghị cung cấp hồ sơ nhân sự cán bộ xã' }, t.clock.now());
    const spamOnly = await act(b.people.secretariat.email, other.id, 'refuse', { code: 'refusal', refuseReason: '' });
    assert.equal(spamOnly.statusCode, 400);
    assert.match(textOf(spamOnly.body), /Vui lòng nêu lý do/);
    const before = t.sentMail().length;
    const reason = 'Thông tin thuộc bí mật cá nhân, không được cung cấp (Luật Tiếp cận thông tin, Điều 6).';
    await ok(b.people.secretariat.email, other.id, 'refuse', { code: 'refusal', refuseReason: reason });
    const refusedRow = await row(other.id);
    assert.equal(refusedRow.status, 'refused');
    assert.equal(refusedRow.outcome_reason, reason);
    assert.ok(refusedRow.closed_at);
    const mail = mailsSince(before).find((m) => m.includes('To: hoa.nguyen@example.vn'));
    assert.ok(mail, 'the refusal is given in writing');
    assert.match(mail, /bí mật cá nhân/);
  });

  test('the information requested goes as files with the answer: checked by content, only the unit adds them, the requester downloads them by code once sent', async () => {
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1');
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(200)]);
    const req = await makeCase(t.db, b.site, 'info_request', { title: 'Đề nghị cung cấp bản đồ quy hoạch' }, t.clock.now());
    await ok(b.people.secretariat.email, req.id, 'assign', { field, unitId: String(b.unitId) });
    await ok(responder.email, req.id, 'complexity', { complexity: 'simple' });
    await ok(responder.email, req.id, 'receipt');
    const files = () => t.db.selectFrom('citizen_case_files').selectAll().where('case_id', '=', req.id).where('part', '=', 'answer').orderBy('id').execute();
    const upload = async (email: string, name: string, data: Buffer) => (await as(email)).upload(`/admin/cases/${req.id}/answer-files`, { lockVersion: String((await row(req.id)).lock_version) }, { name, data, contentType: 'application/pdf' });

    assert.equal((await upload(responder.email, 'ban-do-quy-hoach.pdf', pdf)).statusCode, 303);
    const renamed = await upload(responder.email, 'bang-ke.pdf', exe);
    assert.equal(renamed.statusCode, 303);
    assert.match(textOf((await (await as(responder.email)).get(`/admin/cases/${req.id}`)).body), /Tệp “bang-ke.pdf” không phải PDF, Word, Excel/);
    const otherUnit = await makeUser(t.db, b.site, ['responder'], { unitId: await makeUnit(t.db, b.site, 'Phòng Y tế') });
    assert.equal((await upload(otherUnit.email, 'x.pdf', pdf)).statusCode, 404, 'another unit does not see the case');
    assert.equal((await upload(b.people.secretariat.email, 'x.pdf', pdf)).statusCode, 403, 'the board does not write the unit’s answer');
    assert.equal((await upload(responder.email, 'ban-sao-thua.pdf', Buffer.concat([pdf, Buffer.from('%extra')]))).statusCode, 303);
    let list = await files();
    assert.deepEqual(list.map((f) => f.original_name), ['ban-do-quy-hoach.pdf', 'ban-sao-thua.pdf']);
    await ok(responder.email, req.id, `answer-files/${list[1]!.id}/delete`);
    list = await files();
    assert.deepEqual(list.map((f) => f.original_name), ['ban-do-quy-hoach.pdf']);
    const fileId = list[0]!.id;
    const events = await t.db.selectFrom('citizen_case_events').select(['action', 'note']).where('case_id', '=', req.id).execute();
    assert.ok(events.some((e) => e.action === 'answer_file_remove' && e.note === 'ban-sao-thua.pdf'), 'the history keeps what was removed');

    await ok(responder.email, req.id, 'answer', { answer: 'Gửi kèm bản đồ quy hoạch sử dụng đất.', intent: 'submit' });
    assert.equal((await upload(responder.email, 'muon.pdf', pdf)).statusCode, 303);
    assert.equal((await files()).length, 1, 'no file is added once the answer is in review');
    const reviewerPage = (await (await as(b.people.unit_head.email)).get(`/admin/cases/${req.id}`)).body;
    assert.match(reviewerPage, new RegExp(`href="/admin/cases/${req.id}/files/${fileId}"`), 'reviewers see the files they approve');
    const visitor = new Agent(t.app, b.host);
    const link = `/tra-cuu-y-kien/tep/${fileId}?ma=${req.tracking_code}`;
    assert.equal((await visitor.get(link)).statusCode, 404, 'nothing is delivered before the answer is sent');
    await ok(b.people.unit_head.email, req.id, 'review', { decision: 'approve' });
    await ok(b.people.editor_in_chief.email, req.id, 'review', { decision: 'approve' });
    const mails = t.sentMail().length;
    await ok(b.people.secretariat.email, req.id, 'send');
    const mail = mailsSince(mails).join('\n');
    assert.ok(mail.includes(`- ban-do-quy-hoach.pdf: http`) && mail.includes(link), 'the answer mail links the file');
    const tracked = await visitor.get(`/tra-cuu-y-kien?ma=${req.tracking_code}`);
    assert.ok(tracked.body.includes(`href="${link}"`), 'the tracking page links the file');
    const download = await visitor.get(link);
    assert.equal(download.statusCode, 200);
    assert.equal(download.rawPayload.toString('latin1'), pdf.toString('latin1'));
    assert.match(String(download.headers['content-disposition']), /ban-do-quy-hoach\.pdf/);
    const another = await makeCase(t.db, b.site, 'info_request', {}, t.clock.now());
    assert.equal((await visitor.get(`/tra-cuu-y-kien/tep/${fileId}?ma=${another.tracking_code}`)).statusCode, 404, 'another case’s code opens nothing');
    assert.equal((await visitor.get(`/tra-cuu-y-kien/tep/${fileId}`)).statusCode, 404);
  });

  test('a complex information request: notice, one extension, a second refused', async () => {
    const c = await makeCase(t.db, b.site, 'info_request', {}, t.clock.now());
    await ok(b.people.secretariat.email, c.id, 'assign', { field, unitId: String(b.unitId) });
    await ok(responder.email, c.id, 'receipt');
    const extendSimple = await act(responder.email, c.id, 'extend', { extendReason: 'Cần thêm thời gian tổng hợp.' });
    assert.equal(extendSimple.statusCode, 400);
    assert.match(textOf(extendSimple.body), /Chỉ yêu cầu phức tạp/);
    await ok(responder.email, c.id, 'complexity', { complexity: 'complex' });
    let r = await row(c.id);
    const received = new Date(r.created_at);
    assert.equal(received.toISOString(), t.clock.now().toISOString());
    assert.equal(r.notice_due_at, '2026-11-26T10:00:00.000Z', 'notice within 3 working days');
    assert.equal(r.due_at, '2026-12-14T10:00:00.000Z', 'answer within 15 working days');

    let mails = t.sentMail().length;
    await ok(responder.email, c.id, 'notice');
    assert.ok((await row(c.id)).notice_sent_at);
    assert.match(mailsSince(mails).join('\n'), /chậm nhất vào 14\/12\/2026 17:00/);
    assert.equal((await act(responder.email, c.id, 'notice')).statusCode, 400, 'one notice');
    assert.equal((await act(responder.email, c.id, 'complexity', { complexity: 'simple' })).statusCode, 400, 'the requester was told: the nature stays');

    mails = t.sentMail().length;
    await ok(responder.email, c.id, 'extend', { extendReason: 'Thông tin nằm ở nhiều cơ quan, cần thêm thời gian tập hợp.' });
    r = await row(c.id);
    assert.equal(r.due_at, '2027-01-05T10:00:00.000Z', '15 more working days (1 January is a holiday)');
    assert.ok(r.extended_at);
    assert.match(mailsSince(mails).join('\n'), /gia hạn đến 05\/01\/2027 17:00/);
    const second = await act(responder.email, c.id, 'extend', { extendReason: 'Cần thêm thời gian lần nữa.' });
    assert.equal(second.statusCode, 400);
    assert.match(textOf(second.body), /chỉ cho gia hạn một lần/);
    assert.equal((await row(c.id)).due_at, r.due_at);
  });

  test('a correction claim is upheld and closed with the correction of the article', async () => {
    const article = await publishArticle(b, { title: 'Lịch tiếp công dân tháng 12' });
    const claim = await makeCase(t.db, b.site, 'correction_claim', {}, t.clock.now());
    assertUniqueIds((await (await as(b.people.secretariat.email)).get(`/admin/cases/${claim.id}`)).body);
    await ok(b.people.secretariat.email, claim.id, 'article', { articleId: String(article.id) });
    assert.equal((await row(claim.id)).article_id, article.id);
    await ok(b.people.secretariat.email, claim.id, 'uphold', { upholdNote: 'Bài viết ghi sai ngày tiếp công dân; sẽ đính chính.' });
    const early = await act(b.people.secretariat.email, claim.id, 'close-with-correction');
    assert.equal(early.statusCode, 400);
    assert.match(textOf(early.body), /Chưa có đính chính nào của tin bài này/);
    assert.equal((await row(claim.id)).status, 'received', 'the claim stays open until the correction');

    t.clock.advance(60_000);
    const corrected = await b.as('publisher', 'POST', `/api/v1/articles/${article.id}/actions`, { action: 'correct', note: 'Lịch tiếp công dân là thứ Năm hằng tuần, không phải thứ Bảy.' });
    assert.equal(corrected.statusCode, 200, corrected.body);
    const mails = t.sentMail().length;
    await ok(b.people.secretariat.email, claim.id, 'close-with-correction');
    const r = await row(claim.id);
    assert.equal(r.status, 'answered');
    const correction = await t.db.selectFrom('article_corrections').select('id').where('article_id', '=', article.id).executeTakeFirstOrThrow();
    assert.equal(r.correction_id, correction.id);
    const mail = mailsSince(mails).find((m) => m.includes('To: hoa.nguyen@example.vn'));
    assert.ok(mail);
    assert.match(mail, new RegExp(`/bai-viet/${article.slug}`));
    assert.match(mail, /thứ Năm hằng tuần/);
  });

  test('a duplicate is merged into the case kept; another is forwarded to the competent body', async () => {
    const kept = await makeCase(t.db, b.site, 'question', {}, t.clock.now());
    const duplicate = await makeCase(t.db, b.site, 'question', { requester_email: 'ban.khac@example.vn' }, t.clock.now());
    const petition = await makeCase(t.db, b.site, 'petition', {}, t.clock.now());
    const otherKind = await act(b.people.secretariat.email, duplicate.id, 'merge', { target: petition.tracking_code });
    assert.equal(otherKind.statusCode, 400);
    assert.match(textOf(otherKind.body), /cùng loại/);
    let mails = t.sentMail().length;
    await ok(b.people.secretariat.email, duplicate.id, 'merge', { target: kept.tracking_code.toLowerCase().replace(/-/g, ' '), mergeNote: 'Cùng nội dung với câu hỏi đã nhận.' });
    const merged = await row(duplicate.id);
    assert.equal(merged.status, 'merged');
    assert.equal(merged.merged_into_id, kept.id);
    const mergeMail = mailsSince(mails).find((m) => m.includes('To: ban.khac@example.vn'));
    assert.ok(mergeMail);
    assert.match(mergeMail, new RegExp(kept.tracking_code));

    const forward = await makeCase(t.db, b.site, 'question', { requester_email: null }, t.clock.now());
    const missing = await act(b.people.secretariat.email, forward.id, 'forward', { to: '', forwardReason: '' });
    assert.equal(missing.statusCode, 400);
    assert.match(textOf(missing.body), /cơ quan, đơn vị nhận/);
    mails = t.sentMail().length;
    await ok(b.people.secretariat.email, forward.id, 'forward', { to: 'Sở Xây dựng tỉnh Thanh Hóa', forwardReason: 'Thuộc thẩm quyền cấp tỉnh.' });
    const f = await row(forward.id);
    assert.equal(f.status, 'forwarded');
    assert.equal(f.forwarded_to, 'Sở Xây dựng tỉnh Thanh Hóa');
    assert.equal(t.sentMail().length, mails, 'no mail without an e-mail address');
    const again = await act(b.people.secretariat.email, forward.id, 'assign', { field, unitId: String(b.unitId) });
    assert.equal(again.statusCode, 400, 'a closed case is not routed again');
  });

  test('a stale version is refused and what was typed stays', async () => {
    const q = await makeCase(t.db, b.site, 'question', {}, t.clock.now());
    await ok(b.people.secretariat.email, q.id, 'assign', { field, unitId: String(b.unitId) });
    await ok(responder.email, q.id, 'receipt');
    const stale = await (await as(responder.email)).post(`/admin/cases/${q.id}/answer`, { lockVersion: '1', answer: 'Nội dung tôi đã gõ', intent: 'save' });
    assert.equal(stale.statusCode, 409);
    assert.match(textOf(stale.body), /vừa được người khác xử lý/);
    assert.match(stale.body, /Nội dung tôi đã gõ/);
    assert.equal((await row(q.id)).answer, null);
  });

  test('the site administrator sets the answers’ chain in the chain editor; answers then follow it, a round under way keeps its own', async () => {
    const underWay = await makeCase(t.db, b.site, 'question', {}, t.clock.now());
    await ok(b.people.secretariat.email, underWay.id, 'assign', { field, unitId: String(b.unitId) });
    await ok(responder.email, underWay.id, 'receipt');
    await ok(responder.email, underWay.id, 'answer', { answer: 'Trả lời theo quy trình cũ.', intent: 'submit' });

    const admin = await as(b.people.site_admin.email);
    const page = textOf((await admin.get('/admin/workflow?for=answer')).body);
    assert.match(page, /Quy trình duyệt câu trả lời ý kiến người dân/);
    assert.match(page, /Lãnh đạo đơn vị kiểm tra câu trả lời.*Trưởng Ban biên tập duyệt.*Gửi trả lời, công khai: Ban biên tập/s);
    const res = await admin.post('/admin/workflow?for=answer', { for: 'answer', name0: 'Thường trực Ban biên tập duyệt', actor0: 'secretariat', kind0: 'approve', amount0: '2', unit0: 'working_days', fourEyes: 'on', effectiveFrom: '23/11/2026', citation: 'Quy chế 004 Đ8' });
    assert.equal(res.statusCode, 303, textOf(res.body));
    assert.equal(res.headers.location, '/admin/workflow?for=answer');
    assert.match(textOf((await admin.get('/admin/workflow?for=answer')).body), /Thường trực Ban biên tập duyệt/);
    assert.doesNotMatch(textOf((await admin.get('/admin/workflow')).body), /Thường trực Ban biên tập duyệt/, 'the articles’ chain is untouched');

    const q = await makeCase(t.db, b.site, 'question', {}, t.clock.now());
    await ok(b.people.secretariat.email, q.id, 'assign', { field, unitId: String(b.unitId) });
    await ok(responder.email, q.id, 'receipt');
    await ok(responder.email, q.id, 'answer', { answer: 'Trả lời theo quy trình mới.', intent: 'submit' });
    assert.equal((await act(b.people.unit_head.email, q.id, 'review', { decision: 'approve' })).statusCode, 403, 'no unit-head step any more');
    const r = await row(q.id);
    assert.equal(r.step_due_at, '2026-11-25T10:00:00.000Z', 'the step’s deadline: 2 working days, to the close of the day');
    await ok(b.people.secretariat.email, q.id, 'review', { decision: 'approve' });
    assert.equal((await row(q.id)).status, 'approved');
    // The answer submitted before keeps the chain it started with.
    await ok(b.people.unit_head.email, underWay.id, 'review', { decision: 'approve' });
    assert.equal((await row(underWay.id)).step_index, 1);
    await t.db.deleteFrom('rules').where('site_id', '=', b.site.id).where('key', '=', 'chain.answer').execute();
  });
});
