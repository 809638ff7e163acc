// The installation administrator's health page (/admin/healthz): the same facts as the
// JSON details (?format=json), readable — each check OK or a problem, the named jobs'
// runs and failures, disk space in human units, times in Vietnam time.
import { formatDateTime } from '../../core/time.ts';
import { defineMessages, format } from '../../ui/i18n.ts';
import { AdminLayout } from '../../ui/layout.tsx';
import type { PageContext } from '../../ui/page-context.ts';
import type { JobState } from '../../platform/metrics.ts';

export const healthText = defineMessages({
  vi: {
    title: 'Tình trạng hệ thống',
    lead: 'Kiểm tra cơ sở dữ liệu, cấu trúc dữ liệu, dung lượng đĩa và các tác vụ định kỳ của hệ thống trên máy chủ này. Giờ theo giờ Việt Nam (UTC+7).',
    overallOk: 'Hệ thống hoạt động bình thường.',
    overallDegraded: 'Hệ thống có vấn đề cần xử lý.',
    overallFailing: 'Hệ thống đang gặp sự cố: không kết nối được cơ sở dữ liệu.',
    checkedAt: 'Kiểm tra lúc {time} (giờ Việt Nam, UTC+7).',
    checks: 'Các mục kiểm tra',
    check: 'Mục',
    result: 'Kết quả',
    detail: 'Chi tiết',
    ok: 'OK',
    problem: 'Có vấn đề',
    database: 'Cơ sở dữ liệu',
    databaseOk: 'Kết nối được ({engine}: {description})',
    databaseDown: 'Không kết nối được',
    migrations: 'Cấu trúc dữ liệu (migration)',
    migrationsCurrent: 'Đã cập nhật đầy đủ',
    migrationsPending: 'Chưa chạy: {names}',
    disk: 'Dung lượng đĩa trống',
    diskFree: 'Còn trống {free} trên {total} ({percent}%) tại {path}',
    diskLow: 'Sắp hết chỗ: còn {free} trên {total} ({percent}%) tại {path}',
    diskError: 'Không đọc được {path}: {error}',
    pool: 'Kết nối cơ sở dữ liệu (pool)',
    poolDetail: '{total} kết nối, {idle} rảnh, {waiting} đang chờ',
    jobs: 'Tác vụ định kỳ',
    noJobs: 'Chưa có tác vụ định kỳ nào chạy trên máy chủ này kể từ khi khởi động.',
    job: 'Tác vụ',
    runs: 'Số lần chạy',
    failures: 'Số lần lỗi',
    lastRun: 'Lần chạy gần nhất',
    lastFailure: 'Lần lỗi gần nhất',
    lastError: 'Lỗi gần nhất',
    never: '—',
    about: 'Phiên bản và máy chủ',
    version: 'Phiên bản trangtin',
    node: 'Node.js',
    uptime: 'Thời gian chạy liên tục',
    renderCache: 'Bộ nhớ đệm trang',
    renderCacheDetail: '{entries} trang, {bytes} / {maxBytes}; {hits} lần dùng lại, {misses} lần dựng mới; {dropped} trang bỏ sau {changes} thay đổi',
    json: 'Dữ liệu dạng JSON (cho giám sát)',
  },
  en: {
    title: 'System health',
    lead: 'The database, the migrations, disk space and the scheduled jobs of the system on this server. Times are Vietnam time (UTC+7).',
    overallOk: 'The system is working normally.',
    overallDegraded: 'The system has a problem to fix.',
    overallFailing: 'The system is failing: the database cannot be reached.',
    checkedAt: 'Checked at {time} (Vietnam time, UTC+7).',
    checks: 'Checks',
    check: 'Check',
    result: 'Result',
    detail: 'Details',
    ok: 'OK',
    problem: 'Problem',
    database: 'Database',
    databaseOk: 'Reachable ({engine}: {description})',
    databaseDown: 'Unreachable',
    migrations: 'Migrations',
    migrationsCurrent: 'Up to date',
    migrationsPending: 'Not yet run: {names}',
    disk: 'Free disk space',
    diskFree: '{free} free of {total} ({percent}%) at {path}',
    diskLow: 'Running out: {free} free of {total} ({percent}%) at {path}',
    diskError: 'Cannot read {path}: {error}',
    pool: 'Database connections (pool)',
    poolDetail: '{total} connections, {idle} idle, {waiting} waiting',
    jobs: 'Scheduled jobs',
    noJobs: 'No scheduled job has run on this server since it started.',
    job: 'Job',
    runs: 'Runs',
    failures: 'Failures',
    lastRun: 'Last run',
    lastFailure: 'Last failure',
    lastError: 'Last error',
    never: '—',
    about: 'Version and server',
    version: 'trangtin version',
    node: 'Node.js',
    uptime: 'Uptime',
    renderCache: 'Render cache',
    renderCacheDetail: '{entries} pages, {bytes} / {maxBytes}; {hits} hits, {misses} misses; {dropped} pages dropped after {changes} changes',
    json: 'The same as JSON (for monitoring)',
  },
});

/** Below this share of free disk space the check is a problem. */
export const LOW_DISK_PERCENT = 10;

export interface HealthFacts {
  status: 'ok' | 'degraded' | 'failing';
  database: 'ok' | 'unreachable';
  pending: string[] | null;
  version: string;
  engine: string;
  description: string;
  node: string;
  uptimeSeconds: number;
  pool?: { total: number; idle: number; waiting: number };
  disk: { path: string; freeBytes?: number; totalBytes?: number; freePercent?: number; error?: string };
  jobs: Record<string, JobState>;
  renderCache: { entries: number; bytes: number; maxBytes: number; hits: number; misses: number; changes: number; pagesDropped: number };
}

