// The forum's share of the personal-data retention job (citizens/retention.ts,
// rule retention.personal_data): a poster's e-mail or phone is erased once the
// period has run from the post's moderation, or its sending when nobody
// moderated it. The display name and the text stay: they were public.
import type { Db } from '../../platform/db/database.ts';

export const ERASE_BATCH = 500;

export async function eraseForumContacts(trx: Db, siteId: number, notBefore: string, expired: (at: string | null) => boolean, stamp: string): Promise<number> {
  const posts = await trx
    .selectFrom('forum_posts')
    .select(['id', 'created_at', 'moderated_at'])
    .where('site_id', '=', siteId)
    .where('personal_data_erased_at', 'is', null)
    .where('by_board', '=', 0)
    .where('created_at', '<=', notBefore)
    .execute();
  const ids = posts.filter((p) => expired(p.moderated_at ?? p.created_at)).map((p) => p.id);
  if (ids.length === 0) return 0;
  // In batches: SQLite allows a bounded number of variables in one statement.
  for (let i = 0; i < ids.length; i += ERASE_BATCH) {
    await trx.updateTable('forum_posts').set({ author_email: null, author_phone: null, personal_data_erased_at: stamp }).where('site_id', '=', siteId).where('id', 'in', ids.slice(i, i + ERASE_BATCH)).execute();
  }
  return ids.length;
}
