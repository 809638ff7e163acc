// The board's reports in a real browser, on the demo: the list shows last
// month's draft and the month before's approved report; a report with its SVG
// charts and tables passes axe-core and fits a 320 px phone; the head approves
// the draft with the form; the site's Content Security Policy blocks nothing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { loadDemo } from '../../src/modules/demo/load-demo.ts';
import { buildTestApp, TestClock, type TestApp } from '../support/app.ts';
import { browserSession, browserUnavailable, expectAxeClean, launchBrowser, listen } from '../support/browser.ts';
import { testEngines } from '../support/databases.ts';

const skip = browserUnavailable();
const PASSWORD = 'Demo-Báo-cáo-2026';
type Doc = { documentElement: { scrollWidth: number; clientWidth: number } };

describe('reports in Chromium', { skip: skip ?? false }, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;

  before(async () => {
    // Sunday 6 Dec 2026: November's report is a draft, October's is approved.
    t = await buildTestApp(testEngines()[0]!, { clock: new TestClock(new Date('2026-12-06T03:00:00Z')) });
    await loadDemo(t.db, { password: PASSWORD, clock: t.clock });
    t.refreshSites();
    base = `http://nhuxuan.localhost:${await listen(t)}`;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  test('the list, a report at 320 and 1280 px, and approval with the form', async () => {
    const session = browserSession(browser, base, 'nhuxuan', PASSWORD);
    try {
      const page = await session.signIn('truongban');
      await page.getByRole('link', { name: 'Báo cáo', exact: true }).click();
      const list = await page.locator('main').innerText();
      assert.match(list, /10\/BC-BBT/);
      assert.match(list, /11\/BC-BBT/);
      assert.match(list, /Đã phê duyệt/);
      assert.match(list, /Dự thảo/);
      await expectAxeClean(page, 'reports list');
      for (const width of [320, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto(`${base}/admin/reports/monthly/2026-10`);
        assert.match(await page.locator('h1').innerText(), /^Báo cáo tháng 10 năm 2026$/);
        assert.ok((await page.locator('svg[role="img"]').count()) > 0, 'charts drawn on the server');
        const overflow = await page.evaluate(() => (globalThis as unknown as { document: Doc }).document.documentElement.scrollWidth - (globalThis as unknown as { document: Doc }).document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `${width}px: ${overflow}px wider than the screen`);
        await expectAxeClean(page, `October report at ${width}px`);
      }
      await page.goto(`${base}/admin/reports/monthly/2026-11`);
      await page.getByRole('button', { name: 'Phê duyệt và chốt số liệu' }).click();
      await page.waitForURL(/phien-ban=1$/);
      assert.match(await page.locator('main').innerText(), /Đã phê duyệt báo cáo; số liệu đã được chốt\./);
      await expectAxeClean(page, 'approved November report');
    } finally {
      await session.close();
    }
  });
});
