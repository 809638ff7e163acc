import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fold } from './fold.ts';

test('fold removes tones, marks and case', () => {
  assert.equal(fold('Hà Nội'), 'ha noi');
  assert.equal(fold('ĐẮK LẮK'), 'dak lak');
  assert.equal(fold('Thừa Thiên Huế'), 'thua thien hue');
  assert.equal(fold('NGƯỜI ƠI'), 'nguoi oi');
  assert.equal(fold('Ố Ồ Ổ Ỗ Ộ ố'), 'o o o o o o');
  assert.equal(fold('ăâêôơư ĂÂÊÔƠƯ'), 'aaeoou aaeoou');
});

test('fold maps đ and Đ (and the look-alike Ð) to d', () => {
  assert.equal(fold('đường Điện Biên'), 'duong dien bien');
  assert.equal(fold('ÐIỀU'), 'dieu'); // U+00D0, typed for Đ by old fonts
});

test('fold gives the same key for NFD and NFC input', () => {
  for (const text of ['Hà Nội', 'ĐẮK LẮK', 'Quyết định', 'Khuỷu tay']) {
    assert.equal(fold(text.normalize('NFD')), fold(text));
  }
  assert.equal(fold('Vie\u0302\u0323t Nam'), 'viet nam');
});

test('fold collapses and trims whitespace, including NBSP and line breaks', () => {
  assert.equal(fold('  Hà\u00A0\u00A0Nội \r\n Việt\tNam  '), 'ha noi viet nam');
  assert.equal(fold(''), '');
});

test('fold leaves digits and punctuation alone', () => {
  assert.equal(fold('Số 42/2022/NĐ-CP'), 'so 42/2022/nd-cp');
});
