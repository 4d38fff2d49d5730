import type { SqlDatabase } from '@starter/contracts';
import {
  type DatabaseIntrospector,
  type Dialect,
  Kysely,
  type LogConfig,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
} from 'kysely';
import { SqlDatabaseDriver } from './sql-database-driver.js';

export interface CreateKyselyOptions {
  /** Kysely's query log: a list of levels or a function receiving each `LogEvent`. */
  log?: LogConfig;
}

/** A Postgres-dialect Kysely dialect over any `SqlDatabase` (PGlite or `pg`). */
export function createSqlDatabaseDialect(database: SqlDatabase): Dialect {
  return {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new SqlDatabaseDriver(database),
    createQueryCompiler: () => new PostgresQueryCompiler(),
    createIntrospector: (db: Kysely<unknown>): DatabaseIntrospector => new PostgresIntrospector(db),
  };
}

/** Builds Kysely on a `SqlDatabase`; `destroy()` on it leaves the database open for its owner to close. */
export function createKysely<DB>(database: SqlDatabase, options: CreateKyselyOptions = {}): Kysely<DB> {
  return new Kysely<DB>({
    dialect: createSqlDatabaseDialect(database),
    ...(options.log === undefined ? {} : { log: options.log }),
  });
}
