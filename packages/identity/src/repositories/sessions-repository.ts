import type { SessionId, TenantId, UserId } from '@starter/contracts';
import { type Insertable, type Kysely, sql } from 'kysely';
import type { IdentityDatabase, RefreshTokenRow, UserSessionRow } from '../schema/identity-database.js';
import type { ServiceAccountTokensTable, UserSessionsTable } from '../schema/sessions-tables.js';
import { inTransaction } from './in-transaction.js';
import { type OffsetPage, offsetPageOf, type PageWindow } from './offset-page.js';

/** Device and network details of a session (everything but keys, timestamps and revocation). */
export type SessionDetails = Omit<
  Insertable<UserSessionsTable>,
  | 'id'
  | 'user_id'
  | 'tenant_id'
  | 'refresh_jti'
  | 'created_at'
  | 'last_seen_at'
  | 'revoked_at'
  | 'revoked_reason'
>;

/** A user refresh token to store; kind, account, user and session come from the session. */
export type UserRefreshTokenInput = Omit<
  Insertable<ServiceAccountTokensTable>,
  | 'id'
  | 'kind'
  | 'account'
  | 'user_id'
  | 'session_id'
  | 'tenant_id'
  | 'revoked_at'
  | 'revoked_reason'
  | 'rotated_to_jti'
  | 'created_at'
>;

/** A new login session and its first refresh token. */
export interface CreateSessionInput {
  /** Chosen by the caller so the access token's `sid` can be signed before the insert. */
  sessionId: SessionId;
  userId: UserId;
  tenantId: TenantId | null;
  details: SessionDetails;
  token: UserRefreshTokenInput;
}

/** Outcome of a rotation: the new token, or why the old one could not be rotated. */
export type RotateResult =
  | { status: 'rotated'; previous: RefreshTokenRow; token: RefreshTokenRow }
  /** Unknown, expired or already revoked: `existing` (when found) tells reuse (`rotated_to_jti`) apart. */
  | { status: 'inactive'; existing: RefreshTokenRow | undefined };

/** Listing options of a user's sessions. */
export interface SessionListOptions extends PageWindow {
  includeRevoked: boolean;
  tenantId?: TenantId;
}

/** Data access for `user_sessions` and the refresh tokens in `service_account_tokens`. */
export interface SessionsRepository {
  /** Inserts a session and its refresh token in one transaction. */
  create(input: CreateSessionInput): Promise<{ session: UserSessionRow; token: RefreshTokenRow }>;
  findSession(sessionId: SessionId): Promise<UserSessionRow | undefined>;
  findTokenByJti(jti: string): Promise<RefreshTokenRow | undefined>;
  /**
   * Revokes the active, unexpired token `oldJti` as `rotated` (pointing at the new jti), inserts the new
   * token in the same session and refreshes the session row, in one transaction. Two concurrent refreshes
   * with one token: exactly one rotates.
   */
  rotate(oldJti: string, token: UserRefreshTokenInput, details?: SessionDetails): Promise<RotateResult>;
  /** Revokes one active token; false when it was already revoked or is unknown. */
  revokeToken(jti: string, reason: string): Promise<boolean>;
  /**
   * Revokes a session and every token of it in one transaction; with `userId` only that user's session.
   * False when the session is missing or already revoked.
   */
  revokeSession(input: { sessionId: SessionId; reason: string; userId?: UserId }): Promise<boolean>;
  /** Revokes every active session and refresh token of a user; returns how many tokens and sessions. */
  revokeAllForUser(userId: UserId, reason: string): Promise<{ sessions: number; tokens: number }>;
  /** A user's sessions, newest first, with the total. */
  listForUser(userId: UserId, options: SessionListOptions): Promise<OffsetPage<UserSessionRow>>;
}

