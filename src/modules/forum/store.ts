// Reading the forum. Every query is bound to one site; public queries select
// what a reader may see and never a poster's e-mail or phone.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { ForumCategoryRow, ForumPostRow, ForumTopicRow } from '../../platform/db/schema.ts';
import { DEFAULT_FORUM, PUBLIC_STATUSES, type ForumSettings, type Moderation } from './model.ts';

export async function forumSettings(db: Db, siteId: number): Promise<ForumSettings> {
  const row = await db.selectFrom('forum_settings').selectAll().where('site_id', '=', siteId).executeTakeFirst();
  if (!row) return DEFAULT_FORUM;
  return { enabled: row.enabled === 1, moderation: (row.moderation === 'after' ? 'after' : 'before') as Moderation };
}

export async function listCategories(db: Db, siteId: number): Promise<ForumCategoryRow[]> {
  return db.selectFrom('forum_categories').selectAll().where('site_id', '=', siteId).orderBy('sort_order').orderBy('id').execute();
}

export async function categoryBySlug(db: Db, siteId: number, slug: string): Promise<ForumCategoryRow | undefined> {
  return db.selectFrom('forum_categories').selectAll().where('site_id', '=', siteId).where('slug', '=', slug).executeTakeFirst();
}

export async function getCategory(db: Db, siteId: number, id: number): Promise<ForumCategoryRow | undefined> {
  return db.selectFrom('forum_categories').selectAll().where('site_id', '=', siteId).where('id', '=', id).executeTakeFirst();
}

export interface CategoryStats {
  category: ForumCategoryRow;
  topics: number;
  latestAt: string | null;
}

