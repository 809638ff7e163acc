import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Agent, textOf } from '../../../test/support/agent.ts';
import { buildTestApp, type TestApp } from '../../../test/support/app.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { makeSite } from '../../../test/support/factories.ts';
import { asset } from '../../ui/assets.ts';

forEachEngine('operation: health, errors, headers, assets', (engine) => {
  let t: TestApp;

  before(async () => {
    t = await buildTestApp(engine);
    await makeSite(t.db, 'vanhanh');
    t.refreshSites();
  });
  after(async () => t.close());

  test('healthz reports the database and migrations; readyz answers', async () => {
    const health = await t.app.inject({ url: '/healthz', headers: { host: 'vanhanh.test' } });
    assert.equal(health.statusCode, 200);
    assert.deepEqual(health.json(), { status: 'ok', database: 'ok', migrations: 'current' });
    assert.equal((await t.app.inject({ url: '/readyz' })).json().status, 'ready');
  });

  test('an unknown address gets a Vietnamese 404 page, or JSON under /api', async () => {
    const page = await t.app.inject({ url: '/khong-co-trang-nay', headers: { host: 'vanhanh.test' } });
    assert.equal(page.statusCode, 404);
    assert.match(page.headers['content-type'] as string, /text\/html/);
    assert.match(textOf(page.body), /Không tìm thấy trang/);
    const json = await t.app.inject({ url: '/api/v1/khong-co', headers: { host: 'vanhanh.test' } });
    assert.equal(json.statusCode, 404);
    assert.equal(json.json().error.code, 'not_found');
  });

  test('the English switch turns the interface to English', async () => {
    const agent = new Agent(t.app, 'vanhanh.test');
    const res = await agent.get('/lang/en?next=/admin/login');
    assert.equal(res.headers.location, '/admin/login');
    assert.match(textOf((await agent.get('/admin/login')).body), /Sign in to the back office/);
    assert.equal((await agent.get('/lang/en?next=https://evil.example/')).headers.location, '/');
  });

  test('pages carry a strict Content Security Policy without inline script', async () => {
    const res = await t.app.inject({ url: '/admin/login', headers: { host: 'vanhanh.test' } });
    const csp = res.headers['content-security-policy'] as string;
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /object-src 'none'/);
    assert.doesNotMatch(res.body, /<script(?![^>]*src=)/, 'no inline script');
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.equal(res.headers['cache-control'], 'no-store');
  });

  test('fingerprinted assets are cached for a year and answer 304 when unchanged', async () => {
    const url = asset('admin.css');
    assert.match(url, /^\/assets\/admin\.[0-9a-f]{10}\.css$/);
    const res = await t.app.inject({ url });
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['cache-control'] as string, /max-age=31536000, immutable/);
    const again = await t.app.inject({ url, headers: { 'if-none-match': res.headers.etag as string } });
    assert.equal(again.statusCode, 304);
    assert.equal((await t.app.inject({ url: '/assets/admin.0000000000.css' })).statusCode, 404);
  });

  test('an oversized form is refused with a page, not a crash', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/admin/login',
      headers: { host: 'vanhanh.test', 'content-type': 'application/x-www-form-urlencoded' },
      payload: `email=${'a'.repeat(1024 * 1024 + 10)}`,
    });
    assert.equal(res.statusCode, 413);
    assert.match(textOf(res.body), /Dữ liệu quá lớn/);
  });

  test('when the database fails, people get a 500 page with a reference and no stack trace', async () => {
    await t.database.close();
    const page = await t.app.inject({ url: '/admin/login', headers: { host: 'vanhanh.test' } });
    // The site list is cached, so the page itself fails on its first query.
    const res = page.statusCode === 200 ? await new Agent(t.app, 'vanhanh.test').post('/admin/login', { email: 'a@b.vn', password: 'x' }) : page;
    assert.equal(res.statusCode, 500);
    const text = textOf(res.body);
    assert.match(text, /Đã có lỗi xảy ra/);
    assert.match(text, /Mã tham chiếu: [0-9a-f-]{36}/);
    assert.doesNotMatch(res.body, /\.ts:\d+|at async|Error:/);
    const health = await t.app.inject({ url: '/healthz' });
    assert.equal(health.statusCode, 503);
  });
});