/** 1 536 → "1,5 KiB" (vi) / "1.5 KiB" (en). */
export function humanBytes(bytes: number, lang: 'vi' | 'en'): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const text = unit === 0 ? String(value) : value.toFixed(value < 10 ? 1 : 0);
  return `${lang === 'vi' ? text.replace('.', ',') : text} ${units[unit]}`;
}

function humanDuration(seconds: number, lang: 'vi' | 'en'): string {
  const d = Math.floor(seconds / 86_400);
  const h = Math.floor((seconds % 86_400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return lang === 'vi' ? `${d} ngày ${h} giờ ${m} phút` : `${d} d ${h} h ${m} min`;
}

function Result(props: { ok: boolean; lang: 'vi' | 'en' }): JSX.Element {
  const t = healthText(props.lang);
  return <strong class={props.ok ? 'check-ok' : 'check-problem'}>{props.ok ? t.ok : t.problem}</strong>;
}

export function HealthPage(props: { ctx: PageContext; facts: HealthFacts; checkedAt: Date }): JSX.Element {
  const { ctx, facts } = props;
  const lang = ctx.lang;
  const t = healthText(lang);
  const disk = facts.disk;
  const diskOk = disk.error === undefined && (disk.freePercent ?? 0) >= LOW_DISK_PERCENT;
  const diskDetail =
    disk.error !== undefined
      ? format(t.diskError, { path: disk.path, error: disk.error })
      : format(diskOk ? t.diskFree : t.diskLow, { free: humanBytes(disk.freeBytes ?? 0, lang), total: humanBytes(disk.totalBytes ?? 0, lang), percent: String(disk.freePercent ?? 0).replace('.', lang === 'vi' ? ',' : '.'), path: disk.path });
  const jobs = Object.entries(facts.jobs).sort(([a], [b]) => a.localeCompare(b));
  const when = (iso: string | null) => (iso ? formatDateTime(iso) : t.never);
  return (
    <AdminLayout ctx={ctx} title={t.title}>
      <h1>{t.title}</h1>
      <p class="lead">{t.lead}</p>
      <p role="status">
        <strong>{facts.status === 'ok' ? t.overallOk : facts.status === 'degraded' ? t.overallDegraded : t.overallFailing}</strong>{' '}
        <span safe>{format(t.checkedAt, { time: formatDateTime(props.checkedAt) })}</span>
      </p>
      <h2>{t.checks}</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t.check}</th>
              <th scope="col">{t.result}</th>
              <th scope="col">{t.detail}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{t.database}</th>
              <td>
                <Result ok={facts.database === 'ok'} lang={lang} />
              </td>
              <td>{facts.database === 'ok' ? format(t.databaseOk, { engine: facts.engine, description: facts.description }) : t.databaseDown}</td>
            </tr>
            {facts.database === 'ok' ? (
              <tr>
                <th scope="row">{t.migrations}</th>
                <td>
                  <Result ok={(facts.pending ?? []).length === 0} lang={lang} />
                </td>
                <td safe>{(facts.pending ?? []).length === 0 ? t.migrationsCurrent : format(t.migrationsPending, { names: (facts.pending ?? []).join(', ') })}</td>
              </tr>
            ) : (
              ''
            )}
            <tr>
              <th scope="row">{t.disk}</th>
              <td>
                <Result ok={diskOk} lang={lang} />
              </td>
              <td safe>{diskDetail}</td>
            </tr>
            {facts.pool ? (
              <tr>
                <th scope="row">{t.pool}</th>
                <td>
                  <Result ok={facts.pool.waiting === 0} lang={lang} />
                </td>
                <td safe>{format(t.poolDetail, { total: facts.pool.total, idle: facts.pool.idle, waiting: facts.pool.waiting })}</td>
              </tr>
            ) : (
              ''
            )}
          </tbody>
        </table>
      </div>
      <h2>{t.jobs}</h2>
      {jobs.length === 0 ? (
        <p>{t.noJobs}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t.job}</th>
                <th scope="col">{t.result}</th>
                <th scope="col">{t.runs}</th>
                <th scope="col">{t.failures}</th>
                <th scope="col">{t.lastRun}</th>
                <th scope="col">{t.lastFailure}</th>
                <th scope="col">{t.lastError}</th>
              </tr>
            </thead>
            <tbody>
              {jobs.map(([name, job]) => (
                <tr>
                  <th scope="row" safe>
                    {name}
                  </th>
                  <td>
                    {/* A job is a problem when its latest run failed. */}
                    <Result ok={!job.lastFailureAt || job.lastFailureAt !== job.lastRunAt} lang={lang} />
                  </td>
                  <td>{job.runs}</td>
                  <td>{job.failures}</td>
                  <td safe>{when(job.lastRunAt)}</td>
                  <td safe>{when(job.lastFailureAt)}</td>
                  <td safe>{job.lastError ?? t.never}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{t.about}</h2>
      <dl class="meta">
        <dt>{t.version}</dt>
        <dd safe>{facts.version}</dd>
        <dt>{t.node}</dt>
        <dd safe>{facts.node}</dd>
        <dt>{t.uptime}</dt>
        <dd safe>{humanDuration(facts.uptimeSeconds, lang)}</dd>
        <dt>{t.renderCache}</dt>
        <dd safe>{format(t.renderCacheDetail, { entries: facts.renderCache.entries, bytes: humanBytes(facts.renderCache.bytes, lang), maxBytes: humanBytes(facts.renderCache.maxBytes, lang), hits: facts.renderCache.hits, misses: facts.renderCache.misses, dropped: facts.renderCache.pagesDropped, changes: facts.renderCache.changes })}</dd>
      </dl>
      <p>
        <a href="/admin/healthz?format=json">{t.json}</a>
      </p>
    </AdminLayout>
  );
}
