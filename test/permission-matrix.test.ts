// Walks every role against every route of the back office and the API: a role
// that lacks a route's permission is refused (403) before any handler runs,
// and a role that holds it gets through. The expected policy is also pinned
// in plain words below, so a change to the role table shows up here.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ROLE_PERMISSIONS, ROLES, type Role } from '../src/core/permissions.ts';
import { accessTable, type RouteAccess } from '../src/modules/accounts/http-auth.ts';
import { createApiToken } from '../src/modules/api-tokens/tokens.ts';
import type { Site } from '../src/modules/sites/site.ts';
import { Agent, api } from './support/agent.ts';
import { buildTestApp, type TestApp } from './support/app.ts';
import { forEachEngine } from './support/databases.ts';
import { makeSite, makeUnit, makeUser, systemActor, type TestUser } from './support/factories.ts';

/** The policy in words: what each role may reach, beyond every member's own pages. */
const EXPECTED: Record<string, Role[]> = {
  'GET /admin/users': ['site_admin', 'editor_in_chief', 'deputy', 'secretariat', 'board_member', 'secretary', 'publisher', 'unit_head'],
  'POST /admin/users': ['site_admin'],
  'GET /admin/audit': ['site_admin', 'editor_in_chief'],
  'GET /admin/site': ['site_admin'],
  'GET /admin/rules': ['site_admin'],
  'POST /admin/units': ['site_admin'],
  // Citizens' ratings are read by the board (its secretary, who reports, included), not by the unit staff and collaborators who write.
  'GET /admin/ratings': ['editor_in_chief', 'deputy', 'secretariat', 'board_member', 'secretary'],
  'GET /admin/ratings.csv': ['editor_in_chief', 'deputy', 'secretariat', 'board_member', 'secretary'],
  // Provision and the monthly report: the board, its secretary who reports on provision (000 Đ11.5) included; approval is the head's.
  'GET /admin/provision': ['editor_in_chief', 'deputy', 'secretariat', 'board_member', 'secretary'],
  'POST /admin/reports/monthly/2026-10/approve': ['editor_in_chief'],
  // Royalty amounts and payees: the head, deputies and the standing member read them; only the head
  // (or a delegate) assesses and manages; the site administrator and the authors see none of it.
  'GET /admin/royalties': ['editor_in_chief', 'deputy', 'secretariat'],
  'GET /admin/royalties/periods/2026-11.xlsx': ['editor_in_chief', 'deputy', 'secretariat'],
  'GET /admin/royalties/payees': ['editor_in_chief', 'deputy', 'secretariat'],
  'POST /admin/royalties/assess/1': ['editor_in_chief'],
  'POST /admin/royalties/periods/2026-10/close': ['editor_in_chief'],
  'POST /admin/royalties/policy': ['editor_in_chief'],
  'POST /admin/royalties/budget': ['editor_in_chief'],
  // Polls: the board's leadership and standing member manage them; authors and the site administrator do not.
  'GET /admin/polls': ['editor_in_chief', 'deputy', 'secretariat'],
  'POST /admin/polls': ['editor_in_chief', 'deputy', 'secretariat'],
  // The forum is moderated by the board's moderators only (004 Đ11.4).
  'GET /admin/forum': ['editor_in_chief', 'deputy', 'secretariat'],
  'POST /admin/forum/settings': ['editor_in_chief', 'deputy', 'secretariat'],
};

