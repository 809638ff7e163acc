// Prepared reads (platform/db/prepared.ts), on both engines: the values of each call reach the
// database in their places, constants of the query stay, a transaction sees its own writes, and a
// query whose shape hides a parameter is refused when first used rather than run with a marker.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { forEachEngine, type TestDatabase } from '../../../test/support/databases.ts';
import { prepared, type Param } from './prepared.ts';

const leaseByName = prepared((db, p: Param<{ name: string; holder: string }>) =>
  db.selectFrom('job_leases').select(['name', 'holder', 'expires_at']).where('name', '=', p('name')).where('holder', '=', p('holder')).where('expires_at', '>', '2000-01-01'),
);
const leasesOf = prepared((db, p: Param<{ holder: string }>) => db.selectFrom('job_leases').select('name').where('holder', '=', p('holder')).orderBy('name'));

forEachEngine('prepared reads', (engine) => {
  let database: TestDatabase;
  before(async () => {
    database = await engine.open();
    await database.db
      .insertInto('job_leases')
      .values([
        { name: 'alpha', holder: 'node-a', expires_at: '2030-01-01T00:00:00.000Z' },
        { name: 'beta', holder: 'node-a', expires_at: '2030-01-01T00:00:00.000Z' },
        { name: 'gamma', holder: 'node-b', expires_at: '1999-01-01T00:00:00.000Z' },
      ])
      .execute();
  });
  after(async () => database.destroy());

  test('each call runs with its own values, the same SQL text every time, and the query’s constants kept', async () => {
    const db = database.db;
    assert.deepEqual(await leaseByName.first(db, { name: 'alpha', holder: 'node-a' }), { name: 'alpha', holder: 'node-a', expires_at: '2030-01-01T00:00:00.000Z' });
    assert.equal(await leaseByName.first(db, { name: 'alpha', holder: 'node-b' }), undefined, 'the second value is used, not the first call’s');
    // The constant (expires_at > 2000) is still applied: gamma expired in 1999.
    assert.equal(await leaseByName.first(db, { name: 'gamma', holder: 'node-b' }), undefined);
    assert.deepEqual(await leasesOf.all(db, { holder: 'node-a' }), [{ name: 'alpha' }, { name: 'beta' }]);
    assert.deepEqual(await leasesOf.all(db, { holder: 'nobody' }), []);
    // A value that looks like SQL is only a value.
    assert.deepEqual(await leasesOf.all(db, { holder: "node-a' or '1'='1" }), []);
  });

  test('inside a transaction it reads the transaction’s own writes', async () => {
    await database.db.transaction().execute(async (trx) => {
      await trx.insertInto('job_leases').values({ name: 'delta', holder: 'node-t', expires_at: '2030-01-01T00:00:00.000Z' }).execute();
      assert.deepEqual(await leasesOf.all(trx, { holder: 'node-t' }), [{ name: 'delta' }]);
    });
  });

  test('a parameter written into the SQL, used inside another value, or left out is refused at first use', async () => {
    const db = database.db;
    const inside = prepared((db, p: Param<{ holder: string }>) => db.selectFrom('job_leases').select('name').where('holder', 'like', `${p('holder')}%`));
    await assert.rejects(inside.all(db, { holder: 'node' }), /used inside another value/);
    const missing = prepared((db, p: Param<{ holder: string; name: string }>) => {
      p('name');
      return db.selectFrom('job_leases').select('name').where('holder', '=', p('holder'));
    });
    await assert.rejects(missing.all(db, { holder: 'node-a', name: 'alpha' }), /parameter name is not in the compiled query/);
    const inText = prepared((db, p: Param<{ column: string }>) => db.selectFrom('job_leases').select(p('column') as 'name'));
    await assert.rejects(inText.all(db, { column: 'name' }), /written into the SQL text/);
  });
});
