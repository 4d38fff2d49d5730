import type { Authorizer } from '../../auth/index.js';
import type { ServiceAccountServices } from './service-account-services.js';

/** What the service-account routes run on. */
export interface ServiceAccountRouteDeps {
  services: ServiceAccountServices;
  authorizer: Authorizer;
}

/** Mount point of the service-account routes (spec §1.7). */
export const SERVICE_ACCOUNTS_PREFIX = '/api/v1/auth/service-accounts';
