// How many statements an uncached article page sends to the database (issue 18): on PostgreSQL each
// is a round trip, the largest cost of such a page after rendering. The page reads its article, its
// live revision and its extras (corrections, spoken version, story threads, language switch:
// article-extras.ts); what the chrome shows is memoised per content version. It made six or seven
// before. A new read on this path shows up here rather than only as a slower benchmark.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildTestApp, TestClock, type TestApp } from '../../../test/support/app.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { makeBoard, publishArticle, type Board } from '../../../test/support/editorial.ts';
import { setSlowQueryLog } from '../../platform/db/database.ts';

forEachEngine('statements of an uncached article page', (engine) => {
  let t: TestApp;
  let b: Board;
  let statements: string[] = [];

  before(async () => {
    // Every statement "slow": the log sees them all.
    t = await buildTestApp(engine, { clock: new TestClock(new Date('2026-11-23T02:00:00Z')), database: { slowQueryMs: 1e-9 } });
    b = await makeBoard(t, 'demlenh', { languages: ['vi', 'en'] });
    setSlowQueryLog((q) => statements.push(q.sql));
  });
  after(async () => {
    setSlowQueryLog(() => undefined);
    await t.close();
  });

  /**
   * The statements of a render of the page not in the cache (another address of it: the bench's
   * uncached scenario does the same), after a first render warmed the chrome's memos.
   */
  async function statementsOf(url: string): Promise<string[]> {
    const get = (n: number) => t.app.inject({ url: `${url}?lan=${n}`, headers: { host: b.host } });
    assert.equal((await get(1)).statusCode, 200);
    statements = [];
    const res = await get(2);
    assert.equal(res.statusCode, 200);
    const seen = statements;
    statements = [];
    return seen;
  }

  test('a plain article: the article, its revision, and its extras with the language switch', async () => {
    const a = await publishArticle(b, { title: 'Thông báo lịch tiếp công dân', tags: [] });
    const seen = await statementsOf(`/bai-viet/${a.slug}`);
    assert.ok(seen.length <= 3, `${seen.length} statements:\n${seen.join('\n')}`);
  });

  test('a translation finds its original in the same statement', async () => {
    const original = await publishArticle(b, { title: 'Hội nghị tổng kết năm', tags: [] });
    const english = await publishArticle(b, { title: 'Year-end conference', summary: 'A conference.', bodyHtml: '<p>A conference.</p>', language: 'en', translationOfId: original.id, tags: [] });
    const seen = await statementsOf(`/bai-viet/${english.slug}`);
    assert.ok(seen.length <= 3, `${seen.length} statements:\n${seen.join('\n')}`);
  });
});
