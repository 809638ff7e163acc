// Runs background work every interval in this process, never two runs at once,
// logging (not throwing) failures. Returns a stop function.
//
// With a lease (ADR 0026), a tick runs only on the node holding the job's lease
// in the database, so several nodes never do the same timed work at once; the
// lease is renewed while the work runs and given back when the job stops.
import { systemClock, type Clock } from '../core/time.ts';
import { recordJobRun } from './metrics.ts';
import { leaseTtl, releaseLease, takeLease } from './cluster/lease.ts';
import type { Db } from './db/database.ts';

export interface JobLease {
  db: Db;
  /** The job's name in job_leases, the same on every node. */
  name: string;
  clock?: Clock;
  holder?: string;
}

/** Leases held by this process's jobs, given back by stopJobLeases when the server stops. */
const heldLeases = new Set<() => Promise<void>>();

/** Gives back every lease this process holds (graceful shutdown): other nodes take the jobs over at once. */
export async function stopJobLeases(): Promise<void> {
  const releases = [...heldLeases];
  heldLeases.clear();
  await Promise.all(releases.map((release) => release().catch(() => undefined)));
}

export function runEvery(intervalMs: number, work: () => Promise<void>, onError: (error: Error) => void, lease?: JobLease): () => void {
  let running = false;
  let stopped = false;
  let held = false;
  const ttl = leaseTtl(intervalMs);
  const leaseOptions = lease ? { clock: lease.clock ?? systemClock, ...(lease.holder ? { holder: lease.holder } : {}) } : {};
  const release = async () => {
    stopped = true;
    clearInterval(timer);
    if (lease && held) {
      held = false;
      await releaseLease(lease.db, lease.name, leaseOptions);
    }
  };
  const tick = async () => {
    if (running || stopped) return;
    running = true;
    let heartbeat: NodeJS.Timeout | undefined;
    try {
      if (lease) {
        held = await takeLease(lease.db, lease.name, ttl, leaseOptions);
        if (!held) return;
        heldLeases.add(release);
        heartbeat = setInterval(() => {
          if (stopped) return;
          takeLease(lease.db, lease.name, ttl, leaseOptions).catch((error: unknown) => onError(error as Error));
        }, Math.max(1000, Math.floor(ttl / 3)));
        heartbeat.unref();
      }
      await work();
      // Runs and failures of a named (leased) job: /metrics and the /healthz details (platform/metrics.ts).
      if (lease) recordJobRun(lease.name, null);
    } catch (error) {
      if (lease) recordJobRun(lease.name, error as Error);
      onError(error as Error);
    } finally {
      if (heartbeat) clearInterval(heartbeat);
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  void tick();
  return () => {
    heldLeases.delete(release);
    release().catch(() => undefined);
  };
}
