#!/usr/bin/env node
// Bundles the few client scripts (client/*.ts) into public/js/ with esbuild,
// and makes the self-hosted fonts (Noto Sans, cut to what Vietnamese pages use)
// in public/fonts/. Runs on `npm install` (prepare), `npm start` and `npm test`.
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import subsetFont from 'subset-font';
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

// Fonts that render every Vietnamese diacritic, served by the site itself, cut down to what
// Vietnamese pages use (ADR 13): per weight, the Latin letters, digits and punctuation of
// Vietnamese text in one file and the Vietnamese letters in another, each with only the
// OpenType features body text needs. The rest of the Latin subset stays as a third file the
// browser fetches only for a page that uses one of its characters (site.css unicode-range).
const fontsDir = path.join(root, 'public/fonts');
const source = path.join(root, 'node_modules/@fontsource/noto-sans/files');
mkdirSync(fontsDir, { recursive: true });
const range = (from, to) => Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i)).join('');
/** Keep in step with the unicode-range of "noto-sans-latin-vi" in public/site.css. */
const LATIN_VI = range(0x20, 0x7e) + 'ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý' + '\u00a0©«°·»×' + range(0x2010, 0x2027) + '\u2030\u2039\u203a\u20ac\u2122\u2212';
/** The Vietnamese subset's own range (as in @fontsource/noto-sans). */
const VIETNAMESE = 'ĂăĐđĨĩŨũƠơƯư' + range(0x0300, 0x0301) + range(0x0303, 0x0304) + range(0x0308, 0x0309) + '\u0323\u0329' + range(0x1ea0, 0x1ef9) + '\u20ab';
const FEATURES = ['kern', 'liga', 'calt', 'ccmp', 'locl', 'mark', 'mkmk'];
const built = (out, from) => existsSync(out) && statSync(out).mtimeMs >= Math.max(statSync(from).mtimeMs, statSync(new URL(import.meta.url)).mtimeMs);
for (const weight of ['400', '700']) {
  const latin = path.join(source, `noto-sans-latin-${weight}-normal.woff2`);
  const vietnamese = path.join(source, `noto-sans-vietnamese-${weight}-normal.woff2`);
  copyFileSync(latin, path.join(fontsDir, `noto-sans-latin-${weight}-normal.woff2`));
  for (const [name, from, text] of [[`noto-sans-latin-vi-${weight}.woff2`, latin, LATIN_VI], [`noto-sans-vietnamese-${weight}.woff2`, vietnamese, VIETNAMESE]]) {
    const out = path.join(fontsDir, name);
    if (built(out, from)) continue;
    writeFileSync(out, await subsetFont(readFileSync(from), text, { targetFormat: 'woff2', keepFeatures: FEATURES }));
  }
}
