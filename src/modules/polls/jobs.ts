// The moment a poll's period begins or ends nobody acts, so nothing is
// audited and the content version does not move: this job moves it for the
// sites whose polls began or ended since its last run, so the cached list and
// home page show the change within a tick (ADR 22). Idempotent: every node may
// run it; a site's version moving twice only renders its pages again.
import { isoNow, systemClock, type Clock } from '../../core/time.ts';
import type { Db } from '../../platform/db/database.ts';
import { siteContentChanged } from '../../platform/events.ts';
import { runEvery } from '../../platform/interval-job.ts';
import { bumpContentVersion } from '../public/content-version.ts';

/** Sites with a poll (opened by the board) whose start or end lies in (since, until]. */
export async function sitesWithPollMoments(db: Db, since: string, until: string): Promise<number[]> {
  const rows = await db
    .selectFrom('polls')
    .select('site_id')
    .distinct()
    .where('status', '=', 'open')
    .where((eb) => eb.or([eb.and([eb('opens_at', '>', since), eb('opens_at', '<=', until)]), eb.and([eb('closes_at', '>', since), eb('closes_at', '<=', until)])]))
    .execute();
  return rows.map((r) => r.site_id);
}

/** Moves the content version of sites whose polls began or ended in (since, now]; returns now (the next run's `since`). */
export async function refreshPollMoments(db: Db, since: string, clock: Clock = systemClock): Promise<string> {
  const now = isoNow(clock);
  for (const siteId of await sitesWithPollMoments(db, since, now)) {
    await bumpContentVersion(db, siteId, now);
    siteContentChanged(siteId);
  }
  return now;
}

/** Runs every interval in this process; the first run looks back ten minutes (a cached page's longest life). */
export function startPollJobs(ctx: { db: Db; clock?: Clock; log?: { error(obj: unknown, msg: string): void } }, intervalMs = 30_000): () => void {
  const clock = ctx.clock ?? systemClock;
  let since = new Date(clock.now().getTime() - 10 * 60_000).toISOString();
  return runEvery(
    intervalMs,
    async () => {
      since = await refreshPollMoments(ctx.db, since, clock);
    },
    (error) => ctx.log?.error({ err: { message: error.message } }, 'poll jobs failed'),
    { db: ctx.db, name: 'polls' },
  );
}
