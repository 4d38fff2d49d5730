import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from './test-database.js';
import { testProfile } from './test-profile.js';

const { databaseUrl } = testProfile();

async function databaseExists(name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query('select 1 from pg_database where datname = $1', [name]);
    return rows.length === 1;
  } finally {
    await client.end();
  }
}

describe('createTestDatabase', () => {
  it('gives an in-memory PGlite by default in the embedded profile', { timeout: 180_000 }, async () => {
    const database = await createTestDatabase(databaseUrl ? { kind: 'pglite' } : {});
    expect(database.dialect).toBe('pglite');
    await database.exec('create table t (v int)');
    await database.drop();
    await database.drop();
    expect((await database.health()).ok).toBe(false);
  });

  it.skipIf(!databaseUrl)(
    'creates isolated Postgres databases in parallel and drops them',
    { timeout: 60_000 },
    async () => {
      const databases = await Promise.all(Array.from({ length: 4 }, () => createTestDatabase()));
      try {
        const names: string[] = [];
        for (const [index, database] of databases.entries()) {
          expect(database.dialect).toBe('postgres');
          await database.exec('create table t (v int)');
          await database.query('insert into t values ($1)', [index]);
          const { rows } = await database.query<{ name: string; v: number }>(
            'select current_database() as name, v from t',
          );
          expect(rows).toHaveLength(1);
          expect(rows[0]?.v).toBe(index);
          names.push(rows[0]?.name ?? '');
        }
        expect(new Set(names).size).toBe(4);
        expect(names.every((name) => name.startsWith('starter_t_'))).toBe(true);
        // A dangling lease must not block the drop (FORCE ends the session).
        await databases[0]?.acquire();
        await Promise.all(databases.map((database) => database.drop()));
        for (const name of names) expect(await databaseExists(name)).toBe(false);
      } finally {
        await Promise.all(databases.map((database) => database.drop()));
      }
    },
  );
});
