// Reminders before a review step's due time, and escalation when it is late,
// both as dated rules a site sets (reminder.step_before_due, escalation.step_late).
// Each is sent once per item per step round: the row in review_step_alerts is
// inserted first and only its inserter sends, so a restart or a second node
// never repeats one. Rules are read in the version in force on the day the
// item entered the step (ADR 0016), so changing a rule does not move the
// alerts of rounds already under way.
import type { DeadlineValue } from '../../core/rule-catalogue.ts';
import { formatDateTime, systemClock, vietnamDate, type Clock } from '../../core/time.ts';
import { parseChain, staffOfStep, type ReviewChain, type Staffing } from '../../core/workflow/index.ts';
import { DEFAULT_REMINDER, escalationsDue, parseEscalation, reminderDue, type EscalationLevel } from '../../core/workflow/timeliness.ts';
import type { Db } from '../../platform/db/database.ts';
import type { ArticleRow } from '../../platform/db/schema.ts';
import type { Mailer } from '../../platform/mail.ts';
import { notify, resolveRecipients } from '../notifications/notify.ts';
import { ruleOn } from '../rules/store.ts';
import { roleLabel, type Site } from '../sites/site.ts';
import { listSites } from '../sites/store.ts';
import { itemOfRow, loadStaffing, siteCalendar } from '../articles/workflow-context.ts';
import { formatWorkingTime } from './format.ts';

export const REMINDER_RULE = 'reminder.step_before_due';
export const ESCALATION_RULE = 'escalation.step_late';

export interface AlertContext {
  db: Db;
  mailer: Mailer;
  clock?: Clock;
  /** The origin for links in a site's e-mails; null: mails carry no link. */
  linkBase?: (site: Site) => string | null;
  log?: { error(obj: unknown, msg: string): void; info(obj: unknown, msg: string): void };
}

/**
 * Where a late step goes after the editor-in-chief: the owning agency's leader.
 * No role stands for the owner (labels.owner only names the agency), so the
 * owner is told by mail at the address the site sets in its settings page
 * (settings.ownerContact). Never the public contact inbox: the mail names an
 * item not yet published. No address set: the level is recorded, nobody mailed.
 */
export function ownerContact(site: Pick<Site, 'settings'>): string | null {
  return site.settings.ownerContact?.email?.trim() || null;
}

/** Rules read once per sweep for each site, key and day. */
function ruleCache(db: Db, siteId: number) {
  const cache = new Map<string, Promise<unknown>>();
  return <T>(key: string, date: string): Promise<T | null> => {
    const k = `${key}:${date}`;
    if (!cache.has(k)) cache.set(k, ruleOn<T>(db, siteId, key, date).then((r) => r?.value ?? null));
    return cache.get(k) as Promise<T | null>;
  };
}

