// Real documents from /work/shared/seeds: one line of file 003 is TCVN3
// mojibake, every other line of the five files is Unicode Vietnamese.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { convertLegacy, detectLegacyEncoding, repairVietnamese } from './legacy.ts';
import { toNfc } from './normalize.ts';

const SEEDS = '/work/shared/seeds';
const LEGACY_FILE = '003_f6d39295c916973a.txt';
const LEGACY_LINE = 16;
const REPAIRED =
  'Căn cứ công văn số 5724/UBND - CNTT ngày 29/8/2011 của UBND tỉnh Thanh Hóa về việc hoạt động ' +
  'của các trang thông tin điện tử, các dịch vụ công trực tuyến;';

const skip = existsSync(SEEDS) ? false : `seed directory ${SEEDS} not found`;

function seedLines(): { file: string; line: number; text: string }[] {
  return readdirSync(SEEDS)
    .filter((file) => file.endsWith('.txt'))
    .sort()
    .flatMap((file) =>
      readFileSync(join(SEEDS, file), 'utf8')
        .split('\n')
        .map((text, i) => ({ file, line: i + 1, text })),
    );
}

test('only the TCVN3 line of the seeds is flagged, and it reads correctly', { skip }, () => {
  const lines = seedLines();
  assert.ok(lines.length > 1000, 'expected the five seed files');
  const flagged = lines.filter(({ text }) => detectLegacyEncoding(text) !== null);
  assert.deepEqual(
    flagged.map(({ file, line }) => ({ file, line })),
    [{ file: LEGACY_FILE, line: LEGACY_LINE }],
  );
  const legacy = flagged[0];
  assert.ok(legacy);
  assert.equal(detectLegacyEncoding(legacy.text), 'tcvn3');
  assert.equal(convertLegacy(legacy.text, 'tcvn3'), REPAIRED);
});

test('no seed file as a whole is flagged', { skip }, () => {
  for (const file of readdirSync(SEEDS).filter((f) => f.endsWith('.txt'))) {
    assert.equal(detectLegacyEncoding(readFileSync(join(SEEDS, file), 'utf8')), null, file);
  }
});

test('repairing seed 003 changes that line only', { skip }, () => {
  const original = readFileSync(join(SEEDS, LEGACY_FILE), 'utf8');
  const { text, converted } = repairVietnamese(original);
  assert.equal(converted, 'tcvn3');
  const before = toNfc(original).split('\n');
  const after = text.split('\n');
  assert.equal(after.length, before.length);
  after.forEach((line, i) => {
    assert.equal(line, i === LEGACY_LINE - 1 ? REPAIRED : before[i], `line ${i + 1}`);
  });
});
