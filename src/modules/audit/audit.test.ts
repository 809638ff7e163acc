import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { forEachEngine, TEST_AUDIT_KEYS, TEST_AUDIT_KEYS_ENV, type TestDatabase } from '../../../test/support/databases.ts';
import { makeSite, systemActor } from '../../../test/support/factories.ts';
import type { Db } from '../../platform/db/database.ts';
import type { AuditRow } from '../../platform/db/schema.ts';
import type { Site } from '../sites/site.ts';
import { anchorAuditHeads, keyLegacyChains } from './anchor-heads.ts';
import { anchorFilePath, readAnchors } from './anchors.ts';
import { checkAuditKey } from './check-key.ts';
import { AuditKeyring, auditKeyring, installAuditKeys, useAuditKeys } from './keys.ts';
import { appendAudit, verifyAuditChains } from './store.ts';

const root = path.resolve(import.meta.dirname, '../../..');

type Cli = { status: number | null; out: string };

function cliEnv(database: TestDatabase, dataDir: string): Record<string, string> {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), DATABASE_URL: database.url, DATA_DIR: dataDir, LOG_LEVEL: 'silent', AUDIT_KEYS: TEST_AUDIT_KEYS_ENV, WORKERS: '1' };
  if (database.schema) env.PGOPTIONS = `-c search_path=${database.schema}`;
  return env;
}

function cli(database: TestDatabase, dataDir: string, ...args: string[]): Cli {
  const result = spawnSync(process.execPath, [path.join(root, 'bin/trangtin.mjs'), ...args], { env: cliEnv(database, dataDir), encoding: 'utf8' });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

function cliAsync(database: TestDatabase, dataDir: string, ...args: string[]): Promise<Cli> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, 'bin/trangtin.mjs'), ...args], { env: cliEnv(database, dataDir) });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (status) => resolve({ status, out }));
  });
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

type RowContent = Omit<AuditRow, 'id' | 'seq' | 'prev_hash' | 'hash' | 'key_version'>;

/**
 * What the attacker of issue 11 did with write access to the database: replace
 * a site's rows from `fromSeq` on by `tail`, renumbered, each hashed with plain
 * SHA-256 over the chained fields (the product's formula before the key), and
 * rewind or advance the head to match. `keyVersion` is what they write in the
 * rows' key column: left as it was (they cannot sign), or 0 (pretending the
 * rows predate the key).
 */
async function rewriteTail(db: Db, siteId: number, fromSeq: number, tail: RowContent[], keyVersion: number | 'keep' = 'keep'): Promise<void> {
  const before = await db.selectFrom('audit_log').selectAll().where('site_id', '=', siteId).where('seq', '<', fromSeq).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const kept = await db.selectFrom('audit_log').select(['seq', 'key_version']).where('site_id', '=', siteId).where('seq', '>=', fromSeq).execute();
  const versions = new Map(kept.map((r) => [r.seq, r.key_version]));
  await db.deleteFrom('audit_log').where('site_id', '=', siteId).where('seq', '>=', fromSeq).execute();
  let prev = before?.hash ?? '0'.repeat(64);
  let seq = fromSeq - 1;
  for (const row of tail) {
    seq += 1;
    const fields = [row.site_id, seq, row.created_at, row.actor_user_id, row.on_behalf_of_user_id, row.actor_label, row.action, row.target_type, row.target_id, row.details, row.ip, row.user_agent, prev];
    const hash = sha256(JSON.stringify(fields));
    await db.insertInto('audit_log').values({ ...row, site_id: siteId, seq, prev_hash: prev, hash, key_version: keyVersion === 'keep' ? (versions.get(seq) ?? 1) : keyVersion }).execute();
    prev = hash;
  }
  await db.insertInto('audit_heads').values({ site_id: siteId, last_seq: seq, last_hash: prev, updated_at: new Date().toISOString() }).onConflict((oc) => oc.column('site_id').doUpdateSet({ last_seq: seq, last_hash: prev })).execute();
}

async function rowsOf(db: Db, siteId: number): Promise<AuditRow[]> {
  return db.selectFrom('audit_log').selectAll().where('site_id', '=', siteId).orderBy('seq').execute();
}

