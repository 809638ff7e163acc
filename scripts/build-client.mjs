#!/usr/bin/env node
// Bundles the few client scripts (client/*.ts) into public/js/ with esbuild.
// Runs on `npm install` (prepare) and before `npm start` and `npm test`.
import { build } from 'esbuild';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

await build({
  entryPoints: [path.join(root, 'client/editor.ts')],
  outdir: path.join(root, 'public/js'),
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  legalComments: 'none',
  logLevel: 'warning',
});
