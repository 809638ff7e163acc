// Writing and reading the audit log. Appends happen inside the caller's
// transaction, so a change and its audit row commit or fail together.
import { engineOf, type Db } from '../../platform/db/database.ts';
import type { AuditRow } from '../../platform/db/schema.ts';
import { isoNow, systemClock, type Clock } from '../../core/time.ts';
import { changesPublicPages } from '../../core/public/public-effect.ts';
import { bumpContentVersion, scopeOfAction } from '../public/content-version.ts';
import type { AnchorBook } from './anchors.ts';
import { ChainVerifier, GENESIS_HASH, canonicalJson, rowHash, type ChainProblem, type ChainedFields } from './chain.ts';
import { auditKeyring, type AuditKeyring } from './keys.ts';

/** Who acted, for whom, from where. */
export interface AuditActor {
  siteId: number;
  userId: number | null;
  onBehalfOfUserId: number | null;
  /** Name and e-mail at the time, kept so the log reads well after people change. */
  label: string | null;
  ip: string | null;
  userAgent: string | null;
}

export interface AuditEntry {
  action: string;
  targetType?: string;
  targetId?: string | number;
  details?: Record<string, unknown>;
}

export async function appendAudit(db: Db, actor: AuditActor, entry: AuditEntry, clock: Clock = systemClock): Promise<void> {
  if (db.isTransaction) return appendInTransaction(db, actor, entry, clock);
  await db.transaction().execute((trx) => appendInTransaction(trx, actor, entry, clock));
}

/** A site's head, locked until the transaction ends: it serialises appends of one site (SQLite already runs one writer at a time). */
export async function lockAuditHead(trx: Db, siteId: number): Promise<{ last_seq: number; last_hash: string } | undefined> {
  return trx
    .selectFrom('audit_heads')
    .select(['last_seq', 'last_hash'])
    .where('site_id', '=', siteId)
    .$if(engineOf(trx) === 'postgres', (q) => q.forUpdate())
    .executeTakeFirst();
}

async function appendInTransaction(trx: Db, actor: AuditActor, entry: AuditEntry, clock: Clock): Promise<void> {
  const keyring = auditKeyring();
  const now = isoNow(clock);
  await trx
    .insertInto('audit_heads')
    .values({ site_id: actor.siteId, last_seq: 0, last_hash: GENESIS_HASH, updated_at: now })
    .onConflict((oc) => oc.column('site_id').doNothing())
    .execute();
  const head = (await lockAuditHead(trx, actor.siteId))!;

  const fields: ChainedFields = {
    site_id: actor.siteId,
    seq: head.last_seq + 1,
    created_at: now,
    actor_user_id: actor.userId,
    on_behalf_of_user_id: actor.onBehalfOfUserId,
    actor_label: actor.label,
    action: entry.action,
    target_type: entry.targetType ?? null,
    target_id: entry.targetId === undefined ? null : String(entry.targetId),
    details: canonicalJson(entry.details ?? {}),
    ip: actor.ip,
    user_agent: actor.userAgent?.slice(0, 400) ?? null,
    prev_hash: head.last_hash,
    key_version: keyring.currentVersion,
  };
  const hash = rowHash(fields, keyring)!;
  await trx.insertInto('audit_log').values({ ...fields, hash }).execute();
  await trx
    .updateTable('audit_heads')
    .set({ last_seq: fields.seq, last_hash: hash, updated_at: now })
    .where('site_id', '=', actor.siteId)
    .execute();
  // What readers see may have changed: the render caches of every node learn it from this version.
  if (changesPublicPages(entry.action)) await bumpContentVersion(trx, actor.siteId, now, await scopeOfAction(trx, actor.siteId, entry.action, entry.targetId));
}

export interface SiteVerification {
  siteId: number;
  rows: number;
  headHash: string;
  /** Anchors of this site the log was compared with. */
  anchors: number;
  problems: ChainProblem[];
}

