// The groups of information a portal must publish (Decree 224/2026 Art. 9(1)
// and Art. 12 "completeness"; Law 104/2016 Art. 19(1); Decree 13/2018 Art. 6;
// Grassroots Democracy Law 10/2022 Art. 11; Circular 32/2017; shared docs
// national-rules.md "What a portal must publish"), which levels of site each
// applies to, where the platform finds it, and how often it must be reviewed.
// Pure: no I/O. modules/completeness reads a site against it.

/** Levels as in modules/sites (SITE_LEVELS); 'district' = a former district's site, kept as an archive. */
export type CompletenessLevel = 'province' | 'department' | 'commune' | 'district';

/**
 * Where a group is found:
 * - sections: the site's sections that carry it (chosen by the site, else recognised by address);
 * - documents: the document library (published documents);
 * - procedures: the register of administrative procedures;
 * - disclosure: the list of information that must be disclosed (Decree 13/2018 Art. 6);
 * - questions: published answers to questions and petitions;
 * - consultations: drafts published for comment;
 * - contact: the agency's address, phone, e-mail and the person responsible (site settings);
 * - channels: the agency's official channels (site settings, Decree 224/2026 Art. 10(3));
 * - builtin: what every site of the platform has (satisfaction rating, search, sitemap, RSS).
 */
export type CompletenessSource = 'sections' | 'documents' | 'procedures' | 'disclosure' | 'questions' | 'consultations' | 'contact' | 'channels' | 'builtin';

export interface CompletenessGroup {
  key: string;
  vi: string;
  en: string;
  /** The rule that asks for it. */
  basis: string;
  levels: readonly CompletenessLevel[];
  sources: readonly CompletenessSource[];
  /** Words of a section's address that say it carries the group ("thu-tuc" in "thu-tuc-hanh-chinh"). */
  slugHints: readonly string[];
  /** The national baseline of how often it must be updated, in days; null = not judged for staleness. The rule completeness.review_days overrides it per site. */
  reviewDays: number | null;
}

const ALL: readonly CompletenessLevel[] = ['province', 'department', 'commune', 'district'];
const TERRITORIAL: readonly CompletenessLevel[] = ['province', 'commune', 'district'];

export const COMPLETENESS_GROUPS: readonly CompletenessGroup[] = [
  { key: 'procedures', vi: 'Thủ tục hành chính, dịch vụ công trực tuyến', en: 'Administrative procedures and online public services', basis: 'NĐ 224/2026 Đ9(1)(a); Luật 104/2016 Đ19(1)', levels: ALL, sources: ['procedures', 'sections'], slugHints: ['thu-tuc', 'dich-vu-cong'], reviewDays: 90 },
  { key: 'organisation', vi: 'Cơ cấu tổ chức, chức năng, nhiệm vụ, quá trình hình thành', en: 'Organisation, functions and duties, history', basis: 'NĐ 224/2026 Đ9(1)(b)', levels: ALL, sources: ['sections'], slugHints: ['gioi-thieu', 'co-cau-to-chuc', 'to-chuc-bo-may', 'chuc-nang'], reviewDays: 365 },
  { key: 'leaders', vi: 'Lãnh đạo: tiểu sử, nhiệm vụ được phân công', en: "Leaders' biographies and duties", basis: 'NĐ 224/2026 Đ9(1)(b)', levels: ALL, sources: ['sections'], slugHints: ['lanh-dao'], reviewDays: 180 },
  { key: 'local_profile', vi: 'Bản đồ hành chính, điều kiện tự nhiên, lịch sử, văn hóa, danh lam thắng cảnh', en: 'Administrative map, nature, history, culture, landscapes', basis: 'NĐ 224/2026 Đ9(1)(c)', levels: TERRITORIAL, sources: ['sections'], slugHints: ['ban-do', 'dia-gioi', 'dieu-kien-tu-nhien', 'van-hoa', 'du-lich', 'di-tich', 'danh-lam', 'tiem-nang'], reviewDays: 365 },
  { key: 'legal_documents', vi: 'Văn bản quy phạm pháp luật, văn bản chỉ đạo, điều hành', en: 'Legal documents and directives', basis: 'Luật 104/2016 Đ19(1)(a)', levels: ALL, sources: ['documents', 'sections'], slugHints: ['van-ban'], reviewDays: 30 },
  { key: 'guidance', vi: 'Hướng dẫn thực hiện pháp luật, chế độ, chính sách', en: 'Guidance on law and policy', basis: 'Luật 104/2016 Đ19(1)', levels: ALL, sources: ['sections'], slugHints: ['pho-bien-phap-luat', 'huong-dan', 'chinh-sach', 'tuyen-truyen'], reviewDays: 90 },
  { key: 'plans', vi: 'Chiến lược, quy hoạch, kế hoạch, chương trình công tác', en: 'Strategies, plans and the work programme', basis: 'Luật 104/2016 Đ19(1)(d)', levels: ALL, sources: ['sections'], slugHints: ['chien-luoc', 'quy-hoach', 'ke-hoach', 'chuong-trinh', 'lich-cong-tac', 'lich-lam-viec'], reviewDays: 90 },
  { key: 'investment', vi: 'Đầu tư công, dự án, đấu thầu, mua sắm công', en: 'Public investment, projects and procurement', basis: 'Luật 104/2016 Đ19(1)(k)', levels: ALL, sources: ['sections'], slugHints: ['dau-tu', 'du-an', 'dau-thau', 'mua-sam'], reviewDays: 90 },
  { key: 'budget', vi: 'Ngân sách, báo cáo tài chính, số liệu thống kê', en: 'Budget, financial reports and statistics', basis: 'Luật 104/2016 Đ19(1)(e)', levels: ALL, sources: ['sections'], slugHints: ['ngan-sach', 'tai-chinh', 'thong-ke', 'kinh-te-xa-hoi'], reviewDays: 90 },
  { key: 'disclosure_list', vi: 'Danh mục thông tin phải được công khai (Chuyên mục tiếp cận thông tin)', en: 'List of information that must be disclosed', basis: 'Luật 104/2016 Đ19(1)(p); NĐ 13/2018 Đ6', levels: ALL, sources: ['disclosure', 'sections'], slugHints: ['tiep-can-thong-tin'], reviewDays: 90 },
  { key: 'contacts', vi: 'Thông tin liên hệ, đầu mối tiếp nhận yêu cầu cung cấp thông tin', en: 'Contacts, including who receives information requests', basis: 'Luật 104/2016 Đ19(1)(o); TT 32/2017 Đ16', levels: ALL, sources: ['contact', 'sections'], slugHints: ['danh-ba', 'lien-he'], reviewDays: 365 },
  { key: 'grassroots', vi: 'Thông tin công khai theo Luật Thực hiện dân chủ ở cơ sở', en: 'Information public under the Grassroots Democracy Law', basis: 'Luật 10/2022 Đ11, Đ13(1)', levels: ['commune'], sources: ['sections'], slugHints: ['cong-khai', 'niem-yet', 'dan-chu'], reviewDays: 30 },
  { key: 'questions', vi: 'Hỏi đáp, trả lời phản ánh, kiến nghị', en: 'Answers to questions and petitions', basis: 'NĐ 224/2026 Đ10; NĐ 20/2008', levels: ALL, sources: ['questions', 'sections'], slugHints: ['hoi-dap'], reviewDays: 90 },
  { key: 'consultations', vi: 'Lấy ý kiến dự thảo văn bản', en: 'Drafts published for comment', basis: 'Luật 80/2015 Đ6; NĐ 224/2026 Đ9', levels: ['province', 'department', 'commune'], sources: ['consultations', 'sections'], slugHints: ['lay-y-kien', 'du-thao'], reviewDays: 365 },
  { key: 'news', vi: 'Tin tức, sự kiện về hoạt động của cơ quan', en: "News of the agency's activity", basis: 'NĐ 224/2026 Đ9(1)', levels: ALL, sources: ['sections'], slugHints: ['tin-tuc', 'su-kien', 'hoat-dong'], reviewDays: 7 },
  { key: 'channels', vi: 'Danh sách kênh thông tin chính thức', en: 'Official channels', basis: 'NĐ 224/2026 Đ10(3)', levels: ALL, sources: ['channels'], slugHints: [], reviewDays: null },
  { key: 'features', vi: 'Đánh giá mức độ hài lòng, tìm kiếm, sơ đồ trang, RSS', en: 'Satisfaction rating, search, sitemap, RSS', basis: 'NĐ 224/2026 Đ10(3); NĐ 42/2022 Đ7; TT 32/2017', levels: ALL, sources: ['builtin'], slugHints: [], reviewDays: null },
];

