import { AppError, type TenantId } from '@starter/contracts';
import type { TenantRole } from '../authorization/tenant-roles.js';
import type { MembershipsRepository } from '../repositories/memberships-repository.js';
import type { UsersRepository } from '../repositories/users-repository.js';
import type { UserRow } from '../schema/identity-database.js';
import { SESSION_MESSAGES, type SessionServiceDeps } from './session-service-deps.js';

/** The 423 of a locked account, carrying when the lock ends (null when it has no end). */
export function lockedError(lockedUntil: Date | null): AppError {
  return new AppError('Locked', SESSION_MESSAGES.locked, {
    details: { locked_until: lockedUntil === null ? null : lockedUntil.toISOString() },
  });
}

/**
 * Lets only accounts that may sign in through: a lock whose time is up is lifted here (spec §7.5:
 * "lock expiry auto-reactivates on next login"); a live lock is 423, disabled and pending are 403.
 * Returns the user row as it now stands.
 */
export async function admitAccount(
  deps: Pick<SessionServiceDeps, 'clock' | 'throttle'>,
  users: UsersRepository,
  user: UserRow,
): Promise<UserRow> {
  let current = user;
  const flagged = await deps.throttle.isUserLocked(current.id);
  if (current.status === 'locked' || flagged) {
    const until = current.locked_until;
    const expired = current.status === 'locked' && until !== null && until.getTime() <= deps.clock.now();
    if (!expired || flagged) throw lockedError(until);
    current = (await users.unlock(current.id)) ?? current;
  }
  if (current.status === 'disabled') throw new AppError('Forbidden', SESSION_MESSAGES.disabled);
  if (current.status === 'pending') throw new AppError('Forbidden', SESSION_MESSAGES.pending);
  if (current.status === 'locked') throw lockedError(current.locked_until);
  return current;
}

/** The tenant a login acts on and the user's role there. */
export interface LoginTenant {
  tenantId: TenantId;
  role: TenantRole;
}

/**
 * Picks the login tenant: the requested one when the user belongs to it, the only one when there is
 * one; 401 without any membership, 400 when several and none was named.
 */
export async function resolveLoginTenant(
  memberships: MembershipsRepository,
  userId: UserRow['id'],
  requested: TenantId | undefined,
): Promise<LoginTenant> {
  if (requested !== undefined) {
    const membership = await memberships.find(requested, userId);
    if (!membership) throw new AppError('Unauthorized', SESSION_MESSAGES.notMemberOfTenant);
    return { tenantId: membership.tenant_id, role: membership.role };
  }
  const all = await memberships.listByUser(userId);
  const [first] = all;
  if (first === undefined) throw new AppError('Unauthorized', SESSION_MESSAGES.noMembership);
  if (all.length > 1) throw new AppError('BadRequest', SESSION_MESSAGES.tenantRequired);
  return { tenantId: first.tenant_id, role: first.role };
}
