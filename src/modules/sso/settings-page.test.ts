// The site's sign-in methods page and the settings link to it, on SQLite and
// PostgreSQL: they describe what is actually configured (ADR 31). Without a
// shared login the page says so in plain words, the "local passwords" box is
// shown ticked and disabled with the reason, a forged save is refused and the
// box still shows the stored value; the hint sits under the box, not beside it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Agent, textOf } from '../../../test/support/agent.ts';
import { buildTestApp, type TestApp } from '../../../test/support/app.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { makeSite, makeUser, type TestUser } from '../../../test/support/factories.ts';

forEachEngine('sign-in methods page', (engine) => {
  let plain: TestApp;
  let shared: TestApp;
  let plainAdmin: TestUser;
  let sharedAdmin: TestUser;
  let editor: TestUser;

  before(async () => {
    plain = await buildTestApp(engine);
    const site = await makeSite(plain.db, 'khongsso');
    plainAdmin = await makeUser(plain.db, site, ['site_admin']);
    editor = await makeUser(plain.db, site, ['editor_in_chief']);
    const ldap = { url: 'ldap://127.0.0.1:1', startTls: false, bindDnPattern: null, searchBase: 'ou=people,dc=tinh', searchFilter: '(mail={email})', serviceDn: null, servicePassword: null, emailAttribute: 'mail', caFile: null, timeoutMs: 1000 };
    shared = await buildTestApp(engine, { config: { sso: { oidc: null, ldap } } });
    const other = await makeSite(shared.db, 'cosso');
    sharedAdmin = await makeUser(shared.db, other, ['site_admin']);
  });
  after(async () => {
    await plain.close();
    await shared.close();
  });

  test('with no shared login: the link and the page say so plainly, the box is locked on, a forged save is refused and shows the stored value', async () => {
    const admin = new Agent(plain.app, 'khongsso.test');
    assert.equal((await admin.login(plainAdmin.email)).statusCode, 303);
    const settings = await admin.get('/admin/site');
    assert.match(settings.body, /<a href="\/admin\/site\/sign-in">Cách đăng nhập: địa chỉ thư điện tử và mật khẩu riêng \(tỉnh chưa kết nối đăng nhập dùng chung\)<\/a>/);
    assert.doesNotMatch(textOf(settings.body), /tài khoản dùng chung của tỉnh/);

    const page = await admin.get('/admin/site/sign-in');
    assert.equal(page.statusCode, 200);
    const text = textOf(page.body);
    assert.match(text, /Tỉnh chưa kết nối đăng nhập dùng chung cho hệ thống này.*liên hệ Trung tâm Công nghệ thông tin của tỉnh/s);
    assert.doesNotMatch(page.body, /<dt>OpenID Connect<\/dt>|Chưa cấu hình</, 'no jargon list');
    assert.match(page.body, /<p class="fine-print">Chi tiết kỹ thuật: chưa cấu hình OpenID Connect hay thư mục LDAP\.<\/p>/);
    assert.match(page.body, /<input type="checkbox" id="localPasswords" name="localPasswords" value="on" checked disabled/);
    assert.match(text, /Chưa tắt được: khi chưa có đăng nhập dùng chung/);
    assert.doesNotMatch(page.body, /<button type="submit">Lưu<\/button>/, 'nothing to save');
    assert.match(page.body, /<a href="\/admin\/site">Quay lại Cấu hình trang<\/a>/);
    // The hint is under the box and its label, not a third item squeezed in their row.
    assert.match(page.body, /<\/label><\/div><p class="hint" id="localPasswords-hint">/);

    const refused = await admin.post('/admin/site/sign-in', {});
    assert.equal(refused.statusCode, 400);
    assert.match(textOf(refused.body), /Chỉ tắt được mật khẩu riêng khi hệ thống đã cấu hình tài khoản dùng chung/);
    assert.match(refused.body, /name="localPasswords" value="on" checked/, 'the stored value, not the unticked box');
    plain.refreshSites();
    assert.notEqual((await plain.deps.sites.byIdOrNull((await plain.deps.sites.all()).find((s) => s.key === 'khongsso')!.id))?.settings.localPasswords, false);

    const other = new Agent(plain.app, 'khongsso.test');
    await other.login(editor.email);
    assert.equal((await other.get('/admin/site/sign-in')).statusCode, 403);
    assert.equal((await other.post('/admin/site/sign-in', {})).statusCode, 403);
  });

  test('with a shared login configured: the link names both ways and the box can be turned off', async () => {
    const admin = new Agent(shared.app, 'cosso.test');
    assert.equal((await admin.login(sharedAdmin.email)).statusCode, 303);
    assert.match((await admin.get('/admin/site')).body, />Cách đăng nhập: mật khẩu riêng hoặc tài khoản dùng chung của tỉnh<\/a>/);
    const page = await admin.get('/admin/site/sign-in');
    assert.match(page.body, /<dt>Thư mục LDAP<\/dt><dd>Đã cấu hình trên hệ thống<\/dd>/);
    assert.doesNotMatch(page.body, /disabled/);
    assert.equal((await admin.post('/admin/site/sign-in', {})).statusCode, 303);
    assert.match((await admin.get('/admin/site')).body, />Cách đăng nhập: chỉ tài khoản dùng chung của tỉnh<\/a>/);
  });
});
