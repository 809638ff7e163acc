// Dated rules: reading the version in force and adding a new version.
import { DomainError } from '../../core/errors.ts';
import { ruleDefinition, ruleValueProblems } from '../../core/rule-catalogue.ts';
import { planNewVersion, rewritesPast, ruleInForce, type DatedRule } from '../../core/rules.ts';
import { addDays, formatDate, isIsoDate, isoNow, systemClock, vietnamDate, type Clock } from '../../core/time.ts';
import { normalizeInput } from '../../core/vietnamese/index.ts';
import type { Db } from '../../platform/db/database.ts';
import type { RuleRow } from '../../platform/db/schema.ts';
import { appendAudit, type AuditActor } from '../audit/store.ts';

function toDated(row: RuleRow): DatedRule {
  return {
    id: row.id,
    siteId: row.site_id,
    key: row.key,
    value: JSON.parse(row.value) as unknown,
    effectiveFrom: row.effective_from,
    effectiveTo: row.effective_to,
    citation: row.citation,
    note: row.note,
  };
}

/** The site's rules and the national baseline, every version. */
export async function listRules(db: Db, siteId: number): Promise<DatedRule[]> {
  const rows = await db
    .selectFrom('rules')
    .selectAll()
    .where((eb) => eb.or([eb('site_id', '=', siteId), eb('site_id', 'is', null)]))
    .orderBy('key')
    .orderBy('effective_from', 'desc')
    .execute();
  return rows.map(toDated);
}

/** The version of a rule in force on a Vietnam date for a site (its own, else the national one). */
export async function ruleOn<T>(db: Db, siteId: number, key: string, date: string): Promise<DatedRule<T> | null> {
  const rows = await db
    .selectFrom('rules')
    .selectAll()
    .where('key', '=', key)
    .where((eb) => eb.or([eb('site_id', '=', siteId), eb('site_id', 'is', null)]))
    .execute();
  return ruleInForce(rows.map(toDated) as DatedRule<T>[], key, date, siteId);
}

export interface NewRuleVersion {
  /** null: a national rule (installation administrator only). */
  siteId: number | null;
  key: string;
  value: unknown;
  effectiveFrom: string;
  /**
   * Last day in force, inclusive; omitted or null: open-ended. A national
   * version the law ends on a known date (Decree 18/2014's royalty table ends
   * on 31 Aug 2026) is given its end here; it cannot end before it starts.
   */
  effectiveTo?: string | null;
  citation: string | null;
  /**
   * Why: required when the version starts in the past over a rule that was in
   * force (it changes how past events are judged); audited and shown in the history.
   */
  reason?: string | null;
}

/**
 * Adds a version starting on `effectiveFrom`; the open version before it ends
 * the day before. A version that rewrites how past days were judged
 * (core/rules.ts rewritesPast) is refused without a reason.
 */
export async function addRuleVersion(db: Db, actor: AuditActor | null, input: NewRuleVersion, clock: Clock = systemClock): Promise<number> {
  const def = ruleDefinition(input.key);
  const problems = def
    ? ruleValueProblems(def, input.value)
    : [{ code: 'unknown_rule', field: 'key', vi: `Không có quy định "${input.key}".`, en: `Unknown rule "${input.key}".` }];
  if (!isIsoDate(input.effectiveFrom)) {
    problems.push({ code: 'invalid_date', field: 'effectiveFrom', vi: 'Ngày hiệu lực không hợp lệ.', en: 'Invalid effective date.' });
  }
  const effectiveTo = input.effectiveTo ?? null;
  if (effectiveTo !== null && (!isIsoDate(effectiveTo) || effectiveTo < input.effectiveFrom)) {
    problems.push({ code: 'invalid_end_date', field: 'effectiveTo', vi: 'Ngày hết hiệu lực phải là ngày hợp lệ, không trước ngày bắt đầu hiệu lực.', en: 'The end date must be a valid date, not before the start.' });
  }
  if (problems.length > 0) throw new DomainError(problems);
  return db.transaction().execute(async (trx) => {
    // A site's version overrides its own earlier ones and the national baseline; a national one, national ones.
    const overridden = await trx
      .selectFrom('rules')
      .select(['id', 'site_id', 'effective_from', 'effective_to'])
      .where('key', '=', input.key)
      .where((eb) => (input.siteId === null ? eb('site_id', 'is', null) : eb.or([eb('site_id', '=', input.siteId), eb('site_id', 'is', null)])))
      .execute()
      .then((rows) => rows.map((r) => ({ id: r.id, siteId: r.site_id, effectiveFrom: r.effective_from, effectiveTo: r.effective_to })));
    const plan = planNewVersion(overridden.filter((r) => r.siteId === input.siteId), input.effectiveFrom);
    if (plan.conflict) {
      throw new DomainError({
        code: 'version_conflict', field: 'effectiveFrom',
        vi: 'Đã có phiên bản bắt đầu từ ngày này hoặc muộn hơn; phiên bản mới phải bắt đầu sau phiên bản mới nhất.',
        en: 'A version already starts on or after this date; a new version must start after the latest one.',
      });
    }
    const reason = input.reason ? normalizeInput(input.reason) : '';
    const backdated = rewritesPast(overridden, input.effectiveFrom, vietnamDate(clock.now()));
    if (backdated && !reason) {
      throw new DomainError({
        code: 'backdated_reason_required', field: 'reason',
        vi: `Phiên bản bắt đầu từ ${formatDate(input.effectiveFrom)}, trước hôm nay: nó thay đổi cách tính những việc đã qua (đã được tính theo quy định có hiệu lực lúc đó). Hãy ghi lý do áp dụng hồi tố (ví dụ: văn bản quy định hiệu lực từ ngày đó); lý do được lưu vào nhật ký và lịch sử quy định. Nếu không cần hồi tố, hãy chọn ngày hiệu lực từ hôm nay.`,
        en: `This version starts on ${formatDate(input.effectiveFrom)}, before today: it changes how past events are judged (they were judged by the rule in force then). Give the reason for applying it retroactively (e.g. the text says it applies from that date); the reason is kept in the audit log and the rule's history. If it need not apply to the past, start it today.`,
      });
    }
    if (plan.close !== null) {
      await trx.updateTable('rules').set({ effective_to: addDays(input.effectiveFrom, -1) }).where('id', '=', plan.close).execute();
    }
    const { id } = await trx
      .insertInto('rules')
      .values({
        site_id: input.siteId,
        key: input.key,
        value: JSON.stringify(input.value),
        effective_from: input.effectiveFrom,
        effective_to: effectiveTo,
        citation: input.citation ? normalizeInput(input.citation) : null,
        note: reason || null,
        created_by_user_id: actor?.userId ?? null,
        created_at: isoNow(clock),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (actor) {
      await appendAudit(
        trx,
        actor,
        { action: 'rule.add_version', targetType: 'rule', targetId: id, details: { key: input.key, scope: input.siteId === null ? 'national' : 'site', value: input.value, effectiveFrom: input.effectiveFrom, ...(effectiveTo ? { effectiveTo } : {}), citation: input.citation, ...(backdated ? { backdated: true } : {}), ...(reason ? { reason } : {}) } },
        clock,
      );
    }
    return id;
  });
}
