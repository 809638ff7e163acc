// Queries of the citizens' cases back office: the register with its tabs and
// filters, one case with its files and history, and who may see which case
// (the board sees the whole site's, a unit's answerers only their unit's).
import { documentCatalogue } from '../../core/documents/index.ts';
import { CLOSED_STATUSES, isClosed, type CaseKind, type CaseStatus } from '../../core/citizens/index.ts';
import { can, type Grants } from '../../core/permissions.ts';
import { engineOf, type Db } from '../../platform/db/database.ts';
import type { CitizenCaseEventRow, CitizenCaseFileRow, CitizenCaseRow } from '../../platform/db/schema.ts';
import { roleLabel, type Site } from '../sites/site.ts';
import { loadSiteLabels } from '../sites/store.ts';

/** The register's tabs, in the order a case passes through them. */
export const CASE_TABS = ['intake', 'units', 'review', 'approved', 'closed'] as const;
export type CaseTab = (typeof CASE_TABS)[number];

export const TAB_STATUSES: Record<CaseTab, readonly CaseStatus[]> = {
  intake: ['received'],
  units: ['assigned', 'in_progress'],
  review: ['in_review'],
  approved: ['approved'],
  closed: CLOSED_STATUSES,
};

/** Who is looking: the board (every case of the site) or a unit's answerers (their unit's cases only). */
export interface CaseViewer {
  userId: number;
  moderator: boolean;
  answerer: boolean;
  /** Units whose cases this person handles: their own (memberships.unit_id), and any they head by delegation. */
  unitIds: number[];
  /** The site no longer operates (archived or merged): its cases are seen as before, never changed. */
  readOnly: boolean;
  /** The site's name of its board, for messages ("Ban biên tập", "Tổ biên tập"). */
  board?: string;
}

export async function caseViewer(db: Db, siteId: number, grants: Grants): Promise<CaseViewer> {
  const unitIds: number[] = [];
  const own = await db.selectFrom('memberships').select('unit_id').where('site_id', '=', siteId).where('user_id', '=', grants.userId).where('status', '=', 'active').executeTakeFirst();
  if (own?.unit_id) unitIds.push(own.unit_id);
  for (const d of grants.delegated.filter((x) => x.role === 'unit_head' || x.role === 'responder')) {
    const theirs = await db.selectFrom('memberships').select('unit_id').where('site_id', '=', siteId).where('user_id', '=', d.fromUserId).executeTakeFirst();
    if (theirs?.unit_id && !unitIds.includes(theirs.unit_id)) unitIds.push(theirs.unit_id);
  }
  // What a person sees follows their roles, not whether the site may still change: on an archived
  // site the read-only rule refuses moderating and answering, which must not hide the register.
  const roles: Grants = { ...grants, siteWritable: true };
  const board = roleLabel({ labels: await loadSiteLabels(db, siteId) }, 'board', 'vi');
  return { userId: grants.userId, moderator: can(roles, 'interaction.moderate'), answerer: can(roles, 'interaction.answer'), unitIds, readOnly: !grants.siteWritable, board };
}

/** Does this case belong to a unit this person answers for? */
export function handlesCase(viewer: CaseViewer, row: Pick<CitizenCaseRow, 'unit_id'>): boolean {
  return viewer.answerer && row.unit_id !== null && viewer.unitIds.includes(row.unit_id);
}

/** May this person open the case (and see the requester's personal data)? Otherwise it does not exist for them. */
export function mayOpenCase(viewer: CaseViewer, row: Pick<CitizenCaseRow, 'unit_id'>): boolean {
  return viewer.moderator || handlesCase(viewer, row);
}

export async function getCase(db: Db, siteId: number, id: number): Promise<CitizenCaseRow | undefined> {
  return db.selectFrom('citizen_cases').selectAll().where('site_id', '=', siteId).where('id', '=', id).executeTakeFirst();
}

/** The case row, locked for the rest of the transaction on PostgreSQL (SQLite serialises writers anyway). */
export async function lockedCase(db: Db, siteId: number, id: number): Promise<CitizenCaseRow | undefined> {
  return db
    .selectFrom('citizen_cases')
    .selectAll()
    .where('site_id', '=', siteId)
    .where('id', '=', id)
    .$if(engineOf(db) === 'postgres', (q) => q.forUpdate())
    .executeTakeFirst();
}

export async function caseByTrackingCode(db: Db, siteId: number, code: string): Promise<CitizenCaseRow | undefined> {
  return db.selectFrom('citizen_cases').selectAll().where('site_id', '=', siteId).where('tracking_code', '=', code).executeTakeFirst();
}

