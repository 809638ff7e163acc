// Acting on an article: submit, approve, return, reject, withdraw, reassign,
// publish, schedule, unpublish, take down, correct, urgent publication and its
// confirmation. The engine decides (collecting every reason it cannot); the
// change, its history row and its audit row commit together; people are told
// afterwards.
import { DomainError, NotFoundError, type Problem } from '../../core/errors.ts';
import { can, type Grants } from '../../core/permissions.ts';
import { isoNow, systemClock, vietnamDate, type Clock } from '../../core/time.ts';
import { decide, itemStatus, mayBeAssigned, type ActionType, type ReviewChain, type Staffing, type WorkflowAction, type WorkflowEvent } from '../../core/workflow/index.ts';
import { engineOf, inTransaction, type AfterCommit, type Db } from '../../platform/db/database.ts';
import type { ArticleRow } from '../../platform/db/schema.ts';
import type { Mailer } from '../../platform/mail.ts';
import { appendAudit, type AuditActor } from '../audit/store.ts';
import { findUserById } from '../accounts/users-store.ts';
import { loadGrants } from '../members/grants.ts';
import { notify, resolveRecipients } from '../notifications/notify.ts';
import { roleLabel, type Site } from '../sites/site.ts';
import { contentOfRow, parseSnapshot, sameContent } from './article.ts';
import { publicationProblems } from './save-article.ts';
import { syncPublicIndex } from './public-index.ts';
import { articleTags } from '../public/content-version.ts';
import { siteContentChanged } from '../../platform/events.ts';
import { alertIfStuck, waitingArticle } from './stuck-items.ts';
import { chainForKind, chainInForce, chainOfItem, itemOfRow, loadStaffing, rowOfItem, siteCalendar, workflowActor } from './workflow-context.ts';
import { siteRoleNamer } from './status.ts';
import { receiptOf, recordStepLeft } from '../review-times/record.ts';

/** What a caller asks; reassign's eligibility is worked out here, not trusted from outside. */
export type ArticleAction = Exclude<WorkflowAction, { type: 'reassign' }> | { type: 'reassign'; toUserId: number };

export interface ActContext {
  db: Db;
  mailer: Mailer;
  clock?: Clock;
  /** Origin for links in e-mails, e.g. https://nhuxuan.thanhhoa.gov.vn */
  linkBase?: string | null;
  /**
   * Set when `db` is a transaction the caller holds (a document push is one
   * transaction): the action joins it and its effects wait here for the commit.
   */
  afterCommit?: AfterCommit;
}

export interface ActResult {
  row: ArticleRow;
  event: WorkflowEvent;
  onBehalfOfUserId: number | null;
}

/** Actions that put the working copy before the public (now or later) need a complete article. */
const NEEDS_COMPLETE: ReadonlySet<ActionType> = new Set(['submit', 'publish', 'schedule', 'urgent_publish', 'correct']);

/** Must the article be complete (source, author, descriptions…) for this action? A correction without changes publishes only its note. */
export function needsCompleteArticle(type: ActionType, row: Pick<ArticleRow, 'has_pending_changes'>): boolean {
  return NEEDS_COMPLETE.has(type) && (type !== 'correct' || row.has_pending_changes === 1);
}

async function lockedArticle(db: Db, siteId: number, id: number): Promise<ArticleRow | undefined> {
  return db
    .selectFrom('articles')
    .selectAll()
    .where('site_id', '=', siteId)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .$if(engineOf(db) === 'postgres', (q) => q.forUpdate())
    .executeTakeFirst();
}

async function reassignEligible(db: Db, site: Site, row: ArticleRow, chain: ReviewChain, staffing: Staffing, toUserId: number, now: Date): Promise<boolean> {
  const user = await findUserById(db, toUserId);
  if (!user || user.status !== 'active') return false;
  const grants = await loadGrants(db, site, user, vietnamDate(now));
  if (!can(grants, 'content.review')) return false;
  const actor = await workflowActor(db, site.id, toUserId, grants);
  return mayBeAssigned(itemOfRow(row), actor, chain, staffing);
}

