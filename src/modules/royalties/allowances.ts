// The yearly allowances of the board (001 Đ10: head, deputies and members,
// 2,000,000 VND a year each), pro rata for part-year terms. Terms are kept in
// royalty_board_terms; "compute the year" writes what each payee is owed for
// the year as 'allowance' lines into an open period. Running it again writes
// only the difference: unpaid lines in open periods are replaced, and what is
// already paid or locked in a closed period is corrected by a 'correction'
// line naming the earlier line.
import { DomainError, Problems } from '../../core/errors.ts';
import { prorataAllowance } from '../../core/royalties/amount.ts';
import { isPeriod } from '../../core/royalties/period.ts';
import { BOARD_POSITIONS, type BoardPosition } from '../../core/royalties/policy.ts';
import { formatDate, isIsoDate, isoNow, systemClock, vietnamDate, type Clock } from '../../core/time.ts';
import { inTransaction, type Db } from '../../platform/db/database.ts';
import { appendAudit, type AuditActor } from '../audit/store.ts';
import { closedPeriods, lockLedger, writeLines } from './ledger.ts';
import { payeeForUser } from './payees.ts';
import { policyOn } from './policy-store.ts';

export const POSITION_LABELS: Record<BoardPosition, { vi: string; en: string }> = {
  head: { vi: 'Trưởng ban', en: 'Head' },
  deputy: { vi: 'Phó Trưởng ban', en: 'Deputy head' },
  member: { vi: 'Thành viên', en: 'Member' },
};

/** Which member roles hold which board position, for "suggest from members". */
const ROLE_POSITION: Record<string, BoardPosition> = { editor_in_chief: 'head', deputy: 'deputy', board_member: 'member', secretariat: 'member' };
const POSITION_RANK: Record<BoardPosition, number> = { head: 0, deputy: 1, member: 2 };

export interface BoardTerm {
  id: number;
  payeeId: number;
  payeeName: string;
  position: BoardPosition;
  from: string;
  to: string | null;
}

/** Terms that overlap the year, by payee name. */
export async function termsOfYear(db: Db, siteId: number, year: number): Promise<BoardTerm[]> {
  const rows = await db
    .selectFrom('royalty_board_terms as t')
    .innerJoin('royalty_payees as p', 'p.id', 't.payee_id')
    .select(['t.id', 't.payee_id', 'p.full_name', 't.position', 't.from_on', 't.to_on'])
    .where('t.site_id', '=', siteId)
    .where('t.from_on', '<=', `${year}-12-31`)
    .where((eb) => eb.or([eb('t.to_on', 'is', null), eb('t.to_on', '>=', `${year}-01-01`)]))
    .orderBy('p.full_name')
    .orderBy('t.from_on')
    .execute();
  return rows.map((r) => ({ id: r.id, payeeId: r.payee_id, payeeName: r.full_name, position: r.position as BoardPosition, from: r.from_on, to: r.to_on }));
}

export interface NewTerm {
  payeeId: number;
  position: BoardPosition;
  from: string;
  to: string | null;
}

function termProblems(input: NewTerm): void {
  const problems = new Problems();
  if (!BOARD_POSITIONS.includes(input.position)) problems.add({ code: 'invalid_position', field: 'position', vi: 'Chức danh không hợp lệ.', en: 'Invalid position.' });
  if (!isIsoDate(input.from)) problems.add({ code: 'invalid_date', field: 'from', vi: 'Ngày bắt đầu không hợp lệ.', en: 'Invalid start date.' });
  if (input.to !== null && !isIsoDate(input.to)) problems.add({ code: 'invalid_date', field: 'to', vi: 'Ngày kết thúc không hợp lệ.', en: 'Invalid end date.' });
  if (input.to !== null && isIsoDate(input.from) && input.to < input.from) problems.add({ code: 'end_before_start', field: 'to', vi: 'Ngày kết thúc phải từ ngày bắt đầu trở đi.', en: 'The end must not be before the start.' });
  problems.throwIfAny();
}

