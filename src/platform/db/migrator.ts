// Applies the project's migrations (at start and by `trangtin migrate`).
import { Migrator, sql, type MigrationResult } from 'kysely';
import { migrations } from '../../migrations/index.ts';
import { engineOf, type Db } from './database.ts';

/**
 * On PostgreSQL the migration bookkeeping lives in the current schema, named
 * explicitly: Kysely otherwise looks for its tables in every schema and is
 * misled by another installation (or test run) sharing the database.
 */
async function migrator(db: Db): Promise<Migrator> {
  let migrationTableSchema: string | undefined;
  if (engineOf(db) === 'postgres') {
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
    migrationTableSchema = rows[0]?.schema;
  }
  return new Migrator({ db, provider: { getMigrations: async () => migrations }, ...(migrationTableSchema ? { migrationTableSchema } : {}) });
}

export class MigrationError extends Error {
  constructor(message: string, readonly results: MigrationResult[] | undefined, options?: ErrorOptions) {
    super(message, options);
    this.name = 'MigrationError';
  }
}

/** Bring the schema up to date; returns the names applied now. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const { error, results } = await (await migrator(db)).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new MigrationError(`Migration ${failed} failed: ${(error as Error).message ?? error}`, results, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export interface MigrationStatus {
  applied: string[];
  pending: string[];
}

export async function migrationStatus(db: Db): Promise<MigrationStatus> {
  const all = await (await migrator(db)).getMigrations();
  return {
    applied: all.filter((m) => m.executedAt !== undefined).map((m) => m.name),
    pending: all.filter((m) => m.executedAt === undefined).map((m) => m.name),
  };
}
