// The public side of citizens' cases on SQLite and PostgreSQL: each of the four
// forms stores a case of its kind with its details, files (never in the media
// library), a 'receive' event, a receipt by e-mail and a notice to the
// secretariat; robots, hurried senders, busy addresses and disguised files are
// refused and store nothing; the tracking page and every published page and
// open-data answer show the case but never the requester's personal data.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { Agent, mailText, textOf } from '../../../test/support/agent.ts';
import { buildTestApp, TestClock, type TestApp } from '../../../test/support/app.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { makeBoard, publishArticle, type Board } from '../../../test/support/editorial.ts';
import { makePng } from '../../../test/support/docx.ts';
import { ADDRESS_LIMIT, PUBLIC_FORM_RATE_LIMIT } from './protection.ts';
import { receiveCase } from './receive.ts';

const pdf = Buffer.from('%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1');
/** A Windows program: "MZ", then the PE header the sniffer recognises. */
function exe(): Buffer {
  const b = Buffer.alloc(512);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(0x80, 0x3c);
  b.write('PE\0\0', 0x80, 'latin1');
  return b;
}

// Distinctive personal data, searched for on every public page and answer.
const PII = {
  name: 'Nguyễn Thị Riêngtư',
  email: 'riengtu.nguoihoi@example.vn',
  phone: '0912 345 678',
  address: 'Số 99 ngõ Bímật, phường Kínđáo',
  idNumber: '079123456789',
};

type FileSpec = { name: string; data: Buffer; type?: string };

