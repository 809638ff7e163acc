// Tenant isolation: a user, a session or an API token of one site can neither
// read nor change another site's data through any route of the back office or
// the API. Every route is walked; the other site's rows must be untouched.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ROLES } from '../src/core/permissions.ts';
import { accessTable, type RouteAccess } from '../src/modules/accounts/http-auth.ts';
import { createApiToken } from '../src/modules/api-tokens/tokens.ts';
import { createDelegation } from '../src/modules/delegations/manage-delegations.ts';
import type { Site } from '../src/modules/sites/site.ts';
import { vietnamDate } from '../src/core/time.ts';
import { createArticle } from '../src/modules/articles/save-article.ts';
import { uploadMedia } from '../src/modules/media/media.ts';
import { loadGrants } from '../src/modules/members/grants.ts';
import { createSection } from '../src/modules/sections/manage-sections.ts';
import { makePng } from './support/docx.ts';
import { Agent, api } from './support/agent.ts';
import { buildTestApp, type TestApp } from './support/app.ts';
import { forEachEngine } from './support/databases.ts';
import { makeSite, makeUnit, makeUser, systemActor, type TestUser } from './support/factories.ts';

interface SiteData {
  site: Site;
  admin: TestUser;
  member: TestUser;
  unitId: number;
  delegationId: number;
  tokenId: number;
  token: string;
  articleId: number;
  sectionId: number;
  mediaId: number;
  screeningId: number;
}

