// Timed work of the audit log: every hour each moved head is anchored (file
// and log), every head at least once a day, and the first run of each Vietnam
// day mails the heads to the installation administrators (claimed in job_runs,
// so one node of a cluster sends it). Every node writes its own anchor lines.
import { formatDateTime, systemClock, vietnamDate, formatDate } from '../../core/time.ts';
import { runEvery } from '../../platform/interval-job.ts';
import { claimJob, type JobContext } from '../articles/scheduler.ts';
import { listSites } from '../sites/store.ts';
import { anchorAuditHeads, type AnchorRun, type AnchorState } from './anchor-heads.ts';

export interface AuditJobContext extends JobContext {
  dataDir: string;
}

/** One run: anchors, then the day's mail if this run wrote every head and no node has sent it yet. */
export async function runAuditAnchoring(ctx: AuditJobContext, state: AnchorState): Promise<AnchorRun> {
  const clock = ctx.clock ?? systemClock;
  const run = await anchorAuditHeads(ctx.db, { dataDir: ctx.dataDir, clock, ...(ctx.log ? { log: ctx.log } : {}), state });
  if (run.full && run.anchors.length > 0 && (await claimJob(ctx.db, `audit-anchors-mail:${vietnamDate(clock.now())}`, clock))) {
    await mailAnchors(ctx, run);
  }
  return run;
}

async function mailAnchors(ctx: AuditJobContext, run: AnchorRun): Promise<void> {
  const clock = ctx.clock ?? systemClock;
  const admins = await ctx.db.selectFrom('users').select('email').where('is_platform_admin', '=', 1).where('status', '=', 'active').orderBy('id').execute();
  if (admins.length === 0) {
    ctx.log?.error({}, 'no installation administrator to mail the audit anchors to');
    return;
  }
  const sites = new Map((await listSites(ctx.db)).map((s) => [s.id, s]));
  const heads = run.anchors.map((a) => {
    const site = sites.get(a.siteId);
    return `- ${site ? `${site.name} (${site.key})` : `#${a.siteId}`}: bản ghi số ${a.seq}, mã băm ${a.hash}`;
  });
  const text = [
    `Đầu chuỗi nhật ký hệ thống của từng trang lúc ${formatDateTime(clock.now())}:`,
    '',
    ...heads,
    '',
    'Hãy lưu thư này ở ngoài hệ thống (không xóa). Khi cần đối chiếu, chép các dòng dưới đây vào một tệp rồi chạy',
    '  trangtin audit verify --anchors <tệp>',
    'Bản ghi nhật ký bị sửa, chèn hoặc xóa (kể cả các bản ghi cuối) sẽ bị phát hiện.',
    '(The heads of every site’s audit chain, signed. Keep this mail outside the system; `trangtin audit verify --anchors <file>` checks the log against the lines below.)',
    '',
    ...run.lines,
  ].join('\n');
  const subject = `Mốc kiểm chứng nhật ký hệ thống ngày ${formatDate(vietnamDate(clock.now()))}`;
  for (const admin of admins) {
    try {
      await ctx.mailer.send({ to: admin.email, subject, text });
    } catch (error) {
      ctx.log?.error({ err: { message: (error as Error).message } }, 'audit anchors mail failed');
    }
  }
}

/** Runs the audit anchoring every interval in this process (at once at start, too); returns a stop function. */
export function startAuditJobs(ctx: AuditJobContext, intervalMs = 60 * 60_000): () => void {
  const state: AnchorState = { last: new Map(), day: null };
  return runEvery(
    intervalMs,
    async () => {
      await runAuditAnchoring(ctx, state);
    },
    (error) => ctx.log?.error({ err: { message: error.message } }, 'audit anchoring failed'),
    { db: ctx.db, name: 'audit' },
  );
}
