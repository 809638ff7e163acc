// What a board member reads about an item, on every page that shows it: one
// status line, the same in the list, the queue, the editor, the review page
// and the history ("Đã đăng", "Chờ duyệt — bước 3/4: Phó Trưởng Ban biên tập,
// hạn 09/12 15:00", "Bị trả lại: <lý do>", "Đã duyệt, chờ đăng"), in the
// site's own words. Then the action area: nothing hidden without a reason,
// the providing unit pre-filled, "Lưu và gửi duyệt", the review page where a
// reviewer approves in one click, and the mails that lead there.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Agent, mailText, textOf } from '../../../test/support/agent.ts';
import { buildTestApp, TestClock, type TestApp } from '../../../test/support/app.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { makeDocx } from '../../../test/support/docx.ts';
import { articleBody, makeBoard, publishArticle, type Board, type BoardRole } from '../../../test/support/editorial.ts';
import { makeUser, systemActor } from '../../../test/support/factories.ts';
import { updateMembership } from '../members/manage-members.ts';
import { sweepStuckArticles } from './stuck-items.ts';
import { PRESET_CHAINS } from '../../core/workflow/index.ts';
import { addRuleVersion } from '../rules/store.ts';
import { CHAIN_RULE } from './workflow-context.ts';

/** The text of the table row (or list item) that holds this title. */
function rowOf(html: string, title: string): string {
  const at = html.indexOf(title);
  assert.ok(at >= 0, `“${title}” is on the page`);
  const start = Math.max(html.lastIndexOf('<tr', at), html.lastIndexOf('<li', at));
  const end = html.indexOf(html.startsWith('<tr', start) ? '</tr>' : '</li>', at);
  return textOf(html.slice(start, end));
}

