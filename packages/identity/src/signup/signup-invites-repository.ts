import type { TenantId, UserId } from '@starter/contracts';
import { type Kysely, sql } from 'kysely';
import { inTransaction } from '../repositories/in-transaction.js';
import {
  escapeLike,
  type OffsetPage,
  offsetPageOf,
  type PageWindow,
  toCount,
} from '../repositories/offset-page.js';
import type { IdentityDatabase, IdentityRow } from '../schema/identity-database.js';
import type { SignupInviteStatus } from '../schema/identity-enums.js';

/** A `tenant_signup_invites` row. */
export type SignupInviteRow = IdentityRow<'tenant_signup_invites'>;
/** A `tenant_signup_invite_reservations` row. */
export type SignupReservationRow = IdentityRow<'tenant_signup_invite_reservations'>;

/** A new operator signup invite (the token hash, never the token). */
export interface NewSignupInvite {
  tokenHash: string;
  tokenHint: string;
  invitedEmail: string | null;
  maxRedemptions: number;
  expiresAt: Date;
  signupRequestId: string | null;
  note: string | null;
  issuedBy: string;
}

/** Filters of the operator invite list. */
export interface SignupInviteFilter extends PageWindow {
  status?: SignupInviteStatus;
  email?: string;
  requestId?: string;
}

/** Why an invite could not be reserved. */
export type ReserveFailure = 'revoked' | 'expired' | 'exhausted';

/** Data access for operator signup invites and their reservations (spec §7.6). */
export interface SignupInvitesRepository {
  create(invite: NewSignupInvite): Promise<SignupInviteRow>;
  findById(id: string): Promise<SignupInviteRow | undefined>;
  findByTokenHash(tokenHash: string): Promise<SignupInviteRow | undefined>;
  list(filter: SignupInviteFilter): Promise<OffsetPage<SignupInviteRow>>;
  /** Revokes an active invite; `undefined` when there is none. */
  revoke(id: string, reason: string, at: Date): Promise<SignupInviteRow | undefined>;
  /**
   * Reserves one redemption for `email` until `expiresAt`, atomically: the invite row is locked, so two
   * registrations can never both take its last redemption.
   */
  reserve(
    inviteId: string,
    email: string,
    now: Date,
    expiresAt: Date,
  ): Promise<{ status: 'reserved'; reservation: SignupReservationRow } | { status: ReserveFailure }>;
  /** Turns a reservation into a redemption (counted on the invite); false when it was no longer reserved. */
  consume(reservationId: string, owner: { tenantId: TenantId; userId: UserId }, at: Date): Promise<boolean>;
  /** Gives a reservation back so the invite can be used again. */
  release(reservationId: string, at: Date): Promise<void>;
}

/** Creates the signup invites repository over an identity database (or a transaction on one). */
export function createSignupInvitesRepository(db: Kysely<IdentityDatabase>): SignupInvitesRepository {
  const filtered = (filter: SignupInviteFilter) => {
    let query = db.selectFrom('tenant_signup_invites');
    if (filter.status !== undefined) query = query.where('status', '=', filter.status);
    if (filter.requestId !== undefined) query = query.where('signup_request_id', '=', filter.requestId);
    if (filter.email !== undefined) {
      query = query.where(sql`lower(invited_email)`, 'like', `%${escapeLike(filter.email.toLowerCase())}%`);
    }
    return query;
  };

  return {
    create: (invite) =>
      db
        .insertInto('tenant_signup_invites')
        .values({
          token_hash: invite.tokenHash,
          token_hint: invite.tokenHint,
          invited_email: invite.invitedEmail,
          max_redemptions: invite.maxRedemptions,
          expires_at: invite.expiresAt,
          signup_request_id: invite.signupRequestId,
          note: invite.note,
          issued_by: invite.issuedBy,
        })
        .returningAll()
        .executeTakeFirstOrThrow(),

    findById: (id) =>
      db.selectFrom('tenant_signup_invites').selectAll().where('id', '=', id).executeTakeFirst(),

    findByTokenHash: (tokenHash) =>
      db
        .selectFrom('tenant_signup_invites')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst(),

    list: async (filter) => {
      return offsetPageOf(
        filtered(filter)
          .selectAll()
          .orderBy('created_at', 'desc')
          .orderBy('id')
          .limit(filter.limit)
          .offset(filter.offset)
          .execute(),
        filtered(filter)
          .select((eb) => eb.fn.countAll().as('total'))
          .executeTakeFirst(),
      );
    },

    revoke: (id, reason, at) =>
      db
        .updateTable('tenant_signup_invites')
        .set({ status: 'revoked', revoked_at: at, revoked_reason: reason, updated_at: sql<Date>`now()` })
        .where('id', '=', id)
        .where('status', '=', 'active')
        .returningAll()
        .executeTakeFirst(),

    reserve: (inviteId, email, now, expiresAt) =>
      inTransaction(db, async (trx) => {
        const invite = await trx
          .selectFrom('tenant_signup_invites')
          .selectAll()
          .where('id', '=', inviteId)
          .forUpdate()
          .executeTakeFirst();
        if (!invite || invite.status === 'revoked') return { status: 'revoked' as const };
        if (invite.status === 'expired' || invite.expires_at.getTime() <= now.getTime()) {
          return { status: 'expired' as const };
        }
        const held = await trx
          .selectFrom('tenant_signup_invite_reservations')
          .select((eb) => eb.fn.countAll().as('held'))
          .where('invite_id', '=', inviteId)
          .where('status', '=', 'reserved')
          .where('expires_at', '>', now)
          .executeTakeFirst();
        if (
          invite.status === 'exhausted' ||
          invite.redeemed_count + toCount(held?.held) >= invite.max_redemptions
        ) {
          return { status: 'exhausted' as const };
        }
        const reservation = await trx
          .insertInto('tenant_signup_invite_reservations')
          .values({ invite_id: inviteId, email, expires_at: expiresAt })
          .returningAll()
          .executeTakeFirstOrThrow();
        return { status: 'reserved' as const, reservation };
      }),

    consume: (reservationId, owner, at) =>
      inTransaction(db, async (trx) => {
        const reservation = await trx
          .updateTable('tenant_signup_invite_reservations')
          .set({ status: 'consumed', consumed_at: at, tenant_id: owner.tenantId, user_id: owner.userId })
          .where('id', '=', reservationId)
          .where('status', '=', 'reserved')
          .returning('invite_id')
          .executeTakeFirst();
        if (!reservation) return false;
        await trx
          .updateTable('tenant_signup_invites')
          .set((eb) => ({
            redeemed_count: eb('redeemed_count', '+', 1),
            status: sql`case when redeemed_count + 1 >= max_redemptions then 'exhausted' else status end`,
            updated_at: sql<Date>`now()`,
          }))
          .where('id', '=', reservation.invite_id)
          .where(sql<boolean>`redeemed_count < max_redemptions`)
          .execute();
        return true;
      }),

    release: async (reservationId, at) => {
      await db
        .updateTable('tenant_signup_invite_reservations')
        .set({ status: 'released', released_at: at })
        .where('id', '=', reservationId)
        .where('status', '=', 'reserved')
        .execute();
    },
  };
}
