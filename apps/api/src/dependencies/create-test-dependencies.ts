import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createLocalObjectStorage,
  createLogEmailSender,
  createMemoryKeyValueStore,
  createPgBossJobQueue,
  createRedisKeyValueStore,
  createSystemClock,
} from '@starter/providers';
import { createTestDatabase, testProfile } from '@starter/providers/testing';
import { createLogger } from '../observability/logger.js';
import { createMetrics } from '../observability/metrics.js';
import { loadSettings } from '../settings/index.js';
import type { AppDependencies } from './app-dependencies.js';
import { closeDependencies } from './close-dependencies.js';

/** Test dependencies plus the cleanup that drops the database and deletes the temp storage. */
export type TestDependencies = AppDependencies & { dispose(): Promise<void> };

/**
 * Real dependencies for tests of the profile under test: a throwaway Postgres database (or in-memory
 * PGlite), Redis when REDIS_URL is set (else the in-process KV), local storage in a temp directory.
 * Log lines are discarded unless a destination is given.
 */
export async function createTestDependencies(
  env: Record<string, string> = {},
  destination: { write(line: string): void } = { write: () => {} },
): Promise<TestDependencies> {
  const storageDir = await mkdtemp(join(tmpdir(), 'starter-api-storage-'));
  const settings = loadSettings({ ENVIRONMENT: 'test', STORAGE_LOCAL_PATH: storageDir, ...env });
  const logger = createLogger({
    level: 'debug',
    service: settings.appName,
    environment: settings.environment,
    version: settings.appVersion,
    destination,
  });
  const clock = createSystemClock();
  const profile = testProfile();
  const database = await createTestDatabase();
  const kv = profile.redisUrl
    ? createRedisKeyValueStore({ url: profile.redisUrl, keyPrefix: `test:${process.pid}:${Date.now()}:` })
    : createMemoryKeyValueStore({ clock });
  const localStorage = createLocalObjectStorage({
    rootDir: settings.storage.localPath,
    publicBaseUrl: settings.apiPublicUrl,
    signingSecret: settings.storage.signingSecret,
    clock,
  });
  const deps: AppDependencies = {
    settings,
    logger,
    metrics: createMetrics(),
    clock,
    database,
    kv,
    jobs: createPgBossJobQueue({ database }),
    storage: localStorage,
    localStorage,
    email: createLogEmailSender({ logger, from: settings.email.from }),
  };
  return Object.assign(deps, {
    async dispose() {
      await closeDependencies(deps, logger);
      await database.drop();
      await rm(storageDir, { recursive: true, force: true });
    },
  });
}