forEachEngine('citizens: public forms, tracking and published answers', (engine) => {
  let t: TestApp;
  let b: Board;
  const clock = new TestClock(new Date('2026-03-10T02:00:00Z')); // a Tuesday morning in Vietnam

  before(async () => {
    t = await buildTestApp(engine, { clock });
    b = await makeBoard(t, 'congdan', { languages: ['vi', 'en'], nameEn: 'Citizens test site', agencyNameEn: 'People’s Committee' });
  });
  after(async () => t.close());

  /** Opens the form (for its signed stamp), waits like a person, sends it as multipart with files. */
  /** `resend`: the browser sends the same form again (a reload of the confirmation page); the answer to that is returned. */
  async function send(path: string, fields: Record<string, string>, files: FileSpec[] = [], opts: { wait?: number; agent?: Agent; resend?: boolean } = {}): Promise<LightMyRequestResponse> {
    const agent = opts.agent ?? new Agent(t.app, b.host);
    const page = await agent.get(path);
    assert.equal(page.statusCode, 200, page.body);
    const stamp = /name="stamp" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    clock.advance(opts.wait ?? 20_000);
    const boundary = `----citizen${Math.random().toString(16).slice(2)}`;
    const parts: Buffer[] = [];
    for (const [k, v] of Object.entries({ stamp, website: '', ...fields })) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
    for (const f of files) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="tep"; filename="${f.name}"\r\nContent-Type: ${f.type ?? 'application/octet-stream'}\r\n\r\n`), f.data, Buffer.from('\r\n'));
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    const post = () => t.app.inject({ method: 'POST', url: path, remoteAddress: agent.ip, headers: { host: b.host, origin: `http://${b.host}`, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: Buffer.concat(parts) });
    const first = await post();
    if (!opts.resend) return first;
    clock.advance(30_000);
    return post();
  }

  const codeOf = (res: LightMyRequestResponse) => /class="tracking-code"><strong>([A-Z0-9-]+)</.exec(res.body)?.[1] ?? null;
  const caseByCode = (code: string) => t.db.selectFrom('citizen_cases').selectAll().where('site_id', '=', b.site.id).where('tracking_code', '=', code).executeTakeFirstOrThrow();
  const countCases = async () => Number((await t.db.selectFrom('citizen_cases').select((eb) => eb.fn.countAll<number>().as('n')).where('site_id', '=', b.site.id).executeTakeFirstOrThrow()).n);
  const who = (n: number) => ({ name: PII.name, email: `nguoi${n}.${PII.email}`, phone: '', address: PII.address });

  test('a question with two attachments is received: case, files outside the media library, event, receipt, notice to the secretariat', async () => {
    const mailsBefore = t.sentMail().length;
    const res = await send('/hoi-dap/gui-cau-hoi', { ...who(1), phone: PII.phone, field: 'Đất đai', title: 'Thủ tục cấp đổi sổ đỏ', body: 'Tôi muốn hỏi hồ sơ cấp đổi giấy chứng nhận gồm những gì?', consent: 'on' }, [
      { name: 'don.pdf', data: pdf, type: 'application/pdf' },
      { name: 'anh.png', data: makePng(4, 4), type: 'image/png' },
    ]);
    assert.equal(res.statusCode, 200, res.body);
    const code = codeOf(res);
    assert.match(code ?? '', /^HD-[A-Z0-9]{4}-[A-Z0-9]{4}$/, 'the page shows the tracking code');
    assert.match(textOf(res.body), /Hạn trả lời theo quy định/);
    const row = await caseByCode(code!);
    assert.equal(row.kind, 'question');
    assert.equal(row.status, 'received');
    assert.equal(row.channel, 'online');
    assert.equal(row.field, 'Đất đai');
    assert.equal(row.consent_publish, 1);
    assert.equal(row.requester_email, `nguoi1.${PII.email}`);
    assert.ok(row.due_at && row.due_at > row.created_at, 'a legal deadline is set');
    const files = await t.db.selectFrom('citizen_case_files').selectAll().where('case_id', '=', row.id).orderBy('id').execute();
    assert.deepEqual(files.map((f) => [f.ext, f.mime]), [['pdf', 'application/pdf'], ['png', 'image/png']]);
    assert.ok(await t.deps.files.has(files[0]!.sha256), 'the bytes are in the file store');
    const media = await t.db.selectFrom('media').select('id').where('site_id', '=', b.site.id).execute();
    assert.equal(media.length, 0, 'attachments never enter the media library');
    const events = await t.db.selectFrom('citizen_case_events').selectAll().where('case_id', '=', row.id).execute();
    assert.deepEqual(events.map((e) => [e.action, e.to_status]), [['receive', 'received']]);
    const mails = t.sentMail().slice(mailsBefore).map(mailText);
    const receipt = mails.find((m) => m.includes(`To: nguoi1.${PII.email}`));
    assert.ok(receipt, 'a receipt goes to the asker');
    assert.ok(receipt.includes(code!) && receipt.includes(`/tra-cuu-y-kien?ma=${code}`), 'with the code and the tracking link');
    const notices = await t.db.selectFrom('notifications').select(['user_id', 'title', 'body']).where('site_id', '=', b.site.id).where('item_id', '=', row.id).where('kind', '=', 'case.received').execute();
    assert.ok(notices.some((n) => n.user_id === b.people.secretariat.id), 'the secretariat is told');
    assert.ok(!notices.some((n) => n.user_id === b.people.contributor.id), 'not a contributor');
    for (const n of notices) assert.ok(!n.title.includes('Riêngtư') && !n.body.includes(PII.email) && !n.body.includes(PII.phone), 'no personal data in the notice');
  });

  test('the same form sent again (a reload of the confirmation) confirms the same case: one case, one receipt', async () => {
    const cases = await countCases();
    const mails = t.sentMail().length;
    const fields = { ...who(9), field: 'Giao thông', title: 'Đèn đường thôn Mới hỏng', regulation: 'Quy chế quản lý chiếu sáng công cộng của xã', body: 'Đèn đường đầu thôn Mới hỏng đã hai tuần.', proposal: 'Đề nghị thay đèn.' };
    const again = await send('/phan-anh-kien-nghi/gui', fields, [], { resend: true });
    assert.equal(again.statusCode, 200, again.body);
    assert.equal(await countCases(), cases + 1, 'one case');
    const row = await caseByCode(codeOf(again)!);
    assert.equal(row.title, 'Đèn đường thôn Mới hỏng', 'the page confirms the case filed the first time');
    assert.equal(t.sentMail().slice(mails).map(mailText).filter((m) => m.includes(`To: nguoi9.${PII.email}`)).length, 1, 'one receipt');
    // Other words from the same person, or the same words from another, are another case.
    await send('/phan-anh-kien-nghi/gui', { ...fields, body: 'Đèn đường cuối thôn Mới cũng hỏng.' });
    await send('/phan-anh-kien-nghi/gui', { ...fields, ...who(10) });
    assert.equal(await countCases(), cases + 3);
  });

  test('a petition keeps the regulation and the proposal in its details', async () => {
    const res = await send('/phan-anh-kien-nghi/gui', { ...who(2), field: 'Xây dựng', title: 'Thời hạn cấp phép xây dựng quá dài', regulation: 'Điều 5 Quyết định 12/2024/QĐ-UBND', body: 'Hồ sơ phải chờ 30 ngày.', proposal: 'Rút xuống 15 ngày.' });
    assert.equal(res.statusCode, 200, res.body);
    const row = await caseByCode(codeOf(res)!);
    assert.equal(row.kind, 'petition');
    assert.match(row.tracking_code, /^PA-/);
    assert.deepEqual(JSON.parse(row.details), { regulation: 'Điều 5 Quyết định 12/2024/QĐ-UBND', proposal: 'Rút xuống 15 ngày.' });
    assert.equal(row.consent_publish, 0, 'no consent unless ticked');
  });

  test('an information request (form 01a) stores the identity number and what is wanted, how and where', async () => {
    const res = await send('/tiep-can-thong-tin/yeu-cau', {
      name: PII.name,
      idNumber: PII.idNumber,
      idIssued: '01/01/2021, Cục Cảnh sát',
      // Typed on two lines (the address box has two, for the browser's autofill): kept on one.
      address: PII.address.replace(', ', ',\r\n'),
      email: `nguoi3.${PII.email}`,
      phone: '',
      docName: 'Quy hoạch sử dụng đất xã đến năm 2030',
      docNumber: '45/QĐ-UBND',
      docDate: '15/03/2024',
      docIssuer: 'UBND huyện',
      description: '',
      purpose: 'Tìm hiểu để xây nhà',
      copies: '2',
      delivery: 'post',
      deliveryAddress: PII.address,
    });
    assert.equal(res.statusCode, 200, res.body);
    const row = await caseByCode(codeOf(res)!);
    assert.equal(row.kind, 'info_request');
    assert.equal(row.requester_id_number, PII.idNumber);
    assert.equal(row.requester_address, PII.address);
    const d = JSON.parse(row.details);
    assert.equal(d.docNumber, '45/QĐ-UBND');
    assert.equal(d.docDate, '2024-03-15');
    assert.equal(d.copies, 2);
    assert.equal(d.delivery, 'post');
    assert.equal(d.purpose, 'Tìm hiểu để xây nhà');
    assert.match(row.title, /Quy hoạch sử dụng đất/);
  });

  test('an information request names every missing legal field next to it', async () => {
    const before = await countCases();
    const res = await send('/tiep-can-thong-tin/yeu-cau', { name: '', idNumber: 'x', address: '', email: '', phone: '', purpose: '', copies: '0', delivery: 'post', deliveryAddress: '' });
    assert.equal(res.statusCode, 400);
    const text = textOf(res.body);
    for (const expected of ['Vui lòng nhập Họ và tên', 'chỉ gồm 6–20 chữ cái', 'Vui lòng nhập Nơi cư trú', 'thư điện tử hoặc số điện thoại', 'tên văn bản, hồ sơ, tài liệu hoặc mô tả', 'Vui lòng nhập Mục đích', 'Số lượng bản phải trong khoảng', 'địa chỉ bưu chính']) {
      assert.ok(text.includes(expected), `the page says: ${expected}`);
    }
    assert.match(res.body, /class="error-summary"/);
    assert.match(res.body, /id="name"[^>]*aria-invalid="true"/);
    assert.equal(await countCases(), before);
  });

  test('a correction claim about a published article is tied to it; another site’s address is refused', async () => {
    const article = await publishArticle(b, { title: 'Kết quả tuyển sinh lớp 10 năm 2026' });
    const refused = await send('/tiep-can-thong-tin/de-nghi-dinh-chinh', { ...who(4), url: 'https://example.com/bai-viet/abc', wrong: 'Sai điểm chuẩn', correction: 'Điểm chuẩn là 30' });
    assert.equal(refused.statusCode, 400);
    assert.match(textOf(refused.body), /Hãy dán địa chỉ một trang của chính trang thông tin này/);
    const res = await send('/tiep-can-thong-tin/de-nghi-dinh-chinh', { ...who(4), url: `http://${b.host}/bai-viet/${article.slug}`, wrong: 'Điểm chuẩn trường A ghi 35 là sai', correction: 'Điểm chuẩn là 30' }, [{ name: 'bang-diem.pdf', data: pdf }]);
    assert.equal(res.statusCode, 200, res.body);
    const row = await caseByCode(codeOf(res)!);
    assert.equal(row.kind, 'correction_claim');
    assert.equal(row.article_id, article.id);
    const d = JSON.parse(row.details);
    assert.equal(d.url, `/bai-viet/${article.slug}`);
    assert.equal(d.itemTitle, 'Kết quả tuyển sinh lớp 10 năm 2026');
    assert.equal(d.correction, 'Điểm chuẩn là 30');
    const files = await t.db.selectFrom('citizen_case_files').select('ext').where('case_id', '=', row.id).execute();
    assert.deepEqual(files.map((f) => f.ext), ['pdf']);
  });

  test('the English form works when the site has English', async () => {
    const res = await send('/en/questions/ask', { ...who(5), title: 'Opening hours', body: 'When is the one-stop office open?' });
    assert.equal(res.statusCode, 200, res.body);
    assert.match(textOf(res.body), /Your tracking code/);
    assert.equal((await caseByCode(codeOf(res)!)).kind, 'question');
  });

  test('a robot (honeypot or forged stamp) gets a neutral page and nothing is stored; a hurried sender is asked again', async () => {
    const before = await countCases();
    const mails = t.sentMail().length;
    const fields = { ...who(6), title: 'Quảng cáo', body: 'Mua ngay' };
    const honeypot = await send('/hoi-dap/gui-cau-hoi', { ...fields, website: 'http://spam.example' });
    assert.equal(honeypot.statusCode, 200);
    assert.match(textOf(honeypot.body), /Ý kiến đã được gửi/);
    assert.equal(codeOf(honeypot), null);
    const agent = new Agent(t.app, b.host);
    await agent.get('/hoi-dap/gui-cau-hoi');
    clock.advance(20_000);
    const forged = await t.app.inject({ method: 'POST', url: '/hoi-dap/gui-cau-hoi', remoteAddress: agent.ip, headers: { host: b.host, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ ...fields, stamp: `${clock.now().getTime() - 60_000}.0123456789abcdef0123456789abcdef`, website: '' }).toString() });
    assert.equal(forged.statusCode, 200);
    assert.equal(codeOf(forged), null);
    const hurried = await send('/hoi-dap/gui-cau-hoi', fields, [], { wait: 500 });
    assert.equal(hurried.statusCode, 400);
    assert.match(textOf(hurried.body), /gửi quá nhanh/);
    assert.match(hurried.body, /Mua ngay/, 'what was typed is kept');
    assert.equal(await countCases(), before, 'nothing stored');
    assert.equal(t.sentMail().length, mails, 'nothing mailed');
  });

  test('the per-IP limit of a form is one count over its Vietnamese and English addresses', async () => {
    const ip = '10.99.88.77';
    const post = (url: string) => t.app.inject({ method: 'POST', url, remoteAddress: ip, headers: { host: b.host, origin: `http://${b.host}`, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ website: 'robot', title: 'x', body: 'x' }).toString() });
    for (let i = 0; i < PUBLIC_FORM_RATE_LIMIT.max; i++) assert.notEqual((await post(i % 2 === 0 ? '/hoi-dap/gui-cau-hoi' : '/en/questions/ask')).statusCode, 429, `request ${i + 1}`);
    assert.equal((await post('/en/questions/ask')).statusCode, 429);
    assert.equal((await post('/hoi-dap/gui-cau-hoi')).statusCode, 429);
  });

  test('the per-address limit refuses the next case from a busy e-mail address', async () => {
    const email = 'ban.ron@example.vn';
    const now = clock.now().toISOString();
    for (let i = 0; i < ADDRESS_LIMIT.max; i++) {
      await t.db.insertInto('citizen_cases').values({ site_id: b.site.id, kind: 'question', tracking_code: `HD-2222-22${'23456789'[i]}${'23456789'[i]}`, status: 'received', title: 'x', body: 'x', requester_email: email, created_at: now, updated_at: now }).execute();
    }
    const before = await countCases();
    const res = await send('/hoi-dap/gui-cau-hoi', { name: 'Bận Rộn', email: 'Ban.Ron@example.vn', title: 'Lần thứ sáu', body: 'Nội dung' });
    assert.equal(res.statusCode, 429);
    assert.match(textOf(res.body), /đã gửi 5 ý kiến trong 24 giờ qua/);
    assert.equal(await countCases(), before);
    const other = await send('/hoi-dap/gui-cau-hoi', { name: 'Người khác', email: 'khac@example.vn', title: 'Câu khác', body: 'Nội dung' });
    assert.equal(other.statusCode, 200, 'another address is not affected');
  });

  test('a program renamed .pdf is refused by its content, and so are too many files; nothing is stored', async () => {
    const before = await countCases();
    const fields = { ...who(7), title: 'Có tệp', body: 'Xem tệp đính kèm' };
    const disguised = await send('/hoi-dap/gui-cau-hoi', fields, [{ name: 'hoa-don.pdf', data: exe(), type: 'application/pdf' }]);
    assert.equal(disguised.statusCode, 400);
    assert.match(textOf(disguised.body), /Tệp “hoa-don.pdf” không được nhận/);
    assert.match(textOf(disguised.body), /vui lòng chọn lại tệp/, 'the person is told to choose files again');
    assert.match(disguised.body, /Xem tệp đính kèm/);
    const many = await send('/hoi-dap/gui-cau-hoi', fields, [1, 2, 3, 4].map((i) => ({ name: `${i}.pdf`, data: pdf })));
    assert.equal(many.statusCode, 400);
    assert.match(textOf(many.body), /tối đa 3 tệp/);
    assert.equal(await countCases(), before);
  });

  test('tracking by a lower-case spaced code shows the status and history but never personal data, before and after publication', async () => {
    const res = await send('/hoi-dap/gui-cau-hoi', { name: PII.name, email: PII.email, phone: PII.phone, address: PII.address, field: 'Tư pháp', title: 'Đăng ký khai sinh cho con', body: 'Con tôi sinh ở nước ngoài, đăng ký thế nào?', consent: 'on' });
    const code = codeOf(res)!;
    const info = await send('/tiep-can-thong-tin/yeu-cau', { name: PII.name, idNumber: PII.idNumber, address: PII.address, email: PII.email, phone: PII.phone, description: 'Danh sách hộ nghèo năm 2025', purpose: 'Kiểm tra', copies: '1', delivery: 'email', deliveryAddress: '' });
    const infoCode = codeOf(info)!;
    const typed = code.toLowerCase().replace(/-/g, ' ');
    const agent = new Agent(t.app, b.host);
    const pages: LightMyRequestResponse[] = [];
    const page = await agent.get(`/tra-cuu-y-kien?ma=${encodeURIComponent(typed)}`);
    assert.equal(page.statusCode, 200);
    const text = textOf(page.body);
    assert.ok(text.includes(code) && text.includes('Đã tiếp nhận') && text.includes('Đăng ký khai sinh cho con'), 'the case and its status');
    assert.ok(text.includes('Hạn trả lời'));
    pages.push(page, await agent.get(`/tra-cuu-y-kien?ma=${infoCode}`), await agent.get(`/en/track?ma=${code}`));
    const missing = await agent.get('/tra-cuu-y-kien?ma=HD-ZZZZ-ZZZZ');
    assert.match(textOf(missing.body), /Không tìm thấy ý kiến có mã HD-ZZZZ-ZZZZ/);

    // The unit answers and the board publishes (set directly: the back office is tested elsewhere).
    const row = await caseByCode(code);
    const later = clock.now().toISOString();
    await t.db
      .updateTable('citizen_cases')
      .set({ status: 'answered', unit_id: b.unitId, answer: 'Ông/Bà đăng ký tại cơ quan đại diện hoặc tại UBND xã khi về nước.', answered_at: later, public_title: 'Đăng ký khai sinh cho trẻ sinh ở nước ngoài', public_body: 'Con tôi sinh ở nước ngoài, đăng ký thế nào?', published_at: later, closed_at: later })
      .where('id', '=', row.id)
      .execute();
    await t.db
      .insertInto('citizen_case_events')
      .values([
        { site_id: b.site.id, case_id: row.id, action: 'assign', from_status: 'received', to_status: 'assigned', note: `Gọi ${PII.phone} nếu cần`, created_at: later },
        { site_id: b.site.id, case_id: row.id, action: 'send_answer', from_status: 'approved', to_status: 'answered', note: null, created_at: later },
      ])
      .execute();
    t.deps.pageCache.invalidateSite(b.site.id);
    const answered = await agent.get(`/tra-cuu-y-kien?ma=${code}`);
    const answeredText = textOf(answered.body);
    assert.ok(answeredText.includes('Đã trả lời') && answeredText.includes('tại UBND xã khi về nước'), 'the answer is shown');
    assert.ok(answeredText.includes('Đã chuyển Phòng Văn hóa và Thông tin xử lý'), 'the unit it went to');
    pages.push(answered);
    const list = await agent.get('/hoi-dap');
    assert.match(textOf(list.body), /Đăng ký khai sinh cho trẻ sinh ở nước ngoài/);
    const detail = await agent.get(`/hoi-dap/${row.id}`);
    assert.equal(detail.statusCode, 200);
    assert.match(textOf(detail.body), /Phòng Văn hóa và Thông tin/);
    assert.match(detail.body, /name="DC.title"/);
    const json = await agent.get('/api/v1/open/questions');
    assert.equal(json.statusCode, 200);
    assert.equal(json.json().data.some((d: { id: number }) => d.id === row.id), true);
    pages.push(list, detail, json, await agent.get('/en/questions'), await agent.get('/hoi-dap?q=khai sinh'));
    for (const p of pages) {
      for (const [what, value] of Object.entries(PII)) {
        for (const form of new Set([value, value.replace(/\s/g, ''), ...(what === 'name' ? ['Riêngtư'] : what === 'address' ? ['Bímật', 'Kínđáo'] : [])])) {
          assert.ok(!p.body.includes(form) && !textOf(p.body).includes(form), `${what} (${form}) must not appear on ${p.raw.req.url}`);
        }
      }
    }
  });

  test('published lists: unpublished cases never appear; search ignores diacritics; petitions with their result', async () => {
    const now = clock.now().toISOString();
    const insert = async (kind: string, code: string, extra: Record<string, unknown>) =>
      (
        await t.db
          .insertInto('citizen_cases')
          .values({ site_id: b.site.id, kind, tracking_code: code, status: 'answered', title: 'x', body: 'x', answer: 'Trả lời', answered_at: now, created_at: now, updated_at: now, ...extra })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const hidden = await insert('question', 'HD-3333-3333', { public_title: 'Câu hỏi đã gỡ xuống về thuế', public_body: 'Gỡ', published_at: now, unpublished_at: now });
    const draft = await insert('question', 'HD-3333-4444', { public_title: 'Câu hỏi chưa công khai về thuế' });
    const shown = await insert('question', 'HD-3333-5555', { public_title: 'Miễn giảm thuế sử dụng đất nông nghiệp', public_body: 'Hỏi về thuế', field: 'Tài chính', published_at: now });
    const petition = await insert('petition', 'PA-3333-6666', { public_title: 'Giờ làm việc bộ phận một cửa', public_body: 'Đề nghị làm việc sáng thứ Bảy', answer: 'Tiếp thu: từ tháng 4 làm việc sáng thứ Bảy.', public_answer: 'Tiếp thu: từ tháng 4 làm việc sáng thứ Bảy.', published_at: now });
    t.deps.pageCache.invalidateSite(b.site.id);
    const agent = new Agent(t.app, b.host);
    const list = textOf((await agent.get('/hoi-dap')).body);
    assert.ok(list.includes('Miễn giảm thuế sử dụng đất nông nghiệp'));
    assert.ok(!list.includes('đã gỡ xuống') && !list.includes('chưa công khai'));
    assert.equal((await agent.get(`/hoi-dap/${hidden}`)).statusCode, 404);
    assert.equal((await agent.get(`/hoi-dap/${draft}`)).statusCode, 404);
    assert.equal((await agent.get(`/hoi-dap/${petition}`)).statusCode, 404, 'a petition is not a question');
    const ids = (await agent.get('/api/v1/open/questions?perPage=200')).json().data.map((d: { id: number }) => d.id);
    assert.ok(ids.includes(shown) && !ids.includes(hidden) && !ids.includes(draft));
    const folded = textOf((await agent.get('/hoi-dap?q=mien+giam+thue')).body);
    assert.ok(folded.includes('Miễn giảm thuế sử dụng đất nông nghiệp') && folded.includes('Có 1 nội dung'));
    const byField = textOf((await agent.get(`/hoi-dap?linh-vuc=${encodeURIComponent('Tư pháp')}`)).body);
    assert.ok(!byField.includes('Miễn giảm thuế'));
    const petitions = textOf((await agent.get('/phan-anh-kien-nghi')).body);
    assert.ok(petitions.includes('Giờ làm việc bộ phận một cửa'));
    const detail = textOf((await agent.get(`/phan-anh-kien-nghi/${petition}`)).body);
    assert.ok(detail.includes('Kết quả xử lý') && detail.includes('Tiếp thu: từ tháng 4'));
    const open = (await agent.get('/api/v1/open/petitions')).json();
    assert.deepEqual(open.data.map((d: { id: number }) => d.id), [petition]);
  });

  test('forms are accessible: labels for every field, an error summary linking to them, a multipart form without a captcha', async () => {
    const agent = new Agent(t.app, b.host);
    for (const path of ['/hoi-dap/gui-cau-hoi', '/phan-anh-kien-nghi/gui', '/tiep-can-thong-tin/yeu-cau', '/tiep-can-thong-tin/de-nghi-dinh-chinh', '/tra-cuu-y-kien']) {
      const page = await agent.get(path);
      assert.equal(page.statusCode, 200, path);
      const ids = [...page.body.matchAll(/<(?:input|textarea|select)\b[^>]*\bid="([^"]+)"/g)].map((m) => m[1]!);
      for (const id of ids) assert.ok(page.body.includes(`for="${id}"`), `${path}: #${id} has a label`);
      if (path !== '/tra-cuu-y-kien') assert.match(page.body, /enctype="multipart\/form-data"/);
    }
    const res = await send('/hoi-dap/gui-cau-hoi', { name: '', email: 'khong-phai-email', title: '', body: '' });
    assert.match(res.body, /class="error-summary" role="alert"/);
    assert.match(res.body, /href="#email"/);
    assert.match(res.body, /id="email-error"/);
  });

  test('the menu, footer, sitemap page and sitemap.xml lead to the citizens’ pages', async () => {
    const agent = new Agent(t.app, b.host);
    const home = await agent.get('/');
    for (const href of ['/hoi-dap', '/phan-anh-kien-nghi', '/tiep-can-thong-tin', '/lay-y-kien', '/tra-cuu-y-kien']) assert.match(home.body, new RegExp(`href="${href}"`), href);
    assert.match((await agent.get('/hoi-dap')).body, /href="\/hoi-dap" aria-current="page"/);
    assert.match((await agent.get('/en')).body, /href="\/en\/access-to-information"/);
    assert.match((await agent.get('/so-do-trang')).body, /href="\/tra-cuu-y-kien"/);
    const xml = (await agent.get('/sitemap.xml')).body;
    for (const path of ['/hoi-dap', '/phan-anh-kien-nghi', '/tiep-can-thong-tin', '/lay-y-kien']) assert.ok(xml.includes(`${b.host}${path}</loc>`), path);
  });

  test('receiveCase draws another tracking code when one is taken', async () => {
    const codes = ['HD-5555-5555', 'HD-5555-5555', 'HD-5555-6666'];
    const deps = { db: t.db, files: t.deps.files, mailer: t.deps.mailer, clock };
    const input = { kind: 'question' as const, title: 'Hỏi', body: 'Nội dung', field: null, details: {}, requester: { name: 'A', email: null, phone: '0912000000', address: null }, consentPublish: false };
    const first = await receiveCase(deps, b.site, input, { newCode: () => codes.shift()! });
    const second = await receiveCase(deps, b.site, input, { newCode: () => codes.shift()! });
    assert.equal(first.trackingCode, 'HD-5555-5555');
    assert.equal(second.trackingCode, 'HD-5555-6666');
  });
});
