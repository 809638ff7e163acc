// Assessing a published item (chấm nhuận bút): genre and coefficient under the
// policy in force on its publication date, the royalty split between its
// payees by share, the per-item remuneration of editing, collecting and
// approving, and the ledger lines that owe them — all in one transaction with
// the audit row. A re-assessment adds a version: lines still open and unpaid
// are voided and replaced; lines already closed or paid stay as they are and
// the difference goes into the current open period as a correction naming them.
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import { DomainError, type Problem } from '../../core/errors.ts';
import { nextPeriod } from '../../core/royalties/period.ts';
import { assessAmount, formatCoefficient, splitByShares, type AssessedAmount } from '../../core/royalties/amount.ts';
import { formatVnd } from '../../core/royalties/money.ts';
import { budgetLineOfKind, LINE_KIND_LABELS, SHARE_ROLES, type BudgetLine, type LineKind, type PerItemRemuneration, type ShareRole } from '../../core/royalties/policy.ts';
import { addDays, isoNow, systemClock, vietnamDate, type Clock } from '../../core/time.ts';
import { normalizeInput } from '../../core/vietnamese/index.ts';
import { inTransaction, type Db } from '../../platform/db/database.ts';
import type { Database } from '../../platform/db/schema.ts';
import { appendAudit, type AuditActor } from '../audit/store.ts';
import { bookingPeriod, budgetPosition, lockLedger, closedPeriods, exceedsBudget, writeLines, type BudgetPosition, type NewLine } from './ledger.ts';
import { payeeForByline, payeeForUser } from './payees.ts';
import { policyOn, type PolicyInForce } from './policy-store.ts';

/** The kinds of items authors write and royalties pay for (static pages and legal documents are not paid per item). */
export const ROYALTY_KINDS = ['news', 'article', 'photo', 'video', 'translation', 'collected', 'entry'] as const;
/** Declared sections whose entries are authored work (thematic articles and translations, culture and tourism, photo and video albums); schedules, directories, leaders' profiles, notices and promotions are not paid per item. */
export const ROYALTY_ENTRY_KINDS = ['thematic', 'culture_tourism', 'gallery'] as const;

/** The articles royalties pay for, as a condition: `.where(isRoyaltyItem)`. */
export function isRoyaltyItem(eb: ExpressionBuilder<Database, 'articles'>): Expression<SqlBool> {
  return eb.and([
    eb('articles.kind', 'in', [...ROYALTY_KINDS]),
    eb.or([eb('articles.kind', '!=', 'entry'), eb('articles.entry_kind', 'in', [...ROYALTY_ENTRY_KINDS])]),
  ]);
}

/** The genre an item's kind usually takes (Decree 18/2014 keys), when the policy has it. */
export const GENRE_OF_KIND: Record<string, string> = { news: 'tin', article: 'bai', photo: 'anh', video: 'video', translation: 'dich', collected: 'suu_tam', entry: 'tin' };
/** The genre an entry of a declared section usually takes, where it is not news ('tin'). */
export const GENRE_OF_ENTRY_KIND: Record<string, string> = { gallery: 'anh' };

/** The genre an item usually takes: its declared section's, else its kind's. */
export function usualGenre(item: { kind: string; entryKind: string | null }): string | undefined {
  return (item.entryKind ? GENRE_OF_ENTRY_KIND[item.entryKind] : undefined) ?? GENRE_OF_KIND[item.kind];
}

export const REMUNERATION_KINDS = ['editing', 'collecting', 'approving'] as const satisfies readonly (keyof PerItemRemuneration & LineKind)[];
export type RemunerationKind = (typeof REMUNERATION_KINDS)[number];

export interface AssessableItem {
  id: number;
  siteId: number;
  title: string;
  kind: string;
  slug: string;
  entryKind: string | null;
  authorName: string | null;
  authorUserId: number;
  creatorName: string;
  unitName: string | null;
  readerContribution: boolean;
  publication: string;
  firstPublishedAt: string;
  /** Vietnam date of first publication. */
  publishedOn: string;
}

