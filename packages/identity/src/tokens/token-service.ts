import type { Clock } from '@starter/contracts';
import { decodeProtectedHeader } from 'jose';
import type { KeyManager } from '../keys/key-manager.js';
import { createJwtSigner, type SignedToken } from './jwt-signer.js';
import { createJwtVerifier } from './jwt-verifier.js';
import {
  type AccessTokenClaims,
  AccessTokenClaimsSchema,
  type MfaChallengeTokenClaims,
  MfaChallengeTokenClaimsSchema,
  type RefreshTokenClaims,
  RefreshTokenClaimsSchema,
  type ServiceAccountRefreshTokenClaims,
  type UserRefreshTokenClaims,
} from './token-claims.js';
import { joinScopes, requirePositiveSeconds, requireUuid } from './token-inputs.js';
import type { TokenMetrics } from './token-metrics.js';
import { createVerifiedTokenCache } from './verified-token-cache.js';

export interface TokenServiceOptions {
  keys: KeyManager;
  clock: Clock;
  /** `iss` of every token (the app name, `api-service`). */
  issuer: string;
  /** AUTH_AUDIENCE: the `aud` of access tokens, and the audiences accepted when verifying them. */
  audiences: string[];
  accessTtlSeconds: number;
  refreshTtlSeconds: number;
  mfaChallengeTtlSeconds: number;
  /** Allowed clock skew between instances when checking exp/nbf (default 0). */
  clockToleranceSeconds?: number;
  metrics?: TokenMetrics;
  /** Verified access tokens remembered until expiry or key rotation (default 10 000; 0 disables). */
  verifiedAccessTokenCacheSize?: number;
}

export interface AccessTokenInput {
  userId: string;
  tenantId: string | null;
  roles: readonly string[];
  scopes: readonly string[];
  emailVerified: boolean;
  sessionId: string;
}

export interface RefreshTokenInput {
  userId: string;
  tenantId: string | null;
  scopes: readonly string[];
  emailVerified: boolean;
  sessionId: string;
}

export interface ServiceAccountRefreshTokenInput {
  account: string;
  scopes: readonly string[];
  tenantId?: string;
  fingerprint?: string;
  ttlSeconds: number;
}

export interface MfaChallengeTokenInput {
  userId: string;
  tenantId: string | null;
  sessionId: string;
  loginReason: string;
}

/** Issues and verifies the service's JWTs (spec §7.1). */
export interface TokenService {
  /** Signs an access token (`aud` = the configured audiences, TTL accessTtlSeconds). */
  signAccessToken(input: AccessTokenInput): Promise<SignedToken<AccessTokenClaims>>;
  /** Signs a user refresh token (`account` = `user:<uuid>`, no `aud`). */
  signRefreshToken(input: RefreshTokenInput): Promise<SignedToken<UserRefreshTokenClaims>>;
  /** Signs a service-account refresh token with the catalog TTL given by the caller. */
  signServiceAccountRefreshToken(
    input: ServiceAccountRefreshTokenInput,
  ): Promise<SignedToken<ServiceAccountRefreshTokenClaims>>;
  /** Signs the short-lived token returned with a 202 MFA challenge. */
  signMfaChallengeToken(input: MfaChallengeTokenInput): Promise<SignedToken<MfaChallengeTokenClaims>>;
  /** Verifies an access token (audience checked, `user:` subject); throws a generic 401 otherwise. */
  verifyAccessToken(token: string): Promise<AccessTokenClaims>;
  /** Verifies a user or service-account refresh token (no audience); throws a generic 401 otherwise. */
  verifyRefreshToken(token: string): Promise<RefreshTokenClaims>;
  /** Verifies an MFA challenge token; throws a generic 401 otherwise. */
  verifyMfaChallengeToken(token: string): Promise<MfaChallengeTokenClaims>;
}

const ACCOUNT_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

function tenantClaim(tenantId: string | null | undefined): { tenant_id?: string } {
  return tenantId === null || tenantId === undefined ? {} : { tenant_id: requireUuid(tenantId, 'tenantId') };
}

