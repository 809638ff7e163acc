// The week view of the work schedule: every published week of the leadership
// starting that Monday, day by day (Thứ Hai … Chủ Nhật) in one table each, the
// changes made after publication with their time and note and the rows they
// touched, the week's invitations on their rows, links to the weeks before and
// after, a print version and the iCalendar feed.
import { asset } from '../../../ui/assets.ts';
import { format, type Lang } from '../../../ui/i18n.ts';
import { addDays, formatDateTime } from '../../../core/time.ts';
import { dayMonth, dayMonthYear, daysOfWeek, weekTitle, WEEKDAY_NAMES } from '../../../core/entries/iso-week.ts';
import { PublicLayout, type PublicChrome } from '../../public/layout.tsx';
import { scheduleText } from './messages.ts';
import type { KeyedRow, RowMark } from './week.ts';

export interface InvitationLink {
  href: string;
  title: string;
  number: string | null;
  meetingAt: string;
  place: string | null;
}

export interface WeekSchedule {
  id: number;
  title: string;
  leadership: string | null;
  rows: KeyedRow[];
  marks: Map<string, RowMark>;
  removed: KeyedRow[];
  corrections: { note: string; at: string }[];
  /** Invitations on a row, by the row's key. */
  invitationsByRow: Map<string, InvitationLink[]>;
}

/** One citizen reception session of the week, from a published reception schedule. */
export interface ReceptionSession {
  day: string;
  start: string;
  end: string | null;
  leader: string;
  place: string | null;
  content: string | null;
  schedule: { href: string; title: string };
}

export interface WeekPageProps {
  chrome: PublicChrome;
  canonical: string;
  monday: string;
  weeks: WeekSchedule[];
  invitations: InvitationLink[];
  receptions: ReceptionSession[];
  hrefs: { previous: string; next: string; current: string; print: string; ics: string; list: string };
  print: boolean;
}

function dayLabel(lang: Lang, day: string, index: number): string {
  return `${WEEKDAY_NAMES[lang][index]}, ${dayMonthYear(day)}`;
}

function timeOf(row: KeyedRow['row']): string {
  return row.end ? `${row.start} – ${row.end}` : row.start;
}

function InvitationLinks({ lang, items }: { lang: Lang; items: InvitationLink[] }): JSX.Element {
  const t = scheduleText(lang);
  return (
    <>
      {items.map((i) => (
        <p>
          <a href={i.href} safe>
            {i.number ? format(t.invitationNumber, { number: i.number }) : `${t.invitation}: ${i.title}`}
          </a>
        </p>
      ))}
    </>
  );
}

function WeekTable({ lang, monday, week, headId }: { lang: Lang; monday: string; week: WeekSchedule; headId: string }): JSX.Element {
  const t = scheduleText(lang);
  const who = week.leadership ?? week.title;
  return (
    <table class="schedule-table" aria-labelledby={headId}>
      <caption class="visually-hidden" safe>
        {format(t.caption, { who })}
      </caption>
      <thead>
        <tr>
          <th scope="col">{t.time}</th>
          <th scope="col">{t.content}</th>
          <th scope="col">{t.chair}</th>
          <th scope="col">{t.participants}</th>
          <th scope="col">{t.place}</th>
          <th scope="col">{t.preparedBy}</th>
        </tr>
      </thead>
      {daysOfWeek(monday).map((day, index) => {
        const rows = week.rows.filter((r) => r.row.day === day);
        const dayId = `${headId}-d${index + 1}`;
        return (
          <tbody>
            <tr class="day-head">
              <th scope="rowgroup" colspan="6" id={dayId} safe>
                {dayLabel(lang, day, index)}
              </th>
            </tr>
            {rows.length === 0 ? (
              <tr>
                <td colspan="6" class="muted">
                  {t.noRows}
                </td>
              </tr>
            ) : (
              rows.map((r) => {
                const mark = week.marks.get(r.key) ?? null;
                return (
                  <tr class={mark ? `row-${mark}` : undefined}>
                    <th scope="row">
                      <span safe>{timeOf(r.row)}</span>
                      {mark ? (
                        <>
                          <br />
                          <span class="change-mark">{mark === 'added' ? t.markAdded : t.markChanged}</span>
                        </>
                      ) : (
                        ''
                      )}
                    </th>
                    <td data-label={t.content}>
                      <span class="pre-line" safe>
                        {r.row.content}
                      </span>
                      {r.row.note ? <p class="muted" safe>{`${t.note}: ${r.row.note}`}</p> : ''}
                      <InvitationLinks lang={lang} items={week.invitationsByRow.get(r.key) ?? []} />
                    </td>
                    <td data-label={t.chair} safe>
                      {r.row.chair ?? ''}
                    </td>
                    <td data-label={t.participants} class="pre-line" safe>
                      {r.row.participants ?? ''}
                    </td>
                    <td data-label={t.place} safe>
                      {r.row.place ?? ''}
                    </td>
                    <td data-label={t.preparedBy} safe>
                      {r.row.preparedBy ?? ''}
                    </td>
                  </tr>
                );
              })
            )}
          </tbody>
        );
      })}
    </table>
  );
}

