// Personal data and publication, on SQLite and PostgreSQL, through HTTP: a
// question with the asker's phone in its text is answered through the chain;
// the secretariat's form starts from the text with the personal data masked,
// publication of the text word for word is refused with the phone
// highlighted, and once it is removed nothing public carries it. Personal
// data published on purpose needs a confirmation and a reason, which the
// audit row and the history keep; people who may not publish are refused.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Agent, textOf } from '../../../test/support/agent.ts';
import { buildTestApp, TestClock, type TestApp } from '../../../test/support/app.ts';
import { caseDesk, makeCase, type CaseDesk } from '../../../test/support/citizens.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { makeBoard, type Board } from '../../../test/support/editorial.ts';
import { makeUser } from '../../../test/support/factories.ts';
import { caseFields } from './store.ts';

const PHONE = '0912 345 678';
const QUESTION = `Tôi là Nguyễn Thị Hoa ở thôn Mới. Con tôi sinh năm 2020, xin hỏi thủ tục đăng ký thường trú cho cháu?\n\nSố điện thoại của tôi: ${PHONE}.`;
const ANSWER = 'Kính gửi bà Hoa. Hồ sơ gồm tờ khai thay đổi thông tin cư trú theo Thông tư số 66/2023/TT-BCA ngày 17/11/2023, nộp tại Công an xã; lệ phí 20.000 đồng.';

