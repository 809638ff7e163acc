// Drafts open for comment (lấy ý kiến dự thảo): what a consultation is, the
// phase it is in on a given day, and the checks of its fields. Pure: no I/O.
import type { Problem } from '../../core/errors.ts';
import { addDays, isIsoDate, parseDateInput } from '../../core/time.ts';
import type { ConsultationCommentRow, ConsultationRow } from '../../platform/db/schema.ts';

/** Stored status; open and closed follow from the dates. */
export type ConsultationStatus = 'draft' | 'published' | 'concluded';
/** What a consultation is on a given day. */
export type Phase = 'draft' | 'scheduled' | 'open' | 'closed' | 'concluded';
export const PHASES: readonly Phase[] = ['draft', 'scheduled', 'open', 'closed', 'concluded'];

export type CommentStatus = 'pending' | 'approved' | 'rejected';
export const COMMENT_STATUSES: readonly CommentStatus[] = ['pending', 'approved', 'rejected'];
/** The drafting agency's response: tiếp thu (accepted) or giải trình (explained). */
export type ResponseKind = 'accepted' | 'explained';
export const RESPONSE_KINDS: readonly ResponseKind[] = ['accepted', 'explained'];

/** Files of a draft: PDF and Word (and its open sibling ODT), decided by content. */
export const DRAFT_FILE_EXTS: readonly string[] = ['pdf', 'docx', 'doc', 'odt'];

export const LIMITS = { title: 500, agency: 300, summary: 3000, body: 500_000, contact: 1000, parts: 200, part: 200, summaryHtml: 200_000 } as const;
export const COMMENT_LIMITS = { name: 120, organisation: 300, body: 10_000, note: 1000, response: 10_000 } as const;

export function phaseOf(row: Pick<ConsultationRow, 'status' | 'opens_on' | 'closes_on'>, today: string): Phase {
  if (row.status === 'concluded') return 'concluded';
  if (row.status !== 'published') return 'draft';
  if (today < row.opens_on) return 'scheduled';
  return today <= row.closes_on ? 'open' : 'closed';
}

/** Whether the public may see it on that day: published (or concluded) and opened. */
export function isPublicOn(row: Pick<ConsultationRow, 'status' | 'opens_on' | 'closes_on' | 'deleted_at'>, today: string): boolean {
  const phase = phaseOf(row, today);
  return row.deleted_at === null && (phase === 'open' || phase === 'closed' || phase === 'concluded');
}

/** Whole days from `today` to the closing date (0 on the last day). */
export function daysLeft(closesOn: string, today: string): number {
  let n = 0;
  for (let d = today; d < closesOn && n < 10_000; d = addDays(d, 1)) n += 1;
  return n;
}

export interface ConsultationInput {
  title: string;
  docType: string;
  draftingAgency: string;
  summary: string;
  /** HTML as typed; sanitised by the use case. */
  bodyHtml: string;
  parts: string[];
  attachmentIds: number[];
  contact: string;
  /** 'YYYY-MM-DD' or dd/mm/yyyy as typed; '' when not given. */
  opensOn: string;
  closesOn: string;
}

export function parseParts(text: string): string[] {
  const seen = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const part = line.replace(/\s+/g, ' ').trim();
    if (part) seen.add(part);
  }
  return [...seen];
}

export function partsOf(row: Pick<ConsultationRow, 'parts'>): string[] {
  const parsed = JSON.parse(row.parts) as unknown;
  return Array.isArray(parsed) ? parsed.filter((p): p is string => typeof p === 'string') : [];
}

export function attachmentIdsOf(row: Pick<ConsultationRow, 'attachment_ids'>): number[] {
  const parsed = JSON.parse(row.attachment_ids) as unknown;
  return Array.isArray(parsed) ? parsed.filter((p): p is number => Number.isSafeInteger(p)) : [];
}

export function inputOfRow(row: ConsultationRow): ConsultationInput {
  return {
    title: row.title,
    docType: row.doc_type ?? '',
    draftingAgency: row.drafting_agency,
    summary: row.summary,
    bodyHtml: row.body ?? '',
    parts: partsOf(row),
    attachmentIds: attachmentIdsOf(row),
    contact: row.contact,
    opensOn: row.opens_on,
    closesOn: row.closes_on,
  };
}

const len = (s: string) => [...s].length;

