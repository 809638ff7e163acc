// The words of a maintenance notice on a page: the same on the public pages
// and in the back office, independent of the time of rendering (a cached page
// keeps it until the window is over, then drops it).
import { formatDateTime } from '../../core/time.ts';
import type { Db } from '../../platform/db/database.ts';
import { format, type Lang } from '../../ui/i18n.ts';
import { maintenanceText } from './messages.ts';
import { noticesForSite, type MaintenanceWindow } from './store.ts';

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
