// Công khai ngân sách (000 Đ7.2.2 "công khai ngân sách"; Luật 104/2016 Đ17(1)(đ)):
// estimates, quarterly, six-monthly and yearly execution, settlement — each a
// dated set of documents and files. An execution report or a settlement
// cannot be published before its year has begun.
import type { KindRuleInput, SectionKind } from '../declaration.ts';
import { kindProblem, type KindProblem } from './rule-helpers.ts';

const AFTER_THE_FACT = ['quarterly', 'half_year', 'yearly', 'settlement'];

function budgetRules({ values, complete }: KindRuleInput): KindProblem[] {
  const problems: KindProblem[] = [];
  const year = values.year as number | undefined;
  const disclosed = values.disclosedOn as string | undefined;
  if (year !== undefined && !Number.isInteger(year)) problems.push(kindProblem('invalid_year', 'year', 'Năm ngân sách là một năm (ví dụ 2026).', 'The budget year is a year (e.g. 2026).'));
  if (year && disclosed && AFTER_THE_FACT.includes(String(values.reportType)) && Number(disclosed.slice(0, 4)) < year) {
    problems.push(kindProblem('disclosed_before_year', 'disclosedOn', `Báo cáo thực hiện hoặc quyết toán năm ${year} không thể công khai trước năm ${year}.`, `An execution report or settlement for ${year} cannot be disclosed before ${year}.`));
  }
  if (complete && values.reportType === 'quarterly' && !values.period) problems.push(kindProblem('period_required', 'period', 'Báo cáo quý cần ghi kỳ báo cáo (ví dụ Quý III/2026).', 'A quarterly report names its quarter.'));
  if (complete && !values.files && !values.documents) problems.push(kindProblem('files_required', 'files', 'Cần đính kèm biểu mẫu công khai hoặc văn bản liên quan.', 'Attach the disclosure forms or the related documents.'));
  return problems;
}

export const budgetDisclosure: SectionKind = {
  key: 'budget_disclosure',
  label: { vi: 'Công khai ngân sách', en: 'Budget disclosure' },
  plural: { vi: 'Công khai ngân sách', en: 'Budget disclosure' },
  description: { vi: 'Dự toán, tình hình thực hiện quý, 6 tháng, năm và quyết toán ngân sách, mỗi lần công khai là một bộ văn bản có ngày.', en: 'Budget estimates, quarterly, six-monthly and yearly execution and settlements, each a dated set of documents.' },
  path: 'cong-khai-ngan-sach',
  titleLabel: { vi: 'Tên báo cáo công khai', en: 'Report title' },
  summary: true,
  body: true,
  attachments: true,
  fields: [
    {
      key: 'reportType', type: 'choice', label: { vi: 'Loại báo cáo', en: 'Report type' }, required: true, filter: true, list: true,
      choices: [
        { value: 'estimate', label: { vi: 'Dự toán ngân sách', en: 'Budget estimate' } },
        { value: 'quarterly', label: { vi: 'Tình hình thực hiện quý', en: 'Quarterly execution' } },
        { value: 'half_year', label: { vi: 'Tình hình thực hiện 6 tháng', en: 'Six-monthly execution' } },
        { value: 'yearly', label: { vi: 'Tình hình thực hiện năm', en: 'Yearly execution' } },
        { value: 'settlement', label: { vi: 'Quyết toán ngân sách', en: 'Settlement' } },
      ],
    },
    { key: 'year', type: 'number', label: { vi: 'Năm ngân sách', en: 'Budget year' }, required: true, filter: true, sort: true, list: true, min: 2000, max: 2100 },
    { key: 'period', type: 'text', label: { vi: 'Kỳ báo cáo', en: 'Period' }, hint: { vi: 'Ví dụ: Quý III/2026, 6 tháng đầu năm 2026.', en: 'E.g. Q3 2026, first half of 2026.' }, list: true, maxLength: 100 },
    { key: 'disclosedOn', type: 'date', label: { vi: 'Ngày công khai', en: 'Disclosed on' }, required: true, filter: true, sort: true, list: true },
    {
      key: 'form', type: 'choices', label: { vi: 'Hình thức công khai', en: 'Form of disclosure' }, filter: true,
      choices: [
        { value: 'website', label: { vi: 'Đăng trên trang thông tin điện tử', en: 'On the website' } },
        { value: 'notice_board', label: { vi: 'Niêm yết tại trụ sở', en: 'Posted at the office' } },
        { value: 'meeting', label: { vi: 'Công bố tại kỳ họp, hội nghị', en: 'Announced at a meeting' } },
        { value: 'document', label: { vi: 'Phát hành văn bản', en: 'Issued in writing' } },
      ],
    },
    { key: 'documents', type: 'documents', label: { vi: 'Quyết định, văn bản công khai', en: 'Disclosure decisions and documents' } },
    { key: 'files', type: 'files', label: { vi: 'Biểu mẫu, số liệu công khai', en: 'Disclosure forms and figures' } },
  ],
  defaultSort: { field: 'disclosedOn', direction: 'desc' },
  rules: budgetRules,
  sources: ['000 Đ7.2.2', 'Luật 104/2016/QH13 Đ17(1)(đ)', 'Luật Ngân sách nhà nước 83/2015/QH13 Đ15'],
};
