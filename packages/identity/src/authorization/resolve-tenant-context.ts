import { AppError, asId, type TenantId } from '@starter/contracts';
import { AUTHZ_MESSAGES } from './authorization-messages.js';
import { parseScopes } from './parse-scopes.js';
import { type RoleClaims, roleFromClaims } from './role-from-claims.js';
import { isTenantRole, roleRank, type TenantRole } from './tenant-roles.js';
import { checkTenantStatus } from './tenant-status-gate.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The tenant-context request headers (already read from the request; absent = undefined). */
export interface TenantContextHeaders {
  tenantId?: string | undefined;
  tenantRole?: string | undefined;
  operatorOverride?: string | undefined;
  operatorReason?: string | undefined;
}

/** What the resolver needs to know about a tenant. */
export interface TenantRecord {
  id: string;
  status: string;
}

export interface ResolveTenantContextInput {
  /** Verified access-token claims (`tenant_id`, `roles`, `scope`/`scopes`). */
  claims: RoleClaims & { tenant_id?: unknown };
  headers: TenantContextHeaders;
  method: string;
  loadTenant: (id: TenantId) => Promise<TenantRecord | null>;
}

/** The resolved tenant context; when `overrideUsed`, the caller logs `tenant.access.override`. */
export interface TenantContext {
  tenantId: TenantId;
  role: TenantRole;
  tenantStatus: string;
  overrideUsed: boolean;
  /** The operator's stated reason when the override was used, else null. */
  overrideReason: string | null;
}

function present(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

function pickTenantId(claims: ResolveTenantContextInput['claims'], header: string | undefined): string {
  const fromToken = typeof claims.tenant_id === 'string' && claims.tenant_id !== '' ? claims.tenant_id : null;
  if (fromToken !== null) {
    if (header !== undefined && header.toLowerCase() !== fromToken.toLowerCase()) {
      throw new AppError('Forbidden', AUTHZ_MESSAGES.tenantMismatch);
    }
    return fromToken;
  }
  if (header === undefined) throw new AppError('Unauthorized', AUTHZ_MESSAGES.tenantRequired);
  return header;
}

function effectiveRole(granted: TenantRole, requested: string | undefined): TenantRole {
  if (requested === undefined) return granted;
  const role = requested.toLowerCase();
  if (!isTenantRole(role)) throw new AppError('BadRequest', AUTHZ_MESSAGES.invalidTenantRole);
  if (roleRank(role) > roleRank(granted)) throw new AppError('Forbidden', AUTHZ_MESSAGES.roleEscalation);
  return role;
}

/**
 * Resolves the tenant a request acts on (spec §7.9 rules 1–4): the token's tenant wins over
 * `X-Tenant-Id`; the id must be a UUID and exist; `X-Tenant-Role` may only lower the role; the tenant
 * status gate allows a suspended tenant only to an operator's read-only, reasoned override.
 */
export async function resolveTenantContext(input: ResolveTenantContextInput): Promise<TenantContext> {
  const { claims, headers } = input;
  const rawId = pickTenantId(claims, present(headers.tenantId));
  if (!UUID.test(rawId)) throw new AppError('BadRequest', AUTHZ_MESSAGES.invalidTenantId);
  const tenantId = asId<'TenantId'>(rawId.toLowerCase()) as TenantId;

  const tenant = await input.loadTenant(tenantId);
  if (tenant === null) throw new AppError('NotFound', AUTHZ_MESSAGES.tenantNotFound);

  const role = effectiveRole(roleFromClaims(claims), present(headers.tenantRole));
  const decision = checkTenantStatus(tenant.status, {
    override: headers.operatorOverride,
    reason: headers.operatorReason,
    method: input.method,
    scopes: parseScopes(claims),
  });
  return {
    tenantId,
    role,
    tenantStatus: tenant.status,
    overrideUsed: decision.overrideUsed,
    overrideReason: decision.overrideUsed ? decision.reason : null,
  };
}
