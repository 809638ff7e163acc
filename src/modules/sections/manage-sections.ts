// Sections (chuyên mục): a per-site tree with Vietnamese and English names.
// One section can be the clearly labelled reference section (tin tham khảo,
// 001 Đ7.1) where unverified information is filed.
import { NotFoundError, Problems } from '../../core/errors.ts';
import { isoNow, systemClock, type Clock } from '../../core/time.ts';
import { normalizeInput, slugify } from '../../core/vietnamese/index.ts';
import type { Db } from '../../platform/db/database.ts';
import type { SectionRow } from '../../platform/db/schema.ts';
import { siteContentChanged } from '../../platform/events.ts';
import { appendAudit, type AuditActor } from '../audit/store.ts';
import { createsCycle } from '../../core/tree.ts';

export interface SectionInput {
  name: string;
  nameEn?: string | null;
  slug?: string | null;
  parentId?: number | null;
  description?: string | null;
  isReference?: boolean;
  sortOrder?: number;
}

export async function listSections(db: Db, siteId: number, opts: { includeArchived?: boolean } = {}): Promise<SectionRow[]> {
  return db
    .selectFrom('sections')
    .selectAll()
    .where('site_id', '=', siteId)
    .$if(!opts.includeArchived, (q) => q.where('archived_at', 'is', null))
    .orderBy('sort_order')
    .orderBy('name')
    .execute();
}

export async function getSection(db: Db, siteId: number, id: number): Promise<SectionRow | undefined> {
  return db.selectFrom('sections').selectAll().where('site_id', '=', siteId).where('id', '=', id).executeTakeFirst();
}

export async function referenceSection(db: Db, siteId: number): Promise<SectionRow | undefined> {
  return db.selectFrom('sections').selectAll().where('site_id', '=', siteId).where('is_reference', '=', 1).where('archived_at', 'is', null).orderBy('id').executeTakeFirst();
}

async function check(db: Db, siteId: number, input: SectionInput, sectionId: number | null): Promise<string> {
  const problems = new Problems();
  const name = normalizeInput(input.name);
  if (!name) problems.add({ code: 'name_required', field: 'name', vi: 'Vui lòng nhập tên chuyên mục.', en: 'Please enter the section name.' });
  const slug = slugify(input.slug?.trim() ? input.slug : name, 60);
  if (!slug) problems.add({ code: 'slug_invalid', field: 'slug', vi: 'Đường dẫn chuyên mục phải có chữ hoặc số.', en: 'The section path needs letters or digits.' });
  const all = await listSections(db, siteId, { includeArchived: true });
  if (slug && all.some((s) => s.slug === slug && s.id !== sectionId)) {
    problems.add({ code: 'slug_taken', field: 'slug', vi: `Đường dẫn "${slug}" đã được chuyên mục khác dùng.`, en: `The path "${slug}" is used by another section.` });
  }
  if (input.parentId != null) {
    if (!all.some((s) => s.id === input.parentId)) {
      problems.add({ code: 'invalid_parent', field: 'parentId', vi: 'Chuyên mục cha không thuộc trang này.', en: 'The parent section does not belong to this site.' });
    } else if (sectionId !== null && createsCycle(all, sectionId, input.parentId)) {
      problems.add({ code: 'parent_cycle', field: 'parentId', vi: 'Không thể đặt chuyên mục dưới chính nó.', en: 'A section cannot be placed under itself.' });
    }
  }
  problems.throwIfAny();
  return slug;
}

export async function createSection(db: Db, actor: AuditActor, input: SectionInput, clock: Clock = systemClock): Promise<number> {
  const created = await db.transaction().execute(async (trx) => {
    const slug = await check(trx, actor.siteId, input, null);
    const now = isoNow(clock);
    const { id } = await trx
      .insertInto('sections')
      .values({
        site_id: actor.siteId,
        parent_id: input.parentId ?? null,
        slug,
        name: normalizeInput(input.name),
        name_en: input.nameEn ? normalizeInput(input.nameEn) : null,
        description: input.description ? normalizeInput(input.description) : null,
        is_reference: input.isReference ? 1 : 0,
        sort_order: input.sortOrder ?? 0,
        archived_at: null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, actor, { action: 'section.create', targetType: 'section', targetId: id, details: { name: input.name, slug } }, clock);
    return id;
  });
  siteContentChanged(actor.siteId);
  return created;
}

export async function updateSection(db: Db, actor: AuditActor, id: number, input: SectionInput, clock: Clock = systemClock): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await getSection(trx, actor.siteId, id);
    if (!before) throw new NotFoundError({ vi: 'chuyên mục', en: 'Section' });
    const slug = await check(trx, actor.siteId, input, id);
    await trx
      .updateTable('sections')
      .set({
        parent_id: input.parentId ?? null,
        slug,
        name: normalizeInput(input.name),
        name_en: input.nameEn ? normalizeInput(input.nameEn) : null,
        description: input.description ? normalizeInput(input.description) : null,
        is_reference: input.isReference ? 1 : 0,
        sort_order: input.sortOrder ?? 0,
        updated_at: isoNow(clock),
      })
      .where('id', '=', id)
      .where('site_id', '=', actor.siteId)
      .execute();
    await appendAudit(trx, actor, { action: 'section.update', targetType: 'section', targetId: id, details: { from: { name: before.name, slug: before.slug }, to: { name: input.name, slug } } }, clock);
  });
  siteContentChanged(actor.siteId);
}

/** Sections are archived, never deleted: published articles keep pointing at them. */
export async function setSectionArchived(db: Db, actor: AuditActor, id: number, archived: boolean, clock: Clock = systemClock): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const section = await getSection(trx, actor.siteId, id);
    if (!section) throw new NotFoundError({ vi: 'chuyên mục', en: 'Section' });
    await trx.updateTable('sections').set({ archived_at: archived ? isoNow(clock) : null, updated_at: isoNow(clock) }).where('id', '=', id).execute();
    await appendAudit(trx, actor, { action: archived ? 'section.archive' : 'section.restore', targetType: 'section', targetId: id, details: { name: section.name } }, clock);
  });
  siteContentChanged(actor.siteId);
}
