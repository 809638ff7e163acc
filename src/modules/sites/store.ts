// Queries on sites and their host names.
import { engineOf, type Db } from '../../platform/db/database.ts';
import type { NewSite, SiteUpdate } from '../../platform/db/schema.ts';
import { SiteClosedError, siteFromRow, type Site, type SiteLabels } from './site.ts';

async function hostsBySite(db: Db, siteIds: number[]): Promise<Map<number, { host: string; is_primary: number }[]>> {
  const map = new Map<number, { host: string; is_primary: number }[]>();
  if (siteIds.length === 0) return map;
  const rows = await db
    .selectFrom('site_hosts')
    .select(['site_id', 'host', 'is_primary'])
    .where('site_id', 'in', siteIds)
    .orderBy('is_primary', 'desc')
    .orderBy('id')
    .execute();
  for (const row of rows) {
    const list = map.get(row.site_id) ?? [];
    list.push(row);
    map.set(row.site_id, list);
  }
  return map;
}

export async function listSites(db: Db): Promise<Site[]> {
  const rows = await db.selectFrom('sites').selectAll().orderBy('id').execute();
  const hosts = await hostsBySite(db, rows.map((r) => r.id));
  return rows.map((row) => siteFromRow(row, hosts.get(row.id) ?? []));
}

export async function getSite(db: Db, id: number): Promise<Site | null> {
  const row = await db.selectFrom('sites').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  return siteFromRow(row, (await hostsBySite(db, [id])).get(id) ?? []);
}

/** The site's own words for its board and roles, for callers that know only its id. */
export async function loadSiteLabels(db: Db, siteId: number): Promise<SiteLabels> {
  const row = await db.selectFrom('sites').select('labels').where('id', '=', siteId).executeTakeFirst();
  return row ? (JSON.parse(row.labels) as SiteLabels) : {};
}

export async function getSiteByKey(db: Db, key: string): Promise<Site | null> {
  const row = await db.selectFrom('sites').select('id').where('key', '=', key).executeTakeFirst();
  return row ? getSite(db, row.id) : null;
}

export async function insertSite(db: Db, values: NewSite, hosts: string[]): Promise<number> {
  const { id } = await db.insertInto('sites').values(values).returning('id').executeTakeFirstOrThrow();
  await replaceHosts(db, id, hosts, values.created_at);
  return id;
}

export async function updateSiteRow(db: Db, id: number, values: SiteUpdate): Promise<void> {
  await db.updateTable('sites').set(values).where('id', '=', id).execute();
}

/** The first host is the primary one (canonical address, redirect target). */
export async function replaceHosts(db: Db, siteId: number, hosts: string[], now: string): Promise<void> {
  await db.deleteFrom('site_hosts').where('site_id', '=', siteId).execute();
  if (hosts.length === 0) return;
  await db
    .insertInto('site_hosts')
    .values(hosts.map((host, i) => ({ site_id: siteId, host, is_primary: i === 0 ? 1 : 0, created_at: now })))
    .execute();
}

/** Hosts already used by another site, to refuse them with a clear message. */
export async function hostsTakenElsewhere(db: Db, hosts: string[], siteId: number | null): Promise<string[]> {
  if (hosts.length === 0) return [];
  const rows = await db
    .selectFrom('site_hosts')
    .select('host')
    .where('host', 'in', hosts)
    .$if(siteId !== null, (q) => q.where('site_id', '<>', siteId!))
    .execute();
  return rows.map((r) => r.host);
}

export async function clearDefaultSite(db: Db): Promise<void> {
  await db.updateTable('sites').set({ is_default: 0 }).where('is_default', '=', 1).execute();
}

/**
 * Inside the transaction that stores something a citizen sent: refuses it when
 * the site no longer operates. On PostgreSQL the site row is share-locked, so a
 * concurrent archiving (which updates that row, then hands the open cases over)
 * either waits for this case and hands it over too, or has committed and this
 * refuses; SQLite serialises writers anyway.
 */
export async function demandSiteReceives(db: Db, siteId: number): Promise<void> {
  const row = await db
    .selectFrom('sites')
    .select('status')
    .where('id', '=', siteId)
    .$if(engineOf(db) === 'postgres', (q) => q.forShare())
    .executeTakeFirst();
  if (row?.status !== 'active') throw new SiteClosedError();
}
