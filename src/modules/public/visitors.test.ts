// The "now" figure of the visitor counter: distinct visitors of the last five minutes, told
// apart by a salted hash (never stored) that must not merge different visitors.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Db } from '../../platform/db/database.ts';
import { VisitorCounter, visitorHash } from './visitors.ts';

// counts() reads stored totals once; an empty table is enough here.
const emptyDb = { selectFrom: () => ({ select: () => ({ where: () => ({ execute: async () => [] }) }) }) } as unknown as Db;

test('20,000 distinct visitors count as 20,000; the same visitor again counts once', async () => {
  let now = new Date('2026-12-07T03:00:00Z');
  const counter = new VisitorCounter(() => now);
  for (let i = 0; i < 20_000; i++) counter.hit(1, `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, 'Mozilla/5.0');
  counter.hit(1, '10.0.0.1', 'Mozilla/5.0');
  counter.hit(1, '10.0.0.1', 'Other browser');
  const counts = await counter.counts(emptyDb, 1);
  assert.equal(counts.now, 20_001);
  assert.equal(counts.today, 20_002);
  // Five minutes later nobody is "now" any more.
  now = new Date(now.getTime() + 6 * 60_000);
  assert.equal((await counter.counts(emptyDb, 1)).now, 0);
});

test('the hash tells apart texts that differ in one character', () => {
  assert.notEqual(visitorHash('salt|1.2.3.4|ua'), visitorHash('salt|1.2.3.5|ua'));
  assert.notEqual(visitorHash('salt|1.2.3.4|ua'), visitorHash('tlas|1.2.3.4|ua'));
  assert.equal(visitorHash('salt|1.2.3.4|ua'), visitorHash('salt|1.2.3.4|ua'));
  assert.ok(Number.isSafeInteger(visitorHash('x'.repeat(500))));
});
