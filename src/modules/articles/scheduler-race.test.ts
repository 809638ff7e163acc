// Two scheduler runs at the same moment (two nodes whose leases were lost, or a
// lease taken over mid-run): the article is published once, with one workflow
// event, one audit row and one notification per person. The second run finds
// nothing due under the row lock, and says nothing about it (ADR 0026).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildTestApp, TestClock, type TestApp } from '../../../test/support/app.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { articleBody, makeBoard, type Board } from '../../../test/support/editorial.ts';
import { runDueSchedules } from './scheduler.ts';

forEachEngine('scheduled publication raced by two runs', (engine) => {
  let t: TestApp;
  let b: Board;
  before(async () => {
    t = await buildTestApp(engine, { clock: new TestClock(new Date('2026-11-23T02:00:00Z')) });
    b = await makeBoard(t, 'henggio');
  });
  after(async () => t.close());

  test('published once, told once', async () => {
    const created = await b.as('contributor', 'POST', '/api/v1/articles', articleBody(b, { title: 'Lịch trực Tết' }));
    const id = created.json().id as number;
    for (const [role, action] of [['contributor', 'submit'], ['unit_head', 'approve'], ['secretariat', 'approve'], ['deputy', 'approve'], ['editor_in_chief', 'approve']] as const) {
      assert.equal((await b.as(role, 'POST', `/api/v1/articles/${id}/actions`, { action })).statusCode, 200);
    }
    assert.equal((await b.as('publisher', 'POST', `/api/v1/articles/${id}/actions`, { action: 'schedule', publishAt: '2026-11-23T04:00:00.000Z' })).statusCode, 200);
    t.clock.set('2026-11-23T04:00:30Z');
    const errors: unknown[] = [];
    const log = { error: (obj: unknown) => errors.push(obj), info: () => undefined };
    const ctx = { db: t.db, mailer: t.deps.mailer, clock: t.clock, log };
    const done = await Promise.all([runDueSchedules(ctx), runDueSchedules(ctx), runDueSchedules(ctx)]);
    assert.equal(done.reduce((a, n) => a + n, 0), 1, `one run published it: ${JSON.stringify(done)}`);
    assert.deepEqual(errors, [], 'the runs that found nothing due log no failure');
    const events = await t.db.selectFrom('workflow_events').select('id').where('item_id', '=', id).where('action', '=', 'run_schedule').execute();
    assert.equal(events.length, 1);
    const audits = await t.db.selectFrom('audit_log').select('id').where('action', '=', 'article.run_schedule').where('target_id', '=', String(id)).execute();
    assert.equal(audits.length, 1);
    const notices = await t.db.selectFrom('notifications').select('user_id').where('item_type', '=', 'article').where('item_id', '=', id).where('title', 'like', 'Tin bài hẹn giờ%').execute();
    assert.ok(notices.length >= 1);
    assert.equal(new Set(notices.map((n) => n.user_id)).size, notices.length, 'one notification per person');
  });
});