/** The status line(s) of a page, as read. */
function statusLines(html: string): string[] {
  return [...html.matchAll(/<p class="status-line[^"]*">([\s\S]*?)<\/p>/g)].map((m) => textOf(m[1]!).trim());
}

/** The board's people signed in (once each), and articles written and moved on through the API. */
function people(app: () => TestApp, board: () => Board) {
  const agents = new Map<string, Agent>();
  return {
    async as(role: BoardRole): Promise<Agent> {
      let agent = agents.get(role);
      if (!agent) {
        agent = new Agent(app().app, board().host);
        await agent.login(board().people[role].email);
        agents.set(role, agent);
      }
      return agent;
    },
    async create(overrides: Record<string, unknown> | string = {}): Promise<number> {
      const res = await board().as('contributor', 'POST', '/api/v1/articles', articleBody(board(), typeof overrides === 'string' ? { title: overrides } : overrides));
      assert.equal(res.statusCode, 201, res.body);
      return res.json().id;
    },
    async act(role: BoardRole, id: number, body: Record<string, unknown>): Promise<void> {
      const res = await board().as(role, 'POST', `/api/v1/articles/${id}/actions`, body);
      assert.equal(res.statusCode, 200, `${role} ${String(body.action)}: ${res.body}`);
    },
  };
}

forEachEngine('status lines and the action area', (engine) => {
  let t: TestApp;
  let b: Board;

  before(async () => {
    // Wednesday 9 Dec 2026, 14:00 in Vietnam.
    t = await buildTestApp(engine, { clock: new TestClock(new Date('2026-12-09T07:00:00Z')) });
    b = await makeBoard(t, 'trangthai');
  });
  after(async () => t.close());

  const { as, create, act } = people(() => t, () => b);
  const page = async (role: BoardRole, url: string) => (await (await as(role)).get(url)).body;

  describe('one status line per item, the same on every page', () => {
    test('waiting at step n of the chain’s steps, with the role in the site’s words and the due time in Vietnam time', async () => {
      const id = await create({ title: 'Tin chờ Phó ban xác thực' });
      for (const [role, action] of [['contributor', 'submit'], ['unit_head', 'approve'], ['secretariat', 'approve']] as const) await act(role, id, { action });
      const line = 'Chờ duyệt — bước 3/4: Phó Trưởng Ban biên tập, hạn 09/12 15:00';
      assert.match(rowOf(await page('deputy', '/admin/articles'), 'Tin chờ Phó ban xác thực'), new RegExp(line), 'list');
      assert.match(rowOf(await page('deputy', '/admin/queue'), 'Tin chờ Phó ban xác thực'), new RegExp(line), 'queue');
      assert.deepEqual(statusLines(await page('deputy', `/admin/articles/${id}`)), [line], 'editor');
      assert.deepEqual(statusLines(await page('deputy', `/admin/articles/${id}/review`)), [line], 'review page');
      const history = await page('deputy', `/admin/articles/${id}/history`);
      assert.deepEqual(statusLines(history), [line], 'history: where it is now');
      assert.match(textOf(history), /Gửi duyệt .*Trạng thái sau đó: Chờ duyệt — bước 1\/4: Lãnh đạo đơn vị.*Duyệt .*Trạng thái sau đó: Chờ duyệt — bước 2\/4: Thường trực Ban biên tập.*Trạng thái sau đó: Chờ duyệt — bước 3\/4: Phó Trưởng Ban biên tập/);
      // The author reads the same words among their own items.
      assert.match(rowOf(await page('contributor', '/admin/queue'), 'Tin chờ Phó ban xác thực'), new RegExp(line));
    });

    test('a published article reads “Đã đăng”, never “Đang soạn”', async () => {
      const { id } = await publishArticle(b, { title: 'Tin đã đăng trên trang' });
      const list = rowOf(await page('editor_in_chief', '/admin/articles'), 'Tin đã đăng trên trang');
      assert.match(list, /Đã đăng/);
      assert.doesNotMatch(list, /Đang soạn|Duyệt:/);
      assert.deepEqual(statusLines(await page('editor_in_chief', `/admin/articles/${id}`)), ['Đã đăng']);
      const history = textOf(await page('editor_in_chief', `/admin/articles/${id}/history`));
      assert.match(history, /Xuất bản .*Trạng thái sau đó: Đã đăng/);
      assert.doesNotMatch(history, /Đang soạn/);
    });

    test('returned with the reason, in the list, the author’s queue, the editor and the history', async () => {
      const id = await create({ title: 'Tin cần bổ sung số liệu' });
      await act('contributor', id, { action: 'submit' });
      await act('unit_head', id, { action: 'return', to: 'author', note: 'Bổ sung số hộ dân hưởng lợi.' });
      const line = 'Bị trả lại: Bổ sung số hộ dân hưởng lợi.';
      assert.match(rowOf(await page('editor_in_chief', '/admin/articles'), 'Tin cần bổ sung số liệu'), new RegExp(line));
      assert.match(rowOf(await page('contributor', '/admin/queue'), 'Tin cần bổ sung số liệu'), new RegExp(line));
      assert.deepEqual(statusLines(await page('contributor', `/admin/articles/${id}`)), [line]);
      assert.match(textOf(await page('contributor', `/admin/articles/${id}/history`)), new RegExp(`Trả lại .*Trạng thái sau đó: ${line}`));
    });

    test('approved, waiting for publication: the publisher’s task, and the editor-in-chief is told who publishes', async () => {
      const id = await create({ title: 'Tin đã duyệt chờ đăng' });
      await act('contributor', id, { action: 'submit' });
      for (const role of ['unit_head', 'secretariat', 'deputy', 'editor_in_chief'] as const) await act(role, id, { action: 'approve' });
      const line = 'Đã duyệt, chờ đăng — hạn 09/12 15:00';
      assert.match(rowOf(await page('publisher', '/admin/articles'), 'Tin đã duyệt chờ đăng'), new RegExp(line));
      assert.match(rowOf(await page('publisher', '/admin/queue'), 'Tin đã duyệt chờ đăng'), new RegExp(line));
      assert.deepEqual(statusLines(await page('publisher', `/admin/articles/${id}`)), [line]);
      assert.match(textOf(await page('publisher', `/admin/articles/${id}/history`)), /Trạng thái sau đó: Đã duyệt, chờ đăng/);
      // The head cannot publish: the page says whose turn it is, and how to change the item now.
      const head = textOf(await page('editor_in_chief', `/admin/articles/${id}`));
      assert.match(head, /Bài đã duyệt xong, đang chờ Cán bộ kỹ thuật đăng tải đăng nên không sửa được nữa\. Cần sửa trước khi đăng: đề nghị Cán bộ kỹ thuật đăng tải trả lại bài/);
      assert.doesNotMatch(head, /hãy xuất bản rồi sửa/);
    });
  });

  describe('the action area never hides an action without saying why', () => {
    test('a fresh draft without its providing unit: “Gửi duyệt” disabled, the reason linking to the unit field', async () => {
      const loner = await makeUser(t.db, b.site, ['contributor'], { name: 'Cộng tác viên tự do' });
      const agent = new Agent(t.app, b.host);
      await agent.login(loner.email);
      const fresh = await agent.get('/admin/articles/new');
      assert.doesNotMatch(fresh.body, /<option value="\d+" selected/, 'no unit to pre-fill');
      const created = await agent.post('/admin/articles', { ...formOf(articleBody(b, { title: 'Tin chưa chọn đơn vị', unitId: '' })), lockVersion: '0' });
      assert.equal(created.statusCode, 303, textOf(created.body).slice(0, 400));
      const editor = (await agent.get(created.headers.location as string)).body;
      assert.doesNotMatch(textOf(editor), /không có thao tác/);
      const button = /<button type="button" class="button" disabled aria-describedby="why-submit-lead why-submit">Gửi duyệt<\/button>/;
      assert.match(editor, button, 'the submit button is shown, disabled, described by its reasons');
      const reasons = /<ul id="why-submit" class="reasons">([\s\S]*?)<\/ul>/.exec(editor)?.[1] ?? '';
      assert.match(reasons, /<a href="#unitId">Hãy chọn «Đơn vị cung cấp» trước khi gửi duyệt: quy trình có bước do Lãnh đạo đơn vị của đơn vị đó duyệt\.<\/a>/);
      assert.match(editor, /<select id="unitId" name="unitId"/, 'the link leads to the field');
    });

    test('the author’s unit is pre-filled, on a new article and on a Word import, so “Gửi duyệt” is enabled', async () => {
      const agent = await as('contributor');
      const fresh = (await agent.get('/admin/articles/new')).body;
      assert.match(fresh, new RegExp(`<option value="${b.unitId}" selected`), 'the unit of the author’s membership');
      const imported = await agent.upload('/admin/articles/import', { sectionId: String(b.sectionId) }, { name: 'tin.docx', data: await makeDocx({ title: 'Tin nhập từ Word có đơn vị', paragraphs: ['Nội dung tin.'] }) });
      assert.equal(imported.statusCode, 303, textOf(imported.body).slice(0, 400));
      const id = Number(/\/admin\/articles\/(\d+)/.exec(imported.headers.location as string)![1]);
      assert.equal((await t.db.selectFrom('articles').select('unit_id').where('id', '=', id).executeTakeFirstOrThrow()).unit_id, b.unitId);
      // Complete what Word cannot carry, and the button is enabled.
      const saved = await agent.post(`/admin/articles/${id}`, { ...formOf(articleBody(b, { title: 'Tin nhập từ Word có đơn vị' })), lockVersion: await lockOf(id) });
      assert.equal(saved.statusCode, 303, textOf(saved.body).slice(0, 400));
      const editor = (await agent.get(`/admin/articles/${id}`)).body;
      assert.match(editor, /<input type="hidden" name="action" value="submit"\/><input type="hidden" name="from" value="editor"\/><button type="submit" class="button">Gửi duyệt<\/button>/);
      assert.doesNotMatch(editor, /why-submit/);
    });

    test('“Lưu và gửi duyệt” saves and submits in one request, or keeps what was typed and says why', async () => {
      const agent = await as('contributor');
      const id = await create({ title: 'Tin lưu và gửi một lần', source: null });
      const refused = await agent.post(`/admin/articles/${id}`, { ...formOf(articleBody(b, { title: 'Tin lưu và gửi một lần, đã sửa tiêu đề', source: '' })), lockVersion: await lockOf(id), then: 'submit' });
      assert.equal(refused.statusCode, 422);
      const text = textOf(refused.body);
      assert.match(text, /Đã lưu bản nháp nhưng chưa gửi duyệt được\. Vui lòng bổ sung:/);
      assert.doesNotMatch(text, /Chưa lưu được/, 'one true message: the draft was saved');
      assert.match(refused.body, /<a href="#source">Tin bài phải ghi rõ nguồn và tác giả/);
      assert.match(refused.body, /value="Tin lưu và gửi một lần, đã sửa tiêu đề"/, 'what was typed stays in the form');
      assert.equal((await t.db.selectFrom('articles').select(['title', 'review_state']).where('id', '=', id).executeTakeFirstOrThrow()).review_state, 'draft');

      const done = await agent.post(`/admin/articles/${id}`, { ...formOf(articleBody(b, { title: 'Tin lưu và gửi một lần, đã sửa tiêu đề' })), lockVersion: await lockOf(id), then: 'submit' });
      assert.equal(done.statusCode, 303, textOf(done.body).slice(0, 400));
      const row = await t.db.selectFrom('articles').select(['title', 'review_state', 'step_index']).where('id', '=', id).executeTakeFirstOrThrow();
      assert.deepEqual(row, { title: 'Tin lưu và gửi một lần, đã sửa tiêu đề', review_state: 'in_review', step_index: 0 });
      assert.match(textOf((await agent.get(`/admin/articles/${id}`)).body), /Đã lưu và gửi duyệt\. Trạng thái: Chờ duyệt — bước 1\/4: Lãnh đạo đơn vị/);

      // A new article too: written and submitted with one button.
      const fresh = await agent.post('/admin/articles', { ...formOf(articleBody(b, { title: 'Tin viết mới và gửi ngay' })), lockVersion: '0', then: 'submit' });
      assert.equal(fresh.statusCode, 303, textOf(fresh.body).slice(0, 400));
      assert.equal((await t.db.selectFrom('articles').select('review_state').where('title', '=', 'Tin viết mới và gửi ngay').executeTakeFirstOrThrow()).review_state, 'in_review');
    });

    test('someone who may not submit the item is refused, and nothing changes', async () => {
      const id = await create({ title: 'Tin của người khác' });
      const publisher = await as('publisher');
      const res = await publisher.post(`/admin/articles/${id}`, { ...formOf(articleBody(b, { title: 'Sửa trộm' })), lockVersion: await lockOf(id), then: 'submit' });
      assert.equal(res.statusCode, 400);
      assert.match(textOf(res.body), /Chỉ tác giả hoặc thành viên Ban biên tập được sửa bài này\./);
      const row = await t.db.selectFrom('articles').select(['title', 'review_state']).where('id', '=', id).executeTakeFirstOrThrow();
      assert.deepEqual(row, { title: 'Tin của người khác', review_state: 'draft' });
    });
  });

  describe('straight to the work', () => {
    test('the queue opens the review page: the content as readers will see it and the decision buttons; one click approves', async () => {
      const id = await create({ title: 'Tin duyệt một lần bấm' });
      await act('contributor', id, { action: 'submit' });
      const queue = await page('unit_head', '/admin/queue');
      assert.match(queue, new RegExp(`<a href="/admin/articles/${id}/review">Tin duyệt một lần bấm</a>`));
      const review = await page('unit_head', `/admin/articles/${id}/review`);
      const text = textOf(review);
      assert.match(text, /Nội dung như bạn đọc sẽ thấy Tin duyệt một lần bấm Sáng 20\/11, huyện tổ chức lễ khánh thành cầu treo/);
      assert.match(text, /Cầu dài 80 mét/);
      assert.match(text, /Duyệt xong, tiếp theo: Thường trực Ban biên tập xử lý bước 2\/4\./);
      // The button alone, no note, no confirmation page.
      const agent = await as('unit_head');
      const approved = await agent.post(`/admin/articles/${id}/actions`, { action: 'approve', from: 'review' });
      assert.equal(approved.statusCode, 303);
      assert.equal(approved.headers.location, `/admin/articles/${id}/review`);
      const after = await agent.get(`/admin/articles/${id}/review`);
      assert.match(textOf(after.body), /Đã thực hiện: Duyệt\. Trạng thái: Chờ duyệt — bước 2\/4: Thường trực Ban biên tập, hạn 09\/12 16:00\./);
      assert.match(textOf(after.body), /Lúc này bạn chưa có việc gì với tin bài này\. Tiếp theo: Thường trực Ban biên tập xử lý bước 2\/4\./);
    });

    test('returning from the review page needs its reason, and says so on that page', async () => {
      const id = await create({ title: 'Tin trả lại cần lý do' });
      await act('contributor', id, { action: 'submit' });
      const agent = await as('unit_head');
      const res = await agent.post(`/admin/articles/${id}/actions`, { action: 'return', from: 'review', 'return-to': 'author', 'return-reason': '' });
      assert.equal(res.statusCode, 422);
      assert.match(textOf(res.body), /Xem và duyệt: Tin trả lại cần lý do/);
      assert.match(textOf(res.body), /Lý do trả lại phải có ít nhất 5 ký tự/);
      assert.equal((await t.db.selectFrom('articles').select('review_state').where('id', '=', id).executeTakeFirstOrThrow()).review_state, 'in_review');
    });

    test('someone who is not at the step is refused on the review page too', async () => {
      const id = await create({ title: 'Tin không phải bước của tôi' });
      await act('contributor', id, { action: 'submit' });
      const res = await (await as('secretariat')).post(`/admin/articles/${id}/actions`, { action: 'approve', from: 'review' });
      assert.equal(res.statusCode, 403);
      assert.match(textOf(res.body), /Bạn không phải người xử lý bước hiện tại/);
      assert.equal((await t.db.selectFrom('articles').select('step_index').where('id', '=', id).executeTakeFirstOrThrow()).step_index, 0);
      // Another contributor may not even read it there.
      const other = await makeUser(t.db, b.site, ['contributor'], { unitId: b.unitId });
      const stranger = new Agent(t.app, b.host);
      await stranger.login(other.email);
      assert.equal((await stranger.get(`/admin/articles/${id}/review`)).statusCode, 403);
    });

    test('a correction’s review page shows what changes from the published version', async () => {
      const { id } = await publishArticle(b, { title: 'Tin đính chính số liệu' });
      const current = await b.as('contributor', 'GET', `/api/v1/articles/${id}`);
      const patched = await b.as('contributor', 'PATCH', `/api/v1/articles/${id}`, { lockVersion: current.json().lockVersion, bodyHtml: '<p>Cầu dài 85 mét, tổng mức đầu tư 3,2 tỷ đồng.</p>' });
      assert.equal(patched.statusCode, 200, patched.body);
      await act('contributor', id, { action: 'submit' });
      const review = await page('unit_head', `/admin/articles/${id}/review`);
      assert.deepEqual(statusLines(review), ['Đã đăng; bản sửa đổi chờ duyệt — bước 1/4: Lãnh đạo đơn vị, hạn 09/12 15:00']);
      assert.match(textOf(review), /Thay đổi so với bản đang đăng/);
      assert.match(review, /<del>80<\/del>|<del>[^<]*80[^<]*<\/del>/);
      assert.match(review, /<ins>85<\/ins>|<ins>[^<]*85[^<]*<\/ins>/);
    });

    test('notification e-mails lead the people with a decision to the review page, and the author to the article', async () => {
      const before = t.sentMail().length;
      const id = await create({ title: 'Tin báo qua thư' });
      await act('contributor', id, { action: 'submit' });
      const toHead = t.sentMail().slice(before).map(mailText).filter((m) => m.includes(b.people.unit_head.email));
      assert.equal(toHead.length, 1);
      assert.match(toHead[0]!, new RegExp(`Xem nội dung và duyệt: http://trangthai\\.test[^\\s]*/admin/articles/${id}/review#actions`));
      assert.match(toHead[0]!, new RegExp(`Trang sửa tin bài: http://trangthai\\.test[^\\s]*/admin/articles/${id}\\s`));
      assert.match(toHead[0]!, /Trạng thái: Chờ duyệt — bước 1\/4: Lãnh đạo đơn vị, hạn 09\/12 15:00\./);
      const stored = await t.db.selectFrom('notifications').select('link').where('user_id', '=', b.people.unit_head.id).where('item_id', '=', id).executeTakeFirstOrThrow();
      assert.equal(stored.link, `/admin/articles/${id}/review#actions`);

      const mark = t.sentMail().length;
      await act('unit_head', id, { action: 'return', to: 'author', note: 'Thiếu ảnh hiện trường.' });
      const toAuthor = t.sentMail().slice(mark).map(mailText).filter((m) => m.includes(b.people.contributor.email));
      assert.equal(toAuthor.length, 1);
      assert.match(toAuthor[0]!, new RegExp(`/admin/articles/${id}\\s`));
      assert.doesNotMatch(toAuthor[0]!, /\/review/);
      assert.match(toAuthor[0]!, /Trạng thái: Bị trả lại: Thiếu ảnh hiện trường\./);
    });
  });

  /** The editor form's fields for an article body (as strings, the way a browser posts them). */
  function formOf(body: Record<string, unknown>): Record<string, string> {
    const out: Record<string, string> = { kind: 'news', language: 'vi' };
    for (const [k, v] of Object.entries(body)) {
      if (v === null || v === undefined) out[k] = '';
      else if (Array.isArray(v)) out[k] = v.join(', ');
      else out[k] = String(v);
    }
    return out;
  }
  async function lockOf(id: number): Promise<string> {
    return String((await t.db.selectFrom('articles').select('lock_version').where('id', '=', id).executeTakeFirstOrThrow()).lock_version);
  }
});

// 002 Kon Tum: the board is a "Tổ biên tập" led by a "Tổ trưởng". Every
// message and status that names the board or a role says so.
forEachEngine('the site’s own words for its board and roles', (engine) => {
  let t: TestApp;
  let b: Board;
  const labels = {
    board: 'Tổ biên tập',
    editor_in_chief: 'Tổ trưởng Tổ biên tập',
    deputy: 'Tổ phó Tổ biên tập',
    secretariat: 'Bộ phận đầu mối giúp việc Tổ biên tập',
    board_member: 'Thành viên Tổ biên tập',
    publisher: 'Quản trị Trang thông tin điện tử',
    unit_head: 'Trưởng phòng, đơn vị',
  };
  const NOT_OURS = /Ban biên tập|Trưởng ban|Phó ban|Lãnh đạo đơn vị|Cán bộ kỹ thuật đăng tải/;

  before(async () => {
    t = await buildTestApp(engine, { clock: new TestClock(new Date('2026-12-09T07:00:00Z')) });
    b = await makeBoard(t, 'tobientap', { labels });
    // The 003 chain, its steps named in this site's words (step names are the site's own data).
    const steps = PRESET_CHAINS.nhuxuan.steps.map((s, i) => ({ ...s, name: ['Trưởng phòng duyệt nội dung', 'Tiếp nhận, biên tập', 'Xác thực thông tin', 'Tổ trưởng duyệt'][i]! }));
    await addRuleVersion(t.db, systemActor(b.site.id), { siteId: b.site.id, key: CHAIN_RULE, value: { ...PRESET_CHAINS.nhuxuan, steps }, effectiveFrom: '2012-03-13', citation: '002 Đ8', reason: 'Tên bước theo quy chế 002.' }, t.clock);
  });
  after(async () => t.close());

  const { as, create, act } = people(() => t, () => b);
  const text = async (role: BoardRole, url: string) => textOf((await (await as(role)).get(url)).body);

  test('status lines name the step’s people as the site does, on every page', async () => {
    const id = await create('Tin chờ Tổ phó');
    for (const [role, action] of [['contributor', 'submit'], ['unit_head', 'approve'], ['secretariat', 'approve']] as const) await act(role, id, { action });
    for (const url of ['/admin/articles', '/admin/queue', `/admin/articles/${id}`, `/admin/articles/${id}/review`, `/admin/articles/${id}/history`]) {
      const page = await text('deputy', url);
      assert.match(page, /Chờ duyệt — bước 3\/4: Tổ phó Tổ biên tập, hạn 09\/12 15:00/, url);
      assert.doesNotMatch(page, NOT_OURS, url);
    }
    assert.match(await text('deputy', `/admin/articles/${id}/history`), /bước 1\/4: Trưởng phòng, đơn vị/);
  });

  test('refusals name the site’s roles and board', async () => {
    const id = await create('Tin thử lời từ chối');
    await act('contributor', id, { action: 'submit' });
    // A board member who is neither at the step nor the head of the board.
    const member = await as('board_member');
    const refused = await member.post(`/admin/articles/${id}/actions`, { action: 'reassign', 'reassign-toUserId': String(b.people.deputy.id) });
    assert.equal(refused.statusCode, 403);
    assert.match(textOf(refused.body), /Bạn không phải người xử lý bước hiện tại, cũng không có quyền điều phối bài \(Tổ trưởng Tổ biên tập\)\./);
    assert.doesNotMatch(textOf(refused.body), NOT_OURS);
    // Someone who may not edit a draft is told who may.
    const draft = await create('Tin nháp của cộng tác viên');
    const publisher = textOf((await (await as('publisher')).get(`/admin/articles/${draft}`)).body);
    assert.match(publisher, /Chỉ tác giả hoặc thành viên Tổ biên tập được sửa bài này\./);
    // An approved item: whom to ask.
    for (const role of ['unit_head', 'secretariat', 'deputy', 'editor_in_chief'] as const) await act(role, id, { action: 'approve' });
    const head = await text('editor_in_chief', `/admin/articles/${id}`);
    assert.match(head, /Đã duyệt, chờ đăng — hạn 09\/12 15:00/);
    assert.match(head, /đang chờ Quản trị Trang thông tin điện tử đăng nên không sửa được nữa/);
    assert.doesNotMatch(head, NOT_OURS);
  });

  test('notifications and the stuck-item alert use the site’s words', async () => {
    const mark = t.sentMail().length;
    const id = await create('Tin đăng khẩn mưa lũ');
    await act('editor_in_chief', id, { action: 'urgent_publish', note: 'Thông báo khẩn về mưa lũ.' });
    const toDeputy = t.sentMail().slice(mark).map(mailText).find((m) => m.includes(b.people.deputy.email));
    assert.ok(toDeputy, 'the deputy is told');
    assert.match(toDeputy, /đã được Tổ trưởng Tổ biên tập đăng khẩn và cần được xác nhận sau/);
    assert.match(toDeputy, /Trạng thái: Đã đăng khẩn, chờ xác nhận\./);
    assert.match(toDeputy, new RegExp(`Xem nội dung và xác nhận: [^\\s]*/admin/articles/${id}/review#actions`));
    assert.doesNotMatch(toDeputy, NOT_OURS);

    const waiting = await create('Tin chờ trưởng phòng đã nghỉ');
    await act('contributor', waiting, { action: 'submit' });
    await updateMembership(t.db, systemActor(b.site.id), b.people.unit_head.id, { unitId: b.unitId, position: null, roles: ['unit_head'], status: 'disabled' }, { actorIsPlatformAdmin: true });
    assert.equal(await sweepStuckArticles({ db: t.db, mailer: t.deps.mailer, clock: t.clock }), 1);
    const alert = await t.db.selectFrom('notifications').select('body').where('user_id', '=', b.people.secretariat.id).where('kind', '=', 'workflow.stuck').executeTakeFirstOrThrow();
    assert.match(alert.body, /chưa có ai giữ vai trò Trưởng phòng, đơn vị.*hoặc Tổ trưởng Tổ biên tập nhận xử lý bằng «Giao lại»/);
    assert.doesNotMatch(alert.body, NOT_OURS);
  });

  test('the chain, delegation and settings pages speak of the site’s board; role labels are Vietnamese first', async () => {
    const admin = await as('site_admin');
    const answers = textOf((await admin.get('/admin/workflow?for=answer')).body);
    assert.match(answers, /Gửi trả lời, công khai: Tổ biên tập/);
    assert.match(answers, /Bộ phận đầu mối giúp việc Tổ biên tập được báo/);
    const delegations = textOf((await admin.get('/admin/delegations')).body);
    assert.match(delegations, /Ví dụ: Tổ trưởng Tổ biên tập đi công tác tại Hà Nội\./);
    const settings = (await admin.get('/admin/site')).body;
    assert.match(settings, /<label for="label_editor_in_chief">\s*<span>Trưởng Ban biên tập<\/span>/, 'the field is named by the Vietnamese default');
    assert.match(textOf(settings), /Trên trang tiếng Anh: Editor-in-chief\./);
    assert.match(textOf(settings), /Bắt buộc với Quản trị hệ thống và Tổ trưởng Tổ biên tập/);
  });
});
