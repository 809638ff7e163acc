// The deadlines of citizens' cases and consultations, by rule key, with the
// national baseline used when neither the site nor the installation has set a
// rule (national-rules.md, "Citizens"). Pure: no I/O.
import type { DeadlineValue } from '../rule-catalogue.ts';
import type { CaseKind } from './cases.ts';

export const CITIZEN_DEADLINE_DEFAULTS: Record<string, DeadlineValue & { source: string }> = {
  // Decree 43/2011 Art. 17: answer or report progress within 15 working days.
  'deadline.question_answer': { amount: 15, unit: 'working_days', source: 'Nghị định 43/2011/NĐ-CP, Điều 17' },
  // 004 Đ8.3: a unit reports feedback it received to its head the same day.
  'deadline.unit_receipt': { amount: 0, unit: 'working_days', source: 'Quy chế 004, Điều 8 khoản 3' },
  // Decree 20/2008: petitions registered and forwarded within 5 working days.
  'deadline.petition_forward': { amount: 5, unit: 'working_days', source: 'Nghị định 20/2008/NĐ-CP' },
  'deadline.petition_answer': { amount: 15, unit: 'working_days', source: 'Nghị định 20/2008/NĐ-CP' },
  // Law 104/2016 Art. 24: simple requests in 3 working days; otherwise notice in 3, answer in 15, +15 once.
  'deadline.info_request_simple': { amount: 3, unit: 'working_days', source: 'Luật Tiếp cận thông tin 104/2016/QH13, Điều 24' },
  'deadline.info_request_notice': { amount: 3, unit: 'working_days', source: 'Luật Tiếp cận thông tin 104/2016/QH13, Điều 24' },
  'deadline.info_request_complex': { amount: 15, unit: 'working_days', source: 'Luật Tiếp cận thông tin 104/2016/QH13, Điều 24' },
  'deadline.info_request_extension': { amount: 15, unit: 'working_days', source: 'Luật Tiếp cận thông tin 104/2016/QH13, Điều 24' },
  // Law 104/2016 Art. 22: a claim that published information is wrong is checked and answered within 15 days.
  'deadline.correction_claim': { amount: 15, unit: 'calendar_days', source: 'Luật Tiếp cận thông tin 104/2016/QH13, Điều 22' },
  'deadline.consultation_minimum': { amount: 20, unit: 'calendar_days', source: 'Luật Ban hành văn bản quy phạm pháp luật' },
  // No national figure: two years after a case is closed, then names and addresses are erased.
  'retention.personal_data': { amount: 730, unit: 'calendar_days', source: 'Nghị định 13/2023/NĐ-CP (xóa khi hết mục đích xử lý)' },
};

/** The rule that sets when a case of this kind must be answered (information requests: by complexity). */
export function answerDeadlineKey(kind: CaseKind, complexity: 'simple' | 'complex' | null = null): string {
  switch (kind) {
    case 'question':
      return 'deadline.question_answer';
    case 'petition':
      return 'deadline.petition_answer';
    case 'info_request':
      return complexity === 'complex' ? 'deadline.info_request_complex' : 'deadline.info_request_simple';
    case 'correction_claim':
      return 'deadline.correction_claim';
  }
}

import type { ReviewChain } from '../workflow/chain.ts';

/** The default approval chain of an answer: the answering unit's head checks it, the editor-in-chief approves it. */
export const DEFAULT_ANSWER_CHAIN: ReviewChain = Object.freeze({
  steps: [
    { key: 'unit_head_verify', name: 'Lãnh đạo đơn vị kiểm tra câu trả lời', nameEn: 'Unit head checks the answer', actor: { kind: 'unit_head' as const }, kind: 'verify' as const, deadline: null },
    { key: 'editor_in_chief_approve', name: 'Trưởng Ban biên tập duyệt', nameEn: 'Editor-in-chief approves', actor: { kind: 'role' as const, role: 'editor_in_chief' as const }, kind: 'approve' as const, deadline: null },
  ],
  fourEyes: true,
  publishDeadline: null,
});
