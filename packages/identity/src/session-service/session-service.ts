import type { SessionId, TenantId, UserId } from '@starter/contracts';
import type { IssueSession, RequestOrigin, SessionTokens } from '../session-issuing/session-issuer.js';
import { createLogin, type LoginInput, type LoginOutcome } from './login.js';
import { createRefresh } from './refresh.js';
import { createSessionIssuer } from './session-issuer.js';
import { createSessionManagement, type ListSessionsOptions, type SessionPage } from './session-management.js';
import type { SessionServiceDeps } from './session-service-deps.js';

/** Login, refresh, logout and the session list of spec §1.2 / §7.3 (no HTTP). */
export interface SessionService {
  /** Issues a token pair and records the session; the `IssueSession` every sign-in flow uses. */
  issue: IssueSession;
  /** Password login: tokens, or an MFA challenge when the user has a verified method. */
  login(input: LoginInput): Promise<LoginOutcome>;
  /** Rotates a refresh token into a new pair of the same session; reuse revokes the session. */
  refresh(refreshToken: string, origin: RequestOrigin): Promise<SessionTokens>;
  /** Revokes the caller's refresh token and session; `revoked:false` when already inactive. */
  logout(callerUserId: UserId, refreshToken: string, origin?: RequestOrigin): Promise<{ revoked: boolean }>;
  /** Revokes all of the user's sessions; returns the number of refresh tokens revoked. */
  logoutAll(userId: UserId, origin?: RequestOrigin): Promise<{ revoked: number }>;
  /** The user's sessions, `current` marked by the caller's session id. */
  listSessions(
    userId: UserId,
    options: ListSessionsOptions & { tenantId?: TenantId },
    currentSessionId: string | null,
  ): Promise<SessionPage>;
  /** Revokes one of the user's sessions; 404 when missing or already revoked. */
  revokeSession(userId: UserId, sessionId: SessionId): Promise<void>;
}

/** Creates the session service. */
export function createSessionService(deps: SessionServiceDeps): SessionService {
  const issuer = createSessionIssuer(deps);
  const management = createSessionManagement(deps);
  return {
    issue: issuer.issue,
    login: createLogin(deps, issuer),
    refresh: createRefresh(deps),
    ...management,
  };
}
