import type { TenantId, UserId } from '@starter/contracts';
import { type Kysely, sql } from 'kysely';
import type { TenantRole } from '../authorization/tenant-roles.js';
import { escapeLike, type OffsetPage, offsetPageOf, type PageWindow } from '../repositories/offset-page.js';
import type { IdentityDatabase, IdentityRow } from '../schema/identity-database.js';
import type { MemberInviteStatus } from '../schema/identity-enums.js';

/** A `tenant_member_invites` row. */
export type TenantMemberInviteRow = IdentityRow<'tenant_member_invites'>;

/** A new team invite (the token hash, never the token). */
export interface NewMemberInvite {
  tenantId: TenantId;
  tokenHash: string;
  tokenHint: string;
  invitedEmail: string;
  role: TenantRole;
  expiresAt: Date;
  invitedBy: UserId | null;
}

/** Filters of the team invites list. */
export interface MemberInviteFilter extends PageWindow {
  status?: MemberInviteStatus;
  /** Case-insensitive substring of the invited email. */
  email?: string;
}

/** Data access for `tenant_member_invites`; tenant-side methods require the tenant id. */
export interface MemberInvitesRepository {
  create(invite: NewMemberInvite): Promise<TenantMemberInviteRow>;
  list(tenantId: TenantId, filter: MemberInviteFilter): Promise<OffsetPage<TenantMemberInviteRow>>;
  /** Looks an invite up by its token hash (acceptance is not tenant-scoped: the token names the tenant). */
  findByTokenHash(tokenHash: string): Promise<TenantMemberInviteRow | undefined>;
  /** Revokes a pending invite of this tenant; `undefined` when there is none. */
  revoke(
    tenantId: TenantId,
    id: string,
    reason: string,
    at: Date,
  ): Promise<TenantMemberInviteRow | undefined>;
  /** Marks a pending invite accepted; `undefined` when it was no longer pending (a concurrent accept). */
  markAccepted(id: string, userId: UserId, at: Date): Promise<TenantMemberInviteRow | undefined>;
  /** Marks a pending invite expired (found expired at acceptance). */
  markExpired(id: string): Promise<void>;
}

/** Creates the team invites repository over an identity database (or a transaction on one). */
export function createMemberInvitesRepository(db: Kysely<IdentityDatabase>): MemberInvitesRepository {
  const filtered = (tenantId: TenantId, filter: MemberInviteFilter) => {
    let query = db.selectFrom('tenant_member_invites').where('tenant_id', '=', tenantId);
    if (filter.status !== undefined) query = query.where('status', '=', filter.status);
    if (filter.email !== undefined) {
      query = query.where(sql`lower(invited_email)`, 'like', `%${escapeLike(filter.email.toLowerCase())}%`);
    }
    return query;
  };

  return {
    create: (invite) =>
      db
        .insertInto('tenant_member_invites')
        .values({
          tenant_id: invite.tenantId,
          token_hash: invite.tokenHash,
          token_hint: invite.tokenHint,
          invited_email: invite.invitedEmail,
          role: invite.role,
          expires_at: invite.expiresAt,
          invited_by: invite.invitedBy,
        })
        .returningAll()
        .executeTakeFirstOrThrow(),

    list: async (tenantId, filter) => {
      return offsetPageOf(
        filtered(tenantId, filter)
          .selectAll()
          .orderBy('created_at', 'desc')
          .orderBy('id')
          .limit(filter.limit)
          .offset(filter.offset)
          .execute(),
        filtered(tenantId, filter)
          .select((eb) => eb.fn.countAll().as('total'))
          .executeTakeFirst(),
      );
    },

    findByTokenHash: (tokenHash) =>
      db
        .selectFrom('tenant_member_invites')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst(),

    revoke: (tenantId, id, reason, at) =>
      db
        .updateTable('tenant_member_invites')
        .set({ status: 'revoked', revoked_at: at, revoked_reason: reason, updated_at: sql<Date>`now()` })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .returningAll()
        .executeTakeFirst(),

    markAccepted: (id, userId, at) =>
      db
        .updateTable('tenant_member_invites')
        .set({ status: 'accepted', accepted_by: userId, accepted_at: at, updated_at: sql<Date>`now()` })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .returningAll()
        .executeTakeFirst(),

    markExpired: async (id) => {
      await db
        .updateTable('tenant_member_invites')
        .set({ status: 'expired', updated_at: sql<Date>`now()` })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .execute();
    },
  };
}
