// Planned maintenance windows (Decree 224/2026 Art. 13; ADR 0030): scheduled
// by the installation administrator for every site or a list of sites, and
// published at once — at least the rule's working days (7 by the decree) before
// the start, counted on the Vietnamese working calendar with its holidays.
// Every change is audited in the chain of each affected site, which moves that
// site's public content version on: every node's render cache drops the pages
// (modules/public/content-version.ts). When a window is over, one node drops
// the pages that still show its notice (dropEndedNotices).
import { createCalendar, type WorkingCalendar } from '../../core/calendar/index.ts';
import { DomainError, type Problem } from '../../core/errors.ts';
import { MAINTENANCE_NOTICE_DEFAULT, MAINTENANCE_NOTICE_RULE, type DeadlineValue } from '../../core/rule-catalogue.ts';
import { formatDateTime, isoNow, systemClock, vietnamDate, type Clock } from '../../core/time.ts';
import { normalizeInput } from '../../core/vietnamese/index.ts';
import { inTransaction, type Db } from '../../platform/db/database.ts';
import type { MaintenanceWindowRow } from '../../platform/db/schema.ts';
import { appendAudit, type AuditActor } from '../audit/store.ts';
import { bumpContentVersion } from '../public/content-version.ts';
import { ruleOn } from '../rules/store.ts';

/** The national working calendar: weekends and the statutory holidays (Tết, 30/4, 2/9…). */
const nationalCalendar: WorkingCalendar = createCalendar();

export interface MaintenanceWindow {
  id: number;
  /** null: every site of the installation. */
  siteIds: number[] | null;
  startsAt: string;
  endsAt: string;
  reason: string;
  reasonEn: string | null;
  publishedAt: string;
  cancelledAt: string | null;
}

export interface MaintenanceInput {
  /** 'all', or the affected sites. */
  sites: 'all' | number[];
  startsAt: Date;
  endsAt: Date;
  reason: string;
  reasonEn?: string | null;
}

export type PlatformActor = Omit<AuditActor, 'siteId'>;

/** How far ahead a window must be announced: the national rule in force, else the decree's 7 working days. */
export async function noticeRule(db: Db, on: Date): Promise<{ amount: number; unit: 'working_days'; citation: string | null }> {
  // The rule is national only: site 0 never exists, so only the national versions are read.
  const rule = await ruleOn<DeadlineValue>(db, 0, MAINTENANCE_NOTICE_RULE, vietnamDate(on));
  const amount = rule?.value.unit === 'working_days' && rule.value.amount >= MAINTENANCE_NOTICE_DEFAULT.amount ? rule.value.amount : MAINTENANCE_NOTICE_DEFAULT.amount;
  return { amount, unit: 'working_days', citation: rule?.citation ?? null };
}

/**
 * The earliest start for a window published at `publishedAt`: the end of the
 * rule's last working day, the day of publication not counted (the working
 * calendar's deadline arithmetic, Civil Code Art. 147).
 */
export async function earliestStart(db: Db, publishedAt: Date): Promise<{ earliest: Date; days: number }> {
  const rule = await noticeRule(db, publishedAt);
  return { earliest: nationalCalendar.deadline(publishedAt, { amount: rule.amount, unit: 'working_days' }), days: rule.amount };
}

function problem(field: string, vi: string, en: string): Problem {
  return { code: 'invalid_maintenance', field, vi, en };
}

/** `noticeFrom`: when the affected sites were told (null: the start was already announced in time). */
async function validate(db: Db, input: MaintenanceInput, noticeFrom: Date | null): Promise<{ reason: string; reasonEn: string | null; siteIds: number[] | null }> {
  const problems: Problem[] = [];
  const reason = normalizeInput(input.reason ?? '').trim();
  const reasonEn = input.reasonEn ? normalizeInput(input.reasonEn).trim() || null : null;
  if (!reason) problems.push(problem('reason', 'Cần ghi lý do bảo trì (tiếng Việt).', 'A reason for the maintenance (in Vietnamese) is required.'));
  if (reason.length > 1000 || (reasonEn?.length ?? 0) > 1000) problems.push(problem('reason', 'Lý do dài quá 1000 ký tự.', 'The reason is longer than 1000 characters.'));
  if (!(input.endsAt.getTime() > input.startsAt.getTime())) {
    problems.push(problem('endTime', 'Thời gian dự kiến khôi phục phải sau thời gian bắt đầu.', 'The expected restoration time must be after the start.'));
  }
  let siteIds: number[] | null = null;
  if (input.sites !== 'all') {
    siteIds = [...new Set(input.sites)];
    const found = siteIds.length === 0 ? [] : await db.selectFrom('sites').select('id').where('id', 'in', siteIds).execute();
    if (siteIds.length === 0 || found.length !== siteIds.length) problems.push(problem('sites', 'Chọn tất cả các trang hoặc ít nhất một trang có trong hệ thống.', 'Choose every site or at least one existing site.'));
  }
  const { earliest, days } = noticeFrom ? await earliestStart(db, noticeFrom) : { earliest: input.startsAt, days: 0 };
  if (input.startsAt.getTime() < earliest.getTime()) {
    problems.push(
      problem(
        'startDate',
        `Bảo trì theo kế hoạch phải được thông báo trước ít nhất ${days} ngày làm việc (Nghị định 224/2026/NĐ-CP, Điều 13): thời gian bắt đầu sớm nhất là ${formatDateTime(earliest)}.`,
        `Planned maintenance must be announced at least ${days} working days ahead (Decree 224/2026 Art. 13): the earliest start is ${formatDateTime(earliest)}.`,
      ),
    );
  }
  if (problems.length > 0) throw new DomainError(problems);
  return { reason, reasonEn, siteIds };
}

