// Queries on delegations (ủy quyền).
import type { Db } from '../../platform/db/database.ts';
import type { DelegationRow } from '../../platform/db/schema.ts';

/** Delegations to this user in force on a Vietnam date. */
export async function delegationsInForceTo(db: Db, siteId: number, toUserId: number, today: string): Promise<DelegationRow[]> {
  return db
    .selectFrom('delegations')
    .selectAll()
    .where('site_id', '=', siteId)
    .where('to_user_id', '=', toUserId)
    .where('revoked_at', 'is', null)
    .where('starts_on', '<=', today)
    .where('ends_on', '>=', today)
    .orderBy('id')
    .execute();
}

export interface DelegationView extends DelegationRow {
  from_name: string;
  from_email: string;
  to_name: string;
  to_email: string;
}

export async function listDelegations(
  db: Db,
  siteId: number,
  filter: { involvingUserId?: number; id?: number } = {},
): Promise<DelegationView[]> {
  let q = db
    .selectFrom('delegations as d')
    .innerJoin('users as f', 'f.id', 'd.from_user_id')
    .innerJoin('users as t', 't.id', 'd.to_user_id')
    .selectAll('d')
    .select(['f.name as from_name', 'f.email as from_email', 't.name as to_name', 't.email as to_email'])
    .where('d.site_id', '=', siteId);
  if (filter.involvingUserId !== undefined) {
    const uid = filter.involvingUserId;
    q = q.where((eb) => eb.or([eb('d.from_user_id', '=', uid), eb('d.to_user_id', '=', uid)]));
  }
  if (filter.id !== undefined) q = q.where('d.id', '=', filter.id);
  return q.orderBy('d.starts_on', 'desc').orderBy('d.id', 'desc').execute();
}
