// Two months of assessed items for a demo site, through the real use cases:
// the published items of the two most recent full months before the clock's
// month (October and November 2026 for a demo loaded in December), each
// assessed by the site's editor-in-chief under the policy in force on its
// publication date — a few co-authored with an outside collaborator who
// writes under a pen name, a few with a photographer's share, a translation
// when there is one, and the per-item remuneration the policy pays. A site (or
// an item) with no policy in force is left alone, quietly; items already
// assessed are skipped, so loading twice changes nothing.
import { DomainError } from '../../core/errors.ts';
import { periodOfDate, previousPeriod } from '../../core/royalties/period.ts';
import { startOfVietnamDate, vietnamDate, type Clock } from '../../core/time.ts';
import type { Db } from '../../platform/db/database.ts';
import type { AuditActor } from '../audit/store.ts';
import { assessItem, findAssessableItem, GENRE_OF_KIND, prefillFor, REMUNERATION_KINDS, isRoyaltyItem, type AssessInput, type PayeeRef } from './assess.ts';
import { suggestTerms, writeAllowances } from './allowances.ts';
import { isPeriodClosed } from './ledger.ts';
import { createPayee } from './payees.ts';
import { payLines } from './payments.ts';
import { closePeriod } from './period-manage.ts';
import { policyOn } from './policy-store.ts';

const COLLABORATOR = { fullName: 'Trần Thị Minh Thư', penNames: ['Minh Thư', 'Thư Trần'], position: 'Cộng tác viên' };

/** The two full months before the one `today` falls in, oldest first ("2026-10", "2026-11"). */
export function demoRoyaltyMonths(today: string): [string, string] {
  const last = previousPeriod(today.slice(0, 7));
  return [previousPeriod(last), last];
}

async function memberWithRole(db: Db, siteId: number, role: string): Promise<{ id: number; name: string } | null> {
  const row = await db
    .selectFrom('membership_roles')
    .innerJoin('users', 'users.id', 'membership_roles.user_id')
    .select(['users.id', 'users.name'])
    .where('membership_roles.site_id', '=', siteId)
    .where('membership_roles.role', '=', role)
    .orderBy('users.id')
    .executeTakeFirst();
  return row ?? null;
}

/** A coefficient within the genre's range, varied by the item's place in the list. */
function coefficientFor(min: number, max: number, n: number): number {
  const wanted = max >= 3000 ? [250, 400, 300, 600, 200][n % 5]! : [150, 200, 300, 250, 100][n % 5]!;
  return Math.max(min, Math.min(max, wanted));
}

