// Archive exports started from the back office run in the background: each is
// a folder under DATA_DIR/archive-exports/site-<id>/<job>/ with status.json
// (running, ready or failed, and how far it got), the export folder and its
// .zip. The page reads status.json; the download is looked up under the
// requesting site's own folder only, so no other site's export is reachable.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statfsSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DomainError } from '../../core/errors.ts';
import { isoNow, type Clock } from '../../core/time.ts';
import type { Db } from '../../platform/db/database.ts';
import type { FileStore } from '../../platform/files/index.ts';
import { appendAudit, type AuditActor } from '../audit/store.ts';
import type { Site } from '../sites/site.ts';
import { exportSite, type ExportSummary } from './export-site.ts';
import { zipFolder } from './zip.ts';
import { exportStamp } from './render-fields.ts';

export interface ExportJob {
  id: string;
  siteId: number;
  state: 'running' | 'ready' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  done: number;
  total: number;
  /** The folder (and zip) name: <site key>-<yyyymmdd-hhmmss>. */
  name: string;
  zipBytes: number | null;
  summary: ExportSummary | null;
  error: string | null;
  /** The machine and process that run it: a 'running' job of a process of this machine that is gone was interrupted. */
  host: string;
  pid: number;
  /** The running process's heartbeat (real time), written every HEARTBEAT_MS: a 'running' job whose heartbeat is older than STALE_MS was interrupted, wherever it ran. */
  updatedAt?: string;
}

/** How many ready exports a site keeps (the oldest go when a new one is ready). */
export const KEEP_READY = 3;
/** Exports older than this are removed (when the page is opened or an export starts or finishes). */
export const EXPIRE_DAYS = 30;
export const HEARTBEAT_MS = 20_000;
export const STALE_MS = 3 * 60_000;
/** An export does not start with less free space than this in DATA_DIR (nor with less than twice the site's files). */
export const MIN_FREE_BYTES = 1024 ** 3;
/** Free bytes in a folder; replaceable in tests. */
export const diskSpace = {
  free(dir: string): number {
    const fs = statfsSync(dir);
    return fs.bavail * fs.bsize;
  },
};

const JOB_ID = /^[0-9]{14}-[0-9a-f]{8}$/;
const running = new Map<string, Promise<void>>();

function siteDir(dataDir: string, siteId: number): string {
  return path.join(dataDir, 'archive-exports', `site-${siteId}`);
}

/** The export's name from its time, in Vietnam time: konray-20261207-103000. */
export function exportName(site: Pick<Site, 'key'>, now: string): string {
  return `${site.key}-${exportStamp(now)}`;
}

/**
 * Exports `site` into `root`/<name>/ and `root`/<name>.zip; the zip is written
 * under a temporary name and renamed when complete.
 */
export async function runExport(db: Db, files: FileStore, site: Site, root: string, opts: { origin: string; now: string; onProgress?: (done: number, total: number) => void }): Promise<{ folder: string; zip: string; summary: ExportSummary }> {
  const name = exportName(site, opts.now);
  const folder = path.join(root, name);
  if (existsSync(folder)) throw new Error(`${folder} already exists`);
  mkdirSync(folder, { recursive: true });
  const summary = await exportSite(db, files, site, folder, { origin: opts.origin, now: opts.now, ...(opts.onProgress ? { onProgress: (p) => opts.onProgress!(p.done, p.total) } : {}) });
  const zip = path.join(root, `${name}.zip`);
  await zipFolder(folder, `${zip}.part`, name);
  renameSync(`${zip}.part`, zip);
  return { folder, zip, summary };
}

