// The review chains of the five seed regulations, from presets/<key>.json
// `reviewChain`, hard-coded so that nothing is read at run time. Preset actors
// map to roles: secretariat, deputy, editorInChief → editor_in_chief,
// boardMember → board_member, unitHead → the head of the item's providing unit;
// the preset's final 'publisher' entry is publication, which is not a step
// (it needs 'content.publish').
import type { DeadlineValue } from '../rule-catalogue.ts';
import { freezeChain, type ChainStep, type ReviewChain } from './chain.ts';

export type PresetKey = 'konray' | 'thanhchuong' | 'vpubnd-kontum' | 'nhuxuan' | 'sxd-kontum';

const hours = (amount: number): DeadlineValue => ({ amount, unit: 'working_hours' });
const days = (amount: number): DeadlineValue => ({ amount, unit: 'calendar_days' });

// Types each step where it is written, so a typo in an actor or kind is caught on that line.
const step = (s: ChainStep): ChainStep => s;

export const PRESET_CHAINS: Readonly<Record<PresetKey, ReviewChain>> = freezeChain({
  // 000 Kon Rẫy, Đ8. The editor-in-chief decides only when the secretariat
  // cannot settle an item ("khi được trình", Đ8.2): that is a referral, made
  // with the reassign action, so it is not a step of the chain. The
  // secretariat check (Đ8.2) is written for articles (tác phẩm, bài viết), but a
  // chain is per site, not per kind of content, so every item gets it: the
  // stricter reading. The regulation sets no deadlines.
  konray: {
    steps: [
      step({
        key: 'board_member_edit',
        name: 'Thành viên Ban biên tập được phân công biên tập thông tin',
        nameEn: 'Assigned board member edits the information',
        actor: { kind: 'role', role: 'board_member' },
        kind: 'edit',
        deadline: null,
      }),
      step({
        key: 'secretariat_verify',
        name: 'Thường trực Ban biên tập kiểm tra trước khi đăng',
        nameEn: 'Board secretariat checks before publication',
        actor: { kind: 'role', role: 'secretariat' },
        kind: 'verify',
        deadline: null,
      }),
    ],
    fourEyes: true,
    publishDeadline: null,
  },

  // 001 Thanh Chương, Đ7.1, Đ8.1, Đ12.2. Members and collaborators send and
  // update items; the board approves "chậm nhất 3 ngày kể từ ngày nhận"
  // (Đ8.1), counted from the board's receipt of the item (the date the
  // document arrived or the e-mail was received), not from its arrival at the
  // approval step: the step is due by deadline.board_approval from receipt
  // (3 days here when the site has no rule). The board's approval is given by
  // its head (or a delegate): the regulation names no member.
  thanhchuong: {
    steps: [
      step({
        key: 'board_member_edit',
        name: 'Thành viên Ban biên tập cập nhật, biên tập tin, bài',
        nameEn: 'Board member updates and edits the item',
        actor: { kind: 'role', role: 'board_member' },
        kind: 'edit',
        deadline: null,
      }),
      step({
        key: 'editor_in_chief_approve',
        name: 'Ban biên tập kiểm duyệt, phê duyệt tin, bài',
        nameEn: 'Editorial board approves the item',
        actor: { kind: 'role', role: 'editor_in_chief' },
        kind: 'approve',
        deadline: days(3),
        deadlineFrom: 'receipt',
      }),
    ],
    fourEyes: true,
    publishDeadline: null,
  },

  // 002 Kon Tum provincial People's Committee Office, Đ8, Đ11. Heads of
  // divisions answer for what their staff provide (Đ11.2), the editorial team
  // edits and posts (Đ8.2–8.3); no separate approval step is named. The
  // deadlines of Đ11.1 are for providing information, before submission, so
  // the steps have none.
  'vpubnd-kontum': {
    steps: [
      step({
        key: 'unit_head_verify',
        name: 'Trưởng, phó phòng, đơn vị chịu trách nhiệm nội dung cung cấp',
        nameEn: 'Head of the division vouches for the content',
        actor: { kind: 'unit_head' },
        kind: 'verify',
        deadline: null,
      }),
      step({
        key: 'board_member_edit',
        name: 'Tổ biên tập tiếp nhận, biên tập, xử lý thông tin',
        nameEn: 'Editorial team receives and edits the information',
        actor: { kind: 'role', role: 'board_member' },
        kind: 'edit',
        deadline: null,
      }),
    ],
    fourEyes: true,
    publishDeadline: null,
  },

  // 003 Như Xuân, Đ10.1a (unit head first), Đ15 (three steps, then the
  // technical officer publishes). News must be on the site within 8 working
  // hours of the event (Đ10.2a); the chain is given that budget less the
  // time to write: unit head 1 h, secretariat (compiling, editing: the
  // longest work) 2 h, deputy 1 h, editor-in-chief 1 h, publication 1 h = 6 h,
  // leaving 2 h for the provider to write and submit. Documents (2 working
  // days) and major events (3 days) have longer budgets, so these are tight
  // for them but never too loose for news.
  nhuxuan: {
    steps: [
      step({
        key: 'unit_head_approve',
        name: 'Lãnh đạo đơn vị duyệt nội dung do đơn vị cung cấp',
        nameEn: 'Head of the providing unit approves',
        actor: { kind: 'unit_head' },
        kind: 'approve',
        deadline: hours(1),
      }),
      step({
        key: 'secretariat_edit',
        name: 'Tổng hợp và biên tập thông tin',
        nameEn: 'Compile and edit the information',
        actor: { kind: 'role', role: 'secretariat' },
        kind: 'edit',
        deadline: hours(2),
      }),
      step({
        key: 'deputy_verify',
        name: 'Xác thực thông tin',
        nameEn: 'Verify the information',
        actor: { kind: 'role', role: 'deputy' },
        kind: 'verify',
        deadline: hours(1),
      }),
      step({
        key: 'editor_in_chief_approve',
        name: 'Kiểm tra lần cuối trước khi đăng tải',
        nameEn: 'Final check before publication',
        actor: { kind: 'role', role: 'editor_in_chief' },
        kind: 'approve',
        deadline: hours(1),
      }),
    ],
    fourEyes: true,
    publishDeadline: hours(1),
  },

  // 004 Kon Tum Department of Construction, Đ8.5, Đ12. The unit head approves
  // and proof-reads, the member edits and sends, the head of the team
  // approves; then the deputy "kiểm tra và xuất bản" (Đ12.2). That last act is
  // publication: on this site the deputy must also hold the publisher role
  // (content.publish). Đ9 sets provision deadlines ("ngay", daily), not review
  // times, so the steps have none.
  'sxd-kontum': {
    steps: [
      step({
        key: 'unit_head_approve',
        name: 'Trưởng đơn vị duyệt tin, chỉnh sửa chính tả',
        nameEn: 'Unit head approves and proof-reads',
        actor: { kind: 'unit_head' },
        kind: 'approve',
        deadline: null,
      }),
      step({
        key: 'board_member_edit',
        name: 'Ủy viên Tổ biên tập biên tập và gửi tin của đơn vị',
        nameEn: 'Team member edits and forwards the unit’s item',
        actor: { kind: 'role', role: 'board_member' },
        kind: 'edit',
        deadline: null,
      }),
      step({
        key: 'editor_in_chief_approve',
        name: 'Tổ trưởng Tổ biên tập duyệt',
        nameEn: 'Head of the editorial team approves',
        actor: { kind: 'role', role: 'editor_in_chief' },
        kind: 'approve',
        deadline: null,
      }),
    ],
    fourEyes: true,
    publishDeadline: null,
  },
});
