import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clientKey } from './client-key.ts';

test('an IPv6 address is cut to its /64: two addresses of one customer are one client', () => {
  assert.equal(clientKey('2001:db8:1:2::1'), '2001:db8:1:2::/64');
  assert.equal(clientKey('2001:db8:1:2:aaaa:bbbb:cccc:dddd'), clientKey('2001:db8:1:2::1'));
  assert.equal(clientKey('2001:DB8:1:2:0:0:0:9'), '2001:db8:1:2::/64');
  assert.equal(clientKey('fe80::1%eth0'), 'fe80:0:0:0::/64');
  assert.notEqual(clientKey('2001:db8:1:3::1'), clientKey('2001:db8:1:2::1'), 'another /64');
  assert.equal(clientKey('::1'), '0:0:0:0::/64');
});

test('an IPv4-mapped address is the IPv4 address', () => {
  assert.equal(clientKey('::ffff:203.0.113.9'), '203.0.113.9');
  assert.equal(clientKey('::FFFF:203.0.113.9'), '203.0.113.9');
  assert.equal(clientKey('::ffff:cb00:7109'), '203.0.113.9');
  assert.equal(clientKey('203.0.113.9'), '203.0.113.9');
  assert.notEqual(clientKey('::ffff:203.0.113.10'), clientKey('203.0.113.9'));
  assert.equal(clientKey(''), '');
});
