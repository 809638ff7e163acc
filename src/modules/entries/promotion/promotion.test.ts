// Business promotion (001 Đ11, 002 Đ6.2) on SQLite and PostgreSQL: it cannot
// be submitted or published without the business's written confirmation and a
// closed validity period; the confirmation (letter, number, signer) and the
// contract note never reach a public page, feed or open data; the home page
// shows current promotions as banners; and the day after its period ends a
// promotion is gone from its page (410), the list, search, the sitemap, the
// feed and the home page — also where those pages were cached — and one whose
// period begins appears that day.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Agent, textOf } from '../../../../test/support/agent.ts';
import { buildTestApp, TestClock, type TestApp } from '../../../../test/support/app.ts';
import { forEachEngine } from '../../../../test/support/databases.ts';
import { makePng } from '../../../../test/support/docx.ts';
import { makeBoard, type Board } from '../../../../test/support/editorial.ts';
import { entryBody, publishEntry } from '../../../../test/support/entries.ts';
import { systemActor } from '../../../../test/support/factories.ts';
import { promotion } from '../../../core/entries/kinds/promotion.ts';
import { uploadMedia } from '../../media/media.ts';
import { syncValidityWindows } from '../validity-job.ts';

const letterPdf = Buffer.from('%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1');

forEachEngine('business promotion', (engine) => {
  let t: TestApp;
  let b: Board;
  // Monday 23 Nov 2026, 09:00 in Vietnam.
  const clock = new TestClock(new Date('2026-11-23T02:00:00Z'));
  let bannerId: number;
  let letter: { id: number; sha256: string };
  let values: Record<string, unknown>;
  let current: { id: number; slug: string };
  let upcoming: { id: number; slug: string };

  before(async () => {
    t = await buildTestApp(engine, { clock });
    b = await makeBoard(t, 'quangba');
    const actor = { ...systemActor(b.site.id), userId: b.people.contributor.id };
    bannerId = (await uploadMedia(t.db, t.deps.files, actor, { data: makePng(120, 40, [20, 90, 40]), originalName: 'che-thanh-chuong.png', purpose: 'image', alt: 'Chè Thanh Chương' })).id;
    const uploaded = await uploadMedia(t.db, t.deps.files, actor, { data: letterPdf, originalName: 'Văn bản xác nhận 12-CV-CTC.pdf', purpose: 'attachment' });
    letter = { id: uploaded.id, sha256: uploaded.sha256 };
    values = {
      businessName: 'Công ty TNHH Chè Thanh Chương',
      banner: { mediaId: bannerId, alt: 'Biểu trưng Công ty TNHH Chè Thanh Chương: búp chè xanh', caption: null },
      website: 'https://chethanhchuong.example.vn',
      introduction: 'Sản xuất, chế biến chè xanh đặc sản vùng đồi Thanh Chương.',
      validity: { from: '2026-11-20', to: '2026-11-30' },
      confirmation: letter.id,
      confirmationNumber: '12/CV-CTC',
      confirmationDate: '2026-11-18',
      confirmationSigner: 'Nguyễn Văn Bảo, Giám đốc',
      contractNote: 'Hợp đồng số 05/HĐ-QB, phí 3.000.000 đồng/tháng',
    };
  });
  after(async () => t.close());

  describe('the written confirmation and the period', () => {
    /** The editor form of a promotion, as a browser posts it. */
    const promotionForm = (over: Record<string, string> = {}): Record<string, string> => ({
      kind: 'entry',
      entryKind: 'promotion',
      title: 'Giới thiệu Công ty TNHH Chè Thanh Chương',
      bodyHtml: '<p>Chè xanh đặc sản.</p>',
      language: 'vi',
      unitId: String(b.unitId),
      'f.businessName': 'Công ty TNHH Chè Thanh Chương',
      'f.banner.mediaId': String(bannerId),
      'f.banner.alt': 'Biểu trưng Công ty TNHH Chè Thanh Chương',
      'f.validity.from': '2026-11-20',
      'f.validity.to': '2026-11-30',
      'f.confirmationDate': '2026-11-18',
      'f.confirmationSigner': 'Nguyễn Văn Bảo, Giám đốc',
      ...over,
    });
    let editor: Agent;

    test('without the confirmation letter and its number it cannot be submitted nor published urgently; the form says why in Vietnamese', async () => {
      editor = new Agent(t.app, b.host);
      await editor.login(b.people.secretariat.email);
      const saved = await editor.post('/admin/articles', promotionForm());
      assert.equal(saved.statusCode, 303, textOf(saved.body));
      const id = Number(/\/admin\/articles\/(\d+)$/.exec(String(saved.headers.location))![1]);
      const page = await editor.get(`/admin/articles/${id}`);
      assert.equal(page.statusCode, 200, textOf(page.body).slice(0, 2000));
      assert.match(textOf(page.body), /Văn bản xác nhận nội dung của doanh nghiệp, tổ chức/, 'the officials see the confirmation field');
      const submit = await editor.post(`/admin/articles/${id}/actions`, { action: 'submit' });
      assert.equal(submit.statusCode, 422);
      assert.match(submit.body, /Vui lòng chọn «Văn bản xác nhận nội dung của doanh nghiệp, tổ chức»/, 'a drop-down is chosen, not typed');
      assert.match(submit.body, /Vui lòng nhập «Số văn bản xác nhận»/);
      const urgent = await b.as('editor_in_chief', 'POST', `/api/v1/articles/${id}/actions`, { action: 'urgent_publish', reason: 'Cần đăng gấp' });
      assert.equal(urgent.statusCode, 422, urgent.body);
      assert.deepEqual((urgent.json().error.details as { field: string }[]).map((d) => d.field).filter((f) => f.startsWith('f.')), ['f.confirmation', 'f.confirmationNumber']);
      assert.equal(await t.db.selectFrom('search_documents').select('id').where('item_id', '=', id).executeTakeFirst(), undefined);
      // With the letter attached, its file is named in the entry's form.
      const complete = await b.as('contributor', 'POST', '/api/v1/articles', entryBody(b, 'promotion', values, { title: 'Bản nháp có văn bản xác nhận' }));
      const withLetter = await editor.get(`/admin/articles/${complete.json().id}`);
      assert.match(withLetter.body, /Văn bản xác nhận 12-CV-CTC\.pdf/);
    });

    test('«Lưu và gửi duyệt» without the letter says one true thing: the draft is saved, it is not submitted, and what to add', async () => {
      const res = await editor.post('/admin/articles', promotionForm({ then: 'submit', title: 'Quảng bá thiếu văn bản' }));
      assert.equal(res.statusCode, 422, textOf(res.body).slice(0, 500));
      const text = textOf(res.body);
      assert.match(res.body, /<div class="error-summary"[^>]*><h2>Đã lưu bản nháp nhưng chưa gửi duyệt được\. Vui lòng bổ sung:<\/h2>/);
      assert.doesNotMatch(text, /Chưa lưu được/);
      assert.match(text, /Vui lòng chọn «Văn bản xác nhận nội dung của doanh nghiệp, tổ chức»/);
      assert.match(text, /Vui lòng nhập «Số văn bản xác nhận»/);
      const row = await t.db.selectFrom('articles').select('review_state').where('site_id', '=', b.site.id).where('title', '=', 'Quảng bá thiếu văn bản').executeTakeFirstOrThrow();
      assert.equal(row.review_state, 'draft', 'the draft was saved');
    });

    test('a banner picked without a description takes the library’s, in the form and on save', async () => {
      // Refused for its backwards period: the form comes back with the library's description filled in.
      const refused = await editor.post('/admin/articles', promotionForm({ 'f.banner.alt': '', 'f.validity.from': '2026-12-10', 'f.validity.to': '2026-12-01', title: 'Quảng bá mô tả từ thư viện' }));
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /<input type="text" id="f\.banner\.alt" name="f\.banner\.alt" value="Chè Thanh Chương"/);
      const saved = await editor.post('/admin/articles', promotionForm({ 'f.banner.alt': '', title: 'Quảng bá mô tả từ thư viện' }));
      assert.equal(saved.statusCode, 303, textOf(saved.body).slice(0, 500));
      const row = await t.db.selectFrom('articles').select('details').where('site_id', '=', b.site.id).where('title', '=', 'Quảng bá mô tả từ thư viện').executeTakeFirstOrThrow();
      assert.equal((JSON.parse(row.details!) as { banner: { alt: string } }).banner.alt, 'Chè Thanh Chương');
    });

    test('the letter takes documents only: captions or a video are neither offered nor saved', async () => {
      const actor = { ...systemActor(b.site.id), userId: b.people.contributor.id };
      const vtt = await uploadMedia(t.db, t.deps.files, actor, { data: Buffer.from('WEBVTT\n\n00:00.000 --> 00:01.000\nXin chào\n'), originalName: 'phu-de.vtt', purpose: 'subtitle' });
      const form = await editor.get('/admin/articles/new?entry=promotion');
      const select = /<select id="f\.confirmation"[^>]*>(.*?)<\/select>/s.exec(form.body)![1]!;
      assert.match(select, /Văn bản xác nhận 12-CV-CTC\.pdf/);
      assert.doesNotMatch(select, /phu-de\.vtt/);
      const refused = await editor.post('/admin/articles', promotionForm({ 'f.confirmation': String(vtt.id), title: 'Quảng bá kèm phụ đề' }));
      assert.equal(refused.statusCode, 400);
      assert.match(textOf(refused.body), /Có ô cần một văn bản \(PDF, Word, Excel, ODT, ODS hoặc ảnh chụp văn bản\)/);
    });

    test('«Lưu nháp và tải tệp lên» saves what was typed, opens the library and leads back to the draft after the upload', async () => {
      const form = await editor.get('/admin/articles/new?entry=promotion');
      assert.match(form.body, /<button type="submit" name="then" value="upload"[^>]*>Lưu nháp và tải tệp, ảnh lên thư viện<\/button>/);
      assert.doesNotMatch(/<section class="entry-fields".*?<\/section>/s.exec(form.body)![0], /<a href="\/admin\/media">/, 'no link that leaves the form unsaved');
      const saved = await editor.post('/admin/articles', promotionForm({ then: 'upload', title: 'Quảng bá đang soạn dở', 'f.confirmationSigner': 'Lê Thị Hoa' }));
      assert.equal(saved.statusCode, 303, textOf(saved.body).slice(0, 500));
      const id = (await t.db.selectFrom('articles').select('id').where('site_id', '=', b.site.id).where('title', '=', 'Quảng bá đang soạn dở').executeTakeFirstOrThrow()).id;
      assert.equal(saved.headers.location, `/admin/media?back=${id}`);
      const library = await editor.get(String(saved.headers.location));
      assert.match(library.body, new RegExp(`<a href="/admin/articles/${id}" class="button">Quay lại bài đang soạn</a>`));
      assert.match(library.body, new RegExp(`action="/admin/media\\?_csrf=[^"]*&amp;back=${id}"|action="/admin/media\\?_csrf=[^"]*&back=${id}"`));
      const uploaded = await editor.upload(`/admin/media?back=${id}`, { purpose: 'attachment' }, { name: 'Văn bản xác nhận mới.pdf', data: Buffer.concat([letterPdf, Buffer.from('%moi\n')]) });
      assert.equal(uploaded.statusCode, 303, textOf(uploaded.body).slice(0, 500));
      assert.match(String(uploaded.headers.location), new RegExp(`^/admin/media/\\d+\\?back=${id}$`));
      const detail = await editor.get(String(uploaded.headers.location));
      assert.match(detail.body, new RegExp(`<a href="/admin/articles/${id}" class="button">Quay lại bài đang soạn</a>`));
      const draft = await editor.get(`/admin/articles/${id}`);
      assert.match(draft.body, /value="Lê Thị Hoa"/, 'what was typed is still there');
      assert.match(draft.body, /Văn bản xác nhận mới\.pdf/, 'the new file is offered');
      // Another site's article id is no way back.
      const elsewhere = await editor.get('/admin/media?back=999999');
      assert.doesNotMatch(elsewhere.body, /Quay lại bài đang soạn/);
    });

    test('a period that ends before it starts is refused; one without an end cannot be submitted', async () => {
      const backwards = await editor.post('/admin/articles', promotionForm({ 'f.validity.from': '2026-12-10', 'f.validity.to': '2026-12-01', title: 'Quảng bá ngược thời gian' }));
      assert.equal(backwards.statusCode, 400);
      assert.match(backwards.body, /ngày kết thúc phải sau ngày bắt đầu/);
      const open = await b.as('contributor', 'POST', '/api/v1/articles', entryBody(b, 'promotion', { ...values, validity: { from: '2026-11-20', to: null } }, { title: 'Quảng bá không thời hạn' }));
      assert.equal(open.statusCode, 201);
      const submit = await b.as('contributor', 'POST', `/api/v1/articles/${open.json().id}/actions`, { action: 'submit' });
      assert.equal(submit.statusCode, 422);
      assert.deepEqual((submit.json().error.details as { code: string }[]).map((d) => d.code), ['validity_end_required']);
    });
  });

  describe('public while valid, the confirmation never', () => {
    test('published, it is on its page, the list, search, the feed, the sitemap and the home page as a banner; the letter, its number, signer and the contract are not', async () => {
      current = await publishEntry(b, 'promotion', values, { title: 'Giới thiệu Công ty TNHH Chè Thanh Chương', bodyHtml: '<p>Chè xanh Thanh Chương đạt chứng nhận OCOP 4 sao.</p>' });
      upcoming = await publishEntry(b, 'promotion', { ...values, businessName: 'Hợp tác xã Cam Xã Đoài', introduction: 'Cam Xã Đoài chín mọng.', banner: { mediaId: bannerId, alt: 'Biểu trưng Hợp tác xã Cam Xã Đoài', caption: null }, validity: { from: '2026-11-25', to: '2026-12-31' } }, { title: 'Giới thiệu Hợp tác xã Cam Xã Đoài' });
      const visitor = new Agent(t.app, b.host);
      const secrets = [letter.sha256, '12/CV-CTC', 'Nguyễn Văn Bảo', 'Hợp đồng số 05', 'Văn bản xác nhận 12-CV-CTC'];
      const pages = {
        page: `/${promotion.path}/${current.slug}`,
        list: `/${promotion.path}`,
        search: '/tim-kiem?q=che+thanh+chuong',
        rss: `/${promotion.path}/rss.xml`,
        csv: `/${promotion.path}/du-lieu.csv`,
        json: `/${promotion.path}/du-lieu.json`,
        sitemap: '/sitemap.xml',
        home: '/',
      };
      for (const [name, url] of Object.entries(pages)) {
        const res = await visitor.get(url);
        assert.equal(res.statusCode, 200, `${name}: ${res.statusCode}`);
        if (name !== 'home') assert.match(res.body, /Chè Thanh Chương|che-thanh-chuong/i, `${name} shows it`);
        for (const secret of secrets) assert.ok(!res.body.includes(secret), `${name} must not carry «${secret}»`);
      }
      const home = await visitor.get('/');
      assert.match(home.body, /<section class="home-block promotions"[^>]*>.*Quảng bá, giới thiệu doanh nghiệp.*<img [^>]*alt="Biểu trưng Công ty TNHH Chè Thanh Chương: búp chè xanh"/s);
      assert.doesNotMatch(home.body, /Cam Xã Đoài/, 'not before its period');
      const list = await visitor.get(`/${promotion.path}`);
      assert.doesNotMatch(list.body, /luu-tru=1/, 'no public archive');
      assert.doesNotMatch(list.body, /Cam Xã Đoài/);
      assert.equal((await visitor.get(`/${promotion.path}/${upcoming.slug}`)).statusCode, 404);
      // The back office says which published one is not yet valid.
      const chief = new Agent(t.app, b.host);
      await chief.login(b.people.editor_in_chief.email);
      const office = await chief.get('/admin/entries/promotion');
      assert.match(office.body, /Giới thiệu Hợp tác xã Cam Xã Đoài.*?Đã đăng.*?<p class="hint">Chưa đến hiệu lực<\/p>/s);
      assert.doesNotMatch(office.body, /Hết hiệu lực/);
    });

    test('the confirmation letter is a private file: 404 to anyone not signed in to the site, 200 to its members, 404 to another site’s; never among pictures', async () => {
      assert.equal((await t.db.selectFrom('media').select('private').where('id', '=', letter.id).executeTakeFirstOrThrow()).private, 1, 'saved in an internal field, the file became private');
      const url = `/media/${letter.sha256}/original.pdf`;
      assert.equal((await new Agent(t.app, b.host).get(url)).statusCode, 404);
      const member = new Agent(t.app, b.host);
      await member.login(b.people.contributor.email);
      const seen = await member.get(url);
      assert.equal(seen.statusCode, 200);
      assert.match(String(seen.headers['cache-control']), /private, no-store/);
      // Another site: its member, its host, its session on this host; the same bytes public there change nothing here.
      const other = await makeBoard(t, 'quangbakhac');
      const stranger = new Agent(t.app, other.host);
      await stranger.login(other.people.editor_in_chief.email);
      assert.equal((await stranger.get(url)).statusCode, 404);
      const borrowed = new Agent(t.app, b.host);
      for (const name of ['tt_session']) if (stranger.cookie(name)) borrowed.setCookie(name, stranger.cookie(name)!);
      assert.equal((await borrowed.get(url)).statusCode, 404);
      await uploadMedia(t.db, t.deps.files, { ...systemActor(other.site.id), userId: other.people.contributor.id }, { data: letterPdf, originalName: 'ban-cong-khai.pdf', purpose: 'attachment' });
      assert.equal((await new Agent(t.app, other.host).get(url)).statusCode, 200, 'public on the other site');
      assert.equal((await new Agent(t.app, b.host).get(url)).statusCode, 404, 'still private here');
      // Members pick it for the letter, nobody as a picture.
      const form = await member.get('/admin/articles/new?entry=promotion');
      assert.doesNotMatch(/<select id="f\.banner\.mediaId"[^>]*>(.*?)<\/select>/s.exec(form.body)![1]!, new RegExp(`value="${letter.id}"`));
      assert.match(/<select id="f\.confirmation"[^>]*>(.*?)<\/select>/s.exec(form.body)![1]!, new RegExp(`value="${letter.id}"`));
      // Upload marked "Tài liệu nội bộ" on /admin/media: private at once.
      const upload = await member.upload('/admin/media', { purpose: 'attachment', private: 'on' }, { name: 'Văn bản nội bộ.pdf', data: Buffer.concat([letterPdf, Buffer.from('%noi-bo\n')]) });
      assert.equal(upload.statusCode, 303, textOf(upload.body).slice(0, 300));
      const internal = await t.db.selectFrom('media').select(['private', 'sha256']).where('site_id', '=', b.site.id).where('original_name', '=', 'Văn bản nội bộ.pdf').executeTakeFirstOrThrow();
      assert.equal(internal.private, 1);
      assert.equal((await new Agent(t.app, b.host).get(`/media/${internal.sha256}/original.pdf`)).statusCode, 404);
      // A private image is no banner: pictures go public.
      const scan = await uploadMedia(t.db, t.deps.files, { ...systemActor(b.site.id), userId: b.people.contributor.id }, { data: makePng(60, 60, [1, 2, 3]), originalName: 'ban-chup.png', purpose: 'image', alt: 'Bản chụp', private: true });
      const refused = await b.as('contributor', 'POST', '/api/v1/articles', entryBody(b, 'promotion', { ...values, banner: { mediaId: scan.id, alt: 'Bản chụp', caption: null } }, { title: 'Quảng bá với ảnh nội bộ' }));
      assert.equal(refused.statusCode, 422, refused.body);
      assert.ok((refused.json().error.details as { code: string }[]).some((d) => d.code === 'invalid_entry_picture'), refused.body);
    });

    test('the day after its period ends it is gone everywhere, although those pages were cached; the next one appears on its first day', async () => {
      const visitor = new Agent(t.app, b.host);
      // Cached on the 30th, its last day.
      clock.set('2026-11-30T10:00:00Z');
      await syncValidityWindows(t.db, clock);
      for (const url of ['/', `/${promotion.path}`, `/${promotion.path}/${current.slug}`, '/tim-kiem?q=che+thanh+chuong', '/sitemap.xml', `/${promotion.path}/rss.xml`]) {
        assert.match((await visitor.get(url)).body, /Chè Thanh Chương|che-thanh-chuong/i, `${url} on its last day`);
      }
      assert.match((await visitor.get('/')).body, /Cam Xã Đoài/, 'the next one began on the 25th');
      // 1 December, 00:05 in Vietnam: the job takes it out.
      clock.set('2026-11-30T17:05:00Z');
      const changed = await syncValidityWindows(t.db, clock);
      assert.deepEqual(changed, [b.site.id]);
      const gone = await visitor.get(`/${promotion.path}/${current.slug}`);
      assert.equal(gone.statusCode, 410);
      assert.match(textOf(gone.body), /đã hết thời hạn hiển thị/);
      for (const url of ['/', `/${promotion.path}`, '/tim-kiem?q=che+thanh+chuong', '/sitemap.xml', `/${promotion.path}/rss.xml`, `/${promotion.path}/du-lieu.json`]) {
        const res = await visitor.get(url);
        assert.ok(!/Chè Thanh Chương|giới thiệu công ty tnhh chè/i.test(res.body) && !res.body.includes(current.slug), `${url} no longer shows it`);
      }
      assert.match((await visitor.get('/')).body, /Cam Xã Đoài/);
      assert.equal(await t.db.selectFrom('search_documents').select('id').where('item_id', '=', current.id).executeTakeFirst(), undefined);
      // Idempotent: nothing left to move.
      assert.deepEqual(await syncValidityWindows(t.db, clock), []);
      // Published, but no longer valid: the back-office list says so beside its status.
      const chief = new Agent(t.app, b.host);
      await chief.login(b.people.editor_in_chief.email);
      const office = await chief.get('/admin/entries/promotion');
      assert.match(office.body, /Giới thiệu Công ty TNHH Chè Thanh Chương<\/a>.*?<p class="hint">Hết hiệu lực<\/p>/s);
    });
  });
});
