// Heavy libraries (sharp, pdfkit, exceljs, mammoth: 15–35 MB and up to seconds each) are
// loaded when first used, not at start (ADR 0032): most processes never make a PDF or read
// a spreadsheet, and a reader's page needs none of them. Synchronous, so call sites stay as
// they were; `import type` keeps their types.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function lazyModule<T>(id: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(id) as T);
}
