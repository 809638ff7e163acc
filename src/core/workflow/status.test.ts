import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { defaultRoleName, type RoleNamer } from './chain.ts';
import { PRESET_CHAINS } from './preset-chains.ts';
import { approvalLeadsTo, itemStatus } from './status.ts';
import { cast, draftItem, liveItem, ok, throughChain, vn } from './test-fixtures.ts';

const chain = PRESET_CHAINS.nhuxuan;
const line = (input: Parameters<typeof itemStatus>[0], name: RoleNamer = defaultRoleName, lang: 'vi' | 'en' = 'vi', now: Date | null = null) => itemStatus(input, name, lang, now);
/** A site that calls its board a "Tổ biên tập". */
const toBienTap: RoleNamer = (role, lang) => (lang === 'vi' ? ({ deputy: 'Tổ phó', editor_in_chief: 'Tổ trưởng', publisher: 'Quản trị trang' } as Record<string, string>)[role] ?? defaultRoleName(role, lang) : defaultRoleName(role, lang));

describe('itemStatus: one line per item, in the board’s words', () => {
  it('a fresh draft, and one a published article whose live revision is current', () => {
    assert.equal(line({ item: draftItem(), chain }).text, 'Đang soạn');
    assert.equal(line({ item: draftItem(), chain }).next, 'tác giả hoàn thiện và gửi duyệt');
    assert.equal(line({ item: liveItem(), chain }).text, 'Đã đăng');
    assert.equal(line({ item: liveItem(), chain }, defaultRoleName, 'en').text, 'Published');
    assert.equal(line({ item: liveItem({ hasPendingChanges: true }), chain }).text, 'Đã đăng; có thay đổi chưa gửi duyệt');
  });

  it('in review: the step as n of the chain’s steps, who takes it in the site’s words, and the due time in Vietnam time', () => {
    const submitted = ok(draftItem(), { type: 'submit' }, cast.author, chain, vn('2026-12-09', '14:00')).item;
    const atDeputy = ok(ok(submitted, { type: 'approve' }, cast.unitHead, chain, vn('2026-12-09', '14:00')).item, { type: 'approve' }, cast.secretariat, chain, vn('2026-12-09', '16:00')).item;
    assert.equal(atDeputy.stepDueAt, vn('2026-12-09', '17:00').toISOString());
    assert.equal(line({ item: atDeputy, chain }).text, 'Chờ duyệt — bước 3/4: Phó Trưởng Ban biên tập, hạn 09/12 17:00');
    assert.equal(line({ item: atDeputy, chain }, toBienTap).text, 'Chờ duyệt — bước 3/4: Tổ phó, hạn 09/12 17:00');
    assert.equal(line({ item: atDeputy, chain }, toBienTap).next, 'Tổ phó xử lý bước 3/4');
    assert.equal(line({ item: atDeputy, chain }, defaultRoleName, 'en').text, 'In review — step 3/4: Deputy editor-in-chief, due 09/12 17:00');
    assert.equal(line({ item: submitted, chain }).text, 'Chờ duyệt — bước 1/4: Lãnh đạo đơn vị, hạn 09/12 15:00');
    assert.equal(line({ item: atDeputy, chain, assigneeName: 'Lê Thị Hoa' }).text, 'Chờ duyệt — bước 3/4: Lê Thị Hoa, hạn 09/12 17:00');
    assert.equal(line({ item: atDeputy, chain }, defaultRoleName, 'vi', vn('2026-12-09', '17:01')).overdue, true);
    assert.equal(line({ item: atDeputy, chain }, defaultRoleName, 'vi', vn('2026-12-09', '16:59')).overdue, false);
  });

  it('returned or rejected with the reason; approved waiting for publication; scheduled', () => {
    assert.equal(line({ item: draftItem({ reviewState: 'returned' }), chain, reason: 'Bổ sung ảnh hiện trường.' }).text, 'Bị trả lại: Bổ sung ảnh hiện trường.');
    assert.equal(line({ item: draftItem({ reviewState: 'rejected' }), chain, reason: 'Trùng tin đã đăng.' }, defaultRoleName, 'en').text, 'Rejected: Trùng tin đã đăng.');
    const approved = throughChain(chain, [cast.unitHead, cast.secretariat, cast.deputy, cast.chief]);
    assert.equal(line({ item: approved, chain }).text, 'Đã duyệt, chờ đăng — hạn 10/03 10:00');
    assert.equal(line({ item: { ...approved, stepDueAt: null }, chain }).text, 'Đã duyệt, chờ đăng');
    assert.equal(line({ item: approved, chain }, toBienTap).next, 'Quản trị trang đăng bài');
    assert.equal(line({ item: { ...approved, publication: 'scheduled', publishAt: vn('2026-03-11', '07:30').toISOString() }, chain }).text, 'Đã duyệt, hẹn đăng lúc 11/03 07:30');
  });

  it('a published article’s next version is named as such, never as a draft', () => {
    const inReview = ok(liveItem({ hasPendingChanges: true }), { type: 'submit' }, cast.author, chain).item;
    assert.match(line({ item: inReview, chain }).text, /^Đã đăng; bản sửa đổi chờ duyệt — bước 1\/4: Lãnh đạo đơn vị, hạn /);
    assert.equal(line({ item: liveItem({ reviewState: 'returned', hasPendingChanges: true }), chain, reason: 'Sai số liệu.' }).text, 'Đã đăng; bản sửa đổi bị trả lại: Sai số liệu.');
    assert.equal(line({ item: liveItem({ reviewState: 'approved', hasPendingChanges: true }), chain }).text, 'Đã đăng; bản sửa đổi đã duyệt, chờ đăng đính chính');
  });

  it('taken down, unpublished, urgent publication awaiting confirmation', () => {
    assert.equal(line({ item: draftItem({ publication: 'taken_down', hasLiveVersion: true }), chain }).text, 'Đã gỡ xuống');
    assert.equal(line({ item: draftItem({ hasLiveVersion: true }), chain }).text, 'Đã thôi đăng');
    const urgent = line({ item: liveItem({ urgentPendingApproval: true }), chain }, toBienTap);
    assert.equal(urgent.text, 'Đã đăng khẩn, chờ xác nhận');
    assert.equal(urgent.next, 'người duyệt bước cuối, Tổ trưởng hoặc Tổ phó xác nhận');
  });
});

describe('approvalLeadsTo', () => {
  it('names the next step’s people, or the publisher after the last step', () => {
    const submitted = ok(draftItem(), { type: 'submit' }, cast.author, chain).item;
    assert.equal(approvalLeadsTo(submitted, chain, toBienTap, 'vi'), 'Thường trực Ban biên tập xử lý bước 2/4');
    assert.equal(approvalLeadsTo({ ...submitted, stepIndex: 3 }, chain, toBienTap, 'vi'), 'Quản trị trang đăng bài');
    assert.equal(approvalLeadsTo({ ...submitted, stepIndex: 3, publication: 'published' }, chain, toBienTap, 'en'), 'Publisher publishes the correction');
    assert.equal(approvalLeadsTo(draftItem(), chain, toBienTap, 'vi'), null);
  });
});
