import {
  createPlatformFeatures,
  createPlatformTenants,
  type PlatformFeatures,
  type PlatformTenants,
} from '@starter/identity';
import type { Authorizer } from '../../auth/index.js';
import type { AppDependencies } from '../../dependencies/index.js';

/** What the operator routes run on. */
export interface PlatformRouteDeps {
  tenants: PlatformTenants;
  features: PlatformFeatures;
  authorizer: Authorizer;
}

/** Mount point of the operator routes (spec §1.10). */
export const PLATFORM_PREFIX = '/api/v1/platform';

/** Composes the operator services from the identity kernel (billing is not wired: nothing to cancel). */
export function platformServices(deps: AppDependencies): Pick<PlatformRouteDeps, 'tenants' | 'features'> {
  const { db, activity } = deps.identity;
  return { tenants: createPlatformTenants({ db, activity }), features: createPlatformFeatures({ db }) };
}
