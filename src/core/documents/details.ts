// A legal or guiding document (văn bản quy phạm pháp luật, văn bản chỉ đạo điều
// hành) as the board records it: what a revision of a kind 'document' article
// keeps beside its title (the trích yếu), summary and attachments. Pure.
import type { Problem } from '../errors.ts';
import { isIsoDate } from '../time.ts';
import { fold, toNfc } from '../vietnamese/index.ts';

export const EFFECT_STATUSES = ['not_yet_in_force', 'in_force', 'partly_expired', 'expired'] as const;
export type EffectStatus = (typeof EFFECT_STATUSES)[number];

export const EFFECT_STATUS_LABELS: Record<EffectStatus, { vi: string; en: string }> = {
  not_yet_in_force: { vi: 'Chưa có hiệu lực', en: 'Not yet in force' },
  in_force: { vi: 'Còn hiệu lực', en: 'In force' },
  partly_expired: { vi: 'Hết hiệu lực một phần', en: 'Partly expired' },
  expired: { vi: 'Hết hiệu lực', en: 'Expired' },
};

export const DOCUMENT_LEVELS = ['central', 'provincial', 'local'] as const;
export type DocumentLevel = (typeof DOCUMENT_LEVELS)[number];

export const DOCUMENT_LEVEL_LABELS: Record<DocumentLevel, { vi: string; en: string }> = {
  central: { vi: 'Trung ương', en: 'Central' },
  provincial: { vi: 'Tỉnh', en: 'Provincial' },
  local: { vi: 'Địa phương (xã, phường, đơn vị)', en: 'Local (commune, unit)' },
};

/**
 * Relations as the newer document states them. Each is shown on both sides:
 * A "replaces" B appears on B as "replaced by A".
 */
export const DOCUMENT_RELATIONS = ['replaces', 'partly_repeals', 'amends', 'guides', 'related'] as const;
export type DocumentRelation = (typeof DOCUMENT_RELATIONS)[number];

export const RELATION_LABELS: Record<DocumentRelation, { forward: { vi: string; en: string }; backward: { vi: string; en: string } }> = {
  replaces: { forward: { vi: 'Thay thế', en: 'Replaces' }, backward: { vi: 'Bị thay thế bởi', en: 'Replaced by' } },
  partly_repeals: { forward: { vi: 'Bãi bỏ một phần', en: 'Partly repeals' }, backward: { vi: 'Bị bãi bỏ một phần bởi', en: 'Partly repealed by' } },
  amends: { forward: { vi: 'Sửa đổi, bổ sung', en: 'Amends' }, backward: { vi: 'Được sửa đổi, bổ sung bởi', en: 'Amended by' } },
  guides: { forward: { vi: 'Hướng dẫn', en: 'Guides' }, backward: { vi: 'Được hướng dẫn bởi', en: 'Guided by' } },
  related: { forward: { vi: 'Văn bản liên quan', en: 'Related' }, backward: { vi: 'Văn bản liên quan', en: 'Related' } },
};

/** Document types a site starts with; a site adds its own in settings (documents.types). */
export const DEFAULT_DOCUMENT_TYPES: { key: string; vi: string; en: string }[] = [
  { key: 'luat', vi: 'Luật', en: 'Law' },
  { key: 'nghi-dinh', vi: 'Nghị định', en: 'Decree' },
  { key: 'thong-tu', vi: 'Thông tư', en: 'Circular' },
  { key: 'nghi-quyet', vi: 'Nghị quyết', en: 'Resolution' },
  { key: 'quyet-dinh', vi: 'Quyết định', en: 'Decision' },
  { key: 'chi-thi', vi: 'Chỉ thị', en: 'Directive' },
  { key: 'ke-hoach', vi: 'Kế hoạch', en: 'Plan' },
  { key: 'cong-van', vi: 'Công văn', en: 'Official letter' },
  { key: 'thong-bao', vi: 'Thông báo', en: 'Notice' },
  { key: 'bao-cao', vi: 'Báo cáo', en: 'Report' },
  { key: 'huong-dan', vi: 'Hướng dẫn', en: 'Guidance' },
];

/** Fields (lĩnh vực) a site starts with; a site adds its own in settings (documents.fields). */
export const DEFAULT_DOCUMENT_FIELDS: string[] = [
  'Hành chính', 'Nội vụ', 'Tài chính', 'Đất đai', 'Xây dựng', 'Giáo dục', 'Y tế', 'Giao thông',
  'Nông nghiệp', 'Tài nguyên và môi trường', 'Văn hóa, thể thao và du lịch', 'Lao động, thương binh và xã hội',
  'Tư pháp', 'Công thương', 'Khoa học và công nghệ', 'Thông tin và truyền thông', 'Quốc phòng, an ninh',
];

