// The primary process of a node running several workers (ADR 0036): it forks one worker per
// WORKERS, which share the listening port (node:cluster hands out connections in turn), restarts
// a worker that dies (after a growing delay; a worker that keeps dying at start stops the node),
// passes change notices between workers, and on SIGTERM/SIGINT stops them all gracefully.
import cluster, { type Worker } from 'node:cluster';
import { isNoticeMessage, STOP } from './relay.ts';

export interface PrimaryLog {
  info(msg: string): void;
  error(msg: string): void;
}

export interface PrimaryOptions {
  workers: number;
  log: PrimaryLog;
  /** Every first worker listens: the node is up (the welcome is printed once, here). */
  onReady(): void;
  /** How long stopping waits for the workers before killing them (the workers force their own exit at 10 s). */
  stopWaitMs?: number;
}

/** A worker that lived this long before dying had started fine: its slot's count of failures starts over. */
const HEALTHY_AFTER_MS = 30_000;
/** Deaths in a row, each within HEALTHY_AFTER_MS of its start, after which the node gives up. */
export const MAX_QUICK_DEATHS = 5;

/** glibc's malloc arenas per worker: its default (8 per core) held 10–17 MB more per process (ADR 0037). */
export const WORKER_MALLOC_ARENAS = '2';

/**
 * The node flags and environment a worker starts with: the primary's own flags, and the malloc
 * arenas above unless the operator chose them. V8's young generation keeps its default: 4 MiB
 * semi-spaces saved ~30 MB a process but cost ~20 % more CPU per uncached page (ADR 0037).
 */
export function workerMemorySettings(execArgv: readonly string[], env: NodeJS.ProcessEnv): { execArgv: string[]; env: Record<string, string> } {
  return { execArgv: [...execArgv], env: env.MALLOC_ARENA_MAX ? {} : { MALLOC_ARENA_MAX: WORKER_MALLOC_ARENAS } };
}

/** The delay before restarting a slot's worker after `deaths` quick deaths in a row: 0.5 s, doubling, at most 30 s. */
export function restartDelayMs(deaths: number): number {
  return Math.min(30_000, 500 * 2 ** Math.max(0, deaths - 1));
}

interface Slot {
  index: number;
  worker: Worker | null;
  startedAt: number;
  quickDeaths: number;
  restart: NodeJS.Timeout | null;
  listening: boolean;
}

export function runPrimary(options: PrimaryOptions): void {
  const slots: Slot[] = Array.from({ length: options.workers }, (_, index) => ({ index, worker: null, startedAt: 0, quickDeaths: 0, restart: null, listening: false }));
  let stopping = false;
  let exitCode = 0;
  let ready = false;
  const memory = workerMemorySettings(process.execArgv, process.env);
  cluster.setupPrimary({ execArgv: memory.execArgv });

  const fork = (slot: Slot) => {
    slot.restart = null;
    slot.startedAt = Date.now();
    const worker = cluster.fork({ ...memory.env, TRANGTIN_WORKER: String(slot.index + 1) });
    slot.worker = worker;
    worker.on('message', (message: unknown) => {
      // A change one worker committed, for every other worker's cache (SQLite has no NOTIFY).
      if (!isNoticeMessage(message)) return;
      for (const other of slots) if (other.worker && other.worker !== worker && other.worker.isConnected()) other.worker.send(message);
    });
    worker.once('listening', () => {
      slot.listening = true;
      if (!ready && slots.every((s) => s.listening)) {
        ready = true;
        options.onReady();
      }
    });
    worker.once('exit', (code, signal) => {
      slot.worker = null;
      if (stopping) return finishIfAllGone();
      slot.quickDeaths = Date.now() - slot.startedAt < HEALTHY_AFTER_MS ? slot.quickDeaths + 1 : 1;
      if (slot.quickDeaths > MAX_QUICK_DEATHS) {
        options.log.error(`worker ${slot.index + 1} died ${slot.quickDeaths} times in a row soon after starting (last: ${signal ?? `exit code ${code}`}); stopping the server`);
        exitCode = 1;
        return stop();
      }
      const delay = restartDelayMs(slot.quickDeaths);
      options.log.error(`worker ${slot.index + 1} (pid ${worker.process.pid}) died (${signal ?? `exit code ${code}`}); restarting it in ${delay} ms`);
      slot.restart = setTimeout(() => fork(slot), delay);
    });
  };

  const finishIfAllGone = () => {
    if (slots.every((s) => s.worker === null)) process.exit(exitCode);
  };

  const stop = () => {
    if (stopping) return;
    stopping = true;
    for (const slot of slots) {
      if (slot.restart) clearTimeout(slot.restart);
      slot.restart = null;
      // Each worker closes its listener at once (the port closes when the last one has) and gives its job leases back.
      if (slot.worker?.isConnected()) slot.worker.send({ type: STOP });
    }
    const force = setTimeout(() => {
      for (const slot of slots) slot.worker?.process.kill('SIGKILL');
      process.exit(1);
    }, options.stopWaitMs ?? 12_000);
    force.unref();
    finishIfAllGone();
  };

  // A stopping worker may also get the signal itself (same process group); it stops once either way.
  process.on('SIGTERM', () => {
    options.log.info('SIGTERM: stopping the workers');
    stop();
  });
  process.on('SIGINT', () => {
    options.log.info('SIGINT: stopping the workers');
    stop();
  });

  for (const slot of slots) fork(slot);
}
