// Several nodes on one shared DATA_DIR (NFS, ADR 0026): two stores on the same
// folder writing the same content-addressed file at once never let a reader
// see half of it, and leave no temporary file behind.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { createLocalFileStore } from './index.ts';

const root = mkdtempSync(path.join(os.tmpdir(), 'trangtin-shared-files-'));
after(() => rmSync(root, { recursive: true, force: true }));

test('two nodes store the same file at once: readers see all of it or nothing', async () => {
  const nodeA = createLocalFileStore(root);
  const nodeB = createLocalFileStore(root);
  const data = randomBytes(4 * 1024 * 1024);
  const sha256 = createHash('sha256').update(data).digest('hex');
  let writing = true;
  const seen: number[] = [];
  const reader = (async () => {
    while (writing) {
      const got = await nodeB.get(sha256);
      if (got) {
        seen.push(got.length);
        assert.equal(createHash('sha256').update(got).digest('hex'), sha256, 'a whole file');
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
  })();
  const stored = await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 === 0 ? nodeA : nodeB).put(data)));
  writing = false;
  await reader;
  assert.ok(stored.every((s) => s.sha256 === sha256 && s.size === data.length));
  assert.deepEqual((await nodeA.get(sha256))?.length, data.length);
  assert.ok(seen.every((n) => n === data.length));
  assert.deepEqual(readdirSync(path.join(root, '.tmp')), [], 'no temporary file left');
});