/** Copies the working copy to live: the revision that matches it becomes the public one. */
async function publishWorkingCopy(db: Db, row: ArticleRow, userId: number | null, now: string): Promise<number> {
  const content = contentOfRow(row);
  const last = await db.selectFrom('article_revisions').selectAll().where('article_id', '=', row.id).orderBy('number', 'desc').limit(1).executeTakeFirst();
  let revisionId = last?.id;
  if (!last || !sameContent(parseSnapshot(last.snapshot), content)) {
    const inserted = await db
      .insertInto('article_revisions')
      .values({ site_id: row.site_id, article_id: row.id, number: (last?.number ?? 0) + 1, kind: 'publish', snapshot: JSON.stringify(content), note: null, created_by_user_id: userId, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    revisionId = inserted.id;
  }
  // Every address the article was ever published at keeps leading to it.
  await db.insertInto('article_slugs').values({ site_id: row.site_id, slug: row.slug, article_id: row.id, created_at: now }).onConflict((oc) => oc.columns(['site_id', 'slug']).doNothing()).execute();
  return revisionId!;
}

export async function actOnArticle(ctx: ActContext, actor: AuditActor, grants: Grants, site: Site, articleId: number, action: ArticleAction): Promise<ActResult> {
  const clock = ctx.clock ?? systemClock;
  const now = clock.now();
  if (ctx.db.isTransaction && !ctx.afterCommit) throw new Error('actOnArticle inside a transaction needs afterCommit for its effects');
  const result = await inTransaction(ctx.db, async (trx) => {
    const row = await lockedArticle(trx, site.id, articleId);
    if (!row) throw new NotFoundError({ vi: 'tin bài', en: 'Article' });
    // A new round follows the chain in force now; a round under way keeps its own.
    const chain = action.type === 'submit' ? (await chainInForce(trx, site.id, vietnamDate(now), chainForKind(row.kind, row.entry_kind))).chain : await chainOfItem(trx, row, now);
    const wfActor = await workflowActor(trx, site.id, actor.userId ?? 0, grants);
    const staffing = await loadStaffing(trx, site, vietnamDate(now));
    const engineAction: WorkflowAction = action.type === 'reassign' ? { ...action, eligible: await reassignEligible(trx, site, row, chain, staffing, action.toUserId, now) } : action;

    const problems: Problem[] = [];
    const calendar = siteCalendar(site);
    const receipt = await receiptOf(trx, row, chain, now);
    const decision = decide(itemOfRow(row), engineAction, wfActor, chain, { now, calendar, staffing, ...(receipt ? { receipt } : {}) });
    if (!decision.ok) problems.push(...decision.problems);
    if (needsCompleteArticle(action.type, row)) problems.push(...(await publicationProblems(trx, row)));
    if (problems.length > 0 || !decision.ok) {
      // Refused for who the person is, whatever the state or what they typed: 403.
      const forbidden = problems.some((p) => ['no_permission', 'not_author', 'not_step_actor', 'not_confirmer', 'four_eyes', 'site_read_only'].includes(p.code));
      throw new DomainError(problems, forbidden ? 403 : 422);
    }

    const stamp = isoNow(clock);
    const { event, item } = decision;
    const update: Record<string, unknown> = { ...rowOfItem(item), lock_version: row.lock_version + 1, updated_at: stamp };
    if (action.type === 'submit') update.chain = JSON.stringify(chain);
    // Received by the board when first submitted, unless the editor wrote down an earlier arrival (e-mail, paper).
    if (action.type === 'submit' && row.received_at === null) Object.assign(update, { received_at: stamp, received_via: row.received_via ?? 'system' });
    let revisionId: number | null = row.live_revision_id;
    if (event.publishesWorkingRevision) {
      revisionId = await publishWorkingCopy(trx, row, actor.userId, stamp);
      Object.assign(update, {
        live_revision_id: revisionId,
        first_published_at: row.first_published_at ?? stamp,
        last_published_at: stamp,
        takedown_reason_code: null,
        takedown_reason: null,
        takedown_notice: 0,
        taken_down_at: null,
        schedule_alerted_at: null,
      });
    }
    if (event.takeDown) {
      Object.assign(update, { takedown_reason_code: event.takeDown.reasonCode, takedown_reason: event.note, takedown_notice: event.takeDown.publicNotice ? 1 : 0, taken_down_at: stamp });
    }
    if (action.type === 'correct') {
      await trx.insertInto('article_corrections').values({ site_id: site.id, article_id: row.id, revision_id: revisionId, note: event.note ?? action.note, published_by_user_id: actor.userId, published_at: stamp }).execute();
    }
    const updated = await trx.updateTable('articles').set(update).where('id', '=', row.id).returningAll().executeTakeFirstOrThrow();
    if (event.from.publication !== event.to.publication || event.publishesWorkingRevision) await syncPublicIndex(trx, updated);

    const onBehalfOfUserId = decision.onBehalfOfUserId ?? actor.onBehalfOfUserId;
    // The stay at the step this action ends, in working time (review timeliness).
    await recordStepLeft(trx, { siteId: site.id, itemType: 'article', itemId: row.id, before: itemOfRow(row), after: item, chain, action: event.action, actorUserId: actor.userId, onBehalfOfUserId, now, calendar });
    const stepIndex = event.to.step ?? event.from.step;
    const stepName = stepIndex === null ? null : (chain.steps[stepIndex]?.name ?? null);
    await trx
      .insertInto('workflow_events')
      .values({
        site_id: site.id,
        item_type: 'article',
        item_id: row.id,
        action: event.action,
        from_review: event.from.review,
        to_review: event.to.review,
        from_publication: event.from.publication,
        to_publication: event.to.publication,
        from_step: event.from.step,
        to_step: event.to.step,
        step_name: stepName,
        note: event.note,
        revision_id: revisionId,
        actor_user_id: actor.userId,
        on_behalf_of_user_id: onBehalfOfUserId,
        created_at: stamp,
      })
      .execute();
    await appendAudit(
      trx,
      { ...actor, onBehalfOfUserId },
      { action: `article.${event.action}`, targetType: 'article', targetId: row.id, details: { title: row.title, from: event.from, to: event.to, ...(event.note ? { note: event.note } : {}) } },
      clock,
    );
    return { row: updated, event, onBehalfOfUserId, chain, staffing };
  });

  const effects = async (db: Db) => {
    if (result.event.from.publication !== result.event.to.publication || result.event.publishesWorkingRevision) siteContentChanged(site.id, articleTags(result.row));
    await announce({ ...ctx, db }, site, result.row, result.event, result.chain, actor.userId);
    await alertIfStuck({ ...ctx, db }, site, waitingArticle(result.row, result.chain), result.staffing, actor.userId);
  };
  if (ctx.afterCommit) ctx.afterCommit.add(() => effects(ctx.afterCommit!.db));
  else await effects(ctx.db);
  return { row: result.row, event: result.event, onBehalfOfUserId: result.onBehalfOfUserId };
}

const ANNOUNCEMENTS: Record<string, { title: string; body: string }> = {
  submit: { title: 'Có tin bài chờ duyệt: {title}', body: 'Tin bài «{title}» đã được gửi duyệt và đang chờ bạn xử lý ở bước «{step}».' },
  approve: { title: 'Tin bài chuyển bước: {title}', body: 'Tin bài «{title}» đã được duyệt và chuyển sang bước «{step}».' },
  approved: { title: 'Tin bài đã duyệt, chờ xuất bản: {title}', body: 'Tin bài «{title}» đã qua các bước duyệt và đang chờ xuất bản.' },
  return: { title: 'Tin bài bị trả lại: {title}', body: 'Tin bài «{title}» đã bị trả lại. Lý do: {note}' },
  reject: { title: 'Tin bài bị từ chối: {title}', body: 'Tin bài «{title}» đã bị từ chối. Lý do: {note}' },
  withdraw: { title: 'Tác giả đã rút lại tin bài: {title}', body: 'Tin bài «{title}» đã được tác giả rút lại.' },
  reassign: { title: 'Bạn được giao xử lý tin bài: {title}', body: 'Bạn được giao xử lý tin bài «{title}» ở bước «{step}».' },
  publish: { title: 'Tin bài đã được đăng: {title}', body: 'Tin bài «{title}» đã được đăng trên trang.' },
  schedule: { title: 'Tin bài được hẹn giờ đăng: {title}', body: 'Tin bài «{title}» đã được hẹn giờ đăng hoặc gỡ.' },
  run_schedule: { title: 'Tin bài hẹn giờ đã được xử lý: {title}', body: 'Tin bài «{title}» đã được đăng hoặc gỡ theo giờ hẹn.' },
  unpublish: { title: 'Tin bài đã được gỡ khỏi trang: {title}', body: 'Tin bài «{title}» đã thôi đăng. Lý do: {note}' },
  take_down: { title: 'Tin bài bị gỡ xuống: {title}', body: 'Tin bài «{title}» đã bị gỡ xuống. Lý do: {note}' },
  correct: { title: 'Đã đăng đính chính: {title}', body: 'Tin bài «{title}» đã được đăng đính chính: {note}' },
  urgent_publish: { title: 'Đăng khẩn, cần duyệt sau: {title}', body: 'Tin bài «{title}» đã được {head} đăng khẩn và cần được xác nhận sau. Lý do: {note}' },
  confirm_urgent: { title: 'Đã xác nhận bài đăng khẩn: {title}', body: 'Bài đăng khẩn «{title}» đã được xác nhận.' },
};

/** What the people told (the author aside) are asked to do: they go straight to the review page's decision buttons. */
const DECISIONS: Partial<Record<string, string>> = {
  submit: 'Xem nội dung và duyệt',
  approve: 'Xem nội dung và duyệt',
  reassign: 'Xem nội dung và duyệt',
  return_previous: 'Xem nội dung và duyệt lại',
  approved: 'Xem nội dung và xuất bản',
  urgent_publish: 'Xem nội dung và xác nhận',
};

async function announce(ctx: ActContext, site: Site, row: ArticleRow, event: WorkflowEvent, chain: ReviewChain, actorUserId: number | null): Promise<void> {
  if (event.notify.length === 0) return;
  const key = event.action === 'approve' && event.to.review === 'approved' ? 'approved' : event.action;
  const template = ANNOUNCEMENTS[key];
  if (!template) return;
  const step = event.to.step === null ? '' : (chain.steps[event.to.step]?.name ?? '');
  const status = itemStatus({ item: itemOfRow(row), chain, reason: event.note }, siteRoleNamer(site), 'vi');
  const fill = (s: string) => s.replace('{title}', row.title).replace('{step}', step).replace('{note}', event.note ?? '').replace('{head}', roleLabel(site, 'editor_in_chief', 'vi'));
  const base = { siteId: site.id, kind: `article.${event.action}`, itemType: 'article', itemId: row.id, title: fill(template.title), body: `${fill(template.body)} Trạng thái: ${status.text}.`, link: `/admin/articles/${row.id}` };
  const opts = { exceptUserId: actorUserId, linkBase: ctx.linkBase ?? null, ...(ctx.clock ? { clock: ctx.clock } : {}) };
  const userIds = await resolveRecipients(ctx.db, site.id, event.notify, ctx.clock);
  const decision = DECISIONS[key === 'return' && event.to.review === 'in_review' ? 'return_previous' : key];
  // The author is told what happened; the others have a decision to make.
  const others = decision ? userIds.filter((id) => id !== row.author_user_id) : [];
  if (others.length > 0) await notify(ctx.db, ctx.mailer, { ...base, action: { label: decision!, link: `/admin/articles/${row.id}/review#actions`, itemLabel: 'Trang sửa tin bài' } }, others, opts);
  await notify(ctx.db, ctx.mailer, base, userIds.filter((id) => !others.includes(id)), opts);
}

/** The system's grants on a site: no role, only the scheduler's own action is open to it. */
export function systemGrants(site: Site): Grants {
  return { userId: 0, platformAdmin: false, ownRoles: [], delegated: [], siteWritable: site.status === 'active', scopes: null };
}
