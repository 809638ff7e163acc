// The yardstick of goal 2: nginx from Debian serving the cached page's exact
// bytes (the compressed body the server sent for the same Accept-Encoding,
// with the same Content-Encoding) as a static file, on loopback and a free
// port, with its own temporary prefix and configuration; stopped afterwards.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './server.ts';

export const NGINX = '/usr/sbin/nginx';

export interface SavedPage {
  path: string;
  status: number;
  contentEncoding: string | null;
  contentType: string;
  body: Buffer;
}

/** GET with the browser's Accept-Encoding, the body kept as sent (not decompressed). */
export function rawGet(base: string, pathname: string, host?: string): Promise<SavedPage & { ms: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.get(`${base}${pathname}`, { headers: { 'accept-encoding': 'gzip, deflate, br', accept: 'text/html', 'user-agent': 'trangtin-bench (check)', ...(host ? { host } : {}) }, timeout: 30_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ path: pathname, status: res.statusCode ?? 0, contentEncoding: (res.headers['content-encoding'] as string | undefined) ?? null, contentType: String(res.headers['content-type'] ?? 'text/html; charset=utf-8'), body: Buffer.concat(chunks), ms: performance.now() - started }),
      );
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${pathname} timed out`)));
    req.on('error', reject);
  });
}

export interface RunningNginx {
  pid: number;
  base: string;
  path: string;
  stop(): Promise<void>;
}

export async function startNginx(page: SavedPage): Promise<RunningNginx> {
  if (!existsSync(NGINX)) throw new Error(`${NGINX} is not installed`);
  const prefix = mkdtempSync(path.join(os.tmpdir(), 'trangtin-bench-nginx-'));
  // Workers may run as nobody (nginx started as root): the page must be readable by them.
  chmodSync(prefix, 0o755);
  mkdirSync(path.join(prefix, 'www'), { mode: 0o755 });
  mkdirSync(path.join(prefix, 'tmp'));
  writeFileSync(path.join(prefix, 'www', 'page.bin'), page.body, { mode: 0o644 });
  const port = await freePort();
  const t = (name: string) => path.join(prefix, 'tmp', name);
  const encoding = page.contentEncoding ? `add_header Content-Encoding ${page.contentEncoding};` : '';
  writeFileSync(
    path.join(prefix, 'nginx.conf'),
    `daemon off;
worker_processes auto;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_body_temp_path ${t('body')};
  proxy_temp_path ${t('proxy')};
  fastcgi_temp_path ${t('fastcgi')};
  uwsgi_temp_path ${t('uwsgi')};
  scgi_temp_path ${t('scgi')};
  server {
    listen 127.0.0.1:${port};
    root ${prefix}/www;
    location = /page {
      types { }
      default_type "${page.contentType.replace(/"/g, '')}";
      ${encoding}
      add_header Vary Accept-Encoding;
      try_files /page.bin =404;
    }
  }
}
`,
  );
  const child: ChildProcess = spawn(NGINX, ['-p', prefix, '-c', path.join(prefix, 'nginx.conf'), '-e', path.join(prefix, 'error.log')], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      const r = await rawGet(base, '/page');
      if (r.status === 200 && r.body.equals(page.body)) break;
      throw new Error(`nginx answered ${r.status} with ${r.body.length} bytes`);
    } catch (error) {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`nginx did not serve the saved page: ${(error as Error).message}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    pid: child.pid!,
    base,
    path: '/page',
    async stop() {
      child.kill('SIGQUIT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}
