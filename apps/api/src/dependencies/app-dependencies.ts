import type {
  Clock,
  EmailSender,
  JobQueue,
  KeyValueStore,
  ObjectStorage,
  SqlDatabase,
} from '@starter/contracts';
import type { LocalObjectStorage } from '@starter/providers';
import type { AppLogger } from '../observability/logger.js';
import type { AppMetrics } from '../observability/metrics.js';
import type { Settings } from '../settings/index.js';
import type { Agents } from './agents.js';
import type { Identity } from './identity.js';

/** The ports the service runs on, built per profile by `createDependencies`. */
export interface AppPorts {
  clock: Clock;
  database: SqlDatabase;
  kv: KeyValueStore;
  jobs: JobQueue;
  storage: ObjectStorage;
  /** The same store as `storage` when it is the local filesystem: the app then serves its signed URLs. */
  localStorage: LocalObjectStorage | null;
  email: EmailSender;
}

/** Everything `createApp` composes: settings, observability, the ports and the identity kernel. */
export interface AppDependencies extends AppPorts {
  settings: Settings;
  logger: AppLogger;
  metrics: AppMetrics;
  identity: Identity;
  agents: Agents;
}
