import { type TenantId, TenantIdSchema } from '@starter/contracts';
import type { Context } from 'hono';
import type { AppEnv } from '../../http/app-env.js';

/**
 * The tenant of an `S` route's caller, from the verified token only (never a header or the body):
 * catalog figures such as `last_used` are per tenant. Null for a token without a (well-formed) tenant.
 */
export function callerTenant(c: Context<AppEnv>): TenantId | null {
  const parsed = TenantIdSchema.safeParse(c.get('auth').claims.tenant_id);
  return parsed.success ? parsed.data : null;
}
