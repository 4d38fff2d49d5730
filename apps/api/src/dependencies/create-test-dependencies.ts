import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '@starter/contracts';
import { createMemoryKeysetStore } from '@starter/identity';
import {
  createLocalObjectStorage,
  createLogEmailSender,
  createMemoryKeyValueStore,
  createMigrator,
  createPgBossJobQueue,
  createRedisKeyValueStore,
  createSystemClock,
} from '@starter/providers';
import { createTestDatabase, testProfile } from '@starter/providers/testing';
import { appMigrationSets } from '../migrations.js';
import { createLogger } from '../observability/logger.js';
import { createMetrics } from '../observability/metrics.js';
import { loadSettings } from '../settings/index.js';
import { createAgents } from './agents.js';
import type { AppDependencies } from './app-dependencies.js';
import { closeDependencies } from './close-dependencies.js';
import { createIdentity } from './identity.js';

/** Test dependencies plus the cleanup that drops the database and deletes the temp storage. */
export type TestDependencies = AppDependencies & { dispose(): Promise<void> };

/** Test-only overrides. */
export interface TestDependencyOptions {
  /** A manual clock for expiry tests; it should start near real time, since the database keeps `now()`. */
  clock?: Clock;
  /** Run the app's migrations (identity tables); off for tests that exercise migrations themselves. */
  migrate?: boolean;
}

/**
 * Real dependencies for tests of the profile under test: a throwaway Postgres database (or in-memory
 * PGlite), Redis when REDIS_URL is set (else the in-process KV), local storage in a temp directory.
 * Log lines are discarded unless a destination is given.
 */
export async function createTestDependencies(
  env: Record<string, string> = {},
  destination: { write(line: string): void } = { write: () => {} },
  options: TestDependencyOptions = {},
): Promise<TestDependencies> {
  const storageDir = await mkdtemp(join(tmpdir(), 'starter-api-storage-'));
  const settings = loadSettings({
    ENVIRONMENT: 'test',
    STORAGE_LOCAL_PATH: storageDir,
    AUTH_PASSWORD_HASH_COST: 'test',
    ...env,
  });
  const logger = createLogger({
    level: 'debug',
    service: settings.appName,
    environment: settings.environment,
    version: settings.appVersion,
    destination,
  });
  const clock = options.clock ?? createSystemClock();
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
  const metrics = createMetrics();
  const keysetStore = createMemoryKeysetStore();
  const identity = createIdentity({ settings, database, kv, clock, logger, metrics, keysetStore });
  await identity.keys.ensureKeyset();
  if (options.migrate === true) await createMigrator(database, appMigrationSets).up();
  const deps: AppDependencies = {
    settings,
    logger,
    metrics,
    identity,
    clock,
    database,
    kv,
    jobs: createPgBossJobQueue({ database }),
    storage: localStorage,
    localStorage,
    email: createLogEmailSender({ logger, from: settings.email.from }),
    agents: await createAgents({ settings, database, clock }),
  };
  return Object.assign(deps, {
    async dispose() {
      await closeDependencies(deps, logger);
      await database.drop();
      await rm(storageDir, { recursive: true, force: true });
    },
  });
}
