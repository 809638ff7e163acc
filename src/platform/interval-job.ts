// Runs background work every interval in this process, never two runs at once,
// logging (not throwing) failures. Returns a stop function. A named job's runs
// and failures are counted (platform/metrics.ts: /metrics and /healthz details).
import { recordJobRun } from './metrics.ts';

export function runEvery(intervalMs: number, work: () => Promise<void>, onError: (error: Error) => void, name?: string): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await work();
      if (name) recordJobRun(name, null);
    } catch (error) {
      if (name) recordJobRun(name, error as Error);
      onError(error as Error);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  void tick();
  return () => clearInterval(timer);
}
