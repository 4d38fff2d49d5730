import type { TenantId, UserId } from '@starter/contracts';
import type { TenantRole } from '../authorization/tenant-roles.js';
import type { RequestOrigin } from '../session-issuing/session-issuer.js';

/** The authenticated caller of a tenant-scoped route, as resolved by the auth middleware (spec §7.9). */
export interface TenantCaller {
  userId: UserId;
  tenantId: TenantId;
  role: TenantRole;
  scopes: readonly string[];
  origin: RequestOrigin;
}

/** The authenticated caller of a route that needs no tenant context (operator and `AT` routes). */
export interface AccountCaller {
  userId: UserId;
  scopes: readonly string[];
  origin: RequestOrigin;
}

/** The actor string recorded in audit columns (`user:<uuid>`). */
export function actorOf(caller: { userId: UserId }): string {
  return `user:${caller.userId}`;
}
