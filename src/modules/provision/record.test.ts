// The provision record in the article editor: set without JavaScript,
// validated, audited; receipt defaults to the first submission.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { Agent, textOf } from '../../../test/support/agent.ts';
import { buildTestApp, TestClock, type TestApp } from '../../../test/support/app.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { articleBody, makeBoard, type Board } from '../../../test/support/editorial.ts';

const vn = (local: string) => new Date(`${local}+07:00`).toISOString();

function formOf(body: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = { kind: 'news', language: 'vi', lockVersion: '0' };
  for (const [k, v] of Object.entries(body)) out[k] = v === null || v === undefined ? '' : Array.isArray(v) ? v.join(', ') : String(v);
  return out;
}

forEachEngine('provision record in the editor', (engine) => {
  let t: TestApp;
  let b: Board;
  let agent: Agent;
  let author: Agent;
  before(async () => {
    t = await buildTestApp(engine, { clock: new TestClock(new Date(vn('2026-09-10T09:00:00'))) });
    b = await makeBoard(t, 'pvform');
    // The board records provision; an author only writes.
    agent = new Agent(t.app, b.host);
    await agent.login(b.people.secretariat.email);
    author = new Agent(t.app, b.host);
    await author.login(b.people.contributor.email);
  });
  after(async () => t.close());

  const row = (title: string) => t.db.selectFrom('articles').select(['id', 'received_at', 'received_via', 'provision_category', 'vouched_by_user_id']).where('title', '=', title).executeTakeFirstOrThrow();

  it('saves what the editor typed, in Vietnam time', async () => {
    const res = await agent.post('/admin/articles', { ...formOf(articleBody(b, { title: 'Tin nhận qua thư điện tử' })), provisionFields: '1', receivedAt: '2026-09-08T16:45', receivedVia: 'email', provisionCategory: 'event_news', vouchedBy: String(b.people.board_member.id) });
    assert.equal(res.statusCode, 303, textOf(res.body).slice(0, 300));
    const saved = await row('Tin nhận qua thư điện tử');
    assert.deepEqual({ ...saved, id: 0 }, { id: 0, received_at: vn('2026-09-08T16:45:00'), received_via: 'email', provision_category: 'event_news', vouched_by_user_id: b.people.board_member.id });
    const editor = await agent.get(`/admin/articles/${saved.id}`);
    assert.match(editor.body, /name="receivedAt" type="datetime-local" value="2026-09-08T16:45"/);
  });

  it('refuses someone outside the board as the one who vouched, and a receipt in the future', async () => {
    const res = await agent.post('/admin/articles', { ...formOf(articleBody(b, { title: 'Tin bảo đảm sai' })), provisionFields: '1', receivedAt: '2026-09-12T08:00', vouchedBy: String(b.people.contributor.id) });
    assert.equal(res.statusCode, 400);
    const text = textOf(res.body);
    assert.match(text, /phải là một người trong danh sách/);
    assert.match(text, /không thể ở tương lai/);
    assert.equal(await t.db.selectFrom('articles').select('id').where('title', '=', 'Tin bảo đảm sai').executeTakeFirst(), undefined);
  });

  it("ignores an author's provision fields and does not show them the fieldset", async () => {
    assert.doesNotMatch((await author.get('/admin/articles/new')).body, /name="receivedAt"/);
    const res = await author.post('/admin/articles', { ...formOf(articleBody(b, { title: 'Tin tác giả tự ghi' })), provisionFields: '1', receivedAt: '2026-09-01T08:00', provisionCategory: 'event_news', vouchedBy: String(b.people.board_member.id) });
    assert.equal(res.statusCode, 303, textOf(res.body).slice(0, 300));
    const saved = await row('Tin tác giả tự ghi');
    assert.deepEqual({ ...saved, id: 0 }, { id: 0, received_at: null, received_via: null, provision_category: null, vouched_by_user_id: null });
    assert.match((await agent.get(`/admin/articles/${saved.id}`)).body, /name="receivedAt"/, 'the board sees the fieldset');
  });

  it('fills the receipt with the first submission when nobody typed one', async () => {
    const res = await author.post('/admin/articles', { ...formOf(articleBody(b, { title: 'Tin gửi trên hệ thống' })), provisionFields: '1', then: 'submit' });
    assert.equal(res.statusCode, 303, textOf(res.body).slice(0, 300));
    const saved = await row('Tin gửi trên hệ thống');
    assert.equal(saved.received_at, vn('2026-09-10T09:00:00'));
    assert.equal(saved.received_via, 'system');
  });
});
