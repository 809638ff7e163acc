// A citizen on the Kon Rẫy demo site in Chromium, on a 320 px phone and on a
// desktop: home → section → article → search → the English page, with
// axe-core finding no WCAG 2.1 A/AA violation on any of them. The public site
// sends no script at all, so everything here also works without JavaScript.
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

describe('public site of the Kon Rẫy demo, in Chromium', { skip: skip ?? false }, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;

  before(async () => {
    t = await buildTestApp(testEngines()[0]!);
    await loadDemo(t.db, { password: 'Demo-Kiểm-thử-2026' });
    t.refreshSites();
    base = `http://konray.localhost:${await listen(t)}`;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  /** No script of the site's own, no WCAG violation, no horizontal scrolling at this width (axe is injected with the CSP bypassed). */
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
    test(`home → section → article → search → English, ${viewport.name}`, async () => {
      const context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height } });
      const page = await context.newPage();
      try {
        await page.goto(`${base}/`);
        await assert.doesNotReject(page.getByRole('heading', { level: 1 }).first().waitFor());
        assert.match(await page.locator('header').innerText(), /Ủy ban nhân dân huyện Kon Rẫy/i);
        await checkPage(page, 'home');

        // The skip link is the first stop of the keyboard and leads to the content.
        await page.keyboard.press('Tab');
        assert.equal(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { className: string } } }).document.activeElement.className), 'skip-link');

        // On a phone the menu is folded under "Danh mục" (a <details>); on a desktop it is a bar.
        if (viewport.width < 768) await page.getByText('Danh mục', { exact: true }).click();
        await page.getByRole('navigation', { name: 'Chuyên mục chính' }).getByRole('link', { name: 'Tin tức, sự kiện' }).click();
        await page.waitForURL(/\/chuyen-muc\/tin-tuc-su-kien$/);
        assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Tin tức, sự kiện');
        await checkPage(page, 'section');

        await page.getByRole('link', { name: /^Ban hành quy chế hoạt động/ }).first().click();
        await page.waitForURL(/\/bai-viet\//);
        assert.match(await page.getByRole('heading', { level: 1 }).innerText(), /^Ban hành quy chế hoạt động của Trang thông tin điện tử huyện Kon Rẫy/);
        await checkPage(page, 'article');

        await page.getByRole('searchbox', { name: 'Tìm trên trang' }).fill('huong dan tim kiem');
        await page.getByRole('searchbox', { name: 'Tìm trên trang' }).press('Enter');
        await page.waitForURL(/\/tim-kiem\?/);
        assert.match(await page.locator('main').innerText(), /Hướng dẫn tìm kiếm và theo dõi tin bài trên trang/);
        assert.ok((await page.locator('main mark').count()) > 0, 'the words found are highlighted');
        await checkPage(page, 'search');

        await page.goto(`${base}/`);
        await page.getByRole('link', { name: /Ban hành quy chế hoạt động/ }).first().click();
        await page.waitForURL(/\/bai-viet\//);
        await page.getByRole('link', { name: 'English' }).click();
        await page.waitForURL(/\/bai-viet\/operating-rules/);
        assert.equal(await page.locator('html').getAttribute('lang'), 'en');
        assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Operating rules of the e-information page issued');
        await checkPage(page, 'English article');

        if (viewport.width < 768) await page.getByText('Menu', { exact: true }).click();
        await page.getByRole('link', { name: 'Home', exact: true }).first().click();
        await page.waitForURL(/\/en$/);
        await checkPage(page, 'English home');
      } finally {
        await context.close();
      }
    });
  }

  test('larger text stays usable: the size control, and 200 % zoom without loss of content', async () => {
    const context = await browser.newContext({ viewport: { width: 640, height: 800 } });
    const page = await context.newPage();
    try {
      await page.goto(`${base}/`);
      await page.getByRole('link', { name: /Chữ lớn/ }).click();
      assert.match((await page.locator('html').getAttribute('class')) ?? '', /size-lon/);
      // 200 % zoom of a 1280 px window is a 640 px layout with text twice the size.
      await page.evaluate(() => {
        (globalThis as unknown as { document: { documentElement: { style: { fontSize: string } } } }).document.documentElement.style.fontSize = '200%';
      });
      await checkPage(page, 'home at 200 %');
      assert.ok(await page.getByRole('searchbox', { name: 'Tìm trên trang' }).isVisible());
    } finally {
      await context.close();
    }
  });
});