function writeJob(dataDir: string, job: ExportJob): void {
  const dir = path.join(siteDir(dataDir, job.siteId), job.id);
  writeFileSync(path.join(dir, 'status.json.part'), JSON.stringify(job));
  renameSync(path.join(dir, 'status.json.part'), path.join(dir, 'status.json'));
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function readJob(dataDir: string, siteId: number, id: string): ExportJob | null {
  if (!JOB_ID.test(id)) return null;
  try {
    const job = JSON.parse(readFileSync(path.join(siteDir(dataDir, siteId), id, 'status.json'), 'utf8')) as ExportJob;
    if (job.siteId !== siteId) return null;
    // A job of this process that is not running any more, or of a process that is gone, was interrupted;
    // so was one whose heartbeat stopped, wherever it ran (another node of a shared DATA_DIR that died).
    const here = job.host === os.hostname();
    const ours = here && job.pid === process.pid;
    const stale = !(Date.now() - Date.parse(job.updatedAt ?? job.startedAt) < STALE_MS);
    const interrupted = ours ? !running.has(`${siteId}/${id}`) : (here && !alive(job.pid)) || stale;
    if (job.state === 'running' && interrupted) {
      return { ...job, state: 'failed', error: 'interrupted' };
    }
    return job;
  } catch {
    return null;
  }
}

/** The site's exports, newest first. */
export function listExports(dataDir: string, siteId: number): ExportJob[] {
  const dir = siteDir(dataDir, siteId);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((id) => JOB_ID.test(id))
    .sort()
    .reverse()
    .map((id) => readJob(dataDir, siteId, id))
    .filter((j): j is ExportJob => j !== null);
}

/** One export of this site (null for another site's, or an unknown id). */
export function getExport(dataDir: string, siteId: number, id: string): ExportJob | null {
  return readJob(dataDir, siteId, id);
}

/** Where a ready export's zip is. */
export function exportZipPath(dataDir: string, job: ExportJob): string {
  return path.join(siteDir(dataDir, job.siteId), job.id, `${job.name}.zip`);
}

/** Removes an export and its files. */
export function removeExport(dataDir: string, siteId: number, id: string): boolean {
  const job = readJob(dataDir, siteId, id);
  if (!job || job.state === 'running') return false;
  rmSync(path.join(siteDir(dataDir, siteId), id), { recursive: true, force: true });
  return true;
}

/**
 * Removes the site's exports beyond the newest KEEP_READY ready ones, and
 * every finished or interrupted export older than EXPIRE_DAYS. Returns the ids removed.
 */
export function pruneExports(dataDir: string, siteId: number, nowMs: number): string[] {
  const removed: string[] = [];
  let ready = 0;
  for (const job of listExports(dataDir, siteId)) {
    if (job.state === 'running') continue;
    const age = nowMs - Date.parse(job.finishedAt ?? job.startedAt);
    const surplus = job.state === 'ready' && ++ready > KEEP_READY;
    if ((surplus || age > EXPIRE_DAYS * 86_400_000) && removeExport(dataDir, siteId, job.id)) removed.push(job.id);
  }
  return removed;
}

/** The bytes of the site's public library files (what an export copies at most). */
async function siteFilesBytes(db: Db, siteId: number): Promise<number> {
  const row = await db.selectFrom('media').select((eb) => eb.fn.sum<number | string | null>('size').as('total')).where('site_id', '=', siteId).where('private', '=', 0).where('deleted_at', 'is', null).executeTakeFirst();
  return Number(row?.total ?? 0);
}

function noSpace(free: number, needed: number): DomainError {
  const gib = (n: number) => (n / 1024 ** 3).toFixed(1);
  return new DomainError(
    {
      code: 'archive_no_space',
      vi: `Không đủ chỗ trống trên đĩa để tạo bản xuất (còn ${gib(free)} GiB, cần ít nhất ${gib(needed)} GiB). Hãy xóa bản xuất cũ hoặc báo bộ phận kỹ thuật.`,
      en: `Not enough free disk space to create an export (${gib(free)} GiB free, at least ${gib(needed)} GiB needed). Delete old exports or tell the IT staff.`,
    },
    507,
  );
}

/**
 * Starts an export in the background and returns at once; one at a time per
 * site (a second start while one runs returns the running one).
 */
export async function startExport(deps: { db: Db; files: FileStore; dataDir: string; clock: Clock }, site: Site, origin: string, actor: AuditActor): Promise<ExportJob> {
  const current = listExports(deps.dataDir, site.id).find((j) => j.state === 'running');
  if (current) return current;
  pruneExports(deps.dataDir, site.id, Date.parse(isoNow(deps.clock)));
  // Refused, rather than filling the disk every site shares.
  mkdirSync(siteDir(deps.dataDir, site.id), { recursive: true });
  const free = diskSpace.free(siteDir(deps.dataDir, site.id));
  const needed = Math.max(MIN_FREE_BYTES, 2 * (await siteFilesBytes(deps.db, site.id)));
  if (free < needed) throw noSpace(free, needed);
  const now = isoNow(deps.clock);
  const id = `${now.slice(0, 19).replace(/[-:T]/g, '')}-${randomBytes(4).toString('hex')}`;
  const dir = path.join(siteDir(deps.dataDir, site.id), id);
  mkdirSync(dir, { recursive: true });
  const job: ExportJob = { id, siteId: site.id, state: 'running', startedAt: now, finishedAt: null, done: 0, total: 0, name: exportName(site, now), zipBytes: null, summary: null, error: null, host: os.hostname(), pid: process.pid, updatedAt: new Date().toISOString() };
  writeJob(deps.dataDir, job);
  await appendAudit(deps.db, actor, { action: 'site.archive_export', targetType: 'site', targetId: site.id, details: { job: id } }, deps.clock);
  const key = `${site.id}/${id}`;
  let lastWrite = 0;
  const beat = () => {
    job.updatedAt = new Date().toISOString();
    try {
      writeJob(deps.dataDir, job);
    } catch {
      // The folder is gone (removed, or a test closed): the job ends on its own.
    }
  };
  // The heartbeat: other nodes (and this one after a restart) tell a running export from an interrupted one by it.
  const heartbeat = setInterval(beat, HEARTBEAT_MS);
  heartbeat.unref();
  const work = runExport(deps.db, deps.files, site, dir, {
    origin,
    now,
    onProgress: (done, total) => {
      Object.assign(job, { done, total });
      if (Date.now() - lastWrite > 500 || done === total) {
        lastWrite = Date.now();
        beat();
      }
    },
  })
    .then((result) => {
      Object.assign(job, { state: 'ready', finishedAt: isoNow(deps.clock), summary: result.summary, zipBytes: statSync(result.zip).size });
      // The zip is what is downloaded; the unpacked folder is not kept twice.
      rmSync(result.folder, { recursive: true, force: true });
    })
    .catch((error: unknown) => {
      Object.assign(job, { state: 'failed', finishedAt: isoNow(deps.clock), error: (error as Error).message });
      // A failed export keeps its status, not its partial files.
      rmSync(path.join(dir, job.name), { recursive: true, force: true });
      rmSync(path.join(dir, `${job.name}.zip.part`), { force: true });
    })
    .finally(() => {
      clearInterval(heartbeat);
      job.updatedAt = new Date().toISOString();
      try {
        writeJob(deps.dataDir, job);
      } catch {
        // The data folder is gone (a test closed): nothing left to record.
      }
      running.delete(key);
      if (job.state === 'ready') {
        try {
          pruneExports(deps.dataDir, site.id, Date.parse(isoNow(deps.clock)));
        } catch {
          // Pruning is tried again when the page is opened.
        }
      }
    });
  running.set(key, work);
  return job;
}

/** Waits for every export this process runs (server shutdown, tests). */
export async function exportsSettled(): Promise<void> {
  await Promise.all([...running.values()]);
}
