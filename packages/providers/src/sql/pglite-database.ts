import { mkdir } from 'node:fs/promises';
import { PGlite, type Results, types } from '@electric-sql/pglite';
import type {
  HealthStatus,
  LeasedSqlConnection,
  SqlConnection,
  SqlDatabase,
  SqlResult,
} from '@starter/contracts';
import { createFifoMutex } from './fifo-mutex.js';
import { assertCommitted, OPEN_TRANSACTION_MESSAGE, toSqlResult } from './sql-result.js';
import { PG_OID, parseDate, parseInt8, parseTimestampAsUtc } from './type-parsers.js';

export interface PgliteDatabaseOptions {
  /** Directory holding the data files (created when missing); in memory when omitted. */
  dataDir?: string;
  /** How long `close()` lets a still-held lease finish before closing anyway (default 5000). */
  closeGraceMs?: number;
}

const PARSERS = {
  [PG_OID.int8]: parseInt8,
  [PG_OID.int8Array]: (value: string) => types.arrayParser(value, parseInt8, PG_OID.int8Array),
  [PG_OID.date]: parseDate,
  [PG_OID.timestamp]: parseTimestampAsUtc,
};

/**
 * Opens an embedded Postgres (PGlite). PGlite is a single session, so every statement on the handle and
 * every leased connection goes through one FIFO lock: a transaction held via `acquire()` never
 * interleaves with other callers, who simply wait for `release()`.
 */
export async function createPgliteDatabase(options: PgliteDatabaseOptions = {}): Promise<SqlDatabase> {
  if (options.dataDir !== undefined) {
    await mkdir(options.dataDir, { recursive: true });
  }
  const pg = await PGlite.create(options.dataDir, { parsers: PARSERS });
  const mutex = createFifoMutex();
  let closing: Promise<void> | undefined;

  // Without parameters the simple protocol runs whole scripts (pg-boss sends several statements at once).
  const run = async <Row>(sql: string, params?: readonly unknown[]): Promise<SqlResult<Row>> => {
    if (params === undefined || params.length === 0) {
      const results = await pg.exec(sql);
      const last: Results | undefined = results.at(-1);
      if (!last) return { rows: [] };
      assertCommitted(sql, last.command);
      return toSqlResult<Row>(last);
    }
    const result = await pg.query<Row>(sql, [...params]);
    assertCommitted(sql, result.command);
    return toSqlResult<Row>(result);
  };

  const resetSession = async (): Promise<void> => {
    if (!pg.closed && pg.isInTransaction()) {
      await pg.exec('ROLLBACK').catch(() => {});
    }
  };

  // A failed script can leave its own BEGIN open and the only session aborted; reset it for the next caller.
  const runAlone = async <Row>(sql: string, params?: readonly unknown[]): Promise<SqlResult<Row>> => {
    let result: SqlResult<Row>;
    try {
      result = await run<Row>(sql, params);
    } catch (error) {
      await resetSession();
      throw error;
    }
    if (pg.isInTransaction()) {
      await resetSession();
      throw new Error(OPEN_TRANSACTION_MESSAGE);
    }
    return result;
  };

  const connection: SqlConnection = {
    query: <Row>(sql: string, params?: readonly unknown[]) => mutex.run(() => runAlone<Row>(sql, params)),
    exec: (sql: string) => mutex.run(async () => void (await runAlone(sql))),
  };

  return {
    dialect: 'pglite',
    query: connection.query,
    exec: connection.exec,
    async acquire(): Promise<LeasedSqlConnection> {
      const release = await mutex.lock();
      let released = false;
      const assertHeld = (): void => {
        if (released) throw new Error('This SQL connection was already released.');
      };
      return {
        query: async <Row>(sql: string, params?: readonly unknown[]) => {
          assertHeld();
          return run<Row>(sql, params);
        },
        exec: async (sql: string) => {
          assertHeld();
          await run(sql);
        },
        // Like a pool resetting a returned connection: a lease given back mid-transaction is rolled back
        // before the next caller gets the one session.
        release: () => {
          if (released) return;
          released = true;
          void resetSession().finally(release);
        },
      };
    },
    async health(): Promise<HealthStatus> {
      const started = performance.now();
      try {
        await connection.query('select 1');
        return { ok: true, provider: 'pglite', latencyMs: performance.now() - started };
      } catch (error) {
        return {
          ok: false,
          provider: 'pglite',
          latencyMs: performance.now() - started,
          detail: pg.closed ? 'database is closed' : describeError(error),
        };
      }
    },
    close(): Promise<void> {
      closing ??= (async () => {
        // Work queued before close() still runs (FIFO); a lease that is never released cannot block shutdown.
        let timer: NodeJS.Timeout | undefined;
        const locking = mutex.lock();
        locking.catch(() => {});
        const release = await Promise.race([
          locking,
          new Promise<undefined>((resolve) => {
            timer = setTimeout(() => resolve(undefined), options.closeGraceMs ?? 5000);
          }),
        ]);
        clearTimeout(timer);
        mutex.abort(new Error('The database is closed.'));
        await pg.close();
        release?.();
      })();
      return closing;
    },
  };
}

function describeError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? `query failed (${code})` : 'query failed';
}
