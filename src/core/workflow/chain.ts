// A site's review chain (quy trình duyệt tin, bài): the steps an item passes
// between submission and publication. Each site configures its own (03 Đ15,
// 004 Đ8.5, 000 Đ8 …), so chains arrive as untrusted JSON and are validated
// here. Publication is not a step: it always follows the last step and needs
// the 'content.publish' permission.
import type { Problem } from '../errors.ts';
import { ROLE_PERMISSIONS, isRole, type Role } from '../permissions.ts';
import { DEADLINE_UNITS, type DeadlineValue } from '../rule-catalogue.ts';
import type { Lang } from '../../ui/i18n.ts';

export type StepActor = { kind: 'role'; role: Role } | { kind: 'unit_head' }; // unit_head = head of the item's providing unit

export type StepKind = 'edit' | 'verify' | 'approve';
export const STEP_KINDS: readonly StepKind[] = ['edit', 'verify', 'approve'];

export interface ChainStep {
  /** Stable id within the chain, e.g. 'secretariat_edit'. */
  key: string;
  /** Vietnamese, e.g. 'Thường trực biên tập, tổng hợp'. */
  name: string;
  nameEn: string;
  actor: StepActor;
  /** 'edit' steps may change the content; 'verify'/'approve' steps may too (reviewers correct small errors), but the distinction is shown to people. */
  kind: StepKind;
  /** Time allowed at this step, on the site's working calendar. */
  deadline: DeadlineValue | null;
  /**
   * Where the step's deadline counts from: its entry (the default), or the
   * board's receipt of the item (001 Đ8.1: approval "within 3 days of receipt",
   * the date of arrival or of e-mail receipt). A step counted from receipt is
   * due by the site's rule deadline.board_approval when one is in force, else
   * by its own `deadline`.
   */
  deadlineFrom?: 'receipt';
  /**
   * Who acts instead when nobody can fill `actor` for an item (its unit has
   * no head, nobody holds the role, or the only holder wrote the item). Absent:
   * such an item is refused at submission.
   */
  fallback?: Role;
}

export interface ReviewChain {
  /** May be empty: then an item goes straight to 'approved' on submit. */
  steps: ChainStep[];
  /** Nobody approves (or publishes) an item they authored. */
  fourEyes: boolean;
  /** Time allowed between approval and publication. */
  publishDeadline: DeadlineValue | null;
}

export const MAX_CHAIN_STEPS = 10;
const MAX_NAME_LENGTH = 200;
const MAX_DEADLINE_AMOUNT = 10_000; // same bound as ruleValueProblems
const STEP_KEY_RE = /^[a-z][a-z0-9_]{0,49}$/;

/** Default display names of roles; a site passes its own labels (labels differ per site). */
export const DEFAULT_ROLE_NAMES: Record<Role, { vi: string; en: string }> = {
  site_admin: { vi: 'Quản trị hệ thống', en: 'Site administrator' },
  editor_in_chief: { vi: 'Trưởng Ban biên tập', en: 'Editor-in-chief' },
  deputy: { vi: 'Phó Trưởng Ban biên tập', en: 'Deputy editor-in-chief' },
  secretariat: { vi: 'Thường trực Ban biên tập', en: 'Board secretariat' },
  board_member: { vi: 'Thành viên Ban biên tập', en: 'Board member' },
  secretary: { vi: 'Thư ký Ban biên tập', en: 'Secretary' },
  publisher: { vi: 'Cán bộ kỹ thuật đăng tải', en: 'Publisher' },
  unit_head: { vi: 'Lãnh đạo đơn vị', en: 'Unit head' },
  contributor: { vi: 'Cán bộ cung cấp thông tin, cộng tác viên', en: 'Contributor' },
  responder: { vi: 'Cán bộ trả lời ý kiến', en: 'Responder' },
};

export type RoleNamer = (role: Role, lang: Lang) => string;
export const defaultRoleName: RoleNamer = (role, lang) => DEFAULT_ROLE_NAMES[role][lang];

