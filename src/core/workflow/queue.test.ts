import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CHAIN } from './chain.ts';
import { PRESET_CHAINS } from './preset-chains.ts';
import { queueReason } from './queue.ts';
import { cast, draftItem, liveItem, ok, person, throughChain } from './test-fixtures.ts';

describe('queueReason', () => {
  it('an item in review waits for the current step’s people, with the step’s name and due time', () => {
    const chain = PRESET_CHAINS.nhuxuan;
    const item = ok(draftItem(), { type: 'submit' }, cast.author, chain).item;
    assert.deepEqual(queueReason(item, cast.unitHead, chain), {
      kind: 'review',
      stepName: 'Lãnh đạo đơn vị duyệt nội dung do đơn vị cung cấp',
      stepNameEn: 'Head of the providing unit approves',
      dueAt: item.stepDueAt,
      onBehalfOfUserId: null,
    });
    assert.notEqual(item.stepDueAt, null);
    assert.equal(queueReason(item, cast.secretariat, chain), null);
    assert.equal(queueReason(item, cast.author, chain), null);
    assert.equal(queueReason(item, cast.publisher, chain), null);
  });

  it('lists work that reaches a person by delegation, saying for whom', () => {
    const nhuxuan = PRESET_CHAINS.nhuxuan;
    const atHead = ok(draftItem(), { type: 'submit' }, cast.author, nhuxuan).item;
    assert.equal(queueReason(atHead, cast.unitHeadDelegate, nhuxuan)?.onBehalfOfUserId, 2);

    const chain = DEFAULT_CHAIN;
    const atChief = ok(ok(draftItem(), { type: 'submit' }, cast.author, chain).item, { type: 'approve' }, cast.secretariat, chain).item;
    assert.deepEqual(queueReason(atChief, cast.chiefDelegate, chain), { kind: 'review', stepName: 'Trưởng Ban biên tập duyệt', stepNameEn: 'Editor-in-chief approves', dueAt: null, onBehalfOfUserId: 5 });
  });

  it('does not list an item for its author where four eyes keeps them from approving', () => {
    const chain = DEFAULT_CHAIN;
    const chiefAuthor = person(20, ['editor_in_chief']);
    const item = ok(ok(draftItem({ authorUserId: 20 }), { type: 'submit' }, chiefAuthor, chain).item, { type: 'approve' }, cast.secretariat, chain).item;
    assert.equal(queueReason(item, chiefAuthor, chain), null);
    assert.equal(queueReason(item, cast.chief, chain)?.kind, 'review');
  });

  it('an assigned item waits for the assignee alone', () => {
    const chain = PRESET_CHAINS.konray;
    const atSecretariat = ok(ok(draftItem(), { type: 'submit' }, cast.author, chain).item, { type: 'approve' }, cast.member, chain).item;
    assert.equal(queueReason(atSecretariat, cast.secretariat, chain)?.kind, 'review');
    const referred = ok(atSecretariat, { type: 'reassign', toUserId: 5, eligible: true }, cast.secretariat, chain).item;
    assert.deepEqual(queueReason(referred, cast.chief, chain), {
      kind: 'assigned',
      stepName: 'Thường trực Ban biên tập kiểm tra trước khi đăng',
      stepNameEn: 'Board secretariat checks before publication',
      dueAt: null,
      onBehalfOfUserId: null,
    });
    assert.equal(queueReason(referred, cast.secretariat, chain), null);
  });

  it('an approved item waits for publishers (not the author), until it is scheduled', () => {
    const chain = { ...DEFAULT_CHAIN, publishDeadline: { amount: 4, unit: 'working_hours' as const } };
    const approved = throughChain(chain, [cast.secretariat, cast.chief]);
    assert.deepEqual(queueReason(approved, cast.publisher, chain), { kind: 'publish', stepName: 'Xuất bản', stepNameEn: 'Publish', dueAt: approved.stepDueAt, onBehalfOfUserId: null });
    assert.notEqual(approved.stepDueAt, null);
    assert.equal(queueReason(approved, cast.chief, chain), null);
    const publisherAuthor = person(1, ['contributor', 'publisher']);
    assert.equal(queueReason(approved, publisherAuthor, chain), null);
    const scheduled = { ...approved, publication: 'scheduled' as const, publishAt: '2030-01-01T00:00:00.000Z' };
    assert.equal(queueReason(scheduled, cast.publisher, chain), null);
  });

  it('approved changes to a live item wait for a correction', () => {
    const chain = DEFAULT_CHAIN;
    const approved = throughChain(chain, [cast.secretariat, cast.chief], liveItem({ hasPendingChanges: true }));
    const reason = queueReason(approved, cast.publisher, chain);
    assert.equal(reason?.kind, 'publish');
    assert.equal(reason?.stepName, 'Xuất bản bản sửa đổi kèm đính chính');
  });

  it('a returned item waits for its author to revise', () => {
    const chain = DEFAULT_CHAIN;
    const submitted = ok(draftItem(), { type: 'submit' }, cast.author, chain).item;
    const returned = ok(submitted, { type: 'return', to: 'author', reason: 'Bổ sung ảnh minh họa' }, cast.secretariat, chain).item;
    assert.equal(queueReason(returned, cast.author, chain)?.kind, 'revise');
    assert.equal(queueReason(returned, cast.otherContributor, chain), null);
    const rejected = ok(submitted, { type: 'reject', reason: 'Không thuộc phạm vi' }, cast.secretariat, chain).item;
    assert.equal(queueReason(rejected, cast.author, chain), null);
  });

  it('an urgent publication waits for someone other than who published it', () => {
    const chain = PRESET_CHAINS.nhuxuan;
    const urgent = ok(draftItem(), { type: 'urgent_publish', reason: 'Thông báo khẩn' }, cast.chief, chain).item;
    assert.equal(queueReason(urgent, cast.otherChief, chain)?.kind, 'confirm_urgent');
    assert.equal(queueReason(urgent, cast.chiefDelegate, chain)?.onBehalfOfUserId, 5);
    assert.equal(queueReason(urgent, cast.chief, chain), null);
    assert.equal(queueReason(urgent, cast.deputy, chain)?.kind, 'confirm_urgent', 'the deputy stands in for the head');
    assert.equal(queueReason(urgent, cast.secretariat, chain), null);
  });

  it('nothing waits on an archived site', () => {
    const chain = DEFAULT_CHAIN;
    const submitted = ok(draftItem(), { type: 'submit' }, cast.author, chain).item;
    const archived = { ...cast.secretariat, grants: { ...cast.secretariat.grants, siteWritable: false } };
    assert.equal(queueReason(submitted, archived, chain), null);
  });
});
