// An iCalendar (RFC 5545) feed of the weekly work schedule: one VEVENT per row,
// in Vietnam time (a TZID with its VTIMEZONE: UTC+7 all year, no summer time),
// text escaped (\ ; , and new lines), lines folded at 75 octets without
// splitting a UTF-8 character, CRLF line ends. Pure.

export interface CalendarEvent {
  /** Stable across corrections: calendars update the event instead of adding one. */
  uid: string;
  /** Bumped each time the week is corrected after publication. */
  sequence: number;
  /** When the event's week was last published (ISO instant). */
  stamp: string;
  /** 'yyyy-mm-dd' and 'HH:MM' in Vietnam time. */
  day: string;
  start: string;
  end: string | null;
  summary: string;
  location: string | null;
  description: string | null;
  url: string | null;
}

export const ICS_TZID = 'Asia/Ho_Chi_Minh';

const VTIMEZONE = ['BEGIN:VTIMEZONE', `TZID:${ICS_TZID}`, 'BEGIN:STANDARD', 'DTSTART:19700101T000000', 'TZOFFSETFROM:+0700', 'TZOFFSETTO:+0700', 'TZNAME:ICT', 'END:STANDARD', 'END:VTIMEZONE'];

/** A TEXT value (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
  return value
    .replace(/\r\n?/g, '\n')
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\n/g, '\\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
}

/** One content line folded into lines of at most 75 octets (§3.1); continuation lines start with a space. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    const limit = out.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

function localStamp(day: string, time: string): string {
  return `${day.replace(/-/g, '')}T${time.replace(':', '')}00`;
}

function utcStamp(iso: string): string {
  return `${new Date(iso).toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;
}

function eventLines(e: CalendarEvent): string[] {
  const lines = [
    'BEGIN:VEVENT',
    `UID:${escapeText(e.uid)}`,
    `SEQUENCE:${e.sequence}`,
    `DTSTAMP:${utcStamp(e.stamp)}`,
    `DTSTART;TZID=${ICS_TZID}:${localStamp(e.day, e.start)}`,
  ];
  // Without an end time the event ends when it starts (§3.6.1): nothing is made up.
  if (e.end) lines.push(`DTEND;TZID=${ICS_TZID}:${localStamp(e.day, e.end)}`);
  lines.push(`SUMMARY:${escapeText(e.summary)}`);
  if (e.location) lines.push(`LOCATION:${escapeText(e.location)}`);
  if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
  if (e.url) lines.push(`URL:${e.url}`);
  lines.push('END:VEVENT');
  return lines;
}

/** The whole calendar, CRLF-terminated. */
export function icsCalendar(name: string, events: CalendarEvent[]): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//trangtin//Lich cong tac//VI',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(name)}`,
    `X-WR-TIMEZONE:${ICS_TZID}`,
    ...VTIMEZONE,
    ...events.flatMap(eventLines),
    'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
