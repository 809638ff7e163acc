import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_QUERY_TOKENS, parseQuery } from './query.ts';

test('words are folded; exact keeps the diacritics, lower case, whitespace collapsed', () => {
  assert.deepEqual(parseQuery('  Hà   Nội '), { raw: 'Hà   Nội', words: ['ha', 'noi'], phrases: [], exact: 'hà nội' });
  assert.deepEqual(parseQuery('ĐẢNG')?.words, ['dang']);
});

test('NFD input gives the same query as NFC', () => {
  assert.deepEqual(parseQuery('Ha\u0300 No\u0323\u0302i'), parseQuery('Hà Nội'));
});

test('text in straight or curly quotes is a phrase; a one-word phrase is a word', () => {
  const q = parseQuery('"Đảng viên" “hà nội” cải cách "thuế"');
  assert.deepEqual(q?.phrases, [['dang', 'vien'], ['ha', 'noi']]);
  assert.deepEqual(q?.words, ['cai', 'cach', 'thue']);
  assert.equal(q?.exact, 'đảng viên hà nội cải cách thuế');
});

test('an unclosed quote runs to the end of the input', () => {
  assert.deepEqual(parseQuery('thuế "giá trị gia tăng')?.phrases, [['gia', 'tri', 'gia', 'tang']]);
});

test('numbers are words; punctuation separates them', () => {
  assert.deepEqual(parseQuery('42/2022/NĐ-CP')?.words, ['42', '2022', 'nd', 'cp']);
  assert.equal(parseQuery('42/2022')?.exact, '42/2022');
});

test('duplicate words and phrases are dropped', () => {
  const q = parseQuery('Hà hà HA "ha noi" "hà nội"');
  assert.deepEqual(q?.words, ['ha']);
  assert.deepEqual(q?.phrases, [['ha', 'noi']]);
});

test('at most 12 words and phrase words in all; a phrase is cut to what is left', () => {
  const q = parseQuery('a1 a2 a3 a4 a5 a6 a7 a8 a9 a10 "b1 b2 b3" c1 c2');
  assert.deepEqual(q?.words, ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8', 'a9', 'a10']);
  assert.deepEqual(q?.phrases, [['b1', 'b2']]);
  const count = (q?.words.length ?? 0) + (q?.phrases.flat().length ?? 0);
  assert.equal(count, MAX_QUERY_TOKENS);
});

test('no word at all gives null', () => {
  for (const input of ['', '   ', '"', '""', '“ ”', '*', '!!! ---', '\u200B']) assert.equal(parseQuery(input), null, JSON.stringify(input));
});

test('engine syntax in the input is only words', () => {
  assert.deepEqual(parseQuery('NEAR(a b)')?.words, ['near', 'a', 'b']);
  assert.deepEqual(parseQuery('title:x')?.words, ['title', 'x']);
  assert.deepEqual(parseQuery('x* OR -y & !z <-> w')?.words, ['x', 'or', 'y', 'z', 'w']);
  assert.deepEqual(parseQuery("it's a\\b")?.words, ['it', 's', 'a', 'b']);
});

test('very long input is cut, not rejected', () => {
  const q = parseQuery('Hà Nội '.repeat(10_000));
  assert.deepEqual(q?.words, ['ha', 'noi']);
  assert.ok((q?.raw.length ?? 0) <= 500);
  assert.ok((q?.exact.length ?? 0) <= 500);
});
