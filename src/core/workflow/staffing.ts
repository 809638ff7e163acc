// Who could act on a site today, so the engine can tell a step that waits for
// someone from a step nobody can take: a unit without a head, a role nobody
// holds, or one whose only holder wrote the item (four eyes). The caller
// builds the picture from the database; the engine, the queues and the
// messages read it. Pure: no I/O.
import { rolesGranting, type Role } from '../permissions.ts';
import { defaultRoleName, type ChainStep, type ReviewChain, type RoleNamer, type StepActor } from './chain.ts';
import type { WorkflowItem } from './engine.ts';

export interface Staffing {
  /** Active holders of each role on the site: own, or by a delegation in force. */
  roleHolders: Partial<Record<Role, readonly number[]>>;
  /** Active heads of each unit (own role, or a delegate of the head), by unit id. */
  unitHeads: Readonly<Record<number, readonly number[]>>;
  /** For messages: the site's names of its units and roles. */
  unitNames?: Readonly<Record<number, string>>;
  roleName?: RoleNamer;
}

type ItemPeople = Pick<WorkflowItem, 'authorUserId' | 'unitId'>;

function holdersOf(actor: StepActor, item: ItemPeople, staffing: Staffing): readonly number[] {
  if (actor.kind === 'role') return staffing.roleHolders[actor.role] ?? [];
  return item.unitId === null ? [] : (staffing.unitHeads[item.unitId] ?? []);
}

export interface StepStaff {
  /** Who may act as the step's actor on this item. */
  primary: number[];
  /** Who acts instead when there is nobody above and the step names a stand-in role. */
  standIns: number[];
  /** The actor exists, but only as the item's author, whom four eyes keeps out. */
  onlyAuthor: boolean;
}

/** The people who could take a step of this item, the author left out where four eyes applies (an edit step is passed on, not vouched for). */
export function staffOfStep(step: ChainStep, item: ItemPeople, chain: ReviewChain, staffing: Staffing): StepStaff {
  const barred = chain.fourEyes && step.kind !== 'edit';
  const keep = (ids: readonly number[]) => ids.filter((id) => !(barred && id === item.authorUserId));
  const all = holdersOf(step.actor, item, staffing);
  const primary = keep(all);
  const standIns = step.fallback && primary.length === 0 ? keep(staffing.roleHolders[step.fallback] ?? []) : [];
  return { primary, standIns, onlyAuthor: all.length > 0 && primary.length === 0 };
}

/** What is missing at a step, as a clause: "đơn vị «X» chưa có ai giữ vai trò Lãnh đạo đơn vị". */
export function missingActor(step: ChainStep, item: ItemPeople, chain: ReviewChain, staffing: Staffing): { vi: string; en: string } {
  const name = staffing.roleName ?? defaultRoleName;
  const { onlyAuthor } = staffOfStep(step, item, chain, staffing);
  const role = step.actor.kind === 'role' ? step.actor.role : 'unit_head';
  const r = { vi: name(role, 'vi'), en: name(role, 'en') };
  if (step.actor.kind === 'unit_head') {
    if (item.unitId === null) return { vi: 'chưa chọn đơn vị cung cấp tin', en: 'the item has no providing unit' };
    const unit = staffing.unitNames?.[item.unitId] ?? `#${item.unitId}`;
    if (onlyAuthor) return { vi: `${r.vi} của đơn vị «${unit}» là tác giả nên không tự duyệt được (nguyên tắc bốn mắt)`, en: `the ${r.en} of “${unit}” wrote the item and may not approve it (four eyes)` };
    return { vi: `đơn vị «${unit}» chưa có ai giữ vai trò ${r.vi}`, en: `the unit “${unit}” has no ${r.en}` };
  }
  if (onlyAuthor) return { vi: `người duy nhất giữ vai trò ${r.vi} là tác giả nên không tự duyệt được (nguyên tắc bốn mắt)`, en: `the only ${r.en} wrote the item and may not approve it (four eyes)` };
  return { vi: `trang chưa có ai giữ vai trò ${r.vi}`, en: `nobody on this site holds the role ${r.en}` };
}

export interface Vacancy {
  stepIndex: number;
  step: ChainStep;
  /** The stand-in role now acting; null when nobody can act on the item. */
  standIn: Role | null;
  /** What is missing, as a clause. */
  missing: { vi: string; en: string };
}

/** The step an item waits at, when its actor is missing; null when someone can take it (or it is assigned to someone). */
export function vacancyAt(item: WorkflowItem, chain: ReviewChain, staffing: Staffing): Vacancy | null {
  if (item.reviewState !== 'in_review' || item.stepIndex === null || item.assigneeUserId !== null) return null;
  const step = chain.steps[item.stepIndex];
  if (!step) return null;
  const staff = staffOfStep(step, item, chain, staffing);
  if (staff.primary.length > 0) return null;
  return { stepIndex: item.stepIndex, step, standIn: staff.standIns.length > 0 ? (step.fallback ?? null) : null, missing: missingActor(step, item, chain, staffing) };
}

/**
 * Roles that confirm an urgent publication afterwards, besides whoever takes
 * the chain's final step: the head of the board (who may publish urgently)
 * and the deputies who stand in for the head (000 Đ11.2a, 003 Đ14.2 and
 * Đ15.3, 004 Đ12.2).
 */
export const CONFIRMING_ROLES: readonly Role[] = [...rolesGranting('content.urgent_publish'), 'deputy'];

/** Everyone who could confirm this urgent publication: never whoever published it, nor (four eyes) its author. */
export function confirmersOf(item: WorkflowItem, chain: ReviewChain, staffing: Staffing): number[] {
  const ids = new Set<number>();
  const last = chain.steps[chain.steps.length - 1];
  if (last) {
    const staff = staffOfStep(last, item, chain, staffing);
    for (const id of [...staff.primary, ...staff.standIns]) ids.add(id);
  }
  for (const role of CONFIRMING_ROLES) for (const id of staffing.roleHolders[role] ?? []) ids.add(id);
  return [...ids].filter((id) => id !== item.urgentPublishedBy && !(chain.fourEyes && id === item.authorUserId));
}
