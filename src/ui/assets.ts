// Fingerprinted static assets: `asset('admin.css')` gives /assets/admin.<hash>.css,
// which can be cached for a year because a changed file gets a new name.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PUBLIC_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../public');

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

function load(): Map<string, Asset> {
  const byName = new Map<string, Asset>();
  for (const name of walk(PUBLIC_DIR)) {
    const body = readFileSync(path.join(PUBLIC_DIR, name));
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
    const ext = path.extname(name);
    const url = `/assets/${name.slice(0, name.length - ext.length)}.${hash}${ext}`;
    byName.set(name, { name, url, hash, body, contentType: TYPES[ext] ?? 'application/octet-stream' });
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
