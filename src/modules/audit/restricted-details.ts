// Some audited actions carry details only a narrower permission may read:
// royalty amounts, payees and their pen names (nhuận bút) are for those who
// hold the royalty permission, not for everyone who reads the audit log.
import { can, type Grants, type Permission } from '../../core/permissions.ts';

const FAMILY_PERMISSION: Record<string, Permission> = {
  royalty: 'royalties.view',
  budget: 'royalties.view',
};

/** The permission needed to read an action's details, or null when reading the log is enough. */
export function detailsPermission(action: string): Permission | null {
  return FAMILY_PERMISSION[action.split('.', 1)[0]!] ?? null;
}

export function mayReadDetails(grants: Grants, action: string): boolean {
  const needed = detailsPermission(action);
  return needed === null || can(grants, needed);
}
