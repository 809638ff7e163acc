// Top self-time functions of V8 CPU profiles (.cpuprofile, written by
// node --cpu-prof): the time of every sample is given to the function on top
// of the stack, summed over every profile given (one per server process).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  fn: string;
  where: string;
  ms: number;
  share: number;
}

export function topSelfTime(dir: string, top = 15, root = ''): { entries: SelfTime[]; totalMs: number; files: number } {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  const byKey = new Map<string, SelfTime>();
  let total = 0;
  for (const f of files) {
    const p = JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as CpuProfile;
    const nodes = new Map(p.nodes.map((n) => [n.id, n]));
    p.samples.forEach((id, i) => {
      const us = p.timeDeltas[i] ?? 0;
      const n = nodes.get(id);
      if (!n) return;
      const fn = n.callFrame.functionName || '(anonymous)';
      const url = n.callFrame.url.replace(/^file:\/\//, '').replace(root, '');
      const where = url ? `${url.replace(/^.*node_modules\//, 'node_modules/')}:${n.callFrame.lineNumber + 1}` : '';
      const key = `${fn}@${where}`;
      const e = byKey.get(key) ?? { fn, where, ms: 0, share: 0 };
      e.ms += us / 1000;
      byKey.set(key, e);
      total += us / 1000;
    });
  }
  const entries = [...byKey.values()].sort((a, b) => b.ms - a.ms).slice(0, top).map((e) => ({ ...e, ms: Math.round(e.ms), share: total ? Math.round((1000 * e.ms) / total) / 10 : 0 }));
  return { entries, totalMs: Math.round(total), files: files.length };
}
