// Thông báo (auctions, recruitment, enrolment, work programmes…): valid for a
// period; once it ends the announcement leaves the home page and the current
// list, and stays in the archive. 003 Đ8 "Thông báo, niêm yết", 002 "Thông báo, mời họp".
import type { SectionKind } from '../declaration.ts';

export const announcement: SectionKind = {
  key: 'announcement',
  label: { vi: 'Thông báo', en: 'Announcement' },
  plural: { vi: 'Thông báo', en: 'Announcements' },
  description: { vi: 'Thông báo đấu giá, tuyển dụng, tuyển sinh, chương trình công tác… còn hiệu lực và đã hết hạn.', en: 'Auctions, recruitment, enrolment, work programmes… current and expired.' },
  path: 'thong-bao',
  summary: true,
  body: true,
  attachments: true,
  fields: [
    {
      key: 'category',
      type: 'choice',
      label: { vi: 'Loại thông báo', en: 'Type' },
      required: true,
      filter: true,
      list: true,
      choices: [
        { value: 'auction', label: { vi: 'Đấu giá', en: 'Auction' } },
        { value: 'recruitment', label: { vi: 'Tuyển dụng', en: 'Recruitment' } },
        { value: 'enrolment', label: { vi: 'Tuyển sinh', en: 'Enrolment' } },
        { value: 'work_programme', label: { vi: 'Chương trình công tác', en: 'Work programme' } },
        { value: 'other', label: { vi: 'Thông báo khác', en: 'Other' } },
      ],
    },
    { key: 'validity', type: 'daterange', label: { vi: 'Thời hạn hiệu lực', en: 'Valid' }, hint: { vi: 'Hết hạn thì thông báo rời trang chủ, vẫn còn trong mục lưu trữ.', en: 'When it ends the announcement leaves the home page and stays in the archive.' }, required: true, filter: true, sort: true, list: true },
    { key: 'issuedBy', type: 'units', label: { vi: 'Đơn vị thông báo', en: 'Issued by' }, filter: true, maxItems: 3 },
    { key: 'contact', type: 'text', label: { vi: 'Liên hệ', en: 'Contact' }, maxLength: 300 },
  ],
  defaultSort: { field: 'validity', direction: 'desc' },
  validity: { field: 'validity' },
  sources: ['003 Đ8.9', '002 Đ10.4'],
};
