import { asId } from '@starter/contracts';
import { isOperator, roleFromClaims, type ServiceAccountActor } from '@starter/identity';
import type { Context } from 'hono';
import { requestOrigin } from '../../auth/index.js';
import type { AppEnv } from '../../http/app-env.js';

/**
 * The SA-actor of a request (spec §0): the token's tenant and the role its claims carry. Operators act
 * across tenants; anyone else is refused by the service unless admin or owner of the token tenant.
 */
export function serviceAccountActor(c: Context<AppEnv>): ServiceAccountActor {
  const { userId, scopes, claims } = c.get('auth');
  const tenantId = typeof claims.tenant_id === 'string' ? asId<'TenantId'>(claims.tenant_id) : null;
  return {
    userId,
    tenantId,
    role: tenantId === null || isOperator(scopes) ? null : roleFromClaims(claims),
    scopes,
    origin: requestOrigin(c),
  };
}
