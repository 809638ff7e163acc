// A citizen on the Như Xuân demo site in Chromium, on a 320 px phone and on a
// desktop: the organisation chart, then the directory, searched without
// diacritics, with axe-core finding no WCAG 2.1 A/AA violation, no script and
// no horizontal scrolling on any of them.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { loadDemo } from '../../src/modules/demo/load-demo.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { axeViolations, browserUnavailable, launchBrowser, listen } from '../support/browser.ts';
import { testEngines } from '../support/databases.ts';

const skip = browserUnavailable();

const VIEWPORTS = [
  { name: 'phone 320 px', width: 320, height: 640 },
  { name: 'desktop', width: 1280, height: 900 },
];

describe('organisation chart and directory of the Như Xuân demo, in Chromium', { skip: skip ?? false }, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;

  before(async () => {
    t = await buildTestApp(testEngines()[0]!);
    await loadDemo(t.db, { password: 'Demo-Kiểm-thử-2026' });
    t.refreshSites();
    base = `http://nhuxuan.localhost:${await listen(t)}`;
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
    test(`chart → directory → search "tai chinh", ${viewport.name}`, async () => {
      const context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height } });
      const page = await context.newPage();
      try {
        await page.goto(`${base}/co-cau-to-chuc`);
        assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Cơ cấu tổ chức');
        assert.ok(await page.getByRole('heading', { name: 'Phòng Tài chính - Kế hoạch' }).isVisible());
        await checkPage(page, 'chart');

        await page.getByRole('link', { name: 'Danh bạ điện thoại, thư điện tử' }).click();
        await page.waitForURL(/\/danh-ba$/);
        assert.match(await page.locator('main').innerText(), /Đầu mối tiếp nhận yêu cầu cung cấp thông tin\s+Theo Luật[\s\S]*Trần Thị Thu Hà/);
        await checkPage(page, 'directory');

        await page.getByRole('searchbox', { name: 'Tìm theo họ tên, chức vụ, đơn vị' }).fill('tai chinh');
        await page.getByRole('button', { name: 'Tìm', exact: true }).click();
        await page.waitForURL(/\/danh-ba\?q=tai\+chinh$/);
        const main = await page.locator('main').innerText();
        assert.match(main, /Phòng Tài chính - Kế hoạch/);
        assert.match(main, /Vi Văn Sơn/);
        assert.doesNotMatch(main, /Ngân Thị Thảo/);
        await checkPage(page, 'directory search');
      } finally {
        await context.close();
      }
    });
  }
});
