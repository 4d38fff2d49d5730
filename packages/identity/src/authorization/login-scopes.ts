import type { TenantRole } from './tenant-roles.js';

const VIEWER_SCOPES = ['conversations:read', 'tools:read'] as const;
const MEMBER_SCOPES = ['conversations:read', 'conversations:write', 'tools:read'] as const;
const ADMIN_SCOPES = [
  'conversations:read',
  'conversations:write',
  'conversations:delete',
  'workflows:delete',
  'tools:read',
  'billing:read',
  'billing:manage',
  'support:read',
  'activity:read',
] as const;

/** Scopes that platform operators get on top of their tenant role's scopes (spec §7.8). */
export const OPERATOR_SCOPES: readonly string[] = Object.freeze([
  'platform:operator',
  'auth:invites',
  'auth:signup_requests',
  'support:read',
  'activity:read',
]);

/** The scopes granted at login for a tenant role (spec §7.8); a fresh array each call. */
export function scopesForRole(role: TenantRole): string[] {
  switch (role) {
    case 'owner':
    case 'admin':
      return [...ADMIN_SCOPES];
    case 'member':
      return [...MEMBER_SCOPES];
    case 'viewer':
      return [...VIEWER_SCOPES];
  }
}

/** Login scopes for a role, plus the operator scopes when the user is a platform operator. */
export function loginScopes(role: TenantRole, isPlatformOperator: boolean): string[] {
  const scopes = scopesForRole(role);
  return isPlatformOperator ? [...new Set([...scopes, ...OPERATOR_SCOPES])] : scopes;
}
