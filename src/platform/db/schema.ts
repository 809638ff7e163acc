// Row types of every table, as Kysely sees them. Times are ISO-8601 UTC text,
// calendar dates are 'YYYY-MM-DD' text, booleans are 0/1 integers and JSON is
// text: the same representation on SQLite and PostgreSQL, so queries and
// comparisons behave identically on both engines.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type Id = Generated<number>;
/** 0 or 1; written as a number on both engines. */
export type Flag = ColumnType<number, number | undefined, number>;
/** JSON kept as text. */
export type JsonText = string;

export interface SitesTable {
  id: Id;
  key: string;
  name: string;
  name_en: string | null;
  agency_name: string;
  agency_name_en: string | null;
  level: string;
  parent_site_id: number | null;
  languages: JsonText;
  labels: JsonText;
  contact: JsonText;
  settings: JsonText;
  status: string;
  merged_into_site_id: number | null;
  status_changed_at: string | null;
  status_notice: string | null;
  redirect_mode: string;
  is_default: Flag;
  created_at: string;
  updated_at: string;
}

export interface SiteHostsTable {
  id: Id;
  site_id: number;
  host: string;
  is_primary: Flag;
  created_at: string;
}

/** Dated rules (deadlines, quotas, chains, royalty tables): site_id null = national baseline. */
export interface RulesTable {
  id: Id;
  site_id: number | null;
  key: string;
  value: JsonText;
  effective_from: string;
  effective_to: string | null;
  citation: string | null;
  note: string | null;
  created_by_user_id: number | null;
  created_at: string;
}

export interface UnitsTable {
  id: Id;
  site_id: number;
  parent_id: number | null;
  name: string;
  name_en: string | null;
  kind: string;
  head_user_id: number | null;
  head_name: string | null;
  head_title: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  sort_order: number;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface UsersTable {
  id: Id;
  email: string;
  name: string;
  name_folded: string;
  phone: string | null;
  password_hash: string | null;
  is_platform_admin: Flag;
  status: Generated<string>;
  must_change_password: Flag;
  totp_secret_enc: string | null;
  totp_enabled_at: string | null;
  totp_last_step: number | null;
  failed_login_count: Generated<number>;
  locked_until: string | null;
  last_login_at: string | null;
  password_changed_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface MembershipsTable {
  id: Id;
  site_id: number;
  user_id: number;
  unit_id: number | null;
  position: string | null;
  status: string;
  created_at: string;
  updated_at: string;
}

export interface MembershipRolesTable {
  site_id: number;
  user_id: number;
  role: string;
  granted_by_user_id: number | null;
  granted_at: string;
}

export interface DelegationsTable {
  id: Id;
  site_id: number;
  from_user_id: number;
  to_user_id: number;
  /** JSON array of roles; ignored when all_roles = 1. */
  roles: JsonText;
  all_roles: Flag;
  starts_on: string;
  ends_on: string;
  reason: string;
  created_by_user_id: number;
  created_at: string;
  revoked_at: string | null;
  revoked_by_user_id: number | null;
  revoke_reason: string | null;
}

export interface SessionsTable {
  /** SHA-256 of the cookie token: a database leak does not leak live sessions. */
  id: string;
  user_id: number;
  site_id: number;
  /** 'active', or a step still owed before the session is usable: 'mfa', 'enroll_mfa', 'change_password'. */
  stage: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
  revoked_at: string | null;
}

export interface PasswordResetsTable {
  token_hash: string;
  user_id: number;
  site_id: number;
  requested_by_user_id: number | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface ApiTokensTable {
  id: Id;
  site_id: number;
  user_id: number;
  name: string;
  token_hash: string;
  token_prefix: string;
  scopes: JsonText;
  created_by_user_id: number;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface AuditLogTable {
  id: Id;
  site_id: number;
  seq: number;
  created_at: string;
  actor_user_id: number | null;
  on_behalf_of_user_id: number | null;
  actor_label: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  details: JsonText;
  ip: string | null;
  user_agent: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadsTable {
  site_id: number;
  last_seq: number;
  last_hash: string;
  updated_at: string;
}

export interface Database {
  sites: SitesTable;
  site_hosts: SiteHostsTable;
  rules: RulesTable;
  units: UnitsTable;
  users: UsersTable;
  memberships: MembershipsTable;
  membership_roles: MembershipRolesTable;
  delegations: DelegationsTable;
  sessions: SessionsTable;
  password_resets: PasswordResetsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  audit_heads: AuditHeadsTable;
}

export type SiteRow = Selectable<SitesTable>;
export type NewSite = Insertable<SitesTable>;
export type SiteUpdate = Updateable<SitesTable>;
export type UnitRow = Selectable<UnitsTable>;
export type UserRow = Selectable<UsersTable>;
export type MembershipRow = Selectable<MembershipsTable>;
export type DelegationRow = Selectable<DelegationsTable>;
export type SessionRow = Selectable<SessionsTable>;
export type ApiTokenRow = Selectable<ApiTokensTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type RuleRow = Selectable<RulesTable>;
