#!/usr/bin/env node
// The server compiled ahead of time (ADR 0032): src/**/*.ts(x) transpiled by esbuild, file for
// file, into .build/server-<stamp>/, the stamp being a hash of every source file's path, size
// and time. bin/trangtin.mjs runs that copy, so a serving process has no TypeScript loader
// (tsx's hooks thread, a transform per module, ~25 MB and ~8 % of an uncached page's CPU).
// A build is made by `npm install`/`npm run build`, or by the first start after a change;
// each goes to a temporary folder renamed into place, so processes starting together agree.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SRC = path.join(root, 'src');
const BUILDS = path.join(root, '.build');
/** Builds kept beside the current one: a running process may still import from its own lazily. */
const KEEP = 3;

function sourceFiles(dir = SRC, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) sourceFiles(full, out);
    else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

/** What the build depends on: every source file, the compiler settings and this script. */
function stampOf(files) {
  const hash = createHash('sha256');
  for (const file of [...files, path.join(root, 'tsconfig.json'), fileURLToPath(import.meta.url)]) {
    const s = statSync(file);
    hash.update(`${path.relative(root, file)}\0${s.size}\0${s.mtimeMs}\n`);
  }
  return hash.digest('hex').slice(0, 16);
}

/** `./x.ts` → `./x.js` in import and export specifiers (the sources import with .ts extensions). */
export function rewriteSpecifiers(code) {
  return code.replace(/((?:\bfrom|\bimport)\s*\(?\s*)(["'])(\.{1,2}\/[^"'\n]*?)\.tsx?\2/g, '$1$2$3.js$2');
}

async function compile(files, outdir) {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: files,
    outdir,
    outbase: SRC,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    bundle: false,
    // As tsx does: class and function names survive (errors and logs name them).
    keepNames: true,
    write: false,
    jsx: 'automatic',
    jsxImportSource: '@kitajs/html',
    tsconfig: path.join(root, 'tsconfig.json'),
    logLevel: 'warning',
  });
  for (const file of result.outputFiles) {
    mkdirSync(path.dirname(file.path), { recursive: true });
    writeFileSync(file.path, rewriteSpecifiers(file.text));
  }
}

function prune(current) {
  const builds = readdirSync(BUILDS)
    .filter((name) => name.startsWith('server-') && name !== current)
    .map((name) => ({ name, at: statSync(path.join(BUILDS, name)).mtimeMs }))
    .sort((a, b) => b.at - a.at);
  for (const old of builds.slice(KEEP)) rmSync(path.join(BUILDS, old.name), { recursive: true, force: true });
}

/** The compiled CLI for the sources as they are now, built first when it does not exist yet. */
export async function serverEntry() {
  const files = sourceFiles();
  const name = `server-${stampOf(files)}`;
  const dir = path.join(BUILDS, name);
  const entry = path.join(dir, 'cli.js');
  if (existsSync(entry)) return entry;
  mkdirSync(BUILDS, { recursive: true });
  const temp = path.join(BUILDS, `.tmp-${name}-${process.pid}`);
  try {
    await compile(files, temp);
    try {
      renameSync(temp, dir);
    } catch (error) {
      // Another process finished the same build first: use it.
      if (!existsSync(entry)) throw error;
    }
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
  prune(name);
  return entry;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  const entry = await serverEntry();
  console.log(`server build: ${path.relative(root, path.dirname(entry))} (${Date.now() - started} ms)`);
}
