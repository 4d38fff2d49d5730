import { AppError, type TenantId, type UserId } from '@starter/contracts';
import { isOperator } from '../authorization/is-operator.js';
import { roleAtLeast, type TenantRole } from '../authorization/tenant-roles.js';
import type { RequestOrigin } from '../session-issuing/session-issuer.js';

/** The caller of the browser-facing service-account routes (spec "SA-actor"). */
export interface ServiceAccountActor {
  userId: UserId;
  /** The token's tenant, when it has one. */
  tenantId: TenantId | null;
  role: TenantRole | null;
  scopes: readonly string[];
  origin: RequestOrigin;
}

/** What an SA-actor may reach: everything (operators) or its own tenant (tenant admins and owners). */
export type ServiceAccountAccess = { kind: 'operator' } | { kind: 'tenant_admin'; tenantId: TenantId };

/** Resolves an SA-actor's reach; 403 for anyone who is neither an operator nor a tenant admin. */
export function serviceAccountAccess(actor: ServiceAccountActor): ServiceAccountAccess {
  if (isOperator(actor.scopes)) return { kind: 'operator' };
  if (actor.tenantId !== null && actor.role !== null && roleAtLeast(actor.role, 'admin')) {
    return { kind: 'tenant_admin', tenantId: actor.tenantId };
  }
  throw new AppError(
    'Forbidden',
    'Service-account management requires a tenant admin or a platform operator.',
  );
}
