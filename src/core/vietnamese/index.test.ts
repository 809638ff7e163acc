import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as vietnamese from './index.ts';

test('index exports the public API', () => {
  const expected = [
    'compareVietnamese',
    'convertLegacy',
    'detectLegacyEncoding',
    'encodeLegacy',
    'findFolded',
    'fold',
    'foldWithOffsets',
    'foldedTermRegex',
    'isNfc',
    'normalizeDeep',
    'normalizeInput',
    'repairVietnamese',
    'slugify',
    'toNfc',
  ];
  assert.deepEqual(Object.keys(vietnamese).sort(), expected);
  for (const name of expected) assert.equal(typeof (vietnamese as Record<string, unknown>)[name], 'function', name);
});
