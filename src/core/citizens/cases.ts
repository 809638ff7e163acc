// Citizens' cases (ý kiến của người dân): the four kinds that share one intake,
// one routing and one answer chain, their statuses, and their tracking codes.
// Pure: no I/O.
import { randomInt } from 'node:crypto';
import type { Lang } from '../../ui/i18n.ts';

export const CASE_KINDS = [
  'question', // Hỏi – đáp: "Công dân, doanh nghiệp hỏi – Cơ quan nhà nước trả lời"
  'petition', // Phản ánh, kiến nghị về quy định hành chính (Nghị định 20/2008/NĐ-CP)
  'info_request', // Yêu cầu cung cấp thông tin (Luật Tiếp cận thông tin 104/2016/QH13)
  'correction_claim', // Đề nghị đính chính thông tin đã công khai (Luật 104/2016, Điều 22)
] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

export function isCaseKind(value: unknown): value is CaseKind {
  return typeof value === 'string' && (CASE_KINDS as readonly string[]).includes(value);
}

export const CASE_KIND_NAMES: Record<CaseKind, Record<Lang, string>> = {
  question: { vi: 'Câu hỏi', en: 'Question' },
  petition: { vi: 'Phản ánh, kiến nghị', en: 'Feedback or petition' },
  info_request: { vi: 'Yêu cầu cung cấp thông tin', en: 'Information request' },
  correction_claim: { vi: 'Đề nghị đính chính thông tin', en: 'Correction claim' },
};

export const CASE_STATUSES = [
  'received', // in the secretariat's intake queue
  'assigned', // sent to a unit, receipt not yet recorded
  'in_progress', // the unit recorded receipt and is drafting the answer
  'in_review', // the answer is in its approval chain
  'approved', // the answer passed the chain, awaiting sending / publication
  'answered', // the answer was sent (and published when it is public)
  'refused', // spam, out of scope, or a reasoned refusal (information requests)
  'forwarded', // beyond the board's authority: sent to the owning agency or another body
  'merged', // a duplicate, merged into another case
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Statuses after which nothing more is done with a case (retention counts from closed_at). */
export const CLOSED_STATUSES: readonly CaseStatus[] = ['answered', 'refused', 'forwarded', 'merged'];

export function isClosed(status: string): boolean {
  return (CLOSED_STATUSES as readonly string[]).includes(status);
}

export const CASE_STATUS_NAMES: Record<CaseStatus, Record<Lang, string>> = {
  received: { vi: 'Đã tiếp nhận', en: 'Received' },
  assigned: { vi: 'Đã chuyển đơn vị xử lý', en: 'Assigned to a unit' },
  in_progress: { vi: 'Đơn vị đang xử lý', en: 'Being handled' },
  in_review: { vi: 'Đang duyệt câu trả lời', en: 'Answer under review' },
  approved: { vi: 'Đã duyệt câu trả lời', en: 'Answer approved' },
  answered: { vi: 'Đã trả lời', en: 'Answered' },
  refused: { vi: 'Không tiếp nhận / từ chối', en: 'Refused' },
  forwarded: { vi: 'Đã chuyển cơ quan có thẩm quyền', en: 'Forwarded' },
  merged: { vi: 'Đã gộp với ý kiến trùng', en: 'Merged with a duplicate' },
};

/** Letters and digits that cannot be mistaken for one another when read aloud or typed from paper. */
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const KIND_PREFIX: Record<CaseKind, string> = { question: 'HD', petition: 'PA', info_request: 'TT', correction_claim: 'DC' };

/** A tracking code such as "HD-7K3Q-9PXM": kind prefix and 8 random characters (~40 bits). */
export function newTrackingCode(kind: CaseKind, random: (max: number) => number = randomInt): string {
  let chars = '';
  for (let i = 0; i < 8; i++) chars += CODE_ALPHABET[random(CODE_ALPHABET.length)];
  return `${KIND_PREFIX[kind]}-${chars.slice(0, 4)}-${chars.slice(4)}`;
}

/** The canonical form of a code a person typed ("hd 7k3q 9pxm" → "HD-7K3Q-9PXM"), or null when it cannot be one. */
export function normalizeTrackingCode(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s-]+/g, '');
  if (!/^(HD|PA|TT|DC)[2-9A-HJKMNP-Z]{8}$/.test(compact)) return null;
  return `${compact.slice(0, 2)}-${compact.slice(2, 6)}-${compact.slice(6)}`;
}
