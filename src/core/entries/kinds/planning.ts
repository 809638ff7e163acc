// Quy hoạch (000 Đ7.2.2–2.4, 003 Đ8.5): socio-economic strategies, master
// plans, construction, urban and land-use plans, administrative boundary
// maps — each with its approval, period, area, maps and files. A boundary map
// or a plan published without any map or file would tell a reader nothing.
import type { KindRuleInput, SectionKind } from '../declaration.ts';
import { kindProblem, type KindProblem } from './rule-helpers.ts';

function planningRules({ values, complete }: KindRuleInput): KindProblem[] {
  if (!complete || values.maps || values.files || values.approvalDocuments) return [];
  return [kindProblem('planning_without_material', 'maps', 'Cần ít nhất một bản đồ, tệp hồ sơ quy hoạch hoặc văn bản phê duyệt.', 'Add at least a map, a planning file or the approval document.')];
}

const type = (value: string, vi: string, en: string) => ({ value, label: { vi, en } });

export const planning: SectionKind = {
  key: 'planning',
  label: { vi: 'Quy hoạch', en: 'Planning' },
  plural: { vi: 'Chiến lược, quy hoạch, kế hoạch', en: 'Strategies and plans' },
  description: { vi: 'Chiến lược phát triển kinh tế – xã hội, quy hoạch tổng thể, quy hoạch xây dựng, đô thị, sử dụng đất và bản đồ địa giới hành chính.', en: 'Socio-economic strategies, master plans, construction, urban and land-use plans, boundary maps.' },
  path: 'quy-hoach',
  titleLabel: { vi: 'Tên quy hoạch', en: 'Plan name' },
  summary: true,
  body: true,
  attachments: true,
  fields: [
    {
      key: 'planType', type: 'choice', label: { vi: 'Loại', en: 'Type' }, required: true, filter: true, list: true,
      choices: [
        type('strategy', 'Chiến lược phát triển kinh tế – xã hội', 'Socio-economic strategy'),
        type('master', 'Quy hoạch tổng thể', 'Master plan'),
        type('sector', 'Quy hoạch ngành, lĩnh vực', 'Sectoral plan'),
        type('construction', 'Quy hoạch xây dựng', 'Construction plan'),
        type('urban', 'Quy hoạch đô thị', 'Urban plan'),
        type('industrial', 'Quy hoạch cụm, khu công nghiệp', 'Industrial zone plan'),
        type('land_use', 'Quy hoạch, kế hoạch sử dụng đất', 'Land use plan'),
        type('boundary_map', 'Bản đồ địa giới hành chính', 'Administrative boundary map'),
        type('other', 'Khác', 'Other'),
      ],
    },
    { key: 'approvalDocuments', type: 'documents', label: { vi: 'Văn bản phê duyệt', en: 'Approval' }, maxItems: 10 },
    { key: 'approvalText', type: 'text', label: { vi: 'Số, ngày quyết định phê duyệt', en: 'Approval decision' }, hint: { vi: 'Khi văn bản chưa có trên trang, ví dụ: Quyết định số 1756/QĐ-TTg ngày 31/12/2023.', en: 'When the document is not on this site.' }, list: true, maxLength: 300 },
    { key: 'period', type: 'text', label: { vi: 'Thời kỳ quy hoạch', en: 'Period' }, hint: { vi: 'Ví dụ: 2021–2030, tầm nhìn đến năm 2050.', en: 'E.g. 2021–2030, vision to 2050.' }, filter: true, list: true, maxLength: 200 },
    { key: 'area', type: 'text', label: { vi: 'Phạm vi, quy mô', en: 'Area' }, maxLength: 500 },
    { key: 'maps', type: 'pictures', label: { vi: 'Bản đồ', en: 'Maps' }, maxItems: 20 },
    { key: 'files', type: 'files', label: { vi: 'Hồ sơ quy hoạch', en: 'Planning files' } },
  ],
  defaultSort: { field: 'published', direction: 'desc' },
  levels: ['province', 'department', 'district', 'commune'],
  rules: planningRules,
  sources: ['000 Đ7.2.2', '000 Đ7.2.3', '000 Đ7.2.4', '003 Đ8.5', 'Nghị định 42/2022/NĐ-CP Đ4'],
};
