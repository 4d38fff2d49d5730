import { createHash } from 'node:crypto';
import {
  type HealthStatus,
  type LeasedSqlConnection,
  PREPARED_STATEMENT_HINT,
  type SqlDatabase,
  type SqlResult,
} from '@starter/contracts';
import pg from 'pg';
import { assertCommitted, OPEN_TRANSACTION_MESSAGE, toSqlResult } from './sql-result.js';
import { PG_OID, parseDate, parseInt8, parseTimestampAsUtc } from './type-parsers.js';

export interface PostgresDatabaseOptions {
  connectionString: string;
  /** Pool size (default 10). */
  max?: number;
  /** Bounds waiting for a connection, so probes fail fast when the server is down (default 5000). */
  connectionTimeoutMs?: number;
  idleTimeoutMs?: number;
  maxLifetimeSeconds?: number;
  /** Server-side `statement_timeout` for every session (default: none). */
  statementTimeoutMs?: number;
  /** How long `close()` lets still-held leases finish before destroying them (default 5000). */
  closeGraceMs?: number;
  /**
   * Keep statements marked with `PREPARED_STATEMENT_HINT` prepared on each session (default true). Turn off
   * behind a pooler in transaction mode that cannot carry prepared statements (PgBouncer before 1.21, or
   * without `max_prepared_statements`).
   */
  preparedStatements?: boolean;
}

/**
 * Most distinct marked statements given a name: the hint is for a few fixed texts, and a statement
 * marked by mistake whose text varies must not grow this map, nor each session's prepared statements,
 * without bound (past the cap such statements run unnamed).
 */
const MAX_PREPARED_STATEMENTS = 64;

type Parser = (value: string) => unknown;

function mapArray(value: unknown, parse: Parser): unknown {
  return Array.isArray(value)
    ? value.map((item) => mapArray(item, parse))
    : value === null
      ? null
      : parse(String(value));
}

// `pg`'s typings only list scalar builtins, but its parser table covers arrays too.
const defaultParser = pg.types.getTypeParser as (oid: number, format?: 'text' | 'binary') => Parser;

// Per-pool parsers (not the global `pg.types`) so the policy in `type-parsers.ts` applies only here.
const TYPE_PARSERS: Record<number, Parser> = {
  [PG_OID.int8]: parseInt8,
  [PG_OID.int8Array]: (value) => mapArray(defaultParser(PG_OID.int8Array, 'text')(value), parseInt8),
  [PG_OID.date]: parseDate,
  [PG_OID.timestamp]: parseTimestampAsUtc,
};

const customTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    ((format ?? 'text') === 'text' ? TYPE_PARSERS[oid] : undefined) ??
    defaultParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

