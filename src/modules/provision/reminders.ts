// Quota reminders: a few working days before a quota period ends (the dated
// rule reminder.quota_before_end, 3 working days by default), each unit head
// whose unit and each board member who is still under quota is told (a
// notification and a mail), and the secretariat gets the list. Each recipient
// is told once per period and quota: the run is claimed in job_runs under a
// key naming the site, the quota, the period and the person.
import { deadlineRuleOf, isReminderDay, kindQuotasOf, quotaPeriodOf, quotaValueOf, REMINDER_DEFAULT_WORKING_DAYS, type QuotaPer, type QuotaPeriod } from '../../core/provision/index.ts';
import { systemClock, vietnamDate } from '../../core/time.ts';
import { runEvery } from '../../platform/interval-job.ts';
import { claimJob } from '../../platform/job-runs.ts';
import { siteCalendar } from '../articles/workflow-context.ts';
import { jobLinkBase, type JobContext } from '../articles/scheduler.ts';
import { notify, resolveRecipients } from '../notifications/notify.ts';
import { listSites } from '../sites/store.ts';
import type { Site } from '../sites/site.ts';
import { boardMembersOf, countBy, RuleBook, unitsOf } from './store.ts';
import { kindName } from './sections.ts';

export const REMINDER_KIND = 'provision_quota';

interface Shortfall {
  who: 'unit' | 'board_member';
  id: number;
  name: string;
  count: number;
  min: number;
  kind: string | null;
  period: QuotaPeriod;
  ruleKey: string;
}

/** Who is under which quota in the periods that end soon enough to be reminded of today. */
async function shortfalls(ctx: JobContext, site: Site, today: string): Promise<Shortfall[]> {
  const book = await RuleBook.load(ctx.db, site.id);
  const calendar = siteCalendar(site);
  const reminder = book.on('reminder.quota_before_end', today);
  const days = (reminder && deadlineRuleOf(reminder.value)?.amount) ?? REMINDER_DEFAULT_WORKING_DAYS;
  const out: Shortfall[] = [];
  for (const per of ['week', 'month', 'year'] as QuotaPer[]) {
    const period = quotaPeriodOf(per, today);
    if (!isReminderDay(calendar, today, period, days)) continue;
    const f = { from: period.from, to: period.to };
    // The version that will judge the period: in force on its last day.
    const unitRule = book.on('quota.unit', period.to);
    const unitQuota = unitRule ? quotaValueOf(unitRule.value) : null;
    const kindQuotas = kindQuotasOf(book.on('quota.unit_kind', period.to)?.value ?? []).filter((q) => q.per === per);
    if ((unitQuota && unitQuota.per === per) || kindQuotas.length > 0) {
      const units = await unitsOf(ctx.db, site.id, period.to);
      if (unitQuota && unitQuota.per === per) {
        const counts = new Map((await countBy(ctx.db, site.id, 'unit', f)).map((c) => [c.id, c.count]));
        for (const u of units) {
          const count = counts.get(u.id) ?? 0;
          if (count < unitQuota.min) out.push({ who: 'unit', id: u.id, name: u.name, count, min: unitQuota.min, kind: null, period, ruleKey: 'quota.unit' });
        }
      }
      for (const q of kindQuotas) {
        const counts = new Map((await countBy(ctx.db, site.id, 'unit', { ...f, kind: q.kind })).map((c) => [c.id, c.count]));
        for (const u of units) {
          const count = counts.get(u.id) ?? 0;
          if (count < q.min) out.push({ who: 'unit', id: u.id, name: u.name, count, min: q.min, kind: q.kind, period, ruleKey: `quota.unit_kind.${q.kind}` });
        }
      }
    }
    const boardRule = book.on('quota.board_member', period.to);
    const boardQuota = boardRule ? quotaValueOf(boardRule.value) : null;
    if (boardQuota && boardQuota.per === per) {
      const counts = new Map((await countBy(ctx.db, site.id, 'person', f)).map((c) => [c.id, c.count]));
      for (const m of await boardMembersOf(ctx.db, site.id)) {
        const count = counts.get(m.id) ?? 0;
        if (count < boardQuota.min) out.push({ who: 'board_member', id: m.id, name: m.name, count, min: boardQuota.min, kind: null, period, ruleKey: 'quota.board_member' });
      }
    }
  }
  return out;
}

function line(s: Shortfall): string {
  const kind = s.kind ? ` (${kindName(s.kind).vi})` : '';
  return `${s.name}${kind}: ${s.count}/${s.min} tin, bài trong kỳ ${s.period.key} (đến hết ngày ${s.period.to.split('-').reverse().join('/')})`;
}

/** Sends today's reminders on every operating site; returns how many people were told. */
export async function runQuotaReminders(ctx: JobContext): Promise<number> {
  const clock = ctx.clock ?? systemClock;
  const today = vietnamDate(clock.now());
  let told = 0;
  for (const site of await listSites(ctx.db)) {
    if (site.status !== 'active') continue;
    const found = await shortfalls(ctx, site, today);
    const linkBase = jobLinkBase(ctx, site);
    const send = async (userId: number, claimKey: string, title: string, body: string, link: string) => {
      if (!(await claimJob(ctx.db, `provision-reminder:${site.id}:${claimKey}:${userId}`, clock))) return;
      told += (await notify(ctx.db, ctx.mailer, { siteId: site.id, kind: REMINDER_KIND, itemType: null, itemId: null, title, body, link }, [userId], { clock, linkBase })).notified;
    };
    for (const s of found) {
      const title = `Nhắc chỉ tiêu cung cấp tin kỳ ${s.period.key}`;
      const body = `Kỳ ${s.period.key} sắp kết thúc. ${line(s)}: chưa đạt chỉ tiêu.`;
      const key = `${s.ruleKey}:${s.period.key}`;
      const recipients = s.who === 'unit' ? await resolveRecipients(ctx.db, site.id, [{ kind: 'unit_head', unitId: s.id }], clock) : [s.id];
      const link = s.who === 'unit' ? `/admin/provision/unit?ky=${s.period.per === 'week' ? s.period.to.slice(0, 7) : s.period.key}` : `/admin/provision?ky=${s.period.to.slice(0, 7)}`;
      for (const userId of recipients) await send(userId, key, title, body, link);
    }
    if (found.length > 0) {
      // The secretariat's list: one per period, whoever is under which quota.
      const periods = [...new Set(found.map((s) => s.period.key))];
      const secretariat = await resolveRecipients(ctx.db, site.id, [{ kind: 'role', role: 'secretariat' }], clock);
      const body = `Đơn vị, thành viên Ban biên tập chưa đạt chỉ tiêu cung cấp tin (kỳ ${periods.join(', ')}):\n${found.map((s) => `- ${line(s)}`).join('\n')}`;
      for (const userId of secretariat) await send(userId, `list:${periods.join(',')}`, `Danh sách chưa đạt chỉ tiêu cung cấp tin (${periods.join(', ')})`, body, `/admin/provision?ky=${today.slice(0, 7)}`);
    }
  }
  return told;
}

/** Runs the reminders every interval in this process; returns a stop function. */
export function startProvisionJobs(ctx: JobContext, intervalMs = 60 * 60_000): () => void {
  return runEvery(
    intervalMs,
    async () => {
      await runQuotaReminders(ctx);
    },
    (error) => ctx.log?.error({ err: { message: error.message } }, 'provision reminders failed'),
    { db: ctx.db, name: 'provision' },
  );
}
