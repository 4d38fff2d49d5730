import type { Authorizer } from '../../auth/index.js';
import type { AccountServices } from './account-services.js';

/** What the account routes run on. */
export interface AccountRouteDeps {
  services: AccountServices;
  authorizer: Authorizer;
}

/** Mount points of the account routes (spec §1.3, §1.4, §1.9). */
export const AUTH_PREFIX = '/api/v1/auth';
export const USERS_PREFIX = '/api/v1/users';
