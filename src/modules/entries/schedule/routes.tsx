// Public views of the weekly work schedule that its shape demands beside the
// generic list and detail pages: the week (/lich-cong-tac/tuan/<yyyy-Www>, the
// current week in Vietnam at /lich-cong-tac/tuan, ?in=1 to print) and the
// iCalendar feed of the published weeks (/lich-cong-tac/lich.ics). These
// static paths win over the generic /lich-cong-tac/:slug. Anonymous pages go
// through the render cache, dropped when the site's content changes.
import { registerEntryDetailLink, registerEntryView } from '../public/views.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { siteKind } from '../../../core/entries/index.ts';
import { SCHEDULE_WEEK } from '../../../core/entries/kinds/schedule-week.ts';
import { addDays, vietnamDate } from '../../../core/time.ts';
import { mondayOf, mondayOfWeekKey } from '../../../core/entries/iso-week.ts';
import type { AppDeps } from '../../../platform/http/context.ts';
import { notFound } from '../../../platform/http/errors.tsx';
import { format } from '../../../ui/i18n.ts';
import { publicPathOf } from '../../articles/article.ts';
import { servePage } from '../../public/serve-page.ts';
import { buildChrome, canonicalUrl } from '../../public/site-view.ts';
import { icsCalendar, type CalendarEvent } from './ical.ts';
import { detailViewLink, listViewLink, schedulePaths } from './links.ts';
import { scheduleText } from './messages.ts';
import { WeekPage, type InvitationLink, type ReceptionSession, type WeekSchedule } from './pages.tsx';
import { correctionsOf, invitationsOfWeek, previousPublished, publishedWeeks, receptionsOfWeek, type PublishedEntry } from './store.ts';
import { diffRows, rowOfMeeting, sortedRows } from './week.ts';

const publicAccess = { access: { kind: 'public' as const } };
/** How far back the feed reaches: half a year of weeks is what a calendar needs. */
const FEED_WEEKS_BACK = 26;

function kindOn(request: FastifyRequest, key: string): boolean {
  return siteKind(request.site.level, request.site.settings.entryKinds, key)?.enabled ?? false;
}

function invitationLink(e: PublishedEntry): InvitationLink | null {
  const v = e.content.entry?.values ?? {};
  if (typeof v.meetingAt !== 'string') return null;
  return { href: publicPathOf({ kind: 'entry', slug: e.slug, entry_kind: 'invitation' }), title: e.content.title, number: typeof v.number === 'string' ? v.number : null, meetingAt: v.meetingAt, place: typeof v.place === 'string' ? v.place : null };
}

/** The sessions of the reception schedules that fall in the week of `monday`, by day and time. */
function sessionsOfWeek(schedules: PublishedEntry[], monday: string): ReceptionSession[] {
  const sunday = addDays(monday, 6);
  const sessions = schedules.flatMap((e) => {
    const v = e.content.entry?.values ?? {};
    const rows = (Array.isArray(v.rows) ? v.rows : []) as Record<string, string | undefined>[];
    const schedule = { href: publicPathOf({ kind: 'entry', slug: e.slug, entry_kind: 'reception_schedule' }), title: e.content.title };
    return rows
      .filter((r) => r.day && r.start && r.leader && r.day >= monday && r.day <= sunday)
      .map((r) => ({ day: r.day!, start: r.start!, end: r.end ?? null, leader: r.leader!, place: r.place ?? (typeof v.place === 'string' ? v.place : null), content: r.content ?? null, schedule }));
  });
  return sessions.sort((a, b) => a.day.localeCompare(b.day) || a.start.localeCompare(b.start));
}

