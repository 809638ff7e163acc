// What a user walk in Chromium found on the public site (issue 16), checked as
// a reader sees it: in high contrast the news cards, the menu and search icons
// and the poll bars still show; the contrast switch marks the mode in use; a
// promotion's long web address wraps on a 320 px phone; the home page's
// promotion banners are a plain list of pictures with the business named; the
// poll's question is said once with a site button; the print version prints
// the page's address and only the agency's contact from the footer.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { buildTestApp, TestClock, type TestApp } from '../support/app.ts';
import { browserUnavailable, launchBrowser, listen, publicPageProblems } from '../support/browser.ts';
import { testEngines } from '../support/databases.ts';
import { publishDocument } from '../support/documents.ts';
import { publishArticle } from '../support/editorial.ts';
import { seedEngagementPages, type EngagementPages } from '../support/engagement-pages.ts';

const skip = browserUnavailable();
const HOST = 'giaodiene2e';

// Evaluated in the page (the server's type-check has no DOM library, so as text).
const LEAD_CARD = `(() => {
  const a = document.querySelector('.card h3 a');
  const r = a.getBoundingClientRect();
  const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
  const overlay = getComputedStyle(a, '::after');
  return { hit: hit === a || a.contains(hit), overlay: overlay.backgroundColor, colour: getComputedStyle(a).color, width: r.width };
})()`;
const ICONS = `(() => {
  const menu = document.querySelector('.menu-icon');
  const search = document.querySelector('.search-icon');
  const g = (e, p) => getComputedStyle(e, p ?? null);
  return { ink: g(menu).color, bar: g(menu).backgroundColor, top: g(menu, '::before').backgroundColor, bottom: g(menu, '::after').backgroundColor, searchInk: g(search).color, handle: g(search, '::after').backgroundColor };
})()`;

