// Roles of a site's editorial organisation and the permissions behind them.
// Labels differ per site ("Trưởng ban" / "Tổ trưởng"); the permissions do not.
// Pure code: the HTTP layer asks `authorize`, the data comes from the store.

export const ROLES = [
  'site_admin', // Quản trị hệ thống: accounts, settings, security
  'editor_in_chief', // Trưởng Ban biên tập / Tổ trưởng Tổ biên tập
  'deputy', // Phó Trưởng ban / Tổ phó
  'secretariat', // Thường trực Ban biên tập
  'board_member', // Thành viên / Ủy viên Ban biên tập
  'secretary', // Thư ký (kỹ thuật / nội dung)
  'publisher', // Quản trị mạng, cán bộ chuyên trách kỹ thuật: posts approved content
  'unit_head', // Lãnh đạo đơn vị
  'contributor', // Cán bộ cung cấp thông tin, cộng tác viên
  'responder', // Cán bộ trả lời ý kiến công dân
] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** The four levels of 001 Đ12.2, plus access to the back office itself. */
export const PERMISSION_LEVELS = ['access', 'system', 'moderation', 'update', 'publishing'] as const;
export type PermissionLevel = (typeof PERMISSION_LEVELS)[number];

export const PERMISSIONS = {
  'backoffice.access': 'access',
  'members.view': 'access',
  'content.view': 'access',
  // System administration (quản trị hệ thống)
  'site.settings': 'system',
  'rules.manage': 'system',
  'users.manage': 'system',
  'units.manage': 'system',
  'delegations.manage': 'system',
  'audit.read': 'system',
  'tokens.manage': 'system',
  'content.purge': 'system',
  'sections.manage': 'system',
  'screening.manage': 'system',
  // Moderation (kiểm duyệt)
  'content.review': 'moderation',
  'content.takedown': 'moderation',
  'content.urgent_publish': 'moderation',
  'interaction.moderate': 'moderation',
  // Seeing citizens' cases: moderators see all of the site's, answerers only their unit's.
  'interaction.view': 'access',
  // Reading the site's reports (citizens' ratings): the board, not the authors of what is rated.
  'reports.view': 'access',
  // A unit head reads their own unit's provision, quota and deadline figures.
  'reports.own_unit': 'access',
  // The secretariat prepares the monthly, 6-monthly and yearly reports; the head approves (freezes) them.
  'reports.prepare': 'update',
  'reports.approve': 'publishing',
  // Royalties and remuneration (nhuận bút, thù lao): amounts and payees are seen only with these.
  // Viewing sheets and exports; assessing published items (the head or a delegate);
  // managing the policy, payees, budget, allowances, closing periods and payments.
  'royalties.view': 'access',
  'royalties.assess': 'publishing',
  'royalties.manage': 'publishing',
  // Polls and what readers take part in (engagement): managed by the board's leadership and secretariat.
  'engagement.manage': 'publishing',
  // Updating (cập nhật)
  'content.create': 'update',
  'content.edit': 'update',
  'content.submit': 'update',
  'interaction.answer': 'update',
  // Publishing (xuất bản)
  'content.publish': 'publishing',
  'content.unpublish': 'publishing',
} as const satisfies Record<string, PermissionLevel>;
export type Permission = keyof typeof PERMISSIONS;
export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

export function isPermission(value: string): value is Permission {
  return Object.hasOwn(PERMISSIONS, value);
}

const AUTHORING: Permission[] = ['content.view', 'content.create', 'content.edit', 'content.submit'];

/** What each role may do. Separation of duties: the site administrator manages
 *  people and settings but does not approve or publish content. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  site_admin: [
    'backoffice.access', 'members.view', 'site.settings', 'rules.manage', 'users.manage',
    'units.manage', 'delegations.manage', 'audit.read', 'tokens.manage', 'content.purge', 'content.view',
    'sections.manage', 'screening.manage',
  ],
  editor_in_chief: [
    'backoffice.access', 'members.view', 'delegations.manage', 'audit.read', ...AUTHORING,
    'content.review', 'content.takedown', 'content.urgent_publish', 'interaction.moderate', 'interaction.view',
    'sections.manage', 'screening.manage', 'reports.view', 'reports.prepare', 'reports.approve',
    'royalties.view', 'royalties.assess', 'royalties.manage',
    'engagement.manage',
  ],
  deputy: ['backoffice.access', 'members.view', ...AUTHORING, 'content.review', 'content.takedown', 'interaction.moderate', 'interaction.view', 'reports.view', 'reports.prepare', 'royalties.view', 'engagement.manage'],
  secretariat: ['backoffice.access', 'members.view', ...AUTHORING, 'content.review', 'content.takedown', 'interaction.moderate', 'interaction.view', 'reports.view', 'reports.prepare', 'royalties.view', 'engagement.manage'],
  board_member: ['backoffice.access', 'members.view', ...AUTHORING, 'content.review', 'reports.view'],
  // The secretary reports on provision status (000 Đ11.5; 003 Đ12): the figures and the monthly report.
  secretary: ['backoffice.access', 'members.view', ...AUTHORING, 'reports.view', 'reports.prepare'],
  publisher: ['backoffice.access', 'members.view', 'content.view', 'content.edit', 'content.publish', 'content.unpublish'],
  unit_head: ['backoffice.access', 'members.view', ...AUTHORING, 'content.review', 'interaction.answer', 'interaction.view', 'reports.own_unit'],
  contributor: ['backoffice.access', 'content.view', 'content.create', 'content.edit', 'content.submit'],
  responder: ['backoffice.access', 'interaction.answer', 'interaction.view'],
};

/** Levels that change content; refused on an archived or merged site. */
const CONTENT_LEVELS: ReadonlySet<PermissionLevel> = new Set(['moderation', 'update', 'publishing']);

