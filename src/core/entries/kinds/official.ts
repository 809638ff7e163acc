// Danh bạ: the competent officials of the agency and its units with position,
// phone and official e-mail (Decree 42/2022 Art. 7), and who receives
// information requests (Law 104/2016). The directory page /danh-ba is a view of
// its own (modules/entries/organisation) joining units, leaders and officials,
// searchable without diacritics; each official keeps a page at /danh-ba/<slug>.
import type { SectionKind } from '../declaration.ts';
import { contactFields, RECEIVES_REQUESTS } from './leader.ts';

export const official: SectionKind = {
  key: 'official',
  label: { vi: 'Cán bộ trong danh bạ', en: 'Directory entry' },
  plural: { vi: 'Danh bạ', en: 'Directory' },
  description: { vi: 'Danh bạ cán bộ, công chức có thẩm quyền: chức vụ, điện thoại, thư điện tử công vụ; đầu mối tiếp nhận yêu cầu cung cấp thông tin.', en: 'Competent officials with position, phone and official e-mail; who receives information requests.' },
  path: 'danh-ba',
  titleLabel: { vi: 'Họ và tên', en: 'Full name' },
  fields: [
    ...contactFields({ vi: 'Phòng, ban nơi cán bộ công tác.', en: 'The division the official works in.' }),
    { key: 'duties', type: 'longtext', label: { vi: 'Lĩnh vực phụ trách', en: 'Responsible for' }, maxLength: 1000 },
    { key: 'order', type: 'number', label: { vi: 'Thứ tự trong đơn vị', en: 'Order in the unit' }, sort: true, min: 0, max: 9999 },
    RECEIVES_REQUESTS,
  ],
  defaultSort: { field: 'order', direction: 'asc' },
  // The generic list must not also answer /danh-ba: the directory is this kind's page.
  view: 'directory',
  sources: ['NĐ 42/2022 Đ7', 'Luật 104/2016 Đ19(1)(o)', '003 Đ8.6'],
};
