import type { SqlConnection } from '@starter/contracts';
import type PgBoss from 'pg-boss';

/**
 * pg-boss's `db` hook over a `SqlConnection`. pg-boss sends parameterless multi-statement scripts
 * (installs, `BEGIN; …; COMMIT;` maintenance blocks); the SqlDatabase adapters run those whole.
 */
export function createPgBossDb(connection: SqlConnection): PgBoss.Db {
  return {
    async executeSql(text: string, values?: unknown[]) {
      const result = await connection.query(text, values ?? []);
      return { rows: result.rows };
    },
  };
}
