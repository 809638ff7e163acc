// Reading consultations and their comments. Every query is bound to one site;
// what the public sees is decided here by status and dates (the day in Vietnam).
import type { Db } from '../../platform/db/database.ts';
import type { ConsultationCommentRow, ConsultationRow } from '../../platform/db/schema.ts';
import { phaseOf, type CommentStatus, type Phase } from './model.ts';

export async function getConsultation(db: Db, siteId: number, id: number): Promise<ConsultationRow | undefined> {
  return db.selectFrom('consultations').selectAll().where('site_id', '=', siteId).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

export interface AdminListRow {
  row: ConsultationRow;
  phase: Phase;
  pending: number;
  approved: number;
  total: number;
}

/** Every live consultation of the site with its comment counts, newest opening first; optionally one phase. */
export async function listForAdmin(db: Db, siteId: number, today: string, phase: Phase | null): Promise<AdminListRow[]> {
  const rows = await db.selectFrom('consultations').selectAll().where('site_id', '=', siteId).where('deleted_at', 'is', null).orderBy('opens_on', 'desc').orderBy('id', 'desc').limit(1000).execute();
  const counts = await db
    .selectFrom('consultation_comments')
    .select(['consultation_id', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('site_id', '=', siteId)
    .groupBy(['consultation_id', 'status'])
    .execute();
  const by = new Map<string, number>(counts.map((c) => [`${c.consultation_id}:${c.status}`, Number(c.n)]));
  return rows
    .map((row) => {
      const pending = by.get(`${row.id}:pending`) ?? 0;
      const approved = by.get(`${row.id}:approved`) ?? 0;
      return { row, phase: phaseOf(row, today), pending, approved, total: pending + approved + (by.get(`${row.id}:rejected`) ?? 0) };
    })
    .filter((r) => phase === null || r.phase === phase);
}

/** Published or concluded, not deleted, already opened: what the public may read on `today`. */
function visible(db: Db, siteId: number, today: string) {
  return db.selectFrom('consultations').selectAll().where('site_id', '=', siteId).where('deleted_at', 'is', null).where('status', 'in', ['published', 'concluded']).where('opens_on', '<=', today);
}

export async function publicBySlug(db: Db, siteId: number, slug: string, today: string): Promise<ConsultationRow | undefined> {
  return visible(db, siteId, today).where('slug', '=', slug).executeTakeFirst();
}

export interface PublicLists {
  open: ConsultationRow[];
  closed: ConsultationRow[];
  concluded: ConsultationRow[];
}

/** The public lists: open now (closing soonest first), closed awaiting results, concluded (newest first). */
export async function publicLists(db: Db, siteId: number, today: string, limit = 200): Promise<PublicLists> {
  const [open, closed, concluded] = await Promise.all([
    visible(db, siteId, today).where('status', '=', 'published').where('closes_on', '>=', today).orderBy('closes_on').orderBy('id').limit(limit).execute(),
    visible(db, siteId, today).where('status', '=', 'published').where('closes_on', '<', today).orderBy('closes_on', 'desc').orderBy('id', 'desc').limit(limit).execute(),
    visible(db, siteId, today).where('status', '=', 'concluded').orderBy('concluded_at', 'desc').orderBy('id', 'desc').limit(limit).execute(),
  ]);
  return { open, closed, concluded };
}

export async function listComments(db: Db, siteId: number, consultationId: number, status: CommentStatus | null = null): Promise<ConsultationCommentRow[]> {
  return db
    .selectFrom('consultation_comments')
    .selectAll()
    .where('site_id', '=', siteId)
    .where('consultation_id', '=', consultationId)
    .$if(status !== null, (q) => q.where('status', '=', status!))
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** What a public page may show of a comment: never who sent it. */
export interface PublicComment {
  id: number;
  part: string | null;
  body: string;
  createdAt: string;
  responseKind: string | null;
  response: string | null;
}

export async function approvedComments(db: Db, siteId: number, consultationId: number): Promise<PublicComment[]> {
  const rows = await db
    .selectFrom('consultation_comments')
    .select(['id', 'part', 'body', 'created_at', 'response_kind', 'response'])
    .where('site_id', '=', siteId)
    .where('consultation_id', '=', consultationId)
    .where('status', '=', 'approved')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, part: r.part, body: r.body, createdAt: r.created_at, responseKind: r.response_kind, response: r.response }));
}

/** Comments sent from one address to this site since `since` (ISO): the per-address limit. */
export async function commentsFromAddress(db: Db, siteId: number, email: string, since: string): Promise<number> {
  const row = await db
    .selectFrom('consultation_comments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('site_id', '=', siteId)
    .where('email', '=', email)
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Drafts published for comment whose period has not ended (open now or opening later). */
export async function draftsTakingComments(db: Db, siteId: number, today: string): Promise<number> {
  const row = await db
    .selectFrom('consultations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('site_id', '=', siteId)
    .where('deleted_at', 'is', null)
    .where('status', '=', 'published')
    .where('closes_on', '>=', today)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
