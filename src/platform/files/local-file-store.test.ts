import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { after, before, describe, it } from 'node:test';
import { DomainError } from '../../core/errors.ts';
import { createLocalFileStore } from './local-file-store.ts';
import type { FileStore } from './file-store.ts';

const sha = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

/** Every file (not directory) under dir, relative to it. */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort();
}

function chunks(...parts: string[]): Readable {
  return Readable.from(parts.map((p) => Buffer.from(p)));
}

describe('local file store', () => {
  let root: string;
  let store: FileStore;

  before(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'trangtin-files-'));
    store = createLocalFileStore(root);
  });
  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('stores bytes under ab/cd/<sha256> and reads them back', async () => {
    const data = Buffer.from('Thông báo số 12/TB-UBND');
    const stored = await store.put(data);
    assert.deepEqual(stored, { sha256: sha(data), size: data.length });
    const id = stored.sha256;
    assert.ok((await listFiles(root)).includes(path.join(id.slice(0, 2), id.slice(2, 4), id)));
    assert.deepEqual(await store.get(id), data);
    assert.equal(await store.has(id), true);
    assert.equal(await store.size(id), data.length);
    assert.equal(await text(store.open(id)!), data.toString());
  });

  it('is idempotent: the same bytes, by buffer or stream, are stored once', async () => {
    const before = (await listFiles(root)).length;
    const a = await store.put(Buffer.from('một lần thôi'));
    const b = await store.put(Buffer.from('một lần thôi'));
    const c = await store.putStream(chunks('một ', 'lần', ' thôi'), 1000);
    assert.deepEqual(a, b);
    assert.deepEqual(a, c);
    assert.equal((await listFiles(root)).length, before + 1);
  });

  it('handles concurrent puts of the same content', async () => {
    const data = Buffer.alloc(100_000, 7);
    const results = await Promise.all(Array.from({ length: 8 }, () => store.put(data)));
    assert.ok(results.every((r) => r.sha256 === sha(data)));
    assert.deepEqual(await store.get(sha(data)), data);
    assert.deepEqual((await listFiles(path.join(root, '.tmp'))), []);
  });

  it('streams a file in, hashing as it goes', async () => {
    const stored = await store.putStream(chunks('phần 1, ', 'phần 2, ', 'phần 3'), 100);
    assert.equal(stored.sha256, sha('phần 1, phần 2, phần 3'));
    assert.equal(stored.size, Buffer.byteLength('phần 1, phần 2, phần 3'));
    assert.equal((await store.get(stored.sha256))!.toString(), 'phần 1, phần 2, phần 3');
  });

  it('accepts a stream of exactly maxBytes', async () => {
    const stored = await store.putStream(chunks('12345', '67890'), 10);
    assert.equal(stored.size, 10);
  });

  it('refuses an oversized stream with file_too_large and leaves nothing behind', async () => {
    const filesBefore = await listFiles(root);
    const big = Readable.from((function* () {
      for (let i = 0; i < 100; i++) yield Buffer.alloc(64 * 1024, i);
    })());
    await assert.rejects(store.putStream(big, 1024 * 1024), (error: unknown) => {
      assert.ok(error instanceof DomainError);
      assert.equal(error.code, 'file_too_large');
      assert.equal(error.status, 413);
      assert.match(error.messageIn('vi'), /tối đa là 1 MB/);
      assert.match(error.messageIn('en'), /maximum is 1 MB/);
      return true;
    });
    assert.deepEqual(await listFiles(root), filesBefore);
  });

  it('states a fractional limit the Vietnamese way', async () => {
    await assert.rejects(store.putStream(chunks('x'.repeat(600_000)), 512 * 1024), (error: DomainError) => {
      assert.match(error.messageIn('vi'), /0,5 MB/);
      return true;
    });
  });

  it('leaves nothing behind when the source stream fails midway', async () => {
    const filesBefore = await listFiles(root);
    const broken = new Readable({ read() {} });
    broken.push(Buffer.from('bắt đầu'));
    setImmediate(() => broken.destroy(new Error('client went away')));
    await assert.rejects(store.putStream(broken, 1000), /client went away/);
    assert.deepEqual(await listFiles(root), filesBefore);
  });

  it('answers null/false for a missing file', async () => {
    const missing = sha('never stored');
    assert.equal(await store.get(missing), null);
    assert.equal(store.open(missing), null);
    assert.equal(await store.has(missing), false);
    assert.equal(await store.size(missing), null);
  });

  it('accepts an upper-case id as the same file', async () => {
    const { sha256 } = await store.put(Buffer.from('HOA'));
    assert.equal(await store.has(sha256.toUpperCase()), true);
  });

  it('refuses ids that are not 64 hex digits, so no path can escape the root', async () => {
    // A file just outside the root that a traversal would reach.
    const secret = path.join(path.dirname(root), `${path.basename(root)}-secret`);
    await writeFile(secret, 'bí mật');
    try {
      const bad = [
        '../../etc/passwd',
        `../${path.basename(secret)}`,
        `${'a'.repeat(62)}/..`,
        `${'a'.repeat(63)}g`,
        `${'a'.repeat(64)}\n`,
        `${'a'.repeat(64)}/`,
        'a'.repeat(65),
        '',
        '%2e%2e%2f',
        `..\\..\\${'a'.repeat(58)}`,
      ];
      for (const id of bad) {
        for (const call of [() => store.get(id), () => store.has(id), () => store.size(id), async () => store.open(id)]) {
          await assert.rejects(call(), (error: DomainError) => error.code === 'invalid_file_id' && error.status === 400, JSON.stringify(id));
        }
      }
    } finally {
      await rm(secret, { force: true });
    }
  });
});

// A real full disk: a tiny tmpfs (root only, as in CI; skipped elsewhere with the reason).
describe('local file store on a full disk', () => {
  let root: string;
  let mounted = false;

  before(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'trangtin-fullfs-'));
    if (process.getuid?.() !== 0) return;
    mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', root]).status === 0;
  });
  after(async () => {
    if (mounted) spawnSync('umount', [root]);
    await rm(root, { recursive: true, force: true });
  });

  it('refuses a file that does not fit with a message for people (507), leaving nothing behind', async (t) => {
    if (!mounted) return t.skip('needs root to mount a small tmpfs');
    const store = createLocalFileStore(root);
    const small = await store.put(Buffer.from('trước sự cố'));
    const big = Buffer.alloc(600 * 1024, 7);
    for (const attempt of [() => store.put(big), () => store.putStream(Readable.from([big.subarray(0, 300 * 1024), big.subarray(300 * 1024)]), 10 * 1024 * 1024)]) {
      await assert.rejects(attempt(), (error: unknown) => {
        assert.ok(error instanceof DomainError, String(error));
        assert.equal(error.status, 507);
        assert.match(error.problems[0]!.vi, /hết chỗ lưu tệp/);
        return true;
      });
      assert.deepEqual(await listFiles(root), [path.join(small.sha256.slice(0, 2), small.sha256.slice(2, 4), small.sha256)]);
    }
    assert.equal((await store.get(small.sha256))?.toString(), 'trước sự cố');
  });
});
