// One node, several worker processes (ADR 0036): `trangtin serve` with WORKERS=2 in a child process,
// on SQLite and (with TEST_DATABASE_URL) PostgreSQL. Every request below opens its own connection,
// and the primary hands connections to the workers in turn, so a run of requests reaches both.
// (a) both workers answer (their log lines carry their pids);
// (b) a take-down through one worker is gone from every worker's pages within 1 s — the version poll
//     is set to a minute, so only the relay through the primary (SQLite) or NOTIFY (PostgreSQL) can do it;
// (c) a scheduled publication, both workers running their jobs every 300 ms, is published once;
// (d) an account locked by failed sign-ins stays locked whichever worker answers;
// (e) each worker runs with the memory settings the primary gives it (ADR 0037), and a killed worker
//     is restarted by the primary, which no longer loads the application itself;
// (f) SIGTERM to the primary closes the port at once and stops every process.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { textOf } from './support/agent.ts';
import { buildTestApp, TestClock, testConfig, type TestApp } from './support/app.ts';
import { TEST_AUDIT_KEYS_ENV, testEngines } from './support/databases.ts';
import { articleBody, makeBoard, publishArticle, type Board, type BoardRole } from './support/editorial.ts';
import { TEST_PASSWORD } from './support/factories.ts';

const root = path.resolve(import.meta.dirname, '..');

interface Answer {
  status: number;
  body: string;
  cookies: string[];
}

