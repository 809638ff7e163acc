// The public content version of each site (table site_content_versions). It
// moves on inside the transaction of every audited change a reader could see
// (core/public/public-effect.ts decides which), so no use case has to remember
// to tell the render cache: the cache compares versions after each request
// that may have changed something, and polls for what other nodes and
// background jobs committed.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';

export async function bumpContentVersion(db: Db, siteId: number, now: string): Promise<void> {
  await db
    .insertInto('site_content_versions')
    .values({ site_id: siteId, version: 1, changed_at: now })
    .onConflict((oc) => oc.column('site_id').doUpdateSet({ version: sql<number>`site_content_versions.version + 1`, changed_at: now }))
    .execute();
}

/** The current version of every site (or of one). */
export async function readContentVersions(db: Db, siteId?: number): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('site_content_versions')
    .select(['site_id', 'version'])
    .$if(siteId !== undefined, (q) => q.where('site_id', '=', siteId!))
    .execute();
  return new Map(rows.map((r) => [r.site_id, Number(r.version)]));
}