/**
 * Problems of the fields themselves (the period's minimum, the files and the
 * catalogue are checked by the use case, which reads them).
 */
export function fieldProblems(p: ConsultationInput, docTypes: readonly string[]): { problems: Problem[]; opensOn: string | null; closesOn: string | null } {
  const problems: Problem[] = [];
  const need = (field: string, value: string, vi: string, en: string, max: number) => {
    if (!value.trim()) problems.push({ code: 'required', field, vi: `Vui lòng nhập ${vi}.`, en: `Please enter ${en}.` });
    else if (len(value) > max) problems.push({ code: 'too_long', field, vi: `${vi[0]!.toUpperCase()}${vi.slice(1)} không được dài quá ${max} ký tự.`, en: `${en[0]!.toUpperCase()}${en.slice(1)} must be at most ${max} characters.` });
  };
  need('title', p.title, 'tên dự thảo', 'the title of the draft', LIMITS.title);
  need('draftingAgency', p.draftingAgency, 'cơ quan chủ trì soạn thảo', 'the drafting agency', LIMITS.agency);
  need('summary', p.summary, 'tóm tắt nội dung dự thảo', 'a summary of the draft', LIMITS.summary);
  need('contact', p.contact, 'địa chỉ, điện thoại, thư điện tử của đơn vị tiếp nhận ý kiến', 'the receiving unit\'s address, phone and e-mail', LIMITS.contact);
  if (!p.docType) problems.push({ code: 'required', field: 'docType', vi: 'Vui lòng chọn loại văn bản.', en: 'Please choose the type of document.' });
  else if (!docTypes.includes(p.docType)) problems.push({ code: 'invalid_choice', field: 'docType', vi: 'Loại văn bản không có trong danh mục của trang.', en: 'The document type is not in the site\'s catalogue.' });
  if (len(p.bodyHtml) > LIMITS.body) problems.push({ code: 'too_long', field: 'body', vi: `Toàn văn dự thảo quá dài (tối đa ${LIMITS.body} ký tự); hãy đính kèm tệp.`, en: `The full text is too long (at most ${LIMITS.body} characters); attach a file instead.` });
  if (p.parts.length > LIMITS.parts) problems.push({ code: 'too_many', field: 'parts', vi: `Tối đa ${LIMITS.parts} phần để góp ý.`, en: `At most ${LIMITS.parts} parts.` });
  const longPart = p.parts.findIndex((x) => len(x) > LIMITS.part);
  if (longPart >= 0) problems.push({ code: 'too_long', field: 'parts', vi: `Dòng ${longPart + 1}: mỗi phần tối đa ${LIMITS.part} ký tự.`, en: `Line ${longPart + 1}: each part is at most ${LIMITS.part} characters.` });
  const date = (field: string, value: string, vi: string, en: string): string | null => {
    if (!value.trim()) {
      problems.push({ code: 'required', field, vi: `Vui lòng nhập ${vi}.`, en: `Please enter ${en}.` });
      return null;
    }
    const parsed = parseDateInput(value);
    if (!parsed || !isIsoDate(parsed)) {
      problems.push({ code: 'invalid_date', field, vi: `${vi[0]!.toUpperCase()}${vi.slice(1)} phải là ngày hợp lệ (ngày/tháng/năm).`, en: `${en[0]!.toUpperCase()}${en.slice(1)} must be a valid date.` });
      return null;
    }
    return parsed;
  };
  const opensOn = date('opensOn', p.opensOn, 'ngày bắt đầu lấy ý kiến', 'the opening date');
  const closesOn = date('closesOn', p.closesOn, 'ngày kết thúc lấy ý kiến', 'the closing date');
  if (opensOn && closesOn && closesOn <= opensOn) {
    problems.push({ code: 'closes_before_opening', field: 'closesOn', vi: 'Ngày kết thúc phải sau ngày bắt đầu lấy ý kiến.', en: 'The closing date must be after the opening date.' });
  }
  return { problems, opensOn, closesOn };
}

/** Comments as the public page numbers them: approved ones, oldest first. */
export function numberedComments<T extends Pick<ConsultationCommentRow, 'id' | 'status'>>(comments: T[]): (T & { n: number })[] {
  return comments.filter((c) => c.status === 'approved').map((c, i) => ({ ...c, n: i + 1 }));
}