/** One request on a connection of its own (no keep-alive: the next request may reach the other worker). */
function request(port: number, host: string, method: string, url: string, opts: { headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers = { host, ...(opts.body ? { 'content-length': Buffer.byteLength(opts.body).toString() } : {}), ...opts.headers };
    const req = http.request({ host: '127.0.0.1', port, method, path: url, headers, agent: false }, (res) => {
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

/** The pids that logged an answer to `url` (pino lines carry the pid). */
function answeredBy(output: string[], url: string): Set<number> {
  const pids = new Set<number>();
  for (const line of output.join('').split('\n')) {
    // A successful read is logged at debug (request-log.ts): the test runs the server at LOG_LEVEL=debug.
    if (!line.includes('"msg":"request"') || !line.includes(`"url":"${url}"`)) continue;
    const pid = /"pid":(\d+)/.exec(line)?.[1];
    if (pid) pids.add(Number(pid));
  }
  return pids;
}

for (const engine of testEngines()) {
  describe(`WORKERS=2 on ${engine.name}`, () => {
    let t: TestApp;
    let b: Board;
    let server: ChildProcess;
    let port = 0;
    const output: string[] = [];
    let article: { id: number; slug: string };

    before(async () => {
      // The in-process app writes the content; its clock runs ten minutes behind so a schedule made now is far enough ahead.
      t = await buildTestApp(engine, { clock: new TestClock(new Date(Date.now() - 10 * 60_000)) });
      b = await makeBoard(t, 'hainut');
      article = await publishArticle(b, { title: 'Khánh thành trường mầm non xã Hai Nút' });
      port = await freePort();
      const env: Record<string, string> = {
        ...(process.env as Record<string, string>),
        DATABASE_URL: t.database.url,
        ...(t.database.schema ? { PGOPTIONS: `-c search_path=${t.database.schema}` } : {}),
        DATA_DIR: t.dataDir,
        PORT: String(port),
        HOST: '127.0.0.1',
        SESSION_SECRET: testConfig(t.dataDir).sessionSecret,
        AUDIT_KEYS: TEST_AUDIT_KEYS_ENV,
        LOG_LEVEL: 'debug',
        WORKERS: '2',
        VERSION_POLL_MS: '60000',
        JOB_INTERVAL_MS: '300',
      };
      server = spawn(process.execPath, [path.join(root, 'bin/trangtin.mjs'), 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      server.stdout!.on('data', (d: Buffer) => output.push(d.toString()));
      server.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
      await within(180_000, async () => {
        if (server.exitCode !== null) throw new Error(`the server exited: ${output.join('')}`);
        assert.match(output.join(''), /trangtin is running: .*2 worker processes/);
      }, 200);
    });

    after(async () => {
      if (server && server.exitCode === null && server.signalCode === null) {
        server.kill('SIGTERM');
        await new Promise((resolve) => {
          setTimeout(resolve, 15_000).unref();
          server.once('exit', resolve);
        });
      }
      await t?.close();
    });

    const api = (role: BoardRole, method: string, url: string, body?: unknown) =>
      request(port, b.host, method, url, { headers: { authorization: `Bearer ${b.people[role].token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });

    test('(a) both workers answer', async () => {
      for (let i = 0; i < 8; i++) assert.equal((await request(port, b.host, 'GET', '/healthz?a')).status, 200);
      await within(2000, async () => assert.equal(answeredBy(output, '/healthz?a').size, 2, 'two worker processes answered'));
      assert.ok(!answeredBy(output, '/healthz?a').has(server.pid!), 'the primary itself serves nothing');
    });

    test('(b) a take-down through one worker is gone from every worker’s pages within 1 s', async () => {
      const articleUrl = `/bai-viet/${article.slug}`;
      const sectionUrl = '/chuyen-muc/tin-tuc-su-kien';
      // Both workers cache both pages (each is read several times, in turn by each worker).
      for (let i = 0; i < 6; i++) {
        const page = await request(port, b.host, 'GET', articleUrl);
        assert.equal(page.status, 200);
        assert.match(textOf(page.body), /Khánh thành trường mầm non xã Hai Nút/);
        assert.match(textOf((await request(port, b.host, 'GET', sectionUrl)).body), /Khánh thành trường mầm non xã Hai Nút/);
      }
      const taken = await api('secretariat', 'POST', `/api/v1/articles/${article.id}/actions`, { action: 'take_down', reasonCode: 'violation', note: 'Nội dung chưa được kiểm chứng.' });
      assert.equal(taken.status, 200, taken.body);
      await within(1000, async () => {
        // Four reads in a row: each worker answers at least one of the article and one of the section.
        for (let i = 0; i < 4; i++) {
          const page = await request(port, b.host, 'GET', articleUrl);
          assert.ok(page.status === 404 || page.status === 410, `article answers ${page.status}`);
          assert.doesNotMatch(textOf((await request(port, b.host, 'GET', sectionUrl)).body), /Khánh thành trường mầm non xã Hai Nút/);
        }
      }, 25);
    });

    test('(c) a scheduled publication is published once, both workers running their jobs', async () => {
      const created = await b.as('contributor', 'POST', '/api/v1/articles', articleBody(b, { title: 'Lịch tiếp công dân tháng 12' }));
      assert.equal(created.statusCode, 201, created.body);
      const id = created.json().id as number;
      for (const [role, action] of [['contributor', 'submit'], ['unit_head', 'approve'], ['secretariat', 'approve'], ['deputy', 'approve'], ['editor_in_chief', 'approve']] as const) {
        const res = await b.as(role, 'POST', `/api/v1/articles/${id}/actions`, { action });
        assert.equal(res.statusCode, 200, `${role} ${action}: ${res.body}`);
      }
      const scheduled = await b.as('publisher', 'POST', `/api/v1/articles/${id}/actions`, { action: 'schedule', publishAt: new Date(Date.now() + 1500).toISOString() });
      assert.equal(scheduled.statusCode, 200, scheduled.body);
      await within(20_000, async () => {
        const row = await t.db.selectFrom('articles').select('publication').where('id', '=', id).executeTakeFirstOrThrow();
        assert.equal(row.publication, 'published');
      }, 100);
      await sleep(2000);
      const events = await t.db.selectFrom('workflow_events').select('action').where('item_type', '=', 'article').where('item_id', '=', id).where('action', '=', 'run_schedule').execute();
      assert.equal(events.length, 1, 'published once');
      const audits = await t.db.selectFrom('audit_log').select('action').where('action', '=', 'article.run_schedule').where('target_id', '=', String(id)).execute();
      assert.equal(audits.length, 1, 'one audit row');
    });

    test('(d) an account locked by failed sign-ins stays locked whichever worker answers', async () => {
      const signIn = async (password: string) => {
        const form = await request(port, b.host, 'GET', '/admin/login');
        const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1];
        assert.ok(csrf, 'the sign-in form has its token');
        const body = new URLSearchParams({ _csrf: csrf, email: b.people.deputy.email, password, next: '/admin' }).toString();
        return request(port, b.host, 'POST', '/admin/login', { headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: form.cookies.join('; ') }, body });
      };
      let last: Answer | undefined;
      for (let i = 0; i < 5; i++) last = await signIn('sai-mat-khau-2026');
      assert.equal(last!.status, 401);
      assert.match(textOf(last!.body), /Tài khoản tạm thời bị khóa/);
      // The right password, twice (one answer from each worker): still locked, no session.
      for (let i = 0; i < 2; i++) {
        const right = await signIn(TEST_PASSWORD);
        assert.equal(right.status, 401);
        assert.match(textOf(right.body), /Tài khoản tạm thời bị khóa/);
        assert.ok(!right.cookies.some((c) => c.startsWith('tt_session=')), 'no session');
      }
    });

    test('(e) the workers run with the memory settings, and a killed worker is restarted by the primary', async () => {
      const workers = [...answeredBy(output, '/healthz?a')];
      for (const pid of workers) {
        assert.match(readFileSync(`/proc/${pid}/environ`, 'utf8'), /(^|\0)MALLOC_ARENA_MAX=2\0/);
      }
      process.kill(workers[0]!, 'SIGKILL');
      // Connections handed to the dead worker before the primary saw it go would hang: ask after that.
      await within(5000, async () => assert.match(output.join(''), new RegExp(`pid ${workers[0]}\\) died`)), 50);
      await within(15_000, async () => {
        for (let i = 0; i < 4; i++) assert.equal((await request(port, b.host, 'GET', '/healthz?e')).status, 200);
        assert.ok([...answeredBy(output, '/healthz?e')].some((pid) => !workers.includes(pid)), 'a new worker answers');
      }, 200);
    });

    test('(f) SIGTERM to the primary closes the port at once and stops every process', async () => {
      const workers = [...answeredBy(output, '/healthz?a')];
      assert.equal(workers.length, 2);
      const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
      server.kill('SIGTERM');
      // Nothing is answered after 1 s (connections refused, or reset while the last worker closes), then the port is closed.
      await within(1000, async () => {
        await assert.rejects(request(port, b.host, 'GET', '/healthz'), /ECONNREFUSED|ECONNRESET/);
      }, 25);
      await within(10_000, async () => {
        await assert.rejects(request(port, b.host, 'GET', '/healthz'), /ECONNREFUSED/);
      }, 50);
      assert.equal(await exited, 0, output.join('').slice(-2000));
      for (const pid of workers) assert.throws(() => process.kill(pid, 0), /ESRCH/, `worker ${pid} is gone`);
    });
  });
}
