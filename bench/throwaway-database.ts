// A Postgres database created for one bench run and dropped after it, so runs never share rows (a table
// grown by earlier runs would make later figures slower) and never touch a developer's data.
import { randomBytes } from 'node:crypto';
import { createPostgresDatabase } from '@starter/providers';

/** A database that exists until `drop()`. */
export interface ThrowawayDatabase {
  name: string;
  /** The connection string of the new database. */
  url: string;
  drop(): Promise<void>;
}

export interface ThrowawayDatabaseOptions {
  /**
   * `off`: commits return before their WAL is flushed to disk (the database's default for every
   * session). A crash of the Postgres server can then lose the last moments of commits; nothing is corrupted.
   */
  readonly synchronousCommit?: 'on' | 'off' | undefined;
}

/** Creates `starter_bench_<random>` through the server that `adminUrl` points at. */
export async function createThrowawayDatabase(
  adminUrl: string,
  options: ThrowawayDatabaseOptions = {},
): Promise<ThrowawayDatabase> {
  const name = `starter_bench_${randomBytes(6).toString('hex')}`;
  const admin = createPostgresDatabase({ connectionString: adminUrl, max: 1 });
  try {
    // The name is ours (hex), so building the DDL as text is safe; CREATE DATABASE takes no parameters.
    await admin.exec(`CREATE DATABASE ${name}`);
    if (options.synchronousCommit === 'off')
      await admin.exec(`ALTER DATABASE ${name} SET synchronous_commit = off`);
  } finally {
    await admin.close();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      const dropper = createPostgresDatabase({ connectionString: adminUrl, max: 1 });
      try {
        // FORCE (Postgres 13+) ends connections a killed child may have left behind.
        await dropper.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await dropper.close();
      }
    },
  };
}
