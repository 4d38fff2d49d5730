import type { Logger } from '@starter/contracts';
import type { Kysely } from 'kysely';
import type { PasswordFlows } from '../password-flows/password-flows.js';
import type { PasswordHasher } from '../passwords/password-hasher.js';
import type { IdentityDatabase } from '../schema/identity-database.js';

/** Dependencies of `createProfileService`. */
export interface ProfileServiceDeps {
  db: Kysely<IdentityDatabase>;
  hasher: Pick<PasswordHasher, 'verify'>;
  /** Sends the verification email after an email change. */
  passwordFlows: Pick<PasswordFlows, 'sendVerification'>;
  logger: Logger;
}
