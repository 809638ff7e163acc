// Foundation: sites, units, accounts, roles, delegations, sessions, tokens, audit.
import type { Kysely } from 'kysely';
import { withId, withTimestamps } from './helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await withTimestamps(
    withId(db, db.schema.createTable('sites'))
      .addColumn('key', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('name_en', 'text')
      .addColumn('agency_name', 'text', (c) => c.notNull())
      .addColumn('agency_name_en', 'text')
      .addColumn('level', 'text', (c) => c.notNull())
      .addColumn('parent_site_id', 'integer', (c) => c.references('sites.id'))
      .addColumn('languages', 'text', (c) => c.notNull().defaultTo('["vi"]'))
      .addColumn('labels', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('contact', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('settings', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
      .addColumn('merged_into_site_id', 'integer', (c) => c.references('sites.id'))
      .addColumn('status_changed_at', 'text')
      .addColumn('status_notice', 'text')
      .addColumn('redirect_mode', 'text', (c) => c.notNull().defaultTo('none'))
      .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0)),
  ).execute();

  await withId(db, db.schema.createTable('site_hosts'))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('host', 'text', (c) => c.notNull().unique())
    .addColumn('is_primary', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('site_hosts_site_idx').on('site_hosts').column('site_id').execute();

  await withId(db, db.schema.createTable('users'))
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_folded', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('password_hash', 'text')
    .addColumn('is_platform_admin', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('totp_secret_enc', 'text')
    .addColumn('totp_enabled_at', 'text')
    .addColumn('totp_last_step', 'integer')
    .addColumn('failed_login_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('last_login_at', 'text')
    .addColumn('password_changed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('rules'))
    .addColumn('site_id', 'integer', (c) => c.references('sites.id'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('effective_to', 'text')
    .addColumn('citation', 'text')
    .addColumn('note', 'text')
    .addColumn('created_by_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rules_lookup_idx').on('rules').columns(['site_id', 'key', 'effective_from']).execute();

  await withTimestamps(
    withId(db, db.schema.createTable('units'))
      .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
      .addColumn('parent_id', 'integer', (c) => c.references('units.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('name_en', 'text')
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('head_user_id', 'integer', (c) => c.references('users.id'))
      .addColumn('head_name', 'text')
      .addColumn('head_title', 'text')
      .addColumn('phone', 'text')
      .addColumn('email', 'text')
      .addColumn('address', 'text')
      .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('archived_at', 'text'),
  ).execute();
  await db.schema.createIndex('units_site_idx').on('units').columns(['site_id', 'parent_id']).execute();

  await withTimestamps(
    withId(db, db.schema.createTable('memberships'))
      .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
      .addColumn('position', 'text')
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
      .addUniqueConstraint('memberships_site_user_uq', ['site_id', 'user_id']),
  ).execute();
  await db.schema.createIndex('memberships_user_idx').on('memberships').column('user_id').execute();

  await db.schema
    .createTable('membership_roles')
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('granted_by_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('granted_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('membership_roles_pk', ['site_id', 'user_id', 'role'])
    .execute();

  await withId(db, db.schema.createTable('delegations'))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('from_user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('to_user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('roles', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('all_roles', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_by_user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_by_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('revoke_reason', 'text')
    .execute();
  await db.schema.createIndex('delegations_to_idx').on('delegations').columns(['site_id', 'to_user_id']).execute();
  await db.schema.createIndex('delegations_from_idx').on('delegations').columns(['site_id', 'from_user_id']).execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').columns(['user_id', 'site_id']).execute();

  await db.schema
    .createTable('password_resets')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('requested_by_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();

  await withId(db, db.schema.createTable('api_tokens'))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('token_prefix', 'text', (c) => c.notNull())
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('created_by_user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text')
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('api_tokens_site_user_idx').on('api_tokens').columns(['site_id', 'user_id']).execute();

  // The audit log references nothing: it must accept any row, and outlive what it describes.
  await withId(db, db.schema.createTable('audit_log'))
    .addColumn('site_id', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'integer')
    .addColumn('on_behalf_of_user_id', 'integer')
    .addColumn('actor_label', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text')
    .addColumn('target_id', 'text')
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addUniqueConstraint('audit_log_site_seq_uq', ['site_id', 'seq'])
    .execute();
  await db.schema.createIndex('audit_log_site_time_idx').on('audit_log').columns(['site_id', 'created_at']).execute();
  await db.schema.createIndex('audit_log_site_action_idx').on('audit_log').columns(['site_id', 'action']).execute();

  await db.schema
    .createTable('audit_heads')
    .addColumn('site_id', 'integer', (c) => c.primaryKey())
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .addColumn('last_hash', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'audit_heads', 'audit_log', 'api_tokens', 'password_resets', 'sessions', 'delegations',
    'membership_roles', 'memberships', 'units', 'rules', 'users', 'site_hosts', 'sites',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
