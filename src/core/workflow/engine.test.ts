import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CHAIN, type ReviewChain } from './chain.ts';
import { PRESET_CHAINS } from './preset-chains.ts';
import { availableActions, canActOnStep, decide, isOverdue, mayBeAssigned, type WorkflowItem } from './engine.ts';
import { queueReason } from './queue.ts';
import { vacancyAt } from './staffing.ts';
import { NOW, UNIT, cast, ctxAt, deepFreeze, draftItem, liveItem, ok, person, refused, staffingOf, throughChain, vn } from './test-fixtures.ts';

const minutes = (n: number, from: Date = NOW) => new Date(from.getTime() + n * 60_000);
const iso = (d: Date) => d.toISOString();

describe('preset chains end to end', () => {
  it('nhuxuan (003): unit head → secretariat → deputy → editor-in-chief → publisher, each a different person', () => {
    const chain = PRESET_CHAINS.nhuxuan;
    const submitted = ok(draftItem(), { type: 'submit' }, cast.author, chain);
    assert.equal(submitted.item.reviewState, 'in_review');
    assert.equal(submitted.item.stepIndex, 0);
    assert.equal(submitted.item.stepEnteredAt, iso(NOW));
    assert.equal(submitted.item.stepDueAt, iso(vn('2026-03-10', '10:00')), 'unit head has 1 working hour');
    assert.deepEqual(submitted.event.notify, [{ kind: 'unit_head', unitId: UNIT }]);
    assert.deepEqual(submitted.event.from, { review: 'draft', publication: 'unpublished', step: null });
    assert.deepEqual(submitted.event.to, { review: 'in_review', publication: 'unpublished', step: 0 });

    // Nobody but the unit head may act on step 1.
    for (const other of [cast.secretariat, cast.deputy, cast.chief, cast.publisher]) {
      assert.deepEqual(refused(submitted.item, { type: 'approve' }, other, chain).codes, ['not_step_actor']);
    }
    const byHead = ok(submitted.item, { type: 'approve', note: '  Đồng ý  ' }, cast.unitHead, chain);
    assert.equal(byHead.event.note, 'Đồng ý');
    assert.equal(byHead.item.stepIndex, 1);
    assert.deepEqual(byHead.event.notify, [{ kind: 'role', role: 'secretariat' }]);
    assert.equal(byHead.item.stepDueAt, iso(vn('2026-03-10', '11:00')), 'secretariat has 2 working hours');

    const bySecretariat = ok(byHead.item, { type: 'approve' }, cast.secretariat, chain);
    assert.deepEqual(bySecretariat.event.notify, [{ kind: 'role', role: 'deputy' }]);
    const byDeputy = ok(bySecretariat.item, { type: 'approve' }, cast.deputy, chain);
    assert.deepEqual(byDeputy.event.notify, [{ kind: 'role', role: 'editor_in_chief' }]);
    assert.equal(refused(byDeputy.item, { type: 'publish' }, cast.publisher, chain).codes[0], 'not_approved');

    const byChief = ok(byDeputy.item, { type: 'approve' }, cast.chief, chain);
    assert.equal(byChief.item.reviewState, 'approved');
    assert.equal(byChief.item.stepIndex, null);
    assert.equal(byChief.item.stepDueAt, iso(vn('2026-03-10', '10:00')), 'publication within 1 working hour');
    assert.deepEqual(byChief.item.approvals, [
      { stepIndex: 0, userId: 2 },
      { stepIndex: 1, userId: 3 },
      { stepIndex: 2, userId: 4 },
      { stepIndex: 3, userId: 5 },
    ]);
    assert.deepEqual(byChief.event.notify, [{ kind: 'permission', permission: 'content.publish' }, { kind: 'user', userId: 1 }]);
    assert.equal(byChief.event.publishesWorkingRevision, false);

    // The editor-in-chief may not publish: that is the technical officer's permission.
    assert.deepEqual(refused(byChief.item, { type: 'publish' }, cast.chief, chain).codes, ['no_permission']);
    const published = ok(byChief.item, { type: 'publish' }, cast.publisher, chain);
    assert.equal(published.event.publishesWorkingRevision, true);
    assert.deepEqual(published.event.to, { review: 'draft', publication: 'published', step: null });
    assert.equal(published.item.hasLiveVersion, true);
    assert.equal(published.item.hasPendingChanges, false);
    assert.deepEqual(published.item.approvals, []);
    assert.equal(published.item.stepDueAt, null);
  });

  it('konray (000): board member edits, secretariat checks, network administrator posts', () => {
    const chain = PRESET_CHAINS.konray;
    const approved = throughChain(chain, [cast.member, cast.secretariat]);
    assert.equal(ok(approved, { type: 'publish' }, cast.publisher, chain).item.publication, 'published');
  });

  it('thanhchuong (001): member edits, the board approves, publisher publishes', () => {
    const chain = PRESET_CHAINS.thanhchuong;
    const approved = throughChain(chain, [cast.member, cast.chief]);
    assert.equal(ok(approved, { type: 'publish' }, cast.publisher, chain).item.publication, 'published');
  });

  it('vpubnd-kontum (002): division head vouches, the team edits, publisher posts', () => {
    const chain = PRESET_CHAINS['vpubnd-kontum'];
    const approved = throughChain(chain, [cast.unitHead, cast.member]);
    assert.equal(ok(approved, { type: 'publish' }, cast.publisher, chain).item.publication, 'published');
  });

  it('sxd-kontum (004): unit head, member, head of team; the deputy publishes only when also a publisher', () => {
    const chain = PRESET_CHAINS['sxd-kontum'];
    const approved = throughChain(chain, [cast.unitHead, cast.member, cast.chief]);
    assert.deepEqual(refused(approved, { type: 'publish' }, cast.deputy, chain).codes, ['no_permission']);
    assert.equal(ok(approved, { type: 'publish' }, cast.deputyPublisher, chain).item.publication, 'published');
  });

  it('the default chain: secretariat edits, editor-in-chief approves', () => {
    const approved = throughChain(DEFAULT_CHAIN, [cast.secretariat, cast.chief]);
    assert.equal(ok(approved, { type: 'publish' }, cast.publisher, DEFAULT_CHAIN).item.publication, 'published');
  });

  it('an empty chain approves on submission, with the publication deadline', () => {
    const chain: ReviewChain = { steps: [], fourEyes: true, publishDeadline: { amount: 1, unit: 'working_days' } };
    const d = ok(draftItem(), { type: 'submit' }, cast.author, chain);
    assert.equal(d.item.reviewState, 'approved');
    assert.equal(d.item.stepIndex, null);
    assert.equal(d.item.stepDueAt, iso(vn('2026-03-11', '17:00')));
    assert.deepEqual(d.event.notify, [{ kind: 'permission', permission: 'content.publish' }]);
  });
});

