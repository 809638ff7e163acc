// The ledger: what is owed to whom, per monthly period. A period is open until
// closed; a closed period's lines never change (closing locks them), so
// anything written later goes into an open period, naming what it corrects.
import { DomainError } from '../../core/errors.ts';
import { budgetLineOfKind, type BudgetLine, type LineKind, type ShareRole } from '../../core/royalties/policy.ts';
import { isPeriod, nextPeriod, periodLabel, periodOfDate } from '../../core/royalties/period.ts';
import { isoNow, systemClock, vietnamDate, type Clock } from '../../core/time.ts';
import { engineOf, type Db } from '../../platform/db/database.ts';

/**
 * Serialises a site's ledger changes (assessing, closing, paying, allowances)
 * until the transaction ends, so two at once cannot both decide on what the
 * other is writing. SQLite already runs one writer at a time.
 */
export async function lockLedger(trx: Db, siteId: number): Promise<void> {
  if (engineOf(trx) === 'postgres') await trx.selectFrom('sites').select('id').where('id', '=', siteId).forUpdate().execute();
}

export async function closedPeriods(db: Db, siteId: number): Promise<Set<string>> {
  const rows = await db.selectFrom('royalty_periods').select('period').where('site_id', '=', siteId).execute();
  return new Set(rows.map((r) => r.period));
}

export async function isPeriodClosed(db: Db, siteId: number, period: string): Promise<boolean> {
  const row = await db.selectFrom('royalty_periods').select('id').where('site_id', '=', siteId).where('period', '=', period).executeTakeFirst();
  return row !== undefined;
}

/** The last closed period of the site, or null when none is closed. */
export async function lastClosedPeriod(db: Db, siteId: number): Promise<string | null> {
  const row = await db.selectFrom('royalty_periods').select('period').where('site_id', '=', siteId).orderBy('period', 'desc').limit(1).executeTakeFirst();
  return row?.period ?? null;
}

/**
 * The first period lines may still go into: the month after the last closed
 * one. Nothing is booked behind a closed month, so a closed sheet — its lines
 * and what it carried over — stays as it was printed.
 */
export async function firstOpenPeriod(db: Db, siteId: number): Promise<string | null> {
  const last = await lastClosedPeriod(db, siteId);
  return last === null ? null : nextPeriod(last);
}

/**
 * The period a line dated `date` is booked into: the month of the date, or
 * the first open month after the last closed one when the date's month is
 * closed or lies behind it.
 */
export async function bookingPeriod(db: Db, siteId: number, date: string): Promise<string> {
  const first = await firstOpenPeriod(db, siteId);
  const period = periodOfDate(date);
  return first !== null && period < first ? first : period;
}

/** Problems with booking into `period` today: closed, behind the last closed month, or not begun. */
export async function bookingProblem(db: Db, siteId: number, period: string, today: string): Promise<{ vi: string; en: string; code: string } | null> {
  if (await isPeriodClosed(db, siteId, period)) return { code: 'period_closed', vi: `Kỳ ${periodLabel(period)} đã khóa sổ: không ghi thêm được.`, en: `Period ${period} is closed.` };
  const first = await firstOpenPeriod(db, siteId);
  if (first !== null && period < first) {
    return { code: 'period_behind_closed', vi: `${periodLabel(period)} ở trước kỳ đã khóa sổ gần nhất: hãy ghi vào ${periodLabel(first)} hoặc sau.`, en: `${period} lies before the last closed period: use ${first} or later.` };
  }
  if (period > periodOfDate(today)) return { code: 'period_future', vi: `${periodLabel(period)} chưa tới: không ghi trước vào kỳ sau.`, en: `${period} has not begun.` };
  return null;
}

export interface NewLine {
  period: string;
  payeeId: number;
  kind: LineKind;
  description: string;
  amount: number;
  assessmentId?: number | null;
  articleId?: number | null;
  role?: ShareRole | null;
  shareBp?: number | null;
  correctsLineId?: number | null;
  dueOn?: string | null;
  /** The budget line spent; by default the kind's (a correction names the line of what it corrects). */
  budgetLine?: BudgetLine;
}

/**
 * Writes lines (inside the caller's transaction). Refuses a closed period and
 * any amount that is not a whole number of đồng. The payee's current unit (else
 * the item's) is written with the line, for the per-unit sheet.
 */
