// Vietnamese text handling: normalisation, folding, slugs, legacy encodings
// (TCVN3/VNI) and collation. Pure functions, no I/O.

export { isNfc, normalizeDeep, normalizeInput, toNfc } from './normalize.ts';
export { findFolded, fold, foldedTermRegex, foldWithOffsets } from './fold.ts';
export type { FoldedText } from './fold.ts';
export { slugify } from './slug.ts';
export { compareVietnamese } from './collate.ts';
export { convertLegacy, detectLegacyEncoding, encodeLegacy, repairVietnamese } from './legacy.ts';
export type { LegacyEncoding, RepairResult } from './legacy.ts';