describe('the public site as a reader sees it, in Chromium', { skip: skip ?? false }, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let seeded: EngagementPages;
  let articlePath: string;
  let documentPath: string;

  before(async () => {
    t = await buildTestApp(testEngines()[0]!, { clock: new TestClock(new Date('2026-11-23T02:00:00Z')) });
    seeded = await seedEngagementPages(t, HOST);
    const article = await publishArticle(seeded.board, { title: 'Khánh thành cầu treo bản Mới phục vụ hơn 300 hộ dân' });
    const row = await t.db.selectFrom('search_documents').select('url').where('item_type', '=', 'article').where('item_id', '=', article.id).executeTakeFirstOrThrow();
    articlePath = row.url;
    const document = await publishDocument(seeded.board);
    documentPath = `/van-ban/${document.slug}`;
    base = `http://${HOST}.localhost:${await listen(t)}`;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  const open = async (width: number, options: { cookie?: string; contrast?: 'more' } = {}) => {
    const context = await browser.newContext({ viewport: { width, height: 800 }, ...(options.contrast ? { contrast: options.contrast } : {}) });
    if (options.cookie) await context.addCookies([{ name: 'tt_contrast', value: options.cookie, url: base }]);
    return { context, page: await context.newPage() };
  };

  const expectVisibleInHighContrast = async (page: Page, label: string) => {
    await page.goto(`${base}/`);
    const card = (await page.evaluate(LEAD_CARD)) as { hit: boolean; overlay: string; colour: string; width: number };
    assert.ok(card.width > 0 && card.hit, `${label}: the lead card's title is what is under its centre`);
    assert.equal(card.overlay, 'rgba(0, 0, 0, 0)', `${label}: the card's link overlay is transparent, not a black sheet over the card`);
    assert.equal(card.colour, 'rgb(255, 255, 0)', `${label}: the title is a yellow link`);
    const icons = (await page.evaluate(ICONS)) as Record<string, string>;
    assert.notEqual(icons.ink, 'rgb(0, 0, 0)');
    assert.deepEqual([icons.bar, icons.top, icons.bottom], [icons.ink, icons.ink, icons.ink], `${label}: the menu's three bars are drawn in the text colour`);
    assert.equal(icons.handle, icons.searchInk, `${label}: the search glass has its handle`);
    assert.deepEqual(await publicPageProblems(page), [], `${label}: home page`);
    for (const url of [articlePath, seeded.pages['closed poll']!, seeded.pages.promotion!, seeded.pages['promotion list']!]) {
      await page.goto(`${base}${url}`);
      assert.deepEqual(await publicPageProblems(page), [], `${label}: ${url}`);
    }
    // The closed poll's bars: the share in yellow on a framed black track.
    await page.goto(`${base}${seeded.pages['closed poll']}`);
    const fill = await page.evaluate(`getComputedStyle(document.querySelector('.poll-bar rect + rect')).fill`);
    assert.equal(fill, 'rgb(255, 255, 0)', `${label}: poll bar`);
  };

  for (const width of [320, 1280]) {
    test(`high contrast chosen with the switch keeps cards, icons and bars visible, ${width} px`, async () => {
      const { context, page } = await open(width, { cookie: 'cao' });
      try {
        await expectVisibleInHighContrast(page, `switch, ${width} px`);
      } finally {
        await context.close();
      }
    });
  }

  test('high contrast asked for by the system, likewise', async () => {
    const { context, page } = await open(320, { contrast: 'more' });
    try {
      await expectVisibleInHighContrast(page, 'prefers-contrast: more');
    } finally {
      await context.close();
    }
  });

  test('the contrast switch marks the mode in use, and only it', async () => {
    const { context, page } = await open(1280);
    try {
      await page.goto(`${base}/`);
      const nav = page.getByRole('navigation', { name: 'Độ tương phản' });
      const state = async () => ({
        high: await nav.getByRole('link', { name: /Tương phản cao/ }).getAttribute('aria-current'),
        normal: await nav.getByRole('link', { name: /Tương phản thường/ }).getAttribute('aria-current'),
        highBold: await nav.getByRole('link', { name: /Tương phản cao/ }).evaluate((e) => (globalThis as unknown as { getComputedStyle(e: unknown): { fontWeight: string } }).getComputedStyle(e).fontWeight),
        normalBold: await nav.getByRole('link', { name: /Tương phản thường/ }).evaluate((e) => (globalThis as unknown as { getComputedStyle(e: unknown): { fontWeight: string } }).getComputedStyle(e).fontWeight),
      });
      assert.deepEqual(await state(), { high: null, normal: 'true', highBold: '400', normalBold: '700' }, 'normal contrast by default');
      await nav.getByRole('link', { name: /Tương phản cao/ }).click();
      await page.waitForURL(`${base}/`);
      assert.deepEqual(await state(), { high: 'true', normal: null, highBold: '700', normalBold: '400' }, 'high contrast once chosen');
    } finally {
      await context.close();
    }
  });

  test('a promotion with a long web address and the home page banners fit a 320 px phone', async () => {
    const { context, page } = await open(320);
    try {
      await page.goto(`${base}${seeded.pages.promotion}`);
      const widths = (await page.evaluate(`(() => { const t = document.querySelector('table.entry-fields'); return { page: document.documentElement.scrollWidth, screen: innerWidth, table: t.scrollWidth, box: t.clientWidth }; })()`)) as Record<string, number>;
      assert.ok(widths.page! <= widths.screen!, `the page fits: ${JSON.stringify(widths)}`);
      assert.ok(widths.table! <= widths.box!, `the details table does not scroll within itself: ${JSON.stringify(widths)}`);
      assert.match(await page.locator('table.entry-fields').innerText(), /hoptacxachexanh/);

      await page.goto(`${base}/`);
      const banners = page.locator('.promotion-banners');
      assert.equal(await banners.evaluate((e) => (globalThis as unknown as { getComputedStyle(e: unknown): { listStyleType: string; paddingLeft: string } }).getComputedStyle(e).listStyleType), 'none');
      const link = banners.getByRole('link', { name: /Hợp tác xã Chè xanh Thanh Mai/ }).first();
      assert.match(await link.innerText(), /Hợp tác xã Chè xanh Thanh Mai/, 'the business is named under its banner');
      const [img, li] = await Promise.all([banners.locator('img').first().boundingBox(), banners.locator('li').first().boundingBox()]);
      assert.ok(img && li && Math.abs(img.width - li.width) < 3, `the banner spans its column: ${JSON.stringify({ img, li })}`);
      assert.equal(await banners.locator('img').first().getAttribute('alt'), 'Biểu trưng Hợp tác xã Chè xanh Thanh Mai');
      assert.deepEqual(await publicPageProblems(page), [], 'home page at 320 px');
    } finally {
      await context.close();
    }
  });

  test("the poll says its question once, and its button is the site's", async () => {
    const { context, page } = await open(320);
    try {
      await page.goto(`${base}${seeded.pages['running poll']}`);
      const question = 'Bạn đánh giá thế nào về dịch vụ công trực tuyến của huyện?';
      assert.equal(await page.getByRole('heading', { level: 1, name: question }).count(), 1);
      const legend = await page.locator('.poll-form legend').boundingBox();
      assert.ok(legend && legend.width <= 1 && legend.height <= 1, `the legend is not seen a second time under the heading: ${JSON.stringify(legend)}`);
      assert.equal(await page.getByRole('group', { name: question }).count(), 1, 'the choices keep the question as their name');
      const button = page.getByRole('button', { name: 'Gửi bình chọn' });
      const look = await button.evaluate((e) => {
        const s = (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string; fontWeight: string } }).getComputedStyle(e);
        return { bg: s.backgroundColor, weight: s.fontWeight };
      });
      assert.notEqual(look.bg, 'rgb(239, 239, 239)', "not the browser's grey button");
      assert.equal(look.weight, '700');
    } finally {
      await context.close();
    }
  });

  test("the print version prints the page's address and the agency's contact, not the footer's link columns", async () => {
    const { context, page } = await open(1280);
    try {
      for (const url of [articlePath, documentPath, seeded.pages.promotion!]) {
        await page.goto(`${base}${url}?ban-in=1`);
        await page.emulateMedia({ media: 'print' });
        const address = page.locator('.print-address');
        assert.ok(await address.isVisible(), `${url}: the address is printed`);
        // The site's own address (its first host), not the one this test reached it by.
        assert.match((await address.innerText()).trim(), new RegExp(`^Địa chỉ trang: http://${HOST}\\.[a-z]+:\\d+${url}$`));
        assert.ok(await page.locator('.footer-contact').isVisible(), `${url}: the agency's contact is printed`);
        assert.equal(await page.locator('.site-footer section:not(.footer-contact)').filter({ visible: true }).count(), 0, `${url}: no footer link column`);
        const footer = await page.locator('.site-footer').evaluate((e) => (globalThis as unknown as { getComputedStyle(e: unknown): { color: string } }).getComputedStyle(e).color);
        assert.equal(footer, 'rgb(0, 0, 0)', 'black on paper');
        await page.emulateMedia({ media: 'screen' });
      }
    } finally {
      await context.close();
    }
  });
});
