// Memberships (a user on a site, in a unit) and their roles.
import { isRole, type Role } from '../../core/permissions.ts';
import type { Db } from '../../platform/db/database.ts';
import { fold } from '../../core/vietnamese/index.ts';

/** Roles a user holds on a site right now: none if the membership or the account is disabled. */
export async function activeRoles(db: Db, siteId: number, userId: number): Promise<Role[]> {
  const rows = await db
    .selectFrom('membership_roles as r')
    .innerJoin('memberships as m', (j) => j.onRef('m.site_id', '=', 'r.site_id').onRef('m.user_id', '=', 'r.user_id'))
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select('r.role')
    .where('r.site_id', '=', siteId)
    .where('r.user_id', '=', userId)
    .where('m.status', '=', 'active')
    .where('u.status', '=', 'active')
    .execute();
  return rows.map((r) => r.role).filter(isRole);
}

export async function getMembership(db: Db, siteId: number, userId: number) {
  return db.selectFrom('memberships').selectAll().where('site_id', '=', siteId).where('user_id', '=', userId).executeTakeFirst();
}

export interface MemberSummary {
  userId: number;
  email: string;
  name: string;
  phone: string | null;
  userStatus: string;
  membershipStatus: string;
  unitId: number | null;
  unitName: string | null;
  position: string | null;
  roles: Role[];
  lastLoginAt: string | null;
  twoFactor: boolean;
}

export interface MemberFilter {
  search?: string;
  role?: Role;
  unitId?: number;
  status?: 'active' | 'disabled';
  userId?: number;
}

/** Members of one site, with their roles, for the users page and pickers. */
export async function listMembers(db: Db, siteId: number, filter: MemberFilter = {}): Promise<MemberSummary[]> {
  let q = db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .leftJoin('units as un', (j) => j.onRef('un.id', '=', 'm.unit_id').onRef('un.site_id', '=', 'm.site_id'))
    .select([
      'u.id as userId', 'u.email', 'u.name', 'u.phone', 'u.status as userStatus', 'u.last_login_at as lastLoginAt',
      'u.totp_enabled_at', 'm.status as membershipStatus', 'm.unit_id as unitId', 'un.name as unitName', 'm.position',
    ])
    .where('m.site_id', '=', siteId);
  if (filter.search) {
    const term = `%${fold(filter.search).replace(/[\\%_]/g, '')}%`;
    q = q.where((eb) => eb.or([eb('u.name_folded', 'like', term), eb('u.email', 'like', term)]));
  }
  if (filter.unitId) q = q.where('m.unit_id', '=', filter.unitId);
  if (filter.userId) q = q.where('m.user_id', '=', filter.userId);
  if (filter.status) q = q.where('m.status', '=', filter.status);
  if (filter.role) {
    const role = filter.role;
    q = q.where((eb) =>
      eb.exists(
        eb.selectFrom('membership_roles as r').select('r.role').whereRef('r.site_id', '=', 'm.site_id').whereRef('r.user_id', '=', 'm.user_id').where('r.role', '=', role),
      ),
    );
  }
  const rows = await q.orderBy('u.name_folded').execute();
  const roles = await rolesByUser(db, siteId, rows.map((r) => r.userId));
  return rows.map((r) => ({
    userId: r.userId,
    email: r.email,
    name: r.name,
    phone: r.phone,
    userStatus: r.userStatus,
    membershipStatus: r.membershipStatus,
    unitId: r.unitId,
    unitName: r.unitName,
    position: r.position,
    roles: roles.get(r.userId) ?? [],
    lastLoginAt: r.lastLoginAt,
    twoFactor: r.totp_enabled_at !== null,
  }));
}

/** One member of a site, or undefined when the person is not a member here. */
export async function getMember(db: Db, siteId: number, userId: number): Promise<MemberSummary | undefined> {
  return (await listMembers(db, siteId, { userId }))[0];
}

export async function rolesByUser(db: Db, siteId: number, userIds: number[]): Promise<Map<number, Role[]>> {
  const map = new Map<number, Role[]>();
  if (userIds.length === 0) return map;
  const rows = await db.selectFrom('membership_roles').select(['user_id', 'role']).where('site_id', '=', siteId).where('user_id', 'in', userIds).execute();
  for (const row of rows) {
    if (!isRole(row.role)) continue;
    map.set(row.user_id, [...(map.get(row.user_id) ?? []), row.role]);
  }
  return map;
}

/** Every site the user belongs to, with roles: the back-office home lists them. */
export async function sitesOfUser(db: Db, userId: number): Promise<{ siteId: number; status: string; roles: Role[] }[]> {
  const memberships = await db.selectFrom('memberships').select(['site_id', 'status']).where('user_id', '=', userId).execute();
  const roles = await db.selectFrom('membership_roles').select(['site_id', 'role']).where('user_id', '=', userId).execute();
  return memberships.map((m) => ({
    siteId: m.site_id,
    status: m.status,
    roles: roles.filter((r) => r.site_id === m.site_id).map((r) => r.role).filter(isRole),
  }));
}

export async function countActiveHolders(db: Db, siteId: number, role: Role): Promise<number> {
  const row = await db
    .selectFrom('membership_roles as r')
    .innerJoin('memberships as m', (j) => j.onRef('m.site_id', '=', 'r.site_id').onRef('m.user_id', '=', 'r.user_id'))
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('r.site_id', '=', siteId)
    .where('r.role', '=', role)
    .where('m.status', '=', 'active')
    .where('u.status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
