// Review timeliness, pure: time at a step in working hours across a weekend,
// the National Day holiday (1–2 Sep 2026) and a make-up working day (Sat 5 Sep,
// set by the site), the approval deadline counted from receipt, reminders
// before the due time, escalation levels after it. Every expectation is
// worked out by hand in the comments (office hours 07:30–11:30, 13:30–17:00,
// 7.5 h a day; Vietnam time = UTC+7).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createCalendar } from '../calendar/index.ts';
import { ruleDefinition, ruleValueProblems } from '../rule-catalogue.ts';
import { parseChain, type ReviewChain } from './chain.ts';
import { decide, stepDueAt, type WorkflowActor, type WorkflowItem } from './engine.ts';
import { escalationsDue, escalationTimes, leavesStep, median, openDelayMinutes, parseEscalation, reminderDue, stepSpan } from './timeliness.ts';

const withMakeUp = createCalendar({ extraWorkingDays: [{ date: '2026-09-05', name: 'Làm bù' }] });
const plain = createCalendar();

describe('time spent at a step', () => {
  test('across a weekend and the National Day holiday: 1 h Friday + 7.5 h Monday + 2 h Thursday = 10.5 h, 2.5 h late', () => {
    // Entered Fri 28 Aug 16:00; due (8 working hours) Mon 31 Aug 16:30; left Thu 3 Sep 09:30 (Tue 1, Wed 2 Sep are holidays).
    const span = stepSpan('2026-08-28T09:00:00.000Z', '2026-08-31T09:30:00.000Z', new Date('2026-09-03T02:30:00.000Z'), withMakeUp);
    assert.equal(span.workingMinutes, 630);
    assert.equal(span.overdue, true);
    // Late: Mon 16:30–17:00 (0.5 h) + Thu 07:30–09:30 (2 h).
    assert.equal(span.lateMinutes, 150);
  });

  test('a make-up working day (Sat 5 Sep) counts; without it the same stay is 7.5 h shorter', () => {
    // Thu 3 Sep 09:30 → Mon 7 Sep 08:30: Thu 5.5 h + Fri 7.5 h + Sat 7.5 h + Mon 1 h = 21.5 h; due Fri 4 Sep 17:00.
    const args = ['2026-09-03T02:30:00.000Z', '2026-09-04T10:00:00.000Z', new Date('2026-09-07T01:30:00.000Z')] as const;
    const made = stepSpan(...args, withMakeUp);
    assert.equal(made.workingMinutes, 1290);
    assert.equal(made.lateMinutes, 510, 'Sat 7.5 h + Mon 1 h');
    const without = stepSpan(...args, plain);
    assert.equal(without.workingMinutes, 840);
    assert.equal(without.lateMinutes, 60);
  });

  test('on time: not overdue, no delay', () => {
    const span = stepSpan('2026-09-03T02:30:00.000Z', '2026-09-04T10:00:00.000Z', new Date('2026-09-04T09:00:00.000Z'), withMakeUp);
    assert.equal(span.overdue, false);
    assert.equal(span.lateMinutes, 0);
    assert.equal(span.workingMinutes, 5.5 * 60 + 6.5 * 60);
    assert.equal(openDelayMinutes('2026-09-04T10:00:00.000Z', new Date('2026-09-07T01:30:00.000Z'), withMakeUp), 510);
    assert.equal(openDelayMinutes(null, new Date(), withMakeUp), 0);
  });

  test('a reassignment does not end the stay; an approval, a return or a withdrawal does', () => {
    const at = { reviewState: 'in_review' as const, stepIndex: 1, stepEnteredAt: '2026-09-03T02:30:00.000Z' };
    assert.equal(leavesStep(at, { ...at }), false);
    assert.equal(leavesStep(at, { ...at, stepIndex: 2, stepEnteredAt: 'x' }), true);
    assert.equal(leavesStep(at, { reviewState: 'approved', stepIndex: null, stepEnteredAt: 'x' }), true);
    assert.equal(leavesStep(at, { ...at, stepEnteredAt: '2026-09-04T02:30:00.000Z' }), true, 'returned to the same step: a new round');
    assert.equal(leavesStep({ reviewState: 'draft', stepIndex: null, stepEnteredAt: null }, at), false);
  });

  test('median of an even and an odd count', () => {
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.equal(median([5, 1, 3]), 3);
    assert.equal(median([]), null);
  });
});

