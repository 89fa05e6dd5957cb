import {
  CompiledQuery,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  SqliteAdapter,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
} from 'kysely';

/**
 * SQLite's plain BEGIN takes the write lock only at the first write, so two writers that both read first
 * deadlock and one fails with SQLITE_BUSY however long the busy timeout. BEGIN IMMEDIATE takes the write
 * lock up front, and the busy timeout then simply queues writers (decision 003).
 */
class ImmediateTransactionSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/**
 * SQLite does run DDL inside transactions, but Kysely's adapter says it does not, so its migrator would
 * run migrations with no transaction and no lock: two processes starting on a new database at once (a
 * service and a `haven migrate`) both applied the first migration and one failed with "table already
 * exists". Saying yes puts the migrator's read of what has run, and every migration after it, in one
 * BEGIN IMMEDIATE transaction: the second process waits for the write lock, then finds nothing to do.
 * A migration that fails also leaves no half-made tables behind.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

export class HavenSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateTransactionSqliteDriver(this.#config);
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}
