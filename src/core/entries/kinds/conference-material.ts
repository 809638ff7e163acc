// Tài liệu hội nghị, hội thảo, tập huấn (003 Đ8.8: "cho phép đọc và tải các
// tài liệu … trực tiếp hoặc thông qua liên kết đến các website khác"; 004
// Đ6.5): each set of materials with its event, date, place and organiser,
// as files here or a link elsewhere.
import type { KindRuleInput, SectionKind } from '../declaration.ts';
import { kindProblem, type KindProblem } from './rule-helpers.ts';

function materialRules({ values, complete }: KindRuleInput): KindProblem[] {
  return complete && !values.files && !values.link ? [kindProblem('material_missing', 'files', 'Cần đính kèm tài liệu hoặc ghi đường dẫn tới trang có tài liệu.', 'Attach the materials or link to where they are.')] : [];
}

export const conferenceMaterial: SectionKind = {
  key: 'conference_material',
  label: { vi: 'Tài liệu hội nghị', en: 'Conference material' },
  plural: { vi: 'Tài liệu hội nghị, hội thảo, tập huấn', en: 'Conference, seminar and training materials' },
  description: { vi: 'Đọc và tải tài liệu, kỷ yếu của các hội nghị, hội thảo, lớp tập huấn.', en: 'Read and download the materials of conferences, seminars and training courses.' },
  path: 'tai-lieu-hoi-nghi',
  titleLabel: { vi: 'Tên tài liệu', en: 'Title' },
  summary: true,
  body: false,
  fields: [
    { key: 'conference', type: 'text', label: { vi: 'Hội nghị, hội thảo, tập huấn', en: 'Event' }, required: true, list: true, maxLength: 500 },
    {
      key: 'eventType', type: 'choice', label: { vi: 'Loại sự kiện', en: 'Event type' }, filter: true,
      choices: [
        { value: 'conference', label: { vi: 'Hội nghị', en: 'Conference' } },
        { value: 'seminar', label: { vi: 'Hội thảo', en: 'Seminar' } },
        { value: 'training', label: { vi: 'Tập huấn', en: 'Training' } },
      ],
    },
    { key: 'date', type: 'date', label: { vi: 'Ngày tổ chức', en: 'Date' }, required: true, filter: true, sort: true, list: true },
    { key: 'place', type: 'text', label: { vi: 'Địa điểm', en: 'Place' }, maxLength: 300 },
    { key: 'organiser', type: 'text', label: { vi: 'Đơn vị tổ chức', en: 'Organiser' }, filter: true, list: true, maxLength: 300 },
    { key: 'files', type: 'files', label: { vi: 'Tài liệu', en: 'Materials' }, maxItems: 30 },
    { key: 'link', type: 'link', label: { vi: 'Liên kết tới tài liệu', en: 'Link to the materials' } },
  ],
  defaultSort: { field: 'date', direction: 'desc' },
  rules: materialRules,
  sources: ['003 Đ8.8', '004 Đ6.5'],
};
