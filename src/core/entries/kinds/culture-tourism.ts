// Văn hóa, du lịch (000 Đ7.2.5; Decree 224/2026 Art. 9(1)(c): relics and
// landscapes of provinces and communes): relics, landscapes, festivals, craft
// villages and tourist sites with their rank and pictures. A ranked relic
// names the decision that ranked it.
import type { KindRuleInput, SectionKind } from '../declaration.ts';
import { kindProblem, type KindProblem } from './rule-helpers.ts';

function cultureRules({ values, complete }: KindRuleInput): KindProblem[] {
  const ranked = typeof values.rank === 'string' && values.rank !== 'none';
  return complete && ranked && !values.recognition ? [kindProblem('recognition_required', 'recognition', 'Di tích, danh thắng đã xếp hạng cần ghi quyết định xếp hạng.', 'A ranked site names the ranking decision.')] : [];
}

export const cultureTourism: SectionKind = {
  key: 'culture_tourism',
  label: { vi: 'Văn hóa, du lịch', en: 'Culture and tourism' },
  plural: { vi: 'Di tích, danh thắng, lễ hội, du lịch', en: 'Relics, landscapes, festivals and tourism' },
  description: { vi: 'Di tích lịch sử – văn hóa, danh lam thắng cảnh, lễ hội, làng nghề và các điểm du lịch trên địa bàn.', en: 'Historic relics, landscapes, festivals, craft villages and tourist sites of the area.' },
  path: 'van-hoa-du-lich',
  titleLabel: { vi: 'Tên', en: 'Name' },
  summary: true,
  body: true,
  fields: [
    {
      key: 'type', type: 'choice', label: { vi: 'Loại', en: 'Type' }, required: true, filter: true, list: true,
      choices: [
        { value: 'relic', label: { vi: 'Di tích lịch sử – văn hóa', en: 'Historic relic' } },
        { value: 'landscape', label: { vi: 'Danh lam thắng cảnh', en: 'Landscape' } },
        { value: 'festival', label: { vi: 'Lễ hội', en: 'Festival' } },
        { value: 'craft_village', label: { vi: 'Làng nghề', en: 'Craft village' } },
        { value: 'tourism', label: { vi: 'Điểm, tuyến du lịch', en: 'Tourist site or route' } },
      ],
    },
    { key: 'location', type: 'text', label: { vi: 'Địa điểm', en: 'Location' }, required: true, filter: true, list: true, maxLength: 300 },
    {
      key: 'rank', type: 'choice', label: { vi: 'Xếp hạng', en: 'Rank' }, filter: true, list: true,
      choices: [
        { value: 'special_national', label: { vi: 'Di tích quốc gia đặc biệt', en: 'Special national' } },
        { value: 'national', label: { vi: 'Cấp quốc gia', en: 'National' } },
        { value: 'provincial', label: { vi: 'Cấp tỉnh', en: 'Provincial' } },
        { value: 'intangible', label: { vi: 'Di sản văn hóa phi vật thể quốc gia', en: 'National intangible heritage' } },
        { value: 'none', label: { vi: 'Chưa xếp hạng', en: 'Not ranked' } },
      ],
    },
    { key: 'recognition', type: 'text', label: { vi: 'Quyết định xếp hạng, công nhận', en: 'Recognition' }, maxLength: 300 },
    { key: 'season', type: 'text', label: { vi: 'Thời gian tổ chức, mùa du lịch', en: 'When' }, hint: { vi: 'Cho lễ hội: ví dụ «rằm tháng Giêng âm lịch».', en: 'For a festival: e.g. the 15th of the first lunar month.' }, maxLength: 200 },
    { key: 'pictures', type: 'pictures', label: { vi: 'Hình ảnh', en: 'Pictures' }, maxItems: 30 },
  ],
  defaultSort: { field: 'title', direction: 'asc' },
  levels: ['province', 'district', 'commune'],
  rules: cultureRules,
  sources: ['000 Đ7.2.5', 'Nghị định 224/2026/NĐ-CP Đ9(1)(c)'],
};
