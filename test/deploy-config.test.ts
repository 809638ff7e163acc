// The shipped deployment (deploy/): nginx accepts its configuration (`nginx -t`
// with a self-signed certificate and temporary paths: no root, no port), it
// says what the README promises (TLS 1.2+, HTTP/2, IPv6, the proxy headers, the
// upload limit, no ballot in the access log, /metrics refused), and systemd
// accepts the unit. Under CI=1 a missing nginx is a failure, not a skip.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { UPLOAD_LIMITS } from '../src/platform/uploads/formats.ts';

const root = path.resolve(import.meta.dirname, '..');
const nginxConf = readFileSync(path.join(root, 'deploy/nginx/trangtin.conf'), 'utf8');
const unitFile = path.join(root, 'deploy/systemd/trangtin@.service');
const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p)) ?? null;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'trangtin-deploy-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** The directives of the shipped file without comments. */
const directives = nginxConf.replace(/#.*$/gm, '');

test('nginx -t accepts the shipped configuration', { skip: !NGINX && process.env.CI !== '1' ? 'nginx is not installed (apt-get install nginx-light); required under CI=1' : false }, () => {
  assert.ok(NGINX, 'nginx is required under CI=1: .ci/run installs nginx-light');
  const key = path.join(tmp, 'privkey.pem');
  const cert = path.join(tmp, 'fullchain.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=trangtin.test'], { stdio: 'ignore' });
  for (const dir of ['logs', 'cache', 'acme']) mkdirSync(path.join(tmp, dir), { recursive: true });
  const site = nginxConf
    .replaceAll('/etc/trangtin/tls/fullchain.pem', cert)
    .replaceAll('/etc/trangtin/tls/privkey.pem', key)
    .replaceAll('/var/log/nginx/', `${tmp}/logs/`)
    .replaceAll('/var/cache/nginx/trangtin', `${tmp}/cache`)
    .replaceAll('/var/www/letsencrypt', `${tmp}/acme`);
  assert.notEqual(site, nginxConf, 'the shipped paths were found and replaced');
  writeFileSync(path.join(tmp, 'trangtin.conf'), site);
  const temp = (name: string) => `${tmp}/${name}`;
  writeFileSync(
    path.join(tmp, 'nginx.conf'),
    `pid ${temp('nginx.pid')};\nerror_log ${temp('logs/error.log')};\nevents {}\nhttp {\n  client_body_temp_path ${temp('body')};\n  proxy_temp_path ${temp('proxy')};\n  fastcgi_temp_path ${temp('fastcgi')};\n  uwsgi_temp_path ${temp('uwsgi')};\n  scgi_temp_path ${temp('scgi')};\n  access_log ${temp('logs/access.log')};\n  include ${temp('trangtin.conf')};\n}\n`,
  );
  const run = spawnSync(NGINX!, ['-t', '-p', `${tmp}/`, '-e', temp('logs/error.log'), '-c', temp('nginx.conf')], { encoding: 'utf8' });
  assert.equal(run.status, 0, `nginx -t failed:\n${run.stderr}`);
  assert.match(run.stderr, /syntax is ok/);
  assert.match(run.stderr, /test is successful/);
});

test('the configuration says what the README promises', () => {
  assert.match(directives, /ssl_protocols\s+TLSv1\.2 TLSv1\.3;/);
  assert.doesNotMatch(directives, /TLSv1(\.1)?[ ;]/);
  assert.match(directives, /listen 443 ssl http2;/);
  assert.match(directives, /listen \[::\]:443 ssl http2;/);
  assert.match(directives, /proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;/);
  assert.match(directives, /proxy_set_header X-Forwarded-Proto \$scheme;/);
  assert.match(directives, /proxy_set_header Host \$host;/);
  const body = /client_max_body_size (\d+)m;/.exec(directives);
  assert.ok(body && Number(body[1]) * 1024 * 1024 >= UPLOAD_LIMITS.video, 'room for the largest upload (a video)');
  // No request body and no query string in the access log; a ballot's POST not at all (ADR 0022).
  assert.doesNotMatch(directives, /\$request_body|\$request\b|\$args|\$query_string/);
  assert.match(directives, /"~\^POST:\/binh-chon\/" 0;/);
  assert.match(directives, /access_log \S+ trangtin if=\$trangtin_loggable;/);
  assert.match(directives, /location = \/metrics \{\s*return 404;/);
});

test('systemd accepts the unit', { skip: spawnSync('systemd-analyze', ['--version']).status === 0 ? false : 'systemd-analyze is not installed' }, () => {
  const unit = path.join(tmp, 'trangtin@3001.service');
  copyFileSync(unitFile, unit);
  const run = spawnSync('systemd-analyze', ['verify', unit], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.doesNotMatch(run.stderr, /Unknown (key|section)|Failed to parse/i);
  const text = readFileSync(unitFile, 'utf8');
  for (const line of ['NoNewPrivileges=yes', 'ProtectSystem=strict', 'ReadWritePaths=/var/lib/trangtin', 'PrivateTmp=yes', 'EnvironmentFile=/etc/trangtin/trangtin.env', 'Environment=NODE_ENV=production PORT=%i']) {
    assert.ok(text.includes(line), line);
  }
});
