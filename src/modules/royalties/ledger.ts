// The ledger: what is owed to whom, per monthly period. A period is open until
// closed; a closed period's lines never change (closing locks them), so
// anything written later goes into an open period, naming what it corrects.
import { DomainError } from '../../core/errors.ts';
import { budgetLineOfKind, type BudgetLine, type LineKind, type ShareRole } from '../../core/royalties/policy.ts';
import { isPeriod, nextPeriod, periodOfDate } from '../../core/royalties/period.ts';
import { isoNow, systemClock, type Clock } from '../../core/time.ts';
import type { Db } from '../../platform/db/database.ts';

export async function closedPeriods(db: Db, siteId: number): Promise<Set<string>> {
  const rows = await db.selectFrom('royalty_periods').select('period').where('site_id', '=', siteId).execute();
  return new Set(rows.map((r) => r.period));
}

export async function isPeriodClosed(db: Db, siteId: number, period: string): Promise<boolean> {
  const row = await db.selectFrom('royalty_periods').select('id').where('site_id', '=', siteId).where('period', '=', period).executeTakeFirst();
  return row !== undefined;
}

/**
 * The period a line dated `date` is booked into: the month of the date when it
 * is open, else the first open month after it.
 */
export async function bookingPeriod(db: Db, siteId: number, date: string): Promise<string> {
  const closed = await closedPeriods(db, siteId);
  let period = periodOfDate(date);
  for (let i = 0; closed.has(period) && i < 1200; i++) period = nextPeriod(period);
  return period;
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
 * any amount that is not a whole number of đồng. The payee's current unit is
 * written with the line, for the per-unit sheet.
 */
export async function writeLines(trx: Db, siteId: number, userId: number | null, lines: readonly NewLine[], clock: Clock = systemClock): Promise<number[]> {
  const now = isoNow(clock);
  const ids: number[] = [];
  for (const line of lines) {
    if (!isPeriod(line.period)) throw new DomainError([{ code: 'invalid_period', field: 'period', vi: 'Kỳ không hợp lệ (YYYY-MM).', en: 'Invalid period (YYYY-MM).' }]);
    if (await isPeriodClosed(trx, siteId, line.period)) {
      throw new DomainError([{ code: 'period_closed', field: 'period', vi: `Kỳ ${line.period} đã khóa sổ: không ghi thêm được.`, en: `Period ${line.period} is closed.` }]);
    }
    if (!Number.isSafeInteger(line.amount)) throw new DomainError([{ code: 'invalid_amount', field: 'amount', vi: 'Số tiền phải là số nguyên đồng.', en: 'Amounts are whole VND.' }]);
    const payee = await trx.selectFrom('royalty_payees').select(['id', 'unit_id']).where('id', '=', line.payeeId).where('site_id', '=', siteId).executeTakeFirst();
    if (!payee) throw new DomainError([{ code: 'unknown_payee', field: 'payee', vi: 'Không tìm thấy người nhận.', en: 'Unknown payee.' }]);
    const row = await trx
      .insertInto('royalty_lines')
      .values({
        site_id: siteId,
        period: line.period,
        payee_id: line.payeeId,
        unit_id: payee.unit_id,
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
