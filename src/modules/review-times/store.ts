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

/** Per step: stays ended in the period, their mean and median working time, and how many ended late. */
export async function stepFigures(db: Db, scope: Scope): Promise<StepFigure[]> {
  const where = sql`t.site_id = ${scope.siteId} and t.left_at >= ${scope.start} and t.left_at < ${scope.end} ${unitFilter(scope)}`;
  const totals = await sql<{ step_index: number; step_name: string; items: number; mean: number; overdue: number }>`
    select t.step_index, t.step_name, count(*) as items, avg(t.working_minutes) as mean, sum(t.overdue) as overdue
    from review_step_times t where ${where}
    group by t.step_index, t.step_name order by t.step_index, t.step_name`.execute(db);
  const medians = await sql<{ step_index: number; step_name: string; median: number }>`
    select r.step_index, r.step_name, avg(r.working_minutes) as median from (
      select t.step_index, t.step_name, t.working_minutes,
        row_number() over (partition by t.step_index, t.step_name order by t.working_minutes) as rn,
        count(*) over (partition by t.step_index, t.step_name) as n
      from review_step_times t where ${where}
    ) r where r.rn in ((r.n + 1) / 2, (r.n + 2) / 2)
    group by r.step_index, r.step_name`.execute(db);
  const medianOf = new Map(medians.rows.map((m) => [`${m.step_index}:${m.step_name}`, num(m.median)]));
  return totals.rows.map((r) => ({
    stepIndex: num(r.step_index),
    stepName: r.step_name,
    items: num(r.items),
    meanMinutes: num(r.mean),
    medianMinutes: medianOf.get(`${r.step_index}:${r.step_name}`) ?? 0,
    overdue: num(r.overdue),
  }));
}

/** Per reviewer: decisions taken in the period (approve, return, reject), mean time of those stays, how many late. */
export async function reviewerFigures(db: Db, scope: Scope): Promise<ReviewerFigure[]> {
  const rows = await sql<{ actor_user_id: number | null; name: string | null; acted: number; on_behalf: number; mean: number; overdue: number }>`
    select t.actor_user_id, u.name, count(*) as acted,
      sum(case when t.on_behalf_of_user_id is not null then 1 else 0 end) as on_behalf,
      avg(t.working_minutes) as mean, sum(t.overdue) as overdue
    from review_step_times t left join users u on u.id = t.actor_user_id
    where t.site_id = ${scope.siteId} and t.left_at >= ${scope.start} and t.left_at < ${scope.end} ${unitFilter(scope)}
      and t.left_by in (${sql.join(REVIEW_DECISIONS.map((d) => sql.lit(d)))})
    group by t.actor_user_id, u.name order by u.name, t.actor_user_id`.execute(db);
  return rows.rows.map((r) => ({ userId: r.actor_user_id, name: r.name, acted: num(r.acted), onBehalf: num(r.on_behalf), meanMinutes: num(r.mean), overdue: num(r.overdue) }));
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
