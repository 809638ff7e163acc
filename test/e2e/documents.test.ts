// The document library of the Như Xuân demo site in Chromium: the
// editor-in-chief uploads a PDF, records a document with it and publishes it
// urgently (logged, approved afterwards); a citizen finds it with a query
// typed without diacritics, opens it and downloads the file. axe-core checks
// the library list, the document page and the procedure pages.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { loadDemo } from '../../src/modules/demo/load-demo.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { browserSession, browserUnavailable, expectAxeClean, launchBrowser, listen, type BrowserSession } from '../support/browser.ts';
import { testEngines } from '../support/databases.ts';

const skip = browserUnavailable();
const PASSWORD = 'Demo-Kiểm-thử-2026';
const PDF = Buffer.from('%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1');
const TITLE = 'Quyết định ban hành Quy chế quản lý Trang thông tin điện tử huyện';

describe('document library of the Như Xuân demo site, in Chromium', { skip: skip ?? false }, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let session: BrowserSession;

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




  test('upload a document with a PDF, publish it, find it without diacritics, open it and download the file', async () => {
    // 1. The editor-in-chief puts the signed PDF in the media library.
    const chief = await session.signIn('truongban');
    await chief.goto(`${base}/admin/media`);
    await chief.locator('#purpose').selectOption('attachment');
    await chief.setInputFiles('#file', { name: 'quyet-dinh-quy-che.pdf', mimeType: 'application/pdf', buffer: PDF });
    await chief.getByRole('button', { name: 'Tải tệp lên', exact: true }).click();
    await chief.waitForSelector('.flash-success');

    // 2. …records the document from the library's back-office list.
    await chief.goto(`${base}/admin/documents`);
    await chief.getByRole('link', { name: 'Thêm văn bản mới' }).click();
    await chief.locator('#title').fill(TITLE);
    await chief.locator('#summary').fill('Quy chế quy định việc cung cấp, biên tập và đăng tải thông tin.');
    await chief.locator('#docNumber').fill('15/2026/QĐ-UBND');
    await chief.locator('#docType').selectOption('quyet-dinh');
    await chief.locator('#docIssuer').fill('Ủy ban nhân dân huyện Như Xuân');
    await chief.locator('#docLevel').selectOption('local');
    await chief.locator('#docSigner').fill('Lê Văn Hòa');
    await chief.locator('#docIssuedOn').fill('2026-11-20');
    await chief.locator('#docEffectiveOn').fill('2026-11-20');
    await chief.getByLabel('quyet-dinh-quy-che.pdf').check();
    await chief.getByRole('button', { name: 'Lưu', exact: true }).click();
    await chief.waitForSelector('.flash-success');

    // 3. …and publishes it at once, with the reason the regulation asks for.
    const urgent = chief.locator('form', { has: chief.getByRole('button', { name: /^Đăng khẩn/ }) });
    await urgent.locator('textarea').fill('Văn bản chỉ đạo cần công khai ngay theo yêu cầu của lãnh đạo.');
    await urgent.getByRole('button', { name: /^Đăng khẩn/ }).click();
    await chief.waitForSelector('.flash-success');

    // 4. A citizen searches the library without diacritics.
    const citizen = await session.newPage();
    await citizen.goto(`${base}/van-ban`);
    await expectAxeClean(citizen, 'library list');
    await citizen.locator('#doc-q').fill('quy che quan ly trang thong tin');
    await citizen.locator('#doc-q').press('Enter');
    await citizen.waitForURL(/\/van-ban\?/);
    const hit = citizen.getByRole('link', { name: new RegExp(TITLE) });
    assert.equal(await hit.count(), 1, 'the document is found by a query without diacritics');
    await expectAxeClean(citizen, 'library results');

    // 5. …opens it: the metadata table says what it is and that it is in force.
    await hit.click();
    await citizen.waitForSelector('h1');
    const meta = await citizen.locator('table').first().innerText();
    assert.match(meta, /15\/2026\/QĐ-UBND/);
    assert.match(meta, /Ủy ban nhân dân huyện Như Xuân/);
    assert.match(meta, /Còn hiệu lực/);
    await expectAxeClean(citizen, 'document page');

    // 6. …and downloads the PDF: the very bytes uploaded.
    const [download] = await Promise.all([citizen.waitForEvent('download'), citizen.getByRole('link', { name: /quyet-dinh-quy-che\.pdf/ }).first().click()]);
    const path = await download.path();
    assert.ok(path);
    const { readFile } = await import('node:fs/promises');
    assert.deepEqual(await readFile(path), PDF);
    assert.match(download.suggestedFilename(), /\.pdf$/);
  });

  test('procedures: the list and a procedure page are accessible and show the steps and dossier', async () => {
    const page = await session.newPage();
    await page.goto(`${base}/thu-tuc-hanh-chinh`);
    await expectAxeClean(page, 'procedure list');
    await page.getByRole('link', { name: /khai sinh/i }).first().click();
    await page.waitForSelector('h1');
    assert.match(await page.locator('h1').innerText(), /khai sinh/i);
    assert.ok((await page.locator('ol li').count()) > 0, 'the steps are an ordered list');
    await expectAxeClean(page, 'procedure page');
  });
});
