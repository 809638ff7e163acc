// The forum end to end, on SQLite and PostgreSQL: the board turns it on and
// sets its categories; citizens post topics and replies; with moderation
// before publication nothing shows until approved, after publication it shows
// at once unless a screened word or personal data holds it; rejection and
// removal need a reason, a removed post is replaced publicly by the notice
// while the board keeps its text; a locked topic takes no reply; robots,
// hurried senders, busy addresses and closed sites are refused; only the
// board's moderators of the same site get in; every moderation is audited.
// Also: the display name is screened, a removed post names nobody, a removed
// topic's pending replies leave the queue, one open report notifies once, the
// per-IP limit spans both languages, and contacts are erased in batches.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { Agent, textOf } from '../../../test/support/agent.ts';
import { buildTestApp, TestClock, type TestApp } from '../../../test/support/app.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { makeBoard, type Board, type BoardRole } from '../../../test/support/editorial.ts';
import { ADDRESS_LIMIT, PUBLIC_FORM_RATE_LIMIT } from '../citizens/protection.ts';
import { erasePersonalData } from '../citizens/retention.ts';
import { TOPIC_GONE } from './manage-forum.ts';
import { ERASE_BATCH, eraseForumContacts } from './retention.ts';

const stampOf = (html: string) => /name="stamp" value="([^"]+)"/.exec(html)![1]!;
const CONTACT = 'nguoi.gui.bi.mat@example.vn';