describe('the approval deadline counted from the board’s receipt (001 Đ8.1)', () => {
  const chain: ReviewChain = {
    steps: [
      { key: 'edit', name: 'Biên tập', nameEn: 'Edit', actor: { kind: 'role', role: 'secretariat' }, kind: 'edit', deadline: { amount: 8, unit: 'working_hours' } },
      { key: 'approve', name: 'Phê duyệt', nameEn: 'Approve', actor: { kind: 'role', role: 'editor_in_chief' }, kind: 'approve', deadline: { amount: 3, unit: 'calendar_days' }, deadlineFrom: 'receipt' },
    ],
    fourEyes: true,
    publishDeadline: null,
  };
  // Thu 10 Sep 2026 10:00 in Vietnam: the item reaches the approval step.
  const now = new Date('2026-09-10T03:00:00.000Z');
  // Received by e-mail on Tue 8 Sep 09:00, two days before.
  const receipt = { at: '2026-09-08T02:00:00.000Z', boardApproval: { amount: 3, unit: 'working_days' as const } };

  test('3 working days from receipt (Wed 9, Thu 10, Fri 11) = Fri 11 Sep 17:00, not Tue 15 Sep from the step', () => {
    assert.equal(stepDueAt(chain.steps[1], { now, calendar: plain, receipt }), '2026-09-11T10:00:00.000Z');
    assert.equal(stepDueAt(chain.steps[1], { now, calendar: plain, receipt: { ...receipt, at: now.toISOString() } }), '2026-09-15T10:00:00.000Z');
  });

  test('without the rule the step’s own deadline applies from receipt (3 days: Fri 11 Sep, end of day)', () => {
    assert.equal(stepDueAt(chain.steps[1], { now, calendar: plain, receipt: { ...receipt, boardApproval: null } }), '2026-09-11T16:59:59.999Z');
  });

  test('a step counted from its entry ignores receipt; without receipt the step counts from entry', () => {
    // Thu 10:00–11:30 (1.5 h) + 13:30–17:00 (3.5 h) = 5 h; Fri 07:30 + 3 h = 10:30.
    assert.equal(stepDueAt(chain.steps[0], { now, calendar: plain, receipt }), '2026-09-11T03:30:00.000Z');
    // No receipt known: 3 days from the step end on Sun 13 Sep, a day off, so at Mon 14 Sep 17:00 (Civil Code Art. 148(5)).
    assert.equal(stepDueAt(chain.steps[1], { now, calendar: plain }), '2026-09-14T10:00:00.000Z');
  });

  test('the engine sets the approval step’s due time from receipt when the edit step is approved', () => {
    const item: WorkflowItem = {
      reviewState: 'in_review', stepIndex: 0, stepEnteredAt: '2026-09-10T02:00:00.000Z', stepDueAt: null, assigneeUserId: null, approvals: [],
      publication: 'unpublished', publishAt: null, unpublishAt: null, hasLiveVersion: false, hasPendingChanges: true,
      urgentPendingApproval: false, urgentPublishedBy: null, authorUserId: 9, unitId: null,
    };
    const actor: WorkflowActor = { userId: 2, grants: { userId: 2, platformAdmin: false, ownRoles: ['secretariat'], delegated: [], siteWritable: true, scopes: null }, unitHeadOf: [] };
    const decision = decide(item, { type: 'approve' }, actor, chain, { now, calendar: plain, receipt });
    assert.ok(decision.ok);
    assert.equal(decision.item.stepIndex, 1);
    assert.equal(decision.item.stepDueAt, '2026-09-11T10:00:00.000Z');
  });

  test('the chain keeps “from receipt” through validation and refuses an unknown basis', () => {
    const parsed = parseChain(JSON.parse(JSON.stringify(chain)));
    assert.ok('chain' in parsed);
    assert.equal(parsed.chain.steps[1]!.deadlineFrom, 'receipt');
    assert.equal(parsed.chain.steps[0]!.deadlineFrom, undefined);
    const bad = parseChain({ ...chain, steps: [{ ...chain.steps[1], deadlineFrom: 'tomorrow' }] });
    assert.ok('problems' in bad);
    assert.equal(bad.problems[0]!.code, 'chain_step_deadline_from_invalid');
  });
});

