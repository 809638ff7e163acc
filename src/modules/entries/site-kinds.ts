// Which declared sections a site has on, and under what names (settings.entryKinds).
import { siteKinds, type SiteKind, type SiteKindSettings } from '../../core/entries/index.ts';
import type { Db } from '../../platform/db/database.ts';

export async function siteKindSettings(db: Db, siteId: number): Promise<{ level: string; settings: SiteKindSettings | undefined }> {
  const row = await db.selectFrom('sites').select(['level', 'settings']).where('id', '=', siteId).executeTakeFirst();
  let settings: { entryKinds?: SiteKindSettings } = {};
  try {
    settings = row ? (JSON.parse(row.settings) as typeof settings) : {};
  } catch {
    settings = {};
  }
  return { level: row?.level ?? 'department', settings: settings.entryKinds };
}

/** The site's kinds with their state and names. */
export async function kindsOfSite(db: Db, siteId: number): Promise<SiteKind[]> {
  const { level, settings } = await siteKindSettings(db, siteId);
  return siteKinds(level, settings);
}

/** Only those turned on. */
export async function enabledKindsOfSite(db: Db, siteId: number): Promise<SiteKind[]> {
  return (await kindsOfSite(db, siteId)).filter((k) => k.enabled);
}