describe('submit', () => {
  const chain = DEFAULT_CHAIN;

  it('needs content.submit unless one is the author: content.edit alone is not enough', () => {
    assert.deepEqual(refused(draftItem(), { type: 'submit' }, cast.publisher, chain).codes, ['no_permission']);
    assert.equal(ok(draftItem(), { type: 'submit' }, cast.otherContributor, chain).onBehalfOfUserId, null);
    // The author may submit even without the permission (e.g. a publisher who once wrote the item).
    const item = draftItem({ authorUserId: cast.publisher.userId });
    assert.equal(ok(item, { type: 'submit' }, cast.publisher, chain).item.reviewState, 'in_review');
  });

  it('starts a fresh round: approvals and assignee cleared', () => {
    const item = draftItem({ reviewState: 'returned', approvals: [{ stepIndex: 0, userId: 3 }], assigneeUserId: 5 });
    const d = ok(item, { type: 'submit' }, cast.author, chain);
    assert.deepEqual(d.item.approvals, []);
    assert.equal(d.item.assigneeUserId, null);
    assert.equal(d.item.stepIndex, 0);
  });

  it('is refused while in review or approved, and for a live item without changes', () => {
    assert.equal(refused(draftItem({ reviewState: 'in_review', stepIndex: 0 }), { type: 'submit' }, cast.author, chain).codes[0], 'invalid_state');
    assert.equal(refused(draftItem({ reviewState: 'approved' }), { type: 'submit' }, cast.author, chain).codes[0], 'invalid_state');
    assert.deepEqual(refused(liveItem(), { type: 'submit' }, cast.author, chain).codes, ['nothing_to_submit']);
    assert.equal(ok(liveItem({ hasPendingChanges: true }), { type: 'submit' }, cast.author, chain).item.reviewState, 'in_review');
  });

  it('needs a providing unit when the chain has a unit-head step', () => {
    const p = refused(draftItem({ unitId: null }), { type: 'submit' }, cast.author, PRESET_CHAINS.nhuxuan);
    assert.deepEqual(p.codes, ['unit_required']);
    assert.ok(ok(draftItem({ unitId: null }), { type: 'submit' }, cast.author, DEFAULT_CHAIN));
  });

  it('a read-only API token cannot submit, even for its author', () => {
    const readOnly = person(1, ['contributor'], { scopes: ['read'] });
    assert.deepEqual(refused(draftItem(), { type: 'submit' }, readOnly, chain).codes, ['no_permission']);
  });
});

describe('four eyes', () => {
  it('keeps the author from approving their own item at a review step, and from publishing it', () => {
    const author = person(20, ['secretariat', 'editor_in_chief', 'publisher']);
    const item = draftItem({ authorUserId: 20 });
    const atEdit = ok(item, { type: 'submit' }, author, DEFAULT_CHAIN).item;
    // An edit step is passed on, not vouched for: the author may forward their own work.
    const atApprove = ok(atEdit, { type: 'approve' }, author, DEFAULT_CHAIN).item;
    const p = refused(atApprove, { type: 'approve' }, author, DEFAULT_CHAIN);
    assert.deepEqual(p.codes, ['four_eyes']);
    assert.match(p.vi[0] ?? '', /không tự duyệt được bài của mình/);
    const approved = ok(atApprove, { type: 'approve' }, cast.chief, DEFAULT_CHAIN).item;
    assert.deepEqual(refused(approved, { type: 'publish' }, author, DEFAULT_CHAIN).codes, ['four_eyes']);
    assert.deepEqual(refused(approved, { type: 'schedule', publishAt: iso(minutes(60)), unpublishAt: null }, author, DEFAULT_CHAIN).codes, ['four_eyes']);
    assert.ok(ok(approved, { type: 'publish' }, cast.publisher, DEFAULT_CHAIN));
  });

  it('does not apply when the chain turns it off', () => {
    const chain: ReviewChain = { ...DEFAULT_CHAIN, fourEyes: false };
    const author = person(20, ['secretariat', 'editor_in_chief', 'publisher']);
    const approved = throughChain(chain, [author, author], draftItem({ authorUserId: 20 }), author);
    assert.equal(ok(approved, { type: 'publish' }, author, chain).item.publication, 'published');
  });
});

describe('delegation', () => {
  it('a delegate approves on behalf of the editor-in-chief; the approval records who acted', () => {
    const chain = DEFAULT_CHAIN;
    const atChief = ok(ok(draftItem(), { type: 'submit' }, cast.author, chain).item, { type: 'approve' }, cast.secretariat, chain).item;
    assert.deepEqual(canActOnStep(atChief, cast.chiefDelegate, chain), { can: true, onBehalfOfUserId: 5 });
    const d = ok(atChief, { type: 'approve' }, cast.chiefDelegate, chain);
    assert.equal(d.onBehalfOfUserId, 5);
    assert.deepEqual(d.item.approvals.at(-1), { stepIndex: 1, userId: 9 });
  });

  it('a delegated unit head acts for the head of the providing unit only', () => {
    const chain = PRESET_CHAINS.nhuxuan;
    const submitted = ok(draftItem(), { type: 'submit' }, cast.author, chain).item;
    assert.equal(ok(submitted, { type: 'approve' }, cast.unitHeadDelegate, chain).onBehalfOfUserId, 2);
    const otherUnit = ok(draftItem({ unitId: 8 }), { type: 'submit' }, cast.author, chain).item;
    assert.deepEqual(refused(otherUnit, { type: 'approve' }, cast.unitHeadDelegate, chain).codes, ['not_step_actor']);
    assert.deepEqual(refused(otherUnit, { type: 'approve' }, cast.unitHead, chain).codes, ['not_step_actor']);
  });

  it('one’s own role comes before a delegated one, so on-behalf-of is recorded only when the delegation is used', () => {
    const both = person(21, ['deputy'], { delegated: [{ role: 'editor_in_chief', fromUserId: 5, delegationId: 92 }] });
    const chain = PRESET_CHAINS.nhuxuan;
    const atDeputy = throughChainPartly(chain, [cast.unitHead, cast.secretariat]);
    const d = ok(atDeputy, { type: 'approve' }, both, chain);
    assert.equal(d.onBehalfOfUserId, null);
    assert.equal(ok(d.item, { type: 'approve' }, both, chain).onBehalfOfUserId, 5);
  });
});

