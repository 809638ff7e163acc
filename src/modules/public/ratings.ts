// "Was this useful?" (Decree 224/2026 Art. 10(3): an online satisfaction
// rating that protects the rater's privacy): only two counters per item are
// kept; no address, no cookie, no account.
import type { Db } from '../../platform/db/database.ts';

export async function rate(db: Db, siteId: number, itemType: string, itemId: number, useful: boolean): Promise<void> {
  await db
    .insertInto('ratings')
    .values({ site_id: siteId, item_type: itemType, item_id: itemId, useful: useful ? 1 : 0, not_useful: useful ? 0 : 1 })
    .onConflict((oc) =>
      oc.columns(['site_id', 'item_type', 'item_id']).doUpdateSet((eb) =>
        useful ? { useful: eb('ratings.useful', '+', 1) } : { not_useful: eb('ratings.not_useful', '+', 1) },
      ),
    )
    .execute();
}

export async function ratingOf(db: Db, siteId: number, itemType: string, itemId: number): Promise<{ useful: number; notUseful: number }> {
  const row = await db.selectFrom('ratings').select(['useful', 'not_useful']).where('site_id', '=', siteId).where('item_type', '=', itemType).where('item_id', '=', itemId).executeTakeFirst();
  return { useful: row?.useful ?? 0, notUseful: row?.not_useful ?? 0 };
}
