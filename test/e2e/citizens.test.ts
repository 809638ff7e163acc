// Citizens' voice on the Như Xuân demo site, in Chromium: a citizen asks a
// question; the secretariat assigns it to a unit; the unit's responder records
// receipt and drafts the answer; the unit head and the editor-in-chief approve
// it; the secretariat sends and publishes it; the citizen follows it by its
// tracking code and reads it among the published answers, without any of their
// personal data. axe-core checks every public form and result page.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { loadDemo } from '../../src/modules/demo/load-demo.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { browserSession, browserUnavailable, expectAxeClean, launchBrowser, listen, type BrowserSession } from '../support/browser.ts';
import { testEngines } from '../support/databases.ts';

const skip = browserUnavailable();
const PASSWORD = 'Demo-Kiểm-thử-2026';
const QUESTION = 'Hồ sơ xin phép sửa chữa nhà ở nông thôn';
const ASKER = { name: 'Lê Thị Riêng Tư', email: 'le.thi.rieng.tu@example.vn', phone: '0912 345 678', address: 'Thôn Bí Mật, xã Xuân Bình' };
const ANSWER = 'Sửa chữa nhà ở riêng lẻ ở nông thôn không làm thay đổi kết cấu chịu lực thì được miễn giấy phép xây dựng.';

