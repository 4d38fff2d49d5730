import { describe, expect, it } from 'vitest';
import { loadSettings } from './load-settings.js';
import { SettingsError } from './settings-error.js';
import { PLACEHOLDER_SECRET_KEY } from './settings-schema.js';

function settingsError(env: Record<string, string>): SettingsError {
  try {
    loadSettings(env);
  } catch (error) {
    if (error instanceof SettingsError) return error;
    throw error;
  }
  throw new Error('expected a SettingsError');
}

const PRODUCTION_ENV = {
  ENVIRONMENT: 'production',
  SECRET_KEY: 'a'.repeat(48),
  DATABASE_URL: 'postgres://app:db-password@db:5432/app',
  REDIS_URL: 'redis://redis:6379/0',
  STORAGE_SIGNING_SECRET: 'b'.repeat(48),
  AUTH_JWKS_ETAG_SALT: 'c'.repeat(40),
  AUTH_REFRESH_TOKEN_PEPPER: 'd'.repeat(40),
  AUTH_PASSWORD_PEPPER: 'e'.repeat(40),
  AUTH_SESSION_ENCRYPTION_KEY: 'f'.repeat(40),
  AUTH_SESSION_IP_HASH_SALT: 'g'.repeat(40),
  AUTH_ONE_TIME_TOKEN_PEPPER: 'h'.repeat(40),
};