export interface AssessmentVersion {
  id: number;
  version: number;
  publishedOn: string;
  period: string;
  genreKey: string;
  genreLabel: string;
  coefficientX100: number;
  percent: number;
  unitValue: number;
  gross: number;
  cap: number | null;
  amount: number;
  qualityNote: string | null;
  readerContribution: boolean;
  overBudget: boolean;
  reason: string | null;
  assessedBy: string | null;
  createdAt: string;
  shares: { payeeId: number; role: ShareRole; bp: number }[];
  remuneration: { kind: RemunerationKind; payeeId: number; amount: number }[];
}

function jsonList<T>(text: string): T[] {
  try {
    const value = JSON.parse(text) as unknown;
    return Array.isArray(value) ? (value as T[]) : [];
  } catch {
    return [];
  }
}

/** Who a share or a remuneration row goes to: a payee, or a member who has no payee record yet (created on save). */
export type PayeeRef = { payeeId: number } | { userId: number };

export interface ShareInput {
  payee: PayeeRef;
  role: ShareRole;
  /** Basis points: 10000 = 100 %. */
  bp: number;
}

export interface RemunerationInput {
  kind: RemunerationKind;
  payee: PayeeRef;
}

export interface AssessInput {
  articleId: number;
  genreKey: string;
  coefficientX100: number;
  /** Share of the original (translation, reuse); ignored for created work. */
  percent: number;
  qualityNote: string | null;
  shares: ShareInput[];
  remuneration: RemunerationInput[];
  /** A reader's contribution is paid only when the assessor chooses it (unless the policy pays them). */
  includeReaderContribution: boolean;
  /** Go on past the budget warning. */
  acceptOverBudget: boolean;
  /** Required for a re-assessment. */
  reason: string | null;
}

export interface AssessmentPlan {
  item: AssessableItem;
  policy: PolicyInForce;
  assessed: AssessedAmount;
  /** The royalty per share, in the order given. */
  shareAmounts: number[];
  remuneration: { kind: RemunerationKind; payee: PayeeRef; amount: number }[];
  /** Royalty plus remuneration. */
  total: number;
  previous: AssessmentVersion | null;
  budget: BudgetPosition;
  /** What this assessment adds to the royalties line (net of what earlier versions already count). */
  budgetExtra: number;
  overBudget: boolean;
}

/** Raised when the assessment would take the year's royalties past the approved budget and the assessor has not confirmed. */
export class OverBudgetError extends DomainError {
  constructor(readonly plan: AssessmentPlan) {
    super({
      code: 'over_budget',
      field: 'acceptOverBudget',
      vi: `Vượt dự toán nhuận bút năm ${plan.item.publishedOn.slice(0, 4)}: dự toán ${formatVnd(plan.budget.approved ?? 0)} đ, đã chi ${formatVnd(plan.budget.spent)} đ, lần chấm này ${formatVnd(plan.budgetExtra)} đ. Đánh dấu "Vẫn ghi nhận dù vượt dự toán" nếu vẫn ghi nhận.`,
      en: `Over the ${plan.item.publishedOn.slice(0, 4)} royalties budget: approved ${formatVnd(plan.budget.approved ?? 0)} VND, spent ${formatVnd(plan.budget.spent)} VND, this assessment ${formatVnd(plan.budgetExtra)} VND. Tick "Record it despite the budget" to go on.`,
    });
    this.name = 'OverBudgetError';
  }
}

const problem = (code: string, field: string, vi: string, en: string): Problem => ({ code, field, vi, en });

