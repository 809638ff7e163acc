// Timed work on articles: publish and unpublish at the scheduled time, raise an
// alert when a scheduled publication did not happen, and send the editor-in-
// chief a daily digest of overdue items. Each job is safe to run on several
// nodes: state changes go through the engine (a second run finds nothing due)
// and daily work is claimed once in job_runs.
import { DomainError } from '../../core/errors.ts';
import { isoNow, systemClock, vietnamDate, formatDateTime, type Clock } from '../../core/time.ts';
import { isOverdue } from '../../core/workflow/index.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Mailer } from '../../platform/mail.ts';
import { runEvery } from '../../platform/interval-job.ts';
import { claimJob } from '../../platform/job-runs.ts';
import type { AuditActor } from '../audit/store.ts';
import { notify, resolveRecipients } from '../notifications/notify.ts';
import type { Site } from '../sites/site.ts';
import type { PublicAddresses } from '../sites/addresses.ts';
import { listSites } from '../sites/store.ts';
import { actOnArticle, systemGrants } from './act-on-article.ts';
import { sweepStuckArticles } from './stuck-items.ts';
import { itemOfRow, siteCalendar } from './workflow-context.ts';

export interface JobContext {
  db: Db;
  mailer: Mailer;
  clock?: Clock;
  log?: { error(obj: unknown, msg: string): void; info(obj: unknown, msg: string): void };
  /** Where the links in e-mails point: each site's configured address. Without it, mails carry no link. */
  addresses?: PublicAddresses;
}

/** The origin for links in a site's e-mails, when the job knows the installation's addresses. */
export function jobLinkBase(ctx: Pick<JobContext, 'addresses'>, site: Pick<Site, 'primaryHost'>): string | null {
  return ctx.addresses ? ctx.addresses.originOf(site) : null;
}

/** A scheduled publication still not out this long after its time raises an alert. */
export const SCHEDULE_GRACE_MS = 5 * 60 * 1000;
/** The digest goes out from this Vietnam time on working days. */
export const DIGEST_TIME = '07:30';

function systemActor(siteId: number): AuditActor {
  return { siteId, userId: null, onBehalfOfUserId: null, label: 'Hệ thống (hẹn giờ)', ip: null, userAgent: 'trangtin-scheduler' };
}

export { claimJob } from '../../platform/job-runs.ts';

export async function runDueSchedules(ctx: JobContext): Promise<number> {
  const clock = ctx.clock ?? systemClock;
  const now = isoNow(clock);
  const due = await ctx.db
    .selectFrom('articles')
    .select(['id', 'site_id'])
    .where('deleted_at', 'is', null)
    .where((eb) => eb.or([eb.and([eb('publication', '=', 'scheduled'), eb('publish_at', '<=', now)]), eb.and([eb('publication', '=', 'published'), eb('unpublish_at', '<=', now)])]))
    .limit(200)
    .execute();
  const sites = new Map((await listSites(ctx.db)).map((s) => [s.id, s]));
  let done = 0;
  for (const item of due) {
    const site = sites.get(item.site_id);
    if (!site) continue;
    try {
      await actOnArticle({ db: ctx.db, mailer: ctx.mailer, clock, linkBase: jobLinkBase(ctx, site) }, systemActor(site.id), systemGrants(site), site, item.id, { type: 'run_schedule' });
      done += 1;
    } catch (error) {
      // Another node (or run) got there first: the row lock made this one find nothing due.
      if (error instanceof DomainError && error.problems.every((p) => p.code === 'nothing_due')) continue;
      ctx.log?.error({ err: { message: (error as Error).message }, articleId: item.id }, 'scheduled publication failed');
    }
  }
  return done;
}

