// Fault runs (issue 17, item 8): what a node does when the machine misbehaves.
// Measured, not asserted in timed tests; the figures go to bench/FAULTS.md.
//
//   kill9       kill -9 of a node under write load: every acknowledged write is there after restart
//   pg-restart  PostgreSQL restarted mid-load: the node recovers without a restart of its own
//   full-disk   the file store's disk fills during an upload: that upload fails cleanly, nothing
//               half-written stays, and the next upload that fits works
//
// Every target is loopback; every loop is bounded by time. pg-restart starts a PostgreSQL cluster of
// its own (initdb in a temporary folder, port 55432) so it never disturbs the shared server;
// full-disk mounts a small tmpfs over the file store (root only). A scenario that cannot run here
// says why and is recorded as skipped.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statfsSync, writeFileSync, chownSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { buildClient, startServer, type RunningServer } from './server.ts';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const SITE = 'thanhchuong';
const HOST = `${SITE}.localhost`;
const WRITER = `thanhvien@${SITE}.localhost`;

interface Options {
  only: Set<string>;
  database: string | null;
  seconds: number;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { only: new Set(['kill9', 'pg-restart', 'full-disk']), database: null, seconds: 6 };
  for (const arg of argv) {
    const [name, value = ''] = arg.replace(/^--/, '').split('=');
    if (name === 'only') o.only = new Set(value.split(','));
    else if (name === 'database') o.database = value;
    else if (name === 'seconds') o.seconds = Math.min(60, Math.max(2, Number(value) || 6));
    else if (name === 'help') {
      console.log('npm run bench:faults -- [--only=kill9,pg-restart,full-disk] [--database=postgres://…] [--seconds=6]');
      process.exit(0);
    } else throw new Error(`Unknown option ${arg}`);
  }
  return o;
}

