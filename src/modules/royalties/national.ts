// The national frame (national-rules.md, "Royalties"), loaded as national
// versions of the dated rules: Decree 18/2014 until 31 Aug 2026; from 1 Sep
// 2026 (Decree 287/2026) there is no national table — each province sets its
// own, which must pay reuse at least 20 % of the creation royalty.
import type { MinimumWages, RoyaltyGenre, RoyaltyPolicy } from '../../core/royalties/policy.ts';

export const DECREE_18_FROM = '2014-06-01';
export const DECREE_18_TO = '2026-08-31';
export const DECREE_287_FROM = '2026-09-01';
/** Decree 287/2026: reuse pays at least this share of the creation royalty. */
export const DECREE_287_REUSE_MIN = 20;

const genre = (key: string, vi: string, en: string, maxX100: number, basis: RoyaltyGenre['basis'] = 'creation'): RoyaltyGenre => ({ key, vi, en, basis, minX100: 100, maxX100 });

/** Decree 18/2014 maxima: news, replies, photos 10; commentary, reports, interviews, research 30; multimedia 50. */
export const DECREE_18_POLICY: RoyaltyPolicy = {
  genres: [
    genre('tin', 'Tin', 'News item', 1000),
    genre('tra_loi', 'Trả lời bạn đọc', 'Reply to readers', 1000),
    genre('anh', 'Ảnh', 'Photo', 1000),
    genre('bai', 'Bài (bình luận, phóng sự, phỏng vấn, nghiên cứu)', 'Article (commentary, report, interview, research)', 3000),
    genre('video', 'Đa phương tiện, video', 'Multimedia, video', 5000),
    genre('dich', 'Bài dịch', 'Translation', 3000, 'translation'),
    genre('suu_tam', 'Sưu tầm, sử dụng lại', 'Collected or reused work', 1000, 'reuse'),
    genre('tham_khao', 'Tin tham khảo', 'Reference item', 500),
  ],
  unitValue: { basis: 'base_salary_share', percent: 10 },
  cap: null,
  translationPercent: { min: 40, max: 65 },
  reusePercent: { min: 0, max: 100 },
  paymentDays: 60,
  remuneration: { editing: 0, collecting: 0, approving: 0 },
  boardAllowanceYearly: { head: 0, deputy: 0, member: 0 },
  payReaderContributions: false,
};

/** Regional minimum wages (VND/month): Decree 74/2024 from 1 Jul 2024, Decree 293/2025 from 1 Jan 2026. */
export const MINIMUM_WAGES: { from: string; value: MinimumWages; citation: string }[] = [
  { from: '2024-07-01', value: { I: 4_960_000, II: 4_410_000, III: 3_860_000, IV: 3_450_000 }, citation: 'Nghị định 74/2024/NĐ-CP' },
  { from: '2026-01-01', value: { I: 5_310_000, II: 4_730_000, III: 4_140_000, IV: 3_700_000 }, citation: 'Nghị định 293/2025/NĐ-CP' },
];
