import type { SqlDatabase } from '@starter/contracts';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import { SqlDatabaseConnection } from './sql-database-connection.js';

/** A Kysely driver whose connections are leases from a `SqlDatabase`, so PGlite and `pg` behave alike. */
export class SqlDatabaseDriver implements Driver {
  readonly #database: SqlDatabase;

  constructor(database: SqlDatabase) {
    this.#database = database;
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return new SqlDatabaseConnection(await this.#database.acquire());
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    let sql = 'begin';
    if (settings.isolationLevel || settings.accessMode) {
      sql = 'start transaction';
      if (settings.isolationLevel) sql += ` isolation level ${settings.isolationLevel}`;
      if (settings.accessMode) sql += ` ${settings.accessMode}`;
    }
    await connection.executeQuery(CompiledQuery.raw(sql));
  }

  // Both adapters throw `25P02` when COMMIT comes back as ROLLBACK, so an aborted transaction surfaces here.
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async savepoint(connection: DatabaseConnection, savepointName: string): Promise<void> {
    await runSavepointCommand(connection, 'savepoint', savepointName);
  }

  async rollbackToSavepoint(connection: DatabaseConnection, savepointName: string): Promise<void> {
    await runSavepointCommand(connection, 'rollback to', savepointName);
  }

  async releaseSavepoint(connection: DatabaseConnection, savepointName: string): Promise<void> {
    await runSavepointCommand(connection, 'release', savepointName);
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    (connection as SqlDatabaseConnection).lease.release();
  }

  // The SqlDatabase belongs to whoever created it; destroying a Kysely view must not close it.
  async destroy(): Promise<void> {}
}

async function runSavepointCommand(
  connection: DatabaseConnection,
  command: 'savepoint' | 'rollback to' | 'release',
  savepointName: string,
): Promise<QueryResult<unknown>> {
  // Savepoint names come from application code, never from users; quote them as identifiers anyway.
  const quoted = `"${savepointName.replaceAll('"', '""')}"`;
  return connection.executeQuery(CompiledQuery.raw(`${command} ${quoted}`));
}
