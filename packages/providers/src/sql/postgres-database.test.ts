import { PREPARED_STATEMENT_HINT } from '@starter/contracts';
import { describe, expect, it } from 'vitest';
import { describeSqlDatabaseConformance } from '../testing/sql-database-conformance.js';
import { createTestDatabase } from '../testing/test-database.js';
import { testProfile } from '../testing/test-profile.js';
import { createPostgresDatabase } from './postgres-database.js';

const { databaseUrl } = testProfile();

describe.skipIf(!databaseUrl)('postgres', () => {
  describeSqlDatabaseConformance('postgres', () => createTestDatabase({ kind: 'postgres' }));
});

describe.skipIf(!databaseUrl)('createPostgresDatabase prepared statements', () => {
  const marked = `${PREPARED_STATEMENT_HINT} select $1::int + 1 as n`;
  const plain = 'select $1::int + 2 as n';

  /** Runs both statements twice on one session and lists what that session holds prepared. */
  async function preparedOnOneSession(preparedStatements?: boolean) {
    const database = createPostgresDatabase({
      connectionString: databaseUrl as string,
      max: 1,
      ...(preparedStatements === undefined ? {} : { preparedStatements }),
    });
    try {
      const session = await database.acquire();
      try {
        const answers: unknown[] = [];
        for (let round = 0; round < 2; round++) {
          answers.push((await session.query<{ n: number }>(marked, [round])).rows[0]?.n);
          answers.push((await session.query<{ n: number }>(plain, [round])).rows[0]?.n);
        }
        const { rows } = await session.query<{ name: string; statement: string }>(
          'select name, statement from pg_prepared_statements where name like $1',
          ['starter_%'],
        );
        return { answers, prepared: rows };
      } finally {
        session.release();
      }
    } finally {
      await database.close();
    }
  }

  it('keeps statements marked with the hint prepared on the session, once, and only those', async () => {
    const { answers, prepared } = await preparedOnOneSession();
    expect(answers).toEqual([1, 2, 2, 3]);
    expect(prepared).toEqual([{ name: expect.stringMatching(/^starter_[0-9a-f]{32}$/), statement: marked }]);
  });

  it('prepares nothing with preparedStatements: false (poolers that cannot carry them)', async () => {
    const { answers, prepared } = await preparedOnOneSession(false);
    expect(answers).toEqual([1, 2, 2, 3]);
    expect(prepared).toEqual([]);
  });
});

describe('createPostgresDatabase health when the server is unreachable', () => {
  it('answers ok:false within the connection timeout and never leaks the connection string', async () => {
    const secret = 's3cr3t-passw0rd';
    // Port 1 on loopback refuses connections; nothing here needs a running server.
    const database = createPostgresDatabase({
      connectionString: `postgres://someone:${secret}@127.0.0.1:1/nowhere`,
      connectionTimeoutMs: 2000,
    });
    const status = await database.health();
    expect(status.ok).toBe(false);
    expect(status.provider).toBe('postgres');
    expect(status.detail).toEqual(expect.any(String));
    expect(JSON.stringify(status)).not.toContain(secret);
    expect(JSON.stringify(status)).not.toContain('someone');
    await database.close();
    await database.close();
  });
});
