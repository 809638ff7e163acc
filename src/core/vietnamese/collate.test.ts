import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareVietnamese } from './collate.ts';

function sorted(words: readonly string[]): string[] {
  return [...words].reverse().sort(compareVietnamese);
}

test('ICU has the Vietnamese collation', () => {
  assert.deepEqual(Intl.Collator.supportedLocalesOf(['vi']), ['vi']);
});

test('letters follow the Vietnamese alphabet: a ă â … d đ … o ô ơ … u ư', () => {
  const order = ['az', 'ăn', 'âm', 'bé', 'dz', 'đa', 'ez', 'êm', 'oz', 'ôm', 'ơn', 'uz', 'ưa', 'vâng'];
  assert.deepEqual(sorted(order), order);
});

test('tones order: none, huyền, hỏi, ngã, sắc, nặng', () => {
  const order = ['ma', 'mà', 'mả', 'mã', 'má', 'mạ'];
  assert.deepEqual(sorted(order), order);
  assert.deepEqual(sorted(['mạ', 'mã', 'má', 'ma', 'mả', 'mà']), order);
});

test('letters decide before tones', () => {
  const order = ['ba', 'bà', 'bác', 'bạc', 'băm', 'bâm'];
  assert.deepEqual(sorted(order), order);
});

test('names sort in Vietnamese order, case and NFD aside', () => {
  const names = ['Ánh', 'An', 'Bảo', 'Bình', 'Chi', 'Dũng', 'Đức', 'Giang', 'Hà', 'Hải', 'Hạnh', 'Ơn', 'Ông', 'Út', 'Ưng'];
  const expected = ['An', 'Ánh', 'Bảo', 'Bình', 'Chi', 'Dũng', 'Đức', 'Giang', 'Hà', 'Hải', 'Hạnh', 'Ông', 'Ơn', 'Út', 'Ưng'];
  assert.deepEqual(sorted(names), expected);
  assert.equal(compareVietnamese('Hà Nội', 'Hà Nội'.normalize('NFD')), 0);
  assert.ok(compareVietnamese('đà', 'Đà') !== 0);
  assert.ok(compareVietnamese('Đà', 'Dz') > 0);
});

test('multi-word names compare word by word, numbers numerically', () => {
  assert.deepEqual(sorted(['Hàm Yên', 'Hà Nội', 'Hà Giang']), ['Hà Giang', 'Hà Nội', 'Hàm Yên']);
  assert.deepEqual(sorted(['Tổ 10', 'Tổ 2', 'Tổ 1']), ['Tổ 1', 'Tổ 2', 'Tổ 10']);
});
