// One query layer over two engines: embedded SQLite (better-sqlite3) for one
// machine, PostgreSQL (pg) for a province running several nodes.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresAdapter, sql, type KyselyConfig, type LogEvent } from 'kysely';
import { slowQueries } from '../metrics.ts';
import pg from 'pg';
import { isPostgresUrl } from '../../config.ts';
import { SchemaScopedPostgresDialect } from './introspector.ts';
import { ImmediateSqliteDialect } from './sqlite-immediate.ts';
import type { Database } from './schema.ts';

export type Engine = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;

export interface DatabaseHandle {
  readonly db: Db;
  readonly engine: Engine;
  /** A description without credentials, safe for logs. */
  readonly description: string;
  /** PostgreSQL only: how to open a connection of its own on the same database and schema (LISTEN, ADR 0026). */
  readonly clientConfig?: pg.ClientConfig;
  close(): Promise<void>;
  /** PostgreSQL only: the pool's connections (metrics, /healthz details). */
  poolStats?(): { total: number; idle: number; waiting: number };
}

export interface OpenOptions {
  /** PostgreSQL only: run in this schema (tests use one schema per run). */
  schema?: string;
  /** PostgreSQL pool size. */
  poolSize?: number;
  /** Queries slower than this many milliseconds are logged (SQL text only, never parameters). */
  slowQueryMs?: number;
}

export interface SlowQuery {
  durationMs: number;
  sql: string;
}

let slowQueryLog: (query: SlowQuery) => void = (q) => console.warn(JSON.stringify({ msg: 'slow query', ...q }));

/** Where slow queries go (the app's logger once it exists). */
export function setSlowQueryLog(log: (query: SlowQuery) => void): void {
  slowQueryLog = log;
}

/**
 * Kysely's log option for slow queries: the duration and the SQL text with its
 * placeholders, never the parameters (they may hold citizens' personal data).
 */
export function slowQueryLogger(thresholdMs: number | undefined): Pick<KyselyConfig, 'log'> {
  if (thresholdMs === undefined || thresholdMs <= 0) return {};
  return {
    log(event: LogEvent) {
      if (event.level !== 'query' || event.queryDurationMillis < thresholdMs) return;
      slowQueries.inc();
      slowQueryLog({ durationMs: Math.round(event.queryDurationMillis), sql: event.query.sql.slice(0, 2000) });
    },
  };
}

// bigint (count(*), sums) arrives as a string from pg; our counts fit in a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export function openDatabase(url: string, options: OpenOptions = {}): DatabaseHandle {
  return isPostgresUrl(url) ? openPostgres(url, options) : openSqlite(url, options);
}

function openSqlite(file: string, options: OpenOptions = {}): DatabaseHandle {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: new StatementCache(sqlite) }), ...slowQueryLogger(options.slowQueryMs) });
  return {
    db,
    engine: 'sqlite',
    description: `sqlite:${file}`,
    close: () => db.destroy(),
  };
}

/** How many prepared statements a SQLite connection keeps (the application has a few hundred distinct queries). */
export const STATEMENT_CACHE_SIZE = 500;

/**
 * The database object Kysely's SQLite driver sees: prepare() hands back the statement
 * already compiled for the same SQL text (least recently used goes beyond `max`).
 * Kysely asked better-sqlite3 to compile every statement anew on every query, a fifth
 * of the CPU of an uncached page (issue 18, ADR 0032). Safe because the driver runs one
 * query at a time on its single connection and uses a statement synchronously (all/run);
 * a streamed query (iterate) keeps its statement busy until the stream ends, so a busy
 * statement is never handed out again: the same SQL meanwhile gets a fresh one. SQLite
 * itself recompiles a statement whose tables changed (sqlite3_prepare_v2, SQLITE_SCHEMA).
 */
export class StatementCache {
  private readonly statements = new Map<string, SqliteDatabase.Statement>();
  constructor(
    private readonly sqlite: SqliteDatabase.Database,
    private readonly max = STATEMENT_CACHE_SIZE,
  ) {}

  prepare(sql: string): SqliteDatabase.Statement {
    const known = this.statements.get(sql);
    if (known) {
      if (known.busy) return this.sqlite.prepare(sql);
      // Least recently used goes first: re-insert on use.
      this.statements.delete(sql);
      this.statements.set(sql, known);
      return known;
    }
    const statement = this.sqlite.prepare(sql);
    this.statements.set(sql, statement);
    if (this.statements.size > this.max) this.statements.delete(this.statements.keys().next().value!);
    return statement;
  }

  get size(): number {
    return this.statements.size;
  }

  close(): void {
    this.statements.clear();
    this.sqlite.close();
  }
}

function openPostgres(url: string, options: OpenOptions): DatabaseHandle {
  const schema = options.schema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) {
    throw new Error(`Invalid PostgreSQL schema name: ${schema}`);
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle connection the server closes (restart, failover) is dropped by the pool and
  // replaced on next use; without a listener its 'error' event would end the process.
  pool.on('error', () => {});
  // The pool listens only while a connection is idle: one the server ends while it is checked out
  // (inside a transaction, between two queries) would raise an unhandled 'error' and end the process
  // (seen with PostgreSQL restarted under load, bench/FAULTS.md). Its work fails with an error instead,
  // and the pool discards the connection when it is released.
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<Database>({ dialect: new SchemaScopedPostgresDialect({ pool }), ...slowQueryLogger(options.slowQueryMs) });
  const parsed = new URL(url);
  return {
    db,
    engine: 'postgres',
    description: `postgres://${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}${schema ? `#${schema}` : ''}`,
    clientConfig: { connectionString: url, ...(schema ? { options: `-c search_path=${schema}` } : {}) },
    close: () => db.destroy(),
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
  };
}

/** Which engine a Kysely instance (or a transaction of it) talks to. */
export function engineOf(db: Kysely<Database>): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

export async function ping(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}

/**
 * Runs `work` in the caller's transaction when `db` already is one (so that a
 * batch or a push commits all or nothing), else in a transaction of its own.
 */
export function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/**
 * Effects (mail, notices, cache invalidation) that use cases running inside a
 * caller's transaction hand over instead of running them before the commit;
 * the caller runs them once committed, on the database itself (`db`).
 */
export class AfterCommit {
  private readonly effects: (() => Promise<void>)[] = [];
  constructor(readonly db: Db) {}
  add(effect: () => Promise<void>): void {
    this.effects.push(effect);
  }
  async run(): Promise<void> {
    for (const effect of this.effects.splice(0)) await effect();
  }
}
