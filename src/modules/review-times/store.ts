// Review timeliness figures of one site for a period: per step, per reviewer,
// and the items open past their due time now. Stays at steps are aggregated in
// SQL over review_step_times (site, left_at index); the median with window
// functions, which both engines have. Only the open items (a short list) are
// read into memory, to say who can act on each and how late it is.
import { sql } from 'kysely';
import { startOfVietnamDate, addDays } from '../../core/time.ts';
import { parseChain, staffOfStep, type ReviewChain, type Staffing } from '../../core/workflow/index.ts';
import { openDelayMinutes, type TimelinessCalendar } from '../../core/workflow/timeliness.ts';
import type { Db } from '../../platform/db/database.ts';
import { itemOfRow } from '../articles/workflow-context.ts';

/** Vietnamese calendar days from..to (inclusive) as UTC ISO bounds [start, end). */
export function periodBounds(from: string, to: string): { start: string; end: string } {
  return { start: startOfVietnamDate(from).toISOString(), end: startOfVietnamDate(addDays(to, 1)).toISOString() };
}

/** Reviewer decisions: what counts as a reviewer acting on a step (a withdrawal is the author's). */
export const REVIEW_DECISIONS = ['approve', 'return', 'reject'] as const;

export interface Scope {
  siteId: number;
  start: string;
  end: string;
  /** Only items of this providing unit (a unit head's view). */
  unitId?: number | null;
}

export interface StepFigure {
  stepIndex: number;
  stepName: string;
  items: number;
  meanMinutes: number;
  medianMinutes: number;
  overdue: number;
}

export interface ReviewerFigure {
  userId: number | null;
  name: string | null;
  acted: number;
  onBehalf: number;
  meanMinutes: number;
  overdue: number;
}

function unitFilter(scope: Scope) {
  return scope.unitId ? sql`and t.item_type = 'article' and t.item_id in (select a.id from articles a where a.site_id = ${scope.siteId} and a.unit_id = ${scope.unitId})` : sql``;
}

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));

/**
 * Per step: stays ended in the period, their mean and median working time, and
 * how many ended late. One grouped query returns, per step, how many stays took
 * each number of minutes (a histogram: at most a few thousand rows however
 * many items); count, mean and the exact median are read off it.
 */
export async function stepFigures(db: Db, scope: Scope): Promise<StepFigure[]> {
  const rows = await sql<{ step_index: number; step_name: string; minutes: number; items: number; overdue: number }>`
    select t.step_index, t.step_name, t.working_minutes as minutes, count(*) as items, sum(t.overdue) as overdue
    from review_step_times t
    where t.site_id = ${scope.siteId} and t.left_at >= ${scope.start} and t.left_at < ${scope.end} ${unitFilter(scope)}
    group by t.step_index, t.step_name, t.working_minutes
    order by t.step_index, t.step_name, t.working_minutes`.execute(db);
  const figures: StepFigure[] = [];
  let group: { figure: StepFigure; histogram: [number, number][]; total: number } | null = null;
  const close = () => {
    if (!group) return;
    group.figure.meanMinutes = group.total / group.figure.items;
    group.figure.medianMinutes = histogramMedian(group.histogram, group.figure.items);
    figures.push(group.figure);
  };
  for (const r of rows.rows) {
    const stepIndex = num(r.step_index);
    if (!group || group.figure.stepIndex !== stepIndex || group.figure.stepName !== r.step_name) {
      close();
      group = { figure: { stepIndex, stepName: r.step_name, items: 0, meanMinutes: 0, medianMinutes: 0, overdue: 0 }, histogram: [], total: 0 };
    }
    const [minutes, items] = [num(r.minutes), num(r.items)];
    group.histogram.push([minutes, items]);
    group.figure.items += items;
    group.figure.overdue += num(r.overdue);
    group.total += minutes * items;
  }
  close();
  return figures;
}

/** The median of values given as ascending [value, count] pairs (the mean of the two middle ones for an even count). */
export function histogramMedian(histogram: readonly [number, number][], n: number): number {
  const nth = (k: number) => {
    let seen = 0;
    for (const [value, count] of histogram) {
      seen += count;
      if (seen >= k) return value;
    }
    return 0;
  };
  return n % 2 === 1 ? nth((n + 1) / 2) : (nth(n / 2) + nth(n / 2 + 1)) / 2;
}

/** Per reviewer: decisions taken in the period (approve, return, reject), mean time of those stays, how many late. */
export async function reviewerFigures(db: Db, scope: Scope): Promise<ReviewerFigure[]> {
  const rows = await sql<{ actor_user_id: number | null; acted: number; on_behalf: number; total: number; overdue: number }>`
    select t.actor_user_id, count(*) as acted, count(t.on_behalf_of_user_id) as on_behalf,
      sum(t.working_minutes) as total, sum(t.overdue) as overdue
    from review_step_times t
    where t.site_id = ${scope.siteId} and t.left_at >= ${scope.start} and t.left_at < ${scope.end} ${unitFilter(scope)}
      and t.left_by in (${sql.join(REVIEW_DECISIONS.map((d) => sql.lit(d)))})
    group by t.actor_user_id`.execute(db);
  const names = await userNames(db, rows.rows.flatMap((r) => (r.actor_user_id === null ? [] : [r.actor_user_id])));
  return rows.rows
    .map((r) => ({ userId: r.actor_user_id, name: r.actor_user_id === null ? null : (names.get(r.actor_user_id) ?? null), acted: num(r.acted), onBehalf: num(r.on_behalf), meanMinutes: num(r.total) / Math.max(1, num(r.acted)), overdue: num(r.overdue) }))
    .sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '', 'vi') || (a.userId ?? 0) - (b.userId ?? 0));
}