/** "Bước 2 «Xác thực thông tin»" — how messages name a step (1-based, as people count). */
export function stepLabel(index: number, step: Pick<ChainStep, 'name' | 'nameEn'> | null): { vi: string; en: string } {
  const n = index + 1;
  if (!step) return { vi: `Bước ${n}`, en: `Step ${n}` };
  return { vi: `Bước ${n} «${step.name}»`, en: `Step ${n} “${step.nameEn}”` };
}

/** The default chain of a new site: the secretariat edits, the editor-in-chief approves (003 Đ15, simplified). */
export const DEFAULT_CHAIN: ReviewChain = deepFreeze({
  steps: [
    {
      key: 'secretariat_edit',
      name: 'Thường trực Ban biên tập tổng hợp, biên tập',
      nameEn: 'Board secretariat compiles and edits',
      actor: { kind: 'role', role: 'secretariat' },
      kind: 'edit',
      deadline: null,
    },
    {
      key: 'editor_in_chief_approve',
      name: 'Trưởng Ban biên tập duyệt',
      nameEn: 'Editor-in-chief approves',
      actor: { kind: 'role', role: 'editor_in_chief' },
      kind: 'approve',
      deadline: null,
    },
  ],
  fourEyes: true,
  publishDeadline: null,
});

// ---- Parsing untrusted chains ----

type Fields = Record<string, unknown>;

function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const t = value.normalize('NFC').trim();
  return t.length > 0 && t.length <= MAX_NAME_LENGTH ? t : null;
}

/** null for a missing deadline, undefined for an invalid one. */
function parseDeadline(value: unknown): DeadlineValue | null | undefined {
  if (value === undefined || value === null) return null;
  if (!isObject(value)) return undefined;
  const { amount, unit } = value;
  const amountOk = typeof amount === 'number' && Number.isInteger(amount) && amount >= 0 && amount <= MAX_DEADLINE_AMOUNT;
  const unitOk = typeof unit === 'string' && (DEADLINE_UNITS as readonly string[]).includes(unit);
  return amountOk && unitOk ? { amount, unit: unit as DeadlineValue['unit'] } : undefined;
}

const DEADLINE_HINT = {
  vi: 'thời hạn cần một số nguyên không âm và đơn vị (giờ làm việc, ngày làm việc, ngày), hoặc để trống.',
  en: 'a deadline needs a whole number and a unit (working hours, working days, days), or none.',
};

function parseActor(value: unknown): { actor: StepActor } | { problem: 'actor' | 'role' | 'cannot_review' } {
  if (!isObject(value)) return { problem: 'actor' };
  if (value.kind === 'unit_head') return { actor: { kind: 'unit_head' } };
  if (value.kind !== 'role') return { problem: 'actor' };
  const role = value.role;
  if (typeof role !== 'string' || !isRole(role)) return { problem: 'role' };
  // A step whose role cannot review could never be completed by anyone holding it.
  if (!ROLE_PERMISSIONS[role].includes('content.review')) return { problem: 'cannot_review' };
  return { actor: { kind: 'role', role } };
}

/** null for none, undefined for an invalid one. */
function parseFallback(value: unknown): Role | null | undefined {
  if (value === undefined || value === null || value === '') return null;
  return typeof value === 'string' && isRole(value) && ROLE_PERMISSIONS[value].includes('content.review') ? value : undefined;
}

