// The Như Xuân demo site in Chromium, as its people work: a contributor imports
// a Word file and completes it, the unit head approves, the secretariat edits
// in the rich-text editor, the deputy verifies, the editor-in-chief approves,
// the publisher publishes — and the article is on the public page. axe-core
// checks the editor and the queue pages.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { loadDemo } from '../../src/modules/demo/load-demo.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { axeViolations, browserUnavailable, launchBrowser, listen, signInPage } from '../support/browser.ts';
import { testEngines } from '../support/databases.ts';
import { makeDocx, makePng } from '../support/docx.ts';

const skip = browserUnavailable();
const PASSWORD = 'Demo-Kiểm-thử-2026';

describe('editorial workflow on the Như Xuân demo site, in Chromium', { skip: skip ?? false }, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const contexts: BrowserContext[] = [];

  before(async () => {
    t = await buildTestApp(testEngines()[0]!);
    await loadDemo(t.db, { password: PASSWORD });
    t.refreshSites();
    base = `http://nhuxuan.localhost:${await listen(t)}`;
    browser = await launchBrowser();
  });
  after(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await t?.close();
  });

  async function signIn(slug: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    await signInPage(page, base, `${slug}@nhuxuan.localhost`, PASSWORD);
    return page;
  }

  /** The queue leads to the review page: the content and the decision buttons. */
  async function openFromQueue(page: Page, title: string): Promise<void> {
    await page.goto(`${base}/admin/queue`);
    await page.getByRole('link', { name: title }).first().click();
    await page.waitForSelector('h1:has-text("Xem và duyệt")');
  }

  async function approve(page: Page): Promise<void> {
    await page.getByRole('button', { name: 'Duyệt', exact: true }).click();
    await page.waitForSelector('.flash-success');
  }

  test('contributor → unit head → secretariat → deputy → editor-in-chief → publisher → public page', async () => {
    const title = 'Như Xuân ra quân làm đường giao thông nông thôn';
    // 1. The contributor imports the Word file and completes what Word cannot carry.
    const contributor = await signIn('congtacvien');
    await contributor.getByRole('link', { name: 'Tin bài' }).first().click();
    await contributor.getByRole('link', { name: 'Nhập từ tệp Word' }).click();
    const docx = await makeDocx({
      blocks: [
        { kind: 'title', text: title },
        { kind: 'paragraph', content: 'Sáng 21/11, hơn 500 đoàn viên thanh niên các xã ra quân làm đường.' },
        { kind: 'bullets', items: ['Làm mới 3 km đường bê tông', 'Nạo vét 5 km kênh mương'] },
        { kind: 'image', data: makePng(60, 40), alt: 'Đoàn viên thanh niên làm đường' },
      ],
    });
    await contributor.setInputFiles('#file', { name: 'ra-quan.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: docx });
    await contributor.getByLabel('Chuyên mục').selectOption({ label: 'Tin tức, sự kiện' });
    await contributor.getByRole('button', { name: 'Nhập', exact: true }).click();
    await contributor.waitForSelector('h1:has-text("Sửa tin bài")');
    assert.equal(await contributor.locator('#title').inputValue(), title);
    // The rich-text editor took over the body field.
    await contributor.waitForSelector('.rich-content');
    assert.match(await contributor.locator('.rich-content').innerText(), /hơn 500 đoàn viên/);
    assert.deepEqual(await axeViolations(contributor), [], 'editor page');
    await contributor.getByLabel('Nguồn tin').fill('Huyện đoàn Như Xuân');
    await contributor.getByLabel('Tác giả', { exact: true }).fill('Nguyễn Văn Hùng');
    await contributor.getByLabel('Đơn vị cung cấp').selectOption({ index: 1 });
    await contributor.getByRole('button', { name: 'Lưu', exact: true }).click();
    await contributor.waitForSelector('.flash-success');
    await contributor.getByRole('button', { name: 'Gửi duyệt', exact: true }).click();
    await contributor.waitForSelector('.flash-success');
    assert.match(await contributor.locator('.workflow-panel').innerText(), /Chờ duyệt — bước 1\/4: Lãnh đạo đơn vị/);

    // 2. The head of the providing unit approves (003 Đ10.1a).
    const unitHead = await signIn('lanhdao');
    await unitHead.goto(`${base}/admin/queue`);
    assert.deepEqual(await axeViolations(unitHead), [], 'queue page');
    await openFromQueue(unitHead, title);
    await approve(unitHead);

    // 3. The secretariat edits in the rich-text editor, saves, and passes it on.
    const secretariat = await signIn('thuongtruc');
    await openFromQueue(secretariat, title);
    await secretariat.getByRole('link', { name: 'Sửa nội dung' }).first().click();
    await secretariat.waitForSelector('h1:has-text("Sửa tin bài")');
    await secretariat.locator('.rich-content').click();
    await secretariat.keyboard.press('Control+End');
    await secretariat.keyboard.press('Enter');
    await secretariat.keyboard.type('Tổng kinh phí do nhân dân đóng góp là 1,2 tỷ đồng.');
    await secretariat.getByRole('button', { name: 'Lưu', exact: true }).click();
    await secretariat.waitForSelector('.flash-success');
    await approve(secretariat);

    // 4–5. The deputy verifies; the editor-in-chief approves.
    const deputy = await signIn('phoban');
    await openFromQueue(deputy, title);
    await approve(deputy);
    const head = await signIn('truongban');
    await openFromQueue(head, title);
    await approve(head);

    // 6. The publisher publishes.
    const publisher = await signIn('kythuat');
    await openFromQueue(publisher, title);
    await publisher.getByRole('button', { name: 'Xuất bản', exact: true }).click();
    await publisher.waitForSelector('.flash-success');
    await publisher.getByRole('link', { name: 'Xem trang công khai' }).click();

    // The public page shows the article, with the secretariat's addition.
    await publisher.waitForSelector(`h1:has-text("${title}")`);
    const article = await publisher.locator('main').innerText();
    assert.match(article, /hơn 500 đoàn viên/);
    assert.match(article, /Tổng kinh phí do nhân dân đóng góp là 1,2 tỷ đồng\./);
    assert.match(article, /Nguyễn Văn Hùng/);
    assert.match(article, /Huyện đoàn Như Xuân/);
    assert.equal(await publisher.locator('main img').getAttribute('alt'), 'Đoàn viên thanh niên làm đường');
    assert.deepEqual(await axeViolations(publisher), [], 'public article page');
  });

  test('the articles list, history, revisions, media library and review chain pages pass axe-core', async () => {
    const page = await signIn('truongban');
    const failures: string[] = [];
    const first = await t.db.selectFrom('articles').select('id').orderBy('id').executeTakeFirst();
    const paths = ['/admin/articles', '/admin/articles/new', '/admin/articles/import', '/admin/media', '/admin/notifications', '/admin/trash', '/admin/sections', '/admin/screening'];
    if (first) paths.push(`/admin/articles/${first.id}/history`, `/admin/articles/${first.id}/revisions?a=1&b=2`);
    for (const path of paths) {
      await page.goto(`${base}${path}`);
      for (const v of await axeViolations(page)) failures.push(`${path}: ${v}`);
    }
    const admin = await signIn('quantri');
    await admin.goto(`${base}/admin/workflow`);
    for (const v of await axeViolations(admin)) failures.push(`/admin/workflow: ${v}`);
    assert.deepEqual(failures, []);
  });
});