export function completenessGroup(key: string): CompletenessGroup | undefined {
  return COMPLETENESS_GROUPS.find((g) => g.key === key);
}

/** The groups a site of this level must carry. */
export function groupsFor(level: CompletenessLevel): CompletenessGroup[] {
  return COMPLETENESS_GROUPS.filter((g) => g.levels.includes(level));
}

/** Whether a section's address names the group ("-van-ban-" in "van-ban-chi-dao-dieu-hanh"). */
export function slugCarries(slug: string, group: CompletenessGroup): boolean {
  const padded = `-${slug}-`;
  return group.slugHints.some((hint) => padded.includes(`-${hint}-`));
}

/** The review intervals in force: the baseline, overridden by the site's rule (group → days; invalid entries ignored). */
export function reviewDaysOf(rule: unknown): Record<string, number | null> {
  const out: Record<string, number | null> = Object.fromEntries(COMPLETENESS_GROUPS.map((g) => [g.key, g.reviewDays]));
  if (rule && typeof rule === 'object' && !Array.isArray(rule)) {
    for (const [key, days] of Object.entries(rule as Record<string, unknown>)) {
      if (!(key in out)) continue;
      if (days === null) out[key] = null;
      else if (typeof days === 'number' && Number.isInteger(days) && days >= 1 && days <= 3650) out[key] = days;
    }
  }
  return out;
}

/** Problems with a value of completeness.review_days: a map of known groups to whole days (1–3650) or null. */
export function reviewDaysProblems(value: unknown): string[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return ['not_a_map'];
  const problems: string[] = [];
  for (const [key, days] of Object.entries(value as Record<string, unknown>)) {
    if (!completenessGroup(key)) problems.push(`unknown_group:${key}`);
    else if (days !== null && !(typeof days === 'number' && Number.isInteger(days) && days >= 1 && days <= 3650)) problems.push(`bad_days:${key}`);
  }
  return problems;
}

/**
 * Stale: the group is there but its last update is more than `reviewDays`
 * calendar days before `asOf` (both Vietnam dates, YYYY-MM-DD).
 */
export function isStale(lastUpdated: string | null, reviewDays: number | null, asOf: string): boolean {
  if (!lastUpdated || reviewDays === null) return false;
  return daysBetween(lastUpdated, asOf) > reviewDays;
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
