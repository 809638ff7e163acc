// Several nodes on one PostgreSQL database (ADR 0026), with two real server
// processes (`trangtin serve`) sharing the database schema and DATA_DIR:
// (a) a take-down through node A is gone from node B's article page and section
//     list within 1 s — the version poll is set to a minute, so only NOTIFY can do it;
// (b) a scheduled publication, with both nodes running their jobs every 300 ms,
//     is published once: one workflow event, one audit row, one notification each;
// (c) an account locked by failed sign-ins through A stays locked on B;
// (d) after B's LISTEN connection is killed, a change through A still reaches B
//     within a few seconds (reconnection, then a full flush);
// (e) a site renamed shows on B within 1 s (B's site cache follows too).
// Runs only with TEST_DATABASE_URL (the nodes need PostgreSQL).
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { textOf } from './support/agent.ts';
import { buildTestApp, TestClock, testConfig, type TestApp } from './support/app.ts';
import { TEST_AUDIT_KEYS_ENV, testEngines } from './support/databases.ts';
import { articleBody, makeBoard, publishArticle, type Board, type BoardRole } from './support/editorial.ts';
import { TEST_PASSWORD } from './support/factories.ts';

const root = path.resolve(import.meta.dirname, '..');
const engine = testEngines().find((e) => e.name === 'postgres');

interface Answer {
  status: number;
  body: string;
  cookies: string[];
}

/** One HTTP request to a node, with the site's Host header. */
function request(port: number, host: string, method: string, url: string, opts: { headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: url, headers: { host, ...(opts.body ? { 'content-length': Buffer.byteLength(opts.body).toString() } : {}), ...opts.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), cookies: (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]!) }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it holds or `withinMs` passes; returns the time it took, or throws with the last failure. */
async function within(withinMs: number, check: () => Promise<void>, stepMs = 50): Promise<number> {
  const start = Date.now();
  let last: unknown;
  for (;;) {
    try {
      await check();
      return Date.now() - start;
    } catch (error) {
      last = error;
    }
    if (Date.now() - start > withinMs) throw last;
    await sleep(stepMs);
  }
}

interface Node {
  name: string;
  port: number;
  child: ChildProcess;
  output: string[];
}

