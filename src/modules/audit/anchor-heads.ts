// Anchoring the heads of every site's chain outside the database, and, before
// that, continuing under the key any chain still ending in a row from before it.
import { isoNow, systemClock, vietnamDate, type Clock } from '../../core/time.ts';
import type { Db } from '../../platform/db/database.ts';
import { anchorFilePath, appendAnchorLines, readAnchors, signedAnchor, type Anchor } from './anchors.ts';
import { UNKEYED } from './chain.ts';
import { auditKeyring } from './keys.ts';
import { appendAudit, lockAuditHead, verifyAuditChains, type AuditActor } from './store.ts';

export interface AuditLog {
  info(obj: unknown, msg: string): void;
  error(obj: unknown, msg: string): void;
}

function auditSystemActor(siteId: number): AuditActor {
  return { siteId, userId: null, onBehalfOfUserId: null, label: 'Hệ thống (nhật ký)', ip: null, userAgent: 'trangtin-audit' };
}

/**
 * Each chain whose head is still an unkeyed row (written before migration 0009)
 * is verified first, then continued under the key by an `audit.chain_keyed`
 * row that records what was verified. Nothing old is re-signed: the keyed row
 * signs the old head's hash, so the whole unkeyed part is covered from then on.
 */
export async function keyLegacyChains(db: Db, opts: { dataDir?: string; clock?: Clock; log?: AuditLog } = {}): Promise<number[]> {
  const { clock = systemClock, log } = opts;
  const keyring = auditKeyring();
  const legacy = await db
    .selectFrom('audit_heads as h')
    .innerJoin('audit_log as l', (join) => join.onRef('l.site_id', '=', 'h.site_id').onRef('l.seq', '=', 'h.last_seq'))
    .select(['h.site_id as siteId', 'h.last_seq as lastSeq', 'h.last_hash as lastHash'])
    .where('l.key_version', '=', UNKEYED)
    .execute();
  const keyed: number[] = [];
  // Anchors show a chain that was keyed once and rewritten as unkeyed rows since: that is recorded, not blessed.
  const anchors = legacy.length > 0 && opts.dataDir ? readAnchors([anchorFilePath(opts.dataDir)], keyring) : undefined;
  for (const head of legacy) {
    const [checked] = await verifyAuditChains(db, { siteId: head.siteId, keyring, ...(anchors ? { anchors } : {}) });
    const problems = checked?.problems ?? [];
    const done = await db.transaction().execute(async (trx) => {
      const current = await lockAuditHead(trx, head.siteId);
      // Another process continued this chain since we read it.
      if (current?.last_seq !== head.lastSeq || current.last_hash !== head.lastHash) return false;
      const details = { keyVersion: keyring.currentVersion, unkeyedRows: checked?.rows ?? 0, unkeyedHeadSeq: head.lastSeq, unkeyedHeadHash: head.lastHash, problemsFound: problems.map((p) => p.kind) };
      await appendAudit(trx, auditSystemActor(head.siteId), { action: 'audit.chain_keyed', targetType: 'site', targetId: head.siteId, details }, clock);
      return true;
    });
    if (!done) continue;
    keyed.push(head.siteId);
    if (problems.length > 0) log?.error({ siteId: head.siteId, problems }, 'the audit chain from before the key was already broken; continued under the key, the problems stay reported');
    else log?.info({ siteId: head.siteId, rows: checked?.rows ?? 0 }, 'audit chain verified and continued under the key');
  }
  return keyed;
}

/** What this process last anchored, so a run writes only heads that moved, and every head once a day. */
export interface AnchorState {
  last: Map<number, string>;
  day: string | null;
}

export interface AnchorRun {
  anchors: Anchor[];
  lines: string[];
  /** True when every site's head was written (the first run of a Vietnam day, or no state kept). */
  full: boolean;
}

/** Writes the heads to DATA_DIR/audit-anchors.log and to the log. */
export async function anchorAuditHeads(db: Db, opts: { dataDir: string; clock?: Clock; log?: AuditLog; state?: AnchorState }): Promise<AnchorRun> {
  const clock = opts.clock ?? systemClock;
  await keyLegacyChains(db, { dataDir: opts.dataDir, clock, ...(opts.log ? { log: opts.log } : {}) });
  const keyring = auditKeyring();
  const at = isoNow(clock);
  const today = vietnamDate(clock.now());
  const state = opts.state;
  const full = !state || state.day !== today;
  const heads = await db.selectFrom('audit_heads').select(['site_id', 'last_seq', 'last_hash']).where('last_seq', '>', 0).orderBy('site_id').execute();
  const signed = heads
    .filter((h) => full || state.last.get(h.site_id) !== `${h.last_seq}:${h.last_hash}`)
    .map((h) => signedAnchor({ siteId: h.site_id, seq: h.last_seq, hash: h.last_hash, at }, keyring));
  const anchors = signed.map((s) => s.anchor);
  const lines = signed.map((s) => s.line);
  appendAnchorLines(anchorFilePath(opts.dataDir), lines);
  for (const a of anchors) {
    opts.log?.info({ siteId: a.siteId, seq: a.seq, hash: a.hash, keyVersion: a.keyVersion }, 'audit head anchored');
    state?.last.set(a.siteId, `${a.seq}:${a.hash}`);
  }
  if (state) state.day = today;
  return { anchors, lines, full };
}