/** Connects to a Postgres server through a `pg` Pool; values follow the same policy as PGlite. */
export function createPostgresDatabase(options: PostgresDatabaseOptions): SqlDatabase {
  const connectionTimeoutMs = options.connectionTimeoutMs ?? 5000;
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    connectionTimeoutMillis: connectionTimeoutMs,
    idleTimeoutMillis: options.idleTimeoutMs ?? 30_000,
    maxLifetimeSeconds: options.maxLifetimeSeconds ?? 0,
    types: customTypes,
    application_name: 'starter',
    ...(options.statementTimeoutMs === undefined ? {} : { statement_timeout: options.statementTimeoutMs }),
  });
  // An idle client losing its server emits here; without a listener that would crash the process.
  pool.on('error', () => {});
  let closing: Promise<void> | undefined;
  // Leases still out; `pool.end()` waits for every one, so close() must be able to cut them.
  const outstanding = new Set<() => void>();
  const preparedStatements = options.preparedStatements ?? true;
  // Statement text → its name: a digest, so two texts never share a name (pg refuses a name reused for
  // another text on one session). `pg` remembers per session which names it has parsed.
  const statementNames = new Map<string, string>();
  const statementName = (sql: string): string | undefined => {
    if (!preparedStatements || !sql.startsWith(PREPARED_STATEMENT_HINT)) return undefined;
    let name = statementNames.get(sql);
    if (name === undefined && statementNames.size < MAX_PREPARED_STATEMENTS) {
      name = `starter_${createHash('sha256').update(sql).digest('hex').slice(0, 32)}`;
      statementNames.set(sql, name);
    }
    return name;
  };

  const run = async <Row>(
    client: pg.PoolClient,
    sql: string,
    params?: readonly unknown[],
  ): Promise<SqlResult<Row>> => {
    // No values → simple protocol, which accepts scripts of several statements (pg returns one result each).
    const values = isScript(params) ? undefined : [...(params ?? [])];
    const name = values && statementName(sql);
    const raw = await (name ? client.query({ name, text: sql, values }) : client.query(sql, values));
    const last = (Array.isArray(raw) ? raw.at(-1) : raw) as pg.QueryResult | undefined;
    if (!last) return { rows: [] };
    assertCommitted(sql, last.command);
    return toSqlResult<Row>(last);
  };

  const runAlone = async <Row>(sql: string, params?: readonly unknown[]): Promise<SqlResult<Row>> => {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      const result = await run<Row>(client, sql, params);
      if (client.getTransactionStatus() !== 'I') throw new Error(OPEN_TRANSACTION_MESSAGE);
      return result;
    } catch (error) {
      // A failed script may leave its own BEGIN open: never hand such a session back to the pool. `pg`
      // rejects before it reads the server's transaction status, so reset unconditionally (a no-op
      // ROLLBACK only draws a warning).
      if (isScript(params) || client.getTransactionStatus() !== 'I') {
        await client.query('ROLLBACK').catch((rollbackError: Error) => {
          broken = rollbackError;
        });
      }
      throw error;
    } finally {
      client.release(broken);
    }
  };

  return {
    dialect: 'postgres',
    query: runAlone,
    exec: async (sql) => void (await runAlone(sql)),
    async acquire(): Promise<LeasedSqlConnection> {
      const client = await pool.connect();
      let released = false;
      // After a failed script the status `pg` reports is stale until the next statement completes.
      let statusUnknown = false;
      const runLeased = async <Row>(sql: string, params?: readonly unknown[]): Promise<SqlResult<Row>> => {
        if (released) throw new Error('This SQL connection was already released.');
        try {
          const result = await run<Row>(client, sql, params);
          statusUnknown = false;
          return result;
        } catch (error) {
          if (isScript(params)) statusUnknown = true;
          throw error;
        }
      };
      const release = (destroy: boolean): void => {
        if (released) return;
        released = true;
        outstanding.delete(forceRelease);
        // A session returned mid-transaction would leak its locks and state into the next borrower.
        client.release(destroy || statusUnknown || client.getTransactionStatus() !== 'I' ? true : undefined);
      };
      const forceRelease = (): void => release(true);
      outstanding.add(forceRelease);
      return {
        query: runLeased,
        exec: async (sql: string) => void (await runLeased(sql)),
        release: () => release(false),
      };
    },
    async health(): Promise<HealthStatus> {
      const started = performance.now();
      try {
        await runAlone('select 1');
        return { ok: true, provider: 'postgres', latencyMs: performance.now() - started };
      } catch (error) {
        return {
          ok: false,
          provider: 'postgres',
          latencyMs: performance.now() - started,
          detail: describeFailure(error, closing !== undefined),
        };
      }
    },
    close(): Promise<void> {
      closing ??= (async () => {
        const ended = pool.end();
        const timer = setTimeout(() => {
          for (const forceRelease of [...outstanding]) forceRelease();
        }, options.closeGraceMs ?? 5000);
        try {
          await ended;
        } finally {
          clearTimeout(timer);
        }
      })();
      return closing;
    },
  };
}

function isScript(params: readonly unknown[] | undefined): boolean {
  return params === undefined || params.length === 0;
}

// Only codes and fixed phrases: driver messages can echo host names, users or connection strings.
function describeFailure(error: unknown, closed: boolean): string {
  if (closed) return 'database is closed';
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : '';
  if (/timeout/i.test(message)) return 'connection timed out';
  if (typeof code === 'string') {
    return /^[0-9A-Z]{5}$/.test(code) ? `query failed (${code})` : `connection failed (${code})`;
  }
  return 'connection failed';
}
