// Đấu thầu, mua sắm công (003 Đ8.7, 000 Đ7.2.2; Luật 104/2016 Đ17(1)(e)):
// bidding plans, invitations and results. An invitation to bid needs its
// closing time, which cannot fall before the notice; once the notice's period
// is over it leaves the current list and stays in the archive.
import type { KindRuleInput, SectionKind } from '../declaration.ts';
import type { DateRangeValue } from '../values.ts';
import { formatDate as viDate, vietnamDate } from '../../time.ts';
import { kindProblem, type KindProblem } from './rule-helpers.ts';

function procurementRules({ values, complete }: KindRuleInput): KindProblem[] {
  const problems: KindProblem[] = [];
  const notice = values.noticeDate as string | undefined;
  const closing = values.closingAt as string | undefined;
  if (notice && closing && vietnamDate(new Date(closing)) < notice) {
    problems.push(kindProblem('closing_before_notice', 'closingAt', `Thời điểm đóng thầu không được trước ngày đăng thông báo (${viDate(notice)}).`, 'The bid closing time cannot be before the notice date.'));
  }
  // An invitation stays in the current list until bids close.
  const until = (values.validity as DateRangeValue | undefined)?.to;
  if (closing && until && until < vietnamDate(new Date(closing))) {
    problems.push(kindProblem('validity_before_closing', 'validity', `Thời gian đăng tải phải kéo dài đến ngày đóng thầu (${viDate(vietnamDate(new Date(closing)))}).`, 'The notice must stay posted until bids close.'));
  }
  if (complete && values.noticeType === 'invitation' && !closing) {
    problems.push(kindProblem('closing_required', 'closingAt', 'Thông báo mời thầu cần có thời điểm đóng thầu.', 'An invitation to bid needs its closing time.'));
  }
  if (complete && values.noticeType === 'result' && !values.winner) {
    problems.push(kindProblem('winner_required', 'winner', 'Thông báo kết quả lựa chọn nhà thầu cần ghi nhà thầu trúng thầu.', 'A result notice names the winning bidder.'));
  }
  return problems;
}

export const procurement: SectionKind = {
  key: 'procurement',
  label: { vi: 'Thông báo đấu thầu', en: 'Procurement notice' },
  plural: { vi: 'Đấu thầu, mua sắm công', en: 'Procurement and bidding' },
  description: { vi: 'Kế hoạch lựa chọn nhà thầu, thông báo mời thầu và kết quả lựa chọn nhà thầu; thông báo hết hạn vẫn còn trong mục lưu trữ.', en: 'Bidding plans, invitations to bid and results; expired notices stay in the archive.' },
  path: 'dau-thau',
  titleLabel: { vi: 'Tiêu đề thông báo', en: 'Notice title' },
  summary: true,
  body: true,
  attachments: true,
  fields: [
    {
      key: 'noticeType', type: 'choice', label: { vi: 'Loại thông báo', en: 'Notice type' }, required: true, filter: true, list: true,
      choices: [
        { value: 'plan', label: { vi: 'Kế hoạch lựa chọn nhà thầu', en: 'Contractor selection plan' } },
        { value: 'interest', label: { vi: 'Thông báo mời quan tâm', en: 'Expression of interest' } },
        { value: 'prequalification', label: { vi: 'Thông báo mời sơ tuyển', en: 'Prequalification' } },
        { value: 'invitation', label: { vi: 'Thông báo mời thầu', en: 'Invitation to bid' } },
        { value: 'result', label: { vi: 'Kết quả lựa chọn nhà thầu', en: 'Contractor selection result' } },
        { value: 'cancellation', label: { vi: 'Thông báo hủy thầu', en: 'Cancellation' } },
      ],
    },
    { key: 'packageName', type: 'text', label: { vi: 'Tên gói thầu', en: 'Package' }, required: true, list: true, maxLength: 500 },
    { key: 'project', type: 'entries', entryKind: 'project', label: { vi: 'Thuộc dự án', en: 'Project' }, filter: true, maxItems: 1 },
    { key: 'procuringEntity', type: 'text', label: { vi: 'Bên mời thầu', en: 'Procuring entity' }, required: true, maxLength: 300 },
    {
      key: 'method', type: 'choice', label: { vi: 'Hình thức lựa chọn nhà thầu', en: 'Selection method' }, filter: true,
      choices: [
        { value: 'open', label: { vi: 'Đấu thầu rộng rãi', en: 'Open bidding' } },
        { value: 'limited', label: { vi: 'Đấu thầu hạn chế', en: 'Limited bidding' } },
        { value: 'direct', label: { vi: 'Chỉ định thầu', en: 'Direct appointment' } },
        { value: 'shopping', label: { vi: 'Chào hàng cạnh tranh', en: 'Competitive shopping' } },
        { value: 'direct_procurement', label: { vi: 'Mua sắm trực tiếp', en: 'Direct procurement' } },
        { value: 'self', label: { vi: 'Tự thực hiện', en: 'Self-performance' } },
        { value: 'community', label: { vi: 'Tham gia thực hiện của cộng đồng', en: 'Community participation' } },
      ],
    },
    { key: 'noticeDate', type: 'date', label: { vi: 'Ngày đăng thông báo', en: 'Notice date' }, required: true, filter: true, sort: true, list: true },
    { key: 'closingAt', type: 'datetime', label: { vi: 'Thời điểm đóng thầu', en: 'Bid closing' }, hint: { vi: 'Bắt buộc với thông báo mời thầu; giờ Việt Nam.', en: 'Required for an invitation to bid; Vietnam time.' }, sort: true, list: true },
    { key: 'estimatedPrice', type: 'money', label: { vi: 'Giá gói thầu (đồng)', en: 'Estimated price (VND)' }, sort: true },
    { key: 'winner', type: 'text', label: { vi: 'Nhà thầu trúng thầu', en: 'Winning bidder' }, maxLength: 300 },
    { key: 'contractPrice', type: 'money', label: { vi: 'Giá trúng thầu (đồng)', en: 'Contract price (VND)' } },
    { key: 'validity', type: 'daterange', label: { vi: 'Thời gian đăng tải', en: 'Posted' }, hint: { vi: 'Hết hạn thì thông báo rời danh sách hiện hành, vẫn còn trong mục lưu trữ.', en: 'When it ends the notice leaves the current list and stays in the archive.' }, required: true, filter: true },
    { key: 'link', type: 'link', label: { vi: 'Trên Hệ thống mạng đấu thầu quốc gia', en: 'On the national e-procurement system' } },
  ],
  defaultSort: { field: 'noticeDate', direction: 'desc' },
  validity: { field: 'validity' },
  levels: ['province', 'department', 'district'],
  rules: procurementRules,
  sources: ['003 Đ8.7', '000 Đ7.2.2', 'Luật 104/2016/QH13 Đ17(1)(e)'],
};
