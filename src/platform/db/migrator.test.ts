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

  if (engine.name === 'postgres') {
    test('introspection (used by the migrator) sees only this schema, not another installation sharing the database', async () => {
      const other = `${database.schema}_other`;
      await sql`create schema ${sql.id(other)}`.execute(database.db);
      try {
        await sql`create table ${sql.id(other, 'kysely_migration')} (name text)`.execute(database.db);
        await sql`create table ${sql.id(other, 'stranger')} (id serial primary key)`.execute(database.db);
        const tables = await database.db.introspection.getTables({ withInternalKyselyTables: true });
        assert.ok(tables.some((t) => t.name === 'kysely_migration' && t.schema === database.schema));
        assert.ok(tables.some((t) => t.name === 'sites'));
        assert.deepEqual(tables.filter((t) => t.schema !== database.schema), []);
        assert.deepEqual(await migrateToLatest(database.db), []);
      } finally {
        await sql`drop schema ${sql.id(other)} cascade`.execute(database.db);
      }
    });
  }
});
