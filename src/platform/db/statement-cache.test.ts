// SQLite keeps its prepared statements (ADR 0032): the same SQL gets the same compiled
// statement, the cache stays bounded, and answers stay right across schema changes,
// transactions and streamed queries.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { StatementCache } from './database.ts';

interface Tables {
  notes: { id: number; body: string };
}

function open(max = 500) {
  const cache = new StatementCache(new SqliteDatabase(':memory:'), max);
  return { cache, db: new Kysely<Tables>({ dialect: new SqliteDialect({ database: cache }) }) };
}

describe('SQLite statement cache', () => {
  it('hands out the same statement for the same SQL and keeps at most its bound', () => {
    const { cache } = open(3);
    const first = cache.prepare('select 1 as n');
    assert.equal(cache.prepare('select 1 as n'), first, 'compiled once, used again');
    const second = cache.prepare('select 2 as n');
    cache.prepare('select 3 as n');
    cache.prepare('select 1 as n'); // used last: stays
    cache.prepare('select 4 as n'); // pushes out the least recently used ("select 2")
    assert.equal(cache.size, 3);
    assert.equal(cache.prepare('select 1 as n'), first);
    assert.deepEqual(cache.prepare('select 4 as n').get(), { n: 4 });
    assert.notEqual(cache.prepare('select 2 as n'), second, 'the one pushed out is compiled anew');
  });

  it('answers right after schema changes, in transactions and while a query streams', async () => {
    const { cache, db } = open();
    await sql`create table notes (id integer primary key, body text not null)`.execute(db);
    await db.insertInto('notes').values({ id: 1, body: 'một' }).execute();
    const all = () => db.selectFrom('notes').selectAll().orderBy('id').execute();
    assert.deepEqual(await all(), [{ id: 1, body: 'một' }]);
    // A column added after the statement was compiled shows in its next answer.
    await sql`alter table notes add column tag text`.execute(db);
    assert.deepEqual(await all(), [{ id: 1, body: 'một', tag: null }]);
    // A table dropped and made again with other columns: the same SQL text, recompiled.
    await sql`drop table notes`.execute(db);
    await sql`create table notes (id integer primary key, body text not null, lang text default 'vi')`.execute(db);
    assert.deepEqual(await all(), []);
    // A rolled back transaction leaves nothing; a committed one stays.
    await assert.rejects(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('notes').values({ id: 2, body: 'hai' }).execute();
        throw new Error('undo');
      }),
    );
    await db.transaction().execute((trx) => trx.insertInto('notes').values({ id: 3, body: 'ba' }).execute());
    await db.insertInto('notes').values({ id: 4, body: 'bốn' }).execute();
    assert.deepEqual(await all(), [
      { id: 3, body: 'ba', lang: 'vi' },
      { id: 4, body: 'bốn', lang: 'vi' },
    ]);
    // While a select streams, its statement is busy: the same SQL meanwhile gets a fresh statement, not "busy" errors.
    const query = db.selectFrom('notes').selectAll().orderBy('id');
    const seen: number[] = [];
    for await (const row of query.stream()) {
      seen.push(row.id);
      assert.equal((cache.prepare(query.compile().sql).all() as unknown[]).length, 2);
    }
    assert.deepEqual(seen, [3, 4]);
    await db.destroy();
  });
});
