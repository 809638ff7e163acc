// SQLite transactions that begin IMMEDIATE (ADR 0036). With several server processes on one file,
// a deferred transaction that reads and then writes fails at once with SQLITE_BUSY when another
// process committed since its read (its snapshot cannot become a write; busy_timeout is not
// consulted). Taking the write lock at BEGIN makes it wait its turn (busy_timeout) instead.
import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver } from 'kysely';

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

export class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly settings: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(settings);
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.settings);
  }
}
