import { type Kysely, type Migration, sql } from 'kysely';
import { MEMBER_INVITE_STATUSES, MEMBERSHIP_ROLES, TENANT_STATUSES } from '../schema/identity-enums.js';
import { maxLength, oneOf, withTimestamps, withUuidKey } from './migration-helpers.js';

/** Tenant accounts, their settings, memberships and team invites. */
export const tenantsMigration: Migration & { name: string } = {
  name: '0002_tenants',
  // biome-ignore lint/suspicious/noExplicitAny: migrations run against a schema that is still changing.
  async up(db: Kysely<any>): Promise<void> {
    await withTimestamps(
      withUuidKey(db.schema.createTable('tenant_accounts'))
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
        .addColumn('activated_at', 'timestamptz')
        .addColumn('suspended_at', 'timestamptz')
        .addColumn('deprovisioned_at', 'timestamptz')
        .addColumn('status_changed_at', 'timestamptz')
        .addColumn('status_reason', 'text')
        .addColumn('status_actor', 'text')
        .addColumn('created_by', 'text'),
    )
      .addCheckConstraint('tenant_accounts_status_check', oneOf('status', TENANT_STATUSES))
      .addCheckConstraint(
        'tenant_accounts_slug_check',
        sql`slug ~ '^[a-z0-9][a-z0-9-]*$' and char_length(slug) <= 64`,
      )
      .addCheckConstraint('tenant_accounts_name_check', sql`char_length(name) between 1 and 128`)
      .addCheckConstraint('tenant_accounts_status_reason_check', maxLength('status_reason', 512))
      .execute();
    await db.schema
      .createIndex('tenant_accounts_status_idx')
      .on('tenant_accounts')
      .columns(['status', 'created_at'])
      .execute();

    await db.schema
      .createTable('tenant_settings')
      .addColumn('tenant_id', 'uuid', (c) =>
        c.primaryKey().references('tenant_accounts.id').onDelete('cascade'),
      )
      .addColumn('billing_contacts', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
      .addColumn('billing_webhook_url', 'text')
      .addColumn('plan_metadata', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
      .addColumn('flags', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addCheckConstraint('tenant_settings_version_check', sql`version >= 1`)
      .addCheckConstraint('tenant_settings_contacts_check', sql`jsonb_typeof(billing_contacts) = 'array'`)
      .addCheckConstraint('tenant_settings_plan_metadata_check', sql`jsonb_typeof(plan_metadata) = 'object'`)
      .addCheckConstraint('tenant_settings_flags_check', sql`jsonb_typeof(flags) = 'object'`)
      .addCheckConstraint('tenant_settings_webhook_url_check', maxLength('billing_webhook_url', 2048))
      .execute();

    await withTimestamps(
      withUuidKey(db.schema.createTable('tenant_user_memberships'))
        .addColumn('tenant_id', 'uuid', (c) =>
          c.notNull().references('tenant_accounts.id').onDelete('cascade'),
        )
        .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('invited_by', 'uuid', (c) => c.references('users.id').onDelete('set null')),
    )
      .addUniqueConstraint('tenant_user_memberships_tenant_user_key', ['tenant_id', 'user_id'])
      .addCheckConstraint('tenant_user_memberships_role_check', oneOf('role', MEMBERSHIP_ROLES))
      .execute();
    // The unique key serves per-tenant lookups; these serve "my tenants" and owner counts.
    await db.schema
      .createIndex('tenant_user_memberships_user_idx')
      .on('tenant_user_memberships')
      .column('user_id')
      .execute();
    await db.schema
      .createIndex('tenant_user_memberships_owner_idx')
      .on('tenant_user_memberships')
      .column('tenant_id')
      .where(sql.ref('role'), '=', 'owner')
      .execute();

    await withTimestamps(
      withUuidKey(db.schema.createTable('tenant_member_invites'))
        .addColumn('tenant_id', 'uuid', (c) =>
          c.notNull().references('tenant_accounts.id').onDelete('cascade'),
        )
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('token_hint', 'text', (c) => c.notNull())
        .addColumn('invited_email', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
        .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
        .addColumn('invited_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('accepted_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('accepted_at', 'timestamptz')
        .addColumn('revoked_at', 'timestamptz')
        .addColumn('revoked_reason', 'text'),
    )
      .addCheckConstraint('tenant_member_invites_role_check', oneOf('role', MEMBERSHIP_ROLES))
      .addCheckConstraint('tenant_member_invites_status_check', oneOf('status', MEMBER_INVITE_STATUSES))
      .execute();
    await db.schema
      .createIndex('tenant_member_invites_tenant_idx')
      .on('tenant_member_invites')
      .columns(['tenant_id', 'status', 'created_at'])
      .execute();
    await db.schema
      .createIndex('tenant_member_invites_email_idx')
      .on('tenant_member_invites')
      .expression(sql`tenant_id, lower(invited_email)`)
      .execute();
  },
  // biome-ignore lint/suspicious/noExplicitAny: see `up`.
  async down(db: Kysely<any>): Promise<void> {
    await db.schema.dropTable('tenant_member_invites').execute();
    await db.schema.dropTable('tenant_user_memberships').execute();
    await db.schema.dropTable('tenant_settings').execute();
    await db.schema.dropTable('tenant_accounts').execute();
  },
};
