// The dated rules of citizens' voice, read for one site on one day, with the
// national baseline (core/citizens/deadlines.ts) when no rule is set.
import { CITIZEN_DEADLINE_DEFAULTS } from '../../core/citizens/index.ts';
import type { DeadlineValue } from '../../core/rule-catalogue.ts';
import { vietnamDate } from '../../core/time.ts';
import type { ReviewChain } from '../../core/workflow/index.ts';
import type { Db } from '../../platform/db/database.ts';
import type { CitizenCaseRow } from '../../platform/db/schema.ts';
import { chainInForce, siteCalendar } from '../articles/workflow-context.ts';
import { ruleOn } from '../rules/store.ts';
import type { Site } from '../sites/site.ts';

/** The deadline a rule sets on the day `at` falls in (the site's own, else national, else the baseline). */
export async function citizenDeadline(db: Db, siteId: number, key: string, at: Date): Promise<DeadlineValue> {
  const rule = await ruleOn<DeadlineValue>(db, siteId, key, vietnamDate(at));
  if (rule) return rule.value;
  const fallback = CITIZEN_DEADLINE_DEFAULTS[key];
  if (!fallback) throw new Error(`No default for rule ${key}`);
  return { amount: fallback.amount, unit: fallback.unit };
}

/** When something started at `from` under the rule `key` is due, on the site's working calendar. */
export async function dueAt(db: Db, site: Pick<Site, 'id' | 'settings'>, key: string, from: Date): Promise<Date> {
  const value = await citizenDeadline(db, site.id, key, from);
  return siteCalendar(site).deadline(from, value);
}

/**
 * The routing deadline of a petition waiting in intake (Decree 20/2008: forwarded within 5
 * working days), null for any other case. For lists: the rule is read once per day of
 * arrival and the calendar built once, not once per case.
 */
export function forwardDueResolver(db: Db, site: Pick<Site, 'id' | 'settings'>): (row: Pick<CitizenCaseRow, 'kind' | 'status' | 'created_at'>) => Promise<Date | null> {
  const calendar = siteCalendar(site);
  const byDay = new Map<string, Promise<DeadlineValue>>();
  return async (row) => {
    if (row.kind !== 'petition' || row.status !== 'received') return null;
    const from = new Date(row.created_at);
    const day = vietnamDate(from);
    let value = byDay.get(day);
    if (!value) byDay.set(day, (value = citizenDeadline(db, site.id, 'deadline.petition_forward', from)));
    return calendar.deadline(from, await value);
  };
}

/** The approval chain of answers in force on a date: chain.answer, else the default (core/citizens). */
export async function answerChainInForce(db: Db, siteId: number, date: string): Promise<ReviewChain> {
  return (await chainInForce(db, siteId, date, 'answer')).chain;
}
