import type { EmailSender, KeyValueStore, ObjectStorage, SqlDatabase } from '@starter/contracts';
import { createFileKeysetStore } from '@starter/identity';
import {
  createLocalObjectStorage,
  createLogEmailSender,
  createMemoryKeyValueStore,
  createPgBossJobQueue,
  createPgliteDatabase,
  createPostgresDatabase,
  createRedisKeyValueStore,
  createS3ObjectStorage,
  createSmtpEmailSender,
  createSystemClock,
  type LocalObjectStorage,
} from '@starter/providers';
import type { AppLogger } from '../observability/logger.js';
import { createMetrics } from '../observability/metrics.js';
import type { Settings } from '../settings/index.js';
import { createAgents } from './agents.js';
import type { AppDependencies } from './app-dependencies.js';
import { closeDependencies } from './close-dependencies.js';
import { createIdentity } from './identity.js';

/**
 * Builds the ports for the configured profile: PGlite or Postgres, in-process or Redis KV, local or S3
 * storage, log or SMTP email. When one fails to open, the ones already opened are closed again.
 */
export async function createDependencies(settings: Settings, logger: AppLogger): Promise<AppDependencies> {
  const clock = createSystemClock();
  const opened: Partial<AppDependencies> = { settings, logger, clock, metrics: createMetrics() };
  try {
    opened.database = await openDatabase(settings);
    opened.kv = openKeyValueStore(settings, logger, clock);
    opened.jobs = createPgBossJobQueue({
      database: opened.database,
      logger: logger.child({ logger: 'jobs' }),
    });
    const { storage, localStorage } = openStorage(settings, clock);
    opened.storage = storage;
    opened.localStorage = localStorage;
    opened.email = openEmail(settings, logger);
    opened.identity = createIdentity({
      settings,
      database: opened.database,
      kv: opened.kv,
      clock,
      logger,
      metrics: opened.metrics as AppDependencies['metrics'],
      keysetStore: createFileKeysetStore({ path: settings.auth.keyStorage.path }),
    });
    // Embedded and development setups generate their signing keys on first start; staging and
    // production provision them once (operator CLI) so replicas never race to create different keysets.
    const generatesKeys = settings.profile === 'embedded' || settings.environment === 'development';
    if (generatesKeys) await opened.identity.keys.ensureKeyset();
    opened.agents = await createAgents({ settings, database: opened.database, clock });
    return opened as AppDependencies;
  } catch (error) {
    await closeDependencies(opened, logger);
    throw error;
  }
}

async function openDatabase(settings: Settings): Promise<SqlDatabase> {
  const { database } = settings;
  if (database.url === null) return createPgliteDatabase({ dataDir: database.dataDir });
  return createPostgresDatabase({
    connectionString: database.url,
    // pg has no overflow: the pool may grow to the base size plus the overflow, then callers wait.
    max: database.poolSize + database.poolMaxOverflow,
    connectionTimeoutMs: database.poolTimeoutSeconds * 1000,
    maxLifetimeSeconds: database.poolRecycleSeconds,
    preparedStatements: database.preparedStatements,
  });
}

function openKeyValueStore(
  settings: Settings,
  logger: AppLogger,
  clock: ReturnType<typeof createSystemClock>,
): KeyValueStore {
  if (settings.kv.url === null) return createMemoryKeyValueStore({ clock });
  return createRedisKeyValueStore({ url: settings.kv.url, logger: logger.child({ logger: 'redis' }) });
}

function openStorage(
  settings: Settings,
  clock: ReturnType<typeof createSystemClock>,
): { storage: ObjectStorage; localStorage: LocalObjectStorage | null } {
  const { storage } = settings;
  if (storage.provider === 'local') {
    const local = createLocalObjectStorage({
      rootDir: storage.localPath,
      publicBaseUrl: settings.apiPublicUrl,
      signingSecret: storage.signingSecret,
      clock,
    });
    return { storage: local, localStorage: local };
  }
  const { s3 } = storage;
  const s3Storage = createS3ObjectStorage({
    bucket: s3.bucket,
    forcePathStyle: s3.forcePathStyle,
    ...(s3.region === null ? {} : { region: s3.region }),
    ...(s3.endpoint === null ? {} : { endpoint: s3.endpoint }),
    ...(s3.accessKeyId === null ? {} : { accessKeyId: s3.accessKeyId }),
    ...(s3.secretAccessKey === null ? {} : { secretAccessKey: s3.secretAccessKey }),
  });
  return { storage: s3Storage, localStorage: null };
}

function openEmail(settings: Settings, logger: AppLogger): EmailSender {
  const emailLogger = logger.child({ logger: 'email' });
  const { smtpUrl, from } = settings.email;
  if (smtpUrl === null) {
    // Only a local developer may read mail bodies in the log: they carry one-time links and tokens.
    const includeBody = settings.environment === 'development';
    return createLogEmailSender({ logger: emailLogger, from, includeBody });
  }
  return createSmtpEmailSender({ url: smtpUrl, from, logger: emailLogger });
}
