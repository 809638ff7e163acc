// availableActions() must offer exactly the actions decide() accepts when the
// person types something valid: checked for every action type over many item
// states, people and chains.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CHAIN, type ReviewChain } from './chain.ts';
import { PRESET_CHAINS } from './preset-chains.ts';
import { ACTION_TYPES, availableActions, decide, offeredActions, type ActionType, type WorkflowAction, type WorkflowActor, type WorkflowItem } from './engine.ts';
import { NOW, cast, ctxAt, draftItem, liveItem, ok, person, staffingOf, throughChain } from './test-fixtures.ts';

const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000).toISOString();

/** Input a person could validly type for each action on this item. */
function validAction(type: ActionType, item: WorkflowItem): WorkflowAction {
  switch (type) {
    case 'approve':
      return { type, note: 'Đồng ý' };
    case 'return':
      return { type, to: 'previous', reason: 'Cần sửa lại' };
    case 'reject':
      return { type, reason: 'Không phù hợp' };
    case 'reassign':
      return { type, toUserId: item.assigneeUserId === 77 ? 78 : 77, eligible: true };
    case 'schedule':
      return item.publication === 'published' ? { type, publishAt: null, unpublishAt: later(120) } : { type, publishAt: later(60), unpublishAt: null };
    case 'unpublish':
      return { type, reason: 'Hết hạn đăng' };
    case 'take_down':
      return { type, reasonCode: 'violation', reason: 'Vi phạm quy chế', publicNotice: false };
    case 'correct':
      return { type, note: 'Đính chính số liệu' };
    case 'urgent_publish':
      return { type, reason: 'Tin khẩn cấp' };
    case 'confirm_urgent':
      return { type };
    case 'submit':
    case 'withdraw':
    case 'publish':
    case 'run_schedule':
      return { type };
  }
}

/** Who approves each step of the chains below, in order. */
const APPROVERS = new Map<ReviewChain, WorkflowActor[]>([
  [DEFAULT_CHAIN, [cast.secretariat, cast.chief]],
  [PRESET_CHAINS.nhuxuan, [cast.unitHead, cast.secretariat, cast.deputy, cast.chief]],
  [PRESET_CHAINS.konray, [cast.member, cast.secretariat]],
]);

function items(chain: ReviewChain): Record<string, WorkflowItem> {
  const submitted = ok(draftItem(), { type: 'submit' }, cast.author, chain).item;
  const approved = throughChain(chain, APPROVERS.get(chain) ?? assert.fail('no approvers for this chain'));
  return {
    draft: draftItem(),
    submitted,
    submittedAssigned: { ...submitted, assigneeUserId: 12 },
    secondStep: { ...submitted, stepIndex: 1, approvals: [{ stepIndex: 0, userId: 3 }] },
    brokenStep: { ...submitted, stepIndex: 9 },
    approved,
    scheduledLater: { ...approved, publication: 'scheduled', publishAt: later(60) },
    scheduledDue: { ...approved, publication: 'scheduled', publishAt: later(-5) },
    live: liveItem(),
    liveEnding: liveItem({ unpublishAt: later(-1) }),
    liveWithChanges: liveItem({ hasPendingChanges: true }),
    liveChangesApproved: { ...approved, publication: 'published', hasLiveVersion: true, hasPendingChanges: true },
    returned: draftItem({ reviewState: 'returned' }),
    rejected: draftItem({ reviewState: 'rejected' }),
    withdrawn: draftItem({ reviewState: 'withdrawn' }),
    takenDown: liveItem({ publication: 'taken_down' }),
    urgent: liveItem({ urgentPendingApproval: true, urgentPublishedBy: 5 }),
    noUnit: draftItem({ unitId: null }),
  };
}

const archivedChief: WorkflowActor = { ...cast.chief, grants: { ...cast.chief.grants, siteWritable: false } };
const platformAdmin: WorkflowActor = { ...person(30, []), grants: { ...person(30, []).grants, platformAdmin: true } };
const people: WorkflowActor[] = [...Object.values(cast), archivedChief, platformAdmin, person(31, ['site_admin']), person(32, ['editor_in_chief'], { scopes: ['read'] })];

// nhuxuan with a stand-in on the unit-head step, on a site whose unit has no head and no deputy.
const withStandIn: ReviewChain = { ...PRESET_CHAINS.nhuxuan, steps: PRESET_CHAINS.nhuxuan.steps.map((s, i) => (i === 0 ? { ...s, fallback: 'secretariat' as const } : s)) };
APPROVERS.set(withStandIn, [cast.unitHead, cast.secretariat, cast.deputy, cast.chief]);
const headless = staffingOf(people.filter((p) => p !== cast.unitHead && p !== cast.deputy && p !== cast.deputyPublisher));

