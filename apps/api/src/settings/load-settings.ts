import { createHmac } from 'node:crypto';
import { isEmailAddress } from '@starter/providers';
import { agentCrossChecks, buildAgentSettings } from './agent-settings.js';
import { authCrossChecks, authProductionRefusals, buildAuthSettings } from './auth-settings.js';
import { buildServiceAccountSettings, serviceAccountCrossChecks } from './service-account-settings.js';
import type { Settings } from './settings.js';
import { SettingsError, type SettingsIssue } from './settings-error.js';
import { envSchema, KNOWN_VARIABLES, type ParsedEnv, PLACEHOLDER_SECRET_KEY } from './settings-schema.js';

const MIN_PRODUCTION_SECRET_LENGTH = 32;
const SUPPORTED_LOGGING_SINKS = new Set(['stdout']);

/**
 * Reads the service configuration from an environment map (normally `process.env`). Variable names are
 * case-insensitive. Throws `SettingsError` listing every bad variable; messages never contain values.
 */
export function loadSettings(env: Record<string, string | undefined>): Settings {
  const parsed = envSchema.safeParse(normalizeNames(env));
  if (!parsed.success) {
    throw new SettingsError(
      parsed.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? 'environment'),
        reason: issue.message,
      })),
    );
  }
  const settings = buildSettings(parsed.data);
  const issues = [
    ...crossChecks(parsed.data),
    ...authCrossChecks(parsed.data),
    ...serviceAccountCrossChecks(parsed.data),
    ...agentCrossChecks(parsed.data),
    ...productionRefusals(settings),
    ...authProductionRefusals(parsed.data),
  ];
  if (issues.length > 0) throw new SettingsError(issues);
  return settings;
}

/** Upper-cases known names; an exact upper-case name wins over another spelling of it. */
function normalizeNames(env: Record<string, string | undefined>): Record<string, string | undefined> {
  const known = new Set(KNOWN_VARIABLES);
  const result: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(env)) {
    const upper = name.toUpperCase();
    if (!known.has(upper) || value === undefined) continue;
    if (name === upper || result[upper] === undefined) result[upper] = value;
  }
  return result;
}

function buildSettings(env: ParsedEnv): Settings {
  const signingSecret = env.STORAGE_SIGNING_SECRET ?? deriveSecret(env.SECRET_KEY, 'storage-signed-urls');
  const isMinio = env.STORAGE_PROVIDER === 'minio';
  return {
    environment: env.ENVIRONMENT,
    profile: env.DATABASE_URL === undefined && env.REDIS_URL === undefined ? 'embedded' : 'production',
    appName: env.APP_NAME,
    appVersion: env.APP_VERSION,
    appPublicUrl: env.APP_PUBLIC_URL,
    apiPublicUrl: (env.API_PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ''),
    debug: env.DEBUG,
    host: env.HOST,
    port: env.PORT,
    logLevel: env.LOG_LEVEL,
    loggingSinks: env.LOGGING_SINKS,
    cors: { origins: env.ALLOWED_ORIGINS, methods: env.ALLOWED_METHODS, headers: env.ALLOWED_HEADERS },
    allowedHosts: env.DEBUG ? ['*'] : env.ALLOWED_HOSTS,
    maxRequestBodyBytes: env.MAX_REQUEST_BODY_BYTES,
    shutdownTimeoutSeconds: env.SHUTDOWN_TIMEOUT_SECONDS,
    autoRunMigrations: env.AUTO_RUN_MIGRATIONS,
    enableDocs: env.ENABLE_DOCS ?? env.ENVIRONMENT !== 'production',
    database: {
      kind: env.DATABASE_URL === undefined ? 'pglite' : 'postgres',
      url: env.DATABASE_URL ?? null,
      dataDir: env.DATA_DIR,
      poolSize: env.DATABASE_POOL_SIZE,
      poolMaxOverflow: env.DATABASE_POOL_MAX_OVERFLOW,
      poolTimeoutSeconds: env.DATABASE_POOL_TIMEOUT_SECONDS,
      poolRecycleSeconds: env.DATABASE_POOL_RECYCLE_SECONDS,
      healthTimeoutSeconds: env.DATABASE_HEALTH_TIMEOUT_SECONDS,
      preparedStatements: env.DATABASE_PREPARED_STATEMENTS,
    },
    kv: { kind: env.REDIS_URL === undefined ? 'memory' : 'redis', url: env.REDIS_URL ?? null },
    rateLimitKeyPrefix: env.RATE_LIMIT_KEY_PREFIX,
    secretKey: env.SECRET_KEY,
    storage: {
      provider: env.STORAGE_PROVIDER === 's3' || isMinio ? 's3' : 'local',
      configuredProvider: env.STORAGE_PROVIDER,
      localPath: env.STORAGE_LOCAL_PATH,
      bucketPrefix: env.STORAGE_BUCKET_PREFIX,
      signedUrlTtlSeconds: env.STORAGE_SIGNED_URL_TTL_SECONDS,
      maxFileBytes: env.STORAGE_MAX_FILE_MB * 1024 * 1024,
      signingSecret,
      signingSecretDerived: env.STORAGE_SIGNING_SECRET === undefined,
      s3: {
        bucket: env.S3_BUCKET ?? env.STORAGE_BUCKET_PREFIX,
        endpoint: env.S3_ENDPOINT ?? env.MINIO_ENDPOINT ?? null,
        region: env.S3_REGION ?? null,
        accessKeyId: env.S3_ACCESS_KEY_ID ?? env.MINIO_ACCESS_KEY ?? null,
        secretAccessKey: env.S3_SECRET_ACCESS_KEY ?? env.MINIO_SECRET_KEY ?? null,
        // MinIO serves buckets under the path, not as sub-domains.
        forcePathStyle: env.S3_FORCE_PATH_STYLE ?? isMinio,
      },
    },
    email: { smtpUrl: env.SMTP_URL ?? null, from: env.EMAIL_FROM },
    openaiApiKey: env.OPENAI_API_KEY ?? null,
    activityStreamEnabled: env.ENABLE_ACTIVITY_STREAM,
    auth: buildAuthSettings(env),
    serviceAccounts: buildServiceAccountSettings(env),
    agents: buildAgentSettings(env),
  };
}

