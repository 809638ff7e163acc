// "Was this information useful?" (Decree 224/2026 Art. 10(3): an online
// satisfaction rating that protects the rater's privacy). A rating adds one to
// the item's counter for the month; nothing about the rater is stored. What
// can be rated is what the public can read: an item in the public index
// (articles, documents, procedures, published answers, drafts for comment),
// looked up on the request's site only.
import { vietnamDate, type Clock } from '../../core/time.ts';
import type { Db } from '../../platform/db/database.ts';
import { demandSiteReceives } from '../sites/store.ts';

/** The public index's item types that carry content a citizen can rate. */
export const RATED_ITEM_TYPES = ['article', 'procedure', 'question', 'petition', 'consultation', 'entry'] as const;
export type RatedItemType = (typeof RATED_ITEM_TYPES)[number];

export interface RatedItem {
  itemType: RatedItemType;
  itemId: number;
}

/** "article:12": how the form and the visitor's cookie name an item. */
export function itemKey(item: RatedItem): string {
  return `${item.itemType}:${item.itemId}`;
}

export function parseItemKey(value: string): RatedItem | null {
  const m = /^([a-z]{1,20}):(\d{1,12})$/.exec(value);
  if (!m || !(RATED_ITEM_TYPES as readonly string[]).includes(m[1]!)) return null;
  return { itemType: m[1] as RatedItemType, itemId: Number(m[2]) };
}

/** The month a rating counts in: "2026-11", in Vietnam time. */
export function ratingMonth(now: Date): string {
  return vietnamDate(now).slice(0, 7);
}

/** The item as the public reads it now, when it is public on this site. */
export async function findPublicItem(db: Db, siteId: number, item: RatedItem) {
  return db
    .selectFrom('search_documents')
    .select(['kind', 'section_id', 'title', 'url'])
    .where('site_id', '=', siteId)
    .where('item_type', '=', item.itemType)
    .where('item_id', '=', item.itemId)
    .executeTakeFirst();
}

/**
 * Counts one rating of a public item of the site, and returns the item's public
 * address; null when the site has no such public item. A site that no longer
 * operates refuses it (SiteClosedError), like its other forms.
 */
export async function recordRating(db: Db, siteId: number, item: RatedItem, useful: boolean, clock: Clock): Promise<{ url: string } | null> {
  return db.transaction().execute(async (trx) => {
    await demandSiteReceives(trx, siteId);
    const doc = await findPublicItem(trx, siteId, item);
    if (!doc) return null;
    // The item's kind, section, title and address as now: a past month's report still names it after a take-down.
    const seen = { kind: doc.kind, section_id: doc.section_id, title: doc.title, url: doc.url };
    await trx
      .insertInto('rating_counts')
      .values({ site_id: siteId, month: ratingMonth(clock.now()), item_type: item.itemType, item_id: item.itemId, ...seen, useful: useful ? 1 : 0, not_useful: useful ? 0 : 1 })
      .onConflict((oc) =>
        oc.columns(['site_id', 'month', 'item_type', 'item_id']).doUpdateSet((eb) => ({
          ...seen,
          ...(useful ? { useful: eb('rating_counts.useful', '+', 1) } : { not_useful: eb('rating_counts.not_useful', '+', 1) }),
        })),
      )
      .execute();
    return { url: doc.url };
  });
}
