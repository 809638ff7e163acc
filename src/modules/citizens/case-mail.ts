// E-mails to the person who sent a case: what became of it (forwarded, merged,
// refused, answered, corrected, handed over by a site that stopped operating)
// and, for information requests, the notice and the extension of the deadline. Only to the e-mail address they gave: a
// requester who left only a phone number gets no mail. Sent after commit.
import { CASE_KIND_NAMES, type CaseKind } from '../../core/citizens/index.ts';
import { formatDateTime } from '../../core/time.ts';
import type { CitizenCaseRow } from '../../platform/db/schema.ts';
import type { Mailer } from '../../platform/mail.ts';
import { format, type Lang } from '../../ui/i18n.ts';
import { paths } from '../public/site-view.ts';
import type { Site } from '../sites/site.ts';
import { parseDetails } from './store.ts';

export type CaseMailKind = 'forwarded' | 'merged' | 'refused' | 'notice' | 'extended' | 'answered' | 'corrected' | 'handed_over';

const TEMPLATES: Record<Lang, Record<CaseMailKind, { subject: string; body: string }>> = {
  vi: {
    forwarded: {
      subject: '{kind} {code} đã được chuyển đến cơ quan có thẩm quyền',
      body: '{kind} «{title}» (mã {code}) vượt quá thẩm quyền của {agency} nên đã được chuyển đến: {to}.\n\nLý do: {reason}',
    },
    merged: {
      subject: '{kind} {code} được gộp với ý kiến {other}',
      body: '{kind} «{title}» (mã {code}) trùng nội dung với ý kiến mã {other} nên đã được gộp vào ý kiến đó. Vui lòng theo dõi kết quả bằng mã {other}.{note}',
    },
    refused: {
      subject: '{kind} {code} không được tiếp nhận',
      body: '{agency} không tiếp nhận {kindLower} «{title}» (mã {code}).\n\nLý do: {reason}',
    },
    notice: {
      subject: 'Thông báo về thời hạn giải quyết yêu cầu {code}',
      body: 'Yêu cầu cung cấp thông tin «{title}» (mã {code}) cần thêm thời gian để xem xét, tìm kiếm, tập hợp thông tin. {agency} sẽ trả lời chậm nhất vào {due}.',
    },
    extended: {
      subject: 'Gia hạn thời hạn giải quyết yêu cầu {code}',
      body: 'Thời hạn giải quyết yêu cầu cung cấp thông tin «{title}» (mã {code}) được gia hạn đến {due}.\n\nLý do: {reason}',
    },
    answered: {
      subject: 'Trả lời {kindLower} {code}',
      body: '{agency} trả lời {kindLower} «{title}» (mã {code}) như sau:\n\n{answer}{files}',
    },
    corrected: {
      subject: 'Đã đính chính thông tin theo đề nghị {code}',
      body: 'Đề nghị đính chính «{title}» (mã {code}) đã được chấp nhận. Thông tin đã được đính chính tại: {link}\n\n{answer}',
    },
    handed_over: {
      subject: '{kind} {code} được chuyển giao cho {agency}',
      body: '{from} đã ngừng hoạt động. {kind} «{title}» (mã {code}) của Ông/Bà được chuyển giao cho {agency} tiếp tục giải quyết; mã tra cứu và thời hạn trả lời theo quy định được giữ nguyên.',
    },
  },
  en: {
    forwarded: {
      subject: '{kind} {code} was forwarded to the competent body',
      body: 'Your {kindLower} “{title}” (code {code}) is beyond the authority of {agency} and was forwarded to: {to}.\n\nReason: {reason}',
    },
    merged: {
      subject: '{kind} {code} was merged with {other}',
      body: 'Your {kindLower} “{title}” (code {code}) duplicates case {other} and was merged into it. Please follow it with the code {other}.{note}',
    },
    refused: {
      subject: '{kind} {code} was not accepted',
      body: '{agency} did not accept your {kindLower} “{title}” (code {code}).\n\nReason: {reason}',
    },
    notice: {
      subject: 'When your request {code} will be answered',
      body: 'Your information request “{title}” (code {code}) needs more time to examine, search and gather the information. {agency} will answer by {due}.',
    },
    extended: {
      subject: 'The deadline of your request {code} was extended',
      body: 'The deadline of your information request “{title}” (code {code}) was extended to {due}.\n\nReason: {reason}',
    },
    answered: {
      subject: 'Answer to your {kindLower} {code}',
      body: '{agency} answers your {kindLower} “{title}” (code {code}):\n\n{answer}{files}',
    },
    corrected: {
      subject: 'The information was corrected after your claim {code}',
      body: 'Your correction claim “{title}” (code {code}) was upheld. The correction is published at: {link}\n\n{answer}',
    },
    handed_over: {
      subject: '{kind} {code} was handed over to {agency}',
      body: '{from} no longer operates. Your {kindLower} “{title}” (code {code}) was handed over to {agency}, which continues to handle it; the tracking code and the deadline stay the same.',
    },
  },
};

