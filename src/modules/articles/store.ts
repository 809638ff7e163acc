// Queries on articles, their revisions, corrections and workflow history.
import { fold } from '../../core/vietnamese/index.ts';
import type { Db } from '../../platform/db/database.ts';
import type { ArticleRevisionRow, ArticleRow } from '../../platform/db/schema.ts';
import { prepared, type Param } from '../../platform/db/prepared.ts';

export async function getArticle(db: Db, siteId: number, id: number, opts: { includeDeleted?: boolean } = {}): Promise<ArticleRow | undefined> {
  return db
    .selectFrom('articles')
    .selectAll()
    .where('site_id', '=', siteId)
    .where('id', '=', id)
    .$if(!opts.includeDeleted, (q) => q.where('deleted_at', 'is', null))
    .executeTakeFirst();
}

export interface ArticleFilter {
  reviewState?: string;
  publication?: string;
  sectionId?: number;
  authorUserId?: number;
  search?: string;
  trash?: boolean;
  limit: number;
  offset: number;
}

export interface ArticleListRow {
  id: number;
  title: string;
  kind: string;
  review_state: string;
  publication: string;
  step_index: number | null;
  step_due_at: string | null;
  updated_at: string;
  last_published_at: string | null;
  author_user_id: number;
  author_name: string;
  section_name: string | null;
  deleted_at: string | null;
  urgent_pending_approval: number;
  has_pending_changes: number;
  chain: string | null;
  publish_at: string | null;
  live_revision_id: number | null;
  assignee_user_id: number | null;
}

export async function listArticles(db: Db, siteId: number, f: ArticleFilter): Promise<{ rows: ArticleListRow[]; total: number }> {
  let q = db
    .selectFrom('articles as a')
    .innerJoin('users as u', 'u.id', 'a.author_user_id')
    .leftJoin('sections as s', 's.id', 'a.section_id')
    .where('a.site_id', '=', siteId);
  q = f.trash ? q.where('a.deleted_at', 'is not', null) : q.where('a.deleted_at', 'is', null);
  if (f.reviewState) q = q.where('a.review_state', '=', f.reviewState);
  if (f.publication) q = q.where('a.publication', '=', f.publication);
  if (f.sectionId) q = q.where('a.section_id', '=', f.sectionId);
  if (f.authorUserId) q = q.where('a.author_user_id', '=', f.authorUserId);
  if (f.search) {
    // A plain filter for the back office; the public search has its own index.
    const words = fold(f.search).split(' ').filter(Boolean).slice(0, 6);
    for (const word of words) q = q.where('a.title_folded', 'like', `%${word.replace(/[%_\\]/g, '')}%`);
  }
  const [rows, count] = await Promise.all([
    q
      .select([
        'a.id', 'a.title', 'a.kind', 'a.review_state', 'a.publication', 'a.step_index', 'a.step_due_at', 'a.updated_at', 'a.last_published_at',
        'a.author_user_id', 'u.name as author_name', 's.name as section_name', 'a.deleted_at', 'a.urgent_pending_approval', 'a.has_pending_changes',
        'a.chain', 'a.publish_at', 'a.live_revision_id', 'a.assignee_user_id',
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

/** Articles that may wait for someone: in review, approved, returned, or urgently published. */
export async function queueCandidates(db: Db, siteId: number): Promise<ArticleRow[]> {
  return db
    .selectFrom('articles')
    .selectAll()
    .where('site_id', '=', siteId)
    .where('deleted_at', 'is', null)
    .where((eb) => eb.or([eb('review_state', 'in', ['in_review', 'approved', 'returned']), eb('urgent_pending_approval', '=', 1)]))
    .orderBy('step_due_at')
    .orderBy('id')
    .limit(500)
    .execute();
}

export async function listRevisions(db: Db, siteId: number, articleId: number): Promise<ArticleRevisionRow[]> {
  return db.selectFrom('article_revisions').selectAll().where('site_id', '=', siteId).where('article_id', '=', articleId).orderBy('number', 'desc').execute();
}

export async function getRevision(db: Db, siteId: number, articleId: number, number: number): Promise<ArticleRevisionRow | undefined> {
  return db.selectFrom('article_revisions').selectAll().where('site_id', '=', siteId).where('article_id', '=', articleId).where('number', '=', number).executeTakeFirst();
}

export async function getRevisionById(db: Db, siteId: number, id: number): Promise<ArticleRevisionRow | undefined> {
  return db.selectFrom('article_revisions').selectAll().where('site_id', '=', siteId).where('id', '=', id).executeTakeFirst();
}

export async function latestRevision(db: Db, articleId: number): Promise<ArticleRevisionRow | undefined> {
  return db.selectFrom('article_revisions').selectAll().where('article_id', '=', articleId).orderBy('number', 'desc').limit(1).executeTakeFirst();
}

/** Read on every uncached article page: compiled once (platform/db/prepared.ts). */
const correctionsOf = prepared((db, p: Param<{ siteId: number; articleId: number }>) =>
  db.selectFrom('article_corrections').selectAll().where('site_id', '=', p('siteId')).where('article_id', '=', p('articleId')).orderBy('published_at'),
);

export async function listCorrections(db: Db, siteId: number, articleId: number) {
  return correctionsOf.all(db, { siteId, articleId });
}

export async function listWorkflowEvents(db: Db, siteId: number, articleId: number) {
  return db
    .selectFrom('workflow_events as e')
    .leftJoin('users as a', 'a.id', 'e.actor_user_id')
    .leftJoin('users as b', 'b.id', 'e.on_behalf_of_user_id')
    .selectAll('e')
    .select(['a.name as actor_name', 'b.name as on_behalf_of_name'])
    .where('e.site_id', '=', siteId)
    .where('e.item_type', '=', 'article')
    .where('e.item_id', '=', articleId)
    .orderBy('e.id')
    .execute();
}

/** A slug not used by another article of the site (now or before: old slugs redirect). */
export async function uniqueSlug(db: Db, siteId: number, base: string, articleId: number | null): Promise<string> {
  const root = base || 'bai-viet';
  for (let i = 1; i < 1000; i += 1) {
    const candidate = i === 1 ? root : `${root}-${i}`;
    const current = await db.selectFrom('articles').select('id').where('site_id', '=', siteId).where('slug', '=', candidate).executeTakeFirst();
    const former = await db.selectFrom('article_slugs').select('article_id').where('site_id', '=', siteId).where('slug', '=', candidate).executeTakeFirst();
    const takenByOther = (current && current.id !== articleId) || (former && former.article_id !== articleId);
    if (!takenByOther) return candidate;
  }
  return `${root}-${Date.now()}`;
}