/** Scheduled publications that did not happen on time: tell the publishers and the editor-in-chief, once. */
export async function alertMissedSchedules(ctx: JobContext): Promise<number> {
  const clock = ctx.clock ?? systemClock;
  const cutoff = new Date(clock.now().getTime() - SCHEDULE_GRACE_MS).toISOString();
  const missed = await ctx.db
    .selectFrom('articles')
    .select(['id', 'site_id', 'title', 'publish_at'])
    .where('deleted_at', 'is', null)
    .where('publication', '=', 'scheduled')
    .where('publish_at', '<=', cutoff)
    .where('schedule_alerted_at', 'is', null)
    .execute();
  const sites = new Map((await listSites(ctx.db)).map((s) => [s.id, s]));
  for (const a of missed) {
    const site = sites.get(a.site_id);
    await ctx.db.updateTable('articles').set({ schedule_alerted_at: isoNow(clock) }).where('id', '=', a.id).execute();
    const userIds = await resolveRecipients(ctx.db, a.site_id, [{ kind: 'permission', permission: 'content.publish' }, { kind: 'role', role: 'editor_in_chief' }], clock);
    await notify(
      ctx.db,
      ctx.mailer,
      {
        siteId: a.site_id,
        kind: 'article.schedule_missed',
        itemType: 'article',
        itemId: a.id,
        title: `Cảnh báo: tin bài hẹn giờ chưa được đăng — ${a.title}`,
        body: `Tin bài «${a.title}» hẹn đăng lúc ${formatDateTime(a.publish_at!)} nhưng chưa được đăng. Hãy kiểm tra và đăng thủ công nếu cần.`,
        link: `/admin/articles/${a.id}`,
      },
      userIds,
      { clock, linkBase: site ? jobLinkBase(ctx, site) : null },
    );
    ctx.log?.info({ articleId: a.id }, 'scheduled publication missed: alert raised');
  }
  return missed.length;
}

/** Overdue items of one site, for the digest. */
async function overdueItems(db: Db, site: Site, now: Date) {
  const rows = await db.selectFrom('articles').selectAll().where('site_id', '=', site.id).where('deleted_at', 'is', null).where('review_state', 'in', ['in_review', 'approved']).execute();
  return rows.filter((r) => isOverdue(itemOfRow(r), now));
}

/** Each working day from 07:30, the editor-in-chief of each site gets the list of overdue items (if any). */
export async function sendDailyDigests(ctx: JobContext): Promise<number> {
  const clock = ctx.clock ?? systemClock;
  const now = clock.now();
  const today = vietnamDate(now);
  const localTime = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', hour12: false }).format(now);
  if (localTime < DIGEST_TIME) return 0;
  let sent = 0;
  for (const site of await listSites(ctx.db)) {
    if (site.status !== 'active' || !siteCalendar(site).isWorkingDay(today)) continue;
    if (!(await claimJob(ctx.db, `digest:article:${site.id}:${today}`, clock))) continue;
    const overdue = await overdueItems(ctx.db, site, now);
    if (overdue.length === 0) continue;
    const userIds = await resolveRecipients(ctx.db, site.id, [{ kind: 'role', role: 'editor_in_chief' }], clock);
    const lines = overdue.map((r) => `- ${r.title} (hạn ${r.step_due_at ? formatDateTime(r.step_due_at) : '—'})`).join('\n');
    await notify(
      ctx.db,
      ctx.mailer,
      { siteId: site.id, kind: 'article.digest', itemType: null, itemId: null, title: `Tin bài quá hạn xử lý (${overdue.length}) — ${site.name}`, body: `Các tin bài sau đã quá hạn xử lý:\n${lines}`, link: '/admin/queue' },
      userIds,
      { clock, linkBase: jobLinkBase(ctx, site) },
    );
    sent += 1;
  }
  return sent;
}

/** How often items are checked for steps nobody can take any more (people leave between actions). */
export const STUCK_SWEEP_MS = 10 * 60 * 1000;

/** Runs the article jobs every interval in this process; returns a stop function. */
export function startArticleJobs(ctx: JobContext, intervalMs = 30_000): () => void {
  let lastSweep = -Infinity;
  return runEvery(
    intervalMs,
    async (tick) => {
      // Between steps: if this node lost the lease meanwhile, another node does the rest.
      await runDueSchedules(ctx);
      if (!tick.stillHolding()) return;
      await alertMissedSchedules(ctx);
      if (!tick.stillHolding()) return;
      await sendDailyDigests(ctx);
      if (!tick.stillHolding()) return;
      const now = (ctx.clock ?? systemClock).now().getTime();
      if (now - lastSweep >= STUCK_SWEEP_MS) {
        lastSweep = now;
        await sweepStuckArticles(ctx);
      }
    },
    (error) => ctx.log?.error({ err: { message: error.message } }, 'article jobs failed'),
    { db: ctx.db, name: 'articles' },
  );
}
