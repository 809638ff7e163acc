// Backups that are proven to restore (issue 17, ADR 0028): an online,
// consistent copy of the database (SQLite's backup API, or pg_dump on an
// exported snapshot) and of the file store, with a manifest of checksums;
// checked without restoring, and restored into an empty instance only.
//
// A backup is built in BACKUP_DIR/.partial-<name> and renamed to <name> once its
// manifest is written: a folder named trangtin-… with a manifest is complete.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { chmod, copyFile, link, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { isPostgresUrl, AUDIT_KEYS_FILE, type BackupSettings } from '../../config.ts';
import { formatDateTime, systemClock, type Clock } from '../../core/time.ts';
import { projectPath } from '../../platform/project-root.ts';

export const BACKUP_FORMAT = 'trangtin-backup';
export const MANIFEST = 'manifest.json';
const SQLITE_FILE = 'database.sqlite';
const PG_FILE = 'database.pgdump';
const NAME = /^trangtin-\d{8}-\d{6}(?:-\d+)?$/;
const PARTIAL_PREFIX = '.partial-';
/** The secrets that DATA_DIR holds when they are not given in the environment. */
const SECRET_FILES = ['session-secret', AUDIT_KEYS_FILE] as const;
const ANCHORS_FILE = 'audit-anchors.log';

export interface Manifest {
  format: typeof BACKUP_FORMAT;
  formatVersion: 1;
  appVersion: string;
  engine: 'sqlite' | 'postgres';
  /** PostgreSQL: the schema dumped (restored into the same schema). */
  schema: string | null;
  /** When the database snapshot was taken (ISO, UTC) and the same in Vietnam time. */
  snapshotAt: string;
  snapshotAtVietnam: string;
  finishedAt: string;
  /** The last migration applied in the copy; later ones run on the next start after a restore. */
  lastMigration: string | null;
  database: { file: string; tables: Record<string, number> };
  files: { count: number; bytes: number };
  /** Secrets copied from DATA_DIR into secrets/ (readable by the owner only), and those left out. */
  secrets: { included: string[]; excluded: string[]; note: string };
  /** sha256 of every file of the backup but this manifest, by path relative to the backup. */
  checksums: Record<string, string>;
  totalBytes: number;
}

export interface BackupOptions {
  settings: Pick<BackupSettings, 'dataDir' | 'databaseUrl' | 'backupDir'>;
  /** Folder to write into instead of settings.backupDir. */
  to?: string;
  /** Leave DATA_DIR/session-secret and DATA_DIR/audit-keys out (restore then needs them from elsewhere). */
  secrets?: boolean;
  clock?: Clock;
  /** Test hook: runs once the database snapshot is taken, before the files are copied. */
  afterSnapshot?: () => Promise<void>;
}

export interface BackupResult {
  dir: string;
  manifest: Manifest;
}

export class BackupError extends Error {}

