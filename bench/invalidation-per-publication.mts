// Pages dropped per publication on a site with N cached pages (ADR 33): node --import tsx bench/invalidation-per-publication.mts 200
import { buildTestApp, TestClock } from '../test/support/app.ts';
import { testEngines } from '../test/support/databases.ts';
import { makeBoard, publishArticle } from '../test/support/editorial.ts';

const n = Number(process.argv[2] ?? 100);
// The last engine: PostgreSQL when TEST_DATABASE_URL is set.
const engine = testEngines().at(-1)!;
const t = await buildTestApp(engine, { clock: new TestClock(new Date('2026-11-23T02:00:00Z')) });
const b = await makeBoard(t, 'doluong');
const slugs: string[] = [];
for (let i = 0; i < n; i += 1) slugs.push((await publishArticle(b, { title: `Tin số ${i} về xây dựng nông thôn mới`, tags: [] })).slug);
const lists = ['/', '/chuyen-muc/tin-tuc-su-kien', '/rss.xml', '/tim-kiem?q=nong+thon', '/so-do-trang', '/sitemap.xml'];
const fill = async () => { for (const url of [...slugs.map((s) => `/bai-viet/${s}`), ...lists]) await t.app.inject({ url, headers: { host: b.host } }); };
await fill();
const rounds = 5;
const before = t.deps.pageCache.stats();
for (let i = 0; i < rounds; i += 1) {
  await publishArticle(b, { title: `Tin mới ${i}`, tags: [] });
  await new Promise((r) => setTimeout(r, 1200)); // let the poll run too
  await fill();
}
const after = t.deps.pageCache.stats();
console.log(JSON.stringify({ engine: engine.name, cachedPages: slugs.length + lists.length, publications: rounds, changes: after.changes - before.changes, pagesDropped: after.pagesDropped - before.pagesDropped, perPublication: (after.pagesDropped - before.pagesDropped) / rounds }));
await t.close();