/** The sites whose audit chain records a change to the window (and whose pages drop). */
async function affectedSites(db: Db, siteIds: number[] | null): Promise<number[]> {
  if (siteIds) return siteIds;
  return (await db.selectFrom('sites').select('id').orderBy('id').execute()).map((r) => r.id);
}

function toWindow(row: MaintenanceWindowRow, sites: Map<number, number[]>): MaintenanceWindow {
  return {
    id: row.id,
    siteIds: row.all_sites ? null : (sites.get(row.id) ?? []),
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    reason: row.reason,
    reasonEn: row.reason_en,
    publishedAt: row.published_at,
    cancelledAt: row.cancelled_at,
  };
}

async function withSites(db: Db, rows: (MaintenanceWindowRow)[]): Promise<MaintenanceWindow[]> {
  const ids = rows.filter((r) => !r.all_sites).map((r) => r.id);
  const links = ids.length === 0 ? [] : await db.selectFrom('maintenance_window_sites').select(['window_id', 'site_id']).where('window_id', 'in', ids).orderBy('site_id').execute();
  const sites = new Map<number, number[]>();
  for (const l of links) sites.set(l.window_id, [...(sites.get(l.window_id) ?? []), l.site_id]);
  return rows.map((r) => toWindow(r, sites));
}

async function audit(db: Db, actor: PlatformActor, siteIds: number[], action: string, id: number, details: Record<string, unknown>, clock: Clock): Promise<void> {
  for (const siteId of siteIds) await appendAudit(db, { ...actor, siteId }, { action, targetType: 'maintenance_window', targetId: id, details }, clock);
}

function auditDetails(w: { siteIds: number[] | null; startsAt: string; endsAt: string; reason: string }) {
  return { sites: w.siteIds ?? 'all', startsAt: w.startsAt, endsAt: w.endsAt, reason: w.reason };
}

/** Schedules and publishes a window; refused (DomainError) when announced too late. */
export async function scheduleMaintenance(db: Db, actor: PlatformActor, input: MaintenanceInput, clock: Clock = systemClock): Promise<MaintenanceWindow> {
  const now = clock.now();
  const checked = await validate(db, input, now);
  return inTransaction(db, async (trx) => {
    const at = isoNow(clock);
    const row = await trx
      .insertInto('maintenance_windows')
      .values({ all_sites: checked.siteIds ? 0 : 1, starts_at: input.startsAt.toISOString(), ends_at: input.endsAt.toISOString(), reason: checked.reason, reason_en: checked.reasonEn, published_at: at, created_by_user_id: actor.userId, created_at: at, updated_at: at })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (checked.siteIds) await trx.insertInto('maintenance_window_sites').values(checked.siteIds.map((site_id) => ({ window_id: row.id, site_id }))).execute();
    const window = toWindow(row, new Map([[row.id, checked.siteIds ?? []]]));
    await audit(trx, actor, await affectedSites(trx, checked.siteIds), 'maintenance.schedule', row.id, auditDetails(window), clock);
    return window;
  });
}

export async function getMaintenance(db: Db, id: number): Promise<MaintenanceWindow | null> {
  const row = await db.selectFrom('maintenance_windows').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? (await withSites(db, [row]))[0]! : null;
}

function notFoundError(): DomainError {
  return new DomainError(problem('_form', 'Không có đợt bảo trì này.', 'No such maintenance window.'), 404);
}

/**
 * Changes a window. The notice period counts from the first publication for
 * the sites already told; a site added now is told now, so the period counts
 * from now when the list grows.
 */