export interface StayRow {
  itemId: number;
  title: string;
  stepIndex: number;
  stepName: string;
  enteredAt: string;
  leftAt: string;
  dueAt: string | null;
  workingMinutes: number;
  lateMinutes: number;
  leftBy: string;
  actorName: string | null;
  onBehalfOfName: string | null;
}

export interface StayFilter {
  stepIndex?: number | null;
  stepName?: string | null;
  reviewerId?: number | null;
  overdueOnly?: boolean;
}

export const MAX_LISTED = 500;

/** The stays behind a figure (a step, a reviewer, the late ones), newest first. */
export async function listStays(db: Db, scope: Scope, filter: StayFilter): Promise<StayRow[]> {
  const rows = await db
    .selectFrom('review_step_times as t')
    .innerJoin('articles as a', (j) => j.onRef('a.id', '=', 't.item_id').onRef('a.site_id', '=', 't.site_id'))
    .leftJoin('users as u', 'u.id', 't.actor_user_id')
    .leftJoin('users as b', 'b.id', 't.on_behalf_of_user_id')
    .select(['t.item_id', 'a.title', 't.step_index', 't.step_name', 't.entered_at', 't.left_at', 't.due_at', 't.working_minutes', 't.late_minutes', 't.left_by', 'u.name as actor_name', 'b.name as on_behalf_of_name'])
    .where('t.site_id', '=', scope.siteId)
    .where('t.item_type', '=', 'article')
    .where('t.left_at', '>=', scope.start)
    .where('t.left_at', '<', scope.end)
    .$if(!!scope.unitId, (q) => q.where('a.unit_id', '=', scope.unitId!))
    .$if(filter.stepIndex !== undefined && filter.stepIndex !== null, (q) => q.where('t.step_index', '=', filter.stepIndex!))
    .$if(!!filter.stepName, (q) => q.where('t.step_name', '=', filter.stepName!))
    .$if(filter.reviewerId !== undefined && filter.reviewerId !== null, (q) => q.where('t.actor_user_id', '=', filter.reviewerId!).where('t.left_by', 'in', [...REVIEW_DECISIONS]))
    .$if(!!filter.overdueOnly, (q) => q.where('t.overdue', '=', 1))
    .orderBy('t.left_at', 'desc')
    .limit(MAX_LISTED)
    .execute();
  return rows.map((r) => ({
    itemId: r.item_id,
    title: r.title,
    stepIndex: r.step_index,
    stepName: r.step_name,
    enteredAt: r.entered_at,
    leftAt: r.left_at,
    dueAt: r.due_at,
    workingMinutes: r.working_minutes,
    lateMinutes: r.late_minutes,
    leftBy: r.left_by,
    actorName: r.actor_name,
    onBehalfOfName: r.on_behalf_of_name,
  }));
}

export interface OpenOverdue {
  itemId: number;
  title: string;
  stepIndex: number;
  stepName: string;
  enteredAt: string;
  dueAt: string;
  delayMinutes: number;
  /** Who can act now: the assignee, else the step's people (its stand-ins when it has none). */
  userIds: number[];
}

/** Items in review whose step is past its due time now (oldest due first). */
export async function openOverdue(db: Db, siteId: number, now: Date, calendar: TimelinessCalendar, staffing: Staffing, unitId: number | null = null): Promise<OpenOverdue[]> {
  const rows = await db
    .selectFrom('articles')
    .selectAll()
    .where('site_id', '=', siteId)
    .where('review_state', '=', 'in_review')
    .where('step_due_at', '<', now.toISOString())
    .where('deleted_at', 'is', null)
    .$if(unitId !== null, (q) => q.where('unit_id', '=', unitId!))
    .orderBy('step_due_at')
    .limit(MAX_LISTED)
    .execute();
  return rows.map((row) => {
    const chain: ReviewChain | null = row.chain ? (((parseChain(JSON.parse(row.chain)) as { chain?: ReviewChain }).chain) ?? null) : null;
    const step = chain?.steps[row.step_index ?? -1];
    const item = itemOfRow(row);
    const staff = step && chain ? staffOfStep(step, item, chain, staffing) : null;
    const userIds = row.assignee_user_id !== null ? [row.assignee_user_id] : staff ? (staff.primary.length > 0 ? staff.primary : staff.standIns) : [];
    return {
      itemId: row.id,
      title: row.title,
      stepIndex: row.step_index ?? 0,
      stepName: step?.name ?? `Bước ${(row.step_index ?? 0) + 1}`,
      enteredAt: row.step_entered_at ?? row.step_due_at!,
      dueAt: row.step_due_at!,
      delayMinutes: openDelayMinutes(row.step_due_at, now, calendar),
      userIds,
    };
  });
}

/** Names of users, by id (for the people who can act on open items). */
export async function userNames(db: Db, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'name']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The reminders and escalations sent about an item, oldest first (its history page). */
export async function alertsOfItem(db: Db, siteId: number, itemType: string, itemId: number) {
  return db.selectFrom('review_step_alerts').selectAll().where('site_id', '=', siteId).where('item_type', '=', itemType).where('item_id', '=', itemId).orderBy('sent_at').orderBy('id').execute();
}