export function filesDirOf(dataDir: string): string {
  return path.join(dataDir, 'files');
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** trangtin-YYYYMMDD-HHMMSS in Vietnam time (UTC+7, no daylight saving). */
function backupName(at: Date): string {
  const v = new Date(at.getTime() + 7 * 3_600_000);
  return `trangtin-${v.getUTCFullYear()}${pad(v.getUTCMonth() + 1)}${pad(v.getUTCDate())}-${pad(v.getUTCHours())}${pad(v.getUTCMinutes())}${pad(v.getUTCSeconds())}`;
}

async function appVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(projectPath('package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Every regular file under dir, relative to it, sorted; `skip` names top-level entries to leave out. */
async function listFiles(dir: string, skip: (rel: string) => boolean = () => false): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .filter((rel) => !skip(rel))
    .sort();
}

function run(command: string, args: string[], opts: { env?: NodeJS.ProcessEnv } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (error) => reject(new BackupError(`${command} could not be started (${error.message}); install the PostgreSQL client (apt install postgresql-client).`)));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

// ── Taking a backup ─────────────────────────────────────────────────────────

export async function createBackup(opts: BackupOptions): Promise<BackupResult> {
  const clock = opts.clock ?? systemClock;
  const { dataDir, databaseUrl } = opts.settings;
  const parent = path.resolve(opts.to ?? opts.settings.backupDir);
  await mkdir(parent, { recursive: true, mode: 0o700 });
  let name = backupName(clock.now());
  for (let i = 2; existsSync(path.join(parent, name)) || existsSync(path.join(parent, PARTIAL_PREFIX + name)); i++) name = `${backupName(clock.now())}-${i}`;
  const partial = path.join(parent, PARTIAL_PREFIX + name);
  await mkdir(partial, { mode: 0o700 });
  try {
    // The anchors first: every head they name is then in the database copy taken after them.
    if (existsSync(path.join(dataDir, ANCHORS_FILE))) await copyFile(path.join(dataDir, ANCHORS_FILE), path.join(partial, ANCHORS_FILE));
    const snapshotAt = clock.now();
    const database = isPostgresUrl(databaseUrl) ? await dumpPostgres(databaseUrl, partial) : await copySqlite(databaseUrl, partial);
    await opts.afterSnapshot?.();
    // Files after the snapshot: every file its rows refer to was stored before them (content first, row after).
    const filesDir = filesDirOf(dataDir);
    const fileList = await listFiles(filesDir, (rel) => rel.split(path.sep)[0] === '.tmp');
    let bytes = 0;
    for (const rel of fileList) {
      const target = path.join(partial, 'files', rel);
      await mkdir(path.dirname(target), { recursive: true });
      // Stored files never change (content-addressed): a hard link costs no space; another disk gets a copy.
      try {
        await link(path.join(filesDir, rel), target);
      } catch {
        await copyFile(path.join(filesDir, rel), target);
      }
      bytes += (await stat(target)).size;
    }
    const included: string[] = [];
    const excluded: string[] = [];
    for (const secret of SECRET_FILES) {
      const source = path.join(dataDir, secret);
      const fromEnv = secret === 'session-secret' ? process.env.SESSION_SECRET?.trim() : process.env.AUDIT_KEYS?.trim();
      if (fromEnv) excluded.push(`${secret} (given in ${secret === 'session-secret' ? 'SESSION_SECRET' : 'AUDIT_KEYS'}; keep it with the configuration)`);
      else if (!existsSync(source)) excluded.push(`${secret} (not in DATA_DIR)`);
      else if (opts.secrets === false) excluded.push(`${secret} (left out with --no-secrets; keep it apart)`);
      else {
        await mkdir(path.join(partial, 'secrets'), { recursive: true, mode: 0o700 });
        await copyFile(source, path.join(partial, 'secrets', secret));
        await chmod(path.join(partial, 'secrets', secret), 0o600);
        included.push(secret);
      }
    }
    const checksums: Record<string, string> = {};
    let totalBytes = 0;
    for (const rel of await listFiles(partial)) {
      checksums[rel.split(path.sep).join('/')] = await sha256File(path.join(partial, rel));
      totalBytes += (await stat(path.join(partial, rel))).size;
    }
    const manifest: Manifest = {
      format: BACKUP_FORMAT,
      formatVersion: 1,
      appVersion: await appVersion(),
      engine: database.engine,
      schema: database.schema,
      snapshotAt: snapshotAt.toISOString(),
      snapshotAtVietnam: `${formatDateTime(snapshotAt)} (Asia/Ho_Chi_Minh)`,
      finishedAt: clock.now().toISOString(),
      lastMigration: database.lastMigration,
      database: { file: database.file, tables: database.tables },
      files: { count: fileList.length, bytes },
      secrets: {
        included,
        excluded,
        note: included.length > 0
          ? 'secrets/ holds the session secret (signs cookies, keys encrypted columns) and/or the audit keys (verify the audit chain): keep this backup as safe as the server.'
          : 'No secret is in this backup: a restore needs SESSION_SECRET/AUDIT_KEYS (or the files) from where they are kept.',
      },
      checksums,
      totalBytes,
    };
    await writeFile(path.join(partial, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
    const dir = path.join(parent, name);
    await rename(partial, dir);
    return { dir, manifest };
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    throw error;
  }
}

interface DatabaseCopy {
  engine: 'sqlite' | 'postgres';
  schema: string | null;
  file: string;
  tables: Record<string, number>;
  lastMigration: string | null;
}

function sqliteTables(db: SqliteDatabase.Database): Record<string, number> {
  const names = db.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`).pluck().all() as string[];
  return Object.fromEntries(names.map((n) => [n, db.prepare(`select count(*) from "${n.replace(/"/g, '""')}"`).pluck().get() as number]));
}

function lastMigrationIn(names: string[]): string | null {
  return [...names].sort().at(-1) ?? null;
}

async function copySqlite(file: string, into: string): Promise<DatabaseCopy> {
  if (!existsSync(file)) throw new BackupError(`The SQLite database ${file} does not exist.`);
  const source = new SqliteDatabase(file, { fileMustExist: true });
  source.pragma('busy_timeout = 5000');
  const target = path.join(into, SQLITE_FILE);
  try {
    // SQLite's online backup: a write by another connection restarts the copy, so all pages go in one step
    // (a read transaction, which in WAL mode does not block the writers): the copy is one committed state.
    await source.backup(target, { progress: () => 1 << 30 });
  } finally {
    source.close();
  }
  // The copy keeps the source's WAL mode; a single file (rollback journal) is what a backup should be.
  const writable = new SqliteDatabase(target, { fileMustExist: true });
  writable.pragma('journal_mode = DELETE');
  writable.close();
  const copy = new SqliteDatabase(target, { readonly: true, fileMustExist: true });
  try {
    const tables = sqliteTables(copy);
    const migrations = 'kysely_migration' in tables ? (copy.prepare('select name from kysely_migration').pluck().all() as string[]) : [];
    return { engine: 'sqlite', schema: null, file: SQLITE_FILE, tables, lastMigration: lastMigrationIn(migrations) };
  } finally {
    copy.close();
  }
}

async function postgresTables(client: pg.Client, schema: string): Promise<Record<string, number>> {
  const { rows } = await client.query<{ table_name: string }>(`select table_name from information_schema.tables where table_schema = $1 and table_type = 'BASE TABLE' order by table_name`, [schema]);
  const tables: Record<string, number> = {};
  for (const { table_name } of rows) {
    const count = await client.query<{ n: string }>(`select count(*) as n from ${pg.escapeIdentifier(schema)}.${pg.escapeIdentifier(table_name)}`);
    tables[table_name] = Number(count.rows[0]!.n);
  }
  return tables;
}

/** pg_dump of the schema in use, on a snapshot exported by a transaction that also counts the rows: the counts are the dump's. */
async function dumpPostgres(url: string, into: string): Promise<DatabaseCopy> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('begin isolation level repeatable read read only');
    const snapshot = (await client.query<{ s: string }>('select pg_export_snapshot() as s')).rows[0]!.s;
    const schema = (await client.query<{ s: string | null }>('select current_schema() as s')).rows[0]!.s;
    if (!schema) throw new BackupError('The PostgreSQL search_path names no existing schema: nothing to back up.');
    const tables = await postgresTables(client, schema);
    const migrations = 'kysely_migration' in tables ? (await client.query<{ name: string }>(`select name from ${pg.escapeIdentifier(schema)}.kysely_migration`)).rows.map((r) => r.name) : [];
    const file = path.join(into, PG_FILE);
    const dump = await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--schema=${schema}`, `--snapshot=${snapshot}`, `--file=${file}`, `--dbname=${url}`]);
    if (dump.code !== 0) throw new BackupError(`pg_dump failed (exit ${dump.code}): ${dump.stderr.trim()}`);
    await client.query('commit');
    return { engine: 'postgres', schema, file: PG_FILE, tables, lastMigration: lastMigrationIn(migrations) };
  } finally {
    await client.end();
  }
}

// ── Checking a backup ───────────────────────────────────────────────────────

export async function readManifest(dir: string): Promise<Manifest> {
  const file = path.join(dir, MANIFEST);
  if (!existsSync(file)) throw new BackupError(`${dir} is not a complete backup: ${MANIFEST} is missing.`);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(await readFile(file, 'utf8')) as Manifest;
  } catch (error) {
    throw new BackupError(`${file} is not valid JSON (${(error as Error).message}).`);
  }
  if (manifest.format !== BACKUP_FORMAT || manifest.formatVersion !== 1) throw new BackupError(`${file} is not a trangtin backup manifest (format version 1).`);
  return manifest;
}

export interface VerifyReport {
  manifest: Manifest | null;
  problems: string[];
  checked: number;
}

/** Every checksum, no file more or less than the manifest lists, and the dump readable with the manifest's row counts. */
export async function verifyBackup(dir: string): Promise<VerifyReport> {
  const problems: string[] = [];
  let manifest: Manifest;
  try {
    manifest = await readManifest(dir);
  } catch (error) {
    return { manifest: null, problems: [(error as Error).message], checked: 0 };
  }
  const present = new Set((await listFiles(dir)).map((rel) => rel.split(path.sep).join('/')).filter((rel) => rel !== MANIFEST));
  let checked = 0;
  for (const [rel, expected] of Object.entries(manifest.checksums).sort()) {
    if (!present.has(rel)) {
      problems.push(`missing file: ${rel}`);
      continue;
    }
    present.delete(rel);
    const actual = await sha256File(path.join(dir, rel));
    checked++;
    if (actual !== expected) problems.push(`checksum mismatch: ${rel} (expected ${expected.slice(0, 16)}…, found ${actual.slice(0, 16)}…)`);
  }
  for (const rel of present) problems.push(`file not in the manifest: ${rel}`);
  const fileRefs = Object.keys(manifest.checksums).filter((rel) => rel.startsWith('files/'));
  for (const rel of fileRefs) {
    const id = rel.split('/').at(-1)!;
    if (/^[0-9a-f]{64}$/.test(id) && manifest.checksums[rel] !== id) problems.push(`stored file ${rel} does not hold the bytes its name (sha256) says`);
  }
  const dump = path.join(dir, manifest.database.file);
  if (existsSync(dump)) {
    if (manifest.engine === 'sqlite') problems.push(...checkSqliteDump(dump, manifest));
    else problems.push(...(await checkPostgresDump(dump, manifest)));
  } else if (!problems.some((p) => p.includes(manifest.database.file))) {
    problems.push(`missing file: ${manifest.database.file}`);
  }
  return { manifest, problems, checked };
}

function checkSqliteDump(file: string, manifest: Manifest): string[] {
  let db: SqliteDatabase.Database;
  try {
    db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    return [`database copy ${manifest.database.file} cannot be opened: ${(error as Error).message}`];
  }
  try {
    const result = db.pragma('integrity_check') as { integrity_check: string }[];
    const messages = result.map((r) => r.integrity_check).filter((m) => m !== 'ok');
    if (messages.length > 0) return [`database copy fails the integrity check: ${messages.slice(0, 5).join('; ')}`];
    return compareCounts(sqliteTables(db), manifest);
  } catch (error) {
    return [`database copy ${manifest.database.file} is unreadable: ${(error as Error).message}`];
  } finally {
    db.close();
  }
}

function compareCounts(actual: Record<string, number>, manifest: Manifest): string[] {
  const problems: string[] = [];
  for (const [table, count] of Object.entries(manifest.database.tables)) {
    if (!(table in actual)) problems.push(`table ${table} is missing from the database copy`);
    else if (actual[table] !== count) problems.push(`table ${table}: ${actual[table]} rows in the copy, ${count} in the manifest`);
  }
  for (const table of Object.keys(actual)) if (!(table in manifest.database.tables)) problems.push(`table ${table} is in the copy but not in the manifest`);
  return problems;
}

async function checkPostgresDump(file: string, manifest: Manifest): Promise<string[]> {
  const listed = await run('pg_restore', ['--list', file]);
  if (listed.code !== 0) return [`database dump ${manifest.database.file} is unreadable (pg_restore --list: ${listed.stderr.trim() || `exit ${listed.code}`})`];
  const problems: string[] = [];
  const data = new Set([...listed.stdout.matchAll(/ TABLE DATA (\S+) (\S+) /g)].map((m) => m[2]!));
  for (const table of Object.keys(manifest.database.tables)) if (!data.has(table)) problems.push(`table ${table} has no data in the dump`);
  return problems;
}

// ── Restoring ───────────────────────────────────────────────────────────────

export interface RestoreResult {
  manifest: Manifest;
  files: number;
  secrets: string[];
}

/** What already holds data in the target; a restore goes into an empty instance only. */
async function targetProblems(settings: Pick<BackupSettings, 'dataDir' | 'databaseUrl'>, manifest: Manifest): Promise<string[]> {
  const problems: string[] = [];
  const filesDir = filesDirOf(settings.dataDir);
  const stored = await listFiles(filesDir, (rel) => rel.split(path.sep)[0] === '.tmp');
  if (stored.length > 0) problems.push(`the file store ${filesDir} holds ${stored.length} file(s)`);
  for (const name of [ANCHORS_FILE, ...manifest.secrets.included]) {
    if (existsSync(path.join(settings.dataDir, name))) problems.push(`${path.join(settings.dataDir, name)} exists`);
  }
  if (isPostgresUrl(settings.databaseUrl)) {
    if (manifest.engine !== 'postgres') problems.push('the backup is of a SQLite database but DATABASE_URL is PostgreSQL');
    else {
      const client = new pg.Client({ connectionString: settings.databaseUrl });
      await client.connect();
      try {
        const searchPath = (await client.query<{ p: string }>(`select current_setting('search_path') as p`)).rows[0]!.p;
        const first = searchPath.split(',').map((s) => s.trim().replace(/^"(.*)"$/, '$1')).find((s) => s !== '$user') ?? 'public';
        if (first !== manifest.schema) problems.push(`the backup holds schema "${manifest.schema}" but the target's search_path starts with "${first}" (set it with PGOPTIONS="-c search_path=${manifest.schema}" or restore into a database whose schema is "${manifest.schema}")`);
        const n = (await client.query<{ n: string }>(`select count(*) as n from information_schema.tables where table_schema = $1`, [manifest.schema])).rows[0]!.n;
        if (Number(n) > 0) problems.push(`the PostgreSQL schema "${manifest.schema}" already holds ${n} table(s)`);
      } finally {
        await client.end();
      }
    }
  } else {
    if (manifest.engine !== 'sqlite') problems.push('the backup is of a PostgreSQL database but DATABASE_URL is a SQLite file');
    else if (existsSync(settings.databaseUrl)) {
      const db = new SqliteDatabase(settings.databaseUrl, { readonly: true });
      try {
        const n = db.prepare(`select count(*) from sqlite_master where type = 'table'`).pluck().get() as number;
        if (n > 0) problems.push(`the SQLite database ${settings.databaseUrl} already holds ${n} table(s)`);
      } finally {
        db.close();
      }
    }
  }
  return problems;
}

