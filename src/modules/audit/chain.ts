// The audit log is a hash chain per site: each row's hash covers its content and
// the previous row's hash, and audit_heads remembers the last one. Editing,
// inserting or deleting any row (even the last) breaks the chain where it happened.
import { sha256Hex } from '../../platform/crypto.ts';

export const GENESIS_HASH = '0'.repeat(64);

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
}

/** The row's hash, over a fixed field order so any engine gives the same bytes. */
export function rowHash(row: ChainedFields): string {
  return sha256Hex(
    JSON.stringify([
      row.site_id, row.seq, row.created_at, row.actor_user_id, row.on_behalf_of_user_id, row.actor_label,
      row.action, row.target_type, row.target_id, row.details, row.ip, row.user_agent, row.prev_hash,
    ]),
  );
}

/** JSON with sorted keys, so equal details always serialise (and hash) the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

export type ChainProblem =
  | { kind: 'hash_mismatch'; seq: number; id: number }
  | { kind: 'broken_link'; seq: number; id: number }
  | { kind: 'sequence_gap'; expectedSeq: number; foundSeq: number; id: number }
  | { kind: 'head_mismatch'; headSeq: number; lastSeq: number };

/** Checks rows of one site in seq order; call `finish` with the stored head at the end. */
export class ChainVerifier {
  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;
  readonly problems: ChainProblem[] = [];
  rows = 0;

  check(row: ChainedFields & { id: number; hash: string }): void {
    this.rows += 1;
    if (row.seq !== this.expectedSeq) {
      this.problems.push({ kind: 'sequence_gap', expectedSeq: this.expectedSeq, foundSeq: row.seq, id: row.id });
    }
    if (row.prev_hash !== this.prevHash) this.problems.push({ kind: 'broken_link', seq: row.seq, id: row.id });
    if (rowHash(row) !== row.hash) this.problems.push({ kind: 'hash_mismatch', seq: row.seq, id: row.id });
    this.expectedSeq = row.seq + 1;
    this.prevHash = row.hash;
  }

  finish(head: { last_seq: number; last_hash: string } | undefined): ChainProblem[] {
    const lastSeq = this.expectedSeq - 1;
    const headSeq = head?.last_seq ?? 0;
    const headHash = head?.last_hash ?? GENESIS_HASH;
    if (headSeq !== lastSeq || headHash !== this.prevHash) this.problems.push({ kind: 'head_mismatch', headSeq, lastSeq });
    return this.problems;
  }
}
