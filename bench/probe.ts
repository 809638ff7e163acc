// What the benchmark reads from /proc about the server: resident memory
// (VmRSS, and VmHWM, the kernel's own peak), the CPU the server used, and the
// CPU the rest of the machine used meanwhile (the load generator runs on the
// same machine, and so may other work). The server is its process tree: with
// several workers, memory and CPU are summed over the server pid and its
// descendants (found through /proc/<pid>/stat's parent pid at each sample).
import { readdirSync, readFileSync } from 'node:fs';
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

/** The pid and every descendant of it. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const text = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(text.slice(text.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(name));
      children.set(ppid, list);
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    out.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return out;
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
  /** The load generator and the bench process together. */
  benchCpu: number;
  /** The load generator's own process (sampled every 200 ms; its last fraction of a second may be missed). */
  generatorCpu?: number;
  otherCpu: number;
  seconds: number;
  /** 1-minute load average when the window opened and when it closed. */
  loadAverage?: [number, number];
  /** Processes in the server's tree (more than one with workers). */
  serverProcesses?: number;
}

const mb = (kb: number) => Math.round(kb / 102.4) / 10;

/** Samples the server's process tree (and the load generator's process) every `everyMs` between start() and stop(). */
export class Probe {
  private timer: NodeJS.Timeout | null = null;
  private peakKb = 0;
  private lastKb = 0;
  private startedAt = 0;
  /** Ticks of every process of the tree seen so far, first and last (a worker may come and go). */
  private ticks0 = new Map<number, number>();
  private ticks = new Map<number, number>();
  private generator0 = 0;
  private generator = 0;
  private machine0 = { busy: 0, total: 0 };
  private bench0 = process.cpuUsage();
  private load0 = 0;
  processes = 1;

  constructor(
    private readonly pid: number,
    private readonly generatorPid: number | null = null,
    private readonly everyMs = 200,
  ) {}

  /** RSS of the tree summed, and the HWM summed (an upper bound of the tree's peak). */
  static rssMb(pid: number): { rss: number; hwm: number; processes: number } | null {
    let rss = 0;
    let hwm = 0;
    let n = 0;
    for (const p of processTree(pid)) {
      const s = readStatus(p);
      if (!s) continue;
      rss += s.rssKb;
      hwm += s.hwmKb;
      n += 1;
    }
    return n > 0 ? { rss: mb(rss), hwm: mb(hwm), processes: n } : null;
  }

  start(): void {
    this.peakKb = 0;
    this.startedAt = Date.now();
    this.ticks0 = new Map(processTree(this.pid).map((p) => [p, processTicks(p)]));
    this.ticks = new Map(this.ticks0);
    this.generator0 = this.generatorPid ? processTicks(this.generatorPid) : 0;
    this.generator = this.generator0;
    this.machine0 = machineTicks();
    this.bench0 = process.cpuUsage();
    this.load0 = os.loadavg()[0]!;
    this.sample();
    this.timer = setInterval(() => this.sample(), this.everyMs);
  }

  private sample(): void {
    let kb = 0;
    const tree = processTree(this.pid);
    for (const p of tree) {
      const s = readStatus(p);
      if (s) kb += s.rssKb;
      const t = processTicks(p);
      if (t > 0) this.ticks.set(p, t);
      if (!this.ticks0.has(p)) this.ticks0.set(p, 0);
    }
    this.processes = Math.max(this.processes, tree.length);
    if (this.generatorPid) {
      const g = processTicks(this.generatorPid);
      if (g > 0) this.generator = g;
    }
    if (kb === 0) return;
    this.lastKb = kb;
    this.peakKb = Math.max(this.peakKb, kb);
  }

  stop(): ProbeResult {
    if (this.timer) clearInterval(this.timer);
    this.sample();
    const seconds = (Date.now() - this.startedAt) / 1000;
    let serverTicks = 0;
    for (const [p, t] of this.ticks) serverTicks += t - (this.ticks0.get(p) ?? 0);
    const server = serverTicks / CLK_TCK;
    const m = machineTicks();
    // /proc/stat counts in USER_HZ too, summed over every core.
    const machine = (m.busy - this.machine0.busy) / CLK_TCK;
    const benchUsage = process.cpuUsage(this.bench0);
    const bench = (benchUsage.user + benchUsage.system) / 1e6;
    const generator = (this.generator - this.generator0) / CLK_TCK;
    const pct = (s: number) => Math.round((100 * s) / seconds);
    return {
      rssPeakMb: mb(this.peakKb),
      rssEndMb: mb(this.lastKb),
      serverCpu: pct(server),
      benchCpu: pct(bench + generator),
      generatorCpu: pct(generator),
      otherCpu: Math.max(0, pct(machine - server - bench - generator)),
      seconds,
      loadAverage: [Math.round(this.load0 * 100) / 100, Math.round(os.loadavg()[0]! * 100) / 100],
      serverProcesses: this.processes,
    };
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
