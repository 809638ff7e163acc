// Runs background work every interval in this process, never two runs at once,
// logging (not throwing) failures. Returns a stop function.

export function runEvery(intervalMs: number, work: () => Promise<void>, onError: (error: Error) => void): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await work();
    } catch (error) {
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