// ---- HTTP with a Host header (fetch cannot set one) ------------------------------------------------

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function request(base: string, method: string, url: string, opts: { headers?: Record<string, string>; body?: string | Buffer; timeoutMs?: number } = {}): Promise<Answer> {
  const target = new URL(url, base);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: target.hostname, port: target.port, path: target.pathname + target.search, method, headers: { host: HOST, ...opts.headers }, timeout: opts.timeoutMs ?? 10_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** A signed-in back-office session: cookies kept, the CSRF token read from each page. */
class Session {
  private cookies = new Map<string, string>();
  csrf = '';
  constructor(private readonly base: string) {}
  private keep(a: Answer): Answer {
    for (const line of [a.headers['set-cookie'] ?? []].flat()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(a.body)?.[1];
    if (token) this.csrf = token;
    return a;
  }
  private cookie(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  async get(url: string): Promise<Answer> {
    return this.keep(await request(this.base, 'GET', url, { headers: { cookie: this.cookie() } }));
  }
  async post(url: string, body: string | Buffer, contentType: string): Promise<Answer> {
    return this.keep(await request(this.base, 'POST', url, { headers: { cookie: this.cookie(), 'content-type': contentType, origin: `http://${HOST}`, 'x-csrf-token': this.csrf }, body, timeoutMs: 60_000 }));
  }
  async signIn(email: string, password: string): Promise<void> {
    await this.get('/admin/login');
    const form = new URLSearchParams({ email, password, _csrf: this.csrf }).toString();
    const answer = await this.post('/admin/login', form, 'application/x-www-form-urlencoded');
    if (answer.status !== 303 && answer.status !== 302) throw new Error(`Sign-in of ${email} answered ${answer.status}`);
  }
}

function multipart(fields: Record<string, string>, file: { name: string; type: string; data: Buffer }): { body: Buffer; type: string } {
  const boundary = `----faults${Date.now().toString(16)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.data, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

/** A PDF of about `bytes` bytes (a real header and trailer around an incompressible stream). */
function pdfOf(bytes: number): Buffer {
  const filler = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i++) filler[i] = (i * 2654435761) >>> 24;
  return Buffer.concat([Buffer.from('%PDF-1.4\n1 0 obj\n<< /Length ' + bytes + ' >>\nstream\n'), filler, Buffer.from('\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n')]);
}

// ---- the node under test ---------------------------------------------------------------------------

interface Node {
  server: RunningServer;
  dataDir: string;
  env: Record<string, string>;
}

function serverEnv(databaseUrl: string, dataDir: string): Record<string, string> {
  return { DATABASE_URL: databaseUrl, DATA_DIR: dataDir };
}

async function startNode(databaseUrl: string, dataDir: string, demo: boolean): Promise<Node> {
  const env = serverEnv(databaseUrl, dataDir);
  const server = await startServer({ root, databaseUrl, dataDir, logLevel: 'warn', serveArgs: demo ? ['--demo'] : [], env, startTimeoutS: 300 });
  return { server, dataDir, env };
}

function demoPassword(dataDir: string): string {
  return /Demo password: (\S+)/.exec(readFileSync(path.join(dataDir, 'demo-logins.txt'), 'utf8'))![1]!;
}

function cli(env: Record<string, string>, args: string[]): string {
  return execFileSync(process.execPath, [path.join(root, 'bin/trangtin.mjs'), ...args], { cwd: root, env: { ...process.env, ...env, LOG_LEVEL: 'warn' }, encoding: 'utf8', timeout: 120_000 });
}

/** Writers creating drafts through the API until told to stop; what was acknowledged (201) is kept. */
function writeLoad(base: string, token: string, writers: number) {
  const acknowledged: { id: number; title: string }[] = [];
  let failed = 0;
  let stop = false;
  let n = 0;
  const loops = Array.from({ length: writers }, async () => {
    while (!stop) {
      const title = `Bài kiểm tra sự cố số ${++n} — ${Date.now()}`;
      try {
        const a = await request(base, 'POST', '/api/v1/articles', { headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ title }), timeoutMs: 5000 });
        if (a.status === 201) acknowledged.push({ id: (JSON.parse(a.body) as { id: number }).id, title });
        else failed++;
      } catch {
        failed++;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  });
  return {
    acknowledged,
    failures: () => failed,
    async finish() {
      stop = true;
      await Promise.all(loops);
    },
  };
}

async function checkAcknowledged(base: string, token: string, acknowledged: { id: number; title: string }[]): Promise<{ missing: number; wrong: number }> {
  let missing = 0;
  let wrong = 0;
  for (const w of acknowledged) {
    const a = await request(base, 'GET', `/api/v1/articles/${w.id}`, { headers: { authorization: `Bearer ${token}` } });
    if (a.status !== 200) missing++;
    else if ((JSON.parse(a.body) as { title: string }).title !== w.title) wrong++;
  }
  return { missing, wrong };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---- scenarios ------------------------------------------------------------------------------------

type Result = { scenario: string; engine: string; outcome: 'pass' | 'FAIL' | 'skipped'; figures: Record<string, string | number> };

async function kill9(o: Options, engine: 'sqlite' | 'postgres', databaseUrl: string | null): Promise<Result> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'trangtin-kill9-'));
  const url = databaseUrl ?? path.join(dataDir, 'trangtin.db');
  let node = await startNode(url, dataDir, true);
  try {
    const token = cli(node.env, ['token', 'create', '--site', SITE, '--user', WRITER, '--name', 'faults']).trim();
    const load = writeLoad(node.server.base, token, 8);
    await sleep(o.seconds * 1000);
    const before = load.acknowledged.length;
    process.kill(node.server.pid, 'SIGKILL');
    await node.server.exited;
    await load.finish();
    const started = Date.now();
    node = await startNode(url, dataDir, false);
    const restartMs = Date.now() - started;
    const { missing, wrong } = await checkAcknowledged(node.server.base, token, load.acknowledged);
    const audit = spawnSync(process.execPath, [path.join(root, 'bin/trangtin.mjs'), 'audit', 'verify'], { cwd: root, env: { ...process.env, ...node.env }, encoding: 'utf8', timeout: 120_000 });
    const ok = missing === 0 && wrong === 0 && audit.status === 0;
    return {
      scenario: 'kill -9 under write load',
      engine,
      outcome: ok ? 'pass' : 'FAIL',
      figures: { 'writes acknowledged before the kill': before, 'acknowledged in all': load.acknowledged.length, 'requests cut off': load.failures(), 'acknowledged writes missing after restart': missing, 'acknowledged writes changed': wrong, 'restart to healthy (ms)': restartMs, 'audit chain after restart': audit.status === 0 ? 'verified' : `broken: ${(audit.stdout + audit.stderr).trim().slice(0, 200)}` },
    };
  } finally {
    await node.server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The given PostgreSQL database, confined to a schema of the fault runs, emptied first. */
async function freshSchema(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('drop schema if exists trangtin_faults cascade');
    await client.query('create schema trangtin_faults');
  } finally {
    await client.end();
  }
  const u = new URL(url);
  u.searchParams.set('options', '-c search_path=trangtin_faults');
  return u.toString();
}

function pgBin(name: string): string | null {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  for (const v of readdirSync(base).sort().reverse()) if (existsSync(path.join(base, v, 'bin', name))) return path.join(base, v, 'bin', name);
  return null;
}

async function pgRestart(o: Options): Promise<Result> {
  const scenario = 'PostgreSQL restarted mid-load';
  const initdb = pgBin('initdb');
  const pgctl = pgBin('pg_ctl');
  if (!initdb || !pgctl) return { scenario, engine: 'postgres', outcome: 'skipped', figures: { why: 'no PostgreSQL server binaries (initdb, pg_ctl) here' } };
  if (process.getuid?.() !== 0) return { scenario, engine: 'postgres', outcome: 'skipped', figures: { why: 'runs the private cluster as the postgres user: needs root' } };
  const clusterDir = mkdtempSync(path.join(os.tmpdir(), 'trangtin-pgfault-'));
  const pgData = path.join(clusterDir, 'data');
  mkdirSync(pgData);
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  chownSync(clusterDir, uid, gid);
  chownSync(pgData, uid, gid);
  const asPostgres = (args: string[]) => execFileSync('runuser', ['-u', 'postgres', '--', ...args], { encoding: 'utf8', timeout: 120_000 });
  const port = 55432;
  asPostgres([initdb, '-D', pgData, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const pgOpts = `-p ${port} -k ${clusterDir} -c listen_addresses=127.0.0.1 -c fsync=on`;
  asPostgres([pgctl, '-D', pgData, '-o', pgOpts, '-l', path.join(clusterDir, 'pg.log'), '-w', 'start']);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'trangtin-pgnode-'));
  let node: Node | null = null;
  try {
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    node = await startNode(url, dataDir, true);
    const token = cli(node.env, ['token', 'create', '--site', SITE, '--user', WRITER, '--name', 'faults']).trim();
    // Writers and readers; the reads go to the database (the API is never cached).
    const load = writeLoad(node.server.base, token, 4);
    let readsOk = 0;
    let readsFailed = 0;
    let stopReads = false;
    const readers = Array.from({ length: 4 }, async () => {
      while (!stopReads) {
        try {
          const a = await request(node!.server.base, 'GET', '/api/v1/articles?perPage=5', { headers: { authorization: `Bearer ${token}` }, timeoutMs: 5000 });
          if (a.status === 200) readsOk++;
          else readsFailed++;
        } catch {
          readsFailed++;
        }
        await sleep(20);
      }
    });
    await sleep(o.seconds * 500);
    const ackBefore = load.acknowledged.length;
    const restartAt = Date.now();
    asPostgres([pgctl, '-D', pgData, '-o', pgOpts, '-l', path.join(clusterDir, 'pg.log'), '-m', 'fast', '-w', 'restart']);
    const upAt = Date.now();
    // The first write acknowledged after PostgreSQL is back, by the same process.
    let recoveredAt: number | null = null;
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (load.acknowledged.length > ackBefore && recoveredAt === null) {
        const n = load.acknowledged.length;
        await sleep(200);
        if (load.acknowledged.length > n) recoveredAt = Date.now();
      }
      if (recoveredAt !== null) break;
      await sleep(50);
    }
    // The node's LISTEN connection (cache invalidation across nodes) must come back by itself too.
    let listenerBackAt: number | null = null;
    const watcher = new pg.Client({ connectionString: url });
    await watcher.connect();
    try {
      const until = Date.now() + 60_000;
      while (Date.now() < until) {
        const { rows } = await watcher.query("select count(*)::int as n from pg_stat_activity where application_name like 'trangtin-listen%'");
        if ((rows[0] as { n: number }).n > 0) {
          listenerBackAt = Date.now();
          break;
        }
        await sleep(100);
      }
    } finally {
      await watcher.end();
    }
    await sleep(o.seconds * 500);
    stopReads = true;
    await Promise.all(readers);
    await load.finish();
    const healthy = (await request(node.server.base, 'GET', '/healthz')).status === 200;
    const { missing, wrong } = await checkAcknowledged(node.server.base, token, load.acknowledged);
    let alive = true;
    try {
      process.kill(node.server.pid, 0);
    } catch {
      alive = false;
    }
    const ok = alive && healthy && recoveredAt !== null && listenerBackAt !== null && missing === 0 && wrong === 0;
    return {
      scenario,
      engine: 'postgres',
      outcome: ok ? 'pass' : 'FAIL',
      figures: {
        'PostgreSQL down (restart, ms)': upAt - restartAt,
        'writes flowing again after PostgreSQL was back (ms)': recoveredAt === null ? 'never (30 s)' : recoveredAt - upAt,
        'LISTEN connection back after PostgreSQL was (ms)': listenerBackAt === null ? 'never (60 s)' : Math.max(0, listenerBackAt - upAt),
        'node restarted': alive ? 'no (same process)' : 'it died',
        '/healthz after': healthy ? 200 : 'failing',
        'writes acknowledged': load.acknowledged.length,
        'write requests failed (during the restart)': load.failures(),
        'reads ok / failed': `${readsOk} / ${readsFailed}`,
        'acknowledged writes missing': missing + wrong,
      },
    };
  } catch (error) {
    // What the node said before it stopped answering is kept for whoever reads the report.
    if (node) copyFileSync(node.server.logFile, path.join(os.tmpdir(), 'trangtin-faults-server.log'));
    throw new Error(`${(error as Error).message} (the node's log: ${path.join(os.tmpdir(), 'trangtin-faults-server.log')})`);
  } finally {
    await node?.server.stop();
    try {
      asPostgres([pgctl, '-D', pgData, '-m', 'immediate', 'stop']);
    } catch {
      // already stopped
    }
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(clusterDir, { recursive: true, force: true });
  }
}

function usedBytes(dir: string): number {
  const s = statfsSync(dir);
  return (s.blocks - s.bfree) * s.bsize;
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

async function fullDisk(): Promise<Result> {
  const scenario = 'full disk during an upload';
  if (process.getuid?.() !== 0) return { scenario, engine: 'sqlite', outcome: 'skipped', figures: { why: 'mounts a small tmpfs over the file store: needs root' } };
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'trangtin-disk-'));
  const url = path.join(dataDir, 'trangtin.db');
  const filesDir = path.join(dataDir, 'files');
  let node = await startNode(url, dataDir, true);
  let mounted = false;
  try {
    await node.server.stop();
    // The demo's files move onto a tmpfs with 1 MiB to spare.
    const saved = path.join(dataDir, 'files-demo');
    renameSync(filesDir, saved);
    mkdirSync(filesDir);
    const demoBytes = Number(execFileSync('du', ['-sb', saved], { encoding: 'utf8' }).split('\t')[0]);
    const size = Math.ceil((demoBytes + 1024 * 1024) / 4096) * 4096 + 64 * 1024;
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', filesDir]);
    mounted = true;
    execFileSync('cp', ['-a', `${saved}/.`, filesDir]);
    node = await startNode(url, dataDir, false);
    const session = new Session(node.server.base);
    await session.signIn(WRITER, demoPassword(dataDir));
    await session.get('/admin/media');
    await sleep(2000); // the library page writes pictures' derived sizes in the background
    const mediaBefore = (await session.get('/admin/media')).body.match(/href="\/admin\/media\/\d+"/g)?.length ?? 0;
    const filesBefore = listFiles(filesDir);
    const usedBefore = usedBytes(filesDir);
    const bigPdf = pdfOf(3 * 1024 * 1024);
    const big = multipart({ _csrf: session.csrf, purpose: 'attachment', alt: '', caption: 'Tệp quá lớn cho đĩa còn lại' }, { name: 'bao-cao-lon.pdf', type: 'application/pdf', data: bigPdf });
    const refused = await session.post('/admin/media', big.body, big.type);
    await sleep(2000); // the refusal page lists the library too: let its background writes finish
    const filesAfter = listFiles(filesDir);
    // Pictures' derived sizes may be written meanwhile; what matters is a temporary file or the upload itself.
    const bigId = createHash('sha256').update(bigPdf).digest('hex');
    const leftovers = filesAfter.filter((f) => !filesBefore.includes(f) && (f.startsWith('.tmp') || f.endsWith(bigId)));
    const usedAfter = usedBytes(filesDir);
    const mediaAfter = (await session.get('/admin/media')).body.match(/href="\/admin\/media\/\d+"/g)?.length ?? 0;
    const message = /<div[^>]*role="alert"[^>]*>([\s\S]*?)<\/div>/.exec(refused.body)?.[1]?.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim() ?? '';
    const stackShown = /at \w+ \(|node:internal|ENOSPC/.test(refused.body);
    await session.get('/admin/media');
    const small = multipart({ _csrf: session.csrf, purpose: 'attachment', alt: '', caption: 'Tệp nhỏ sau sự cố' }, { name: 'bao-cao-nho.pdf', type: 'application/pdf', data: pdfOf(100 * 1024) });
    const accepted = await session.post('/admin/media', small.body, small.type);
    const healthy = (await request(node.server.base, 'GET', '/healthz')).status === 200;
    const ok = refused.status >= 400 && refused.status < 500 && leftovers.length === 0 && mediaAfter === mediaBefore && !stackShown && accepted.status < 400 && healthy;
    return {
      scenario,
      engine: 'sqlite',
      outcome: ok ? 'pass' : 'FAIL',
      figures: {
        'tmpfs size (bytes)': size,
        'upload of 3 MiB answered': refused.status,
        'message shown': message || '(none found)',
        'stack trace or error code shown': stackShown ? 'yes' : 'no',
        'files left behind': leftovers.length === 0 ? 'none' : leftovers.join(', '),
        'disk used before / after (bytes; pictures\' derived sizes are written meanwhile)': `${usedBefore} / ${usedAfter}`,
        'library items before / after': `${mediaBefore} / ${mediaAfter}`,
        'next upload of 100 KiB answered': accepted.status,
        '/healthz after': healthy ? 200 : 'failing',
      },
    };
  } finally {
    await node.server.stop();
    if (mounted) execFileSync('umount', [filesDir]);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function report(results: Result[], o: Options): string {
  const lines = [
    '# Fault runs',
    '',
    `\`npm run bench:faults\` (bench/faults.ts), ${new Date().toISOString()} on ${os.cpus().length} cores, Node ${process.version}; ${o.seconds} s of load per phase. Overwritten by every run.`,
    '',
  ];
  for (const r of results) {
    lines.push(`## ${r.scenario} (${r.engine}): ${r.outcome}`, '', '| | |', '|---|---|');
    for (const [k, v] of Object.entries(r.figures)) lines.push(`| ${k} | ${String(v).replace(/\|/g, '\\|')} |`);
    lines.push('');
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  buildClient(root);
  const results: Result[] = [];
  const run = async (name: string, fn: () => Promise<Result>) => {
    if (!o.only.has(name)) return;
    console.log(`▶ ${name}`);
    const r = await fn().catch((error: Error): Result => ({ scenario: name, engine: '-', outcome: 'FAIL', figures: { error: error.message.slice(0, 500) } }));
    console.log(`  ${r.outcome}`, r.figures);
    results.push(r);
  };
  await run('kill9', () => kill9(o, 'sqlite', null));
  if (o.database) await run('kill9', async () => kill9(o, 'postgres', await freshSchema(o.database!)));
  await run('pg-restart', () => pgRestart(o));
  await run('full-disk', () => fullDisk());
  writeFileSync(path.join(root, 'bench/FAULTS.md'), report(results, o));
  console.log('Written to bench/FAULTS.md');
  if (results.some((r) => r.outcome === 'FAIL')) process.exitCode = 1;
}

void main();
