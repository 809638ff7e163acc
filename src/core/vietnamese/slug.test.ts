import assert from 'node:assert/strict';
import { test } from 'node:test';
import { slugify } from './slug.ts';

test('slugify makes readable ASCII slugs from Vietnamese titles', () => {
  assert.equal(
    slugify('Quyết định số 42/2022/NĐ-CP về Cổng thông tin'),
    'quyet-dinh-so-42-2022-nd-cp-ve-cong-thong-tin',
  );
  assert.equal(slugify('ĐẮK LẮK: Hội nghị tổng kết năm 2023!'), 'dak-lak-hoi-nghi-tong-ket-nam-2023');
  assert.equal(slugify('  --Ủy ban nhân dân--  '), 'uy-ban-nhan-dan');
  assert.equal(slugify('Thông báo'.normalize('NFD')), 'thong-bao');
});

test('slugify returns "" when nothing usable is left', () => {
  assert.equal(slugify(''), '');
  assert.equal(slugify('!!! — ???'), '');
  assert.equal(slugify('中文'), '');
});

test('slugify cuts at a word boundary within maxLength', () => {
  const title = 'Kế hoạch tổ chức các hoạt động kỷ niệm ngày thành lập huyện';
  assert.equal(slugify(title, 20), 'ke-hoach-to-chuc-cac'); // exactly 20, next char is '-'
  assert.equal(slugify(title, 22), 'ke-hoach-to-chuc-cac');
  assert.equal(slugify(title, 19), 'ke-hoach-to-chuc');
  assert.ok(slugify(title).length <= 80);
  assert.equal(slugify(title), 'ke-hoach-to-chuc-cac-hoat-dong-ky-niem-ngay-thanh-lap-huyen');
});

test('slugify cuts a single overlong word hard, and respects tiny limits', () => {
  assert.equal(slugify('Nghiêngnghiêngnghiêng', 10), 'nghiengngh');
  assert.equal(slugify('Hà Nội', 0), '');
  assert.equal(slugify('Hà Nội', 2), 'ha');
  assert.equal(slugify('Hà Nội', 3), 'ha');
});

test('the default maxLength is 80', () => {
  const long = Array.from({ length: 30 }, () => 'Việt').join(' ');
  const slug = slugify(long);
  assert.ok(slug.length <= 80 && slug.length > 70, String(slug.length));
  assert.ok(!slug.endsWith('-'));
  assert.ok(slug.split('-').every((word) => word === 'viet'));
});
