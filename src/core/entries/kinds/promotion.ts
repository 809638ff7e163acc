// Quảng bá, giới thiệu doanh nghiệp: banners of businesses and organisations.
// 001 Đ11: what is published must first be confirmed in writing by the
// business's competent person — the signed letter is attached (internal, never
// public) with its number, date and signer, or the entry cannot be submitted
// or published. 002 Đ6.2: the board may provide promotion services, whose
// income funds royalties (the contract and fee note, internal). Unlike an
// announcement, a promotion leaves the public site entirely when its validity
// ends (and is not shown before it starts): validity.expired = 'withdraw'.
import type { KindRuleInput, SectionKind } from '../declaration.ts';
import { kindProblem, type KindProblem } from './rule-helpers.ts';

function promotionRules({ values, complete, today }: KindRuleInput): KindProblem[] {
  const problems: KindProblem[] = [];
  const validity = values.validity as { from: string; to: string | null } | undefined;
  if (complete && validity && !validity.to) {
    problems.push(kindProblem('validity_end_required', 'validity', 'Thời hạn quảng bá phải có ngày kết thúc: hết hạn, nội dung quảng bá được gỡ khỏi trang.', 'The promotion needs an end date: when it ends the promotion leaves the site.'));
  }
  const confirmedOn = values.confirmationDate as string | undefined;
  if (confirmedOn && confirmedOn > today) {
    problems.push(kindProblem('confirmation_in_future', 'confirmationDate', 'Ngày của văn bản xác nhận không được sau ngày hôm nay.', 'The confirmation cannot be dated after today.'));
  }
  if (confirmedOn && validity?.to && confirmedOn > validity.to) {
    problems.push(kindProblem('confirmation_after_validity', 'confirmationDate', 'Văn bản xác nhận phải có trước khi thời hạn quảng bá kết thúc.', 'The confirmation must be dated before the promotion ends.'));
  }
  return problems;
}

export const promotion: SectionKind = {
  key: 'promotion',
  label: { vi: 'Quảng bá doanh nghiệp', en: 'Business promotion' },
  plural: { vi: 'Quảng bá, giới thiệu doanh nghiệp', en: 'Business promotion' },
  description: {
    vi: 'Giới thiệu doanh nghiệp, tổ chức trong thời hạn đã thỏa thuận; nội dung đã được doanh nghiệp, tổ chức xác nhận bằng văn bản.',
    en: 'Businesses and organisations presented for an agreed period; the content was confirmed in writing by each of them.',
  },
  path: 'quang-ba',
  titleLabel: { vi: 'Tiêu đề giới thiệu', en: 'Title' },
  summary: false,
  body: true,
  attachments: false,
  fields: [
    { key: 'businessName', type: 'text', label: { vi: 'Tên doanh nghiệp, tổ chức', en: 'Business or organisation' }, required: true, list: true, maxLength: 300 },
    { key: 'banner', type: 'picture', label: { vi: 'Biểu trưng, ảnh quảng bá (banner)', en: 'Logo or banner' }, hint: { vi: 'Ảnh cần có mô tả (văn bản thay thế) nêu tên doanh nghiệp và nội dung ảnh.', en: 'The picture needs a description (alt text) naming the business.' }, required: true },
    { key: 'website', type: 'link', label: { vi: 'Trang thông tin của doanh nghiệp', en: 'Business website' } },
    { key: 'introduction', type: 'longtext', label: { vi: 'Giới thiệu ngắn', en: 'Short introduction' }, maxLength: 1000 },
    {
      key: 'validity', type: 'daterange', label: { vi: 'Thời hạn quảng bá', en: 'Promotion period' },
      hint: { vi: 'Chỉ hiển thị trong thời hạn này; hết hạn, nội dung được gỡ khỏi trang (không lưu trữ công khai).', en: 'Shown only within this period; when it ends the promotion leaves the site (no public archive).' },
      required: true, list: true, sort: true,
    },
    {
      key: 'confirmation', type: 'file', label: { vi: 'Văn bản xác nhận nội dung của doanh nghiệp, tổ chức', en: 'Written confirmation by the business' },
      hint: { vi: 'Bản ký, đóng dấu của người có thẩm quyền (001 Điều 11). Chỉ lưu nội bộ, không công khai.', en: 'Signed by its competent person (001 Art. 11). Internal, never public.' },
      required: true, internal: true, accept: 'document',
    },
    { key: 'confirmationNumber', type: 'text', label: { vi: 'Số văn bản xác nhận', en: 'Confirmation number' }, required: true, internal: true, maxLength: 100 },
    { key: 'confirmationDate', type: 'date', label: { vi: 'Ngày văn bản xác nhận', en: 'Confirmation date' }, required: true, internal: true },
    { key: 'confirmationSigner', type: 'text', label: { vi: 'Người ký xác nhận (họ tên, chức vụ)', en: 'Signed by (name, position)' }, required: true, internal: true, maxLength: 200 },
    { key: 'contractNote', type: 'longtext', label: { vi: 'Hợp đồng, phí dịch vụ (nội bộ)', en: 'Contract and fee (internal)' }, hint: { vi: 'Số hợp đồng, mức phí; nguồn thu dùng chi nhuận bút (002 Điều 6.2).', en: 'Contract number and fee; the income funds royalties (002 Art. 6.2).' }, internal: true, maxLength: 2000 },
  ],
  defaultSort: { field: 'validity', direction: 'desc' },
  validity: { field: 'validity', expired: 'withdraw', homeBlock: false },
  rules: promotionRules,
  sources: ['001 Đ11', '002 Đ6.2'],
};