export interface VerifyOptions {
  siteId?: number;
  /** Heads recorded outside the database (anchors.ts); without them a deleted tail cannot be seen. */
  anchors?: AnchorBook;
  keyring?: AuditKeyring;
}

/** Walks every site's chain (or one site's) in pages, so memory stays flat on long logs. */
export async function verifyAuditChains(db: Db, opts: VerifyOptions = {}): Promise<SiteVerification[]> {
  const keyring = opts.keyring ?? auditKeyring();
  const only = opts.siteId;
  const siteIds = await db
    .selectFrom('audit_log')
    .select('site_id')
    .distinct()
    .$if(only !== undefined, (q) => q.where('site_id', '=', only!))
    .execute();
  const headRows = await db.selectFrom('audit_heads').selectAll().execute();
  const heads = new Map(headRows.map((h) => [h.site_id, h]));
  // A site whose log and head were both emptied is still known to its anchors.
  const ids = new Set([...siteIds.map((r) => r.site_id), ...headRows.map((h) => h.site_id), ...(opts.anchors?.bySite.keys() ?? [])]);
  if (only !== undefined) for (const id of [...ids]) if (id !== only) ids.delete(id);

  const results: SiteVerification[] = [];
  for (const siteId of [...ids].sort((a, b) => a - b)) {
    const anchors = opts.anchors?.bySite.get(siteId) ?? [];
    const verifier = new ChainVerifier(keyring, anchors);
    let after = 0;
    for (;;) {
      const page = await db
        .selectFrom('audit_log')
        .selectAll()
        .where('site_id', '=', siteId)
        .where('seq', '>', after)
        .orderBy('seq')
        .limit(1000)
        .execute();
      for (const row of page) verifier.check(row);
      if (page.length < 1000) break;
      after = page[page.length - 1]!.seq;
    }
    const head = heads.get(siteId);
    const problems = verifier.finish(head);
    for (const bad of opts.anchors?.invalid ?? []) {
      if (bad.siteId === siteId) problems.push({ kind: 'anchor_invalid', file: bad.file, line: bad.line, reason: bad.reason });
    }
    results.push({ siteId, rows: verifier.rows, headHash: head?.last_hash ?? GENESIS_HASH, anchors: anchors.length, problems });
  }
  return results;
}

export interface AuditQuery {
  siteId: number;
  actorUserId?: number;
  action?: string;
  targetType?: string;
  targetId?: string;
  /** Inclusive ISO bounds. */
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

export async function findAuditEntries(db: Db, q: AuditQuery): Promise<{ rows: AuditRow[]; total: number }> {
  let query = db.selectFrom('audit_log').where('site_id', '=', q.siteId);
  if (q.actorUserId !== undefined) {
    const actorId = q.actorUserId;
    query = query.where((eb) => eb.or([eb('actor_user_id', '=', actorId), eb('on_behalf_of_user_id', '=', actorId)]));
  }
  if (q.action) {
    // "auth." selects a family (every sign-in event) as a range, which behaves alike on both engines.
    if (q.action.endsWith('.')) {
      const upper = `${q.action.slice(0, -1)}/`; // '/' sorts right after '.'
      query = query.where('action', '>=', q.action).where('action', '<', upper);
    } else {
      query = query.where('action', '=', q.action);
    }
  }
  if (q.targetType) query = query.where('target_type', '=', q.targetType);
  if (q.targetId) query = query.where('target_id', '=', q.targetId);
  if (q.from) query = query.where('created_at', '>=', q.from);
  if (q.to) query = query.where('created_at', '<=', q.to);
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy('seq', 'desc').limit(q.limit).offset(q.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function distinctAuditActions(db: Db, siteId: number): Promise<string[]> {
  const rows = await db.selectFrom('audit_log').select('action').distinct().where('site_id', '=', siteId).orderBy('action').execute();
  return rows.map((r) => r.action);
}
