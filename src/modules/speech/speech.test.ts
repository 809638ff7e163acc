// Listening to an article, on a real database and the real espeak-ng and lame:
// speech is generated in the background once per published revision, anew
// after a correction, retried with a growing delay when it fails, never holds
// up publication, and a machine without the programs simply shows no player.
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { textOf } from '../../../test/support/agent.ts';
import { buildTestApp, TestClock, type TestApp } from '../../../test/support/app.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { makeBoard, publishArticle, type Board } from '../../../test/support/editorial.ts';
import { runSpeechJobs, startSpeechJobs, type SpeechJobContext } from './jobs.ts';
import { parseRange } from './routes.ts';
import { spokenText } from './text.ts';

/** A long enough body: the text read has to pass the minimum length. */
const BODY = '<p>Cầu dài 80 mét, rộng 2 mét, tổng mức đầu tư 3,2 tỷ đồng từ ngân sách tỉnh và nhân dân đóng góp.</p><h2>Ý nghĩa</h2><p>Cầu giúp hơn 300 hộ dân bản Mới đi lại an toàn trong mùa mưa lũ, học sinh không phải lội suối đến trường.</p>';

forEachEngine('listening to an article', (engine) => {
  let t: TestApp;
  let b: Board;
  let other: Board;
  let dir: string;
  let counter: string;
  let ctx: SpeechJobContext;
  const get = (url: string, host = b.host, headers: Record<string, string> = {}) => t.app.inject({ url, headers: { host, ...headers } });
  const espeakRuns = () => readFileSync(counter, 'utf8').split('\n').filter(Boolean).length;
  const audioUrl = (html: string) => /<source src="(\/am-thanh\/[^"]+\.mp3)" type="audio\/mpeg"/.exec(html)?.[1] ?? null;

  before(async () => {
    t = await buildTestApp(engine, { clock: new TestClock(new Date('2026-11-23T02:00:00Z')) });
    b = await makeBoard(t, 'nghedoc');
    other = await makeBoard(t, 'xakhac');
    dir = mkdtempSync(path.join(os.tmpdir(), 'trangtin-speech-'));
    // espeak-ng behind a script that counts its runs.
    counter = path.join(dir, 'runs');
    writeFileSync(counter, '');
    const wrapper = path.join(dir, 'espeak-ng');
    writeFileSync(wrapper, `#!/bin/sh\necho run >> '${counter}'\nexec espeak-ng "$@"\n`);
    chmodSync(wrapper, 0o755);
    ctx = { db: t.db, files: t.deps.files, clock: t.clock, tools: { espeak: wrapper, lame: 'lame', timeoutMs: 60_000 } };
  });
  after(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('publication does not wait for speech; the job generates it once per revision and the page then offers it', async () => {
    const a = await publishArticle(b, { bodyHtml: BODY, tags: [] });
    // Published at once: the page is there, without a player, and nothing was spoken yet.
    const before = await get(`/bai-viet/${a.slug}`);
    assert.equal(before.statusCode, 200);
    assert.doesNotMatch(before.body, /<audio/);
    assert.equal(espeakRuns(), 0);

    const outcomes = await runSpeechJobs(ctx);
    assert.ok(outcomes.includes('ready'), JSON.stringify(outcomes));
    const page = await get(`/bai-viet/${a.slug}`);
    assert.match(page.body, /<audio controls="" preload="none"/);
    assert.match(textOf(page.body), /Nghe đọc bài viết/);
    assert.match(textOf(page.body), /Tải tệp âm thanh \(MP3, \d+ KB\)/);
    assert.match(textOf(page.body), /Giọng đọc do máy tạo tự động/);
    const url = audioUrl(page.body);
    assert.ok(url, 'the page names the audio');

    const mp3 = await get(url!);
    assert.equal(mp3.statusCode, 200);
    assert.equal(mp3.headers['content-type'], 'audio/mpeg');
    assert.match(String(mp3.headers['cache-control']), /max-age=86400/);
    assert.equal(mp3.headers['accept-ranges'], 'bytes');
    assert.ok(mp3.rawPayload.length > 1000);
    // An MP3: an ID3 tag or a frame sync.
    assert.ok(mp3.rawPayload.subarray(0, 3).toString() === 'ID3' || (mp3.rawPayload[0] === 0xff && (mp3.rawPayload[1]! & 0xe0) === 0xe0));
    const part = await get(url!, b.host, { range: 'bytes=0-99' });
    assert.equal(part.statusCode, 206);
    assert.equal(part.rawPayload.length, 100);
    assert.equal(part.headers['content-range'], `bytes 0-99/${mp3.rawPayload.length}`);
    assert.equal((await get(url!, b.host, { range: 'bytes=99999999-' })).statusCode, 416);
    // Another site does not serve it.
    assert.equal((await get(url!, other.host)).statusCode, 404);
    // A made-up address answers 404.
    assert.equal((await get('/am-thanh/1-0000000000000000.mp3')).statusCode, 404);

    // Run again: the revision has its speech, espeak-ng is not run a second time.
    const runs = espeakRuns();
    assert.equal(runs, 1);
    await runSpeechJobs(ctx);
    assert.equal(espeakRuns(), 1);
    const rows = await t.db.selectFrom('article_speech').selectAll().where('article_id', '=', a.id).execute();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.status, 'ready');
    assert.equal(rows[0]!.voice, 'vi');
    assert.ok(Number(rows[0]!.duration_ms) > 1000 && Number(rows[0]!.bytes) > 1000);
  });

  test('a correction is spoken anew; the old audio goes and the page shows the new one only when ready', async () => {
    const a = await publishArticle(b, { title: 'Lịch tiếp công dân tháng 12 năm 2026', bodyHtml: BODY, tags: [] });
    await runSpeechJobs(ctx);
    const first = audioUrl((await get(`/bai-viet/${a.slug}`)).body);
    assert.ok(first);
    const runs = espeakRuns();

    const current = await b.as('contributor', 'GET', `/api/v1/articles/${a.id}`);
    const edit = await b.as('contributor', 'PATCH', `/api/v1/articles/${a.id}`, { lockVersion: current.json().lockVersion, bodyHtml: `${BODY}<p>Đính chính: lịch tiếp công dân chuyển sang thứ Năm hằng tuần tại trụ sở Ủy ban.</p>` });
    assert.equal(edit.statusCode, 200, edit.body);
    await b.as('contributor', 'POST', `/api/v1/articles/${a.id}/actions`, { action: 'submit' });
    for (const role of ['unit_head', 'secretariat', 'deputy', 'editor_in_chief'] as const) await b.as(role, 'POST', `/api/v1/articles/${a.id}/actions`, { action: 'approve' });
    const corrected = await b.as('publisher', 'POST', `/api/v1/articles/${a.id}/actions`, { action: 'correct', note: 'Sửa ngày tiếp công dân.' });
    assert.equal(corrected.statusCode, 200, corrected.body);

    // Until the new revision is spoken, the page has no player (the old audio read the corrected text).
    const between = await get(`/bai-viet/${a.slug}`);
    assert.match(between.body, /Đính chính: lịch tiếp công dân/);
    assert.doesNotMatch(between.body, /<audio/);

    await runSpeechJobs(ctx);
    assert.equal(espeakRuns(), runs + 1, 'the new revision is spoken once');
    const second = audioUrl((await get(`/bai-viet/${a.slug}`)).body);
    assert.ok(second);
    assert.notEqual(second, first);
    assert.equal((await get(second!)).statusCode, 200);
    assert.equal((await get(first!)).statusCode, 404, "the corrected revision's audio is gone");
    const rows = await t.db.selectFrom('article_speech').select(['revision_id', 'status']).where('article_id', '=', a.id).execute();
    assert.equal(rows.length, 1);
  });

  test('a failure is recorded and retried after a growing delay', async () => {
    const a = await publishArticle(b, { title: 'Thông báo lịch cắt điện tuần này', bodyHtml: BODY, tags: [] });
    const broken: SpeechJobContext = { ...ctx, tools: { ...ctx.tools, espeak: path.join(dir, 'khong-co-espeak') } };
    const outcomes = await runSpeechJobs(broken);
    assert.deepEqual(outcomes, ['failed']);
    let row = await t.db.selectFrom('article_speech').selectAll().where('article_id', '=', a.id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'failed');
    assert.equal(Number(row.attempts), 1);
    assert.match(row.error ?? '', /espeak-ng/);
    assert.equal(row.next_attempt_at, new Date(t.clock.now().getTime() + 60_000).toISOString());
    // Not tried again before its time.
    assert.deepEqual(await runSpeechJobs(broken), []);
    t.clock.advance(61_000);
    assert.deepEqual(await runSpeechJobs(broken), ['failed']);
    row = await t.db.selectFrom('article_speech').selectAll().where('article_id', '=', a.id).executeTakeFirstOrThrow();
    assert.equal(Number(row.attempts), 2);
    assert.equal(row.next_attempt_at, new Date(t.clock.now().getTime() + 4 * 60_000).toISOString(), 'the second wait is four times longer');
    assert.doesNotMatch((await get(`/bai-viet/${a.slug}`)).body, /<audio/, 'a failure shows no player and no error');
    // Once the program is there again, the next try succeeds.
    t.clock.advance(4 * 60_000 + 1000);
    assert.deepEqual(await runSpeechJobs(ctx), ['ready']);
    assert.match((await get(`/bai-viet/${a.slug}`)).body, /<audio/);
  });

  test('the worker started with the server picks up a publication within seconds, after publication returned', async () => {
    const stop = startSpeechJobs(ctx, 60_000);
    try {
      assert.equal((await t.app.inject({ url: '/healthz', headers: { host: b.host } })).json().speech, 'on');
      await new Promise((r) => setTimeout(r, 300));
      const a = await publishArticle(b, { title: 'Hội nghị tổng kết năm 2026 của xã', bodyHtml: BODY, tags: [] });
      const published = Date.now();
      assert.doesNotMatch((await get(`/bai-viet/${a.slug}`)).body, /<audio/, 'publication returned before any speech');
      let html = '';
      while (Date.now() - published < 20_000) {
        html = (await get(`/bai-viet/${a.slug}`)).body;
        if (/<audio/.test(html)) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      assert.match(html, /<audio/, 'the player appears once the worker spoke the article');
    } finally {
      stop();
    }
  });

  test('a stopping server ends the run after the article in hand: the others wait for the next node, none counted as failed', async () => {
    // Speak what earlier tests left, so the run below sees only these three.
    await runSpeechJobs(ctx);
    const slow = path.join(dir, 'espeak-cham');
    // Counts real runs only (not the check that the program is there, `--version`).
    writeFileSync(slow, `#!/bin/sh\n[ "$1" = --version ] && exec espeak-ng --version\necho run >> '${counter}'\nsleep 0.6\nexec espeak-ng "$@"\n`);
    chmodSync(slow, 0o755);
    const ids: number[] = [];
    for (const title of ['Lịch trực ban ngày lễ', 'Thông báo nghỉ Tết', 'Kế hoạch diễn tập phòng cháy']) ids.push((await publishArticle(b, { title, bodyHtml: BODY, tags: [] })).id);
    const runs = espeakRuns();
    const stop = startSpeechJobs({ ...ctx, tools: { ...ctx.tools, espeak: slow } }, 60_000);
    const started = Date.now();
    while (espeakRuns() === runs && Date.now() - started < 20_000) await new Promise((r) => setTimeout(r, 20));
    assert.equal(espeakRuns(), runs + 1, 'the worker began speaking');
    stop();
    // Time for the two others had the run gone on (0.6 s and more each).
    await new Promise((r) => setTimeout(r, 2500));
    assert.equal(espeakRuns(), runs + 1, 'no article was begun after the stop');
    const rows = await t.db.selectFrom('article_speech').select(['article_id', 'status', 'attempts', 'lease_until']).where('article_id', 'in', ids).execute();
    assert.deepEqual(rows.map((r) => r.status).sort(), ['pending', 'pending', 'ready']);
    for (const row of rows.filter((r) => r.status === 'pending')) assert.equal(Number(row.attempts), 0);
  });

  test('speech cut short by a stop (the programs are stopped with the server) is given back, not counted as a failure', async () => {
    await runSpeechJobs(ctx);
    const stopping = path.join(dir, 'stopping');
    // The server's stop reaches espeak-ng too: it dies mid-article.
    const killed = path.join(dir, 'espeak-bi-dung');
    writeFileSync(killed, `#!/bin/sh\ntouch '${stopping}'\nkill -TERM $$\n`);
    chmodSync(killed, 0o755);
    const a = await publishArticle(b, { title: 'Thông báo tạm dừng cấp nước', bodyHtml: BODY, tags: [] });
    const outcomes = await runSpeechJobs({ ...ctx, tools: { ...ctx.tools, espeak: killed } }, { keepGoing: () => !existsSync(stopping) });
    rmSync(stopping, { force: true });
    assert.deepEqual(outcomes, ['stopped']);
    const row = await t.db.selectFrom('article_speech').selectAll().where('article_id', '=', a.id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'pending');
    assert.equal(Number(row.attempts), 0);
    assert.equal(row.lease_until, null, 'the next node may take it at once');
    // The next run (another node, or this one restarted) speaks it.
    assert.deepEqual(await runSpeechJobs(ctx), ['ready']);
  });

  test('without espeak-ng the worker says so once and pages show no player', async () => {
    const a = await publishArticle(b, { title: 'Kế hoạch tiêm chủng mở rộng', bodyHtml: BODY, tags: [] });
    const said: string[] = [];
    const log = { info: (_o: unknown, msg: string) => said.push(msg), warn: () => undefined, error: () => undefined };
    const stop = startSpeechJobs({ ...ctx, log, tools: { ...ctx.tools, espeak: path.join(dir, 'khong-co-espeak') } }, 10);
    await new Promise((r) => setTimeout(r, 50));
    stop();
    assert.equal(said.length, 1);
    assert.match(said[0]!, /install espeak-ng and lame/);
    assert.equal((await t.app.inject({ url: '/healthz', headers: { host: b.host } })).json().speech, 'off: install espeak-ng and lame');
    const page = await get(`/bai-viet/${a.slug}`);
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /<audio/);
    assert.equal(await t.db.selectFrom('article_speech').select('id').where('article_id', '=', a.id).executeTakeFirst(), undefined, 'nothing queued or failed');
  });

  test('pages and short items are not read; an English article is read in English', async () => {
    const page = await publishArticle(b, { kind: 'page', title: 'Giới thiệu chung về xã', bodyHtml: BODY, tags: [] });
    const short = await publishArticle(b, { title: 'Tin ngắn', summary: 'Một dòng.', bodyHtml: '<p>Ngắn.</p>', tags: [] });
    const english = await publishArticle(b, { title: 'The commune opens a suspension bridge', summary: 'Over 300 households can now cross the stream safely in the rainy season.', bodyHtml: '<p>The bridge is 80 metres long and cost 3.2 billion dong, paid by the province and the people of Ban Moi village.</p>', language: 'en', tags: [] });
    await runSpeechJobs(ctx);
    const rows = await t.db.selectFrom('article_speech').select(['article_id', 'status', 'voice', 'error']).where('article_id', 'in', [page.id, short.id, english.id]).execute();
    assert.equal(rows.find((r) => r.article_id === page.id), undefined, 'pages are not queued');
    assert.equal(rows.find((r) => r.article_id === short.id)?.status, 'skipped');
    assert.equal(rows.find((r) => r.article_id === english.id)?.voice, 'en');
    assert.doesNotMatch((await get(`/bai-viet/${short.slug}`)).body, /<audio/);
    assert.match((await get(`/bai-viet/${english.slug}`)).body, /<audio/);
  });

  test("a spoken version made ready drops only its article's page (ADR 33)", async () => {
    const done = await publishArticle(b, { title: 'Bài đã có giọng đọc', bodyHtml: BODY, tags: [] });
    await runSpeechJobs(ctx);
    const waiting = await publishArticle(b, { title: 'Bài chờ giọng đọc', bodyHtml: BODY, tags: [] });
    for (const url of ['/', `/bai-viet/${done.slug}`, `/bai-viet/${waiting.slug}`, '/rss.xml']) await get(url);
    const before = t.deps.pageCache.stats();
    assert.deepEqual(await runSpeechJobs(ctx), ['ready']);
    assert.match((await get(`/bai-viet/${waiting.slug}`)).body, /<audio/, 'the player shows at once');
    const hits = t.deps.pageCache.stats().hits;
    for (const url of ['/', `/bai-viet/${done.slug}`, '/rss.xml']) await get(url);
    assert.equal(t.deps.pageCache.stats().hits, hits + 3, 'the home page, another article and the feed stay cached');
    assert.equal(t.deps.pageCache.stats().pagesDropped - before.pagesDropped, 1, "only the article's page was dropped");
  });
});

