// Portal habits (issue 16) in Chromium, on a 320 px phone and a desktop: a
// story thread's page, an article with its "Theo dòng sự kiện" box and the
// "Mới" badge in a section list, and the home page's public-service tiles;
// axe-core finds no WCAG 2.1 A/AA violation, nothing is wider than the screen,
// and each tile is a large touch target named by its text.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { buildTestApp, TestClock, type TestApp } from '../support/app.ts';
import { axeViolations, browserUnavailable, launchBrowser, listen } from '../support/browser.ts';
import { testEngines } from '../support/databases.ts';
import { makeBoard, publishArticle } from '../support/editorial.ts';
import { publishEntry } from '../support/entries.ts';

const skip = browserUnavailable();

const VIEWPORTS = [
  { name: 'phone 320 px', width: 320, height: 640 },
  { name: 'desktop', width: 1280, height: 900 },
];

describe('portal habits in Chromium (story threads, the "Mới" badge, public-service tiles)', { skip: skip ?? false }, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const pages: Record<string, string> = {};

  before(async () => {
    t = await buildTestApp(testEngines()[0]!, { clock: new TestClock(new Date('2026-11-23T02:00:00Z')) });
    const province = await makeBoard(t, 'tinhhabitse2e', { level: 'province', settings: { publicServicePortal: { name: 'Cổng Dịch vụ công tỉnh Thử Nghiệm', url: 'https://dichvucong.thunghiem.gov.vn' } } });
    const b = await makeBoard(t, 'habitse2e', { parentSiteId: province.site.id, hosts: ['habitse2e.test', 'habitse2e.localhost'] });
    const ids: number[] = [];
    let first = '';
    for (const title of ['Khai mạc Đại hội Đảng bộ xã lần thứ XV, nhiệm kỳ 2025–2030', 'Đại hội thảo luận văn kiện và bầu Ban Chấp hành', 'Bế mạc Đại hội Đảng bộ xã']) {
      const a = await publishArticle(b, { title });
      ids.push(a.id);
      first ||= a.slug;
      t.clock.advance(3_600_000);
    }
    const thread = await publishEntry(b, 'story_thread', { eventDates: { from: '2026-11-20', to: '2026-11-23' }, articles: ids }, { title: 'Đại hội Đảng bộ xã nhiệm kỳ 2025–2030', summary: 'Toàn cảnh Đại hội qua các tin, bài.', bodyHtml: '<p>Đại hội diễn ra trong ba ngày.</p>' });
    const section = await t.db.selectFrom('sections').select('slug').where('id', '=', b.sectionId).executeTakeFirstOrThrow();
    Object.assign(pages, { thread: `/dong-su-kien/${thread.slug}`, threads: '/dong-su-kien', article: `/bai-viet/${first}`, section: `/chuyen-muc/${section.slug}`, home: '/' });
    base = `http://habitse2e.localhost:${await listen(t)}`;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  async function checkPage(page: Page, label: string): Promise<void> {
    assert.deepEqual(await axeViolations(page), [], `${label}: axe-core`);
    const overflow = await page.evaluate(() => {
      const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
      return root.scrollWidth - root.clientWidth;
    });
    assert.ok(overflow <= 0, `${label}: no horizontal scrolling (${overflow}px too wide)`);
  }

  for (const viewport of VIEWPORTS) {
    test(`thread, article with its box, section with badges, home tiles — ${viewport.name}`, async () => {
      const context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height } });
      const page = await context.newPage();
      try {
        for (const [label, url] of Object.entries(pages)) {
          await page.goto(`${base}${url}`);
          await checkPage(page, `${label} (${viewport.name})`);
        }
        await page.goto(`${base}${pages.article}`);
        await page.getByRole('link', { name: /Xem toàn bộ dòng sự kiện/ }).click();
        await page.waitForURL(/\/dong-su-kien\//);
        assert.match(await page.locator('main').innerText(), /Bế mạc Đại hội Đảng bộ xã/);
        await page.goto(`${base}${pages.section}`);
        assert.ok((await page.locator('.new-badge', { hasText: 'Mới' }).count()) >= 3, 'the badge is a visible word');
        await page.goto(`${base}/`);
        const tile = page.getByRole('link', { name: /Cổng Dịch vụ công tỉnh Thử Nghiệm/ });
        const box = await tile.boundingBox();
        assert.ok(box && box.height >= 44 && box.width >= 44, `a large touch target (${box?.width}×${box?.height})`);
        assert.equal(await page.getByRole('link', { name: /Cơ sở dữ liệu quốc gia về thủ tục hành chính/ }).getAttribute('href'), 'https://csdl.dichvucong.gov.vn');
      } finally {
        await context.close();
      }
    });
  }
});