const content = ({ id: _i, seq: _s, prev_hash: _p, hash: _h, key_version: _k, ...rest }: AuditRow): RowContent => rest;

forEachEngine('audit log hash chain', (engine) => {
  let database: TestDatabase;
  let dataDir: string;
  let siteA: Site;
  let siteB: Site;

  const verifySite = async (siteId: number, withAnchors = true) => {
    const anchors = withAnchors ? readAnchors([anchorFilePath(dataDir)], auditKeyring()) : undefined;
    const [result] = await verifyAuditChains(database.db, { siteId, ...(anchors ? { anchors } : {}) });
    return result!;
  };
  const kinds = async (siteId: number, withAnchors = true) => [...new Set((await verifySite(siteId, withAnchors)).problems.map((p) => p.kind))].sort();

  /** A site with seven signed rows, anchored. */
  const seededSite = async (key: string): Promise<Site> => {
    const site = await makeSite(database.db, key);
    for (let i = 1; i <= 6; i += 1) await appendAudit(database.db, systemActor(site.id), { action: 'article.publish', targetType: 'article', targetId: i, details: { title: `Tin số ${i}` } });
    await anchorAuditHeads(database.db, { dataDir });
    return site;
  };

  before(async () => {
    database = await engine.open();
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'trangtin-audit-'));
    siteA = await makeSite(database.db, 'audit-a');
    siteB = await makeSite(database.db, 'audit-b');
    for (let i = 1; i <= 5; i += 1) {
      await appendAudit(database.db, { ...systemActor(siteA.id), ip: '10.0.0.1' }, { action: 'test.event', targetType: 'thing', targetId: i, details: { i, text: 'Thông tin điện tử' } });
    }
    await appendAudit(database.db, systemActor(siteB.id), { action: 'test.other' });
  });
  after(async () => {
    await database.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('each site has its own chain, numbered from 1, signed with the current key, and it verifies', async () => {
    const rows = await database.db.selectFrom('audit_log').select(['site_id', 'seq', 'key_version']).where('site_id', '=', siteA.id).orderBy('seq').execute();
    // site.create opened the chain, then five events.
    assert.deepEqual(rows.map((r) => r.seq), [1, 2, 3, 4, 5, 6]);
    assert.ok(rows.every((r) => r.key_version === 1));
    const results = await verifyAuditChains(database.db);
    assert.ok(results.length >= 2);
    for (const r of results) assert.deepEqual(r.problems, [], `site ${r.siteId}`);
  });

  test('concurrent appends on one site keep a gapless chain', async () => {
    await Promise.all(Array.from({ length: 10 }, (_, i) => appendAudit(database.db, systemActor(siteB.id), { action: 'test.concurrent', details: { i } })));
    const [result] = await verifyAuditChains(database.db, { siteId: siteB.id });
    assert.deepEqual(result!.problems, []);
    assert.equal(result!.rows, 12);
  });

  test('a node whose audit key differs from the one that signed the latest rows refuses to start', async () => {
    await checkAuditKey(database.db);
    try {
      useAuditKeys(new AuditKeyring([{ version: 1, secret: 'a-key-generated-on-another-node-0123456789' }]));
      await assert.rejects(checkAuditKey(database.db), /Every node must have the same audit keys/);
    } finally {
      installAuditKeys({ auditKeys: TEST_AUDIT_KEYS });
    }
  });

  test('the CLI passes on an intact log and exits 2 on a hand-edited row, naming it', async () => {
    const ok = cli(database, dataDir, 'audit', 'verify');
    assert.equal(ok.status, 0, ok.out);
    assert.match(ok.out, /OK/);

    const victim = await database.db.selectFrom('audit_log').select(['id', 'details']).where('site_id', '=', siteA.id).where('seq', '=', 3).executeTakeFirstOrThrow();
    await database.db.updateTable('audit_log').set({ details: victim.details.replace('Thông tin', 'Tin giả') }).where('id', '=', victim.id).execute();
    const bad = cli(database, dataDir, 'audit', 'verify');
    assert.equal(bad.status, 2, bad.out);
    assert.match(bad.out, /hash_mismatch: row content changed \(signature does not match\); seq 3/);
    await database.db.updateTable('audit_log').set({ details: victim.details }).where('id', '=', victim.id).execute();
    assert.equal(cli(database, dataDir, 'audit', 'verify').status, 0);
  });

  test('a deleted row in the middle or at the end, and an inserted row, are reported', async () => {
    const middle = await database.db.selectFrom('audit_log').selectAll().where('site_id', '=', siteA.id).where('seq', '=', 2).executeTakeFirstOrThrow();
    await database.db.deleteFrom('audit_log').where('id', '=', middle.id).execute();
    let [result] = await verifyAuditChains(database.db, { siteId: siteA.id });
    assert.ok(result!.problems.some((p) => p.kind === 'sequence_gap'));
    assert.ok(result!.problems.some((p) => p.kind === 'broken_link'));
    const { id: _drop, ...restored } = middle;
    await database.db.insertInto('audit_log').values(restored).execute();
    [result] = await verifyAuditChains(database.db, { siteId: siteA.id });
    assert.deepEqual(result!.problems, []);

    const last = await database.db.selectFrom('audit_log').selectAll().where('site_id', '=', siteA.id).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    await database.db.deleteFrom('audit_log').where('id', '=', last.id).execute();
    [result] = await verifyAuditChains(database.db, { siteId: siteA.id });
    assert.deepEqual(result!.problems.map((p) => p.kind), ['head_mismatch']);
    const { id: _drop2, ...lastBack } = last;
    await database.db.insertInto('audit_log').values(lastBack).execute();

    // A forged row appended with a made-up hash breaks the link to the head.
    await database.db
      .insertInto('audit_log')
      .values({ ...lastBack, seq: lastBack.seq + 1, action: 'forged', prev_hash: lastBack.hash, hash: 'f'.repeat(64) })
      .execute();
    [result] = await verifyAuditChains(database.db, { siteId: siteA.id });
    assert.ok(result!.problems.some((p) => p.kind === 'hash_mismatch'));
    assert.ok(result!.problems.some((p) => p.kind === 'head_mismatch'));
  });

  // The attacks of issue 11: every following hash and the head recomputed, so links, sequence and head agree.

  test('an edited row with every following hash and the head recomputed is reported, by the CLI too (exit 2)', async () => {
    const site = await seededSite('audit-edit');
    const rows = await rowsOf(database.db, site.id);
    const tail = rows.slice(2).map(content);
    tail[0] = { ...tail[0]!, details: JSON.stringify({ title: 'Tin đã bị sửa' }) };
    await rewriteTail(database.db, site.id, 3, tail);
    assert.deepEqual(await kinds(site.id, false), ['hash_mismatch'], 'the recomputed rows are not signed with the key');
    const bad = cli(database, dataDir, 'audit', 'verify', '--site', site.key);
    assert.equal(bad.status, 2, bad.out);
    assert.match(bad.out, /hash_mismatch: row content changed \(signature does not match\); seq 3 /);
    assert.match(bad.out, /anchor_mismatch: row differs from the one anchored at .*; seq 7/);

    // Passing the rewritten rows off as rows from before the key does not help either.
    await rewriteTail(database.db, site.id, 3, tail, 0);
    assert.deepEqual(await kinds(site.id), ['anchor_mismatch', 'unkeyed_row']);
    // Nor does rewriting the whole chain as unkeyed rows: the anchored head no longer matches.
    await rewriteTail(database.db, site.id, 1, (await rowsOf(database.db, site.id)).map(content), 0);
    assert.deepEqual(await kinds(site.id), ['anchor_mismatch']);
  });

  test('an inserted row with the following hashes and the head recomputed is reported', async () => {
    const site = await seededSite('audit-insert');
    const rows = await rowsOf(database.db, site.id);
    const forged: RowContent = { ...content(rows[3]!), action: 'member.remove', details: JSON.stringify({ reason: 'forged' }) };
    await rewriteTail(database.db, site.id, 4, [forged, ...rows.slice(3).map(content)]);
    assert.deepEqual(await kinds(site.id, false), ['hash_mismatch']);
    assert.deepEqual(await kinds(site.id), ['anchor_mismatch', 'hash_mismatch']);
  });

  test('a row deleted in the middle with the following hashes and the head recomputed is reported', async () => {
    const site = await seededSite('audit-delete');
    const rows = await rowsOf(database.db, site.id);
    await rewriteTail(database.db, site.id, 3, rows.slice(3).map(content));
    assert.deepEqual(await kinds(site.id, false), ['hash_mismatch']);
    // Seven rows were anchored, six are left.
    assert.deepEqual(await kinds(site.id), ['anchor_missing', 'hash_mismatch']);
  });

  test('the last rows deleted with the head rewound: the chain is whole, the anchor reports the truncation (exit 2)', async () => {
    const site = await seededSite('audit-truncate');
    const rows = await rowsOf(database.db, site.id);
    const keep = rows[4]!;
    await database.db.deleteFrom('audit_log').where('site_id', '=', site.id).where('seq', '>', keep.seq).execute();
    await database.db.updateTable('audit_heads').set({ last_seq: keep.seq, last_hash: keep.hash }).where('site_id', '=', site.id).execute();
    assert.deepEqual(await kinds(site.id, false), [], 'nothing inside the database shows it');
    const problems = (await verifySite(site.id)).problems.map((p) => (p.kind === 'anchor_missing' ? { kind: p.kind, anchoredSeq: p.anchoredSeq, lastSeq: p.lastSeq } : p));
    assert.deepEqual(problems, [{ kind: 'anchor_missing', anchoredSeq: 7, lastSeq: 5 }]);
    const bad = cli(database, dataDir, 'audit', 'verify', '--site', site.key);
    assert.equal(bad.status, 2, bad.out);
    assert.match(bad.out, /anchor_missing: rows deleted: seq 7 was anchored at .* but the log ends at 5/);

    // Even the whole log and head of a site deleted is reported.
    await database.db.deleteFrom('audit_log').where('site_id', '=', site.id).execute();
    await database.db.deleteFrom('audit_heads').where('site_id', '=', site.id).execute();
    assert.deepEqual(await kinds(site.id), ['anchor_missing']);
  });

  test('a forged or changed anchor line is refused', async () => {
    const site = await seededSite('audit-anchorline');
    const file = path.join(dataDir, 'forged-anchors.log');
    const line = readFileSync(anchorFilePath(dataDir), 'utf8').trim().split('\n').at(-1)!;
    const forged = JSON.parse(line) as Record<string, unknown>;
    forged.seq = 99;
    writeFileSync(file, `${JSON.stringify(forged)}\n`);
    const anchors = readAnchors([file], auditKeyring());
    const [result] = await verifyAuditChains(database.db, { siteId: site.id, anchors });
    assert.deepEqual(result!.problems.map((p) => p.kind), ['anchor_invalid']);
  });

  test('a rotated key signs new rows; old rows and anchors verify while the old key is kept', async () => {
    const site = await seededSite('audit-rotate');
    const v2 = { version: 2, secret: 'second-audit-key-that-is-long-enough-9876543210' };
    try {
      useAuditKeys(new AuditKeyring([v2, ...TEST_AUDIT_KEYS]));
      await appendAudit(database.db, systemActor(site.id), { action: 'article.publish', details: { after: 'rotation' } });
      await anchorAuditHeads(database.db, { dataDir });
      assert.deepEqual((await rowsOf(database.db, site.id)).map((r) => r.key_version), [1, 1, 1, 1, 1, 1, 1, 2]);
      assert.deepEqual((await verifySite(site.id)).problems, []);

      // Dropping the old key leaves its rows and anchors unverifiable: it must be kept.
      const onlyNew = new AuditKeyring([v2]);
      const anchors = readAnchors([anchorFilePath(dataDir)], onlyNew);
      const [result] = await verifyAuditChains(database.db, { siteId: site.id, anchors, keyring: onlyNew });
      assert.deepEqual([...new Set(result!.problems.map((p) => p.kind))].sort(), ['anchor_invalid', 'unknown_key']);
    } finally {
      installAuditKeys({ auditKeys: TEST_AUDIT_KEYS });
    }
  });

  test('rows from before the key are verified, then continued under the key; an unkeyed row after that is forged', async () => {
    const legacyId = 900_000 + Math.floor(Math.random() * 1000);
    const template: RowContent = { site_id: legacyId, created_at: '2026-01-05T02:00:00.000Z', actor_user_id: null, on_behalf_of_user_id: null, actor_label: 'cũ', action: 'article.publish', target_type: null, target_id: null, details: '{}', ip: null, user_agent: null };
    // What the product wrote before migration 0009: plain SHA-256, key version 0.
    await rewriteTail(database.db, legacyId, 1, [1, 2, 3].map((i) => ({ ...template, target_id: String(i) })), 0);
    assert.deepEqual(await kinds(legacyId), [], 'rows from before the key verify as they are');

    const keyed = await keyLegacyChains(database.db, { dataDir });
    assert.ok(keyed.includes(legacyId));
    const rows = await rowsOf(database.db, legacyId);
    assert.deepEqual(rows.map((r) => [r.seq, r.key_version, r.action]), [[1, 0, 'article.publish'], [2, 0, 'article.publish'], [3, 0, 'article.publish'], [4, 1, 'audit.chain_keyed']]);
    assert.deepEqual(JSON.parse(rows[3]!.details), { keyVersion: 1, problemsFound: [], unkeyedHeadHash: rows[2]!.hash, unkeyedHeadSeq: 3, unkeyedRows: 3 });
    assert.deepEqual(await keyLegacyChains(database.db, { dataDir }), [], 'once');
    const run = await anchorAuditHeads(database.db, { dataDir });
    assert.ok(run.anchors.some((a) => a.siteId === legacyId && a.seq === 4), 'the switch point is anchored');

    // The part before the key is covered by the first keyed row: changing it breaks the chain.
    await database.db.updateTable('audit_log').set({ actor_label: 'sửa' }).where('id', '=', rows[1]!.id).execute();
    assert.deepEqual(await kinds(legacyId), ['hash_mismatch']);
    await database.db.updateTable('audit_log').set({ actor_label: 'cũ' }).where('id', '=', rows[1]!.id).execute();
    // An unkeyed row after the switch is a forgery, however well hashed.
    await rewriteTail(database.db, legacyId, 5, [{ ...template, action: 'forged' }], 0);
    assert.deepEqual(await kinds(legacyId), ['unkeyed_row']);
  });

  test('a chain already broken before the key is continued, with the problem recorded and still reported', async () => {
    const legacyId = 910_000 + Math.floor(Math.random() * 1000);
    const template: RowContent = { site_id: legacyId, created_at: '2026-01-05T02:00:00.000Z', actor_user_id: null, on_behalf_of_user_id: null, actor_label: 'cũ', action: 'unit.create', target_type: null, target_id: null, details: '{}', ip: null, user_agent: null };
    await rewriteTail(database.db, legacyId, 1, [template, template, template], 0);
    await database.db.updateTable('audit_log').set({ details: '{"x":1}' }).where('site_id', '=', legacyId).where('seq', '=', 2).execute();
    await keyLegacyChains(database.db, { dataDir });
    const marker = (await rowsOf(database.db, legacyId)).at(-1)!;
    assert.equal(marker.action, 'audit.chain_keyed');
    assert.deepEqual(JSON.parse(marker.details).problemsFound, ['hash_mismatch']);
    assert.deepEqual(await kinds(legacyId), ['hash_mismatch']);
  });

  test('audit anchor from two processes at once leaves whole, valid lines', async () => {
    const shared = mkdtempSync(path.join(os.tmpdir(), 'trangtin-anchors-'));
    try {
      const runs = await Promise.all([cliAsync(database, shared, 'audit', 'anchor'), cliAsync(database, shared, 'audit', 'anchor')]);
      for (const r of runs) assert.equal(r.status, 0, r.out);
      const book = readAnchors([anchorFilePath(shared)], auditKeyring());
      assert.deepEqual(book.invalid, []);
      const heads = await database.db.selectFrom('audit_heads').select('site_id').where('last_seq', '>', 0).execute();
      assert.equal(book.files[0]!.anchors, 2 * heads.length);
    } finally {
      rmSync(shared, { recursive: true, force: true });
    }
  });
});
