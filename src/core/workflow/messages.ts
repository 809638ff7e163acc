// The reasons an action cannot proceed, in Vietnamese and English, each
// telling the person what to do next. Codes are stable (the API returns them).
import type { Problem } from '../errors.ts';
import type { Permission } from '../permissions.ts';
import type { RoleNamer } from './chain.ts';

export type ReviewState = 'draft' | 'in_review' | 'approved' | 'returned' | 'rejected' | 'withdrawn';
export type PublicationState = 'unpublished' | 'scheduled' | 'published' | 'taken_down';

export const REVIEW_STATE_NAMES: Record<ReviewState, { vi: string; en: string }> = {
  draft: { vi: 'Đang soạn', en: 'Draft' },
  in_review: { vi: 'Đang chờ duyệt', en: 'In review' },
  approved: { vi: 'Đã duyệt', en: 'Approved' },
  returned: { vi: 'Bị trả lại', en: 'Returned' },
  rejected: { vi: 'Bị từ chối', en: 'Rejected' },
  withdrawn: { vi: 'Đã rút lại', en: 'Withdrawn' },
};

export const PUBLICATION_STATE_NAMES: Record<PublicationState, { vi: string; en: string }> = {
  unpublished: { vi: 'Chưa đăng', en: 'Not published' },
  scheduled: { vi: 'Hẹn giờ đăng', en: 'Scheduled' },
  published: { vi: 'Đang đăng', en: 'Published' },
  taken_down: { vi: 'Đã gỡ', en: 'Taken down' },
};

/** What a permission lets one do, as a phrase after "quyền" / "permission to". */
const PERMISSION_PHRASES: Partial<Record<Permission, { vi: string; en: string }>> = {
  'content.submit': { vi: 'gửi duyệt tin, bài', en: 'submit content' },
  'content.review': { vi: 'duyệt tin, bài', en: 'review content' },
  'content.publish': { vi: 'xuất bản tin, bài', en: 'publish content' },
  'content.unpublish': { vi: 'ngừng đăng tin, bài', en: 'unpublish content' },
  'content.takedown': { vi: 'gỡ tin, bài', en: 'take content down' },
  'content.urgent_publish': { vi: 'đăng khẩn tin, bài', en: 'publish urgently' },
};

const p = (code: string, vi: string, en: string, field?: string): Problem => (field ? { code, field, vi, en } : { code, vi, en });

