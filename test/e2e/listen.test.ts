// A citizen listens to an article of the Kon Rẫy demo in Chromium, after the
// background job spoke it with espeak-ng and lame: the <audio> element plays
// (the MP3 is fetched with byte ranges). The same reader then switches to high
// contrast by following the link beside the text size (no script), and axe-core
// finds no WCAG 2.1 A/AA violation at 320 px and on a desktop.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { loadDemo } from '../../src/modules/demo/load-demo.ts';
import { generateSpeech, queueMissingSpeech } from '../../src/modules/speech/jobs.ts';
import { defaultSpeechTools, missingSpeechTools } from '../../src/modules/speech/synthesize.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { browserUnavailable, CHROMIUM_PATH, listen, publicPageProblems } from '../support/browser.ts';
import { testEngines } from '../support/databases.ts';

const tools = defaultSpeechTools();
const skip = browserUnavailable() ?? (missingSpeechTools(tools).length > 0 && !process.env.CI ? 'espeak-ng or lame missing: listening test skipped' : null);

const VIEWPORTS = [
  { name: 'phone 320 px', width: 320, height: 640 },
  { name: 'desktop', width: 1280, height: 900 },
];

describe('listening to an article, and high contrast, in Chromium', { skip: skip ?? false }, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let articlePath: string;

  before(async () => {
    t = await buildTestApp(testEngines()[0]!);
    const demo = await loadDemo(t.db, { password: 'Demo-Kiểm-thử-2026' });
    t.refreshSites();
    const konray = demo.sites.find((s) => s.key === 'konray')!;
    // The background job, for one article: queue what lacks speech, speak this one.
    await queueMissingSpeech({ db: t.db, clock: t.clock });
    const row = await t.db
      .selectFrom('article_speech')
      .innerJoin('search_documents', (j) => j.onRef('search_documents.item_id', '=', 'article_speech.article_id').on('search_documents.item_type', '=', 'article'))
      .selectAll('article_speech')
      .select('search_documents.url')
      .where('article_speech.site_id', '=', konray.id)
      .where('search_documents.title', 'like', 'Ban hành quy chế hoạt động%')
      .executeTakeFirstOrThrow();
    assert.equal(await generateSpeech({ db: t.db, files: t.deps.files, clock: t.clock, tools }, row), 'ready');
    articlePath = row.url;
    base = `http://konray.localhost:${await listen(t)}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', '--autoplay-policy=no-user-gesture-required'],
    });
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  test('the article page plays its audio', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    try {
      await page.goto(`${base}${articlePath}`);
      const block = page.getByRole('region', { name: 'Nghe đọc bài viết' });
      await block.waitFor();
      assert.match(await block.innerText(), /Tải tệp âm thanh \(MP3, [\d,]+ (KB|MB)\)/);
      assert.match(await block.innerText(), /Giọng đọc do máy tạo tự động/);
      const played = await page.evaluate(async () => {
        const audio = (globalThis as unknown as { document: { querySelector(s: string): { muted: boolean; play(): Promise<void>; currentTime: number; duration: number; readyState: number } } }).document.querySelector('.listen audio');
        audio.muted = true;
        await audio.play();
        const started = Date.now();
        while (audio.currentTime <= 0 && Date.now() - started < 10_000) await new Promise((r) => setTimeout(r, 100));
        return { currentTime: audio.currentTime, duration: audio.duration, readyState: audio.readyState };
      });
      assert.ok(played.currentTime > 0, `playing: ${JSON.stringify(played)}`);
      assert.ok(played.duration > 1 && played.readyState >= 2, JSON.stringify(played));
    } finally {
      await context.close();
    }
  });

  for (const viewport of VIEWPORTS) {
    test(`high contrast by the link beside the text size, axe-clean, ${viewport.name}`, async () => {
      const context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height } });
      const page = await context.newPage();
      try {
        await page.goto(`${base}${articlePath}`);
        await page.getByRole('navigation', { name: 'Độ tương phản' }).getByRole('link', { name: 'Tương phản cao' }).click();
        await page.waitForURL(`${base}${articlePath}`);
        assert.match((await page.locator('html').getAttribute('class')) ?? '', /\bcontrast-cao\b/);
        // The mode in use is marked (on a phone its link is hidden: only the way back shows).
        assert.equal(await page.locator('a.contrast-link-cao').getAttribute('aria-current'), 'true');
        assert.equal(await page.getByRole('link', { name: 'Tương phản thường' }).isVisible(), true);
        // White on black, yellow links.
        const colours = await page.evaluate(() => {
          const d = (globalThis as unknown as { document: { body: object; querySelector(s: string): object }; getComputedStyle(e: object): { backgroundColor: string; color: string } }).document;
          const g = (globalThis as unknown as { getComputedStyle(e: object): { backgroundColor: string; color: string } }).getComputedStyle;
          return { body: g(d.body).backgroundColor, text: g(d.querySelector('main h1')).color, link: g(d.querySelector('main a')).color };
        });
        assert.deepEqual(colours, { body: 'rgb(0, 0, 0)', text: 'rgb(255, 255, 255)', link: 'rgb(255, 255, 0)' });
        assert.deepEqual(await publicPageProblems(page), [], 'article page in high contrast');
        await page.getByRole('link', { name: 'In trang' }).click();
        await page.waitForURL(/ban-in=1/);
        assert.deepEqual(await publicPageProblems(page), [], 'print version in high contrast');
        // Back to normal contrast.
        await page.goto(`${base}${articlePath}`);
        await page.getByRole('link', { name: 'Tương phản thường' }).click();
        await page.waitForURL(`${base}${articlePath}`);
        assert.match((await page.locator('html').getAttribute('class')) ?? '', /\bcontrast-thuong\b/);
        assert.deepEqual(await publicPageProblems(page), [], 'article page in normal contrast');
      } finally {
        await context.close();
      }
    });
  }

  test('the system asking for more contrast gets it until the reader chooses normal', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, contrast: 'more' });
    const page = await context.newPage();
    try {
      await page.goto(`${base}${articlePath}`);
      const bg = () => page.evaluate(() => (globalThis as unknown as { getComputedStyle(e: object): { backgroundColor: string } }).getComputedStyle((globalThis as unknown as { document: { documentElement: object } }).document.documentElement).backgroundColor);
      assert.equal(await bg(), 'rgb(0, 0, 0)');
      assert.deepEqual(await publicPageProblems(page), []);
      await page.getByRole('link', { name: 'Tương phản thường' }).click();
      await page.waitForURL(`${base}${articlePath}`);
      assert.equal(await bg(), 'rgb(255, 255, 255)');
    } finally {
      await context.close();
    }
  });
});
