// Monthly figures of citizens' cases for the board's report to the owning
// agency (000 Đ13, 003 Đ17.3): per field and per unit, how many cases were
// received, answered (on time or late), refused, forwarded or merged, how
// many open ones are overdue at the end of the month, and the average time to
// answer in calendar and working days.
import { isClosed } from '../../core/citizens/index.ts';
import { addDays, startOfVietnamDate } from '../../core/time.ts';
import type { WorkingCalendar } from '../../core/calendar/index.ts';
import type { Db } from '../../platform/db/database.ts';
import type { CitizenCaseRow } from '../../platform/db/schema.ts';

export interface MonthRange {
  /** "2026-11" */
  month: string;
  start: Date;
  /** Exclusive. */
  end: Date;
}

/** The month "YYYY-MM" in Vietnam time, or null when it is not one. */
export function monthRange(month: string): MonthRange | null {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!m) return null;
  const first = `${m[1]}-${m[2]}-01`;
  const next = Number(m[2]) === 12 ? `${Number(m[1]) + 1}-01-01` : `${m[1]}-${String(Number(m[2]) + 1).padStart(2, '0')}-01`;
  return { month, start: startOfVietnamDate(first), end: startOfVietnamDate(next) };
}

/** The month before the one `date` (YYYY-MM-DD) falls in. */
export function previousMonth(date: string): string {
  return addDays(`${date.slice(0, 7)}-01`, -1).slice(0, 7);
}

export interface FigureRow {
  /** The field or unit name; null = not classified / not assigned. */
  key: string | null;
  received: number;
  answered: number;
  answeredLate: number;
  refused: number;
  forwarded: number;
  merged: number;
  /** Open at the end of the month (or now, for the current month) and past their due time. */
  overdue: number;
  /** Average from receipt to answer, over the cases answered in the month. */
  averageDays: number | null;
  averageWorkingDays: number | null;
}

export interface CaseFigures {
  range: MonthRange;
  /** The instant "open and overdue" is judged at: the month's end, or now for the current month. */
  asOf: Date;
  total: FigureRow;
  byField: FigureRow[];
  byUnit: FigureRow[];
  byKind: FigureRow[];
}

type CaseFacts = Pick<CitizenCaseRow, 'kind' | 'field' | 'unit_id' | 'status' | 'created_at' | 'answered_at' | 'closed_at' | 'due_at'>;

function emptyRow(key: string | null): FigureRow & { sumDays: number; sumWorkingDays: number } {
  return { key, received: 0, answered: 0, answeredLate: 0, refused: 0, forwarded: 0, merged: 0, overdue: 0, averageDays: null, averageWorkingDays: null, sumDays: 0, sumWorkingDays: 0 };
}

const DAY_MS = 86_400_000;

/** Aggregates cases into the month's figures. Pure: the caller loads the cases and names the keys. */
export function computeFigures(cases: CaseFacts[], range: MonthRange, asOf: Date, calendar: Pick<WorkingCalendar, 'workingHoursBetween' | 'hoursPerDay'>, names: { unit: (id: number | null) => string | null }): Omit<CaseFigures, 'range' | 'asOf'> {
  const groups = { total: new Map<string | null, ReturnType<typeof emptyRow>>(), field: new Map(), unit: new Map(), kind: new Map() } as Record<'total' | 'field' | 'unit' | 'kind', Map<string | null, ReturnType<typeof emptyRow>>>;
  const inMonth = (iso: string | null) => iso !== null && iso >= range.start.toISOString() && iso < range.end.toISOString();
  const asOfIso = asOf.toISOString();
  for (const c of cases) {
    const keys: [keyof typeof groups, string | null][] = [['total', null], ['field', c.field], ['unit', names.unit(c.unit_id)], ['kind', c.kind]];
    for (const [group, key] of keys) {
      let row = groups[group].get(key);
      if (!row) groups[group].set(key, (row = emptyRow(key)));
      if (inMonth(c.created_at)) row.received += 1;
      if (c.status === 'answered' && inMonth(c.answered_at)) {
        row.answered += 1;
        if (c.due_at && c.answered_at! > c.due_at) row.answeredLate += 1;
        const from = new Date(c.created_at);
        const to = new Date(c.answered_at!);
        row.sumDays += (to.getTime() - from.getTime()) / DAY_MS;
        row.sumWorkingDays += calendar.workingHoursBetween(from, to) / calendar.hoursPerDay;
      }
      if (inMonth(c.closed_at)) {
        if (c.status === 'refused') row.refused += 1;
        if (c.status === 'forwarded') row.forwarded += 1;
        if (c.status === 'merged') row.merged += 1;
      }
      const openAtAsOf = c.created_at < asOfIso && (!isClosed(c.status) || (c.closed_at !== null && c.closed_at > asOfIso));
      if (openAtAsOf && c.due_at !== null && c.due_at < asOfIso) row.overdue += 1;
    }
  }
  const finish = (map: Map<string | null, ReturnType<typeof emptyRow>>): FigureRow[] =>
    [...map.values()]
      .map(({ sumDays, sumWorkingDays, ...row }) => ({
        ...row,
        averageDays: row.answered > 0 ? Math.round((sumDays / row.answered) * 10) / 10 : null,
        averageWorkingDays: row.answered > 0 ? Math.round((sumWorkingDays / row.answered) * 10) / 10 : null,
      }))
      .sort((a, b) => (a.key === null ? 1 : b.key === null ? -1 : a.key.localeCompare(b.key, 'vi')));
  return {
    total: finish(groups.total.size > 0 ? groups.total : new Map([[null, emptyRow(null)]]))[0]!,
    byField: finish(groups.field),
    byUnit: finish(groups.unit),
    byKind: finish(groups.kind),
  };
}

/** The figures of a site for a month: every case that was received before its end and still open, or closed, in it. */
export async function loadFigures(db: Db, siteId: number, range: MonthRange, now: Date, calendar: Pick<WorkingCalendar, 'workingHoursBetween' | 'hoursPerDay'>, unitId: number | null = null): Promise<CaseFigures> {
  const asOf = now < range.end ? now : range.end;
  const startIso = range.start.toISOString();
  const [cases, units] = await Promise.all([
    db
      .selectFrom('citizen_cases')
      .select(['kind', 'field', 'unit_id', 'status', 'created_at', 'answered_at', 'closed_at', 'due_at'])
      .where('site_id', '=', siteId)
      .where('created_at', '<', range.end.toISOString())
      .$if(unitId !== null, (q) => q.where('unit_id', '=', unitId))
      .where((eb) => eb.or([eb('closed_at', 'is', null), eb('closed_at', '>=', startIso), eb('created_at', '>=', startIso)]))
      .execute(),
    db.selectFrom('units').select(['id', 'name']).where('site_id', '=', siteId).execute(),
  ]);
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  return { range, asOf, ...computeFigures(cases, range, asOf, calendar, { unit: (id) => (id === null ? null : (unitName.get(id) ?? null)) }) };
}
