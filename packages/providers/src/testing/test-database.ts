import { randomBytes } from 'node:crypto';
import type { SqlDatabase } from '@starter/contracts';
import pg from 'pg';
import { createPgliteDatabase } from '../sql/pglite-database.js';
import { createPostgresDatabase } from '../sql/postgres-database.js';
import { testProfile } from './test-profile.js';

/** A throwaway database for one test file; `drop()` closes it and deletes its data. */
export type TestDatabase = SqlDatabase & { drop(): Promise<void> };

export interface CreateTestDatabaseOptions {
  /** Default: `postgres` when `DATABASE_URL` is set, else `pglite`. */
  kind?: 'pglite' | 'postgres';
}

// Postgres refuses CREATE DATABASE while another session is copying the template; that clears quickly.
const TEMPLATE_BUSY = '55006';

/**
 * Creates an isolated database: on Postgres a fresh `starter_t_<random>` database next to `DATABASE_URL`'s
 * (safe for parallel test files), on PGlite an in-memory instance.
 */
export async function createTestDatabase(options: CreateTestDatabaseOptions = {}): Promise<TestDatabase> {
  const { databaseUrl } = testProfile();
  const kind = options.kind ?? (databaseUrl ? 'postgres' : 'pglite');
  if (kind === 'pglite') {
    const database = await createPgliteDatabase({ closeGraceMs: 1000 });
    return Object.assign(database, { drop: () => database.close() });
  }
  if (!databaseUrl) {
    throw new Error('createTestDatabase({ kind: "postgres" }) needs DATABASE_URL.');
  }
  const name = `starter_t_${randomBytes(8).toString('hex')}`;
  await withAdminClient(databaseUrl, async (client) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE "${name}"`);
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== TEMPLATE_BUSY || attempt >= 20) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  });
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  const database = createPostgresDatabase({ connectionString: url.toString(), max: 5, closeGraceMs: 1000 });
  let dropping: Promise<void> | undefined;
  const drop = (): Promise<void> => {
    dropping ??= (async () => {
      await database.close();
      await withAdminClient(databaseUrl, (client) =>
        client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
      );
    })();
    return dropping;
  };
  return Object.assign(database, { drop });
}

async function withAdminClient(url: string, task: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  client.on('error', () => {});
  await client.connect();
  try {
    await task(client);
  } finally {
    await client.end();
  }
}