/** A published item of the site (any kind royalties pay for), or null. */
export async function findAssessableItem(db: Db, siteId: number, articleId: number): Promise<AssessableItem | null> {
  const row = await db
    .selectFrom('articles')
    .innerJoin('users', 'users.id', 'articles.author_user_id')
    .leftJoin('units', 'units.id', 'articles.unit_id')
    .select([
      'articles.id', 'articles.site_id', 'articles.title', 'articles.kind', 'articles.slug', 'articles.entry_kind', 'articles.author_name', 'articles.author_user_id',
      'articles.reader_contribution', 'articles.publication', 'articles.first_published_at', 'users.name as creator_name', 'units.name as unit_name',
    ])
    .where('articles.site_id', '=', siteId)
    .where('articles.id', '=', articleId)
    .where('articles.deleted_at', 'is', null)
    .where('articles.first_published_at', 'is not', null)
    .where(isRoyaltyItem)
    .executeTakeFirst();
  if (!row || !row.first_published_at) return null;
  return {
    id: row.id,
    siteId: row.site_id,
    title: row.title,
    kind: row.kind,
    slug: row.slug,
    entryKind: row.entry_kind,
    authorName: row.author_name,
    authorUserId: row.author_user_id,
    creatorName: row.creator_name,
    unitName: row.unit_name,
    readerContribution: row.reader_contribution === 1,
    publication: row.publication,
    firstPublishedAt: row.first_published_at,
    publishedOn: vietnamDate(new Date(row.first_published_at)),
  };
}

/** Every version of an item's assessment, newest first. */
export async function assessmentVersions(db: Db, siteId: number, articleId: number): Promise<AssessmentVersion[]> {
  const rows = await db
    .selectFrom('royalty_assessments')
    .leftJoin('users', 'users.id', 'royalty_assessments.assessed_by_user_id')
    .selectAll('royalty_assessments')
    .select('users.name as assessor')
    .where('royalty_assessments.site_id', '=', siteId)
    .where('royalty_assessments.article_id', '=', articleId)
    .orderBy('royalty_assessments.version', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    publishedOn: r.published_on,
    period: r.period,
    genreKey: r.genre_key,
    genreLabel: r.genre_label,
    coefficientX100: r.coefficient_x100,
    percent: r.percent,
    unitValue: r.unit_value,
    gross: r.gross,
    cap: r.cap,
    amount: r.amount,
    qualityNote: r.quality_note,
    readerContribution: r.reader_contribution === 1,
    overBudget: r.over_budget === 1,
    reason: r.reason,
    assessedBy: r.assessor,
    createdAt: r.created_at,
    shares: jsonList(r.shares),
    remuneration: jsonList(r.remuneration),
  }));
}

export interface ItemLine {
  id: number;
  period: string;
  payeeId: number;
  payeeName: string;
  kind: string;
  role: string | null;
  shareBp: number | null;
  amount: number;
  description: string;
  correctsLineId: number | null;
  dueOn: string | null;
  voided: boolean;
  paidOn: string | null;
  assessmentId: number | null;
}

/** The ledger lines of an item, oldest first (voided ones included, marked). */
export async function itemLines(db: Db, siteId: number, articleId: number): Promise<ItemLine[]> {
  const rows = await db
    .selectFrom('royalty_lines')
    .innerJoin('royalty_payees', 'royalty_payees.id', 'royalty_lines.payee_id')
    .selectAll('royalty_lines')
    .select('royalty_payees.full_name')
    .where('royalty_lines.site_id', '=', siteId)
    .where('royalty_lines.article_id', '=', articleId)
    .orderBy('royalty_lines.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    period: r.period,
    payeeId: r.payee_id,
    payeeName: r.full_name,
    kind: r.kind,
    role: r.role,
    shareBp: r.share_bp,
    amount: r.amount,
    description: r.description,
    correctsLineId: r.corrects_line_id,
    dueOn: r.due_on,
    voided: r.voided_at !== null,
    paidOn: r.paid_on,
    assessmentId: r.assessment_id,
  }));
}

async function payeeRefProblem(db: Db, siteId: number, ref: PayeeRef, field: string): Promise<Problem | null> {
  if ('payeeId' in ref) {
    const row = await db.selectFrom('royalty_payees').select('active').where('site_id', '=', siteId).where('id', '=', ref.payeeId).executeTakeFirst();
    if (!row) return problem('unknown_payee', field, 'Không tìm thấy người nhận này.', 'Unknown payee.');
    if (row.active !== 1) return problem('inactive_payee', field, 'Người nhận này đã ngừng hoạt động.', 'This payee is inactive.');
    return null;
  }
  const member = await db.selectFrom('memberships').select('id').where('site_id', '=', siteId).where('user_id', '=', ref.userId).executeTakeFirst();
  return member ? null : problem('unknown_payee', field, 'Người này không phải thành viên của trang.', 'This person is not a member of the site.');
}