export function registerScheduleViews(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.database.db;
  // The generic list and entry pages lead into the week (modules/entries/public/views.ts).
  const thisWeek = listViewLink('schedule_week');
  if (thisWeek) registerEntryView('schedule_week', thisWeek);
  registerEntryView('schedule_week', { label: { vi: 'Lịch dạng iCalendar (thêm vào lịch của bạn)', en: 'iCalendar feed (add to your calendar)' }, href: schedulePaths.ics() });
  for (const kind of ['schedule_week', 'invitation']) registerEntryDetailLink(kind, (values) => detailViewLink(kind, values));

  async function weekSchedules(siteId: number, weeks: PublishedEntry[], invitations: PublishedEntry[]): Promise<WeekSchedule[]> {
    const corrections = await correctionsOf(db, siteId, weeks.map((w) => w.id));
    return Promise.all(
      weeks.map(async (w) => {
        const rows = sortedRows(w.content.entry?.values);
        const mine = corrections.filter((k) => k.article_id === w.id);
        const previous = mine.length > 0 ? await previousPublished(db, siteId, w.id, w.liveRevisionId) : null;
        const { marks, removed } = diffRows(rows, previous ? sortedRows(previous.entry?.values) : null);
        const byRow = new Map<string, InvitationLink[]>();
        for (const inv of invitations) {
          const link = invitationLink(inv);
          const linkedTo = inv.content.entry?.values.scheduleWeek;
          // An invitation pointing at another leadership's week of the same Monday stays off this table.
          if (!link || (Array.isArray(linkedTo) && linkedTo.length > 0 && !linkedTo.includes(w.id))) continue;
          const key = rowOfMeeting(rows, link.meetingAt);
          if (key) byRow.set(key, [...(byRow.get(key) ?? []), link]);
        }
        const leadership = w.content.entry?.values.leadership;
        return { id: w.id, title: w.content.title, leadership: typeof leadership === 'string' ? leadership : null, rows, marks, removed, corrections: mine.map((k) => ({ note: k.note, at: k.published_at })), invitationsByRow: byRow };
      }),
    );
  }

  app.get('/lich-cong-tac/tuan', { config: publicAccess }, async (request, reply) => {
    if (!kindOn(request, SCHEDULE_WEEK)) return notFound(request, reply);
    const print = (request.query as Record<string, string | undefined>).in === '1';
    const target = schedulePaths.week(mondayOf(vietnamDate(deps.clock.now())));
    return reply.header('cache-control', 'no-store').redirect(print ? `${target}?in=1` : target, 302);
  });

  app.get('/lich-cong-tac/tuan/:week', { config: publicAccess }, async (request: FastifyRequest, reply: FastifyReply) => {
    const { week } = request.params as { week: string };
    const monday = mondayOfWeekKey(week);
    if (!monday || !kindOn(request, SCHEDULE_WEEK)) return notFound(request, reply);
    const print = (request.query as Record<string, string | undefined>).in === '1';
    return servePage(deps, request, reply, async () => {
      const siteId = request.site.id;
      const weeks = await publishedWeeks(db, siteId, monday);
      const invitations = kindOn(request, 'invitation') ? await invitationsOfWeek(db, siteId, monday, weeks.map((w) => w.id)) : [];
      const receptions = kindOn(request, 'reception_schedule') ? sessionsOfWeek(await receptionsOfWeek(db, siteId, monday), monday) : [];
      const chrome = await buildChrome(deps, request, { lang: 'vi' });
      const path = schedulePaths.week(monday);
      return (await (
        <WeekPage
          chrome={chrome}
          canonical={canonicalUrl(request, path)}
          monday={monday}
          weeks={await weekSchedules(siteId, weeks, invitations)}
          invitations={invitations.map(invitationLink).filter((i): i is InvitationLink => i !== null)}
          receptions={receptions}
          hrefs={{ previous: schedulePaths.week(addDays(monday, -7)), next: schedulePaths.week(addDays(monday, 7)), current: schedulePaths.currentWeek(), print: `${path}?in=1`, ics: schedulePaths.ics(), list: schedulePaths.list() }}
          print={print}
        />
      )) as string;
    });
  });

  app.get('/lich-cong-tac/lich.ics', { config: publicAccess }, async (request, reply) => {
    if (!kindOn(request, SCHEDULE_WEEK)) return notFound(request, reply);
    const thisMonday = mondayOf(vietnamDate(deps.clock.now()));
    return servePage(
      deps,
      request,
      reply,
      async () => {
        const siteId = request.site.id;
        const weeks = await publishedWeeks(db, siteId, addDays(thisMonday, -7 * FEED_WEEKS_BACK), '9999-12-31');
        const corrections = await correctionsOf(db, siteId, weeks.map((w) => w.id));
        const host = new URL(request.siteOrigin).host;
        const t = scheduleText('vi');
        const events: CalendarEvent[] = weeks.flatMap((w) =>
          sortedRows(w.content.entry?.values).map(({ key, row }) => ({
            uid: `lich-${w.id}-${key.replace(/[^0-9A-Za-z]/g, '')}@${host}`,
            sequence: corrections.filter((k) => k.article_id === w.id).length,
            stamp: w.lastPublishedAt ?? new Date(0).toISOString(),
            day: row.day,
            start: row.start,
            end: row.end ?? null,
            summary: row.content,
            location: row.place ?? null,
            description: [
              [t.chair, row.chair],
              [t.participants, row.participants],
              [t.preparedBy, row.preparedBy],
              [t.note, row.note],
            ]
              .filter(([, v]) => v)
              .map(([k, v]) => `${k}: ${v}`)
              .join('\n') || null,
            url: `${request.siteOrigin}${schedulePaths.week(row.day)}`,
          })),
        );
        return icsCalendar(format(t.icsName, { site: request.site.name }), events);
      },
      { type: 'text/calendar; charset=utf-8', countVisit: false, variant: thisMonday, ignoreQuery: true },
    );
  });
}
