import type { Clock, KeyValueStore, Logger, SqlDatabase } from '@starter/contracts';
import {
  type ActivityRecorder,
  type Argon2Cost,
  createActivityRecorder,
  createActivityStreamPublisher,
  createConsentsRepository,
  createKeyManager,
  createLoginEventsRepository,
  createLoginThrottle,
  createMembershipsRepository,
  createMfaRepository,
  createNotificationPreferencesRepository,
  createPasswordHasher,
  createPasswordPolicy,
  createSecretBox,
  createSecurityEventsRepository,
  createSessionService,
  createSessionsRepository,
  createTenantSettingsRepository,
  createTenantsRepository,
  createTokenService,
  createUsersRepository,
  type IdentityDatabase,
  type KeyManager,
  type KeysetStore,
  type LoginThrottle,
  type PasswordHasher,
  type PasswordPolicy,
  type SecretBox,
  type SessionService,
  type TokenService,
} from '@starter/identity';
import { createKysely, createRateLimiter, type RateLimiter } from '@starter/providers';
import type { AppMetrics } from '../observability/metrics.js';
import type { Settings } from '../settings/index.js';

/** Kysely typed with the identity tables (apps/api has no direct kysely dependency). */
export type IdentityDb = ReturnType<typeof createKysely<IdentityDatabase>>;

// Cheap argon2id for tests only (settings refuse `test` outside ENVIRONMENT=test).
const TEST_ARGON2_COST: Argon2Cost = { memoryCost: 1024, timeCost: 1, parallelism: 1 };

/** The identity repositories over the app's database. */
export interface IdentityRepositories {
  users: ReturnType<typeof createUsersRepository>;
  tenants: ReturnType<typeof createTenantsRepository>;
  tenantSettings: ReturnType<typeof createTenantSettingsRepository>;
  memberships: ReturnType<typeof createMembershipsRepository>;
  sessions: ReturnType<typeof createSessionsRepository>;
  mfa: ReturnType<typeof createMfaRepository>;
  securityEvents: ReturnType<typeof createSecurityEventsRepository>;
  loginEvents: ReturnType<typeof createLoginEventsRepository>;
  consents: ReturnType<typeof createConsentsRepository>;
  notificationPreferences: ReturnType<typeof createNotificationPreferencesRepository>;
}

/** Everything the auth routes and later identity flows run on, built once per process. */
export interface Identity {
  db: IdentityDb;
  keys: KeyManager;
  tokens: TokenService;
  passwords: PasswordHasher;
  passwordPolicy: PasswordPolicy;
  throttle: LoginThrottle;
  rateLimiter: RateLimiter;
  /** AES-GCM with AUTH_SESSION_ENCRYPTION_KEY: TOTP secrets, session IPs. */
  secretBox: SecretBox;
  repositories: IdentityRepositories;
  sessions: SessionService;
  /** The tenant activity log (spec §10.3) every identity flow records into. */
  activity: ActivityRecorder;
}

/** What `createIdentity` wires together. */
export interface IdentityInput {
  settings: Settings;
  database: SqlDatabase;
  kv: KeyValueStore;
  clock: Clock;
  logger: Logger;
  metrics: AppMetrics;
  /** The file keyset store in a service, a memory store in tests. */
  keysetStore: KeysetStore;
}

/** Builds the identity kernel. Pure wiring: no I/O until a method is called. */
export function createIdentity(input: IdentityInput): Identity {
  const { settings, clock, metrics, kv } = input;
  const { auth } = settings;
  const logger = input.logger.child({ logger: 'identity' });
  const db = createKysely<IdentityDatabase>(input.database);
  const keys = createKeyManager({ store: input.keysetStore, clock, etagSalt: auth.jwksEtagSalt });
  const tokens = createTokenService({
    keys,
    clock,
    issuer: settings.appName,
    audiences: auth.audiences,
    accessTtlSeconds: auth.accessTokenTtlSeconds,
    refreshTtlSeconds: auth.refreshTokenTtlSeconds,
    mfaChallengeTtlSeconds: auth.mfaChallengeTtlSeconds,
    metrics: metrics.tokens,
  });
  const passwords = createPasswordHasher({
    pepper: auth.passwordPepper,
    ...(auth.passwordHashCost === 'test' ? { cost: TEST_ARGON2_COST } : {}),
  });
  const throttle = createLoginThrottle({
    kv,
    clock,
    logger,
    userThreshold: auth.lockout.threshold,
    userWindowMinutes: auth.lockout.windowMinutes,
    userLockMinutes: auth.lockout.durationMinutes,
    ipThreshold: auth.ipLockout.threshold,
    ipWindowMinutes: auth.ipLockout.windowMinutes,
    ipBlockMinutes: auth.ipLockout.durationMinutes,
  });
  const secretBox = createSecretBox(auth.sessionEncryptionKey);
  const activity = createActivityRecorder({
    db,
    clock,
    ipHashSalt: auth.sessionIpHashSalt,
    ...(settings.activityStreamEnabled ? { stream: createActivityStreamPublisher({ kv, logger }) } : {}),
  });
  const rateLimiter = createRateLimiter({
    kv,
    prefix: settings.rateLimitKeyPrefix,
    logger,
    clock,
    onHit: (quota, scope) => metrics.rateLimitHitsTotal.labels(quota, scope).inc(),
  });
  return {
    db,
    keys,
    tokens,
    passwords,
    passwordPolicy: createPasswordPolicy({ historyCount: auth.passwordHistoryCount }),
    throttle,
    rateLimiter,
    secretBox,
    repositories: {
      users: createUsersRepository(db),
      tenants: createTenantsRepository(db),
      tenantSettings: createTenantSettingsRepository(db),
      memberships: createMembershipsRepository(db),
      sessions: createSessionsRepository(db),
      mfa: createMfaRepository(db),
      securityEvents: createSecurityEventsRepository(db),
      loginEvents: createLoginEventsRepository(db),
      consents: createConsentsRepository(db),
      notificationPreferences: createNotificationPreferencesRepository(db),
    },
    sessions: createSessionService({
      db,
      tokens,
      passwords,
      throttle,
      secretBox,
      secrets: { refreshTokenPepper: auth.refreshTokenPepper, ipHashSalt: auth.sessionIpHashSalt },
      clock,
      logger,
      activity,
    }),
    activity,
  };
}
