// How much work it is to take a Word file to the public site through the 003
// chain of Như Xuân (contributor → unit head → secretariat → deputy →
// editor-in-chief → publisher), as the people do it: each signs in from the
// link in the mail that tells them, reads the item on the review page and
// decides with one click. Every click counts: a press of a button or link, a
// choice in a list or a file picker, and opening the link in a mail; typing
// into a field does not. The number is in the test's name (the issue counted
// 41 before). The Word file carries a photo without a description, which the
// contributor gives in the editor, led there by the reason beside "Gửi duyệt".
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { loadDemo } from '../../src/modules/demo/load-demo.ts';
import { mailText } from '../support/agent.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { axeViolations, browserSession, browserUnavailable, launchBrowser, listen, type BrowserSession } from '../support/browser.ts';
import { testEngines } from '../support/databases.ts';
import { makeDocx, makePng } from '../support/docx.ts';

const skip = browserUnavailable();
const PASSWORD = 'Demo-Kiểm-thử-2026';
const CLICKS = 22;

describe('from a Word file to the public page of Như Xuân, in Chromium', { skip: skip ?? false }, () => {
  let t: TestApp;
  let browser: Browser;
  let session: BrowserSession;
  let base: string;
  let clicks = 0;

  before(async () => {
    t = await buildTestApp(testEngines()[0]!);
    await loadDemo(t.db, { password: PASSWORD });
    t.refreshSites();
    base = `http://nhuxuan.localhost:${await listen(t)}`;
    browser = await launchBrowser();
    session = browserSession(browser, base, 'nhuxuan', PASSWORD);
  });
  after(async () => {
    await session?.close();
    await browser?.close();
    await t?.close();
  });

  /** One click, counted. */
  async function click(target: Locator): Promise<void> {
    clicks += 1;
    await target.click();
  }
  const email = (slug: string) => `${slug}@nhuxuan.localhost`;

  /** Signs in on the page the browser is at (the sign-in form, or the one a mail link led to). */
  async function signIn(page: Page, slug: string): Promise<void> {
    await page.getByLabel('Địa chỉ thư điện tử').fill(email(slug));
    await page.getByLabel('Mật khẩu').fill(PASSWORD);
    await click(page.getByRole('button', { name: 'Đăng nhập' }));
  }

  /** A new person opens the link of the latest mail telling them to act, and signs in on the way. */
  async function fromMail(slug: string): Promise<Page> {
    const mail = t.sentMail().map(mailText).filter((m) => m.includes(`To: ${email(slug)}`)).at(-1);
    assert.ok(mail, `${slug} was told by mail`);
    const link = /: (https?:\/\/\S+\/review#actions)/.exec(mail)?.[1];
    assert.ok(link, `the mail to ${slug} leads to the review page:\n${mail}`);
    const page = await session.newPage();
    clicks += 1; // the link in the mail
    await page.goto(`${base}${new URL(link).pathname}${new URL(link).hash}`);
    await page.waitForSelector('h1:has-text("Đăng nhập")');
    await signIn(page, slug);
    await page.waitForSelector('h1:has-text("Xem và duyệt")');
    return page;
  }

  async function decide(page: Page, button: string): Promise<void> {
    await click(page.getByRole('button', { name: button, exact: true }));
    await page.waitForSelector('.flash-success');
  }

  test(`a contributor's Word file reaches the public page in ${CLICKS} clicks and 6 sign-ins`, async () => {
    const title = 'Như Xuân khánh thành nhà văn hóa thôn Tân Thành';

    // The contributor: from the back-office home to the import, then completes and submits in one go.
    const contributor = await session.newPage();
    await contributor.goto(`${base}/admin/login`);
    await signIn(contributor, 'congtacvien');
    await contributor.waitForURL(`${base}/admin`);
    await click(contributor.getByRole('link', { name: 'Nhập tin bài từ tệp Word' }));
    const docx = await makeDocx({
      blocks: [
        { kind: 'title', text: title },
        { kind: 'paragraph', content: 'Sáng 5/12, thôn Tân Thành khánh thành nhà văn hóa mới, tổng kinh phí 1,5 tỷ đồng.' },
        { kind: 'image', data: makePng(120, 80) },
        { kind: 'bullets', items: ['Nhân dân đóng góp 600 triệu đồng', 'Ngân sách xã hỗ trợ 900 triệu đồng'] },
      ],
    });
    clicks += 1; // choosing the file
    await contributor.setInputFiles('#file', { name: 'nha-van-hoa.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: docx });
    clicks += 1; // choosing the section
    await contributor.getByLabel('Chuyên mục').selectOption({ label: 'Tin tức, sự kiện' });
    await click(contributor.getByRole('button', { name: 'Nhập', exact: true }));
    await contributor.waitForSelector('h1:has-text("Sửa tin bài")');

    // What Word cannot carry is asked for by name, beside the disabled "Gửi duyệt"; the unit is already the author's.
    const panel = contributor.locator('.workflow-panel');
    assert.equal(await panel.getByRole('button', { name: 'Gửi duyệt', exact: true }).isDisabled(), true);
    assert.match(await panel.innerText(), /Chưa thực hiện được vì:\s*Tin bài phải ghi rõ nguồn và tác giả/);
    assert.notEqual(await contributor.locator('#unitId').inputValue(), '', 'the providing unit is pre-filled');
    await panel.screenshot({ path: '/tmp/trangtin-editor-actions.png' });
    await contributor.screenshot({ path: '/tmp/trangtin-editor.png', fullPage: true });
    assert.deepEqual(await axeViolations(contributor), [], 'editor page with a disabled action');
    // The photo's reason leads to its description field, in the editor's "Ảnh trong nội dung".
    await click(panel.locator('a[href="#picture-1-alt"]'));
    await contributor.locator('#picture-1-alt').fill('Nhà văn hóa thôn Tân Thành trong ngày khánh thành');
    await contributor.getByLabel('Nguồn tin').fill('Ban công tác Mặt trận thôn Tân Thành');
    await contributor.getByLabel('Tác giả', { exact: true }).fill('Lê Thị Hằng');
    await click(contributor.getByRole('button', { name: 'Lưu và gửi duyệt' }));
    await contributor.waitForSelector('.flash-success');
    assert.match(await contributor.locator('.workflow-panel').innerText(), /Chờ duyệt — bước 1\/4: Lãnh đạo đơn vị/);

    // Each reviewer: the mail's link, sign in, read on the review page, one click.
    const unitHead = await fromMail('lanhdao');
    assert.match(await unitHead.locator('main').innerText(), /Nội dung như bạn đọc sẽ thấy[\s\S]*tổng kinh phí 1,5 tỷ đồng/);
    await unitHead.screenshot({ path: '/tmp/trangtin-review.png', fullPage: true });
    assert.deepEqual(await axeViolations(unitHead), [], 'review page');
    await decide(unitHead, 'Duyệt');
    assert.match(await unitHead.locator('.flash-success').innerText(), /Chờ duyệt — bước 2\/4: Thường trực Ban biên tập/);
    for (const slug of ['thuongtruc', 'phoban', 'truongban']) await decide(await fromMail(slug), 'Duyệt');

    // The publisher publishes from the same page.
    const publisher = await fromMail('kythuat');
    assert.match(await publisher.locator('.status-line').innerText(), /Đã duyệt, chờ đăng/);
    await decide(publisher, 'Xuất bản');
    assert.match(await publisher.locator('.status-line').innerText(), /^Đã đăng/);

    assert.equal(clicks, CLICKS, `the path took ${clicks} clicks`);
    // The public page shows it (checked, not counted).
    await publisher.goto(`${base}${await publisher.getByRole('link', { name: 'Xem trang công khai' }).first().getAttribute('href')}`);
    await publisher.waitForSelector(`h1:has-text("${title}")`);
    const article = await publisher.locator('main').innerText();
    assert.match(article, /tổng kinh phí 1,5 tỷ đồng/);
    assert.match(article, /Lê Thị Hằng/);
    assert.equal(await publisher.locator('main img[alt="Nhà văn hóa thôn Tân Thành trong ngày khánh thành"]').count(), 1, 'the photo with its description');
  });
});
