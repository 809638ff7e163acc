// The public pages of a declared section in Chromium, on a 320 px phone and on
// a desktop: the list, its filter form sent without JavaScript, the archive,
// an entry and the home page's block of current announcements, with axe-core
// finding no WCAG 2.1 A/AA violation and nothing wider than the screen.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { buildTestApp, TestClock, type TestApp } from '../support/app.ts';
import { axeViolations, browserUnavailable, launchBrowser, listen } from '../support/browser.ts';
import { testEngines } from '../support/databases.ts';
import { seedEntryPages, type EntryPages } from '../support/entry-pages.ts';

const skip = browserUnavailable();

const VIEWPORTS = [
  { name: 'phone 320 px', width: 320, height: 640 },
  { name: 'desktop', width: 1280, height: 900 },
];

describe('public pages of a declared section, in Chromium', { skip: skip ?? false }, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let seeded: EntryPages;

  before(async () => {
    t = await buildTestApp(testEngines()[0]!, { clock: new TestClock(new Date('2026-11-23T02:00:00Z')) });
    seeded = await seedEntryPages(t, 'thongbaoe2e');
    base = `http://thongbaoe2e.localhost:${await listen(t)}`;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  async function checkPage(page: Page, label: string): Promise<void> {
    assert.equal(await page.locator('script').count(), 0, `${label}: no script`);
    assert.deepEqual(await axeViolations(page), [], `${label}: axe-core`);
    const overflow = await page.evaluate(() => {
      const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
      return root.scrollWidth - root.clientWidth;
    });
    assert.ok(overflow <= 0, `${label}: no horizontal scrolling (${overflow}px too wide)`);
  }

  for (const viewport of VIEWPORTS) {
    test(`list → filter → entry → archive → home, ${viewport.name}`, async () => {
      const context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height } });
      const page = await context.newPage();
      try {
        for (const [label, url] of Object.entries(seeded.pages)) {
          await page.goto(`${base}${url}`);
          await checkPage(page, `${label} (${viewport.name})`);
        }
        // The filter form works without JavaScript.
        await page.goto(`${base}/thong-bao`);
        await page.getByLabel('Loại thông báo').selectOption('recruitment');
        await page.getByRole('button', { name: 'Lọc', exact: true }).click();
        await page.waitForURL(/category=recruitment/);
        assert.match(await page.locator('main').innerText(), /Tìm thấy 1 mục/);
        await page.getByRole('link', { name: 'Thông báo tuyển dụng viên chức năm 2026' }).click();
        await page.waitForURL(/\/thong-bao\/thong-bao-tuyen-dung/);
        assert.match(await page.locator('main').innerText(), /Loại thông báo\s+Tuyển dụng/);
        await checkPage(page, `entry after filtering (${viewport.name})`);
      } finally {
        await context.close();
      }
    });
  }
});
