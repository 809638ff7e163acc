// What the benchmark reads from /proc about the server: resident memory
// (VmRSS, and VmHWM, the kernel's own peak), the CPU the server used, and the
// CPU the rest of the machine used meanwhile (the load generator runs on the
// same machine, and so may other work).
import { readFileSync } from 'node:fs';
import os from 'node:os';

const CLK_TCK = 100;

function readStatus(pid: number): { rssKb: number; hwmKb: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rss = /^VmRSS:\s+(\d+) kB/m.exec(text);
    const hwm = /^VmHWM:\s+(\d+) kB/m.exec(text);
    return rss && hwm ? { rssKb: Number(rss[1]), hwmKb: Number(hwm[1]) } : null;
  } catch {
    return null;
  }
}

/** utime + stime of a process, in clock ticks. */
function processTicks(pid: number): number {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/** Busy and total ticks of the whole machine (all cores). */
function machineTicks(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const total = v.reduce((a, b) => a + b, 0);
  const idle = (v[3] ?? 0) + (v[4] ?? 0);
  return { busy: total - idle, total };
}

export interface ProbeResult {
  rssPeakMb: number;
  rssEndMb: number;
  /** Share of one core, in %. */
  serverCpu: number;
  benchCpu: number;
  otherCpu: number;
  seconds: number;
}

const mb = (kb: number) => Math.round(kb / 102.4) / 10;

/** Samples the server every `everyMs` between start() and stop(). */
export class Probe {
  private timer: NodeJS.Timeout | null = null;
  private peakKb = 0;
  private lastKb = 0;
  private startedAt = 0;
  private serverTicks0 = 0;
  private machine0 = { busy: 0, total: 0 };
  private bench0 = process.cpuUsage();

  constructor(
    private readonly pid: number,
    private readonly everyMs = 200,
  ) {}

  static rssMb(pid: number): { rss: number; hwm: number } | null {
    const s = readStatus(pid);
    return s ? { rss: mb(s.rssKb), hwm: mb(s.hwmKb) } : null;
  }

  start(): void {
    this.peakKb = 0;
    this.startedAt = Date.now();
    this.serverTicks0 = processTicks(this.pid);
    this.machine0 = machineTicks();
    this.bench0 = process.cpuUsage();
    this.sample();
    this.timer = setInterval(() => this.sample(), this.everyMs);
  }

  private sample(): void {
    const s = readStatus(this.pid);
    if (!s) return;
    this.lastKb = s.rssKb;
    this.peakKb = Math.max(this.peakKb, s.rssKb);
  }

  stop(): ProbeResult {
    if (this.timer) clearInterval(this.timer);
    this.sample();
    const seconds = (Date.now() - this.startedAt) / 1000;
    const server = (processTicks(this.pid) - this.serverTicks0) / CLK_TCK;
    const m = machineTicks();
    // /proc/stat counts in USER_HZ too, summed over every core.
    const machine = (m.busy - this.machine0.busy) / CLK_TCK;
    const benchUsage = process.cpuUsage(this.bench0);
    const bench = (benchUsage.user + benchUsage.system) / 1e6;
    const pct = (s: number) => Math.round((100 * s) / seconds);
    return { rssPeakMb: mb(this.peakKb), rssEndMb: mb(this.lastKb), serverCpu: pct(server), benchCpu: pct(bench), otherCpu: Math.max(0, pct(machine - server - bench)), seconds };
  }
}

export function machineDescription(): { cpu: string; cores: number; memoryGb: number; os: string; node: string; loadAverage: number[] } {
  const cpus = os.cpus();
  return {
    cpu: `${cpus[0]?.model.trim() ?? 'unknown'}${cpus[0]?.speed ? ` (${cpus[0].speed} MHz)` : ''}`,
    cores: cpus.length,
    memoryGb: Math.round(os.totalmem() / 1024 ** 3 * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}
