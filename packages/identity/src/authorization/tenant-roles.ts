/** Tenant roles and their ranks: viewer < member < admin < owner. */
export const TENANT_ROLES = { viewer: 1, member: 2, admin: 3, owner: 4 } as const;

/** A tenant role name. */
export type TenantRole = keyof typeof TENANT_ROLES;

/** The platform-wide operator role (not a tenant role). */
export const PLATFORM_OPERATOR_ROLE = 'platform_operator';

/** True when a value is one of the four tenant roles. */
export function isTenantRole(value: unknown): value is TenantRole {
  return typeof value === 'string' && Object.hasOwn(TENANT_ROLES, value);
}

/** The rank of a tenant role (1–4). */
export function roleRank(role: TenantRole): number {
  return TENANT_ROLES[role];
}

/** True when `role` is at least `minRole`. */
export function roleAtLeast(role: TenantRole, minRole: TenantRole): boolean {
  return roleRank(role) >= roleRank(minRole);
}
