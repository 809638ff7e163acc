// Several server processes on one SQLite file (ADR 0036): transactions that read before they write,
// run at the same time from two processes, all commit. With SQLite's default deferred BEGIN the
// second writer's read snapshot cannot be upgraded and fails at once with SQLITE_BUSY (busy_timeout
// does not help there); transactions therefore begin IMMEDIATE, and wait their turn instead.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { sql } from 'kysely';
import { openDatabase } from '../db/database.ts';

const ROUNDS = 1000;

/** The child: ROUNDS transactions that read the counter, then write it back one higher. */
async function writer(file: string, name: string): Promise<void> {
  const database = openDatabase(file);
  // Both start together (tsx takes its time loading), so their transactions overlap.
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(process.env.SQLITE_WRITER_START) - Date.now())));
  let failed = 0;
  let firstError = '';
  for (let i = 0; i < ROUNDS; i++) {
    try {
      await database.db.transaction().execute(async (trx) => {
        const { rows } = await sql<{ n: number }>`select n from counter where id = 1`.execute(trx);
        await new Promise((resolve) => setImmediate(resolve));
        await sql`update counter set n = ${rows[0]!.n + 1} where id = 1`.execute(trx);
        await sql`insert into writes (writer) values (${name})`.execute(trx);
      });
    } catch (error) {
      failed += 1;
      firstError ||= (error as Error).message;
    }
  }
  await database.close();
  process.stdout.write(JSON.stringify({ failed, firstError }));
}

if (process.env.SQLITE_WRITER_FILE) {
  await writer(process.env.SQLITE_WRITER_FILE, process.env.SQLITE_WRITER_NAME ?? '?');
} else {
  test('two processes writing one SQLite file at once: every read-then-write transaction commits, none is lost', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'trangtin-sqlite-writers-')), 'db.sqlite');
    const setup = openDatabase(file);
    await sql`create table counter (id integer primary key, n integer not null)`.execute(setup.db);
    await sql`create table writes (id integer primary key, writer text not null)`.execute(setup.db);
    await sql`insert into counter (id, n) values (1, 0)`.execute(setup.db);
    const start = String(Date.now() + 4000);
    const run = (name: string) =>
      new Promise<{ failed: number; firstError: string }>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', import.meta.filename], { env: { ...process.env, SQLITE_WRITER_FILE: file, SQLITE_WRITER_NAME: name, SQLITE_WRITER_START: start }, stdio: ['ignore', 'pipe', 'inherit'] });
        let out = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as { failed: number; firstError: string }) : reject(new Error(`writer ${name} exited ${code}: ${out}`))));
      });
    const results = await Promise.all([run('A'), run('B')]);
    for (const r of results) assert.equal(r.failed, 0, `failed transactions: ${r.failed}, first: ${r.firstError}`);
    const { rows } = await sql<{ n: number }>`select n from counter where id = 1`.execute(setup.db);
    assert.equal(rows[0]!.n, 2 * ROUNDS, 'no increment lost');
    const { rows: writes } = await sql<{ writer: string; c: number }>`select writer, count(*) as c from writes group by writer order by writer`.execute(setup.db);
    assert.deepEqual(writes.map((w) => [w.writer, Number(w.c)]), [['A', ROUNDS], ['B', ROUNDS]]);
    await setup.close();
  });
}
