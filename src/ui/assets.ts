// Fingerprinted static assets: `asset('admin.css')` gives /assets/admin.<hash>.css,
// which can be cached for a year because a changed file gets a new name.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { projectPath } from '../platform/project-root.ts';

export const PUBLIC_DIR = projectPath('public');

export interface Asset {
  /** Name in public/, e.g. 'admin.css' or 'fonts/x.woff2'. */
  name: string;
  url: string;
  hash: string;
  body: Buffer;
  contentType: string;
}

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

function walk(dir: string, prefix = ''): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    return statSync(full).isDirectory() ? walk(full, `${prefix}${entry}/`) : [`${prefix}${entry}`];
  });
}

function fingerprint(name: string, body: Buffer): Asset {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
  const ext = path.extname(name);
  const url = `/assets/${name.slice(0, name.length - ext.length)}.${hash}${ext}`;
  return { name, url, hash, body, contentType: TYPES[ext] ?? 'application/octet-stream' };
}

/** Stylesheets name fonts and images by relative path; point them at the fingerprinted files. */
function rewriteCssUrls(css: string, cssName: string, byName: Map<string, Asset>): string {
  return css.replace(/url\("([^"):]+)"\)/g, (whole, ref: string) => {
    const target = byName.get(path.posix.join(path.posix.dirname(cssName), ref));
    return target ? `url("${target.url}")` : whole;
  });
}

function load(): Map<string, Asset> {
  const byName = new Map<string, Asset>();
  const names = walk(PUBLIC_DIR);
  for (const name of names.filter((n) => !n.endsWith('.css'))) byName.set(name, fingerprint(name, readFileSync(path.join(PUBLIC_DIR, name))));
  for (const name of names.filter((n) => n.endsWith('.css'))) {
    const css = rewriteCssUrls(readFileSync(path.join(PUBLIC_DIR, name), 'utf8'), name, byName);
    byName.set(name, fingerprint(name, Buffer.from(css)));
  }
  return byName;
}

const assets = load();
const byUrl = new Map([...assets.values()].map((a) => [a.url, a]));

export function asset(name: string): string {
  const found = assets.get(name);
  if (!found) throw new Error(`Unknown asset: ${name}`);
  return found.url;
}

export function assetByUrl(url: string): Asset | undefined {
  return byUrl.get(url);
}
