// Giới thiệu chung: the agency's history, functions and powers, its decision
// of establishment; for provinces, districts and communes also the
// administrative map, natural conditions, culture, relics and landscapes and
// the communes of the area (issue 14 §1; NĐ 224/2026 Đ9(1)(a–b)). One kind for
// every level: the topics a level has no use for are simply not written.
import type { SectionKind } from '../declaration.ts';

export const INTRODUCTION_TOPICS = [
  { value: 'history', label: { vi: 'Lịch sử hình thành và phát triển', en: 'History' } },
  { value: 'functions', label: { vi: 'Chức năng, nhiệm vụ, quyền hạn', en: 'Functions and powers' } },
  { value: 'establishment', label: { vi: 'Quyết định thành lập', en: 'Decision of establishment' } },
  { value: 'map', label: { vi: 'Bản đồ hành chính', en: 'Administrative map' } },
  { value: 'nature', label: { vi: 'Điều kiện tự nhiên', en: 'Natural conditions' } },
  { value: 'economy', label: { vi: 'Kinh tế - xã hội', en: 'Economy and society' } },
  { value: 'culture', label: { vi: 'Văn hóa, con người', en: 'Culture and people' } },
  { value: 'relics', label: { vi: 'Di tích, danh thắng', en: 'Relics and landscapes' } },
  { value: 'communes', label: { vi: 'Các đơn vị hành chính trực thuộc', en: 'Communes of the area' } },
  { value: 'other', label: { vi: 'Thông tin khác', en: 'Other' } },
];

export const introduction: SectionKind = {
  key: 'introduction',
  label: { vi: 'Bài giới thiệu', en: 'Introduction' },
  plural: { vi: 'Giới thiệu chung', en: 'About us' },
  description: { vi: 'Lịch sử, chức năng nhiệm vụ, quyết định thành lập; với địa phương: bản đồ hành chính, điều kiện tự nhiên, văn hóa, di tích danh thắng, các đơn vị hành chính.', en: 'History, functions and powers, establishment; for localities: map, nature, culture, relics, communes.' },
  path: 'gioi-thieu-chung',
  summary: true,
  body: true,
  attachments: true,
  fields: [
    { key: 'topic', type: 'choice', label: { vi: 'Chủ đề', en: 'Topic' }, required: true, filter: true, list: true, choices: INTRODUCTION_TOPICS },
    { key: 'pictures', type: 'pictures', label: { vi: 'Hình ảnh', en: 'Pictures' }, hint: { vi: 'Bản đồ, ảnh di tích, danh thắng… kèm mô tả.', en: 'Maps, pictures of relics… with descriptions.' }, maxItems: 20 },
    { key: 'documents', type: 'documents', label: { vi: 'Văn bản liên quan', en: 'Related documents' }, hint: { vi: 'Ví dụ: quyết định thành lập, quyết định quy định chức năng nhiệm vụ.', en: 'E.g. the establishment decision.' }, maxItems: 10 },
    { key: 'order', type: 'number', label: { vi: 'Thứ tự hiển thị', en: 'Order on the page' }, sort: true, min: 0, max: 9999 },
  ],
  defaultSort: { field: 'order', direction: 'asc' },
  sources: ['NĐ 224/2026 Đ9(1)(a–b)', 'NĐ 42/2022 Đ7', '003 Đ8.1'],
};
