// PostgreSQL ending a connection the application holds (restart, failover, an administrator's
// pg_terminate_backend) must fail that piece of work, not the whole process.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { testEngines } from '../../../test/support/databases.ts';

const postgres = testEngines().find((e) => e.name === 'postgres');

describe('PostgreSQL connections ended by the server', () => {
  it('a connection ended while checked out fails its transaction; the process and the next query go on', async (t) => {
    if (!postgres) return t.skip('TEST_DATABASE_URL is not set');
    const database = await postgres.open({ migrate: false });
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    try {
      const outcome = database.db.transaction().execute(async (trx) => {
        const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
        // Between two queries of the transaction the connection is checked out and idle.
        await admin.query('select pg_terminate_backend($1)', [rows[0]!.pid]);
        await new Promise((r) => setTimeout(r, 300));
        await sql`select 1`.execute(trx);
      });
      await assert.rejects(outcome);
      assert.deepEqual(uncaught, []);
      const { rows } = await sql<{ n: number }>`select 41 + 1 as n`.execute(database.db);
      assert.equal(Number(rows[0]!.n), 42);
    } finally {
      process.off('uncaughtException', onUncaught);
      await admin.end();
      await database.destroy();
    }
  });
});
