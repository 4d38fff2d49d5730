// Child process of `pnpm bench:auth`: the real app, built from the environment exactly as `main.ts serve`
// builds it (settings → dependencies → migrations → createApp), with its logs written to /dev/null. It
// seeds the bench's users through the app's own identity repositories and password hasher, then reports
// the port and the credentials over IPC, and its CPU time on request like `serve-target.ts`.
import { randomUUID } from 'node:crypto';
import {
  type AppDependencies,
  closeDependencies,
  createApp,
  createDependencies,
  loadSettings,
  prepareDatabase,
  startServer,
} from '@starter/api';
import { createFileDestination, createLogger } from '../apps/api/src/observability/logger.js';

/** A seeded user the parent logs in as. */
export interface SeededUser {
  email: string;
  password: string;
}

/** The first IPC message of this process. */
export interface ReadyMessage {
  port: number;
  users: SeededUser[];
}

const userCount = Number(process.argv[2] ?? '1');
if (!Number.isInteger(userCount) || userCount < 1) throw new Error('usage: serve-app.ts <user count>');

/** One active tenant; the first user owns it, the others are members; every email is verified. */
async function seed(deps: AppDependencies, count: number): Promise<SeededUser[]> {
  const { repositories, passwords } = deps.identity;
  const slug = `bench-${randomUUID().slice(0, 8)}`;
  const { tenant } = await repositories.tenants.create({ name: slug, slug, status: 'active' });
  const users: SeededUser[] = [];
  for (let index = 0; index < count; index++) {
    const email = `bench-${index}-${randomUUID().slice(0, 8)}@example.com`;
    const password = `Correct-Horse-${randomUUID()}`;
    const { user } = await repositories.users.create({
      user: {
        email,
        // The configured hasher: with the default cost this is the production argon2id.
        password_hash: await passwords.hash(password),
        status: 'active',
        email_verified_at: new Date(),
        locked_until: null,
        platform_role: null,
        password_changed_at: null,
        last_login_at: null,
      },
    });
    await repositories.memberships.add(tenant.id, {
      userId: user.id,
      role: index === 0 ? 'owner' : 'member',
    });
    users.push({ email, password });
  }
  return users;
}

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
const users = await seed(deps, userCount);
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
