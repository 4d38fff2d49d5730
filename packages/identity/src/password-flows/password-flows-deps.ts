import type { Clock, EmailSender, KeyValueStore, Logger } from '@starter/contracts';
import type { Kysely } from 'kysely';
import type { ActivityRecorder } from '../activity/activity-recorder.js';
import type { LoginThrottle } from '../lockout/login-throttle.js';
import type { PasswordHasher } from '../passwords/password-hasher.js';
import type { PasswordPolicy } from '../passwords/password-policy.js';
import type { IdentityDatabase } from '../schema/identity-database.js';
import type { FlowRateLimiter } from './rate-limit-port.js';

/** Settings of the email and password flows (spec §7.5, §11). */
export interface PasswordFlowsSettings {
  /** Pepper of the stored one-time token hashes. */
  oneTimeTokenPepper: string;
  /** `auth:emailverify:*` lifetime; 60 by default in the spec. */
  emailVerificationTtlMinutes: number;
  /** `auth:pwdreset:*` lifetime; 30 by default in the spec. */
  passwordResetTtlMinutes: number;
  /** Base of the links in emails, e.g. `https://app.example.com`. */
  appPublicUrl: string;
  /** Version of the password pepper new hashes are made with; 1 by default. */
  passwordPepperVersion?: number;
}

/** Dependencies of `createPasswordFlows`. */
export interface PasswordFlowsDeps {
  db: Kysely<IdentityDatabase>;
  kv: KeyValueStore;
  email: EmailSender;
  clock: Clock;
  hasher: PasswordHasher;
  policy: PasswordPolicy;
  throttle: LoginThrottle;
  rateLimiter: FlowRateLimiter;
  logger: Logger;
  settings: PasswordFlowsSettings;
  /** The tenant activity log; password changes are not logged there without one. */
  activity?: ActivityRecorder;
}
