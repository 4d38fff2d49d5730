// Child process of `pnpm bench:auth`: the real app, built from the environment exactly as `main.ts serve`
// builds it (settings → dependencies → migrations → createApp), with its logs written to /dev/null. It
// seeds the bench's users through the app's own identity repositories and password hasher, then reports
// the port and the credentials over IPC, and its CPU time on request like `serve-target.ts`.
import {
  closeDependencies,
  createApp,
  createDependencies,
  loadSettings,
  prepareDatabase,
  startServer,
} from '@starter/api';
import { createFileDestination, createLogger } from '../apps/api/src/observability/logger.js';
import { type SeededUser, seedBenchTenant } from './seed-users.js';

/** The first IPC message of this process. */
export interface ReadyMessage {
  port: number;
  users: SeededUser[];
}

const userCount = Number(process.argv[2] ?? '1');
if (!Number.isInteger(userCount) || userCount < 1) throw new Error('usage: serve-app.ts <user count>');

const settings = loadSettings(process.env);
const logger = createLogger({
  level: settings.logLevel,
  service: settings.appName,
  environment: settings.environment,
  version: settings.appVersion,
  // A real, asynchronously flushed sink: serialisation and writes are paid as in production.
  destination: createFileDestination('/dev/null'),
});
const deps = await createDependencies(settings, logger);
await prepareDatabase(deps.database, settings, logger);
const { users } = await seedBenchTenant(deps, userCount);
const server = await startServer(createApp(deps), {
  host: '127.0.0.1',
  port: 0,
  logger,
  shutdownTimeoutMs: 3000,
});
process.send?.({ port: server.port, users } satisfies ReadyMessage);

process.on('message', (message) => {
  if (message === 'cpu') {
    const { user, system } = process.cpuUsage();
    process.send?.({ cpuMicros: user + system });
  }
});
process.on('disconnect', () => {
  // Closing the pool and Redis lets the parent drop the throwaway database right after.
  void server
    .close()
    .then(() => closeDependencies(deps, logger))
    .finally(() => process.exit(0));
});