export async function restoreBackup(dir: string, settings: Pick<BackupSettings, 'dataDir' | 'databaseUrl'>): Promise<RestoreResult> {
  const report = await verifyBackup(dir);
  if (!report.manifest || report.problems.length > 0) {
    throw new BackupError(`The backup ${dir} does not verify; nothing was restored:\n${report.problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  const manifest = report.manifest;
  const busy = await targetProblems(settings, manifest);
  if (busy.length > 0) {
    throw new BackupError(`A backup is restored into an empty instance only; nothing was restored:\n${busy.map((p) => `  - ${p}`).join('\n')}\nUse a new DATA_DIR and an empty database (or move these away).`);
  }
  await mkdir(settings.dataDir, { recursive: true });
  const dump = path.join(dir, manifest.database.file);
  if (manifest.engine === 'sqlite') {
    await mkdir(path.dirname(settings.databaseUrl), { recursive: true });
    for (const suffix of ['', '-wal', '-shm', '-journal']) await rm(settings.databaseUrl + suffix, { force: true });
    const partial = `${settings.databaseUrl}.restoring`;
    await copyFile(dump, partial);
    await rename(partial, settings.databaseUrl);
  } else {
    await restorePostgres(dump, settings.databaseUrl, manifest.schema!);
  }
  const filesDir = filesDirOf(settings.dataDir);
  const fileRels = Object.keys(manifest.checksums).filter((rel) => rel.startsWith('files/'));
  for (const rel of fileRels) {
    const target = path.join(filesDir, ...rel.split('/').slice(1));
    await mkdir(path.dirname(target), { recursive: true });
    await copyFile(path.join(dir, ...rel.split('/')), target);
  }
  if (existsSync(path.join(dir, ANCHORS_FILE))) await copyFile(path.join(dir, ANCHORS_FILE), path.join(settings.dataDir, ANCHORS_FILE));
  for (const secret of manifest.secrets.included) {
    await copyFile(path.join(dir, 'secrets', secret), path.join(settings.dataDir, secret));
    await chmod(path.join(settings.dataDir, secret), 0o600);
  }
  return { manifest, files: fileRels.length, secrets: manifest.secrets.included };
}

async function restorePostgres(dump: string, url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`create schema if not exists ${pg.escapeIdentifier(schema)}`);
  } finally {
    await client.end();
  }
  // The schema exists now (made above, or an empty one was there): everything but its CREATE SCHEMA is restored.
  const listed = await run('pg_restore', ['--list', dump]);
  if (listed.code !== 0) throw new BackupError(`pg_restore --list failed: ${listed.stderr.trim()}`);
  const list = listed.stdout.split('\n').filter((line) => !/^\d+; \d+ \d+ SCHEMA - /.test(line)).join('\n');
  const tmpList = path.join(os.tmpdir(), `trangtin-restore-list-${process.pid}-${Date.now()}`);
  await writeFile(tmpList, list);
  try {
    const restored = await run('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--use-list=${tmpList}`, `--dbname=${url}`, dump]);
    if (restored.code !== 0) throw new BackupError(`pg_restore failed (exit ${restored.code}): ${restored.stderr.trim()}`);
  } finally {
    await rm(tmpList, { force: true });
  }
}

