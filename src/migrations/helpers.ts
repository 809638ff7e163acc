// Column helpers shared by migrations so both engines get the same schema.
// Migrations are frozen in time: they import nothing from application code.
import { PostgresAdapter, type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely } from 'kysely';

export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** An integer surrogate key: identity on PostgreSQL, rowid alias on SQLite. */
export function withId<T extends string>(db: Kysely<any>, table: CreateTableBuilder<T, any>): CreateTableBuilder<T, any> {
  return table.addColumn('id', 'integer', (col: ColumnDefinitionBuilder) =>
    isPostgres(db) ? col.primaryKey().generatedByDefaultAsIdentity() : col.primaryKey().autoIncrement(),
  );
}

/** created_at / updated_at as ISO-8601 UTC text, written by the application. */
export function withTimestamps<T extends string>(table: CreateTableBuilder<T, any>): CreateTableBuilder<T, any> {
  return table.addColumn('created_at', 'text', (c) => c.notNull()).addColumn('updated_at', 'text', (c) => c.notNull());
}
