import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Agent, api, textOf } from '../../../test/support/agent.ts';
import { buildTestApp, type TestApp } from '../../../test/support/app.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { makeSite, makeUser, type TestUser } from '../../../test/support/factories.ts';
import type { Site } from '../sites/site.ts';

forEachEngine('API tokens page', (engine) => {
  let t: TestApp;
  let site: Site;
  let writer: TestUser;
  let admin: TestUser;

  before(async () => {
    t = await buildTestApp(engine);
    site = await makeSite(t.db, 'khoa');
    writer = await makeUser(t.db, site, ['secretariat']);
    admin = await makeUser(t.db, site, ['site_admin']);
    t.refreshSites();
  });
  after(async () => t.close());

  test('a member creates a token, sees it once, uses it, and revokes it', async () => {
    const agent = new Agent(t.app, 'khoa.test');
    await agent.login(writer.email);
    const bad = await agent.post('/admin/tokens', { name: '', expiresInDays: '9999' });
    assert.equal(bad.statusCode, 400);
    assert.match(textOf(bad.body), /Vui lòng nhập Tên khóa/);
    assert.match(textOf(bad.body), /từ 1 đến 730/);

    const res = await agent.post('/admin/tokens', { name: 'VNPT-iOffice', scopes: ['read'], expiresInDays: '30' });
    assert.equal(res.statusCode, 201);
    const token = /(tt_[A-Za-z0-9_-]{43})/.exec(res.body)![1]!;
    assert.equal((await api(t.app, 'khoa.test', 'GET', '/api/v1/me', token)).statusCode, 200);
    const stored = await t.db.selectFrom('api_tokens').selectAll().where('name', '=', 'VNPT-iOffice').executeTakeFirstOrThrow();
    assert.notEqual(stored.token_hash, token, 'only a hash is stored');
    const list = await agent.get('/admin/tokens');
    assert.doesNotMatch(list.body, new RegExp(token), 'never shown again');
    assert.match(textOf(list.body), /VNPT-iOffice/);

    assert.equal((await agent.post(`/admin/tokens/${stored.id}/revoke`)).statusCode, 303);
    assert.equal((await api(t.app, 'khoa.test', 'GET', '/api/v1/me', token)).statusCode, 401);
  });

  test("one member cannot revoke another's token; the administrator can", async () => {
    const writerAgent = new Agent(t.app, 'khoa.test');
    await writerAgent.login(writer.email);
    await writerAgent.post('/admin/tokens', { name: 'Cổng tỉnh', scopes: ['read'] });
    const row = await t.db.selectFrom('api_tokens').selectAll().where('name', '=', 'Cổng tỉnh').executeTakeFirstOrThrow();
    const other = await makeUser(t.db, site, ['contributor']);
    const otherAgent = new Agent(t.app, 'khoa.test');
    await otherAgent.login(other.email);
    assert.equal((await otherAgent.post(`/admin/tokens/${row.id}/revoke`)).statusCode, 404);
    assert.equal((await t.db.selectFrom('api_tokens').select('revoked_at').where('id', '=', row.id).executeTakeFirstOrThrow()).revoked_at, null);
    const adminAgent = new Agent(t.app, 'khoa.test');
    await adminAgent.login(admin.email);
    assert.match(textOf((await adminAgent.get('/admin/tokens')).body), /Cổng tỉnh/);
    assert.equal((await adminAgent.post(`/admin/tokens/${row.id}/revoke`)).statusCode, 303);
    assert.ok((await t.db.selectFrom('api_tokens').select('revoked_at').where('id', '=', row.id).executeTakeFirstOrThrow()).revoked_at);
  });
});
