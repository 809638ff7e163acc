// The forum's use cases: a citizen's topic or reply (screened, held or
// published as the site sets), a reader's report, and the moderators' work
// (approve, reject, remove with a reason, lock, pin, move, answer in the
// board's name, settings and categories). Every official's action is audited
// in its own transaction, which also moves the public content version on
// (ADR 10); the render cache is told after commit.
import { DomainError, ForbiddenError, NotFoundError, type Problem } from '../../core/errors.ts';
import { can, type Grants } from '../../core/permissions.ts';
import { isoNow, systemClock, type Clock } from '../../core/time.ts';
import { normalizeInput, slugify } from '../../core/vietnamese/index.ts';
import type { Db } from '../../platform/db/database.ts';
import type { ForumPostRow, ForumTopicRow } from '../../platform/db/schema.ts';
import { siteContentChanged } from '../../platform/events.ts';
import type { Mailer } from '../../platform/mail.ts';
import { appendAudit, type AuditActor } from '../audit/store.ts';
import { ADDRESS_LIMIT, addressWindowStart } from '../citizens/protection.ts';
import { notify, resolveRecipients } from '../notifications/notify.ts';
import { bumpContentVersion } from '../public/content-version.ts';
import { roleLabel, type Site } from '../sites/site.ts';
import { demandSiteReceives } from '../sites/store.ts';
import { holdReasons, LIMITS, RESERVED_SLUGS, type HoldReason, type Moderation, type PostStatus } from './model.ts';
import { forumSettings, getCategory, getPost, getTopic, postsFromAddress } from './store.ts';

const POST = { vi: 'bài viết', en: 'Post' };
const TOPIC = { vi: 'chủ đề', en: 'Topic' };

export function demandModerator(grants: Grants): void {
  if (!can(grants, 'interaction.moderate')) throw new ForbiddenError();
}

export class TopicLockedError extends DomainError {
  constructor() {
    super({ code: 'topic_locked', field: 'body', vi: 'Chủ đề đã được khóa, không nhận thêm trả lời.', en: 'This topic is locked and takes no more replies.' }, 409);
    this.name = 'TopicLockedError';
  }
}

export interface Author {
  name: string;
  email: string | null;
  phone: string | null;
}

export type Submission = { kind: 'topic'; categoryId: number; title: string; body: string } | { kind: 'reply'; topicId: number; body: string };

export interface Submitted {
  postId: number;
  topicId: number;
  status: PostStatus;
  heldFor: HoldReason[];
}

const len = (s: string) => [...s].length;

/**
 * Stores a citizen's topic or reply. With moderation before publication it
 * waits; after publication it appears at once unless a screened term or
 * personal data holds it. Refused when the site no longer operates (410), the
 * forum is off or the topic is not public (404), the topic is locked (409),
 * or the address has sent too many posts lately.
 */
