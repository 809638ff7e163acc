// What a poll is, apart from storage: its rules (question, 2–10 options,
// single or multiple choice with a maximum, a period in Vietnam time), where
// it stands at a moment (draft, scheduled, running, closed), what a ballot may
// choose, and its results with percentages. Pure code.
import type { Problem } from '../../core/errors.ts';
import { fold, normalizeInput } from '../../core/vietnamese/index.ts';

export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = 10;
export const QUESTION_MAX = 300;
export const OPTION_MAX = 200;
export const DESCRIPTION_MAX = 2000;

export type PollStatus = 'draft' | 'open' | 'closed';
export const POLL_STATUSES: readonly PollStatus[] = ['draft', 'open', 'closed'];
/** Where a poll stands now: a draft, opened but not yet begun, taking votes, or over. */
export type PollPhase = 'draft' | 'scheduled' | 'running' | 'closed';

export interface PollOptionInput {
  label: string;
  labelEn: string | null;
}

export interface PollInput {
  question: string;
  questionEn: string | null;
  description: string | null;
  options: PollOptionInput[];
  multiple: boolean;
  /** Most options a ballot may choose (1 when single choice). */
  maxChoices: number;
  /** ISO instants (UTC). */
  opensAt: string;
  closesAt: string;
  resultsBeforeClose: boolean;
}

export interface PollTiming {
  status: string;
  opens_at: string;
  closes_at: string;
}

export function phaseOf(poll: PollTiming, now: Date): PollPhase {
  if (poll.status === 'draft') return 'draft';
  const t = now.toISOString();
  if (poll.status === 'closed' || poll.closes_at <= t) return 'closed';
  return poll.opens_at > t ? 'scheduled' : 'running';
}

const problem = (code: string, field: string, vi: string, en: string): Problem => ({ code, field, vi, en });

/** The input with its text normalised (NFC, trimmed; empty optional text → null). */
export function normalizePoll(input: PollInput): PollInput {
  const opt = (v: string | null) => (v ? normalizeInput(v) || null : null);
  return {
    ...input,
    question: normalizeInput(input.question),
    questionEn: opt(input.questionEn),
    description: input.description ? normalizeInput(input.description).replace(/\r\n?/g, '\n') || null : null,
    options: input.options.map((o) => ({ label: normalizeInput(o.label), labelEn: opt(o.labelEn) })).filter((o) => o.label !== '' || o.labelEn !== null),
    maxChoices: input.multiple ? input.maxChoices : 1,
  };
}

/** Every problem of a poll's content and period, with the form field at fault. */
export function pollProblems(input: PollInput): Problem[] {
  const p: Problem[] = [];
  const len = (s: string | null) => [...(s ?? '')].length;
  if (!input.question) p.push(problem('question_required', 'question', 'Vui lòng nhập câu hỏi bình chọn.', 'Please enter the question.'));
  else if (len(input.question) > QUESTION_MAX) p.push(problem('question_too_long', 'question', `Câu hỏi tối đa ${QUESTION_MAX} ký tự.`, `The question is at most ${QUESTION_MAX} characters.`));
  if (len(input.questionEn) > QUESTION_MAX) p.push(problem('question_en_too_long', 'questionEn', `Câu hỏi (tiếng Anh) tối đa ${QUESTION_MAX} ký tự.`, `The English question is at most ${QUESTION_MAX} characters.`));
  if (len(input.description) > DESCRIPTION_MAX) p.push(problem('description_too_long', 'description', `Mô tả tối đa ${DESCRIPTION_MAX} ký tự.`, `The description is at most ${DESCRIPTION_MAX} characters.`));
  const n = input.options.length;
  if (n < MIN_OPTIONS || n > MAX_OPTIONS) p.push(problem('options_count', 'options', `Cuộc bình chọn cần từ ${MIN_OPTIONS} đến ${MAX_OPTIONS} phương án (hiện có ${n}).`, `A poll needs ${MIN_OPTIONS} to ${MAX_OPTIONS} options (it has ${n}).`));
  const seen = new Set<string>();
  input.options.forEach((o, i) => {
    if (!o.label) p.push(problem('option_required', `option${i + 1}`, `Phương án ${i + 1}: vui lòng nhập nội dung tiếng Việt.`, `Option ${i + 1}: please enter the Vietnamese text.`));
    else if (len(o.label) > OPTION_MAX || len(o.labelEn) > OPTION_MAX) p.push(problem('option_too_long', `option${i + 1}`, `Phương án ${i + 1}: tối đa ${OPTION_MAX} ký tự.`, `Option ${i + 1}: at most ${OPTION_MAX} characters.`));
    const key = fold(o.label);
    if (o.label && seen.has(key)) p.push(problem('option_duplicate', `option${i + 1}`, `Phương án ${i + 1} trùng với một phương án khác.`, `Option ${i + 1} repeats another option.`));
    seen.add(key);
  });
  if (input.multiple && (!Number.isInteger(input.maxChoices) || input.maxChoices < 2 || input.maxChoices > Math.max(2, n))) {
    p.push(problem('max_choices', 'maxChoices', `Số phương án được chọn tối đa phải từ 2 đến ${Math.max(2, n)}.`, `The most options a ballot may choose must be 2 to ${Math.max(2, n)}.`));
  }
  if (!input.opensAt) p.push(problem('opens_required', 'opensAt', 'Vui lòng nhập thời điểm bắt đầu (ngày giờ Việt Nam).', 'Please enter when the poll opens (Vietnam time).'));
  if (!input.closesAt) p.push(problem('closes_required', 'closesAt', 'Vui lòng nhập thời điểm kết thúc (ngày giờ Việt Nam).', 'Please enter when the poll closes (Vietnam time).'));
  if (input.opensAt && input.closesAt && input.closesAt <= input.opensAt) p.push(problem('closes_before_opens', 'closesAt', 'Thời điểm kết thúc phải sau thời điểm bắt đầu.', 'The poll must close after it opens.'));
  return p;
}

