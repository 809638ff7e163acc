import assert from 'node:assert/strict';
import { test } from 'node:test';
import { vndInWords } from './number-words.ts';

test('amounts in words as accountants write them', () => {
  assert.equal(vndInWords(0), 'Không đồng');
  assert.equal(vndInWords(1_000_005), 'Một triệu không trăm linh năm đồng');
  assert.equal(vndInWords(21_000_000), 'Hai mươi mốt triệu đồng');
  assert.equal(vndInWords(1_000_000_000), 'Một tỷ đồng');
  assert.equal(vndInWords(1_200_000), 'Một triệu hai trăm nghìn đồng');
  assert.equal(vndInWords(15), 'Mười lăm đồng');
  assert.equal(vndInWords(24), 'Hai mươi tư đồng');
  assert.equal(vndInWords(105), 'Một trăm linh năm đồng');
  assert.equal(vndInWords(2_015_410), 'Hai triệu không trăm mười lăm nghìn bốn trăm mười đồng');
  assert.equal(vndInWords(632_500), 'Sáu trăm ba mươi hai nghìn năm trăm đồng');
  assert.equal(vndInWords(-50_000), 'Âm năm mươi nghìn đồng');
});
