import type { TenantAdmin } from '@starter/identity';
import type { Authorizer } from '../../auth/index.js';

/** What the `/tenants` routes run on. */
export interface TenantRouteDeps {
  admin: TenantAdmin;
  authorizer: Authorizer;
}

/** Mount point of the tenant self-administration routes (spec §1.8). */
export const TENANTS_PREFIX = '/api/v1/tenants';
