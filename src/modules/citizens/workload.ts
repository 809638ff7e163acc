// What a person has to do about citizens' cases now: for the back-office home
// page and the morning digest to units. The board sees the whole site, a
// unit's answerers their unit's cases (the same scope as the register).
import { addDays, startOfVietnamDate, vietnamDate } from '../../core/time.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Site } from '../sites/site.ts';
import { forwardDueResolver } from './rules.ts';
import { isOverdue, nextDeadline, openCases, type CaseListItem, type CaseViewer } from './store.ts';

export interface DueCase {
  row: CaseListItem;
  /** The deadline that is passed or falls today. */
  due: Date;
}

export interface CaseWorkload {
  /** Waiting in the secretariat's intake. */
  intake: number;
  /** Sent to a unit that has not recorded receipt. */
  awaitingReceipt: number;
  /** Being answered by a unit. */
  inProgress: number;
  /** Answers in their approval chain. */
  inReview: number;
  /** Approved answers the secretariat has not yet sent. */
  toSend: number;
  /** Past a deadline, the most late first. */
  overdue: DueCase[];
  /** Not late yet, but due before the end of today (Vietnam time), earliest first. */
  dueToday: DueCase[];
}

export async function caseWorkload(db: Db, site: Pick<Site, 'id' | 'settings'>, viewer: CaseViewer, now: Date): Promise<CaseWorkload> {
  const endOfToday = startOfVietnamDate(addDays(vietnamDate(now), 1)).getTime();
  const forwardDue = forwardDueResolver(db, site);
  const w: CaseWorkload = { intake: 0, awaitingReceipt: 0, inProgress: 0, inReview: 0, toSend: 0, overdue: [], dueToday: [] };
  for (const row of await openCases(db, site.id, viewer)) {
    if (row.status === 'received') w.intake += 1;
    else if (row.status === 'assigned') w.awaitingReceipt += 1;
    else if (row.status === 'in_progress') w.inProgress += 1;
    else if (row.status === 'in_review') w.inReview += 1;
    else if (row.status === 'approved') w.toSend += 1;
    const forward = await forwardDue(row);
    const due = nextDeadline(row, forward);
    if (!due) continue;
    if (isOverdue(row, now, forward)) w.overdue.push({ row, due });
    else if (due.getTime() < endOfToday) w.dueToday.push({ row, due });
  }
  const byDue = (a: DueCase, b: DueCase) => a.due.getTime() - b.due.getTime();
  w.overdue.sort(byDue);
  w.dueToday.sort(byDue);
  return w;
}
