// One bounded load run with autocannon against the local server: a warm-up
// and then the measured window on the same connections, with every response's
// latency kept so p50/p95/p99 are exact (autocannon's own table has no p95),
// and the server probed during the window.
//
// Why one run for both: opening the connections is part of the warm-up. A
// saturated server accepts new connections slowly (it answers the requests
// already in hand first), so 64 connections opened into a busy server take
// seconds to all get their first answer; measured from their opening, that
// ramp would be counted as latency, which browsers keeping their connections
// never see.
import autocannon from 'autocannon';
import { Probe, type ProbeResult } from './probe.ts';

export interface LoadSpec {
  /** http://127.0.0.1:<port> */
  base: string;
  connections: number;
  /** Seconds of warm-up (not measured), then seconds measured. */
  warmup: number;
  duration: number;
  /** The path of every request, or a function giving each request its own. */
  path: string | (() => string);
  /** Called when the measured window starts (e.g. to count the paths given out from then on). */
  onWindow?: () => void;
  /** Host header (a site other than the default one). */
  host?: string;
}

export interface LoadResult extends ProbeResult {
  connections: number;
  duration: number;
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  /** Mean response size (bytes on the wire: compressed, with headers). */
  meanBytes: number;
  /** Seconds until every connection had its first answer; beyond the warm-up, the window includes the ramp. */
  rampSeconds: number;
}

/** Browsers ask for compressed pages; so do we. */
const HEADERS = { 'accept-encoding': 'gzip, deflate, br', accept: 'text/html,application/xhtml+xml', 'user-agent': 'trangtin-bench (autocannon)' };

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[i]! * 100) / 100;
}

export async function runLoad(spec: LoadSpec, serverPid: number | null): Promise<LoadResult> {
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(spec.base)) throw new Error(`The benchmark only loads a local server, not ${spec.base}`);
  const next = spec.path;
  const instance = autocannon({
    url: spec.base,
    connections: spec.connections,
    duration: spec.warmup + spec.duration,
    timeout: 10,
    headers: spec.host ? { ...HEADERS, host: spec.host } : HEADERS,
    requests: [
      typeof next === 'string'
        ? { method: 'GET', path: next }
        : {
            method: 'GET',
            setupRequest: (request) => {
              request.path = next();
              return request;
            },
          },
    ],
  });

  const started = performance.now();
  const warmupMs = spec.warmup * 1000;
  let windowStart: number | null = spec.warmup === 0 ? started : null;
  const probe = serverPid === null ? null : new Probe(serverPid);
  const openWindow = () => {
    windowStart = performance.now();
    spec.onWindow?.();
    probe?.start();
  };
  if (windowStart === null) setTimeout(openWindow, warmupMs).unref();
  else openWindow();

  let latencies = new Float64Array(1 << 16);
  let count = 0;
  let bytes = 0;
  let errors = 0;
  let timeouts = 0;
  const statusCodes: Record<string, number> = {};
  const answered = new Set<unknown>();
  let rampMs = 0;
  instance.on('response', (client, status, resBytes, ms) => {
    if (!answered.has(client)) {
      answered.add(client);
      if (answered.size === spec.connections) rampMs = performance.now() - started;
    }
    if (windowStart === null) return;
    if (count === latencies.length) {
      const bigger = new Float64Array(latencies.length * 2);
      bigger.set(latencies);
      latencies = bigger;
    }
    latencies[count++] = ms;
    bytes += resBytes;
    statusCodes[status] = (statusCodes[status] ?? 0) + 1;
  });
  instance.on('reqError', (error) => {
    if (windowStart === null) return;
    errors += 1;
    if (error instanceof Error && /timed out/.test(error.message)) timeouts += 1;
  });

  await instance;
  const ended = performance.now();
  const seconds = windowStart === null ? 0 : (ended - windowStart) / 1000;
  const probed = probe?.stop() ?? { rssPeakMb: 0, rssEndMb: 0, serverCpu: 0, benchCpu: 0, otherCpu: 0, seconds };
  const sorted = latencies.subarray(0, count).sort();
  const non2xx = Object.entries(statusCodes).reduce((sum, [code, n]) => (code.startsWith('2') ? sum : sum + n), 0);
  return {
    ...probed,
    connections: spec.connections,
    duration: Math.round(seconds * 100) / 100,
    requests: count,
    rps: seconds > 0 ? Math.round(count / seconds) : 0,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: percentile(sorted, 100),
    errors,
    timeouts,
    non2xx,
    statusCodes,
    meanBytes: count ? Math.round(bytes / count) : 0,
    rampSeconds: rampMs ? Math.round(rampMs / 100) / 10 : -1,
  };
}
