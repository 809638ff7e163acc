// Payments and manual remuneration. A payment marks unpaid lines paid with a
// date and a voucher reference (số chứng từ); it changes no amount, so it is
// allowed in a closed period. A manual remuneration line (editing, collecting,
// approving, other) is written into an open period through writeLines.
import { DomainError, Problems } from '../../core/errors.ts';
import type { LineKind } from '../../core/royalties/policy.ts';
import { isPeriod } from '../../core/royalties/period.ts';
import { isIsoDate, isoNow, systemClock, vietnamDate, type Clock } from '../../core/time.ts';
import { inTransaction, type Db } from '../../platform/db/database.ts';
import { appendAudit, type AuditActor } from '../audit/store.ts';
import { lockLedger, writeLines } from './ledger.ts';

export interface Payment {
  /** Pay every unpaid line of this payee in the period and carried over into it… */
  payeeId: number | null;
  /** …or these lines (of this period or carried over from an earlier one). */
  lineIds: number[];
  paidOn: string;
  reference: string;
}

/** Marks lines paid; returns how many and their total. */
export async function payLines(db: Db, actor: AuditActor, period: string, payment: Payment, clock: Clock = systemClock): Promise<{ count: number; total: number }> {
  const problems = new Problems();
  if (!isPeriod(period)) problems.add({ code: 'invalid_period', field: 'period', vi: 'Kỳ không hợp lệ (YYYY-MM).', en: 'Invalid period (YYYY-MM).' });
  if (!isIsoDate(payment.paidOn)) problems.add({ code: 'invalid_date', field: 'paidOn', vi: 'Ngày chi không hợp lệ.', en: 'Invalid payment date.' });
  else if (payment.paidOn > vietnamDate(clock.now())) problems.add({ code: 'future_date', field: 'paidOn', vi: 'Ngày chi không được sau hôm nay.', en: 'The payment date cannot be after today.' });
  if (payment.reference.trim() === '') problems.add({ code: 'required', field: 'reference', vi: 'Hãy nhập số chứng từ.', en: 'Enter the voucher reference.' });
  if (payment.payeeId === null && payment.lineIds.length === 0) problems.add({ code: 'nothing_chosen', field: 'payee', vi: 'Hãy chọn người nhận hoặc các dòng cần chi.', en: 'Choose a payee or the lines to pay.' });
  problems.throwIfAny();
  return inTransaction(db, async (trx) => {
    await lockLedger(trx, actor.siteId);
    let q = trx.selectFrom('royalty_lines').select(['id', 'amount', 'period']).where('site_id', '=', actor.siteId).where('voided_at', 'is', null).where('paid_on', 'is', null);
    if (payment.lineIds.length > 0) q = q.where('id', 'in', payment.lineIds).where('period', '<=', period);
    // A payee's payment covers what the sheet asks for: this period's lines and those carried over from earlier ones.
    else q = q.where('period', '<=', period);
    if (payment.payeeId !== null) q = q.where('payee_id', '=', payment.payeeId);
    const lines = await q.execute();
    if (lines.length === 0) throw new DomainError({ code: 'nothing_to_pay', field: 'payee', vi: 'Không có dòng nào chưa chi để đánh dấu.', en: 'There is no unpaid line to mark.' });
    const now = isoNow(clock);
    await trx
      .updateTable('royalty_lines')
      .set({ paid_on: payment.paidOn, paid_ref: payment.reference.trim(), paid_by_user_id: actor.userId, updated_at: now })
      .where('site_id', '=', actor.siteId)
      .where('id', 'in', lines.map((l) => l.id))
      .execute();
    const total = lines.reduce((s, l) => s + Number(l.amount), 0);
    await appendAudit(
      trx,
      actor,
      { action: 'royalty.pay', targetType: 'royalty_period', targetId: period, details: { period, payeeId: payment.payeeId, lineIds: lines.map((l) => l.id), paidOn: payment.paidOn, reference: payment.reference.trim(), total } },
      clock,
    );
    return { count: lines.length, total };
  });
}

export const REMUNERATION_KINDS = ['editing', 'collecting', 'approving', 'remuneration'] as const satisfies readonly LineKind[];
export type RemunerationKind = (typeof REMUNERATION_KINDS)[number];

export interface Remuneration {
  payeeId: number;
  kind: RemunerationKind;
  amount: number;
  description: string;
}

/** Writes one remuneration line into an open period; returns its id. */
export async function addRemuneration(db: Db, actor: AuditActor, period: string, input: Remuneration, clock: Clock = systemClock): Promise<number> {
  const problems = new Problems();
  if (input.amount <= 0) problems.add({ code: 'invalid_amount', field: 'amount', vi: 'Số tiền phải lớn hơn 0.', en: 'The amount must be above 0.' });
  if (input.description.trim() === '') problems.add({ code: 'required', field: 'description', vi: 'Hãy nhập nội dung.', en: 'Enter a description.' });
  problems.throwIfAny();
  return inTransaction(db, async (trx) => {
    await lockLedger(trx, actor.siteId);
    const [id] = await writeLines(trx, actor.siteId, actor.userId, [{ period, payeeId: input.payeeId, kind: input.kind, description: input.description.trim(), amount: input.amount }], clock);
    await appendAudit(trx, actor, { action: 'royalty.remuneration', targetType: 'royalty_line', targetId: id!, details: { period, payeeId: input.payeeId, kind: input.kind, amount: input.amount } }, clock);
    return id!;
  });
}
