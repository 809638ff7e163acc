// Review timeliness (issue 13, item 4): how long an item stayed at each step of
// its review chain, counted in working time on the site's calendar, whether it
// left the step after its due time, when to remind the people who can act
// before the due time, and when to escalate a late step (to the editor-in-chief,
// then the owner). Pure: the caller loads the rules and stores the results.
import type { WorkingCalendar } from '../calendar/index.ts';
import type { Problem } from '../errors.ts';
import type { DeadlineValue } from '../rule-catalogue.ts';
import type { WorkflowItem } from './engine.ts';

export type TimelinessCalendar = Pick<WorkingCalendar, 'workingHoursBetween' | 'deadline' | 'hoursPerDay'>;

/** A reminder this long before a step's due time when the site sets no rule (reminder.step_before_due). */
export const DEFAULT_REMINDER: DeadlineValue = { amount: 4, unit: 'working_hours' };

// ---- Time spent at a step ----

/** Does this change of the item end its stay at the current step (approved, returned, rejected, withdrawn, published urgently…)? A reassignment does not. */
export function leavesStep(before: Pick<WorkflowItem, 'reviewState' | 'stepIndex' | 'stepEnteredAt'>, after: Pick<WorkflowItem, 'reviewState' | 'stepIndex' | 'stepEnteredAt'>): boolean {
  if (before.reviewState !== 'in_review' || before.stepIndex === null || before.stepEnteredAt === null) return false;
  return after.reviewState !== 'in_review' || after.stepIndex !== before.stepIndex || after.stepEnteredAt !== before.stepEnteredAt;
}

export interface StepSpan {
  enteredAt: string;
  leftAt: string;
  dueAt: string | null;
  /** Working minutes between entry and leaving. */
  workingMinutes: number;
  /** Left after its due time. */
  overdue: boolean;
  /** Working minutes past the due time (0 when on time). */
  lateMinutes: number;
}

const minutes = (hours: number) => Math.max(0, Math.round(hours * 60));

/** The stay at a step, from its entry to `leftAt`, in working minutes. */
export function stepSpan(enteredAt: string, dueAt: string | null, leftAt: Date, calendar: TimelinessCalendar): StepSpan {
  const entered = new Date(enteredAt);
  const overdue = dueAt !== null && leftAt.getTime() > Date.parse(dueAt);
  return {
    enteredAt,
    leftAt: leftAt.toISOString(),
    dueAt,
    workingMinutes: minutes(calendar.workingHoursBetween(entered, leftAt)),
    overdue,
    lateMinutes: overdue ? minutes(calendar.workingHoursBetween(new Date(dueAt!), leftAt)) : 0,
  };
}

/** The delay of a step still open past its due time, in working minutes (0 when not late). */
export function openDelayMinutes(dueAt: string | null, now: Date, calendar: TimelinessCalendar): number {
  if (dueAt === null || now.getTime() <= Date.parse(dueAt)) return 0;
  return minutes(calendar.workingHoursBetween(new Date(dueAt), now));
}

/** The median of some numbers (the mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

// ---- Reminders before the due time ----

/**
 * Is it time to remind whoever can act that the step is due soon? From the
 * moment the time left until the due time is at most `before` (counted in the
 * rule's own unit), until the due time itself: after it, the step is late and
 * escalation takes over. A step without a due time is never reminded.
 */
export function reminderDue(dueAt: string | null, now: Date, before: DeadlineValue, calendar: TimelinessCalendar): boolean {
  if (dueAt === null) return false;
  const due = new Date(dueAt);
  if (now.getTime() >= due.getTime()) return false;
  switch (before.unit) {
    case 'working_hours':
      return calendar.workingHoursBetween(now, due) <= before.amount;
    case 'working_days':
      return calendar.workingHoursBetween(now, due) <= before.amount * calendar.hoursPerDay;
    case 'calendar_days':
      return due.getTime() - now.getTime() <= before.amount * 86_400_000;
  }
}

// ---- Escalation of a late step ----

export const ESCALATION_TARGETS = ['editor_in_chief', 'owner'] as const;
export type EscalationTarget = (typeof ESCALATION_TARGETS)[number];

export interface EscalationLevel {
  /** How long after the step's due time (on the working calendar) this level is told. */
  after: DeadlineValue;
  to: EscalationTarget;
}

export const MAX_ESCALATION_LEVELS = 5;
const UNITS: readonly string[] = ['working_hours', 'working_days', 'calendar_days'];

/** Validates the value of escalation.step_late: an ordered list of levels, each later than the one before. */
export function parseEscalation(value: unknown): { levels: EscalationLevel[] } | { problems: Problem[] } {
  const bad = (vi: string, en: string) => ({ problems: [{ code: 'invalid_rule_value', field: 'value', vi, en }] });
  const shape = bad(
    'Cấp báo cáo khi quá hạn cần một danh sách JSON các cấp theo thứ tự, ví dụ [{"after":{"amount":4,"unit":"working_hours"},"to":"editor_in_chief"},{"after":{"amount":2,"unit":"working_days"},"to":"owner"}]; "to" là editor_in_chief (Trưởng Ban biên tập) hoặc owner (lãnh đạo cơ quan chủ quản).',
    'Escalation needs an ordered JSON list of levels, e.g. [{"after":{"amount":4,"unit":"working_hours"},"to":"editor_in_chief"},{"after":{"amount":2,"unit":"working_days"},"to":"owner"}]; "to" is editor_in_chief or owner.',
  );
  if (!Array.isArray(value) || value.length > MAX_ESCALATION_LEVELS) return value === undefined || !Array.isArray(value) ? shape : bad(`Tối đa ${MAX_ESCALATION_LEVELS} cấp báo cáo.`, `At most ${MAX_ESCALATION_LEVELS} levels.`);
  const levels: EscalationLevel[] = [];
  for (const entry of value) {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return shape;
    const { after, to } = entry as { after?: unknown; to?: unknown };
    const a = after as Partial<DeadlineValue> | null | undefined;
    const amountOk = typeof a?.amount === 'number' && Number.isInteger(a.amount) && a.amount >= 0 && a.amount <= 10_000;
    if (!a || typeof a !== 'object' || !amountOk || !UNITS.includes(a.unit ?? '') || !(ESCALATION_TARGETS as readonly unknown[]).includes(to)) return shape;
    levels.push({ after: { amount: a.amount!, unit: a.unit! }, to: to as EscalationTarget });
  }
  return { levels };
}

/** When each level is told: its delay counted from the step's due time on the calendar. */
export function escalationTimes(dueAt: string, levels: readonly EscalationLevel[], calendar: TimelinessCalendar): Date[] {
  const due = new Date(dueAt);
  return levels.map((l) => (l.after.amount === 0 ? due : calendar.deadline(due, l.after)));
}

/** The levels (by index) whose time has come for a step still open at `now`. */
export function escalationsDue(dueAt: string | null, now: Date, levels: readonly EscalationLevel[], calendar: TimelinessCalendar): number[] {
  if (dueAt === null || now.getTime() <= Date.parse(dueAt)) return [];
  return escalationTimes(dueAt, levels, calendar)
    .map((at, i) => (now.getTime() >= at.getTime() ? i : -1))
    .filter((i) => i >= 0);
}