forEachEngine('tenant isolation', (engine) => {
  let t: TestApp;
  let a: SiteData;
  let b: SiteData;
  let routes: RouteAccess[];

  async function seed(key: string): Promise<SiteData> {
    const site = await makeSite(t.db, key);
    const unitId = await makeUnit(t.db, site, `Phòng Nội vụ ${key}`);
    // The administrator holds every role: the widest rights a site can give.
    const admin = await makeUser(t.db, site, [...ROLES]);
    const member = await makeUser(t.db, site, ['contributor', 'deputy'], { unitId });
    const delegationId = await createDelegation(
      t.db,
      { ...systemActor(site.id), userId: member.id },
      { fromUserId: member.id, toUserId: admin.id, roles: 'all', startsOn: vietnamDate(t.clock.now()), endsOn: vietnamDate(t.clock.now()), reason: 'Đi công tác' },
      { mayManageOthers: false },
    );
    const { token, row } = await createApiToken(t.db, systemActor(site.id), { siteId: site.id, userId: admin.id, name: 'iOffice', scopes: ['read', 'write', 'admin'], expiresInDays: null });
    const actor = { ...systemActor(site.id), userId: admin.id };
    const sectionId = await createSection(t.db, actor, { name: `Tin tức ${key}` });
    const media = await uploadMedia(t.db, t.deps.files, actor, { data: await makePng(8, 8), originalName: `anh-${key}.png`, purpose: 'image', alt: `Ảnh ${key}` });
    const grants = await loadGrants(t.db, site, { id: admin.id, is_platform_admin: 0 }, vietnamDate(t.clock.now()));
    const article = await createArticle(t.db, actor, grants, { kind: 'news', title: `Tin bài ${key}`, summary: '', bodyHtml: `<p>Nội dung ${key}</p>`, coverMediaId: null, coverCaption: null, coverAlt: null, sectionId, tags: [], source: 'UBND', authorName: 'Phóng viên', readerContribution: false, unitId, eventAt: null, language: 'vi', translationOfId: null, isReference: false, relatedIds: [], attachmentIds: [] });
    const screening = await t.db.insertInto('screening_rules').values({ site_id: site.id, kind: 'term', pattern: `cấm ${key}`, note: null, created_by_user_id: admin.id, created_at: new Date().toISOString() }).returning('id').executeTakeFirstOrThrow();
    await t.db.insertInto('rating_counts').values({ site_id: site.id, month: vietnamDate(t.clock.now()).slice(0, 7), item_type: 'article', item_id: article.row.id, kind: 'news', section_id: sectionId, title: `Tin bài ${key}`, url: `/bai-viet/tin-bai-${key}`, useful: 2, not_useful: 1 }).execute();
    return { site, admin, member, unitId, delegationId, tokenId: row.id, token, articleId: article.row.id, sectionId, mediaId: media.id, screeningId: screening.id };
  }

  /** Everything site B owns, to prove nothing changed. */
  async function snapshot(siteId: number): Promise<string> {
    const tables = ['units', 'memberships', 'membership_roles', 'delegations', 'api_tokens', 'rules', 'site_hosts', 'password_resets', 'sections', 'media', 'articles', 'article_revisions', 'screening_rules', 'workflow_events', 'rating_counts'] as const;
    const parts: unknown[] = [];
    for (const table of tables) parts.push(await t.db.selectFrom(table).selectAll().where('site_id', '=', siteId).execute());
    parts.push(await t.db.selectFrom('sites').selectAll().where('id', '=', siteId).execute());
    const userIds = (await t.db.selectFrom('memberships').select('user_id').where('site_id', '=', siteId).execute()).map((r) => r.user_id);
    parts.push(await t.db.selectFrom('users').select(['id', 'email', 'name', 'phone', 'password_hash', 'status', 'totp_secret_enc']).where('id', 'in', userIds).orderBy('id').execute());
    return JSON.stringify(parts);
  }

  function withIdsOf(route: RouteAccess, data: SiteData): string {
    const byPath: [string, number][] = [
      ['/units/', data.unitId], ['/delegations/', data.delegationId], ['/tokens/', data.tokenId], ['/sites/', data.site.id],
      ['/articles/', data.articleId], ['/trash/', data.articleId], ['/sections/', data.sectionId], ['/media/', data.mediaId], ['/screening/', data.screeningId],
    ];
    const id = byPath.find(([path]) => route.url.includes(path))?.[1] ?? data.member.id;
    return route.url.replace(':id', String(id)).replace(':number', '1').replace(':token', 'x'.repeat(43));
  }

  /** A body the route accepts in shape, so only the site check can refuse it. */
  function validBody(route: RouteAccess): Record<string, unknown> | undefined {
    if (route.method === 'GET') return undefined;
    if (route.url.endsWith('/actions')) return { action: 'submit' };
    if (route.url.startsWith('/api/v1/articles/')) return { lockVersion: 1, title: 'Hacked' };
    if (route.url.startsWith('/api/v1/articles')) return { title: 'Hacked' };
    return { name: 'Hacked', kind: 'phong' };
  }

  before(async () => {
    t = await buildTestApp(engine);
    a = await seed('iso-a');
    b = await seed('iso-b');
    t.refreshSites();
    routes = accessTable(t.app).filter((r) => (r.url.startsWith('/admin') || r.url.startsWith('/api/v1')) && r.access.kind !== 'public');
  });
  after(async () => t.close());

  test("a session of site A is treated as signed-out on site B, for every route", async () => {
    const before = await snapshot(b.site.id);
    const agentA = new Agent(t.app, 'iso-a.test');
    await agentA.login(a.admin.email);
    const csrf = await agentA.csrf();
    const intruder = new Agent(t.app, 'iso-b.test');
    intruder.setCookie('tt_session', agentA.cookie('tt_session')!);
    intruder.setCookie('tt_csrf', agentA.cookie('tt_csrf')!);
    const leaks: string[] = [];
    for (const route of routes.filter((r) => r.url.startsWith('/admin'))) {
      const url = withIdsOf(route, b);
      const res = route.method === 'GET' ? await intruder.get(url) : await intruder.post(url, { _csrf: csrf, name: 'Hacked', reason: 'x' }, { csrf: false });
      const ok = route.method === 'GET' ? res.statusCode === 302 && String(res.headers.location).startsWith('/admin/login') : [401, 403].includes(res.statusCode);
      if (!ok) leaks.push(`${route.method} ${url}: ${res.statusCode}`);
    }
    assert.deepEqual(leaks, []);
    assert.equal(await snapshot(b.site.id), before);
  });

  test("an API token of site A is refused on site B, for every endpoint", async () => {
    const before = await snapshot(b.site.id);
    for (const route of routes.filter((r) => r.url.startsWith('/api/v1'))) {
      const res = await api(t.app, 'iso-b.test', route.method as 'GET', withIdsOf(route, b), a.token, validBody(route));
      assert.equal(res.statusCode, 401, `${route.method} ${route.url}`);
      assert.equal(res.json().error.code, 'unauthorized');
    }
    assert.equal(await snapshot(b.site.id), before);
  });

  test("on its own site, A's administrator cannot reach B's rows by their ids", async () => {
    const before = await snapshot(b.site.id);
    const agent = new Agent(t.app, 'iso-a.test');
    await agent.login(a.admin.email);
    const leaks: string[] = [];
    for (const route of routes.filter((r) => r.url.includes(':id'))) {
      const url = withIdsOf(route, b);
      let res;
      if (route.url.startsWith('/api/')) {
        res = await api(t.app, 'iso-a.test', route.method as 'GET', url, a.token, validBody(route));
      } else {
        res = route.method === 'GET' ? await agent.get(url) : await agent.post(url, { name: 'Hacked', title: 'Hacked', kind: 'phong', language: 'vi', roles: 'site_admin', status: 'active', reason: 'x', action: 'submit', lockVersion: '1' });
      }
      // Not found (or not allowed); never a page or a change about B's row.
      if (![403, 404].includes(res.statusCode)) leaks.push(`${route.method} ${url}: ${res.statusCode}`);
      assert.doesNotMatch(res.body, /iso-b/, `${route.method} ${url} shows B's data`);
    }
    assert.deepEqual(leaks, []);
    assert.equal(await snapshot(b.site.id), before);
  });

  test("A's lists and API show only A's units, members, delegations, audit and ratings", async () => {
    const agent = new Agent(t.app, 'iso-a.test');
    await agent.login(a.admin.email);
    for (const url of ['/admin/users', '/admin/units', '/admin/delegations', '/admin/audit', '/admin/tokens', '/admin/rules', '/admin/ratings', '/admin/ratings.csv']) {
      const res = await agent.get(url);
      assert.equal(res.statusCode, 200, url);
      assert.doesNotMatch(res.body, /iso-b/, `${url} lists B's data`);
    }
    assert.match((await agent.get('/admin/ratings')).body, /Tin bài iso-a/, "A's own ratings are there");
    for (const url of ['/api/v1/units', '/api/v1/members', '/api/v1/audit']) {
      const res = await api(t.app, 'iso-a.test', 'GET', url, a.token);
      assert.equal(res.statusCode, 200, url);
      assert.doesNotMatch(res.body, /iso-b/, `${url} returns B's data`);
    }
  });

  test('a person who belongs to both sites acts on each only through that site’s address', async () => {
    const both = await makeUser(t.db, a.site, ['site_admin'], { email: 'hai-trang@iso.test' });
    // Same account added to B as a mere contributor.
    const { addMember } = await import('../src/modules/members/manage-members.ts');
    await addMember(t.db, systemActor(b.site.id), { email: 'hai-trang@iso.test', name: 'x', roles: ['contributor'] });
    const onA = new Agent(t.app, 'iso-a.test');
    await onA.login(both.email);
    assert.equal((await onA.get('/admin/users/new')).statusCode, 200, 'administrator on A');
    const onB = new Agent(t.app, 'iso-b.test');
    await onB.login(both.email);
    assert.equal((await onB.get('/admin/users/new')).statusCode, 403, 'only a contributor on B');
  });
});
