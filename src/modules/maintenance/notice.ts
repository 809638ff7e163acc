// The words of a maintenance notice on a page: the same on the public pages
// and in the back office, independent of the time of rendering (a cached page
// keeps it until the window is over, then drops it).
import { formatDateTime } from '../../core/time.ts';
import type { Db } from '../../platform/db/database.ts';
import { format, type Lang } from '../../ui/i18n.ts';
import { maintenanceText } from './messages.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { VersionMemo } from '../public/version-memo.ts';
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
/** One memo per application (test apps do not share), one entry per site. */
const windowMemos = new WeakMap<object, VersionMemo<MaintenanceWindow[]>>();

/**
 * The notices a public page of the site shows now. The site's unended windows are read once per
 * content version (every schedule, change or cancellation is audited in the site's chain, which
 * moves its version on every node); whether each shows is decided at each render, by the time.
 */
export async function publicNotices(deps: Pick<AppDeps, 'database' | 'pageCache' | 'clock'>, siteId: number, lang: Lang): Promise<NoticeLine[]> {
  let memo = windowMemos.get(deps);
  if (!memo) windowMemos.set(deps, (memo = new VersionMemo(deps, WINDOWS_TTL_MS, (id) => unendedWindowsForSite(deps.database.db, id, deps.clock.now()))));
  const windows = await memo.get(siteId);
  const now = deps.clock.now();
  return noticeLines(windows.filter((w) => noticeShownAt(w, now)), lang);
}