export interface DocumentRelationRef {
  relation: DocumentRelation;
  /** The related document (an article of kind 'document' on the same site). */
  toArticleId: number;
}

export interface DocumentDetails {
  /** Số/ký hiệu, e.g. "42/2022/NĐ-CP". */
  number: string;
  /** A key of the site's document types. */
  docType: string;
  issuer: string;
  fields: string[];
  level: DocumentLevel;
  signer: string | null;
  /** ISO dates (Vietnam). */
  issuedOn: string;
  effectiveOn: string | null;
  expiresOn: string | null;
  /** Set by hand when the dates and relations do not tell the whole story; with its reason. */
  statusOverride: EffectStatus | null;
  statusNote: string | null;
  relations: DocumentRelationRef[];
}

export interface DocumentCatalogue {
  types: { key: string; vi: string; en: string }[];
  fields: string[];
}

/** The site's catalogue: defaults plus what its settings add (settings.documents.types / fields). */
export function documentCatalogue(settings: Record<string, unknown>): DocumentCatalogue {
  const own = (settings.documents ?? {}) as { types?: unknown; fields?: unknown };
  const types = [...DEFAULT_DOCUMENT_TYPES];
  if (Array.isArray(own.types)) {
    for (const t of own.types as { key?: unknown; vi?: unknown; en?: unknown }[]) {
      if (typeof t?.key === 'string' && typeof t.vi === 'string' && !types.some((x) => x.key === t.key)) {
        types.push({ key: t.key, vi: toNfc(t.vi), en: typeof t.en === 'string' ? t.en : t.vi });
      }
    }
  }
  const fields = [...DEFAULT_DOCUMENT_FIELDS];
  if (Array.isArray(own.fields)) for (const f of own.fields) if (typeof f === 'string' && !fields.includes(toNfc(f))) fields.push(toNfc(f));
  return { types, fields };
}

export function typeLabel(catalogue: DocumentCatalogue, key: string): { vi: string; en: string } {
  return catalogue.types.find((t) => t.key === key) ?? { vi: key, en: key };
}

const NUMBER_SHAPE = /^[0-9A-Za-zÀ-ỹĐđ][0-9A-Za-zÀ-ỹĐđ./\-–]*$/u;

/** Every problem with the details, field by field (the article's title is the trích yếu). */
export function documentProblems(d: DocumentDetails, catalogue: DocumentCatalogue): Problem[] {
  const problems: Problem[] = [];
  const add = (field: string, vi: string, en: string) => problems.push({ code: 'invalid_document', field, vi, en });
  if (!d.number.trim()) add('docNumber', 'Nhập số, ký hiệu văn bản (ví dụ 42/2022/NĐ-CP).', 'Enter the document number (e.g. 42/2022/NĐ-CP).');
  else if (d.number.length > 80 || !NUMBER_SHAPE.test(d.number.trim())) add('docNumber', 'Số, ký hiệu chỉ gồm chữ, số và các dấu / . - (ví dụ 42/2022/NĐ-CP).', 'The number has only letters, digits and / . - (e.g. 42/2022/NĐ-CP).');
  if (!catalogue.types.some((t) => t.key === d.docType)) add('docType', 'Chọn loại văn bản.', 'Choose the type of document.');
  if (!d.issuer.trim()) add('docIssuer', 'Nhập cơ quan ban hành.', 'Enter the issuing body.');
  if (!(DOCUMENT_LEVELS as readonly string[]).includes(d.level)) add('docLevel', 'Chọn cấp ban hành.', 'Choose the level.');
  if (!isIsoDate(d.issuedOn)) add('docIssuedOn', 'Nhập ngày ban hành (ngày/tháng/năm).', 'Enter the date of issue.');
  if (d.effectiveOn !== null && !isIsoDate(d.effectiveOn)) add('docEffectiveOn', 'Ngày có hiệu lực không hợp lệ.', 'The date of effect is not a valid date.');
  if (d.expiresOn !== null && !isIsoDate(d.expiresOn)) add('docExpiresOn', 'Ngày hết hiệu lực không hợp lệ.', 'The expiry date is not a valid date.');
  if (isIsoDate(d.issuedOn) && d.effectiveOn && isIsoDate(d.effectiveOn) && d.effectiveOn < d.issuedOn) {
    add('docEffectiveOn', 'Ngày có hiệu lực không thể trước ngày ban hành.', 'A document cannot take effect before it is issued.');
  }
  const from = d.effectiveOn ?? d.issuedOn;
  if (d.expiresOn && isIsoDate(d.expiresOn) && isIsoDate(from) && d.expiresOn <= from) {
    add('docExpiresOn', 'Ngày hết hiệu lực phải sau ngày có hiệu lực.', 'The expiry date must come after the date of effect.');
  }
  if (d.statusOverride !== null && !(EFFECT_STATUSES as readonly string[]).includes(d.statusOverride)) add('docStatusOverride', 'Tình trạng hiệu lực không hợp lệ.', 'Unknown effect status.');
  if (d.statusOverride !== null && !d.statusNote?.trim()) add('docStatusNote', 'Ghi rõ lý do khi đặt tình trạng hiệu lực thủ công.', 'Give the reason for setting the effect status by hand.');
  for (const f of d.fields) if (!catalogue.fields.includes(f)) add('docFields', `Lĩnh vực “${f}” không có trong danh mục.`, `Field “${f}” is not in the site's list.`);
  for (const r of d.relations) {
    if (!(DOCUMENT_RELATIONS as readonly string[]).includes(r.relation) || !Number.isInteger(r.toArticleId) || r.toArticleId <= 0) {
      add('docRelations', 'Một quan hệ văn bản không hợp lệ.', 'A document relation is not valid.');
      break;
    }
  }
  return problems;
}

