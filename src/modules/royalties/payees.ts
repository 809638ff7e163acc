// Payees (người nhận nhuận bút, thù lao): members of the site or outside
// collaborators, with the pen names (bút danh) that map a byline to the real
// person. Pen names are private: only royalty pages show them.
import { DomainError, type Problem } from '../../core/errors.ts';
import { isoNow, systemClock, type Clock } from '../../core/time.ts';
import { fold, normalizeInput } from '../../core/vietnamese/index.ts';
import { inTransaction, type Db } from '../../platform/db/database.ts';
import { appendAudit, type AuditActor } from '../audit/store.ts';

export interface Payee {
  id: number;
  siteId: number;
  userId: number | null;
  fullName: string;
  penNames: string[];
  unitId: number | null;
  position: string | null;
  active: boolean;
}

export interface PayeeListed extends Payee {
  unitName: string | null;
  userName: string | null;
}

export interface PayeeInput {
  fullName: string;
  penNames: string[];
  userId: number | null;
  unitId: number | null;
  position: string | null;
  active: boolean;
}

interface PayeeRow {
  id: number;
  site_id: number;
  user_id: number | null;
  full_name: string;
  pen_names: string;
  unit_id: number | null;
  position: string | null;
  active: number;
}

function parsePenNames(text: string): string[] {
  try {
    const value = JSON.parse(text) as unknown;
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

function toPayee(row: PayeeRow): Payee {
  return { id: row.id, siteId: row.site_id, userId: row.user_id, fullName: row.full_name, penNames: parsePenNames(row.pen_names), unitId: row.unit_id, position: row.position, active: row.active === 1 };
}

const PAYEE_COLUMNS = ['royalty_payees.id', 'royalty_payees.site_id', 'royalty_payees.user_id', 'royalty_payees.full_name', 'royalty_payees.pen_names', 'royalty_payees.unit_id', 'royalty_payees.position', 'royalty_payees.active'] as const;

/** Pen names typed one per line: trimmed, NFC, empty lines and repeats (ignoring case and marks) dropped. */
export function penNamesOf(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const name = normalizeInput(line);
    if (name === '' || seen.has(fold(name))) continue;
    seen.add(fold(name));
    out.push(name);
  }
  return out;
}

export async function listPayees(db: Db, siteId: number): Promise<PayeeListed[]> {
  const rows = await db
    .selectFrom('royalty_payees')
    .leftJoin('units', 'units.id', 'royalty_payees.unit_id')
    .leftJoin('users', 'users.id', 'royalty_payees.user_id')
    .select([...PAYEE_COLUMNS, 'units.name as unit_name', 'users.name as user_name'])
    .where('royalty_payees.site_id', '=', siteId)
    .orderBy('royalty_payees.active', 'desc')
    .orderBy('royalty_payees.full_name')
    .execute();
  return rows.map((r) => ({ ...toPayee(r), unitName: r.unit_name, userName: r.user_name }));
}

export async function findPayee(db: Db, siteId: number, id: number): Promise<Payee | null> {
  const row = await db.selectFrom('royalty_payees').select(PAYEE_COLUMNS).where('site_id', '=', siteId).where('id', '=', id).executeTakeFirst();
  return row ? toPayee(row) : null;
}

const problem = (code: string, field: string, vi: string, en: string): Problem => ({ code, field, vi, en });

async function payeeProblems(db: Db, siteId: number, input: PayeeInput, selfId: number | null): Promise<Problem[]> {
  const problems: Problem[] = [];
  if (normalizeInput(input.fullName) === '') problems.push(problem('required', 'fullName', 'Vui lòng nhập họ và tên.', 'Please enter the full name.'));
  if (input.userId !== null) {
    const member = await db.selectFrom('memberships').select('id').where('site_id', '=', siteId).where('user_id', '=', input.userId).executeTakeFirst();
    if (!member) problems.push(problem('unknown_member', 'userId', 'Người dùng này không phải thành viên của trang.', 'This user is not a member of the site.'));
    else {
      const taken = await db.selectFrom('royalty_payees').select('id').where('site_id', '=', siteId).where('user_id', '=', input.userId).executeTakeFirst();
      if (taken && taken.id !== selfId) problems.push(problem('member_taken', 'userId', 'Thành viên này đã có hồ sơ người nhận khác.', 'This member already has another payee record.'));
    }
  }
  if (input.unitId !== null) {
    const unit = await db.selectFrom('units').select('id').where('site_id', '=', siteId).where('id', '=', input.unitId).executeTakeFirst();
    if (!unit) problems.push(problem('unknown_unit', 'unitId', 'Đơn vị không thuộc trang này.', 'The unit does not belong to this site.'));
  }
  return problems;
}

function valuesOf(input: PayeeInput) {
  return {
    full_name: normalizeInput(input.fullName),
    pen_names: JSON.stringify(input.penNames.map((n) => normalizeInput(n)).filter((n) => n !== '')),
    user_id: input.userId,
    unit_id: input.unitId,
    position: input.position ? normalizeInput(input.position) : null,
    active: input.active ? 1 : 0,
  };
}

async function insertPayee(trx: Db, siteId: number, input: PayeeInput, clock: Clock): Promise<number> {
  const now = isoNow(clock);
  const row = await trx
    .insertInto('royalty_payees')
    .values({ site_id: siteId, ...valuesOf(input), note: null, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function createPayee(db: Db, actor: AuditActor, input: PayeeInput, clock: Clock = systemClock): Promise<number> {
  return inTransaction(db, async (trx) => {
    const problems = await payeeProblems(trx, actor.siteId, input, null);
    if (problems.length > 0) throw new DomainError(problems);
    const id = await insertPayee(trx, actor.siteId, input, clock);
    await appendAudit(trx, actor, { action: 'royalty.payee_create', targetType: 'royalty_payee', targetId: id, details: { fullName: valuesOf(input).full_name, linkedUser: input.userId, unitId: input.unitId, penNames: input.penNames.length } }, clock);
    return id;
  });
}

export async function updatePayee(db: Db, actor: AuditActor, id: number, input: PayeeInput, clock: Clock = systemClock): Promise<void> {
  await inTransaction(db, async (trx) => {
    const before = await findPayee(trx, actor.siteId, id);
    if (!before) throw new DomainError({ code: 'not_found', vi: 'Không tìm thấy người nhận.', en: 'Payee not found.' }, 404);
    const problems = await payeeProblems(trx, actor.siteId, input, id);
    if (problems.length > 0) throw new DomainError(problems);
    await trx.updateTable('royalty_payees').set({ ...valuesOf(input), updated_at: isoNow(clock) }).where('id', '=', id).where('site_id', '=', actor.siteId).execute();
    const after = valuesOf(input);
    const changed = Object.entries({ fullName: [before.fullName, after.full_name], userId: [before.userId, after.user_id], unitId: [before.unitId, after.unit_id], position: [before.position, after.position], active: [before.active ? 1 : 0, after.active], penNames: [JSON.stringify(before.penNames), after.pen_names] })
      .filter(([, [a, b]]) => a !== b)
      .map(([k]) => k);
    await appendAudit(trx, actor, { action: 'royalty.payee_update', targetType: 'royalty_payee', targetId: id, details: { changed } }, clock);
  });
}

/**
 * The payee of a site member, created from the user's name and the unit and
 * position of their membership when the member has none yet (audited when an
 * actor is given).
 */
export async function payeeForUser(trx: Db, siteId: number, userId: number, clock: Clock = systemClock, actor: AuditActor | null = null): Promise<Payee> {
  const existing = await trx.selectFrom('royalty_payees').select(PAYEE_COLUMNS).where('site_id', '=', siteId).where('user_id', '=', userId).executeTakeFirst();
  if (existing) return toPayee(existing);
  const member = await trx
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.name', 'memberships.unit_id', 'memberships.position'])
    .where('memberships.site_id', '=', siteId)
    .where('memberships.user_id', '=', userId)
    .executeTakeFirst();
  if (!member) throw new DomainError({ code: 'unknown_member', field: 'payee', vi: 'Người này không phải thành viên của trang.', en: 'This person is not a member of the site.' });
  const input: PayeeInput = { fullName: member.name, penNames: [], userId, unitId: member.unit_id, position: member.position, active: true };
  const id = await insertPayee(trx, siteId, input, clock);
  if (actor) await appendAudit(trx, actor, { action: 'royalty.payee_create', targetType: 'royalty_payee', targetId: id, details: { fullName: member.name, linkedUser: userId, unitId: member.unit_id, from: 'member' } }, clock);
  return (await findPayee(trx, siteId, id))!;
}

/**
 * The active payee whose pen name (first) or full name is the byline, ignoring
 * case and diacritics; null when none. Among several, the oldest record.
 */
export async function payeeForByline(db: Db, siteId: number, byline: string | null): Promise<Payee | null> {
  if (!byline) return null;
  const wanted = fold(byline);
  if (wanted === '') return null;
  const rows = await db.selectFrom('royalty_payees').select(PAYEE_COLUMNS).where('site_id', '=', siteId).where('active', '=', 1).orderBy('id').execute();
  const payees = rows.map(toPayee);
  const byPen = payees.filter((p) => p.penNames.some((n) => fold(n) === wanted));
  if (byPen.length === 1) return byPen[0]!;
  const byName = payees.filter((p) => fold(p.fullName) === wanted);
  if (byName.length === 1) return byName[0]!;
  return byPen[0] ?? byName[0] ?? null;
}