// ── The backups kept ───────────────────────────────────────────────────────

export interface KeptBackup {
  name: string;
  dir: string;
  snapshotAt: string;
  totalBytes: number;
  engine: string;
}

/** Complete backups of ours in a folder (a trangtin-… folder with a readable manifest), newest first. */
export async function listBackups(parent: string): Promise<KeptBackup[]> {
  if (!existsSync(parent)) return [];
  const kept: KeptBackup[] = [];
  for (const entry of await readdir(parent, { withFileTypes: true })) {
    if (!entry.isDirectory() || !NAME.test(entry.name)) continue;
    try {
      const m = await readManifest(path.join(parent, entry.name));
      kept.push({ name: entry.name, dir: path.join(parent, entry.name), snapshotAt: m.snapshotAt, totalBytes: m.totalBytes, engine: m.engine });
    } catch {
      // Not a complete backup of ours: never listed, never pruned.
    }
  }
  return kept.sort((a, b) => b.snapshotAt.localeCompare(a.snapshotAt));
}

/** Removes complete backups older than keepDays (the newest is always kept) and our own abandoned partial folders older than a day. */
export async function pruneBackups(parent: string, keepDays: number, clock: Clock = systemClock): Promise<string[]> {
  const now = clock.now().getTime();
  const removed: string[] = [];
  const kept = await listBackups(parent);
  for (const b of kept.slice(1)) {
    if (now - new Date(b.snapshotAt).getTime() > keepDays * 86_400_000) {
      await rm(b.dir, { recursive: true, force: true });
      removed.push(b.name);
    }
  }
  if (existsSync(parent)) {
    for (const entry of await readdir(parent, { withFileTypes: true })) {
      if (!entry.isDirectory() || !entry.name.startsWith(PARTIAL_PREFIX) || !NAME.test(entry.name.slice(PARTIAL_PREFIX.length))) continue;
      const { mtimeMs } = await stat(path.join(parent, entry.name));
      if (now - mtimeMs > 86_400_000) {
        await rm(path.join(parent, entry.name), { recursive: true, force: true });
        removed.push(entry.name);
      }
    }
  }
  return removed;
}
