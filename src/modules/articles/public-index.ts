// Keeps the public index in step with publication: a published article's live
// revision is in search_documents (which also feeds listings) and its tags in
// published_tags; anything else is not. Called inside the transaction that
// changes the article, so the index follows publication, change and take-down at once.
import { htmlToText } from '../../core/content/index.ts';
import { slugify } from '../../core/vietnamese/index.ts';
import type { Db } from '../../platform/db/database.ts';
import type { ArticleRow } from '../../platform/db/schema.ts';
import { indexDocument, removeDocument } from '../search/index.ts';
import { syncLegalDocument } from '../documents/sync.ts';
import { parseSnapshot, publicPathOf, type ArticleContent } from './article.ts';
import { publicOn, searchTextOf, sectionKind } from '../../core/entries/index.ts';
import { vietnamDate } from '../../core/time.ts';
import { ENTRY_ITEM, syncEntryFields } from '../entries/sync.ts';
import { mediaShaOf } from '../media/media.ts';

export const ARTICLE_ITEM = 'article';

/**
 * `today` (Vietnam date) decides whether an entry of a kind that withdraws outside its validity is public;
 * by default the day of the change that calls this (the row's updated_at).
 */
export async function syncPublicIndex(db: Db, row: ArticleRow, today: string = vietnamDate(new Date(row.updated_at))): Promise<void> {
  const live = row.live_revision_id !== null && row.publication === 'published' && row.deleted_at === null
    ? await db.selectFrom('article_revisions').select('snapshot').where('id', '=', row.live_revision_id).executeTakeFirst()
    : undefined;
  await db.deleteFrom('published_tags').where('site_id', '=', row.site_id).where('item_type', 'in', [ARTICLE_ITEM, ENTRY_ITEM]).where('item_id', '=', row.id).execute();
  const c = live ? parseSnapshot(live.snapshot) : null;
  const publishedAt = row.first_published_at ?? row.last_published_at ?? row.updated_at;
  // Documents (or what was one: the kind may change between revisions) also fill the library's tables.
  if (row.kind === 'document' || c?.kind === 'document') await syncLegalDocument(db, row, c, publishedAt);
  // Entries of declared sections (core/entries) are indexed under their own item type and kind.
  if (row.kind === 'entry' || c?.kind === 'entry') await syncEntryFields(db, row.site_id, row.id, c);
  await removeDocument(db, row.site_id, c?.entry ? ARTICLE_ITEM : ENTRY_ITEM, row.id);
  // An entry outside its validity period, of a kind that withdraws it (promotion), is not public at all.
  const entryKind = c?.entry ? sectionKind(c.entry.kind) : undefined;
  if (!c || (c.entry && entryKind && !publicOn(entryKind, c.entry.values, today))) {
    await removeDocument(db, row.site_id, ARTICLE_ITEM, row.id);
    if (c) await removeDocument(db, row.site_id, ENTRY_ITEM, row.id);
    return;
  }
  const itemType = c.entry ? ENTRY_ITEM : ARTICLE_ITEM;
  await indexDocument(db, {
    siteId: row.site_id,
    itemType,
    itemId: row.id,
    language: c.language,
    sectionId: c.sectionId,
    kind: c.entry ? c.entry.kind : c.kind,
    url: publicPathOf({ kind: c.kind, slug: row.slug, entry_kind: c.entry?.kind ?? null }),
    title: c.title,
    summary: c.summary,
    bodyText: searchText(c),
    publishedAt,
  });
  await db
    .updateTable('search_documents')
    .set({ cover_media_id: await listPictureOf(db, row.site_id, c), is_reference: c.isReference ? 1 : 0, translation_of_id: c.translationOfId ?? null })
    .where('site_id', '=', row.site_id)
    .where('item_type', '=', itemType)
    .where('item_id', '=', row.id)
    .execute();
  const tags = [...new Map(c.tags.map((t) => [slugify(t, 60), t] as const)).entries()].filter(([slug]) => slug);
  if (tags.length > 0) {
    await db
      .insertInto('published_tags')
      .values(tags.map(([tag_slug, tag]) => ({ site_id: row.site_id, tag_slug, tag, item_type: itemType, item_id: row.id, published_at: publishedAt })))
      .execute();
  }
}

/** How many pictures of a text are looked up for a list's picture: the first that is still in the library. */
const PICTURES_LOOKED_AT = 5;

/**
 * The picture lists, feeds and shares show for an item: its cover, or else the first picture of its
 * text that is in the site's library. An article made from a Word file has its photos in the text and
 * no cover until an editor picks one; its lists showed no picture. The article's own page shows the
 * cover only (the text already shows its photos).
 */
async function listPictureOf(db: Db, siteId: number, c: ArticleContent): Promise<number | null> {
  if (c.coverMediaId) return c.coverMediaId;
  const shas = [...c.bodyHtml.matchAll(/<img\b[^>]*?\ssrc="([^"]+)"/gi)]
    .map((m) => mediaShaOf(m[1]!))
    .filter((sha): sha is string => sha !== null)
    .slice(0, PICTURES_LOOKED_AT);
  if (shas.length === 0) return null;
  const found = await db.selectFrom('media').select(['id', 'sha256']).where('site_id', '=', siteId).where('sha256', 'in', shas).where('kind', '=', 'image').where('deleted_at', 'is', null).execute();
  for (const sha of shas) {
    const media = found.find((m) => m.sha256 === sha);
    if (media) return media.id;
  }
  return null;
}

/**
 * What the search reads besides title and summary: the body, and for a
 * document its number, issuer and signer, so "42/2022/NĐ-CP" or the name of
 * the signing official finds it.
 */
function searchText(c: ArticleContent): string {
  const body = htmlToText(c.bodyHtml);
  const kind = sectionKind(c.entry?.kind);
  if (c.entry && kind) return [searchTextOf(kind, c.entry.values, htmlToText), body].filter(Boolean).join('\n');
  if (!c.document) return body;
  const d = c.document;
  return [`Số ký hiệu: ${d.number}`, `Cơ quan ban hành: ${d.issuer}`, d.signer ? `Người ký: ${d.signer}` : '', body].filter(Boolean).join('\n');
}
