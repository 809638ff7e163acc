// Runs background work every interval in this process, never two runs at once,
// logging (not throwing) failures. Returns a stop function.
//
// With a lease (ADR 0026), a tick runs only on the node holding the job's lease
// in the database, so several nodes never do the same timed work at once; the
// lease is renewed while the work runs and given back when the job stops — after
// the running tick ends. A renewal refused (another node took the lease) tells the
// tick through JobTick.stillHolding(), which multi-step work checks between steps.
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
  /** How often the lease is renewed while a tick runs (default a third of its time to live, at least 1 s). */
  renewEveryMs?: number;
  /** How long stopping waits for a running tick before giving up (default STOP_WAIT_MS). */
  stopWaitMs?: number;
}

/**
 * What a tick's work is told: `stillHolding()` is false once a renewal of the lease failed
 * (another node may hold it now) or the job is stopping. Work made of several steps checks it
 * between steps and returns early; a step already begun is finished.
 */
export interface JobTick {
  stillHolding(): boolean;
}

/** Stopping waits this long for a running tick (the server forces its exit 10 s after SIGTERM). */
export const STOP_WAIT_MS = 8_000;

/**
 * This process's leased jobs, stopped by stopJobLeases when the server stops. Every leased job is
 * here, not only those holding their lease now: one that was waiting could otherwise take a lease
 * just given back, after the server meant to stop.
 */
const leasedJobs = new Set<() => Promise<void>>();

/**
 * Stops every leased job and gives back the leases they hold (graceful shutdown): other nodes take
 * the jobs over at once. A job whose tick is running is given back only when the tick ends (at most STOP_WAIT_MS);
 * a tick still running then keeps its lease until it expires, so no other node runs the job alongside it.
 */
export async function stopJobLeases(): Promise<void> {
  const releases = [...leasedJobs];
  leasedJobs.clear();
  await Promise.all(releases.map((release) => release().catch(() => undefined)));
}

export function runEvery(intervalMs: number, work: (tick: JobTick) => Promise<void>, onError: (error: Error) => void, lease?: JobLease): () => void {
  let inFlight: Promise<void> | null = null;
  let stopped = false;
  let held = false;
  const ttl = leaseTtl(intervalMs);
  const leaseOptions = lease ? { clock: lease.clock ?? systemClock, ...(lease.holder ? { holder: lease.holder } : {}) } : {};
  const release = async () => {
    stopped = true;
    clearInterval(timer);
    const running = inFlight;
    if (running) {
      let waiting: NodeJS.Timeout | undefined;
      const ended = await Promise.race([
        running.then(() => true),
        new Promise<boolean>((resolve) => {
          waiting = setTimeout(() => resolve(false), lease?.stopWaitMs ?? STOP_WAIT_MS);
        }),
      ]);
      clearTimeout(waiting);
      // Still running: the lease stays taken until it expires rather than let another node start the same work.
      if (!ended) return;
    }
    if (lease && held) {
      held = false;
      await releaseLease(lease.db, lease.name, leaseOptions);
    }
  };
  const runTick = async () => {
    let heartbeat: NodeJS.Timeout | undefined;
    let lost = false;
    const tick: JobTick = lease ? { stillHolding: () => held && !lost && !stopped } : { stillHolding: () => !stopped };
    try {
      if (lease) {
        held = await takeLease(lease.db, lease.name, ttl, leaseOptions);
        // Stopped while taking it: the work does not start; release() gives the lease back.
        if (!held || stopped) return;
        heartbeat = setInterval(() => {
          if (stopped || lost) return;
          takeLease(lease.db, lease.name, ttl, leaseOptions).then(
            (renewed) => {
              // Another node holds it now (this one was paused past its expiry): this tick's later steps stop.
              if (!renewed) {
                lost = true;
                held = false;
                onError(new Error(`job lease ${lease.name} lost while its work ran`));
              }
            },
            (error: unknown) => onError(error as Error),
          );
        }, lease.renewEveryMs ?? Math.max(1000, Math.floor(ttl / 3)));
        heartbeat.unref();
      }
      await work(tick);
      // Runs and failures of a named (leased) job: /metrics and the /healthz details (platform/metrics.ts).
      if (lease) recordJobRun(lease.name, null);
    } catch (error) {
      if (lease) recordJobRun(lease.name, error as Error);
      onError(error as Error);
    } finally {
      if (heartbeat) clearInterval(heartbeat);
    }
  };
  const tick = async () => {
    if (inFlight || stopped) return;
    inFlight = runTick().finally(() => {
      inFlight = null;
    });
    await inFlight;
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  if (lease) leasedJobs.add(release);
  void tick();
  return () => {
    leasedJobs.delete(release);
    release().catch(() => undefined);
  };
}
