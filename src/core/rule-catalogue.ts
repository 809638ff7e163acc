// The rules the product knows how to enforce, with the shape of their value.
// A rule's versions are dated (see rules.ts); this says what a version holds.
import type { Problem } from './errors.ts';
import { kindQuotaProblems, monthlyDayOf } from './provision/provision.ts';
import { parseChain } from './workflow/chain.ts';
import { allSectionKinds, entryChainRule } from './entries/registry.ts';
import { reviewDaysProblems } from './completeness/catalogue.ts';
import { parseEscalation } from './workflow/timeliness.ts';
import { minimumWagesProblems, royaltyPolicyProblems } from './royalties/policy-check.ts';

export type RuleKind = 'deadline' | 'quota' | 'money' | 'chain' | 'json';

export interface RuleDefinition {
  key: string;
  kind: RuleKind;
  vi: string;
  en: string;
  /** Edited on its own page, with its own permission and checks, never on the generic rules page. */
  editedAt?: string;
  /** A national value (set by the installation's administrator), never overridden by a site. */
  nationalOnly?: boolean;
}

export const DEADLINE_UNITS = ['working_hours', 'working_days', 'calendar_days'] as const;
export type DeadlineUnit = (typeof DEADLINE_UNITS)[number];
export interface DeadlineValue {
  amount: number;
  unit: DeadlineUnit;
}
export interface QuotaValue {
  min: number;
  per: 'week' | 'month' | 'year';
}

/** The "Mới" badge's rule, and its value when neither the site nor the installation set one. */
export const NEW_BADGE_RULE = 'public.new_badge_days';
export const NEW_BADGE_DEFAULT_DAYS = 3;

/** Planned maintenance is announced this long ahead (Decree 224/2026 Art. 13: at least 7 working days). */
export const MAINTENANCE_NOTICE_RULE = 'notice.maintenance_ahead';
export const MAINTENANCE_NOTICE_DEFAULT = { amount: 7, unit: 'working_days' } as const;

