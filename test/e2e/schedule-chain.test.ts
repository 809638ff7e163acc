// The weekly work schedule from the back office to the citizen's calendar, in
// Chromium on the provincial office's demo site (002): a contributor drafts a
// week with two rows through the generated form, then an invitation linked to
// the week; both go through the site's chain (unit head, board member,
// publisher) on the review pages; a citizen opens the week, its print version
// and the invitation, and the iCalendar feed is read back with ical.js.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, test } from 'node:test';
import ICAL from 'ical.js';
import type { Browser, Page } from 'playwright-core';
import { loadDemo } from '../../src/modules/demo/load-demo.ts';
import { addDays, vietnamDate } from '../../src/core/time.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { browserSession, browserUnavailable, expectAxeClean, launchBrowser, listen, type BrowserSession } from '../support/browser.ts';
import { testEngines } from '../support/databases.ts';

const skip = browserUnavailable();

/** A real HTTP GET to the loopback server with the site's Host header (Node cannot resolve *.localhost names). */
function httpGet(url: URL): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: url.port, path: url.pathname, headers: { host: url.host } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}
const PASSWORD = 'Demo-Kiểm-thử-2026';
const SITE = 'vpubnd-kontum';

/** The Monday four weeks after the demo's today (no demo week there), as yyyy-mm-dd. */
function mondayAhead(today: string): string {
  const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(today, 28 - weekday);
}

