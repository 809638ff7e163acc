// The iCalendar serializer, read back by a real parser (ical.js, already in
// node_modules): times in Vietnam time, text escaped, long lines folded at 75
// octets without splitting a Vietnamese letter.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import ICAL from 'ical.js';
import { escapeText, foldLine, icsCalendar, type CalendarEvent } from './ical.ts';

const event: CalendarEvent = {
  uid: 'lich-12-2026-11-30-0730-1@vpubnd-kontum.localhost',
  sequence: 2,
  stamp: '2026-11-28T03:00:00.000Z',
  day: '2026-11-30',
  start: '07:30',
  end: '11:00',
  summary: 'Họp Ủy ban nhân dân tỉnh thường kỳ tháng 11; nghe báo cáo, cho ý kiến về dự thảo Nghị quyết, Kế hoạch năm 2027 của các sở, ban, ngành và địa phương trên địa bàn tỉnh',
  location: 'Phòng họp A, trụ sở UBND tỉnh',
  description: 'Chủ trì: Chủ tịch UBND tỉnh\nThành phần: Giám đốc các sở; Chủ tịch UBND các huyện, thành phố\\',
  url: 'https://vpubnd-kontum.localhost/lich-cong-tac/tuan/2026-W49',
};

function parse(text: string) {
  const root = new ICAL.Component(ICAL.parse(text));
  for (const tz of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  return root;
}

test('escaping and folding follow RFC 5545', () => {
  assert.equal(escapeText('a;b,c\\d\ne'), 'a\\;b\\,c\\\\d\\ne');
  const folded = foldLine(`SUMMARY:${'Ủy ban '.repeat(30)}`);
  for (const line of folded.split('\r\n')) assert.ok(Buffer.byteLength(line, 'utf8') <= 75, line);
  assert.equal(folded.split('\r\n').map((l, i) => (i === 0 ? l : l.slice(1))).join(''), `SUMMARY:${'Ủy ban '.repeat(30)}`);
  assert.doesNotMatch(folded, /\uFFFD/);
});

test('the calendar parses back with its events in Vietnam time and its text intact', () => {
  const text = icsCalendar('Lịch công tác', [event, { ...event, uid: 'x-2', start: '14:00', end: null, location: null, description: null, summary: 'Tiếp công dân' }]);
  assert.ok(text.endsWith('\r\n'));
  assert.ok(text.split('\r\n').every((l) => Buffer.byteLength(l, 'utf8') <= 75));
  const events = parse(text).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
  assert.equal(events.length, 2);
  const first = events[0]!;
  assert.equal(first.uid, event.uid);
  assert.equal(first.sequence, 2);
  assert.equal(first.summary, event.summary);
  assert.equal(first.location, event.location);
  assert.equal(first.description, event.description);
  assert.equal(first.startDate.toJSDate().toISOString(), '2026-11-30T00:30:00.000Z', '07:30 in Vietnam is 00:30 UTC');
  assert.equal(first.endDate.toJSDate().toISOString(), '2026-11-30T04:00:00.000Z');
  assert.equal(first.startDate.zone?.tzid, 'Asia/Ho_Chi_Minh');
  assert.equal(events[1]!.startDate.toJSDate().toISOString(), '2026-11-30T07:00:00.000Z');
});
