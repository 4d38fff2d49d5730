import type { SessionId, TenantId } from '@starter/contracts';
import { loginScopes } from '../authorization/login-scopes.js';
import type { TenantRole } from '../authorization/tenant-roles.js';
import { hashRefreshToken } from '../crypto/refresh-token-hash.js';
import type { SessionDetails, UserRefreshTokenInput } from '../repositories/sessions-repository.js';
import type { UserRow } from '../schema/identity-database.js';
import type { RequestOrigin, SessionTokens } from '../session-issuing/session-issuer.js';
import { hashIp } from '../sessions/hash-ip.js';
import { maskIp } from '../sessions/mask-ip.js';
import { parseUserAgent } from '../sessions/parse-user-agent.js';
import { sessionFingerprint } from '../sessions/session-fingerprint.js';
import type { SessionServiceDeps } from './session-service-deps.js';

// Bounds what one client can make us store per session row.
const MAX_USER_AGENT_LENGTH = 512;

/** What signing a token pair needs to know about the user and the session. */
export interface PairInput {
  user: Pick<UserRow, 'id' | 'email_verified_at' | 'platform_role'>;
  tenantId: TenantId;
  role: TenantRole;
  sessionId: SessionId;
  origin: RequestOrigin;
}

/** A signed pair plus the rows that record it. */
export interface SignedPair {
  tokens: SessionTokens;
  refreshRow: UserRefreshTokenInput;
  details: SessionDetails;
}

/** The device and network columns of a session row; the IP is stored hashed, masked and encrypted only. */
export function sessionDetails(
  deps: Pick<SessionServiceDeps, 'secretBox' | 'secrets'>,
  sessionId: SessionId,
  origin: RequestOrigin,
): SessionDetails {
  const userAgent = origin.userAgent?.slice(0, MAX_USER_AGENT_LENGTH) ?? null;
  const client = parseUserAgent(userAgent);
  const ip = origin.ip;
  return {
    fingerprint: sessionFingerprint(deps.secrets.ipHashSalt, ip ?? '', userAgent ?? ''),
    ip_hash: ip === null ? null : hashIp(deps.secrets.ipHashSalt, ip),
    // The session id as associated data: a ciphertext copied onto another row does not open.
    ip_encrypted: ip === null ? null : deps.secretBox.seal(ip, sessionId),
    ip_masked: ip === null ? null : maskIp(ip),
    user_agent: userAgent,
    client_platform: client.platform,
    client_browser: client.browser,
    client_device: client.device,
  };
}

/** Signs an access + refresh pair for one session and prepares its rows (no database access). */
export async function signSessionPair(deps: SessionServiceDeps, input: PairInput): Promise<SignedPair> {
  const { user, tenantId, role, sessionId } = input;
  const scopes = loginScopes(role, user.platform_role === 'platform_operator');
  const emailVerified = user.email_verified_at !== null;
  const [access, refresh] = await Promise.all([
    deps.tokens.signAccessToken({
      userId: user.id,
      tenantId,
      roles: [role],
      scopes,
      emailVerified,
      sessionId,
    }),
    deps.tokens.signRefreshToken({ userId: user.id, tenantId, scopes, emailVerified, sessionId }),
  ]);
  const details = sessionDetails(deps, sessionId, input.origin);
  return {
    tokens: {
      access_token: access.token,
      refresh_token: refresh.token,
      token_type: 'bearer',
      expires_at: access.expiresAt.toISOString(),
      refresh_expires_at: refresh.expiresAt.toISOString(),
      kid: access.kid,
      refresh_kid: refresh.kid,
      scopes,
      tenant_id: tenantId,
      user_id: user.id,
      email_verified: emailVerified,
      session_id: sessionId,
    },
    refreshRow: {
      refresh_jti: refresh.jti,
      token_hash: hashRefreshToken(deps.secrets.refreshTokenPepper, refresh.token),
      signing_kid: refresh.kid,
      scope_key: [...scopes].sort().join(' '),
      scopes,
      fingerprint: details.fingerprint ?? null,
      issued_at: new Date(refresh.claims.iat * 1000),
      expires_at: refresh.expiresAt,
    },
    details,
  };
}
