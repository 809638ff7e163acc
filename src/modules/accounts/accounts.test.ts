import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { generate } from 'otplib';
import { Agent, mailText, textOf } from '../../../test/support/agent.ts';
import { buildTestApp, type TestApp } from '../../../test/support/app.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { makeSite, makeUser, TEST_PASSWORD, type TestUser } from '../../../test/support/factories.ts';
import { decryptSecret, encryptSecret } from '../../platform/crypto.ts';
import type { Site } from '../sites/site.ts';
import { updateSiteRow } from '../sites/store.ts';

forEachEngine('accounts: sign-in, sessions, two-factor, passwords', (engine) => {
  let t: TestApp;
  let site: Site;
  let other: Site;
  let editor: TestUser;
  let admin: TestUser;
  let outsider: TestUser;

  before(async () => {
    t = await buildTestApp(engine);
    site = await makeSite(t.db, 'acc');
    other = await makeSite(t.db, 'acc-other');
    editor = await makeUser(t.db, site, ['editor_in_chief']);
    admin = await makeUser(t.db, site, ['site_admin']);
    outsider = await makeUser(t.db, other, ['editor_in_chief']);
    t.refreshSites();
  });
  after(async () => t.close());

  describe('sign-in', () => {
    test('the login page is in Vietnamese, and a good password opens the back office with a safe cookie', async () => {
      const agent = new Agent(t.app, 'acc.test');
      const page = await agent.get('/admin/login');
      assert.equal(page.statusCode, 200);
      assert.match(textOf(page.body), /Đăng nhập trang quản trị/);
      const res = await agent.post('/admin/login', { email: editor.email.toUpperCase(), password: TEST_PASSWORD, next: '/admin/account' });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/admin/account');
      const cookie = res.cookies.find((c) => c.name === 'tt_session')!;
      assert.equal(cookie.httpOnly, true);
      assert.equal(cookie.sameSite, 'Lax');
      const home = await agent.get('/admin');
      assert.equal(home.statusCode, 200);
      assert.match(textOf(home.body), /Trưởng Ban biên tập/);
    });

    test('the next address after sign-in never leaves the site', async () => {
      const agent = new Agent(t.app, 'acc.test');
      const res = await agent.post('/admin/login', { email: editor.email, password: TEST_PASSWORD, next: '//evil.example/admin' });
      assert.equal(res.headers.location, '/admin');
    });

    test('a wrong password is refused with a message, and the failure is audited', async () => {
      const agent = new Agent(t.app, 'acc.test');
      const res = await agent.post('/admin/login', { email: editor.email, password: 'sai mật khẩu' });
      assert.equal(res.statusCode, 401);
      assert.match(textOf(res.body), /Địa chỉ thư điện tử hoặc mật khẩu không đúng/);
      assert.equal(agent.hasCookie('tt_session'), false);
      const row = await t.db.selectFrom('audit_log').selectAll().where('site_id', '=', site.id).where('action', '=', 'auth.login_failed').orderBy('seq', 'desc').executeTakeFirstOrThrow();
      assert.match(row.details, /bad_password/);
      // Recover the counter for the other tests.
      await t.db.updateTable('users').set({ failed_login_count: 0 }).where('id', '=', editor.id).execute();
    });

    test('a missing CSRF token is refused with a Vietnamese page, nothing signed in', async () => {
      const agent = new Agent(t.app, 'acc.test');
      const res = await agent.post('/admin/login', { email: editor.email, password: TEST_PASSWORD }, { csrf: false });
      assert.equal(res.statusCode, 403);
      assert.match(textOf(res.body), /Biểu mẫu đã hết hạn/);
      assert.doesNotMatch(res.body, /at .*\.ts:\d+/);
      assert.equal(agent.hasCookie('tt_session'), false);
    });

    test('a member of another site cannot sign in here', async () => {
      const agent = new Agent(t.app, 'acc.test');
      const res = await agent.post('/admin/login', { email: outsider.email, password: TEST_PASSWORD });
      assert.equal(res.statusCode, 401);
      assert.match(textOf(res.body), /không có quyền trên trang này/);
      // The right password proved who it is: the page links the site the account belongs to.
      assert.match(textOf(res.body), /Tài khoản của bạn thuộc các trang sau, hãy đăng nhập tại đó: Trang thông tin điện tử acc-other/);
      assert.match(res.body, /<a href="http:\/\/acc-other\.test(:\d+)?\/admin\/login">Trang thông tin điện tử acc-other<\/a>/);
    });

    test('a wrong password on the wrong site says nothing of where the account belongs', async () => {
      const res = await new Agent(t.app, 'acc.test').post('/admin/login', { email: outsider.email, password: 'sai-mat-khau' });
      assert.equal(res.statusCode, 401);
      assert.doesNotMatch(res.body, /acc-other\.test(:\d+)?\/admin|Trang thông tin điện tử acc-other|thuộc các trang sau/);
    });

    test('five wrong passwords lock the account with back-off; the right one is refused until then', async () => {
      const victim = await makeUser(t.db, site, ['contributor']);
      const agent = new Agent(t.app, 'acc.test');
      for (let i = 0; i < 4; i += 1) assert.equal((await agent.post('/admin/login', { email: victim.email, password: `wrong-${i}` })).statusCode, 401);
      const fifth = await agent.post('/admin/login', { email: victim.email, password: 'wrong-5' });
      assert.match(textOf(fifth.body), /tạm thời bị khóa/);
      const right = await agent.post('/admin/login', { email: victim.email, password: TEST_PASSWORD });
      assert.match(textOf(right.body), /tạm thời bị khóa/);
      let row = await t.db.selectFrom('users').selectAll().where('id', '=', victim.id).executeTakeFirstOrThrow();
      assert.equal(Date.parse(row.locked_until!) - t.clock.now().getTime(), 60_000);
      t.clock.advance(61_000);
      await agent.post('/admin/login', { email: victim.email, password: 'wrong-6' });
      row = await t.db.selectFrom('users').selectAll().where('id', '=', victim.id).executeTakeFirstOrThrow();
      assert.equal(Date.parse(row.locked_until!) - t.clock.now().getTime(), 120_000, 'second lock lasts twice as long');
      t.clock.advance(121_000);
      assert.equal((await agent.post('/admin/login', { email: victim.email, password: TEST_PASSWORD })).statusCode, 303);
    });

    test('a disabled account cannot sign in even with the right password', async () => {
      const gone = await makeUser(t.db, site, ['contributor']);
      await t.db.updateTable('users').set({ status: 'disabled' }).where('id', '=', gone.id).execute();
      const res = await new Agent(t.app, 'acc.test').post('/admin/login', { email: gone.email, password: TEST_PASSWORD });
      assert.match(textOf(res.body), /vô hiệu hóa/);
    });

    test('signing in is rate-limited per address and account', async () => {
      const agent = new Agent(t.app, 'acc.test');
      await agent.csrf();
      const statuses: number[] = [];
      for (let i = 0; i < 11; i += 1) statuses.push((await agent.post('/admin/login', { email: 'nobody@acc.test', password: 'x' })).statusCode);
      assert.ok(statuses.includes(429), `statuses: ${statuses.join(',')}`);
      const limited = await agent.post('/admin/login', { email: 'Nobody@ACC.test', password: 'x' });
      assert.equal(limited.statusCode, 429, 'the same account however it is typed');
      assert.match(textOf(limited.body), /Quá nhiều yêu cầu/);
    });

    const OFFICE_ADDRESS = '192.0.2.10';
    test('an office behind one address signs in together: other accounts from that address are not refused, up to a wider bound', async () => {
      // The previous test used up nobody@'s count from this address, not the address's.
      const colleagues = await Promise.all(Array.from({ length: 12 }, () => makeUser(t.db, site, ['contributor'])));
      for (const colleague of colleagues) {
        const agent = new Agent(t.app, 'acc.test', OFFICE_ADDRESS);
        await agent.csrf();
        const res = await agent.post('/admin/login', { email: colleague.email, password: TEST_PASSWORD });
        assert.equal(res.statusCode, 303, `${colleague.email}: ${res.statusCode}`);
      }
      // Guessing across many accounts from one address still meets a bound.
      const agent = new Agent(t.app, 'acc.test', OFFICE_ADDRESS);
      await agent.csrf();
      const statuses: number[] = [];
      for (let i = 0; i < 125 && !statuses.includes(429); i += 1) statuses.push((await agent.post('/admin/login', { email: `guess${i}@acc.test`, password: 'x' })).statusCode);
      assert.equal(statuses.at(-1), 429, `refused after ${statuses.length} attempts`);
      assert.ok(statuses.length > 100, `the bound is wide: refused after ${statuses.length}`);
    });
  });

  describe('sessions', () => {
    test('a session of one site is not accepted on another site', async () => {
      const agent = new Agent(t.app, 'acc.test');
      await agent.login(editor.email);
      const stolen = new Agent(t.app, 'acc-other.test');
      stolen.setCookie('tt_session', agent.cookie('tt_session')!);
      const res = await stolen.get('/admin');
      assert.equal(res.statusCode, 302);
      assert.match(String(res.headers.location), /^\/admin\/login/);
    });

    test('a user sees their sessions and signs one out; sign-out ends the session', async () => {
      const phone = new Agent(t.app, 'acc.test');
      await phone.login(admin.email);
      const desk = new Agent(t.app, 'acc.test');
      await desk.login(admin.email);
      const page = await desk.get('/admin/account');
      const ids = [...page.body.matchAll(/name="id" value="([0-9a-f]{64})"/g)].map((m) => m[1]!);
      assert.ok(ids.length >= 1, 'other sessions are listed with a revoke button');
      const res = await desk.post('/admin/account/sessions/revoke-others');
      assert.equal(res.statusCode, 303);
      assert.equal((await phone.get('/admin')).statusCode, 302, 'the other session is gone');
      assert.equal((await desk.get('/admin')).statusCode, 200);
      await desk.post('/admin/logout');
      assert.equal((await desk.get('/admin')).statusCode, 302);
      const logout = await t.db.selectFrom('audit_log').select('action').where('site_id', '=', site.id).where('action', '=', 'auth.logout').executeTakeFirst();
      assert.ok(logout);
    });

    test('an idle session expires', async () => {
      const agent = new Agent(t.app, 'acc.test');
      await agent.login(editor.email);
      t.clock.advance(2 * 60 * 60 * 1000 + 1000);
      assert.equal((await agent.get('/admin')).statusCode, 302);
    });
  });

  describe('two-factor', () => {
    test('a user turns on TOTP; sign-in then needs a code, and a code works only once', async () => {
      const user = await makeUser(t.db, site, ['deputy']);
      const agent = new Agent(t.app, 'acc.test');
      await agent.login(user.email);
      const setup = await agent.get('/admin/account/2fa');
      assert.match(setup.body, /<svg/);
      const row = await t.db.selectFrom('users').selectAll().where('id', '=', user.id).executeTakeFirstOrThrow();
      const secret = decryptSecret(t.deps.keys.totp, row.totp_secret_enc!);
      assert.equal((await agent.post('/admin/account/2fa', { code: '000000' })).statusCode, 400);
      const code = await generate({ secret, epoch: Math.floor(t.clock.now().getTime() / 1000) });
      assert.equal((await agent.post('/admin/account/2fa', { code })).statusCode, 303);

      t.clock.advance(60_000);
      const next = new Agent(t.app, 'acc.test');
      const login = await next.post('/admin/login', { email: user.email, password: TEST_PASSWORD, next: '/admin' });
      assert.match(String(login.headers.location), /^\/admin\/login\/2fa/);
      assert.equal((await next.get('/admin')).statusCode, 302, 'no access before the code');
      const code2 = await generate({ secret, epoch: Math.floor(t.clock.now().getTime() / 1000) });
      assert.equal((await next.post('/admin/login/2fa', { code: code2, next: '/admin' })).statusCode, 303);
      assert.equal((await next.get('/admin')).statusCode, 200);

      const replay = new Agent(t.app, 'acc.test');
      await replay.post('/admin/login', { email: user.email, password: TEST_PASSWORD });
      const again = await replay.post('/admin/login/2fa', { code: code2 });
      assert.equal(again.statusCode, 401, 'the same code is refused a second time');
    });

    test('officials behind one address pass the second step together (each account still locks after wrong codes)', async () => {
      // Twelve colleagues with an authenticator, signing in from the office's one address.
      const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
      const colleagues = await Promise.all(Array.from({ length: 12 }, () => makeUser(t.db, site, ['contributor'])));
      await t.db.updateTable('users').set({ totp_secret_enc: encryptSecret(t.deps.keys.totp, secret), totp_enabled_at: t.clock.now().toISOString() }).where('id', 'in', colleagues.map((c) => c.id)).execute();
      t.clock.advance(60_000);
      const code = await generate({ secret, epoch: Math.floor(t.clock.now().getTime() / 1000) });
      for (const colleague of colleagues) {
        const agent = new Agent(t.app, 'acc.test', '192.0.2.20');
        const login = await agent.post('/admin/login', { email: colleague.email, password: TEST_PASSWORD });
        assert.match(String(login.headers.location), /^\/admin\/login\/2fa/);
        const res = await agent.post('/admin/login/2fa', { code, next: '/admin' });
        assert.equal(res.statusCode, 303, `${colleague.email}: ${res.statusCode}`);
      }
    });

    test('a site that requires 2FA for administrators sends them to enrol first', async () => {
      await updateSiteRow(t.db, site.id, { settings: JSON.stringify({ twoFactor: 'admins' }) });
      t.refreshSites();
      try {
        const boss = await makeUser(t.db, site, ['site_admin']);
        const agent = new Agent(t.app, 'acc.test');
        const login = await agent.post('/admin/login', { email: boss.email, password: TEST_PASSWORD });
        assert.equal(login.headers.location, '/admin/account/2fa');
        const blocked = await agent.get('/admin/users');
        assert.equal(blocked.statusCode, 302);
        assert.equal(blocked.headers.location, '/admin/account/2fa');
        // A contributor is not an administrator: no enrolment asked.
        const writer = await makeUser(t.db, site, ['contributor']);
        const plain = await new Agent(t.app, 'acc.test').post('/admin/login', { email: writer.email, password: TEST_PASSWORD });
        assert.equal(plain.headers.location, '/admin');
      } finally {
        await updateSiteRow(t.db, site.id, { settings: JSON.stringify({ twoFactor: 'off' }) });
        t.refreshSites();
      }
    });
  });

  describe('passwords', () => {
    test('forgot password e-mails a one-time link; the new password must meet the policy; old sessions end', async () => {
      const user = await makeUser(t.db, site, ['secretary']);
      const before = new Agent(t.app, 'acc.test');
      await before.login(user.email);
      const agent = new Agent(t.app, 'acc.test');
      const sent = await agent.post('/admin/password/forgot', { email: user.email });
      assert.match(textOf(sent.body), /thư hướng dẫn đặt lại mật khẩu đã được gửi/);
      const mail = mailText(t.sentMail().at(-1)!);
      assert.match(mail, new RegExp(`To: ${user.email}`));
      const link = /http:\/\/acc\.test(\/admin\/password\/reset\/[A-Za-z0-9_-]+)/.exec(mail)![1]!;

      const weak = await agent.post(link, { password: 'abc', confirm: 'abc' });
      assert.equal(weak.statusCode, 400);
      assert.match(textOf(weak.body), /ít nhất 10 ký tự/);
      const mismatch = await agent.post(link, { password: 'Hà-Nội-mùa-thu-2026', confirm: 'Hà-Nội-mùa-thu-2027' });
      assert.match(textOf(mismatch.body), /không khớp/);
      const done = await agent.post(link, { password: 'Hà-Nội-mùa-thu-2026', confirm: 'Hà-Nội-mùa-thu-2026' });
      assert.equal(done.statusCode, 303);
      assert.equal((await before.get('/admin')).statusCode, 302, 'sessions opened with the old password are signed out');
      assert.equal((await agent.get(link)).statusCode, 410, 'the link works once');
      await new Agent(t.app, 'acc.test').login(user.email, 'Hà-Nội-mùa-thu-2026');
    });

    test('forgot password answers the same for an unknown address and sends nothing', async () => {
      const count = t.sentMail().length;
      const res = await new Agent(t.app, 'acc.test').post('/admin/password/forgot', { email: 'ai-do@khong.co' });
      assert.match(textOf(res.body), /thư hướng dẫn/);
      assert.equal(t.sentMail().length, count);
    });

    test('a user edits their own name and phone; a bad phone is refused and the typed name kept', async () => {
      const user = await makeUser(t.db, site, ['responder']);
      const agent = new Agent(t.app, 'acc.test');
      await agent.login(user.email);
      const bad = await agent.post('/admin/account/profile', { name: 'Mai Anh Tuấn', phone: 'số máy bàn' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /value="Mai Anh Tuấn"/);
      assert.equal((await agent.post('/admin/account/profile', { name: 'Mai Anh Tuấn', phone: '0260 3862 111' })).statusCode, 303);
      const row = await t.db.selectFrom('users').select(['name', 'name_folded', 'phone']).where('id', '=', user.id).executeTakeFirstOrThrow();
      assert.deepEqual(row, { name: 'Mai Anh Tuấn', name_folded: 'mai anh tuan', phone: '0260 3862 111' });
    });

    test('a user changes their own password with the current one', async () => {
      const user = await makeUser(t.db, site, ['board_member']);
      const agent = new Agent(t.app, 'acc.test');
      await agent.login(user.email);
      const wrong = await agent.post('/admin/account/password', { current: 'not it', password: 'Đà-Lạt-sương-mù-9', confirm: 'Đà-Lạt-sương-mù-9' });
      assert.match(textOf(wrong.body), /Mật khẩu hiện tại không đúng/);
      const ok = await agent.post('/admin/account/password', { current: TEST_PASSWORD, password: 'Đà-Lạt-sương-mù-9', confirm: 'Đà-Lạt-sương-mù-9' });
      assert.equal(ok.statusCode, 303);
      await new Agent(t.app, 'acc.test').login(user.email, 'Đà-Lạt-sương-mù-9');
    });
  });
});
