// Pictures from Word to the public page, in Chromium on the Như Xuân demo site:
// a contributor imports a Word file whose photo has no description, is told
// which picture lacks one, describes it in the rich editor, adds one picture
// from the media library and uploads another, submits; the 003 chain approves,
// the publisher publishes, and the public page shows each picture with the
// description given — no HTML edited by hand. Screenshots go to /tmp.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { loadDemo } from '../../src/modules/demo/load-demo.ts';
import { uploadMedia } from '../../src/modules/media/media.ts';
import { Agent, textOf } from '../support/agent.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { axeViolations, browserSession, browserUnavailable, launchBrowser, listen, signInPage, type BrowserSession } from '../support/browser.ts';
import { testEngines } from '../support/databases.ts';
import { makeDocx, makePng } from '../support/docx.ts';
import { systemActor } from '../support/factories.ts';

const skip = browserUnavailable();
const PASSWORD = 'Demo-Kiểm-thử-2026';
const SHOTS = process.env.SCREENSHOT_DIR ?? '/tmp';

describe('pictures of a Word file through the 003 chain, in Chromium', { skip: skip ?? false }, () => {
  let t: TestApp;
  let browser: Browser;
  let session: BrowserSession;
  let base: string;

  before(async () => {
    t = await buildTestApp(testEngines()[0]!);
    await loadDemo(t.db, { password: PASSWORD });
    t.refreshSites();
    const site = await t.db.selectFrom('sites').select('id').where('key', '=', 'nhuxuan').executeTakeFirstOrThrow();
    // A picture the board described in its media library earlier.
    await uploadMedia(t.db, t.deps.files, systemActor(site.id), { data: makePng(90, 60, [30, 110, 60]), originalName: 'cau-treo-ban-moi.png', purpose: 'image', alt: 'Cầu treo bản Mới bắc qua sông Chu' });
    base = `http://nhuxuan.localhost:${await listen(t)}`;
    browser = await launchBrowser();
    session = browserSession(browser, base, 'nhuxuan', PASSWORD);
  });
  after(async () => {
    await session?.close();
    await browser?.close();
    await t?.close();
  });

  const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/pictures-${name}.png` });

  test('a contributor describes the Word photo in the editor, adds pictures from the library and from the computer, and the public page shows them described', async () => {
    const title = 'Như Xuân khánh thành cầu treo bản Mới';
    // A laptop screen.
    const contributor = await session.newPage(1366);
    await contributor.setViewportSize({ width: 1366, height: 768 });
    await signInPage(contributor, base, 'congtacvien@nhuxuan.localhost', PASSWORD);
    await contributor.goto(`${base}/admin/articles/import`);
    const docx = await makeDocx({
      blocks: [
        { kind: 'title', text: title },
        { kind: 'paragraph', content: 'Sáng 20/11, huyện tổ chức lễ khánh thành cầu treo phục vụ hơn 300 hộ dân.' },
        { kind: 'image', data: makePng(120, 80) },
        { kind: 'paragraph', content: 'Cầu dài 80 mét, tổng mức đầu tư 3,2 tỷ đồng.' },
      ],
    });
    await contributor.setInputFiles('#file', { name: 'khanh-thanh.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: docx });
    await contributor.getByLabel('Chuyên mục').selectOption({ label: 'Tin tức, sự kiện' });
    await contributor.getByRole('button', { name: 'Nhập', exact: true }).click();
    await contributor.waitForSelector('h1:has-text("Sửa tin bài")');
    await contributor.waitForSelector('.rich-content img');
    await contributor.getByLabel('Nguồn tin').fill('Phòng Văn hóa và Thông tin');
    await contributor.getByLabel('Tác giả', { exact: true }).fill('Lê Văn Tâm');
    await contributor.getByLabel('Đơn vị cung cấp').selectOption({ index: 1 });
    await contributor.getByRole('button', { name: 'Lưu', exact: true }).click();
    await contributor.waitForSelector('.flash-success');

    // Submitting is not possible yet: the reason beside the button names the photo and leads to its description field.
    assert.equal(await contributor.getByRole('button', { name: 'Gửi duyệt', exact: true }).isDisabled(), true);
    const link = contributor.locator('#why-submit a[href="#picture-1-alt"]');
    assert.match(await link.innerText(), /^Ảnh 1 \(khanh-thanh-anh-1\.png\) trong nội dung chưa có mô tả/);
    await shot(contributor, '1-refused');
    await link.click();
    assert.ok(contributor.url().endsWith('#picture-1-alt'));
    assert.ok(await contributor.locator('#picture-1-alt').isVisible());
    await shot(contributor, '2-pictures-fieldset');

    // The photo is described in the rich editor: select it, "Mô tả ảnh".
    await contributor.waitForSelector('.rich-content img');
    await contributor.locator('.rich-content img').first().click();
    await contributor.getByRole('button', { name: /^Mô tả ảnh — / }).click();
    const dialog = contributor.getByRole('dialog', { name: 'Mô tả ảnh' });
    await dialog.getByLabel('Mô tả ảnh (văn bản thay thế)').fill('Người dân đi qua cầu treo bản Mới trong ngày khánh thành');
    await dialog.getByLabel('Chú thích (hiện dưới ảnh, không bắt buộc)').fill('Lễ khánh thành cầu treo bản Mới');
    await shot(contributor, '3-describe-dialog');
    assert.deepEqual(await axeViolations(contributor), [], 'describe dialog');
    await dialog.getByRole('button', { name: 'Lưu mô tả' }).click();
    await contributor.waitForSelector('.picture-dialog:not([open])', { state: 'attached' });
    assert.equal(await contributor.locator('#picture-1-alt').inputValue(), 'Người dân đi qua cầu treo bản Mới trong ngày khánh thành', 'the fieldset follows the editor');
    assert.equal(await contributor.locator('.rich-content figure figcaption').innerText(), 'Lễ khánh thành cầu treo bản Mới');

    // A picture from the media library, whose description the library offers.
    await contributor.locator('.rich-content p').last().click();
    await contributor.getByRole('button', { name: /^Ảnh — / }).click();
    const insert = contributor.getByRole('dialog', { name: 'Chèn ảnh' });
    await insert.getByRole('button', { name: /cau-treo-ban-moi\.png/ }).click();
    assert.equal(await insert.getByLabel('Mô tả ảnh (văn bản thay thế)').inputValue(), 'Cầu treo bản Mới bắc qua sông Chu');
    await shot(contributor, '4-insert-from-library');
    assert.deepEqual(await axeViolations(contributor), [], 'insert dialog');
    await insert.getByRole('button', { name: 'Chèn ảnh' }).click();
    await contributor.locator('.rich-content img').nth(1).waitFor();

    // A new picture from the computer, uploaded through the media library (checked by its content).
    await contributor.getByRole('button', { name: /^Ảnh — / }).click();
    await insert.locator('#picture-dialog-file').setInputFiles({ name: 'nguoi-dan.png', mimeType: 'image/png', buffer: makePng(100, 70, [40, 60, 160]) });
    await insert.getByLabel('Mô tả ảnh (văn bản thay thế)').fill('Bà con bản Mới dự lễ khánh thành');
    await insert.getByRole('button', { name: 'Chèn ảnh' }).click();
    await contributor.locator('.rich-content img').nth(2).waitFor();
    assert.equal(await contributor.locator('#picture-3-alt').inputValue(), 'Bà con bản Mới dự lễ khánh thành', 'the new picture has its row');
    await contributor.locator('#picture-3-caption').fill('Ảnh: Lê Văn Tâm');
    await contributor.locator('#pictures').scrollIntoViewIfNeeded();
    await shot(contributor, '5-three-pictures');
    assert.deepEqual(await axeViolations(contributor), [], 'editor page with its pictures');

    await contributor.getByRole('button', { name: 'Lưu', exact: true }).click();
    await contributor.waitForSelector('.flash-success');
    await contributor.getByRole('button', { name: 'Gửi duyệt', exact: true }).click();
    await contributor.waitForSelector('.flash-success');
    assert.match(await contributor.locator('.workflow-panel').innerText(), /Chờ duyệt — bước 1\/4: Lãnh đạo đơn vị/);

    // The 003 chain: unit head, secretariat, deputy, editor-in-chief approve; the publisher publishes.
    const row = await t.db.selectFrom('articles').select(['id', 'slug']).where('title', '=', title).executeTakeFirstOrThrow();
    for (const [slug, action] of [['lanhdao', 'approve'], ['thuongtruc', 'approve'], ['phoban', 'approve'], ['truongban', 'approve'], ['kythuat', 'publish']] as const) {
      const person = new Agent(t.app, 'nhuxuan.localhost');
      await person.login(`${slug}@nhuxuan.localhost`, PASSWORD);
      const res = await person.post(`/admin/articles/${row.id}/actions`, { action });
      assert.equal(res.statusCode, 303, `${slug} ${action}: ${textOf(res.body).slice(0, 400)}`);
    }

    // The public page shows each picture with its description, and the captions.
    const reader = await session.newPage(1366);
    await reader.goto(`${base}/bai-viet/${row.slug}`);
    await reader.waitForSelector(`h1:has-text("${title}")`);
    const alts = await reader.locator('main .article-body img').evaluateAll((imgs) => imgs.map((i) => (i as unknown as { alt: string }).alt));
    assert.deepEqual(alts, ['Người dân đi qua cầu treo bản Mới trong ngày khánh thành', 'Cầu treo bản Mới bắc qua sông Chu', 'Bà con bản Mới dự lễ khánh thành']);
    const captions = await reader.locator('main .article-body figcaption').allInnerTexts();
    assert.deepEqual(captions, ['Lễ khánh thành cầu treo bản Mới', 'Ảnh: Lê Văn Tâm']);
    await reader.locator('main .article-body figure').first().scrollIntoViewIfNeeded();
    await shot(reader, '6-public-page');
    assert.deepEqual(await axeViolations(reader), [], 'public article page');
  });
});
