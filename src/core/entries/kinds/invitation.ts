// Giấy mời họp: the signed invitation to a meeting, published as soon as it is
// issued (002 Đ10.4, Đ11.1.c), with its files, and linked to the week of the
// work schedule the meeting is in: the invitation points at the week; the
// week view finds the invitations that point at it and puts each on its row.
import type { KindRuleInput, SectionKind } from '../declaration.ts';
import { vietnamDate } from '../../time.ts';
import { dayMonthYear } from '../iso-week.ts';

function invitationRules({ values }: KindRuleInput) {
  const issued = typeof values.issuedOn === 'string' ? values.issuedOn : null;
  const meeting = typeof values.meetingAt === 'string' ? vietnamDate(new Date(values.meetingAt)) : null;
  if (issued && meeting && issued > meeting) {
    return [{ code: 'issued_after_meeting', field: 'f.issuedOn', vi: `Ngày ban hành (${dayMonthYear(issued)}) không thể sau ngày họp (${dayMonthYear(meeting)}).`, en: 'The invitation cannot be issued after the meeting.' }];
  }
  return [];
}

export const invitation: SectionKind = {
  key: 'invitation',
  label: { vi: 'Giấy mời', en: 'Meeting invitation' },
  plural: { vi: 'Giấy mời họp', en: 'Meeting invitations' },
  description: { vi: 'Giấy mời họp, làm việc đã ký phát hành, kèm tài liệu, gắn với lịch công tác tuần.', en: 'Signed invitations to meetings, with their papers, linked to the weekly schedule.' },
  path: 'giay-moi',
  titleLabel: { vi: 'Trích yếu (về việc)', en: 'Subject' },
  summary: true,
  body: false,
  attachments: false,
  fields: [
    { key: 'number', type: 'text', label: { vi: 'Số giấy mời', en: 'Number' }, hint: { vi: 'Ví dụ: 215/GM-UBND.', en: 'E.g. 215/GM-UBND.' }, filter: true, list: true, maxLength: 60 },
    { key: 'issuedOn', type: 'date', label: { vi: 'Ngày ban hành', en: 'Issued on' }, sort: true },
    { key: 'meetingAt', type: 'datetime', label: { vi: 'Thời gian họp', en: 'Meeting time' }, required: true, filter: true, sort: true, list: true },
    { key: 'place', type: 'text', label: { vi: 'Địa điểm', en: 'Place' }, required: true, list: true, maxLength: 300 },
    { key: 'chair', type: 'text', label: { vi: 'Chủ trì', en: 'Chair' }, maxLength: 300 },
    { key: 'participants', type: 'longtext', label: { vi: 'Thành phần mời', en: 'Invited' }, maxLength: 3000 },
    { key: 'content', type: 'longtext', label: { vi: 'Nội dung', en: 'Content' }, maxLength: 5000 },
    { key: 'attachments', type: 'files', label: { vi: 'Tài liệu kèm theo', en: 'Papers' }, maxItems: 20 },
    { key: 'scheduleWeek', type: 'entries', entryKind: 'schedule_week', label: { vi: 'Thuộc lịch công tác tuần', en: 'In the weekly schedule' }, filter: true, maxItems: 1 },
  ],
  defaultSort: { field: 'meetingAt', direction: 'desc' },
  rules: invitationRules,
  sources: ['002 Đ10.4', '002 Đ11.1.c'],
};
