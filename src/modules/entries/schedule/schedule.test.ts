// The weekly work schedule on a real database: the kind's rules refuse a row
// outside its week and an end before its start, naming the row; a published
// week is shown day by day at /lich-cong-tac/tuan/<yyyy-Www> with its
// invitation on its row; a correction with a note shows "Điều chỉnh lúc …" and
// marks the rows it added or changed; the iCalendar feed parses back (ical.js)
// with one event per row in Vietnam time and its text intact; another site's
// week is not shown; a site that turned the kind off answers 404.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import ICAL from 'ical.js';
import { scheduleWeek } from '../../../core/entries/kinds/schedule-week.ts';
import { buildTestApp, TestClock, type TestApp } from '../../../../test/support/app.ts';
import { forEachEngine } from '../../../../test/support/databases.ts';
import { makeBoard, type Board } from '../../../../test/support/editorial.ts';
import { entryBody, publishEntry } from '../../../../test/support/entries.ts';
import { htmlCheckerUnavailable, htmlErrors, type CheckedPage } from '../../../../test/support/html-checker.ts';

const rows = [
  { day: '2026-11-30', start: '07:30', end: '11:00', content: 'Họp Ủy ban nhân dân tỉnh thường kỳ; cho ý kiến về kế hoạch, dự toán năm 2027', chair: 'Chủ tịch UBND tỉnh', participants: 'Các Phó Chủ tịch UBND tỉnh\nGiám đốc các sở', place: 'Phòng họp A', preparedBy: 'Văn phòng UBND tỉnh' },
  { day: '2026-12-01', start: '14:00', content: 'Tiếp công dân định kỳ', chair: 'Phó Chủ tịch UBND tỉnh', place: 'Trụ sở Tiếp công dân tỉnh' },
  { day: '2026-12-03', start: '08:00', end: '10:00', content: 'Làm việc với Sở Xây dựng', place: 'Sở Xây dựng' },
];

