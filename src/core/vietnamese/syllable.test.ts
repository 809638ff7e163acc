import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isVietnameseSyllable } from './syllable.ts';

test('common Vietnamese syllables are accepted in any case', () => {
  const words = [
    'các', 'ngày', 'nghiêng', 'người', 'được', 'quyết', 'quốc', 'giữ', 'gì', 'giếng', 'khuỷu',
    'huỳnh', 'thuở', 'xoong', 'tuyên', 'khuya', 'rượu', 'ĐIỀU', 'Thanh', 'Hóa', 'y', 'ở', 'ủy', 'Uỷ',
  ];
  for (const word of words) assert.equal(isVietnameseSyllable(word), true, word);
  for (const word of words) assert.equal(isVietnameseSyllable(word.normalize('NFD')), true, `${word} (NFD)`);
});

test('non-syllables, mojibake and foreign words are rejected', () => {
  const words = ['c¸c', 'ngµy', 'Haø', 'café', 'naïve', 'Néi', 'hoàng ', 'đắk', 'trùc', 'cac', 'Xtiêng', 'ĩá', 'world', 'ñy', 'Ña', ''];
  for (const word of words) assert.equal(isVietnameseSyllable(word), false, word);
});

test('rhymes ending in c, ch, p, t take only the sắc or nặng tone', () => {
  assert.equal(isVietnameseSyllable('bác'), true);
  assert.equal(isVietnameseSyllable('bạc'), true);
  assert.equal(isVietnameseSyllable('bàc'), false);
  assert.equal(isVietnameseSyllable('sách'), true);
  assert.equal(isVietnameseSyllable('sãch'), false);
});
