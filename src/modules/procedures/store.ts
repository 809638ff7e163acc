// Reading procedures: the back-office register (every status, trash apart), the
// public list (published only), one procedure, its revisions. Every query is
// bound to one site.
import { documentCatalogue } from '../../core/documents/details.ts';
import { parseDetails, type ProcedureInput, type ProcedureLevel } from '../../core/procedures/index.ts';
import { fold } from '../../core/vietnamese/index.ts';
import type { Db } from '../../platform/db/database.ts';
import type { ProcedureRow } from '../../platform/db/schema.ts';
import type { Site } from '../sites/site.ts';

export const PROCEDURE_ITEM = 'procedure';

export type ProcedureStatus = 'draft' | 'published';

/** The site's fields (lĩnh vực): the document catalogue's, shared with the library. */
export function procedureFields(site: Pick<Site, 'settings'>): string[] {
  return documentCatalogue(site.settings as unknown as Record<string, unknown>).fields;
}

export function inputOfRow(row: Pick<ProcedureRow, 'code' | 'name' | 'level' | 'field' | 'agency' | 'details'>): ProcedureInput {
  return { code: row.code, name: row.name, level: row.level as ProcedureLevel, field: row.field, agency: row.agency, details: parseDetails(row.details) };
}

export async function getProcedure(db: Db, siteId: number, id: number): Promise<ProcedureRow | undefined> {
  return db.selectFrom('procedures').selectAll().where('site_id', '=', siteId).where('id', '=', id).executeTakeFirst();
}

export async function publishedBySlug(db: Db, siteId: number, slug: string): Promise<ProcedureRow | undefined> {
  return db
    .selectFrom('procedures')
    .selectAll()
    .where('site_id', '=', siteId)
    .where('slug', '=', slug)
    .where('status', '=', 'published')
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

export interface ProcedureFilters {
  field?: string | null;
  level?: string | null;
  /** 'trash' lists the deleted ones; otherwise only live rows. */
  status?: ProcedureStatus | 'trash' | null;
  /** Words of the name or code, diacritics ignored. */
  text?: string | null;
}

function filtered(db: Db, siteId: number, f: ProcedureFilters) {
  let q = db.selectFrom('procedures').where('site_id', '=', siteId);
  q = f.status === 'trash' ? q.where('deleted_at', 'is not', null) : q.where('deleted_at', 'is', null);
  if (f.status === 'draft' || f.status === 'published') q = q.where('status', '=', f.status);
  if (f.field) q = q.where('field', '=', f.field);
  if (f.level) q = q.where('level', '=', f.level);
  // LIKE wildcards are dropped from the words rather than escaped: the engines escape differently.
  const words = fold(f.text ?? '').replace(/[\\%_]/g, ' ').split(' ').filter(Boolean).slice(0, 8);
  for (const w of words) {
    const like = `%${w}%`;
    q = q.where((eb) => eb.or([eb('name_folded', 'like', like), eb(eb.fn<string>('lower', ['code']), 'like', like)]));
  }
  return q;
}

/** A page of procedures (by name) and how many match. */
export async function listProcedures(db: Db, siteId: number, f: ProcedureFilters, limit: number, offset: number): Promise<{ rows: ProcedureRow[]; total: number }> {
  const base = filtered(db, siteId, f);
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy('name_folded').orderBy('id').limit(limit).offset(offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Published procedures of the site, for the public list and open data. */
export async function listPublished(db: Db, siteId: number, f: Omit<ProcedureFilters, 'status'>, limit: number, offset: number) {
  return listProcedures(db, siteId, { ...f, status: 'published' }, limit, offset);
}

export async function listRevisions(db: Db, siteId: number, procedureId: number) {
  return db
    .selectFrom('procedure_revisions as r')
    .leftJoin('users as u', 'u.id', 'r.created_by_user_id')
    .select(['r.id', 'r.number', 'r.note', 'r.created_at', 'r.snapshot', 'u.name as author'])
    .where('r.site_id', '=', siteId)
    .where('r.procedure_id', '=', procedureId)
    .orderBy('r.number', 'desc')
    .execute();
}

/** Published documents of the site that a legal basis line may link to, newest first. */
export async function linkableDocuments(db: Db, siteId: number, limit = 300): Promise<{ articleId: number; number: string; title: string; slug: string }[]> {
  const rows = await db
    .selectFrom('legal_documents')
    .select(['article_id', 'number', 'title', 'slug'])
    .where('site_id', '=', siteId)
    .orderBy('issued_on', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ articleId: r.article_id, number: r.number, title: r.title, slug: r.slug }));
}

/** Public addresses of linked documents, by article id (only published documents of this site). */
export async function documentLinks(db: Db, siteId: number, articleIds: number[]): Promise<Map<number, { slug: string; number: string }>> {
  const ids = [...new Set(articleIds)];
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('legal_documents').select(['article_id', 'slug', 'number']).where('site_id', '=', siteId).where('article_id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.article_id, { slug: r.slug, number: r.number }]));
}
