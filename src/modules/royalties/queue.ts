// The assessment queue: the site's published items royalties pay for, with
// where each stands — waiting (oldest first, with the days left under the
// policy's payment rule), assessed (latest version), a reader's contribution
// (left out unless the policy pays them or the assessor chooses), or taken
// down before it was paid (flagged).
import { vietnamDate } from '../../core/time.ts';
import type { Db } from '../../platform/db/database.ts';
import { isRoyaltyItem, paymentDue } from './assess.ts';
import { policyOn, type PolicyInForce } from './policy-store.ts';

export const QUEUE_TABS = ['to_assess', 'assessed', 'readers', 'taken_down'] as const;
export type QueueTab = (typeof QUEUE_TABS)[number];

export interface QueueRow {
  id: number;
  title: string;
  kind: string;
  slug: string;
  entryKind: string | null;
  authorName: string | null;
  unitName: string | null;
  creatorName: string;
  publishedOn: string;
  publication: string;
  readerContribution: boolean;
  /** The policy in force on the publication date; null: none applies. */
  policy: Pick<PolicyInForce, 'ownerSiteId' | 'citation'> & { paymentDays: number; payReaderContributions: boolean } | null;
  dueOn: string | null;
  daysLeft: number | null;
  /** The latest version, when assessed. */
  assessment: { version: number; amount: number; genreLabel: string } | null;
  /** Some line of it is paid. */
  paid: boolean;
  takenDown: boolean;
}

export async function loadQueue(db: Db, siteId: number, tab: QueueTab, now: Date, limit = 500): Promise<{ rows: QueueRow[]; counts: Record<QueueTab, number> }> {
  const today = vietnamDate(now);
  const items = await db
    .selectFrom('articles')
    .innerJoin('users', 'users.id', 'articles.author_user_id')
    .leftJoin('units', 'units.id', 'articles.unit_id')
    .select([
      'articles.id', 'articles.title', 'articles.kind', 'articles.slug', 'articles.entry_kind', 'articles.author_name', 'articles.reader_contribution',
      'articles.publication', 'articles.first_published_at', 'users.name as creator_name', 'units.name as unit_name',
    ])
    .where('articles.site_id', '=', siteId)
    .where('articles.deleted_at', 'is', null)
    .where('articles.first_published_at', 'is not', null)
    .where(isRoyaltyItem)
    .orderBy('articles.first_published_at')
    .orderBy('articles.id')
    .execute();
  const assessments = await db.selectFrom('royalty_assessments').select(['article_id', 'version', 'amount', 'genre_label']).where('site_id', '=', siteId).execute();
  const latest = new Map<number, { version: number; amount: number; genreLabel: string }>();
  for (const a of assessments) {
    if ((latest.get(a.article_id)?.version ?? 0) < a.version) latest.set(a.article_id, { version: a.version, amount: a.amount, genreLabel: a.genre_label });
  }
  const paidRows = await db.selectFrom('royalty_lines').select('article_id').distinct().where('site_id', '=', siteId).where('paid_on', 'is not', null).where('voided_at', 'is', null).execute();
  const paid = new Set(paidRows.map((r) => r.article_id));
  const policies = new Map<string, QueueRow['policy']>();
  async function policyFor(date: string): Promise<QueueRow['policy']> {
    if (!policies.has(date)) {
      const p = await policyOn(db, siteId, date);
      policies.set(date, p ? { ownerSiteId: p.ownerSiteId, citation: p.citation, paymentDays: p.policy.paymentDays, payReaderContributions: p.policy.payReaderContributions } : null);
    }
    return policies.get(date)!;
  }
  const counts: Record<QueueTab, number> = { to_assess: 0, assessed: 0, readers: 0, taken_down: 0 };
  const rows: QueueRow[] = [];
  for (const item of items) {
    const publishedOn = vietnamDate(new Date(item.first_published_at!));
    const policy = await policyFor(publishedOn);
    const assessment = latest.get(item.id) ?? null;
    const reader = item.reader_contribution === 1;
    const takenDown = item.publication !== 'published';
    const isPaid = paid.has(item.id);
    const tabs: QueueTab[] = [];
    if (!assessment && !takenDown && (!reader || policy?.payReaderContributions === true)) tabs.push('to_assess');
    if (assessment) tabs.push('assessed');
    if (reader && !assessment) tabs.push('readers');
    if (takenDown && !isPaid) tabs.push('taken_down');
    for (const t of tabs) counts[t] += 1;
    if (!tabs.includes(tab) || rows.length >= limit) continue;
    const due = policy && !isPaid ? paymentDue(publishedOn, policy.paymentDays, today) : null;
    rows.push({
      id: item.id,
      title: item.title,
      kind: item.kind,
      slug: item.slug,
      entryKind: item.entry_kind,
      authorName: item.author_name,
      unitName: item.unit_name,
      creatorName: item.creator_name,
      publishedOn,
      publication: item.publication,
      readerContribution: reader,
      policy,
      dueOn: due?.dueOn ?? null,
      daysLeft: due?.daysLeft ?? null,
      assessment,
      paid: isPaid,
      takenDown,
    });
  }
  return { rows, counts };
}

/** How many published items wait for a first assessment (readers' contributions aside): one count for the back-office home. */
export async function countAwaitingAssessment(db: Db, siteId: number): Promise<number> {
  const row = await db
    .selectFrom('articles')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('articles.site_id', '=', siteId)
    .where('articles.deleted_at', 'is', null)
    .where('articles.publication', '=', 'published')
    .where('articles.reader_contribution', '=', 0)
    .where(isRoyaltyItem)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('royalty_assessments as a').select('a.id').whereRef('a.article_id', '=', 'articles.id').where('a.site_id', '=', siteId))))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
