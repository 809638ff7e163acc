// The `trangtin` command as the IT centre runs it, against a real database.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { forEachEngine, type TestDatabase } from './support/databases.ts';

const root = path.resolve(import.meta.dirname, '..');

forEachEngine('trangtin CLI', (engine) => {
  let database: TestDatabase;
  let dataDir: string;

  const run = (...args: string[]) => {
    const env: Record<string, string> = { ...(process.env as Record<string, string>), DATABASE_URL: database.url, DATA_DIR: dataDir, LOG_LEVEL: 'silent', WORKERS: '1' };
    if (database.schema) env.PGOPTIONS = `-c search_path=${database.schema}`;
    const result = spawnSync(process.execPath, [path.join(root, 'bin/trangtin.mjs'), ...args], { env, encoding: 'utf8' });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };

  before(async () => {
    database = await engine.open({ migrate: false });
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'trangtin-cli-'));
  });
  after(async () => database.destroy());

  test('migrate, create a site, list it', () => {
    assert.match(run('migrate').stdout, /Applied: 0001_foundation/);
    assert.match(run('migrate', '--status').stdout, /pending: \(none\)/);
    const created = run('site', 'create', '--key', 'bato', '--name', 'Trang thông tin điện tử xã Ba Tơ', '--agency', 'Ủy ban nhân dân xã Ba Tơ', '--level', 'commune', '--host', 'bato.quangngai.gov.vn', '--default');
    assert.equal(created.status, 0, created.stderr);
    assert.match(run('site', 'list').stdout, /bato\tcommune\tactive\tdefault\tbato\.quangngai\.gov\.vn\tTrang thông tin điện tử xã Ba Tơ/);
    const dup = run('site', 'create', '--key', 'bato', '--name', 'x', '--agency', 'y', '--level', 'commune', '--host', 'bato.quangngai.gov.vn');
    assert.equal(dup.status, 1);
    assert.match(dup.stderr, /Site key "bato" is already used/);
    assert.match(dup.stderr, /Mã trang "bato" đã được dùng/);
  });

  test('create a user with roles; a generated password is printed once; bad roles are refused', () => {
    const res = run('user', 'create', '--site', 'bato', '--email', 'truongban@bato.gov.vn', '--name', 'Phạm Văn Tâm', '--role', 'editor_in_chief,site_admin');
    assert.equal(res.status, 0, res.stderr);
    assert.match(res.stdout, /Created user #\d+ truongban@bato\.gov\.vn on bato as editor_in_chief, site_admin/);
    assert.match(res.stdout, /Password \(shown once\): \S{10,}/);
    const bad = run('user', 'create', '--site', 'bato', '--email', 'x@bato.gov.vn', '--name', 'X', '--role', 'king');
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /Unknown role\(s\): king/);
    const weak = run('user', 'passwd', '--email', 'truongban@bato.gov.vn', '--password', '123');
    assert.equal(weak.status, 1);
    assert.match(weak.stderr, /ít nhất 10 ký tự/);
    assert.equal(run('user', 'passwd', '--email', 'truongban@bato.gov.vn', '--password', 'Núi-Ấn-sông-Trà-2026').status, 0);
  });

  test('token create prints only the token; audit verify passes', () => {
    const res = run('token', 'create', '--site', 'bato.quangngai.gov.vn', '--user', 'truongban@bato.gov.vn', '--name', 'iOffice', '--scope', 'read');
    assert.equal(res.status, 0, res.stderr);
    assert.match(res.stdout, /^tt_[A-Za-z0-9_-]{43}\n$/);
    const verify = run('audit', 'verify');
    assert.equal(verify.status, 0, verify.stdout);
    assert.match(verify.stdout, /OK, \d+ rows/);
  });

  test('audit: heads anchored on demand; a rotated key signs the next rows and the log still verifies', async () => {
    const anchored = run('audit', 'anchor');
    assert.equal(anchored.status, 0, anchored.stderr);
    assert.match(anchored.stdout, /1 head\(s\) anchored in .*audit-anchors\.log/);
    const rotated = run('audit', 'rotate-key');
    assert.match(rotated.stdout, /Audit key version 2 added to .*audit-keys/);
    assert.deepEqual(readFileSync(path.join(dataDir, 'audit-keys'), 'utf8').match(/^\d+(?=:)/gm), ['1', '2']);
    assert.equal(run('token', 'create', '--site', 'bato', '--user', 'truongban@bato.gov.vn').status, 0);
    const last = await database.db.selectFrom('audit_log').select(['action', 'key_version']).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    assert.deepEqual(last, { action: 'token.create', key_version: 2 });
    const verify = run('audit', 'verify');
    assert.equal(verify.status, 0, verify.stdout);
    assert.match(verify.stdout, /anchors: .*audit-anchors\.log, 1 valid/);
  });

  test('demo loads the five seed sites with their units and a login per role', () => {
    const res = run('demo', '--password', 'Demo-Kiểm-thử-2026');
    assert.equal(res.status, 0, res.stderr);
    for (const host of ['konray.localhost', 'thanhchuong.localhost', 'vpubnd-kontum.localhost', 'nhuxuan.localhost', 'sxd-kontum.localhost']) assert.match(res.stdout, new RegExp(host));
    assert.match(res.stdout, /nhuxuan\s+editor_in_chief\s+truongban@nhuxuan\.localhost/);
    assert.equal(run('demo').status, 1, 'not twice');
  });
});
