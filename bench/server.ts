// The server under test: the same entry point as `npm start` (bin/trangtin.mjs
// serve, after the same client build), in a child process listening on
// 127.0.0.1 and a free port, with the benchmark's database and data folder.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export interface ServerOptions {
  root: string;
  databaseUrl: string;
  dataDir: string;
  logLevel: string;
  /** Write a CPU profile (.cpuprofile) into this folder when the server stops. */
  cpuProfDir?: string | null;
  /** Extra node options for the server only (e.g. --max-old-space-size=256), for experiments. */
  nodeFlags?: string[];
  /** Extra arguments after `serve` (e.g. --demo), and extra environment (fault runs). */
  serveArgs?: string[];
  env?: Record<string, string>;
  /** Seconds to wait for /healthz (the demo load takes a while). */
  startTimeoutS?: number;
}

export interface RunningServer {
  pid: number;
  base: string;
  /** Resolves with the exit code when the process ends (also after a kill -9). */
  exited: Promise<number | null>;
  logFile: string;
  stop(): Promise<number | null>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** `npm start` builds the client bundle first (prestart); so does the benchmark. */
export function buildClient(root: string): void {
  const result = spawnSync(process.execPath, [path.join(root, 'scripts/build-client.mjs')], { cwd: root, stdio: 'inherit', timeout: 120_000 });
  if (result.status !== 0) throw new Error('The client build (scripts/build-client.mjs) failed.');
}

function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

export async function startServer(o: ServerOptions): Promise<RunningServer> {
  const port = await freePort();
  const logFile = path.join(o.dataDir, 'server.log');
  const log = openSync(logFile, 'a');
  const args = [...(o.nodeFlags ?? []), ...(o.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${o.cpuProfDir}`] : []), path.join(o.root, 'bin/trangtin.mjs'), 'serve', ...(o.serveArgs ?? [])];
  // No spoken versions: a bulk-made data set would have the speech job turn thousands of articles into MP3
  // (espeak-ng and lame, counted as the server's CPU) throughout the run, which a real site does one publication at a time.
  // 127.0.0.1 is no site's host name: the default site answers it (UNKNOWN_HOST=default) rather than a redirect to bench.localhost.
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: o.databaseUrl, DATA_DIR: o.dataDir, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: o.logLevel, UNKNOWN_HOST: 'default', ESPEAK_NG: '/nonexistent/espeak-ng' };
  for (const name of ['BASE_URL', 'SMTP_URL', 'TRUST_PROXY', 'SESSION_SECRET', 'AUDIT_KEYS']) delete env[name];
  Object.assign(env, o.env ?? {});
  const child: ChildProcess = spawn(process.execPath, args, { cwd: o.root, env, stdio: ['ignore', log, log] });
  closeSync(log);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  const base = `http://127.0.0.1:${port}`;

  const waitS = o.startTimeoutS ?? 90;
  const deadline = Date.now() + waitS * 1000;
  for (;;) {
    if (gone) throw new Error(`The server stopped while starting. Its log (${logFile}):\n${tail(logFile)}`);
    try {
      const res = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The server did not become healthy within ${waitS} s. Its log (${logFile}):\n${tail(logFile)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }

  return {
    pid: child.pid!,
    base,
    exited,
    logFile,
    async stop() {
      if (gone) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
