// Nhiệm vụ khoa học và công nghệ có sử dụng ngân sách nhà nước (000 Đ7.2.3;
// Luật 104/2016 Đ17(1)(m)): calls for proposals, selection, tasks under way
// and their accepted results. A task accepted (nghiệm thu) states its result.
import type { KindRuleInput, SectionKind } from '../declaration.ts';
import { kindProblem, type KindProblem } from './rule-helpers.ts';

function scienceRules({ values, complete }: KindRuleInput): KindProblem[] {
  if (complete && values.status === 'accepted' && !values.result) {
    return [kindProblem('result_required', 'result', 'Nhiệm vụ đã nghiệm thu cần có kết quả.', 'An accepted task states its result.')];
  }
  return [];
}

export const scienceTask: SectionKind = {
  key: 'science_task',
  label: { vi: 'Nhiệm vụ khoa học và công nghệ', en: 'Science and technology task' },
  plural: { vi: 'Khoa học và công nghệ', en: 'Science and technology' },
  description: { vi: 'Thông báo đề xuất, tuyển chọn và thông tin về nhiệm vụ khoa học và công nghệ sử dụng ngân sách nhà nước.', en: 'Calls, selection and state-funded science and technology tasks.' },
  path: 'khoa-hoc-cong-nghe',
  titleLabel: { vi: 'Tên nhiệm vụ', en: 'Task title' },
  summary: true,
  body: true,
  attachments: true,
  fields: [
    { key: 'code', type: 'text', label: { vi: 'Mã số', en: 'Code' }, filter: true, list: true, maxLength: 60 },
    {
      key: 'status', type: 'choice', label: { vi: 'Tình trạng', en: 'Status' }, required: true, filter: true, list: true,
      choices: [
        { value: 'call', label: { vi: 'Thông báo đề xuất', en: 'Call for proposals' } },
        { value: 'selection', label: { vi: 'Tuyển chọn, giao trực tiếp', en: 'Selection' } },
        { value: 'ongoing', label: { vi: 'Đang thực hiện', en: 'Under way' } },
        { value: 'accepted', label: { vi: 'Đã nghiệm thu', en: 'Accepted' } },
        { value: 'stopped', label: { vi: 'Dừng thực hiện', en: 'Stopped' } },
      ],
    },
    { key: 'leadOrganisation', type: 'text', label: { vi: 'Tổ chức chủ trì', en: 'Lead organisation' }, required: true, list: true, maxLength: 300 },
    { key: 'chief', type: 'text', label: { vi: 'Chủ nhiệm nhiệm vụ', en: 'Principal investigator' }, maxLength: 200 },
    { key: 'budget', type: 'money', label: { vi: 'Kinh phí từ ngân sách (đồng)', en: 'State funding (VND)' }, sort: true },
    { key: 'period', type: 'daterange', label: { vi: 'Thời gian thực hiện', en: 'Period' }, filter: true, sort: true, list: true },
    { key: 'result', type: 'longtext', label: { vi: 'Kết quả', en: 'Result' }, maxLength: 5000 },
    { key: 'files', type: 'files', label: { vi: 'Tệp', en: 'Files' } },
  ],
  defaultSort: { field: 'period', direction: 'desc' },
  levels: ['province', 'department', 'district'],
  rules: scienceRules,
  sources: ['000 Đ7.2.3', 'Luật 104/2016/QH13 Đ17(1)'],
};
