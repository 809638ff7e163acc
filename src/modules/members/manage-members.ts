// Adding people to a site, changing their unit and roles, suspending them, and
// the account actions an administrator may take for them. Accounts are shared
// across sites, so changing the account itself (name, password, 2FA) is allowed
// only to an administrator of every site the person belongs to.
import { DomainError, ForbiddenError, NotFoundError, Problems } from '../../core/errors.ts';
import { isRole, ROLES, type Role } from '../../core/permissions.ts';
import { isoNow, systemClock, type Clock } from '../../core/time.ts';
import { fold, normalizeInput } from '../../core/vietnamese/index.ts';
import type { Db } from '../../platform/db/database.ts';
import { appendAudit, type AuditActor } from '../audit/store.ts';
import { revokeUserTokens } from '../api-tokens/tokens.ts';
import { ADMIN_RESET_TTL_MS, createResetToken } from '../accounts/password-reset.ts';
import { hashPassword, passwordProblems } from '../accounts/passwords.ts';
import { revokeUserSessions } from '../accounts/sessions.ts';
import { disableTwoFactor } from '../accounts/two-factor.ts';
import { findUserByEmail, findUserById } from '../accounts/users-store.ts';
import { countActiveHolders, getMembership } from './store.ts';
import { bumpSitesOfPerson } from '../public/content-version.ts';

export interface MemberInput {
  email: string;
  name: string;
  phone?: string | null;
  unitId?: number | null;
  position?: string | null;
  roles: Role[];
  /** Set a password now (CLI, demo); otherwise the person gets a link to choose one. */
  password?: string | null;
  /** An argon2id hash made once for many accounts (demo, imports); skips the policy check. */
  passwordHash?: string;
}

export interface AddMemberResult {
  userId: number;
  createdAccount: boolean;
  /** One-time link token to choose a password, for a new account without one. */
  setupToken: string | null;
}

async function checkUnit(db: Db, siteId: number, unitId: number | null | undefined, problems: Problems): Promise<void> {
  if (unitId == null) return;
  const unit = await db.selectFrom('units').select('id').where('id', '=', unitId).where('site_id', '=', siteId).executeTakeFirst();
  if (!unit) problems.add({ code: 'invalid_unit', field: 'unitId', vi: 'Đơn vị đã chọn không thuộc trang này.', en: 'The chosen unit does not belong to this site.' });
}

function checkRoles(roles: string[], problems: Problems): Role[] {
  const bad = roles.filter((r) => !isRole(r));
  if (bad.length > 0) {
    problems.add({ code: 'invalid_role', field: 'roles', vi: `Vai trò không hợp lệ: ${bad.join(', ')}.`, en: `Unknown roles: ${bad.join(', ')}. Use: ${ROLES.join(', ')}.` });
  }
  return [...new Set(roles.filter(isRole))];
}

async function setRoles(db: Db, siteId: number, userId: number, roles: Role[], grantedBy: number | null, now: string): Promise<void> {
  await db.deleteFrom('membership_roles').where('site_id', '=', siteId).where('user_id', '=', userId).execute();
  if (roles.length === 0) return;
  await db
    .insertInto('membership_roles')
    .values(roles.map((role) => ({ site_id: siteId, user_id: userId, role, granted_by_user_id: grantedBy, granted_at: now })))
    .execute();
}

