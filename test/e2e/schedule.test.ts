// The week of the work schedule on the provincial office's demo site, in
// Chromium on a 320 px phone and on a desktop: the week, its print version and
// last week, with axe-core finding no WCAG 2.1 A/AA violation, no script and
// no horizontal scrolling; the invitation on its row leads to the invitation.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { loadDemo } from '../../src/modules/demo/load-demo.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { browserUnavailable, launchBrowser, listen, publicPageProblems } from '../support/browser.ts';
import { testEngines } from '../support/databases.ts';

const skip = browserUnavailable();

describe('the week of the work schedule, in Chromium', { skip: skip ?? false }, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;

  before(async () => {
    t = await buildTestApp(testEngines()[0]!);
    await loadDemo(t.db, { password: 'Demo-Kiểm-thử-2026', clock: t.clock });
    t.refreshSites();
    base = `http://vpubnd-kontum.localhost:${await listen(t)}`;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  const check = async (page: Page, label: string) => assert.deepEqual(await publicPageProblems(page), [], label);

  for (const viewport of [{ name: 'phone 320 px', width: 320, height: 640 }, { name: 'desktop', width: 1280, height: 900 }]) {
    test(`this week, its print version, last week, an invitation — ${viewport.name}`, async () => {
      const context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height } });
      const page = await context.newPage();
      try {
        await page.goto(`${base}/lich-cong-tac/tuan`);
        await page.waitForURL(/\/lich-cong-tac\/tuan\/\d{4}-W\d{2}$/);
        assert.match(await page.getByRole('heading', { level: 1 }).innerText(), /^Lịch công tác tuần \d+/);
        assert.ok((await page.getByRole('table').count()) >= 1, 'the week’s table (and the reception sessions’, when the month has one this week)');
        assert.ok((await page.getByRole('rowheader').count()) >= 10);
        await check(page, 'week');

        await page.getByRole('link', { name: 'Bản in' }).click();
        await page.waitForURL(/\?in=1$/);
        assert.equal(await page.locator('.nav-bar').count(), 0, 'no menu on the print version');
        await check(page, 'print');
        await page.goBack();

        await page.getByRole('link', { name: /Tuần trước/ }).click();
        await page.waitForURL(/\/lich-cong-tac\/tuan\/\d{4}-W\d{2}$/);
        await check(page, 'last week');
        await page.getByRole('link', { name: /Tuần sau/ }).click();

        await page.getByRole('link', { name: 'Giấy mời số 215/GM-UBND' }).click();
        await page.waitForURL(/\/giay-moi\//);
      } finally {
        await context.close();
      }
    });
  }
});