export interface CaseFilters {
  tab: CaseTab;
  kind: CaseKind | null;
  field: string | null;
  unitId: number | null;
  overdueOnly: boolean;
}

export interface CaseListItem extends CitizenCaseRow {
  unit_name: string | null;
}

/** Is the case late now: its answer, its receipt by the unit, or (information requests) the notice? */
export function isOverdue(row: Pick<CitizenCaseRow, 'status' | 'due_at' | 'receipt_due_at' | 'receipt_recorded_at' | 'notice_due_at' | 'notice_sent_at'>, now: Date, forwardDueAt: Date | null = null): boolean {
  if (isClosed(row.status)) return false;
  const past = (iso: string | null) => iso !== null && Date.parse(iso) < now.getTime();
  if (past(row.due_at)) return true;
  if (row.status === 'assigned' && row.receipt_recorded_at === null && past(row.receipt_due_at)) return true;
  if (row.notice_sent_at === null && past(row.notice_due_at)) return true;
  return row.status === 'received' && forwardDueAt !== null && forwardDueAt.getTime() < now.getTime();
}

/** The earliest deadline still ahead of the case (receipt, notice, routing or answer), or null when closed or none is set. */
export function nextDeadline(row: Pick<CitizenCaseRow, 'status' | 'due_at' | 'receipt_due_at' | 'receipt_recorded_at' | 'notice_due_at' | 'notice_sent_at'>, forwardDueAt: Date | null = null): Date | null {
  if (isClosed(row.status)) return null;
  const candidates = [
    row.due_at,
    row.status === 'assigned' && row.receipt_recorded_at === null ? row.receipt_due_at : null,
    row.notice_sent_at === null ? row.notice_due_at : null,
    row.status === 'received' && forwardDueAt ? forwardDueAt.toISOString() : null,
  ].filter((iso): iso is string => iso !== null);
  if (candidates.length === 0) return null;
  return new Date(Math.min(...candidates.map((iso) => Date.parse(iso))));
}

/** Limits the register to what the viewer may see: everything for the board, their units' cases otherwise. */
function scopedQuery(db: Db, siteId: number, viewer: CaseViewer) {
  const q = db.selectFrom('citizen_cases as c').leftJoin('units as u', 'u.id', 'c.unit_id').where('c.site_id', '=', siteId);
  if (viewer.moderator) return q;
  return viewer.unitIds.length > 0 ? q.where('c.unit_id', 'in', viewer.unitIds) : q.where('c.id', '=', -1);
}