describe('a week of the work schedule, drafted, reviewed, published, printed and read as a calendar', { skip: skip ?? false }, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let session: BrowserSession;

  before(async () => {
    t = await buildTestApp(testEngines()[0]!);
    await loadDemo(t.db, { password: PASSWORD, clock: t.clock });
    t.refreshSites();
    base = `http://${SITE}.localhost:${await listen(t)}`;
    browser = await launchBrowser();
    session = browserSession(browser, base, SITE, PASSWORD);
  });
  after(async () => {
    await session?.close();
    await browser?.close();
    await t?.close();
  });

  /** Takes the item on its review page through every step and publication, each person signing in. */
  async function throughChain(id: number): Promise<void> {
    for (const slug of ['lanhdao', 'thanhvien']) {
      const reviewer = await session.signIn(slug);
      await reviewer.goto(`${base}/admin/articles/${id}/review`);
      await reviewer.getByRole('button', { name: 'Duyệt', exact: true }).click();
      await reviewer.waitForSelector('.flash-success');
    }
    const publisher = await session.signIn('kythuat');
    await publisher.goto(`${base}/admin/articles/${id}/review`);
    await expectAxeClean(publisher, 'review page of an entry');
    await publisher.getByRole('button', { name: 'Xuất bản', exact: true }).click();
    await publisher.waitForSelector('.flash-success');
    assert.match(await publisher.locator('.status-line').first().innerText(), /^Đã đăng/);
  }

  const idOf = (page: Page) => Number(/\/admin\/articles\/(\d+)/.exec(page.url())?.[1]);

  test('contributor → unit head → board member → publisher → citizen, print and iCalendar', async () => {
    const monday = mondayAhead(vietnamDate(t.clock.now()));
    const tuesday = addDays(monday, 1);
    const contributor = await session.signIn('congtacvien');

    // 1. The week, through the form generated from its declaration.
    await contributor.goto(`${base}/admin/entries/schedule_week`);
    await contributor.getByRole('link', { name: /Thêm mới/ }).first().click();
    await contributor.locator('#title').fill('Lịch công tác tuần của lãnh đạo UBND tỉnh (thử)');
    await contributor.locator('[id="f.week"]').fill(monday);
    await contributor.locator('[id="f.leadership"]').fill('Lãnh đạo UBND tỉnh');
    const row = (i: number, key: string) => contributor.locator(`[id="f.rows.${i}.${key}"]`);
    await row(0, 'day').fill(monday);
    await row(0, 'start').fill('07:30');
    await row(0, 'end').fill('11:00');
    await row(0, 'content').fill('Họp giao ban Thường trực UBND tỉnh; "đánh giá" tình hình tháng, phương hướng; kế hoạch');
    await row(0, 'chair').fill('Chủ tịch UBND tỉnh');
    await row(0, 'place').fill('Phòng họp số 1, UBND tỉnh');
    await row(1, 'day').fill(tuesday);
    await row(1, 'start').fill('14:00');
    await row(1, 'content').fill('Làm việc với Sở Xây dựng về quy hoạch đô thị');
    await row(1, 'place').fill('Sở Xây dựng');
    await contributor.getByRole('button', { name: 'Lưu', exact: true }).click();
    await contributor.waitForSelector('.flash-success');
    const weekId = idOf(contributor);
    assert.ok(weekId > 0, contributor.url());
    await expectAxeClean(contributor, 'entry editor with rows');
    await contributor.screenshot({ path: '/tmp/trangtin-schedule-editor.png', fullPage: true });
    await contributor.getByRole('button', { name: 'Gửi duyệt', exact: true }).click();
    await contributor.waitForSelector('.flash-success');

    // 2. The invitation, linked to the week.
    await contributor.goto(`${base}/admin/entries/invitation`);
    await contributor.getByRole('link', { name: /Thêm mới/ }).first().click();
    await contributor.locator('#title').fill('Giấy mời họp giao ban Thường trực UBND tỉnh (thử)');
    await contributor.locator('[id="f.number"]').fill('999/GM-UBND');
    await contributor.locator('[id="f.meetingAt"]').fill(`${monday}T07:30`);
    await contributor.locator('[id="f.place"]').fill('Phòng họp số 1, UBND tỉnh');
    await contributor.getByLabel('Lịch công tác tuần của lãnh đạo UBND tỉnh (thử)').check();
    await contributor.getByRole('button', { name: 'Lưu và gửi duyệt' }).click();
    await contributor.waitForSelector('.flash-success');
    const invitationId = idOf(contributor);

    await throughChain(weekId);
    await throughChain(invitationId);

    // 3. A citizen opens the week, follows the invitation, prints the week.
    const citizen = await session.newPage(320);
    const isoWeek = await t.db.selectFrom('articles').select('slug').where('id', '=', weekId).executeTakeFirstOrThrow();
    await citizen.goto(`${base}/lich-cong-tac`);
    await citizen.getByRole('link', { name: /Lịch công tác tuần của lãnh đạo UBND tỉnh \(thử\)/ }).first().click();
    await citizen.waitForURL(new RegExp(`/lich-cong-tac/${isoWeek.slug}$`));
    await expectAxeClean(citizen, 'schedule week entry page at 320 px');
    const weekView = citizen.getByRole('link', { name: /Xem theo tuần|Xem lịch tuần|tuần/i }).first();
    await weekView.click();
    await citizen.waitForURL(/\/lich-cong-tac\/tuan\/\d{4}-W\d{2}/);
    const weekText = await citizen.locator('main').innerText();
    assert.match(weekText, /Họp giao ban Thường trực UBND tỉnh/);
    assert.match(weekText, /Làm việc với Sở Xây dựng/);
    await expectAxeClean(citizen, 'week view at 320 px');
    await citizen.getByRole('link', { name: 'Giấy mời số 999/GM-UBND' }).click();
    await citizen.waitForURL(/\/giay-moi\//);
    await citizen.goBack();
    await citizen.getByRole('link', { name: 'Bản in' }).click();
    await citizen.waitForURL(/\?in=1$/);
    await citizen.emulateMedia({ media: 'print' });
    const pdf = await citizen.pdf({ format: 'A4' }).catch(() => null);
    if (pdf) assert.ok(pdf.length > 1000, 'the print version renders to a page');
    assert.match(await citizen.locator('main').innerText(), /Họp giao ban Thường trực UBND tỉnh/);

    // 4. The calendar feed, parsed by ical.js: both rows, in Vietnam time, text unescaped.
    const feed = await httpGet(new URL(`${base}/lich-cong-tac/lich.ics`));
    assert.equal(feed.status, 200);
    assert.match(feed.type, /text\/calendar/);
    const calendar = new ICAL.Component(ICAL.parse(feed.body));
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const meeting = events.find((e) => e.summary.startsWith('Họp giao ban Thường trực UBND tỉnh; "đánh giá"'));
    assert.ok(meeting, `the meeting is in the feed (${events.length} events)`);
    assert.equal(meeting.location, 'Phòng họp số 1, UBND tỉnh');
    assert.equal(meeting.startDate.toJSDate().toISOString(), new Date(`${monday}T00:30:00Z`).toISOString(), '07:30 in Vietnam is 00:30 UTC');
    assert.equal(meeting.endDate.toJSDate().toISOString(), new Date(`${monday}T04:00:00Z`).toISOString());
    assert.ok(events.some((e) => e.summary.startsWith('Làm việc với Sở Xây dựng')));
  });
});
