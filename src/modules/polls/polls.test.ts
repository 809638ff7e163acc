// Polls on SQLite and PostgreSQL: the rules of a poll, the board's pages
// (engagement.manage only), one ballot per browser without storing who voted
// (a second or replayed ballot is refused, the ballot table holds a keyed hash
// and nothing else), robots refused by the honeypot and the signed stamp, the
// rate limit per address, a closed poll or site refuses votes, the results and
// their downloads, the home page's block, and no site sees another's polls.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { Agent, textOf } from '../../../test/support/agent.ts';
import { buildTestApp, TestClock, type TestApp } from '../../../test/support/app.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { makeBoard, type Board } from '../../../test/support/editorial.ts';
import { DomainError } from '../../core/errors.ts';
import { serializeRequest } from '../../app.ts';
import { systemActor } from '../../../test/support/factories.ts';
import { ADDRESS_CAP, AddressCap, BALLOT_COOKIE, castBallot, countBallot } from './ballots.ts';
import { createPoll, openPoll, updatePoll } from './manage-polls.ts';
import { refreshPollMoments } from './jobs.ts';
import { normalizePoll, pollProblems, pollResults, type PollInput } from './poll.ts';

const base: PollInput = {
  question: 'Bạn đánh giá thế nào về chất lượng dịch vụ công trực tuyến của huyện?',
  questionEn: null,
  description: null,
  options: [
    { label: 'Rất hài lòng', labelEn: null },
    { label: 'Hài lòng', labelEn: null },
  ],
  multiple: false,
  maxChoices: 1,
  opensAt: '2026-11-20T01:00:00.000Z',
  closesAt: '2026-12-20T10:00:00.000Z',
  resultsBeforeClose: true,
};

describe('poll rules', () => {
  const codes = (input: Partial<PollInput>) => pollProblems(normalizePoll({ ...base, ...input })).map((p) => p.code);
  test('a poll needs a question, 2 to 10 distinct options and a closing time after its opening', () => {
    assert.deepEqual(codes({}), []);
    assert.deepEqual(codes({ question: '  ' }), ['question_required']);
    assert.deepEqual(codes({ options: [{ label: 'Có', labelEn: null }] }), ['options_count']);
    assert.deepEqual(codes({ options: Array.from({ length: 11 }, (_, i) => ({ label: `Phương án ${i}`, labelEn: null })) }), ['options_count']);
    assert.deepEqual(codes({ options: [{ label: 'Hài lòng', labelEn: null }, { label: 'HÀI LÒNG', labelEn: null }] }), ['option_duplicate']);
    assert.deepEqual(codes({ closesAt: base.opensAt }), ['closes_before_opens']);
    assert.deepEqual(codes({ multiple: true, maxChoices: 3 }), ['max_choices']);
    assert.deepEqual(codes({ multiple: true, maxChoices: 2 }), []);
    const vi = pollProblems(normalizePoll({ ...base, options: [] }))[0]!.vi;
    assert.match(vi, /từ 2 đến 10 phương án/);
  });
  test('results give each option its share of ballots; a single-choice poll adds up to 100', () => {
    const r = pollResults(3, [{ id: 1, label: 'A', votes: 1 }, { id: 2, label: 'B', votes: 1 }, { id: 3, label: 'C', votes: 1 }], false);
    assert.equal(r.reduce((s, x) => s + x.percent, 0), 100);
    assert.deepEqual(pollResults(4, [{ id: 1, label: 'A', votes: 3 }, { id: 2, label: 'B', votes: 2 }], true).map((x) => x.percent), [75, 50]);
    assert.deepEqual(pollResults(0, [{ id: 1, label: 'A', votes: 0 }], false).map((x) => x.percent), [0]);
  });
});

