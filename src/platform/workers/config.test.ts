// WORKERS (ADR 0036): one server process per core by default, 1 for a single process, a clear refusal otherwise.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { ConfigError, loadConfig, MAX_WORKERS, pageCacheBytesPerProcess } from '../../config.ts';
import { workerMemorySettings } from './primary.ts';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'trangtin-workers-config-'));

test('WORKERS unset: one server process per core', () => {
  assert.equal(loadConfig({}, tmp()).workers, os.availableParallelism());
});

test('WORKERS=1 is a single process, WORKERS=4 four, surrounding spaces ignored', () => {
  assert.equal(loadConfig({ WORKERS: '1' }, tmp()).workers, 1);
  assert.equal(loadConfig({ WORKERS: ' 4 ' }, tmp()).workers, 4);
  assert.equal(loadConfig({ WORKERS: String(MAX_WORKERS) }, tmp()).workers, MAX_WORKERS);
});

test('a bad WORKERS is refused with what to write instead', () => {
  for (const bad of ['0', '-2', '1.5', 'auto', 'two', String(MAX_WORKERS + 1)]) {
    assert.throws(
      () => loadConfig({ WORKERS: bad }, tmp()),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.equal(error.problems.length, 1);
        assert.match(error.problems[0]!, new RegExp(`^WORKERS must be a whole number of server processes from 1 to ${MAX_WORKERS} \\(1: a single process; unset: one per core, \\d+ here\\), got "${bad.replace('.', '\\.')}"\\.$`));
        return true;
      },
      `WORKERS=${bad}`,
    );
  }
});

test('PAGE_CACHE_MB (default 64) is the node’s render cache, divided among its workers, at least 1 MiB each (ADR 0037)', () => {
  const MiB = 1024 * 1024;
  assert.equal(pageCacheBytesPerProcess({ workers: 1 }), 64 * MiB);
  assert.equal(pageCacheBytesPerProcess({ workers: 2 }), 32 * MiB);
  assert.equal(pageCacheBytesPerProcess({ workers: 4, pageCacheMb: 256 }), 64 * MiB);
  assert.equal(pageCacheBytesPerProcess({ workers: 8, pageCacheMb: 2 }), MiB);
  assert.equal(pageCacheBytesPerProcess({}), 64 * MiB);
});

test('a worker starts with the primary’s flags and 2 malloc arenas unless the operator chose otherwise (ADR 0037)', () => {
  assert.deepEqual(workerMemorySettings(['--enable-source-maps'], {}), { execArgv: ['--enable-source-maps'], env: { MALLOC_ARENA_MAX: '2' } });
  assert.deepEqual(workerMemorySettings(['--max-semi-space-size=8'], { MALLOC_ARENA_MAX: '8' }), { execArgv: ['--max-semi-space-size=8'], env: {} });
});