/** Adds a person to the actor's site: a new account, or an existing one from another site. */
export async function addMember(db: Db, actor: AuditActor, input: MemberInput, clock: Clock = systemClock): Promise<AddMemberResult> {
  const email = input.email.trim().toLowerCase();
  const name = normalizeInput(input.name);
  const problems = new Problems();
  const roles = checkRoles(input.roles, problems);
  if (roles.length === 0) problems.add({ code: 'roles_required', field: 'roles', vi: 'Chọn ít nhất một vai trò.', en: 'Choose at least one role.' });
  if (!name) problems.add({ code: 'name_required', field: 'name', vi: 'Vui lòng nhập họ và tên.', en: 'Please enter the full name.' });
  if (input.password) for (const p of passwordProblems(input.password, { email, name })) problems.add(p);
  const passwordHash = input.passwordHash ?? (input.password ? await hashPassword(input.password) : null);

  return db.transaction().execute(async (trx) => {
    await checkUnit(trx, actor.siteId, input.unitId, problems);
    const existing = await findUserByEmail(trx, email);
    if (existing && (await getMembership(trx, actor.siteId, existing.id))) {
      problems.add({ code: 'already_member', field: 'email', vi: `${email} đã là thành viên của trang này.`, en: `${email} is already a member of this site.` });
    }
    problems.throwIfAny();
    const now = isoNow(clock);
    let userId = existing?.id;
    if (!userId) {
      const row = await trx
        .insertInto('users')
        .values({
          email,
          name,
          name_folded: fold(name),
          phone: input.phone ?? null,
          password_hash: passwordHash,
          password_changed_at: passwordHash ? now : null,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      userId = row.id;
      await appendAudit(trx, actor, { action: 'user.create', targetType: 'user', targetId: userId, details: { email, name } }, clock);
    }
    await trx
      .insertInto('memberships')
      .values({ site_id: actor.siteId, user_id: userId, unit_id: input.unitId ?? null, position: input.position ? normalizeInput(input.position) : null, status: 'active', created_at: now, updated_at: now })
      .execute();
    await setRoles(trx, actor.siteId, userId, roles, actor.userId, now);
    await appendAudit(trx, actor, { action: 'member.add', targetType: 'user', targetId: userId, details: { roles, unitId: input.unitId ?? null } }, clock);
    const needsPassword = !existing && !passwordHash;
    const setupToken = needsPassword
      ? await createResetToken(trx, { userId, siteId: actor.siteId, requestedByUserId: actor.userId, ttlMs: ADMIN_RESET_TTL_MS }, clock)
      : null;
    return { userId, createdAccount: !existing, setupToken };
  });
}

export interface MembershipChange {
  unitId: number | null;
  position: string | null;
  roles: Role[];
  status: 'active' | 'disabled';
}

/** Changes unit, position, roles or status on this site; keeps at least one active administrator. */
export async function updateMembership(db: Db, actor: AuditActor, userId: number, change: MembershipChange, opts: { actorIsPlatformAdmin: boolean }, clock: Clock = systemClock): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const membership = await getMembership(trx, actor.siteId, userId);
    if (!membership) throw new NotFoundError({ vi: 'thành viên', en: 'Member' });
    const problems = new Problems();
    const roles = checkRoles(change.roles, problems);
    await checkUnit(trx, actor.siteId, change.unitId, problems);
    const before = (await trx.selectFrom('membership_roles').select('role').where('site_id', '=', actor.siteId).where('user_id', '=', userId).execute()).map((r) => r.role);
    const losesAdmin = before.includes('site_admin') && membership.status === 'active' && (!roles.includes('site_admin') || change.status !== 'active');
    if (losesAdmin && !opts.actorIsPlatformAdmin && (await countActiveHolders(trx, actor.siteId, 'site_admin')) <= 1) {
      problems.add({
        code: 'last_admin', field: 'roles',
        vi: 'Không thể bỏ quyền quản trị hệ thống của người quản trị cuối cùng: hãy giao quyền này cho người khác trước.',
        en: 'This is the last site administrator: give the role to someone else first.',
      });
    }
    problems.throwIfAny();
    const now = isoNow(clock);
    await trx
      .updateTable('memberships')
      .set({ unit_id: change.unitId, position: change.position ? normalizeInput(change.position) : null, status: change.status, updated_at: now })
      .where('id', '=', membership.id)
      .execute();
    const rolesChanged = before.slice().sort().join() !== roles.slice().sort().join();
    if (rolesChanged) await setRoles(trx, actor.siteId, userId, roles, actor.userId, now);
    if (change.status === 'disabled' && membership.status === 'active') {
      // A suspended person is signed out of this site and their tokens here stop working.
      await revokeUserSessions(trx, userId, { siteId: actor.siteId }, clock);
      await revokeUserTokens(trx, actor.siteId, userId, clock);
    }
    await appendAudit(
      trx,
      actor,
      {
        action: rolesChanged ? 'member.roles_change' : 'member.update',
        targetType: 'user',
        targetId: userId,
        details: {
          ...(rolesChanged ? { roles: { from: before, to: roles } } : {}),
          ...(membership.unit_id !== change.unitId ? { unitId: { from: membership.unit_id, to: change.unitId } } : {}),
          ...(membership.status !== change.status ? { status: { from: membership.status, to: change.status } } : {}),
        },
      },
      clock,
    );
  });
}

