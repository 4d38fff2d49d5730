import type { TenantId, UserId } from '@starter/contracts';
import type { AccessTokenClaims, TenantRole } from '@starter/identity';

/** The verified caller, set by `authorize` on every protected route (`c.get('auth')`). */
export interface AuthContext {
  userId: UserId;
  /** The verified access-token claims, as signed (unknown claims kept). */
  claims: AccessTokenClaims;
  /** Granted scopes from `scope` / `scopes`. */
  scopes: string[];
  /** The token's `sid`: the login session it belongs to. */
  sessionId: string;
}

/** The tenant a `T` route acts on and the caller's effective role there (`c.get('tenant')`). */
export interface TenantScope {
  tenantId: TenantId;
  role: TenantRole;
}
