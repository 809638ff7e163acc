// The installation's own folder (package.json, bin/, public/, assets/, presets/): found by
// walking up from this module, because the server runs either from src/ (tsx) or from a
// compiled copy under .build/ (ADR 0032), and a path like '../../../x' is right in one only.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

function findProjectRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'trangtin') return dir;
    if (path.dirname(dir) === dir) throw new Error(`trangtin's package.json not found above ${start}`);
  }
}

export const PROJECT_ROOT = findProjectRoot(import.meta.dirname);

/** A path inside the installation's folder. */
export const projectPath = (...parts: string[]): string => path.join(PROJECT_ROOT, ...parts);