/** "60", "33,33" or "12.5" percent → basis points; null when not a percentage with at most two decimals. */
export function parseShareBp(raw: string): number | null {
  const m = /^\s*(\d{1,3})(?:[.,](\d{1,2}))?\s*%?\s*$/.exec(raw);
  if (!m) return null;
  const bp = Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
  return bp > 10_000 ? null : bp;
}

/** 6000 → "60", 3333 → "33,33". */
export function formatShareBp(bp: number): string {
  return formatCoefficient(bp);
}

/** What the royalties budget line already counts for this item: its lines not voided. */
async function countedForItem(db: Db, siteId: number, articleId: number): Promise<number> {
  const rows = await db.selectFrom('royalty_lines').select(['amount']).where('site_id', '=', siteId).where('article_id', '=', articleId).where('voided_at', 'is', null).where('budget_line', '=', 'royalties').execute();
  return rows.reduce((s, r) => s + r.amount, 0);
}

/**
 * Checks an assessment and computes it without writing anything: the amount
 * under the policy in force on the publication date, the split, the
 * remuneration and where the budget would stand. Throws DomainError with every
 * problem found; a missing item is a 404.
 */
export async function planAssessment(db: Db, siteId: number, input: AssessInput, opts: { preview?: boolean } = {}): Promise<AssessmentPlan> {
  const item = await findAssessableItem(db, siteId, input.articleId);
  if (!item) throw new DomainError({ code: 'not_found', vi: 'Không tìm thấy tin bài đã đăng.', en: 'Published item not found.' }, 404);
  const policy = await policyOn(db, siteId, item.publishedOn);
  if (!policy) {
    throw new DomainError(problem('no_policy', 'genre', `Không có chế độ nhuận bút nào áp dụng vào ngày đăng ${item.publishedOn.split('-').reverse().join('/')}: cần ban hành chế độ nhuận bút của trang (hoặc của tỉnh) trước khi chấm.`, `No royalty policy applies on the publication date ${item.publishedOn}: the site's (or province's) policy must be recorded first.`));
  }
  const problems: Problem[] = [];
  const versions = await assessmentVersions(db, siteId, item.id);
  const previous = versions[0] ?? null;
  // A preview writes nothing: the reason is asked for when the re-assessment is saved.
  if (previous && !opts.preview && !(input.reason && normalizeInput(input.reason))) {
    problems.push(problem('reason_required', 'reason', 'Chấm lại nhuận bút phải ghi lý do.', 'A re-assessment needs a reason.'));
  }
  if (item.readerContribution && !policy.policy.payReaderContributions && !input.includeReaderContribution) {
    problems.push(problem('reader_contribution', 'includeReaderContribution', 'Đây là bài cộng tác của bạn đọc: chế độ nhuận bút không trả cho loại này trừ khi người chấm chọn "Chấm nhuận bút" cho bài.', 'This is a reader’s contribution: the policy pays none unless the assessor chooses to assess it.'));
  }
  const computed = assessAmount(policy.policy, policy.context, { genreKey: input.genreKey, coefficientX100: input.coefficientX100, percent: input.percent });
  if ('problems' in computed) problems.push(...computed.problems);
  if (input.shares.length === 0) problems.push(problem('shares_required', 'shares', 'Cần ít nhất một người nhận nhuận bút.', 'At least one payee is needed.'));
  const totalBp = input.shares.reduce((s, x) => s + x.bp, 0);
  if (input.shares.length > 0 && totalBp !== 10_000) {
    problems.push(problem('shares_total', 'shares', `Tổng tỷ lệ chia phải bằng 100 % (hiện là ${formatShareBp(totalBp)} %).`, `The shares must total 100 % (now ${formatShareBp(totalBp)} %).`));
  }
  for (const [i, share] of input.shares.entries()) {
    if (!(SHARE_ROLES as readonly string[]).includes(share.role)) problems.push(problem('invalid_role', `share${i}Role`, 'Vai trò không hợp lệ.', 'Invalid role.'));
    if (!Number.isInteger(share.bp) || share.bp <= 0) problems.push(problem('invalid_share', `share${i}Pct`, 'Tỷ lệ phải lớn hơn 0.', 'A share must be above 0.'));
    const p = await payeeRefProblem(db, siteId, share.payee, `share${i}Payee`);
    if (p) problems.push(p);
  }
  const remuneration: AssessmentPlan['remuneration'] = [];
  for (const row of input.remuneration) {
    const amount = policy.policy.remuneration[row.kind] ?? 0;
    if (amount <= 0) {
      problems.push(problem('no_remuneration', `rem_${row.kind}`, `Chế độ đang áp dụng không trả ${LINE_KIND_LABELS[row.kind].vi.toLowerCase()} theo từng tin bài.`, `The policy pays no ${LINE_KIND_LABELS[row.kind].en.toLowerCase()} per item.`));
      continue;
    }
    const p = await payeeRefProblem(db, siteId, row.payee, `rem_${row.kind}`);
    if (p) problems.push(p);
    remuneration.push({ kind: row.kind, payee: row.payee, amount });
  }
  if (problems.length > 0 || 'problems' in computed) throw new DomainError(problems);
  const assessed = computed.ok;
  const shareAmounts = splitByShares(assessed.amount, input.shares.map((s, i) => ({ key: i, bp: s.bp }))).map((s) => s.amount);
  // The year of the period it will be booked into: an item of a closed December counts against January's year.
  const budget = await budgetPosition(db, siteId, Number((await bookingPeriod(db, siteId, item.publishedOn)).slice(0, 4)), 'royalties');
  const budgetExtra = assessed.amount - (previous ? await countedForItem(db, siteId, item.id) : 0);
  return {
    item,
    policy,
    assessed,
    shareAmounts,
    remuneration,
    total: assessed.amount + remuneration.reduce((s, r) => s + r.amount, 0),
    previous,
    budget,
    budgetExtra,
    overBudget: budgetExtra > 0 && exceedsBudget(budget, budgetExtra),
  };
}

