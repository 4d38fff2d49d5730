import type { SessionId, TenantId, UserId } from '@starter/contracts';

/** The token pair a successful login, MFA completion, registration or invite acceptance returns (spec §1.2). */
export interface SessionTokens {
  access_token: string;
  refresh_token: string;
  token_type: 'bearer';
  /** ISO-8601 expiry of the access token. */
  expires_at: string;
  /** ISO-8601 expiry of the refresh token. */
  refresh_expires_at: string;
  kid: string;
  refresh_kid: string;
  scopes: string[];
  tenant_id: TenantId;
  user_id: UserId;
  email_verified: boolean;
  session_id: SessionId;
}

/** Where a request came from: recorded on the session row and in audit events. */
export interface RequestOrigin {
  ip: string | null;
  userAgent: string | null;
  /** The app's id of the request (`X-Request-ID`), carried onto the activity rows it causes. */
  requestId?: string | null;
}

/** What a flow that has authenticated a user asks of the session service. */
export interface IssueSessionInput {
  userId: UserId;
  tenantId: TenantId;
  origin: RequestOrigin;
  /** Why the session starts: `login`, `mfa`, `register`, `invite_accept`, … (audit only). */
  reason: string;
  /** Reuse an existing session id (refresh rotation keeps `sid`); a new one when omitted. */
  sessionId?: SessionId;
}

/**
 * Issues an access + refresh token pair and records the session (one transaction). Implemented by the
 * session service; other flows depend on this function type, not on the service.
 */
export type IssueSession = (input: IssueSessionInput) => Promise<SessionTokens>;