describe('loadSettings', () => {
  it('applies the documented defaults to an empty environment', () => {
    const settings = loadSettings({});
    expect(settings).toMatchObject({
      environment: 'development',
      profile: 'embedded',
      appName: 'api-service',
      appVersion: '1.0.0',
      appPublicUrl: 'http://localhost:3000',
      apiPublicUrl: 'http://localhost:8000',
      debug: false,
      host: '0.0.0.0',
      port: 8000,
      logLevel: 'info',
      loggingSinks: ['stdout'],
      cors: {
        origins: ['http://localhost:3000', 'http://localhost:8000'],
        methods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
        headers: ['*'],
      },
      maxRequestBodyBytes: 1_048_576,
      shutdownTimeoutSeconds: 25,
      autoRunMigrations: false,
      enableDocs: true,
      database: { kind: 'pglite', url: null, dataDir: 'var/data', poolSize: 5, poolMaxOverflow: 10 },
      kv: { kind: 'memory', url: null },
      rateLimitKeyPrefix: 'rate-limit',
      secretKey: PLACEHOLDER_SECRET_KEY,
      storage: {
        provider: 'local',
        localPath: 'var/storage',
        bucketPrefix: 'agent-data',
        signedUrlTtlSeconds: 900,
        maxFileBytes: 512 * 1024 * 1024,
        signingSecretDerived: true,
      },
      email: { smtpUrl: null },
      openaiApiKey: null,
      activityStreamEnabled: false,
    });
    expect(loadSettings({ ENABLE_ACTIVITY_STREAM: 'true' }).activityStreamEnabled).toBe(true);
    expect(settings.database).toMatchObject({
      poolTimeoutSeconds: 30,
      poolRecycleSeconds: 1800,
      healthTimeoutSeconds: 5,
      preparedStatements: true,
    });
    expect(loadSettings({ DATABASE_PREPARED_STATEMENTS: 'false' }).database.preparedStatements).toBe(false);
  });

  it('derives the storage signing secret from SECRET_KEY without reusing it', () => {
    const a = loadSettings({ SECRET_KEY: 'first-secret' }).storage.signingSecret;
    const b = loadSettings({ SECRET_KEY: 'second-secret' }).storage.signingSecret;
    expect(a).not.toBe(b);
    expect(a).not.toContain('first-secret');
    expect(loadSettings({ STORAGE_SIGNING_SECRET: 'explicit-signing-secret' }).storage).toMatchObject({
      signingSecret: 'explicit-signing-secret',
      signingSecretDerived: false,
    });
  });

  it('accepts variable names in any case, preferring the exact upper-case spelling', () => {
    const settings = loadSettings({ port: '9000', Log_Level: 'WARNING', debug: 'yes' });
    expect(settings).toMatchObject({ port: 9000, logLevel: 'warn', debug: true, allowedHosts: ['*'] });
    expect(loadSettings({ port: '9000', PORT: '9100' }).port).toBe(9100);
  });

  it('parses lists given as comma lists or JSON arrays', () => {
    const settings = loadSettings({
      ALLOWED_ORIGINS: 'https://a.example, https://b.example',
      ALLOWED_METHODS: '["GET","PATCH"]',
    });
    expect(settings.cors.origins).toEqual(['https://a.example', 'https://b.example']);
    expect(settings.cors.methods).toEqual(['GET', 'PATCH']);
  });

  it('treats blank values as unset', () => {
    expect(loadSettings({ PORT: '', SMTP_URL: '  ' })).toMatchObject({
      port: 8000,
      email: { smtpUrl: null },
    });
  });

  it('chooses the database and the key-value store independently', () => {
    const mixed = loadSettings({ DATABASE_URL: 'postgres://localhost/app' });
    expect(mixed.profile).toBe('production');
    expect(mixed.database.kind).toBe('postgres');
    expect(mixed.kv.kind).toBe('memory');
  });

  it('maps storage provider aliases', () => {
    expect(loadSettings({ STORAGE_PROVIDER: 'memory' }).storage.provider).toBe('local');
    const minio = loadSettings({ STORAGE_PROVIDER: 'MinIO', MINIO_ENDPOINT: 'http://minio:9000' });
    expect(minio.storage).toMatchObject({ provider: 's3', configuredProvider: 'minio' });
    expect(minio.storage.s3).toMatchObject({ endpoint: 'http://minio:9000', forcePathStyle: true });
  });

  it('turns docs off by default in production only', () => {
    expect(loadSettings({ ENVIRONMENT: 'staging' }).enableDocs).toBe(true);
    expect(loadSettings(PRODUCTION_ENV).enableDocs).toBe(false);
    expect(loadSettings({ ...PRODUCTION_ENV, ENABLE_DOCS: 'true' }).enableDocs).toBe(true);
  });

  it('lists every bad variable with a reason in one error', () => {
    const error = settingsError({
      PORT: 'eighty',
      ENVIRONMENT: 'qa',
      DEBUG: 'maybe',
      LOG_LEVEL: 'loud',
      MAX_REQUEST_BODY_BYTES: '-1',
      ALLOWED_ORIGINS: '["unterminated',
      DATABASE_URL: 'mysql://root:hunter2@db/app',
      STORAGE_SIGNING_SECRET: 'too-short',
    });
    expect(error.issues.map((issue) => issue.variable).sort()).toEqual(
      [
        'ALLOWED_ORIGINS',
        'DATABASE_URL',
        'DEBUG',
        'ENVIRONMENT',
        'LOG_LEVEL',
        'MAX_REQUEST_BODY_BYTES',
        'PORT',
        'STORAGE_SIGNING_SECRET',
      ].sort(),
    );
    expect(error.message).toContain('PORT: must be an integer from 0 to 65535');
    expect(error.message).toContain('ENVIRONMENT: must be one of: development, staging, production, test');
    expect(error.message).not.toContain('hunter2');
    expect(error.message).not.toContain('eighty');
    expect(error.message).not.toContain('too-short');
  });

  it('refuses storage providers and log sinks this build does not have', () => {
    const error = settingsError({
      STORAGE_PROVIDER: 'gcs',
      LOGGING_SINKS: 'stdout,datadog',
      EMAIL_FROM: 'nobody',
    });
    expect(error.issues.map((issue) => issue.variable)).toEqual([
      'EMAIL_FROM',
      'STORAGE_PROVIDER',
      'LOGGING_SINKS',
    ]);
    expect(error.message).toContain('STORAGE_PROVIDER: gcs is not available in this build');
    expect(error.message).toContain('LOGGING_SINKS: only "stdout" is available');
  });

  it('accepts a complete production configuration', () => {
    const settings = loadSettings(PRODUCTION_ENV);
    expect(settings).toMatchObject({ environment: 'production', profile: 'production' });
  });

  it('refuses development defaults in production, naming each, without echoing secrets', () => {
    const error = settingsError({ ENVIRONMENT: 'production' });
    expect(error.issues.map((issue) => issue.variable)).toEqual([
      'SECRET_KEY',
      'DATABASE_URL',
      'REDIS_URL',
      'STORAGE_SIGNING_SECRET',
      'AUTH_JWKS_ETAG_SALT',
      'AUTH_REFRESH_TOKEN_PEPPER',
      'AUTH_PASSWORD_PEPPER',
      'AUTH_SESSION_ENCRYPTION_KEY',
      'AUTH_SESSION_IP_HASH_SALT',
      'AUTH_ONE_TIME_TOKEN_PEPPER',
    ]);
    expect(error.message).toContain('placeholder');

    const short = settingsError({ ...PRODUCTION_ENV, SECRET_KEY: 'short-secret-value' });
    expect(short.issues).toEqual([
      { variable: 'SECRET_KEY', reason: 'must be at least 32 characters in production' },
    ]);
    expect(short.message).not.toContain('short-secret-value');
  });

  it('applies the spec defaults of the auth settings', () => {
    const { auth } = loadSettings({});
    expect(auth).toMatchObject({
      audiences: ['agent-api', 'analytics-service', 'billing-worker', 'support-console', 'synthetic-monitor'],
      accessTokenTtlSeconds: 30 * 60,
      refreshTokenTtlSeconds: 43_200 * 60,
      mfaChallengeTtlSeconds: 5 * 60,
      keyStorage: { backend: 'file', path: 'var/keys/keyset.json' },
      jwksMaxAgeSeconds: 300,
      passwordHistoryCount: 5,
      passwordHashCost: 'default',
      requireEmailVerification: true,
      lockout: { threshold: 5, windowMinutes: 60, durationMinutes: 60 },
      ipLockout: { threshold: 50, windowMinutes: 10, durationMinutes: 10 },
      signup: { accessPolicy: 'invite_only', perIpHour: 20, perIpDay: 100, perEmailDay: 3, perDomainDay: 20 },
      rateLimits: { mfaVerifyPerUserHour: 10, mfaVerifyPerIpHour: 20 },
    });
  });

  it('refuses key backends this build lacks and test password hashing outside tests', () => {
    const error = settingsError({
      AUTH_KEY_STORAGE_BACKEND: 'secret-manager',
      AUTH_PASSWORD_HASH_COST: 'test',
    });
    expect(error.issues.map((issue) => issue.variable)).toEqual([
      'AUTH_KEY_STORAGE_BACKEND',
      'AUTH_PASSWORD_HASH_COST',
    ]);
    expect(loadSettings({ ENVIRONMENT: 'test', AUTH_PASSWORD_HASH_COST: 'test' }).auth.passwordHashCost).toBe(
      'test',
    );
    expect(settingsError({ SIGNUP_ACCESS_POLICY: 'everyone' }).issues[0]?.variable).toBe(
      'SIGNUP_ACCESS_POLICY',
    );
  });

  it('gives one-time tokens their own pepper, apart from SECRET_KEY and the refresh pepper', () => {
    const development = loadSettings({});
    expect(development.auth.oneTimeTokenPepper).toBe('dev-only-one-time-token-pepper-change-me');
    expect(development.auth.oneTimeTokenPepper).not.toBe(development.secretKey);
    expect(loadSettings(PRODUCTION_ENV).auth.oneTimeTokenPepper).toBe('h'.repeat(40));
    const short = settingsError({ ...PRODUCTION_ENV, AUTH_ONE_TIME_TOKEN_PEPPER: 'short-pepper' });
    expect(short.issues).toEqual([
      { variable: 'AUTH_ONE_TIME_TOKEN_PEPPER', reason: 'must be at least 32 characters in production' },
    ]);
  });

  it('refuses short auth secrets in production without echoing them', () => {
    const error = settingsError({ ...PRODUCTION_ENV, AUTH_REFRESH_TOKEN_PEPPER: 'too-short-pepper' });
    expect(error.issues).toEqual([
      { variable: 'AUTH_REFRESH_TOKEN_PEPPER', reason: 'must be at least 32 characters in production' },
    ]);
    expect(error.message).not.toContain('too-short-pepper');
  });
});
