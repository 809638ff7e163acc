// Migration 0034 on data published before it: the public index learns which published article
// translates which from the live revisions (not from the working copies).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Kysely } from 'kysely';
import { buildTestApp, TestClock, type TestApp } from '../../test/support/app.ts';
import { forEachEngine } from '../../test/support/databases.ts';
import { makeBoard, publishArticle, type Board } from '../../test/support/editorial.ts';
import * as m0034 from './0034_published_translations.ts';

forEachEngine('migration 0034: published translations in the public index', (engine) => {
  let t: TestApp;
  let b: Board;
  before(async () => {
    t = await buildTestApp(engine, { clock: new TestClock(new Date('2026-11-23T02:00:00Z')) });
    b = await makeBoard(t, 'dichcu', { languages: ['vi', 'en'] });
  });
  after(async () => t.close());

  test('a translation published before the migration is found from its live revision; a working-copy edit is not', async () => {
    const original = await publishArticle(b, { title: 'Khai mạc hội chợ nông sản', tags: [] });
    const other = await publishArticle(b, { title: 'Bế mạc hội chợ nông sản', tags: [] });
    const english = await publishArticle(b, { title: 'Farm produce fair opens', summary: 'A fair.', bodyHtml: '<p>A fair.</p>', language: 'en', translationOfId: original.id, tags: [] });
    const current = await b.as('contributor', 'GET', `/api/v1/articles/${english.id}`);
    const edit = await b.as('contributor', 'PATCH', `/api/v1/articles/${english.id}`, { lockVersion: current.json().lockVersion, translationOfId: other.id });
    assert.equal(edit.statusCode, 200, edit.body);
    // The schema before 0034, with this data in it; then 0034 as an upgrade runs it.
    const db = t.db as unknown as Kysely<any>;
    await m0034.down(db);
    await m0034.up(db);
    const rows = await t.db.selectFrom('search_documents').select(['item_id', 'translation_of_id']).where('item_id', 'in', [original.id, other.id, english.id]).where('item_type', '=', 'article').execute();
    const byId = new Map(rows.map((r) => [r.item_id, r.translation_of_id === null ? null : Number(r.translation_of_id)]));
    assert.equal(byId.get(english.id), original.id, 'the live revision, not the edit in review');
    assert.equal(byId.get(original.id), null);
    assert.equal(byId.get(other.id), null);
  });
});
