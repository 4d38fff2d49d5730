import { type Kysely, sql } from 'kysely';
import { type OffsetPage, offsetPageOf, type PageWindow, toCount } from '../repositories/offset-page.js';
import type { IdentityDatabase, IdentityRow } from '../schema/identity-database.js';
import type { SignupRequestStatus } from '../schema/identity-enums.js';

/** A `tenant_signup_requests` row. */
export type SignupRequestRow = IdentityRow<'tenant_signup_requests'>;

/** A new access request. */
export interface NewSignupRequest {
  email: string;
  organization: string;
  fullName: string;
  message: string | null;
  ipHash: string | null;
  userAgent: string | null;
}

/** An approval or rejection. */
export interface SignupRequestDecision {
  status: Exclude<SignupRequestStatus, 'pending'>;
  reason: string | null;
  decidedBy: string;
  at: Date;
  inviteId?: string;
}

/** Data access for `tenant_signup_requests`. */
export interface SignupRequestsRepository {
  create(request: NewSignupRequest): Promise<SignupRequestRow>;
  findById(id: string): Promise<SignupRequestRow | undefined>;
  countPendingByIpHash(ipHash: string): Promise<number>;
  list(filter: PageWindow & { status?: SignupRequestStatus }): Promise<OffsetPage<SignupRequestRow>>;
  /** Decides a pending request; `undefined` when it is not pending (any more). */
  decide(id: string, decision: SignupRequestDecision): Promise<SignupRequestRow | undefined>;
}

/** Creates the signup requests repository over an identity database (or a transaction on one). */
export function createSignupRequestsRepository(db: Kysely<IdentityDatabase>): SignupRequestsRepository {
  const filtered = (status: SignupRequestStatus | undefined) => {
    const query = db.selectFrom('tenant_signup_requests');
    return status === undefined ? query : query.where('status', '=', status);
  };
  return {
    create: (request) =>
      db
        .insertInto('tenant_signup_requests')
        .values({
          email: request.email,
          organization: request.organization,
          full_name: request.fullName,
          message: request.message,
          ip_hash: request.ipHash,
          user_agent: request.userAgent,
        })
        .returningAll()
        .executeTakeFirstOrThrow(),

    findById: (id) =>
      db.selectFrom('tenant_signup_requests').selectAll().where('id', '=', id).executeTakeFirst(),

    countPendingByIpHash: async (ipHash) => {
      const row = await db
        .selectFrom('tenant_signup_requests')
        .select((eb) => eb.fn.countAll().as('pending'))
        .where('ip_hash', '=', ipHash)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return toCount(row?.pending);
    },

    list: async (filter) => {
      return offsetPageOf(
        filtered(filter.status)
          .selectAll()
          .orderBy('created_at', 'desc')
          .orderBy('id')
          .limit(filter.limit)
          .offset(filter.offset)
          .execute(),
        filtered(filter.status)
          .select((eb) => eb.fn.countAll().as('total'))
          .executeTakeFirst(),
      );
    },

    decide: (id, decision) =>
      db
        .updateTable('tenant_signup_requests')
        .set({
          status: decision.status,
          decision_reason: decision.reason,
          decided_by: decision.decidedBy,
          decided_at: decision.at,
          ...(decision.inviteId === undefined ? {} : { invite_id: decision.inviteId }),
          updated_at: sql<Date>`now()`,
        })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .returningAll()
        .executeTakeFirst(),
  };
}
