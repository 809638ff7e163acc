// Real databases for tests: a fresh SQLite file each time, and, when
// TEST_DATABASE_URL is set, a fresh PostgreSQL schema each time.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase, type DatabaseHandle, type Engine } from '../../src/platform/db/database.ts';
import { migrateToLatest } from '../../src/platform/db/migrator.ts';
import type { AuditKeySecret } from '../../src/config.ts';
import { installAuditKeys } from '../../src/modules/audit/keys.ts';

/** The audit key of every test process; child processes (the CLI) get it as AUDIT_KEYS. */
export const TEST_AUDIT_KEYS: readonly AuditKeySecret[] = [{ version: 1, secret: 'test-audit-key-that-is-long-enough-0123456789' }];
export const TEST_AUDIT_KEYS_ENV = TEST_AUDIT_KEYS.map((k) => `${k.version}:${k.secret}`).join(',');

export interface TestDatabase extends DatabaseHandle {
  /** The URL or file the CLI can use to reach the same database. */
  url: string;
  /** PostgreSQL schema, for child processes (search_path). */
  schema: string | null;
  destroy(): Promise<void>;
}

export interface TestEngine {
  name: Engine;
  /** `slowQueryMs`: a tiny value logs every statement (tests that count a page's statements). */
  open(opts?: { migrate?: boolean; slowQueryMs?: number }): Promise<TestDatabase>;
}

function sqliteEngine(): TestEngine {
  return {
    name: 'sqlite',
    async open(opts = {}) {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'trangtin-test-'));
      const file = path.join(dir, 'test.sqlite');
      const handle = openDatabase(file, opts.slowQueryMs ? { slowQueryMs: opts.slowQueryMs } : {});
      if (opts.migrate !== false) await migrateToLatest(handle.db);
      return {
        ...handle,
        url: file,
        schema: null,
        async destroy() {
          await handle.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  };
}

function postgresEngine(url: string): TestEngine {
  return {
    name: 'postgres',
    async open(opts = {}) {
      const schema = `t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`create schema ${schema}`);
      await admin.end();
      const handle = openDatabase(url, { schema, poolSize: 5, ...(opts.slowQueryMs ? { slowQueryMs: opts.slowQueryMs } : {}) });
      // Cheap insurance that the pool's own connection sees the schema before migrating.
      await sql`create schema if not exists ${sql.id(schema)}`.execute(handle.db);
      if (opts.migrate !== false) await migrateToLatest(handle.db);
      return {
        ...handle,
        url,
        schema,
        async destroy() {
          await handle.close();
          const cleanup = new pg.Client({ connectionString: url });
          await cleanup.connect();
          await cleanup.query(`drop schema if exists ${schema} cascade`);
          await cleanup.end();
        },
      };
    },
  };
}

/** SQLite always; PostgreSQL too when TEST_DATABASE_URL is set (CI sets it). */
export function testEngines(): TestEngine[] {
  // Audit rows are signed: every storage test writes them with the test key.
  installAuditKeys({ auditKeys: TEST_AUDIT_KEYS });
  const url = process.env.TEST_DATABASE_URL;
  return url ? [sqliteEngine(), postgresEngine(url)] : [sqliteEngine()];
}

/** Runs the same suite once per engine. */
export function forEachEngine(title: string, suite: (engine: TestEngine) => void): void {
  for (const engine of testEngines()) {
    describe(`${title} [${engine.name}]`, () => suite(engine));
  }
}
