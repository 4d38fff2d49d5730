import type { TenantRole } from '@starter/identity';

/**
 * A route's auth rule, named after the spec §0 legend: `AT` any access token; `V` plus verified email;
 * `S` plus scopes; `S°` scopes without the email check; `T` plus a resolved tenant and a minimum role
 * (and optional scopes); `OP` a platform operator.
 */
export type AuthRequirement =
  | { kind: 'AT' }
  | { kind: 'V' }
  | { kind: 'S'; scopes: readonly string[] }
  | { kind: 'S°'; scopes: readonly string[] }
  | { kind: 'T'; role: TenantRole; scopes?: readonly string[] }
  | { kind: 'OP' };