export interface DelegatedRole {
  role: Role;
  /** The person on whose behalf (thay mặt) the delegate acts. */
  fromUserId: number;
  delegationId: number;
}

/** Everything that decides what a user may do on one site, now. */
export interface Grants {
  userId: number;
  platformAdmin: boolean;
  ownRoles: readonly Role[];
  delegated: readonly DelegatedRole[];
  /** false when the site is archived or merged: it stays readable only. */
  siteWritable: boolean;
  /** API tokens narrow what their user may do; null = not narrowed (session). */
  scopes: readonly TokenScope[] | null;
}

export type Decision =
  | { allowed: true; onBehalfOfUserId: number | null; viaRole: Role | 'platform_admin' }
  | { allowed: false; reason: 'no_role' | 'site_read_only' | 'token_scope' };

export function rolesGranting(permission: Permission): Role[] {
  return ROLES.filter((role) => ROLE_PERMISSIONS[role].includes(permission));
}

/**
 * May this user do this here? A user's own roles are preferred over delegated
 * ones, so on-behalf-of is recorded only when the delegation is what allowed it.
 */
export function authorize(grants: Grants, permission: Permission): Decision {
  const level = PERMISSIONS[permission];
  if (grants.scopes !== null && !scopeAllows(grants.scopes, level)) {
    return { allowed: false, reason: 'token_scope' };
  }
  if (!grants.siteWritable && CONTENT_LEVELS.has(level)) {
    return { allowed: false, reason: 'site_read_only' };
  }
  if (grants.platformAdmin) return { allowed: true, onBehalfOfUserId: null, viaRole: 'platform_admin' };
  const own = grants.ownRoles.find((role) => ROLE_PERMISSIONS[role].includes(permission));
  if (own) return { allowed: true, onBehalfOfUserId: null, viaRole: own };
  const delegated = grants.delegated.find((d) => ROLE_PERMISSIONS[d.role].includes(permission));
  if (delegated) return { allowed: true, onBehalfOfUserId: delegated.fromUserId, viaRole: delegated.role };
  return { allowed: false, reason: 'no_role' };
}

export function can(grants: Grants, permission: Permission): boolean {
  return authorize(grants, permission).allowed;
}

/** Every permission the user holds here (for showing menus; the server still checks each action). */
export function permissionsOf(grants: Grants): Set<Permission> {
  return new Set(ALL_PERMISSIONS.filter((p) => can(grants, p)));
}

// API token scopes: `read` lets a token call GET endpoints its user may call;
// `write` adds changes at the update/moderation/publishing levels; `admin`
// adds system administration. A token never exceeds its user.
export const TOKEN_SCOPES = ['read', 'write', 'admin'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export function isTokenScope(value: string): value is TokenScope {
  return (TOKEN_SCOPES as readonly string[]).includes(value);
}

function scopeAllows(scopes: readonly TokenScope[], level: PermissionLevel): boolean {
  if (level === 'access') return scopes.length > 0;
  if (level === 'system') return scopes.includes('admin');
  return scopes.includes('write');
}

/** Roles a delegation hands over: only roles the delegator holds, never a delegated one. */
export function delegatableRoles(requested: readonly Role[] | 'all', delegatorRoles: readonly Role[]): Role[] {
  if (requested === 'all') return [...delegatorRoles];
  return requested.filter((role) => delegatorRoles.includes(role));
}

export interface DelegationPeriod {
  startsOn: string;
  endsOn: string;
  revokedAt: string | null;
}

/** A delegation is in force on Vietnam dates startsOn..endsOn inclusive, unless revoked. */
export function delegationActive(period: DelegationPeriod, today: string): boolean {
  return period.revokedAt === null && period.startsOn <= today && today <= period.endsOn;
}
