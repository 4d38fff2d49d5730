import { type Kysely, type Migration, sql } from 'kysely';
import { TOKEN_ACCOUNT_KINDS } from '../schema/identity-enums.js';
import { oneOf, withUuidKey } from './migration-helpers.js';

/** Per-device sessions and every refresh token, user and service account (spec §7.3). */
export const sessionsMigration: Migration & { name: string } = {
  name: '0004_sessions',
  // biome-ignore lint/suspicious/noExplicitAny: migrations run against a schema that is still changing.
  async up(db: Kysely<any>): Promise<void> {
    await withUuidKey(db.schema.createTable('user_sessions'))
      .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('tenant_id', 'uuid', (c) => c.references('tenant_accounts.id').onDelete('cascade'))
      .addColumn('refresh_jti', 'text')
      .addColumn('fingerprint', 'text')
      .addColumn('ip_hash', 'text')
      .addColumn('ip_encrypted', 'text')
      .addColumn('ip_masked', 'text')
      .addColumn('user_agent', 'text')
      .addColumn('client_platform', 'text')
      .addColumn('client_browser', 'text')
      .addColumn('client_device', 'text')
      .addColumn('location_city', 'text')
      .addColumn('location_region', 'text')
      .addColumn('location_country', 'text')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('revoked_at', 'timestamptz')
      .addColumn('revoked_reason', 'text')
      .addCheckConstraint('user_sessions_revoked_check', sql`(revoked_at is null) = (revoked_reason is null)`)
      .execute();
    await db.schema
      .createIndex('user_sessions_user_idx')
      .on('user_sessions')
      .columns(['user_id', 'created_at'])
      .execute();

    await withUuidKey(db.schema.createTable('service_account_tokens'))
      .addColumn('refresh_jti', 'text', (c) => c.notNull().unique())
      .addColumn('token_hash', 'text', (c) => c.notNull())
      .addColumn('signing_kid', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('account', 'text', (c) => c.notNull())
      .addColumn('user_id', 'uuid', (c) => c.references('users.id').onDelete('cascade'))
      .addColumn('session_id', 'uuid', (c) => c.references('user_sessions.id').onDelete('cascade'))
      .addColumn('tenant_id', 'uuid', (c) => c.references('tenant_accounts.id').onDelete('cascade'))
      .addColumn('scope_key', 'text', (c) => c.notNull())
      .addColumn('scopes', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
      .addColumn('fingerprint', 'text')
      .addColumn('token_encrypted', 'text')
      .addColumn('issued_at', 'timestamptz', (c) => c.notNull())
      .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
      .addColumn('revoked_at', 'timestamptz')
      .addColumn('revoked_reason', 'text')
      .addColumn('rotated_to_jti', 'text')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addCheckConstraint('service_account_tokens_kind_check', oneOf('kind', TOKEN_ACCOUNT_KINDS))
      // A full HMAC-SHA256 in hex: a truncated hash can never be stored (spec §7.3).
      .addCheckConstraint('service_account_tokens_hash_check', sql`token_hash ~ '^[0-9a-f]{64}$'`)
      .addCheckConstraint(
        'service_account_tokens_user_check',
        sql`(kind = 'user') = (user_id is not null) and (kind = 'user' or session_id is null)`,
      )
      .addCheckConstraint(
        'service_account_tokens_revoked_check',
        sql`(revoked_at is null) = (revoked_reason is null)`,
      )
      .addCheckConstraint('service_account_tokens_lifetime_check', sql`expires_at > issued_at`)
      .execute();
    await db.schema
      .createIndex('service_account_tokens_session_idx')
      .on('service_account_tokens')
      .column('session_id')
      .execute();
    await db.schema
      .createIndex('service_account_tokens_user_active_idx')
      .on('service_account_tokens')
      .column('user_id')
      .where(sql.ref('revoked_at'), 'is', null)
      .execute();
    // Service accounts keep one active token per (account, tenant, scope_key); the index makes a racing
    // second issuance fail instead of leaving two live tokens.
    await db.schema
      .createIndex('service_account_tokens_active_account_key')
      .on('service_account_tokens')
      .unique()
      .expression(sql`account, coalesce(tenant_id::text, ''), scope_key`)
      .where(sql<boolean>`kind = 'service_account' and revoked_at is null`)
      .execute();
  },
  // biome-ignore lint/suspicious/noExplicitAny: see `up`.
  async down(db: Kysely<any>): Promise<void> {
    await db.schema.dropTable('service_account_tokens').execute();
    await db.schema.dropTable('user_sessions').execute();
  },
};
