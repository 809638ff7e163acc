// Dated rules: reading the version in force and adding a new version.
import { DomainError } from '../../core/errors.ts';
import { ruleDefinition, ruleValueProblems } from '../../core/rule-catalogue.ts';
import { planNewVersion, ruleInForce, type DatedRule } from '../../core/rules.ts';
import { addDays, isIsoDate, isoNow, systemClock, type Clock } from '../../core/time.ts';
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
  citation: string | null;
  note?: string | null;
}

/** Adds a version starting on `effectiveFrom`; the open version before it ends the day before. */
export async function addRuleVersion(db: Db, actor: AuditActor | null, input: NewRuleVersion, clock: Clock = systemClock): Promise<number> {
  const def = ruleDefinition(input.key);
  const problems = def
    ? ruleValueProblems(def, input.value)
    : [{ code: 'unknown_rule', field: 'key', vi: `Không có quy định "${input.key}".`, en: `Unknown rule "${input.key}".` }];
  if (!isIsoDate(input.effectiveFrom)) {
    problems.push({ code: 'invalid_date', field: 'effectiveFrom', vi: 'Ngày hiệu lực không hợp lệ.', en: 'Invalid effective date.' });
  }
  if (problems.length > 0) throw new DomainError(problems);
  return db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('rules')
      .select(['id', 'effective_from', 'effective_to'])
      .where('key', '=', input.key)
      .$if(input.siteId === null, (q) => q.where('site_id', 'is', null))
      .$if(input.siteId !== null, (q) => q.where('site_id', '=', input.siteId!))
      .execute();
    const plan = planNewVersion(existing.map((r) => ({ id: r.id, effectiveFrom: r.effective_from, effectiveTo: r.effective_to })), input.effectiveFrom);
    if (plan.conflict) {
      throw new DomainError({
        code: 'version_conflict', field: 'effectiveFrom',
        vi: 'Đã có phiên bản bắt đầu từ ngày này hoặc muộn hơn; phiên bản mới phải bắt đầu sau phiên bản mới nhất.',
        en: 'A version already starts on or after this date; a new version must start after the latest one.',
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
        effective_to: null,
        citation: input.citation ? normalizeInput(input.citation) : null,
        note: input.note ? normalizeInput(input.note) : null,
        created_by_user_id: actor?.userId ?? null,
        created_at: isoNow(clock),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (actor) {
      await appendAudit(
        trx,
        actor,
        { action: 'rule.add_version', targetType: 'rule', targetId: id, details: { key: input.key, scope: input.siteId === null ? 'national' : 'site', value: input.value, effectiveFrom: input.effectiveFrom, citation: input.citation } },
        clock,
      );
    }
    return id;
  });
}