export const RULES: RuleDefinition[] = [
  { key: 'chain.article', kind: 'chain', vi: 'Quy trình duyệt tin, bài', en: 'Review chain for articles' },
  // Falls back to chain.article when a site has not set one of its own.
  { key: 'chain.document', kind: 'chain', vi: 'Quy trình duyệt văn bản', en: 'Review chain for documents' },
  { key: 'deadline.news_after_event', kind: 'deadline', vi: 'Hạn cung cấp tin sau sự kiện', en: 'News due after the event' },
  { key: 'deadline.document_after_signing', kind: 'deadline', vi: 'Hạn đăng văn bản sau khi ký', en: 'Document due after signing' },
  { key: 'deadline.major_event', kind: 'deadline', vi: 'Hạn đưa tin hội nghị, sự kiện lớn', en: 'Conference and major event news due' },
  { key: 'deadline.board_approval', kind: 'deadline', vi: 'Hạn Ban biên tập duyệt sau khi nhận', en: 'Board approval due after receipt' },
  { key: 'deadline.question_answer', kind: 'deadline', vi: 'Hạn trả lời câu hỏi của công dân', en: 'Citizen question answer due' },
  // Citizens' voice (modules/citizens, modules/consultations); defaults in core/citizens/deadlines.ts.
  { key: 'chain.answer', kind: 'chain', vi: 'Quy trình duyệt câu trả lời công dân', en: 'Approval chain for answers to citizens' },
  { key: 'deadline.unit_receipt', kind: 'deadline', vi: 'Hạn đơn vị ghi nhận tiếp nhận ý kiến', en: 'Unit records receipt of a case' },
  { key: 'deadline.petition_forward', kind: 'deadline', vi: 'Hạn chuyển phản ánh, kiến nghị đến cơ quan có thẩm quyền', en: 'Petition forwarded to the competent body' },
  { key: 'deadline.petition_answer', kind: 'deadline', vi: 'Hạn xử lý phản ánh, kiến nghị', en: 'Petition handled' },
  { key: 'deadline.info_request_simple', kind: 'deadline', vi: 'Hạn cung cấp thông tin (yêu cầu đơn giản)', en: 'Information request answered (simple)' },
  { key: 'deadline.info_request_notice', kind: 'deadline', vi: 'Hạn thông báo về yêu cầu cung cấp thông tin', en: 'Information request notice' },
  { key: 'deadline.info_request_complex', kind: 'deadline', vi: 'Hạn cung cấp thông tin (yêu cầu phức tạp)', en: 'Information request answered (complex)' },
  { key: 'deadline.info_request_extension', kind: 'deadline', vi: 'Gia hạn cung cấp thông tin (một lần)', en: 'Information request extension (once)' },
  { key: 'deadline.correction_claim', kind: 'deadline', vi: 'Hạn xử lý đề nghị đính chính thông tin', en: 'Correction claim answered' },
  { key: 'deadline.consultation_minimum', kind: 'deadline', vi: 'Thời gian lấy ý kiến dự thảo tối thiểu', en: 'Minimum comment period of a draft' },
  { key: 'retention.personal_data', kind: 'deadline', vi: 'Thời hạn lưu dữ liệu cá nhân của người gửi ý kiến', en: 'Retention of citizens\' personal data' },
  { key: 'deadline.information_disclosure', kind: 'deadline', vi: 'Hạn công khai thông tin sau khi tạo lập', en: 'Information disclosed after creation' },
  // Review timeliness (modules/review-times): a reminder before a step's due time, escalation after it.
  { key: 'reminder.step_before_due', kind: 'deadline', vi: 'Nhắc người duyệt trước khi hết hạn bước duyệt', en: 'Remind reviewers before a step is due' },
  { key: 'escalation.step_late', kind: 'json', vi: 'Báo cấp trên khi bước duyệt quá hạn (các cấp)', en: 'Escalate a late review step (levels)' },
  { key: 'quota.unit', kind: 'quota', vi: 'Chỉ tiêu tin bài của mỗi đơn vị', en: 'Items required of each unit' },
  { key: 'quota.board_member', kind: 'quota', vi: 'Chỉ tiêu tin bài của mỗi thành viên Ban biên tập', en: 'Items required of each board member' },
  // Completeness (modules/completeness): group → days between updates; groups left out keep the national baseline (core/completeness).
  { key: 'completeness.review_days', kind: 'json', vi: 'Chu kỳ cập nhật các nhóm thông tin bắt buộc (ngày)', en: 'Review interval of each required information group (days)' },
  // Provision (modules/provision, core/provision): quotas per kind, the deadlines of the provision categories, the reminder.
  { key: 'quota.unit_kind', kind: 'json', vi: 'Chỉ tiêu của mỗi đơn vị theo loại tin ({"min":1,"per":"month","kind":"document"})', en: 'Items of one kind required of each unit' },
  { key: 'deadline.meeting_news', kind: 'deadline', vi: 'Hạn đưa tin buổi làm việc, lịch mời họp', en: 'Meeting news and invitations due' },
  { key: 'deadline.monthly_data_day', kind: 'json', vi: 'Ngày hạn đăng số liệu kinh tế - xã hội hằng tháng ({"day":30})', en: 'Day of the month monthly data are due' },
  { key: 'reminder.quota_before_end', kind: 'deadline', vi: 'Nhắc chỉ tiêu trước khi hết kỳ (ngày làm việc)', en: 'Quota reminder before the period ends (working days)' },
  { key: 'money.base_salary', kind: 'money', vi: 'Mức lương cơ sở (đồng/tháng)', en: 'Base salary (VND/month)', nationalOnly: true },
  // Royalties (modules/royalties, core/royalties): the site's table, and the regional minimum wage behind a cap per item.
  // The policy is edited at /admin/royalties/policy (royalties.manage, narrowing and decree checks), not by the site administrator.
  { key: 'royalty.policy', kind: 'json', vi: 'Chế độ nhuận bút, thù lao (thể loại, hệ số, giá trị đơn vị, mức trần)', en: 'Royalty and remuneration policy (genres, coefficients, unit value, cap)', editedAt: '/admin/royalties/policy' },
  // Public lists (modules/public/new-badge.tsx): how long a newly published item carries the "Mới" badge; calendar days.
  { key: 'public.new_badge_days', kind: 'deadline', vi: 'Số ngày hiện nhãn «Mới» cạnh tin, bài vừa đăng (ngày; 0: không hiện)', en: 'Days a newly published item shows the "New" badge (days; 0: never)' },
  // Planned maintenance (modules/maintenance): how far ahead a window must be announced; never below the decree's 7 working days.
  { key: MAINTENANCE_NOTICE_RULE, kind: 'deadline', vi: 'Thông báo bảo trì theo kế hoạch trước ít nhất (ngày làm việc)', en: 'Planned maintenance announced at least (working days) ahead', nationalOnly: true },
  { key: 'money.minimum_wage_region', kind: 'json', vi: 'Lương tối thiểu vùng ({"I","II","III","IV"}, đồng/tháng)', en: 'Regional minimum wage (VND/month)', nationalOnly: true },
];

