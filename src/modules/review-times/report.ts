// The review-times figures of one site for a period, as the page, the export
// and the report section read them.
import { vietnamDate } from '../../core/time.ts';
import type { Db } from '../../platform/db/database.ts';
import { loadStaffing, siteCalendar } from '../articles/workflow-context.ts';
import type { Site } from '../sites/site.ts';
import { openOverdue, periodBounds, reviewerFigures, stepFigures, userNames, type OpenOverdue, type ReviewerFigure, type StepFigure } from './store.ts';

export interface ReviewerRow extends ReviewerFigure {
  /** Items waiting for this person past their due time now. */
  openNow: number;
}

export interface OpenRow extends OpenOverdue {
  names: string[];
}

export interface ReviewTimes {
  from: string;
  to: string;
  steps: StepFigure[];
  reviewers: ReviewerRow[];
  open: OpenRow[];
}

export async function loadReviewTimes(db: Db, site: Site, period: { from: string; to: string }, now: Date, unitId: number | null = null): Promise<ReviewTimes> {
  const { start, end } = periodBounds(period.from, period.to);
  const scope = { siteId: site.id, start, end, unitId };
  const [steps, decided] = [await stepFigures(db, scope), await reviewerFigures(db, scope)];
  const staffing = await loadStaffing(db, site, vietnamDate(now));
  const open = await openOverdue(db, site.id, now, siteCalendar(site), staffing, unitId);
  const names = await userNames(db, open.flatMap((o) => o.userIds));
  const openCount = new Map<number, number>();
  for (const o of open) for (const id of o.userIds) openCount.set(id, (openCount.get(id) ?? 0) + 1);
  const reviewers: ReviewerRow[] = decided.map((r) => ({ ...r, openNow: r.userId === null ? 0 : (openCount.get(r.userId) ?? 0) }));
  // People with late items waiting for them who took no decision in the period still get a row.
  for (const [userId, count] of openCount) {
    if (!reviewers.some((r) => r.userId === userId)) reviewers.push({ userId, name: names.get(userId) ?? null, acted: 0, onBehalf: 0, meanMinutes: 0, overdue: 0, openNow: count });
  }
  return { from: period.from, to: period.to, steps, reviewers, open: open.map((o) => ({ ...o, names: o.userIds.map((id) => names.get(id) ?? `#${id}`) })) };
}
