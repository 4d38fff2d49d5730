// The real app of `pnpm bench:chat`, in this process: settings → dependencies → migrations → createApp →
// startServer, as `main.ts serve` builds it, but with the offline demo model at a fixed token rate. The
// embedded profile (PGlite in a temp directory + the in-process KV) by default; the server profile runs
// on a throwaway Postgres database and Redis.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDemoModelProvider } from '@starter/agent-runtime';
import {
  type AppDependencies,
  closeDependencies,
  createApp,
  createDependencies,
  type createLogger,
  loadSettings,
  prepareDatabase,
  type RunningServer,
  startServer,
} from '@starter/api';
import { createAgents } from '../../apps/api/src/dependencies/agents.js';
import {
  createLogger as createAppLogger,
  createFileDestination,
} from '../../apps/api/src/observability/logger.js';
import { chatServiceOf } from '../../apps/api/src/routes/chat/index.js';
import { type SeededUser, seedBenchTenant } from '../seed-users.js';
import { createThrowawayDatabase, type ThrowawayDatabase } from '../throwaway-database.js';
import { instrumentDatabase, type SqlStats } from './sql-stats.js';

export type Profile = 'embedded' | 'server';

export interface ChatAppOptions {
  profile: Profile;
  /** The demo model's delay before each token (ms): 50 → 20 tokens/s per stream. */
  tokenDelayMs: number;
  /** Users the streams are spread over (round robin). */
  users: number;
  /** Server profile: a Postgres URL whose user may CREATE DATABASE, and Redis. */
  adminUrl: string;
  redisUrl: string;
  /** Postgres `synchronous_commit` of the throwaway database (server profile). */
  synchronousCommit?: 'on' | 'off' | undefined;
  /** The app's `DATABASE_PREPARED_STATEMENTS` (server profile; default true). */
  preparedStatements?: boolean | undefined;
  /** Count the statements sent to the database (diagnostic: `--sql-stats`). */
  sqlStats: boolean;
}

export interface ChatApp {
  readonly base: string;
  readonly port: number;
  readonly deps: AppDependencies;
  /** One access token per seeded user. */
  readonly tokens: string[];
  readonly description: string;
  readonly sqlStats: SqlStats | undefined;
  close(): Promise<void>;
}

type Logger = ReturnType<typeof createLogger>;

/** Starts the app on a free loopback port, seeds one tenant with `users` members and logs each in. */
export async function startChatApp(options: ChatAppOptions): Promise<ChatApp> {
  const scratch = await mkdtemp(join(tmpdir(), 'starter-bench-chat-'));
  let database: ThrowawayDatabase | undefined;
  const env: Record<string, string> = {
    // development: the app generates its signing keys on first start; production password hashing.
    ENVIRONMENT: 'development',
    LOG_LEVEL: 'info',
    AUTO_RUN_MIGRATIONS: 'true',
    DATA_DIR: join(scratch, 'data'),
    AUTH_KEY_STORAGE_PATH: join(scratch, 'keys', 'keyset.json'),
    STORAGE_LOCAL_PATH: join(scratch, 'storage'),
    ALLOWED_HOSTS: '*',
    // The per-user quotas of §7.10 (30 streams/min, 5 at once) would throttle the bench, not measure it.
    CHAT_STREAM_RATE_LIMIT_PER_MINUTE: '100000',
    CHAT_STREAM_CONCURRENT_LIMIT: '10000',
    CHAT_RATE_LIMIT_PER_MINUTE: '100000',
    DATABASE_PREPARED_STATEMENTS: String(options.preparedStatements ?? true),
  };
  if (options.profile === 'server') {
    database = await createThrowawayDatabase(options.adminUrl, {
      synchronousCommit: options.synchronousCommit,
    });
    env.DATABASE_URL = database.url;
    env.REDIS_URL = options.redisUrl;
    env.RATE_LIMIT_KEY_PREFIX = `bench-${randomBytes(6).toString('hex')}`;
  }
  const settings = loadSettings(env);
  const logger: Logger = createAppLogger({
    level: settings.logLevel,
    service: settings.appName,
    environment: settings.environment,
    version: settings.appVersion,
    // A real, asynchronously flushed sink: log lines are paid as in production.
    destination: createFileDestination('/dev/null'),
  });
  let deps: AppDependencies | undefined;
  let server: RunningServer | undefined;
  let app: ReturnType<typeof createApp> | undefined;
  const close = async () => {
    await server?.close();
    if (app) await chatServiceOf(app)?.close(10_000);
    if (deps) await closeDependencies(deps, logger);
    await database?.drop();
    await rm(scratch, { recursive: true, force: true });
  };
  try {
    deps = await createDependencies(settings, logger);
    await prepareDatabase(deps.database, settings, logger);
    const sqlStats = options.sqlStats ? instrumentDatabase(deps.database) : undefined;
    // The same runtime as production, on the demo model at a fixed token rate.
    await deps.agents.runtime.close();
    (deps as { agents: AppDependencies['agents'] }).agents = await createAgents({
      settings,
      database: deps.database,
      clock: deps.clock,
      modelProvider: createDemoModelProvider({ tokenDelayMs: options.tokenDelayMs }),
    });
    const { tenantId, users } = await seedBenchTenant(deps, options.users);
    app = createApp(deps);
    server = await startServer(app, { host: '127.0.0.1', port: 0, logger, shutdownTimeoutMs: 5000 });
    const base = `http://127.0.0.1:${server.port}`;
    const tokens: string[] = [];
    for (const user of users) tokens.push(await login(base, user, tenantId));
    const description =
      options.profile === 'embedded'
        ? 'embedded: PGlite (temp dir) + in-process KV'
        : `server: Postgres ${database?.name} + Redis ${options.redisUrl}`;
    return { base, port: server.port, deps, tokens, description, sqlStats, close };
  } catch (error) {
    await close();
    throw error;
  }
}

async function login(base: string, user: SeededUser, tenantId: string): Promise<string> {
  const response = await fetch(`${base}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: user.email, password: user.password, tenant_id: tenantId }),
  });
  if (response.status !== 200) throw new Error(`login failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

/** Rows in the durable ledger so far (the frames persisted). */
export async function ledgerRows(deps: AppDependencies): Promise<number> {
  const { rows } = await deps.database.query<{ n: number | string }>(
    'SELECT count(*)::int AS n FROM conversation_ledger_events',
  );
  return Number(rows[0]?.n ?? 0);
}

/** The ledger's highest row id: an index lookup, cheap enough to sample once a second under load. */
export async function ledgerHighWater(deps: AppDependencies): Promise<number> {
  const { rows } = await deps.database.query<{ n: number | string | null }>(
    'SELECT max(id)::bigint AS n FROM conversation_ledger_events',
  );
  return Number(rows[0]?.n ?? 0);
}
