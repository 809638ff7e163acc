// Doanh nghiệp (000 Đ7.2.2): the area's newly registered, active and dissolved
// enterprises. A dissolved one says when, and not before it was registered.
import type { KindRuleInput, SectionKind } from '../declaration.ts';
import { kindProblem, type KindProblem } from './rule-helpers.ts';

function enterpriseRules({ values, complete }: KindRuleInput): KindProblem[] {
  const problems: KindProblem[] = [];
  const registered = values.registrationDate as string | undefined;
  const dissolved = values.dissolutionDate as string | undefined;
  if (registered && dissolved && dissolved < registered) {
    problems.push(kindProblem('dissolved_before_registered', 'dissolutionDate', 'Ngày giải thể không được trước ngày đăng ký.', 'Dissolution cannot be before registration.'));
  }
  if (complete && values.status === 'dissolved' && !dissolved) {
    problems.push(kindProblem('dissolution_date_required', 'dissolutionDate', 'Doanh nghiệp đã giải thể cần có ngày giải thể.', 'A dissolved enterprise needs its dissolution date.'));
  }
  return problems;
}

export const enterprise: SectionKind = {
  key: 'enterprise',
  label: { vi: 'Doanh nghiệp', en: 'Enterprise' },
  plural: { vi: 'Danh sách doanh nghiệp', en: 'Enterprises' },
  description: { vi: 'Doanh nghiệp mới đăng ký, đang hoạt động và đã giải thể trên địa bàn.', en: 'Newly registered, active and dissolved enterprises of the area.' },
  path: 'doanh-nghiep',
  titleLabel: { vi: 'Tên doanh nghiệp', en: 'Enterprise name' },
  summary: false,
  body: true,
  fields: [
    {
      key: 'status', type: 'choice', label: { vi: 'Tình trạng', en: 'Status' }, required: true, filter: true, list: true,
      choices: [
        { value: 'new', label: { vi: 'Mới đăng ký', en: 'Newly registered' } },
        { value: 'active', label: { vi: 'Đang hoạt động', en: 'Active' } },
        { value: 'dissolved', label: { vi: 'Đã giải thể', en: 'Dissolved' } },
      ],
    },
    { key: 'registrationNumber', type: 'text', label: { vi: 'Mã số doanh nghiệp', en: 'Registration number' }, required: true, filter: true, list: true, maxLength: 30 },
    { key: 'registrationDate', type: 'date', label: { vi: 'Ngày đăng ký', en: 'Registered on' }, required: true, filter: true, sort: true, list: true },
    { key: 'dissolutionDate', type: 'date', label: { vi: 'Ngày giải thể', en: 'Dissolved on' }, sort: true },
    { key: 'address', type: 'text', label: { vi: 'Địa chỉ trụ sở', en: 'Address' }, required: true, maxLength: 300 },
    { key: 'businessField', type: 'text', label: { vi: 'Ngành nghề kinh doanh chính', en: 'Main business' }, filter: true, list: true, maxLength: 300 },
    { key: 'representative', type: 'text', label: { vi: 'Người đại diện theo pháp luật', en: 'Legal representative' }, maxLength: 200 },
    { key: 'phone', type: 'phone', label: { vi: 'Điện thoại', en: 'Phone' } },
  ],
  defaultSort: { field: 'registrationDate', direction: 'desc' },
  levels: ['province', 'district'],
  rules: enterpriseRules,
  sources: ['000 Đ7.2.2'],
};
