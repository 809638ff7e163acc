// Where the generic pages of the schedule's kinds lead into the week view (for
// the generic list and detail pages of declared sections to show): the list of
// weeks to this week, a week to its own week view, an invitation to the week
// of its meeting. Pure.
import { isoWeekKey, isoWeekOf } from '../../../core/entries/iso-week.ts';
import { vietnamDate } from '../../../core/time.ts';
import type { Bilingual } from '../../../core/entries/index.ts';

export interface ViewLink {
  href: string;
  label: Bilingual;
}

/** The public addresses of the schedule's own views (the week of any day: its ISO week). */
export const schedulePaths = {
  week: (day: string) => `/lich-cong-tac/tuan/${isoWeekKey(day)}`,
  currentWeek: () => '/lich-cong-tac/tuan',
  ics: () => '/lich-cong-tac/lich.ics',
  list: () => '/lich-cong-tac',
};

const weekHref = schedulePaths.week;
const weekLabel = (day: string): Bilingual => ({ vi: `Xem lịch công tác tuần ${isoWeekOf(day).week}`, en: `See the work schedule of week ${isoWeekOf(day).week}` });

/** The link a list page of `kind` shows beside its entries (null: none). */
export function listViewLink(kind: string): ViewLink | null {
  return kind === 'schedule_week' ? { href: schedulePaths.currentWeek(), label: { vi: 'Xem lịch công tác tuần này', en: 'See this week’s work schedule' } } : null;
}

/** The link a detail page of an entry of `kind` with `values` shows to the week it belongs to (null: none). */
export function detailViewLink(kind: string, values: Record<string, unknown>): ViewLink | null {
  if (kind === 'schedule_week' && typeof values.week === 'string') return { href: weekHref(values.week), label: weekLabel(values.week) };
  if (kind === 'invitation' && typeof values.meetingAt === 'string') {
    const day = vietnamDate(new Date(values.meetingAt));
    return { href: weekHref(day), label: weekLabel(day) };
  }
  return null;
}