forEachEngine('permission matrix', (engine) => {
  let t: TestApp;
  let site: Site;
  const users = new Map<Role, TestUser>();
  const agents = new Map<Role, Agent>();
  const tokens = new Map<Role, string>();
  let params: Record<string, string>;
  let routes: RouteAccess[];

  before(async () => {
    t = await buildTestApp(engine);
    site = await makeSite(t.db, 'matrix');
    const unitId = await makeUnit(t.db, site, 'Phòng Văn hóa');
    for (const role of ROLES) {
      const user = await makeUser(t.db, site, [role], { unitId });
      users.set(role, user);
      const { token } = await createApiToken(t.db, systemActor(site.id), { siteId: site.id, userId: user.id, name: 'matrix', scopes: ['read', 'write', 'admin'], expiresInDays: null });
      tokens.set(role, token);
    }
    t.refreshSites();
    for (const role of ROLES) {
      const agent = new Agent(t.app, 'matrix.test');
      await agent.login(users.get(role)!.email);
      agents.set(role, agent);
    }
    const target = await makeUser(t.db, site, ['contributor']);
    params = { ':id': String(target.id), ':token': 'x' };
    routes = accessTable(t.app).filter((r) => r.url.startsWith('/admin') || r.url.startsWith('/api/'));
    // Ids in the URL point at rows of this site, so an allowed call reaches its handler.
    params = { ...params, unit: String(unitId), user: String(target.id), site: String(site.id) };
  });
  after(async () => t.close());

  function concreteUrl(route: RouteAccess): string {
    if (route.url.startsWith('/admin/units/')) return route.url.replace(':id', params.unit!);
    if (route.url.startsWith('/admin/sites/')) return route.url.replace(':id', params.site!);
    if (route.url.startsWith('/api/v1/units/')) return route.url.replace(':id', params.unit!);
    return route.url.replace(':id', params.user!).replace(':token', 'not-a-token');
  }

  function allowed(route: RouteAccess, role: Role): boolean {
    switch (route.access.kind) {
      case 'public':
      case 'signed-in':
        return true;
      case 'platform-admin':
        return false;
      case 'permission':
        return ROLE_PERMISSIONS[role].includes(route.access.permission);
    }
  }

  test('every back-office and API route declares who may call it', () => {
    assert.ok(routes.length > 30, `only ${routes.length} routes found`);
    for (const r of routes) assert.ok(r.access, `${r.method} ${r.url}`);
  });

  describe('back-office pages and forms', () => {
    test('each role is refused exactly the routes it lacks the permission for', async () => {
      const failures: string[] = [];
      // Reads first, then changes, so a change cannot hide a refusal.
      const ordered = [...routes.filter((r) => r.url.startsWith('/admin') && r.method === 'GET'), ...routes.filter((r) => r.url.startsWith('/admin') && r.method !== 'GET')];
      for (const route of ordered) {
        if (route.access.kind === 'public' || route.url === '/admin/logout') continue;
        // Steps of an unfinished sign-in (second factor) do not apply to a finished one.
        if (route.access.kind === 'signed-in' && route.access.stages && !route.access.stages.includes('active')) continue;
        for (const role of ROLES) {
          const agent = agents.get(role)!;
          const url = concreteUrl(route);
          const res = route.method === 'GET' ? await agent.get(url) : await agent.post(url, {});
          const refused = res.statusCode === 403;
          if (allowed(route, role) === refused) failures.push(`${role} ${route.method} ${route.url}: ${res.statusCode}`);
        }
      }
      assert.deepEqual(failures, []);
    });

    test('the policy in words holds', async () => {
      for (const [action, roles] of Object.entries(EXPECTED)) {
        const [method, url] = action.split(' ') as ['GET' | 'POST', string];
        for (const role of ROLES) {
          const agent = agents.get(role)!;
          const res = method === 'GET' ? await agent.get(url) : await agent.post(url, {});
          assert.equal(res.statusCode === 403, !roles.includes(role), `${role} ${action} → ${res.statusCode}`);
        }
      }
    });

    test('a refused action changes nothing', async () => {
      const before = await t.db.selectFrom('units').selectAll().where('site_id', '=', site.id).execute();
      const res = await agents.get('contributor')!.post('/admin/units', { name: 'Phòng mới', kind: 'phong' });
      assert.equal(res.statusCode, 403);
      assert.deepEqual(await t.db.selectFrom('units').selectAll().where('site_id', '=', site.id).execute(), before);
    });
  });

  describe('JSON API', () => {
    test('each role’s token is refused exactly the endpoints it lacks the permission for', async () => {
      const failures: string[] = [];
      for (const route of routes.filter((r) => r.url.startsWith('/api/v1/'))) {
        for (const role of ROLES) {
          const body = route.method === 'GET' ? undefined : { name: 'Đơn vị thử', kind: 'phong' };
          const res = await api(t.app, 'matrix.test', route.method as 'GET', concreteUrl(route), tokens.get(role), body);
          const refused = res.statusCode === 403;
          if (allowed(route, role) === refused) failures.push(`${role} ${route.method} ${route.url}: ${res.statusCode} ${res.body.slice(0, 80)}`);
          if (refused) assert.equal(res.json().error.code, 'forbidden');
        }
      }
      assert.deepEqual(failures, []);
    });
  });
});
