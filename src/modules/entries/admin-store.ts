// The back office's reading of entries: how many of each kind are drafts, in
// review and published, and one kind's list with its status rows; always of
// one site, and only the person's own when they may not see everyone's.
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/database.ts';
import type { SiteKindSettings } from '../../core/entries/index.ts';
import { appendAudit, type AuditActor } from '../audit/store.ts';
import { isoNow, type Clock } from '../../core/time.ts';

/** The three piles of the overview, and the list's status filter. */
export const ENTRY_STATES = ['draft', 'review', 'published'] as const;
export type EntryState = (typeof ENTRY_STATES)[number];

export type EntryCounts = Record<EntryState, number>;

/** Which pile an item is in: published if live, else in review while a chain holds it, else a draft. */
function stateOf(reviewState: string, publication: string): EntryState {
  if (publication === 'published') return 'published';
  if (reviewState === 'in_review' || reviewState === 'approved') return 'review';
  return 'draft';
}

export async function entryCounts(db: Db, siteId: number, authorUserId: number | null): Promise<Map<string, EntryCounts>> {
  let q = db
    .selectFrom('articles')
    .select(['entry_kind', 'review_state', 'publication', (eb) => eb.fn.countAll<number>().as('n')])
    .where('site_id', '=', siteId)
    .where('kind', '=', 'entry')
    .where('deleted_at', 'is', null);
  if (authorUserId !== null) q = q.where('author_user_id', '=', authorUserId);
  const rows = await q.groupBy(['entry_kind', 'review_state', 'publication']).execute();
  const counts = new Map<string, EntryCounts>();
  for (const r of rows) {
    if (!r.entry_kind) continue;
    const c = counts.get(r.entry_kind) ?? { draft: 0, review: 0, published: 0 };
    c[stateOf(r.review_state, r.publication)] += Number(r.n);
    counts.set(r.entry_kind, c);
  }
  return counts;
}

export interface EntryListFilter {
  kind: string;
  state: EntryState | null;
  authorUserId: number | null;
  limit: number;
  offset: number;
}

export async function listEntries(db: Db, siteId: number, f: EntryListFilter) {
  let q = db
    .selectFrom('articles as a')
    .innerJoin('users as u', 'u.id', 'a.author_user_id')
    .where('a.site_id', '=', siteId)
    .where('a.kind', '=', 'entry')
    .where('a.entry_kind', '=', f.kind)
    .where('a.deleted_at', 'is', null);
  if (f.authorUserId !== null) q = q.where('a.author_user_id', '=', f.authorUserId);
  if (f.state === 'published') q = q.where('a.publication', '=', 'published');
  else if (f.state === 'review') q = q.where('a.publication', '!=', 'published').where('a.review_state', 'in', ['in_review', 'approved']);
  else if (f.state === 'draft') q = q.where('a.publication', '!=', 'published').where('a.review_state', 'not in', ['in_review', 'approved']);
  const [rows, count] = await Promise.all([
    q
      .select([
        'a.id', 'a.title', 'a.kind', 'a.entry_kind', 'a.details', 'a.review_state', 'a.publication', 'a.step_index', 'a.step_due_at', 'a.updated_at',
        'a.chain', 'a.publish_at', 'a.live_revision_id', 'a.has_pending_changes', 'a.urgent_pending_approval', 'a.assignee_user_id', 'u.name as author_name',
      ])
      .orderBy('a.updated_at', 'desc')
      .orderBy('a.id', 'desc')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** A site's choice of kinds, saved into sites.settings.entryKinds and audited, in one transaction. */
export async function saveSiteKinds(db: Db, actor: AuditActor, siteId: number, entryKinds: SiteKindSettings, clock: Clock): Promise<void> {
  await inTransaction(db, async (trx) => {
    const row = await trx.selectFrom('sites').select('settings').where('id', '=', siteId).executeTakeFirstOrThrow();
    let settings: Record<string, unknown> = {};
    try {
      settings = JSON.parse(row.settings) as Record<string, unknown>;
    } catch {
      settings = {};
    }
    const before = settings.entryKinds ?? null;
    await trx.updateTable('sites').set({ settings: JSON.stringify({ ...settings, entryKinds }), updated_at: isoNow(clock) }).where('id', '=', siteId).execute();
    await appendAudit(trx, actor, { action: 'site.entry_kinds', targetType: 'site', targetId: siteId, details: { from: before, to: entryKinds } }, clock);
  });
}