forEachEngine('the forum', (engine) => {
  let t: TestApp;
  let b: Board;
  let other: Board;
  let categoryId = 0;
  let topicId = 0;
  let firstPostId = 0;
  const agents = new Map<string, Agent>();

  const staff = async (board: Board, role: BoardRole) => {
    const key = `${board.site.key}:${role}`;
    if (!agents.has(key)) {
      const a = new Agent(t.app, board.host);
      await a.login(board.people[role].email);
      agents.set(key, a);
    }
    return agents.get(key)!;
  };
  const get = (url: string, host = b.host) => t.app.inject({ url, headers: { host } });
  const posts = (siteId = b.site.id) => t.db.selectFrom('forum_posts').selectAll().where('site_id', '=', siteId).orderBy('id').execute();
  const audit = (action: string) => t.db.selectFrom('audit_log').selectAll().where('site_id', '=', b.site.id).where('action', '=', action).execute();

  /** A citizen sends a form as a browser would: opens the page, takes a while, posts it. */
  async function send(citizen: Agent, page: string, action: string, fields: Record<string, string>, opts: { wait?: boolean } = {}) {
    const form = await citizen.get(page);
    assert.equal(form.statusCode, 200, `${page}: ${form.body.slice(0, 300)}`);
    if (opts.wait !== false) t.clock.advance(10_000);
    return citizen.post(action, { stamp: stampOf(form.body), website: '', ...fields }, { csrf: false });
  }
  const newTopic = (citizen: Agent, fields: Record<string, string>) =>
    send(citizen, '/dien-dan/gui-bai', '/dien-dan/gui-bai', { category: String(categoryId), name: 'Nguyễn Văn Dân', contact: CONTACT, title: 'Hỏi về giấy phép xây dựng', body: 'Dòng thứ nhất.\nDòng thứ hai <b>không phải HTML</b> https://vi-du.example/x', ...fields });
  const replyTo = (citizen: Agent, id: number, fields: Record<string, string>) => send(citizen, `/dien-dan/chu-de/${id}`, `/dien-dan/chu-de/${id}`, { name: 'Trần Thị Đáp', contact: '0912 000 111', body: 'Xin cảm ơn.', ...fields });
  const setMode = async (moderation: 'before' | 'after', board = b) => {
    const res = await (await staff(board, 'secretariat')).post('/admin/forum/settings', { enabled: 'on', moderation });
    assert.equal(res.statusCode, 303, res.body.slice(0, 500));
  };

  before(async () => {
    // Monday 23 November 2026, 09:00 in Vietnam.
    t = await buildTestApp(engine, { clock: new TestClock(new Date('2026-11-23T02:00:00Z')) });
    b = await makeBoard(t, 'diendan', { languages: ['vi', 'en'], nameEn: 'Forum test' });
    other = await makeBoard(t, 'trangkhac');
  });
  after(async () => t.close());

  test('off until the board turns it on; then it is in the menu, with the categories the board sets', async () => {
    assert.equal((await get('/dien-dan')).statusCode, 404);
    assert.doesNotMatch((await get('/')).body, /href="\/dien-dan"/);
    await setMode('before');
    const moderator = await staff(b, 'secretariat');
    const bad = await moderator.post('/admin/forum/categories', { name: '', slug: 'gui-bai' });
    assert.equal(bad.statusCode, 400);
    assert.match(textOf(bad.body), /Vui lòng nhập tên chủ đề lớn/);
    for (const [name, order] of [['Cấp phép xây dựng', '1'], ['Quy hoạch đô thị', '2']] as const) {
      assert.equal((await moderator.post('/admin/forum/categories', { name, description: `Trao đổi về ${name.toLowerCase()}`, sortOrder: order })).statusCode, 303);
    }
    const cats = await t.db.selectFrom('forum_categories').selectAll().where('site_id', '=', b.site.id).orderBy('sort_order').execute();
    assert.deepEqual(cats.map((c) => c.slug), ['cap-phep-xay-dung', 'quy-hoach-do-thi']);
    categoryId = cats[0]!.id;
    assert.equal((await audit('forum.settings')).length, 1);
    assert.equal((await audit('forum.category_create')).length, 2);
    const home = await get('/');
    assert.match(home.body, /<a href="\/dien-dan"[^>]*>Diễn đàn<\/a>/, 'the menu links the forum');
    assert.match((await get('/en')).body, /<a href="\/en\/forum"[^>]*>Forum<\/a>/);
    const index = await get('/dien-dan');
    assert.equal(index.statusCode, 200);
    assert.match(textOf(index.body), /Cấp phép xây dựng.*0 chủ đề.*Quy hoạch đô thị/);
    const en = await get('/en/forum');
    assert.equal(en.statusCode, 200);
    assert.match(textOf(en.body), /Categories.*0 topics/);
  });

  test('moderation before publication: a new topic is held, not public until approved; then it shows at once', async () => {
    const listBefore = await get('/dien-dan/cap-phep-xay-dung'); // cached now
    assert.match(textOf(listBefore.body), /Chưa có chủ đề nào/);
    const sent = await newTopic(new Agent(t.app, b.host), {});
    assert.equal(sent.statusCode, 200, sent.body.slice(0, 500));
    assert.match(textOf(sent.body), /đang chờ Ban biên tập kiểm duyệt/);
    assert.equal(sent.body.match(/Bài viết đã được gửi<\/h/g)?.length, 1, 'the confirmation says it once, as its heading');
    const [post] = await posts();
    assert.equal(post!.status, 'pending');
    assert.equal(post!.author_email, CONTACT);
    assert.equal(post!.body, 'Dòng thứ nhất.\nDòng thứ hai <b>không phải HTML</b> https://vi-du.example/x');
    topicId = post!.topic_id;
    firstPostId = post!.id;
    assert.doesNotMatch(textOf((await get('/dien-dan/cap-phep-xay-dung')).body), /Hỏi về giấy phép/);
    assert.equal((await get(`/dien-dan/chu-de/${topicId}`)).statusCode, 404);
    const notes = await t.db.selectFrom('notifications').selectAll().where('site_id', '=', b.site.id).where('kind', '=', 'forum.post').execute();
    assert.ok(notes.some((n) => n.user_id === b.people.secretariat.id), 'moderators are told');
    for (const n of notes) assert.ok(!`${n.title} ${n.body}`.includes(CONTACT), 'without personal data');

    const moderator = await staff(b, 'secretariat');
    const queue = await moderator.get('/admin/forum');
    assert.equal(queue.statusCode, 200);
    assert.match(textOf(queue.body), new RegExp(`Hỏi về giấy phép xây dựng.*Nguyễn Văn Dân.*${CONTACT.replace(/\./g, '\\.')}`));
    const approved = await moderator.post(`/admin/forum/posts/${firstPostId}/approve`, { back: '/admin/forum' });
    assert.equal(approved.statusCode, 303);
    assert.equal((await audit('forum.post_approve')).length, 1);

    const list = textOf((await get('/dien-dan/cap-phep-xay-dung')).body);
    assert.match(list, /Hỏi về giấy phép xây dựng/, 'the cached list changed at once');
    const page = await get(`/dien-dan/chu-de/${topicId}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Dòng thứ nhất\.\nDòng thứ hai &lt;b>không phải HTML&lt;\/b> https:\/\/vi-du\.example\/x/, 'escaped, line breaks kept');
    assert.doesNotMatch(page.body, /<a[^>]+vi-du\.example/, 'links are not clickable');
    assert.ok(!page.body.includes(CONTACT), 'the contact is never public');
    assert.match(page.body, /class="pre-line|forum-body pre-line/);
    assert.match(textOf((await get('/dien-dan')).body), /Cấp phép xây dựng.*1 chủ đề/);
    // The same pages in English, with English labels.
    const en = await get(`/en/forum/topic/${topicId}`);
    assert.equal(en.statusCode, 200);
    assert.match(textOf(en.body), /Replies \(0\).*Reply to this topic.*Display name/);
    assert.match(textOf((await get('/en/forum/cap-phep-xay-dung')).body), /Hỏi về giấy phép xây dựng.*Posted by Nguyễn Văn Dân/);
    assert.match(textOf((await get('/en/forum/new')).body), /Post a new topic/);
  });

  test('a reply is held too; rejection needs a reason and keeps it off the page', async () => {
    const sent = await replyTo(new Agent(t.app, b.host), topicId, { body: 'Một trả lời chờ duyệt.' });
    assert.equal(sent.statusCode, 200);
    assert.match(textOf(sent.body), /đang chờ Ban biên tập kiểm duyệt/);
    const reply = (await posts()).at(-1)!;
    assert.equal(reply.status, 'pending');
    assert.equal(reply.author_phone, '0912 000 111');
    const moderator = await staff(b, 'secretariat');
    const noReason = await moderator.post(`/admin/forum/posts/${reply.id}/reject`, { reason: '', back: '/admin/forum' });
    assert.equal(noReason.statusCode, 303);
    assert.match(textOf((await moderator.get('/admin/forum')).body), /Vui lòng nhập lý do/);
    assert.equal((await posts()).at(-1)!.status, 'pending');
    assert.equal((await moderator.post(`/admin/forum/posts/${reply.id}/reject`, { reason: 'Trùng lặp', back: '/admin/forum' })).statusCode, 303);
    const rejected = (await posts()).at(-1)!;
    assert.equal(rejected.status, 'rejected');
    assert.equal(rejected.moderation_reason, 'Trùng lặp');
    assert.doesNotMatch(textOf((await get(`/dien-dan/chu-de/${topicId}`)).body), /Một trả lời chờ duyệt/);
    const [row] = await audit('forum.post_reject');
    assert.match(row!.details, /Trùng lặp/);
  });

  test('moderation after publication: a reply shows at once; removal replaces it publicly with the notice and reason, the board keeps the text', async () => {
    await setMode('after');
    const topicPage = await get(`/dien-dan/chu-de/${topicId}`);
    assert.doesNotMatch(textOf(topicPage.body), /Quảng cáo bán đất/);
    assert.match(textOf((await get('/dien-dan/cap-phep-xay-dung')).body), /0 trả lời/); // cached now
    const sent = await replyTo(new Agent(t.app, b.host), topicId, { body: 'Quảng cáo bán đất nền giá rẻ.' });
    assert.match(textOf((await get('/dien-dan/cap-phep-xay-dung')).body), /1 trả lời/, 'the cached list changed at once');
    assert.equal(sent.statusCode, 200);
    assert.match(textOf(sent.body), /Bài viết của bạn đã được đăng/);
    const reply = (await posts()).at(-1)!;
    assert.equal(reply.status, 'published');
    assert.match(textOf((await get(`/dien-dan/chu-de/${topicId}`)).body), /Quảng cáo bán đất nền giá rẻ/);
    const told = await t.db.selectFrom('notifications').selectAll().where('site_id', '=', b.site.id).where('kind', '=', 'forum.published').execute();
    assert.ok(told.some((n) => n.user_id === b.people.secretariat.id && n.link === '/admin/forum?xem=da-dang'), 'moderators are asked to review it afterwards');

    const moderator = await staff(b, 'deputy');
    const removed = await moderator.post(`/admin/forum/posts/${reply.id}/remove`, { reason: 'Quảng cáo, rao vặt', back: `/admin/forum/topics/${topicId}` });
    assert.equal(removed.statusCode, 303);
    const page = textOf((await get(`/dien-dan/chu-de/${topicId}`)).body);
    assert.doesNotMatch(page, /bán đất nền/, 'the text is gone from the public page');
    assert.match(page, /Nội dung đã bị Ban biên tập gỡ bỏ ngày 23\/11\/2026\. Lý do: Quảng cáo, rao vặt/);
    const board = textOf((await moderator.get(`/admin/forum/topics/${topicId}`)).body);
    assert.match(board, /Nội dung gốc.*Quảng cáo bán đất nền giá rẻ/, 'the original stays for the record');
    const [row] = await audit('forum.post_remove');
    assert.equal(row!.actor_user_id, b.people.deputy.id);
    assert.match(row!.details, /Quảng cáo, rao vặt/);
    // Removal without a reason is refused.
    const other = await replyTo(new Agent(t.app, b.host), topicId, { body: 'Một trả lời khác.', contact: 'khac@example.vn' });
    assert.equal(other.statusCode, 200);
    const last = (await posts()).at(-1)!;
    await moderator.post(`/admin/forum/posts/${last.id}/remove`, { reason: '  ' });
    assert.equal((await posts()).at(-1)!.status, 'published');
  });

  test('even after publication, screened words and personal data typed in are held for moderation', async () => {
    await t.db.insertInto('screening_rules').values({ site_id: b.site.id, kind: 'term', pattern: 'cờ bạc', note: null, created_by_user_id: b.people.editor_in_chief.id, created_at: t.clock.now().toISOString() }).execute();
    const screened = await replyTo(new Agent(t.app, b.host), topicId, { body: 'Ở đây có tụ điểm CỜ BẠC.', contact: 'mot@example.vn' });
    assert.match(textOf(screened.body), /chờ Ban biên tập kiểm duyệt trước khi đăng/);
    let last = (await posts()).at(-1)!;
    assert.equal(last.status, 'pending');
    assert.deepEqual(JSON.parse(last.held_for), ['screening']);
    const personal = await replyTo(new Agent(t.app, b.host), topicId, { body: 'Gọi tôi số 0987 654 321, CCCD 001203004005.', contact: 'hai@example.vn' });
    assert.equal(personal.statusCode, 200);
    last = (await posts()).at(-1)!;
    assert.equal(last.status, 'pending');
    assert.deepEqual(JSON.parse(last.held_for), ['personal_data']);
    const page = textOf((await get(`/dien-dan/chu-de/${topicId}`)).body);
    assert.doesNotMatch(page, /CỜ BẠC|0987 654 321/);
    assert.match(textOf((await (await staff(b, 'secretariat')).get('/admin/forum')).body), /Cần xem xét: thông tin cá nhân/);
  });

  test('the display name is screened too: a phone number or a screened word in it holds the post, and the moderator sees why', async () => {
    const phoneName = 'Gọi 0912 345 678 lừa đảo';
    const held = await replyTo(new Agent(t.app, b.host), topicId, { name: phoneName, body: 'Nội dung bình thường.', contact: 'ten.co.so@example.vn' });
    assert.equal(held.statusCode, 200);
    assert.match(textOf(held.body), /chờ Ban biên tập kiểm duyệt trước khi đăng/);
    let last = (await posts()).at(-1)!;
    assert.equal(last.author_name, phoneName);
    assert.equal(last.status, 'pending');
    assert.deepEqual(JSON.parse(last.held_for), ['personal_data']);
    const screened = await replyTo(new Agent(t.app, b.host), topicId, { name: 'Cờ Bạc Online', body: 'Nội dung bình thường khác.', contact: 'ten.cam@example.vn' });
    assert.equal(screened.statusCode, 200);
    last = (await posts()).at(-1)!;
    assert.equal(last.status, 'pending');
    assert.deepEqual(JSON.parse(last.held_for), ['screening']);
    // A new topic in English is held the same way.
    const topic = await send(new Agent(t.app, b.host), '/en/forum/new', '/en/forum/new', { category: String(categoryId), name: 'Call 0987 111 222', contact: 'en.name@example.vn', title: 'A plain question', body: 'A plain body.' });
    assert.equal(topic.statusCode, 200);
    last = (await posts()).at(-1)!;
    assert.equal(last.status, 'pending');
    assert.deepEqual(JSON.parse(last.held_for), ['personal_data']);
    const page = textOf((await get(`/dien-dan/chu-de/${topicId}`)).body);
    assert.doesNotMatch(page, /0912 345 678|Cờ Bạc Online/);
    const queue = textOf((await (await staff(b, 'secretariat')).get('/admin/forum')).body);
    assert.match(queue, /Cần xem xét: thông tin cá nhân Người gửi Gọi 0912 345 678 lừa đảo/);
    assert.match(queue, /Cần xem xét: từ ngữ trong danh sách rà soát Người gửi Cờ Bạc Online/);
  });

  test('a locked topic refuses replies and shows no form; unlocked, it takes them again', async () => {
    const moderator = await staff(b, 'secretariat');
    assert.equal((await moderator.post(`/admin/forum/topics/${topicId}/lock`)).statusCode, 303);
    const page = await get(`/dien-dan/chu-de/${topicId}`);
    assert.match(textOf(page.body), /Chủ đề đã được khóa/);
    assert.doesNotMatch(page.body, /name="stamp"/);
    const before = (await posts()).length;
    const citizen = new Agent(t.app, b.host);
    const res = await citizen.post(`/dien-dan/chu-de/${topicId}`, { stamp: 'x', website: '', name: 'A', contact: 'khoa@example.vn', body: 'Trả lời' }, { csrf: false });
    assert.ok([200, 409].includes(res.statusCode));
    assert.equal((await posts()).length, before, 'nothing stored');
    // A forged stamp is a robot anyway; a real form posted while locked is refused with 409.
    await moderator.post(`/admin/forum/topics/${topicId}/unlock`);
    const form = await citizen.get(`/dien-dan/chu-de/${topicId}`);
    await moderator.post(`/admin/forum/topics/${topicId}/lock`);
    t.clock.advance(10_000);
    const locked = await citizen.post(`/dien-dan/chu-de/${topicId}`, { stamp: stampOf(form.body), website: '', name: 'A', contact: 'khoa@example.vn', body: 'Trả lời' }, { csrf: false });
    assert.equal(locked.statusCode, 409);
    assert.equal((await posts()).length, before);
    await moderator.post(`/admin/forum/topics/${topicId}/unlock`);
    assert.equal((await replyTo(citizen, topicId, { contact: 'khoa@example.vn' })).statusCode, 200);
    assert.deepEqual((await audit('forum.topic_lock')).length, 2);
  });

  test('robots are refused silently; a hurried or incomplete form says what to fix and keeps what was typed', async () => {
    const before = (await posts()).length;
    const honeypot = await newTopic(new Agent(t.app, b.host), { website: 'http://spam.example' });
    assert.equal(honeypot.statusCode, 200);
    const forged = await new Agent(t.app, b.host).post('/dien-dan/gui-bai', { stamp: 'forged', website: '', category: String(categoryId), name: 'Robot', contact: 'r@example.vn', title: 'Spam', body: 'Spam' }, { csrf: false });
    assert.equal(forged.statusCode, 200);
    assert.equal((await posts()).length, before, 'nothing stored from robots');
    const citizen = new Agent(t.app, b.host);
    const fast = await send(citizen, '/dien-dan/gui-bai', '/dien-dan/gui-bai', { category: String(categoryId), name: 'Người vội', contact: 'voi@example.vn', title: 'Tiêu đề vội', body: 'Nội dung vội' }, { wait: false });
    assert.equal(fast.statusCode, 400);
    assert.match(textOf(fast.body), /gửi quá nhanh/);
    assert.match(fast.body, /value="Tiêu đề vội"/);
    const empty = await send(citizen, '/dien-dan/gui-bai', '/dien-dan/gui-bai', { category: '', name: '', contact: 'khong hop le', title: 'Giữ lại tiêu đề', body: '' });
    assert.equal(empty.statusCode, 400);
    for (const field of ['category', 'name', 'contact', 'body']) assert.match(empty.body, new RegExp(`id="${field}-error"`), field);
    assert.match(empty.body, /value="Giữ lại tiêu đề"/);
    assert.match(textOf(empty.body), /Vui lòng nhập Tên hiển thị/);
    const noContact = await replyTo(new Agent(t.app, b.host), topicId, { contact: '' });
    assert.equal(noContact.statusCode, 400);
    assert.match(textOf(noContact.body), /Vui lòng nhập thư điện tử hoặc số điện thoại/);
    assert.equal((await posts()).length, before);
  });

  test('one address may post a few times a day; one IP at most the route limit an hour', async () => {
    const email = 'nhieu.lan@example.vn';
    for (let i = 0; i < ADDRESS_LIMIT.max; i++) assert.equal((await replyTo(new Agent(t.app, b.host), topicId, { contact: email, body: `Lần ${i}` })).statusCode, 200);
    const over = await replyTo(new Agent(t.app, b.host), topicId, { contact: email.toUpperCase(), body: 'Lần nữa' });
    assert.equal(over.statusCode, 429);
    assert.match(textOf(over.body), /đã gửi 5 bài trong 24 giờ qua/);
    assert.match(over.body, /Lần nữa/);
    const robot = new Agent(t.app, b.host);
    let last = 0;
    for (let i = 0; i <= PUBLIC_FORM_RATE_LIMIT.max; i++) last = (await robot.post('/dien-dan/gui-bai', { stamp: 'x' }, { csrf: false })).statusCode;
    assert.equal(last, 429);
  });

  test('the per-IP limit of each form counts its Vietnamese and English addresses together', async () => {
    for (const [vi, en] of [['/dien-dan/gui-bai', '/en/forum/new'], [`/dien-dan/chu-de/${topicId}`, `/en/forum/topic/${topicId}`], [`/dien-dan/bao-vi-pham/${firstPostId}`, `/en/forum/report/${firstPostId}`]] as const) {
      const robot = new Agent(t.app, b.host);
      for (let i = 0; i < PUBLIC_FORM_RATE_LIMIT.max; i++) assert.notEqual((await robot.post(i % 2 === 0 ? vi : en, { stamp: 'x' }, { csrf: false })).statusCode, 429, `${vi} ${i}`);
      assert.equal((await robot.post(en, { stamp: 'x' }, { csrf: false })).statusCode, 429, en);
      assert.equal((await robot.post(vi, { stamp: 'x' }, { csrf: false })).statusCode, 429, vi);
    }
  });

  test('readers report a post; the board sees the report and can dismiss it', async () => {
    const citizen = new Agent(t.app, b.host);
    const sent = await send(citizen, `/dien-dan/bao-vi-pham/${firstPostId}`, `/dien-dan/bao-vi-pham/${firstPostId}`, { reason: 'Nội dung không đúng sự thật' });
    assert.equal(sent.statusCode, 200);
    assert.match(textOf(sent.body), /đã nhận báo vi phạm/);
    const robot = await citizen.post(`/dien-dan/bao-vi-pham/${firstPostId}`, { stamp: 'x', website: 'y', reason: 'spam' }, { csrf: false });
    assert.equal(robot.statusCode, 200);
    const reports = await t.db.selectFrom('forum_reports').selectAll().where('site_id', '=', b.site.id).execute();
    assert.equal(reports.length, 1);
    const moderator = await staff(b, 'secretariat');
    const queue = textOf((await moderator.get('/admin/forum?xem=bao-cao')).body);
    assert.match(queue, /Bị báo vi phạm \(1\).*Nội dung không đúng sự thật/);
    assert.equal((await moderator.post(`/admin/forum/reports/${reports[0]!.id}/dismiss`)).statusCode, 303);
    assert.match(textOf((await moderator.get('/admin/forum?xem=bao-cao')).body), /Bị báo vi phạm \(0\)/);
  });

  test("moderators are told of a post's first open report only, and again once the open ones are dismissed", async () => {
    const told = async () => (await t.db.selectFrom('notifications').select('id').where('site_id', '=', b.site.id).where('kind', '=', 'forum.report').where('user_id', '=', b.people.secretariat.id).execute()).length;
    const report = async (reason: string) => {
      const res = await send(new Agent(t.app, b.host), `/en/forum/report/${firstPostId}`, `/en/forum/report/${firstPostId}`, { reason });
      assert.equal(res.statusCode, 200);
    };
    const start = await told();
    await report('Lần báo thứ nhất');
    assert.equal(await told(), start + 1);
    await report('Lần báo thứ hai');
    await report('Lần báo thứ ba');
    assert.equal(await told(), start + 1, 'no more mail while a report is open');
    const open = await t.db.selectFrom('forum_reports').selectAll().where('site_id', '=', b.site.id).where('resolved_at', 'is', null).execute();
    assert.equal(open.length, 3, 'every report is still stored');
    const moderator = await staff(b, 'secretariat');
    for (const r of open) assert.equal((await moderator.post(`/admin/forum/reports/${r.id}/dismiss`)).statusCode, 303);
    await report('Báo lại sau khi đã xử lý');
    assert.equal(await told(), start + 2);
    const again = await t.db.selectFrom('forum_reports').select('id').where('site_id', '=', b.site.id).where('resolved_at', 'is', null).execute();
    for (const r of again) await moderator.post(`/admin/forum/reports/${r.id}/dismiss`);
  });

  test("the board answers in its own name, visibly marked", async () => {
    const moderator = await staff(b, 'secretariat');
    const res = await moderator.post(`/admin/forum/topics/${topicId}/reply`, { body: 'Hồ sơ nộp tại bộ phận một cửa.\nThời hạn 15 ngày.' });
    assert.equal(res.statusCode, 303);
    const page = await get(`/dien-dan/chu-de/${topicId}?trang=2`);
    const all = textOf((await get(`/dien-dan/chu-de/${topicId}`)).body) + textOf(page.body);
    assert.match(all, /Ban biên tập trả lời.*Hồ sơ nộp tại bộ phận một cửa/);
    assert.equal((await audit('forum.board_reply')).length, 1);
  });

  test("a removed post or topic no longer shows its author's name; a removed topic's pending replies leave the queue", async () => {
    const moderator = await staff(b, 'secretariat');
    await newTopic(new Agent(t.app, b.host), { name: 'Lê Văn Ẩn Danh', contact: 'an.danh@example.vn', title: 'Chủ đề sẽ bị gỡ', body: 'Nội dung sẽ bị gỡ.' });
    const first = (await posts()).at(-1)!;
    assert.equal(first.status, 'published');
    const gone = first.topic_id;
    await replyTo(new Agent(t.app, b.host), gone, { name: 'Phạm Thị Gỡ Bỏ', contact: 'go.bo@example.vn', body: 'Trả lời sẽ bị gỡ.' });
    const reply = (await posts()).at(-1)!;
    assert.equal(reply.status, 'published');
    assert.match(textOf((await get(`/dien-dan/chu-de/${gone}`)).body), /Phạm Thị Gỡ Bỏ/);
    assert.equal((await moderator.post(`/admin/forum/posts/${reply.id}/remove`, { reason: 'Xúc phạm' })).statusCode, 303);
    let page = textOf((await get(`/dien-dan/chu-de/${gone}`)).body);
    assert.doesNotMatch(page, /Phạm Thị Gỡ Bỏ/, "the removed reply's author is hidden");
    assert.match(page, /Người gửi đã bị ẩn.*Nội dung đã bị Ban biên tập gỡ bỏ/);
    assert.match(page, /Lê Văn Ẩn Danh/, 'the published first post keeps its name');
    assert.match(textOf((await get('/dien-dan/cap-phep-xay-dung')).body), /Chủ đề sẽ bị gỡ.*Người gửi: Lê Văn Ẩn Danh/); // cached now
    // A reply that stays published when its topic goes.
    await replyTo(new Agent(t.app, b.host), gone, { name: 'Nguyễn Văn Còn', contact: 'con.lai@example.vn', body: 'Trả lời vẫn được đăng.' });
    assert.match(textOf((await get(`/dien-dan/chu-de/${gone}`)).body), /Trả lời vẫn được đăng/);
    // A reply waits for moderation, then the topic is removed.
    await setMode('before');
    await replyTo(new Agent(t.app, b.host), gone, { name: 'Đỗ Văn Chờ', contact: 'dang.cho@example.vn', body: 'Trả lời đang chờ.' });
    const waiting = (await posts()).at(-1)!;
    assert.equal(waiting.status, 'pending');
    assert.match(textOf((await moderator.get('/admin/forum')).body), /Trả lời đang chờ/);
    assert.equal((await moderator.post(`/admin/forum/posts/${first.id}/remove`, { reason: 'Sai nội quy' })).statusCode, 303);
    const after = (await posts()).find((p) => p.id === waiting.id)!;
    assert.equal(after.status, 'rejected');
    assert.equal(after.moderation_reason, TOPIC_GONE);
    assert.equal(after.moderated_by_user_id, b.people.secretariat.id);
    assert.doesNotMatch(textOf((await moderator.get('/admin/forum')).body), /Trả lời đang chờ/, 'no longer in the queue');
    const [row] = (await audit('forum.post_remove')).filter((a) => a.target_id === String(first.id));
    assert.match(row!.details, /"repliesRejected":1/);
    page = textOf((await get(`/dien-dan/chu-de/${gone}`)).body);
    assert.doesNotMatch(page, /Lê Văn Ẩn Danh|Đỗ Văn Chờ/);
    assert.match(page, /Chủ đề đã bị gỡ bỏ.*Người gửi đã bị ẩn/);
    // A removed topic shows its removal notice only: no replies, no reply form; the board still sees the reply.
    assert.doesNotMatch(page, /Trả lời vẫn được đăng|Nguyễn Văn Còn|Trả lời chủ đề này|Báo vi phạm/);
    assert.match(textOf((await moderator.get(`/admin/forum/topics/${gone}`)).body), /Trả lời vẫn được đăng/);
    const list = textOf((await get('/dien-dan/cap-phep-xay-dung')).body);
    assert.doesNotMatch(list, /Lê Văn Ẩn Danh/, 'nor on the cached list');
    assert.match(list, /Chủ đề đã bị gỡ bỏ.*Người gửi: Người gửi đã bị ẩn/);
    assert.doesNotMatch(list, /Chủ đề đã bị gỡ bỏ[^·]*·[^·]*trả lời/, 'a removed topic counts no replies on the list');
    const en = textOf((await get('/en/forum/cap-phep-xay-dung')).body);
    assert.doesNotMatch(en, /Lê Văn Ẩn Danh/);
    assert.match(en, /Topic removed.*Posted by Author hidden/);
    await setMode('after');
  });

  test('roles without interaction.moderate get 403 on every forum route of the back office', async () => {
    for (const role of ['contributor', 'publisher', 'unit_head'] as const) {
      const agent = await staff(b, role);
      for (const url of ['/admin/forum', '/admin/forum/settings', `/admin/forum/topics/${topicId}`]) assert.equal((await agent.get(url)).statusCode, 403, `${role} GET ${url}`);
      for (const url of [`/admin/forum/posts/${firstPostId}/remove`, `/admin/forum/topics/${topicId}/lock`, '/admin/forum/settings', '/admin/forum/categories']) {
        assert.equal((await agent.post(url, { reason: 'x', moderation: 'after', name: 'x' })).statusCode, 403, `${role} POST ${url}`);
      }
    }
    assert.equal((await posts()).find((p) => p.id === firstPostId)!.status, 'published');
  });

  test("another site's topic and post ids answer 404, publicly and in the back office", async () => {
    await setMode('after', other);
    const theirs = await staff(other, 'secretariat');
    await theirs.post('/admin/forum/categories', { name: 'Chung', sortOrder: '1' });
    assert.equal((await get(`/dien-dan/chu-de/${topicId}`, other.host)).statusCode, 404);
    assert.equal((await get(`/dien-dan/bao-vi-pham/${firstPostId}`, other.host)).statusCode, 404);
    assert.equal((await theirs.get(`/admin/forum/topics/${topicId}`)).statusCode, 404);
    assert.equal((await theirs.post(`/admin/forum/posts/${firstPostId}/remove`, { reason: 'x' })).statusCode, 404);
    assert.equal((await theirs.post(`/admin/forum/topics/${topicId}/lock`)).statusCode, 404);
    assert.doesNotMatch((await theirs.get('/admin/forum?xem=da-dang')).body, /Hỏi về giấy phép/);
    const mine = (await posts()).find((p) => p.id === firstPostId)!;
    assert.equal(mine.status, 'published');
  });

  test('a closed site shows no form and refuses posts with 410', async () => {
    const before = (await posts()).length;
    await t.db.updateTable('sites').set({ status: 'archived' }).where('id', '=', b.site.id).execute();
    t.refreshSites();
    try {
      const form = await get('/dien-dan/gui-bai');
      assert.equal(form.statusCode, 200);
      assert.doesNotMatch(form.body, /name="stamp"/);
      assert.match(textOf(form.body), /đã ngừng hoạt động|không còn tiếp nhận/);
      const citizen = new Agent(t.app, b.host);
      assert.equal((await citizen.post('/dien-dan/gui-bai', { stamp: 'x', name: 'A', contact: 'a@example.vn', title: 'T', body: 'B', category: String(categoryId) }, { csrf: false })).statusCode, 410);
      assert.equal((await citizen.post(`/dien-dan/chu-de/${topicId}`, { stamp: 'x', name: 'A', contact: 'a@example.vn', body: 'B' }, { csrf: false })).statusCode, 410);
      assert.equal((await citizen.post(`/dien-dan/bao-vi-pham/${firstPostId}`, { stamp: 'x', reason: 'x' }, { csrf: false })).statusCode, 410);
      const topic = await get(`/dien-dan/chu-de/${topicId}`);
      assert.equal(topic.statusCode, 200, 'what was published stays readable');
      assert.doesNotMatch(topic.body, /name="stamp"/);
      assert.equal((await posts()).length, before);
    } finally {
      await t.db.updateTable('sites').set({ status: 'active' }).where('id', '=', b.site.id).execute();
      t.refreshSites();
    }
  });

  test("posters' e-mail and phone are erased after the personal-data retention period; what they wrote stays", async () => {
    t.clock.advance(800 * 86_400_000);
    const counts = await erasePersonalData(t.db, t.deps.files, b.site, t.clock);
    assert.ok(counts.forumPosts > 0);
    const rows = await posts();
    assert.ok(rows.every((p) => p.author_email === null && p.author_phone === null));
    assert.equal(rows.find((p) => p.id === firstPostId)!.author_name, 'Nguyễn Văn Dân');
  });

  test('contacts are erased in batches, so that a site with very many posts stays within the engines\' limits on one statement', async () => {
    // More ids than either engine takes in one statement (SQLite 32,766 variables, PostgreSQL 65,535 parameters).
    const n = 66_000;
    const now = t.clock.now().toISOString();
    const category = await t.db.selectFrom('forum_categories').select('id').where('site_id', '=', other.site.id).executeTakeFirstOrThrow();
    const topic = await t.db.insertInto('forum_topics').values({ site_id: other.site.id, category_id: category.id, title: 'Nhiều bài', status: 'published', locked: 0, pinned: 0, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
    await sql`insert into forum_posts (site_id, topic_id, is_first, body, status, held_for, author_name, author_email, author_phone, by_board, published_at, created_at)
      with recursive k(i) as (select 1 union all select i + 1 from k where i < cast(${n} as integer))
      select cast(${other.site.id} as integer), cast(${topic.id} as integer), 0, 'x', 'published', '[]', 'Dân', 'nhieu@example.vn', null, 0, cast(${now} as text), cast(${now} as text) from k`.execute(t.db);
    const erased = await t.db.transaction().execute((trx) => eraseForumContacts(trx, other.site.id, now, () => true, now));
    assert.equal(erased, n);
    assert.ok(n > 100 * ERASE_BATCH);
    const left = await t.db.selectFrom('forum_posts').select((eb) => eb.fn.countAll<number>().as('n')).where('site_id', '=', other.site.id).where('author_email', 'is not', null).executeTakeFirstOrThrow();
    assert.equal(Number(left.n), 0);
  });
});
