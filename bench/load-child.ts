// The autocannon fallback of bench/wrk.ts, in a process of its own so that the
// load generator does not share the bench's (or the server's) event loop.
// Argument: JSON { spec: GenSpec, offset }. Prints `LOADJSON {…}`.
import { readFileSync } from 'node:fs';
import { runLoad } from './load.ts';
import type { GenSpec } from './wrk.ts';

const { spec, offset } = JSON.parse(process.argv[2] ?? '{}') as { spec: GenSpec; offset: number };
const t = spec.target;
let issued = 0;
let next: string | (() => string);
if (t.kind === 'fixed') next = t.path;
else if (t.kind === 'list') {
  const paths = readFileSync(t.file, 'utf8').split('\n').filter(Boolean);
  next = () => {
    const i = offset + issued++;
    const pass = Math.floor(i / paths.length);
    return `${paths[i % paths.length]}${pass > 0 ? `?n=${pass}` : ''}`;
  };
} else {
  const sep = t.path.includes('?') ? '&' : '?';
  next = () => `${t.path}${sep}n=${offset}-${++issued}`;
}
const result = await runLoad({ base: spec.base, connections: spec.connections, warmup: spec.warmup, duration: spec.duration, path: next, ...(spec.host ? { host: spec.host } : {}) }, null);
console.log(`LOADJSON ${JSON.stringify({ ...result, issued: t.kind === 'counter' ? 1 : issued })}`);
