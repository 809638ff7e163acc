// Creating, changing, archiving and deleting units, with their audit rows.
import { referencesOf, sectionKind } from '../../core/entries/index.ts';
import { NotFoundError, Problems } from '../../core/errors.ts';
import { isoNow, systemClock, type Clock } from '../../core/time.ts';
import { normalizeInput } from '../../core/vietnamese/index.ts';
import type { Db } from '../../platform/db/database.ts';
import type { UnitRow } from '../../platform/db/schema.ts';
import { appendAudit, type AuditActor } from '../audit/store.ts';
import { createsCycle, isUnitKind } from './unit.ts';

export interface UnitInput {
  name: string;
  nameEn?: string | null;
  kind: string;
  parentId?: number | null;
  headUserId?: number | null;
  headName?: string | null;
  headTitle?: string | null;
  phone?: string | null;
  email?: string | null;
  address?: string | null;
  /** Functions and powers, several lines of plain text (organisation chart). */
  functions?: string | null;
  /** The unit's own site (http or https). */
  siteUrl?: string | null;
  sortOrder?: number;
}

const UNIT_EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[a-z]{2,}$/i;
const UNIT_PHONE = /^\+?[0-9][0-9 .\-()]{5,19}$/;
export const UNIT_FUNCTIONS_MAX = 5000;

/** An address a reader can follow: http(s), a host, no credentials. */
export function isSiteUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && Boolean(url.hostname) && !url.username && !url.password && value.length <= 300;
  } catch {
    return false;
  }
}

export async function listUnits(db: Db, siteId: number, opts: { includeArchived?: boolean } = {}): Promise<UnitRow[]> {
  return db
    .selectFrom('units')
    .selectAll()
    .where('site_id', '=', siteId)
    .$if(!opts.includeArchived, (q) => q.where('archived_at', 'is', null))
    .orderBy('sort_order')
    .orderBy('name')
    .execute();
}

export async function getUnit(db: Db, siteId: number, id: number): Promise<UnitRow | undefined> {
  return db.selectFrom('units').selectAll().where('site_id', '=', siteId).where('id', '=', id).executeTakeFirst();
}

async function check(db: Db, siteId: number, input: UnitInput, unitId: number | null): Promise<void> {
  const problems = new Problems();
  if (!normalizeInput(input.name)) problems.add({ code: 'name_required', field: 'name', vi: 'Vui lòng nhập tên đơn vị.', en: 'Please enter the unit name.' });
  if (!isUnitKind(input.kind)) problems.add({ code: 'invalid_kind', field: 'kind', vi: 'Loại đơn vị không hợp lệ.', en: 'Invalid unit kind.' });
  if (input.parentId != null) {
    const units = await listUnits(db, siteId, { includeArchived: true });
    if (!units.some((u) => u.id === input.parentId)) {
      problems.add({ code: 'invalid_parent', field: 'parentId', vi: 'Đơn vị cấp trên không thuộc trang này.', en: 'The parent unit does not belong to this site.' });
    } else if (unitId !== null && createsCycle(units, unitId, input.parentId)) {
      problems.add({ code: 'parent_cycle', field: 'parentId', vi: 'Không thể đặt một đơn vị làm cấp trên của chính nó hoặc của đơn vị cấp trên nó.', en: 'A unit cannot be placed under itself or its own sub-unit.' });
    }
  }
  // The contacts are published (organisation chart, directory): checked here too, not only by the form.
  if (input.phone && !UNIT_PHONE.test(input.phone.trim())) problems.add({ code: 'invalid_phone', field: 'phone', vi: 'Điện thoại chỉ gồm chữ số, có thể có dấu +, dấu cách, dấu chấm hoặc gạch nối.', en: 'The phone may contain only digits, +, spaces, dots or dashes.' });
  if (input.email && !UNIT_EMAIL.test(input.email.trim())) problems.add({ code: 'invalid_email', field: 'email', vi: 'Thư điện tử không đúng dạng (ví dụ: vanphong@thanhhoa.gov.vn).', en: 'Not a valid e-mail address (e.g. office@thanhhoa.gov.vn).' });
  if (input.siteUrl && !isSiteUrl(input.siteUrl.trim())) problems.add({ code: 'invalid_site_url', field: 'siteUrl', vi: 'Địa chỉ trang riêng phải bắt đầu bằng http:// hoặc https:// (ví dụ: https://nhuxuan.thanhhoa.gov.vn).', en: 'The site address must start with http:// or https://.' });
  if (input.functions && [...input.functions].length > UNIT_FUNCTIONS_MAX) problems.add({ code: 'functions_too_long', field: 'functions', vi: `Chức năng, nhiệm vụ tối đa ${UNIT_FUNCTIONS_MAX.toLocaleString('vi-VN')} ký tự.`, en: `Functions and powers: at most ${UNIT_FUNCTIONS_MAX} characters.` });
  if (input.headUserId != null) {
    const member = await db.selectFrom('memberships').select('id').where('site_id', '=', siteId).where('user_id', '=', input.headUserId).executeTakeFirst();
    if (!member) problems.add({ code: 'invalid_head', field: 'headUserId', vi: 'Người đứng đầu phải là thành viên của trang.', en: 'The head must be a member of this site.' });
  }
  problems.throwIfAny();
}

