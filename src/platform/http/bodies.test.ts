// The body parsers on their own: url-encoded forms decode as browsers encode
// them and refuse escapes that are not UTF-8; the JSON depth scan counts only
// brackets outside strings.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MalformedBodyError, nestsDeeperThan, parseUrlEncoded } from './bodies.ts';

test('a url-encoded form: + is a space, repeated names are a list, a name alone is empty, Vietnamese escapes decode', () => {
  const body = parseUrlEncoded(`title=${encodeURIComponent('Hà Nội')}+mùa+thu&tags=a&tags=b&&consent&note=50%&x=%zz`);
  assert.deepEqual({ ...body }, { title: 'Hà Nội mùa thu', tags: ['a', 'b'], consent: '', note: '50%', x: '%zz' });
});

test('a "__proto__" field stays a field and poisons nothing', () => {
  const body = parseUrlEncoded('__proto__=x&constructor=y');
  assert.equal(Object.getPrototypeOf(body), null);
  assert.equal(body.__proto__, 'x');
  assert.equal(({} as Record<string, unknown>).x, undefined);
});

test('escapes that do not spell UTF-8 are refused as invalid_encoding, even beside a stray %', () => {
  for (const bad of ['title=%C3%28', 'title=%FF', 'title=%ED%A0%80', 'title=50%25%+%C3']) {
    assert.throws(() => parseUrlEncoded(bad), (error: unknown) => error instanceof MalformedBodyError && error.code === 'invalid_encoding' && error.statusCode === 400, bad);
  }
});

test('the depth scan counts brackets outside strings only, and stops at the limit', () => {
  assert.equal(nestsDeeperThan('[[["]]]]]]]]", "\\"[[[[["]]]', 3), false);
  assert.equal(nestsDeeperThan('[[[[]]]]', 3), true);
  assert.equal(nestsDeeperThan(`{"a":${'['.repeat(64)}${']'.repeat(64)}}`, 64), true);
  assert.equal(nestsDeeperThan(`{"a":${'['.repeat(63)}${']'.repeat(63)}}`, 64), false);
});