/** The text of a form field on a page, as the browser would submit it. */
function fieldValue(html: string, name: string): string {
  const area = new RegExp(`<textarea[^>]*name="${name}"[^>]*>([\\s\\S]*?)</textarea>`).exec(html);
  const input = new RegExp(`<input[^>]*name="${name}"[^>]*value="([^"]*)"`).exec(html);
  const raw = area?.[1] ?? input?.[1];
  assert.ok(raw !== undefined, `${name} is on the page`);
  return raw.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

forEachEngine('citizens: personal data is checked before publication', (engine) => {
  let t: TestApp;
  let b: Board;
  let desk: CaseDesk;
  let responderEmail: string;

  before(async () => {
    t = await buildTestApp(engine, { clock: new TestClock(new Date('2026-11-23T02:00:00Z')) });
    b = await makeBoard(t, 'riengtu');
    const responder = await makeUser(t.db, b.site, ['responder'], { unitId: b.unitId, name: 'Cán bộ trả lời' });
    responderEmail = responder.email;
    desk = caseDesk(t, b, responder, caseFields(b.site)[0]!);
  });
  after(async () => t.close());

  test('the asker’s phone is refused, highlighted, until removed; then nothing public carries it', async () => {
    const q = await makeCase(t.db, b.site, 'question', { title: 'Đăng ký thường trú cho con', body: QUESTION }, t.clock.now());
    await desk.answerThroughChain(q.id, ANSWER);
    const secretariat = b.people.secretariat.email;

    // The form starts from the question and the answer with the personal data already masked.
    const page = (await (await desk.as(secretariat)).get(`/admin/cases/${q.id}`)).body;
    const masked = { title: fieldValue(page, 'publicTitle'), body: fieldValue(page, 'publicBody'), answer: fieldValue(page, 'publicAnswer') };
    assert.equal(masked.body, 'Tôi là … ở …. Con tôi sinh năm 2020, xin hỏi thủ tục đăng ký thường trú cho cháu?\n\nSố điện thoại của tôi: ….');
    assert.equal(masked.answer, 'Kính gửi bà …. Hồ sơ gồm tờ khai thay đổi thông tin cư trú theo Thông tư số 66/2023/TT-BCA ngày 17/11/2023, nộp tại Công an xã; lệ phí 20.000 đồng.');
    assert.match(textOf(page), /Nội dung gợi ý đã được che 4 dữ liệu cá nhân/);

    // The question word for word (as the form used to offer it) is refused, the phone shown highlighted.
    const mails = t.sentMail().length;
    const refused = await desk.act(secretariat, q.id, 'send', { publish: 'on', publicTitle: masked.title, publicBody: QUESTION, publicAnswer: masked.answer });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, new RegExp(`<mark title="Số điện thoại của người gửi">${PHONE}</mark>`));
    assert.match(refused.body, /<mark title="Họ tên của người gửi">Nguyễn Thị Hoa<\/mark>/);
    assert.match(textOf(refused.body), /Nội dung công khai còn dữ liệu cá nhân/);
    assert.equal(fieldValue(refused.body, 'publicBody'), QUESTION, 'what was typed is kept');
    assert.match(refused.body, /name="confirmPersonalData"/);
    let r = await desk.row(q.id);
    assert.equal(r.status, 'approved');
    assert.equal(r.published_at, null);
    assert.equal(t.sentMail().length, mails, 'nothing sent');
    // The answer as approved (it names the asker) is refused too.
    const answerAsIs = await desk.act(secretariat, q.id, 'send', { publish: 'on', publicTitle: masked.title, publicBody: masked.body, publicAnswer: ANSWER });
    assert.equal(answerAsIs.statusCode, 422);
    assert.match(answerAsIs.body, /bà <\/span><mark title="Họ tên của người gửi">Hoa<\/mark>/);

    // The secretariat removes it: published.
    const publicBody = 'Con tôi sinh năm 2020, xin hỏi thủ tục đăng ký thường trú cho cháu?';
    await desk.ok(secretariat, q.id, 'send', { publish: 'on', publicTitle: masked.title, publicBody, publicAnswer: masked.answer });
    r = await desk.row(q.id);
    assert.equal(r.status, 'answered');
    assert.ok(r.published_at);
    assert.equal(r.public_body, publicBody);
    assert.equal(r.public_answer, masked.answer);
    assert.equal(r.answer, ANSWER, 'the answer mailed to the asker is unchanged');

    const visitor = new Agent(t.app, b.host);
    const pages = [
      await visitor.get(`/hoi-dap/${q.id}`),
      await visitor.get('/hoi-dap'),
      await visitor.get('/api/v1/open/questions'),
      await visitor.get('/tim-kiem?q=' + encodeURIComponent('thuong tru')),
    ];
    assert.match(textOf(pages[0]!.body), /Thông tư số 66\/2023\/TT-BCA/);
    assert.equal(pages[2]!.json().data.find((d: { id: number }) => d.id === q.id)?.answer, masked.answer);
    for (const p of pages) {
      assert.equal(p.statusCode, 200, p.raw.req.url);
      for (const secret of [PHONE, PHONE.replace(/\s/g, ''), 'Nguyễn Thị Hoa', 'bà Hoa', 'thôn Mới']) {
        assert.ok(!p.body.includes(secret) && !textOf(p.body).includes(secret), `${secret} must not appear on ${p.raw.req.url}`);
      }
    }

    // Editing what is public goes through the same check.
    const edit = await desk.act(secretariat, q.id, 'publication', { publicTitle: masked.title, publicBody: `${publicBody} Trả lời qua hoa.nguyen@example.vn`, publicAnswer: masked.answer });
    assert.equal(edit.statusCode, 422);
    assert.match(edit.body, /<mark title="Thư điện tử của người gửi">hoa\.nguyen@example\.vn<\/mark>/);
    assert.equal((await desk.row(q.id)).public_body, publicBody);
  });

  test('personal data published on purpose needs the permission, a confirmation and a reason, and is audited', async () => {
    const body = 'Tổ hợp tác rau sạch hỏi về hỗ trợ giống cây trồng năm 2027. Liên hệ tổ hợp tác: 0987 654 321.';
    const q = await makeCase(t.db, b.site, 'question', { title: 'Hỗ trợ giống cây trồng', body }, t.clock.now());
    await desk.answerThroughChain(q.id, 'Tổ hợp tác liên hệ Phòng Kinh tế để được hướng dẫn hồ sơ hỗ trợ.');
    const reason = 'Số điện thoại chung của tổ hợp tác, tổ hợp tác đề nghị công khai để người dân liên hệ.';
    const confirmed = { publish: 'on', publicTitle: 'Hỗ trợ giống cây trồng', publicBody: body, confirmPersonalData: 'on', personalDataReason: reason };

    // Those who may not publish are refused, confirmation or not.
    for (const email of [responderEmail, b.people.unit_head.email, b.people.contributor.email]) {
      assert.equal((await desk.act(email, q.id, 'send', confirmed)).statusCode, 403, email);
      assert.equal((await desk.act(email, q.id, 'publication', confirmed)).statusCode, 403, email);
    }
    assert.equal((await desk.row(q.id)).status, 'approved');

    const noReason = await desk.act(b.people.secretariat.email, q.id, 'send', { ...confirmed, personalDataReason: '' });
    assert.equal(noReason.statusCode, 422);
    assert.match(textOf(noReason.body), /Vui lòng nêu lý do đăng công khai dữ liệu cá nhân/);
    assert.match(noReason.body, /<mark title="Số điện thoại">0987 654 321<\/mark>/);
    assert.equal((await desk.row(q.id)).published_at, null);

    await desk.ok(b.people.secretariat.email, q.id, 'send', confirmed);
    const r = await desk.row(q.id);
    assert.ok(r.published_at);
    assert.equal(r.public_body, body);
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['details', 'actor_user_id'])
      .where('site_id', '=', b.site.id)
      .where('action', '=', 'citizen_case.send')
      .where('target_id', '=', String(q.id))
      .executeTakeFirstOrThrow();
    assert.equal(audit.actor_user_id, b.people.secretariat.id);
    const details = JSON.parse(audit.details) as { personalData?: { reason: string; found: unknown[] } };
    assert.deepEqual(details.personalData, { reason, found: [{ field: 'publicBody', kind: 'phone', own: false }] });
    assert.ok(!audit.details.includes('654'), 'the audit log names what was found, not the data');
    const event = await t.db.selectFrom('citizen_case_events').select('note').where('case_id', '=', q.id).where('action', '=', 'send').executeTakeFirstOrThrow();
    assert.match(event.note ?? '', new RegExp(`Xác nhận đăng dữ liệu cá nhân: ${reason}`));
    const history = textOf((await (await desk.as(b.people.secretariat.email)).get(`/admin/cases/${q.id}`)).body);
    assert.ok(history.includes(reason), 'the history shows the reason');
  });
});
