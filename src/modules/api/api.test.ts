import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { api } from '../../../test/support/agent.ts';
import { buildTestApp, type TestApp } from '../../../test/support/app.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { makeSite, makeUser, systemActor, type TestUser } from '../../../test/support/factories.ts';
import { createApiToken, revokeApiToken } from '../api-tokens/tokens.ts';
import type { Site } from '../sites/site.ts';

forEachEngine('JSON API base', (engine) => {
  let t: TestApp;
  let site: Site;
  let admin: TestUser;
  let token: string;
  let readOnly: string;

  before(async () => {
    t = await buildTestApp(engine);
    site = await makeSite(t.db, 'api');
    admin = await makeUser(t.db, site, ['site_admin', 'secretariat'], { name: 'Trần Văn Quản' });
    token = (await createApiToken(t.db, systemActor(site.id), { siteId: site.id, userId: admin.id, name: 'iOffice', scopes: ['read', 'write', 'admin'], expiresInDays: 30 })).token;
    readOnly = (await createApiToken(t.db, systemActor(site.id), { siteId: site.id, userId: admin.id, name: 'đọc', scopes: ['read'], expiresInDays: null })).token;
    t.refreshSites();
  });
  after(async () => t.close());

  test('GET /api/v1/me tells who the token acts for, with roles and permissions', async () => {
    const res = await api(t.app, 'api.test', 'GET', '/api/v1/me', token);
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.user.name, 'Trần Văn Quản');
    assert.equal(body.site.key, 'api');
    assert.deepEqual(body.roles.sort(), ['secretariat', 'site_admin']);
    assert.ok(body.permissions.includes('users.manage'));
    assert.deepEqual(body.scopes, ['read', 'write', 'admin']);
  });

  test('errors have one stable shape: missing, wrong, revoked and expired tokens', async () => {
    const missing = await api(t.app, 'api.test', 'GET', '/api/v1/me');
    assert.equal(missing.statusCode, 401);
    assert.equal(missing.headers['www-authenticate'], 'Bearer');
    assert.deepEqual(Object.keys(missing.json()).sort(), ['error', 'requestId']);
    assert.equal(missing.json().error.code, 'unauthorized');
    assert.equal((await api(t.app, 'api.test', 'GET', '/api/v1/me', `tt_${'A'.repeat(43)}`)).statusCode, 401);

    const temp = await createApiToken(t.db, systemActor(site.id), { siteId: site.id, userId: admin.id, name: 'tạm', scopes: ['read'], expiresInDays: 1 }, t.clock);
    assert.equal((await api(t.app, 'api.test', 'GET', '/api/v1/me', temp.token)).statusCode, 200);
    t.clock.advance(86_400_000 + 1000);
    assert.equal((await api(t.app, 'api.test', 'GET', '/api/v1/me', temp.token)).statusCode, 401, 'expired');
    t.clock.advance(-(86_400_000 + 1000));
    await revokeApiToken(t.db, { ...systemActor(site.id), userId: admin.id }, temp.row.id, true);
    assert.equal((await api(t.app, 'api.test', 'GET', '/api/v1/me', temp.token)).statusCode, 401, 'revoked');
  });

  test('a read-only token cannot change anything', async () => {
    const res = await api(t.app, 'api.test', 'POST', '/api/v1/units', readOnly, { name: 'Phòng Tư pháp', kind: 'phong' });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().error.code, 'forbidden');
  });

  test('bad JSON input is refused with the fields at fault; good input is NFC-normalised and audited', async () => {
    const bad = await api(t.app, 'api.test', 'POST', '/api/v1/units', token, { kind: 7 });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.code, 'validation_failed');
    assert.ok(bad.json().error.details.length > 0);

    const wrongKind = await api(t.app, 'api.test', 'POST', '/api/v1/units', token, { name: 'Phòng X', kind: 'vu_tru' });
    assert.equal(wrongKind.statusCode, 422);
    assert.equal(wrongKind.json().error.details[0].field, 'kind');

    const decomposed = 'Phòng Tư pháp'.normalize('NFD');
    const ok = await api(t.app, 'api.test', 'POST', '/api/v1/units', token, { name: decomposed, kind: 'phong', phone: '0260 3862 000' });
    assert.equal(ok.statusCode, 201);
    assert.equal(ok.json().name, 'Phòng Tư pháp'.normalize('NFC'));
    const patched = await api(t.app, 'api.test', 'PATCH', `/api/v1/units/${ok.json().id}`, token, { headName: 'Đinh Văn Hùng' });
    assert.equal(patched.json().headName, 'Đinh Văn Hùng');
    assert.equal(patched.json().phone, '0260 3862 000', 'fields not sent are kept');
    const audit = await api(t.app, 'api.test', 'GET', '/api/v1/audit?action=unit.', token);
    assert.deepEqual(audit.json().data.map((r: { action: string }) => r.action), ['unit.update', 'unit.create']);
    assert.equal(audit.json().data[0].actorUserId, admin.id);
  });

  test('the OpenAPI document is generated from the route schemas', async () => {
    const res = await t.app.inject({ url: '/api/openapi.json', headers: { host: 'api.test' } });
    assert.equal(res.statusCode, 200);
    const doc = res.json();
    assert.equal(doc.openapi, '3.1.0');
    assert.ok(doc.paths['/api/v1/me'].get);
    assert.ok(doc.paths['/api/v1/units'].post.requestBody);
    assert.ok(doc.components.securitySchemes.bearer);
    assert.equal(doc.paths['/admin/login'], undefined, 'pages are not in the API document');
  });
});
