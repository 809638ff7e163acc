// The demo portals on a 320 × 800 phone and a desktop, in Chromium: the header with its
// menu closed takes a fifth of the screen, the menu opens with JavaScript turned off, the
// first search result is on the first screen, nothing scrolls sideways on the home,
// article, search, document and form pages, a refused form opens on its error summary,
// axe-core finds nothing, and a browser that asks to save data loads no font.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { loadDemo } from '../../src/modules/demo/load-demo.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { axeViolations, browserUnavailable, launchBrowser, listen } from '../support/browser.ts';
import { testEngines } from '../support/databases.ts';

const skip = browserUnavailable();
const PHONE = { width: 320, height: 800 };
const DESKTOP = { width: 1280, height: 900 };

// Code passed to page.evaluate runs in the browser; the server's type-check has no DOM library.
type Box = { top: number; bottom: number; height: number };
type Doc = { documentElement: { scrollWidth: number; clientWidth: number }; activeElement: { className: string } | null; querySelector(s: string): { getBoundingClientRect(): Box } | null };

describe('the demo portals on a phone and a desktop, in Chromium', { skip: skip ?? false }, () => {
  let t: TestApp;
  let browser: Browser;
  let port: number;
  const contexts: BrowserContext[] = [];

  before(async () => {
    t = await buildTestApp(testEngines()[0]!);
    await loadDemo(t.db, { password: 'Demo-Cổng-thông-tin-2026', files: t.deps.files });
    t.refreshSites();
    port = await listen(t);
    browser = await launchBrowser();
  });
  after(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await t?.close();
  });

  const base = (site: string) => `http://${site}.localhost:${port}`;
  async function open(viewport: { width: number; height: number }, opts: { javaScriptEnabled?: boolean; saveData?: boolean } = {}): Promise<Page> {
    const context = await browser.newContext({ viewport, javaScriptEnabled: opts.javaScriptEnabled ?? true, ...(opts.saveData ? { extraHTTPHeaders: { 'Save-Data': 'on' } } : {}) });
    contexts.push(context);
    return context.newPage();
  }

  /** Nothing wider than the screen, and no WCAG 2.1 A/AA violation. */
  async function checkPage(page: Page, label: string): Promise<void> {
    const overflow = await page.evaluate(() => (globalThis as unknown as { document: Doc }).document.documentElement.scrollWidth - (globalThis as unknown as { document: Doc }).document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${label}: ${overflow}px wider than the screen`);
    assert.deepEqual(await axeViolations(page), [], `${label}: axe-core`);
  }

  test('on a 320 px phone the header takes a fifth of the screen and the menu opens without JavaScript', async () => {
    const page = await open(PHONE, { javaScriptEnabled: false });
    await page.goto(`${base('konray')}/`);
    const header = await page.evaluate(() => (globalThis as unknown as { document: Doc }).document.querySelector('header')!.getBoundingClientRect().height);
    assert.ok(header < PHONE.height / 4, `the header with the menu closed is ${header}px of ${PHONE.height}px`);
    const nav = page.getByRole('navigation', { name: 'Chuyên mục chính' });
    assert.equal(await nav.isVisible(), false, 'the menu starts closed');
    await page.getByText('Danh mục', { exact: true }).click();
    assert.equal(await nav.isVisible(), true, 'the menu opens with JavaScript turned off');
    await nav.getByRole('link', { name: 'Tin tức, sự kiện' }).click();
    await page.waitForURL(/\/chuyen-muc\/tin-tuc-su-kien$/);
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Tin tức, sự kiện');
  });

  test('the first search result is on the first screen of a phone; the filters are one tap away', async () => {
    const page = await open(PHONE);
    await page.goto(`${base('nhuxuan')}/tim-kiem?q=huong+dan+tim+kiem`);
    const first = await page.evaluate(() => (globalThis as unknown as { document: Doc }).document.querySelector('ol.items li')!.getBoundingClientRect());
    assert.ok(first.top < PHONE.height - 80, `the first result starts at ${first.top}px`);
    const section = page.getByLabel('Chuyên mục', { exact: true });
    assert.equal(await section.isVisible(), false, 'the filters are folded away');
    await page.getByText('Lọc kết quả').click();
    assert.equal(await section.isVisible(), true);
    // On a desktop they stand open beside the results.
    const wide = await open(DESKTOP);
    await wide.goto(`${base('nhuxuan')}/tim-kiem?q=huong+dan+tim+kiem`);
    assert.equal(await wide.getByLabel('Chuyên mục', { exact: true }).isVisible(), true);
  });

  test('a refused form opens on its error summary, and its links lead to the fields', async () => {
    const page = await open(PHONE);
    await page.goto(`${base('nhuxuan')}/lien-he`);
    await page.waitForTimeout(3200); // the form's time trap: people take a few seconds
    await page.getByRole('button', { name: 'Gửi' }).click();
    await page.waitForLoadState();
    assert.equal(await page.evaluate(() => (globalThis as unknown as { document: Doc }).document.activeElement?.className ?? ''), 'error-summary', 'the focus is on the summary');
    const box = await page.evaluate(() => (globalThis as unknown as { document: Doc }).document.querySelector('.error-summary')!.getBoundingClientRect());
    assert.ok(box.top >= 0 && box.top < PHONE.height, 'the summary is on screen');
    await page.locator('.error-summary a').first().click();
    assert.match(page.url(), /#name$/);
    await checkPage(page, 'refused contact form');
  });

  for (const viewport of [PHONE, DESKTOP]) {
    test(`home, article, search, document with relations and forms: nothing wider than ${viewport.width} px, axe-core clean`, async () => {
      const page = await open(viewport);
      await page.goto(`${base('konray')}/`);
      await checkPage(page, 'home');
      await page.locator('.lead-story h3 a').click();
      await page.waitForURL(/\/bai-viet\//);
      await checkPage(page, 'article');
      await page.goto(`${base('konray')}/tim-kiem?q=quy+che`);
      await checkPage(page, 'search');
      await page.goto(`${base('konray')}/van-ban`);
      await page.getByRole('link', { name: /trên môi trường mạng/ }).first().click();
      await page.waitForURL(/\/van-ban\/[a-z0-9-]+$/);
      assert.match(await page.locator('table.doc-relations').innerText(), /43\/2011\/NĐ-CP/);
      await checkPage(page, 'document with relations');
      for (const form of ['/hoi-dap/gui-cau-hoi', '/tiep-can-thong-tin/yeu-cau', '/lien-he']) {
        await page.goto(`${base('konray')}${form}`);
        await checkPage(page, form);
      }
    });
  }

  /** Bytes a cold load of the page brings over the wire (bodies as sent, and headers), by kind. */
  async function coldLoad(page: Page, url: string): Promise<{ html: number; css: number; fonts: number; fontFiles: number }> {
    const finished: Request[] = [];
    page.on('requestfinished', (r) => finished.push(r));
    await page.goto(url, { waitUntil: 'networkidle' });
    const sum = { html: 0, css: 0, fonts: 0, fontFiles: 0 };
    for (const r of finished) {
      const s = await r.sizes();
      const bytes = s.responseBodySize + s.responseHeadersSize;
      const kind = r.resourceType();
      if (kind === 'document') sum.html += bytes;
      if (kind === 'stylesheet') sum.css += bytes;
      if (kind === 'font') {
        sum.fonts += bytes;
        sum.fontFiles += 1;
      }
    }
    return sum;
  }

  test('a cold home page brings two small font files per weight, and none when the browser asks to save data', async () => {
    const plain = await coldLoad(await open(PHONE), `${base('nhuxuan')}/`);
    const light = await coldLoad(await open(PHONE, { saveData: true }), `${base('nhuxuan')}/`);
    console.log(`cold home page (HTML + CSS + fonts, bytes): ${JSON.stringify(plain)}; with Save-Data: ${JSON.stringify(light)}`);
    assert.equal(plain.fontFiles, 4, 'Latin-for-Vietnamese and Vietnamese, regular and bold');
    assert.ok(plain.fonts < 30_000, `fonts: ${plain.fonts} bytes`);
    assert.equal(light.fontFiles, 0, 'no font requested with Save-Data: on');
    assert.equal(light.fonts, 0);
  });

  /**
   * One page of every kind each demo site has (the first link of each kind found from its home
   * page and its lists, plus what no link leads to), at phone and desktop width: axe-core finds
   * nothing and nothing scrolls sideways. The Nu HTML Checker reads every page (html-validity).
   */
  test('every kind of public page of the five demo sites passes axe-core at 320 px and 1280 px', async () => {
    const kinds: [RegExp, string][] = [
      [/^\/chuyen-muc\/[^/?]+$/, 'section'],
      [/^\/bai-viet\/[^/?]+$/, 'article'],
      [/^\/van-ban\/[^/?.]+$/, 'document'],
      [/^\/thu-tuc-hanh-chinh\/[^/?.]+$/, 'procedure'],
      [/^\/hoi-dap\/\d+$/, 'question'],
      [/^\/phan-anh-kien-nghi\/\d+$/, 'petition'],
      [/^\/lay-y-kien\/[^/?.]+$/, 'consultation'],
    ];
    const fixed = ['/', '/van-ban', '/thu-tuc-hanh-chinh', '/hoi-dap', '/hoi-dap/gui-cau-hoi', '/phan-anh-kien-nghi', '/phan-anh-kien-nghi/gui', '/lay-y-kien', '/tiep-can-thong-tin', '/tiep-can-thong-tin/yeu-cau', '/tiep-can-thong-tin/de-nghi-dinh-chinh', '/lien-he', '/tra-cuu-y-kien', '/so-do-trang', '/tim-kiem?q=thu+tuc', '/khong-co-trang-nay'];
    const sites = await t.db.selectFrom('sites').select(['key', 'languages']).execute();
    assert.equal(sites.length, 5);
    for (const site of sites) {
      const host = `${site.key}.localhost`;
      const pages = new Set(fixed);
      if (String(site.languages).includes('en')) pages.add('/en');
      // The first address of each kind linked from the home page and the lists.
      for (const list of ['/', '/van-ban', '/thu-tuc-hanh-chinh', '/hoi-dap', '/phan-anh-kien-nghi', '/lay-y-kien', '/so-do-trang']) {
        const html = (await t.app.inject({ url: list, headers: { host } })).body;
        const hrefs = [...html.matchAll(/href="(\/[^"#]*)"/g)].map((m) => m[1]!);
        for (const [pattern] of kinds) {
          const found = hrefs.find((h) => pattern.test(h) && !h.startsWith('/van-ban/du-lieu') && !h.startsWith('/hoi-dap/gui') && !h.startsWith('/phan-anh-kien-nghi/gui'));
          if (found && ![...pages].some((p) => pattern.test(p))) pages.add(found);
        }
      }
      for (const [pattern, kind] of kinds.filter(([, k]) => k !== 'petition' && k !== 'consultation')) {
        assert.ok([...pages].some((p) => pattern.test(p)), `${site.key} has a ${kind} page to check`);
      }
      for (const viewport of [PHONE, DESKTOP]) {
        const page = await open(viewport);
        for (const path of pages) {
          await page.goto(`${base(site.key)}${path}`);
          await checkPage(page, `${site.key}${path} at ${viewport.width}px`);
        }
        await page.context().close();
      }
    }
  });
});