function parseStep(value: unknown, index: number, seenKeys: Set<string>, problems: Problem[]): ChainStep | null {
  const field = (name: string) => `steps.${index}.${name}`;
  if (!isObject(value)) {
    const at = stepLabel(index, null);
    problems.push({ code: 'chain_step_invalid', field: `steps.${index}`, vi: `${at.vi}: không đúng định dạng (cần mã, tên, người thực hiện, loại bước).`, en: `${at.en}: malformed (a step needs a key, a name, an actor and a kind).` });
    return null;
  }
  const name = text(value.name);
  const nameEn = value.nameEn === undefined || value.nameEn === null || value.nameEn === '' ? name : text(value.nameEn);
  const at = stepLabel(index, name ? { name, nameEn: nameEn ?? name } : null);
  const before = problems.length;
  const add = (code: string, f: string, vi: string, en: string) => problems.push({ code, field: field(f), vi: `${at.vi}: ${vi}`, en: `${at.en}: ${en}` });

  const key = typeof value.key === 'string' ? value.key : '';
  if (!STEP_KEY_RE.test(key)) {
    add('chain_step_key_invalid', 'key', 'mã bước phải bắt đầu bằng chữ thường, chỉ gồm chữ thường không dấu, số và dấu gạch dưới (tối đa 50 ký tự).', 'the step key must start with a lower-case letter and use only a-z, digits and underscores (at most 50 characters).');
  } else if (seenKeys.has(key)) {
    add('chain_step_key_duplicate', 'key', `mã bước «${key}» đã dùng cho một bước khác; hãy đặt mã khác.`, `the step key “${key}” is already used by another step; choose another.`);
  }
  seenKeys.add(key);
  if (!name) add('chain_step_name_required', 'name', `hãy nhập tên bước (tối đa ${MAX_NAME_LENGTH} ký tự).`, `enter a name for the step (at most ${MAX_NAME_LENGTH} characters).`);
  if (name && !nameEn) add('chain_step_name_en_invalid', 'nameEn', `tên tiếng Anh của bước không hợp lệ (tối đa ${MAX_NAME_LENGTH} ký tự).`, `the English name of the step is invalid (at most ${MAX_NAME_LENGTH} characters).`);

  const actor = parseActor(value.actor);
  if ('problem' in actor) {
    if (actor.problem === 'cannot_review') add('chain_step_role_cannot_review', 'actor', 'vai trò này không có quyền duyệt tin, bài; hãy chọn vai trò khác.', 'this role may not review content; choose another role.');
    else if (actor.problem === 'role') add('chain_step_role_invalid', 'actor', 'vai trò không tồn tại; hãy chọn một vai trò trong danh sách.', 'unknown role; choose a role from the list.');
    else add('chain_step_actor_invalid', 'actor', 'hãy chọn người thực hiện: một vai trò, hoặc lãnh đạo đơn vị cung cấp tin.', 'choose who acts: a role, or the head of the providing unit.');
  }
  const kind = STEP_KINDS.find((k) => k === value.kind);
  if (!kind) add('chain_step_kind_invalid', 'kind', 'hãy chọn loại bước: biên tập, xác thực hoặc phê duyệt.', 'choose the kind of step: edit, verify or approve.');
  const deadline = parseDeadline(value.deadline);
  if (deadline === undefined) add('chain_step_deadline_invalid', 'deadline', DEADLINE_HINT.vi, DEADLINE_HINT.en);
  const deadlineFrom = value.deadlineFrom === undefined || value.deadlineFrom === null || value.deadlineFrom === '' || value.deadlineFrom === 'entry' ? null : value.deadlineFrom === 'receipt' ? 'receipt' : undefined;
  if (deadlineFrom === undefined) add('chain_step_deadline_from_invalid', 'deadlineFrom', 'thời hạn tính từ khi vào bước hoặc từ khi Ban biên tập nhận tin, bài.', 'a deadline counts from entering the step or from the board\'s receipt of the item.');
  const fallback = parseFallback(value.fallback);
  if (fallback === undefined) add('chain_step_fallback_invalid', 'fallback', 'người xử lý thay phải là một vai trò có quyền duyệt tin, bài, hoặc để trống.', 'the stand-in must be a role that may review content, or none.');

  if (problems.length > before || !name || !nameEn || 'problem' in actor || !kind || deadline === undefined || fallback === undefined || deadlineFrom === undefined) return null;
  return { key, name, nameEn, actor: actor.actor, kind, deadline, ...(deadlineFrom ? { deadlineFrom } : {}), ...(fallback ? { fallback } : {}) };
}

/**
 * Validates a chain from the database or a form. Every problem is reported at
 * once; the result is a fresh object (names trimmed, NFC), never the input.
 * A missing `nameEn` falls back to `name`, a missing deadline to null.
 */
