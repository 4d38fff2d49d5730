import type { TenantId } from '@starter/contracts';
import { type Kysely, sql } from 'kysely';
import { escapeLike, type OffsetPage, offsetPageOf, type PageWindow } from '../repositories/offset-page.js';
import type { IdentityDatabase, RefreshTokenRow } from '../schema/identity-database.js';

/** The unique key of a service account's single active token. */
export interface ServiceAccountTokenKey {
  account: string;
  tenantId: TenantId | null;
  scopeKey: string;
}

/** A service-account refresh token to store. */
export interface NewServiceAccountToken extends ServiceAccountTokenKey {
  jti: string;
  tokenHash: string;
  tokenEncrypted: string;
  signingKid: string;
  scopes: readonly string[];
  fingerprint: string | null;
  issuedAt: Date;
  expiresAt: Date;
}

/** Filters of the token list; `tenantIds` null means every tenant (operators). */
export interface ServiceAccountTokenFilter extends PageWindow {
  account?: string;
  fingerprint?: string;
  status: 'active' | 'revoked' | 'all';
  /** Only tokens of these tenants; null for no tenant restriction. */
  tenantIds: TenantId[] | null;
  /** Also global (tenant-less) tokens. */
  includeGlobal: boolean;
  now: Date;
}

/** Data access for service-account rows of `service_account_tokens`. */
export interface ServiceAccountTokensRepository {
  /** The unrevoked token of a key (possibly expired). */
  findUnrevoked(key: ServiceAccountTokenKey): Promise<RefreshTokenRow | undefined>;
  findByJti(jti: string): Promise<RefreshTokenRow | undefined>;
  /** Revokes the key's unrevoked token, if any; returns how many rows changed. */
  revokeKey(key: ServiceAccountTokenKey, reason: string, at: Date): Promise<number>;
  insert(token: NewServiceAccountToken): Promise<RefreshTokenRow>;
  revoke(jti: string, reason: string, at: Date): Promise<RefreshTokenRow | undefined>;
  list(filter: ServiceAccountTokenFilter): Promise<OffsetPage<RefreshTokenRow>>;
}

/** Creates the repository over an identity database (or a transaction on one). */
export function createServiceAccountTokensRepository(
  db: Kysely<IdentityDatabase>,
): ServiceAccountTokensRepository {
  const byKey = (key: ServiceAccountTokenKey) =>
    db
      .selectFrom('service_account_tokens')
      .where('kind', '=', 'service_account')
      .where('account', '=', key.account)
      .where('scope_key', '=', key.scopeKey)
      .where('revoked_at', 'is', null)
      .where((eb) =>
        key.tenantId === null ? eb('tenant_id', 'is', null) : eb('tenant_id', '=', key.tenantId),
      );

  const filtered = (filter: ServiceAccountTokenFilter) => {
    let query = db.selectFrom('service_account_tokens').where('kind', '=', 'service_account');
    if (filter.account !== undefined) {
      query = query.where(sql`lower(account)`, 'like', `%${escapeLike(filter.account.toLowerCase())}%`);
    }
    if (filter.fingerprint !== undefined) query = query.where('fingerprint', '=', filter.fingerprint);
    if (filter.status === 'active') {
      query = query.where('revoked_at', 'is', null).where('expires_at', '>', filter.now);
    } else if (filter.status === 'revoked') {
      query = query.where('revoked_at', 'is not', null);
    }
    const { tenantIds, includeGlobal } = filter;
    if (tenantIds !== null) {
      query = query.where((eb) => {
        const ofTenants = tenantIds.length === 0 ? eb.val(false) : eb('tenant_id', 'in', tenantIds);
        return includeGlobal ? eb.or([ofTenants, eb('tenant_id', 'is', null)]) : eb.and([ofTenants]);
      });
    } else if (!includeGlobal) {
      query = query.where('tenant_id', 'is not', null);
    }
    return query;
  };

  return {
    findUnrevoked: (key) => byKey(key).selectAll().executeTakeFirst(),

    findByJti: (jti) =>
      db
        .selectFrom('service_account_tokens')
        .selectAll()
        .where('kind', '=', 'service_account')
        .where('refresh_jti', '=', jti)
        .executeTakeFirst(),

    revokeKey: async (key, reason, at) => {
      const rows = await db
        .updateTable('service_account_tokens')
        .set({ revoked_at: at, revoked_reason: reason })
        .where('kind', '=', 'service_account')
        .where('account', '=', key.account)
        .where('scope_key', '=', key.scopeKey)
        .where('revoked_at', 'is', null)
        .where((eb) =>
          key.tenantId === null ? eb('tenant_id', 'is', null) : eb('tenant_id', '=', key.tenantId),
        )
        .returning('id')
        .execute();
      return rows.length;
    },

    insert: (token) =>
      db
        .insertInto('service_account_tokens')
        .values({
          refresh_jti: token.jti,
          token_hash: token.tokenHash,
          signing_kid: token.signingKid,
          kind: 'service_account',
          account: token.account,
          user_id: null,
          session_id: null,
          tenant_id: token.tenantId,
          scope_key: token.scopeKey,
          scopes: token.scopes,
          fingerprint: token.fingerprint,
          token_encrypted: token.tokenEncrypted,
          issued_at: token.issuedAt,
          expires_at: token.expiresAt,
        })
        .returningAll()
        .executeTakeFirstOrThrow(),

    revoke: (jti, reason, at) =>
      db
        .updateTable('service_account_tokens')
        .set({ revoked_at: at, revoked_reason: reason })
        .where('kind', '=', 'service_account')
        .where('refresh_jti', '=', jti)
        .where('revoked_at', 'is', null)
        .returningAll()
        .executeTakeFirst(),

    list: async (filter) => {
      return offsetPageOf(
        filtered(filter)
          .selectAll()
          .orderBy('issued_at', 'desc')
          .orderBy('id')
          .limit(filter.limit)
          .offset(filter.offset)
          .execute(),
        filtered(filter)
          .select((eb) => eb.fn.countAll().as('total'))
          .executeTakeFirst(),
      );
    },
  };
}
