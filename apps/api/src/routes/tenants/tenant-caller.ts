import type { TenantCaller } from '@starter/identity';
import type { Context } from 'hono';
import { requestOrigin } from '../../auth/index.js';
import type { AppEnv } from '../../http/app-env.js';

/** The caller of a `T` route as the tenant services take it (set by the auth middleware). */
export function tenantCaller(c: Context<AppEnv>): TenantCaller {
  const { userId, scopes } = c.get('auth');
  const { tenantId, role } = c.get('tenant');
  return { userId, tenantId, role, scopes, origin: requestOrigin(c) };
}
