// The galleries in Chromium, on a 320 px phone and on a desktop: the grid of
// albums, an album with captioned photos and a player, and the home page's
// block are clean for axe-core (WCAG 2.1 A/AA), carry no script and never
// scroll sideways; pressing play fetches the video in byte ranges (206).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { Agent } from '../support/agent.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { browserUnavailable, expectAxeClean, launchBrowser, listen, publicPageProblems, signInPage } from '../support/browser.ts';
import { TEST_PASSWORD } from '../support/factories.ts';
import { testEngines } from '../support/databases.ts';
import { makePng } from '../support/docx.ts';
import { makeBoard } from '../support/editorial.ts';
import { publishEntry } from '../support/entries.ts';

const skip = browserUnavailable();
const asset = (name: string) => readFileSync(new URL(`../../assets/demo/${name}`, import.meta.url));

const VIEWPORTS = [
  { name: 'phone 320 px', width: 320, height: 640 },
  { name: 'desktop', width: 1280, height: 900 },
];

describe('galleries in Chromium', { skip: skip ?? false }, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let albumUrl: string;
  let contributorEmail: string;

  before(async () => {
    t = await buildTestApp(testEngines()[0]!);
    const b = await makeBoard(t, 'thuviene2e', { hosts: ['thuviene2e.test', 'thuviene2e.localhost'] });
    contributorEmail = b.people.contributor.email;
    const agent = new Agent(t.app, b.host);
    await agent.login(b.people.contributor.email);
    const id = async (name: string) => (await t.db.selectFrom('media').select('id').where('site_id', '=', b.site.id).where('original_name', '=', name).executeTakeFirstOrThrow()).id;
    await agent.upload('/admin/media/video', { videoTitle: 'Phóng sự' }, { field: 'video', name: 'phong-su.mp4', data: asset('video-mau.mp4') });
    await agent.upload('/admin/media', { purpose: 'subtitle' }, { name: 'phong-su.vtt', data: asset('video-mau.vtt') });
    await agent.upload('/admin/media', { purpose: 'image', alt: 'Toàn cảnh buổi lễ' }, { name: 'toan-canh.png', data: makePng(900, 600, [60, 120, 200]) });
    await agent.upload('/admin/media', { purpose: 'image', alt: 'Đại biểu cắt băng' }, { name: 'cat-bang.png', data: makePng(600, 900, [200, 60, 40]) });
    const album = await publishEntry(b, 'gallery', {
      galleryType: 'mixed',
      eventDate: '2026-11-20',
      description: 'Hình ảnh và video lễ khánh thành cầu treo bản Mới.',
      pictures: [
        { mediaId: await id('toan-canh.png'), alt: 'Toàn cảnh buổi lễ', caption: 'Toàn cảnh buổi lễ khánh thành cầu treo bản Mới, xã Thanh Liên' },
        { mediaId: await id('cat-bang.png'), alt: 'Đại biểu cắt băng', caption: 'Đại biểu cắt băng khánh thành' },
      ],
      videos: [{ title: 'Phóng sự lễ khánh thành', video: await id('phong-su.mp4'), poster: await id('toan-canh.png'), subtitles: await id('phong-su.vtt'), duration: '0:04', description: 'Phóng sự ngắn.' }],
    }, { title: 'Khánh thành cầu treo bản Mới', summary: 'Ảnh và video buổi lễ.' });
    albumUrl = `/thu-vien-anh-video/${album.slug}`;
    base = `http://thuviene2e.localhost:${await listen(t)}`;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  for (const viewport of VIEWPORTS) {
    test(`the list, an album and the home page, ${viewport.name}`, async () => {
      const context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height } });
      const page = await context.newPage();
      try {
        for (const url of ['/thu-vien-anh-video', albumUrl, '/']) {
          await page.goto(`${base}${url}`);
          assert.deepEqual(await publicPageProblems(page), [], `${url} (${viewport.name})`);
        }
        await page.goto(`${base}${albumUrl}`);
        assert.equal(await page.locator('figure figcaption').first().innerText(), 'Toàn cảnh buổi lễ khánh thành cầu treo bản Mới, xã Thanh Liên');
        const video = page.locator('video');
        assert.equal(await video.evaluate((v: { autoplay: boolean; paused: boolean }) => v.autoplay || !v.paused), false, 'never plays by itself');
      } finally {
        await context.close();
      }
    });
  }

  test('an official uploads a video through the library’s form; a fake one is refused with the reason, beside the form', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    try {
      await signInPage(page, base, contributorEmail, TEST_PASSWORD);
      await page.goto(`${base}/admin/media`);
      await expectAxeClean(page, 'the media library');
      await page.getByLabel('Tiêu đề video').fill('Phóng sự thứ hai');
      await page.getByLabel('Tệp video').setInputFiles({ name: 'gia.mp4', mimeType: 'video/mp4', buffer: Buffer.from('<html><body>không phải video</body></html>') });
      await page.getByRole('button', { name: 'Tải video lên' }).click();
      await page.waitForLoadState();
      assert.match(await page.locator('#video-error').innerText(), /thực chất là trang HTML/);
      await expectAxeClean(page, 'the media library with the refusal');
      await page.getByLabel('Tệp video').setInputFiles({ name: 'that.webm', mimeType: 'video/webm', buffer: asset('video-mau.webm') });
      await page.getByRole('button', { name: 'Tải video lên' }).click();
      await page.waitForURL(/\/admin\/media\/\d+$/);
      assert.match(await page.locator('main').innerText(), /video\/webm/);
    } finally {
      await context.close();
    }
  });

  test('pressing play fetches the video in byte ranges', async () => {
    const page = await browser.newPage();
    const statuses: number[] = [];
    page.on('response', (r) => {
      if (/\/original\.mp4$/.test(r.url())) statuses.push(r.status());
    });
    await page.goto(`${base}${albumUrl}`);
    const played = await page.locator('video').evaluate(async (v: { muted: boolean; play: () => Promise<void>; readyState: number }) => {
      v.muted = true;
      return v.play().then(() => true, () => false);
    });
    await page.waitForTimeout(500);
    await page.close();
    assert.ok(statuses.length > 0, 'the player asked for the file');
    assert.ok(statuses.every((s) => s === 206 || s === 200), `statuses ${statuses.join(', ')}`);
    assert.ok(statuses.includes(206), `a range was served (played: ${played}; statuses ${statuses.join(', ')})`);
  });
});
