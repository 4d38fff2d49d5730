import { randomUUID } from 'node:crypto';
import type { LeasedSqlConnection } from '@starter/contracts';
import type { CompiledQuery, DatabaseConnection, QueryResult } from 'kysely';

/** One Kysely connection over one leased `SqlDatabase` session. */
export class SqlDatabaseConnection implements DatabaseConnection {
  readonly lease: LeasedSqlConnection;

  constructor(lease: LeasedSqlConnection) {
    this.lease = lease;
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.lease.query<R>(compiledQuery.sql, compiledQuery.parameters);
    return result.affectedRows === undefined
      ? { rows: result.rows }
      : { rows: result.rows, numAffectedRows: BigInt(result.affectedRows) };
  }

  /**
   * Streams through a server-side cursor in `chunkSize` batches. `WITH HOLD` lets the cursor live outside an
   * explicit transaction too (Postgres then materialises the result when the DECLARE commits).
   */
  async *streamQuery<R>(
    compiledQuery: CompiledQuery,
    chunkSize = 100,
  ): AsyncIterableIterator<QueryResult<R>> {
    if (!Number.isInteger(chunkSize) || chunkSize <= 0) {
      throw new Error('chunkSize must be a positive integer');
    }
    const cursor = `kysely_cursor_${randomUUID().replaceAll('-', '')}`;
    await this.lease.query(
      `declare ${cursor} no scroll cursor with hold for ${compiledQuery.sql}`,
      compiledQuery.parameters,
    );
    try {
      while (true) {
        const { rows } = await this.lease.query<R>(`fetch forward ${chunkSize} from ${cursor}`);
        if (rows.length === 0) return;
        yield { rows };
      }
    } finally {
      await this.lease.query(`close ${cursor}`).catch(() => {});
    }
  }
}
