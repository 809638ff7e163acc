// Publication of documents on a real database: a document through the chain
// fills legal_documents (fields, relations, search), relations are kept both
// ways with replaced_on on the target, take-down removes it, a relation to
// another site's document is refused, and a contributor cannot publish.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildTestApp, TestClock, type TestApp } from '../../../test/support/app.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { documentBody, publishDocument } from '../../../test/support/documents.ts';
import { makeBoard, type Board } from '../../../test/support/editorial.ts';

forEachEngine('documents: publication sync', (engine) => {
  let t: TestApp;
  let b: Board;
  let other: Board;

  before(async () => {
    // Monday 23 Nov 2026, 09:00 in Vietnam.
    t = await buildTestApp(engine, { clock: new TestClock(new Date('2026-11-23T02:00:00Z')) });
    b = await makeBoard(t, 'vanban');
    other = await makeBoard(t, 'vanbankhac');
  });
  after(async () => t.close());

  const legal = (id: number) => t.db.selectFrom('legal_documents').selectAll().where('site_id', '=', b.site.id).where('article_id', '=', id).executeTakeFirst();

  test('a document through the chain fills legal_documents, its fields and the search index', async () => {
    const { id, slug } = await publishDocument(b, { number: '15/2023/QĐ-UBND', fields: ['Giao thông', 'Xây dựng'], signer: 'Trần Thị Mai' });
    const row = await legal(id);
    assert.ok(row, 'published document is in legal_documents');
    assert.equal(row.number, '15/2023/QĐ-UBND');
    assert.equal(row.number_folded, '15/2023/qd-ubnd');
    assert.equal(row.slug, slug);
    assert.equal(row.signer, 'Trần Thị Mai');
    const fields = await t.db.selectFrom('legal_document_fields').select('field').where('site_id', '=', b.site.id).where('article_id', '=', id).orderBy('field').execute();
    assert.deepEqual(fields.map((f) => f.field), ['Giao thông', 'Xây dựng']);
    const indexed = await t.db.selectFrom('search_documents').select(['url', 'kind', 'body_text']).where('site_id', '=', b.site.id).where('item_id', '=', id).executeTakeFirstOrThrow();
    assert.equal(indexed.url, `/van-ban/${slug}`);
    assert.equal(indexed.kind, 'document');
    assert.match(indexed.body_text, /15\/2023\/QĐ-UBND/);
    assert.match(indexed.body_text, /Trần Thị Mai/);
    const json = await b.as('publisher', 'GET', `/api/v1/articles/${id}`);
    assert.match(json.json().publicUrl, /\/van-ban\//);
    assert.equal(json.json().document.number, '15/2023/QĐ-UBND');
    assert.equal(json.json().source, 'Ủy ban nhân dân tỉnh Thanh Hóa', 'the issuer stands for the source');
  });

  test('a replacing document sets replaced_on on the one it replaces; its relation is kept both ways; take-down undoes it', async () => {
    const old = await publishDocument(b, { number: '10/2020/QĐ-UBND', issuedOn: '2020-02-01', effectiveOn: '2020-02-15' });
    const partly = await publishDocument(b, { number: '11/2020/QĐ-UBND', issuedOn: '2020-03-01', effectiveOn: null });
    const newer = await publishDocument(b, {
      number: '20/2026/QĐ-UBND',
      issuedOn: '2026-10-01',
      effectiveOn: '2026-10-15',
      relations: [
        { relation: 'replaces', toArticleId: old.id },
        { relation: 'partly_repeals', toArticleId: partly.id },
      ],
    });
    assert.equal((await legal(old.id))?.replaced_on, '2026-10-15');
    assert.equal((await legal(partly.id))?.partly_repealed_on, '2026-10-15');
    const relations = await t.db.selectFrom('legal_document_relations').selectAll().where('site_id', '=', b.site.id).where('to_article_id', '=', old.id).execute();
    assert.deepEqual(relations.map((r) => [r.from_article_id, r.relation]), [[newer.id, 'replaces']], 'the target reads its side by to_article_id');

    const down = await b.as('editor_in_chief', 'POST', `/api/v1/articles/${newer.id}/actions`, { action: 'take_down', reasonCode: 'published_in_error', note: 'Đăng nhầm văn bản' });
    assert.equal(down.statusCode, 200, down.body);
    assert.equal(await legal(newer.id), undefined, 'taken down: gone from the library');
    assert.equal((await legal(old.id))?.replaced_on, null, 'no published replacement any more');
    assert.equal((await legal(partly.id))?.partly_repealed_on, null);
    const left = await t.db.selectFrom('legal_document_relations').select('to_article_id').where('site_id', '=', b.site.id).where('from_article_id', '=', newer.id).execute();
    assert.equal(left.length, 0);
    const indexed = await t.db.selectFrom('search_documents').select('id').where('site_id', '=', b.site.id).where('item_id', '=', newer.id).execute();
    assert.equal(indexed.length, 0);
  });

  test('a target published after its replacement gets replaced_on too', async () => {
    const res = await b.as('contributor', 'POST', '/api/v1/articles', documentBody(b, { document: { number: '30/2019/QĐ-UBND', issuedOn: '2019-05-01', effectiveOn: null } }));
    assert.equal(res.statusCode, 201, res.body);
    const targetId = res.json().id as number;
    await publishDocument(b, { number: '31/2026/QĐ-UBND', issuedOn: '2026-09-01', effectiveOn: null, relations: [{ relation: 'replaces', toArticleId: targetId }] });
    for (const [role, action] of [['contributor', 'submit'], ['unit_head', 'approve'], ['secretariat', 'approve'], ['deputy', 'approve'], ['editor_in_chief', 'approve'], ['publisher', 'publish']] as const) {
      const r = await b.as(role, 'POST', `/api/v1/articles/${targetId}/actions`, { action });
      assert.equal(r.statusCode, 200, r.body);
    }
    assert.equal((await legal(targetId))?.replaced_on, '2026-09-01');
  });

  test('a relation to another site’s document is refused', async () => {
    const theirs = await publishDocument(other, { number: '99/2024/QĐ-UBND' });
    const res = await b.as('contributor', 'POST', '/api/v1/articles', documentBody(b, { document: { number: '98/2024/QĐ-UBND', relations: [{ relation: 'amends', toArticleId: theirs.id }] } }));
    assert.equal(res.statusCode, 422, res.body);
    assert.equal(res.json().error.details[0].code, 'invalid_relation_target');
    assert.match(res.json().error.message, /not documents of this site/);
  });

  test('incomplete details are refused with every problem; a contributor cannot publish', async () => {
    const bad = await b.as('contributor', 'POST', '/api/v1/articles', documentBody(b, { document: { number: ' ', issuer: ' ', docType: 'khong-co' } }));
    assert.equal(bad.statusCode, 422);
    const fields = (bad.json().error.details as { field: string }[]).map((d) => d.field).sort();
    assert.deepEqual(fields, ['docIssuer', 'docNumber', 'docType']);

    const created = await b.as('contributor', 'POST', '/api/v1/articles', documentBody(b, { document: { number: '77/2026/QĐ-UBND' } }));
    assert.equal(created.statusCode, 201, created.body);
    const id = created.json().id;
    const publish = await b.as('contributor', 'POST', `/api/v1/articles/${id}/actions`, { action: 'publish' });
    assert.equal(publish.statusCode, 403, publish.body);
    assert.equal(await legal(id), undefined);
  });
});