export const M = {
  siteReadOnly: () =>
    p('site_read_only', 'Trang này đã lưu trữ hoặc sáp nhập nên chỉ còn xem được; không thể thay đổi tin, bài.', 'This site is archived or merged and is read-only; content cannot be changed.'),

  noPermission: (permission: Permission) => {
    const phrase = PERMISSION_PHRASES[permission] ?? { vi: permission, en: permission };
    return p('no_permission', `Bạn không có quyền ${phrase.vi}. Hãy đề nghị người quản trị phân quyền nếu đây là việc của bạn.`, `You do not have permission to ${phrase.en}. Ask the site administrator if this is your task.`);
  },
  notAuthorOrSubmitter: () =>
    p('no_permission', 'Chỉ tác giả hoặc người có quyền gửi duyệt mới gửi được bài này.', 'Only the author or someone allowed to submit content can submit this item.'),
  notAuthor: () => p('not_author', 'Chỉ tác giả mới rút lại được bài.', 'Only the author can withdraw the item.'),
  notStepActor: () => p('not_step_actor', 'Bạn không phải người xử lý bước hiện tại.', 'You are not the person handling the current step.'),
  notStepActorNorHead: (name: RoleNamer) =>
    p('not_step_actor', `Bạn không phải người xử lý bước hiện tại, cũng không có quyền điều phối bài (${name('editor_in_chief', 'vi')}).`, `You are neither handling the current step nor allowed to direct items (${name('editor_in_chief', 'en')}).`),
  notConfirmer: (name: RoleNamer) =>
    p(
      'not_confirmer',
      `Chỉ người duyệt bước cuối của quy trình, ${name('editor_in_chief', 'vi')} hoặc ${name('deputy', 'vi')} (hoặc người được ủy quyền) mới xác nhận được bài đăng khẩn.`,
      `Only the approver of the last step, the ${name('editor_in_chief', 'en')} or the ${name('deputy', 'en')} (or their delegate) can confirm an urgent publication.`,
    ),
  noConfirmer: (name: RoleNamer) =>
    p(
      'no_confirmer',
      `Không còn ai khác xác nhận được bài sau khi đăng khẩn (người duyệt bước cuối, ${name('editor_in_chief', 'vi')} hoặc ${name('deputy', 'vi')}, hoặc người được ủy quyền). Hãy ủy quyền cho một người trước khi đăng khẩn, hoặc đưa bài qua quy trình duyệt.`,
      `Nobody else could confirm the item after an urgent publication (the last step’s approver, the ${name('editor_in_chief', 'en')}, the ${name('deputy', 'en')}, or a delegate). Delegate to someone before publishing urgently, or send the item through the review chain.`,
    ),

  fourEyesApprove: () =>
    p('four_eyes', 'Bạn là tác giả nên không tự duyệt được bài của mình; bài cần người khác duyệt.', 'You wrote this item, so you cannot approve it; someone else must.'),
  fourEyesPublish: () =>
    p('four_eyes', 'Bạn là tác giả nên không tự xuất bản được bài của mình; hãy để người khác xuất bản.', 'You wrote this item, so you cannot publish it; someone else must.'),
  fourEyesConfirm: () =>
    p('four_eyes', 'Bạn là người đã đăng khẩn bài này nên không tự xác nhận được; cần người khác xác nhận.', 'You published this item urgently, so you cannot confirm it; someone else must.'),

  wrongState: (what: { vi: string; en: string }, review: ReviewState, publication: PublicationState) =>
    p(
      'invalid_state',
      `${what.vi} Bài đang ở trạng thái «${REVIEW_STATE_NAMES[review].vi}», «${PUBLICATION_STATE_NAMES[publication].vi}».`,
      `${what.en} The item is “${REVIEW_STATE_NAMES[review].en}”, “${PUBLICATION_STATE_NAMES[publication].en}”.`,
    ),
  nothingToSubmit: () =>
    p('nothing_to_submit', 'Bài đang đăng không có thay đổi nào để gửi duyệt; hãy sửa bài trước.', 'The published item has no changes to submit; edit it first.'),
  unitRequired: (name: RoleNamer) =>
    p('unit_required', `Hãy chọn «Đơn vị cung cấp» trước khi gửi duyệt: quy trình có bước do ${name('unit_head', 'vi')} của đơn vị đó duyệt.`, `Choose the “Providing unit” before submitting: a step of the chain is approved by that unit’s ${name('unit_head', 'en')}.`, 'unitId'),
  stepUnstaffed: (at: { vi: string; en: string }, missing: { vi: string; en: string }, standIn: { vi: string; en: string } | null, unitStep: boolean) =>
    p(
      'step_unstaffed',
      `${at.vi}: ${missing.vi}${standIn ? `, và cũng chưa có ai giữ vai trò ${standIn.vi} để xử lý thay` : ''}, nên nếu gửi duyệt sẽ không ai xử lý được. Hãy phân vai trò (hoặc ủy quyền) cho người phụ trách${unitStep ? ', chọn đơn vị cung cấp tin khác' : ''}, hoặc đặt người xử lý thay cho bước này trong quy trình duyệt.`,
      `${at.en}: ${missing.en}${standIn ? `, and nobody holds the stand-in role ${standIn.en} either` : ''}, so once submitted nobody could act on it. Give the role (or a delegation) to someone${unitStep ? ', choose another providing unit' : ''}, or name a stand-in for this step in the review chain.`,
      unitStep ? 'unitId' : undefined,
    ),
  withdrawAfterReview: () =>
    p('review_started', 'Chỉ rút lại được bài khi chưa ai duyệt (bài còn ở bước đầu tiên); hãy đề nghị người đang xử lý trả lại bài.', 'An item can be withdrawn only before review starts (first step, no approvals); ask the reviewer to return it.'),
  brokenStep: (name: RoleNamer) =>
    p('invalid_step', `Bước hiện tại của bài không còn trong quy trình duyệt; hãy đề nghị ${name('editor_in_chief', 'vi')} trả bài về cho tác giả.`, `The item’s current step is no longer in the review chain; ask the ${name('editor_in_chief', 'en')} to return it to the author.`),
  useCorrect: () =>
    p('use_correct', 'Bài đang đăng: thay đổi nội dung đã đăng phải kèm đính chính. Hãy dùng «Đính chính» và ghi nội dung đính chính.', 'The item is live: changes to published content need a correction. Use “Correct” and write the correction note.'),
  alreadyPublished: () =>
    p('already_published', 'Bài đã được đăng và không có thay đổi nào cần xuất bản.', 'The item is already published and has no changes to publish.'),
  notApproved: () =>
    p('not_approved', 'Bài chưa được duyệt xong; chỉ xuất bản được bài đã qua đủ các bước duyệt.', 'The item has not completed review; only approved items can be published.'),
  changesNotApproved: () =>
    p('changes_not_approved', 'Bản sửa đổi chưa được duyệt: hãy gửi duyệt và chờ duyệt xong rồi mới đính chính.', 'The changes are not approved yet: submit them and wait for approval before correcting.'),
  nothingUrgent: () =>
    p('nothing_to_publish', 'Bài đã đăng và không có thay đổi nào để đăng khẩn.', 'The item is already live with no changes to publish urgently.'),
  notUrgent: () => p('not_urgent', 'Bài này không có lần đăng khẩn nào chờ xác nhận.', 'This item has no urgent publication awaiting confirmation.'),
  nothingDue: () => p('nothing_due', 'Chưa đến giờ đăng hoặc gỡ theo lịch hẹn của bài này.', 'Nothing is due in this item’s schedule yet.'),

  reasonTooShort: (what: { vi: string; en: string }, field: string) =>
    p('reason_required', `${what.vi} phải có ít nhất 5 ký tự.`, `${what.en} must be at least 5 characters long.`, field),
  invalidReturnTarget: () =>
    p('invalid_return_target', 'Hãy chọn trả bài về cho tác giả hoặc về bước trước.', 'Choose whether to return the item to the author or to the previous step.', 'to'),
  reassignIneligible: () =>
    p('reassign_ineligible', 'Người được chọn không xử lý được bước này; hãy chọn người có quyền duyệt tin, bài.', 'The chosen person cannot handle this step; choose someone allowed to review content.', 'toUserId'),
  reassignSame: () => p('reassign_same', 'Bài đã được giao cho người này.', 'The item is already assigned to this person.', 'toUserId'),
  invalidUser: () => p('invalid_user', 'Hãy chọn người nhận bài.', 'Choose who receives the item.', 'toUserId'),
  invalidTakeDownCode: () =>
    p('invalid_reason_code', 'Hãy chọn lý do gỡ: đăng nhầm, đã thay thế, thu hồi hoặc vi phạm.', 'Choose why the item is taken down: published in error, replaced, withdrawn or violation.', 'reasonCode'),
  invalidPublicNotice: () =>
    p('invalid_public_notice', 'Hãy chọn có đăng thông báo gỡ bài cho bạn đọc hay không.', 'Choose whether to show readers a notice that the item was taken down.', 'publicNotice'),

  invalidTime: (field: 'publishAt' | 'unpublishAt') =>
    p('invalid_time', field === 'publishAt' ? 'Thời điểm đăng không hợp lệ.' : 'Thời điểm gỡ không hợp lệ.', field === 'publishAt' ? 'The publication time is invalid.' : 'The unpublication time is invalid.', field),
  publishAtRequired: () => p('publish_at_required', 'Hãy chọn thời điểm đăng.', 'Choose when to publish.', 'publishAt'),
  publishAtTooSoon: () =>
    p('publish_at_too_soon', 'Thời điểm đăng phải sau thời điểm hiện tại ít nhất 1 phút; để đăng ngay, hãy dùng «Xuất bản».', 'The publication time must be at least 1 minute from now; to publish now, use “Publish”.', 'publishAt'),
  unpublishBeforePublish: () =>
    p('unpublish_before_publish', 'Thời điểm gỡ phải sau thời điểm đăng.', 'The unpublication time must be after the publication time.', 'unpublishAt'),
  unpublishTooSoon: () =>
    p('unpublish_at_too_soon', 'Thời điểm gỡ phải sau thời điểm hiện tại ít nhất 1 phút; để gỡ ngay, hãy dùng «Ngừng đăng».', 'The unpublication time must be at least 1 minute from now; to unpublish now, use “Unpublish”.', 'unpublishAt'),
  publishedOnlyUnpublication: () =>
    p('already_published', 'Bài đang đăng: chỉ hẹn giờ gỡ được. Để đăng bản sửa đổi, hãy dùng «Đính chính».', 'The item is live: only an unpublication can be scheduled. To publish changes, use “Correct”.', 'publishAt'),
  nothingToSchedule: () =>
    p('nothing_to_schedule', 'Bài không có lịch hẹn nào để huỷ; hãy chọn thời điểm gỡ.', 'The item has no schedule to cancel; choose when to unpublish.', 'unpublishAt'),
};

/** Short reason prompts, one per action that needs a reason or note. */
export const REASONS = {
  return: { vi: 'Lý do trả lại', en: 'The reason for returning' },
  reject: { vi: 'Lý do từ chối', en: 'The reason for rejecting' },
  unpublish: { vi: 'Lý do ngừng đăng', en: 'The reason for unpublishing' },
  take_down: { vi: 'Lý do gỡ bài', en: 'The reason for taking down' },
  correct: { vi: 'Nội dung đính chính', en: 'The correction note' },
  urgent_publish: { vi: 'Lý do đăng khẩn', en: 'The reason for urgent publication' },
} as const;