/** The options as stored, for comparing what an edit would change. */
export function sameOptions(a: { label: string; labelEn: string | null }[], b: { label: string; labelEn: string | null }[]): boolean {
  return a.length === b.length && a.every((o, i) => o.label === b[i]!.label && (o.labelEn ?? null) === (b[i]!.labelEn ?? null));
}

/** What a ballot chose: the option ids, checked against the poll (unknown, repeated, too many or none are refused). */
export function ballotChoices(poll: { multiple: number; max_choices: number }, optionIds: readonly number[], chosen: readonly string[]): { ok: true; ids: number[] } | { ok: false; vi: string; en: string } {
  const ids = chosen.map((c) => (/^\d{1,12}$/.test(c) ? Number(c) : NaN));
  if (ids.length === 0) return { ok: false, vi: 'Vui lòng chọn một phương án trước khi gửi.', en: 'Please choose an option before sending.' };
  if (ids.some((id) => !optionIds.includes(id)) || new Set(ids).size !== ids.length) return { ok: false, vi: 'Phương án đã chọn không thuộc cuộc bình chọn này.', en: 'The chosen option is not one of this poll.' };
  const max = poll.multiple ? poll.max_choices : 1;
  if (ids.length > max) return { ok: false, vi: max === 1 ? 'Chỉ được chọn một phương án.' : `Chỉ được chọn tối đa ${max} phương án.`, en: max === 1 ? 'Choose one option only.' : `Choose at most ${max} options.` };
  return { ok: true, ids };
}

export interface OptionResult {
  id: number;
  label: string;
  votes: number;
  /** Share of ballots that chose it, in whole percent (a multiple-choice poll's shares add up to more than 100). */
  percent: number;
}

/** Counts and percentages of ballots; largest remainder keeps a single-choice poll's shares adding up to 100. */
export function pollResults(ballots: number, options: { id: number; label: string; votes: number }[], multiple: boolean): OptionResult[] {
  if (ballots <= 0) return options.map((o) => ({ ...o, percent: 0 }));
  const exact = options.map((o) => (o.votes * 100) / ballots);
  const percents = exact.map(Math.floor);
  if (!multiple) {
    let left = 100 - percents.reduce((a, b) => a + b, 0);
    const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
    for (const [frac, i] of order) {
      if (left <= 0 || frac === 0) break;
      percents[i]! += 1;
      left -= 1;
    }
  } else {
    exact.forEach((x, i) => (percents[i] = Math.round(x)));
  }
  return options.map((o, i) => ({ ...o, percent: percents[i]! }));
}

/** 'YYYY-MM-DDTHH:MM' in Vietnam time (a datetime-local value) of an ISO instant. */
export function vietnamLocalInput(iso: string): string {
  return new Date(new Date(iso).getTime() + 7 * 3600_000).toISOString().slice(0, 16);
}
