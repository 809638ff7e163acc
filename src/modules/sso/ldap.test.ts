// Signing in through the sign-in form against a real directory: Debian's slapd, started here on
// a random loopback port. Also the site's "local passwords" setting and who may change it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Agent, textOf } from '../../../test/support/agent.ts';
import { buildTestApp, type TestApp } from '../../../test/support/app.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { makeSite, makeUser, TEST_PASSWORD, type TestUser } from '../../../test/support/factories.ts';
import { personLdif, slapdUnavailable, startSlapd, type Slapd } from '../../../test/support/slapd.ts';
import type { Site } from '../sites/site.ts';
import type { LdapConfig } from './config.ts';
import { checkDirectoryPassword, escapeDnValue, escapeFilterValue } from './ldap.ts';

const skip = slapdUnavailable() ?? false;
const AN = 'Thu-muc-An-2026';
const BINH = 'Thu-muc-Binh-2026';
const KHOA = 'Thu-muc-Khoa-2026';
const IT = 'Thu-muc-IT-2026';

test('filter and DN values are escaped (RFC 4515, RFC 4514)', () => {
  assert.equal(escapeFilterValue('*)(uid=*'), '\\2a\\29\\28uid=\\2a');
  assert.equal(escapeFilterValue('a\\b\0'), 'a\\5cb\\00');
  assert.equal(escapeDnValue('an,ou=admins+cn=x'), 'an\\,ou\\=admins\\+cn\\=x');
  assert.equal(escapeDnValue(' #lead '), '\\ #lead\\ ');
});

