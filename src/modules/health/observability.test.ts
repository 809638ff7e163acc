// Observability (ADR 0030): /metrics never answers an anonymous client from
// outside; with the token (or from this machine, unproxied) it gives request
// counts per route group, never raw addresses; /healthz stays minimal unless
// the token or the installation administrator asks; slow queries are logged
// with their SQL text, never their parameters; named jobs are counted.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Agent, textOf } from '../../../test/support/agent.ts';
import { buildTestApp, type TestApp } from '../../../test/support/app.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { makeSite, makeUser, type TestUser } from '../../../test/support/factories.ts';
import { openDatabase, setSlowQueryLog, type SlowQuery } from '../../platform/db/database.ts';
import { runEvery } from '../../platform/interval-job.ts';
import { migrateToLatest } from '../../platform/db/migrator.ts';
import { jobStatesSnapshot, routeGroup } from '../../platform/metrics.ts';
import { sql } from 'kysely';

const TOKEN = 'metrics-token-that-is-long-enough-0123456789';

forEachEngine('metrics and health', (engine) => {
  let t: TestApp;
  let platform: TestUser;
  let siteAdmin: TestUser;

  before(async () => {
    t = await buildTestApp(engine, { config: { metricsToken: TOKEN } });
    const site = await makeSite(t.db, 'giamsat');
    platform = await makeUser(t.db, site, ['site_admin']);
    await t.db.updateTable('users').set({ is_platform_admin: 1 }).where('id', '=', platform.id).execute();
    siteAdmin = await makeUser(t.db, site, ['site_admin']);
    t.refreshSites();
  });
  after(async () => t.close());

  const get = (url: string, opts: { ip?: string; headers?: Record<string, string> } = {}) =>
    t.app.inject({ url, remoteAddress: opts.ip ?? '203.0.113.9', headers: { host: 'giamsat.test', ...opts.headers } });

  test('an anonymous client from outside, or through the proxy, cannot read /metrics', async () => {
    assert.equal((await get('/metrics')).statusCode, 404);
    assert.equal((await get('/metrics', { headers: { authorization: 'Bearer wrong-token-wrong-token-wrong-token-00' } })).statusCode, 404);
    // nginx on this machine connects from loopback but says who the client is.
    assert.equal((await get('/metrics', { ip: '127.0.0.1', headers: { 'x-forwarded-for': '203.0.113.9' } })).statusCode, 404);
  });

  test('with the token: request counts per route group, cache, queues, never a raw address', async () => {
    await get('/bai-viet/khong-co-bai-nay-12345');
    await get('/');
    await get('/');
    const response = await get('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(response.statusCode, 200);
    assert.match(response.headers['content-type'] as string, /text\/plain/);
    const body = response.body;
    assert.match(body, /trangtin_http_requests_total\{group="public",method="GET",status="2xx"\} \d+/);
    assert.match(body, /trangtin_http_request_duration_seconds_bucket\{le="0.005",group="public"\}/);
    assert.match(body, /trangtin_render_cache_hits_total [1-9]/);
    // The home page is held: one page at least, its bytes counted; changes and pages dropped are exposed.
    assert.match(body, /trangtin_render_cache_entries [1-9]/);
    assert.match(body, /trangtin_render_cache_bytes [1-9]\d{3,}/);
    assert.match(body, /trangtin_render_cache_changes_total \d+/);
    assert.match(body, /trangtin_render_cache_pages_dropped_total \d+/);
    assert.match(body, /trangtin_queue_depth\{queue="articles_in_review"\} 0/);
    assert.match(body, /trangtin_queue_depth\{queue="citizen_cases_open"\} 0/);
    assert.doesNotMatch(body, /khong-co-bai-nay/);
    if (engine.name === 'postgres') assert.match(body, /trangtin_db_pool_connections\{state="total"\}/);
    else assert.doesNotMatch(body, /trangtin_db_pool_connections\{/);
    // A direct scrape from this machine needs no token.
    assert.equal((await get('/metrics', { ip: '127.0.0.1' })).statusCode, 200);
    // Prometheus scrapes each node by its address, a host name no site has.
    const byAddress = await t.app.inject({ url: '/metrics', remoteAddress: '10.0.0.5', headers: { host: '10.0.0.11:3001', authorization: `Bearer ${TOKEN}` } });
    assert.equal(byAddress.statusCode, 200);
    assert.match(byAddress.body, /trangtin_http_requests_total/);
  });

  test('route groups are a fixed set', () => {
    assert.equal(routeGroup('/admin/articles/:id'), 'admin');
    assert.equal(routeGroup('/api/v1/articles'), 'api');
    assert.equal(routeGroup('/healthz'), 'health');
    assert.equal(routeGroup('/:section/:slug'), 'public');
    assert.equal(routeGroup(undefined), 'unmatched');
  });

  test('/healthz is minimal for everyone, detailed for the token and the installation administrator only', async () => {
    const anonymous = JSON.parse((await get('/healthz')).body) as Record<string, unknown>;
    assert.equal(anonymous.status, 'ok');
    assert.equal(anonymous.version, undefined);
    assert.equal(anonymous.disk, undefined);
    const detailed = JSON.parse((await get('/healthz', { headers: { authorization: `Bearer ${TOKEN}` } })).body) as Record<string, any>;
    assert.equal(detailed.status, 'ok');
    assert.match(detailed.version, /^\d+\.\d+\.\d+/);
    assert.ok(detailed.disk.freeBytes > 0);
    assert.equal(typeof detailed.jobs, 'object');
    const admin = new Agent(t.app, 'giamsat.test');
    await admin.login(siteAdmin.email);
    assert.equal((await admin.get('/admin/healthz')).statusCode, 403);
    const it = new Agent(t.app, 'giamsat.test');
    await it.login(platform.email);
    // The JSON details on request (?format=json, or Accept: application/json).
    const json = await it.get('/admin/healthz?format=json');
    assert.equal(json.statusCode, 200);
    assert.equal((JSON.parse(json.body) as Record<string, unknown>).engine, engine.name === 'postgres' ? 'postgres' : 'sqlite');
    const accepted = await it.get('/admin/healthz', { accept: 'application/json' });
    assert.equal(accepted.statusCode, 200);
    assert.match(accepted.headers['content-type'] as string, /application\/json/);
    // The page a person reads: HTML, each check OK or a problem, disk space in human units, Vietnam time, jobs.
    const page = await it.get('/admin/healthz');
    assert.equal(page.statusCode, 200);
    assert.match(page.headers['content-type'] as string, /text\/html/);
    const text = textOf(page.body);
    assert.match(page.body, /<h1>Tình trạng hệ thống<\/h1>/);
    assert.match(text, /Cơ sở dữ liệu OK Kết nối được/);
    assert.match(text, /Cấu trúc dữ liệu \(migration\) OK Đã cập nhật đầy đủ/);
    assert.match(text, /Dung lượng đĩa trống (OK|Có vấn đề) (Còn trống|Sắp hết chỗ)[^\d]*[\d,]+ [KMGTP]iB trên [\d,]+ [KMGTP]iB/);
    assert.match(text, /Kiểm tra lúc \d\d\/\d\d\/\d{4} \d\d:\d\d \(giờ Việt Nam, UTC\+7\)/);
    assert.match(text, /Tác vụ định kỳ/);
    assert.match(page.body, /<a href="\/admin\/healthz\?format=json">/);
    // In the installation administrator's menu, not in a site administrator's.
    assert.match((await it.get('/admin')).body, /<a href="\/admin\/healthz"/);
    assert.doesNotMatch((await admin.get('/admin')).body, /href="\/admin\/healthz"/);
  });
});

test('slow queries are logged with their SQL text, never their parameters', async () => {
  const logged: SlowQuery[] = [];
  setSlowQueryLog((q) => logged.push(q));
  const handle = openDatabase(':memory:', { slowQueryMs: 0.000001 });
  try {
    await sql`select ${'Nguyễn Văn A, 0912345678'} as who`.execute(handle.db);
  } finally {
    await handle.close();
  }
  assert.equal(logged.length, 1);
  assert.match(logged[0]!.sql, /select \? as who/);
  assert.doesNotMatch(JSON.stringify(logged), /0912345678|Nguyễn/);
  assert.ok(logged[0]!.durationMs >= 0);
});

test('a named (leased) job counts its runs and failures', async () => {
  const handle = openDatabase(':memory:');
  await migrateToLatest(handle.db);
  let n = 0;
  const stop = runEvery(10, async () => {
    n += 1;
    if (n === 1) throw new Error('first run fails');
  }, () => {}, { db: handle.db, name: 'test-job' });
  await new Promise((r) => setTimeout(r, 150));
  stop();
  await handle.close();
  const state = jobStatesSnapshot()['test-job']!;
  assert.ok(state.runs >= 2);
  assert.equal(state.failures, 1);
  assert.equal(state.lastError, 'first run fails');
});
