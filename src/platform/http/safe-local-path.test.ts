// "next" addresses (after sign-in, after a text size or contrast choice) never leave the site.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { safeLocalPath } from './request-info.ts';

test('a path inside the site is kept, with its query', () => {
  assert.equal(safeLocalPath('/bai-viet/khanh-thanh-cau?ban-in=1', '/'), '/bai-viet/khanh-thanh-cau?ban-in=1');
  assert.equal(safeLocalPath('/tim-kiem?q=x%C3%A2y%20d%E1%BB%B1ng', '/'), '/tim-kiem?q=x%C3%A2y%20d%E1%BB%B1ng');
});

test('anything a browser would read as another host falls back', () => {
  for (const bad of ['//evil.example/x', '/\\evil.example', '/\t/evil.example/x', '/\t\\evil.example', '/\n/evil.example', '/\r/evil.example', '/%09/x\u0000', 'https://evil.example/', 'evil.example', '', '/\u007f/evil']) {
    assert.equal(safeLocalPath(bad, '/'), '/', JSON.stringify(bad));
  }
  assert.equal(safeLocalPath(42, '/admin'), '/admin');
});
