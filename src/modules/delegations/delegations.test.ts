import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Agent, textOf } from '../../../test/support/agent.ts';
import { buildTestApp, TestClock, type TestApp } from '../../../test/support/app.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { makeSite, makeUser, type TestUser } from '../../../test/support/factories.ts';
import type { Site } from '../sites/site.ts';

forEachEngine('delegation (ủy quyền)', (engine) => {
  let t: TestApp;
  let site: Site;
  let head: TestUser; // Trưởng ban, also the site administrator
  let deputy: TestUser;
  let contributor: TestUser;

  before(async () => {
    // 09:00 on Monday 23 Nov 2026, Vietnam time.
    t = await buildTestApp(engine, { clock: new TestClock(new Date('2026-11-23T02:00:00Z')) });
    site = await makeSite(t.db, 'uyquyen');
    head = await makeUser(t.db, site, ['editor_in_chief', 'site_admin'], { name: 'Nguyễn Trưởng Ban' });
    deputy = await makeUser(t.db, site, ['deputy'], { name: 'Lê Phó Ban' });
    contributor = await makeUser(t.db, site, ['contributor']);
    t.refreshSites();
  });
  after(async () => t.close());

  test('the head delegates for a date range; the deputy acts on the head’s behalf only within it; both names are recorded', async () => {
    const headAgent = new Agent(t.app, 'uyquyen.test');
    await headAgent.login(head.email);
    const created = await headAgent.post('/admin/delegations', {
      fromUserId: head.id,
      toUserId: deputy.id,
      roles: ['site_admin'],
      startsOn: '24/11/2026',
      endsOn: '2026-11-25',
      reason: 'Trưởng ban đi công tác tại Hà Nội',
    });
    assert.equal(created.statusCode, 303, textOf(created.body));

    const deputyAgent = new Agent(t.app, 'uyquyen.test');
    await deputyAgent.login(deputy.email);
    assert.equal((await deputyAgent.get('/admin/units/new')).statusCode, 403, 'not yet in force on the 23rd');

    t.clock.set('2026-11-24T01:00:00Z'); // 08:00 on the 24th
    await deputyAgent.login(deputy.email);
    const home = await deputyAgent.get('/admin');
    assert.match(textOf(home.body), /thay mặt Nguyễn Trưởng Ban/);
    const res = await deputyAgent.post('/admin/units', { name: 'Phòng Văn hóa và Thông tin', kind: 'phong', sortOrder: '0' });
    assert.equal(res.statusCode, 303);
    const row = await t.db.selectFrom('audit_log').selectAll().where('site_id', '=', site.id).where('action', '=', 'unit.create').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    assert.equal(row.actor_user_id, deputy.id);
    assert.equal(row.on_behalf_of_user_id, head.id);

    // The deputy's own right (reviewing content) is not "on behalf of" anyone.
    const me = await deputyAgent.get('/admin/delegations');
    assert.match(textOf(me.body), /Đang hiệu lực/);

    t.clock.set('2026-11-25T16:59:00Z'); // 23:59 on the 25th: still in force
    await deputyAgent.login(deputy.email);
    assert.equal((await deputyAgent.get('/admin/units/new')).statusCode, 200);
    t.clock.set('2026-11-25T17:00:00Z'); // 00:00 on the 26th: over
    assert.equal((await deputyAgent.get('/admin/units/new')).statusCode, 403);
  });

  test('a delegation can be revoked early, with its reason, and stops at once', async () => {
    t.clock.set('2026-11-27T02:00:00Z');
    const headAgent = new Agent(t.app, 'uyquyen.test');
    await headAgent.login(head.email);
    await headAgent.post('/admin/delegations', { fromUserId: head.id, toUserId: deputy.id, roles: 'all', startsOn: '27/11/2026', endsOn: '30/11/2026', reason: 'Nghỉ phép' });
    const d = await t.db.selectFrom('delegations').selectAll().where('reason', '=', 'Nghỉ phép').executeTakeFirstOrThrow();
    const deputyAgent = new Agent(t.app, 'uyquyen.test');
    await deputyAgent.login(deputy.email);
    assert.equal((await deputyAgent.get('/admin/audit')).statusCode, 200, 'all roles: audit.read of the editor-in-chief');
    const revoked = await headAgent.post(`/admin/delegations/${d.id}/revoke`, { reason: 'Đã về cơ quan sớm' });
    assert.equal(revoked.statusCode, 303);
    assert.equal((await deputyAgent.get('/admin/audit')).statusCode, 403);
    const row = await t.db.selectFrom('delegations').selectAll().where('id', '=', d.id).executeTakeFirstOrThrow();
    assert.equal(row.revoke_reason, 'Đã về cơ quan sớm');
    assert.equal(row.revoked_by_user_id, head.id);
    assert.ok(await t.db.selectFrom('audit_log').select('id').where('action', '=', 'delegation.revoke').executeTakeFirst());
  });

  test('bad delegations are refused with every reason, in Vietnamese, keeping what was typed', async () => {
    const headAgent = new Agent(t.app, 'uyquyen.test');
    await headAgent.login(head.email);
    const res = await headAgent.post('/admin/delegations', { fromUserId: head.id, toUserId: head.id, roles: ['publisher'], startsOn: '01/01/2020', endsOn: '01/01/2019', reason: '' });
    assert.equal(res.statusCode, 400);
    const text = textOf(res.body);
    assert.match(text, /Vui lòng nhập Lý do/);
    const res2 = await headAgent.post('/admin/delegations', { fromUserId: head.id, toUserId: head.id, roles: ['publisher'], startsOn: '01/01/2020', endsOn: '01/01/2019', reason: 'Thử' });
    const text2 = textOf(res2.body);
    assert.match(text2, /Không thể tự ủy quyền cho chính mình/);
    assert.match(text2, /Chỉ ủy quyền được những vai trò người ủy quyền đang giữ/);
    assert.match(text2, /Ngày bắt đầu không được trước hôm nay/);
    assert.match(text2, /Ngày kết thúc phải sau hoặc bằng ngày bắt đầu/);
    assert.match(res2.body, /value="Thử"|>Thử</, 'the reason typed is kept');
  });

  test('only one’s own roles can be delegated; a contributor cannot delegate for the head', async () => {
    const agent = new Agent(t.app, 'uyquyen.test');
    await agent.login(contributor.email);
    const res = await agent.post('/admin/delegations', { fromUserId: head.id, toUserId: contributor.id, roles: 'all', startsOn: '30/11/2026', endsOn: '30/11/2026', reason: 'Giả mạo' });
    assert.equal(res.statusCode, 403);
    assert.equal(await t.db.selectFrom('delegations').select('id').where('reason', '=', 'Giả mạo').executeTakeFirst(), undefined);
  });
});