forEachEngine('polls', (engine) => {
  let t: TestApp;
  let b: Board;
  let other: Board;
  // Monday 23 Nov 2026, 09:00 in Vietnam.
  const clock = new TestClock(new Date('2026-11-23T02:00:00Z'));
  let board: Agent;
  let pollId: number;

  const form = (over: Record<string, string> = {}) => ({
    question: 'Bạn đánh giá thế nào về dịch vụ công trực tuyến của huyện?',
    description: 'Ý kiến của bạn giúp huyện cải thiện dịch vụ.',
    option1: 'Rất hài lòng',
    option2: 'Hài lòng',
    option3: 'Chưa hài lòng',
    maxChoices: '1',
    opensAt: '2026-11-23T08:00',
    closesAt: '2026-12-31T17:00',
    resultsBeforeClose: 'on',
    ...over,
  });

  const optionsOf = (id: number) => t.db.selectFrom('poll_options').select(['id', 'label', 'votes']).where('poll_id', '=', id).orderBy('position').execute();
  const ballotsOf = async (id: number) => (await t.db.selectFrom('polls').select('ballots').where('id', '=', id).executeTakeFirstOrThrow()).ballots;

  /** Opens the poll's page as a visitor, waits as a person would, and votes. */
  async function vote(visitor: Agent, id: number, choose: string | string[], extra: Record<string, string> = {}) {
    const page = await visitor.get(`/binh-chon/${id}`);
    assert.equal(page.statusCode, 200, page.body);
    const stamp = /name="stamp" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    clock.advance(5000);
    return visitor.post(`/binh-chon/${id}`, { option: choose, stamp, website: '', ...extra }, { csrf: false });
  }

  before(async () => {
    t = await buildTestApp(engine, { clock });
    b = await makeBoard(t, 'binhchon');
    other = await makeBoard(t, 'khac');
    board = new Agent(t.app, b.host);
    await board.login(b.people.secretariat.email);
  });
  after(async () => t.close());

  describe("the board's pages", () => {
    test('a poll with one option or closing before it opens is refused with the reasons; a complete one is saved as a draft and audited', async () => {
      const bad = await board.post('/admin/polls', form({ option2: '', option3: '', closesAt: '2026-11-01T08:00' }));
      assert.equal(bad.statusCode, 400);
      const text = textOf(bad.body);
      assert.match(text, /cần từ 2 đến 10 phương án/);
      assert.match(text, /Thời điểm kết thúc phải sau thời điểm bắt đầu/);
      const ok = await board.post('/admin/polls', form());
      assert.equal(ok.statusCode, 303, ok.body);
      const row = await t.db.selectFrom('polls').selectAll().where('site_id', '=', b.site.id).executeTakeFirstOrThrow();
      pollId = row.id;
      assert.equal(row.status, 'draft');
      assert.equal(row.opens_at, '2026-11-23T01:00:00.000Z', 'entered in Vietnam time');
      assert.deepEqual((await optionsOf(pollId)).map((o) => o.label), ['Rất hài lòng', 'Hài lòng', 'Chưa hài lòng']);
      const audit = await t.db.selectFrom('audit_log').select('action').where('site_id', '=', b.site.id).where('target_type', '=', 'poll').execute();
      assert.deepEqual(audit.map((a) => a.action), ['poll.create']);
      // A draft is not public.
      assert.equal((await new Agent(t.app, b.host).get(`/binh-chon/${pollId}`)).statusCode, 404);
    });

    test('contributors and the site administrator are refused the poll pages (403); another site’s poll answers 404', async () => {
      for (const role of ['contributor', 'site_admin', 'publisher'] as const) {
        const agent = new Agent(t.app, b.host);
        await agent.login(b.people[role].email);
        assert.equal((await agent.get('/admin/polls')).statusCode, 403, role);
        assert.equal((await agent.post('/admin/polls', form())).statusCode, 403, role);
      }
      const theirs = new Agent(t.app, other.host);
      await theirs.login(other.people.editor_in_chief.email);
      assert.equal((await theirs.get(`/admin/polls/${pollId}`)).statusCode, 404);
      assert.equal((await theirs.post(`/admin/polls/${pollId}/open`, {})).statusCode, 404);
      assert.equal((await new Agent(t.app, other.host).get(`/binh-chon/${pollId}`)).statusCode, 404);
    });

    test('opened, the poll is on the public list, its page and the home page', async () => {
      const opened = await board.post(`/admin/polls/${pollId}/open`, {});
      assert.equal(opened.statusCode, 303);
      const visitor = new Agent(t.app, b.host);
      const list = await visitor.get('/binh-chon');
      assert.match(textOf(list.body), /Đang diễn ra.*dịch vụ công trực tuyến/s);
      const page = await visitor.get(`/binh-chon/${pollId}`);
      assert.equal(page.headers['cache-control'], 'no-store', 'the form carries a stamp for this browser');
      assert.match(page.body, /<fieldset id="poll-choices"[^>]*>\s*<legend class="visually-hidden">Bạn đánh giá thế nào/);
      assert.equal((page.body.match(/type="radio" id="option-\d+" name="option"/g) ?? []).length, 3);
      assert.match(page.body, /name="website"/, 'honeypot');
      assert.ok(visitor.hasCookie(BALLOT_COOKIE), 'the browser gets its ballot id');
      const home = await visitor.get('/');
      assert.match(home.body, /<section class="home-block home-poll"[^>]*>.*Bạn đánh giá thế nào.*href="\/binh-chon\/\d+"/s);
    });
  });

  describe('one ballot per browser, nothing stored about the voter', () => {
    let first: Agent;
    let firstStamp: string;
    test('a vote is counted once and thanked; the results show shares and counts in text', async () => {
      const options = await optionsOf(pollId);
      first = new Agent(t.app, b.host);
      const page = await first.get(`/binh-chon/${pollId}`);
      firstStamp = /name="stamp" value="([^"]+)"/.exec(page.body)![1]!;
      clock.advance(5000);
      const res = await first.post(`/binh-chon/${pollId}`, { option: String(options[0]!.id), stamp: firstStamp, website: '' }, { csrf: false });
      assert.equal(res.statusCode, 303, res.body);
      assert.equal(res.headers.location, `/binh-chon/${pollId}?da-binh-chon=1`);
      const thanked = await first.get(res.headers.location as string);
      const text = textOf(thanked.body);
      assert.match(text, /phiếu bình chọn đã được ghi nhận/);
      assert.match(text, /Rất hài lòng 100% \(1 phiếu\)/);
      assert.doesNotMatch(thanked.body, /name="option"/, 'no second form');
      assert.deepEqual((await optionsOf(pollId)).map((o) => o.votes), [1, 0, 0]);
      assert.equal(await ballotsOf(pollId), 1);
    });

    test('a second vote from the same browser is told «Bạn đã bình chọn» and not counted', async () => {
      const options = await optionsOf(pollId);
      const again = await first.post(`/binh-chon/${pollId}`, { option: String(options[1]!.id), stamp: '1', website: '' }, { csrf: false });
      assert.equal(again.statusCode, 303);
      const page = await first.get(again.headers.location as string);
      assert.match(textOf(page.body), /Bạn đã bình chọn/);
      assert.deepEqual((await optionsOf(pollId)).map((o) => o.votes), [1, 0, 0]);
    });

    test('a replayed cookie (another client sending the same ballot id and stamp) is refused', async () => {
      const options = await optionsOf(pollId);
      const replay = new Agent(t.app, b.host);
      replay.setCookie(BALLOT_COOKIE, first.cookie(BALLOT_COOKIE)!);
      const page = await replay.get(`/binh-chon/${pollId}`);
      assert.match(textOf(page.body), /Bạn đã bình chọn/, 'the replayed ballot id is known');
      clock.advance(5000);
      const res = await replay.post(`/binh-chon/${pollId}`, { option: String(options[2]!.id), stamp: firstStamp, website: '' }, { csrf: false });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, `/binh-chon/${pollId}?da-binh-chon=truoc`, 'a valid stamp, but the ballot was counted before');
      assert.deepEqual((await optionsOf(pollId)).map((o) => o.votes), [1, 0, 0]);
      assert.equal(await ballotsOf(pollId), 1);
    });

    test('the ballot table has no option, address, agent, cookie or time column, and holds a keyed hash, not the ballot id', async () => {
      const tables = await t.db.introspection.getTables();
      const ballots = tables.find((x) => x.name === 'poll_ballots')!;
      assert.deepEqual(ballots.columns.map((c) => c.name).sort(), ['ballot_hash', 'poll_id', 'site_id']);
      const rows = await t.db.selectFrom('poll_ballots').select('ballot_hash').where('poll_id', '=', pollId).execute();
      assert.equal(rows.length, 1);
      const cookie = decodeURIComponent(first.cookie(BALLOT_COOKIE)!);
      const ballotId = cookie.split('.')[0]!;
      assert.match(rows[0]!.ballot_hash, /^[0-9a-f]{64}$/);
      assert.ok(!rows[0]!.ballot_hash.includes(ballotId) && rows[0]!.ballot_hash !== cookie, 'not the raw cookie');
      // Nothing else in the database names the voter's address.
      const options = tables.find((x) => x.name === 'poll_options')!;
      assert.deepEqual(options.columns.map((c) => c.name).sort(), ['id', 'label', 'label_en', 'poll_id', 'position', 'site_id', 'votes']);
    });

    test('several options in a multiple-choice poll, at most its maximum; an option of another poll is refused', async () => {
      const created = await board.post('/admin/polls', form({ question: 'Bạn quan tâm những lĩnh vực nào?', option4: 'Y tế', multiple: 'on', maxChoices: '2' }));
      assert.equal(created.statusCode, 303);
      const multi = (await t.db.selectFrom('polls').select('id').where('site_id', '=', b.site.id).orderBy('id', 'desc').executeTakeFirstOrThrow()).id;
      await board.post(`/admin/polls/${multi}/open`, {});
      const options = await optionsOf(multi);
      const visitor = new Agent(t.app, b.host);
      const page = await visitor.get(`/binh-chon/${multi}`);
      assert.equal((page.body.match(/type="checkbox" id="option-\d+" name="option"/g) ?? []).length, 4);
      const stamp = /name="stamp" value="([^"]+)"/.exec(page.body)![1]!;
      clock.advance(5000);
      const tooMany = await visitor.post(`/binh-chon/${multi}`, { option: options.slice(0, 3).map((o) => String(o.id)), stamp, website: '' }, { csrf: false });
      assert.equal(tooMany.statusCode, 400);
      assert.match(textOf(tooMany.body), /Chỉ được chọn tối đa 2 phương án/);
      const foreign = await visitor.post(`/binh-chon/${multi}`, { option: String((await optionsOf(pollId))[0]!.id), stamp, website: '' }, { csrf: false });
      assert.equal(foreign.statusCode, 400);
      const none = await visitor.post(`/binh-chon/${multi}`, { stamp, website: '' }, { csrf: false });
      assert.match(textOf(none.body), /Vui lòng chọn một phương án/);
      const ok = await visitor.post(`/binh-chon/${multi}`, { option: [String(options[0]!.id), String(options[3]!.id)], stamp, website: '' }, { csrf: false });
      assert.equal(ok.statusCode, 303);
      assert.deepEqual((await optionsOf(multi)).map((o) => o.votes), [1, 0, 0, 1]);
      assert.equal(await ballotsOf(multi), 1);
    });
  });

  describe('robots and ballot stuffing', () => {
    test('a filled honeypot, a forged stamp or a stamp of another browser is answered as thanks and not counted; a ballot sent at once is asked again', async () => {
      const id = String((await optionsOf(pollId))[1]!.id);
      const robot = new Agent(t.app, b.host);
      assert.equal((await vote(robot, pollId, id, { website: 'http://spam.example' })).statusCode, 303);
      const forger = new Agent(t.app, b.host);
      await forger.get(`/binh-chon/${pollId}`);
      clock.advance(5000);
      assert.equal((await forger.post(`/binh-chon/${pollId}`, { option: id, stamp: `${Date.now()}.${'0'.repeat(32)}`, website: '' }, { csrf: false })).statusCode, 303);
      // A stamp fetched with one cookie, sent with another: each ballot needs its own form.
      const fetched = /name="stamp" value="([^"]+)"/.exec((await new Agent(t.app, b.host).get(`/binh-chon/${pollId}`)).body)![1]!;
      const stuffer = new Agent(t.app, b.host);
      await stuffer.get(`/binh-chon/${pollId}`);
      clock.advance(5000);
      assert.equal((await stuffer.post(`/binh-chon/${pollId}`, { option: id, stamp: fetched, website: '' }, { csrf: false })).statusCode, 303);
      assert.deepEqual((await optionsOf(pollId)).map((o) => o.votes), [1, 0, 0], 'none counted');
      // No cookie at all: asked to allow it.
      const noCookie = await new Agent(t.app, b.host).post(`/binh-chon/${pollId}`, { option: id, stamp: fetched, website: '' }, { csrf: false });
      assert.equal(noCookie.statusCode, 400);
      assert.match(textOf(noCookie.body), /cho phép cookie/);
      // Too fast: the form comes back with the choice kept.
      const hasty = new Agent(t.app, b.host);
      const page = await hasty.get(`/binh-chon/${pollId}`);
      const stamp = /name="stamp" value="([^"]+)"/.exec(page.body)![1]!;
      const fast = await hasty.post(`/binh-chon/${pollId}`, { option: id, stamp, website: '' }, { csrf: false });
      assert.equal(fast.statusCode, 400);
      assert.match(textOf(fast.body), /gửi quá nhanh/);
      assert.match(fast.body, new RegExp(`value="${id}" checked`));
      assert.deepEqual((await optionsOf(pollId)).map((o) => o.votes), [1, 0, 0]);
    });

    test('one address may post at most 30 ballots an hour (429 after)', async () => {
      const flood = new Agent(t.app, b.host);
      const statuses: number[] = [];
      for (let i = 0; i < 31; i++) statuses.push((await flood.post(`/binh-chon/${pollId}`, { option: '1', stamp: 'x', website: '' }, { csrf: false })).statusCode);
      assert.ok(statuses.slice(0, 30).every((s) => s !== 429));
      assert.equal(statuses[30], 429);
    });
  });

  describe('options locked, closing, results', () => {
    test('once a ballot is counted the options, question and opening time cannot change and the closing time only comes earlier; each refusal names its field', async () => {
      const edit = await board.get(`/admin/polls/${pollId}`);
      assert.match(textOf(edit.body), /các phương án, cách chọn, câu hỏi và thời điểm bắt đầu đã khóa/);
      assert.match(edit.body, /id="question-hint"[^>]*>Đã có phiếu: không sửa được\./);
      assert.match(edit.body, /id="closesAt-hint"[^>]*>Đã có phiếu: chỉ được đổi sớm hơn/);
      const changed = await board.post(`/admin/polls/${pollId}`, form({ option3: 'Không hài lòng' }));
      assert.equal(changed.statusCode, 400);
      assert.match(textOf(changed.body), /không thể thay đổi các phương án/);
      assert.deepEqual((await optionsOf(pollId)).map((o) => o.label), ['Rất hài lòng', 'Hài lòng', 'Chưa hài lòng']);
      const fieldError = (body: string, field: string) => textOf((body.split(`id="${field}-error"`)[1] ?? '').split('</p>')[0]!.replace(/^[^>]*>/, ''));
      const refused: [Record<string, string>, string, RegExp][] = [
        [{ question: 'Bạn đánh giá thế nào về dịch vụ công của huyện Thanh Chương?' }, 'question', /đã có phiếu: không thể sửa câu hỏi\./],
        [{ questionEn: 'How do you rate the online public services?' }, 'questionEn', /không thể sửa câu hỏi \(tiếng Anh\)/],
        [{ opensAt: '2026-11-23T07:00' }, 'opensAt', /không thể đổi thời điểm bắt đầu/],
        [{ closesAt: '2027-01-15T17:00' }, 'closesAt', /thời điểm kết thúc chỉ được đổi sớm hơn, không được lùi lại/],
        [{ closesAt: '2026-11-23T08:30' }, 'closesAt', /Thời điểm kết thúc mới đã qua.*Kết thúc sớm/],
      ];
      for (const [over, field, message] of refused) {
        const res = await board.post(`/admin/polls/${pollId}`, form(over));
        assert.equal(res.statusCode, 400, field);
        assert.match(fieldError(res.body, field), message, `the message stands beside ${field}`);
      }
      const row = await t.db.selectFrom('polls').selectAll().where('id', '=', pollId).executeTakeFirstOrThrow();
      assert.deepEqual([row.question, row.question_en, row.opens_at, row.closes_at], [form().question, null, '2026-11-23T01:00:00.000Z', '2026-12-31T10:00:00.000Z']);
      const earlier = await board.post(`/admin/polls/${pollId}`, form({ closesAt: '2026-12-30T17:00', description: 'Ý kiến của bạn giúp huyện cải thiện dịch vụ công.' }));
      assert.equal(earlier.statusCode, 303, earlier.body);
      assert.equal((await t.db.selectFrom('polls').select('closes_at').where('id', '=', pollId).executeTakeFirstOrThrow()).closes_at, '2026-12-30T10:00:00.000Z');
    });

    test('closed early, the poll refuses votes (409) and shows its results to everyone, also cached; the board downloads them', async () => {
      const waiting = new Agent(t.app, b.host);
      const page = await waiting.get(`/binh-chon/${pollId}`);
      const stamp = /name="stamp" value="([^"]+)"/.exec(page.body)![1]!;
      assert.equal((await board.post(`/admin/polls/${pollId}/close`, {})).statusCode, 303);
      clock.advance(5000);
      const late = await waiting.post(`/binh-chon/${pollId}`, { option: String((await optionsOf(pollId))[1]!.id), stamp, website: '' }, { csrf: false });
      assert.equal(late.statusCode, 409);
      assert.match(textOf(late.body), /Cuộc bình chọn đã kết thúc/);
      assert.equal(await ballotsOf(pollId), 1);
      const visitor = new Agent(t.app, b.host);
      const closed = await visitor.get(`/binh-chon/${pollId}`);
      const shown = textOf(closed.body);
      assert.match(shown, /Tổng số phiếu: 1/);
      assert.match(shown, /Rất hài lòng 100% \(1 phiếu\)/);
      assert.match(shown, /Hài lòng 0% \(0 phiếu\)/);
      assert.match(closed.body, /<svg class="poll-bar"[^>]*aria-hidden="true"/, 'the bar is decoration; the text carries the figures');
      assert.doesNotMatch(closed.body, /name="option"/);
      assert.match(textOf((await visitor.get('/binh-chon')).body), /Đã kết thúc.*dịch vụ công trực tuyến.*100%/s);
      const csv = await board.get(`/admin/polls/${pollId}/results.csv`);
      assert.equal(csv.statusCode, 200);
      const rows = parse(csv.body.replace(/^\uFEFF/, '')) as string[][];
      assert.deepEqual(rows.slice(0, 2), [['Phương án', 'Số phiếu', 'Tỉ lệ (%)'], ['Rất hài lòng', '1', '100']]);
      const xlsx = await board.get(`/admin/polls/${pollId}/results.xlsx`);
      assert.equal(xlsx.statusCode, 200);
      assert.match(String(xlsx.headers['content-type']), /spreadsheetml/);
      const actions = await t.db.selectFrom('audit_log').select('action').where('site_id', '=', b.site.id).where('target_type', '=', 'poll').where('target_id', '=', String(pollId)).orderBy('seq').execute();
      assert.deepEqual(actions.map((a) => a.action), ['poll.create', 'poll.open', 'poll.update', 'poll.close']);
    });

    test('a poll that has ended with ballots keeps its closing time: no reopening after its results were public', async () => {
      const res = await board.post(`/admin/polls/${pollId}`, form({ closesAt: '2026-12-29T17:00' }));
      assert.equal(res.statusCode, 400);
      assert.match(textOf(res.body), /đã kết thúc và đã có phiếu: không thể đổi thời điểm kết thúc/);
      assert.equal((await t.db.selectFrom('polls').select('closes_at').where('id', '=', pollId).executeTakeFirstOrThrow()).closes_at, '2026-12-30T10:00:00.000Z');
    });

    test('a poll opened for a later time appears on the cached list when its time comes (the job moves the content version)', async () => {
      await board.post('/admin/polls', form({ question: 'Câu hỏi mở từ ngày mai', opensAt: '2026-11-24T08:00' }));
      const id = (await t.db.selectFrom('polls').select('id').where('site_id', '=', b.site.id).orderBy('id', 'desc').executeTakeFirstOrThrow()).id;
      await board.post(`/admin/polls/${id}/open`, {});
      const visitor = new Agent(t.app, b.host);
      const since = clock.now().toISOString();
      assert.doesNotMatch((await visitor.get('/binh-chon')).body, /Câu hỏi mở từ ngày mai/, 'not before its time');
      assert.equal((await visitor.get(`/binh-chon/${id}`)).statusCode, 404);
      clock.set('2026-11-24T01:30:00Z');
      assert.doesNotMatch((await visitor.get('/binh-chon')).body, /Câu hỏi mở từ ngày mai/, 'the cached list does not know the time');
      await refreshPollMoments(t.db, since, clock);
      assert.match((await visitor.get('/binh-chon')).body, /Câu hỏi mở từ ngày mai/);
      assert.match((await visitor.get('/')).body, /Câu hỏi mở từ ngày mai/);
    });

    test('a site that no longer operates refuses votes with 410', async () => {
      await board.post('/admin/polls', form({ question: 'Câu hỏi trên trang đã ngừng hoạt động' }));
      const id = (await t.db.selectFrom('polls').select('id').where('site_id', '=', b.site.id).orderBy('id', 'desc').executeTakeFirstOrThrow()).id;
      await board.post(`/admin/polls/${id}/open`, {});
      const visitor = new Agent(t.app, b.host);
      const page = await visitor.get(`/binh-chon/${id}`);
      const stamp = /name="stamp" value="([^"]+)"/.exec(page.body)![1]!;
      await t.db.updateTable('sites').set({ status: 'archived' }).where('id', '=', b.site.id).execute();
      t.refreshSites();
      try {
        clock.advance(5000);
        const res = await visitor.post(`/binh-chon/${id}`, { option: String((await optionsOf(id))[0]!.id), stamp, website: '' }, { csrf: false });
        assert.equal(res.statusCode, 410);
        assert.equal(await ballotsOf(id), 0);
        assert.doesNotMatch((await new Agent(t.app, b.host).get(`/binh-chon/${id}`)).body, /name="option"/, 'no form on a closed site');
      } finally {
        await t.db.updateTable('sites').set({ status: 'active' }).where('id', '=', b.site.id).execute();
        t.refreshSites();
      }
    });
  });
  describe('an edit and a ballot at the same time', () => {
    const input = (labels: string[]): PollInput => ({ ...base, question: 'Câu hỏi cho phép thử đồng thời', options: labels.map((label) => ({ label, labelEn: null })), opensAt: '2026-11-23T01:00:00.000Z', closesAt: '2026-12-31T10:00:00.000Z' });
    async function runningPoll(): Promise<number> {
      const id = await createPoll(t.db, systemActor(b.site.id), input(['Một', 'Hai', 'Ba']), clock);
      await openPoll(t.db, systemActor(b.site.id), id, clock);
      return id;
    }
    const sum = async (id: number) => (await optionsOf(id)).reduce((n, o) => n + o.votes, 0);

    // On PostgreSQL the requests interleave (SQLite runs each to its end): a check made before counting let all six through.
    test('ballots sent at once from one address near its cap: only those within the cap are counted, the rest get 429', async () => {
      const id = await runningPoll();
      const [first] = await optionsOf(id);
      const ip = '2001:db8:42:1::7';
      // This address (its /64) has cast ADDRESS_CAP - 2 ballots in this poll today.
      const cap = new AddressCap(t.deps.limits, t.deps.config.sessionSecret, clock);
      for (let i = 0; i < ADDRESS_CAP - 2; i++) assert.equal(await cap.take(id, `2001:db8:42:1::${(i + 100).toString(16)}`), true);
      const browsers = Array.from({ length: 6 }, () => {
        const agent = new Agent(t.app, b.host);
        Object.defineProperty(agent, 'ip', { value: ip });
        return agent;
      });
      const stamps: string[] = [];
      for (const agent of browsers) stamps.push(/name="stamp" value="([^"]+)"/.exec((await agent.get(`/binh-chon/${id}`)).body)![1]!);
      clock.advance(5000);
      const sent = await Promise.all(browsers.map((agent, i) => agent.post(`/binh-chon/${id}`, { option: String(first!.id), stamp: stamps[i]!, website: '' }, { csrf: false })));
      const statuses = sent.map((r) => r.statusCode).sort();
      assert.deepEqual(statuses, [303, 303, 429, 429, 429, 429], 'two within the cap, four refused');
      assert.equal(await sum(id), 2);
      assert.match(textOf(sent.find((r) => r.statusCode === 429)!.body), /quá nhiều phiếu/);
    });

    test('an edit of the options while a ballot is being counted waits for it, then is refused; the vote is kept', async () => {
      const id = await runningPoll();
      const [first] = await optionsOf(id);
      let edit: Promise<unknown> | undefined;
      await t.db.transaction().execute(async (trx) => {
        assert.equal(await countBallot(trx, b.site.id, id, 'a'.repeat(64), [first!.id], clock), 'counted');
        edit = updatePoll(t.db, systemActor(b.site.id), id, input(['Một', 'Hai', 'Bốn']), clock).then(() => 'saved', (error: unknown) => error);
        // PostgreSQL: the edit runs on another connection meanwhile (SQLite runs one transaction at a time).
        await new Promise((resolve) => setTimeout(resolve, 300));
      });
      const outcome = await edit;
      assert.ok(outcome instanceof DomainError, `the edit is refused, not ${String(outcome)}`);
      assert.equal(outcome.problems[0]!.code, 'options_locked');
      assert.deepEqual((await optionsOf(id)).map((o) => o.label), ['Một', 'Hai', 'Ba']);
      assert.equal(await ballotsOf(id), 1);
      assert.equal(await sum(id), 1, 'the counted ballot is in the options');
    });

    test('a ballot for an option whose text changed since the form was read is not counted; unchanged options keep their ids', async () => {
      const id = await runningPoll();
      const before = await optionsOf(id);
      await updatePoll(t.db, systemActor(b.site.id), id, input(['Một', 'Hai', 'Bốn']), clock);
      const after = await optionsOf(id);
      assert.deepEqual(after.map((o) => o.label), ['Một', 'Hai', 'Bốn']);
      assert.deepEqual(after.slice(0, 2).map((o) => o.id), before.slice(0, 2).map((o) => o.id), 'edited in place');
      assert.equal(await castBallot(t.db, b.site.id, id, 'b'.repeat(64), [before[2]!.id], clock), 'changed');
      assert.equal(await ballotsOf(id), 0);
      assert.equal(await castBallot(t.db, b.site.id, id, 'b'.repeat(64), [before[0]!.id], clock), 'counted');
      assert.deepEqual((await optionsOf(id)).map((o) => o.votes), [1, 0, 0]);
      assert.equal(await ballotsOf(id), 1);
    });

    test('a time left as the form shows it (to the minute) is not a change: a poll with ballots keeps saving', async () => {
      const id = await createPoll(t.db, systemActor(b.site.id), { ...input(['Một', 'Hai']), closesAt: '2026-12-31T10:00:30.000Z' }, clock);
      await openPoll(t.db, systemActor(b.site.id), id, clock);
      assert.equal(await castBallot(t.db, b.site.id, id, 'c'.repeat(64), [(await optionsOf(id))[0]!.id], clock), 'counted');
      await updatePoll(t.db, systemActor(b.site.id), id, { ...input(['Một', 'Hai']), description: 'Thêm mô tả' }, clock);
      const row = await t.db.selectFrom('polls').select(['closes_at', 'description']).where('id', '=', id).executeTakeFirstOrThrow();
      assert.deepEqual([row.closes_at, row.description], ['2026-12-31T10:00:30.000Z', 'Thêm mô tả']);
    });
  });

  test('the request log leaves the client address out of a vote, and only of a vote', () => {
    const req = (method: string, url: string) => serializeRequest({ method, url, headers: { host: b.host }, ip: '203.0.113.7' });
    for (const url of ['/binh-chon/12', '/binh-chon/12?da-binh-chon=1', '/binh-chon/12/']) {
      assert.equal(req('POST', url).remoteAddress, undefined, url);
      assert.doesNotMatch(JSON.stringify(req('POST', url)), /203\.0\.113\.7/);
    }
    assert.equal(req('GET', '/binh-chon/12').remoteAddress, '203.0.113.7', 'reading a poll is logged as any page');
    assert.equal(req('POST', '/admin/polls/12').remoteAddress, '203.0.113.7');
    assert.equal(req('POST', '/binh-chon-khac/12').remoteAddress, '203.0.113.7');
  });
});