export async function writeLines(trx: Db, siteId: number, userId: number | null, lines: readonly NewLine[], clock: Clock = systemClock): Promise<number[]> {
  const now = isoNow(clock);
  const ids: number[] = [];
  for (const line of lines) {
    if (!isPeriod(line.period)) throw new DomainError([{ code: 'invalid_period', field: 'period', vi: 'Kỳ không hợp lệ (YYYY-MM).', en: 'Invalid period (YYYY-MM).' }]);
    const refused = await bookingProblem(trx, siteId, line.period, vietnamDate(clock.now()));
    if (refused) throw new DomainError([{ ...refused, field: 'period' }]);
    if (!Number.isSafeInteger(line.amount)) throw new DomainError([{ code: 'invalid_amount', field: 'amount', vi: 'Số tiền phải là số nguyên đồng.', en: 'Amounts are whole VND.' }]);
    const payee = await trx.selectFrom('royalty_payees').select(['id', 'unit_id']).where('id', '=', line.payeeId).where('site_id', '=', siteId).executeTakeFirst();
    if (!payee) throw new DomainError([{ code: 'unknown_payee', field: 'payee', vi: 'Không tìm thấy người nhận.', en: 'Unknown payee.' }]);
    const row = await trx
      .insertInto('royalty_lines')
      .values({
        site_id: siteId,
        period: line.period,
        payee_id: line.payeeId,
        unit_id: payee.unit_id ?? (await itemUnit(trx, siteId, line.articleId ?? null)),
        kind: line.kind,
        assessment_id: line.assessmentId ?? null,
        article_id: line.articleId ?? null,
        description: line.description,
        role: line.role ?? null,
        share_bp: line.shareBp ?? null,
        amount: line.amount,
        budget_line: line.budgetLine ?? budgetLineOfKind(line.kind),
        corrects_line_id: line.correctsLineId ?? null,
        due_on: line.dueOn ?? null,
        voided_at: null,
        paid_on: null,
        paid_ref: null,
        paid_by_user_id: null,
        created_by_user_id: userId,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(row.id);
  }
  return ids;
}

/** The unit that provided an item: a line whose payee belongs to no unit is counted under it on the per-unit sheet. */
async function itemUnit(trx: Db, siteId: number, articleId: number | null): Promise<number | null> {
  if (articleId === null) return null;
  const row = await trx.selectFrom('articles').select('unit_id').where('id', '=', articleId).where('site_id', '=', siteId).executeTakeFirst();
  return row?.unit_id ?? null;
}

/** Spent so far in a year on a budget line: the ledger's lines (not voided) of the year's periods. */
export async function ledgerSpent(db: Db, siteId: number, year: number, budgetLine: string): Promise<number> {
  const row = await db
    .selectFrom('royalty_lines')
    .select((eb) => eb.fn.sum<string | number>('amount').as('total'))
    .where('site_id', '=', siteId)
    .where('budget_line', '=', budgetLine)
    .where('voided_at', 'is', null)
    .where('period', '>=', `${year}-01`)
    .where('period', '<=', `${year}-12`)
    .executeTakeFirst();
  return Number(row?.total ?? 0);
}

export interface BudgetPosition {
  /** The approved amount of the line for the year; null when none is recorded. */
  approved: number | null;
  /** The ledger's lines of the year on this budget line, plus spending recorded by hand. */
  spent: number;
}

/** Where a budget line stands in a year: what was approved and what is spent. */
export async function budgetPosition(db: Db, siteId: number, year: number, budgetLine: string): Promise<BudgetPosition> {
  const approved = await db.selectFrom('budget_lines').select('approved').where('site_id', '=', siteId).where('year', '=', year).where('line', '=', budgetLine).executeTakeFirst();
  const manual = await db
    .selectFrom('budget_movements')
    .select((eb) => eb.fn.sum<string | number>('amount').as('total'))
    .where('site_id', '=', siteId)
    .where('kind', '=', 'spending')
    .where('line', '=', budgetLine)
    .where('on_date', '>=', `${year}-01-01`)
    .where('on_date', '<=', `${year}-12-31`)
    .executeTakeFirst();
  return { approved: approved?.approved ?? null, spent: (await ledgerSpent(db, siteId, year, budgetLine)) + Number(manual?.total ?? 0) };
}

/** Would adding `extra` take the line past its approved amount? (false when no budget is recorded) */
export function exceedsBudget(position: BudgetPosition, extra: number): boolean {
  return position.approved !== null && position.spent + extra > position.approved;
}