export async function addTerm(db: Db, actor: AuditActor, input: NewTerm, clock: Clock = systemClock): Promise<number> {
  termProblems(input);
  return inTransaction(db, async (trx) => {
    await lockLedger(trx, actor.siteId);
    const payee = await trx.selectFrom('royalty_payees').select('id').where('id', '=', input.payeeId).where('site_id', '=', actor.siteId).executeTakeFirst();
    if (!payee) throw new DomainError({ code: 'unknown_payee', field: 'payee', vi: 'Không tìm thấy người nhận.', en: 'Unknown payee.' });
    // One position at a time: an overlapping term would pay the allowance twice for the same days.
    const overlapping = await trx
      .selectFrom('royalty_board_terms')
      .select(['from_on', 'to_on'])
      .where('site_id', '=', actor.siteId)
      .where('payee_id', '=', input.payeeId)
      .where((eb) => eb.or([eb('to_on', 'is', null), eb('to_on', '>=', input.from)]))
      .$if(input.to !== null, (q) => q.where('from_on', '<=', input.to!))
      .executeTakeFirst();
    if (overlapping) {
      const span = `${formatDate(overlapping.from_on)}–${overlapping.to_on ? formatDate(overlapping.to_on) : '…'}`;
      throw new DomainError({ code: 'term_overlaps', field: 'from', vi: `Người này đã có nhiệm kỳ ${span} trùng thời gian: hãy kết thúc nhiệm kỳ đó trước (thù lao không trả hai lần cho cùng một ngày).`, en: `This person already has a term ${span} covering these days: end it first.` });
    }
    const now = isoNow(clock);
    const row = await trx
      .insertInto('royalty_board_terms')
      .values({ site_id: actor.siteId, payee_id: input.payeeId, position: input.position, from_on: input.from, to_on: input.to, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, actor, { action: 'royalty.board_term', targetType: 'royalty_board_term', targetId: row.id, details: { payeeId: input.payeeId, position: input.position, from: input.from, to: input.to } }, clock);
    return row.id;
  });
}

export async function endTerm(db: Db, actor: AuditActor, termId: number, to: string, clock: Clock = systemClock): Promise<void> {
  await inTransaction(db, async (trx) => {
    await lockLedger(trx, actor.siteId);
    const term = await trx.selectFrom('royalty_board_terms').selectAll().where('id', '=', termId).where('site_id', '=', actor.siteId).executeTakeFirst();
    if (!term) throw new DomainError({ code: 'not_found', vi: 'Không tìm thấy nhiệm kỳ.', en: 'Term not found.' }, 404);
    termProblems({ payeeId: term.payee_id, position: term.position as BoardPosition, from: term.from_on, to });
    await trx.updateTable('royalty_board_terms').set({ to_on: to, updated_at: isoNow(clock) }).where('id', '=', termId).execute();
    await appendAudit(trx, actor, { action: 'royalty.board_term', targetType: 'royalty_board_term', targetId: termId, details: { ended: to, previous: term.to_on } }, clock);
  });
}

/** Creates terms from 1 Jan of the year for the members holding a board role who have no term overlapping the year. */
export async function suggestTerms(db: Db, actor: AuditActor, year: number, clock: Clock = systemClock): Promise<number> {
  return inTransaction(db, async (trx) => {
    await lockLedger(trx, actor.siteId);
    const holders = await trx
      .selectFrom('membership_roles as r')
      .innerJoin('memberships as m', (j) => j.onRef('m.user_id', '=', 'r.user_id').onRef('m.site_id', '=', 'r.site_id'))
      .innerJoin('users as u', 'u.id', 'r.user_id')
      .select(['r.user_id', 'r.role'])
      .where('r.site_id', '=', actor.siteId)
      .where('r.role', 'in', Object.keys(ROLE_POSITION))
      .where('m.status', '=', 'active')
      .where('u.status', '=', 'active')
      .execute();
    const best = new Map<number, BoardPosition>();
    for (const h of holders) {
      const position = ROLE_POSITION[h.role]!;
      const had = best.get(h.user_id);
      if (!had || POSITION_RANK[position] < POSITION_RANK[had]) best.set(h.user_id, position);
    }
    const existing = new Set((await termsOfYear(trx, actor.siteId, year)).map((t) => t.payeeId));
    const now = isoNow(clock);
    const created: { payeeId: number; position: BoardPosition }[] = [];
    for (const [userId, position] of [...best.entries()].sort((a, b) => a[0] - b[0])) {
      const payeeId = (await payeeForUser(trx, actor.siteId, userId, clock, actor)).id;
      if (existing.has(payeeId)) continue;
      await trx.insertInto('royalty_board_terms').values({ site_id: actor.siteId, payee_id: payeeId, position, from_on: `${year}-01-01`, to_on: null, created_at: now, updated_at: now }).execute();
      created.push({ payeeId, position });
    }
    if (created.length > 0) await appendAudit(trx, actor, { action: 'royalty.board_term', targetType: 'royalty_board_term', details: { suggested: created, year } }, clock);
    return created.length;
  });
}

export interface TermAllowance {
  term: BoardTerm;
  yearly: number;
  /** Days of the term within the year, and of the year. */
  days: number;
  yearDays: number;
  amount: number;
}

export interface YearAllowances {
  year: number;
  /** The date whose policy applies: 31 Dec of the year, or today if earlier. */
  policyDate: string;
  hasPolicy: boolean;
  terms: TermAllowance[];
  total: number;
}

function daysInclusive(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** What each term of the year earns, with the computation shown (days in the term / days of the year). */
export async function computeAllowances(db: Db, siteId: number, year: number, today: string): Promise<YearAllowances> {
  const end = `${year}-12-31`;
  const policyDate = today < end ? today : end;
  const found = await policyOn(db, siteId, policyDate);
  const terms = await termsOfYear(db, siteId, year);
  const yearDays = daysInclusive(`${year}-01-01`, end);
  const rows = terms.map((term) => {
    const yearly = found?.policy.boardAllowanceYearly[term.position] ?? 0;
    const a = term.from > `${year}-01-01` ? term.from : `${year}-01-01`;
    const b = term.to === null || term.to > end ? end : term.to;
    return { term, yearly, days: a > b ? 0 : daysInclusive(a, b), yearDays, amount: prorataAllowance(yearly, year, term.from, term.to) };
  });
  return { year, policyDate, hasPolicy: found !== null, terms: rows, total: rows.reduce((s, r) => s + r.amount, 0) };
}

/** The marker every allowance line of a year starts with: how a later run finds them. */
export function allowancePrefix(year: number): string {
  return `Thù lao Ban biên tập năm ${year}`;
}

export interface AllowanceRun {
  written: number;
  replaced: number;
  total: number;
}

/** Writes the year's allowances into an open period, as differences from what earlier runs wrote. */
export async function writeAllowances(db: Db, actor: AuditActor, year: number, period: string, clock: Clock = systemClock): Promise<AllowanceRun> {
  if (!isPeriod(period)) throw new DomainError({ code: 'invalid_period', field: 'period', vi: 'Kỳ không hợp lệ (YYYY-MM).', en: 'Invalid period (YYYY-MM).' });
  const computed = await computeAllowances(db, actor.siteId, year, vietnamDate(clock.now()));
  if (!computed.hasPolicy) throw new DomainError({ code: 'no_policy', field: 'period', vi: 'Chưa có chế độ nhuận bút, thù lao áp dụng cho năm này.', en: 'No royalty policy applies to this year.' });
  return inTransaction(db, async (trx) => {
    await lockLedger(trx, actor.siteId);
    const closed = await closedPeriods(trx, actor.siteId);
    if (closed.has(period)) throw new DomainError({ code: 'period_closed', field: 'period', vi: `Kỳ ${period} đã khóa sổ: hãy chọn kỳ đang mở.`, en: `Period ${period} is closed: choose an open one.` });
    const prefix = allowancePrefix(year);
    const earlier = await trx
      .selectFrom('royalty_lines')
      .select(['id', 'payee_id', 'period', 'amount', 'paid_on', 'kind', 'corrects_line_id'])
      .where('site_id', '=', actor.siteId)
      .where('voided_at', 'is', null)
      .where('kind', 'in', ['allowance', 'correction'])
      .where('description', 'like', `${prefix}%`)
      .orderBy('id')
      .execute();
    const owed = new Map<number, { amount: number; parts: TermAllowance[] }>();
    for (const r of computed.terms) {
      const o = owed.get(r.term.payeeId) ?? { amount: 0, parts: [] };
      o.amount += r.amount;
      o.parts.push(r);
      owed.set(r.term.payeeId, o);
    }
    for (const e of earlier) if (!owed.has(e.payee_id)) owed.set(e.payee_id, { amount: 0, parts: [] });
    const now = isoNow(clock);
    let written = 0;
    let replaced = 0;
    for (const [payeeId, o] of owed) {
      const mine = earlier.filter((e) => e.payee_id === payeeId);
      const fixed = mine.filter((e) => e.paid_on !== null || closed.has(e.period));
      const replaceable = mine.filter((e) => !fixed.includes(e));
      const fixedTotal = fixed.reduce((s, e) => s + Number(e.amount), 0);
      const replaceableTotal = replaceable.reduce((s, e) => s + Number(e.amount), 0);
      const needed = o.amount - fixedTotal;
      if (needed === replaceableTotal) continue;
      if (replaceable.length > 0) {
        await trx.updateTable('royalty_lines').set({ voided_at: now, updated_at: now }).where('site_id', '=', actor.siteId).where('id', 'in', replaceable.map((e) => e.id)).where('paid_on', 'is', null).execute();
        replaced += replaceable.length;
      }
      if (needed === 0) continue;
      const how = o.parts.map((p) => `${POSITION_LABELS[p.term.position].vi} ${p.days}/${p.yearDays} ngày`).join('; ');
      const reference = fixed.filter((e) => e.kind === 'allowance').at(-1) ?? fixed.at(-1);
      await writeLines(
        trx,
        actor.siteId,
        actor.userId,
        [{ period, payeeId, kind: reference ? 'correction' : 'allowance', description: `${prefix}${how ? ` (${how})` : ''}`, amount: needed, correctsLineId: reference ? (reference.corrects_line_id ?? reference.id) : null }],
        clock,
      );
      written += 1;
    }
    await appendAudit(trx, actor, { action: 'royalty.allowances', targetType: 'royalty_period', targetId: period, details: { year, period, policyDate: computed.policyDate, total: computed.total, written, replaced } }, clock);
    return { written, replaced, total: computed.total };
  });
}
