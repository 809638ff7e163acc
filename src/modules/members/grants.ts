// Gathers what decides a user's rights on a site today: own roles, roles
// delegated to them (limited to what the delegator still holds), the site's
// state and, for API tokens, the token's scopes.
import { delegatableRoles, isRole, type DelegatedRole, type Grants, type Role, type TokenScope } from '../../core/permissions.ts';
import type { Db } from '../../platform/db/database.ts';
import { delegationsInForceTo } from '../delegations/store.ts';
import type { Site } from '../sites/site.ts';
import { activeRoles } from './store.ts';

export async function loadGrants(
  db: Db,
  site: Pick<Site, 'id' | 'status'>,
  user: { id: number; is_platform_admin: number },
  today: string,
  scopes: TokenScope[] | null = null,
): Promise<Grants> {
  const ownRoles = await activeRoles(db, site.id, user.id);
  const delegated: DelegatedRole[] = [];
  for (const d of await delegationsInForceTo(db, site.id, user.id, today)) {
    const delegatorRoles = await activeRoles(db, site.id, d.from_user_id);
    const requested: Role[] | 'all' = d.all_roles === 1 ? 'all' : (JSON.parse(d.roles) as string[]).filter(isRole);
    for (const role of delegatableRoles(requested, delegatorRoles)) {
      delegated.push({ role, fromUserId: d.from_user_id, delegationId: d.id });
    }
  }
  return {
    userId: user.id,
    platformAdmin: user.is_platform_admin === 1,
    ownRoles,
    delegated,
    siteWritable: site.status === 'active',
    scopes,
  };
}

/** A user may enter a site's back office with a role, a delegation in force, or as platform admin. */
export function hasAnyAccess(grants: Grants): boolean {
  return grants.platformAdmin || grants.ownRoles.length > 0 || grants.delegated.length > 0;
}
