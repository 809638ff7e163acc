// The kind-specific part of a citizen's case, kept as JSON in citizen_cases.details:
// what a petition is about, what an information request (Decree 13/2018 form 01a)
// asks for and how it is to be delivered, which published item a correction
// claim concerns. Also how to show those details to the people who handle the case.
import type { CaseKind } from '../../core/citizens/index.ts';
import type { Lang } from '../../ui/i18n.ts';

export interface PetitionDetails {
  /** The administrative regulation concerned (name, number, article). */
  regulation: string;
  /** What the petitioner proposes. */
  proposal: string;
}

export const DELIVERY_FORMS = ['office', 'post', 'email', 'online'] as const;
export type DeliveryForm = (typeof DELIVERY_FORMS)[number];
/** The most copies one information request may ask for. */
export const MAX_COPIES = 100;

export const DELIVERY_NAMES: Record<DeliveryForm, Record<Lang, string>> = {
  office: { vi: 'Nhận trực tiếp tại trụ sở cơ quan', en: 'Collect at the agency’s office' },
  post: { vi: 'Gửi qua dịch vụ bưu chính', en: 'By post' },
  email: { vi: 'Gửi qua thư điện tử', en: 'By e-mail' },
  online: { vi: 'Cung cấp trên mạng điện tử (đường dẫn tải về)', en: 'Electronically (a download link)' },
};

export interface InfoRequestDetails {
  /** Date and place of issue of the identity document (optional on form 01a). */
  idIssued: string | null;
  docName: string | null;
  docNumber: string | null;
  docDate: string | null;
  docIssuer: string | null;
  description: string | null;
  purpose: string;
  copies: number;
  delivery: DeliveryForm;
  deliveryAddress: string | null;
}

export interface CorrectionClaimDetails {
  /** The address of the page concerned, as a path on this site. */
  url: string;
  /** Its title when it is a published item of this site. */
  itemTitle: string | null;
  wrong: string;
  correction: string;
}

export type CaseDetails = Partial<PetitionDetails & InfoRequestDetails & CorrectionClaimDetails>;

export function parseCaseDetails(json: string | null | undefined): CaseDetails {
  try {
    const value = JSON.parse(json ?? '{}') as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as CaseDetails) : {};
  } catch {
    return {};
  }
}

const LABELS: Record<string, Record<Lang, string>> = {
  regulation: { vi: 'Quy định hành chính được phản ánh', en: 'Regulation concerned' },
  proposal: { vi: 'Đề xuất, kiến nghị', en: 'Proposal' },
  idIssued: { vi: 'Ngày cấp, nơi cấp giấy tờ tùy thân', en: 'Identity document issued (date, place)' },
  docName: { vi: 'Tên văn bản, hồ sơ, tài liệu', en: 'Name of the document or record' },
  docNumber: { vi: 'Số, ký hiệu', en: 'Number' },
  docDate: { vi: 'Ngày, tháng, năm ban hành', en: 'Date of issue' },
  docIssuer: { vi: 'Cơ quan ban hành', en: 'Issuing body' },
  description: { vi: 'Mô tả thông tin cần cung cấp', en: 'Description of the information' },
  purpose: { vi: 'Mục đích yêu cầu', en: 'Purpose of the request' },
  copies: { vi: 'Số lượng bản', en: 'Number of copies' },
  delivery: { vi: 'Hình thức nhận thông tin', en: 'Form of delivery' },
  deliveryAddress: { vi: 'Địa chỉ nhận thông tin', en: 'Delivery address' },
  url: { vi: 'Trang có thông tin cần đính chính', en: 'Page concerned' },
  itemTitle: { vi: 'Tin, bài liên quan', en: 'Item concerned' },
  wrong: { vi: 'Thông tin sai, không chính xác', en: 'What is wrong' },
  correction: { vi: 'Đề nghị đính chính thành', en: 'Proposed correction' },
};

const ORDER: Record<CaseKind, (keyof CaseDetails)[]> = {
  question: [],
  petition: ['regulation', 'proposal'],
  info_request: ['idIssued', 'docName', 'docNumber', 'docDate', 'docIssuer', 'description', 'purpose', 'copies', 'delivery', 'deliveryAddress'],
  correction_claim: ['url', 'itemTitle', 'wrong', 'correction'],
};

/**
 * The details of a case as label/value lines, in the order of the form, for
 * the back office. The delivery address is personal data: show these lines
 * only to the people who handle the case, never on a public page.
 */
export function detailLines(kind: CaseKind, json: string | null | undefined, lang: Lang): { key: string; label: string; value: string }[] {
  const d = parseCaseDetails(json) as Record<string, unknown>;
  const lines: { key: string; label: string; value: string }[] = [];
  for (const key of ORDER[kind]) {
    const raw = d[key];
    if (raw === null || raw === undefined || raw === '') continue;
    const value = key === 'delivery' && typeof raw === 'string' && raw in DELIVERY_NAMES ? DELIVERY_NAMES[raw as DeliveryForm][lang] : String(raw);
    lines.push({ key, label: LABELS[key]![lang], value });
  }
  return lines;
}
