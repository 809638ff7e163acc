// Delegation (ủy quyền): a person hands some or all of their roles on a site to
// another member for a date range, with a reason (000 Đ10d, Đ11.2a; 003 Đ14.2;
// 004 Đ12.2). The delegate then acts on the delegator's behalf, and every such
// action records both names.
import { ForbiddenError, NotFoundError, Problems } from '../../core/errors.ts';
import { delegatableRoles, type Role } from '../../core/permissions.ts';
import { addDays, isoNow, systemClock, vietnamDate, type Clock } from '../../core/time.ts';
import { normalizeInput } from '../../core/vietnamese/index.ts';
import type { Db } from '../../platform/db/database.ts';
import { appendAudit, type AuditActor } from '../audit/store.ts';
import { activeRoles, getMembership } from '../members/store.ts';

export const MAX_DELEGATION_DAYS = 366;

export interface DelegationInput {
  fromUserId: number;
  toUserId: number;
  roles: Role[] | 'all';
  startsOn: string;
  endsOn: string;
  reason: string;
}

/** Creates a delegation; `mayManageOthers` lets an administrator record one between two other people. */
export async function createDelegation(db: Db, actor: AuditActor, input: DelegationInput, opts: { mayManageOthers: boolean }, clock: Clock = systemClock): Promise<number> {
  if (input.fromUserId !== actor.userId && !opts.mayManageOthers) {
    throw new ForbiddenError({ vi: 'Bạn chỉ có thể ủy quyền các vai trò của chính mình.', en: 'You can only delegate your own roles.' });
  }
  return db.transaction().execute(async (trx) => {
    const problems = new Problems();
    const today = vietnamDate(clock.now());
    const reason = normalizeInput(input.reason);
    const [fromMember, toMember] = await Promise.all([getMembership(trx, actor.siteId, input.fromUserId), getMembership(trx, actor.siteId, input.toUserId)]);
    if (!fromMember || fromMember.status !== 'active') {
      problems.add({ code: 'invalid_delegator', field: 'fromUserId', vi: 'Người ủy quyền phải là thành viên đang hoạt động của trang.', en: 'The delegator must be an active member of this site.' });
    }
    if (!toMember || toMember.status !== 'active') {
      problems.add({ code: 'invalid_delegate', field: 'toUserId', vi: 'Người được ủy quyền phải là thành viên đang hoạt động của trang.', en: 'The delegate must be an active member of this site.' });
    }
    if (input.fromUserId === input.toUserId) {
      problems.add({ code: 'self_delegation', field: 'toUserId', vi: 'Không thể tự ủy quyền cho chính mình.', en: 'You cannot delegate to yourself.' });
    }
    const held = await activeRoles(trx, actor.siteId, input.fromUserId);
    const roles = delegatableRoles(input.roles, held);
    if (input.roles !== 'all' && roles.length !== input.roles.length) {
      problems.add({ code: 'role_not_held', field: 'roles', vi: 'Chỉ ủy quyền được những vai trò người ủy quyền đang giữ.', en: 'Only roles the delegator holds can be delegated.' });
    }
    if (roles.length === 0) problems.add({ code: 'roles_required', field: 'roles', vi: 'Chọn ít nhất một vai trò để ủy quyền.', en: 'Choose at least one role to delegate.' });
    if (input.startsOn < today) {
      problems.add({ code: 'starts_in_past', field: 'startsOn', vi: 'Ngày bắt đầu không được trước hôm nay.', en: 'The start date cannot be before today.' });
    }
    if (input.endsOn < input.startsOn) {
      problems.add({ code: 'ends_before_start', field: 'endsOn', vi: 'Ngày kết thúc phải sau hoặc bằng ngày bắt đầu.', en: 'The end date must be on or after the start date.' });
    } else if (input.endsOn > addDays(input.startsOn, MAX_DELEGATION_DAYS - 1)) {
      problems.add({ code: 'too_long', field: 'endsOn', vi: `Ủy quyền tối đa ${MAX_DELEGATION_DAYS} ngày; hãy lập ủy quyền mới khi cần.`, en: `A delegation lasts at most ${MAX_DELEGATION_DAYS} days; create a new one when needed.` });
    }
    if (!reason) problems.add({ code: 'reason_required', field: 'reason', vi: 'Vui lòng ghi lý do ủy quyền (ví dụ: đi công tác, nghỉ phép).', en: 'Please give the reason (e.g. business trip, leave).' });
    problems.throwIfAny();

    const { id } = await trx
      .insertInto('delegations')
      .values({
        site_id: actor.siteId,
        from_user_id: input.fromUserId,
        to_user_id: input.toUserId,
        roles: JSON.stringify(input.roles === 'all' ? [] : roles),
        all_roles: input.roles === 'all' ? 1 : 0,
        starts_on: input.startsOn,
        ends_on: input.endsOn,
        reason,
        created_by_user_id: actor.userId!,
        created_at: isoNow(clock),
        revoked_at: null,
        revoked_by_user_id: null,
        revoke_reason: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(
      trx,
      actor,
      {
        action: 'delegation.create',
        targetType: 'delegation',
        targetId: id,
        details: { fromUserId: input.fromUserId, toUserId: input.toUserId, roles: input.roles === 'all' ? 'all' : roles, startsOn: input.startsOn, endsOn: input.endsOn, reason },
      },
      clock,
    );
    return id;
  });
}

/** Ends a delegation early. The delegator, the delegate or an administrator may do it. */
export async function revokeDelegation(db: Db, actor: AuditActor, delegationId: number, reason: string | null, opts: { mayManageOthers: boolean }, clock: Clock = systemClock): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const d = await trx.selectFrom('delegations').selectAll().where('id', '=', delegationId).where('site_id', '=', actor.siteId).executeTakeFirst();
    if (!d) throw new NotFoundError({ vi: 'ủy quyền', en: 'Delegation' });
    if (!opts.mayManageOthers && actor.userId !== d.from_user_id && actor.userId !== d.to_user_id) {
      throw new ForbiddenError({ vi: 'Chỉ người ủy quyền, người được ủy quyền hoặc quản trị mới được thu hồi.', en: 'Only the delegator, the delegate or an administrator may revoke this.' });
    }
    if (d.revoked_at !== null) return;
    await trx
      .updateTable('delegations')
      .set({ revoked_at: isoNow(clock), revoked_by_user_id: actor.userId, revoke_reason: reason ? normalizeInput(reason) : null })
      .where('id', '=', delegationId)
      .execute();
    await appendAudit(trx, actor, { action: 'delegation.revoke', targetType: 'delegation', targetId: delegationId, details: { reason } }, clock);
  });
}
