// The words of a maintenance notice on a page: the same on the public pages
// and in the back office, independent of the time of rendering (a cached page
// keeps it until the window is over, then drops it).
import { formatDateTime } from '../../core/time.ts';
import type { Db } from '../../platform/db/database.ts';
import { format, type Lang } from '../../ui/i18n.ts';
import { maintenanceText } from './messages.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import type { Site } from '../sites/site.ts';
import { noticeShownAt, noticesForSite, unendedWindowsForSite, type MaintenanceWindow } from './store.ts';

export interface NoticeLine {
  text: string;
  reason: string;
  statusHref: string;
  statusLabel: string;
}

export function noticeLines(windows: MaintenanceWindow[], lang: Lang): NoticeLine[] {
  const t = maintenanceText(lang);
  return windows.map((w) => ({
    text: format(t.notice, { start: formatDateTime(w.startsAt), end: formatDateTime(w.endsAt) }),
    reason: format(t.noticeReason, { reason: lang === 'en' && w.reasonEn ? w.reasonEn : w.reason }),
    statusHref: lang === 'en' ? '/en/status' : '/trang-thai',
    statusLabel: t.statusLink,
  }));
}

/** The notices a site's page shows now. */
export async function siteNotices(db: Db, siteId: number, now: Date, lang: Lang): Promise<NoticeLine[]> {
  return noticeLines(await noticesForSite(db, siteId, now), lang);
}

/** The safety net for what moves no version (as the chrome's site facts): the list is read again after a minute. */
const WINDOWS_TTL_MS = 60_000;
const windowsCache = new WeakMap<Site, { token: string; at: number; windows: Promise<MaintenanceWindow[]> }>();

/**
 * The notices a public page of the site shows now. The site's unended windows are read once per
 * content version (every schedule, change or cancellation is audited in the site's chain, which
 * moves its version on every node); whether each shows is decided at each render, by the time.
 */
export async function publicNotices(deps: Pick<AppDeps, 'database' | 'pageCache' | 'clock'>, site: Site, lang: Lang): Promise<NoticeLine[]> {
  const now = deps.clock.now();
  const token = deps.pageCache.key(site.id, '', '');
  let known = windowsCache.get(site);
  if (!known || known.token !== token || now.getTime() - known.at >= WINDOWS_TTL_MS) {
    const entry = { token, at: now.getTime(), windows: unendedWindowsForSite(deps.database.db, site.id, now) };
    windowsCache.set(site, (known = entry));
    entry.windows.catch(() => {
      if (windowsCache.get(site) === entry) windowsCache.delete(site);
    });
  }
  return noticeLines((await known.windows).filter((w) => noticeShownAt(w, now)), lang);
}
