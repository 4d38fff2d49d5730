import { asId, type SessionId, type TenantId } from '@starter/contracts';
import type { CallerContext } from '@starter/identity';
import type { Context } from 'hono';
import { requestOrigin } from '../../auth/index.js';
import type { AppEnv } from '../../http/app-env.js';

/**
 * The flows' view of a protected request: the verified caller and the tenant it acts in — the resolved
 * tenant on `T` routes, else the access token's `tenant_id` claim.
 */
export function callerContext(c: Context<AppEnv>): CallerContext {
  const auth = c.get('auth');
  const tenantId = c.get('tenant')?.tenantId ?? auth.claims.tenant_id;
  return {
    userId: auth.userId,
    tenantId: tenantId === undefined ? null : (asId<'TenantId'>(tenantId) as TenantId),
    sessionId: asId<'SessionId'>(auth.sessionId) as SessionId,
    origin: requestOrigin(c),
  };
}
