// The audit log is a chain per site: each row's signature covers its content,
// the key version and the previous row's hash, and audit_heads remembers the
// last one. Since migration 0009 the signature is an HMAC under a key kept out
// of the database, so a rewritten row cannot be re-signed; rows from before
// stay plain SHA-256 and are accepted only as the start of a chain. Anchors
// (anchors.ts) record heads outside the database, so a deleted tail shows too.
import { sha256Hex } from '../../platform/crypto.ts';
import type { AuditKeyring } from './keys.ts';

export const GENESIS_HASH = '0'.repeat(64);

/** key_version of the rows written before the chain was keyed. */
export const UNKEYED = 0;

export interface ChainedFields {
  site_id: number;
  seq: number;
  created_at: string;
  actor_user_id: number | null;
  on_behalf_of_user_id: number | null;
  actor_label: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  details: string;
  ip: string | null;
  user_agent: string | null;
  prev_hash: string;
  key_version: number;
}

/** The row's content, in a fixed field order so any engine gives the same bytes. */
function content(row: ChainedFields): unknown[] {
  return [
    row.site_id, row.seq, row.created_at, row.actor_user_id, row.on_behalf_of_user_id, row.actor_label,
    row.action, row.target_type, row.target_id, row.details, row.ip, row.user_agent, row.prev_hash,
  ];
}

/**
 * The row's hash: HMAC-SHA-256 under its key version (the version is signed
 * too), or the plain SHA-256 of rows from before the key. Null when this
 * process does not hold the row's key.
 */
export function rowHash(row: ChainedFields, keyring: AuditKeyring): string | null {
  if (row.key_version === UNKEYED) return sha256Hex(JSON.stringify(content(row)));
  return keyring.signRow(row.key_version, JSON.stringify([...content(row), row.key_version]));
}

/** JSON with sorted keys, so equal details always serialise (and hash) the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** A head recorded outside the database at a time (anchors.ts). */
export interface AnchoredHead {
  seq: number;
  hash: string;
  at: string;
}

export type ChainProblem =
  | { kind: 'hash_mismatch'; seq: number; id: number }
  | { kind: 'broken_link'; seq: number; id: number }
  | { kind: 'sequence_gap'; expectedSeq: number; foundSeq: number; id: number }
  | { kind: 'unknown_key'; seq: number; id: number; keyVersion: number }
  | { kind: 'unkeyed_row'; seq: number; id: number }
  | { kind: 'head_mismatch'; headSeq: number; lastSeq: number }
  | { kind: 'anchor_mismatch'; seq: number; id: number; anchoredAt: string }
  | { kind: 'anchor_missing'; anchoredSeq: number; anchoredAt: string; lastSeq: number }
  | { kind: 'anchor_invalid'; file: string; line: number; reason: string };

/** Checks rows of one site in seq order against the keys and the anchors; call `finish` with the stored head at the end. */
export class ChainVerifier {
  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;
  private keyed = false;
  private readonly anchors: Map<number, AnchoredHead[]>;
  readonly problems: ChainProblem[] = [];
  rows = 0;

  constructor(
    private readonly keyring: AuditKeyring,
    anchors: readonly AnchoredHead[] = [],
  ) {
    this.anchors = new Map();
    for (const a of anchors) this.anchors.set(a.seq, [...(this.anchors.get(a.seq) ?? []), a]);
  }

  check(row: ChainedFields & { id: number; hash: string }): void {
    this.rows += 1;
    if (row.seq !== this.expectedSeq) {
      this.problems.push({ kind: 'sequence_gap', expectedSeq: this.expectedSeq, foundSeq: row.seq, id: row.id });
    }
    if (row.prev_hash !== this.prevHash) this.problems.push({ kind: 'broken_link', seq: row.seq, id: row.id });
    if (row.key_version === UNKEYED && this.keyed) {
      // Once keyed, a chain never goes back: an unkeyed row here was forged with a plain hash.
      this.problems.push({ kind: 'unkeyed_row', seq: row.seq, id: row.id });
    } else {
      const expected = rowHash(row, this.keyring);
      if (expected === null) this.problems.push({ kind: 'unknown_key', seq: row.seq, id: row.id, keyVersion: row.key_version });
      else if (expected !== row.hash) this.problems.push({ kind: 'hash_mismatch', seq: row.seq, id: row.id });
    }
    if (row.key_version !== UNKEYED) this.keyed = true;
    for (const anchor of this.anchors.get(row.seq) ?? []) {
      if (anchor.hash !== row.hash) this.problems.push({ kind: 'anchor_mismatch', seq: row.seq, id: row.id, anchoredAt: anchor.at });
    }
    this.anchors.delete(row.seq);
    this.expectedSeq = row.seq + 1;
    this.prevHash = row.hash;
  }

  finish(head: { last_seq: number; last_hash: string } | undefined): ChainProblem[] {
    const lastSeq = this.expectedSeq - 1;
    const headSeq = head?.last_seq ?? 0;
    const headHash = head?.last_hash ?? GENESIS_HASH;
    if (headSeq !== lastSeq || headHash !== this.prevHash) this.problems.push({ kind: 'head_mismatch', headSeq, lastSeq });
    // An anchored row that is not in the log was deleted; the latest one tells how far the log once reached.
    const missing = [...this.anchors.values()].flat().sort((a, b) => b.seq - a.seq)[0];
    if (missing) this.problems.push({ kind: 'anchor_missing', anchoredSeq: missing.seq, anchoredAt: missing.at, lastSeq });
    return this.problems;
  }
}
