import { describe, expect, it } from 'vitest';
import { describeSqlDatabaseConformance } from '../testing/sql-database-conformance.js';
import { createTestDatabase } from '../testing/test-database.js';
import { testProfile } from '../testing/test-profile.js';
import { createPostgresDatabase } from './postgres-database.js';

const { databaseUrl } = testProfile();

describe.skipIf(!databaseUrl)('postgres', () => {
  describeSqlDatabaseConformance('postgres', () => createTestDatabase({ kind: 'postgres' }));
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
