import { AppError, type SessionId, type TenantId, type UserId } from '@starter/contracts';
import { decodeJwt } from 'jose';
import { soleTenantOf } from '../activity/sole-tenant.js';
import { verifyRefreshTokenHash } from '../crypto/refresh-token-hash.js';
import { createSessionsRepository } from '../repositories/sessions-repository.js';
import type { UserSessionRow } from '../schema/identity-database.js';
import type { RequestOrigin } from '../session-issuing/session-issuer.js';
import { SESSION_MESSAGES, type SessionServiceDeps } from './session-service-deps.js';

/** One row of `GET /auth/sessions` (spec §1.2): masked IP only, `current` by the caller's `sid`. */
export interface SessionView {
  id: string;
  tenant_id: string | null;
  current: boolean;
  ip_masked: string | null;
  user_agent: string | null;
  client: { platform: string | null; browser: string | null; device: string | null };
  location: { city: string | null; region: string | null; country: string | null };
  created_at: string;
  last_seen_at: string;
  revoked_at: string | null;
  revoked_reason: string | null;
}

/** Filters and window of a session listing. */
export interface ListSessionsOptions {
  limit: number;
  offset: number;
  includeRevoked: boolean;
  tenantId?: TenantId;
}

/** A page of sessions in the spec's offset style. */
export interface SessionPage {
  items: SessionView[];
  total: number;
  limit: number;
  offset: number;
  next_offset: number | null;
}

function toView(row: UserSessionRow, currentSessionId: string | null): SessionView {
  return {
    id: row.id,
    tenant_id: row.tenant_id,
    current: row.id === currentSessionId,
    ip_masked: row.ip_masked,
    user_agent: row.user_agent,
    client: { platform: row.client_platform, browser: row.client_browser, device: row.client_device },
    location: { city: row.location_city, region: row.location_region, country: row.location_country },
    created_at: row.created_at.toISOString(),
    last_seen_at: row.last_seen_at.toISOString(),
    revoked_at: row.revoked_at?.toISOString() ?? null,
    revoked_reason: row.revoked_reason,
  };
}

/** The jti of a token, read without checking the signature: the stored HMAC authenticates it instead. */
function unverifiedJti(token: string): string | null {
  try {
    const { jti } = decodeJwt(token);
    return typeof jti === 'string' && jti !== '' ? jti : null;
  } catch {
    return null;
  }
}

/** Creates logout, logout-all, session listing and manual revocation. */
export function createSessionManagement(deps: SessionServiceDeps) {
  const { db, logger } = deps;
  const sessions = createSessionsRepository(db);
  const logRevoke = (fields: Record<string, unknown>) =>
    logger.info({ event: 'auth.session_revoke', ...fields }, 'Session revoked');

  return {
    /**
     * Revokes the caller's refresh token and its session. Expired tokens are accepted (logout must work
     * after expiry), so the signature is not checked; the HMAC of the whole token, stored at issue,
     * proves it is ours and unaltered.
     */
    async logout(
      callerUserId: UserId,
      refreshToken: string,
      origin?: RequestOrigin,
    ): Promise<{ revoked: boolean }> {
      const jti = unverifiedJti(refreshToken);
      const row = jti === null ? undefined : await sessions.findTokenByJti(jti);
      if (!row || !verifyRefreshTokenHash(deps.secrets.refreshTokenPepper, refreshToken, row.token_hash)) {
        throw new AppError('Unauthorized', SESSION_MESSAGES.invalidRefreshToken);
      }
      if (row.kind !== 'user' || row.user_id !== callerUserId) {
        throw new AppError('Forbidden', SESSION_MESSAGES.foreignRefreshToken);
      }
      if (row.revoked_at !== null || row.expires_at.getTime() <= deps.clock.now()) return { revoked: false };
      const revoked =
        row.session_id === null
          ? await sessions.revokeToken(row.refresh_jti, 'user_logout')
          : await sessions.revokeSession({
              sessionId: row.session_id,
              reason: 'user_logout',
              userId: callerUserId,
            });
      if (revoked) logRevoke({ reason: 'user_logout', user_id: callerUserId, session_id: row.session_id });
      if (revoked && row.tenant_id !== null) {
        await deps.activity?.record({
          action: 'auth.logout',
          tenantId: row.tenant_id,
          actor: { type: 'user', id: callerUserId },
          ...(origin === undefined ? {} : { origin }),
          metadata: { scope: 'session', ...(row.session_id === null ? {} : { session_id: row.session_id }) },
        });
      }
      return { revoked };
    },

    /** Revokes every session and refresh token of the user; returns how many tokens were revoked. */
    async logoutAll(userId: UserId, origin?: RequestOrigin): Promise<{ revoked: number }> {
      const counts = await sessions.revokeAllForUser(userId, 'user_logout_all');
      // Sessions span tenants, so the event is logged only where the tenant is unambiguous.
      const tenantId = deps.activity ? await soleTenantOf(db, userId) : null;
      if (tenantId !== null) {
        await deps.activity?.record({
          action: 'auth.logout',
          tenantId,
          actor: { type: 'user', id: userId },
          ...(origin === undefined ? {} : { origin }),
          metadata: { scope: 'all', revoked: counts.tokens },
        });
      }
      logRevoke({
        reason: 'user_logout_all',
        user_id: userId,
        sessions: counts.sessions,
        tokens: counts.tokens,
      });
      return { revoked: counts.tokens };
    },

    /** The user's own sessions, newest first; `current` marks the one the caller's token belongs to. */
    async listSessions(
      userId: UserId,
      options: ListSessionsOptions,
      currentSessionId: string | null,
    ): Promise<SessionPage> {
      const page = await sessions.listForUser(userId, {
        limit: options.limit,
        offset: options.offset,
        includeRevoked: options.includeRevoked,
        ...(options.tenantId === undefined ? {} : { tenantId: options.tenantId }),
      });
      const end = options.offset + page.items.length;
      return {
        items: page.items.map((row) => toView(row, currentSessionId)),
        total: page.total,
        limit: options.limit,
        offset: options.offset,
        next_offset: end < page.total ? end : null,
      };
    },

    /** Revokes one of the user's own sessions (and its tokens); 404 when missing, foreign or already revoked. */
    async revokeSession(userId: UserId, sessionId: SessionId): Promise<void> {
      const reason = 'user_session_manual_revoke';
      if (!(await sessions.revokeSession({ sessionId, reason, userId }))) {
        throw new AppError('NotFound', SESSION_MESSAGES.sessionNotFound);
      }
      logRevoke({ reason, user_id: userId, session_id: sessionId });
    },
  };
}