/** May this actor change the account itself (not just the membership)? */
export async function canManageAccount(db: Db, siteId: number, userId: number, actorIsPlatformAdmin: boolean): Promise<boolean> {
  if (actorIsPlatformAdmin) return true;
  const memberships = await db.selectFrom('memberships').select('site_id').where('user_id', '=', userId).execute();
  const target = await findUserById(db, userId);
  return target?.is_platform_admin !== 1 && memberships.length > 0 && memberships.every((m) => m.site_id === siteId);
}

async function requireAccountControl(db: Db, actor: AuditActor, userId: number, actorIsPlatformAdmin: boolean): Promise<void> {
  if (!(await getMembership(db, actor.siteId, userId))) throw new NotFoundError({ vi: 'thành viên', en: 'Member' });
  if (!(await canManageAccount(db, actor.siteId, userId, actorIsPlatformAdmin))) {
    throw new ForbiddenError({
      code: 'shared_account',
      vi: 'Tài khoản này dùng chung với trang khác; chỉ quản trị toàn hệ thống (trung tâm CNTT) mới được thay đổi tài khoản.',
      en: 'This account is shared with another site; only the installation administrator may change the account itself.',
    });
  }
}

export async function updateAccountProfile(
  db: Db,
  actor: AuditActor,
  userId: number,
  input: { name: string; phone: string | null },
  opts: { actorIsPlatformAdmin: boolean },
  clock: Clock = systemClock,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await requireAccountControl(trx, actor, userId, opts.actorIsPlatformAdmin);
    const name = normalizeInput(input.name);
    if (!name) throw new DomainError({ code: 'name_required', field: 'name', vi: 'Vui lòng nhập họ và tên.', en: 'Please enter the full name.' });
    const before = await trx.selectFrom('users').select('name').where('id', '=', userId).executeTakeFirstOrThrow();
    await trx.updateTable('users').set({ name, name_folded: fold(name), phone: input.phone, updated_at: isoNow(clock) }).where('id', '=', userId).execute();
    await appendAudit(trx, actor, { action: 'user.profile_update', targetType: 'user', targetId: userId, details: { name, phone: input.phone } }, clock);
    // The name shows on public pages (organisation chart, entries): their caches must drop them.
    if (before.name !== name) await bumpSitesOfPerson(trx, userId, isoNow(clock));
  });
}

/** A one-time link the administrator hands over (and that is e-mailed) so the person can set a password. */
export async function issuePasswordLink(db: Db, actor: AuditActor, userId: number, opts: { actorIsPlatformAdmin: boolean }, clock: Clock = systemClock): Promise<string> {
  return db.transaction().execute(async (trx) => {
    await requireAccountControl(trx, actor, userId, opts.actorIsPlatformAdmin);
    const token = await createResetToken(trx, { userId, siteId: actor.siteId, requestedByUserId: actor.userId, ttlMs: ADMIN_RESET_TTL_MS }, clock);
    await appendAudit(trx, actor, { action: 'user.password_link', targetType: 'user', targetId: userId }, clock);
    return token;
  });
}

/** For a person who lost their phone: turns off 2FA so they can enrol again. */
export async function resetTwoFactor(db: Db, actor: AuditActor, userId: number, opts: { actorIsPlatformAdmin: boolean }, clock: Clock = systemClock): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await requireAccountControl(trx, actor, userId, opts.actorIsPlatformAdmin);
    await disableTwoFactor(trx, userId, clock);
    await revokeUserSessions(trx, userId, {}, clock);
    await appendAudit(trx, actor, { action: 'user.mfa_reset', targetType: 'user', targetId: userId }, clock);
  });
}