/** Creates the sessions repository over an identity database (or a transaction on one). */
export function createSessionsRepository(db: Kysely<IdentityDatabase>): SessionsRepository {
  const now = sql<Date>`now()`;

  return {
    create: (input) =>
      inTransaction(db, async (trx) => {
        const session = await trx
          .insertInto('user_sessions')
          .values({
            ...input.details,
            id: input.sessionId,
            user_id: input.userId,
            tenant_id: input.tenantId,
            refresh_jti: input.token.refresh_jti,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        const token = await trx
          .insertInto('service_account_tokens')
          .values({
            ...input.token,
            kind: 'user',
            account: `user:${input.userId}`,
            user_id: input.userId,
            session_id: session.id,
            tenant_id: input.tenantId,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return { session, token };
      }),

    findSession: (sessionId) =>
      db.selectFrom('user_sessions').selectAll().where('id', '=', sessionId).executeTakeFirst(),

    findTokenByJti: (jti) =>
      db.selectFrom('service_account_tokens').selectAll().where('refresh_jti', '=', jti).executeTakeFirst(),

    rotate: (oldJti, token, details) =>
      inTransaction(db, async (trx): Promise<RotateResult> => {
        const previous = await trx
          .updateTable('service_account_tokens')
          .set({ revoked_at: now, revoked_reason: 'rotated', rotated_to_jti: token.refresh_jti })
          .where('refresh_jti', '=', oldJti)
          .where('kind', '=', 'user')
          .where('revoked_at', 'is', null)
          .where('expires_at', '>', now)
          .returningAll()
          .executeTakeFirst();
        if (!previous) {
          const existing = await trx
            .selectFrom('service_account_tokens')
            .selectAll()
            .where('refresh_jti', '=', oldJti)
            .executeTakeFirst();
          return { status: 'inactive', existing };
        }
        const next = await trx
          .insertInto('service_account_tokens')
          .values({
            ...token,
            kind: 'user',
            account: previous.account,
            user_id: previous.user_id,
            session_id: previous.session_id,
            tenant_id: previous.tenant_id,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        if (previous.session_id !== null) {
          await trx
            .updateTable('user_sessions')
            .set({ ...details, refresh_jti: next.refresh_jti, last_seen_at: now })
            .where('id', '=', previous.session_id)
            .execute();
        }
        return { status: 'rotated', previous, token: next };
      }),

    revokeToken: async (jti, reason) => {
      const result = await db
        .updateTable('service_account_tokens')
        .set({ revoked_at: now, revoked_reason: reason })
        .where('refresh_jti', '=', jti)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    revokeSession: ({ sessionId, reason, userId }) =>
      inTransaction(db, async (trx) => {
        let query = trx
          .updateTable('user_sessions')
          .set({ revoked_at: now, revoked_reason: reason })
          .where('id', '=', sessionId)
          .where('revoked_at', 'is', null);
        if (userId !== undefined) query = query.where('user_id', '=', userId);
        const session = await query.returning('id').executeTakeFirst();
        if (!session) return false;
        await trx
          .updateTable('service_account_tokens')
          .set({ revoked_at: now, revoked_reason: reason })
          .where('session_id', '=', sessionId)
          .where('revoked_at', 'is', null)
          .execute();
        return true;
      }),

    revokeAllForUser: (userId, reason) =>
      inTransaction(db, async (trx) => {
        const sessions = await trx
          .updateTable('user_sessions')
          .set({ revoked_at: now, revoked_reason: reason })
          .where('user_id', '=', userId)
          .where('revoked_at', 'is', null)
          .executeTakeFirst();
        const tokens = await trx
          .updateTable('service_account_tokens')
          .set({ revoked_at: now, revoked_reason: reason })
          .where('user_id', '=', userId)
          .where('revoked_at', 'is', null)
          .executeTakeFirst();
        return { sessions: Number(sessions.numUpdatedRows), tokens: Number(tokens.numUpdatedRows) };
      }),

    listForUser: async (userId, options) => {
      let filtered = db.selectFrom('user_sessions').where('user_id', '=', userId);
      if (!options.includeRevoked) filtered = filtered.where('revoked_at', 'is', null);
      if (options.tenantId !== undefined) filtered = filtered.where('tenant_id', '=', options.tenantId);
      return offsetPageOf(
        filtered
          .selectAll()
          .orderBy('created_at', 'desc')
          .orderBy('id')
          .limit(options.limit)
          .offset(options.offset)
          .execute(),
        filtered.select((eb) => eb.fn.countAll().as('total')).executeTakeFirst(),
      );
    },
  };
}
