// A person in a real browser: signs in, finds their roles, manages users,
// at phone and desktop widths, with axe-core finding no WCAG 2.1 A/AA violation.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { axeViolations, browserUnavailable, launchBrowser, listen } from '../support/browser.ts';
import { testEngines } from '../support/databases.ts';
import { makeSite, makeUnit, makeUser, TEST_PASSWORD, type TestUser } from '../support/factories.ts';

// Code passed to page.evaluate runs in the browser; the server's type-check has no DOM library.
declare const document: { documentElement: { scrollWidth: number; clientWidth: number }; activeElement: { id: string; textContent: string | null } | null };

const skip = browserUnavailable();

describe('back office in Chromium', { skip: skip ?? false }, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let admin: TestUser;

  before(async () => {
    t = await buildTestApp(testEngines()[0]!);
    const site = await makeSite(t.db, 'e2e', { hosts: ['e2e.localhost'], name: 'Trang thông tin điện tử huyện Như Xuân', labels: { board: 'Ban biên tập' } });
    const unitId = await makeUnit(t.db, site, 'Văn phòng HĐND và UBND huyện');
    admin = await makeUser(t.db, site, ['site_admin', 'editor_in_chief'], { name: 'Lê Thị Thanh Hương', unitId });
    t.refreshSites();
    base = `http://e2e.localhost:${await listen(t)}`;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  async function signIn(page: Page): Promise<void> {
    await page.goto(`${base}/admin`);
    await page.getByLabel('Địa chỉ thư điện tử').fill(admin.email);
    await page.getByLabel('Mật khẩu').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(`${base}/admin`);
  }

  for (const width of [320, 1280]) {
    test(`sign-in and the back-office home are usable and accessible at ${width} px`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 800 } });
      const page = await context.newPage();
      await page.goto(`${base}/admin`);
      assert.match(page.url(), /\/admin\/login\?next=%2Fadmin$/, 'signed-out people are sent to sign in');
      assert.equal(await page.locator('h1').innerText(), 'Đăng nhập trang quản trị');
      assert.deepEqual(await axeViolations(page), [], 'login page');

      // A wrong password keeps the e-mail and says what went wrong.
      await page.getByLabel('Địa chỉ thư điện tử').fill(admin.email);
      await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      assert.match(await page.getByRole('alert').innerText(), /không đúng/);
      assert.equal(await page.getByLabel('Địa chỉ thư điện tử').inputValue(), admin.email);
      assert.deepEqual(await axeViolations(page), [], 'login page with an error');

      await page.getByLabel('Mật khẩu').fill(TEST_PASSWORD);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.waitForURL(`${base}/admin`);
      const main = await page.locator('main').innerText();
      assert.match(main, /Xin chào Lê Thị Thanh Hương/);
      assert.match(main, /Quản trị hệ thống/);
      assert.match(main, /Trưởng Ban biên tập/);
      assert.deepEqual(await axeViolations(page), [], 'back-office home');
      // Nothing wider than the screen at 320 px (WCAG 1.4.10 reflow).
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `horizontal overflow of ${overflow}px`);
      await context.close();
    });
  }

  test('the skip link is the first thing the keyboard reaches and moves focus to the content', async () => {
    const context = await browser.newContext({});
    const page = await context.newPage();
    await signIn(page);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Bỏ qua đến nội dung chính');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
    await context.close();
  });

  test('an administrator adds a colleague without JavaScript, sees the errors first, then the link to hand over', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page);
    await page.getByRole('link', { name: 'Người dùng' }).click();
    await page.getByRole('link', { name: 'Thêm người dùng' }).click();
    await page.getByLabel('Thư điện tử').fill('khong-hop-le');
    await page.getByRole('button', { name: 'Thêm người dùng' }).click();
    const summary = await page.locator('.error-summary').innerText();
    assert.match(summary, /không đúng dạng địa chỉ thư điện tử/);
    assert.match(summary, /Vui lòng nhập Họ và tên/);
    assert.match(summary, /Vui lòng chọn Vai trò trên trang/);
    assert.equal(await page.getByLabel('Thư điện tử').inputValue(), 'khong-hop-le', 'what was typed is kept');

    await page.getByLabel('Thư điện tử').fill('tran.minh@nhuxuan.gov.vn');
    await page.getByLabel('Họ và tên').fill('Trần Văn Minh');
    await page.getByLabel('Đơn vị', { exact: true }).selectOption({ label: 'Văn phòng HĐND và UBND huyện' });
    await page.getByRole('checkbox', { name: 'Cán bộ cung cấp thông tin, cộng tác viên' }).check();
    await page.getByRole('button', { name: 'Thêm người dùng' }).click();
    assert.match(await page.locator('h1').innerText(), /Liên kết đặt mật khẩu/);
    assert.match(await page.locator('.secret').innerText(), /\/admin\/password\/reset\//);
    await context.close();
  });

  test('the other back-office pages pass axe-core', async () => {
    const context = await browser.newContext({});
    const page = await context.newPage();
    await signIn(page);
    const failures: string[] = [];
    // A rated item, so the ratings page shows its tables.
    const site = await t.db.selectFrom('sites').select('id').where('key', '=', 'e2e').executeTakeFirstOrThrow();
    await t.db.insertInto('rating_counts').values({ site_id: site.id, month: new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 7), item_type: 'procedure', item_id: 1, kind: 'procedure', section_id: null, title: 'Đăng ký khai sinh', url: '/thu-tuc-hanh-chinh/dang-ky-khai-sinh', useful: 3, not_useful: 1 }).execute();
    for (const path of ['/admin/users', '/admin/users/new', '/admin/units', '/admin/units/new', '/admin/delegations', '/admin/audit', '/admin/site', '/admin/rules', '/admin/account', '/admin/account/2fa', '/admin/account/password', '/admin/tokens', '/admin/ratings']) {
      await page.goto(`${base}${path}`);
      for (const v of await axeViolations(page)) failures.push(`${path}: ${v}`);
    }
    await page.goto(`${base}/admin/users/new`);
    await page.getByRole('button', { name: 'Thêm người dùng' }).click();
    for (const v of await axeViolations(page)) failures.push(`/admin/users/new with errors: ${v}`);
    assert.deepEqual(failures, []);
    await context.close();
  });
});
