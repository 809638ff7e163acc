// Reading stored reports: the versions of a period, one version by id, the
// list of a site's reports. Every query names the site.
import type { Db } from '../../platform/db/database.ts';
import type { ReportRow } from '../../platform/db/schema.ts';
import type { ReportFigures } from './compute.ts';

/** A version as lists show it: everything but the frozen figures (which can be large). */
export type ReportListing = Omit<ReportRow, 'figures'>;

const LISTED = [
  'id', 'site_id', 'kind', 'period_key', 'version', 'state', 'number', 'subject', 'place', 'recipients', 'signer_title', 'signer_name',
  'assessment', 'proposals', 'reissue_reason', 'prepared_by_user_id', 'approved_by_user_id', 'approved_at', 'created_at', 'updated_at',
] as const satisfies readonly (keyof ReportListing)[];

/** The versions of a period's report, newest first. */
export async function reportVersions(db: Db, siteId: number, kind: string, periodKey: string): Promise<ReportListing[]> {
  return db.selectFrom('reports').select(LISTED).where('site_id', '=', siteId).where('kind', '=', kind).where('period_key', '=', periodKey).orderBy('version', 'desc').execute();
}

export async function reportById(db: Db, siteId: number, id: number): Promise<ReportRow | null> {
  return (await db.selectFrom('reports').selectAll().where('site_id', '=', siteId).where('id', '=', id).executeTakeFirst()) ?? null;
}

/** Every version of every report of the site, newest period first. */
export async function listReports(db: Db, siteId: number): Promise<ReportListing[]> {
  return db
    .selectFrom('reports')
    .select(LISTED)
    .where('site_id', '=', siteId)
    .orderBy('period_key', 'desc')
    .orderBy('kind')
    .orderBy('version', 'desc')
    .execute();
}

/** The frozen figures of an approved version; null for a draft. */
export function frozenFigures(row: Pick<ReportRow, 'figures'>): ReportFigures | null {
  return row.figures ? (JSON.parse(row.figures) as ReportFigures) : null;
}

/** The latest approved version of each of the given sites for a period (for the roll-up). */
export async function approvedReports(db: Db, siteIds: number[], kind: string, periodKey: string): Promise<Map<number, ReportRow>> {
  if (siteIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('reports')
    .selectAll()
    .where('site_id', 'in', siteIds)
    .where('kind', '=', kind)
    .where('period_key', '=', periodKey)
    .where('state', '=', 'approved')
    .orderBy('version', 'asc')
    .execute();
  return new Map(rows.map((r) => [r.site_id, r]));
}
