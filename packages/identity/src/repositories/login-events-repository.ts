import type { TenantId, UserId } from '@starter/contracts';
import type { Kysely } from 'kysely';
import type { IdentityDatabase, LoginEventRow } from '../schema/identity-database.js';
import type { LoginResult } from '../schema/identity-enums.js';

/** One login attempt (spec §7.5); unknown emails are recorded without a user. */
export interface LoginEventInput {
  result: LoginResult;
  userId?: UserId | null;
  tenantId?: TenantId | null;
  reason?: string | null;
  ipHash?: string | null;
  userAgent?: string | null;
}

/** Append-only access to `user_login_events`. */
export interface LoginEventsRepository {
  record(event: LoginEventInput): Promise<LoginEventRow>;
  /** A user's most recent login attempts, newest first. */
  listForUser(userId: UserId, limit: number): Promise<LoginEventRow[]>;
}

/** Creates the login events repository over an identity database (or a transaction on one). */
export function createLoginEventsRepository(db: Kysely<IdentityDatabase>): LoginEventsRepository {
  return {
    record: (event) =>
      db
        .insertInto('user_login_events')
        .values({
          result: event.result,
          user_id: event.userId ?? null,
          tenant_id: event.tenantId ?? null,
          reason: event.reason ?? null,
          ip_hash: event.ipHash ?? null,
          user_agent: event.userAgent ?? null,
        })
        .returningAll()
        .executeTakeFirstOrThrow(),

    listForUser: (userId, limit) =>
      db
        .selectFrom('user_login_events')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('id', 'desc')
        .limit(limit)
        .execute(),
  };
}