export function ruleDefinition(key: string): RuleDefinition | undefined {
  return RULES.find((r) => r.key === key) ?? entryChainDefinition(key);
}

/** chain.entry.<kind>: each declared section may have its own review chain (ADR 19). */
function entryChainDefinition(key: string): RuleDefinition | undefined {
  const kind = allSectionKinds().find((k) => entryChainRule(k.key) === key);
  return kind ? { key, kind: 'chain', vi: `Quy trình duyệt: ${kind.plural.vi}`, en: `Review chain: ${kind.plural.en}` } : undefined;
}

/** Problems with a value for a rule; empty when the value fits the rule's kind. */
export function ruleValueProblems(def: RuleDefinition, value: unknown): Problem[] {
  const bad = (vi: string, en: string): Problem[] => [{ code: 'invalid_rule_value', field: 'value', vi, en }];
  const isCount = (n: unknown, max: number) => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= max;
  switch (def.kind) {
    case 'deadline': {
      const v = value as Partial<DeadlineValue> | null;
      if (!v || !isCount(v.amount, 10_000) || !(DEADLINE_UNITS as readonly string[]).includes(v.unit ?? '')) {
        return bad('Thời hạn cần một số nguyên không âm và đơn vị (giờ làm việc, ngày làm việc, ngày).', 'A deadline needs a whole number and a unit (working hours, working days, days).');
      }
      if (def.key === NEW_BADGE_RULE && (v.unit !== 'calendar_days' || v.amount! > 60)) {
        return bad('Nhãn «Mới» tính theo ngày (đơn vị «ngày»), từ 0 đến 60 ngày.', 'The "New" badge is counted in calendar days, from 0 to 60.');
      }
      if (def.key === MAINTENANCE_NOTICE_RULE && (v.unit !== 'working_days' || v.amount! < 7 || v.amount! > 60)) {
        return bad('Thông báo bảo trì tính theo ngày làm việc, từ 7 (Nghị định 224/2026, Điều 13) đến 60.', 'Maintenance notice is counted in working days, from 7 (Decree 224/2026 Art. 13) to 60.');
      }
      return [];
    }
    case 'quota': {
      const v = value as Partial<QuotaValue> | null;
      if (!v || !isCount(v.min, 10_000) || !['week', 'month', 'year'].includes(v.per ?? '')) {
        return bad('Chỉ tiêu cần số lượng tối thiểu và chu kỳ (tuần, tháng, năm).', 'A quota needs a minimum and a period (week, month, year).');
      }
      return [];
    }
    case 'money':
      return isCount(value, 1_000_000_000_000) ? [] : bad('Số tiền phải là số nguyên đồng, không âm.', 'Money must be a whole, non-negative number of VND.');
    case 'chain': {
      const parsed = parseChain(value);
      return 'problems' in parsed ? parsed.problems : [];
    }
    case 'json': {
      if (value === undefined) return bad('Giá trị trống.', 'Empty value.');
      if (def.key === 'escalation.step_late') {
        const parsed = parseEscalation(value);
        return 'problems' in parsed ? parsed.problems : [];
      }
      if (def.key === 'completeness.review_days' && reviewDaysProblems(value).length > 0) {
        return bad(
          'Chu kỳ cập nhật là một bảng {"nhóm": số ngày} với nhóm có trong danh mục và số ngày nguyên từ 1 đến 3650 (hoặc null: không xét).',
          'Review intervals are a map {"group": days} of known groups to whole days from 1 to 3650 (or null: not judged).',
        );
      }
      if (def.key === 'quota.unit_kind' && kindQuotaProblems(value)) {
        return bad('Chỉ tiêu theo loại cần {"min": số, "per": "week"|"month"|"year", "kind": loại tin} (một hoặc một danh sách).', 'A quota per kind needs {"min", "per", "kind"} (one or a list).');
      }
      if (def.key === 'royalty.policy') return royaltyPolicyProblems(value);
      if (def.key === 'money.minimum_wage_region') return minimumWagesProblems(value);
      if (def.key === 'deadline.monthly_data_day' && monthlyDayOf(value) === null) {
        return bad('Cần {"day": ngày trong tháng từ 1 đến 31}.', 'Needs {"day": a day of the month from 1 to 31}.');
      }
      return [];
    }
  }
}
