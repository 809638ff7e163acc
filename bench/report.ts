// bench/RESULTS.md: the figures of the latest run, one table per scenario,
// and each goal met or not met.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { DatasetInfo } from './generate.ts';
import type { LoadResult } from './load.ts';
import type { machineDescription } from './probe.ts';

export interface ScenarioReport {
  id: string;
  title: string;
  what: string;
  result: LoadResult;
  /** For the uncached scenarios: how many distinct URLs the measured run asked for. */
  distinctPaths: number | null;
  loadAverage: [number, number];
  /** Measurements made (more than one when other processes disturbed the first). */
  attempts: number;
}

export interface Goal {
  goal: string;
  measured: string;
  /** null: its scenario was not run. */
  met: boolean | null;
}

type Mem = { rss: number; hwm: number } | null;

export interface Report {
  started: Date;
  code: string;
  command: string;
  machine: ReturnType<typeof machineDescription>;
  engine: string;
  engineVersion: string;
  database: string;
  databaseBytes: number | null;
  info: DatasetInfo;
  reused: boolean;
  logLevel: string;
  serverFlags: string[];
  maxInterference: number;
  duration: number;
  warmup: number;
  deep: { slug: string; name: string; total: number; page: number; pages: number; queryMs: number };
  searches: { id: string; q: string; total: number; queryMs: number }[];
  checks: string[];
  memory: { idle: Mem; afterChecks: Mem; final: Mem; peak: number };
  serverExit: number | null;
  scenarios: ScenarioReport[];
  goals: Goal[];
  generator: string;
  /** Markdown sections appended after the memory table (render cache, nginx, write load, province, profiles). */
  extra: string;
}

const n = (x: number) => x.toLocaleString('en');
const mbOf = (bytes: number | null) => (bytes === null ? '?' : `${n(Math.round(bytes / 1024 / 1024))} MB`);