describe("citizens' questions on the Như Xuân demo site, in Chromium", { skip: skip ?? false }, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let session: BrowserSession;

  before(async () => {
    t = await buildTestApp(testEngines()[0]!);
    await loadDemo(t.db, { password: PASSWORD, clock: t.clock });
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




  /** Opens the case as this person and presses the button of one of its forms. */
  async function act(page: Page, caseId: number, form: string, button = 'button[type="submit"]', fill?: (page: Page) => Promise<void>): Promise<void> {
    await page.goto(`${base}/admin/cases/${caseId}`);
    if (fill) await fill(page);
    await Promise.all([page.waitForURL(`**/admin/cases/${caseId}**`), page.locator(`form[action$="/${caseId}/${form}"] ${button}`).click()]);
    const flash = await page.locator('main').innerText();
    assert.doesNotMatch(flash, /Không thể|could not/i, `${form}: ${flash.slice(0, 300)}`);
  }

  test('a question goes from the citizen through the unit and the chain to a published answer, followed by its code', async () => {
    // 1. The citizen, on a phone, sends the question (first an empty form: errors, still accessible).
    const citizen = await session.newPage(375);
    await citizen.goto(`${base}/hoi-dap/gui-cau-hoi`);
    await expectAxeClean(citizen, 'question form');
    t.clock.advance(5_000);
    await citizen.locator('form.citizen-form button[type="submit"]').click();
    await citizen.waitForSelector('.error-summary');
    await expectAxeClean(citizen, 'question form with errors');
    await citizen.fill('#name', ASKER.name);
    await citizen.fill('#email', ASKER.email);
    await citizen.fill('#phone', ASKER.phone);
    await citizen.fill('#address', ASKER.address);
    await citizen.fill('#title', QUESTION);
    await citizen.fill('#body', 'Gia đình tôi muốn thay mái ngói và lát lại nền nhà. Xin hỏi có cần xin giấy phép xây dựng không?');
    await citizen.check('#consent');
    t.clock.advance(5_000);
    await citizen.locator('form.citizen-form button[type="submit"]').click();
    const code = (await citizen.locator('.tracking-code').innerText()).trim();
    assert.match(code, /^HD-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    await expectAxeClean(citizen, 'question sent');
    const row = await t.db.selectFrom('citizen_cases').select(['id', 'status']).where('tracking_code', '=', code).executeTakeFirstOrThrow();
    assert.equal(row.status, 'received');

    // 2. The secretariat classifies it and assigns it to the unit.
    const secretariat = await session.signIn('thuongtruc');
    await secretariat.goto(`${base}/admin/cases`);
    assert.match(await secretariat.locator('main').innerText(), new RegExp(QUESTION));
    await act(secretariat, row.id, 'assign', 'button[type="submit"]', async (page) => {
      await page.locator('#field').selectOption({ index: 1 });
      await page.locator('#unitId').selectOption({ index: 1 });
    });

    // 3. The unit's responder records receipt the same day, drafts the answer and submits it.
    const responder = await session.signIn('traloi');
    await responder.goto(`${base}/admin/cases`);
    assert.match(await responder.locator('main').innerText(), new RegExp(QUESTION), 'the unit sees its case');
    await act(responder, row.id, 'receipt');
    await act(responder, row.id, 'answer', 'button[value="submit"]', (page) => page.fill('#answer', ANSWER));

    // 4. The unit head checks it, the editor-in-chief approves it.
    await act(await session.signIn('lanhdao'), row.id, 'review', 'button[value="approve"]');
    await act(await session.signIn('truongban'), row.id, 'review', 'button[value="approve"]');

    // 5. The secretariat sends the answer to the asker and publishes it.
    await act(secretariat, row.id, 'send');
    const done = await t.db.selectFrom('citizen_cases').select(['status', 'published_at']).where('id', '=', row.id).executeTakeFirstOrThrow();
    assert.equal(done.status, 'answered');
    assert.ok(done.published_at);
    assert.ok(t.sentMail().some((m) => m.includes(ASKER.email) && m.includes(code)), 'the asker got a receipt with the code');

    // 6. The citizen follows it by its code, typed in lower case with spaces.
    await citizen.goto(`${base}/tra-cuu-y-kien`);
    await expectAxeClean(citizen, 'tracking form');
    await citizen.fill('#ma', code.toLowerCase().replaceAll('-', ' '));
    await Promise.all([citizen.waitForURL('**/tra-cuu-y-kien?**'), citizen.locator('form[action="/tra-cuu-y-kien"] button[type="submit"]').click()]);
    const tracked = await citizen.locator('main').innerText();
    assert.match(tracked, /Đã trả lời/);
    assert.match(tracked, /miễn giấy phép xây dựng/);
    await expectAxeClean(citizen, 'tracking result');

    // 7. … and reads it among the published answers; nothing of theirs is on the public pages.
    await citizen.goto(`${base}/hoi-dap`);
    await expectAxeClean(citizen, 'published questions');
    await Promise.all([citizen.waitForURL(`**/hoi-dap/${row.id}`), citizen.getByRole('link', { name: QUESTION }).click()]);
    assert.match(await citizen.locator('main').innerText(), /miễn giấy phép xây dựng/);
    await expectAxeClean(citizen, 'published answer');
    for (const path of ['/hoi-dap', `/hoi-dap/${row.id}`, `/tra-cuu-y-kien?ma=${code}`, '/api/v1/open/questions']) {
      const body = (await t.app.inject({ url: path, headers: { host: 'nhuxuan.localhost' } })).body;
      for (const secret of [ASKER.name, ASKER.email, ASKER.phone, ASKER.address]) assert.ok(!body.includes(secret), `${path} must not show ${secret}`);
    }
  });

  test('every other public form and result page of citizens’ voice passes axe-core', async () => {
    const page = await session.newPage(375);
    for (const path of ['/phan-anh-kien-nghi/gui', '/phan-anh-kien-nghi', '/tiep-can-thong-tin', '/tiep-can-thong-tin/yeu-cau', '/tiep-can-thong-tin/de-nghi-dinh-chinh', '/lay-y-kien']) {
      const response = await page.goto(`${base}${path}`);
      assert.equal(response?.status(), 200, path);
      await expectAxeClean(page, path);
    }
    // The demo draft open for comment, its comment form with errors.
    await page.goto(`${base}/lay-y-kien`);
    await Promise.all([page.waitForURL('**/lay-y-kien/**'), page.getByRole('link', { name: /Dự thảo Quy chế quản lý chợ/ }).first().click()]);
    await expectAxeClean(page, 'draft open for comment');
    t.clock.advance(5_000);
    // The comment form (the rating form below it posts elsewhere).
    await page.locator('main form[action^="/lay-y-kien/"] button[type="submit"]').click();
    await page.waitForSelector('.error-summary');
    await expectAxeClean(page, 'comment form with errors');
  });
});
