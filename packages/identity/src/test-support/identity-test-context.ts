/**
 * Shared set-up for the identity service tests: a migrated test database,
 * a key-value store, a cheap password hasher and a token service; the seeding
 * helpers live in `identity-test-seed.ts` and are re-exported here.
 * Test-only; excluded from the published build.
 */
import { randomUUID } from 'node:crypto';
import { AppError, type KeyValueStore, type Logger } from '@starter/contracts';
import {
  createKysely,
  createMemoryKeyValueStore,
  createMigrator,
  createRedisKeyValueStore,
} from '@starter/providers';
import {
  createManualClock,
  createTestDatabase,
  type ManualClock,
  type TestDatabase,
  testProfile,
} from '@starter/providers/testing';
import type { Kysely } from 'kysely';
import { createKeyManager } from '../keys/key-manager.js';
import { createMemoryKeysetStore } from '../keys/memory-keyset-store.js';
import { identityMigrations } from '../migrations/identity-migrations.js';
import { createPasswordHasher, type PasswordHasher } from '../passwords/password-hasher.js';
import { createPasswordPolicy, type PasswordPolicy } from '../passwords/password-policy.js';
import type { IdentityDatabase } from '../schema/identity-database.js';
import { createTokenService, type TokenService } from '../tokens/token-service.js';

export { createTestIssueSession, seedTenant, seedTenantWithOwner, seedUser } from './identity-test-seed.js';

/** A logger that appends every entry, as one JSON line, to `lines`. */
export function createCapturingLogger(lines: string[], bindings: Record<string, unknown> = {}): Logger {
  const log = (level: string) => (fields: Record<string, unknown>, message?: string) => {
    lines.push(JSON.stringify({ level, ...bindings, ...fields, message }));
  };
  return {
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    child: (more) => createCapturingLogger(lines, { ...bindings, ...more }),
  };
}

/**
 * Awaits a promise that must reject and returns the rejection as an AppError.
 * Throws when it resolves; with `requireAppError`, also when the rejection is not an AppError.
 */
export async function rejectionOf(
  promise: Promise<unknown>,
  options: { requireAppError?: boolean } = {},
): Promise<AppError> {
  const outcome = await promise.then(
    () => ({ rejected: false as const }),
    (error: unknown) => ({ rejected: true as const, error }),
  );
  if (options.requireAppError && !(outcome.rejected && outcome.error instanceof AppError)) {
    throw new Error(`expected an AppError, got ${outcome.rejected ? String(outcome.error) : 'undefined'}`);
  }
  if (!outcome.rejected) throw new Error('expected a rejection');
  return outcome.error as AppError;
}

/** A low-cost Argon2 hasher, fast enough for tests. */
export function createTestPasswordHasher(pepper = 'pepper', memoryCost = 1024): PasswordHasher {
  return createPasswordHasher({ pepper, cost: { memoryCost, timeCost: 1, parallelism: 1 } });
}

/** Redis (under a unique key prefix) when REDIS_URL is set, otherwise an in-memory store. */
export function createTestKeyValueStore(keyPrefix: string): KeyValueStore {
  const { redisUrl } = testProfile();
  return redisUrl ? createRedisKeyValueStore({ url: redisUrl, keyPrefix }) : createMemoryKeyValueStore();
}

/** A token service over a fresh in-memory keyset. */
export async function createTestTokenService(
  clock: ManualClock,
  issuer = 'api-service',
): Promise<TokenService> {
  const keys = createKeyManager({ store: createMemoryKeysetStore(), clock });
  await keys.ensureKeyset();
  return createTokenService({
    keys,
    clock,
    issuer,
    audiences: ['agent-api'],
    accessTtlSeconds: 1800,
    refreshTtlSeconds: 86_400,
    mfaChallengeTtlSeconds: 300,
  });
}

export interface IdentityTestContextOptions {
  /** Reuse a clock the test already holds; defaults to a manual clock at `Date.now()`. */
  clock?: ManualClock;
  /** Key prefix for the key-value store; defaults to a unique one. */
  kvPrefix?: string;
  /** Issuer of the token service; defaults to `api-service`. */
  tokenIssuer?: string;
  hasherPepper?: string;
  hasherMemoryCost?: number;
}

export interface IdentityTestContext {
  database: TestDatabase;
  db: Kysely<IdentityDatabase>;
  clock: ManualClock;
  hasher: PasswordHasher;
  policy: PasswordPolicy;
  kv: KeyValueStore;
  tokens: TokenService;
  /** Closes the key-value store and drops the database. */
  dispose(): Promise<void>;
}

/** Creates a migrated identity database plus a key-value store, hasher, policy and token service. */
export async function createIdentityTestContext(
  options: IdentityTestContextOptions = {},
): Promise<IdentityTestContext> {
  const clock = options.clock ?? createManualClock(Date.now());
  const database = await createTestDatabase();
  await createMigrator(database, [identityMigrations]).up();
  const db = createKysely<IdentityDatabase>(database);
  const kv = createTestKeyValueStore(options.kvPrefix ?? `test:identity:${randomUUID()}:`);
  const tokens = await createTestTokenService(clock, options.tokenIssuer);
  return {
    database,
    db,
    clock,
    hasher: createTestPasswordHasher(options.hasherPepper, options.hasherMemoryCost),
    policy: createPasswordPolicy(),
    kv,
    tokens,
    dispose: async () => {
      await kv.close();
      await database.drop();
    },
  };
}