describe('availableActions agrees with decide', () => {
  const cases = [['default', DEFAULT_CHAIN, undefined], ['nhuxuan', PRESET_CHAINS.nhuxuan, undefined], ['konray', PRESET_CHAINS.konray, undefined], ['nhuxuan, staffed', PRESET_CHAINS.nhuxuan, staffingOf(people)], ['stand-in, headless unit', withStandIn, headless]] as const;
  for (const [chainName, chain, staffing] of cases) {
    it(`for every action type, item state and person (${chainName})`, () => {
      let offered = 0;
      for (const [state, item] of Object.entries(items(chain))) {
        for (const actor of people) {
          const available = availableActions(item, actor, chain, ctxAt(NOW, staffing));
          const enabled = offeredActions(item, actor, chain, ctxAt(NOW, staffing)).filter((o) => o.problems.length === 0).map((o) => o.type);
          assert.deepEqual(enabled, available.filter((type) => type !== 'run_schedule'), `${chainName}/${state}: offered and available differ for user ${actor.userId}`);
          for (const type of ACTION_TYPES) {
            const d = decide(item, validAction(type, item), actor, chain, ctxAt(NOW, staffing));
            const why = d.ok ? '' : d.problems.map((p) => p.code).join(',');
            assert.equal(available.includes(type), d.ok, `${chainName}/${state}: ${type} by user ${actor.userId} offered=${available.includes(type)} decide=${d.ok ? 'ok' : why}`);
            if (d.ok) offered++;
          }
        }
      }
      assert.ok(offered > 50, `only ${offered} actions were possible: the matrix is too thin to mean anything`);
    });
  }

  it('offers the buttons one expects', () => {
    const chain = DEFAULT_CHAIN;
    const all = items(chain);
    const offer = (item: WorkflowItem, actor: WorkflowActor) => availableActions(item, actor, chain, ctxAt());
    assert.deepEqual(offer(all.draft!, cast.author), ['submit']);
    assert.deepEqual(offer(all.draft!, cast.chief), ['submit', 'urgent_publish']);
    assert.deepEqual(offer(all.submitted!, cast.author), ['withdraw']);
    assert.deepEqual(offer(all.submitted!, cast.secretariat), ['approve', 'return', 'reject', 'reassign']);
    assert.deepEqual(offer(all.submitted!, cast.chief), ['reassign', 'urgent_publish']);
    assert.deepEqual(offer(all.approved!, cast.publisher), ['return', 'publish', 'schedule']);
    assert.deepEqual(offer(all.live!, cast.publisher), ['schedule', 'unpublish', 'correct']);
    assert.deepEqual(offer(all.live!, cast.secretariat), ['take_down']);
    assert.deepEqual(offer(all.liveWithChanges!, cast.author), ['submit']);
    assert.deepEqual(offer(all.liveEnding!, cast.otherContributor), ['run_schedule']);
    assert.deepEqual(offer(all.urgent!, cast.otherChief), ['take_down', 'confirm_urgent']);
    assert.deepEqual(offer(all.urgent!, cast.chief), ['take_down']);
    assert.deepEqual(offer(all.submitted!, archivedChief), []);
  });

  it('offers what the person could do, disabled with the reasons, and leaves out what is not theirs', () => {
    const chain = PRESET_CHAINS.nhuxuan;
    const all = items(chain);
    const offers = (item: WorkflowItem, actor: WorkflowActor) => offeredActions(item, actor, chain, ctxAt()).map((o) => `${o.type}${o.problems.length ? `(${o.problems.map((p) => p.code).join(',')})` : ''}`);
    // A draft without its providing unit: submission is offered, with the field to fix.
    assert.deepEqual(offers(all.noUnit!, cast.author), ['submit(unit_required)']);
    assert.equal(offeredActions(all.noUnit!, cast.author, chain, ctxAt())[0]!.problems[0]!.field, 'unitId');
    assert.deepEqual(offers(all.draft!, cast.author), ['submit']);
    // Past the first step the author sees why withdrawing is no longer possible.
    assert.deepEqual(offers(all.secondStep!, cast.author), ['withdraw(review_started)']);
    // Someone else's step, the wrong state, or nothing to act on: not offered at all.
    assert.deepEqual(offers(all.submitted!, cast.secretariat), []);
    assert.deepEqual(offers(all.live!, cast.chief), ['take_down']);
    assert.deepEqual(offers(all.approved!, cast.publisher), ['return', 'publish', 'schedule']);
  });
});
