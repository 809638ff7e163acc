// Anchors: each site's head (seq and hash) written outside the database, one
// signed JSON line per head, appended to DATA_DIR/audit-anchors.log (and
// logged, and mailed daily: jobs.ts). A row deleted from the end of the log,
// with the head row rewound to match, still leaves the anchored seq missing.
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AnchoredHead } from './chain.ts';
import type { AuditKeyring } from './keys.ts';

export const ANCHOR_FILE = 'audit-anchors.log';

export function anchorFilePath(dataDir: string): string {
  return path.join(dataDir, ANCHOR_FILE);
}

export interface Anchor extends AnchoredHead {
  siteId: number;
  /** Which process wrote it (host/pid), for the reader of the file. */
  node: string;
  keyVersion: number;
}

function payload(a: Anchor): string {
  return JSON.stringify(['anchor', a.siteId, a.seq, a.hash, a.at, a.node, a.keyVersion]);
}

/** A head as a line of the anchor file, signed with the current key. */
export function signedAnchor(head: Omit<Anchor, 'node' | 'keyVersion'>, keyring: AuditKeyring): { anchor: Anchor; line: string } {
  const anchor: Anchor = { ...head, node: `${os.hostname()}/${process.pid}`, keyVersion: keyring.currentVersion };
  const mac = keyring.signAnchor(anchor.keyVersion, payload(anchor));
  const line = JSON.stringify({ site: anchor.siteId, seq: anchor.seq, hash: anchor.hash, at: anchor.at, node: anchor.node, kv: anchor.keyVersion, mac });
  return { anchor, line };
}

/**
 * Appends lines in one write to a file opened for appending: O_APPEND makes
 * each write land whole at the end, so several processes (nodes sharing a
 * folder, the CLI beside the server) never interleave their lines.
 */
export function appendAnchorLines(file: string, lines: string[]): void {
  if (lines.length === 0) return;
  mkdirSync(path.dirname(file), { recursive: true });
  appendFileSync(file, `${lines.join('\n')}\n`, { mode: 0o600 });
}

export interface AnchorBook {
  /** Valid anchors by site. */
  bySite: Map<number, Anchor[]>;
  /** Lines that are not anchors at all, or whose signature fails (site known when readable). */
  invalid: { file: string; line: number; siteId: number | null; reason: string }[];
  /** Files read; a missing default file means truncation at the end cannot be checked. */
  files: { file: string; exists: boolean; anchors: number }[];
}

/** Reads anchor files (the node's own, and any saved elsewhere, e.g. from the daily mail). */
export function readAnchors(files: string[], keyring: AuditKeyring): AnchorBook {
  const book: AnchorBook = { bySite: new Map(), invalid: [], files: [] };
  for (const file of files) {
    if (!existsSync(file)) {
      book.files.push({ file, exists: false, anchors: 0 });
      continue;
    }
    let count = 0;
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((text, index) => {
        const found = parseAnchorLine(text.trim(), keyring);
        if (found === null) return;
        if ('reason' in found) {
          book.invalid.push({ file, line: index + 1, siteId: found.siteId, reason: found.reason });
          return;
        }
        count += 1;
        book.bySite.set(found.siteId, [...(book.bySite.get(found.siteId) ?? []), found]);
      });
    book.files.push({ file, exists: true, anchors: count });
  }
  return book;
}

/** Null for a blank line or a line that does not start with "{" (so a pasted mail with text around the lines reads too). */
function parseAnchorLine(text: string, keyring: AuditKeyring): Anchor | { siteId: number | null; reason: string } | null {
  if (!text.startsWith('{')) return null;
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { siteId: null, reason: 'not JSON' };
  }
  const { site, seq, hash, at, node, kv, mac } = raw;
  if (
    typeof site !== 'number' || typeof seq !== 'number' || typeof hash !== 'string' || typeof at !== 'string' ||
    typeof node !== 'string' || typeof kv !== 'number' || typeof mac !== 'string'
  ) {
    return { siteId: typeof site === 'number' ? site : null, reason: 'fields missing' };
  }
  const anchor: Anchor = { siteId: site, seq, hash, at, node, keyVersion: kv };
  const expected = keyring.signAnchor(kv, payload(anchor));
  if (expected === null) return { siteId: site, reason: `signed with key version ${kv}, which this node does not hold` };
  if (expected !== mac) return { siteId: site, reason: 'signature does not match (line forged or changed)' };
  return anchor;
}
