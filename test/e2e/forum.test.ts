// The forum on the Department of Construction's demo site (sxd-kontum), in
// Chromium: a citizen on a phone (320 px) posts a new topic, first empty (the
// errors), then filled; it waits for moderation; the secretariat approves it
// in the queue, and it shows on the public pages. axe-core (WCAG 2.1 A/AA),
// no script and no horizontal scrolling on every forum page at 320 px and at
// desktop width.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { loadDemo } from '../../src/modules/demo/load-demo.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { browserSession, browserUnavailable, expectAxeClean, launchBrowser, listen, publicPageProblems, type BrowserSession } from '../support/browser.ts';
import { testEngines } from '../support/databases.ts';

const skip = browserUnavailable();
const PASSWORD = 'Demo-Kiểm-thử-2026';
const TITLE = 'Cấp phép xây dựng nhà ở tại xã Đăk Cấm mất bao lâu?';

describe('the forum on the Sở Xây dựng Kon Tum demo site, in Chromium', { skip: skip ?? false }, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let session: BrowserSession;

  before(async () => {
    t = await buildTestApp(testEngines()[0]!);
    await loadDemo(t.db, { password: PASSWORD, clock: t.clock });
    t.refreshSites();
    base = `http://sxd-kontum.localhost:${await listen(t)}`;
    browser = await launchBrowser();
    session = browserSession(browser, base, 'sxd-kontum', PASSWORD);
  });
  after(async () => {
    await session?.close();
    await browser?.close();
    await t?.close();
  });

  test('a citizen posts a topic; the moderator approves it; it shows publicly', async () => {
    const citizen = await session.newPage(320);
    await citizen.goto(`${base}/`);
    await citizen.locator('details.menu summary').click();
    await Promise.all([citizen.waitForURL('**/dien-dan'), citizen.getByRole('link', { name: 'Diễn đàn', exact: true }).click()]);
    assert.deepEqual(await publicPageProblems(citizen), [], 'forum index at 320 px');
    await Promise.all([citizen.waitForURL('**/dien-dan/gui-bai'), citizen.getByRole('link', { name: 'Gửi bài mới' }).click()]);
    assert.deepEqual(await publicPageProblems(citizen), [], 'new topic form at 320 px');
    t.clock.advance(5_000);
    await citizen.locator('main form button[type="submit"]').click();
    await citizen.waitForSelector('.error-summary');
    await expectAxeClean(citizen, 'new topic form with errors');
    await citizen.locator('#category').selectOption({ label: 'Cấp phép xây dựng' });
    await citizen.fill('#title', TITLE);
    await citizen.fill('#body', 'Gia đình tôi ở xã Đăk Cấm muốn xây nhà cấp 4.\nXin hỏi thời gian cấp giấy phép là bao lâu?');
    await citizen.fill('#name', 'Y Mai');
    await citizen.fill('#contact', 'y.mai@example.vn');
    t.clock.advance(5_000);
    await citizen.locator('main form button[type="submit"]').click();
    await citizen.waitForSelector('.notice-ok');
    assert.match(await citizen.locator('main').innerText(), /chờ Tổ biên tập kiểm duyệt/);
    await expectAxeClean(citizen, 'topic sent');
    await citizen.goto(`${base}/dien-dan/cap-phep-xay-dung`);
    assert.doesNotMatch(await citizen.locator('main').innerText(), /Đăk Cấm/, 'not public before approval');

    const moderator = await session.signIn('thuongtruc');
    await moderator.goto(`${base}/admin/forum`);
    const card = moderator.locator('article.forum-admin-post', { hasText: TITLE });
    assert.match(await card.innerText(), /y\.mai@example\.vn/, 'the board sees the contact');
    await Promise.all([moderator.waitForURL('**/admin/forum**'), card.getByRole('button', { name: 'Duyệt, đăng' }).click()]);
    assert.match(await moderator.locator('main').innerText(), /Đã duyệt và đăng/);

    await citizen.goto(`${base}/dien-dan/cap-phep-xay-dung`);
    await Promise.all([citizen.waitForURL('**/dien-dan/chu-de/**'), citizen.getByRole('link', { name: TITLE }).click()]);
    const text = await citizen.locator('main').innerText();
    assert.match(text, /thời gian cấp giấy phép là bao lâu/);
    assert.doesNotMatch(text, /y\.mai@example\.vn/);
    assert.deepEqual(await publicPageProblems(citizen), [], 'the new topic at 320 px');
  });

  test('every forum page is axe-clean, without script or sideways scrolling, at 320 px and desktop width', async () => {
    for (const width of [320, 1280]) {
      const page = await session.newPage(width);
      for (const path of ['/dien-dan', '/dien-dan/cap-phep-xay-dung', '/dien-dan/quy-hoach-kien-truc-do-thi', '/dien-dan/gui-bai']) {
        const response = await page.goto(`${base}${path}`);
        assert.equal(response?.status(), 200, path);
        assert.deepEqual(await publicPageProblems(page), [], `${path} at ${width}`);
      }
      // A topic with a removed post and the board's answer, and the report form of one of its posts.
      await page.goto(`${base}/dien-dan/quy-hoach-kien-truc-do-thi`);
      await Promise.all([page.waitForURL('**/dien-dan/chu-de/**'), page.getByRole('link', { name: /Đăk Bla/ }).click()]);
      assert.match(await page.locator('main').innerText(), /Nội dung đã bị Tổ biên tập gỡ bỏ ngày .*Lý do: Quảng cáo/);
      assert.deepEqual(await publicPageProblems(page), [], `topic at ${width}`);
      await Promise.all([page.waitForURL('**/dien-dan/bao-vi-pham/**'), page.getByRole('link', { name: 'Báo vi phạm' }).first().click()]);
      assert.deepEqual(await publicPageProblems(page), [], `report form at ${width}`);
    }
  });
});