/** A purpose-bound key derived from SECRET_KEY, so the secret itself is never reused as-is. */
function deriveSecret(secretKey: string, purpose: string): string {
  return createHmac('sha256', secretKey).update(`starter:${purpose}`).digest('base64url');
}

/** Rules beyond one value's format: choices this build lacks, and values other variables make required. */
function crossChecks(env: ParsedEnv): SettingsIssue[] {
  const issues: SettingsIssue[] = [];
  if (!isEmailAddress(env.EMAIL_FROM)) {
    issues.push({
      variable: 'EMAIL_FROM',
      reason: 'must be an address like user@example.com or Name <user@example.com>',
    });
  }
  if (env.STORAGE_PROVIDER === 'gcs' || env.STORAGE_PROVIDER === 'azure_blob') {
    issues.push({
      variable: 'STORAGE_PROVIDER',
      reason: `${env.STORAGE_PROVIDER} is not available in this build; use local, s3 or minio`,
    });
  }
  const unsupported = env.LOGGING_SINKS.filter((sink) => !SUPPORTED_LOGGING_SINKS.has(sink.toLowerCase()));
  if (unsupported.length > 0 || env.LOGGING_SINKS.length === 0) {
    issues.push({ variable: 'LOGGING_SINKS', reason: 'only "stdout" is available in this build' });
  }
  if (env.STORAGE_PROVIDER === 'minio' && env.S3_ENDPOINT === undefined && env.MINIO_ENDPOINT === undefined) {
    issues.push({
      variable: 'S3_ENDPOINT',
      reason: 'is required when STORAGE_PROVIDER=minio (or set MINIO_ENDPOINT)',
    });
  }
  return issues;
}

/** What a production deployment must not run with: development secrets and single-process stores. */
function productionRefusals(settings: Settings): SettingsIssue[] {
  if (settings.environment !== 'production') return [];
  const issues: SettingsIssue[] = [];
  if (settings.secretKey === PLACEHOLDER_SECRET_KEY) {
    issues.push({
      variable: 'SECRET_KEY',
      reason: 'must be set in production (the development placeholder is refused)',
    });
  } else if (settings.secretKey.length < MIN_PRODUCTION_SECRET_LENGTH) {
    issues.push({
      variable: 'SECRET_KEY',
      reason: `must be at least ${MIN_PRODUCTION_SECRET_LENGTH} characters in production`,
    });
  }
  if (settings.database.kind !== 'postgres') {
    issues.push({
      variable: 'DATABASE_URL',
      reason: 'is required in production (the embedded PGlite database is refused)',
    });
  }
  if (settings.kv.kind !== 'redis') {
    issues.push({
      variable: 'REDIS_URL',
      reason: 'is required in production (the in-process key-value store is refused)',
    });
  }
  if (settings.storage.provider === 'local' && settings.storage.signingSecretDerived) {
    issues.push({
      variable: 'STORAGE_SIGNING_SECRET',
      reason: 'must be set in production when STORAGE_PROVIDER is local',
    });
  }
  return issues;
}