export async function submitPost(db: Db, mailer: Mailer, site: Site, author: Author, input: Submission, opts: { clock?: Clock; linkBase?: string | null } = {}): Promise<Submitted> {
  const clock = opts.clock ?? systemClock;
  const now = isoNow(clock);
  const body = normalizeInput(input.body.replace(/\r\n?/g, '\n'));
  const title = input.kind === 'topic' ? normalizeInput(input.title).replace(/\s+/g, ' ') : '';
  const authorName = normalizeInput(author.name).replace(/\s+/g, ' ');
  const result = await db.transaction().execute(async (trx) => {
    await demandSiteReceives(trx, site.id);
    const settings = await forumSettings(trx, site.id);
    if (!settings.enabled) throw new NotFoundError(TOPIC);
    let topic: ForumTopicRow | undefined;
    const problems: Problem[] = [];
    if (input.kind === 'reply') {
      topic = await getTopic(trx, site.id, input.topicId);
      if (!topic || topic.status !== 'published') throw new NotFoundError(TOPIC);
      if (topic.locked === 1) throw new TopicLockedError();
    } else if (!(await getCategory(trx, site.id, input.categoryId))) {
      problems.push({ code: 'invalid_category', field: 'category', vi: 'Chủ đề lớn đã chọn không có trên diễn đàn.', en: 'The chosen category is not on the forum.' });
    }
    if ((await postsFromAddress(trx, site.id, author.email, author.phone, addressWindowStart(clock))) >= ADDRESS_LIMIT.max) {
      problems.push({
        code: 'address_limit',
        field: 'contact',
        vi: `Thư điện tử hoặc số điện thoại này đã gửi ${ADDRESS_LIMIT.max} bài trong 24 giờ qua. Vui lòng gửi tiếp sau.`,
        en: `This e-mail address or phone number has sent ${ADDRESS_LIMIT.max} posts in the last 24 hours. Please post again later.`,
      });
    }
    if (problems.length > 0) throw new DomainError(problems);
    const rules = await trx.selectFrom('screening_rules').selectAll().where('site_id', '=', site.id).execute();
    const heldFor = holdReasons(
      { title, body, name: authorName },
      rules.map((r) => ({ id: r.id, kind: r.kind === 'link' ? 'link' : 'term', pattern: r.pattern, note: r.note })),
      [site.contact.phone, site.contact.email],
    );
    const status: PostStatus = settings.moderation === 'after' && heldFor.length === 0 ? 'published' : 'pending';
    let topicId = topic?.id ?? 0;
    if (input.kind === 'topic') {
      const created = await trx
        .insertInto('forum_topics')
        .values({ site_id: site.id, category_id: input.categoryId, title, status, locked: 0, pinned: 0, created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      topicId = created.id;
    }
    const post = await trx
      .insertInto('forum_posts')
      .values({
        site_id: site.id,
        topic_id: topicId,
        is_first: input.kind === 'topic' ? 1 : 0,
        body,
        status,
        held_for: JSON.stringify(heldFor),
        author_name: authorName,
        author_email: author.email?.toLowerCase() ?? null,
        author_phone: author.phone,
        by_board: 0,
        official_user_id: null,
        moderated_by_user_id: null,
        moderated_at: null,
        moderation_reason: null,
        published_at: status === 'published' ? now : null,
        personal_data_erased_at: null,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // Nobody official acted, so no audit row moves the version: a post public at once moves it here.
    if (status === 'published') await bumpContentVersion(trx, site.id, now);
    return { postId: post.id, topicId, status, heldFor };
  });
  if (result.status === 'published') siteContentChanged(site.id);
  // Published at once, the post is still the moderators' to review afterwards.
  await tellModerators(db, mailer, site.id, result.topicId, result.status === 'published' ? 'forum.published' : 'forum.post', opts.linkBase ?? null, clock);
  return result;
}

/** Moderators are told without personal data: they read the post in the back office. */
const TELL = {
  'forum.post': { title: 'Bài mới trên diễn đàn chờ kiểm duyệt', body: 'Một bài viết mới trên diễn đàn đang chờ kiểm duyệt.', link: '/admin/forum' },
  'forum.published': { title: 'Bài mới trên diễn đàn đã đăng, cần xem lại', body: 'Một bài viết mới đã được đăng ngay trên diễn đàn (kiểm duyệt sau khi đăng); vui lòng xem lại.', link: '/admin/forum?xem=da-dang' },
  'forum.report': { title: 'Bài viết trên diễn đàn bị báo vi phạm', body: 'Một bài viết trên diễn đàn bị báo vi phạm.', link: '/admin/forum?xem=bao-cao' },
} as const;

async function tellModerators(db: Db, mailer: Mailer, siteId: number, topicId: number, kind: keyof typeof TELL, linkBase: string | null, clock: Clock): Promise<void> {
  const to = await resolveRecipients(db, siteId, [{ kind: 'permission', permission: 'interaction.moderate' }], clock);
  await notify(db, mailer, { siteId, kind, itemType: 'forum_topic', itemId: topicId, ...TELL[kind] }, to, { clock, linkBase });
}

/**
 * A reader's report of a published post; stores the reason only. Moderators
 * are told of a post's first open report, not of each one after it, so that
 * repeated reports cannot flood their mail.
 */
export async function reportPost(db: Db, mailer: Mailer, site: Site, postId: number, reason: string, opts: { clock?: Clock; linkBase?: string | null } = {}): Promise<void> {
  const clock = opts.clock ?? systemClock;
  const { topicId, first } = await db.transaction().execute(async (trx) => {
    await demandSiteReceives(trx, site.id);
    const post = await getPost(trx, site.id, postId);
    const topic = post ? await getTopic(trx, site.id, post.topic_id) : undefined;
    if (!post || post.status !== 'published' || topic?.status !== 'published') throw new NotFoundError(POST);
    const open = await trx.selectFrom('forum_reports').select('id').where('site_id', '=', site.id).where('post_id', '=', post.id).where('resolved_at', 'is', null).limit(1).executeTakeFirst();
    await trx.insertInto('forum_reports').values({ site_id: site.id, post_id: post.id, reason: normalizeInput(reason).slice(0, LIMITS.reason), created_at: isoNow(clock), resolved_at: null, resolved_by_user_id: null }).execute();
    return { topicId: topic.id, first: !open };
  });
  if (first) await tellModerators(db, mailer, site.id, topicId, 'forum.report', opts.linkBase ?? null, clock);
}

// ---- Moderation ---------------------------------------------------------------------------------

export type Decision = 'approve' | 'reject' | 'remove';
/** The reason recorded on pending replies rejected with their topic. */
export const TOPIC_GONE = 'Chủ đề đã bị gỡ';

function reasonOf(reason: string | null, decision: Decision): string | null {
  const clean = reason ? normalizeInput(reason).replace(/\s+/g, ' ').slice(0, LIMITS.reason) : '';
  if (decision !== 'approve' && !clean) throw new DomainError({ code: 'reason_required', field: 'reason', vi: 'Vui lòng nhập lý do.', en: 'Please give a reason.' });
  return clean || null;
}

/**
 * Approve (a pending post appears), reject (a pending post never appears) or
 * remove (a published post is replaced publicly by the notice with its
 * reason; its text stays here for the record). A topic follows its first
 * post; removing it also locks it, and rejecting or removing it rejects its
 * replies still pending. Open reports of a removed post are closed.
 */
export async function moderatePost(db: Db, actor: AuditActor, grants: Grants, postId: number, decision: Decision, reason: string | null, clock: Clock = systemClock): Promise<ForumPostRow> {
  demandModerator(grants);
  const clean = reasonOf(reason, decision);
  const now = isoNow(clock);
  const post = await db.transaction().execute(async (trx) => {
    const before = await getPost(trx, actor.siteId, postId);
    if (!before) throw new NotFoundError(POST);
    const topic = (await getTopic(trx, actor.siteId, before.topic_id))!;
    const from = before.status as PostStatus;
    const allowed = decision === 'remove' ? from === 'published' : from === 'pending';
    // A reply to a topic that is not public yet waits for its topic.
    const waits = decision === 'approve' && before.is_first === 0 && topic.status !== 'published';
    if (!allowed || waits) throw new DomainError({ code: 'invalid_state', vi: 'Thao tác không hợp lệ với trạng thái hiện tại của bài viết.', en: 'This action does not apply to the post in its current state.' }, 409);
    const status: PostStatus = decision === 'approve' ? 'published' : decision === 'reject' ? 'rejected' : 'removed';
    await trx
      .updateTable('forum_posts')
      .set({ status, moderated_by_user_id: actor.userId, moderated_at: now, moderation_reason: clean, ...(status === 'published' ? { published_at: now } : {}) })
      .where('site_id', '=', actor.siteId)
      .where('id', '=', postId)
      .execute();
    if (before.is_first === 1) {
      await trx
        .updateTable('forum_topics')
        .set({ status, updated_at: now, ...(status === 'removed' ? { locked: 1 } : {}) })
        .where('site_id', '=', actor.siteId)
        .where('id', '=', topic.id)
        .execute();
    }
    // Replies still waiting on a topic that will never be public again leave the queue, rejected with a reason.
    let repliesRejected = 0;
    if (before.is_first === 1 && (status === 'removed' || status === 'rejected')) {
      const done = await trx
        .updateTable('forum_posts')
        .set({ status: 'rejected', moderated_by_user_id: actor.userId, moderated_at: now, moderation_reason: TOPIC_GONE })
        .where('site_id', '=', actor.siteId)
        .where('topic_id', '=', topic.id)
        .where('is_first', '=', 0)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      repliesRejected = Number(done.numUpdatedRows);
    }
    if (status === 'removed') {
      await trx.updateTable('forum_reports').set({ resolved_at: now, resolved_by_user_id: actor.userId }).where('site_id', '=', actor.siteId).where('post_id', '=', postId).where('resolved_at', 'is', null).execute();
    }
    await appendAudit(trx, actor, { action: `forum.post_${decision}`, targetType: 'forum_post', targetId: postId, details: { topicId: topic.id, first: before.is_first === 1, from, reason: clean, ...(repliesRejected > 0 ? { repliesRejected } : {}) } }, clock);
    return (await getPost(trx, actor.siteId, postId))!;
  });
  siteContentChanged(actor.siteId);
  return post;
}

export type TopicAction = 'lock' | 'unlock' | 'pin' | 'unpin' | 'move';

export async function changeTopic(db: Db, actor: AuditActor, grants: Grants, topicId: number, action: TopicAction, categoryId: number | null = null, clock: Clock = systemClock): Promise<void> {
  demandModerator(grants);
  const now = isoNow(clock);
  await db.transaction().execute(async (trx) => {
    const topic = await getTopic(trx, actor.siteId, topicId);
    if (!topic) throw new NotFoundError(TOPIC);
    let set: Partial<Pick<ForumTopicRow, 'locked' | 'pinned' | 'category_id'>>;
    if (action === 'move') {
      const target = categoryId ? await getCategory(trx, actor.siteId, categoryId) : undefined;
      if (!target) throw new DomainError({ code: 'invalid_category', field: 'category', vi: 'Vui lòng chọn chủ đề lớn của diễn đàn.', en: 'Please choose a category of the forum.' });
      set = { category_id: target.id };
    } else set = action === 'lock' || action === 'unlock' ? { locked: action === 'lock' ? 1 : 0 } : { pinned: action === 'pin' ? 1 : 0 };
    await trx.updateTable('forum_topics').set({ ...set, updated_at: now }).where('site_id', '=', actor.siteId).where('id', '=', topicId).execute();
    await appendAudit(trx, actor, { action: `forum.topic_${action}`, targetType: 'forum_topic', targetId: topicId, details: action === 'move' ? { from: topic.category_id, to: set.category_id } : {} }, clock);
  });
  siteContentChanged(actor.siteId);
}

/** An official's answer in the board's name, published at once and marked as the board's. */
export async function boardReply(db: Db, actor: AuditActor, grants: Grants, site: Site, topicId: number, text: string, clock: Clock = systemClock): Promise<number> {
  demandModerator(grants);
  const body = normalizeInput(text.replace(/\r\n?/g, '\n'));
  if (!body) throw new DomainError({ code: 'required', field: 'body', vi: 'Vui lòng nhập nội dung trả lời.', en: 'Please enter the reply.' });
  if (len(body) > LIMITS.body) throw new DomainError({ code: 'too_long', field: 'body', vi: `Nội dung tối đa ${LIMITS.body} ký tự.`, en: `At most ${LIMITS.body} characters.` });
  const now = isoNow(clock);
  const id = await db.transaction().execute(async (trx) => {
    const topic = await getTopic(trx, site.id, topicId);
    if (!topic) throw new NotFoundError(TOPIC);
    if (topic.status !== 'published') throw new DomainError({ code: 'invalid_state', vi: 'Chỉ trả lời chủ đề đang được đăng.', en: 'Only a published topic can be answered.' }, 409);
    const post = await trx
      .insertInto('forum_posts')
      .values({ site_id: site.id, topic_id: topic.id, is_first: 0, body, status: 'published', held_for: '[]', author_name: roleLabel(site, 'board', 'vi'), author_email: null, author_phone: null, by_board: 1, official_user_id: actor.userId, moderated_by_user_id: actor.userId, moderated_at: now, moderation_reason: null, published_at: now, personal_data_erased_at: null, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, actor, { action: 'forum.board_reply', targetType: 'forum_topic', targetId: topic.id, details: { postId: post.id, length: body.length } }, clock);
    return post.id;
  });
  siteContentChanged(site.id);
  return id;
}

export async function dismissReport(db: Db, actor: AuditActor, grants: Grants, reportId: number, clock: Clock = systemClock): Promise<void> {
  demandModerator(grants);
  await db.transaction().execute(async (trx) => {
    const report = await trx.selectFrom('forum_reports').selectAll().where('site_id', '=', actor.siteId).where('id', '=', reportId).executeTakeFirst();
    if (!report) throw new NotFoundError({ vi: 'báo vi phạm', en: 'Report' });
    await trx.updateTable('forum_reports').set({ resolved_at: isoNow(clock), resolved_by_user_id: actor.userId }).where('id', '=', report.id).execute();
    await appendAudit(trx, actor, { action: 'forum.report_dismiss', targetType: 'forum_post', targetId: report.post_id, details: { reportId } }, clock);
  });
}

// ---- Settings and categories -----------------------------------------------------------------------

export async function saveForumSettings(db: Db, actor: AuditActor, grants: Grants, input: { enabled: boolean; moderation: Moderation }, clock: Clock = systemClock): Promise<void> {
  demandModerator(grants);
  const now = isoNow(clock);
  await db.transaction().execute(async (trx) => {
    const before = await forumSettings(trx, actor.siteId);
    await trx
      .insertInto('forum_settings')
      .values({ site_id: actor.siteId, enabled: input.enabled ? 1 : 0, moderation: input.moderation, updated_at: now })
      .onConflict((oc) => oc.column('site_id').doUpdateSet({ enabled: input.enabled ? 1 : 0, moderation: input.moderation, updated_at: now }))
      .execute();
    await appendAudit(trx, actor, { action: 'forum.settings', targetType: 'site', targetId: actor.siteId, details: { from: before, to: input } }, clock);
  });
  siteContentChanged(actor.siteId);
}

export interface CategoryInput {
  name: string;
  description: string;
  sortOrder: number;
  slug: string;
}

function categoryProblems(input: CategoryInput): Problem[] {
  const problems: Problem[] = [];
  if (!input.name) problems.push({ code: 'required', field: 'name', vi: 'Vui lòng nhập tên chủ đề lớn.', en: 'Please enter the category name.' });
  else if (len(input.name) > LIMITS.categoryName) problems.push({ code: 'too_long', field: 'name', vi: `Tên tối đa ${LIMITS.categoryName} ký tự.`, en: `At most ${LIMITS.categoryName} characters.` });
  if (len(input.description) > LIMITS.categoryDescription) problems.push({ code: 'too_long', field: 'description', vi: `Mô tả tối đa ${LIMITS.categoryDescription} ký tự.`, en: `At most ${LIMITS.categoryDescription} characters.` });
  if (!input.slug || RESERVED_SLUGS.includes(input.slug)) problems.push({ code: 'invalid_slug', field: 'slug', vi: 'Đường dẫn không hợp lệ hoặc đã dành cho trang khác.', en: 'The address is not valid or is reserved.' });
  return problems;
}

/** Creates a category or saves one (`id`); audited. The address comes from the name unless given. */
export async function saveCategory(db: Db, actor: AuditActor, grants: Grants, id: number | null, raw: CategoryInput, clock: Clock = systemClock): Promise<number> {
  demandModerator(grants);
  const name = normalizeInput(raw.name).replace(/\s+/g, ' ');
  const input = { name, description: normalizeInput(raw.description), sortOrder: raw.sortOrder, slug: slugify(raw.slug || name, 60) };
  const problems = categoryProblems(input);
  const now = isoNow(clock);
  const saved = await db.transaction().execute(async (trx) => {
    const clash = input.slug ? await trx.selectFrom('forum_categories').select('id').where('site_id', '=', actor.siteId).where('slug', '=', input.slug).executeTakeFirst() : undefined;
    if (clash && clash.id !== id) problems.push({ code: 'slug_taken', field: 'slug', vi: 'Đường dẫn này đã được dùng cho chủ đề lớn khác.', en: 'Another category has this address.' });
    if (problems.length > 0) throw new DomainError(problems);
    const values = { name: input.name, description: input.description, sort_order: input.sortOrder, slug: input.slug, updated_at: now };
    let categoryId = id;
    if (categoryId === null) {
      categoryId = (await trx.insertInto('forum_categories').values({ ...values, site_id: actor.siteId, created_at: now }).returning('id').executeTakeFirstOrThrow()).id;
    } else {
      if (!(await getCategory(trx, actor.siteId, categoryId))) throw new NotFoundError({ vi: 'chủ đề lớn', en: 'Category' });
      await trx.updateTable('forum_categories').set(values).where('site_id', '=', actor.siteId).where('id', '=', categoryId).execute();
    }
    await appendAudit(trx, actor, { action: id === null ? 'forum.category_create' : 'forum.category_update', targetType: 'forum_category', targetId: categoryId, details: { name: input.name, slug: input.slug } }, clock);
    return categoryId;
  });
  siteContentChanged(actor.siteId);
  return saved;
}
