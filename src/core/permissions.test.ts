import assert from 'node:assert/strict';
import { test } from 'node:test';
import { authorize, delegatableRoles, delegationActive, ROLE_PERMISSIONS, ROLES, type Grants } from './permissions.ts';

const base: Grants = { userId: 1, platformAdmin: false, ownRoles: [], delegated: [], siteWritable: true, scopes: null };

test('own roles decide, and nobody acts on behalf of anyone', () => {
  const d = authorize({ ...base, ownRoles: ['publisher'] }, 'content.publish');
  assert.deepEqual(d, { allowed: true, onBehalfOfUserId: null, viaRole: 'publisher' });
  assert.equal(authorize({ ...base, ownRoles: ['contributor'] }, 'content.publish').allowed, false);
});

test('a delegated role allows the action on behalf of the delegator', () => {
  const grants: Grants = { ...base, ownRoles: ['deputy'], delegated: [{ role: 'editor_in_chief', fromUserId: 9, delegationId: 3 }] };
  assert.deepEqual(authorize(grants, 'content.urgent_publish'), { allowed: true, onBehalfOfUserId: 9, viaRole: 'editor_in_chief' });
  // Reviewing is the deputy's own right: no on-behalf-of recorded.
  assert.deepEqual(authorize(grants, 'content.review'), { allowed: true, onBehalfOfUserId: null, viaRole: 'deputy' });
});

test('the site administrator does not publish content (separation of duties)', () => {
  assert.equal(authorize({ ...base, ownRoles: ['site_admin'] }, 'content.publish').allowed, false);
  assert.equal(authorize({ ...base, ownRoles: ['site_admin'] }, 'users.manage').allowed, true);
});

test('an archived site refuses content changes but keeps administration', () => {
  const grants: Grants = { ...base, ownRoles: ['editor_in_chief', 'site_admin'], siteWritable: false };
  assert.deepEqual(authorize(grants, 'content.create'), { allowed: false, reason: 'site_read_only' });
  assert.equal(authorize(grants, 'site.settings').allowed, true);
});

test('a token never exceeds its scopes', () => {
  const grants: Grants = { ...base, ownRoles: ['site_admin', 'publisher'], scopes: ['read'] };
  assert.deepEqual(authorize(grants, 'content.publish'), { allowed: false, reason: 'token_scope' });
  assert.equal(authorize(grants, 'backoffice.access').allowed, true);
  assert.equal(authorize({ ...grants, scopes: ['read', 'write'] }, 'users.manage').allowed, false);
  assert.equal(authorize({ ...grants, scopes: ['admin'] }, 'users.manage').allowed, true);
});

test('every role can reach the back office; only listed roles hold each level', () => {
  for (const role of ROLES) assert.ok(ROLE_PERMISSIONS[role].includes('backoffice.access'), role);
});

test('only roles the delegator holds can be delegated', () => {
  assert.deepEqual(delegatableRoles(['editor_in_chief', 'publisher'], ['editor_in_chief']), ['editor_in_chief']);
  assert.deepEqual(delegatableRoles('all', ['deputy', 'unit_head']), ['deputy', 'unit_head']);
});

test('a delegation is active on its dates inclusive, and not once revoked', () => {
  const period = { startsOn: '2026-11-20', endsOn: '2026-11-25', revokedAt: null };
  assert.equal(delegationActive(period, '2026-11-19'), false);
  assert.equal(delegationActive(period, '2026-11-20'), true);
  assert.equal(delegationActive(period, '2026-11-25'), true);
  assert.equal(delegationActive(period, '2026-11-26'), false);
  assert.equal(delegationActive({ ...period, revokedAt: '2026-11-21T01:00:00Z' }, '2026-11-22'), false);
});
