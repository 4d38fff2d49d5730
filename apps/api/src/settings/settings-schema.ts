import { z } from 'zod';
import { agentEnvShape } from './agent-settings.js';
import { authEnvShape } from './auth-settings-schema.js';
import {
  envBoolean,
  envChoice,
  envInt,
  envList,
  envOptionalBoolean,
  envOptionalSecret,
  envOptionalString,
  envOptionalUrl,
  envString,
  envUrl,
} from './env-values.js';
import { serviceAccountEnvShape } from './service-account-settings.js';

/** The development placeholder of `SECRET_KEY`; production refuses it. */
export const PLACEHOLDER_SECRET_KEY = 'dev-only-insecure-secret-key-change-me';

export const ENVIRONMENTS = ['development', 'staging', 'production', 'test'] as const;
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;

const LOG_LEVEL_ALIASES = { warning: 'warn', critical: 'fatal' } as const;

/**
 * Storage providers as named by the spec. `memory` is the spec's name of the embedded store and maps to
 * the local filesystem adapter; `gcs` and `azure_blob` parse, so the settings error can say they are not
 * available rather than "unknown value".
 */
export const STORAGE_PROVIDERS = ['local', 'memory', 's3', 'minio', 'gcs', 'azure_blob'] as const;

const MIB = 1024 * 1024;

/**
 * The environment variables this service reads, by their upper-case names. Each entry parses the raw
 * string (or undefined) into a typed value with the documented default.
 */
export const envSchema = z.object({
  ENVIRONMENT: envChoice('development', ENVIRONMENTS),
  APP_NAME: envString('api-service'),
  APP_VERSION: envString('1.0.0'),
  APP_PUBLIC_URL: envUrl('http://localhost:3000'),
  API_PUBLIC_URL: envOptionalUrl(['http:', 'https:']),
  DEBUG: envBoolean(false),
  HOST: envString('0.0.0.0'),
  PORT: envInt(8000, 0, 65_535),
  LOG_LEVEL: envChoice('info', LOG_LEVELS, LOG_LEVEL_ALIASES),
  LOGGING_SINKS: envList(['stdout']),
  ALLOWED_ORIGINS: envList(['http://localhost:3000', 'http://localhost:8000']),
  ALLOWED_METHODS: envList(['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS']),
  ALLOWED_HEADERS: envList(['*']),
  ALLOWED_HOSTS: envList(['localhost', '127.0.0.1', '::1']),
  MAX_REQUEST_BODY_BYTES: envInt(MIB, 1024, 1024 * MIB),
  SHUTDOWN_TIMEOUT_SECONDS: envInt(25, 0, 3600),
  AUTO_RUN_MIGRATIONS: envBoolean(false),
  ENABLE_DOCS: envOptionalBoolean(),
  DATA_DIR: envString('var/data'),
  DATABASE_URL: envOptionalUrl(['postgres:', 'postgresql:']),
  DATABASE_POOL_SIZE: envInt(5, 1, 1000),
  DATABASE_POOL_MAX_OVERFLOW: envInt(10, 0, 1000),
  DATABASE_POOL_TIMEOUT_SECONDS: envInt(30, 1, 3600),
  DATABASE_POOL_RECYCLE_SECONDS: envInt(1800, 0, 86_400),
  DATABASE_HEALTH_TIMEOUT_SECONDS: envInt(5, 1, 300),
  DATABASE_PREPARED_STATEMENTS: envBoolean(true),
  REDIS_URL: envOptionalUrl(['redis:', 'rediss:']),
  RATE_LIMIT_KEY_PREFIX: envString('rate-limit'),
  SECRET_KEY: envString(PLACEHOLDER_SECRET_KEY),
  STORAGE_PROVIDER: envChoice('local', STORAGE_PROVIDERS),
  STORAGE_LOCAL_PATH: envString('var/storage'),
  STORAGE_BUCKET_PREFIX: envString('agent-data'),
  STORAGE_SIGNED_URL_TTL_SECONDS: envInt(900, 1, 7 * 24 * 3600),
  STORAGE_MAX_FILE_MB: envInt(512, 1, 5 * 1024 * 1024),
  STORAGE_SIGNING_SECRET: envOptionalSecret(16),
  S3_BUCKET: envOptionalString(),
  S3_ENDPOINT: envOptionalUrl(['http:', 'https:']),
  S3_REGION: envOptionalString(),
  S3_ACCESS_KEY_ID: envOptionalString(),
  S3_SECRET_ACCESS_KEY: envOptionalString(),
  S3_FORCE_PATH_STYLE: envOptionalBoolean(),
  MINIO_ENDPOINT: envOptionalUrl(['http:', 'https:']),
  MINIO_ACCESS_KEY: envOptionalString(),
  MINIO_SECRET_KEY: envOptionalString(),
  SMTP_URL: envOptionalUrl(['smtp:', 'smtps:']),
  EMAIL_FROM: envString('Starter <no-reply@localhost>'),
  OPENAI_API_KEY: envOptionalString(),
  ENABLE_ACTIVITY_STREAM: envBoolean(false),
  ...authEnvShape,
  ...serviceAccountEnvShape,
  ...agentEnvShape,
});

/** The parsed variables, before the cross-variable rules of `loadSettings`. */
export type ParsedEnv = z.infer<typeof envSchema>;

/** Upper-case names of every variable read, for case-insensitive lookup. */
export const KNOWN_VARIABLES: readonly string[] = Object.keys(envSchema.shape);
