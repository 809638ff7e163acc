import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isNfc, normalizeDeep, normalizeInput, toNfc } from './normalize.ts';

const NFD_HANOI = 'Ha\u0300 No\u0323\u0302i';

test('toNfc composes decomposed Vietnamese', () => {
  assert.equal(NFD_HANOI, 'Hà Nội'.normalize('NFD'));
  assert.equal(toNfc(NFD_HANOI), 'Hà Nội');
  assert.equal(toNfc(NFD_HANOI).length, 6);
  assert.equal(toNfc('Vie\u0323\u0302t'), 'Việt'); // marks in either order
  assert.equal(toNfc('Vie\u0302\u0323t'), 'Việt');
});

test('toNfc strips zero-width chars and BOM, keeps the soft hyphen', () => {
  assert.equal(toNfc('\uFEFFQuy\u200Bết\u200C đ\u200Dịnh\u2060'), 'Quyết định');
  assert.equal(toNfc('e\u200B\u0301'), 'é');
  assert.equal(toNfc('Nh\u00AD'), 'Nh\u00AD');
});

test('toNfc turns NBSP into space and line endings into \\n', () => {
  assert.equal(toNfc('Điều\u00A01.\u202FPhạm vi'), 'Điều 1. Phạm vi');
  assert.equal(toNfc('a\r\nb\rc\nd\u2028e\u2029f'), 'a\nb\nc\nd\ne\nf');
});

test('normalizeInput also trims', () => {
  assert.equal(normalizeInput(`  \u00A0${NFD_HANOI}\r\n`), 'Hà Nội');
  assert.equal(normalizeInput(' \u200B '), '');
});

test('isNfc tells composed from decomposed text', () => {
  assert.equal(isNfc('Hà Nội'), true);
  assert.equal(isNfc(NFD_HANOI), false);
  assert.equal(isNfc(''), true);
  assert.equal(isNfc('plain ASCII'), true);
});

test('normalizeDeep normalises every string in a JSON body', () => {
  const body = {
    title: NFD_HANOI,
    count: 3,
    draft: false,
    nothing: null,
    tags: ['Đa\u0300 Na\u0306\u0303ng', 7, { name: 'Hue\u0302\u0301' }],
    ['tie\u0302u đe\u0302\u0300']: 'x\u00A0y',
  };
  assert.deepEqual(normalizeDeep(body), {
    title: 'Hà Nội',
    count: 3,
    draft: false,
    nothing: null,
    tags: ['Đà Nẵng', 7, { name: 'Huế' }],
    'tiêu đề': 'x y',
  });
  assert.equal(body.title, NFD_HANOI, 'the input is not modified');
});

test('normalizeDeep keeps non-plain objects and handles odd keys and cycles', () => {
  const date = new Date(0);
  assert.equal(normalizeDeep({ at: date }).at, date);
  assert.equal(normalizeDeep('Ha\u0300'), 'Hà');
  assert.equal(normalizeDeep(42), 42);
  const parsed = normalizeDeep(JSON.parse('{"__proto__": {"polluted": "Ha\u0300"}}') as Record<string, unknown>);
  assert.equal(Object.getPrototypeOf(parsed), Object.prototype);
  assert.deepEqual(Object.getOwnPropertyDescriptor(parsed, '__proto__')?.value, { polluted: 'Hà' });
  const cyclic: { name: string; self?: unknown } = { name: 'Ha\u0300' };
  cyclic.self = cyclic;
  const copy = normalizeDeep(cyclic);
  assert.equal(copy.name, 'Hà');
  assert.equal(copy.self, copy);
});

test('normalizeDeep walks a value nested 100,000 levels deep without overflowing the stack', () => {
  let deep: unknown = NFD_HANOI;
  for (let i = 0; i < 100_000; i++) deep = i % 2 === 0 ? [deep] : { [NFD_HANOI]: deep };
  let copy = normalizeDeep(deep);
  for (let i = 100_000 - 1; i >= 0; i--) copy = i % 2 === 0 ? (copy as unknown[])[0] : (copy as Record<string, unknown>)['Hà Nội'];
  assert.equal(copy, 'Hà Nội');
});