function table(rows: [string, string][]): string {
  return ['| | |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`)].join('\n');
}

function scenarioSection(s: ScenarioReport, engine: string, warmup: number): string {
  const r = s.result;
  const codes = Object.entries(r.statusCodes).map(([code, count]) => `${code}: ${n(count)}`).join(', ') || 'none';
  const rows: [string, string][] = [
    ['Connections', String(r.connections)],
    ['Duration', `${r.duration} s`],
    ['Requests', n(r.requests)],
    ['**Requests/s**', `**${n(r.rps)}**`],
    ['Latency p50', `${r.p50} ms`],
    ...((r as { p90?: number }).p90 !== undefined ? [['Latency p75 / p90', `${(r as { p75?: number }).p75} ms / ${(r as { p90?: number }).p90} ms`] as [string, string]] : []),
    ['Latency p95', `${r.p95} ms`],
    ['**Latency p99**', `**${r.p99} ms**`],
    ['Latency max', `${r.max} ms`],
    ['Errors / timeouts', `${r.errors} / ${r.timeouts}`],
    ['Non-2xx responses', `${n(r.non2xx)} (status codes: ${codes})`],
    ['Mean response size', `${n(r.meanBytes)} bytes (compressed, with headers)`],
    ['Server RSS peak / at end', `${r.rssPeakMb} MB / ${r.rssEndMb} MB`],
    ['Server processes', String(r.serverProcesses ?? 1)],
    ['CPU: server / load generator (+ bench) / other processes', `${r.serverCpu}% / ${r.generatorCpu ?? '?'}% (${r.benchCpu}%) / ${r.otherCpu}% of one core${engine === 'PostgreSQL' ? ' (PostgreSQL itself is among the other processes)' : ''}`],
    ['Load average (1 min) before → after', `${s.loadAverage[0].toFixed(2)} → ${s.loadAverage[1].toFixed(2)}`],
  ];
  if (s.distinctPaths !== null) rows.push(['Distinct URLs requested', n(s.distinctPaths)]);
  rows.push(['All connections answered after', r.rampSeconds < 0 ? 'never (some connection got no answer)' : `${r.rampSeconds} s${r.rampSeconds > warmup ? ' — after the warm-up: the measured window includes the ramp' : ' (within the warm-up)'}`]);
  if (s.attempts > 1) rows.push(['Attempts', `${s.attempts} (the least disturbed one is shown)`]);
  return `### ${s.title}\n\n${s.what}\n\n${table(rows)}\n`;
}

export function writeResults(file: string, r: Report): void {
  const m = r.machine;
  const mem = (x: Mem) => (x ? `${x.rss} MB` : '?');
  const text = `# Benchmark results

Written by \`${r.command}\` (bench/run.ts) on ${r.started.toISOString().replace('T', ' ').slice(0, 16)} UTC; every run overwrites this file.
How to run it and what each scenario means: [README.md](README.md). For every goal not met, what stands in the
way and the profile that shows it: [ANALYSIS.md](ANALYSIS.md) (written by hand, not by this run).

## Goals

| Goal | Measured | |
|---|---|---|
${r.goals.map((g) => `| ${g.goal} | ${g.measured} | ${g.met === null ? 'not run' : g.met ? '**met**' : '**not met**'} |`).join('\n')}

## Machine and set-up

${table([
  ['Code', r.code],
  ['CPU', `${m.cpu}, ${m.cores} cores (os.cpus())`],
  ['Memory', `${m.memoryGb} GB`],
  ['System', m.os],
  ['Node.js', m.node],
  ['Engine', `${r.engine}: ${r.engineVersion}`],
  ['Database', `${r.database}, ${mbOf(r.databaseBytes)} on disk`],
  ['Published articles', `${n(r.info.articles)} on one site (${r.info.realPublications} published through the review chain, the rest bulk-inserted with the same rows), ${r.info.sections.length} sections`],
  ['Data set', r.reused ? `reused (made ${r.info.generatedAt} in ${r.info.generationSeconds} s)` : `generated for this run in ${r.info.generationSeconds} s`],
  ['Server', `\`node ${r.serverFlags.length ? `${r.serverFlags.join(' ')} ` : ''}bin/trangtin.mjs serve\` (as \`npm start\`, without the demo) on 127.0.0.1, LOG_LEVEL=${r.logLevel} (request logs written to a file)`],
  ['Load', `${r.generator} in a process of its own on the same machine; per scenario ${r.warmup} s of warm-up (a run of its own) then ${r.duration} s measured; \`Accept-Encoding: gzip, deflate, br\``],
  ['Load average at the start (1, 5, 15 min)', m.loadAverage.join(', ')],
])}

The load generator and the server share the machine's ${m.cores} cores; “other processes” in each table is the CPU
the rest of the machine used during the measurement (anything above a few % means the figures are pessimistic).
${r.maxInterference < 400 ? `A scenario during which other processes used more than ${r.maxInterference}% of a core is measured again, up to a bounded
number of attempts, and the least disturbed attempt is reported.` : 'Scenarios are measured once.'}

## Checks before measuring

${r.checks.map((c) => `- ${c}`).join('\n')}

In-process query times (the store functions called directly, no HTTP, median of 7):
listing of page ${r.deep.page} of “${r.deep.name}”: ${r.deep.queryMs} ms; ${r.searches.map((s) => `search ${s.q}: ${s.queryMs} ms (${n(s.total)} hits)`).join('; ')}.

## Scenarios

${r.scenarios.map((s) => scenarioSection(s, r.engine, r.warmup)).join('\n')}
## Server memory

${table([
  ['RSS when started (idle)', mem(r.memory.idle)],
  ['RSS after the checks', mem(r.memory.afterChecks)],
  ['**RSS peak** (sampled every 200 ms from /proc/<pid>/status, and VmHWM)', `**${r.memory.peak} MB**`],
  ['RSS at the end (3 s after the last scenario)', mem(r.memory.final)],
  ['Server exit code after SIGTERM', String(r.serverExit)],
])}
${r.extra}`;
  // The page weight is measured in Chromium by test/e2e/portal.test.ts, not by this run: its section is kept.
  const previous = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const kept = previous.includes(KEPT_SECTION) ? previous.slice(previous.indexOf(KEPT_SECTION)) : '';
  writeFileSync(file, kept ? `${text}${kept}` : text);
}

const KEPT_SECTION = '\n## Page weight of a cold page';
