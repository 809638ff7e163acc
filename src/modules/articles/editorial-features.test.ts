// The editorial tools around the workflow: Word import, the media library,
// previews, revisions, trash, screening, scheduled publication, alerts, digests.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import sharp from 'sharp';
import { Agent, mailText, textOf } from '../../../test/support/agent.ts';
import { buildTestApp, TestClock, type TestApp } from '../../../test/support/app.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { makeDocx, makePng } from '../../../test/support/docx.ts';
import { articleBody, makeBoard, type Board } from '../../../test/support/editorial.ts';
import { makeSite } from '../../../test/support/factories.ts';
import { encodeLegacy } from '../../core/vietnamese/index.ts';
import { alertMissedSchedules, runDueSchedules, sendDailyDigests } from './scheduler.ts';

forEachEngine('editorial tools', (engine) => {
  let t: TestApp;
  let b: Board;

  before(async () => {
    t = await buildTestApp(engine, { clock: new TestClock(new Date('2026-11-23T02:00:00Z')) });
    b = await makeBoard(t, 'congcu');
  });
  after(async () => t.close());

  const act = (role: Parameters<Board['as']>[0], id: number, body: Record<string, unknown>) => b.as(role, 'POST', `/api/v1/articles/${id}/actions`, body);
  async function approved(title: string): Promise<number> {
    const res = await b.as('contributor', 'POST', '/api/v1/articles', articleBody(b, { title }));
    const id = res.json().id as number;
    await act('contributor', id, { action: 'submit' });
    for (const role of ['unit_head', 'secretariat', 'deputy', 'editor_in_chief'] as const) await act(role, id, { action: 'approve' });
    return id;
  }

  test('a contributor imports a Word file: title, headings, list, table, image to the library, TCVN3 converted', async () => {
    const docx = await makeDocx({
      blocks: [
        { kind: 'title', text: 'Hội nghị triển khai nhiệm vụ năm 2027' },
        { kind: 'heading', level: 1, text: 'Kết quả năm 2026' },
        { kind: 'paragraph', content: { text: encodeLegacy('Ủy ban nhân dân huyện đã hoàn thành các chỉ tiêu chủ yếu', 'tcvn3'), font: '.VnTime' } },
        { kind: 'bullets', items: ['Thu ngân sách đạt 105%', 'Giải ngân vốn đầu tư công đạt 98%'] },
        { kind: 'table', rows: [['Chỉ tiêu', 'Kết quả'], ['Hộ nghèo giảm', '2,1%']], headerRow: true },
        { kind: 'image', data: makePng(40, 30), alt: 'Toàn cảnh hội nghị' },
      ],
    });
    const agent = new Agent(t.app, b.host);
    await agent.login(b.people.contributor.email);
    const notDocx = await agent.upload('/admin/articles/import', { sectionId: String(b.sectionId) }, { name: 'bao-cao.doc', data: Buffer.from('not a zip at all') });
    assert.equal(notDocx.statusCode, 400);
    assert.match(textOf(notDocx.body), /\.docx/);
    const res = await agent.upload('/admin/articles/import', { sectionId: String(b.sectionId) }, { name: 'Hội nghị.docx', data: docx });
    assert.equal(res.statusCode, 303, textOf(res.body));
    const id = Number(/\/admin\/articles\/(\d+)/.exec(String(res.headers.location))![1]);
    const row = await t.db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.title, 'Hội nghị triển khai nhiệm vụ năm 2027');
    assert.match(row.body_html, /<h2>Kết quả năm 2026<\/h2>/);
    // TCVN3 has no codes for most capitals with tones, so "Ủ" comes back lower-case.
    assert.match(row.body_html, /ủy ban nhân dân huyện đã hoàn thành các chỉ tiêu chủ yếu/i, 'TCVN3 converted to Unicode');
    assert.match(row.body_html, /<li>Thu ngân sách đạt 105%<\/li>/);
    assert.match(row.body_html, /<table>/);
    const img = /<img alt="Toàn cảnh hội nghị" src="(\/media\/[0-9a-f]{64}\/original\.png)"/.exec(row.body_html);
    assert.ok(img, row.body_html);
    assert.equal((await t.app.inject({ url: img[1]!, headers: { host: b.host } })).statusCode, 200);
    assert.equal(row.section_id, b.sectionId);
    const revision = await t.db.selectFrom('article_revisions').selectAll().where('article_id', '=', id).executeTakeFirstOrThrow();
    assert.equal(revision.kind, 'import');
    const page = await agent.get(res.headers.location as string);
    assert.match(textOf(page.body), /Đã tạo bản nháp từ tệp Word/);
  });

  test('images are stored without location data; a file that only pretends to be an image is refused', async () => {
    const gps = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3366aa' } })
      .jpeg()
      .withExif({ IFD0: { Make: 'Điện thoại' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '19/1 38/1 0/1' } })
      .toBuffer();
    assert.ok((await sharp(gps).metadata()).exif, 'the test photo carries EXIF');
    const agent = new Agent(t.app, b.host);
    await agent.login(b.people.secretariat.email);
    const res = await agent.upload('/admin/media', { purpose: 'image', alt: 'Cầu treo bản Mới' }, { name: 'cau-treo.jpg', data: gps, contentType: 'image/jpeg' });
    assert.equal(res.statusCode, 303, textOf(res.body));
    const media = await t.db.selectFrom('media').selectAll().where('original_name', '=', 'cau-treo.jpg').executeTakeFirstOrThrow();
    const served = await t.app.inject({ url: `/media/${media.sha256}/original.jpg`, headers: { host: b.host } });
    assert.equal(served.statusCode, 200);
    assert.equal((await sharp(served.rawPayload).metadata()).exif, undefined, 'no EXIF (no GPS) in what is published');
    assert.equal(JSON.parse(media.variants).length, 1, 'a WebP variant at its own width');
    const fake = await agent.upload('/admin/media', { purpose: 'image' }, { name: 'anh.jpg', data: Buffer.from('<html><script>alert(1)</script></html>'), contentType: 'image/jpeg' });
    assert.equal(fake.statusCode, 400);
    assert.match(textOf(fake.body), /JPG|PNG|ảnh/);
  });

  test('an image without a description blocks submission until it is described', async () => {
    const res = await b.as('contributor', 'POST', '/api/v1/articles', articleBody(b, { title: 'Tin có ảnh', bodyHtml: '<p>Ảnh:</p><img src="/media/' + 'a'.repeat(64) + '/original.png">' }));
    const blocked = await act('contributor', res.json().id, { action: 'submit' });
    assert.equal(blocked.statusCode, 422);
    assert.ok(blocked.json().error.details.some((d: { code: string }) => d.code === 'image_alt_required'));
  });

  test('a signed preview link lets someone without an account read the draft until it expires', async () => {
    const res = await b.as('contributor', 'POST', '/api/v1/articles', articleBody(b, { title: 'Dự thảo báo cáo chưa đăng' }));
    const agent = new Agent(t.app, b.host);
    await agent.login(b.people.contributor.email);
    const page = await agent.post(`/admin/articles/${res.json().id}/preview-link`, { hours: '24' });
    const url = /(\/xem-truoc\/[A-Za-z0-9_.-]+)/.exec(page.body)![1]!;
    const anonymous = await t.app.inject({ url, headers: { host: b.host } });
    assert.equal(anonymous.statusCode, 200);
    assert.match(textOf(anonymous.body), /Dự thảo báo cáo chưa đăng/);
    assert.match(textOf(anonymous.body), /Bản xem trước — chưa đăng công khai/);
    assert.match(anonymous.body, /noindex/);
    assert.equal((await t.app.inject({ url: `${url.slice(0, -2)}xx`, headers: { host: b.host } })).statusCode, 404, 'a tampered link is refused');
    await makeSite(t.db, 'trang-khac');
    t.refreshSites();
    assert.equal((await t.app.inject({ url, headers: { host: 'trang-khac.test' } })).statusCode, 404, 'not valid on another site');
    t.clock.advance(25 * 3600 * 1000);
    assert.equal((await t.app.inject({ url, headers: { host: b.host } })).statusCode, 404, 'expired');
    t.clock.set('2026-11-23T02:00:00Z');
  });

  test('every save is a revision; two can be compared side by side, and an old one restored', async () => {
    const res = await b.as('contributor', 'POST', '/api/v1/articles', articleBody(b, { title: 'Tin nhiều phiên bản', bodyHtml: '<p>Năm nay huyện trồng 500 ha rừng.</p>' }));
    const id = res.json().id as number;
    await b.as('contributor', 'PATCH', `/api/v1/articles/${id}`, { lockVersion: res.json().lockVersion, bodyHtml: '<p>Năm nay huyện trồng 650 ha rừng.</p>' });
    const agent = new Agent(t.app, b.host);
    await agent.login(b.people.contributor.email);
    const compare = await agent.get(`/admin/articles/${id}/revisions?a=1&b=2`);
    assert.match(compare.body, /<del>500<\/del>/);
    assert.match(compare.body, /<ins>650<\/ins>/);
    const lock = /name="lockVersion" value="(\d+)"/.exec(compare.body)![1]!;
    const restored = await agent.post(`/admin/articles/${id}/revisions/1/restore`, { lockVersion: lock });
    assert.equal(restored.statusCode, 303);
    const row = await t.db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.match(row.body_html, /500 ha/);
    const revisions = await t.db.selectFrom('article_revisions').select(['number', 'kind']).where('article_id', '=', id).orderBy('number').execute();
    assert.deepEqual(revisions.map((r) => r.kind), ['create', 'save', 'restore']);
  });

  test('deleting moves to the trash; the author restores; only the site administrator purges, audited', async () => {
    const res = await b.as('contributor', 'POST', '/api/v1/articles', articleBody(b, { title: 'Tin sẽ bị xóa' }));
    const id = res.json().id as number;
    const author = new Agent(t.app, b.host);
    await author.login(b.people.contributor.email);
    assert.equal((await author.post(`/admin/articles/${id}/trash`)).statusCode, 303);
    assert.match(textOf((await author.get('/admin/trash')).body), /Tin sẽ bị xóa/);
    assert.equal((await author.post(`/admin/trash/${id}/purge`)).statusCode, 403);
    assert.equal((await author.post(`/admin/trash/${id}/restore`)).statusCode, 303);
    await author.post(`/admin/articles/${id}/trash`);
    const admin = new Agent(t.app, b.host);
    await admin.login(b.people.site_admin.email);
    assert.equal((await admin.post(`/admin/trash/${id}/purge`)).statusCode, 303);
    assert.equal(await t.db.selectFrom('articles').select('id').where('id', '=', id).executeTakeFirst(), undefined);
    const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'article.purge').executeTakeFirstOrThrow();
    assert.match(audit.details, /Tin sẽ bị xóa/);
  });

  test('screening flags matching terms and links for the reviewer, highlighted, without blocking', async () => {
    const admin = new Agent(t.app, b.host);
    await admin.login(b.people.site_admin.email);
    await admin.post('/admin/screening', { kind: 'term', pattern: 'đánh bạc', note: 'Quảng cáo cờ bạc' });
    await admin.post('/admin/screening', { kind: 'link', pattern: '*.casino.example' });
    const res = await b.as('contributor', 'POST', '/api/v1/articles', articleBody(b, { title: 'Tin cần rà soát', bodyHtml: '<p>Triệt phá ổ nhóm ĐÁNH BẠC qua mạng tại <a href="https://vip.casino.example/x">trang này</a>.</p>' }));
    const id = res.json().id as number;
    const reviewer = new Agent(t.app, b.host);
    await reviewer.login(b.people.secretariat.email);
    const page = await reviewer.get(`/admin/articles/${id}`);
    assert.match(textOf(page.body), /Rà soát nội dung cấm/);
    assert.match(page.body, /<mark class="screening-hit" data-rule="\d+">ĐÁNH BẠC<\/mark>/);
    assert.match(page.body, /vip\.casino\.example/);
    assert.equal((await act('contributor', id, { action: 'submit' })).statusCode, 200, 'never blocks');
  });

  test('scheduled publication happens at its time; a missed one raises an alert', async () => {
    const id = await approved('Tin hẹn giờ đăng');
    const scheduled = await act('publisher', id, { action: 'schedule', publishAt: '2026-11-23T04:00:00.000Z' });
    assert.equal(scheduled.statusCode, 200, scheduled.body);
    assert.equal(scheduled.json().publication, 'scheduled');
    assert.equal(await runDueSchedules({ db: t.db, mailer: t.deps.mailer, clock: t.clock }), 0, 'not yet');
    t.clock.set('2026-11-23T04:00:30Z');
    assert.equal(await runDueSchedules({ db: t.db, mailer: t.deps.mailer, clock: t.clock }), 1);
    const row = await b.as('publisher', 'GET', `/api/v1/articles/${id}`);
    assert.equal(row.json().publication, 'published');

    const late = await approved('Tin hẹn giờ bị lỡ');
    await act('publisher', late, { action: 'schedule', publishAt: '2026-11-23T05:00:00.000Z' });
    t.clock.set('2026-11-23T05:10:00Z'); // the runner did not run at 05:00
    assert.equal(await alertMissedSchedules({ db: t.db, mailer: t.deps.mailer, clock: t.clock }), 1);
    assert.equal(await alertMissedSchedules({ db: t.db, mailer: t.deps.mailer, clock: t.clock }), 0, 'alerted once');
    const alert = await t.db.selectFrom('notifications').selectAll().where('kind', '=', 'article.schedule_missed').where('user_id', '=', b.people.publisher.id).executeTakeFirstOrThrow();
    assert.match(alert.title, /Tin hẹn giờ bị lỡ/);
    assert.ok(t.sentMail().some((m) => /Tin hẹn giờ bị lỡ/.test(mailText(m))), 'and e-mailed');
    t.clock.set('2026-11-23T02:00:00Z');
  });

  test('each working morning the editor-in-chief gets the overdue items, once', async () => {
    const res = await b.as('contributor', 'POST', '/api/v1/articles', articleBody(b, { title: 'Tin chờ quá hạn' }));
    await act('contributor', res.json().id, { action: 'submit' });
    t.clock.set('2026-11-24T00:00:00Z'); // 07:00 Tuesday: too early
    assert.equal(await sendDailyDigests({ db: t.db, mailer: t.deps.mailer, clock: t.clock }), 0);
    t.clock.set('2026-11-24T01:00:00Z'); // 08:00
    assert.ok((await sendDailyDigests({ db: t.db, mailer: t.deps.mailer, clock: t.clock })) >= 1);
    assert.equal(await sendDailyDigests({ db: t.db, mailer: t.deps.mailer, clock: t.clock }), 0, 'once a day');
    const digest = await t.db.selectFrom('notifications').selectAll().where('kind', '=', 'article.digest').where('user_id', '=', b.people.editor_in_chief.id).executeTakeFirstOrThrow();
    assert.match(digest.body, /Tin chờ quá hạn/);
    t.clock.set('2026-11-29T01:00:00Z'); // Sunday: no digest
    assert.equal(await sendDailyDigests({ db: t.db, mailer: t.deps.mailer, clock: t.clock }), 0);
    t.clock.set('2026-11-23T02:00:00Z');
  });

  test('a chain that cannot complete is refused with the reason; a valid one is saved as a new version', async () => {
    const admin = new Agent(t.app, b.host);
    await admin.login(b.people.site_admin.email);
    const page = await admin.get('/admin/workflow');
    assert.match(textOf(page.body), /Lãnh đạo đơn vị duyệt nội dung/);
    const bad = await admin.post('/admin/workflow', { name0: 'Thư ký kiểm tra', actor0: 'responder', kind0: 'verify', effectiveFrom: '01/12/2026' });
    assert.equal(bad.statusCode, 400);
    const none = await admin.post('/admin/workflow', { name0: 'Tổ trưởng duyệt', actor0: 'editor_in_chief', kind0: 'approve', name1: 'Ủy viên kiểm tra', actor1: 'board_member', kind1: 'verify', effectiveFrom: '01/12/2026' });
    assert.equal(none.statusCode, 303, textOf(none.body));
    const { chainInForce } = await import('./workflow-context.ts');
    assert.deepEqual((await chainInForce(t.db, b.site.id, '2026-12-01')).chain.steps.map((s) => s.name), ['Tổ trưởng duyệt', 'Ủy viên kiểm tra']);
    assert.equal((await chainInForce(t.db, b.site.id, '2026-11-30')).chain.steps.length, 4, 'the old chain until then');
  });

  test('autosave keeps one draft revision per person and answers with the new lock version', async () => {
    const res = await b.as('contributor', 'POST', '/api/v1/articles', articleBody(b, { title: 'Tin tự động lưu' }));
    const id = res.json().id as number;
    const agent = new Agent(t.app, b.host);
    await agent.login(b.people.contributor.email);
    const token = await agent.csrf();
    const autosave = (body: string, lockVersion: number) =>
      t.app.inject({
        method: 'POST',
        url: `/admin/articles/${id}/autosave`,
        remoteAddress: agent.ip,
        headers: { host: b.host, cookie: `tt_session=${agent.cookie('tt_session')}; tt_csrf=${agent.cookie('tt_csrf')}`, 'content-type': 'application/x-www-form-urlencoded', 'x-csrf-token': token },
        payload: new URLSearchParams({ title: 'Tin tự động lưu', kind: 'news', language: 'vi', bodyHtml: body, lockVersion: String(lockVersion) }).toString(),
      });
    const first = await autosave('<p>Đang viết dở…</p>', 1);
    assert.equal(first.statusCode, 200, first.body);
    const second = await autosave('<p>Đang viết dở, thêm một câu.</p>', first.json().lockVersion);
    assert.equal(second.statusCode, 200);
    const kinds = (await t.db.selectFrom('article_revisions').select('kind').where('article_id', '=', id).orderBy('number').execute()).map((r) => r.kind);
    assert.deepEqual(kinds, ['create', 'autosave'], 'autosaves replace each other');
    const stale = await autosave('<p>Bản cũ</p>', 1);
    assert.equal(stale.statusCode, 409);
    assert.match(stale.json().error.message, /sau khi bạn mở ra/);
    const noToken = await t.app.inject({ method: 'POST', url: `/admin/articles/${id}/autosave`, headers: { host: b.host, cookie: `tt_session=${agent.cookie('tt_session')}`, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'title=x' });
    assert.equal(noToken.statusCode, 403, 'CSRF protected');
  });

  test('related articles are linked under their public titles; the home page tells people what waits for them', async () => {
    const first = await approved('Tin gốc đã đăng');
    await act('publisher', first, { action: 'publish' });
    const current = await b.as('contributor', 'GET', `/api/v1/articles/${first}`);
    await b.as('contributor', 'PATCH', `/api/v1/articles/${first}`, { lockVersion: current.json().lockVersion, title: 'Tiêu đề mới chưa duyệt' });
    const res = await b.as('contributor', 'POST', '/api/v1/articles', articleBody(b, { title: 'Tin có tin liên quan', relatedIds: [first] }));
    const second = res.json().id as number;
    await act('contributor', second, { action: 'submit' });
    const head = new Agent(t.app, b.host);
    await head.login(b.people.unit_head.email);
    assert.match(textOf((await head.get('/admin')).body), /Có \d+ tin bài đang chờ bạn xử lý/);
    for (const role of ['unit_head', 'secretariat', 'deputy', 'editor_in_chief'] as const) await act(role, second, { action: 'approve' });
    const published = await act('publisher', second, { action: 'publish' });
    const page = textOf((await t.app.inject({ url: `/bai-viet/${published.json().slug}`, headers: { host: b.host } })).body);
    assert.match(page, /Tin liên quan Tin gốc đã đăng/);
    assert.doesNotMatch(page, /Tiêu đề mới chưa duyệt/);
  });
});