forEachEngine('single sign-on: LDAP bind through the sign-in form', (engine) => {
  let slapd: Slapd;
  let ldap: LdapConfig;
  let t: TestApp;
  let site: Site;
  let other: Site;
  let an: TestUser;
  let locker: TestUser;
  let localOnly: TestUser;
  let siteAdmin: TestUser;
  let platformAdmin: TestUser;
  let itInDirectory: TestUser;

  before(async () => {
    if (skip) return;
    slapd = await startSlapd(personLdif('an', 'an@tinh.test', AN) + personLdif('binh', 'binh@tinh.test', BINH) + personLdif('khoa', 'khoa@tinh.test', KHOA) + personLdif('it', 'it@tinh.test', IT));
    ldap = {
      url: slapd.url,
      startTls: false,
      bindDnPattern: null,
      searchBase: `ou=people,${slapd.suffix}`,
      searchFilter: '(mail={email})',
      serviceDn: slapd.rootDn,
      servicePassword: slapd.rootPassword,
      emailAttribute: 'mail',
      caFile: null,
      timeoutMs: 5000,
    };
    t = await buildTestApp(engine, { config: { sso: { oidc: null, ldap } } });
    site = await makeSite(t.db, 'ldapa');
    other = await makeSite(t.db, 'ldapb');
    an = await makeUser(t.db, site, ['editor_in_chief'], { email: 'an@tinh.test' });
    await makeUser(t.db, other, ['editor_in_chief'], { email: 'binh@tinh.test' });
    locker = await makeUser(t.db, site, ['contributor'], { email: 'khoa@tinh.test' });
    localOnly = await makeUser(t.db, site, ['contributor']);
    siteAdmin = await makeUser(t.db, site, ['site_admin']);
    platformAdmin = await makeUser(t.db, other, ['site_admin']);
    await t.db.updateTable('users').set({ is_platform_admin: 1 }).where('id', '=', platformAdmin.id).execute();
    // An installation administrator whom the directory knows too (with another password there).
    itInDirectory = await makeUser(t.db, other, ['site_admin'], { email: 'it@tinh.test' });
    await t.db.updateTable('users').set({ is_platform_admin: 1 }).where('id', '=', itInDirectory.id).execute();
    t.refreshSites();
  });
  after(async () => {
    if (skip) return;
    await t.close();
    await slapd.stop();
  });

  test('the directory password signs a member in; the link and the method are recorded', { skip }, async () => {
    const agent = new Agent(t.app, 'ldapa.test');
    const res = await agent.post('/admin/login', { email: 'an@tinh.test', password: AN });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/admin');
    const home = await agent.get('/admin');
    assert.equal(home.statusCode, 200);
    const link = await t.db.selectFrom('user_identities').selectAll().where('user_id', '=', an.id).executeTakeFirstOrThrow();
    assert.equal(link.provider, 'ldap');
    assert.match(link.subject, /^[0-9a-f-]{36}$/, 'the entry\'s entryUUID');
    const audit = await t.db.selectFrom('audit_log').select(['details', 'actor_user_id']).where('site_id', '=', site.id).where('action', '=', 'auth.login').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    assert.equal(audit.actor_user_id, an.id);
    assert.match(audit.details, /"method":"ldap"/);
  });

  test('a wrong directory password is refused and counts toward the lockout; a locked account is not tried', { skip }, async () => {
    const agent = new Agent(t.app, 'ldapa.test');
    for (let i = 1; i <= 4; i += 1) {
      const res = await agent.post('/admin/login', { email: 'khoa@tinh.test', password: `sai-${i}` });
      assert.equal(res.statusCode, 401);
      assert.match(textOf(res.body), /hoặc mật khẩu không đúng/);
    }
    const fifth = await agent.post('/admin/login', { email: 'khoa@tinh.test', password: 'sai-5' });
    assert.match(textOf(fifth.body), /tạm thời bị khóa/);
    const row = await t.db.selectFrom('users').select(['failed_login_count', 'locked_until']).where('id', '=', locker.id).executeTakeFirstOrThrow();
    assert.equal(row.failed_login_count, 5);
    assert.ok(row.locked_until);
    // Even the right password waits for the lock to end.
    const right = await agent.post('/admin/login', { email: 'khoa@tinh.test', password: KHOA });
    assert.equal(right.statusCode, 401);
    assert.match(textOf(right.body), /tạm thời bị khóa/);
    assert.equal(agent.hasCookie('tt_session'), false);
  });

  test('break-glass: an installation administrator the directory knows gets in with the local password; a wrong one counts once; others do not', { skip }, async () => {
    const failures = async (id: number) => (await t.db.selectFrom('users').select('failed_login_count').where('id', '=', id).executeTakeFirstOrThrow()).failed_login_count;
    const wrong = await new Agent(t.app, 'ldapa.test').post('/admin/login', { email: 'it@tinh.test', password: 'sai-ca-hai' });
    assert.equal(wrong.statusCode, 401);
    assert.match(textOf(wrong.body), /hoặc mật khẩu không đúng/);
    assert.equal(await failures(itInDirectory.id), 1, 'one wrong password, one failure (not one per check)');
    const local = new Agent(t.app, 'ldapa.test');
    const res = await local.post('/admin/login', { email: 'it@tinh.test', password: TEST_PASSWORD });
    assert.equal(res.statusCode, 303, 'the directory refused this password; the local one lets the IT centre in');
    assert.equal((await local.get('/admin')).statusCode, 200);
    assert.equal(await failures(itInDirectory.id), 0);
    const directory = await new Agent(t.app, 'ldapa.test').post('/admin/login', { email: 'it@tinh.test', password: IT });
    assert.equal(directory.statusCode, 303, 'the directory password still works');
    // A member who is not an installation administrator: the directory's answer stands.
    const member = await new Agent(t.app, 'ldapa.test').post('/admin/login', { email: 'an@tinh.test', password: TEST_PASSWORD });
    assert.equal(member.statusCode, 401);
  });

  test('an e-mail written as a filter ("*", ")(") matches nobody', { skip }, async () => {
    const agent = new Agent(t.app, 'ldapa.test');
    // Unescaped, (mail=a*@tinh.test) would find An's entry and bind with An's password.
    const wildcard = await agent.post('/admin/login', { email: 'a*@tinh.test', password: AN });
    assert.equal(wildcard.statusCode, 401);
    assert.equal(agent.hasCookie('tt_session'), false);
    const injected = await agent.post('/admin/login', { email: '*)(uid=*', password: AN });
    assert.equal(injected.statusCode, 400);
    assert.equal(agent.hasCookie('tt_session'), false);
    assert.deepEqual(await checkDirectoryPassword(ldap, '*)(uid=*', AN), { kind: 'not_found' });
    assert.deepEqual(await checkDirectoryPassword(ldap, '*', AN), { kind: 'not_found' });
  });

  test('someone unknown to the directory and to the installation is refused', { skip }, async () => {
    const agent = new Agent(t.app, 'ldapa.test');
    const res = await agent.post('/admin/login', { email: 'khong-ai@tinh.test', password: 'Bat-ky-2026!' });
    assert.equal(res.statusCode, 401);
    assert.match(textOf(res.body), /hoặc mật khẩu không đúng/);
  });

  test('a directory user who is a member of another site only is refused here', { skip }, async () => {
    const agent = new Agent(t.app, 'ldapa.test');
    const res = await agent.post('/admin/login', { email: 'binh@tinh.test', password: BINH });
    assert.equal(res.statusCode, 401);
    assert.match(textOf(res.body), /không có quyền trên trang này/);
    const own = await new Agent(t.app, 'ldapb.test').post('/admin/login', { email: 'binh@tinh.test', password: BINH });
    assert.equal(own.statusCode, 303);
  });

  test('local passwords: on by default; a site admin turns them off (not an editor); then only the directory and the IT centre get in', { skip }, async () => {
    assert.equal((await new Agent(t.app, 'ldapa.test').post('/admin/login', { email: localOnly.email, password: TEST_PASSWORD })).statusCode, 303);

    const editor = new Agent(t.app, 'ldapa.test');
    await editor.post('/admin/login', { email: 'an@tinh.test', password: AN });
    assert.equal((await editor.get('/admin/site/sign-in')).statusCode, 403);
    assert.equal((await editor.post('/admin/site/sign-in', {})).statusCode, 403);
    t.refreshSites();
    assert.notEqual((await t.deps.sites.byIdOrNull(site.id))?.settings.localPasswords, false);

    const admin = new Agent(t.app, 'ldapa.test');
    assert.equal((await admin.login(siteAdmin.email)).statusCode, 303);
    const page = await admin.get('/admin/site/sign-in');
    assert.equal(page.statusCode, 200);
    assert.match(textOf(page.body), /Cho phép đăng nhập bằng mật khẩu riêng/);
    const saved = await admin.post('/admin/site/sign-in', {});
    assert.equal(saved.statusCode, 303);

    const refused = await new Agent(t.app, 'ldapa.test').post('/admin/login', { email: localOnly.email, password: TEST_PASSWORD });
    assert.equal(refused.statusCode, 401);
    assert.match(textOf(refused.body), /không cho phép đăng nhập bằng mật khẩu riêng/);
    assert.equal((await new Agent(t.app, 'ldapa.test').post('/admin/login', { email: 'an@tinh.test', password: AN })).statusCode, 303);
    // Break-glass: the installation administrator keeps a local way in.
    const itCentre = await new Agent(t.app, 'ldapa.test').post('/admin/login', { email: platformAdmin.email, password: TEST_PASSWORD });
    assert.equal(itCentre.statusCode, 303);
    const audit = await t.db.selectFrom('audit_log').select('details').where('site_id', '=', site.id).where('action', '=', 'site.sign_in_methods').executeTakeFirstOrThrow();
    assert.match(audit.details, /"to":false/);
  });

  test('with the directory down and local passwords off, the form says so; the IT centre still gets in (runs last: stops slapd)', { skip }, async () => {
    await slapd.stop();
    const refused = await new Agent(t.app, 'ldapa.test').post('/admin/login', { email: 'an@tinh.test', password: AN });
    assert.equal(refused.statusCode, 401);
    assert.match(textOf(refused.body), /tạm thời không trả lời/);
    const itCentre = await new Agent(t.app, 'ldapa.test').post('/admin/login', { email: platformAdmin.email, password: TEST_PASSWORD });
    assert.equal(itCentre.statusCode, 303);
  });
});