/** The details cleaned: NFC, trimmed, fields and relations without repeats. */
export function normalizeDetails(d: DocumentDetails): DocumentDetails {
  const text = (s: string | null) => (s === null ? null : toNfc(s).trim().replace(/\s+/g, ' ') || null);
  const seen = new Set<string>();
  return {
    ...d,
    number: toNfc(d.number).trim().replace(/\s+/g, ''),
    issuer: text(d.issuer) ?? '',
    signer: text(d.signer),
    statusNote: text(d.statusNote),
    fields: [...new Set(d.fields.map((f) => toNfc(f).trim()).filter(Boolean))],
    relations: d.relations.filter((r) => {
      const key = `${r.relation}:${r.toArticleId}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    }),
  };
}

/** "42/2022/NĐ-CP" → "42/2022/nd-cp": what the number search compares. */
export function foldNumber(number: string): string {
  return fold(number).replace(/\s+/g, '').replace(/–/g, '-');
}

/**
 * Decree 30/2020/NĐ-CP Art. 15 numbers documents from 01 each year, so a
 * number below 10 keeps its leading zero: "5/QĐ-UBND" → "05/QĐ-UBND". The
 * number as it should be written, or null when it already is.
 */
export function numberWithLeadingZero(number: string): string | null {
  const n = number.trim();
  return /^[1-9](?=$|[/\-])/.test(n) ? `0${n}` : null;
}

/** A warning, not a refusal: the number lacks its leading zero; the corrected number is offered. */
export function numberWarnings(number: string): (Problem & { suggestion: string })[] {
  const fixed = numberWithLeadingZero(number);
  if (!fixed) return [];
  return [
    {
      code: 'number_leading_zero',
      field: 'docNumber',
      suggestion: fixed,
      vi: `Số «${number.trim()}» thiếu số 0 ở đầu: văn bản được đánh số từ 01 (Nghị định 30/2020/NĐ-CP, Điều 15), nên ghi «${fixed}».`,
      en: `The number “${number.trim()}” lacks its leading zero: documents are numbered from 01 (Decree 30/2020/NĐ-CP, Art. 15); write “${fixed}”.`,
    },
  ];
}

/** The year a document's number belongs to: numbering restarts every year (Decree 30/2020 Art. 15). */
export function numberYear(issuedOn: string): string | null {
  return isIsoDate(issuedOn) ? issuedOn.slice(0, 4) : null;
}

/** How a pushed or imported document is recognised again: its number and its issuer (and its year, see numberYear). */
export function documentKey(number: string, issuer: string): string {
  return `${foldNumber(number)}|${fold(issuer)}`;
}

/**
 * A query that looks like a document number ("42/2022", "42/2022/NĐ-CP",
 * "số 42"), folded; null for ordinary words. A number is found by its
 * beginning, so "42/2022" finds 42/2022/NĐ-CP and not 142/2022/…
 */
export function numberQuery(query: string): string | null {
  const q = foldNumber(query.replace(/^\s*(so|số)\s+/iu, ''));
  return /^\d+(\/[0-9a-z.\-]*)*$/.test(q) && q.includes('/') ? q : /^\d+$/.test(q) ? q : null;
}
