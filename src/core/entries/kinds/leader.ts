// Lãnh đạo: the agency's leaders with their position, photo, biography, the
// duties assigned to them and their term history (Decree 224/2026 Art. 9(1)(b));
// shown on the organisation chart under their unit (/co-cau-to-chuc) and in
// the directory (/danh-ba), each with a page of its own at /lanh-dao/<slug>.
import type { FieldDecl, SectionKind } from '../declaration.ts';

/** Whether a person receives information requests (Law 104/2016 Art. 9, 18): shown first in the directory. */
export const RECEIVES_REQUESTS: FieldDecl = {
  key: 'receivesRequests',
  type: 'choice',
  label: { vi: 'Đầu mối tiếp nhận yêu cầu cung cấp thông tin', en: 'Receives information requests' },
  hint: { vi: 'Người được giao tiếp nhận yêu cầu cung cấp thông tin theo Luật Tiếp cận thông tin 2016; hiện đầu tiên trong danh bạ.', en: 'The person who receives requests under the Access to Information Law 2016; listed first in the directory.' },
  filter: true,
  choices: [
    { value: 'yes', label: { vi: 'Có', en: 'Yes' } },
    { value: 'no', label: { vi: 'Không', en: 'No' } },
  ],
};

/** Position, unit, phone and official e-mail: what the directory shows of every person. */
export function contactFields(unitHint: { vi: string; en: string }): FieldDecl[] {
  return [
    { key: 'position', type: 'text', label: { vi: 'Chức vụ', en: 'Position' }, required: true, list: true, maxLength: 200 },
    { key: 'unit', type: 'units', label: { vi: 'Đơn vị', en: 'Unit' }, hint: unitHint, filter: true, list: true, maxItems: 1 },
    { key: 'phone', type: 'phone', label: { vi: 'Điện thoại công vụ', en: 'Office phone' }, list: true },
    { key: 'email', type: 'email', label: { vi: 'Thư điện tử công vụ', en: 'Official e-mail' }, list: true },
  ];
}

export const leader: SectionKind = {
  key: 'leader',
  label: { vi: 'Lãnh đạo', en: 'Leader' },
  plural: { vi: 'Lãnh đạo', en: 'Leadership' },
  description: { vi: 'Lãnh đạo cơ quan: chức vụ, tiểu sử, nhiệm vụ được phân công và quá trình công tác.', en: 'The agency’s leaders: position, biography, assigned duties and term history.' },
  path: 'lanh-dao',
  titleLabel: { vi: 'Họ và tên', en: 'Full name' },
  fields: [
    ...contactFields({ vi: 'Để trống với lãnh đạo chung của cơ quan; chọn đơn vị với lãnh đạo phòng, ban.', en: 'Empty for the agency’s leadership; a unit for the head of a division.' }),
    { key: 'photo', type: 'picture', label: { vi: 'Ảnh chân dung', en: 'Portrait' }, hint: { vi: 'Ảnh trong thư viện, kèm mô tả cho người khiếm thị.', en: 'An image of the library, with a description.' } },
    { key: 'biography', type: 'richtext', label: { vi: 'Tiểu sử', en: 'Biography' }, maxLength: 50_000 },
    { key: 'duties', type: 'richtext', label: { vi: 'Nhiệm vụ được phân công', en: 'Assigned duties' }, maxLength: 50_000 },
    {
      key: 'terms',
      type: 'rows',
      label: { vi: 'Quá trình công tác', en: 'Term history' },
      maxItems: 40,
      fields: [
        { key: 'from', type: 'date', label: { vi: 'Từ ngày', en: 'From' } },
        { key: 'to', type: 'date', label: { vi: 'Đến ngày', en: 'To' } },
        { key: 'position', type: 'text', label: { vi: 'Chức vụ', en: 'Position' }, maxLength: 200 },
        { key: 'body', type: 'text', label: { vi: 'Cơ quan, đơn vị', en: 'Body' }, maxLength: 300 },
      ],
    },
    { key: 'order', type: 'number', label: { vi: 'Thứ tự hiển thị', en: 'Order on the page' }, hint: { vi: 'Số nhỏ hiện trước (Chủ tịch 1, các Phó Chủ tịch 2, 3…).', en: 'Smaller first.' }, sort: true, min: 0, max: 9999 },
    RECEIVES_REQUESTS,
  ],
  defaultSort: { field: 'order', direction: 'asc' },
  rules: ({ values }) => {
    const terms = (values.terms as { from?: string; to?: string }[] | undefined) ?? [];
    return terms.flatMap((t, i) =>
      t.from && t.to && t.to < t.from
        ? [{ code: 'term_reversed', field: `f.terms.${i}.to`, vi: `Quá trình công tác, dòng ${i + 1}: "đến ngày" phải sau "từ ngày".`, en: `Term history, row ${i + 1}: the end must not be before the start.` }]
        : [],
    );
  },
  sources: ['NĐ 224/2026 Đ9(1)(b)', 'NĐ 42/2022 Đ7', '003 Đ8.1'],
};
