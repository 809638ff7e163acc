// Dự án đầu tư (000 Đ7.2.2, 003 Đ8.7, 004 Đ6.3): preparing, ongoing or
// completed, with the data the Public Investment Law asks of each project and
// its progress updates over time. A progress update is dated from the start,
// the percentage done never goes back, and a completed project has reached 100%.
import type { KindRuleInput, SectionKind } from '../declaration.ts';
import type { DateRangeValue } from '../values.ts';
import { formatDate as viDate } from '../../time.ts';
import { kindProblem, type KindProblem } from './rule-helpers.ts';

type Progress = { date?: string; percent?: number };

function projectRules({ values, complete }: KindRuleInput): KindProblem[] {
  const problems: KindProblem[] = [];
  const start = (values.timeFrame as DateRangeValue | undefined)?.from;
  const rows = ((values.progress as Progress[] | undefined) ?? []).map((r, index) => ({ ...r, index }));
  for (const r of rows) {
    if (start && r.date && r.date < start) {
      problems.push(kindProblem('progress_before_start', 'date', `Tiến độ, dòng ${r.index + 1}: ngày cập nhật trước ngày khởi công (${viDate(start)}).`, `Progress, row ${r.index + 1}: dated before the project starts.`, { rows: 'progress', index: r.index }));
    }
  }
  // In date order the share done never decreases.
  let highest: (typeof rows)[number] | null = null;
  for (const r of rows.filter((x) => x.date && typeof x.percent === 'number').sort((a, b) => a.date!.localeCompare(b.date!) || a.index - b.index)) {
    if (highest && r.percent! < highest.percent!) {
      problems.push(kindProblem('progress_decreasing', 'percent', `Tiến độ, dòng ${r.index + 1}: tỷ lệ hoàn thành ${r.percent}% thấp hơn lần cập nhật trước (${highest.percent}% ngày ${viDate(highest.date!)}).`, `Progress, row ${r.index + 1}: ${r.percent}% is below the earlier update (${highest.percent}%).`, { rows: 'progress', index: r.index }));
    } else highest = r;
  }
  if (complete && values.status === 'completed' && !rows.some((r) => r.percent === 100)) {
    problems.push(kindProblem('completed_without_100', 'progress', 'Dự án đã hoàn thành cần có lần cập nhật tiến độ đạt 100%.', 'A completed project needs a progress update at 100%.'));
  }
  return problems;
}

