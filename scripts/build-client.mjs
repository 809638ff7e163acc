#!/usr/bin/env node
// Bundles the few client scripts (client/*.ts) into public/js/ with esbuild,
// and copies the self-hosted fonts (Noto Sans: Latin and Vietnamese subsets)
// into public/fonts/. Runs on `npm install` (prepare), `npm start` and `npm test`.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
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

// Fonts that render every Vietnamese diacritic, served by the site itself.
const fontsDir = path.join(root, 'public/fonts');
mkdirSync(fontsDir, { recursive: true });
for (const subset of ['latin', 'vietnamese']) {
  for (const weight of ['400', '700']) {
    const name = `noto-sans-${subset}-${weight}-normal.woff2`;
    copyFileSync(path.join(root, 'node_modules/@fontsource/noto-sans/files', name), path.join(fontsDir, name));
  }
}