/** Claims one alert of a step round; false when it was already sent (by this or another node). */
async function claimAlert(db: Db, row: ArticleRow, kind: 'reminder' | 'escalation', level: number, target: string, now: Date): Promise<number | null> {
  const inserted = await db
    .insertInto('review_step_alerts')
    .values({ site_id: row.site_id, item_type: 'article', item_id: row.id, step_index: row.step_index!, step_entered_at: row.step_entered_at!, kind, level, target, recipients: 0, mailed_to: null, due_at: row.step_due_at, sent_at: now.toISOString() })
    .onConflict((oc) => oc.columns(['site_id', 'item_type', 'item_id', 'step_index', 'step_entered_at', 'kind', 'level']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted?.id ?? null;
}

function chainOfRow(row: ArticleRow): ReviewChain | null {
  if (!row.chain) return null;
  const parsed = parseChain(JSON.parse(row.chain));
  return 'chain' in parsed ? parsed.chain : null;
}

/** Who is reminded: the person the step was given to, else whoever can take it (its stand-ins when nobody else can). */
export function remindedUsers(row: ArticleRow, chain: ReviewChain, staffing: Staffing): number[] {
  if (row.assignee_user_id !== null) return [row.assignee_user_id];
  const step = chain.steps[row.step_index ?? -1];
  if (!step) return [];
  const staff = staffOfStep(step, itemOfRow(row), chain, staffing);
  return staff.primary.length > 0 ? staff.primary : staff.standIns;
}

export interface SweepResult {
  reminders: number;
  escalations: number;
}

/** One pass over the open review steps of every active site. */
export async function sweepReviewAlerts(ctx: AlertContext): Promise<SweepResult> {
  const result: SweepResult = { reminders: 0, escalations: 0 };
  for (const site of await listSites(ctx.db)) {
    if (site.status !== 'active') continue;
    const r = await sweepSite(ctx, site);
    result.reminders += r.reminders;
    result.escalations += r.escalations;
  }
  return result;
}

export async function sweepSite(ctx: AlertContext, site: Site): Promise<SweepResult> {
  const clock = ctx.clock ?? systemClock;
  const now = clock.now();
  const calendar = siteCalendar(site);
  const rule = ruleCache(ctx.db, site.id);
  const result: SweepResult = { reminders: 0, escalations: 0 };
  const open = await ctx.db
    .selectFrom('articles')
    .selectAll()
    .where('site_id', '=', site.id)
    .where('review_state', '=', 'in_review')
    .where('step_due_at', 'is not', null)
    .where('deleted_at', 'is', null)
    .execute();
  if (open.length === 0) return result;
  const staffing = await loadStaffing(ctx.db, site, vietnamDate(now));
  const linkBase = ctx.linkBase?.(site) ?? null;
  for (const row of open) {
    const chain = chainOfRow(row);
    if (!chain || row.step_index === null || row.step_entered_at === null) continue;
    const step = chain.steps[row.step_index];
    if (!step) continue;
    // The versions in force on the day the item entered the step.
    const enteredOn = vietnamDate(new Date(row.step_entered_at));
    const before = (await rule<DeadlineValue>(REMINDER_RULE, enteredOn)) ?? DEFAULT_REMINDER;
    const base = { siteId: site.id, itemType: 'article', itemId: row.id, link: `/admin/articles/${row.id}` };
    const opts = { clock, linkBase };
    const due = formatDateTime(row.step_due_at!);
    try {
      const reminderId = before.amount > 0 && reminderDue(row.step_due_at, now, before, calendar) ? await claimAlert(ctx.db, row, 'reminder', 0, row.assignee_user_id !== null ? 'assignee' : 'step', now) : null;
      if (reminderId !== null) {
        const users = remindedUsers(row, chain, staffing);
        await notify(ctx.db, ctx.mailer, { ...base, kind: 'review.reminder', title: `Sắp đến hạn duyệt: ${row.title}`, body: `Tin bài «${row.title}» đang chờ ở bước «${step.name}» và cần được xử lý trước ${due}.`, action: { label: 'Xem nội dung và duyệt', link: `/admin/articles/${row.id}/review#actions`, itemLabel: 'Trang sửa tin bài' } }, users, opts);
        await ctx.db.updateTable('review_step_alerts').set({ recipients: users.length }).where('id', '=', reminderId).execute();
        result.reminders += 1;
      }
      const raw = await rule<unknown>(ESCALATION_RULE, enteredOn);
      const parsed = raw === null ? null : parseEscalation(raw);
      const levels: EscalationLevel[] = parsed && 'levels' in parsed ? parsed.levels : [];
      for (const i of escalationsDue(row.step_due_at, now, levels, calendar)) {
        const level = levels[i]!;
        const id = await claimAlert(ctx.db, row, 'escalation', i + 1, level.to, now);
        if (id === null) continue;
        const late = formatWorkingTime(calendar.workingHoursBetween(new Date(row.step_due_at!), now) * 60, 'vi');
        const title = `Tin bài quá hạn duyệt: ${row.title}`;
        const body = `Tin bài «${row.title}» đã quá hạn ở bước «${step.name}» (hạn ${due}, đã trễ ${late}). Người được giao hoặc người giữ vai trò của bước chưa xử lý.`;
        if (level.to === 'editor_in_chief') {
          const users = await resolveRecipients(ctx.db, site.id, [{ kind: 'role', role: 'editor_in_chief' }], clock);
          await notify(ctx.db, ctx.mailer, { ...base, kind: 'review.escalation', title, body }, users, opts);
          await ctx.db.updateTable('review_step_alerts').set({ recipients: users.length }).where('id', '=', id).execute();
        } else {
          const to = ownerContact(site);
          if (to) {
            const link = linkBase ? `\n\n${linkBase}/admin/articles/${row.id}` : '';
            await ctx.mailer.send({ to, subject: `[${site.name}] ${title}`, text: `Kính gửi ${roleLabel(site, 'owner', 'vi')},\n\n${body}${link}\n` }).catch((err: Error) => ctx.log?.error({ err: { message: err.message } }, 'owner escalation mail failed'));
          }
          await ctx.db.updateTable('review_step_alerts').set({ recipients: to ? 1 : 0, mailed_to: to }).where('id', '=', id).execute();
        }
        result.escalations += 1;
      }
    } catch (error) {
      ctx.log?.error({ err: { message: (error as Error).message }, articleId: row.id }, 'review alert failed');
    }
  }
  return result;
}