describe('reminder before the due time', () => {
  // Due Mon 14 Sep 09:30 (entered Fri 11 Sep 09:00 with 8 working hours: Fri 6 h + Mon 2 h).
  const due = '2026-09-14T02:30:00.000Z';
  const fourHours = { amount: 4, unit: 'working_hours' as const };

  test('Fri 14:00 (5 h left): not yet; Fri 15:00 (4 h left): yes; after the due time: never', () => {
    assert.equal(reminderDue(due, new Date('2026-09-11T07:00:00.000Z'), fourHours, plain), false);
    assert.equal(reminderDue(due, new Date('2026-09-11T08:00:00.000Z'), fourHours, plain), true);
    assert.equal(reminderDue(due, new Date('2026-09-13T03:00:00.000Z'), fourHours, plain), true, 'Sunday: still 2 h left');
    assert.equal(reminderDue(due, new Date('2026-09-14T02:30:00.000Z'), fourHours, plain), false, 'at the due time: late, not reminded');
    assert.equal(reminderDue(due, new Date('2026-09-14T03:00:00.000Z'), fourHours, plain), false);
    assert.equal(reminderDue(null, new Date('2026-09-11T08:00:00.000Z'), fourHours, plain), false);
  });

  test('in working days (7.5 h a day) and in calendar days', () => {
    assert.equal(reminderDue(due, new Date('2026-09-11T07:00:00.000Z'), { amount: 1, unit: 'working_days' }, plain), true);
    assert.equal(reminderDue(due, new Date('2026-09-11T07:00:00.000Z'), { amount: 1, unit: 'calendar_days' }, plain), false, '2 days 19.5 h left');
    assert.equal(reminderDue(due, new Date('2026-09-13T03:00:00.000Z'), { amount: 1, unit: 'calendar_days' }, plain), true, '23.5 h left');
  });
});

describe('escalation of a late step', () => {
  const due = '2026-09-14T02:30:00.000Z'; // Mon 14 Sep 09:30
  const levels = [
    { after: { amount: 2, unit: 'working_hours' as const }, to: 'editor_in_chief' as const },
    { after: { amount: 1, unit: 'working_days' as const }, to: 'owner' as const },
  ];

  test('the editor-in-chief 2 working hours late (Mon 11:30), the owner 1 working day late (Tue 15 Sep 17:00)', () => {
    assert.deepEqual(escalationTimes(due, levels, plain).map((d) => d.toISOString()), ['2026-09-14T04:30:00.000Z', '2026-09-15T10:00:00.000Z']);
    assert.deepEqual(escalationsDue(due, new Date('2026-09-14T04:00:00.000Z'), levels, plain), []);
    assert.deepEqual(escalationsDue(due, new Date('2026-09-14T04:30:00.000Z'), levels, plain), [0]);
    assert.deepEqual(escalationsDue(due, new Date('2026-09-15T09:59:00.000Z'), levels, plain), [0]);
    assert.deepEqual(escalationsDue(due, new Date('2026-09-15T10:00:00.000Z'), levels, plain), [0, 1]);
    assert.deepEqual(escalationsDue(null, new Date('2026-09-15T10:00:00.000Z'), levels, plain), []);
  });

  test('the rule’s value is validated with a Vietnamese message', () => {
    assert.deepEqual(parseEscalation(levels), { levels });
    const def = ruleDefinition('escalation.step_late')!;
    assert.equal(def.kind, 'json');
    assert.deepEqual(ruleValueProblems(def, levels), []);
    for (const bad of [{}, [{ after: { amount: 2, unit: 'hours' }, to: 'editor_in_chief' }], [{ after: { amount: 2, unit: 'working_hours' }, to: 'mayor' }], [{ after: { amount: -1, unit: 'working_hours' }, to: 'owner' }], 'x']) {
      const problems = ruleValueProblems(def, bad);
      assert.equal(problems.length, 1, JSON.stringify(bad));
      assert.match(problems[0]!.vi, /Cấp báo cáo khi quá hạn/);
    }
    assert.equal(ruleDefinition('reminder.step_before_due')!.kind, 'deadline');
  });
});