/** Each category with its count of visible topics and the time of its latest visible post. */
export async function categoriesWithStats(db: Db, siteId: number): Promise<CategoryStats[]> {
  const [categories, counts, latest] = await Promise.all([
    listCategories(db, siteId),
    db
      .selectFrom('forum_topics')
      .select(['category_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('site_id', '=', siteId)
      .where('status', 'in', [...PUBLIC_STATUSES])
      .groupBy('category_id')
      .execute(),
    db
      .selectFrom('forum_posts as p')
      .innerJoin('forum_topics as t', 't.id', 'p.topic_id')
      .select(['t.category_id', (eb) => eb.fn.max('p.published_at').as('at')])
      .where('p.site_id', '=', siteId)
      .where('t.site_id', '=', siteId)
      .where('t.status', 'in', [...PUBLIC_STATUSES])
      .where('p.status', 'in', [...PUBLIC_STATUSES])
      .groupBy('t.category_id')
      .execute(),
  ]);
  const n = new Map(counts.map((c) => [c.category_id, Number(c.n)]));
  const at = new Map(latest.map((l) => [l.category_id, (l.at as string | null) ?? null]));
  return categories.map((category) => ({ category, topics: n.get(category.id) ?? 0, latestAt: at.get(category.id) ?? null }));
}

export interface TopicListItem {
  id: number;
  title: string;
  status: string;
  pinned: boolean;
  locked: boolean;
  /** Null once the topic was removed: its poster's name is no longer shown. */
  authorName: string | null;
  replies: number;
  lastAt: string | null;
  createdAt: string;
}

/** Visible topics of a category: pinned first, then by latest activity. */
export async function topicsOfCategory(db: Db, siteId: number, categoryId: number, limit: number, offset: number): Promise<{ rows: TopicListItem[]; total: number }> {
  const base = db.selectFrom('forum_topics as t').where('t.site_id', '=', siteId).where('t.category_id', '=', categoryId).where('t.status', 'in', [...PUBLIC_STATUSES]);
  const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await base
    .innerJoin('forum_posts as f', (j) => j.onRef('f.topic_id', '=', 't.id').on('f.is_first', '=', 1))
    .select([
      't.id',
      't.title',
      't.status',
      't.pinned',
      't.locked',
      't.created_at',
      'f.author_name',
      sql<number>`(select count(*) from forum_posts r where r.topic_id = t.id and r.is_first = 0 and r.status in ('published', 'removed'))`.as('replies'),
      sql<string | null>`(select max(r.published_at) from forum_posts r where r.topic_id = t.id and r.status in ('published', 'removed'))`.as('last_at'),
    ])
    .orderBy('t.pinned', 'desc')
    .orderBy('last_at', 'desc')
    .orderBy('t.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  return {
    total,
    rows: rows.map((r) => ({ id: r.id, title: r.title, status: r.status, pinned: r.pinned === 1, locked: r.locked === 1, authorName: r.status === 'removed' ? null : r.author_name, replies: Number(r.replies), lastAt: r.last_at, createdAt: r.created_at })),
  };
}

/** What a reader sees of a post: a removed one only as its notice (never its text). */
export interface PublicPost {
  id: number;
  isFirst: boolean;
  status: 'published' | 'removed';
  body: string | null;
  /** Null for a removed citizen's post: the notice names nobody. */
  authorName: string | null;
  byBoard: boolean;
  publishedAt: string;
  removedAt: string | null;
  removalReason: string | null;
}

export async function visibleTopic(db: Db, siteId: number, id: number): Promise<ForumTopicRow | undefined> {
  return db.selectFrom('forum_topics').selectAll().where('site_id', '=', siteId).where('id', '=', id).where('status', 'in', [...PUBLIC_STATUSES]).executeTakeFirst();
}

function publicPostQuery(db: Db, siteId: number, topicId: number) {
  return db
    .selectFrom('forum_posts')
    .select(['id', 'is_first', 'status', 'body', 'author_name', 'by_board', 'published_at', 'created_at', 'moderated_at', 'moderation_reason'])
    .where('site_id', '=', siteId)
    .where('topic_id', '=', topicId)
    .where('status', 'in', [...PUBLIC_STATUSES]);
}

function toPublic(r: { id: number; is_first: number; status: string; body: string; author_name: string; by_board: number; published_at: string | null; created_at: string; moderated_at: string | null; moderation_reason: string | null }): PublicPost {
  const removed = r.status === 'removed';
  return {
    id: r.id,
    isFirst: r.is_first === 1,
    status: removed ? 'removed' : 'published',
    body: removed ? null : r.body,
    authorName: removed && r.by_board === 0 ? null : r.author_name,
    byBoard: r.by_board === 1,
    publishedAt: r.published_at ?? r.created_at,
    removedAt: removed ? r.moderated_at : null,
    removalReason: removed ? r.moderation_reason : null,
  };
}

/** The topic's first post and one page of its visible replies, oldest first. */
export async function topicPosts(db: Db, siteId: number, topicId: number, limit: number, offset: number): Promise<{ first: PublicPost | null; replies: PublicPost[]; total: number }> {
  const first = await publicPostQuery(db, siteId, topicId).where('is_first', '=', 1).executeTakeFirst();
  const total = Number(
    (await db.selectFrom('forum_posts').select((eb) => eb.fn.countAll<number>().as('n')).where('site_id', '=', siteId).where('topic_id', '=', topicId).where('is_first', '=', 0).where('status', 'in', [...PUBLIC_STATUSES]).executeTakeFirstOrThrow()).n,
  );
  const replies = await publicPostQuery(db, siteId, topicId).where('is_first', '=', 0).orderBy('id').limit(limit).offset(offset).execute();
  return { first: first ? toPublic(first) : null, replies: replies.map(toPublic), total };
}

/** A post readers may report: visible, published, in a visible topic. */
export async function reportablePost(db: Db, siteId: number, postId: number): Promise<(PublicPost & { topicId: number; topicTitle: string }) | undefined> {
  const row = await db
    .selectFrom('forum_posts as p')
    .innerJoin('forum_topics as t', 't.id', 'p.topic_id')
    .select(['p.id', 'p.is_first', 'p.status', 'p.body', 'p.author_name', 'p.by_board', 'p.published_at', 'p.created_at', 'p.moderated_at', 'p.moderation_reason', 't.id as topic_id', 't.title as topic_title'])
    .where('p.site_id', '=', siteId)
    .where('t.site_id', '=', siteId)
    .where('p.id', '=', postId)
    .where('p.status', '=', 'published')
    .where('t.status', '=', 'published')
    .executeTakeFirst();
  return row ? { ...toPublic(row), topicId: row.topic_id, topicTitle: row.topic_title } : undefined;
}

/** Posts sent from one e-mail address or phone number to this site since `since`: the per-address limit. */
export async function postsFromAddress(db: Db, siteId: number, email: string | null, phone: string | null, since: string): Promise<number> {
  if (!email && !phone) return 0;
  const row = await db
    .selectFrom('forum_posts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('site_id', '=', siteId)
    .where('created_at', '>=', since)
    .where((eb) => eb.or([...(email ? [eb('author_email', '=', email)] : []), ...(phone ? [eb('author_phone', '=', phone)] : [])]))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// ---- Back office ------------------------------------------------------------------------------

export interface QueueItem {
  post: ForumPostRow;
  topic: ForumTopicRow;
  category: string;
  reports: number;
}

export type QueueView = 'pending' | 'published' | 'reported' | 'removed';

/** The moderators' queue: pending (oldest first), recently published, reported, removed or rejected. */
export async function moderationQueue(db: Db, siteId: number, view: QueueView, limit = 200): Promise<QueueItem[]> {
  let q = db
    .selectFrom('forum_posts as p')
    .innerJoin('forum_topics as t', 't.id', 'p.topic_id')
    .innerJoin('forum_categories as c', 'c.id', 't.category_id')
    .selectAll('p')
    .select(['c.name as category_name'])
    .where('p.site_id', '=', siteId)
    .where('t.site_id', '=', siteId);
  if (view === 'pending') q = q.where('p.status', '=', 'pending').orderBy('p.id', 'asc');
  else if (view === 'published') q = q.where('p.status', '=', 'published').orderBy('p.published_at', 'desc').orderBy('p.id', 'desc');
  else if (view === 'removed') q = q.where('p.status', 'in', ['removed', 'rejected']).orderBy('p.moderated_at', 'desc').orderBy('p.id', 'desc');
  else q = q.where('p.id', 'in', db.selectFrom('forum_reports').select('post_id').where('site_id', '=', siteId).where('resolved_at', 'is', null)).orderBy('p.id', 'desc');
  const rows = await q.limit(limit).execute();
  const topicIds = [...new Set(rows.map((r) => r.topic_id))];
  const topics = topicIds.length ? await db.selectFrom('forum_topics').selectAll().where('site_id', '=', siteId).where('id', 'in', topicIds).execute() : [];
  const postIds = rows.map((r) => r.id);
  const reports = postIds.length
    ? await db.selectFrom('forum_reports').select(['post_id', (eb) => eb.fn.countAll<number>().as('n')]).where('site_id', '=', siteId).where('resolved_at', 'is', null).where('post_id', 'in', postIds).groupBy('post_id').execute()
    : [];
  const byTopic = new Map(topics.map((t) => [t.id, t]));
  const byPost = new Map(reports.map((r) => [r.post_id, Number(r.n)]));
  return rows.map(({ category_name, ...post }) => ({ post, topic: byTopic.get(post.topic_id)!, category: category_name, reports: byPost.get(post.id) ?? 0 }));
}

export async function queueCounts(db: Db, siteId: number): Promise<{ pending: number; reported: number }> {
  const [pending, reported] = await Promise.all([
    db.selectFrom('forum_posts').select((eb) => eb.fn.countAll<number>().as('n')).where('site_id', '=', siteId).where('status', '=', 'pending').executeTakeFirstOrThrow(),
    db.selectFrom('forum_reports').select((eb) => eb.fn.count<number>('post_id').distinct().as('n')).where('site_id', '=', siteId).where('resolved_at', 'is', null).executeTakeFirstOrThrow(),
  ]);
  return { pending: Number(pending.n), reported: Number(reported.n) };
}

export async function getTopic(db: Db, siteId: number, id: number): Promise<ForumTopicRow | undefined> {
  return db.selectFrom('forum_topics').selectAll().where('site_id', '=', siteId).where('id', '=', id).executeTakeFirst();
}

export async function getPost(db: Db, siteId: number, id: number): Promise<ForumPostRow | undefined> {
  return db.selectFrom('forum_posts').selectAll().where('site_id', '=', siteId).where('id', '=', id).executeTakeFirst();
}

/** Every post of a topic for the board: all statuses, with the poster's contact and the removed text. */
export async function allPostsOfTopic(db: Db, siteId: number, topicId: number): Promise<ForumPostRow[]> {
  return db.selectFrom('forum_posts').selectAll().where('site_id', '=', siteId).where('topic_id', '=', topicId).orderBy('id').execute();
}

export async function openReports(db: Db, siteId: number, postIds: number[]) {
  if (postIds.length === 0) return [];
  return db.selectFrom('forum_reports').selectAll().where('site_id', '=', siteId).where('post_id', 'in', postIds).where('resolved_at', 'is', null).orderBy('id').execute();
}
