import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type DiffPart, diffFields, diffText } from './diff.ts';

const side = (parts: DiffPart[], drop: DiffPart['kind']) =>
  parts.filter((p) => p.kind !== drop).map((p) => p.text).join('');

test('a changed word shows as removed then added, the rest as same', () => {
  assert.deepEqual(diffText('Hội nghị tổng kết năm 2024', 'Hội nghị sơ kết năm 2024'), [
    { kind: 'same', text: 'Hội nghị ' },
    { kind: 'removed', text: 'tổng' },
    { kind: 'added', text: 'sơ' },
    { kind: 'same', text: ' kết năm 2024' },
  ]);
});

test('words with diacritics are whole words: a changed tone mark changes the whole syllable', () => {
  assert.deepEqual(diffText('Nội dung', 'Nổi dung'), [
    { kind: 'removed', text: 'Nội' },
    { kind: 'added', text: 'Nổi' },
    { kind: 'same', text: ' dung' },
  ]);
});

test('NFD and NFC spellings of the same text are equal', () => {
  assert.deepEqual(diffText('Quyết định'.normalize('NFD'), 'Quyết định'), [{ kind: 'same', text: 'Quyết định' }]);
});

test('each side of the diff spells its own text exactly', () => {
  const a = 'Sáng 15/01, UBND tỉnh tổ chức hội nghị tổng kết công tác năm 2024.';
  const b = 'Chiều 16/01, UBND tỉnh Thanh Hóa tổ chức hội nghị sơ kết công tác.';
  const parts = diffText(a, b);
  assert.equal(side(parts, 'added'), a);
  assert.equal(side(parts, 'removed'), b);
  assert.ok(parts.some((p) => p.kind === 'added' && p.text.includes('Thanh Hóa')));
});

test('diffFields compares field by field, missing fields as empty', () => {
  const result = diffFields({ title: 'Tin A', summary: 'Tóm tắt' }, { title: 'Tin B', summary: 'Tóm tắt', author: 'Lan' });
  assert.deepEqual(
    result.map((f) => [f.field, f.changed]),
    [['title', true], ['summary', false], ['author', true]],
  );
  assert.deepEqual(result[2]?.parts, [{ kind: 'added', text: 'Lan' }]);
});

test('two long, entirely different texts still diff within the time limits, each side exact', () => {
  const a = Array.from({ length: 3000 }, (_, i) => `Dòng cũ số ${i} với nội dung riêng ${i * 7}`).join('\n');
  const b = Array.from({ length: 3000 }, (_, i) => `Hàng mới ${i * 13} khác hẳn về chữ ${i}`).join('\n');
  const parts = diffText(a, b);
  assert.equal(side(parts, 'added'), a);
  assert.equal(side(parts, 'removed'), b);
});