/** Assesses the demo site's published items of the two months; returns how many were assessed. */
export async function loadRoyaltyDemo(db: Db, siteId: number, clock: Clock): Promise<number> {
  const [first, second] = demoRoyaltyMonths(vietnamDate(clock.now()));
  const from = startOfVietnamDate(`${first}-01`).toISOString();
  const [y, m] = second.split('-').map(Number) as [number, number];
  const to = startOfVietnamDate(m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`).toISOString();
  const rows = await db
    .selectFrom('articles')
    .select('id')
    .where('site_id', '=', siteId)
    .where('deleted_at', 'is', null)
    .where('publication', '=', 'published')
    .where('reader_contribution', '=', 0)
    .where(isRoyaltyItem)
    .where('first_published_at', '>=', from)
    .where('first_published_at', '<', to)
    .orderBy('first_published_at')
    .orderBy('id')
    .execute();
  const assessed = new Set((await db.selectFrom('royalty_assessments').select('article_id').where('site_id', '=', siteId).execute()).map((r) => r.article_id));
  const head = await memberWithRole(db, siteId, 'editor_in_chief');
  if (!head) return 0;
  const photographer = await memberWithRole(db, siteId, 'board_member');
  const collector = await memberWithRole(db, siteId, 'secretariat');
  const actor: AuditActor = { siteId, userId: head.id, onBehalfOfUserId: null, label: `${head.name} (trangtin demo)`, ip: null, userAgent: null };

  let collaboratorId: number | null = null;
  async function collaborator(): Promise<PayeeRef> {
    if (collaboratorId === null) {
      const existing = await db.selectFrom('royalty_payees').select('id').where('site_id', '=', siteId).where('full_name', '=', COLLABORATOR.fullName).executeTakeFirst();
      collaboratorId = existing?.id ?? (await createPayee(db, actor, { ...COLLABORATOR, userId: null, unitId: null, active: true }, clock));
    }
    return { payeeId: collaboratorId };
  }

  let count = 0;
  let translated = false;
  for (const [n, row] of rows.entries()) {
    if (assessed.has(row.id)) continue;
    const item = await findAssessableItem(db, siteId, row.id);
    if (!item) continue;
    const policy = await policyOn(db, siteId, item.publishedOn);
    if (!policy) continue;
    const p = policy.policy;
    // One translation at most; otherwise the genre the item's kind usually takes, else the policy's first.
    const wantsTranslation = item.kind === 'translation' && !translated;
    const genreKey = wantsTranslation ? 'dich' : GENRE_OF_KIND[item.kind] === 'dich' ? 'bai' : GENRE_OF_KIND[item.kind];
    const genre = p.genres.find((g) => g.key === genreKey) ?? p.genres.find((g) => g.basis === 'creation') ?? p.genres[0];
    if (!genre) continue;
    const percent = genre.basis === 'translation' ? Math.round((p.translationPercent.min + p.translationPercent.max) / 2) : genre.basis === 'reuse' ? Math.min(p.reusePercent.max, Math.max(p.reusePercent.min, 30)) : 100;
    const prefill = await prefillFor(db, item);
    let shares: AssessInput['shares'];
    if (genre.basis === 'translation') shares = [{ payee: await collaborator(), role: 'translator', bp: 10_000 }];
    else if (n % 5 === 1) shares = [{ payee: prefill.author, role: 'author', bp: 6_000 }, { payee: await collaborator(), role: 'co_author', bp: 4_000 }];
    else if (n % 5 === 3 && photographer) shares = [{ payee: prefill.author, role: 'author', bp: 7_000 }, { payee: { userId: photographer.id }, role: 'photographer', bp: 3_000 }];
    else if (n % 7 === 4) shares = [{ payee: await collaborator(), role: 'author', bp: 10_000 }];
    else shares = [{ payee: prefill.author, role: 'author', bp: 10_000 }];
    const remuneration: AssessInput['remuneration'] = [];
    for (const kind of REMUNERATION_KINDS) {
      if ((p.remuneration[kind] ?? 0) <= 0) continue;
      const ref = kind === 'collecting' ? (collector && n % 3 === 0 ? { userId: collector.id } : undefined) : prefill.remuneration[kind];
      if (ref) remuneration.push({ kind, payee: ref });
    }
    try {
      await assessItem(
        db,
        actor,
        {
          articleId: item.id,
          genreKey: genre.key,
          coefficientX100: coefficientFor(genre.minX100, genre.maxX100, n),
          percent,
          qualityNote: n % 4 === 0 ? 'Thông tin đầy đủ, kịp thời.' : null,
          shares,
          remuneration,
          includeReaderContribution: false,
          acceptOverBudget: true,
          reason: null,
        },
        clock,
      );
      if (genre.basis === 'translation') translated = true;
      count += 1;
    } catch (error) {
      // A policy the demo does not fit (a narrowed range, no base salary yet): leave the item waiting in the queue.
      if (!(error instanceof DomainError)) throw error;
    }
  }
  await settleFirstMonth(db, actor, first, second, collaboratorId, clock);
  await yearAllowances(db, actor, clock);
  return count;
}

/**
 * The first demo month as a board leaves it: closed, and paid on the 10th of
 * the next month to everyone but the outside collaborator, whose lines are
 * carried over unpaid to the next sheet.
 */
async function settleFirstMonth(db: Db, actor: AuditActor, first: string, second: string, collaboratorId: number | null, clock: Clock): Promise<void> {
  if (await isPeriodClosed(db, actor.siteId, first)) return;
  const payees = await db.selectFrom('royalty_lines').select('payee_id').distinct().where('site_id', '=', actor.siteId).where('period', '=', first).where('voided_at', 'is', null).where('paid_on', 'is', null).execute();
  if (payees.length === 0) return;
  await closePeriod(db, actor, first, clock);
  for (const { payee_id } of payees) {
    if (payee_id === collaboratorId) continue;
    await payLines(db, actor, first, { payeeId: payee_id, lineIds: [], paidOn: `${second}-10`, reference: `PC-${first.replace('-', '')}-${payee_id}` }, clock);
  }
}

/** Where the policy pays the board a yearly allowance (001 Đ10), the year's terms and allowances, in this month. */
async function yearAllowances(db: Db, actor: AuditActor, clock: Clock): Promise<void> {
  const today = vietnamDate(clock.now());
  const policy = await policyOn(db, actor.siteId, today);
  const yearly = policy?.policy.boardAllowanceYearly;
  if (!yearly || yearly.head + yearly.deputy + yearly.member === 0) return;
  const year = Number(today.slice(0, 4));
  await suggestTerms(db, actor, year, clock);
  await writeAllowances(db, actor, year, periodOfDate(today), clock);
}
