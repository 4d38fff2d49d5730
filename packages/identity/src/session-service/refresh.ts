import { AppError, asId, type SessionId, type TenantId } from '@starter/contracts';
import { verifyRefreshTokenHash } from '../crypto/refresh-token-hash.js';
import { createMembershipsRepository } from '../repositories/memberships-repository.js';
import { createSecurityEventsRepository } from '../repositories/security-events-repository.js';
import { createSessionsRepository } from '../repositories/sessions-repository.js';
import { createUsersRepository } from '../repositories/users-repository.js';
import type { RefreshTokenRow } from '../schema/identity-database.js';
import type { RequestOrigin, SessionTokens } from '../session-issuing/session-issuer.js';
import { hashIp } from '../sessions/hash-ip.js';
import { isServiceAccountRefresh } from '../tokens/token-claims.js';
import { admitAccount } from './account-gates.js';
import { signSessionPair } from './session-pair.js';
import { SESSION_MESSAGES, type SessionServiceDeps } from './session-service-deps.js';

function revokedOrExpired(): AppError {
  return new AppError('Unauthorized', SESSION_MESSAGES.refreshRevoked, {
    headers: { 'WWW-Authenticate': 'Bearer' },
  });
}

/** Creates the refresh flow of spec §7.3 with the reuse handling of §14. */
export function createRefresh(deps: SessionServiceDeps) {
  const { db, logger } = deps;
  const sessions = createSessionsRepository(db);

  /** A rotated token came back: someone holds a copy, so the whole session dies (spec §14). */
  async function handleReuse(row: RefreshTokenRow, origin: RequestOrigin): Promise<never> {
    if (row.session_id !== null) {
      await sessions.revokeSession({ sessionId: row.session_id, reason: 'refresh_token_reuse' });
    }
    await createSecurityEventsRepository(db).record({
      eventType: 'refresh_token_reuse',
      userId: row.user_id,
      tenantId: row.tenant_id,
      ipHash: origin.ip === null ? null : hashIp(deps.secrets.ipHashSalt, origin.ip),
      metadata: { session_id: row.session_id, jti: row.refresh_jti },
    });
    logger.warn(
      {
        event: 'auth.session_revoke',
        reason: 'refresh_token_reuse',
        user_id: row.user_id,
        session_id: row.session_id,
      },
      'Refresh token reuse: session revoked',
    );
    throw revokedOrExpired();
  }

  return async function refresh(refreshToken: string, origin: RequestOrigin): Promise<SessionTokens> {
    const claims = await deps.tokens.verifyRefreshToken(refreshToken);
    // Service-account tokens are refreshed by their own flow, never into a user session.
    if (isServiceAccountRefresh(claims)) throw revokedOrExpired();
    if (claims.tenant_id === undefined) {
      throw new AppError('Unauthorized', SESSION_MESSAGES.refreshTenantMissing);
    }
    const row = await sessions.findTokenByJti(claims.jti);
    if (row?.kind !== 'user' || row.user_id === null || row.session_id === null) {
      throw revokedOrExpired();
    }
    if (!verifyRefreshTokenHash(deps.secrets.refreshTokenPepper, refreshToken, row.token_hash)) {
      throw revokedOrExpired();
    }
    if (row.revoked_at !== null) {
      if (row.rotated_to_jti !== null) return handleReuse(row, origin);
      throw revokedOrExpired();
    }
    if (row.expires_at.getTime() <= deps.clock.now()) throw revokedOrExpired();

    const users = createUsersRepository(db);
    const found = await users.findById(row.user_id);
    if (!found) throw revokedOrExpired();
    const user = await admitAccount(deps, users, found);
    const tenantId = asId<'TenantId'>(claims.tenant_id) as TenantId;
    // The role is re-read so a demotion since login takes effect at the next refresh.
    const membership = await createMembershipsRepository(db).find(tenantId, user.id);
    if (!membership) throw new AppError('Unauthorized', SESSION_MESSAGES.notMemberOfTenant);

    const sessionId = row.session_id as SessionId;
    const pair = await signSessionPair(deps, { user, tenantId, role: membership.role, sessionId, origin });
    const result = await sessions.rotate(row.refresh_jti, pair.refreshRow, pair.details);
    if (result.status === 'inactive') {
      // Lost a race with a concurrent refresh of the same token: that is reuse too.
      if (result.existing?.rotated_to_jti) return handleReuse(result.existing, origin);
      throw revokedOrExpired();
    }
    logger.info(
      {
        event: 'auth.user_session',
        reason: 'refresh',
        user_id: user.id,
        tenant_id: tenantId,
        session_id: sessionId,
      },
      'Session refreshed',
    );
    return pair.tokens;
  };
}
