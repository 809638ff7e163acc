// The year's budget (000 Đ12): the approved amount per line, spending recorded
// by hand against a line, and income (promotion services, 002 Đ6.2). Where a
// line stands adds the ledger's lines (ledger.ts budgetPosition). Every change
// is audited in the same transaction.
import { DomainError, type Problem } from '../../core/errors.ts';
import { BUDGET_LINES, type BudgetLine } from '../../core/royalties/policy.ts';
import { isIsoDate, isoNow, systemClock, type Clock } from '../../core/time.ts';
import { normalizeInput } from '../../core/vietnamese/index.ts';
import type { Db } from '../../platform/db/database.ts';
import { appendAudit, type AuditActor } from '../audit/store.ts';
import { budgetPosition } from './ledger.ts';

/** The line income is recorded under (it funds royalties, remuneration and equipment, 002 Đ6.2). */
export const INCOME_LINE = 'promotion';
export const MAX_AMOUNT = 1_000_000_000_000;

export interface BudgetLineStatus {
  line: BudgetLine;
  approved: number | null;
  spent: number;
  /** approved − spent; null when nothing is approved. */
  remaining: number | null;
  over: boolean;
}

export interface BudgetMovement {
  id: number;
  kind: 'spending' | 'income';
  line: string;
  onDate: string;
  amount: number;
  description: string;
}

export interface BudgetOverview {
  year: number;
  lines: BudgetLineStatus[];
  totals: { approved: number; spent: number; remaining: number };
  spending: BudgetMovement[];
  income: BudgetMovement[];
  spendingTotal: number;
  incomeTotal: number;
}

export async function budgetOverview(db: Db, siteId: number, year: number): Promise<BudgetOverview> {
  const lines: BudgetLineStatus[] = [];
  for (const line of BUDGET_LINES) {
    const p = await budgetPosition(db, siteId, year, line);
    lines.push({ line, approved: p.approved, spent: p.spent, remaining: p.approved === null ? null : p.approved - p.spent, over: p.approved !== null && p.spent > p.approved });
  }
  const rows = await db
    .selectFrom('budget_movements')
    .select(['id', 'kind', 'line', 'on_date', 'amount', 'description'])
    .where('site_id', '=', siteId)
    .where('on_date', '>=', `${year}-01-01`)
    .where('on_date', '<=', `${year}-12-31`)
    .orderBy('on_date')
    .orderBy('id')
    .execute();
  const movements = rows.map((r) => ({ id: r.id, kind: r.kind as BudgetMovement['kind'], line: r.line, onDate: r.on_date, amount: r.amount, description: r.description }));
  const spending = movements.filter((m) => m.kind === 'spending');
  const income = movements.filter((m) => m.kind === 'income');
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  const approved = sum(lines.map((l) => l.approved ?? 0));
  const spent = sum(lines.map((l) => l.spent));
  return { year, lines, totals: { approved, spent, remaining: approved - spent }, spending, income, spendingTotal: sum(spending.map((m) => m.amount)), incomeTotal: sum(income.map((m) => m.amount)) };
}

const problem = (field: string, vi: string, en: string): Problem => ({ code: 'invalid_budget', field, vi, en });
const isAmount = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 && n <= MAX_AMOUNT;
const isYear = (y: number) => Number.isInteger(y) && y >= 2000 && y <= 2999;

/** Sets the approved amount of each line given (null: leave the line without an approved amount). */
export async function approveBudget(db: Db, actor: AuditActor, siteId: number, year: number, amounts: Partial<Record<BudgetLine, number | null>>, clock: Clock = systemClock): Promise<void> {
  const problems: Problem[] = [];
  if (!isYear(year)) problems.push(problem('year', 'Năm không hợp lệ.', 'Invalid year.'));
  for (const [line, amount] of Object.entries(amounts)) {
    if (!(BUDGET_LINES as readonly string[]).includes(line)) problems.push(problem('line', 'Mục kinh phí không hợp lệ.', 'Invalid budget line.'));
    else if (amount !== null && !isAmount(amount)) problems.push(problem(`approved_${line}`, 'Số tiền được duyệt phải là số nguyên đồng, không âm.', 'Approved amounts are whole non-negative VND.'));
  }
  if (problems.length > 0) throw new DomainError(problems);
  const now = isoNow(clock);
  await db.transaction().execute(async (trx) => {
    const changed: Record<string, number | null> = {};
    for (const line of BUDGET_LINES) {
      if (!(line in amounts)) continue;
      const amount = amounts[line] ?? null;
      const existing = await trx.selectFrom('budget_lines').select(['id', 'approved']).where('site_id', '=', siteId).where('year', '=', year).where('line', '=', line).executeTakeFirst();
      if (amount === null) {
        if (existing) {
          await trx.deleteFrom('budget_lines').where('id', '=', existing.id).execute();
          changed[line] = null;
        }
      } else if (!existing) {
        await trx.insertInto('budget_lines').values({ site_id: siteId, year, line, approved: amount, note: null, created_at: now, updated_at: now }).execute();
        changed[line] = amount;
      } else if (existing.approved !== amount) {
        await trx.updateTable('budget_lines').set({ approved: amount, updated_at: now }).where('id', '=', existing.id).execute();
        changed[line] = amount;
      }
    }
    if (Object.keys(changed).length > 0) await appendAudit(trx, actor, { action: 'budget.approve', targetType: 'budget', targetId: year, details: { year, approved: changed } }, clock);
  });
}

export interface NewMovement {
  onDate: string;
  amount: number;
  description: string;
  /** Spending: the budget line; income is recorded under INCOME_LINE. */
  line?: BudgetLine;
}

/** Records spending on a line, or income (promotion services, 002 Đ6.2). */
export async function recordMovement(db: Db, actor: AuditActor, siteId: number, kind: 'spending' | 'income', input: NewMovement, clock: Clock = systemClock): Promise<number> {
  const problems: Problem[] = [];
  const description = normalizeInput(input.description ?? '');
  if (kind === 'spending' && !(BUDGET_LINES as readonly string[]).includes(input.line ?? '')) problems.push(problem('line', 'Hãy chọn mục kinh phí.', 'Choose a budget line.'));
  if (!isIsoDate(input.onDate)) problems.push(problem('onDate', 'Ngày không hợp lệ.', 'Invalid date.'));
  if (!isAmount(input.amount) || input.amount === 0) problems.push(problem('amount', 'Số tiền phải là số nguyên đồng, lớn hơn 0.', 'The amount is a whole number of VND above 0.'));
  if (description === '') problems.push(problem('description', kind === 'income' ? 'Hãy ghi nguồn thu.' : 'Hãy ghi nội dung chi.', kind === 'income' ? 'Give the source.' : 'Give a description.'));
  if (problems.length > 0) throw new DomainError(problems);
  const line = kind === 'income' ? INCOME_LINE : input.line!;
  const now = isoNow(clock);
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('budget_movements')
      .values({ site_id: siteId, kind, line, on_date: input.onDate, amount: input.amount, description, created_by_user_id: actor.userId, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, actor, { action: kind === 'income' ? 'budget.income' : 'budget.spending', targetType: 'budget_movement', targetId: id, details: { line, onDate: input.onDate, amount: input.amount, description } }, clock);
    return id;
  });
}