/** Submits and approves the given steps, leaving the item in review. */
function throughChainPartly(chain: ReviewChain, approvers: typeof cast.author[], item: WorkflowItem = draftItem()): WorkflowItem {
  let current = ok(item, { type: 'submit' }, cast.author, chain).item;
  for (const who of approvers) current = ok(current, { type: 'approve' }, who, chain).item;
  assert.equal(current.reviewState, 'in_review');
  return current;
}

describe('return, reject, withdraw', () => {
  const chain = PRESET_CHAINS.nhuxuan;

  it('returns to the author with the reason; the author resubmits from the first step', () => {
    const atDeputy = throughChainPartly(chain, [cast.unitHead, cast.secretariat]);
    const d = ok(atDeputy, { type: 'return', to: 'author', reason: '  Thiếu nguồn tin và tác giả  ' }, cast.deputy, chain);
    assert.equal(d.item.reviewState, 'returned');
    assert.equal(d.event.note, 'Thiếu nguồn tin và tác giả');
    assert.deepEqual(d.event.notify, [{ kind: 'user', userId: 1 }]);
    assert.deepEqual(d.item.approvals, []);
    assert.equal(d.item.stepIndex, null);
    assert.equal(d.item.stepDueAt, null);
    const again = ok(d.item, { type: 'submit' }, cast.author, chain);
    assert.equal(again.item.stepIndex, 0);
    assert.deepEqual(again.event.from, { review: 'returned', publication: 'unpublished', step: null });
  });

  it('returns to the previous step, which must approve again', () => {
    const atDeputy = throughChainPartly(chain, [cast.unitHead, cast.secretariat]);
    const d = ok(atDeputy, { type: 'return', to: 'previous', reason: 'Cần biên tập lại đoạn 2' }, cast.deputy, chain);
    assert.equal(d.item.reviewState, 'in_review');
    assert.equal(d.item.stepIndex, 1);
    assert.deepEqual(d.item.approvals, [{ stepIndex: 0, userId: 2 }]);
    assert.deepEqual(d.event.notify, [{ kind: 'user', userId: 3 }, { kind: 'role', role: 'secretariat' }]);
    assert.equal(d.item.stepDueAt, iso(vn('2026-03-10', '11:00')));
    const forward = ok(d.item, { type: 'approve' }, cast.secretariat, chain);
    assert.equal(forward.item.stepIndex, 2);
    assert.deepEqual(forward.item.approvals, [{ stepIndex: 0, userId: 2 }, { stepIndex: 1, userId: 3 }]);
  });

  it('“previous” from the first step goes to the author', () => {
    const submitted = ok(draftItem(), { type: 'submit' }, cast.author, chain).item;
    assert.equal(ok(submitted, { type: 'return', to: 'previous', reason: 'Sai đơn vị cung cấp' }, cast.unitHead, chain).item.reviewState, 'returned');
  });

  it('withdraw is allowed only before review, and only to the author', () => {
    const submitted = ok(draftItem(), { type: 'submit' }, cast.author, chain).item;
    assert.deepEqual(refused(submitted, { type: 'withdraw' }, cast.otherContributor, chain).codes, ['not_author']);
    const w = ok(submitted, { type: 'withdraw' }, cast.author, chain);
    assert.equal(w.item.reviewState, 'withdrawn');
    assert.equal(w.item.stepIndex, null);
    assert.deepEqual(w.event.notify, [{ kind: 'unit_head', unitId: UNIT }]);
    assert.equal(ok(w.item, { type: 'submit' }, cast.author, chain).item.stepIndex, 0);

    const reviewed = ok(submitted, { type: 'approve' }, cast.unitHead, chain).item;
    const p = refused(reviewed, { type: 'withdraw' }, cast.author, chain);
    assert.deepEqual(p.codes, ['review_started']);
    assert.match(p.vi[0] ?? '', /đề nghị người đang xử lý trả lại bài/);
  });
});

describe('return after approval (mistake found before publication)', () => {
  const chain = PRESET_CHAINS.nhuxuan;
  const approved = () => throughChain(chain, [cast.unitHead, cast.secretariat, cast.deputy, cast.chief]);

  it('the publisher sends an approved item back to the last step, whose approval no longer stands', () => {
    const d = ok(approved(), { type: 'return', to: 'previous', reason: 'Sai tên xã trong đoạn 2' }, cast.publisher, chain);
    assert.equal(d.item.reviewState, 'in_review');
    assert.equal(d.item.stepIndex, 3);
    assert.deepEqual(d.item.approvals.map((a) => a.stepIndex), [0, 1, 2]);
    assert.equal(d.event.note, 'Sai tên xã trong đoạn 2');
    assert.deepEqual(d.event.from, { review: 'approved', publication: 'unpublished', step: null });
    assert.deepEqual(d.event.to, { review: 'in_review', publication: 'unpublished', step: 3 });
    assert.deepEqual(d.event.notify, [{ kind: 'user', userId: 5 }, { kind: 'role', role: 'editor_in_chief' }]);
    assert.equal(ok(d.item, { type: 'approve' }, cast.chief, chain).item.reviewState, 'approved');
  });

  it('or to the author; a scheduled publication is called off', () => {
    const scheduled = ok(approved(), { type: 'schedule', publishAt: iso(minutes(60)), unpublishAt: null }, cast.publisher, chain).item;
    const d = ok(scheduled, { type: 'return', to: 'author', reason: 'Ảnh minh họa sai sự kiện' }, cast.publisher, chain);
    assert.equal(d.item.reviewState, 'returned');
    assert.equal(d.item.publication, 'unpublished');
    assert.equal(d.item.publishAt, null);
    assert.deepEqual(d.event.notify, [{ kind: 'user', userId: 1 }]);
    assert.deepEqual(refused(d.item, { type: 'run_schedule' }, cast.publisher, chain, minutes(61)).codes, ['nothing_due'], 'the scheduler finds nothing to publish');
  });

  it('needs a reason and the publishing right', () => {
    assert.deepEqual(refused(approved(), { type: 'return', to: 'previous', reason: 'Sai' }, cast.publisher, chain).codes, ['reason_required']);
    assert.deepEqual(refused(approved(), { type: 'return', to: 'previous', reason: 'Sai tên xã' }, cast.secretariat, chain).codes, ['no_permission']);
    assert.equal(refused(draftItem(), { type: 'return', to: 'author', reason: 'Sai tên xã' }, cast.publisher, chain).codes[0], 'invalid_state');
  });
});

