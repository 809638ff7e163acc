import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { forEachEngine, type TestDatabase } from '../../../test/support/databases.ts';
import { makeSite, systemActor } from '../../../test/support/factories.ts';
import type { Site } from '../sites/site.ts';
import { appendAudit, verifyAuditChains } from './store.ts';

const root = path.resolve(import.meta.dirname, '../../..');

function cliVerify(database: TestDatabase): { status: number | null; out: string } {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), DATABASE_URL: database.url, DATA_DIR: path.join(os.tmpdir(), 'trangtin-cli-test'), LOG_LEVEL: 'silent' };
  if (database.schema) env.PGOPTIONS = `-c search_path=${database.schema}`;
  const result = spawnSync(process.execPath, [path.join(root, 'bin/trangtin.mjs'), 'audit', 'verify'], { env, encoding: 'utf8' });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

forEachEngine('audit log hash chain', (engine) => {
  let database: TestDatabase;
  let siteA: Site;
  let siteB: Site;

  before(async () => {
    database = await engine.open();
    siteA = await makeSite(database.db, 'audit-a');
    siteB = await makeSite(database.db, 'audit-b');
    for (let i = 1; i <= 5; i += 1) {
      await appendAudit(database.db, { ...systemActor(siteA.id), ip: '10.0.0.1' }, { action: 'test.event', targetType: 'thing', targetId: i, details: { i, text: 'Thông tin điện tử' } });
    }
    await appendAudit(database.db, systemActor(siteB.id), { action: 'test.other' });
  });
  after(async () => database.destroy());

  test('each site has its own chain, numbered from 1, and it verifies', async () => {
    const rows = await database.db.selectFrom('audit_log').select(['site_id', 'seq']).where('site_id', '=', siteA.id).orderBy('seq').execute();
    // site.create opened the chain, then five events.
    assert.deepEqual(rows.map((r) => r.seq), [1, 2, 3, 4, 5, 6]);
    const results = await verifyAuditChains(database.db);
    assert.ok(results.length >= 2);
    for (const r of results) assert.deepEqual(r.problems, [], `site ${r.siteId}`);
  });

  test('concurrent appends on one site keep a gapless chain', async () => {
    await Promise.all(Array.from({ length: 10 }, (_, i) => appendAudit(database.db, systemActor(siteB.id), { action: 'test.concurrent', details: { i } })));
    const [result] = await verifyAuditChains(database.db, siteB.id);
    assert.deepEqual(result!.problems, []);
    assert.equal(result!.rows, 12);
  });

  test('the CLI passes on an intact log and exits 2 on a hand-edited row, naming it', async () => {
    const ok = cliVerify(database);
    assert.equal(ok.status, 0, ok.out);
    assert.match(ok.out, /OK/);

    const victim = await database.db.selectFrom('audit_log').select(['id', 'details']).where('site_id', '=', siteA.id).where('seq', '=', 3).executeTakeFirstOrThrow();
    await database.db.updateTable('audit_log').set({ details: victim.details.replace('Thông tin', 'Tin giả') }).where('id', '=', victim.id).execute();
    const bad = cliVerify(database);
    assert.equal(bad.status, 2, bad.out);
    assert.match(bad.out, /hash_mismatch: row content changed; seq 3/);
    await database.db.updateTable('audit_log').set({ details: victim.details }).where('id', '=', victim.id).execute();
    assert.equal(cliVerify(database).status, 0);
  });

  test('a deleted row in the middle or at the end, and an inserted row, are reported', async () => {
    const middle = await database.db.selectFrom('audit_log').selectAll().where('site_id', '=', siteA.id).where('seq', '=', 2).executeTakeFirstOrThrow();
    await database.db.deleteFrom('audit_log').where('id', '=', middle.id).execute();
    let [result] = await verifyAuditChains(database.db, siteA.id);
    assert.ok(result!.problems.some((p) => p.kind === 'sequence_gap'));
    assert.ok(result!.problems.some((p) => p.kind === 'broken_link'));
    const { id: _drop, ...restored } = middle;
    await database.db.insertInto('audit_log').values(restored).execute();
    [result] = await verifyAuditChains(database.db, siteA.id);
    assert.deepEqual(result!.problems, []);

    const last = await database.db.selectFrom('audit_log').selectAll().where('site_id', '=', siteA.id).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    await database.db.deleteFrom('audit_log').where('id', '=', last.id).execute();
    [result] = await verifyAuditChains(database.db, siteA.id);
    assert.deepEqual(result!.problems.map((p) => p.kind), ['head_mismatch']);
    const { id: _drop2, ...lastBack } = last;
    await database.db.insertInto('audit_log').values(lastBack).execute();

    // A forged row appended with a made-up hash breaks the link to the head.
    await database.db
      .insertInto('audit_log')
      .values({ ...lastBack, seq: lastBack.seq + 1, action: 'forged', prev_hash: lastBack.hash, hash: 'f'.repeat(64) })
      .execute();
    [result] = await verifyAuditChains(database.db, siteA.id);
    assert.ok(result!.problems.some((p) => p.kind === 'hash_mismatch'));
    assert.ok(result!.problems.some((p) => p.kind === 'head_mismatch'));
  });
});
