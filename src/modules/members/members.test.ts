import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Agent, mailText, textOf } from '../../../test/support/agent.ts';
import { buildTestApp, type TestApp } from '../../../test/support/app.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { makeSite, makeUnit, makeUser, type TestUser } from '../../../test/support/factories.ts';
import type { Site } from '../sites/site.ts';

forEachEngine('users and units of a site', (engine) => {
  let t: TestApp;
  let site: Site;
  let other: Site;
  let admin: TestUser;
  let unitId: number;

  before(async () => {
    t = await buildTestApp(engine);
    site = await makeSite(t.db, 'nguoidung');
    other = await makeSite(t.db, 'nguoidung-khac');
    admin = await makeUser(t.db, site, ['site_admin']);
    unitId = await makeUnit(t.db, site, 'Phòng Tài chính - Kế hoạch');
    t.refreshSites();
  });
  after(async () => t.close());

  test('an administrator adds a new person: they get a one-time link to choose a password, then sign in', async () => {
    const agent = new Agent(t.app, 'nguoidung.test');
    await agent.login(admin.email);
    const res = await agent.post('/admin/users', { email: 'Lan.Nguyen@NguoiDung.test', name: 'Nguyễn Thị Lan', phone: '0912 345 678', unitId, position: 'Chuyên viên', roles: ['contributor', 'unit_head'] });
    assert.equal(res.statusCode, 201, textOf(res.body));
    const link = /(\/admin\/password\/reset\/[A-Za-z0-9_-]+)/.exec(res.body)![1]!;
    assert.match(mailText(t.sentMail().at(-1)!), /Nguyễn Thị Lan/);
    const list = textOf((await agent.get('/admin/users?q=nguyen thi')).body);
    assert.match(list, /Nguyễn Thị Lan/, 'search ignores diacritics');
    assert.match(list, /Lãnh đạo đơn vị/);

    const newcomer = new Agent(t.app, 'nguoidung.test');
    assert.equal((await newcomer.post(link, { password: 'Cây-đa-đầu-làng-2026', confirm: 'Cây-đa-đầu-làng-2026' })).statusCode, 303);
    await newcomer.login('lan.nguyen@nguoidung.test', 'Cây-đa-đầu-làng-2026');
  });

  test('a person already on another site is added with roles here, without touching their password', async () => {
    const shared = await makeUser(t.db, other, ['editor_in_chief'], { email: 'chung@hai-trang.test' });
    const before = await t.db.selectFrom('users').select('password_hash').where('id', '=', shared.id).executeTakeFirstOrThrow();
    const agent = new Agent(t.app, 'nguoidung.test');
    await agent.login(admin.email);
    const res = await agent.post('/admin/users', { email: shared.email, name: 'Tên khác', roles: ['board_member'] });
    assert.equal(res.statusCode, 303);
    const detail = textOf((await agent.get(`/admin/users/${shared.id}`)).body);
    assert.match(detail, /dùng chung với trang khác/, 'the account itself is out of this administrator’s reach');
    const after = await t.db.selectFrom('users').select(['password_hash', 'name']).where('id', '=', shared.id).executeTakeFirstOrThrow();
    assert.equal(after.password_hash, before.password_hash);
    assert.notEqual(after.name, 'Tên khác');
    const refused = await agent.post(`/admin/users/${shared.id}/password-link`);
    assert.match(textOf(refused.body), /chỉ quản trị toàn hệ thống/);
    assert.equal(refused.statusCode, 403);
    assert.equal((await agent.post('/admin/users', { email: shared.email, name: 'x', roles: ['board_member'] })).statusCode, 400, 'already a member');
  });

  test('roles change with an audit row; the last administrator cannot be removed; suspension signs the person out', async () => {
    const agent = new Agent(t.app, 'nguoidung.test');
    await agent.login(admin.email);
    const last = await agent.post(`/admin/users/${admin.id}/membership`, { roles: ['contributor'], status: 'active' });
    assert.equal(last.statusCode, 400);
    assert.match(textOf(last.body), /người quản trị cuối cùng/);

    const writer = await makeUser(t.db, site, ['contributor']);
    const writerAgent = new Agent(t.app, 'nguoidung.test');
    await writerAgent.login(writer.email);
    const res = await agent.post(`/admin/users/${writer.id}/membership`, { roles: ['contributor', 'secretary'], unitId, status: 'active' });
    assert.equal(res.statusCode, 303);
    const row = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'member.roles_change').where('target_id', '=', String(writer.id)).executeTakeFirstOrThrow();
    assert.match(row.details, /"to":\["contributor","secretary"\]/);
    await agent.post(`/admin/users/${writer.id}/membership`, { roles: ['contributor'], status: 'disabled' });
    assert.equal((await writerAgent.get('/admin')).statusCode, 302, 'suspended: signed out');
    const login = await new Agent(t.app, 'nguoidung.test').post('/admin/login', { email: writer.email, password: 'Mật-khẩu-thử-2026!' });
    assert.equal(login.statusCode, 401);
  });

  test('units form a tree; a loop is refused; a unit in use is archived instead of deleted', async () => {
    const agent = new Agent(t.app, 'nguoidung.test');
    await agent.login(admin.email);
    await agent.post('/admin/units', { name: 'Tổ Tổng hợp', kind: 'don_vi', parentId: unitId, phone: '0260 3862 123', email: 'tonghop@nguoidung.test', sortOrder: '1' });
    const child = await t.db.selectFrom('units').selectAll().where('name', '=', 'Tổ Tổng hợp').executeTakeFirstOrThrow();
    const list = await agent.get('/admin/units');
    assert.match(textOf(list.body), /Phòng Tài chính - Kế hoạch.*Tổ Tổng hợp/);
    const loop = await agent.post(`/admin/units/${unitId}`, { name: 'Phòng Tài chính - Kế hoạch', kind: 'phong', parentId: child.id, sortOrder: '0' });
    assert.equal(loop.statusCode, 400);
    assert.match(textOf(loop.body), /cấp trên của chính nó/);
    const refuse = await agent.post(`/admin/units/${unitId}/remove`);
    assert.equal(refuse.statusCode, 303);
    assert.match(textOf((await agent.get('/admin/units')).body), /còn đơn vị trực thuộc/);
    assert.equal((await agent.post(`/admin/units/${child.id}/remove`)).statusCode, 303);
    assert.equal(await t.db.selectFrom('units').select('id').where('id', '=', child.id).executeTakeFirst(), undefined, 'unused: deleted');
    await agent.post(`/admin/units/${unitId}/remove`);
    const archived = await t.db.selectFrom('units').selectAll().where('id', '=', unitId).executeTakeFirstOrThrow();
    assert.ok(archived.archived_at, 'used by members: archived, kept for history');
    await agent.post(`/admin/units/${unitId}/restore`);
  });

  test('for a colleague of this site only, the administrator makes a password link and turns off a lost 2FA', async () => {
    const local = await makeUser(t.db, site, ['secretary'], { name: 'Vũ Văn Nam' });
    await t.db.updateTable('users').set({ totp_secret_enc: 'v1.x.y.z', totp_enabled_at: new Date().toISOString() }).where('id', '=', local.id).execute();
    const agent = new Agent(t.app, 'nguoidung.test');
    await agent.login(admin.email);
    const link = await agent.post(`/admin/users/${local.id}/password-link`);
    assert.equal(link.statusCode, 200);
    assert.match(textOf(link.body), /Chuyển liên kết sau cho Vũ Văn Nam/);
    assert.match(link.body, /\/admin\/password\/reset\/[A-Za-z0-9_-]{43}/);
    assert.match(mailText(t.sentMail().at(-1)!), /Vũ Văn Nam/);
    const profile = await agent.post(`/admin/users/${local.id}/profile`, { name: 'Vũ Văn Nam (Văn phòng)', phone: '0987 654 321' });
    assert.equal(profile.statusCode, 303);
    assert.equal((await agent.post(`/admin/users/${local.id}/reset-2fa`)).statusCode, 303);
    const row = await t.db.selectFrom('users').selectAll().where('id', '=', local.id).executeTakeFirstOrThrow();
    assert.equal(row.totp_enabled_at, null);
    assert.equal(row.name, 'Vũ Văn Nam (Văn phòng)');
    assert.ok(await t.db.selectFrom('audit_log').select('id').where('action', '=', 'user.mfa_reset').executeTakeFirst());
  });
});