export const project: SectionKind = {
  key: 'project',
  label: { vi: 'Dự án đầu tư', en: 'Investment project' },
  plural: { vi: 'Dự án đầu tư', en: 'Investment projects' },
  description: { vi: 'Các dự án đang chuẩn bị đầu tư, đang triển khai và đã hoàn thành, với nguồn vốn, tổng mức đầu tư và tiến độ thực hiện.', en: 'Projects in preparation, under way and completed, with capital source, total investment and progress.' },
  path: 'du-an',
  titleLabel: { vi: 'Tên dự án', en: 'Project name' },
  summary: true,
  body: true,
  attachments: true,
  fields: [
    {
      key: 'status', type: 'choice', label: { vi: 'Tình trạng', en: 'Status' }, required: true, filter: true, list: true,
      choices: [
        { value: 'preparing', label: { vi: 'Chuẩn bị đầu tư', en: 'In preparation' } },
        { value: 'ongoing', label: { vi: 'Đang triển khai', en: 'Under way' } },
        { value: 'completed', label: { vi: 'Đã hoàn thành', en: 'Completed' } },
      ],
    },
    { key: 'objective', type: 'longtext', label: { vi: 'Mục tiêu đầu tư', en: 'Objective' }, required: true, maxLength: 3000 },
    {
      key: 'field', type: 'choice', label: { vi: 'Lĩnh vực đầu tư', en: 'Field' }, required: true, filter: true, list: true,
      choices: [
        { value: 'transport', label: { vi: 'Giao thông', en: 'Transport' } },
        { value: 'agriculture', label: { vi: 'Nông nghiệp, thủy lợi', en: 'Agriculture and irrigation' } },
        { value: 'urban', label: { vi: 'Hạ tầng đô thị, xây dựng', en: 'Urban infrastructure and construction' } },
        { value: 'education', label: { vi: 'Giáo dục, đào tạo', en: 'Education' } },
        { value: 'health', label: { vi: 'Y tế', en: 'Health' } },
        { value: 'culture', label: { vi: 'Văn hóa, thể thao, du lịch', en: 'Culture, sport and tourism' } },
        { value: 'environment', label: { vi: 'Tài nguyên, môi trường', en: 'Natural resources and environment' } },
        { value: 'ict', label: { vi: 'Công nghệ thông tin', en: 'Information technology' } },
        { value: 'social', label: { vi: 'Xã hội, nhà ở', en: 'Social affairs and housing' } },
        { value: 'other', label: { vi: 'Lĩnh vực khác', en: 'Other' } },
      ],
    },
    {
      key: 'group', type: 'choice', label: { vi: 'Nhóm dự án', en: 'Project group' }, hint: { vi: 'Theo Luật Đầu tư công.', en: 'Under the Public Investment Law.' }, filter: true, list: true,
      choices: [
        { value: 'national', label: { vi: 'Dự án quan trọng quốc gia', en: 'Nationally important' } },
        { value: 'A', label: { vi: 'Nhóm A', en: 'Group A' } },
        { value: 'B', label: { vi: 'Nhóm B', en: 'Group B' } },
        { value: 'C', label: { vi: 'Nhóm C', en: 'Group C' } },
      ],
    },
    { key: 'timeFrame', type: 'daterange', label: { vi: 'Thời gian thực hiện', en: 'Time frame' }, required: true, sort: true, list: true },
    {
      key: 'capitalSource', type: 'choice', label: { vi: 'Nguồn vốn', en: 'Capital source' }, required: true, filter: true,
      choices: [
        { value: 'state_budget', label: { vi: 'Ngân sách nhà nước', en: 'State budget' } },
        { value: 'oda', label: { vi: 'Vốn ODA, vay ưu đãi', en: 'ODA and concessional loans' } },
        { value: 'private', label: { vi: 'Vốn ngoài ngân sách', en: 'Private capital' } },
        { value: 'ppp', label: { vi: 'Đối tác công tư (PPP)', en: 'Public–private partnership' } },
        { value: 'other', label: { vi: 'Nguồn khác', en: 'Other' } },
      ],
    },
    { key: 'totalInvestment', type: 'money', label: { vi: 'Tổng mức đầu tư (đồng)', en: 'Total investment (VND)' }, sort: true, list: true },
    { key: 'investor', type: 'text', label: { vi: 'Chủ đầu tư', en: 'Investor' }, required: true, filter: true, maxLength: 300 },
    { key: 'location', type: 'text', label: { vi: 'Địa điểm', en: 'Location' }, maxLength: 300 },
    {
      key: 'progress', type: 'rows', label: { vi: 'Tiến độ thực hiện', en: 'Progress updates' }, maxItems: 100,
      fields: [
        { key: 'date', type: 'date', label: { vi: 'Ngày', en: 'Date' }, required: true },
        { key: 'percent', type: 'number', label: { vi: 'Tỷ lệ hoàn thành (%)', en: 'Done (%)' }, required: true, min: 0, max: 100 },
        { key: 'text', type: 'longtext', label: { vi: 'Nội dung', en: 'Update' }, maxLength: 2000 },
        { key: 'pictures', type: 'pictures', label: { vi: 'Hình ảnh', en: 'Pictures' }, maxItems: 10 },
      ],
    },
    { key: 'documents', type: 'documents', label: { vi: 'Văn bản liên quan', en: 'Related documents' } },
  ],
  defaultSort: { field: 'published', direction: 'desc' },
  rules: projectRules,
  sources: ['000 Đ7.2.2', '003 Đ8.7', '004 Đ6.3', 'Luật 104/2016/QH13 Đ17'],
};
