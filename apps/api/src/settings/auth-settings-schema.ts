import { envBoolean, envChoice, envInt, envList, envOptionalString, envString } from './env-values.js';

/** Development placeholders of the auth secrets; ENVIRONMENT=production refuses each of them. */
export const AUTH_SECRET_PLACEHOLDERS = {
  AUTH_JWKS_ETAG_SALT: 'dev-only-jwks-etag-salt-change-me',
  AUTH_REFRESH_TOKEN_PEPPER: 'dev-only-refresh-token-pepper-change-me',
  AUTH_PASSWORD_PEPPER: 'dev-only-password-pepper-change-me',
  AUTH_SESSION_ENCRYPTION_KEY: 'dev-only-session-encryption-key-change-me',
  AUTH_SESSION_IP_HASH_SALT: 'dev-only-session-ip-hash-salt-change-me',
  AUTH_ONE_TIME_TOKEN_PEPPER: 'dev-only-one-time-token-pepper-change-me',
} as const;

/** The spec §7.1 default audiences of access tokens. */
export const DEFAULT_AUTH_AUDIENCES = [
  'agent-api',
  'analytics-service',
  'billing-worker',
  'support-console',
  'synthetic-monitor',
] as const;

// Parsed so the settings error can name the unsupported backend instead of "unknown value".
export const KEY_STORAGE_BACKENDS = ['file', 'secret-manager'] as const;
export const PASSWORD_HASH_COSTS = ['default', 'test'] as const;
export const SIGNUP_ACCESS_POLICIES = ['public', 'invite_only', 'approval'] as const;

const DAY_MINUTES = 24 * 60;

/** Auth, lockout, signup and auth rate-limit variables (spec §11 Auth/JWT, Rate limits, Signup). */
export const authEnvShape = {
  AUTH_AUDIENCE: envList(DEFAULT_AUTH_AUDIENCES),
  ACCESS_TOKEN_EXPIRE_MINUTES: envInt(30, 1, DAY_MINUTES),
  AUTH_REFRESH_TOKEN_TTL_MINUTES: envInt(43_200, 5, 365 * DAY_MINUTES),
  MFA_CHALLENGE_TTL_MINUTES: envInt(5, 1, 60),
  AUTH_KEY_STORAGE_BACKEND: envChoice('file', KEY_STORAGE_BACKENDS, { secret_manager: 'secret-manager' }),
  AUTH_KEY_STORAGE_PATH: envString('var/keys/keyset.json'),
  AUTH_KEY_SECRET_NAME: envOptionalString(),
  AUTH_JWKS_MAX_AGE_SECONDS: envInt(300, 0, 86_400),
  AUTH_JWKS_ETAG_SALT: envString(AUTH_SECRET_PLACEHOLDERS.AUTH_JWKS_ETAG_SALT),
  AUTH_REFRESH_TOKEN_PEPPER: envString(AUTH_SECRET_PLACEHOLDERS.AUTH_REFRESH_TOKEN_PEPPER),
  AUTH_PASSWORD_PEPPER: envString(AUTH_SECRET_PLACEHOLDERS.AUTH_PASSWORD_PEPPER),
  AUTH_SESSION_ENCRYPTION_KEY: envString(AUTH_SECRET_PLACEHOLDERS.AUTH_SESSION_ENCRYPTION_KEY),
  AUTH_SESSION_IP_HASH_SALT: envString(AUTH_SECRET_PLACEHOLDERS.AUTH_SESSION_IP_HASH_SALT),
  AUTH_ONE_TIME_TOKEN_PEPPER: envString(AUTH_SECRET_PLACEHOLDERS.AUTH_ONE_TIME_TOKEN_PEPPER),
  AUTH_PASSWORD_HISTORY_COUNT: envInt(5, 0, 100),
  AUTH_PASSWORD_HASH_COST: envChoice('default', PASSWORD_HASH_COSTS),
  REQUIRE_EMAIL_VERIFICATION: envBoolean(true),
  EMAIL_VERIFICATION_TOKEN_TTL_MINUTES: envInt(60, 1, 7 * DAY_MINUTES),
  PASSWORD_RESET_TOKEN_TTL_MINUTES: envInt(30, 1, DAY_MINUTES),
  AUTH_LOCKOUT_THRESHOLD: envInt(5, 1, 1000),
  AUTH_LOCKOUT_WINDOW_MINUTES: envInt(60, 1, 30 * DAY_MINUTES),
  AUTH_LOCKOUT_DURATION_MINUTES: envInt(60, 1, 30 * DAY_MINUTES),
  AUTH_IP_LOCKOUT_THRESHOLD: envInt(50, 1, 100_000),
  AUTH_IP_LOCKOUT_WINDOW_MINUTES: envInt(10, 1, DAY_MINUTES),
  AUTH_IP_LOCKOUT_DURATION_MINUTES: envInt(10, 1, DAY_MINUTES),
  SIGNUP_ACCESS_POLICY: envChoice('invite_only', SIGNUP_ACCESS_POLICIES),
  SIGNUP_RATE_LIMIT_PER_HOUR: envInt(20, 1, 1_000_000),
  SIGNUP_RATE_LIMIT_PER_IP_DAY: envInt(100, 1, 1_000_000),
  SIGNUP_RATE_LIMIT_PER_EMAIL_DAY: envInt(3, 1, 1_000_000),
  SIGNUP_RATE_LIMIT_PER_DOMAIN_DAY: envInt(20, 1, 1_000_000),
  SIGNUP_CONCURRENT_REQUESTS_LIMIT: envInt(3, 1, 1000),
  SIGNUP_INVITE_RESERVATION_TTL_SECONDS: envInt(900, 60, 86_400),
  MFA_VERIFY_RATE_LIMIT_PER_HOUR: envInt(10, 1, 1_000_000),
  PASSWORD_RESET_RATE_LIMIT_PER_EMAIL_HOUR: envInt(5, 1, 1_000_000),
  PASSWORD_RESET_RATE_LIMIT_PER_IP_HOUR: envInt(20, 1, 1_000_000),
  EMAIL_VERIFICATION_RATE_LIMIT_PER_USER_HOUR: envInt(3, 1, 1_000_000),
  EMAIL_VERIFICATION_RATE_LIMIT_PER_IP_HOUR: envInt(10, 1, 1_000_000),
};
