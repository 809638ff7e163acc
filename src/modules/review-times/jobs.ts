// The review-times sweep, every minute in this process: reminders before a
// step's due time and escalations after it. Safe on several nodes: each alert
// is claimed by its unique row before it is sent (alerts.ts).
import { runEvery } from '../../platform/interval-job.ts';
import type { JobContext } from '../articles/scheduler.ts';
import { jobLinkBase } from '../articles/scheduler.ts';
import { sweepReviewAlerts } from './alerts.ts';

export const REVIEW_SWEEP_MS = 60_000;

export function startReviewTimeJobs(ctx: JobContext, intervalMs = REVIEW_SWEEP_MS): () => void {
  return runEvery(
    intervalMs,
    async () => {
      await sweepReviewAlerts({ db: ctx.db, mailer: ctx.mailer, ...(ctx.clock ? { clock: ctx.clock } : {}), ...(ctx.log ? { log: ctx.log } : {}), linkBase: (site) => jobLinkBase(ctx, site) });
    },
    (error) => ctx.log?.error({ err: { message: error.message } }, 'review-time jobs failed'),
    { db: ctx.db, name: 'review-times' },
  );
}
