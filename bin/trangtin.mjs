#!/usr/bin/env node
// The `trangtin` command. It runs the server compiled ahead of time (scripts/build-server.mjs,
// ADR 0032), building it first after a change to the sources; where that cannot be written
// (a read-only installation not built by `npm ci`), or with TRANGTIN_FROM_SOURCE=1, it runs
// the TypeScript sources through tsx as before.
const fromSource = process.env.TRANGTIN_FROM_SOURCE === '1';
let entry = null;
if (!fromSource) {
  try {
    const { serverEntry } = await import('../scripts/build-server.mjs');
    entry = await serverEntry();
  } catch (error) {
    process.emitWarning(`the compiled server could not be prepared (${error instanceof Error ? error.message : String(error)}); running the sources through tsx`);
  }
}
if (entry) {
  const { pathToFileURL } = await import('node:url');
  await import(pathToFileURL(entry).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli.ts');
}
