// Polls and business promotion in Chromium, on a 320 px phone and on a
// desktop: the poll list, a running poll voted on without JavaScript (a radio
// button in a fieldset, then the thanks and the results), a refused ballot, a
// multiple-choice and a closed poll, the promotion list and page and the home
// page's blocks, with axe-core finding no WCAG 2.1 A/AA violation and nothing
// wider than the screen.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { buildTestApp, TestClock, type TestApp } from '../support/app.ts';
import { browserUnavailable, launchBrowser, listen, publicPageProblems } from '../support/browser.ts';
import { testEngines } from '../support/databases.ts';
import { seedEngagementPages, type EngagementPages } from '../support/engagement-pages.ts';

const skip = browserUnavailable();

const VIEWPORTS = [
  { name: 'phone 320 px', width: 320, height: 640 },
  { name: 'desktop', width: 1280, height: 900 },
];

describe('polls and promotion pages, in Chromium', { skip: skip ?? false }, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let seeded: EngagementPages;

  before(async () => {
    t = await buildTestApp(testEngines()[0]!, { clock: new TestClock(new Date('2026-11-23T02:00:00Z')) });
    seeded = await seedEngagementPages(t, 'binhchone2e');
    base = `http://binhchone2e.localhost:${await listen(t)}`;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  const check = async (page: Page, label: string) => assert.deepEqual(await publicPageProblems(page), [], label);

  for (const viewport of VIEWPORTS) {
    test(`every page, a refused and a counted vote, ${viewport.name}`, async () => {
      const context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height } });
      const page = await context.newPage();
      try {
        for (const [label, url] of Object.entries(seeded.pages)) {
          await page.goto(`${base}${url}`);
          await check(page, `${label} (${viewport.name})`);
        }
        await page.goto(`${base}/binh-chon/${seeded.running}`);
        // Sent at once and without a choice: refused, with the reason linked to the choices.
        await page.getByRole('button', { name: 'Gửi bình chọn' }).click();
        assert.match(await page.locator('.error-summary').innerText(), /gửi quá nhanh|chọn một phương án/);
        await check(page, `refused ballot (${viewport.name})`);
        t.clock.advance(10_000);
        await page.getByRole('group', { name: /dịch vụ công trực tuyến/ }).getByLabel('Hài lòng', { exact: true }).check();
        await page.getByRole('button', { name: 'Gửi bình chọn' }).click();
        await page.waitForURL(/da-binh-chon=1/);
        const main = await page.locator('main').innerText();
        assert.match(main, /phiếu bình chọn đã được ghi nhận/);
        assert.match(main, /Hài lòng\s+100%\s+\(\d phiếu\)/, "each browser's ballot counted once");
        await check(page, `thanks and results (${viewport.name})`);
      } finally {
        await context.close();
      }
    });
  }
});
