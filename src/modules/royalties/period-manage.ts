// Closing a monthly period: the royalty_periods row locks its lines (writeLines
// refuses the period from then on); only a month that has ended (Vietnam date)
// may be closed, and only once. Audited in the same transaction.
import { DomainError } from '../../core/errors.ts';
import { isPeriod, periodLabel, periodOfDate } from '../../core/royalties/period.ts';
import { isoNow, systemClock, vietnamDate, type Clock } from '../../core/time.ts';
import { inTransaction, type Db } from '../../platform/db/database.ts';
import { appendAudit, type AuditActor } from '../audit/store.ts';
import { isPeriodClosed, lockLedger } from './ledger.ts';

export async function closePeriod(db: Db, actor: AuditActor, period: string, clock: Clock = systemClock): Promise<void> {
  if (!isPeriod(period)) throw new DomainError({ code: 'invalid_period', field: 'period', vi: 'Kỳ không hợp lệ (YYYY-MM).', en: 'Invalid period (YYYY-MM).' });
  const current = periodOfDate(vietnamDate(clock.now()));
  if (period >= current) {
    throw new DomainError({
      code: 'period_not_ended',
      field: 'confirm',
      vi: `${periodLabel(period)} chưa kết thúc: chỉ khóa sổ được kỳ đã qua.`,
      en: `${periodLabel(period, 'en')} has not ended: only a past period can be closed.`,
    });
  }
  await inTransaction(db, async (trx) => {
    await lockLedger(trx, actor.siteId);
    if (await isPeriodClosed(trx, actor.siteId, period)) {
      throw new DomainError({ code: 'period_closed', field: 'confirm', vi: `${periodLabel(period)} đã khóa sổ.`, en: `${periodLabel(period, 'en')} is already closed.` });
    }
    const now = isoNow(clock);
    const totals = await trx
      .selectFrom('royalty_lines')
      .select((eb) => [eb.fn.countAll<string | number>().as('n'), eb.fn.sum<string | number>('amount').as('total')])
      .where('site_id', '=', actor.siteId)
      .where('period', '=', period)
      .where('voided_at', 'is', null)
      .executeTakeFirst();
    await trx.insertInto('royalty_periods').values({ site_id: actor.siteId, period, closed_at: now, closed_by_user_id: actor.userId, note: null, created_at: now, updated_at: now }).execute();
    await appendAudit(trx, actor, { action: 'royalty.close_period', targetType: 'royalty_period', targetId: period, details: { period, lines: Number(totals?.n ?? 0), total: Number(totals?.total ?? 0) } }, clock);
  });
}
