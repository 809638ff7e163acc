import assert from 'node:assert/strict';
import { test } from 'node:test';
import { foldedWords, indexedFields, MAX_WORD_LENGTH, searchTokens } from './words.ts';

test('foldedWords folds diacritics and đ, and leaves only [a-z0-9] words separated by one space', () => {
  assert.equal(foldedWords('Hà Nội'), 'ha noi');
  assert.equal(foldedWords('Đảng bộ, đảng viên!'), 'dang bo dang vien');
  assert.equal(foldedWords('Quyết định số 42/2022/NĐ-CP'), 'quyet dinh so 42 2022 nd cp');
  assert.equal(foldedWords('  «Thủ đô» — “Hà\u00A0Nội”…  '), 'thu do ha noi');
  assert.equal(foldedWords('Ha\u0300 No\u0323\u0302i'), 'ha noi', 'NFD input folds the same');
  assert.equal(foldedWords('e-mail: a.b@c.vn'), 'e mail a b c vn');
  assert.equal(foldedWords('中文 ...'), '', 'letters that do not fold to ASCII are separators');
});

test('searchTokens splits "12e3abc" as PostgreSQL does and cuts long words', () => {
  assert.deepEqual(searchTokens('12e3abc 1e5 a1b2 007'), ['12e3', 'abc', '1e5', 'a1b2', '007']);
  const long = 'x'.repeat(100);
  assert.deepEqual(searchTokens(`a ${long} b`), ['a', 'x'.repeat(MAX_WORD_LENGTH), 'b']);
});

test('indexedFields stops a field where PostgreSQL would drop positions', () => {
  const { foldedTitle, foldedBody } = indexedFields('Và và', `${'và cua '.repeat(300)}tail`);
  assert.equal(foldedTitle, 'va va');
  const body = foldedBody.split(' ');
  assert.equal(body.filter((w) => w === 'va').length, 253, '255 occurrences in title and body together');
  assert.ok(!body.includes('tail'), 'nothing after the cut');
  assert.equal(body.at(-1), 'cua');
});

test('indexedFields keeps ordinary documents whole', () => {
  const { foldedTitle, foldedBody } = indexedFields('Hà Nội', 'Tóm tắt\nNội dung bài viết.');
  assert.equal(foldedTitle, 'ha noi');
  assert.equal(foldedBody, 'tom tat noi dung bai viet');
});