describe('a step nobody can take (unit without a head, role nobody holds)', () => {
  const chain = PRESET_CHAINS.nhuxuan;
  const everyone = [cast.author, cast.unitHead, cast.secretariat, cast.deputy, cast.chief, cast.publisher, cast.member];
  const headless = staffingOf(everyone.filter((p) => p !== cast.unitHead));
  const withStandIn: ReviewChain = { ...chain, steps: chain.steps.map((s, i) => (i === 0 ? { ...s, fallback: 'secretariat' as const } : s)) };

  it('is refused at submission, naming the unit and the missing role', () => {
    const p = refused(draftItem(), { type: 'submit' }, cast.author, chain, NOW, headless);
    assert.deepEqual(p.codes, ['step_unstaffed']);
    assert.match(p.vi[0] ?? '', /^Bước 1 «Lãnh đạo đơn vị duyệt nội dung do đơn vị cung cấp»: đơn vị «Phòng Văn hóa và Thông tin» chưa có ai giữ vai trò Lãnh đạo đơn vị, nên nếu gửi duyệt sẽ không ai xử lý được\./);
    assert.match(p.en[0] ?? '', /the unit “Phòng Văn hóa và Thông tin” has no Unit head/);
    // Every step is checked, not only the first.
    const noDeputy = staffingOf(everyone.filter((p) => p !== cast.deputy));
    assert.match(refused(draftItem(), { type: 'submit' }, cast.author, chain, NOW, noDeputy).vi[0] ?? '', /^Bước 3 «Xác thực thông tin»: trang chưa có ai giữ vai trò Phó Trưởng Ban biên tập/);
    assert.ok(ok(draftItem(), { type: 'submit' }, cast.author, chain, NOW, staffingOf(everyone)));
  });

  it('counts an author whom four eyes keeps out as nobody', () => {
    const byHead = draftItem({ authorUserId: cast.unitHead.userId });
    const p = refused(byHead, { type: 'submit' }, cast.unitHead, chain, NOW, staffingOf(everyone));
    assert.match(p.vi[0] ?? '', /Lãnh đạo đơn vị của đơn vị «Phòng Văn hóa và Thông tin» là tác giả nên không tự duyệt được/);
  });

  it('with a stand-in role on the step, goes to the stand-in, who alone of the others may act', () => {
    const d = ok(draftItem(), { type: 'submit' }, cast.author, withStandIn, NOW, headless);
    assert.deepEqual(d.event.notify, [{ kind: 'role', role: 'secretariat' }]);
    assert.ok(canActOnStep(d.item, cast.secretariat, withStandIn, headless).can);
    assert.equal(canActOnStep(d.item, cast.deputy, withStandIn, headless).can, false);
    assert.equal(ok(d.item, { type: 'approve' }, cast.secretariat, withStandIn, NOW, headless).item.stepIndex, 1);
    // While the unit has its head, the stand-in does not act.
    const staffed = staffingOf(everyone);
    const normal = ok(draftItem(), { type: 'submit' }, cast.author, withStandIn, NOW, staffed);
    assert.deepEqual(normal.event.notify, [{ kind: 'unit_head', unitId: UNIT }]);
    assert.deepEqual(refused(normal.item, { type: 'approve' }, cast.secretariat, withStandIn, NOW, staffed).codes, ['not_step_actor']);
  });

  it('when the head leaves while the item waits, the stand-in sees it in the queue and may act', () => {
    const waiting = ok(draftItem(), { type: 'submit' }, cast.author, withStandIn, NOW, staffingOf(everyone)).item;
    assert.equal(queueReason(waiting, cast.secretariat, withStandIn, headless)?.kind, 'review');
    assert.ok(availableActions(waiting, cast.secretariat, withStandIn, ctxAt(NOW, headless)).includes('approve'));
    assert.deepEqual(vacancyAt(waiting, withStandIn, headless)?.standIn, 'secretariat');
    assert.equal(vacancyAt(waiting, withStandIn, staffingOf(everyone)), null);
    const stuck = vacancyAt(ok(draftItem(), { type: 'submit' }, cast.author, chain, NOW, staffingOf(everyone)).item, chain, headless);
    assert.equal(stuck?.standIn, null, 'without a stand-in nobody can act');
    assert.match(stuck?.missing.vi ?? '', /đơn vị «Phòng Văn hóa và Thông tin» chưa có ai giữ vai trò Lãnh đạo đơn vị/);
  });

  it('a stand-in role nobody holds does not help', () => {
    const p = refused(draftItem(), { type: 'submit' }, cast.author, withStandIn, NOW, staffingOf(everyone.filter((x) => x !== cast.unitHead && x !== cast.secretariat)));
    assert.equal(p.codes.filter((c) => c === 'step_unstaffed').length, 2, 'the stand-in step and the secretariat’s own step');
    assert.match(p.vi[0] ?? '', /và cũng chưa có ai giữ vai trò Thường trực Ban biên tập để xử lý thay/);
  });
});

describe('reject', () => {
  const chain = PRESET_CHAINS.nhuxuan;
  it('needs a reason and ends the round; the author may submit again', () => {
    const atChief = throughChainPartly(chain, [cast.unitHead, cast.secretariat, cast.deputy]);
    assert.deepEqual(refused(atChief, { type: 'reject', reason: '  Sai ' }, cast.chief, chain).codes, ['reason_required']);
    const d = ok(atChief, { type: 'reject', reason: 'Nội dung không thuộc phạm vi thông tin của Trang' }, cast.chief, chain);
    assert.equal(d.item.reviewState, 'rejected');
    assert.deepEqual(d.item.approvals, []);
    assert.deepEqual(d.event.notify, [{ kind: 'user', userId: 1 }]);
    assert.deepEqual(refused(d.item, { type: 'approve' }, cast.chief, chain).codes, ['invalid_state']);
    assert.equal(ok(d.item, { type: 'submit' }, cast.author, chain).item.stepIndex, 0);
  });
});

