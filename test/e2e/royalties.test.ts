// Royalties in Chromium on the commune's demo site (001, which pays a yearly
// board allowance and caps an item at one day of the regional minimum wage):
// the editor-in-chief opens the assessment queue, assesses a published item
// through the form (previewing the amount first), finds it on its month's
// sheet and downloads the sheet as XLSX, which reads back to the total the
// page shows; a contributor is refused the royalty pages.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { vndInWords } from '../../src/core/vietnamese/number-words.ts';
import { loadDemo } from '../../src/modules/demo/load-demo.ts';
import { buildTestApp, TestClock, type TestApp } from '../support/app.ts';
import { browserSession, browserUnavailable, expectAxeClean, launchBrowser, listen, type BrowserSession } from '../support/browser.ts';
import { testEngines } from '../support/databases.ts';

const skip = browserUnavailable();
const PASSWORD = 'Demo-Kiểm-thử-2026';
const SITE = 'thanhchuong';

/** "1.234.567" → 1234567 */
const vnd = (text: string) => Number(text.replace(/\D/g, ''));

describe('the editor-in-chief assesses a published item and downloads the month’s sheet', { skip: skip ?? false }, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let session: BrowserSession;

  before(async () => {
    t = await buildTestApp(testEngines()[0]!, { clock: new TestClock(new Date('2026-12-07T03:00:00Z')) });
    await loadDemo(t.db, { password: PASSWORD, clock: t.clock });
    t.refreshSites();
    base = `http://${SITE}.localhost:${await listen(t)}`;
    browser = await launchBrowser();
    session = browserSession(browser, base, SITE, PASSWORD);
  });
  after(async () => {
    await session?.close();
    await browser?.close();
    await t?.close();
  });

  test('queue → assessment → the month’s sheet → XLSX', async () => {
    const head = await session.signIn('truongban');
    await head.goto(`${base}/admin`);
    await head.getByRole('link', { name: 'Nhuận bút', exact: true }).click();
    await head.waitForURL(`${base}/admin/royalties`);
    await expectAxeClean(head, 'assessment queue');
    // The demo assessed October and November; older items wait, the oldest first.
    const firstRow = head.locator('table tbody tr').first();
    const title = (await firstRow.locator('th span').first().innerText()).trim();
    await firstRow.getByRole('link', { name: 'Chấm nhuận bút' }).click();
    await head.waitForURL(/\/admin\/royalties\/assess\/\d+$/);
    const articleId = Number(/assess\/(\d+)/.exec(head.url())![1]);
    await expectAxeClean(head, 'assessment form');

    await head.getByLabel(/^Thể loại/).selectOption('tin');
    await head.getByLabel(/^Hệ số/).fill('2,5');
    await head.getByLabel('Nhận xét chất lượng').fill('Tin kịp thời, đủ ý.');
    await head.getByRole('button', { name: 'Tính thử' }).click();
    await head.waitForLoadState();
    const preview = await head.locator('main').innerText();
    // Published in July 2026 under Decree 18/2014 (no cap): 2.5 × 10 % × 2,530,000 = 632,500.
    assert.match(preview, /632\.500/);
    assert.equal((await t.db.selectFrom('royalty_assessments').select('id').where('article_id', '=', articleId).execute()).length, 0, 'a preview writes nothing');

    await head.getByRole('button', { name: 'Ghi nhận' }).click();
    await head.waitForLoadState();
    // The demo's royalties line is mostly spent: past it the form asks for an explicit confirmation.
    const overBudget = head.getByLabel(/Vẫn ghi nhận dù vượt dự toán/);
    if (await overBudget.count()) {
      await overBudget.check();
      await head.getByRole('button', { name: 'Ghi nhận' }).click();
      await head.waitForLoadState();
    }
    await head.waitForSelector('.flash-success');
    await head.screenshot({ path: '/tmp/trangtin-royalty-assessed.png', fullPage: true });
    const assessment = await t.db.selectFrom('royalty_assessments').selectAll().where('article_id', '=', articleId).executeTakeFirstOrThrow();
    assert.equal(assessment.amount, 632_500);
    // July is open but lies behind the demo's closed October: the item goes into the first open month after it.
    assert.equal(assessment.period, '2026-11');

    // The month's sheet lists the item under its author, with the total in words.
    await head.getByRole('link', { name: 'Bảng kê theo kỳ' }).click();
    await head.getByRole('link', { name: 'Tháng 11/2026', exact: true }).click();
    await head.waitForURL(`${base}/admin/royalties/periods/2026-11`);
    const sheet = await head.locator('main').innerText();
    assert.ok(sheet.includes(title), 'the assessed item is on its month’s sheet');
    assert.match(sheet, /632\.500/);
    const total = vnd(/Cộng kỳ này:\s*([\d.]+)/.exec(sheet)?.[1] ?? /Tổng cộng:?\s*([\d.]+)/.exec(sheet)?.[1] ?? '');
    assert.ok(total >= 632_500, `total on the page: ${total}`);
    assert.ok(sheet.includes(vndInWords(total)), 'the total in words');
    await expectAxeClean(head, 'monthly sheet');
    await head.screenshot({ path: '/tmp/trangtin-royalty-sheet.png', fullPage: true });

    const [download] = await Promise.all([head.waitForEvent('download'), head.getByRole('link', { name: 'XLSX', exact: true }).click()]);
    assert.equal(download.suggestedFilename(), 'bang-ke-nhuan-but-2026-11.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await download.path())!);
    const cells: string[] = [];
    workbook.worksheets[0]!.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text))));
    const text = cells.join('\n');
    assert.ok(text.includes(title), 'the item in the XLSX');
    assert.ok(text.includes('Tháng 11/2026 (bản tạm — kỳ chưa khóa sổ)'), 'an open month is marked as a draft');
    // The sheet's grand total (this month and what is carried over) in figures and words, as on the page.
    const grand = vnd(/Tổng số phải chi:?\s*([\d.]+)/.exec(sheet)?.[1] ?? '');
    assert.ok(grand >= total, `grand total on the page: ${grand}`);
    assert.ok(text.includes(`Bằng chữ: ${vndInWords(grand)}`), 'the grand total in words in the XLSX');
    assert.ok(cells.some((c) => vnd(c) === grand), 'the grand total in the XLSX');
    assert.ok(cells.some((c) => vnd(c) === total), 'the same total in the XLSX');
  });

  test('a contributor is refused the royalty pages', async () => {
    const contributor = await session.signIn('congtacvien');
    const res = await contributor.goto(`${base}/admin/royalties`);
    assert.equal(res?.status(), 403);
    const sheet = await contributor.goto(`${base}/admin/royalties/periods/2026-11.xlsx`);
    assert.equal(sheet?.status(), 403);
    await contributor.goto(`${base}/admin`);
    assert.equal(await contributor.getByRole('link', { name: 'Nhuận bút', exact: true }).count(), 0, 'no royalty link in the menu');
  });
});
