import { AUTH_SECRET_PLACEHOLDERS } from './auth-settings-schema.js';
import type { AuthSettings } from './settings.js';
import type { SettingsIssue } from './settings-error.js';
import type { ParsedEnv } from './settings-schema.js';

const MIN_PRODUCTION_SECRET_LENGTH = 32;

/** The `auth` section of the settings. */
export function buildAuthSettings(env: ParsedEnv): AuthSettings {
  return {
    audiences: env.AUTH_AUDIENCE,
    accessTokenTtlSeconds: env.ACCESS_TOKEN_EXPIRE_MINUTES * 60,
    refreshTokenTtlSeconds: env.AUTH_REFRESH_TOKEN_TTL_MINUTES * 60,
    mfaChallengeTtlSeconds: env.MFA_CHALLENGE_TTL_MINUTES * 60,
    keyStorage: { backend: 'file', path: env.AUTH_KEY_STORAGE_PATH },
    jwksMaxAgeSeconds: env.AUTH_JWKS_MAX_AGE_SECONDS,
    jwksEtagSalt: env.AUTH_JWKS_ETAG_SALT,
    refreshTokenPepper: env.AUTH_REFRESH_TOKEN_PEPPER,
    passwordPepper: env.AUTH_PASSWORD_PEPPER,
    sessionEncryptionKey: env.AUTH_SESSION_ENCRYPTION_KEY,
    sessionIpHashSalt: env.AUTH_SESSION_IP_HASH_SALT,
    oneTimeTokenPepper: env.AUTH_ONE_TIME_TOKEN_PEPPER,
    passwordHistoryCount: env.AUTH_PASSWORD_HISTORY_COUNT,
    passwordHashCost: env.AUTH_PASSWORD_HASH_COST,
    requireEmailVerification: env.REQUIRE_EMAIL_VERIFICATION,
    emailVerificationTokenTtlSeconds: env.EMAIL_VERIFICATION_TOKEN_TTL_MINUTES * 60,
    passwordResetTokenTtlSeconds: env.PASSWORD_RESET_TOKEN_TTL_MINUTES * 60,
    lockout: {
      threshold: env.AUTH_LOCKOUT_THRESHOLD,
      windowMinutes: env.AUTH_LOCKOUT_WINDOW_MINUTES,
      durationMinutes: env.AUTH_LOCKOUT_DURATION_MINUTES,
    },
    ipLockout: {
      threshold: env.AUTH_IP_LOCKOUT_THRESHOLD,
      windowMinutes: env.AUTH_IP_LOCKOUT_WINDOW_MINUTES,
      durationMinutes: env.AUTH_IP_LOCKOUT_DURATION_MINUTES,
    },
    signup: {
      accessPolicy: env.SIGNUP_ACCESS_POLICY,
      perIpHour: env.SIGNUP_RATE_LIMIT_PER_HOUR,
      perIpDay: env.SIGNUP_RATE_LIMIT_PER_IP_DAY,
      perEmailDay: env.SIGNUP_RATE_LIMIT_PER_EMAIL_DAY,
      perDomainDay: env.SIGNUP_RATE_LIMIT_PER_DOMAIN_DAY,
      concurrentRequests: env.SIGNUP_CONCURRENT_REQUESTS_LIMIT,
      inviteReservationTtlSeconds: env.SIGNUP_INVITE_RESERVATION_TTL_SECONDS,
    },
    rateLimits: {
      mfaVerifyPerUserHour: env.MFA_VERIFY_RATE_LIMIT_PER_HOUR,
      // Spec §7.10: the per-IP MFA limit is twice the per-user one.
      mfaVerifyPerIpHour: env.MFA_VERIFY_RATE_LIMIT_PER_HOUR * 2,
      passwordResetPerEmailHour: env.PASSWORD_RESET_RATE_LIMIT_PER_EMAIL_HOUR,
      passwordResetPerIpHour: env.PASSWORD_RESET_RATE_LIMIT_PER_IP_HOUR,
      emailVerificationPerUserHour: env.EMAIL_VERIFICATION_RATE_LIMIT_PER_USER_HOUR,
      emailVerificationPerIpHour: env.EMAIL_VERIFICATION_RATE_LIMIT_PER_IP_HOUR,
    },
  };
}

/** Auth choices this build lacks, and values that only make sense in some environments. */
export function authCrossChecks(env: ParsedEnv): SettingsIssue[] {
  const issues: SettingsIssue[] = [];
  if (env.AUTH_KEY_STORAGE_BACKEND !== 'file') {
    issues.push({
      variable: 'AUTH_KEY_STORAGE_BACKEND',
      reason: `${env.AUTH_KEY_STORAGE_BACKEND} is not available in this build; use file`,
    });
  }
  if (env.AUTH_PASSWORD_HASH_COST === 'test' && env.ENVIRONMENT !== 'test') {
    issues.push({
      variable: 'AUTH_PASSWORD_HASH_COST',
      reason: 'test (weak argon2 parameters) is only allowed when ENVIRONMENT=test',
    });
  }
  if (env.AUTH_AUDIENCE.length === 0) {
    issues.push({ variable: 'AUTH_AUDIENCE', reason: 'must list at least one audience' });
  }
  return issues;
}

/** Production refuses the development placeholders of the auth secrets, and short ones. */
export function authProductionRefusals(env: ParsedEnv): SettingsIssue[] {
  if (env.ENVIRONMENT !== 'production') return [];
  const issues: SettingsIssue[] = [];
  for (const [variable, placeholder] of Object.entries(AUTH_SECRET_PLACEHOLDERS)) {
    const value = env[variable as keyof typeof AUTH_SECRET_PLACEHOLDERS];
    if (value === placeholder) {
      issues.push({ variable, reason: 'must be set in production (the development placeholder is refused)' });
    } else if (value.length < MIN_PRODUCTION_SECRET_LENGTH) {
      issues.push({
        variable,
        reason: `must be at least ${MIN_PRODUCTION_SECRET_LENGTH} characters in production`,
      });
    }
  }
  return issues;
}