describe('reassign (referral)', () => {
  const chain = PRESET_CHAINS.konray;

  it('konray: the secretariat refers an item to the editor-in-chief, who then decides', () => {
    const atSecretariat = throughChainPartly(chain, [cast.member]);
    assert.deepEqual(refused(atSecretariat, { type: 'approve' }, cast.chief, chain).codes, ['not_step_actor']);
    const referred = ok(atSecretariat, { type: 'reassign', toUserId: 5, eligible: true }, cast.secretariat, chain);
    assert.equal(referred.item.assigneeUserId, 5);
    assert.equal(referred.item.stepIndex, 1);
    assert.deepEqual(referred.event.notify, [{ kind: 'user', userId: 5 }]);
    const decided = ok(referred.item, { type: 'approve' }, cast.chief, chain);
    assert.equal(decided.item.reviewState, 'approved');
    assert.equal(decided.item.assigneeUserId, null);
  });

  it('refuses an ineligible target, the same assignee, and people who do not handle the step', () => {
    const atSecretariat = throughChainPartly(chain, [cast.member]);
    const p = refused(atSecretariat, { type: 'reassign', toUserId: 6, eligible: false }, cast.otherContributor, chain);
    assert.deepEqual(p.codes, ['not_step_actor', 'reassign_ineligible']);
    const referred = ok(atSecretariat, { type: 'reassign', toUserId: 5, eligible: true }, cast.secretariat, chain).item;
    assert.deepEqual(refused(referred, { type: 'reassign', toUserId: 5, eligible: true }, cast.secretariat, chain).codes, ['reassign_same']);
  });

  it('the head (urgent publishing) may reassign without handling the step', () => {
    const atSecretariat = throughChainPartly(chain, [cast.member]);
    const d = ok(atSecretariat, { type: 'reassign', toUserId: 16, eligible: true }, cast.chief, chain);
    assert.equal(d.item.assigneeUserId, 16);
    assert.equal(d.item.stepDueAt, atSecretariat.stepDueAt, 'the clock keeps running');
  });

  it('000 Đ8.2: the head of the board may be given the item; people who could not move it on may not', () => {
    const atSecretariat = throughChainPartly(chain, [cast.member]);
    assert.ok(mayBeAssigned(atSecretariat, cast.chief, chain), 'referred up to the Trưởng ban');
    assert.ok(mayBeAssigned(atSecretariat, cast.chiefDelegate, chain), 'or whoever stands in for him');
    assert.ok(mayBeAssigned(atSecretariat, person(20, ['secretariat']), chain));
    assert.equal(mayBeAssigned(atSecretariat, cast.deputy, chain), false);
    assert.equal(mayBeAssigned(atSecretariat, cast.publisher, chain), false);
    const ownItem = throughChainPartly(chain, [cast.member], draftItem({ authorUserId: cast.chief.userId }));
    assert.equal(mayBeAssigned(ownItem, cast.chief, chain), false, 'four eyes: not to the author at a review step');
  });

  it('an assignee still needs content.review', () => {
    const atSecretariat = throughChainPartly(chain, [cast.member]);
    const toPublisher = ok(atSecretariat, { type: 'reassign', toUserId: 6, eligible: true }, cast.secretariat, chain).item;
    assert.deepEqual(canActOnStep(toPublisher, cast.publisher, chain), { can: false, onBehalfOfUserId: null });
    assert.deepEqual(refused(toPublisher, { type: 'approve' }, cast.publisher, chain).codes, ['not_step_actor']);
  });

  it('the next step clears the assignee', () => {
    const submitted = ok(draftItem(), { type: 'submit' }, cast.author, chain).item;
    const referred = ok(submitted, { type: 'reassign', toUserId: 15, eligible: true }, cast.member, chain).item;
    const next = ok(referred, { type: 'approve' }, cast.secondMember, chain).item;
    assert.equal(next.assigneeUserId, null);
    assert.equal(next.stepIndex, 1);
  });
});

describe('schedule, run_schedule, unpublish', () => {
  const chain = DEFAULT_CHAIN;
  const approved = () => throughChain(chain, [cast.secretariat, cast.chief]);

  it('validates the times, all problems together', () => {
    const item = approved();
    assert.deepEqual(refused(item, { type: 'schedule', publishAt: iso(minutes(0.5)), unpublishAt: null }, cast.publisher, chain).codes, ['publish_at_too_soon']);
    assert.deepEqual(refused(item, { type: 'schedule', publishAt: iso(minutes(120)), unpublishAt: iso(minutes(60)) }, cast.publisher, chain).codes, ['unpublish_before_publish']);
    assert.deepEqual(refused(item, { type: 'schedule', publishAt: null, unpublishAt: null }, cast.publisher, chain).codes, ['publish_at_required']);
    assert.deepEqual(refused(item, { type: 'schedule', publishAt: 'ngày mai', unpublishAt: 'x' }, cast.secretariat, chain).codes, ['no_permission', 'invalid_time', 'invalid_time']);
    assert.ok(ok(item, { type: 'schedule', publishAt: iso(minutes(1)), unpublishAt: null }, cast.publisher, chain), 'one minute ahead is enough');
  });

  it('publishes when due, unpublishes when due, and says when nothing is due', () => {
    const publishAt = minutes(60);
    const unpublishAt = minutes(60 * 24);
    const scheduled = ok(approved(), { type: 'schedule', publishAt: iso(publishAt), unpublishAt: iso(unpublishAt) }, cast.publisher, chain);
    assert.equal(scheduled.item.publication, 'scheduled');
    assert.equal(scheduled.item.reviewState, 'approved');
    assert.equal(scheduled.item.publishAt, iso(publishAt));
    assert.equal(scheduled.event.publishesWorkingRevision, false);

    const system = cast.otherContributor; // the scheduler acts with any identity
    assert.deepEqual(refused(scheduled.item, { type: 'run_schedule' }, system, chain, minutes(59)).codes, ['nothing_due']);
    const live = ok(scheduled.item, { type: 'run_schedule' }, system, chain, publishAt);
    assert.equal(live.item.publication, 'published');
    assert.equal(live.item.reviewState, 'draft');
    assert.equal(live.item.publishAt, null);
    assert.equal(live.item.unpublishAt, iso(unpublishAt));
    assert.equal(live.event.publishesWorkingRevision, true);

    assert.deepEqual(refused(live.item, { type: 'run_schedule' }, system, chain, minutes(60 * 23)).codes, ['nothing_due']);
    const off = ok(live.item, { type: 'run_schedule' }, system, chain, minutes(60 * 25));
    assert.equal(off.item.publication, 'unpublished');
    assert.equal(off.item.unpublishAt, null);
    assert.equal(off.event.publishesWorkingRevision, false);
  });

  it('a scheduler that missed both times publishes and unpublishes at once', () => {
    const scheduled = ok(approved(), { type: 'schedule', publishAt: iso(minutes(10)), unpublishAt: iso(minutes(20)) }, cast.publisher, chain).item;
    const d = ok(scheduled, { type: 'run_schedule' }, cast.publisher, chain, minutes(30));
    assert.equal(d.item.publication, 'unpublished');
    assert.equal(d.item.hasLiveVersion, true);
    assert.equal(d.event.publishesWorkingRevision, true);
  });

  it('a live item may schedule only its unpublication, or cancel it', () => {
    const item = liveItem();
    const p = refused(item, { type: 'schedule', publishAt: iso(minutes(60)), unpublishAt: null }, cast.publisher, chain);
    assert.deepEqual(p.codes, ['already_published']);
    assert.match(p.vi[0] ?? '', /chỉ hẹn giờ gỡ được/);
    const d = ok(item, { type: 'schedule', publishAt: null, unpublishAt: iso(minutes(90)) }, cast.publisher, chain);
    assert.equal(d.item.publication, 'published');
    assert.equal(d.item.unpublishAt, iso(minutes(90)));
    assert.equal(ok(d.item, { type: 'schedule', publishAt: null, unpublishAt: null }, cast.publisher, chain).item.unpublishAt, null);
    assert.deepEqual(refused(item, { type: 'schedule', publishAt: null, unpublishAt: null }, cast.publisher, chain).codes, ['nothing_to_schedule']);
  });

  it('cancelling a scheduled publication', () => {
    const scheduled = ok(approved(), { type: 'schedule', publishAt: iso(minutes(60)), unpublishAt: null }, cast.publisher, chain).item;
    const d = ok(scheduled, { type: 'schedule', publishAt: null, unpublishAt: null }, cast.publisher, chain);
    assert.equal(d.item.publication, 'unpublished');
    assert.equal(d.item.reviewState, 'approved');
    assert.equal(ok(d.item, { type: 'publish' }, cast.publisher, chain).item.publication, 'published');
  });

  it('unpublish needs the permission, a live item and a reason', () => {
    assert.deepEqual(refused(liveItem(), { type: 'unpublish', reason: 'Hết hạn' }, cast.secretariat, chain).codes, ['no_permission']);
    assert.deepEqual(refused(liveItem(), { type: 'unpublish', reason: ' ' }, cast.publisher, chain).codes, ['reason_required']);
    assert.equal(refused(draftItem(), { type: 'unpublish', reason: 'Hết thời hạn tuyển dụng' }, cast.publisher, chain).codes[0], 'invalid_state');
    const d = ok(liveItem({ unpublishAt: iso(minutes(100)) }), { type: 'unpublish', reason: 'Hết thời hạn tuyển dụng' }, cast.publisher, chain);
    assert.equal(d.item.publication, 'unpublished');
    assert.equal(d.item.unpublishAt, null);
    assert.equal(d.event.note, 'Hết thời hạn tuyển dụng');
  });
});

