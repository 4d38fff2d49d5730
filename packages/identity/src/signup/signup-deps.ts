import type { Clock, Logger, TenantId, UserId } from '@starter/contracts';
import type { Kysely } from 'kysely';
import type { ActivityRecorder } from '../activity/activity-recorder.js';
import type { PasswordHasher } from '../passwords/password-hasher.js';
import type { PasswordPolicy } from '../passwords/password-policy.js';
import type { IdentityDatabase } from '../schema/identity-database.js';
import type { IssueSession } from '../session-issuing/session-issuer.js';
import type { QuotaFactory } from './signup-quotas.js';
import type { SignupSettings } from './signup-settings.js';

/** What billing must do for a freshly registered tenant. */
export interface ProvisionBillingInput {
  tenantId: TenantId;
  tenantName: string;
  ownerUserId: UserId;
  ownerEmail: string;
  planCode: string;
  trialDays: number;
}

/** Billing hooks of signup; absent when billing is off. */
export interface SignupBilling {
  /** The plan's trial length in days; null when no such plan exists (→ 404). */
  planTrialDays(planCode: string): Promise<number | null>;
  /** Creates the customer and subscription; a failure rolls the registration back (→ 502). */
  provision(input: ProvisionBillingInput): Promise<void>;
}

/** Dependencies of the signup flows. */
export interface SignupDeps {
  db: Kysely<IdentityDatabase>;
  clock: Clock;
  settings: SignupSettings;
  /** Pepper of the invite token hashes (the same one team invites use is fine). */
  inviteTokenPepper: string;
  /** Salt of stored IP hashes (`AUTH_SESSION_IP_HASH_SALT`). */
  ipHashSalt: string;
  passwordHasher: PasswordHasher;
  passwordPolicy: PasswordPolicy;
  issueSession: IssueSession;
  /** The §7.10 rate limiter; quotas are skipped without one. */
  rateLimiter?: QuotaFactory;
  billing?: SignupBilling;
  /** Sends the verification email after registration; a failure is logged, not fatal. */
  sendEmailVerification?: (user: { userId: UserId; email: string }) => Promise<void>;
  logger?: Logger;
  /** The tenant activity log; a refusal before any tenant exists has no tenant to log against. */
  activity?: ActivityRecorder;
}
