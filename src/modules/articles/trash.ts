// Nothing an editor does is lost: deleting moves an article to the trash, from
// which it can be restored; only a site administrator deletes permanently,
// and that too is in the audit log.
import { DomainError, ForbiddenError, NotFoundError } from '../../core/errors.ts';
import { can, type Grants } from '../../core/permissions.ts';
import { isoNow, systemClock, type Clock } from '../../core/time.ts';
import type { Db } from '../../platform/db/database.ts';
import { appendAudit, type AuditActor } from '../audit/store.ts';
import { getArticle } from './store.ts';

function mayHandle(grants: Grants, isAuthor: boolean): boolean {
  return can(grants, 'content.takedown') || (isAuthor && can(grants, 'content.edit'));
}

export async function moveToTrash(db: Db, actor: AuditActor, grants: Grants, id: number, clock: Clock = systemClock): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await getArticle(trx, actor.siteId, id);
    if (!row) throw new NotFoundError({ vi: 'tin bài', en: 'Article' });
    if (!grants.siteWritable) throw new ForbiddenError({ code: 'site_read_only', vi: 'Trang này đã chuyển sang lưu trữ nên không thể thay đổi nội dung.', en: 'This site is archived.' });
    if (!mayHandle(grants, row.author_user_id === actor.userId)) throw new ForbiddenError();
    if (row.publication === 'published' || row.publication === 'scheduled') {
      throw new DomainError({
        code: 'still_public',
        vi: 'Tin bài đang đăng hoặc đã hẹn giờ đăng: hãy gỡ xuống (kèm lý do) trước khi xóa.',
        en: 'The article is published or scheduled: take it down (with a reason) before deleting it.',
      });
    }
    const now = isoNow(clock);
    await trx.updateTable('articles').set({ deleted_at: now, deleted_by_user_id: actor.userId, updated_at: now, lock_version: row.lock_version + 1 }).where('id', '=', id).execute();
    await appendAudit(trx, actor, { action: 'article.trash', targetType: 'article', targetId: id, details: { title: row.title } }, clock);
  });
}

export async function restoreFromTrash(db: Db, actor: AuditActor, grants: Grants, id: number, clock: Clock = systemClock): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await getArticle(trx, actor.siteId, id, { includeDeleted: true });
    if (!row || !row.deleted_at) throw new NotFoundError({ vi: 'tin bài trong thùng rác', en: 'Article in the trash' });
    if (!mayHandle(grants, row.author_user_id === actor.userId)) throw new ForbiddenError();
    const now = isoNow(clock);
    await trx.updateTable('articles').set({ deleted_at: null, deleted_by_user_id: null, updated_at: now, lock_version: row.lock_version + 1 }).where('id', '=', id).execute();
    await appendAudit(trx, actor, { action: 'article.untrash', targetType: 'article', targetId: id, details: { title: row.title } }, clock);
  });
}

/** Permanent deletion of an article in the trash, with its revisions and history; the audit row stays. */
export async function purgeArticle(db: Db, actor: AuditActor, grants: Grants, id: number, clock: Clock = systemClock): Promise<void> {
  if (!can(grants, 'content.purge')) throw new ForbiddenError();
  await db.transaction().execute(async (trx) => {
    const row = await getArticle(trx, actor.siteId, id, { includeDeleted: true });
    if (!row || !row.deleted_at) throw new NotFoundError({ vi: 'tin bài trong thùng rác', en: 'Article in the trash' });
    // The royalty ledger names the item it paid for: an assessed item stays (in the trash) as long as the ledger does.
    const assessed = await trx.selectFrom('royalty_assessments').select('id').where('site_id', '=', actor.siteId).where('article_id', '=', id).limit(1).executeTakeFirst();
    if (assessed) {
      throw new DomainError({ code: 'royalty_ledger', vi: 'Tin bài đã được chấm nhuận bút: sổ nhuận bút cần giữ tin bài này nên không xóa vĩnh viễn được (tin bài vẫn nằm trong thùng rác, không hiện ra công khai).', en: 'This item has a royalty assessment: the royalty ledger keeps it, so it cannot be deleted for good (it stays in the trash, not public).' }, 409);
    }
    const revisions = await trx.selectFrom('article_revisions').select('id').where('article_id', '=', id).execute();
    // Other articles may point at this one; those links are dropped, not broken.
    await trx.updateTable('articles').set({ translation_of_id: null }).where('translation_of_id', '=', id).execute();
    await trx.updateTable('articles').set({ live_revision_id: null }).where('id', '=', id).execute();
    // Published documents may name this one in their relations: the links go, the documents stay.
    await trx.deleteFrom('legal_document_relations').where('site_id', '=', actor.siteId).where((eb) => eb.or([eb('to_article_id', '=', id), eb('from_article_id', '=', id)])).execute();
    await trx.deleteFrom('legal_document_fields').where('site_id', '=', actor.siteId).where('article_id', '=', id).execute();
    await trx.deleteFrom('legal_documents').where('site_id', '=', actor.siteId).where('article_id', '=', id).execute();
    await trx.deleteFrom('article_corrections').where('article_id', '=', id).execute();
    await trx.deleteFrom('article_slugs').where('article_id', '=', id).execute();
    await trx.deleteFrom('workflow_events').where('item_type', '=', 'article').where('item_id', '=', id).execute();
    await trx.deleteFrom('review_step_times').where('site_id', '=', actor.siteId).where('item_type', '=', 'article').where('item_id', '=', id).execute();
    await trx.deleteFrom('review_step_alerts').where('site_id', '=', actor.siteId).where('item_type', '=', 'article').where('item_id', '=', id).execute();
    await trx.deleteFrom('notifications').where('item_type', '=', 'article').where('item_id', '=', id).execute();
    await trx.deleteFrom('article_revisions').where('article_id', '=', id).execute();
    await trx.deleteFrom('articles').where('id', '=', id).execute();
    await appendAudit(trx, actor, { action: 'article.purge', targetType: 'article', targetId: id, details: { title: row.title, revisions: revisions.length } }, clock);
  });
}
