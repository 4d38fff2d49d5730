import { parseScopes, type ScopeClaims } from './parse-scopes.js';
import { isTenantRole, roleRank, type TenantRole } from './tenant-roles.js';

/** Claims that determine a caller's tenant role. */
export interface RoleClaims extends ScopeClaims {
  roles?: unknown;
}

const ADMIN_MARKERS = [
  'billing:manage',
  'workflows:delete',
  'conversations:delete',
  'support:read',
  'activity:read',
];
const MEMBER_MARKERS = ['conversations:write'];

/**
 * The caller's tenant role: the highest tenant role in the `roles` claim; without one, inferred from
 * scopes (spec §7.8); else viewer. Inference uses exact scopes only, so a wildcard never raises a role.
 */
export function roleFromClaims(claims: RoleClaims): TenantRole {
  const roles = Array.isArray(claims.roles) ? claims.roles.filter(isTenantRole) : [];
  if (roles.length > 0) {
    return roles.reduce((best, role) => (roleRank(role) > roleRank(best) ? role : best));
  }
  const scopes = new Set(parseScopes(claims));
  if (ADMIN_MARKERS.some((scope) => scopes.has(scope))) return 'admin';
  if (MEMBER_MARKERS.some((scope) => scopes.has(scope))) return 'member';
  // conversations:read / tools:read / billing:read map to viewer, which is also the floor.
  return 'viewer';
}
