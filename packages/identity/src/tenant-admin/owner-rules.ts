import { AppError } from '@starter/contracts';
import type { TenantRole } from '../authorization/tenant-roles.js';
import type { OwnerGuardedResult } from '../repositories/memberships-repository.js';
import type { MembershipRow } from '../schema/identity-database.js';

const OWNERS_ONLY = 'Only owners can grant, change or remove the owner role.';

/** Only owners may hand out the owner role (spec §7.8 team rules). */
export function assertMayGrant(callerRole: TenantRole, role: TenantRole): void {
  if (role === 'owner' && callerRole !== 'owner') throw new AppError('Forbidden', OWNERS_ONLY);
}

/** Only owners may change or remove an owner's membership. */
export function assertMayTouch(callerRole: TenantRole, target: TenantRole): void {
  if (target === 'owner' && callerRole !== 'owner') throw new AppError('Forbidden', OWNERS_ONLY);
}

/** Turns a last-owner-guarded repository result into the membership or a 404 / 409. */
export function guardedMembership(result: OwnerGuardedResult, action: 'demoted' | 'removed'): MembershipRow {
  if (result.status === 'not_found') throw new AppError('NotFound', 'Member not found.');
  if (result.status === 'last_owner') {
    throw new AppError(
      'Conflict',
      `The last owner of a tenant cannot be ${action}; make another member an owner first.`,
    );
  }
  return result.membership;
}
