// Leases on timed work (ADR 0026): a job runs on the node that holds its lease.
// Taking or renewing is one conditional upsert, atomic on both engines: the row
// is written only when nobody holds it, its holder is this node, or it expired.
// A node that dies keeps its leases until they expire; then another takes over.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { systemClock, type Clock } from '../../core/time.ts';
import type { Db } from '../db/database.ts';

/** This process, as the holder of leases: host, process id and a random part (a restarted process is another holder). */
export const THIS_NODE = `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;

export interface LeaseOptions {
  holder?: string;
  clock?: Clock;
}

/**
 * Takes (or renews) the lease `name` for `ttlMs`; true when this holder has it now.
 * Two contenders at once: exactly one gets it (on PostgreSQL the upsert locks the row;
 * SQLite writes one at a time).
 */
export async function takeLease(db: Db, name: string, ttlMs: number, options: LeaseOptions = {}): Promise<boolean> {
  const holder = options.holder ?? THIS_NODE;
  const now = (options.clock ?? systemClock).now();
  const nowIso = now.toISOString();
  const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
  const row = await db
    .insertInto('job_leases')
    .values({ name, holder, expires_at: expiresAt })
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet({ holder, expires_at: expiresAt })
        .where((eb) => eb.or([eb('job_leases.holder', '=', holder), eb('job_leases.expires_at', '<=', nowIso)])),
    )
    .returning('holder')
    .executeTakeFirst();
  return row?.holder === holder;
}

/** Gives a lease back at once (a node that stops), so another node need not wait for it to expire. */
export async function releaseLease(db: Db, name: string, options: LeaseOptions = {}): Promise<void> {
  const holder = options.holder ?? THIS_NODE;
  const nowIso = (options.clock ?? systemClock).now().toISOString();
  await db.updateTable('job_leases').set({ expires_at: nowIso }).where('name', '=', name).where('holder', '=', holder).execute();
}

/** Who holds a lease now, or null. */
export async function leaseHolder(db: Db, name: string, clock: Clock = systemClock): Promise<string | null> {
  const row = await db.selectFrom('job_leases').select('holder').where('name', '=', name).where('expires_at', '>', clock.now().toISOString()).executeTakeFirst();
  return row?.holder ?? null;
}

/**
 * A job's lease outlives the wait for its next tick (two intervals and ten seconds), so the
 * node that holds it keeps it; it is renewed while the work runs, however long.
 */
export function leaseTtl(intervalMs: number): number {
  return 2 * intervalMs + 10_000;
}
