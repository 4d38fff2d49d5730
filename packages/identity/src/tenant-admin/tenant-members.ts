import { AppError, asId } from '@starter/contracts';
import type { Kysely } from 'kysely';
import { isUuid } from '../repositories/is-uuid.js';
import { createMembershipsRepository } from '../repositories/memberships-repository.js';
import { createUsersRepository } from '../repositories/users-repository.js';
import type { IdentityDatabase } from '../schema/identity-database.js';
import type { TenantCaller } from './caller-context.js';
import { assertMayGrant, assertMayTouch, guardedMembership } from './owner-rules.js';
import type { AddMemberBody, AdminPageQuery, ChangeMemberRoleBody } from './tenant-admin-schemas.js';
import {
  type MemberPayload,
  type MembershipPayload,
  memberPayload,
  membershipPayload,
  offsetPagePayload,
} from './tenant-payloads.js';

/** Member administration of the caller's own tenant (GET/POST/PATCH/DELETE /tenants/members). */
export interface TenantMembers {
  listMembers(
    caller: TenantCaller,
    query: AdminPageQuery,
  ): Promise<ReturnType<typeof offsetPagePayload<MemberPayload>>>;
  addMember(caller: TenantCaller, body: AddMemberBody): Promise<MembershipPayload>;
  changeMemberRole(
    caller: TenantCaller,
    userId: string,
    body: ChangeMemberRoleBody,
  ): Promise<MembershipPayload>;
  removeMember(caller: TenantCaller, userId: string): Promise<MembershipPayload>;
}

/** Creates the member administration; every method acts on `caller.tenantId` only. */
export function createTenantMembers(deps: { db: Kysely<IdentityDatabase> }): TenantMembers {
  const memberships = createMembershipsRepository(deps.db);
  const users = createUsersRepository(deps.db);

  const findTarget = async (caller: TenantCaller, userId: string) => {
    // A malformed id cannot name a member; answering 404 keeps it out of a uuid column (22P02).
    const id = isUuid(userId) ? asId<'UserId'>(userId) : undefined;
    const target = id === undefined ? undefined : await memberships.find(caller.tenantId, id);
    if (!target) throw new AppError('NotFound', 'Member not found.');
    return target;
  };

  return {
    async listMembers(caller, query) {
      const page = await memberships.listByTenant(caller.tenantId, query);
      return offsetPagePayload(page.items.map(memberPayload), page.total, query);
    },

    async addMember(caller, body) {
      assertMayGrant(caller.role, body.role);
      const user = await users.findByEmail(body.email);
      if (!user) throw new AppError('NotFound', 'No user with this email exists.');
      const row = await memberships.add(caller.tenantId, {
        userId: user.id,
        role: body.role,
        invitedBy: caller.userId,
      });
      return membershipPayload(row);
    },

    async changeMemberRole(caller, userId, body) {
      const target = await findTarget(caller, userId);
      assertMayTouch(caller.role, target.role);
      assertMayGrant(caller.role, body.role);
      const result = await memberships.changeRole(caller.tenantId, target.user_id, body.role);
      return membershipPayload(guardedMembership(result, 'demoted'));
    },

    async removeMember(caller, userId) {
      const target = await findTarget(caller, userId);
      assertMayTouch(caller.role, target.role);
      const result = await memberships.remove(caller.tenantId, target.user_id);
      return membershipPayload(guardedMembership(result, 'removed'));
    },
  };
}
