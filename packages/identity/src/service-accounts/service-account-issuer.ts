import { AppError, asId, type Clock } from '@starter/contracts';
import type { Kysely } from 'kysely';
import { hashRefreshToken, verifyRefreshTokenHash } from '../crypto/refresh-token-hash.js';
import type { SecretBox } from '../crypto/secret-box.js';
import { inTransaction } from '../repositories/in-transaction.js';
import { isUniqueViolation } from '../repositories/unique-violation.js';
import type { IdentityDatabase, RefreshTokenRow } from '../schema/identity-database.js';
import type { TokenService } from '../tokens/token-service.js';
import type { IssuanceBurstLimiter } from './issuance-burst-limiter.js';
import type { ServiceAccountCatalog } from './service-account-catalog.js';
import type { IssuedServiceAccountToken } from './service-account-payload.js';
import type { IssueServiceAccountBody } from './service-account-schemas.js';
import {
  createServiceAccountTokensRepository,
  type ServiceAccountTokenKey,
} from './service-account-tokens-repository.js';

/** Dependencies of service-account issuance. */
export interface ServiceAccountIssuerDeps {
  db: Kysely<IdentityDatabase>;
  clock: Clock;
  tokens: TokenService;
  catalog: ServiceAccountCatalog;
  /** `AUTH_REFRESH_TOKEN_PEPPER`. */
  refreshTokenPepper: string;
  /** Keeps an encrypted copy of each token so a non-forced issuance can return it again. */
  secretBox: SecretBox;
  burstLimiter: IssuanceBurstLimiter;
}

/** Issues catalog service-account refresh tokens, one active token per (account, tenant, scopes). */
export type IssueServiceAccountToken = (body: IssueServiceAccountBody) => Promise<IssuedServiceAccountToken>;

function badRequest(message: string): never {
  throw new AppError('BadRequest', message);
}

function issuedPayload(row: RefreshTokenRow, token: string, reused: boolean): IssuedServiceAccountToken {
  return {
    account: row.account,
    refresh_token: token,
    jti: row.refresh_jti,
    kid: row.signing_kid,
    scopes: [...row.scopes],
    tenant_id: row.tenant_id,
    fingerprint: row.fingerprint,
    issued_at: row.issued_at.toISOString(),
    expires_at: row.expires_at.toISOString(),
    reused,
  };
}

/** Creates the issuance flow of spec §7.7 (the caller has already been authenticated). */
export function createServiceAccountIssuer(deps: ServiceAccountIssuerDeps): IssueServiceAccountToken {
  const { db, clock } = deps;
  const repository = createServiceAccountTokensRepository(db);

  /** The stored token, when it is active, decrypts, and still matches its hash. */
  const reusable = (row: RefreshTokenRow | undefined, fingerprint: string | null): string | null => {
    if (!row || row.expires_at.getTime() <= clock.now() || row.token_encrypted === null) return null;
    if (row.fingerprint !== fingerprint) return null;
    const token = deps.secretBox.tryOpen(row.token_encrypted, row.refresh_jti);
    return token !== null && verifyRefreshTokenHash(deps.refreshTokenPepper, token, row.token_hash)
      ? token
      : null;
  };

  const mint = async (
    key: ServiceAccountTokenKey,
    scopes: string[],
    ttlMinutes: number,
    fingerprint: string | null,
  ) => {
    const signed = await deps.tokens.signServiceAccountRefreshToken({
      account: key.account,
      scopes,
      ttlSeconds: ttlMinutes * 60,
      ...(key.tenantId === null ? {} : { tenantId: key.tenantId }),
      ...(fingerprint === null ? {} : { fingerprint }),
    });
    // Replacing and inserting in one transaction: there is never a moment with two active tokens or none.
    const row = await inTransaction(db, async (trx) => {
      const inTrx = createServiceAccountTokensRepository(trx);
      await inTrx.revokeKey(key, 'replaced', clock.date());
      return inTrx.insert({
        ...key,
        jti: signed.jti,
        tokenHash: hashRefreshToken(deps.refreshTokenPepper, signed.token),
        tokenEncrypted: deps.secretBox.seal(signed.token, signed.jti),
        signingKid: signed.kid,
        scopes,
        fingerprint,
        issuedAt: new Date(signed.claims.iat * 1000),
        expiresAt: signed.expiresAt,
      });
    });
    return issuedPayload(row, signed.token, false);
  };

  return async (body) => {
    const definition = Object.hasOwn(deps.catalog.accounts, body.account)
      ? deps.catalog.accounts[body.account]
      : undefined;
    if (!definition) badRequest('Unknown service account.');
    const scopes = [...new Set(body.scopes)].sort();
    const extra = scopes.filter((scope) => !definition.scopes.includes(scope));
    if (extra.length > 0) badRequest(`Scopes not allowed for this account: ${extra.join(', ')}.`);
    if (definition.tenant_bound && body.tenant_id === undefined)
      badRequest('This account requires a tenant_id.');
    if (!definition.tenant_bound && body.tenant_id !== undefined)
      badRequest('This account is global; omit tenant_id.');
    const ttlMinutes = body.lifetime_minutes ?? definition.default_ttl_minutes;
    if (ttlMinutes > definition.max_ttl_minutes) {
      badRequest(`lifetime_minutes exceeds the maximum of ${definition.max_ttl_minutes}.`);
    }
    deps.burstLimiter.take(body.account);

    const key: ServiceAccountTokenKey = {
      account: body.account,
      tenantId: body.tenant_id === undefined ? null : asId<'TenantId'>(body.tenant_id),
      scopeKey: scopes.join(' '),
    };
    const fingerprint = body.fingerprint ?? null;
    if (!body.force) {
      const existing = await repository.findUnrevoked(key);
      const token = reusable(existing, fingerprint);
      if (existing && token !== null) return issuedPayload(existing, token, true);
    }
    try {
      return await mint(key, scopes, ttlMinutes, fingerprint);
    } catch (error) {
      // A concurrent non-forced issuance won the race for the key: hand out its token instead.
      if (!body.force && isUniqueViolation(error)) {
        const winner = await repository.findUnrevoked(key);
        const token = reusable(winner, fingerprint);
        if (winner && token !== null) return issuedPayload(winner, token, true);
      }
      throw error;
    }
  };
}
