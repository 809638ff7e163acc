// Công khai theo Luật Thực hiện dân chủ ở cơ sở (national-rules "Communes:
// the 14 groups of information of the Grassroots Democracy Law 10/2022 Art.
// 11"). The seeds do not quote the article; the groups below follow its
// clauses as commonly summarised (cited "Luật 10/2022/QH15 Đ11"). Each entry
// records one disclosure: its group, the quarter, when, how and where; the
// public list filtered by quarter is the commune's quarterly disclosure log.
import type { KindRuleInput, SectionKind } from '../declaration.ts';
import { kindProblem, type KindProblem } from './rule-helpers.ts';

const QUARTER = /^(\d{4})-Q([1-4])$/;

/** "2026-Q4" for a yyyy-mm-dd day. */
export function quarterOf(day: string): string {
  return `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
}

function grassrootsRules({ values }: KindRuleInput): KindProblem[] {
  const problems: KindProblem[] = [];
  const quarter = values.quarter as string | undefined;
  const day = values.disclosedOn as string | undefined;
  if (quarter && !QUARTER.test(quarter)) problems.push(kindProblem('invalid_quarter', 'quarter', 'Quý ghi theo dạng năm-Q số quý, ví dụ 2026-Q4.', 'Write the quarter as year-Q number, e.g. 2026-Q4.'));
  else if (quarter && day && quarter > quarterOf(day)) problems.push(kindProblem('quarter_after_disclosure', 'quarter', 'Không ghi quý sau thời điểm công khai.', 'The quarter cannot be after the disclosure.'));
  return problems;
}

const group = (value: string, vi: string, en: string) => ({ value, label: { vi, en } });

export const grassrootsDisclosure: SectionKind = {
  key: 'grassroots_disclosure',
  label: { vi: 'Công khai dân chủ ở cơ sở', en: 'Grassroots democracy disclosure' },
  plural: { vi: 'Công khai thông tin theo Luật Thực hiện dân chủ ở cơ sở', en: 'Grassroots democracy disclosures' },
  description: { vi: 'Những nội dung chính quyền cấp xã công khai theo Điều 11 Luật Thực hiện dân chủ ở cơ sở; lọc theo quý để xem sổ công khai của quý.', en: 'What the commune discloses under Art. 11 of the Grassroots Democracy Law; filter by quarter for the quarter’s disclosure log.' },
  path: 'cong-khai-dan-chu-co-so',
  titleLabel: { vi: 'Nội dung công khai', en: 'What is disclosed' },
  summary: true,
  body: true,
  attachments: true,
  fields: [
    {
      key: 'group', type: 'choice', label: { vi: 'Nhóm thông tin', en: 'Information group' }, required: true, filter: true, list: true,
      choices: [
        group('policy', 'Chính sách, pháp luật liên quan trực tiếp đến người dân', 'Policies and laws directly concerning residents'),
        group('plans', 'Kế hoạch phát triển kinh tế – xã hội của xã', 'Socio-economic plans of the commune'),
        group('budget', 'Dự toán, thực hiện, quyết toán ngân sách xã', 'Commune budget estimates, execution and settlement'),
        group('investment', 'Chương trình, dự án, công trình đầu tư trên địa bàn', 'Investment programmes, projects and works'),
        group('land', 'Quy hoạch, kế hoạch sử dụng đất; thu hồi đất, bồi thường, tái định cư', 'Land use planning; acquisition, compensation and resettlement'),
        group('social_support', 'Đối tượng, mức hỗ trợ chính sách xã hội; hộ nghèo, cận nghèo', 'Social support recipients and amounts; poor households'),
        group('fees', 'Phí, lệ phí và các khoản thu do xã trực tiếp thu', 'Fees and charges the commune collects'),
        group('contributions', 'Các khoản huy động, đóng góp của Nhân dân', 'Contributions raised from residents'),
        group('procedures', 'Thủ tục hành chính và kết quả giải quyết', 'Administrative procedures and their handling'),
        group('consultation', 'Kết quả tiếp thu ý kiến Nhân dân', 'Results of consulting residents'),
        group('inspection', 'Kết quả thanh tra, kiểm tra, giải quyết khiếu nại, tố cáo', 'Inspections, complaints and denunciations'),
        group('elections', 'Kết quả bầu cử, bầu trưởng thôn, tổ trưởng tổ dân phố', 'Election results, village heads'),
        group('organisation', 'Tổ chức bộ máy, nhiệm vụ và người tiếp dân của xã', 'Organisation, duties and who receives residents'),
        group('other', 'Nội dung khác theo quy định', 'Other information required by law'),
      ],
    },
    { key: 'quarter', type: 'text', label: { vi: 'Quý', en: 'Quarter' }, hint: { vi: 'Ví dụ 2026-Q4.', en: 'E.g. 2026-Q4.' }, required: true, filter: true, sort: true, list: true, maxLength: 7 },
    { key: 'disclosedOn', type: 'date', label: { vi: 'Ngày công khai', en: 'Disclosed on' }, required: true, filter: true, sort: true, list: true },
    {
      key: 'form', type: 'choices', label: { vi: 'Hình thức công khai', en: 'Form' }, required: true, filter: true, list: true,
      choices: [
        group('notice_board', 'Niêm yết tại trụ sở', 'Posted at the office'),
        group('loudspeaker', 'Loa truyền thanh', 'Public loudspeakers'),
        group('website', 'Trang thông tin điện tử', 'Website'),
        group('meeting', 'Hội nghị, họp thôn, tổ dân phố', 'Meetings of villages and residential groups'),
        group('document', 'Văn bản gửi thôn, tổ dân phố', 'Letters to villages'),
        group('other', 'Hình thức khác', 'Other'),
      ],
    },
    { key: 'place', type: 'text', label: { vi: 'Nơi niêm yết', en: 'Place' }, maxLength: 300 },
    { key: 'duration', type: 'text', label: { vi: 'Thời hạn niêm yết', en: 'Posted for' }, hint: { vi: 'Ví dụ: 30 ngày.', en: 'E.g. 30 days.' }, maxLength: 100 },
    { key: 'files', type: 'files', label: { vi: 'Tệp công khai', en: 'Files' } },
  ],
  defaultSort: { field: 'disclosedOn', direction: 'desc' },
  levels: ['commune'],
  rules: grassrootsRules,
  sources: ['Luật 10/2022/QH15 Đ11', 'Luật 10/2022/QH15 Đ13(1)'],
};
