import type { SessionId, TenantId, UserId } from '@starter/contracts';
import type { ColumnType, Generated } from 'kysely';
import type { TokenAccountKind } from './identity-enums.js';
import type { CreatedAt } from './users-tables.js';

export interface UserSessionsTable {
  id: Generated<SessionId>;
  user_id: UserId;
  tenant_id: TenantId | null;
  /** The session's current refresh token. */
  refresh_jti: string | null;
  fingerprint: string | null;
  ip_hash: string | null;
  ip_encrypted: string | null;
  ip_masked: string | null;
  user_agent: string | null;
  client_platform: string | null;
  client_browser: string | null;
  client_device: string | null;
  location_city: string | null;
  location_region: string | null;
  location_country: string | null;
  created_at: CreatedAt;
  last_seen_at: CreatedAt;
  revoked_at: Date | null;
  revoked_reason: string | null;
}

/** Every refresh token, of users and service accounts alike (spec §7.3). */
export interface ServiceAccountTokensTable {
  id: Generated<string>;
  refresh_jti: string;
  /** HMAC-SHA256(pepper, full token) as lowercase hex. */
  token_hash: string;
  signing_kid: string;
  kind: TokenAccountKind;
  /** `user:<uuid>` or the service account name. */
  account: string;
  /** Set for user tokens, so all of a user's tokens can be found without parsing `account`. */
  user_id: UserId | null;
  session_id: SessionId | null;
  tenant_id: TenantId | null;
  scope_key: string;
  scopes: ColumnType<string[], readonly string[], readonly string[]>;
  fingerprint: string | null;
  /** AES-GCM ciphertext of the token, for service accounts that re-issue idempotently. */
  token_encrypted: string | null;
  issued_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
  revoked_reason: string | null;
  /** The token that replaced this one on refresh; presenting this one again is reuse (spec §14). */
  rotated_to_jti: string | null;
  created_at: CreatedAt;
}