/** Creates the token service; validates its settings once, here. */
export function createTokenService(options: TokenServiceOptions): TokenService {
  const { keys, clock, issuer, metrics } = options;
  if (issuer.trim() === '') throw new TypeError('createTokenService: issuer must not be empty');
  if (options.audiences.length === 0 || options.audiences.some((aud) => aud.trim() === '')) {
    throw new TypeError('createTokenService: audiences must be a non-empty list of non-empty strings');
  }
  const audiences = [...options.audiences];
  const accessTtl = requirePositiveSeconds(options.accessTtlSeconds, 'accessTtlSeconds');
  const refreshTtl = requirePositiveSeconds(options.refreshTtlSeconds, 'refreshTtlSeconds');
  const mfaTtl = requirePositiveSeconds(options.mfaChallengeTtlSeconds, 'mfaChallengeTtlSeconds');

  const sign = createJwtSigner({ keys, clock, issuer, metrics });
  const verify = createJwtVerifier({
    keys,
    clock,
    issuer,
    metrics,
    clockToleranceSeconds: options.clockToleranceSeconds,
  });
  const verifiedAccessTokens = createVerifiedTokenCache<AccessTokenClaims>({
    keys,
    clock,
    maxEntries: options.verifiedAccessTokenCacheSize ?? 10_000,
    clockToleranceSeconds: options.clockToleranceSeconds ?? 0,
  });

  return {
    async signAccessToken(input) {
      const sub = `user:${requireUuid(input.userId, 'userId')}`;
      return sign(
        {
          sub,
          ...tenantClaim(input.tenantId),
          roles: [...input.roles],
          scope: joinScopes(input.scopes),
          token_use: 'access' as const,
          aud: [...audiences],
          email_verified: input.emailVerified,
          sid: requireUuid(input.sessionId, 'sessionId'),
        },
        accessTtl,
      );
    },

    async signRefreshToken(input) {
      const sub = `user:${requireUuid(input.userId, 'userId')}`;
      return sign(
        {
          sub,
          account: sub,
          ...tenantClaim(input.tenantId),
          scope: joinScopes(input.scopes),
          token_use: 'refresh' as const,
          email_verified: input.emailVerified,
          sid: requireUuid(input.sessionId, 'sessionId'),
        },
        refreshTtl,
      );
    },

    async signServiceAccountRefreshToken(input) {
      if (!ACCOUNT_PATTERN.test(input.account)) {
        throw new TypeError('signServiceAccountRefreshToken: invalid account name');
      }
      const ttl = requirePositiveSeconds(input.ttlSeconds, 'ttlSeconds');
      return sign(
        {
          sub: `service-account:${input.account}`,
          account: input.account,
          ...tenantClaim(input.tenantId),
          ...(input.fingerprint === undefined ? {} : { fingerprint: input.fingerprint }),
          scope: joinScopes(input.scopes),
          token_use: 'refresh' as const,
        },
        ttl,
      );
    },

    async signMfaChallengeToken(input) {
      if (input.loginReason.trim() === '') throw new TypeError('signMfaChallengeToken: loginReason is empty');
      return sign(
        {
          sub: `user:${requireUuid(input.userId, 'userId')}`,
          ...tenantClaim(input.tenantId),
          sid: requireUuid(input.sessionId, 'sessionId'),
          token_use: 'mfa_challenge' as const,
          login_reason: input.loginReason,
        },
        mfaTtl,
      );
    },

    async verifyAccessToken(token) {
      const cached = await verifiedAccessTokens.get(token);
      if (cached !== undefined) return cached;
      const claims = await verify(token, { schema: AccessTokenClaimsSchema, audience: audiences });
      // The kid checked by `verify` is the header's; decoding again is cheap next to the signature check.
      verifiedAccessTokens.set(token, claims, claims.exp, decodeProtectedHeader(token).kid as string);
      return claims;
    },
    verifyRefreshToken: (token) => verify(token, { schema: RefreshTokenClaimsSchema }),
    verifyMfaChallengeToken: (token) => verify(token, { schema: MfaChallengeTokenClaimsSchema }),
  };
}
