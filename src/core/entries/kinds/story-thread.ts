// Theo dòng sự kiện (a story thread): the articles published on one event —
// a congress, a flood, a campaign — gathered on one page as a timeline, and
// each of them pointing to the others ("Theo dòng sự kiện" box on the article
// page). Portals carried it before (NukeViet's "dòng sự kiện"); readers expect
// it. The articles are related by id (field type `articles`, same site only);
// only published ones are ever shown.
import type { SectionKind } from '../declaration.ts';

export const storyThread: SectionKind = {
  key: 'story_thread',
  label: { vi: 'Dòng sự kiện', en: 'Story thread' },
  plural: { vi: 'Theo dòng sự kiện', en: 'Story threads' },
  description: { vi: 'Các tin, bài về cùng một sự kiện được tập hợp theo dòng thời gian.', en: 'News and articles on one event, gathered as a timeline.' },
  path: 'dong-su-kien',
  titleLabel: { vi: 'Tên sự kiện', en: 'Event' },
  summary: true,
  body: true,
  attachments: false,
  fields: [
    { key: 'eventDates', type: 'daterange', label: { vi: 'Thời gian diễn ra sự kiện', en: 'Dates of the event' }, hint: { vi: 'Để trống ngày kết thúc khi sự kiện còn đang diễn ra.', en: 'Leave the end empty while the event goes on.' }, sort: true, list: true },
    { key: 'cover', type: 'picture', label: { vi: 'Ảnh đại diện', en: 'Cover picture' } },
    {
      key: 'articles',
      type: 'articles',
      label: { vi: 'Các tin, bài theo dòng sự kiện', en: 'Articles in the thread' },
      hint: { vi: 'Chọn trong danh sách tin, bài mới nhất, hoặc nhập số hiệu của bài (ví dụ 125, 131; hay dán địa chỉ trang sửa bài …/admin/articles/125), cách nhau bằng dấu phẩy. Chỉ bài đã đăng mới hiện cho người đọc.', en: 'Pick from the newest articles, or type article numbers (e.g. 125, 131, or paste the address of the article in the back office) separated by commas. Only published ones are shown to readers.' },
      required: true,
    },
  ],
  defaultSort: { field: 'published', direction: 'desc' },
  sources: ['Thói quen cổng thông tin điện tử (NukeViet: theo dòng sự kiện)'],
};