forEachEngine('schedule: the week view, changes after publication and the iCalendar feed', (engine) => {
  let t: TestApp;
  let b: Board;
  let other: Board;
  let weekId: number;
  let invitationSlug: string;
  // Every HTML page read here goes through the Nu HTML Checker at the end (once, on the first engine).
  const pages: CheckedPage[] = [];
  const get = async (board: Board, url: string) => {
    const res = await t.app.inject({ url, headers: { host: board.host } });
    if (String(res.headers['content-type'] ?? '').startsWith('text/html')) pages.push({ label: `${board.host} GET ${url} (${res.statusCode}) #${pages.length}`, html: res.body });
    return res;
  };

  before(async () => {
    t = await buildTestApp(engine, { clock: new TestClock(new Date('2026-12-02T02:00:00Z')) });
    b = await makeBoard(t, 'lichtuan');
    other = await makeBoard(t, 'lichkhac');
  });
  after(async () => t.close());

  test('the rules name the row in Vietnamese', () => {
    const problems = scheduleWeek.rules!({ title: '', today: '2026-12-02', complete: false, values: { week: '2026-11-30', rows: [rows[0], { ...rows[1], day: '2026-12-08' }, { ...rows[2], end: '07:00' }] } });
    assert.deepEqual(problems.map((p) => [p.code, p.field]), [['row_outside_week', 'f.rows.1.day'], ['row_end_before_start', 'f.rows.2.end']]);
    assert.equal(problems[0]!.vi, 'Lịch công tác, dòng 2: ngày 08/12/2026 không thuộc tuần từ 30/11/2026 đến 06/12/2026.');
    assert.equal(problems[1]!.vi, 'Lịch công tác, dòng 3: giờ kết thúc (07:00) phải sau giờ bắt đầu (08:00).');
    assert.equal(scheduleWeek.rules!({ title: '', today: '2026-12-02', complete: false, values: { week: '2026-12-01' } })[0]!.code, 'week_not_monday');
    assert.equal(scheduleWeek.titleSuggestion!({ week: '2026-11-30' }), 'Lịch công tác tuần 49 (từ 30/11 đến 06/12/2026)');
  });

  test('a row outside the week or ending before it starts is refused on save; nothing is saved', async () => {
    const count = async () => Number((await t.db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).where('site_id', '=', b.site.id).executeTakeFirstOrThrow()).n);
    const before = await count();
    const outside = await b.as('contributor', 'POST', '/api/v1/articles', entryBody(b, 'schedule_week', { week: '2026-11-30', rows: [rows[0], { ...rows[1], day: '2026-12-08' }] }, { title: 'Lịch tuần 49' }));
    assert.equal(outside.statusCode, 422, outside.body);
    assert.deepEqual((outside.json().error.details as { field: string; code: string }[]).map((d) => [d.field, d.code]), [['f.rows.1.day', 'row_outside_week']]);
    const reversed = await b.as('contributor', 'POST', '/api/v1/articles', entryBody(b, 'schedule_week', { week: '2026-11-30', rows: [{ ...rows[0], end: '07:00' }] }, { title: 'Lịch tuần 49' }));
    assert.equal(reversed.statusCode, 422, reversed.body);
    assert.deepEqual((reversed.json().error.details as { field: string; code: string }[]).map((d) => [d.field, d.code]), [['f.rows.0.end', 'row_end_before_start']]);
    assert.equal(await count(), before);
  });

  test('a published week is shown day by day, with its invitation on its row', async () => {
    ({ id: weekId } = await publishEntry(b, 'schedule_week', { week: '2026-11-30', leadership: 'Lãnh đạo UBND tỉnh', rows }, { title: 'Lịch công tác tuần 49 (từ 30/11 đến 06/12/2026)' }));
    ({ slug: invitationSlug } = await publishEntry(b, 'invitation', { number: '215/GM-UBND', issuedOn: '2026-11-27', meetingAt: '2026-11-30T07:30:00+07:00', place: 'Phòng họp A', chair: 'Chủ tịch UBND tỉnh', scheduleWeek: [weekId] }, { title: 'Mời dự họp Ủy ban nhân dân tỉnh thường kỳ' }));

    const current = await get(b, '/lich-cong-tac/tuan');
    assert.equal(current.statusCode, 302);
    assert.equal(current.headers.location, '/lich-cong-tac/tuan/2026-W49');

    const page = await get(b, '/lich-cong-tac/tuan/2026-W49');
    assert.equal(page.statusCode, 200, page.body);
    for (const text of ['Lịch công tác tuần 49 (từ 30/11 đến 06/12/2026)', 'Lãnh đạo UBND tỉnh', 'Thứ Hai, 30/11/2026', 'Chủ Nhật, 06/12/2026', '07:30 – 11:00', 'Tiếp công dân định kỳ', 'Giấy mời số 215/GM-UBND', `href="/giay-moi/${invitationSlug}"`, 'href="/lich-cong-tac/tuan/2026-W48"', 'href="/lich-cong-tac/tuan/2026-W50"', 'href="/lich-cong-tac/lich.ics"']) {
      assert.ok(page.body.includes(text), `the week shows ${text}`);
    }
    assert.doesNotMatch(page.body, /Điều chỉnh lúc/);
    const print = await get(b, '/lich-cong-tac/tuan/2026-W49?in=1');
    assert.equal(print.statusCode, 200);
    assert.match(print.body, /class="print-view"/);
    assert.doesNotMatch(print.body, /class="nav-bar"/);
    assert.ok(print.body.includes(b.site.agencyName), 'the print header names the agency');

    const empty = await get(b, '/lich-cong-tac/tuan/2026-W51');
    assert.equal(empty.statusCode, 200);
    assert.match(empty.body, /Chưa có lịch công tác nào được đăng cho tuần này/);
    assert.equal((await get(b, '/lich-cong-tac/tuan/2026-W54')).statusCode, 404);
    assert.equal((await get(b, '/lich-cong-tac/tuan/tuan-nay')).statusCode, 404);
  });

  test('the week shows the citizen reception sessions that fall in it; text is escaped', async () => {
    await publishEntry(b, 'reception_schedule', { period: { from: '2026-12-01', to: '2026-12-31' }, place: 'Trụ sở Tiếp công dân tỉnh', rows: [{ day: '2026-12-04', start: '08:00', end: '11:00', leader: 'Phó Chủ tịch UBND tỉnh', content: 'Tiếp công dân định kỳ tháng 12' }, { day: '2026-12-15', start: '08:00', leader: 'Chủ tịch UBND tỉnh' }] }, { title: 'Lịch tiếp công dân tháng 12/2026', summary: 'Lịch tiếp công dân của lãnh đạo UBND tỉnh.' });
    const page = await get(b, '/lich-cong-tac/tuan/2026-W49');
    assert.ok(page.body.includes('Lịch tiếp công dân trong tuần'));
    assert.ok(page.body.includes('<th scope="row">Thứ Sáu, 04/12/2026</th><td data-label="Thời gian">08:00 – 11:00</td><td data-label="Lãnh đạo tiếp">Phó Chủ tịch UBND tỉnh</td><td data-label="Địa điểm">Trụ sở Tiếp công dân tỉnh</td>'), 'the session with the schedule’s place');
    assert.doesNotMatch(page.body, /15\/12\/2026/, 'a session of another week is not shown');

    await publishEntry(b, 'schedule_week', { week: '2026-12-07', leadership: '<script>alert(1)</script>', rows: [{ day: '2026-12-07', start: '08:00', content: 'Họp "<img src=x onerror=alert(1)>"', place: '<b>Phòng</b>' }] }, { title: 'Lịch công tác tuần 50' });
    const hostile = await get(b, '/lich-cong-tac/tuan/2026-W50');
    assert.equal(hostile.statusCode, 200);
    assert.doesNotMatch(hostile.body, /<script>|<img src=x|<b>Phòng/);
    assert.ok(hostile.body.includes('&lt;script>alert(1)&lt;/script>'), 'shown as text');
  });

  test('a correction shows its time and note and marks the rows it added, changed or removed', async () => {
    const current = await b.as('secretariat', 'GET', `/api/v1/articles/${weekId}`);
    const changed = [rows[0], { ...rows[1], place: 'Hội trường UBND tỉnh' }, { day: '2026-12-04', start: '15:00', content: 'Kiểm tra tiến độ dự án đường vành đai' }];
    const patch = await b.as('secretariat', 'PATCH', `/api/v1/articles/${weekId}`, { lockVersion: current.json().lockVersion, entry: { kind: 'schedule_week', values: { week: '2026-11-30', leadership: 'Lãnh đạo UBND tỉnh', rows: changed } } });
    assert.equal(patch.statusCode, 200, patch.body);
    t.clock.set('2026-12-02T09:15:00Z');
    for (const [role, action] of [['secretariat', 'submit'], ['unit_head', 'approve'], ['secretariat', 'approve'], ['deputy', 'approve'], ['editor_in_chief', 'approve'], ['publisher', 'correct']] as const) {
      const res = await b.as(role, 'POST', `/api/v1/articles/${weekId}/actions`, { action, ...(action === 'correct' ? { note: 'Đổi địa điểm tiếp công dân; bỏ lịch sáng thứ Năm; bổ sung lịch chiều thứ Sáu' } : {}) });
      assert.equal(res.statusCode, 200, `${role} ${action}: ${res.body}`);
    }
    const page = await get(b, '/lich-cong-tac/tuan/2026-W49');
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes('Điều chỉnh lúc 16:15 02/12/2026: Đổi địa điểm tiếp công dân; bỏ lịch sáng thứ Năm; bổ sung lịch chiều thứ Sáu'), 'the change note with its time in Vietnam');
    assert.equal(page.body.match(/class="row-added"/g)?.length, 1);
    assert.equal(page.body.match(/class="row-changed"/g)?.length, 1);
    assert.match(page.body, /<tr class="row-changed"><th scope="row"><span>14:00<\/span><br\/><span class="change-mark">Đã điều chỉnh<\/span>/);
    assert.match(page.body, /<span>15:00<\/span><br\/><span class="change-mark">Mới bổ sung<\/span>/);
    assert.ok(page.body.includes('<del>03/12 08:00 – 10:00: Làm việc với Sở Xây dựng</del>'), 'the row taken out is listed as removed');
  });

  test('the iCalendar feed parses back: one event per row, Vietnam time, text escaped, sequence bumped', async () => {
    const res = await get(b, '/lich-cong-tac/lich.ics');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/calendar/);
    assert.ok(res.body.replace(/\r\n /g, '').includes('thường kỳ\\; cho ý kiến về kế hoạch\\, dự toán'), 'semicolons and commas are escaped');
    assert.ok(res.body.split('\r\n').every((l) => Buffer.byteLength(l, 'utf8') <= 75), 'lines folded at 75 octets');
    const root = new ICAL.Component(ICAL.parse(res.body));
    for (const tz of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
    const events = root.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    assert.equal(events.length, 4, 'three rows of week 49, one of week 50');
    const first = events.find((e) => e.startDate.toJSDate().toISOString() === '2026-11-30T00:30:00.000Z');
    assert.ok(first, '07:30 on Monday in Vietnam is 00:30 UTC');
    assert.equal(first.summary, rows[0]!.content);
    assert.equal(first.location, 'Phòng họp A');
    assert.equal(first.description, 'Chủ trì: Chủ tịch UBND tỉnh\nThành phần: Các Phó Chủ tịch UBND tỉnh\nGiám đốc các sở\nĐơn vị chuẩn bị: Văn phòng UBND tỉnh');
    assert.equal(first.endDate.toJSDate().toISOString(), '2026-11-30T04:00:00.000Z');
    assert.equal(first.sequence, 1, 'bumped by the correction');
    assert.equal(new Set(events.map((e) => e.uid)).size, 4);
    const reception = events.find((e) => e.summary === 'Tiếp công dân định kỳ');
    assert.equal(reception?.location, 'Hội trường UBND tỉnh');
  });

  test('another site’s week is not shown, and its feed is empty', async () => {
    const page = await get(other, '/lich-cong-tac/tuan/2026-W49');
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /Tiếp công dân định kỳ|215\/GM-UBND/);
    const ics = await get(other, '/lich-cong-tac/lich.ics');
    assert.equal(ics.statusCode, 200);
    assert.doesNotMatch(ics.body, /BEGIN:VEVENT/);
  });

  test('a site that turned the kind off answers 404', async () => {
    const row = await t.db.selectFrom('sites').select('settings').where('id', '=', b.site.id).executeTakeFirstOrThrow();
    const settings = JSON.parse(row.settings) as Record<string, unknown>;
    await t.db.updateTable('sites').set({ settings: JSON.stringify({ ...settings, entryKinds: { schedule_week: { enabled: false } } }) }).where('id', '=', b.site.id).execute();
    t.refreshSites();
    for (const url of ['/lich-cong-tac/tuan/2026-W49', '/lich-cong-tac/tuan', '/lich-cong-tac/lich.ics']) assert.equal((await get(b, url)).statusCode, 404, url);
  });

  test('the week pages are valid HTML (Nu HTML Checker)', { skip: engine.name !== 'sqlite' || (htmlCheckerUnavailable() ?? false) }, async () => {
    assert.ok(pages.length >= 5);
    const errors = await htmlErrors(pages);
    assert.deepEqual(errors.map((e) => `${e.page} line ${e.line}: ${e.message} «${e.extract}»`), []);
  });
});
