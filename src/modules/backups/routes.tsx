// The backups for the installation administrator (issue 17, ADR 0028): the last
// backup (time, size, OK or failed) and the copies kept, read from BACKUP_DIR.
import type { FastifyInstance } from 'fastify';
import { formatDateTime } from '../../core/time.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { defineMessages, format } from '../../ui/i18n.ts';
import { AdminLayout } from '../../ui/layout.tsx';
import type { PageContext } from '../../ui/page-context.ts';
import { pageContext, sendHtml } from '../backoffice/render.ts';
import { listBackups, type KeptBackup } from './backup.ts';
import { backupSettingsFor, readLastFailure, type BackupFailure } from './jobs.ts';
import type { BackupSettings } from '../../config.ts';

const text = defineMessages({
  vi: {
    title: 'Sao lưu dữ liệu',
    lead: 'Bản sao lưu cơ sở dữ liệu và kho tệp. Xem README, mục “Backups”, để khôi phục (trangtin restore).',
    schedule: 'Sao lưu tự động hằng ngày từ {time} (giờ Việt Nam), giữ {days} ngày, vào thư mục {dir}.',
    scheduleOff: 'Sao lưu tự động đang tắt (BACKUP_SCHEDULE=off). Thư mục: {dir}.',
    lastOk: 'Lần sao lưu gần nhất: {time}, {size} — thành công.',
    lastFailed: 'Lần sao lưu lúc {time} KHÔNG thành công: {message}',
    none: 'Chưa có bản sao lưu nào trong thư mục này.',
    kept: 'Các bản sao lưu đang giữ',
    name: 'Bản sao lưu',
    time: 'Thời điểm chụp dữ liệu',
    size: 'Dung lượng',
    engine: 'Cơ sở dữ liệu',
  },
  en: {
    title: 'Backups',
    lead: 'Copies of the database and the file store. To restore one, see the README, “Backups” (trangtin restore).',
    schedule: 'Taken daily from {time} (Vietnam time), kept {days} days, in {dir}.',
    scheduleOff: 'The daily backup is off (BACKUP_SCHEDULE=off). Folder: {dir}.',
    lastOk: 'Last backup: {time}, {size} — OK.',
    lastFailed: 'The backup at {time} FAILED: {message}',
    none: 'No backup in this folder yet.',
    kept: 'Backups kept',
    name: 'Backup',
    time: 'Snapshot taken',
    size: 'Size',
    engine: 'Database',
  },
});

function megabytes(bytes: number, lang: 'vi' | 'en'): string {
  return `${new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 }).format(bytes / (1024 * 1024))} MB`;
}

function BackupsPage({ ctx, settings, kept, failure }: { ctx: PageContext; settings: BackupSettings; kept: KeptBackup[]; failure: BackupFailure | null }): JSX.Element {
  const t = text(ctx.lang);
  const last = kept[0];
  const failedLast = failure !== null && (!last || failure.at > last.snapshotAt);
  return (
    <AdminLayout ctx={ctx} title={t.title}>
      <h1>{t.title}</h1>
      <p class="lead">{t.lead}</p>
      <p safe>{settings.scheduled ? format(t.schedule, { time: settings.time, days: String(settings.keepDays), dir: settings.backupDir }) : format(t.scheduleOff, { dir: settings.backupDir })}</p>
      {failedLast ? (
        <p class="flash flash-error" role="alert" safe>
          {format(t.lastFailed, { time: formatDateTime(failure.at), message: failure.message })}
        </p>
      ) : null}
      {last ? <p safe>{format(t.lastOk, { time: formatDateTime(last.snapshotAt), size: megabytes(last.totalBytes, ctx.lang) })}</p> : <p>{t.none}</p>}
      {kept.length > 0 ? (
        <>
          <h2>{t.kept}</h2>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.name}</th>
                  <th scope="col">{t.time}</th>
                  <th scope="col">{t.size}</th>
                  <th scope="col">{t.engine}</th>
                </tr>
              </thead>
              <tbody>
                {kept.map((b) => (
                  <tr>
                    <td safe>{b.name}</td>
                    <td safe>{formatDateTime(b.snapshotAt)}</td>
                    <td safe>{megabytes(b.totalBytes, ctx.lang)}</td>
                    <td>{b.engine === 'postgres' ? 'PostgreSQL' : 'SQLite'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </AdminLayout>
  );
}

export function registerBackupRoutes(app: FastifyInstance, deps: AppDeps): void {
  const platform = { access: { kind: 'platform-admin' as const } };
  app.get('/admin/backups', { config: platform }, async (request, reply) => {
    const settings = backupSettingsFor(deps.config);
    const [kept, failure] = await Promise.all([listBackups(settings.backupDir), readLastFailure(settings.backupDir)]);
    return sendHtml(reply, <BackupsPage ctx={await pageContext(deps, request, reply)} settings={settings} kept={kept} failure={failure} />);
  });
}