const FILES_HEADING: Record<Lang, string> = { vi: 'Tệp gửi kèm câu trả lời (tải về bằng đường dẫn):', en: 'Files sent with the answer (download them from these links):' };

const FOOTER: Record<Lang, string> = {
  vi: '\n\nTra cứu tình trạng bằng mã {code} tại: {track}\n\n{site}',
  en: '\n\nFollow it with the code {code} at: {track}\n\n{site}',
};

export interface CaseMailVars {
  reason?: string | null;
  to?: string | null;
  other?: string | null;
  note?: string | null;
  due?: string | null;
  answer?: string | null;
  link?: string | null;
  /** Files sent with the answer. */
  files?: { id: number; name: string }[];
  /** The site that handed the case over. */
  from?: string | null;
}

/** The mail a requester gets, or null when they gave no e-mail address. */
export function requesterMail(site: Site, row: CitizenCaseRow, kind: CaseMailKind, vars: CaseMailVars, linkBase: string | null): { to: string; subject: string; text: string } | null {
  if (!row.requester_email) return null;
  const lang: Lang = parseDetails(row).lang === 'en' ? 'en' : 'vi';
  const kindName = CASE_KIND_NAMES[row.kind as CaseKind]?.[lang] ?? row.kind;
  const agency = lang === 'en' && site.agencyNameEn ? site.agencyNameEn : site.agencyName;
  const values: Record<string, string> = {
    kind: kindName,
    kindLower: lang === 'en' ? kindName.toLowerCase() : kindName.charAt(0).toLowerCase() + kindName.slice(1),
    code: row.tracking_code,
    title: row.title,
    agency,
    site: lang === 'en' && site.nameEn ? site.nameEn : site.name,
    // The link opens the case at once, as the receipt's does.
    track: `${linkBase ?? ''}${paths.track(lang)}?ma=${encodeURIComponent(row.tracking_code)}`,
    reason: vars.reason ?? '',
    to: vars.to ?? '',
    other: vars.other ?? '',
    note: vars.note ? `\n\n${vars.note}` : '',
    due: vars.due ? formatDateTime(vars.due) : '',
    answer: vars.answer ?? '',
    link: vars.link ? `${linkBase ?? ''}${vars.link}` : '',
    from: vars.from ?? '',
    files: vars.files?.length ? `\n\n${FILES_HEADING[lang]}\n${vars.files.map((f) => `- ${f.name}: ${linkBase ?? ''}${paths.trackFile(f.id, row.tracking_code)}`).join('\n')}` : '',
  };
  const template = TEMPLATES[lang][kind];
  return { to: row.requester_email, subject: format(template.subject, values), text: format(template.body, values) + format(FOOTER[lang], values) + '\n' };
}

/** Sends it; a mail problem is returned for logging, never undoes the change already committed. */
export async function mailRequester(mailer: Mailer, site: Site, row: CitizenCaseRow, kind: CaseMailKind, vars: CaseMailVars, linkBase: string | null): Promise<string | null> {
  const mail = requesterMail(site, row, kind, vars, linkBase);
  if (!mail) return null;
  try {
    await mailer.send(mail);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}
