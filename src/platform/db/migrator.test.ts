import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { forEachEngine, type TestDatabase } from '../../../test/support/databases.ts';
import { migrateToLatest, migrationStatus } from './migrator.ts';

forEachEngine('migrations', (engine) => {
  let database: TestDatabase;
  before(async () => {
    database = await engine.open({ migrate: false });
  });
  after(async () => database.destroy());

  test('a fresh database is migrated to the latest schema, and again is a no-op', async () => {
    assert.deepEqual((await migrationStatus(database.db)).applied, []);
    const applied = await migrateToLatest(database.db);
    assert.ok(applied.includes('0001_foundation'));
    assert.deepEqual(await migrateToLatest(database.db), []);
    const status = await migrationStatus(database.db);
    assert.deepEqual(status.pending, []);
  });

  test('foreign keys are enforced on both engines', async () => {
    await assert.rejects(
      database.db.insertInto('site_hosts').values({ site_id: 999_999, host: 'nowhere.test', is_primary: 1, created_at: new Date().toISOString() }).execute(),
    );
    if (engine.name === 'sqlite') {
      const { rows } = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(database.db);
      assert.equal(rows[0]?.journal_mode, 'wal');
    }
  });
});