function values(input: UnitInput) {
  const opt = (v: string | null | undefined) => (v ? normalizeInput(v) || null : null);
  return {
    name: normalizeInput(input.name),
    name_en: opt(input.nameEn),
    kind: input.kind,
    parent_id: input.parentId ?? null,
    head_user_id: input.headUserId ?? null,
    head_name: opt(input.headName),
    head_title: opt(input.headTitle),
    phone: opt(input.phone),
    email: input.email ? input.email.trim().toLowerCase() : null,
    address: opt(input.address),
    functions: input.functions ? normalizeInput(input.functions).replace(/\r\n?/g, '\n') || null : null,
    site_url: input.siteUrl ? input.siteUrl.trim() : null,
    sort_order: input.sortOrder ?? 0,
  };
}

export async function createUnit(db: Db, actor: AuditActor, input: UnitInput, clock: Clock = systemClock): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await check(trx, actor.siteId, input, null);
    const now = isoNow(clock);
    const { id } = await trx
      .insertInto('units')
      .values({ site_id: actor.siteId, ...values(input), archived_at: null, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, actor, { action: 'unit.create', targetType: 'unit', targetId: id, details: { name: input.name, parentId: input.parentId ?? null } }, clock);
    return id;
  });
}

export async function updateUnit(db: Db, actor: AuditActor, unitId: number, input: UnitInput, clock: Clock = systemClock): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await getUnit(trx, actor.siteId, unitId);
    if (!before) throw new NotFoundError({ vi: 'đơn vị', en: 'Unit' });
    await check(trx, actor.siteId, input, unitId);
    // A caller that does not send the profile (an API client of before 0019) leaves it as it is.
    const after = values({ ...input, functions: input.functions === undefined ? before.functions : input.functions, siteUrl: input.siteUrl === undefined ? before.site_url : input.siteUrl });
    await trx.updateTable('units').set({ ...after, updated_at: isoNow(clock) }).where('id', '=', unitId).where('site_id', '=', actor.siteId).execute();
    const changes = Object.fromEntries(
      Object.entries(after)
        .filter(([k, v]) => before[k as keyof UnitRow] !== v)
        .map(([k, v]) => [k, { from: before[k as keyof UnitRow], to: v }]),
    );
    await appendAudit(trx, actor, { action: 'unit.update', targetType: 'unit', targetId: unitId, details: changes }, clock);
  });
}

/**
 * Removes a unit: deleted outright when nothing refers to it, otherwise
 * archived (hidden from pickers, kept for history). Returns what was done.
 */
export async function removeUnit(db: Db, actor: AuditActor, unitId: number, clock: Clock = systemClock): Promise<'deleted' | 'archived'> {
  return db.transaction().execute(async (trx) => {
    const unit = await getUnit(trx, actor.siteId, unitId);
    if (!unit) throw new NotFoundError({ vi: 'đơn vị', en: 'Unit' });
    const child = await trx.selectFrom('units').select('id').where('parent_id', '=', unitId).where('archived_at', 'is', null).executeTakeFirst();
    if (child) {
      const problems = new Problems();
      problems.add({ code: 'has_children', vi: 'Đơn vị còn đơn vị trực thuộc: hãy chuyển hoặc xóa các đơn vị đó trước.', en: 'The unit still has sub-units: move or remove them first.' });
      problems.throwIfAny();
    }
    // A unit that people, articles, entries or cases name is archived, not deleted: their history keeps its name.
    const used =
      (await trx.selectFrom('memberships').select('id').where('unit_id', '=', unitId).executeTakeFirst()) ??
      (await trx.selectFrom('units').select('id').where('parent_id', '=', unitId).executeTakeFirst()) ??
      (await trx.selectFrom('articles').select('id').where('site_id', '=', actor.siteId).where('unit_id', '=', unitId).executeTakeFirst()) ??
      (await trx.selectFrom('citizen_cases').select('id').where('site_id', '=', actor.siteId).where('unit_id', '=', unitId).executeTakeFirst()) ??
      (await unitNamedByEntry(trx, actor.siteId, unitId));
    if (used) {
      await trx.updateTable('units').set({ archived_at: isoNow(clock), updated_at: isoNow(clock) }).where('id', '=', unitId).execute();
      await appendAudit(trx, actor, { action: 'unit.archive', targetType: 'unit', targetId: unitId, details: { name: unit.name } }, clock);
      return 'archived';
    }
    await trx.deleteFrom('units').where('id', '=', unitId).execute();
    await appendAudit(trx, actor, { action: 'unit.delete', targetType: 'unit', targetId: unitId, details: { name: unit.name } }, clock);
    return 'deleted';
  });
}

/** An entry (draft or published, not purged) whose unit fields hold this unit: read from its values, since not every unit field is indexed. */
async function unitNamedByEntry(db: Db, siteId: number, unitId: number): Promise<{ id: number } | undefined> {
  const rows = await db.selectFrom('articles').select(['id', 'entry_kind', 'details']).where('site_id', '=', siteId).where('kind', '=', 'entry').execute();
  for (const row of rows) {
    const kind = sectionKind(row.entry_kind);
    if (!kind || !row.details) continue;
    let values: unknown;
    try {
      values = JSON.parse(row.details);
    } catch {
      continue;
    }
    if (values && typeof values === 'object' && referencesOf(kind, values as Record<string, unknown>).units.includes(unitId)) return { id: row.id };
  }
  return undefined;
}

export async function restoreUnit(db: Db, actor: AuditActor, unitId: number, clock: Clock = systemClock): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const unit = await getUnit(trx, actor.siteId, unitId);
    if (!unit) throw new NotFoundError({ vi: 'đơn vị', en: 'Unit' });
    await trx.updateTable('units').set({ archived_at: null, updated_at: isoNow(clock) }).where('id', '=', unitId).execute();
    await appendAudit(trx, actor, { action: 'unit.restore', targetType: 'unit', targetId: unitId, details: { name: unit.name } }, clock);
  });
}
