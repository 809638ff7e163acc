// What another worker or node sees (ADR 0026, 0036): its render cache follows the database's
// public content versions only (NOTIFY, the relay, the poll), never this process's events. A
// change an official makes public must move the version, or the other workers keep the old page.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { textOf } from '../../../test/support/agent.ts';
import { buildTestApp, TestClock, type TestApp } from '../../../test/support/app.ts';
import { caseDesk, makeCase } from '../../../test/support/citizens.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { makeBoard, type Board } from '../../../test/support/editorial.ts';
import { makeUser } from '../../../test/support/factories.ts';
import { caseFields } from '../citizens/store.ts';
import { syncContentVersions } from './content-version.ts';
import { PageCache } from './page-cache.ts';

forEachEngine('render cache of another worker', (engine) => {
  let t: TestApp;
  let b: Board;
  const get = (url: string) => t.app.inject({ url, headers: { host: b.host } });

  before(async () => {
    t = await buildTestApp(engine, { clock: new TestClock(new Date('2026-11-23T02:00:00Z')) });
    b = await makeBoard(t, 'workerkhac');
  });
  after(async () => t.close());

  /** A worker in another process: a cache that learns of changes from the database only, holding the page as it was. */
  async function siblingHolding(url: string) {
    const sibling = new PageCache();
    await syncContentVersions(t.db, sibling, b.site.id);
    const res = await get(url);
    assert.equal(res.statusCode, 200, url);
    const key = sibling.key(b.site.id, 'vua|auto', url);
    sibling.set(key, res.body, 'text/html; charset=utf-8', null);
    return {
      /** The page the sibling answers after its next read of the versions (the poll), or null if it renders again. */
      async page() {
        await syncContentVersions(t.db, sibling, b.site.id);
        const hit = sibling.get(sibling.key(b.site.id, 'vua|auto', url));
        return hit ? hit.plain().toString('utf8') : null;
      },
    };
  }

  test('an answer sent and published at once leaves the Q&A page of every worker', async () => {
    const responder = await makeUser(t.db, b.site, ['responder'], { unitId: b.unitId, name: 'Cán bộ trả lời' });
    const desk = caseDesk(t, b, responder, caseFields(b.site)[0]!);
    const q = await makeCase(t.db, b.site, 'question', {}, t.clock.now());
    await desk.answerThroughChain(q.id, 'Hồ sơ gồm đơn đề nghị và bản vẽ thiết kế. Nộp tại Bộ phận một cửa.');
    const sibling = await siblingHolding('/hoi-dap');
    assert.doesNotMatch(textOf((await get('/hoi-dap')).body), /Hồ sơ cấp phép xây dựng nhà ở riêng lẻ/);
    await desk.ok(b.people.secretariat.email, q.id, 'send', { publish: 'on', publicTitle: 'Hồ sơ cấp phép xây dựng nhà ở riêng lẻ', publicBody: 'Một công dân hỏi về hồ sơ xin phép xây nhà 3 tầng.' });
    assert.match(textOf((await get('/hoi-dap')).body), /Hồ sơ cấp phép xây dựng nhà ở riêng lẻ/, 'this worker shows the answer');
    const kept = await sibling.page();
    assert.ok(kept === null || /Hồ sơ cấp phép xây dựng nhà ở riêng lẻ/.test(textOf(kept)), 'another worker does not keep the page without the answer');
  });
});