describe('two server processes on one PostgreSQL database', { skip: engine ? false : 'needs PostgreSQL: set TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test)' }, () => {
  let t: TestApp;
  let b: Board;
  const nodes: Node[] = [];
  let article: { id: number; slug: string };

  const startNode = async (name: string): Promise<Node> => {
    const port = await freePort();
    const config = testConfig(t.dataDir);
    const env: Record<string, string> = {
      ...(process.env as Record<string, string>),
      DATABASE_URL: t.database.url,
      PGOPTIONS: `-c search_path=${t.database.schema}`,
      DATA_DIR: t.dataDir,
      // One process per node: this test is about nodes (workers: test/workers.test.ts).
      WORKERS: '1',
      PORT: String(port),
      HOST: '127.0.0.1',
      SESSION_SECRET: config.sessionSecret,
      AUDIT_KEYS: TEST_AUDIT_KEYS_ENV,
      LOG_LEVEL: 'warn',
      // The poll would catch a change within a minute: what arrives sooner came by NOTIFY.
      VERSION_POLL_MS: '60000',
      JOB_INTERVAL_MS: '300',
    };
    const child = spawn(process.execPath, [path.join(root, 'bin/trangtin.mjs'), 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const node: Node = { name, port, child, output: [] };
    child.stdout!.on('data', (d: Buffer) => node.output.push(d.toString()));
    child.stderr!.on('data', (d: Buffer) => node.output.push(d.toString()));
    nodes.push(node);
    await within(60_000, async () => {
      if (child.exitCode !== null) throw new Error(`node ${name} exited: ${node.output.join('')}`);
      const res = await request(port, b.host, 'GET', '/healthz');
      assert.equal(res.status, 200);
    }, 200);
    return node;
  };

  const api = (node: Node, role: BoardRole, method: string, url: string, body?: unknown) =>
    request(node.port, b.host, method, url, { headers: { authorization: `Bearer ${b.people[role].token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });

  before(async () => {
    // The in-process app writes the content; its clock runs ten minutes behind so a schedule made now is far enough ahead.
    t = await buildTestApp(engine!, { clock: new TestClock(new Date(Date.now() - 10 * 60_000)) });
    b = await makeBoard(t, 'hainut');
    article = await publishArticle(b, { title: 'Khánh thành trường mầm non xã Hai Nút' });
    await startNode('A');
    await startNode('B');
  });

  after(async () => {
    await Promise.all(
      nodes.map(
        (node) =>
          new Promise<void>((resolve) => {
            if (node.child.exitCode !== null || node.child.signalCode !== null) return resolve();
            const force = setTimeout(() => node.child.kill('SIGKILL'), 8000);
            node.child.once('exit', () => {
              clearTimeout(force);
              resolve();
            });
            node.child.kill('SIGTERM');
          }),
      ),
    );
    await t?.close();
  });

  const [A, B] = [() => nodes[0]!, () => nodes[1]!];

  test('(a) a take-down through A is gone from B’s article page and section list within 1 s', async () => {
    const articleUrl = `/bai-viet/${article.slug}`;
    const sectionUrl = '/chuyen-muc/tin-tuc-su-kien';
    // B serves both pages from its cache (read twice; the second read is a cache hit).
    for (let i = 0; i < 2; i++) {
      const page = await request(B().port, b.host, 'GET', articleUrl);
      assert.equal(page.status, 200);
      assert.match(textOf(page.body), /Khánh thành trường mầm non xã Hai Nút/);
      assert.match(textOf((await request(B().port, b.host, 'GET', sectionUrl)).body), /Khánh thành trường mầm non xã Hai Nút/);
    }
    const taken = await api(A(), 'secretariat', 'POST', `/api/v1/articles/${article.id}/actions`, { action: 'take_down', reasonCode: 'violation', note: 'Nội dung chưa được kiểm chứng.' });
    assert.equal(taken.status, 200, taken.body);
    const ms = await within(1000, async () => {
      const page = await request(B().port, b.host, 'GET', articleUrl);
      assert.ok(page.status === 404 || page.status === 410, `article answers ${page.status}`);
      assert.doesNotMatch(textOf(page.body), /Trường có 6 phòng học|Cầu dài 80 mét/);
      assert.doesNotMatch(textOf((await request(B().port, b.host, 'GET', sectionUrl)).body), /Khánh thành trường mầm non xã Hai Nút/);
    }, 25);
    assert.ok(ms <= 1000, `gone from B after ${ms} ms`);
  });

  test('(b) a scheduled publication due once is published once, with one notification per person, both nodes running their jobs', async () => {
    const created = await b.as('contributor', 'POST', '/api/v1/articles', articleBody(b, { title: 'Lịch tiếp công dân tháng 12' }));
    assert.equal(created.statusCode, 201, created.body);
    const id = created.json().id as number;
    for (const [role, action] of [['contributor', 'submit'], ['unit_head', 'approve'], ['secretariat', 'approve'], ['deputy', 'approve'], ['editor_in_chief', 'approve']] as const) {
      const res = await b.as(role, 'POST', `/api/v1/articles/${id}/actions`, { action });
      assert.equal(res.statusCode, 200, `${role} ${action}: ${res.body}`);
    }
    // Due in 1.5 s of real time (the in-process clock is ten minutes behind, so the lead time is met).
    const publishAt = new Date(Date.now() + 1500).toISOString();
    const scheduled = await b.as('publisher', 'POST', `/api/v1/articles/${id}/actions`, { action: 'schedule', publishAt });
    assert.equal(scheduled.statusCode, 200, scheduled.body);

    await within(15_000, async () => {
      const row = await t.db.selectFrom('articles').select('publication').where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(row.publication, 'published');
    }, 100);
    // Both nodes tick every 300 ms: give any second run time to happen.
    await sleep(2000);
    const events = await t.db.selectFrom('workflow_events').select('action').where('item_type', '=', 'article').where('item_id', '=', id).where('action', '=', 'run_schedule').execute();
    assert.equal(events.length, 1, 'published once');
    const audits = await t.db.selectFrom('audit_log').select('action').where('action', '=', 'article.run_schedule').where('target_id', '=', String(id)).execute();
    assert.equal(audits.length, 1, 'one audit row');
    const notices = await t.db.selectFrom('notifications').select(['user_id', 'kind']).where('item_type', '=', 'article').where('item_id', '=', id).where('title', 'like', 'Tin bài hẹn giờ%').execute();
    assert.ok(notices.length >= 1, 'the people concerned are told');
    assert.equal(new Set(notices.map((n) => n.user_id)).size, notices.length, `one notification per person: ${JSON.stringify(notices)}`);
    // Readable on both nodes.
    const slug = (await t.db.selectFrom('articles').select('slug').where('id', '=', id).executeTakeFirstOrThrow()).slug;
    for (const node of [A(), B()]) assert.match(textOf((await request(node.port, b.host, 'GET', `/bai-viet/${slug}`)).body), /Lịch tiếp công dân tháng 12/);
  });

  test('(c) an account locked by failed sign-ins through A stays locked on B', async () => {
    const signIn = async (node: Node, password: string) => {
      const form = await request(node.port, b.host, 'GET', '/admin/login');
      const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1];
      assert.ok(csrf, 'the sign-in form has its token');
      const body = new URLSearchParams({ _csrf: csrf, email: b.people.deputy.email, password, next: '/admin' }).toString();
      return request(node.port, b.host, 'POST', '/admin/login', { headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: form.cookies.join('; ') }, body });
    };
    let last: Answer | undefined;
    for (let i = 0; i < 5; i++) last = await signIn(A(), 'sai-mat-khau-2026');
    assert.equal(last!.status, 401);
    assert.match(textOf(last!.body), /Tài khoản tạm thời bị khóa/);
    // The right password on B: still locked, no session.
    const onB = await signIn(B(), TEST_PASSWORD);
    assert.equal(onB.status, 401);
    assert.match(textOf(onB.body), /Tài khoản tạm thời bị khóa/);
    assert.ok(!onB.cookies.some((c) => c.startsWith('tt_session=')), 'no session on B');
  });

  test('(d) with B’s LISTEN connection killed, a change through A still reaches B within a few seconds', async () => {
    const second = await publishArticle(b, { title: 'Thông báo lịch cắt điện thôn 3' });
    const url = `/bai-viet/${second.slug}`;
    await within(2000, async () => assert.match(textOf((await request(B().port, b.host, 'GET', url)).body), /Thông báo lịch cắt điện thôn 3/));
    await request(B().port, b.host, 'GET', url);

    // Find B's listener by its application name (it carries B's process id) and end it — again and again for
    // 1.5 s, while the take-down goes through A: the notice of its commit cannot reach B, only the flush
    // B does once it is listening again can.
    const listenerOfB = `trangtin-listen %:${B().child.pid}:%`;
    const admin = new pg.Client({ connectionString: t.database.url });
    await admin.connect();
    let killed = 0;
    try {
      const killing = (async () => {
        const until = Date.now() + 1500;
        while (Date.now() < until) {
          killed += (await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where application_name like $1`, [listenerOfB])).rowCount ?? 0;
          await sleep(5);
        }
      })();
      await sleep(300);
      const taken = await api(A(), 'secretariat', 'POST', `/api/v1/articles/${second.id}/actions`, { action: 'take_down', reasonCode: 'violation', note: 'Thông báo đã hết hiệu lực.' });
      assert.equal(taken.status, 200, taken.body);
      await killing;
    } finally {
      await admin.end();
    }
    assert.ok(killed >= 1, 'B had a listener to kill');
    const ms = await within(5000, async () => {
      const page = await request(B().port, b.host, 'GET', url);
      assert.ok(page.status === 404 || page.status === 410, `article answers ${page.status}`);
    }, 100);
    assert.ok(ms <= 5000);
    // B is listening again: the next change arrives within 1 s.
    const admin2 = new pg.Client({ connectionString: t.database.url });
    await admin2.connect();
    try {
      await within(5000, async () => {
        const { rowCount } = await admin2.query(`select 1 from pg_stat_activity where application_name like $1`, [`trangtin-listen %:${B().child.pid}:%`]);
        assert.equal(rowCount, 1);
      }, 100);
    } finally {
      await admin2.end();
    }
    const sectionUrl = '/chuyen-muc/tin-tuc-su-kien';
    const third = await publishArticle(b, { title: 'Kết quả bầu cử trưởng thôn' });
    await within(2000, async () => assert.match(textOf((await request(B().port, b.host, 'GET', sectionUrl)).body), /Kết quả bầu cử trưởng thôn/));
    const down = await api(A(), 'secretariat', 'POST', `/api/v1/articles/${third.id}/actions`, { action: 'take_down', reasonCode: 'violation', note: 'Trùng lặp.' });
    assert.equal(down.status, 200, down.body);
    await within(1000, async () => assert.doesNotMatch(textOf((await request(B().port, b.host, 'GET', sectionUrl)).body), /Kết quả bầu cử trưởng thôn/), 25);
  });

  test('(e) a change to the register of sites committed elsewhere shows on B within 1 s (its site cache and pages)', async () => {
    assert.doesNotMatch(textOf((await request(B().port, b.host, 'GET', '/')).body), /Cổng thông tin xã Hai Nút mới/);
    await request(B().port, b.host, 'GET', '/');
    await t.db.updateTable('sites').set({ name: 'Cổng thông tin xã Hai Nút mới' }).where('id', '=', b.site.id).execute();
    await within(1000, async () => assert.match(textOf((await request(B().port, b.host, 'GET', '/')).body), /Cổng thông tin xã Hai Nút mới/), 25);
  });
});