function Receptions({ lang, monday, sessions }: { lang: Lang; monday: string; sessions: ReceptionSession[] }): JSX.Element {
  if (sessions.length === 0) return '';
  const t = scheduleText(lang);
  const schedules = [...new Map(sessions.map((s) => [s.schedule.href, s.schedule])).values()];
  const weekday = (day: string) => daysOfWeek(monday).indexOf(day);
  return (
    <section aria-labelledby="tiep-cong-dan-tuan">
      <h2 id="tiep-cong-dan-tuan">{t.receptions}</h2>
      <table class="schedule-table">
        <caption class="visually-hidden">{t.receptionsCaption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.day}</th>
            <th scope="col">{t.time}</th>
            <th scope="col">{t.leader}</th>
            <th scope="col">{t.place}</th>
            <th scope="col">{t.content}</th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => (
            <tr>
              <th scope="row" safe>{dayLabel(lang, s.day, weekday(s.day))}</th>
              <td data-label={t.time} safe>
                {s.end ? `${s.start} – ${s.end}` : s.start}
              </td>
              <td data-label={t.leader} safe>
                {s.leader}
              </td>
              <td data-label={t.place} safe>
                {s.place ?? ''}
              </td>
              <td data-label={t.content} class="pre-line" safe>
                {s.content ?? ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul>
        {schedules.map((k) => (
          <li>
            <a href={k.href} safe>
              {format(t.receptionSchedule, { title: k.title })}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function WeekPage(props: WeekPageProps): JSX.Element {
  const c = props.chrome;
  const t = scheduleText(c.lang);
  const title = weekTitle(props.monday);
  const head = <link rel="stylesheet" href={asset('schedule.css')} />;
  return (
    <PublicLayout chrome={c} title={title} canonical={props.canonical} print={props.print} noindex={props.print} head={head}>
      <h1 safe>{title}</h1>
      <nav aria-label={t.weekNav}>
        <ul class="week-nav">
          <li>
            <a href={props.hrefs.previous} rel="prev">
              {t.previous}
              <span class="visually-hidden" safe>{` (${dayMonth(addDays(props.monday, -7))} – ${dayMonthYear(addDays(props.monday, -1))})`}</span>
            </a>
          </li>
          <li>
            <a href={props.hrefs.current}>{t.thisWeek}</a>
          </li>
          <li>
            <a href={props.hrefs.next} rel="next">
              {t.next}
              <span class="visually-hidden" safe>{` (${dayMonth(addDays(props.monday, 7))} – ${dayMonthYear(addDays(props.monday, 13))})`}</span>
            </a>
          </li>
          <li>
            <a href={props.hrefs.print}>{t.print}</a>
          </li>
          <li>
            <a href={props.hrefs.ics} type="text/calendar">
              {t.ics}
            </a>
          </li>
          <li>
            <a href={props.hrefs.list}>{t.list}</a>
          </li>
        </ul>
      </nav>
      {props.weeks.length === 0 ? <p>{t.none}</p> : ''}
      {props.weeks.map((w, i) => {
        const headId = `tuan-${i + 1}`;
        return (
          <section aria-labelledby={headId}>
            <h2 id={headId} safe>
              {w.leadership ?? w.title}
            </h2>
            {w.corrections.map((k) => (
              <p class="schedule-change" safe>
                {format(t.changed, { time: formatDateTime(k.at).replace(/^(\S+) (\S+)$/, '$2 $1'), note: k.note })}
              </p>
            ))}
            {w.corrections.length > 0 && [...w.marks.values()].some(Boolean) ? <p class="muted">{t.marksExplained}</p> : ''}
            <WeekTable lang={c.lang} monday={props.monday} week={w} headId={headId} />
            {w.removed.length > 0 ? (
              <>
                <h3 safe>{`${t.removed} (${w.removed.length})`}</h3>
                <ul>
                  {w.removed.map((r) => (
                    <li>
                      <del safe>{`${dayMonth(r.row.day)} ${timeOf(r.row)}: ${r.row.content}`}</del>
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              ''
            )}
          </section>
        );
      })}
      <Receptions lang={c.lang} monday={props.monday} sessions={props.receptions} />
      {props.invitations.length > 0 ? (
        <section aria-labelledby="giay-moi-tuan">
          <h2 id="giay-moi-tuan">{t.invitations}</h2>
          <ul>
            {props.invitations.map((i) => (
              <li>
                <a href={i.href} safe>
                  {i.title}
                </a>
                <span safe>{` — ${[i.number, formatDateTime(i.meetingAt), i.place].filter(Boolean).join(' · ')}`}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : (
        ''
      )}
    </PublicLayout>
  );
}
