import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Agent, api, textOf } from '../../../test/support/agent.ts';
import { createApiToken } from '../api-tokens/tokens.ts';
import { buildTestApp, type TestApp } from '../../../test/support/app.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { makeSite, makeUser, systemActor, type TestUser } from '../../../test/support/factories.ts';
import type { Site } from '../sites/site.ts';
import { anchorAuditHeads } from './anchor-heads.ts';
import { appendAudit } from './store.ts';

/** The rows of the log table only (the filter's options also name every action). */
const rowsOf = (html: string) => textOf(/<tbody>([\s\S]*)<\/tbody>/.exec(html)?.[1] ?? '');

forEachEngine('audit log page', (engine) => {
  let t: TestApp;
  let site: Site;
  let head: TestUser;
  let writer: TestUser;

  before(async () => {
    t = await buildTestApp(engine);
    site = await makeSite(t.db, 'nhatky');
    head = await makeUser(t.db, site, ['editor_in_chief'], { name: 'Trưởng Ban Nhật Ký' });
    writer = await makeUser(t.db, site, ['contributor'], { name: 'Cộng Tác Viên Một' });
    t.refreshSites();
    await new Agent(t.app, 'nhatky.test').post('/admin/login', { email: writer.email, password: 'sai' });
    await new Agent(t.app, 'nhatky.test').login(writer.email);
  });
  after(async () => t.close());

  test('the editor-in-chief filters by person and by action family; IP and time are shown', async () => {
    const agent = new Agent(t.app, 'nhatky.test');
    await agent.login(head.email);
    const all = rowsOf((await agent.get('/admin/audit')).body);
    assert.match(all, /auth\.login_failed/);
    assert.match(all, /site\.create/);
    const failed = rowsOf((await agent.get('/admin/audit?action=auth.login_failed')).body);
    assert.match(failed, /auth\.login_failed/);
    assert.doesNotMatch(failed, /site\.create/);
    const family = rowsOf((await agent.get('/admin/audit?action=auth.')).body);
    assert.match(family, /auth\.login_failed/);
    assert.doesNotMatch(family, /member\.add/);
    const byWriter = rowsOf((await agent.get(`/admin/audit?actor=${writer.id}`)).body);
    assert.match(byWriter, /Cộng Tác Viên Một/);
    assert.doesNotMatch(byWriter, /Trưởng Ban Nhật Ký </);
    assert.match(byWriter, /10\.\d+\.\d+\.\d+/, 'the address the request came from');
    const none = textOf((await agent.get('/admin/audit?from=01/01/2000&to=02/01/2000')).body);
    assert.match(none, /Không có bản ghi nào/);
  });

  test('the integrity check button reports an intact chain, then a tampered one', async () => {
    const agent = new Agent(t.app, 'nhatky.test');
    await agent.login(head.email);
    await agent.post('/admin/audit/verify');
    assert.match(textOf((await agent.get('/admin/audit')).body), /Chuỗi nhật ký toàn vẹn/);
    const second = await t.db.selectFrom('audit_log').select('ip').where('site_id', '=', site.id).where('seq', '=', 2).executeTakeFirstOrThrow();
    await t.db.updateTable('audit_log').set({ ip: '1.2.3.4' }).where('site_id', '=', site.id).where('seq', '=', 2).execute();
    await agent.post('/admin/audit/verify');
    assert.match(textOf((await agent.get('/admin/audit')).body), /Phát hiện 1 điểm bất thường/);

    // The last row deleted and the head rewound: only the anchor written outside the database shows it.
    await t.db.updateTable('audit_log').set({ ip: second.ip }).where('site_id', '=', site.id).where('seq', '=', 2).execute();
    await agent.post('/admin/audit/verify');
    assert.match(textOf((await agent.get('/admin/audit')).body), /Chuỗi nhật ký toàn vẹn/);
    await anchorAuditHeads(t.db, { dataDir: t.dataDir });
    const [last, previous] = await t.db.selectFrom('audit_log').selectAll().where('site_id', '=', site.id).orderBy('seq', 'desc').limit(2).execute();
    await t.db.deleteFrom('audit_log').where('id', '=', last!.id).execute();
    await t.db.updateTable('audit_heads').set({ last_seq: previous!.seq, last_hash: previous!.hash }).where('site_id', '=', site.id).execute();
    await agent.post('/admin/audit/verify');
    assert.match(textOf((await agent.get('/admin/audit')).body), /Phát hiện 1 điểm bất thường/);
  });
  test('royalty details (amounts, payees, pen names) are hidden from a site administrator who reads the log', async () => {
    const admin = await makeUser(t.db, site, ['site_admin'], { name: 'Quản Trị Nhật Ký' });
    await appendAudit(t.db, { siteId: site.id, userId: head.id, onBehalfOfUserId: null, label: 'Trưởng Ban Nhật Ký', ip: null, userAgent: null }, { action: 'royalty.payee_create', targetType: 'royalty_payee', targetId: 1, details: { fullName: 'Trần Thị Minh Thư', penNames: ['Minh Thư'] } });
    const asAdmin = new Agent(t.app, 'nhatky.test');
    await asAdmin.login(admin.email);
    const adminRows = rowsOf((await asAdmin.get('/admin/audit?action=royalty.')).body);
    assert.match(adminRows, /royalty\.payee_create/);
    assert.doesNotMatch(adminRows, /Minh Thư/);
    assert.match(adminRows, /chỉ người có quyền xem nhuận bút/);
    const { token } = await createApiToken(t.db, systemActor(site.id), { siteId: site.id, userId: admin.id, name: 'audit', scopes: ['read', 'admin'], expiresInDays: null });
    const viaApi = await api(t.app, 'nhatky.test', 'GET', '/api/v1/audit?action=royalty.', token);
    assert.equal(viaApi.statusCode, 200);
    assert.doesNotMatch(viaApi.body, /Minh Thư/);
    assert.deepEqual(viaApi.json().data[0].details, { restricted: true });
    const asHead = new Agent(t.app, 'nhatky.test');
    await asHead.login(head.email);
    assert.match(rowsOf((await asHead.get('/admin/audit?action=royalty.')).body), /Minh Thư/);
  });
});
