#!/usr/bin/env node
// `npm test`: type-check, scan the TSX for XSS-prone output, then run every
// *.test.ts(x) with node:test through tsx. Arguments narrow the run to files
// whose path contains them (npm test -- audit login).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const filters = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const skipChecks = process.argv.includes('--no-checks') || filters.length > 0;

function findTests(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (entry === 'node_modules') return [];
    if (statSync(full).isDirectory()) return findTests(full);
    return /\.test\.tsx?$/.test(entry) ? [path.relative(root, full)] : [];
  });
}

function run(label, command, args) {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (result.status !== 0) {
    console.error(`✖ ${label} failed`);
    process.exit(result.status ?? 1);
  }
}

const bin = (name) => path.join(root, 'node_modules', '.bin', name);

// The browser bundle is built from client/ (also on npm install); tests use the fresh one.
run('client bundle (esbuild)', process.execPath, [path.join(root, 'scripts/build-client.mjs')]);
// Tests that start `bin/trangtin.mjs` run the compiled server: built once here, not by each of them at once.
run('server build (esbuild)', process.execPath, [path.join(root, 'scripts/build-server.mjs')]);

if (!skipChecks) {
  run('type-check (tsc --noEmit)', bin('tsc'), ['--noEmit', '-p', root]);
  run('type-check of browser scripts', bin('tsc'), ['--noEmit', '-p', path.join(root, 'client')]);
  run('XSS scan of TSX output (xss-scan)', bin('xss-scan'), []);
}

const files = [...findTests(path.join(root, 'src')), ...findTests(path.join(root, 'test'))]
  .filter((f) => filters.length === 0 || filters.some((flt) => f.includes(flt)))
  .sort();
if (files.length === 0) {
  console.error('No test file matches.');
  process.exit(1);
}
console.log(`\n▶ ${files.length} test files${process.env.TEST_DATABASE_URL ? ' on SQLite and PostgreSQL' : ' on SQLite (set TEST_DATABASE_URL to add PostgreSQL)'}`);
// A file's tests may take minutes (the browser walks every public page of the five demo sites); ten
// minutes still stops a hung test long before CI's limit.
run('node:test', process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-timeout=600000', ...files]);