export async function changeMaintenance(db: Db, actor: PlatformActor, id: number, input: MaintenanceInput, clock: Clock = systemClock): Promise<MaintenanceWindow> {
  const before = await getMaintenance(db, id);
  if (!before || before.cancelledAt) throw notFoundError();
  if (new Date(before.endsAt).getTime() <= clock.now().getTime()) {
    throw new DomainError(problem('_form', 'Đợt bảo trì đã kết thúc, không sửa được.', 'The window is over and can no longer be changed.'));
  }
  const grows = before.siteIds !== null && (input.sites === 'all' || input.sites.some((s) => !before.siteIds!.includes(s)));
  // A start kept or moved later, for the sites already told, needs no new notice period (the end or the reason may change).
  const keepsStart = !grows && input.startsAt.getTime() >= new Date(before.startsAt).getTime();
  const checked = await validate(db, input, keepsStart ? null : grows ? clock.now() : new Date(before.publishedAt));
  return inTransaction(db, async (trx) => {
    const at = isoNow(clock);
    await trx
      .updateTable('maintenance_windows')
      .set({ all_sites: checked.siteIds ? 0 : 1, starts_at: input.startsAt.toISOString(), ends_at: input.endsAt.toISOString(), reason: checked.reason, reason_en: checked.reasonEn, updated_at: at, ended_flushed_at: null })
      .where('id', '=', id)
      .execute();
    await trx.deleteFrom('maintenance_window_sites').where('window_id', '=', id).execute();
    if (checked.siteIds) await trx.insertInto('maintenance_window_sites').values(checked.siteIds.map((site_id) => ({ window_id: id, site_id }))).execute();
    const after = (await getMaintenance(trx, id))!;
    // Sites dropped from the list lose the notice too: their chain records it and their pages drop.
    const sites = new Set([...(await affectedSites(trx, before.siteIds)), ...(await affectedSites(trx, after.siteIds))]);
    await audit(trx, actor, [...sites].sort((a, b) => a - b), 'maintenance.change', id, { before: auditDetails(before), after: auditDetails(after) }, clock);
    return after;
  });
}

/** Cancels a window; `reason` (why, given on the confirmation page) goes into the audit details. */
export async function cancelMaintenance(db: Db, actor: PlatformActor, id: number, clock: Clock = systemClock, reason?: string): Promise<void> {
  const before = await getMaintenance(db, id);
  if (!before || before.cancelledAt) throw notFoundError();
  await inTransaction(db, async (trx) => {
    const at = isoNow(clock);
    await trx.updateTable('maintenance_windows').set({ cancelled_at: at, updated_at: at }).where('id', '=', id).execute();
    await audit(trx, actor, await affectedSites(trx, before.siteIds), 'maintenance.cancel', id, reason ? { ...auditDetails(before), cancelReason: reason } : auditDetails(before), clock);
  });
}

/** Windows not cancelled whose end is after `now`, soonest first (the status page, the back office). */
export async function currentAndUpcoming(db: Db, now: Date): Promise<MaintenanceWindow[]> {
  const rows = await db.selectFrom('maintenance_windows').selectAll().where('cancelled_at', 'is', null).where('ends_at', '>', now.toISOString()).orderBy('starts_at').orderBy('id').execute();
  return withSites(db, rows);
}

/** Every window, latest start first (the administrator's list). */
export async function listMaintenance(db: Db, limit = 100): Promise<MaintenanceWindow[]> {
  const rows = await db.selectFrom('maintenance_windows').selectAll().orderBy('starts_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return withSites(db, rows);
}

/** Whether a window's notice shows at `now`: from its publication to its end. */
export function noticeShownAt(window: MaintenanceWindow, now: Date): boolean {
  const at = now.toISOString();
  return window.publishedAt <= at && window.endsAt > at;
}

/**
 * The windows a site's pages may show from `now` on: not cancelled, not over. Their time test is
 * the reader's (noticeShownAt), so a list read once serves until the site's content changes.
 */
export async function unendedWindowsForSite(db: Db, siteId: number, now: Date): Promise<MaintenanceWindow[]> {
  const rows = await db
    .selectFrom('maintenance_windows')
    .selectAll()
    .where('cancelled_at', 'is', null)
    .where('ends_at', '>', now.toISOString())
    .where((eb) => eb.or([eb('all_sites', '=', 1), eb.exists(eb.selectFrom('maintenance_window_sites').select('site_id').whereRef('maintenance_window_sites.window_id', '=', 'maintenance_windows.id').where('maintenance_window_sites.site_id', '=', siteId))]))
    .orderBy('starts_at')
    .execute();
  return withSites(db, rows);
}

/** The notices a site's pages show at `now`: published, not cancelled, not over. */
export async function noticesForSite(db: Db, siteId: number, now: Date): Promise<MaintenanceWindow[]> {
  return (await unendedWindowsForSite(db, siteId, now)).filter((w) => noticeShownAt(w, now));
}

/**
 * Windows that are over: their notice leaves the pages. Each is claimed by one
 * node (the update that sets ended_flushed_at), which moves the affected sites'
 * content versions on. Returns how many windows were closed.
 */
export async function dropEndedNotices(db: Db, clock: Clock = systemClock): Promise<number> {
  const now = isoNow(clock);
  const ended = await db.selectFrom('maintenance_windows').selectAll().where('ended_flushed_at', 'is', null).where('cancelled_at', 'is', null).where('ends_at', '<=', now).execute();
  let closed = 0;
  for (const window of await withSites(db, ended)) {
    await inTransaction(db, async (trx) => {
      const claimed = await trx.updateTable('maintenance_windows').set({ ended_flushed_at: now }).where('id', '=', window.id).where('ended_flushed_at', 'is', null).executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) return;
      for (const siteId of await affectedSites(trx, window.siteIds)) await bumpContentVersion(trx, siteId, now);
      closed += 1;
    });
  }
  return closed;
}