test('the text read has pauses between blocks and no markup', () => {
  const spoken = spokenText({ kind: 'news', title: 'Tiêu đề bài viết', summary: 'Tóm tắt', bodyHtml: `<h2>Mục một</h2><p>Đoạn <strong>đậm</strong> &amp; thường</p><table><tr><td>A</td><td>B</td></tr></table>${'<p>Nội dung dài để đủ độ dài đọc.</p>'.repeat(8)}` });
  assert.ok('text' in spoken);
  assert.match(spoken.text, /^Tiêu đề bài viết\.\n\nTóm tắt\.\n\nMục một\.\n\nĐoạn đậm & thường\.\n\nA, B\./);
  assert.doesNotMatch(spoken.text, /<|>/);
  assert.deepEqual(spokenText({ kind: 'page', title: 'x', summary: '', bodyHtml: BODY }), { skip: 'kind page is not read aloud' });
});

test('byte ranges', () => {
  assert.deepEqual(parseRange('bytes=0-9', 100), { start: 0, end: 9 });
  assert.deepEqual(parseRange('bytes=90-', 100), { start: 90, end: 99 });
  assert.deepEqual(parseRange('bytes=-10', 100), { start: 90, end: 99 });
  assert.equal(parseRange('bytes=200-', 100), 'bad');
  assert.equal(parseRange(undefined, 100), null);
});
