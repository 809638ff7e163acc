// The server compiled ahead of time (scripts/build-server.mjs, ADR 0032): what `trangtin`
// runs is plain JavaScript that starts without the TypeScript loader, from the same sources.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
// @ts-expect-error: a plain .mjs script, no declarations
import { rewriteSpecifiers, serverEntry } from '../scripts/build-server.mjs';

const root = path.resolve(import.meta.dirname, '..');

test('relative .ts/.tsx imports become .js; packages and other strings stay', () => {
  const code = [
    'import { a } from "./a.ts";',
    'import b from "../x/b.tsx";',
    'export * from "./c.ts";',
    'const d = await import("./d.ts");',
    'import { e } from "fastify";',
    'const label = "see ./notes.ts";',
  ].join('\n');
  assert.equal(
    (rewriteSpecifiers as (c: string) => string)(code),
    [
      'import { a } from "./a.js";',
      'import b from "../x/b.js";',
      'export * from "./c.js";',
      'const d = await import("./d.js");',
      'import { e } from "fastify";',
      'const label = "see ./notes.ts";',
    ].join('\n'),
  );
});

test('the build runs with plain Node (no tsx), and an unchanged source tree reuses it', async () => {
  const entry = (await serverEntry()) as string;
  assert.ok(entry.startsWith(path.join(root, '.build', 'server-')), entry);
  assert.equal(await serverEntry(), entry, 'a second call with the same sources builds nothing new');
  // Every module of the compiled tree loads: `migrate --status` opens a database through the compiled code.
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'trangtin-build-'));
  const result = spawnSync(process.execPath, [entry, 'migrate', '--status'], {
    env: { ...process.env, DATABASE_URL: path.join(dataDir, 'db.sqlite'), DATA_DIR: dataDir, LOG_LEVEL: 'silent', NODE_OPTIONS: '' },
    encoding: 'utf8',
  });
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /pending: 0001_foundation/);
  // The compiled files import compiled files, never a .ts source.
  const cli = readFileSync(entry, 'utf8');
  assert.doesNotMatch(cli, /from "\.[^"]*\.tsx?"/);
  assert.ok(existsSync(path.join(path.dirname(entry), 'server.js')));
});

test('`trangtin` finds the installation folder from the compiled copy (version, assets)', () => {
  const result = spawnSync(process.execPath, [path.join(root, 'bin/trangtin.mjs'), '--version'], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, new RegExp(pkg.version.replaceAll('.', '\\.')));
});

test('a later `npm start` on the same data says where the demo password is kept', async () => {
  const { welcomeText } = await import('../src/server.ts');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'trangtin-welcome-'));
  assert.doesNotMatch(welcomeText({ port: 3000, dataDir }, null, 2, true), /demo/i, 'no demo file: nothing said of it');
  writeFileSync(path.join(dataDir, 'demo-logins.txt'), 'Demo password: x\n');
  const again = welcomeText({ port: 3000, dataDir }, null, 2, true);
  assert.match(again, /http:\/\/localhost:3000\/admin/);
  assert.match(again, new RegExp(`demo password and accounts are in ${path.join(dataDir, 'demo-logins.txt').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
  assert.doesNotMatch(welcomeText({ port: 3000, dataDir }, null, 2, false), /demo/i, 'a start without --demo says nothing of it');
});