async function resolvePayee(trx: Db, siteId: number, ref: PayeeRef, actor: AuditActor, clock: Clock): Promise<number> {
  return 'payeeId' in ref ? ref.payeeId : (await payeeForUser(trx, siteId, ref.userId, clock, actor)).id;
}

/** "2026-10" → "10/2026" */
function periodShort(period: string): string {
  return `${period.slice(5, 7)}/${period.slice(0, 4)}`;
}

/** Records an assessment (or a new version of one). Returns the assessment row's id. */
export async function assessItem(db: Db, actor: AuditActor, input: AssessInput, clock: Clock = systemClock): Promise<number> {
  return inTransaction(db, async (trx) => {
    const siteId = actor.siteId;
    await lockLedger(trx, siteId);
    const plan = await planAssessment(trx, siteId, input);
    if (plan.overBudget && !input.acceptOverBudget) throw new OverBudgetError(plan);
    const { item, policy, assessed } = plan;
    const now = isoNow(clock);
    const period = await bookingPeriod(trx, siteId, item.publishedOn);
    const dueOn = addDays(item.publishedOn, policy.policy.paymentDays);
    const version = (plan.previous?.version ?? 0) + 1;
    const reason = plan.previous && input.reason ? normalizeInput(input.reason) : null;
    const sharePayees: number[] = [];
    for (const share of input.shares) sharePayees.push(await resolvePayee(trx, siteId, share.payee, actor, clock));
    const remPayees: number[] = [];
    for (const row of plan.remuneration) remPayees.push(await resolvePayee(trx, siteId, row.payee, actor, clock));
    const { id: assessmentId } = await trx
      .insertInto('royalty_assessments')
      .values({
        site_id: siteId,
        article_id: item.id,
        version,
        published_on: item.publishedOn,
        period,
        genre_key: assessed.genre.key,
        genre_label: assessed.genre.vi,
        coefficient_x100: input.coefficientX100,
        percent: assessed.percent,
        unit_value: assessed.unitValue,
        gross: assessed.gross,
        cap: assessed.cap,
        amount: assessed.amount,
        quality_note: input.qualityNote ? normalizeInput(input.qualityNote) : null,
        policy_rule_id: policy.ruleId,
        policy: JSON.stringify({ ruleId: policy.ruleId, ownerSiteId: policy.ownerSiteId, effectiveFrom: policy.effectiveFrom, effectiveTo: policy.effectiveTo, citation: policy.citation, context: policy.context, policy: policy.policy }),
        reader_contribution: item.readerContribution ? 1 : 0,
        over_budget: plan.overBudget ? 1 : 0,
        reason,
        assessed_by_user_id: actor.userId,
        shares: JSON.stringify(input.shares.map((sh, i) => ({ payeeId: sharePayees[i], role: sh.role, bp: sh.bp }))),
        remuneration: JSON.stringify(plan.remuneration.map((r, i) => ({ kind: r.kind, payeeId: remPayees[i], amount: r.amount }))),
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    const wanted: NewLine[] = [];
    for (const [i, share] of input.shares.entries()) {
      wanted.push({ period, payeeId: sharePayees[i]!, kind: 'royalty', role: share.role, shareBp: share.bp, amount: plan.shareAmounts[i]!, description: `Nhuận bút: ${item.title}`, assessmentId, articleId: item.id, dueOn });
    }
    for (const [i, row] of plan.remuneration.entries()) {
      wanted.push({ period, payeeId: remPayees[i]!, kind: row.kind, amount: row.amount, description: `${LINE_KIND_LABELS[row.kind].vi}: ${item.title}`, assessmentId, articleId: item.id, dueOn });
    }

    let voided = 0;
    const corrections: { payeeId: number; amount: number; corrects: number }[] = [];
    if (!plan.previous) {
      await writeLines(trx, siteId, actor.userId, wanted, clock);
    } else {
      // Earlier lines: open and unpaid ones are replaced; closed or paid ones stay and are corrected.
      const closed = await closedPeriods(trx, siteId);
      const earlier = await trx.selectFrom('royalty_lines').selectAll().where('site_id', '=', siteId).where('article_id', '=', item.id).where('voided_at', 'is', null).orderBy('id').execute();
      const frozen = earlier.filter((l) => closed.has(l.period) || l.paid_on !== null);
      const replaceable = earlier.filter((l) => !frozen.includes(l));
      if (replaceable.length > 0) {
        await trx.updateTable('royalty_lines').set({ voided_at: now, updated_at: now }).where('site_id', '=', siteId).where('id', 'in', replaceable.map((l) => l.id)).where('paid_on', 'is', null).execute();
        voided = replaceable.length;
      }
      const groupOf = (payeeId: number, budgetLine: string) => `${payeeId}|${budgetLine}`;
      const frozenGroups = new Map<string, typeof frozen>();
      for (const l of frozen) {
        const key = groupOf(l.payee_id, l.budget_line);
        frozenGroups.set(key, [...(frozenGroups.get(key) ?? []), l]);
      }
      // Payees (per budget line) with nothing frozen get their new lines as on a first assessment.
      await writeLines(trx, siteId, actor.userId, wanted.filter((l) => !frozenGroups.has(groupOf(l.payeeId, budgetLineOfKind(l.kind)))), clock);

      for (const [key, lines] of frozenGroups) {
        const [payeeId, budgetLine] = [Number(key.split('|')[0]), key.split('|')[1]!];
        const target = wanted.filter((l) => groupOf(l.payeeId, budgetLineOfKind(l.kind)) === key).reduce((s, l) => s + l.amount, 0);
        const have = lines.reduce((s, l) => s + l.amount, 0);
        const diff = target - have;
        if (diff === 0) continue;
        const original = lines.find((l) => l.kind !== 'correction') ?? lines[0]!;
        // The next period after the one corrected, or the first still open after the last closed one.
        const current = await bookingPeriod(trx, siteId, `${nextPeriod(original.period)}-01`);
        const what = budgetLine === 'royalties' ? 'Điều chỉnh nhuận bút' : 'Điều chỉnh thù lao';
        const [lineId] = await writeLines(
          trx,
          siteId,
          actor.userId,
          [{ period: current, payeeId, kind: 'correction', amount: diff, description: `${what}: ${item.title} (kỳ ${periodShort(original.period)})`, assessmentId, articleId: item.id, correctsLineId: original.id, dueOn, budgetLine: budgetLine as BudgetLine }],
          clock,
        );
        corrections.push({ payeeId, amount: diff, corrects: original.id });
      }
    }

    const details = {
      articleId: item.id,
      version,
      publishedOn: item.publishedOn,
      policyRuleId: policy.ruleId,
      genre: assessed.genre.key,
      coefficient: formatCoefficient(input.coefficientX100),
      percent: assessed.percent,
      amount: assessed.amount,
      remuneration: plan.remuneration.reduce((s, r) => s + r.amount, 0),
      shares: input.shares.map((s) => ({ role: s.role, bp: s.bp })),
      ...(plan.overBudget ? { overBudget: true } : {}),
      ...(item.readerContribution ? { readerContribution: true } : {}),
    };
    if (plan.previous) {
      await appendAudit(trx, actor, { action: 'royalty.reassess', targetType: 'royalty_assessment', targetId: assessmentId, details: { ...details, reason, previousAmount: plan.previous.amount, voided, corrections } }, clock);
    } else {
      await appendAudit(trx, actor, { action: 'royalty.assess', targetType: 'royalty_assessment', targetId: assessmentId, details }, clock);
    }
    return assessmentId;
  });
}

export interface Prefill {
  /** The byline's payee, else the creator (a payee or a member without one yet). */
  author: PayeeRef;
  remuneration: Partial<Record<RemunerationKind, PayeeRef>>;
}

/** A member as a payee reference: their payee when they have one. */
async function refOfUser(db: Db, siteId: number, userId: number): Promise<PayeeRef> {
  const payee = await db.selectFrom('royalty_payees').select('id').where('site_id', '=', siteId).where('user_id', '=', userId).where('active', '=', 1).executeTakeFirst();
  return payee ? { payeeId: payee.id } : { userId };
}

/**
 * Who the form proposes, from the byline and the item's history: approving →
 * the last person who approved it (else who published it); editing → the last
 * person other than the author who saved its working copy.
 */
export async function prefillFor(db: Db, item: AssessableItem): Promise<Prefill> {
  const byline = await payeeForByline(db, item.siteId, item.authorName);
  const author: PayeeRef = byline ? { payeeId: byline.id } : await refOfUser(db, item.siteId, item.authorUserId);
  const events = await db
    .selectFrom('workflow_events')
    .select(['action', 'actor_user_id', 'on_behalf_of_user_id'])
    .where('site_id', '=', item.siteId)
    .where('item_type', '=', 'article')
    .where('item_id', '=', item.id)
    .where('action', 'in', ['approve', 'publish', 'urgent_publish', 'confirm_urgent'])
    .orderBy('id', 'desc')
    .execute();
  const approver = events.find((e) => e.action === 'approve') ?? events[0];
  const approverId = approver ? (approver.on_behalf_of_user_id ?? approver.actor_user_id) : null;
  const editor = await db
    .selectFrom('article_revisions')
    .select('created_by_user_id')
    .where('site_id', '=', item.siteId)
    .where('article_id', '=', item.id)
    .where('created_by_user_id', 'is not', null)
    .where('created_by_user_id', '!=', item.authorUserId)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  const remuneration: Prefill['remuneration'] = {};
  if (approverId !== null) remuneration.approving = await refOfUser(db, item.siteId, approverId);
  if (editor?.created_by_user_id) remuneration.editing = await refOfUser(db, item.siteId, editor.created_by_user_id);
  return { author, remuneration };
}

/** The payment deadline of an item and the days left to it from `today` (negative: overdue). */
export function paymentDue(publishedOn: string, paymentDays: number, today: string): { dueOn: string; daysLeft: number } {
  const dueOn = addDays(publishedOn, paymentDays);
  return { dueOn, daysLeft: Math.round((Date.parse(`${dueOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000) };
}

