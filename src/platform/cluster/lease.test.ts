// Leases on timed work, on both engines: two contenders, one holder; renewal
// by the holder; takeover only after expiry; runEvery with two "nodes" runs the
// work on one of them only.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { forEachEngine, type TestDatabase } from '../../../test/support/databases.ts';
import type { Clock } from '../../core/time.ts';
import { runEvery, stopJobLeases } from '../interval-job.ts';
import { leaseHolder, releaseLease, takeLease } from './lease.ts';

class ManualClock implements Clock {
  constructor(public at: number) {}
  now() {
    return new Date(this.at);
  }
}

forEachEngine('job leases', (engine) => {
  let database: TestDatabase;
  before(async () => {
    database = await engine.open();
  });
  after(async () => database.destroy());

  test('two contenders at once: exactly one holds the lease, the other is refused until it expires', async () => {
    const clock = new ManualClock(Date.parse('2026-12-07T03:00:00Z'));
    const results = await Promise.all([
      takeLease(database.db, 'digest', 60_000, { holder: 'node-a', clock }),
      takeLease(database.db, 'digest', 60_000, { holder: 'node-b', clock }),
    ]);
    assert.deepEqual(results.filter(Boolean).length, 1, `one winner, got ${JSON.stringify(results)}`);
    const winner = results[0] ? 'node-a' : 'node-b';
    const loser = winner === 'node-a' ? 'node-b' : 'node-a';
    assert.equal(await leaseHolder(database.db, 'digest', clock), winner);

    // The holder renews; the other is still refused just before expiry.
    clock.at += 30_000;
    assert.equal(await takeLease(database.db, 'digest', 60_000, { holder: winner, clock }), true);
    clock.at += 59_000;
    assert.equal(await takeLease(database.db, 'digest', 60_000, { holder: loser, clock }), false);
    assert.equal(await leaseHolder(database.db, 'digest', clock), winner);

    // The holder dies (no more renewals): once expired, the other takes over, and the old holder is refused.
    clock.at += 1_000;
    assert.equal(await takeLease(database.db, 'digest', 60_000, { holder: loser, clock }), true);
    assert.equal(await takeLease(database.db, 'digest', 60_000, { holder: winner, clock }), false);
    assert.equal(await leaseHolder(database.db, 'digest', clock), loser);

    // Given back: taken at once by the other, no wait for expiry.
    await releaseLease(database.db, 'digest', { holder: loser, clock });
    assert.equal(await takeLease(database.db, 'digest', 60_000, { holder: winner, clock }), true);
    // Other job names are independent.
    assert.equal(await takeLease(database.db, 'retention', 60_000, { holder: loser, clock }), true);
  });

  test('many contenders racing on a fresh lease: one winner', async () => {
    const clock = new ManualClock(Date.parse('2026-12-07T03:00:00Z'));
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => takeLease(database.db, 'race', 10_000, { holder: `node-${i}`, clock })));
    assert.equal(results.filter(Boolean).length, 1);
  });

  test('runEvery on two nodes: the work runs on the lease holder only, never on both', async () => {
    const runs: string[] = [];
    const stops = ['node-x', 'node-y'].map((holder) =>
      runEvery(
        40,
        async () => {
          runs.push(holder);
        },
        (error) => assert.fail(error),
        { db: database.db, name: 'two-nodes', holder },
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.ok(await leaseHolder(database.db, 'two-nodes'), 'held while running');
    await stopJobLeases();
    for (const stop of stops) stop();
    assert.ok(runs.length >= 3, `the job ran (${runs.length} times)`);
    assert.equal(new Set(runs).size, 1, `one node ran it: ${[...new Set(runs)].join(', ')}`);
    assert.equal(await leaseHolder(database.db, 'two-nodes'), null, 'given back when the server stops');
  });

  test('a job waiting for a lease another node holds is stopped too: it does not take the lease given back after the server stopped', async () => {
    const runs: number[] = [];
    assert.equal(await takeLease(database.db, 'waiting-job', 60_000, { holder: 'node-other' }), true);
    const stop = runEvery(
      20,
      async () => {
        runs.push(Date.now());
      },
      (error) => assert.fail(error),
      { db: database.db, name: 'waiting-job', holder: 'node-waiting' },
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(runs.length, 0, 'refused while the other node holds it');
    await stopJobLeases();
    // The other node gives the lease back; this process has stopped, so nothing here takes it.
    await releaseLease(database.db, 'waiting-job', { holder: 'node-other' });
    await new Promise((resolve) => setTimeout(resolve, 150));
    assert.equal(runs.length, 0, 'no run after the server stopped');
    assert.equal(await leaseHolder(database.db, 'waiting-job'), null, 'nobody took it');
    stop();
  });

  test('stopping waits for the running tick before giving the lease back, so no other node runs the job alongside it', async () => {
    let finish!: () => void;
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const stop = runEvery(
      60_000,
      () => {
        started();
        return new Promise<void>((resolve) => (finish = resolve));
      },
      (error) => assert.fail(error),
      { db: database.db, name: 'stop-waits', holder: 'node-s' },
    );
    await running;
    let stoppedAt = 0;
    const stopping = stopJobLeases().then(() => (stoppedAt = Date.now()));
    await new Promise((resolve) => setTimeout(resolve, 150));
    assert.equal(stoppedAt, 0, 'still waiting for the tick');
    assert.equal(await leaseHolder(database.db, 'stop-waits'), 'node-s', 'the lease is kept while the tick runs');
    assert.equal(await takeLease(database.db, 'stop-waits', 60_000, { holder: 'node-t' }), false, 'another node cannot take it');
    finish();
    await stopping;
    assert.equal(await leaseHolder(database.db, 'stop-waits'), null, 'given back once the tick ended');
    stop();
  });

  test('a tick that outlasts the wait keeps its lease (it expires); stopping does not hang', async () => {
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    runEvery(
      60_000,
      () => {
        started();
        return new Promise<void>(() => {});
      },
      (error) => assert.fail(error),
      { db: database.db, name: 'stop-bounded', holder: 'node-u', stopWaitMs: 100 },
    );
    await running;
    const before = Date.now();
    await stopJobLeases();
    assert.ok(Date.now() - before < 2_000, 'bounded');
    assert.equal(await leaseHolder(database.db, 'stop-bounded'), 'node-u', 'not given back while its work may still run');
    await releaseLease(database.db, 'stop-bounded', { holder: 'node-u' });
  });

  test('a renewal refused marks the tick: stillHolding() turns false and later steps are skipped', async () => {
    const steps: string[] = [];
    const errors: string[] = [];
    let done!: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve));
    const stop = runEvery(
      60_000,
      async (tick) => {
        steps.push('first');
        // This node stalls past its lease; another node takes the lease over meanwhile.
        await database.db.updateTable('job_leases').set({ holder: 'node-w', expires_at: new Date(Date.now() + 60_000).toISOString() }).where('name', '=', 'renew-lost').execute();
        await new Promise((resolve) => setTimeout(resolve, 300));
        if (tick.stillHolding()) steps.push('second');
        done();
      },
      (error) => errors.push(error.message),
      { db: database.db, name: 'renew-lost', holder: 'node-v', renewEveryMs: 50 },
    );
    await finished;
    assert.deepEqual(steps, ['first'], 'the step after the lease was lost did not run');
    assert.ok(errors.some((m) => /lease renew-lost lost/.test(m)), errors.join('; '));
    stop();
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(await leaseHolder(database.db, 'renew-lost'), 'node-w', 'stopping does not give back a lease another node holds');
  });
});
