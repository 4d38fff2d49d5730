import type { RefreshTokenRow } from '../schema/identity-database.js';

/** A service-account token as the list and revoke routes show it (never the token or its hash). */
export function serviceAccountTokenPayload(row: RefreshTokenRow) {
  return {
    jti: row.refresh_jti,
    account: row.account,
    tenant_id: row.tenant_id,
    scopes: row.scopes,
    fingerprint: row.fingerprint,
    signing_kid: row.signing_kid,
    issued_at: row.issued_at.toISOString(),
    expires_at: row.expires_at.toISOString(),
    revoked_at: row.revoked_at?.toISOString() ?? null,
    revoked_reason: row.revoked_reason,
  };
}
/** A service-account token payload. */
export type ServiceAccountTokenPayload = ReturnType<typeof serviceAccountTokenPayload>;

/** The 201 payload of an issuance: the refresh token, and whether an existing one was returned. */
export interface IssuedServiceAccountToken {
  account: string;
  refresh_token: string;
  jti: string;
  kid: string;
  scopes: string[];
  tenant_id: string | null;
  fingerprint: string | null;
  issued_at: string;
  expires_at: string;
  /** True when the existing active token was returned instead of a new one (non-forced issuance). */
  reused: boolean;
}
