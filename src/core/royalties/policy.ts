// A site's royalty policy (chế độ nhuận bút, thù lao) as dated data: the rule
// `royalty.policy` holds one version of this shape. Decree 18/2014 gave the
// national frame until 31 Aug 2026; from 1 Sep 2026 (Decree 287/2026) each
// province sets its table, which its member sites inherit and may narrow.
// Money is integer VND; coefficients are kept ×100 so no amount is a float.

/** How a genre's royalty is reckoned: created work, a translation of an original, or reuse of one. */
export const GENRE_BASES = ['creation', 'translation', 'reuse'] as const;
export type GenreBasis = (typeof GENRE_BASES)[number];

export interface RoyaltyGenre {
  /** Stable key ("tin", "bai", "anh", "video", "dich", "suu_tam", "tra_loi", "tham_khao"). */
  key: string;
  vi: string;
  en: string;
  basis: GenreBasis;
  /** Coefficient range × 100 (Decree 18/2014: news up to 10 → 1000). */
  minX100: number;
  maxX100: number;
}

export type UnitValue =
  /** A share of the base salary in force on the publication date (Decree 18/2014: 10 %). */
  | { basis: 'base_salary_share'; percent: number }
  | { basis: 'fixed'; amount: number };

export const WAGE_REGIONS = ['I', 'II', 'III', 'IV'] as const;
export type WageRegion = (typeof WAGE_REGIONS)[number];

export type ItemCap =
  /** 001 Đ10: an item no more than N days of the regional minimum wage (monthly ÷ 26). */
  | { basis: 'minimum_wage_days'; days: number; region: WageRegion }
  | { basis: 'fixed'; amount: number };

export interface PercentRange {
  min: number;
  max: number;
}

/** Paid to board members per item they handled (0: not paid per item). */
export interface PerItemRemuneration {
  editing: number;
  collecting: number;
  approving: number;
}

export const BOARD_POSITIONS = ['head', 'deputy', 'member'] as const;
export type BoardPosition = (typeof BOARD_POSITIONS)[number];

export interface RoyaltyPolicy {
  genres: RoyaltyGenre[];
  unitValue: UnitValue;
  cap: ItemCap | null;
  /** A translation's royalty as a percentage of an original's (Decree 18/2014: 40–65). */
  translationPercent: PercentRange;
  /** Reuse of a published work (Decree 287/2026: at least 20). */
  reusePercent: PercentRange;
  /** Pay within this many days of publication (Decree 18/2014: 60). */
  paymentDays: number;
  remuneration: PerItemRemuneration;
  /** Yearly allowance of the board per position (001 Đ10: 2,000,000 each). */
  boardAllowanceYearly: Record<BoardPosition, number>;
  /** Readers' contributions are paid only when the assessor chooses to (false by default). */
  payReaderContributions: boolean;
}

/** Budget lines of 000 Đ12. */
export const BUDGET_LINES = ['infrastructure', 'connectivity', 'software', 'operation', 'board_remuneration', 'royalties', 'other'] as const;
export type BudgetLine = (typeof BUDGET_LINES)[number];

export const BUDGET_LINE_LABELS: Record<BudgetLine, { vi: string; en: string }> = {
  infrastructure: { vi: 'Hạ tầng kỹ thuật', en: 'Infrastructure' },
  connectivity: { vi: 'Đường truyền, kết nối', en: 'Connectivity' },
  software: { vi: 'Phần mềm', en: 'Software' },
  operation: { vi: 'Vận hành, duy trì', en: 'Operation' },
  board_remuneration: { vi: 'Thù lao Ban biên tập', en: 'Board remuneration' },
  royalties: { vi: 'Nhuận bút', en: 'Royalties' },
  other: { vi: 'Chi khác', en: 'Other' },
};

/** What a line of the ledger pays for; the budget line it spends follows from it. */
export const LINE_KINDS = ['royalty', 'editing', 'collecting', 'approving', 'allowance', 'remuneration', 'correction'] as const;
export type LineKind = (typeof LINE_KINDS)[number];

export const LINE_KIND_LABELS: Record<LineKind, { vi: string; en: string }> = {
  royalty: { vi: 'Nhuận bút', en: 'Royalty' },
  editing: { vi: 'Thù lao biên tập', en: 'Editing' },
  collecting: { vi: 'Thù lao sưu tầm tư liệu', en: 'Collecting material' },
  approving: { vi: 'Thù lao duyệt tin, bài', en: 'Approving' },
  allowance: { vi: 'Thù lao thành viên Ban biên tập', en: 'Board allowance' },
  remuneration: { vi: 'Thù lao khác', en: 'Other remuneration' },
  correction: { vi: 'Điều chỉnh', en: 'Correction' },
};

export function budgetLineOfKind(kind: LineKind): BudgetLine {
  return kind === 'royalty' ? 'royalties' : 'board_remuneration';
}

/** Who shares an item's royalty. */
export const SHARE_ROLES = ['author', 'co_author', 'photographer', 'translator'] as const;
export type ShareRole = (typeof SHARE_ROLES)[number];

export const SHARE_ROLE_LABELS: Record<ShareRole, { vi: string; en: string }> = {
  author: { vi: 'Tác giả', en: 'Author' },
  co_author: { vi: 'Đồng tác giả', en: 'Co-author' },
  photographer: { vi: 'Người chụp ảnh', en: 'Photographer' },
  translator: { vi: 'Người dịch', en: 'Translator' },
};

export const POLICY_RULE = 'royalty.policy';
export const MINIMUM_WAGE_RULE = 'money.minimum_wage_region';
export const BASE_SALARY_RULE = 'money.base_salary';

/** Monthly regional minimum wage per region (dated national rule). */
export type MinimumWages = Record<WageRegion, number>;
