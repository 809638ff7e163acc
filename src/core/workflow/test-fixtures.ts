// Test fixtures for the workflow tests (not used by application code): a cast
// of people on one site, items, and helpers that fail loudly with the
// problems' messages when a step of a scenario is refused.
import assert from 'node:assert/strict';
import { createCalendar, localDateTime } from '../calendar/index.ts';
import type { DelegatedRole, Grants, Role } from '../permissions.ts';
import type { ReviewChain } from './chain.ts';
import { decide, type Decision, type WorkflowAction, type WorkflowActor, type WorkflowContext, type WorkflowItem } from './engine.ts';
import type { Staffing } from './staffing.ts';

export const calendar = createCalendar();
/** Tuesday 10 March 2026, 09:00 in Vietnam: an ordinary working morning. */
export const NOW = localDateTime('2026-03-10', '09:00');
export const UNIT = 7;

export function ctxAt(now: Date = NOW, staffing?: Staffing): WorkflowContext {
  return staffing ? { now, calendar, staffing } : { now, calendar };
}

/** The site's staffing when exactly these people are active, as the database loader would build it. */
export function staffingOf(people: WorkflowActor[]): Staffing {
  const roleHolders: Partial<Record<Role, number[]>> = {};
  const unitHeads: Record<number, number[]> = {};
  const add = <K extends string | number>(map: Partial<Record<K, number[]>>, key: K, id: number) => {
    const list = (map[key] ??= []);
    if (!list.includes(id)) list.push(id);
  };
  for (const p of people) {
    for (const role of [...p.grants.ownRoles, ...p.grants.delegated.map((d) => d.role)]) add(roleHolders, role, p.userId);
    for (const h of p.unitHeadOf) add(unitHeads, h.unitId, p.userId);
  }
  return { roleHolders, unitHeads, unitNames: { [UNIT]: 'Phòng Văn hóa và Thông tin' } };
}

interface PersonOptions {
  delegated?: DelegatedRole[];
  unitHeadOf?: WorkflowActor['unitHeadOf'];
  siteWritable?: boolean;
  scopes?: Grants['scopes'];
}

export function person(userId: number, roles: Role[], opts: PersonOptions = {}): WorkflowActor {
  return {
    userId,
    grants: {
      userId,
      platformAdmin: false,
      ownRoles: roles,
      delegated: opts.delegated ?? [],
      siteWritable: opts.siteWritable ?? true,
      scopes: opts.scopes ?? null,
    },
    unitHeadOf: opts.unitHeadOf ?? (roles.includes('unit_head') ? [{ unitId: UNIT, onBehalfOfUserId: null }] : []),
  };
}

/** One site's people. Ids are chosen so that a wrong id in an assertion is easy to spot. */
export const cast = {
  author: person(1, ['contributor']),
  unitHead: person(2, ['unit_head']),
  secretariat: person(3, ['secretariat']),
  deputy: person(4, ['deputy']),
  chief: person(5, ['editor_in_chief']),
  publisher: person(6, ['publisher']),
  member: person(7, ['board_member']),
  /** Stands in for the editor-in-chief (user 5) by delegation. */
  chiefDelegate: person(9, ['contributor'], { delegated: [{ role: 'editor_in_chief', fromUserId: 5, delegationId: 90 }] }),
  /** Acts as head of unit 7 while its head (user 2) is away. */
  unitHeadDelegate: person(11, ['contributor'], { unitHeadOf: [{ unitId: UNIT, onBehalfOfUserId: 2 }], delegated: [{ role: 'unit_head', fromUserId: 2, delegationId: 91 }] }),
  /** A second editor-in-chief (or a deputy given the head's role). */
  otherChief: person(12, ['editor_in_chief']),
  /** 004: the deputy checks and publishes, so holds both roles. */
  deputyPublisher: person(13, ['deputy', 'publisher']),
  otherContributor: person(14, ['contributor']),
  secondMember: person(15, ['board_member']),
};

export function draftItem(overrides: Partial<WorkflowItem> = {}): WorkflowItem {
  return {
    reviewState: 'draft',
    stepIndex: null,
    stepEnteredAt: null,
    stepDueAt: null,
    assigneeUserId: null,
    approvals: [],
    publication: 'unpublished',
    publishAt: null,
    unpublishAt: null,
    hasLiveVersion: false,
    hasPendingChanges: false,
    urgentPendingApproval: false,
    urgentPublishedBy: null,
    authorUserId: cast.author.userId,
    unitId: UNIT,
    ...overrides,
  };
}

/** A published item whose live revision is current. */
export function liveItem(overrides: Partial<WorkflowItem> = {}): WorkflowItem {
  return draftItem({ publication: 'published', hasLiveVersion: true, ...overrides });
}

export function describeRefusal(d: Decision): string {
  return d.ok ? 'ok' : d.problems.map((p) => `${p.code}: ${p.en}`).join(' | ');
}

/** decide(), asserting that it succeeds. */
export function ok(item: WorkflowItem, action: WorkflowAction, actor: WorkflowActor, chain: ReviewChain, now: Date = NOW, staffing?: Staffing): Extract<Decision, { ok: true }> {
  const d = decide(item, action, actor, chain, ctxAt(now, staffing));
  if (!d.ok) assert.fail(`${action.type} by user ${actor.userId} refused: ${describeRefusal(d)}`);
  return d;
}

/** decide(), asserting that it is refused; returns the problem codes. */
export function refused(item: WorkflowItem, action: WorkflowAction, actor: WorkflowActor, chain: ReviewChain, now: Date = NOW, staffing?: Staffing): { codes: string[]; vi: string[]; en: string[] } {
  const d = decide(item, action, actor, chain, ctxAt(now, staffing));
  if (d.ok) assert.fail(`${action.type} by user ${actor.userId} was allowed; expected a refusal`);
  return { codes: d.problems.map((p) => p.code), vi: d.problems.map((p) => p.vi), en: d.problems.map((p) => p.en) };
}

/** Submits, then approves every step with the given people in order. */
export function throughChain(chain: ReviewChain, approvers: WorkflowActor[], item: WorkflowItem = draftItem(), submitter: WorkflowActor = cast.author): WorkflowItem {
  let current = ok(item, { type: 'submit' }, submitter, chain).item;
  approvers.forEach((who) => {
    current = ok(current, { type: 'approve' }, who, chain).item;
  });
  assert.equal(current.reviewState, 'approved');
  return current;
}

export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

export const vn = localDateTime;
