import type { TenantId, UserId } from '@starter/contracts';
import type { Kysely } from 'kysely';
import type { IdentityDatabase, SecurityEventRow } from '../schema/identity-database.js';
import { type JsonObject, jsonText } from '../schema/json-column.js';

/** One security audit event (spec §7.4: mfa_totp_verified, password_change, refresh_token_reuse, …). */
export interface SecurityEventInput {
  eventType: string;
  userId?: UserId | null;
  tenantId?: TenantId | null;
  ipHash?: string | null;
  uaHash?: string | null;
  metadata?: JsonObject;
}

/** Append-only access to `security_events`. */
export interface SecurityEventsRepository {
  record(event: SecurityEventInput): Promise<SecurityEventRow>;
  /** A user's most recent events, newest first. */
  listForUser(userId: UserId, limit: number): Promise<SecurityEventRow[]>;
}

/** Creates the security events repository over an identity database (or a transaction on one). */
export function createSecurityEventsRepository(db: Kysely<IdentityDatabase>): SecurityEventsRepository {
  return {
    record: (event) =>
      db
        .insertInto('security_events')
        .values({
          event_type: event.eventType,
          user_id: event.userId ?? null,
          tenant_id: event.tenantId ?? null,
          ip_hash: event.ipHash ?? null,
          ua_hash: event.uaHash ?? null,
          metadata: jsonText(event.metadata ?? {}),
        })
        .returningAll()
        .executeTakeFirstOrThrow(),

    listForUser: (userId, limit) =>
      db
        .selectFrom('security_events')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('id', 'desc')
        .limit(limit)
        .execute(),
  };
}
