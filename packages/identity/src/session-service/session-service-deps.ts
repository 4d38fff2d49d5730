import type { Clock, Logger } from '@starter/contracts';
import type { Kysely } from 'kysely';
import type { ActivityRecorder } from '../activity/activity-recorder.js';
import type { SecretBox } from '../crypto/secret-box.js';
import type { LoginThrottle } from '../lockout/login-throttle.js';
import type { PasswordHasher } from '../passwords/password-hasher.js';
import type { IdentityDatabase } from '../schema/identity-database.js';
import type { TokenService } from '../tokens/token-service.js';

/** Server-side secrets the session service keys its hashes with. */
export interface SessionSecrets {
  /** AUTH_REFRESH_TOKEN_PEPPER: key of the stored HMAC of every refresh token. */
  refreshTokenPepper: string;
  /** AUTH_SESSION_IP_HASH_SALT: key of the session's IP hash and device fingerprint. */
  ipHashSalt: string;
}

/** What `createSessionService` runs on. */
export interface SessionServiceDeps {
  db: Kysely<IdentityDatabase>;
  tokens: TokenService;
  passwords: PasswordHasher;
  throttle: LoginThrottle;
  /** Encrypts the session's client IP at rest (AUTH_SESSION_ENCRYPTION_KEY). */
  secretBox: SecretBox;
  secrets: SessionSecrets;
  clock: Clock;
  logger: Logger;
  /** The tenant activity log (spec §10.3); logins and logouts are not logged there without one. */
  activity?: ActivityRecorder;
  /** Version of the password pepper `passwords` hashes with; 1 by default. Older hashes are replaced at login. */
  passwordPepperVersion?: number;
}

/** Client-facing messages of the session flows (spec §1.2, §7.3). */
export const SESSION_MESSAGES = {
  invalidCredentials: 'Invalid credentials.',
  noMembership: 'User is not a member of any tenant.',
  notMemberOfTenant: 'User is not a member of this tenant.',
  tenantRequired: 'tenant_id is required: the user belongs to several tenants.',
  locked: 'Account is locked. Try again later.',
  disabled: 'Account is disabled.',
  pending: 'Account is pending activation.',
  refreshRevoked: 'Refresh token has been revoked or expired.',
  refreshTenantMissing: 'Refresh token has no tenant context.',
  invalidRefreshToken: 'Invalid refresh token.',
  foreignRefreshToken: 'Refresh token belongs to another user.',
  sessionNotFound: 'Session not found.',
} as const;
