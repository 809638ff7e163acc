// Backups that are proven to restore (issue 17, ADR 0028): `trangtin backup`
// runs while articles, media and files are written through the real use
// cases; the copy is restored into an empty instance and every row of every
// table and every file is compared with the source at the backup's snapshot.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import type { BackupSettings } from '../src/config.ts';
import { systemClock, vietnamDate, type Clock } from '../src/core/time.ts';
import { loadGrants } from '../src/modules/members/grants.ts';
import { blankArticle, createArticle, updateArticle } from '../src/modules/articles/save-article.ts';
import { listBackups, pruneBackups, readManifest, type Manifest } from '../src/modules/backups/backup.ts';
import { runScheduledBackup } from '../src/modules/backups/jobs.ts';
import { uploadMedia } from '../src/modules/media/media.ts';
import { openDatabase, type DatabaseHandle } from '../src/platform/db/database.ts';
import { createLocalFileStore } from '../src/platform/files/index.ts';
import type { Mail, Mailer } from '../src/platform/mail.ts';
import { Agent, textOf } from './support/agent.ts';
import { buildTestApp, type TestApp } from './support/app.ts';
import { makePng } from './support/docx.ts';
import { forEachEngine, TEST_AUDIT_KEYS_ENV, type TestDatabase } from './support/databases.ts';
import { makeSite, makeUser, systemActor } from './support/factories.ts';

const root = path.resolve(import.meta.dirname, '..');
const BIN = path.join(root, 'bin/trangtin.mjs');

interface Target {
  url: string;
  schema: string | null;
  dataDir: string;
}

function cliEnv(target: Target, extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), DATABASE_URL: target.url, DATA_DIR: target.dataDir, LOG_LEVEL: 'silent', WORKERS: '1' };
  delete env.AUDIT_KEYS;
  delete env.BACKUP_DIR;
  Object.assign(env, extra);
  if (target.schema) env.PGOPTIONS = `-c search_path=${target.schema}`;
  else delete env.PGOPTIONS;
  return env;
}

function cli(target: Target, args: string[], extra: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], { env: cliEnv(target, extra), encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function cliAsync(target: Target, args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: cliEnv(target), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');

function storeFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !path.relative(dir, e.parentPath).startsWith('.tmp'))
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

/** Every row of a table, as plain JSON, keyed by id when the table has one. */
async function rowsOf(db: DatabaseHandle, table: string): Promise<Map<string, string>> {
  const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db.db);
  const map = new Map<string, string>();
  for (const row of rows) {
    const json = JSON.stringify(row, (_k, v: unknown) => (v instanceof Date ? v.toISOString() : Buffer.isBuffer(v) ? v.toString('base64') : v));
    const key = 'id' in row ? `id:${String(row.id)}` : json;
    map.set(key, json);
  }
  return map;
}