describe('take down', () => {
  const chain = DEFAULT_CHAIN;

  it('the secretariat takes a live item down with a reason code, and the head is told', () => {
    const d = ok(liveItem(), { type: 'take_down', reasonCode: 'violation', reason: 'Vi phạm Điều 3 Quy chế', publicNotice: true }, cast.secretariat, chain);
    assert.equal(d.item.publication, 'taken_down');
    assert.deepEqual(d.event.takeDown, { reasonCode: 'violation', publicNotice: true });
    assert.equal(d.event.note, 'Vi phạm Điều 3 Quy chế');
    assert.deepEqual(d.event.notify, [{ kind: 'user', userId: 1 }, { kind: 'role', role: 'editor_in_chief' }]);
    for (const reasonCode of ['published_in_error', 'replaced', 'withdrawn'] as const) {
      assert.equal(ok(liveItem(), { type: 'take_down', reasonCode, reason: 'Lý do cụ thể', publicNotice: false }, cast.deputy, chain).item.publication, 'taken_down');
    }
  });

  it('refuses a bad code, a short reason and a person without the permission, together', () => {
    const p = refused(liveItem(), { type: 'take_down', reasonCode: 'spam' as never, reason: 'ab', publicNotice: false }, cast.publisher, chain);
    assert.deepEqual(p.codes, ['no_permission', 'invalid_reason_code', 'reason_required']);
    assert.ok(p.vi.includes('Lý do gỡ bài phải có ít nhất 5 ký tự.'));
  });

  it('a scheduled item can be taken down and must be reviewed again; an unpublished one cannot', () => {
    const approved = throughChain(chain, [cast.secretariat, cast.chief]);
    const scheduled = ok(approved, { type: 'schedule', publishAt: iso(minutes(60)), unpublishAt: null }, cast.publisher, chain).item;
    const d = ok(scheduled, { type: 'take_down', reasonCode: 'published_in_error', reason: 'Nhầm bài', publicNotice: false }, cast.chief, chain);
    assert.equal(d.item.publication, 'taken_down');
    assert.equal(d.item.publishAt, null);
    assert.equal(d.item.reviewState, 'draft');
    assert.equal(refused(d.item, { type: 'publish' }, cast.publisher, chain).codes[0], 'not_approved');
    assert.equal(refused(draftItem(), { type: 'take_down', reasonCode: 'violation', reason: 'Vi phạm', publicNotice: false }, cast.secretariat, chain).codes[0], 'invalid_state');
  });

  it('a taken-down item returns after review', () => {
    const down = liveItem({ publication: 'taken_down', hasPendingChanges: true });
    const approved = throughChain(chain, [cast.secretariat, cast.chief], down);
    assert.equal(ok(approved, { type: 'publish' }, cast.publisher, chain).item.publication, 'published');
  });
});

describe('correct (đính chính)', () => {
  const chain = DEFAULT_CHAIN;

  it('publishing approved changes to a live item needs a correction, not a plain publish', () => {
    const approvedChanges = throughChain(chain, [cast.secretariat, cast.chief], liveItem({ hasPendingChanges: true }));
    const p = refused(approvedChanges, { type: 'publish' }, cast.publisher, chain);
    assert.deepEqual(p.codes, ['use_correct']);
    assert.match(p.vi[0] ?? '', /Hãy dùng «Đính chính»/);
    const d = ok(approvedChanges, { type: 'correct', note: 'Đính chính ngày tổ chức hội nghị: 12/3, không phải 13/3.' }, cast.publisher, chain);
    assert.equal(d.event.publishesWorkingRevision, true);
    assert.equal(d.item.hasPendingChanges, false);
    assert.equal(d.item.reviewState, 'draft');
    assert.equal(d.item.publication, 'published');
    assert.equal(d.event.note, 'Đính chính ngày tổ chức hội nghị: 12/3, không phải 13/3.');
  });

  it('changes still in review cannot be published by a correction', () => {
    const inReview = ok(liveItem({ hasPendingChanges: true }), { type: 'submit' }, cast.author, chain).item;
    assert.deepEqual(refused(inReview, { type: 'correct', note: 'Sửa số liệu' }, cast.publisher, chain).codes, ['changes_not_approved']);
  });

  it('without pending changes only the note is published', () => {
    const d = ok(liveItem(), { type: 'correct', note: 'Bổ sung nguồn: Báo Thanh Hóa' }, cast.publisher, chain);
    assert.equal(d.event.publishesWorkingRevision, false);
    assert.deepEqual(d.event.to, d.event.from);
    assert.deepEqual(refused(liveItem(), { type: 'correct', note: 'sửa' }, cast.publisher, chain).codes, ['reason_required']);
    assert.deepEqual(refused(draftItem(), { type: 'correct', note: 'Bổ sung nguồn' }, cast.publisher, chain).codes.slice(0, 1), ['invalid_state']);
  });
});