export function parseChain(value: unknown): { chain: ReviewChain } | { problems: Problem[] } {
  if (!isObject(value) || !Array.isArray(value.steps)) {
    return { problems: [{ code: 'chain_invalid', field: 'steps', vi: 'Quy trình duyệt không hợp lệ: cần danh sách các bước (có thể rỗng) và lựa chọn «bốn mắt».', en: 'Invalid review chain: it needs a list of steps (possibly empty) and the four-eyes choice.' }] };
  }
  const problems: Problem[] = [];
  if (value.steps.length > MAX_CHAIN_STEPS) {
    problems.push({ code: 'chain_too_many_steps', field: 'steps', vi: `Quy trình duyệt có tối đa ${MAX_CHAIN_STEPS} bước; hiện có ${value.steps.length} bước. Hãy gộp hoặc bỏ bớt bước.`, en: `A review chain has at most ${MAX_CHAIN_STEPS} steps; this one has ${value.steps.length}. Merge or remove steps.` });
  }
  const seen = new Set<string>();
  const steps = value.steps.map((s, i) => parseStep(s, i, seen, problems));
  if (typeof value.fourEyes !== 'boolean') {
    problems.push({ code: 'chain_four_eyes_invalid', field: 'fourEyes', vi: 'Hãy chọn có áp dụng nguyên tắc «bốn mắt» (tác giả không tự duyệt, tự đăng bài của mình) hay không.', en: 'Choose whether the four-eyes rule applies (authors do not approve or publish their own items).' });
  }
  const publishDeadline = parseDeadline(value.publishDeadline);
  if (publishDeadline === undefined) {
    problems.push({ code: 'chain_publish_deadline_invalid', field: 'publishDeadline', vi: `Hạn xuất bản sau khi duyệt: ${DEADLINE_HINT.vi}`, en: `Publication deadline after approval: ${DEADLINE_HINT.en}` });
  }
  if (problems.length > 0) return { problems };
  return { chain: { steps: steps.filter((s): s is ChainStep => s !== null), fourEyes: value.fourEyes as boolean, publishDeadline: publishDeadline ?? null } };
}

// ---- Can the chain be completed on this site? ----

export interface ChainHolders {
  /** Active holders of each role on the site (own or delegated, as the caller counts them). */
  role: Record<Role, number>;
  /** Active unit heads on the site, any unit. */
  unitHeads: number;
  /** Active holders of 'content.publish'. */
  publishers: number;
}

/**
 * A chain that no one could complete is refused, with one reason per
 * blocking step, plus one when nobody may publish. Counts only: what depends
 * on the item (its unit's head, four eyes) is checked when it is submitted.
 * A step whose stand-in role is held can always be completed.
 */
export function checkChainCompletable(chain: ReviewChain, holders: ChainHolders, roleName: RoleNamer = defaultRoleName): Problem[] {
  const problems: Problem[] = [];
  chain.steps.forEach((step, i) => {
    const at = stepLabel(i, step);
    const field = `steps.${i}.actor`;
    if (step.fallback && (holders.role[step.fallback] ?? 0) > 0) return;
    if (step.actor.kind === 'role' && (holders.role[step.actor.role] ?? 0) <= 0) {
      const r = step.actor.role;
      problems.push({ code: 'chain_step_unstaffed', field, vi: `${at.vi}: trang chưa có ai giữ vai trò ${roleName(r, 'vi')}. Hãy phân vai trò này cho một thành viên hoặc sửa quy trình.`, en: `${at.en}: nobody on this site holds the role ${roleName(r, 'en')}. Give the role to a member or change the chain.` });
    }
    if (step.actor.kind === 'unit_head' && holders.unitHeads <= 0) {
      problems.push({ code: 'chain_step_no_unit_head', field, vi: `${at.vi}: trang chưa có lãnh đạo đơn vị nào. Hãy phân vai trò ${roleName('unit_head', 'vi')} cho lãnh đạo các đơn vị hoặc sửa quy trình.`, en: `${at.en}: this site has no unit head. Give the role ${roleName('unit_head', 'en')} to the heads of units or change the chain.` });
    }
  });
  if (holders.publishers <= 0) {
    problems.push({ code: 'chain_no_publisher', field: 'publishers', vi: `Trang chưa có ai có quyền xuất bản tin, bài. Hãy phân vai trò ${roleName('publisher', 'vi')} cho một thành viên.`, en: `Nobody on this site may publish content. Give the role ${roleName('publisher', 'en')} to a member.` });
  }
  return problems;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

export { deepFreeze as freezeChain };
