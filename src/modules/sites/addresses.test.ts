// Absolute addresses come from configuration, never from the request: a forged
// Host (or X-Forwarded-Host) header cannot put a foreign address into a
// password-reset mail, a feed, a sitemap or a canonical link.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Agent, mailText } from '../../../test/support/agent.ts';
import { buildTestApp, type TestApp } from '../../../test/support/app.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { makeSite, makeUser, type TestUser } from '../../../test/support/factories.ts';
import type { Config } from '../../config.ts';
import { PublicAddresses } from './addresses.ts';

/** The link of the last reset mail sent to an address, or null when none was sent. */
function resetLinkTo(t: TestApp, email: string): string | null {
  const mail = t.sentMail().filter((m) => m.includes(`To: ${email}`)).at(-1);
  return mail ? (/(https?:\/\/\S+\/admin\/password\/reset\/[A-Za-z0-9_-]+)/.exec(mailText(mail))?.[1] ?? null) : null;
}

async function forgot(t: TestApp, host: string, email: string, headers: Record<string, string> = {}) {
  // A fresh agent on the forged host cannot have a CSRF token from it: fetch one from the real site, as an attacker would.
  const agent = new Agent(t.app, 'dinhcu.test');
  const csrf = await agent.csrf();
  return t.app.inject({
    method: 'POST',
    url: '/admin/password/forgot',
    remoteAddress: agent.ip,
    headers: { host, cookie: `tt_csrf=${agent.cookie('tt_csrf')}`, 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload: new URLSearchParams({ _csrf: csrf, email }).toString(),
  });
}

async function setup(config: Partial<Config>, engine: Parameters<typeof buildTestApp>[0]) {
  const t = await buildTestApp(engine, { config });
  const site = await makeSite(t.db, 'dinhcu', { hosts: ['dinhcu.test', 'www.dinhcu.test'], isDefault: true });
  const user = await makeUser(t.db, site, ['board_member']);
  t.refreshSites();
  return { t, user };
}

forEachEngine('site addresses: never from the request', (engine) => {
  describe('UNKNOWN_HOST=redirect (the default)', () => {
    let t: TestApp;
    let user: TestUser;
    before(async () => ({ t, user } = await setup({}, engine)));
    after(async () => t.close());

    test('a password reset asked through a forged Host is refused and mails nothing', async () => {
      const res = await forgot(t, 'evil.example', user.email);
      assert.equal(res.statusCode, 421);
      assert.match(res.body, /Địa chỉ không thuộc trang nào/);
      assert.equal(resetLinkTo(t, user.email), null);
    });

    test('a reader on an unknown host is sent to the default site’s own address; health checks answer anywhere', async () => {
      const res = await t.app.inject({ url: '/chuyen-muc/tin-tuc?trang=2', headers: { host: 'evil.example' } });
      assert.equal(res.statusCode, 301);
      assert.equal(res.headers.location, 'http://dinhcu.test/chuyen-muc/tin-tuc?trang=2');
      assert.equal((await t.app.inject({ url: '/healthz', headers: { host: '10.0.0.7' } })).statusCode, 200);
    });

    test('a reset asked on the site’s own host mails its primary address, whatever X-Forwarded-Host says', async () => {
      const res = await forgot(t, 'www.dinhcu.test', user.email, { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' });
      assert.equal(res.statusCode, 200);
      assert.match(resetLinkTo(t, user.email) ?? '', /^http:\/\/dinhcu\.test\/admin\/password\/reset\//);
    });

    test('feeds, sitemaps and canonical links name the primary host even when reached by another', async () => {
      const headers = { host: 'www.dinhcu.test', 'x-forwarded-host': 'evil.example' };
      const home = await t.app.inject({ url: '/', headers });
      assert.match(home.body, /<link rel="canonical" href="http:\/\/dinhcu\.test\/"/);
      const sitemap = await t.app.inject({ url: '/sitemap.xml', headers });
      assert.match(sitemap.body, /<loc>http:\/\/dinhcu\.test\//);
      const rss = await t.app.inject({ url: '/rss.xml', headers });
      assert.match(rss.body, /<link>http:\/\/dinhcu\.test\/?<\/link>/);
      for (const body of [home.body, sitemap.body, rss.body]) assert.doesNotMatch(body, /evil\.example|www\.dinhcu\.test/);
    });

    test('HSTS is never sent over plain http; cookies are not forced Secure on an http installation', async () => {
      const page = await t.app.inject({ url: '/admin/login', headers: { host: 'dinhcu.test' } });
      assert.equal(page.headers['strict-transport-security'], undefined);
      assert.ok(page.cookies.length > 0);
      for (const c of page.cookies) assert.notEqual(c.secure, true, c.name);
    });
  });

  describe('UNKNOWN_HOST=default and an https BASE_URL behind a trusted proxy', () => {
    let t: TestApp;
    let user: TestUser;
    before(async () => ({ t, user } = await setup({ unknownHost: 'default', baseUrl: new URL('https://tinh.gov.vn'), trustProxy: 1 }, engine)));
    after(async () => t.close());

    test('the forged request is served by the default site, but the link is the site’s own https address', async () => {
      const res = await forgot(t, 'evil.example', user.email, { 'x-forwarded-host': 'evil.example' });
      assert.equal(res.statusCode, 200);
      assert.match(resetLinkTo(t, user.email) ?? '', /^https:\/\/dinhcu\.test\/admin\/password\/reset\//);
    });

    test('cookies are Secure; HSTS only when the request came over https', async () => {
      const plain = await t.app.inject({ url: '/admin/login', headers: { host: 'dinhcu.test' } });
      assert.equal(plain.headers['strict-transport-security'], undefined);
      assert.ok(plain.cookies.length > 0);
      for (const c of plain.cookies) assert.equal(c.secure, true, c.name);
      const secure = await t.app.inject({ url: '/admin/login', headers: { host: 'dinhcu.test', 'x-forwarded-proto': 'https' } });
      assert.match(String(secure.headers['strict-transport-security']), /max-age=\d+/);
    });
  });

  describe('UNKNOWN_HOST=refuse', () => {
    let t: TestApp;
    before(async () => ({ t } = await setup({ unknownHost: 'refuse' }, engine)));
    after(async () => t.close());

    test('even a read on an unknown host is refused with 421, in Vietnamese', async () => {
      const res = await t.app.inject({ url: '/', headers: { host: 'evil.example' } });
      assert.equal(res.statusCode, 421);
      assert.match(res.body, /không được cấu hình cho trang thông tin điện tử nào/);
      assert.equal((await t.app.inject({ url: '/', headers: { host: 'dinhcu.test' } })).statusCode, 200);
    });
  });
});

describe('PublicAddresses', () => {
  test('BASE_URL gives the scheme and port of every site; without it, http on the listening port', () => {
    const configured = new PublicAddresses(new URL('https://tinh.gov.vn:8443'));
    assert.equal(configured.originOf({ primaryHost: 'xa.tinh.gov.vn' }), 'https://xa.tinh.gov.vn:8443');
    assert.equal(configured.originOf({ primaryHost: null }), 'https://tinh.gov.vn:8443');
    const local = new PublicAddresses(null);
    assert.equal(local.originOf({ primaryHost: 'nhuxuan.localhost' }), 'http://nhuxuan.localhost');
    local.setListeningPort(3000);
    assert.equal(local.originOf({ primaryHost: 'nhuxuan.localhost' }), 'http://nhuxuan.localhost:3000');
    local.setListeningPort(80);
    assert.equal(local.originOfHost('nhuxuan.localhost'), 'http://nhuxuan.localhost');
  });
});
