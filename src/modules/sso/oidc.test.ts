// Single sign-on with OpenID Connect against a real provider (oidc-provider, started here on a
// loopback port), driven over real HTTP: the site's button, the provider's login and consent
// forms, the callback on the site's own address, the back office.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import Provider from 'oidc-provider';
import { generate } from 'otplib';
import { textOf } from '../../../test/support/agent.ts';
import { buildTestApp, type TestApp } from '../../../test/support/app.ts';
import { HttpBrowser, formAction, linkTo, type HttpAnswer } from '../../../test/support/browser-http.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { makeSite, makeUser, type TestUser } from '../../../test/support/factories.ts';
import { encryptSecret } from '../../platform/crypto.ts';
import type { Site } from '../sites/site.ts';

interface IdpAccount {
  email: string;
  email_verified: boolean;
}

forEachEngine('single sign-on: OpenID Connect', (engine) => {
  let t: TestApp;
  let site: Site;
  let other: Site;
  let member: TestUser;
  let guarded: TestUser;
  let outsider: TestUser;
  let idpServer: http.Server;
  let issuer: string;
  let siteOrigin: string;
  const totpSecret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
  /** The provider's accounts, by the login typed into its form. */
  const accounts = new Map<string, IdpAccount>();

  before(async () => {
    idpServer = http.createServer();
    await new Promise<void>((resolve) => idpServer.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(idpServer.address() as AddressInfo).port}`;
    t = await buildTestApp(engine, {
      config: { sso: { ldap: null, oidc: { issuer: new URL(issuer), clientId: 'trangtin', clientSecret: 'bi-mat-cua-ung-dung-thu-0123456789', displayName: 'Hệ thống đăng nhập một lần tỉnh (thử)', trustMfa: false, mfaAcr: [], allowHttp: true } } },
    });
    site = await makeSite(t.db, 'ssoa', { hosts: ['ssoa.test', 'www.ssoa.test'] });
    other = await makeSite(t.db, 'ssob');
    member = await makeUser(t.db, site, ['editor_in_chief']);
    guarded = await makeUser(t.db, site, ['site_admin']);
    outsider = await makeUser(t.db, other, ['editor_in_chief']);
    await t.db.updateTable('users').set({ totp_secret_enc: encryptSecret(t.deps.keys.totp, totpSecret), totp_enabled_at: new Date().toISOString() }).where('id', '=', guarded.id).execute();
    t.refreshSites();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    siteOrigin = `http://ssoa.test:${(t.app.server.address() as AddressInfo).port}`;

    accounts.set('canbo', { email: member.email, email_verified: true });
    accounts.set('quantri', { email: guarded.email, email_verified: true });
    accounts.set('nguoila', { email: 'khong-co-tai-khoan@tinh.test', email_verified: true });
    accounts.set('chuaxacminh', { email: member.email, email_verified: false });
    accounts.set('tinhkhac', { email: outsider.email, email_verified: true });
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: 'trangtin',
          client_secret: 'bi-mat-cua-ung-dung-thu-0123456789',
          redirect_uris: [`${siteOrigin}/admin/login/sso/callback`, `${siteOrigin.replace('ssoa', 'ssob')}/admin/login/sso/callback`],
          grant_types: ['authorization_code'],
          response_types: ['code'],
        },
      ],
      claims: { openid: ['sub'], email: ['email', 'email_verified'] },
      cookies: { keys: ['khoa-cookie-cua-nha-cung-cap-thu'] },
      findAccount: async (_ctx, id) => {
        const account = accounts.get(id);
        return account ? { accountId: id, claims: async () => ({ sub: id, ...account }) } : undefined;
      },
    });
    idpServer.on('request', provider.callback());
  });
  after(async () => {
    idpServer.closeAllConnections();
    await new Promise((resolve) => idpServer.close(resolve));
    await t.close();
  });

  /** From the site's sign-in page through the provider's forms; stops at the site's answer to the callback. */
  async function signInAtProvider(browser: HttpBrowser, login: string, origin = siteOrigin, tamper?: (callback: URL) => URL): Promise<HttpAnswer> {
    const page = await browser.go(`${origin}/admin/login`);
    assert.equal(page.status, 200);
    assert.match(textOf(page.body), /Đăng nhập bằng tài khoản dùng chung của tỉnh/);
    const loginForm = await browser.go(linkTo(page, 'Đăng nhập bằng tài khoản dùng chung của tỉnh'));
    assert.equal(new URL(loginForm.url).origin, issuer);
    const isCallback = (url: URL) => url.pathname === '/admin/login/sso/callback';
    let answer = await browser.go(formAction(loginForm, 'name="login"'), { method: 'POST', form: { prompt: 'login', login, password: 'bất kỳ' }, stopAt: isCallback });
    if (!isCallback(new URL(answer.url))) {
      // The consent page ("Continue").
      answer = await browser.go(formAction(answer, 'name="prompt" value="consent"'), { method: 'POST', form: { prompt: 'consent' }, stopAt: isCallback });
    }
    const callback = new URL(answer.url);
    assert.ok(isCallback(callback), `expected the callback, got ${answer.url}`);
    assert.equal(callback.origin, origin, 'the callback is on the site\'s own configured address');
    return browser.request((tamper ? tamper(callback) : callback).href);
  }

  function assertSignedOut(answer: HttpAnswer): void {
    assert.equal(answer.status, 302);
    assert.match(answer.headers.location!, /^\/admin\/login/);
  }

  test('a member signs in through the province\'s login and lands in the back office; the link and the audit are recorded', async () => {
    const browser = new HttpBrowser();
    const answer = await signInAtProvider(browser, 'canbo');
    assert.equal(answer.status, 303);
    assert.equal(answer.headers.location, '/admin');
    const home = await browser.go(`${siteOrigin}/admin`);
    assert.equal(home.status, 200);
    assert.match(textOf(home.body), /Trưởng Ban biên tập/);
    const link = await t.db.selectFrom('user_identities').selectAll().where('user_id', '=', member.id).executeTakeFirstOrThrow();
    assert.equal(link.provider, 'oidc');
    assert.equal(link.subject, `${issuer} canbo`);
    const audit = await t.db.selectFrom('audit_log').selectAll().where('site_id', '=', site.id).where('action', '=', 'auth.login').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    assert.equal(audit.actor_user_id, member.id);
    assert.match(audit.details, /"method":"oidc"/);

    // A second sign-in finds the account by its subject, even after the e-mail changed at the provider.
    accounts.set('canbo', { email: 'dia-chi-moi@tinh.test', email_verified: true });
    try {
      const again = await signInAtProvider(new HttpBrowser(), 'canbo');
      assert.equal(again.status, 303);
      assert.equal(again.headers.location, '/admin');
    } finally {
      accounts.set('canbo', { email: member.email, email_verified: true });
    }
  });

  test('an e-mail changed at the provider to a linked member\'s cannot take over that account', async () => {
    // "tinhkhac" is a different subject; give it the e-mail of the already linked member.
    accounts.set('keodanh', { email: member.email, email_verified: true });
    const answer = await signInAtProvider(new HttpBrowser(), 'keodanh');
    assert.equal(answer.status, 403);
    assert.match(textOf(answer.body), /đã được liên kết với một tài khoản dùng chung khác/);
  });

  test('a start on another host name of the site goes first to its configured address (where the callback is)', async () => {
    const secondary = siteOrigin.replace('ssoa.test', 'www.ssoa.test');
    const answer = await new HttpBrowser().request(`${secondary}/admin/login/sso?next=%2Fadmin%2Faccount`);
    assert.equal(answer.status, 302);
    assert.equal(answer.headers.location, `${siteOrigin}/admin/login/sso?next=%2Fadmin%2Faccount`);
    const started = await new HttpBrowser().request(`${siteOrigin}/admin/login/sso?next=%2Fadmin%2Faccount`);
    assert.equal(started.status, 302);
    const auth = new URL(started.headers.location!);
    assert.equal(auth.origin, issuer);
    assert.equal(auth.searchParams.get('redirect_uri'), `${siteOrigin}/admin/login/sso/callback`);
    assert.equal(auth.searchParams.get('code_challenge_method'), 'S256');
    assert.ok(auth.searchParams.get('state') && auth.searchParams.get('nonce'));
  });

  test('a wrong state is refused and nothing is signed in', async () => {
    const browser = new HttpBrowser();
    const answer = await signInAtProvider(browser, 'canbo', siteOrigin, (cb) => {
      cb.searchParams.set('state', 'trang-thai-gia-mao');
      return cb;
    });
    assert.equal(answer.status, 400);
    assert.match(textOf(answer.body), /không thành công/);
    assert.equal(browser.cookie(new URL(siteOrigin).host, 'tt_session'), undefined);
    assertSignedOut(await browser.request(`${siteOrigin}/admin`));
  });

  test('a callback without the transaction cookie (another browser) is refused', async () => {
    const browser = new HttpBrowser();
    const answer = await signInAtProvider(browser, 'canbo', siteOrigin, (cb) => cb);
    assert.equal(answer.status, 303);
    // Replaying the same callback address in a fresh browser: no transaction, no session.
    const replay = await new HttpBrowser().request(browser.visited.at(-1)!);
    assert.equal(replay.status, 400);
    assert.equal(replay.headers['set-cookie']?.some((c) => c.startsWith('tt_session=') && !c.startsWith('tt_session=;')) ?? false, false);
  });

  test('an e-mail with no account here is refused with a clear message', async () => {
    const answer = await signInAtProvider(new HttpBrowser(), 'nguoila');
    assert.equal(answer.status, 403);
    assert.match(textOf(answer.body), /chưa có tài khoản trên hệ thống/);
    assert.equal((await t.db.selectFrom('user_identities').selectAll().where('email', '=', 'khong-co-tai-khoan@tinh.test').execute()).length, 0);
  });

  test('an unverified e-mail is never linked', async () => {
    accounts.set('chuaxacminh2', { email: guarded.email, email_verified: false });
    const answer = await signInAtProvider(new HttpBrowser(), 'chuaxacminh2');
    assert.equal(answer.status, 403);
    assert.match(textOf(answer.body), /chưa có địa chỉ thư điện tử đã xác minh/);
    assert.equal((await t.db.selectFrom('user_identities').selectAll().where('user_id', '=', guarded.id).execute()).length, 0);
  });

  test('a member of another site only is refused here (roles stay per site), and signs in on their own site', async () => {
    const answer = await signInAtProvider(new HttpBrowser(), 'tinhkhac');
    assert.equal(answer.status, 403);
    assert.match(textOf(answer.body), /không có quyền trên trang này/);
    const otherOrigin = siteOrigin.replace('ssoa', 'ssob');
    const browser = new HttpBrowser();
    const own = await signInAtProvider(browser, 'tinhkhac', otherOrigin);
    assert.equal(own.status, 303);
    assert.equal((await browser.go(`${otherOrigin}/admin`)).status, 200);
    // That session is refused on the first site.
    browser.setCookie(new URL(siteOrigin).host, 'tt_session', browser.cookie(new URL(otherOrigin).host, 'tt_session')!);
    assertSignedOut(await browser.request(`${siteOrigin}/admin`));
  });

  test('the two-step code is still asked after the shared login', async () => {
    const browser = new HttpBrowser();
    const answer = await signInAtProvider(browser, 'quantri');
    assert.equal(answer.status, 303);
    assert.match(answer.headers.location!, /^\/admin\/login\/2fa/);
    assertSignedOut(await browser.request(`${siteOrigin}/admin`));
    const page = await browser.go(`${siteOrigin}${answer.headers.location}`);
    assert.match(textOf(page.body), /Xác thực hai bước/);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const code = await generate({ secret: totpSecret, epoch: Math.floor(t.clock.now().getTime() / 1000) });
    const done = await browser.request(`${siteOrigin}/admin/login/2fa`, { method: 'POST', form: { _csrf: csrf, code, next: '/admin' } });
    assert.equal(done.status, 303);
    assert.equal(done.headers.location, '/admin');
    assert.equal((await browser.go(`${siteOrigin}/admin`)).status, 200);
  });
});
