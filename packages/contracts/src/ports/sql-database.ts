import type { Lifecycle } from './health.js';

/** Rows and counts returned by one SQL statement. */
export interface SqlResult<Row = Record<string, unknown>> {
  rows: Row[];
  /** Rows changed by INSERT / UPDATE / DELETE, when the driver reports it. */
  affectedRows?: number;
}

/** One connection: statements run in order on the same session (needed for transactions). */
export interface SqlConnection {
  /** Runs one parameterised statement (`$1`, `$2`, … placeholders). */
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<SqlResult<Row>>;
  /** Runs a script of several statements without parameters (migrations, DDL). */
  exec(sql: string): Promise<void>;
}

/** A connection borrowed from the database; `release` gives it back. */
export interface LeasedSqlConnection extends SqlConnection {
  release(): void;
}

/**
 * The SQL database port: a Postgres-dialect database, embedded (PGlite) or a server (pg Pool).
 * Packages build Kysely on it; `query` on the handle itself uses any free connection.
 */
export interface SqlDatabase extends SqlConnection, Lifecycle {
  readonly dialect: 'pglite' | 'postgres';
  /** Borrows one connection for statements that must share a session, such as a transaction. */
  acquire(): Promise<LeasedSqlConnection>;
}
