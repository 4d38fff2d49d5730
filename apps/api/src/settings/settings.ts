import type { AgentSettings } from './agent-settings.js';
import type { ServiceAccountSettings } from './service-account-settings.js';
import type { ENVIRONMENTS, LOG_LEVELS } from './settings-schema.js';

export type Environment = (typeof ENVIRONMENTS)[number];
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * `embedded` when neither DATABASE_URL nor REDIS_URL is set (PGlite + in-process KV), `production`
 * otherwise. The database and the key-value store are still chosen independently (see `database.kind`
 * and `kv.kind`), so a mixed setup such as Postgres with the in-process KV works for a single replica.
 */
export type Profile = 'embedded' | 'production';

export interface DatabaseSettings {
  kind: 'pglite' | 'postgres';
  /** Set when `kind` is `postgres`. */
  url: string | null;
  /** PGlite data directory, used when `kind` is `pglite`. */
  dataDir: string;
  poolSize: number;
  poolMaxOverflow: number;
  poolTimeoutSeconds: number;
  poolRecycleSeconds: number;
  healthTimeoutSeconds: number;
  /** Postgres: keep the hot statements the packages mark prepared on each session (off behind old poolers). */
  preparedStatements: boolean;
}

export interface KvSettings {
  kind: 'memory' | 'redis';
  /** Set when `kind` is `redis`. */
  url: string | null;
}

export interface S3Settings {
  bucket: string;
  endpoint: string | null;
  region: string | null;
  accessKeyId: string | null;
  secretAccessKey: string | null;
  forcePathStyle: boolean;
}

export interface StorageSettings {
  provider: 'local' | 's3';
  /** The name given in STORAGE_PROVIDER (`memory` and `minio` are aliases). */
  configuredProvider: string;
  localPath: string;
  bucketPrefix: string;
  signedUrlTtlSeconds: number;
  /** Largest object accepted through a signed upload URL. */
  maxFileBytes: number;
  signingSecret: string;
  /** True when the signing secret was derived from SECRET_KEY rather than set. */
  signingSecretDerived: boolean;
  s3: S3Settings;
}

export interface EmailSettings {
  smtpUrl: string | null;
  from: string;
}

export interface CorsSettings {
  origins: string[];
  methods: string[];
  headers: string[];
}

/** The validated configuration of the service, built once by `loadSettings`. */
export interface Settings {
  environment: Environment;
  profile: Profile;
  appName: string;
  appVersion: string;
  /** The frontend's public URL (links in emails). */
  appPublicUrl: string;
  /** This API's public URL (signed storage URLs); defaults to `http://localhost:<PORT>`. */
  apiPublicUrl: string;
  debug: boolean;
  host: string;
  port: number;
  logLevel: LogLevel;
  loggingSinks: string[];
  cors: CorsSettings;
  /** Trusted hosts; `*` when DEBUG is on. */
  allowedHosts: string[];
  maxRequestBodyBytes: number;
  shutdownTimeoutSeconds: number;
  autoRunMigrations: boolean;
  enableDocs: boolean;
  database: DatabaseSettings;
  kv: KvSettings;
  rateLimitKeyPrefix: string;
  secretKey: string;
  storage: StorageSettings;
  email: EmailSettings;
  openaiApiKey: string | null;
  /** ENABLE_ACTIVITY_STREAM: also publish each activity event to the tenant's KV stream (spec §10.3). */
  activityStreamEnabled: boolean;
  auth: AuthSettings;
  serviceAccounts: ServiceAccountSettings;
  agents: AgentSettings;
}

/** Lockout thresholds: failures within a window lead to a block of a duration (spec §7.5). */
export interface LockoutSettings {
  threshold: number;
  windowMinutes: number;
  durationMinutes: number;
}

/** Signup policy and its rate limits (spec §7.6, §7.10), read by the signup routes. */
export interface SignupSettings {
  accessPolicy: 'public' | 'invite_only' | 'approval';
  perIpHour: number;
  perIpDay: number;
  perEmailDay: number;
  perDomainDay: number;
  concurrentRequests: number;
  inviteReservationTtlSeconds: number;
}

/** Hourly limits of the auth flows that send mail or check second factors (spec §7.10). */
export interface AuthRateLimitSettings {
  mfaVerifyPerUserHour: number;
  mfaVerifyPerIpHour: number;
  passwordResetPerEmailHour: number;
  passwordResetPerIpHour: number;
  emailVerificationPerUserHour: number;
  emailVerificationPerIpHour: number;
}

/** Tokens, keys, secrets, passwords and lockout (spec §11 Auth/JWT). */
export interface AuthSettings {
  /** AUTH_AUDIENCE: `aud` of access tokens and the audiences accepted. */
  audiences: string[];
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  mfaChallengeTtlSeconds: number;
  keyStorage: { backend: 'file'; path: string };
  jwksMaxAgeSeconds: number;
  jwksEtagSalt: string;
  refreshTokenPepper: string;
  passwordPepper: string;
  sessionEncryptionKey: string;
  sessionIpHashSalt: string;
  /** AUTH_ONE_TIME_TOKEN_PEPPER: key of the stored hashes of verification, reset and invite tokens. */
  oneTimeTokenPepper: string;
  passwordHistoryCount: number;
  /** `test` selects cheap argon2 parameters; only accepted when ENVIRONMENT=test. */
  passwordHashCost: 'default' | 'test';
  requireEmailVerification: boolean;
  emailVerificationTokenTtlSeconds: number;
  passwordResetTokenTtlSeconds: number;
  lockout: LockoutSettings;
  ipLockout: LockoutSettings;
  signup: SignupSettings;
  rateLimits: AuthRateLimitSettings;
}