/** A fresh, empty PostgreSQL database on the test server (the dump keeps its schema's name). */
async function freshPostgresDatabase(url: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `trangtin_restore_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  return {
    url: target.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

function capturingMailer(): Mailer & { sent: Mail[] } {
  const sent: Mail[] = [];
  return { mode: 'outbox', sent, async send(mail) { sent.push(mail); } };
}

forEachEngine('backup and restore', (engine) => {
  let source: TestDatabase;
  let sourceDir: string;
  let work: string;
  let backupDir: string;
  let manifest: Manifest;
  let restored: DatabaseHandle;
  let restoredTarget: Target;
  let dropRestored: (() => Promise<void>) | null = null;
  const titles = new Map<number, Set<string>>();
  let opsDuringBackup = 0;
  const src = (): Target => ({ url: source.url, schema: source.schema, dataDir: sourceDir });

  before(async () => {
    source = await engine.open();
    work = mkdtempSync(path.join(os.tmpdir(), 'trangtin-backup-'));
    sourceDir = path.join(work, 'source');
    mkdirSync(sourceDir);
    writeFileSync(path.join(sourceDir, 'audit-anchors.log'), '');
    writeFileSync(path.join(sourceDir, 'session-secret'), 'bí-mật-phiên-của-máy-chủ-nguồn-0123456789\n', { mode: 0o600 });
  });
  after(async () => {
    await restored?.close();
    await dropRestored?.();
    await source.destroy();
    rmSync(work, { recursive: true, force: true });
  });

  test('a backup taken under write load restores into an empty instance with every row and every file of its snapshot', async () => {
    const db = source.db;
    const files = createLocalFileStore(path.join(sourceDir, 'files'));
    const site = await makeSite(db, 'saoluu');
    const editor = await makeUser(db, site, ['editor_in_chief'], { email: 'bientap@saoluu.test' });
    const actor = { ...systemActor(site.id), userId: editor.id };
    const grants = await loadGrants(db, site, { id: editor.id, is_platform_admin: 0 }, vietnamDate(new Date()));

    let stop = false;
    let ops = 0;
    let backupRunning = false;
    let loadError: Error | null = null;
    const waitFor = async (n: number) => {
      for (let waited = 0; ops < n; waited += 20) {
        if (loadError) throw loadError;
        if (waited > 60_000) throw new Error(`the load made only ${ops} operations`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const load = (async () => {
      for (let i = 0; !stop; i++) {
        const title = `Tin số ${i} về sao lưu`;
        const created = await createArticle(db, actor, grants, { ...blankArticle(title), summary: `Tóm tắt ${i}` });
        titles.set(created.row.id, new Set([title]));
        if (i > 0 && i % 2 === 0) {
          // An earlier article edited: the restored copy must hold one of its states, whole.
          const earlier = await db.selectFrom('articles').selectAll().where('site_id', '=', site.id).orderBy('id').offset(i % 7).limit(1).executeTakeFirstOrThrow();
          const newTitle = `${earlier.title} (sửa ${i})`;
          titles.get(earlier.id)?.add(newTitle);
          await updateArticle(db, actor, grants, earlier.id, { ...blankArticle(newTitle), summary: earlier.summary ?? '' }, earlier.lock_version);
        }
        await uploadMedia(db, files, actor, { data: makePng(8 + (i % 40), 8 + Math.floor(i / 40), [i % 256, 90, 30]), originalName: `anh-${i}.png`, purpose: 'image', alt: `Ảnh số ${i}` });
        ops++;
        if (backupRunning) opsDuringBackup++;
      }
    })().catch((error: Error) => {
      loadError = error;
    });

    await waitFor(5);
    backupRunning = true;
    const backup = await cliAsync(src(), ['backup', '--to', path.join(work, 'backups')]);
    backupRunning = false;
    // The load goes on a little after the backup: those rows must not be in the copy.
    const opsAtEnd = ops;
    try {
      await waitFor(opsAtEnd + 3);
    } finally {
      stop = true;
      await load;
    }
    if (loadError) throw loadError;

    assert.equal(backup.status, 0, backup.stderr);
    assert.match(backup.stdout, /Backup complete \/ Đã sao lưu xong: /);
    assert.match(backup.stdout, /snapshot \d\d\/\d\d\/\d{4} \d\d:\d\d \(Asia\/Ho_Chi_Minh\)/);
    assert.ok(opsDuringBackup > 0, 'writes went on while the backup ran');
    const taken = (await listBackups(path.join(work, 'backups')))[0];
    assert.ok(taken, backup.stdout);
    backupDir = taken.dir;
    assert.deepEqual(readdirSync(path.join(work, 'backups')).filter((n) => n.startsWith('.partial')), [], 'no partial folder left');
    manifest = await readManifest(backupDir);
    assert.equal(manifest.engine, engine.name);
    assert.equal(manifest.schema, source.schema ?? null);
    assert.ok(manifest.database.tables.articles! > 0);
    // The session secret of DATA_DIR is in the backup, and the backup says so; the audit keys were not in DATA_DIR.
    assert.deepEqual(manifest.secrets.included, ['session-secret']);
    assert.match(backup.stdout, /secrets: included session-secret \(keep this backup as safe as the server\); not included: audit-keys \(not in DATA_DIR\)/);

    const verified = cli(src(), ['backup', 'verify', backupDir]);
    assert.equal(verified.status, 0, verified.stdout);
    assert.match(verified.stdout, /^OK: /);

    // Restore into an empty instance: a new DATA_DIR, a new SQLite file or a new PostgreSQL database.
    const dataDir = path.join(work, 'restored');
    if (engine.name === 'postgres') {
      const fresh = await freshPostgresDatabase(source.url);
      dropRestored = fresh.drop;
      restoredTarget = { url: fresh.url, schema: source.schema, dataDir };
    } else {
      restoredTarget = { url: path.join(dataDir, 'trangtin.sqlite'), schema: null, dataDir };
    }
    const restore = cli(restoredTarget, ['restore', backupDir]);
    assert.equal(restore.status, 0, restore.stderr);
    assert.match(restore.stdout, /Restored \/ Đã khôi phục: /);
    assert.equal(readFileSync(path.join(dataDir, 'session-secret'), 'utf8'), readFileSync(path.join(sourceDir, 'session-secret'), 'utf8'));
    restored = openDatabase(restoredTarget.url, restoredTarget.schema ? { schema: restoredTarget.schema } : {});

    // Every table: the snapshot's row count, and every restored row equal to the source's row.
    const tables = Object.keys(manifest.database.tables);
    assert.ok(tables.length > 40, `${tables.length} tables`);
    const moving = new Set(['articles', 'audit_heads', 'search_documents', 'site_content_versions']);
    const differences: string[] = [];
    let compared = 0;
    for (const table of tables) {
      const restoredRows = await rowsOf(restored, table);
      assert.equal(restoredRows.size, manifest.database.tables[table], `${table}: restored rows = manifest count`);
      if (moving.has(table) || /_fts/.test(table)) continue;
      const sourceRows = await rowsOf(source, table);
      for (const [key, json] of restoredRows) {
        compared++;
        if (sourceRows.get(key) !== json) differences.push(`${table} ${key}: restored ${json} / source ${sourceRows.get(key) ?? '(none)'}`);
      }
      // Rows written after the snapshot are absent entirely: every source row missing from the copy is newer than all it holds.
      const ids = (m: Map<string, string>) => [...m.keys()].filter((k) => k.startsWith('id:')).map((k) => Number(k.slice(3))).filter(Number.isFinite);
      const restoredIds = ids(restoredRows);
      const missing = ids(sourceRows).filter((id) => !restoredRows.has(`id:${id}`));
      if (restoredIds.length > 0 && missing.length > 0) assert.ok(Math.min(...missing) > Math.max(...restoredIds), `${table}: a row older than the snapshot is missing`);
    }
    assert.deepEqual(differences.slice(0, 5), []);
    assert.ok(compared > 100, `${compared} rows compared`);

    // The tables the load updates: each article is one of its states, the same as its latest revision in the copy.
    const restoredArticles = await restored.db.selectFrom('articles').select(['id', 'title']).orderBy('id').execute();
    assert.ok(restoredArticles.length >= 5);
    assert.ok(restoredArticles.length < (await source.db.selectFrom('articles').select('id').execute()).length, 'articles written after the snapshot are not in the copy');
    for (const a of restoredArticles) {
      if (titles.has(a.id)) assert.ok(titles.get(a.id)!.has(a.title), `article ${a.id}: "${a.title}" is a state it had`);
      const latest = await restored.db.selectFrom('article_revisions').select('snapshot').where('article_id', '=', a.id).orderBy('number', 'desc').limit(1).executeTakeFirstOrThrow();
      assert.equal((JSON.parse(latest.snapshot) as { title: string }).title, a.title, `article ${a.id} and its last revision agree`);
    }
    // The signed audit chain of the copy is whole (heads agree with the rows: no transaction cut in half).
    const audit = cli(restoredTarget, ['audit', 'verify'], { AUDIT_KEYS: TEST_AUDIT_KEYS_ENV });
    assert.equal(audit.status, 0, audit.stdout + audit.stderr);
    assert.match(audit.stdout, /OK, \d+ rows/);

    // Every file: the same bytes as the source, named by their sha256; every stored file a media row of the copy names is there.
    const restoredFiles = storeFiles(path.join(dataDir, 'files'));
    assert.equal(restoredFiles.length, manifest.files.count);
    for (const rel of restoredFiles) {
      const bytes = readFileSync(path.join(dataDir, 'files', rel));
      assert.equal(sha(bytes), path.basename(rel));
      assert.deepEqual(bytes, readFileSync(path.join(sourceDir, 'files', rel)));
    }
    const names = new Set(restoredFiles.map((rel) => path.basename(rel)));
    const media = await restored.db.selectFrom('media').select(['sha256', 'variants']).execute();
    assert.ok(media.length >= 5);
    for (const m of media) {
      assert.ok(names.has(m.sha256), `file ${m.sha256} of a media row is restored`);
      for (const v of JSON.parse(m.variants) as { sha256: string }[]) assert.ok(names.has(v.sha256));
    }
  });

  test('restore refuses a target that holds data, in both languages', () => {
    const again = cli(restoredTarget, ['restore', backupDir]);
    assert.equal(again.status, 1);
    assert.match(again.stderr, /restored into an empty instance only; nothing was restored/);
    assert.match(again.stderr, /already holds \d+ table\(s\)/);
    assert.match(again.stderr, /the file store .* holds \d+ file\(s\)/);
    assert.match(again.stderr, /Không khôi phục/);
  });

  test('verify names a tampered file and a truncated dump', () => {
    const tampered = path.join(work, 'tampered');
    cpSync(backupDir, tampered, { recursive: true });
    const rel = Object.keys(manifest.checksums).find((r) => r.startsWith('files/'))!;
    unlinkSync(path.join(tampered, rel));
    writeFileSync(path.join(tampered, rel), 'sửa trộm');
    const bad = cli(src(), ['backup', 'verify', tampered]);
    assert.equal(bad.status, 2);
    assert.match(bad.stdout, /BACKUP NOT GOOD/);
    assert.ok(bad.stdout.includes(`checksum mismatch: ${rel}`), bad.stdout);

    const truncated = path.join(work, 'truncated');
    cpSync(backupDir, truncated, { recursive: true });
    const dump = path.join(truncated, manifest.database.file);
    truncateSync(dump, Math.floor(readFileSync(dump).length / 2));
    const cut = cli(src(), ['backup', 'verify', truncated]);
    assert.equal(cut.status, 2);
    assert.ok(cut.stdout.includes(`checksum mismatch: ${manifest.database.file}`), cut.stdout);
    assert.match(cut.stdout, /database (copy|dump) .*(integrity|unreadable|cannot be opened)|malformed|table \S+: \d+ rows in the copy/);

    rmSync(path.join(truncated, 'manifest.json'));
    const incomplete = cli(src(), ['backup', 'verify', truncated]);
    assert.equal(incomplete.status, 2);
    assert.match(incomplete.stdout, /not a complete backup: manifest\.json is missing/);
  });

  test('the daily run: not before BACKUP_TIME, once a day across nodes, pruned after 30 days; a failure mails the installation administrators', async () => {
    const admin = await makeUser(source.db, await makeSite(source.db, 'quantri'), ['site_admin'], { email: 'quantri@tinh.test' });
    await source.db.updateTable('users').set({ is_platform_admin: 1 }).where('id', '=', admin.id).execute();
    const at = (iso: string): Clock => ({ now: () => new Date(iso) });
    const daily = path.join(work, 'daily');
    const settings: BackupSettings = { dataDir: sourceDir, databaseUrl: source.url, backupDir: daily, scheduled: true, time: '02:00', keepDays: 30, secrets: true };
    const mailer = capturingMailer();
    let taken = 0;
    const take = async (s: BackupSettings) => {
      taken++;
      const dir = path.join(s.backupDir, `trangtin-20261207-0${taken}0000`);
      cpSync(backupDir, dir, { recursive: true });
      return dir;
    };
    // 01:59 Vietnam time: not due yet.
    assert.equal((await runScheduledBackup({ db: source.db, mailer, settings, take, clock: at('2026-12-06T18:59:00Z') })).kind, 'not-due');
    const first = await runScheduledBackup({ db: source.db, mailer, settings, take, clock: at('2026-12-06T19:05:00Z') });
    assert.equal(first.kind, 'done');
    // Another node (or the next check) the same Vietnam day: already claimed.
    assert.equal((await runScheduledBackup({ db: source.db, mailer, settings, take, clock: at('2026-12-07T09:00:00Z') })).kind, 'claimed-elsewhere');
    assert.equal(taken, 1);

    // Pruning: complete backups of ours older than 30 days go; the newest, young ones, and folders not ours stay.
    const prune = path.join(work, 'prune');
    const make = (name: string, snapshotAt: string, withManifest = true) => {
      mkdirSync(path.join(prune, name), { recursive: true });
      if (withManifest) writeFileSync(path.join(prune, name, 'manifest.json'), JSON.stringify({ ...manifest, snapshotAt }));
    };
    make('trangtin-20261001-020000', '2026-09-30T19:00:00Z');
    make('trangtin-20261106-020000', '2026-11-05T19:00:00Z');
    make('trangtin-20261108-020000', '2026-11-07T19:00:00Z');
    make('trangtin-20261207-020000', '2026-12-06T19:00:00Z');
    make('trangtin-20260901-020000', '2026-08-31T19:00:00Z', false);
    make('ho-so-luu-tru', '2020-01-01T00:00:00Z');
    const removed = await pruneBackups(prune, 30, at('2026-12-07T03:00:00Z'));
    assert.deepEqual(removed.sort(), ['trangtin-20261001-020000', 'trangtin-20261106-020000']);
    assert.deepEqual(readdirSync(prune).sort(), ['ho-so-luu-tru', 'trangtin-20260901-020000', 'trangtin-20261108-020000', 'trangtin-20261207-020000']);

    // A real failure (the database is not there): logged, recorded for /admin/backups, mailed to every installation administrator.
    const errors: string[] = [];
    const broken: BackupSettings = { ...settings, databaseUrl: engine.name === 'sqlite' ? path.join(work, 'khong-co.sqlite') : source.url.replace(/\/[^/]*$/, '/khong_co_csdl') };
    const failed = await runScheduledBackup({ db: source.db, mailer, settings: broken, clock: at('2026-12-08T19:30:00Z'), log: { error: (_o, msg) => errors.push(msg), info: () => {} } });
    assert.equal(failed.kind, 'failed');
    assert.deepEqual(errors, ['daily backup failed']);
    assert.equal(mailer.sent.length, 1);
    assert.equal(mailer.sent[0]!.to, 'quantri@tinh.test');
    assert.match(mailer.sent[0]!.subject, /Sao lưu hằng ngày KHÔNG thành công ngày 09\/12\/2026 02:30 \/ Daily backup FAILED/);
    assert.match(mailer.sent[0]!.text, /khong[-_]co/);
    assert.match(readFileSync(path.join(daily, 'last-failure.json'), 'utf8'), /khong[-_]co/);
    assert.deepEqual(readdirSync(daily).filter((n) => n.startsWith('.partial')), [], 'nothing half-written left');
  });
});

describe('backup settings', () => {
  test('BACKUP_TIME and BACKUP_KEEP_DAYS are checked', async () => {
    const { loadBackupSettings, ConfigError } = await import('../src/config.ts');
    const s = loadBackupSettings({ DATA_DIR: '/srv/trangtin' }, '/');
    assert.deepEqual({ ...s }, { dataDir: '/srv/trangtin', databaseUrl: '/srv/trangtin/trangtin.sqlite', backupDir: '/srv/trangtin/backups', scheduled: true, time: '02:00', keepDays: 30, secrets: true });
    assert.equal(loadBackupSettings({ BACKUP_SCHEDULE: 'off', BACKUP_DIR: '/mnt/nas' }, '/').backupDir, '/mnt/nas');
    assert.throws(() => loadBackupSettings({ BACKUP_TIME: '2h', BACKUP_KEEP_DAYS: '0' }, '/'), (e: InstanceType<typeof ConfigError>) => e.problems.length === 2);
    void systemClock;
  });
});

forEachEngine('/admin/backups', (engine) => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp(engine);
  });
  after(async () => t.close());

  test('the installation administrator sees the last backup and a failure; a site administrator is refused', async () => {
    const site = await makeSite(t.db, 'tinh');
    const admin = await makeUser(t.db, site, ['site_admin']);
    const siteAdmin = await makeUser(t.db, site, ['site_admin']);
    await t.db.updateTable('users').set({ is_platform_admin: 1 }).where('id', '=', admin.id).execute();
    t.refreshSites();
    const dir = path.join(t.dataDir, 'backups', 'trangtin-20261207-020000');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ format: 'trangtin-backup', formatVersion: 1, engine: 'sqlite', snapshotAt: '2026-12-06T19:00:05Z', totalBytes: 3 * 1024 * 1024 }));
    const agent = new Agent(t.app, 'tinh.test');
    await agent.login(admin.email);
    const page = await agent.get('/admin/backups');
    assert.equal(page.statusCode, 200);
    assert.match(textOf(page.body), /Lần sao lưu gần nhất: 07\/12\/2026 02:00, 3 MB — thành công\./);
    assert.match(textOf(page.body), /trangtin-20261207-020000/);
    writeFileSync(path.join(t.dataDir, 'backups', 'last-failure.json'), JSON.stringify({ at: '2026-12-07T19:00:00Z', message: 'pg_dump failed: <disk full>' }));
    const failed = await agent.get('/admin/backups');
    assert.match(textOf(failed.body), /Lần sao lưu lúc 08\/12\/2026 02:00 KHÔNG thành công: pg_dump failed: <disk full>/);
    assert.ok(!failed.body.includes('<disk full>'), 'the message is escaped');
    const other = new Agent(t.app, 'tinh.test');
    await other.login(siteAdmin.email);
    assert.equal((await other.get('/admin/backups')).statusCode, 403);
  });
});
