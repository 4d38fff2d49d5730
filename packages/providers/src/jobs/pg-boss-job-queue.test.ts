import type { Logger, SqlDatabase } from '@starter/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgliteDatabase } from '../sql/pglite-database.js';
import { describeJobQueueConformance } from '../testing/job-queue-conformance.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { testProfile } from '../testing/test-profile.js';
import { createPgBossJobQueue } from './pg-boss-job-queue.js';

describe('pg-boss on pglite', () => {
  let database: SqlDatabase | undefined;
  beforeAll(async () => {
    database = await createPgliteDatabase();
  }, 180_000);
  afterAll(async () => {
    await database?.close();
  });
  const getDatabase = (): SqlDatabase => {
    if (!database) throw new Error('PGlite failed to start.');
    return database;
  };

  describeJobQueueConformance('pg-boss (pglite)', async () =>
    createPgBossJobQueue({ database: getDatabase(), schema: 'jobs_conformance' }),
  );

  it('runs pg-boss maintenance on PGlite without errors', { timeout: 60_000 }, async () => {
    const lines: { level: string; message: string | undefined }[] = [];
    const record =
      (level: string) =>
      (_fields: Record<string, unknown>, message?: string): void => {
        lines.push({ level, message });
      };
    const logger: Logger = {
      debug: record('debug'),
      info: record('info'),
      warn: record('warn'),
      error: record('error'),
      child: () => logger,
    };
    const queue = createPgBossJobQueue({
      database: getDatabase(),
      schema: 'jobs_maintenance',
      logger,
      maintenanceIntervalSeconds: 1,
    });
    await queue.start();
    await queue.createQueue('maintained');
    await queue.send('maintained', { a: 1 }, { expireInSeconds: 1 });
    const deadline = Date.now() + 30_000;
    while (!lines.some((line) => line.message === 'pg-boss maintenance done') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await queue.close();
    expect(lines.filter((line) => line.message === 'pg-boss maintenance done').length).toBeGreaterThan(0);
    expect(lines.filter((line) => line.level === 'error')).toEqual([]);
  });

  it('refuses to work before start() and after close()', { timeout: 60_000 }, async () => {
    const queue = createPgBossJobQueue({ database: getDatabase(), schema: 'jobs_lifecycle' });
    expect((await queue.health()).ok).toBe(false);
    await expect(queue.createQueue('never')).rejects.toMatchObject({ code: 'ServiceUnavailable' });
    await queue.close();
    await expect(queue.start()).rejects.toMatchObject({ code: 'ServiceUnavailable' });
  });
});

describe.skipIf(!testProfile().databaseUrl)('pg-boss on postgres', () => {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase({ kind: 'postgres' });
  }, 60_000);
  afterAll(async () => {
    await database?.drop();
  });

  describeJobQueueConformance('pg-boss (postgres)', async () => {
    if (!database) throw new Error('The test database failed to open.');
    return createPgBossJobQueue({ database });
  });
});
