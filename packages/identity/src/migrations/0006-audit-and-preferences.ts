import { type Kysely, type Migration, sql } from 'kysely';
import { LOGIN_RESULTS } from '../schema/identity-enums.js';
import { oneOf, withTimestamps, withUuidKey } from './migration-helpers.js';

/** Security and login events, policy consents and notification preferences. */
export const auditAndPreferencesMigration: Migration & { name: string } = {
  name: '0006_audit_and_preferences',
  // biome-ignore lint/suspicious/noExplicitAny: migrations run against a schema that is still changing.
  async up(db: Kysely<any>): Promise<void> {
    // Audit rows carry user/tenant ids without foreign keys: the trail must outlive deleted accounts.
    await db.schema
      .createTable('security_events')
      .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
      .addColumn('event_type', 'text', (c) => c.notNull())
      .addColumn('user_id', 'uuid')
      .addColumn('tenant_id', 'uuid')
      .addColumn('ip_hash', 'text')
      .addColumn('ua_hash', 'text')
      .addColumn('metadata', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addCheckConstraint('security_events_type_check', sql`char_length(event_type) between 1 and 64`)
      .execute();
    await db.schema
      .createIndex('security_events_user_idx')
      .on('security_events')
      .columns(['user_id', 'id'])
      .execute();
    await db.schema
      .createIndex('security_events_tenant_idx')
      .on('security_events')
      .columns(['tenant_id', 'id'])
      .execute();

    await db.schema
      .createTable('user_login_events')
      .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
      .addColumn('user_id', 'uuid')
      .addColumn('tenant_id', 'uuid')
      .addColumn('result', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('ip_hash', 'text')
      .addColumn('user_agent', 'text')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addCheckConstraint('user_login_events_result_check', oneOf('result', LOGIN_RESULTS))
      .execute();
    await db.schema
      .createIndex('user_login_events_user_idx')
      .on('user_login_events')
      .columns(['user_id', 'id'])
      .execute();

    await withUuidKey(db.schema.createTable('user_consents'))
      .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('policy_key', 'text', (c) => c.notNull())
      .addColumn('version', 'text', (c) => c.notNull())
      .addColumn('accepted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('ip_hash', 'text')
      .addColumn('user_agent_hash', 'text')
      .addUniqueConstraint('user_consents_user_policy_version_key', ['user_id', 'policy_key', 'version'])
      .addCheckConstraint('user_consents_policy_key_check', sql`char_length(policy_key) between 1 and 64`)
      .addCheckConstraint('user_consents_version_check', sql`char_length(version) between 1 and 32`)
      .execute();

    await withTimestamps(
      withUuidKey(db.schema.createTable('user_notification_preferences'))
        .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('tenant_id', 'uuid', (c) => c.references('tenant_accounts.id').onDelete('cascade'))
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('enabled', 'boolean', (c) => c.notNull().defaultTo(true)),
    )
      // NULLS NOT DISTINCT (Postgres 15+, PGlite): one cross-tenant row per channel and category too.
      .addUniqueConstraint(
        'user_notification_preferences_key',
        ['user_id', 'tenant_id', 'channel', 'category'],
        (c) => c.nullsNotDistinct(),
      )
      .addCheckConstraint(
        'user_notification_preferences_channel_check',
        sql`char_length(channel) between 1 and 16`,
      )
      .addCheckConstraint(
        'user_notification_preferences_category_check',
        sql`char_length(category) between 1 and 64`,
      )
      .execute();
  },
  // biome-ignore lint/suspicious/noExplicitAny: see `up`.
  async down(db: Kysely<any>): Promise<void> {
    await db.schema.dropTable('user_notification_preferences').execute();
    await db.schema.dropTable('user_consents').execute();
    await db.schema.dropTable('user_login_events').execute();
    await db.schema.dropTable('security_events').execute();
  },
};