describe('urgent publication', () => {
  const chain = PRESET_CHAINS.nhuxuan;

  it('the editor-in-chief publishes at once; another person confirms afterwards', () => {
    const inReview = throughChainPartly(chain, [cast.unitHead]);
    const d = ok(inReview, { type: 'urgent_publish', reason: 'Thông báo khẩn về mưa lũ' }, cast.chief, chain);
    assert.equal(d.item.publication, 'published');
    assert.equal(d.item.reviewState, 'draft');
    assert.equal(d.item.urgentPendingApproval, true);
    assert.equal(d.item.urgentPublishedBy, 5);
    assert.equal(d.event.publishesWorkingRevision, true);
    assert.deepEqual(d.event.notify, [{ kind: 'role', role: 'editor_in_chief' }, { kind: 'role', role: 'deputy' }, { kind: 'user', userId: 1 }]);

    const self = refused(d.item, { type: 'confirm_urgent' }, cast.chief, chain);
    assert.deepEqual(self.codes, ['four_eyes']);
    assert.deepEqual(refused(d.item, { type: 'confirm_urgent' }, cast.secretariat, chain).codes, ['not_confirmer']);
    // The deputy, who is told, stands in for the head (003 Đ14.2, Đ15.3).
    assert.equal(ok(d.item, { type: 'confirm_urgent' }, cast.deputy, chain).item.urgentPendingApproval, false);
    const confirmed = ok(d.item, { type: 'confirm_urgent', note: 'Đã kiểm tra' }, cast.otherChief, chain);
    assert.equal(confirmed.item.urgentPendingApproval, false);
    assert.equal(confirmed.item.urgentPublishedBy, null);
    assert.deepEqual(confirmed.event.notify, [{ kind: 'user', userId: 5 }, { kind: 'user', userId: 1 }]);
    assert.deepEqual(refused(confirmed.item, { type: 'confirm_urgent' }, cast.otherChief, chain).codes, ['not_urgent']);
  });

  it('a delegate of the last step confirms on behalf of the head', () => {
    const urgent = ok(draftItem(), { type: 'urgent_publish', reason: 'Công điện khẩn' }, cast.otherChief, chain).item;
    assert.equal(ok(urgent, { type: 'confirm_urgent' }, cast.chiefDelegate, chain).onBehalfOfUserId, 5);
  });

  it('is refused for rejected items, without a reason, and without the permission', () => {
    const rejected = draftItem({ reviewState: 'rejected' });
    assert.deepEqual(refused(rejected, { type: 'urgent_publish', reason: 'Khẩn' }, cast.secretariat, chain).codes, ['invalid_state', 'no_permission', 'reason_required']);
    assert.deepEqual(refused(liveItem(), { type: 'urgent_publish', reason: 'Khẩn cấp' }, cast.chief, chain).codes, ['nothing_to_publish']);
  });

  it('with an empty chain the head and the deputies confirm', () => {
    const empty: ReviewChain = { steps: [], fourEyes: true, publishDeadline: null };
    const urgent = ok(draftItem(), { type: 'urgent_publish', reason: 'Công điện khẩn' }, cast.chief, empty).item;
    assert.deepEqual(refused(urgent, { type: 'confirm_urgent' }, cast.secretariat, empty).codes, ['not_confirmer']);
    assert.ok(ok(urgent, { type: 'confirm_urgent' }, cast.deputy, empty));
    assert.ok(ok(urgent, { type: 'confirm_urgent' }, cast.otherChief, empty));
  });

  it('the head’s own article: published urgently by her, confirmed only by someone else — never by her, whatever the chain', () => {
    const own = draftItem({ authorUserId: cast.chief.userId });
    const d = ok(own, { type: 'urgent_publish', reason: 'Thông báo khẩn của Trưởng ban' }, cast.chief, chain);
    assert.deepEqual(refused(d.item, { type: 'confirm_urgent' }, cast.chief, chain).codes, ['four_eyes']);
    const relaxed: ReviewChain = { ...chain, fourEyes: false };
    assert.deepEqual(refused(d.item, { type: 'confirm_urgent' }, cast.chief, relaxed).codes, ['four_eyes'], 'confirming oneself confirms nothing');
    // Four eyes also keeps the author out when someone else published it.
    const byOther = ok(draftItem({ authorUserId: cast.deputy.userId }), { type: 'urgent_publish', reason: 'Công điện khẩn' }, cast.chief, chain).item;
    assert.deepEqual(refused(byOther, { type: 'confirm_urgent' }, cast.deputy, chain).codes, ['four_eyes']);
    assert.ok(ok(byOther, { type: 'confirm_urgent' }, cast.otherChief, chain));
  });

  it('the people told are the people who can confirm: the deputy gets a working button', () => {
    const d = ok(draftItem(), { type: 'urgent_publish', reason: 'Công điện khẩn' }, cast.chief, chain);
    assert.ok(d.event.notify.some((r) => r.kind === 'role' && r.role === 'deputy'));
    assert.ok(availableActions(d.item, cast.deputy, chain, ctxAt()).includes('confirm_urgent'));
    assert.equal(availableActions(d.item, cast.chief, chain, ctxAt()).includes('confirm_urgent'), false);
  });

  it('is refused when nobody else could confirm it afterwards, and says what to do', () => {
    const aloneStaffing = staffingOf([cast.author, cast.unitHead, cast.secretariat, cast.chief, cast.publisher]);
    const p = refused(draftItem(), { type: 'urgent_publish', reason: 'Công điện khẩn' }, cast.chief, chain, NOW, aloneStaffing);
    assert.deepEqual(p.codes, ['no_confirmer']);
    assert.match(p.vi[0] ?? '', /Không còn ai khác xác nhận được bài sau khi đăng khẩn/);
    assert.equal(availableActions(draftItem(), cast.chief, chain, ctxAt(NOW, aloneStaffing)).includes('urgent_publish'), false);
    // A deputy, or a delegate of the head, is enough.
    assert.ok(ok(draftItem(), { type: 'urgent_publish', reason: 'Công điện khẩn' }, cast.chief, chain, NOW, staffingOf([cast.chief, cast.deputy])));
    assert.ok(ok(draftItem(), { type: 'urgent_publish', reason: 'Công điện khẩn' }, cast.chief, chain, NOW, staffingOf([cast.chief, cast.chiefDelegate])));
  });
});