/** How many cases each tab holds for this viewer. */
export async function countByTab(db: Db, siteId: number, viewer: CaseViewer): Promise<Record<CaseTab, number>> {
  const rows = await scopedQuery(db, siteId, viewer)
    .select(['c.status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('c.status')
    .execute();
  const counts = Object.fromEntries(CASE_TABS.map((t) => [t, 0])) as Record<CaseTab, number>;
  for (const r of rows) {
    const tab = CASE_TABS.find((t) => TAB_STATUSES[t].includes(r.status as CaseStatus));
    if (tab) counts[tab] += Number(r.n);
  }
  return counts;
}

/** At most this many cases are read to filter the overdue ones in code (working-day deadlines are not SQL). */
const OVERDUE_SCAN = 2000;

/** The open cases this viewer may see, oldest first (at most OVERDUE_SCAN). */
export async function openCases(db: Db, siteId: number, viewer: CaseViewer): Promise<CaseListItem[]> {
  return (await scopedQuery(db, siteId, viewer)
    .where('c.status', 'not in', [...CLOSED_STATUSES])
    .selectAll('c')
    .select('u.name as unit_name')
    .orderBy('c.id', 'asc')
    .limit(OVERDUE_SCAN)
    .execute()) as CaseListItem[];
}

/**
 * One page of the register. Answerers' work comes by what is due, receipts
 * not yet recorded first (004 Đ8.3: the same day); the intake by arrival;
 * closed cases newest first. `forwardDue` gives the routing deadline of a
 * petition in intake, for the overdue filter.
 */
export async function listCases(
  db: Db,
  siteId: number,
  viewer: CaseViewer,
  filters: CaseFilters,
  page: { limit: number; offset: number },
  now: Date,
  forwardDue: (row: CitizenCaseRow) => Promise<Date | null>,
): Promise<{ rows: CaseListItem[]; total: number }> {
  let q = scopedQuery(db, siteId, viewer).where('c.status', 'in', [...TAB_STATUSES[filters.tab]]);
  if (filters.kind) q = q.where('c.kind', '=', filters.kind);
  if (filters.field) q = q.where('c.field', '=', filters.field);
  if (filters.unitId) q = q.where('c.unit_id', '=', filters.unitId);
  let ordered = q.selectAll('c').select('u.name as unit_name');
  if (filters.tab === 'closed') ordered = ordered.orderBy('c.closed_at', 'desc');
  else if (filters.tab === 'intake') ordered = ordered.orderBy('c.created_at', 'asc');
  else {
    // Receipt not yet recorded first, then the earliest due; cases without a due time last.
    ordered = ordered
      .orderBy((eb) => eb.case().when('c.status', '=', 'assigned').then(0).else(1).end())
      .orderBy((eb) => eb.case().when('c.due_at', 'is', null).then(1).else(0).end())
      .orderBy('c.due_at', 'asc');
  }
  ordered = ordered.orderBy('c.id', 'asc');
  if (filters.overdueOnly) {
    const all = (await ordered.limit(OVERDUE_SCAN).execute()) as CaseListItem[];
    const late: CaseListItem[] = [];
    for (const row of all) if (isOverdue(row, now, row.kind === 'petition' && row.status === 'received' ? await forwardDue(row) : null)) late.push(row);
    return { rows: late.slice(page.offset, page.offset + page.limit), total: late.length };
  }
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = (await ordered.limit(page.limit).offset(page.offset).execute()) as CaseListItem[];
  return { rows, total: Number(total.n) };
}

/** Files of a case: 'request' ones came with it, 'answer' ones go with the answer. */
export const ANSWER_PART = 'answer';

export async function answerFiles(db: Db, siteId: number, caseId: number): Promise<CitizenCaseFileRow[]> {
  return db.selectFrom('citizen_case_files').selectAll().where('site_id', '=', siteId).where('case_id', '=', caseId).where('part', '=', ANSWER_PART).orderBy('id').execute();
}

export async function caseFiles(db: Db, siteId: number, caseId: number): Promise<CitizenCaseFileRow[]> {
  return db.selectFrom('citizen_case_files').selectAll().where('site_id', '=', siteId).where('case_id', '=', caseId).orderBy('id').execute();
}

export async function caseFile(db: Db, siteId: number, caseId: number, fileId: number): Promise<CitizenCaseFileRow | undefined> {
  return db.selectFrom('citizen_case_files').selectAll().where('site_id', '=', siteId).where('case_id', '=', caseId).where('id', '=', fileId).executeTakeFirst();
}

export type CaseEventItem = CitizenCaseEventRow & { actor_name: string | null };

export async function caseEvents(db: Db, siteId: number, caseId: number): Promise<CaseEventItem[]> {
  return db
    .selectFrom('citizen_case_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_user_id')
    .selectAll('e')
    .select('u.name as actor_name')
    .where('e.site_id', '=', siteId)
    .where('e.case_id', '=', caseId)
    .orderBy('e.id')
    .execute();
}

/** The fields (lĩnh vực) a case may be classified in: the site's catalogue. */
export function caseFields(site: Pick<Site, 'settings'>): string[] {
  return documentCatalogue(site.settings as unknown as Record<string, unknown>).fields;
}

/** Active members of a unit who answer for it (its head and its responders). */
export async function unitAnswerers(db: Db, siteId: number, unitId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('membership_roles as r')
    .innerJoin('memberships as m', (j) => j.onRef('m.site_id', '=', 'r.site_id').onRef('m.user_id', '=', 'r.user_id'))
    .select('r.user_id')
    .where('r.site_id', '=', siteId)
    .where('r.role', 'in', ['unit_head', 'responder'])
    .where('m.unit_id', '=', unitId)
    .where('m.status', '=', 'active')
    .execute();
  return [...new Set(rows.map((r) => r.user_id))];
}

/** The newest correction of an article published at or after a time (the claim's arrival). */
export async function correctionSince(db: Db, siteId: number, articleId: number, since: string) {
  return db
    .selectFrom('article_corrections')
    .selectAll()
    .where('site_id', '=', siteId)
    .where('article_id', '=', articleId)
    .where('published_at', '>=', since)
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

export async function articleRef(db: Db, siteId: number, articleId: number) {
  return db.selectFrom('articles').select(['id', 'title', 'slug', 'live_revision_id', 'publication']).where('site_id', '=', siteId).where('id', '=', articleId).where('deleted_at', 'is', null).executeTakeFirst();
}

export function parseDetails(row: Pick<CitizenCaseRow, 'details'>): Record<string, unknown> {
  try {
    const value = JSON.parse(row.details) as unknown;
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
