// Every declared kind's public address is its own: no other public route
// starts with it, no two kinds share one, and it is a plain lower-case
// segment. Run over the routes the application really registers, so a kind
// declared later (or a module added later) that collides fails here. A kind
// with a view of its own (registerEntryView) is linked from its list page.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { allSectionKinds } from '../../../core/entries/index.ts';
import { buildTestApp, TestClock, type TestApp } from '../../../../test/support/app.ts';
import { testEngines } from '../../../../test/support/databases.ts';
import { makeBoard, type Board } from '../../../../test/support/editorial.ts';
import { entryPaths } from './routes.tsx';
import { entryViews, registerEntryView } from './views.ts';

/** The GET routes of the app, rebuilt from Fastify's printed radix tree. */
function getRoutes(t: TestApp): string[] {
  const out: string[] = [];
  const stack: string[] = [];
  for (const line of t.app.printRoutes({ commonPrefix: false, method: 'GET' }).split('\n')) {
    const m = /^([│ ]*)(?:[├└]── )?(.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m || !m[2]) continue;
    const depth = Math.floor(m[1]!.length / 4) + (line.includes('── ') ? 1 : 0);
    stack.length = depth;
    stack[depth] = m[2];
    if (m[3]) out.push(stack.join(''));
  }
  return out;
}

let t: TestApp;
let b: Board;
before(async () => {
  t = await buildTestApp(testEngines()[0]!, { clock: new TestClock(new Date('2026-11-23T02:00:00Z')) });
  b = await makeBoard(t, 'tuyendiemxem');
});
after(async () => t.close());

test('every kind’s address differs from the other public routes and from the other kinds', () => {
  const routes = getRoutes(t);
  assert.ok(routes.includes('/van-ban') && routes.includes('/bai-viet/:slug') && routes.includes('/thong-bao'), `routes read back: ${routes.slice(0, 20).join(' ')}`);
  const kinds = allSectionKinds();
  assert.equal(new Set(kinds.map((k) => k.path)).size, kinds.length, 'two kinds share an address');
  for (const kind of kinds) {
    assert.match(kind.path, /^[a-z0-9]+(-[a-z0-9]+)*$/, `${kind.key}: a plain lower-case segment`);
    const own = new Set([entryPaths.list(kind), entryPaths.list(kind, 'en'), `${entryPaths.list(kind)}/:slug`, entryPaths.rss(kind), entryPaths.csv(kind), entryPaths.json(kind)]);
    // A kind with a view of its own (the week, the directory) has that module's routes under its address.
    const ownView = (r: string) => kind.view !== undefined && r.startsWith(`/${kind.path}/`);
    const clashing = routes.filter((r) => !own.has(r) && !ownView(r) && [`/${kind.path}`, `/en/${kind.path}`].some((p) => r === p || r.startsWith(`${p}/`) || r.startsWith(`${p}.`)));
    assert.deepEqual(clashing, [], `${kind.key}: /${kind.path} is already used`);
    for (const r of own) assert.ok(routes.includes(r), `${kind.key}: ${r} registered`);
    // Nor the English prefix or the back office.
    assert.ok(!['en', 'admin', 'api', 'media', 'assets'].includes(kind.path), kind.key);
  }
});

test('a view a module registers for a kind is linked from the list page', async () => {
  registerEntryView('announcement', { label: { vi: 'Xem theo tuần', en: 'By week' }, href: (today) => `/thong-bao/tuan/${today}` });
  assert.deepEqual(entryViews('announcement', '2026-11-23'), [{ label: { vi: 'Xem theo tuần', en: 'By week' }, href: '/thong-bao/tuan/2026-11-23' }]);
  const res = await t.app.inject({ method: 'GET', url: '/thong-bao', headers: { host: b.host } });
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /<a href="\/thong-bao\/tuan\/2026-11-23">Xem theo tuần<\/a>/);
});