describe('refusals', () => {
  it('collect every reason at once, in both languages', () => {
    const chain = DEFAULT_CHAIN;
    const submitted = ok(draftItem(), { type: 'submit' }, cast.author, chain).item;
    const p = refused(submitted, { type: 'return', to: 'author', reason: 'abc' }, cast.otherContributor, chain);
    assert.deepEqual(p.vi, ['Bạn không phải người xử lý bước hiện tại.', 'Lý do trả lại phải có ít nhất 5 ký tự.']);
    assert.deepEqual(p.en, ['You are not the person handling the current step.', 'The reason for returning must be at least 5 characters long.']);
  });

  it('count characters, not bytes, and ignore surrounding spaces', () => {
    const chain = DEFAULT_CHAIN;
    const submitted = ok(draftItem(), { type: 'submit' }, cast.author, chain).item;
    assert.ok(ok(submitted, { type: 'return', to: 'author', reason: ' Thiếu ' }, cast.secretariat, chain));
    assert.deepEqual(refused(submitted, { type: 'return', to: 'author', reason: '   Sửa   ' }, cast.secretariat, chain).codes, ['reason_required']);
  });

  it('an archived site refuses everything with one message, except the scheduler unpublishing', () => {
    const archived = (a: typeof cast.chief) => ({ ...a, grants: { ...a.grants, siteWritable: false } });
    const chain = DEFAULT_CHAIN;
    const p = refused(draftItem(), { type: 'submit' }, archived(cast.author), chain);
    assert.deepEqual(p.codes, ['site_read_only']);
    assert.deepEqual(refused(liveItem(), { type: 'take_down', reasonCode: 'violation', reason: 'x', publicNotice: false }, archived(cast.secretariat), chain).codes, ['site_read_only']);
    const ending = liveItem({ unpublishAt: iso(minutes(10)) });
    assert.equal(ok(ending, { type: 'run_schedule' }, archived(cast.publisher), chain, minutes(11)).item.publication, 'unpublished');
    const starting = draftItem({ reviewState: 'approved', publication: 'scheduled', publishAt: iso(minutes(10)) });
    assert.deepEqual(refused(starting, { type: 'run_schedule' }, archived(cast.publisher), chain, minutes(11)).codes, ['site_read_only']);
    assert.deepEqual(availableActions(ending, archived(cast.chief), chain, ctxAt(minutes(11))), ['run_schedule']);
  });

  it('an unknown action is refused, not thrown', () => {
    const d = decide(draftItem(), { type: 'explode' } as never, cast.chief, DEFAULT_CHAIN, ctxAt());
    assert.equal(d.ok, false);
  });
});

describe('deadlines on the working calendar', () => {
  it('a 2-working-hour step entered Friday 16:00 is due Monday 08:30', () => {
    // The calendar counts office hours 07:30–11:30, 13:30–17:00: Friday 16:00–17:00
    // is one hour, Monday 07:30–08:30 the second. (09:30 would be 3 hours.)
    const chain = PRESET_CHAINS.nhuxuan;
    const friday = vn('2026-03-13', '16:00');
    const atHead = ok(draftItem(), { type: 'submit' }, cast.author, chain, vn('2026-03-13', '15:00')).item;
    const atSecretariat = ok(atHead, { type: 'approve' }, cast.unitHead, chain, friday).item;
    assert.equal(atSecretariat.stepEnteredAt, iso(friday));
    assert.equal(atSecretariat.stepDueAt, iso(vn('2026-03-16', '08:30')));
    assert.equal(isOverdue(atSecretariat, vn('2026-03-16', '08:30')), false);
    assert.equal(isOverdue(atSecretariat, vn('2026-03-16', '08:31')), true);
  });

  it('thanhchuong: 3 calendar days from receipt, rolled past a weekend to Monday’s closing', () => {
    const chain = PRESET_CHAINS.thanhchuong;
    const thursday = vn('2026-03-12', '10:00');
    const atBoard = ok(ok(draftItem(), { type: 'submit' }, cast.author, chain, thursday).item, { type: 'approve' }, cast.member, chain, thursday).item;
    assert.equal(atBoard.stepDueAt, iso(vn('2026-03-16', '17:00')));
  });

  it('steps without a deadline are never overdue; a scheduled item is not late for publication', () => {
    const chain = DEFAULT_CHAIN;
    const submitted = ok(draftItem(), { type: 'submit' }, cast.author, chain).item;
    assert.equal(submitted.stepDueAt, null);
    assert.equal(isOverdue(submitted, vn('2030-01-01')), false);
    const withPublishDeadline: ReviewChain = { ...chain, publishDeadline: { amount: 1, unit: 'working_hours' } };
    const approved = throughChain(withPublishDeadline, [cast.secretariat, cast.chief]);
    assert.equal(isOverdue(approved, minutes(61)), true);
    const scheduled = ok(approved, { type: 'schedule', publishAt: iso(minutes(600)), unpublishAt: null }, cast.publisher, withPublishDeadline).item;
    assert.equal(isOverdue(scheduled, minutes(120)), false);
  });
});

describe('the input is never mutated', () => {
  it('frozen items and actors go through a whole life', () => {
    const chain = deepFreeze(structuredClone(PRESET_CHAINS.nhuxuan));
    const actors = Object.values(cast).map((a) => deepFreeze(structuredClone(a)));
    const byId = (id: number) => actors.find((a) => a.userId === id) ?? assert.fail(`no actor ${id}`);
    let item = deepFreeze(draftItem());
    const steps: [Parameters<typeof decide>[1], number][] = [
      [{ type: 'submit' }, 1],
      [{ type: 'approve' }, 2],
      [{ type: 'reassign', toUserId: 12, eligible: true }, 3],
      [{ type: 'approve' }, 12],
      [{ type: 'return', to: 'previous', reason: 'Kiểm tra lại số liệu' }, 4],
      [{ type: 'approve' }, 3],
      [{ type: 'approve' }, 4],
      [{ type: 'approve' }, 5],
      [{ type: 'schedule', publishAt: iso(minutes(30)), unpublishAt: null }, 6],
      [{ type: 'run_schedule' }, 6],
      [{ type: 'take_down', reasonCode: 'replaced', reason: 'Đã có bài thay thế', publicNotice: true }, 3],
    ];
    for (const [action, id] of steps) {
      const before = structuredClone(item);
      const now = action.type === 'run_schedule' ? minutes(31) : NOW;
      const d = decide(item, action, byId(id), chain, ctxAt(now));
      if (!d.ok) assert.fail(`${action.type}: ${d.problems.map((p) => p.en).join(' | ')}`);
      assert.deepEqual(item, before);
      assert.notEqual(d.item.approvals, item.approvals, 'no shared arrays');
      item = deepFreeze(d.item);
    }
    assert.equal(item.publication, 'taken_down');
  });
});
