// The daily backup (issue 17, ADR 0028): from BACKUP_TIME (Vietnam time) each
// day, one node claims the day in job_runs, takes a backup into BACKUP_DIR and
// prunes copies older than BACKUP_KEEP_DAYS. A failure is logged, recorded in
// BACKUP_DIR/last-failure.json (shown on /admin/backups) and mailed to the
// installation administrators.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadBackupSettings, type BackupSettings, type Config } from '../../config.ts';
import { formatDateTime, systemClock, vietnamDate } from '../../core/time.ts';
import { claimJob } from '../../platform/job-runs.ts';
import { runEvery } from '../../platform/interval-job.ts';
import type { JobContext } from '../articles/scheduler.ts';
import { pruneBackups, readManifest, type Manifest } from './backup.ts';
import { projectPath } from '../../platform/project-root.ts';

export interface BackupJobContext extends Omit<JobContext, 'addresses'> {
  settings: BackupSettings;
  /** Takes the backup; by default `trangtin backup` in a child process, so the copy never holds up this server's requests. */
  take?: (settings: BackupSettings) => Promise<string>;
}

const BIN = projectPath('bin/trangtin.mjs');

/** `trangtin backup --to BACKUP_DIR` in a child process with this process's environment; resolves to the backup's folder. */
export function backupInChildProcess(settings: BackupSettings): Promise<string> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, DATA_DIR: settings.dataDir, DATABASE_URL: settings.databaseUrl, BACKUP_DIR: settings.backupDir, BACKUP_SECRETS: settings.secrets ? 'on' : 'off' };
    const child = spawn(process.execPath, [BIN, 'backup', '--to', settings.backupDir], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const dir = /^Backup complete[^:]*: (.+)$/m.exec(stdout)?.[1];
      if (code === 0 && dir) resolve(dir.trim());
      else reject(new Error((stderr.trim() || stdout.trim() || `trangtin backup exited with ${code}`).slice(0, 2000)));
    });
  });
}

/** The backup settings of a running server: its own DATA_DIR and database, BACKUP_* from the environment. */
export function backupSettingsFor(config: Pick<Config, 'dataDir' | 'databaseUrl'>, env: Record<string, string | undefined> = process.env): BackupSettings {
  const settings = loadBackupSettings({ ...env, DATA_DIR: config.dataDir, DATABASE_URL: config.databaseUrl });
  return Object.freeze({ ...settings, dataDir: config.dataDir, databaseUrl: config.databaseUrl });
}

export const LAST_FAILURE_FILE = 'last-failure.json';

export interface BackupFailure {
  at: string;
  message: string;
}

/** Vietnam time of day, HH:MM (UTC+7, no daylight saving). */
function vietnamTimeOfDay(at: Date): string {
  return new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(11, 16);
}

export type ScheduledOutcome = { kind: 'not-due' } | { kind: 'claimed-elsewhere' } | { kind: 'done'; dir: string; manifest: Manifest; pruned: string[] } | { kind: 'failed'; message: string };

/** One check: takes the day's backup when its time has come and no node has taken it yet. */
export async function runScheduledBackup(ctx: BackupJobContext): Promise<ScheduledOutcome> {
  const clock = ctx.clock ?? systemClock;
  const now = clock.now();
  if (vietnamTimeOfDay(now) < ctx.settings.time) return { kind: 'not-due' };
  if (!(await claimJob(ctx.db, `backup:${vietnamDate(now)}`, clock))) return { kind: 'claimed-elsewhere' };
  try {
    const dir = await (ctx.take ?? backupInChildProcess)(ctx.settings);
    const manifest = await readManifest(dir);
    await rm(path.join(ctx.settings.backupDir, LAST_FAILURE_FILE), { force: true });
    const pruned = await pruneBackups(ctx.settings.backupDir, ctx.settings.keepDays, clock);
    ctx.log?.info({ backup: dir, bytes: manifest.totalBytes, pruned }, 'daily backup taken');
    return { kind: 'done', dir, manifest, pruned };
  } catch (error) {
    const message = (error as Error).message;
    ctx.log?.error({ err: { message } }, 'daily backup failed');
    await recordFailure(ctx, { at: now.toISOString(), message });
    await mailFailure(ctx, now, message);
    return { kind: 'failed', message };
  }
}

async function recordFailure(ctx: BackupJobContext, failure: BackupFailure): Promise<void> {
  try {
    await mkdir(ctx.settings.backupDir, { recursive: true, mode: 0o700 });
    await writeFile(path.join(ctx.settings.backupDir, LAST_FAILURE_FILE), `${JSON.stringify(failure)}\n`);
  } catch (error) {
    ctx.log?.error({ err: { message: (error as Error).message } }, 'backup failure could not be recorded');
  }
}

export async function readLastFailure(backupDir: string): Promise<BackupFailure | null> {
  const file = path.join(backupDir, LAST_FAILURE_FILE);
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(await readFile(file, 'utf8')) as BackupFailure;
  } catch {
    return null;
  }
}

async function mailFailure(ctx: BackupJobContext, at: Date, message: string): Promise<void> {
  const admins = await ctx.db.selectFrom('users').select('email').where('is_platform_admin', '=', 1).where('status', '=', 'active').orderBy('id').execute();
  if (admins.length === 0) {
    ctx.log?.error({}, 'no installation administrator to alert about the failed backup');
    return;
  }
  const subject = `Sao lưu hằng ngày KHÔNG thành công ngày ${formatDateTime(at)} / Daily backup FAILED`;
  const text = [
    `Bản sao lưu hằng ngày lúc ${formatDateTime(at)} (giờ Việt Nam) không thành công. Lỗi:`,
    '',
    `  ${message}`,
    '',
    `Thư mục sao lưu: ${ctx.settings.backupDir}`,
    'Hãy khắc phục lỗi rồi chạy ngay "trangtin backup" để có bản sao lưu của hôm nay; hệ thống sẽ thử lại vào giờ đã định ngày mai.',
    '',
    `The daily backup at ${formatDateTime(at)} (Vietnam time) failed: ${message}`,
    `Backup folder: ${ctx.settings.backupDir}. Fix the cause and run "trangtin backup" now; the next scheduled run is tomorrow.`,
  ].join('\n');
  for (const admin of admins) {
    try {
      await ctx.mailer.send({ to: admin.email, subject, text });
    } catch (error) {
      ctx.log?.error({ err: { message: (error as Error).message } }, 'backup failure mail failed');
    }
  }
}

/**
 * Checks every few minutes whether the day's backup is due, the first time one interval after the
 * start (a node starting is busy enough); returns a stop function. Nothing runs when BACKUP_SCHEDULE=off.
 */
export function startBackupJobs(ctx: BackupJobContext, intervalMs = 5 * 60_000): () => void {
  if (!ctx.settings.scheduled) return () => {};
  let stop: (() => void) | null = null;
  const start = setTimeout(() => {
    stop = runEvery(
      intervalMs,
      async () => {
        await runScheduledBackup(ctx);
      },
      (error) => ctx.log?.error({ err: { message: error.message } }, 'backup schedule failed'),
    );
  }, intervalMs);
  start.unref();
  return () => {
    clearTimeout(start);
    stop?.();
  };
}
