// Timed work of citizens' voice: once a day per site, personal data whose
// retention period has ended is erased (retention.ts), claimed in job_runs so
// several nodes do it once; and drafts for comment whose opening date has come
// enter the site search (idempotent, so every node may run it); on working
// days, the morning digest of late cases goes to units and the board (digest.ts);
// answers waiting at a step nobody can take any more are reported to the board.
import { isoNow, systemClock, vietnamDate } from '../../core/time.ts';
import type { FileStore } from '../../platform/files/index.ts';
import { siteContentChanged } from '../../platform/events.ts';
import { bumpContentVersion } from '../public/content-version.ts';
import { runEvery } from '../../platform/interval-job.ts';
import { claimJob, type JobContext } from '../articles/scheduler.ts';
import { indexOpenedConsultations } from '../consultations/public-index.ts';
import { listSites } from '../sites/store.ts';
import { sweepStuckAnswers } from './answer-workflow.ts';
import { runCaseDigests } from './digest.ts';
import { erasePersonalData } from './retention.ts';

export interface CitizenJobContext extends JobContext {
  files: FileStore;
}

/** Runs today's erasure on every site not yet done today; returns how many sites ran it. */
export async function runRetention(ctx: CitizenJobContext): Promise<number> {
  const clock = ctx.clock ?? systemClock;
  const today = vietnamDate(clock.now());
  let ran = 0;
  for (const site of await listSites(ctx.db)) {
    if (!(await claimJob(ctx.db, `retention:${site.id}:${today}`, clock))) continue;
    const counts = await erasePersonalData(ctx.db, ctx.files, site, clock);
    if (counts.cases + counts.comments + counts.contactMessages + counts.forumPosts > 0) ctx.log?.info({ siteId: site.id, ...counts }, 'personal data erased after retention');
    ran += 1;
  }
  return ran;
}

/** Drafts for comment that opened today go into the search index and the sitemap. */
export async function indexOpenedDrafts(ctx: Pick<JobContext, 'db' | 'clock'>): Promise<void> {
  const clock = ctx.clock ?? systemClock;
  const today = vietnamDate(clock.now());
  // Nothing is audited when a date comes: the version moves on here, for every node's cache.
  for (const siteId of await indexOpenedConsultations(ctx.db, today)) {
    await bumpContentVersion(ctx.db, siteId, isoNow(clock));
    siteContentChanged(siteId);
  }
}

/** Runs the citizens' jobs every interval in this process; returns a stop function. */
export function startCitizenJobs(ctx: CitizenJobContext, intervalMs = 15 * 60_000): () => void {
  return runEvery(
    intervalMs,
    async () => {
      await runRetention(ctx);
      await indexOpenedDrafts(ctx);
      await runCaseDigests(ctx);
      await sweepStuckAnswers(ctx);
    },
    (error) => ctx.log?.error({ err: { message: error.message } }, 'citizen jobs failed'),
    { db: ctx.db, name: 'citizens' },
  );
}
