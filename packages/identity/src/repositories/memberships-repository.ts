import { AppError, type TenantId, type UserId } from '@starter/contracts';
import { type Kysely, sql } from 'kysely';
import type { TenantRole } from '../authorization/tenant-roles.js';
import type { IdentityDatabase, MembershipRow } from '../schema/identity-database.js';
import type { TenantStatus } from '../schema/identity-enums.js';
import { inTransaction } from './in-transaction.js';
import type { OffsetPage, PageWindow } from './offset-page.js';
import { offsetPageOf, toCount } from './offset-page.js';
import { isUniqueViolation } from './unique-violation.js';

const MEMBERSHIP_KEY = 'tenant_user_memberships_tenant_user_key';

/** A tenant member with the user fields the members list shows. */
export type TenantMember = MembershipRow & {
  email: string;
  display_name: string | null;
  user_status: string;
};

/** One of a user's tenants, with what login and tenant pickers need. */
export type UserTenantMembership = MembershipRow & {
  tenant_slug: string;
  tenant_name: string;
  tenant_status: TenantStatus;
};

/**
 * Outcome of a role change or removal guarded by the last-owner rule (spec §7.8): the tenant keeps at
 * least one owner, even when two admins act at once.
 */
export type OwnerGuardedResult =
  | { status: 'ok'; membership: MembershipRow }
  | { status: 'not_found' }
  | { status: 'last_owner' };

/** Data access for `tenant_user_memberships`; every tenant-side method requires the tenant id. */
export interface MembershipsRepository {
  /** Members of one tenant, oldest first, with the total count. */
  listByTenant(tenantId: TenantId, page: PageWindow): Promise<OffsetPage<TenantMember>>;
  /** Every tenant a user belongs to, oldest membership first. */
  listByUser(userId: UserId): Promise<UserTenantMembership[]>;
  find(tenantId: TenantId, userId: UserId): Promise<MembershipRow | undefined>;
  /** Adds a member; 409 when the user already belongs to the tenant. */
  add(
    tenantId: TenantId,
    member: { userId: UserId; role: TenantRole; invitedBy?: UserId | null },
  ): Promise<MembershipRow>;
  /** Changes a role, refusing to demote the tenant's last owner. */
  changeRole(tenantId: TenantId, userId: UserId, role: TenantRole): Promise<OwnerGuardedResult>;
  /** Removes a member, refusing to remove the tenant's last owner; returns the removed row. */
  remove(tenantId: TenantId, userId: UserId): Promise<OwnerGuardedResult>;
  countOwners(tenantId: TenantId): Promise<number>;
}

/** Creates the memberships repository over an identity database (or a transaction on one). */
export function createMembershipsRepository(db: Kysely<IdentityDatabase>): MembershipsRepository {
  /**
   * Locks the tenant's owner rows and the target row, then decides. Locking every owner row serialises
   * concurrent demotions, so two admins cannot each remove "one of two" owners and leave none.
   */
  const guarded = (
    tenantId: TenantId,
    userId: UserId,
    losesOwner: (current: MembershipRow) => boolean,
    apply: (trx: Kysely<IdentityDatabase>) => Promise<MembershipRow | undefined>,
  ): Promise<OwnerGuardedResult> =>
    inTransaction(db, async (trx) => {
      const locked = await trx
        .selectFrom('tenant_user_memberships')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where((eb) => eb.or([eb('role', '=', 'owner'), eb('user_id', '=', userId)]))
        .orderBy('id')
        .forUpdate()
        .execute();
      const current = locked.find((row) => row.user_id === userId);
      if (!current) return { status: 'not_found' };
      const owners = locked.filter((row) => row.role === 'owner').length;
      if (current.role === 'owner' && owners <= 1 && losesOwner(current)) return { status: 'last_owner' };
      const membership = await apply(trx);
      return membership ? { status: 'ok', membership } : { status: 'not_found' };
    });

  return {
    listByTenant: async (tenantId, page) => {
      return offsetPageOf(
        db
          .selectFrom('tenant_user_memberships as m')
          .innerJoin('users as u', 'u.id', 'm.user_id')
          .leftJoin('user_profiles as p', 'p.user_id', 'm.user_id')
          .selectAll('m')
          .select(['u.email', 'p.display_name', 'u.status as user_status'])
          .where('m.tenant_id', '=', tenantId)
          .orderBy('m.created_at')
          .orderBy('m.id')
          .limit(page.limit)
          .offset(page.offset)
          .execute(),
        db
          .selectFrom('tenant_user_memberships')
          .select((eb) => eb.fn.countAll().as('total'))
          .where('tenant_id', '=', tenantId)
          .executeTakeFirst(),
      );
    },

    listByUser: (userId) =>
      db
        .selectFrom('tenant_user_memberships as m')
        .innerJoin('tenant_accounts as t', 't.id', 'm.tenant_id')
        .selectAll('m')
        .select(['t.slug as tenant_slug', 't.name as tenant_name', 't.status as tenant_status'])
        .where('m.user_id', '=', userId)
        // Memberships added in the same instant (PGlite's clock is coarse) still list in a stable order.
        .orderBy('m.created_at')
        .orderBy('m.tenant_id')
        .execute(),

    find: (tenantId, userId) =>
      db
        .selectFrom('tenant_user_memberships')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('user_id', '=', userId)
        .executeTakeFirst(),

    add: (tenantId, member) =>
      db
        .insertInto('tenant_user_memberships')
        .values({
          tenant_id: tenantId,
          user_id: member.userId,
          role: member.role,
          invited_by: member.invitedBy ?? null,
        })
        .returningAll()
        .executeTakeFirstOrThrow()
        .catch((error: unknown) => {
          if (isUniqueViolation(error, MEMBERSHIP_KEY)) {
            throw new AppError('Conflict', 'User is already a member of this tenant.', { cause: error });
          }
          throw error;
        }),

    changeRole: (tenantId, userId, role) =>
      guarded(
        tenantId,
        userId,
        () => role !== 'owner',
        (trx) =>
          trx
            .updateTable('tenant_user_memberships')
            .set({ role, updated_at: sql<Date>`now()` })
            .where('tenant_id', '=', tenantId)
            .where('user_id', '=', userId)
            .returningAll()
            .executeTakeFirst(),
      ),

    remove: (tenantId, userId) =>
      guarded(
        tenantId,
        userId,
        () => true,
        (trx) =>
          trx
            .deleteFrom('tenant_user_memberships')
            .where('tenant_id', '=', tenantId)
            .where('user_id', '=', userId)
            .returningAll()
            .executeTakeFirst(),
      ),

    countOwners: async (tenantId) => {
      const row = await db
        .selectFrom('tenant_user_memberships')
        .select((eb) => eb.fn.countAll().as('owners'))
        .where('tenant_id', '=', tenantId)
        .where('role', '=', 'owner')
        .executeTakeFirst();
      return toCount(row?.owners);
    },
  };
}
