// Entries of kinds that leave the public site outside their validity period
// (validity.expired = 'withdraw': business promotion) enter the public index
// on the day their period starts and leave it the day after it ends. Nobody
// acts on those days, so nothing is audited: this job rewrites the index row
// of each entry whose presence no longer matches the day and moves the site's
// content version, so every node's render cache drops the home page, lists,
// search, feeds and sitemaps that showed it (the entry's own page and its
// list are keyed by day already). Idempotent: it compares and fixes, so every
// node may run it; a run that fails is repaired by the next.
import { sql } from 'kysely';
import { allSectionKinds, withdrawsOutsideValidity } from '../../core/entries/index.ts';
import { isoNow, systemClock, vietnamDate, type Clock } from '../../core/time.ts';
import type { Db } from '../../platform/db/database.ts';
import { siteContentChanged } from '../../platform/events.ts';
import { runEvery } from '../../platform/interval-job.ts';
import { syncPublicIndex } from '../articles/public-index.ts';
import { bumpContentVersion } from '../public/content-version.ts';
import { ENTRY_ITEM } from './sync.ts';

/** Published entries whose place in the public index is wrong for `today`: in it outside their period, or out of it within. */
async function misplaced(db: Db, kindKey: string, field: string, today: string): Promise<{ id: number; site_id: number }[]> {
  const inPeriod = sql<boolean>`(ef.date <= ${today} and (ef.date_end is null or ef.date_end >= ${today}))`;
  const indexed = sql<boolean>`exists (select 1 from search_documents d where d.site_id = a.site_id and d.item_type = ${ENTRY_ITEM} and d.item_id = a.id)`;
  return db
    .selectFrom('articles as a')
    .innerJoin('entry_fields as ef', (j) => j.onRef('ef.site_id', '=', 'a.site_id').onRef('ef.article_id', '=', 'a.id'))
    .select(['a.id', 'a.site_id'])
    .where('a.kind', '=', 'entry')
    .where('a.entry_kind', '=', kindKey)
    .where('a.publication', '=', 'published')
    .where('a.deleted_at', 'is', null)
    .where('ef.field', '=', field)
    .where(sql<boolean>`(${inPeriod}) <> (${indexed})`)
    .execute();
}

/** Puts every withdrawing kind's entries in or out of the public index for today; returns the sites changed. */
export async function syncValidityWindows(db: Db, clock: Clock = systemClock): Promise<number[]> {
  const today = vietnamDate(clock.now());
  const sites = new Set<number>();
  for (const kind of allSectionKinds().filter(withdrawsOutsideValidity)) {
    for (const item of await misplaced(db, kind.key, kind.validity!.field, today)) {
      await db.transaction().execute(async (trx) => {
        const row = await trx.selectFrom('articles').selectAll().where('site_id', '=', item.site_id).where('id', '=', item.id).executeTakeFirst();
        if (row) await syncPublicIndex(trx, row, today);
      });
      sites.add(item.site_id);
    }
  }
  for (const siteId of sites) {
    await bumpContentVersion(db, siteId, isoNow(clock));
    siteContentChanged(siteId);
  }
  return [...sites];
}

/** Runs every minute in this process (a period ends at midnight, Vietnam time). */
export function startEntryValidityJobs(ctx: { db: Db; clock?: Clock; log?: { error(obj: unknown, msg: string): void; info(obj: unknown, msg: string): void } }, intervalMs = 60_000): () => void {
  return runEvery(
    intervalMs,
    async () => {
      const sites = await syncValidityWindows(ctx.db, ctx.clock ?? systemClock);
      if (sites.length > 0) ctx.log?.info({ sites }, 'entries entered or left the public site with their validity period');
    },
    (error) => ctx.log?.error({ err: { message: error.message } }, 'entry validity job failed'),
    { db: ctx.db, name: 'entries.validity' },
  );
}
