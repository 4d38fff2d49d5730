import { type Kysely, type Migration, sql } from 'kysely';
import {
  SIGNUP_INVITE_STATUSES,
  SIGNUP_REQUEST_STATUSES,
  SIGNUP_RESERVATION_STATUSES,
} from '../schema/identity-enums.js';
import { maxLength, oneOf, withTimestamps, withUuidKey } from './migration-helpers.js';

/** Access requests, operator signup invites and their reservations (spec §7.6). */
export const signupMigration: Migration & { name: string } = {
  name: '0003_signup',
  // biome-ignore lint/suspicious/noExplicitAny: migrations run against a schema that is still changing.
  async up(db: Kysely<any>): Promise<void> {
    await withTimestamps(
      withUuidKey(db.schema.createTable('tenant_signup_requests'))
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('organization', 'text', (c) => c.notNull())
        .addColumn('full_name', 'text', (c) => c.notNull())
        .addColumn('message', 'text')
        .addColumn('ip_hash', 'text')
        .addColumn('user_agent', 'text')
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
        .addColumn('decision_reason', 'text')
        .addColumn('decided_by', 'text')
        .addColumn('decided_at', 'timestamptz')
        // The foreign key is added below, once the invites table exists (the two reference each other).
        .addColumn('invite_id', 'uuid')
        .addColumn('metadata', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`)),
    )
      .addCheckConstraint('tenant_signup_requests_status_check', oneOf('status', SIGNUP_REQUEST_STATUSES))
      .addCheckConstraint('tenant_signup_requests_message_check', maxLength('message', 4000))
      .execute();
    await db.schema
      .createIndex('tenant_signup_requests_status_idx')
      .on('tenant_signup_requests')
      .columns(['status', 'created_at'])
      .execute();
    // Counting pending requests per IP (SIGNUP_CONCURRENT_REQUESTS_LIMIT).
    await db.schema
      .createIndex('tenant_signup_requests_pending_ip_idx')
      .on('tenant_signup_requests')
      .column('ip_hash')
      .where(sql.ref('status'), '=', 'pending')
      .execute();

    await withTimestamps(
      withUuidKey(db.schema.createTable('tenant_signup_invites'))
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('token_hint', 'text', (c) => c.notNull())
        .addColumn('invited_email', 'text')
        .addColumn('max_redemptions', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('redeemed_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
        .addColumn('signup_request_id', 'uuid', (c) =>
          c.references('tenant_signup_requests.id').onDelete('set null'),
        )
        .addColumn('note', 'text')
        .addColumn('issued_by', 'text')
        .addColumn('revoked_at', 'timestamptz')
        .addColumn('revoked_reason', 'text'),
    )
      .addCheckConstraint('tenant_signup_invites_status_check', oneOf('status', SIGNUP_INVITE_STATUSES))
      .addCheckConstraint(
        'tenant_signup_invites_redemptions_check',
        sql`max_redemptions >= 1 and redeemed_count between 0 and max_redemptions`,
      )
      .execute();
    await db.schema
      .createIndex('tenant_signup_invites_status_idx')
      .on('tenant_signup_invites')
      .columns(['status', 'created_at'])
      .execute();
    await db.schema
      .createIndex('tenant_signup_invites_request_idx')
      .on('tenant_signup_invites')
      .column('signup_request_id')
      .execute();
    await db.schema
      .alterTable('tenant_signup_requests')
      .addForeignKeyConstraint(
        'tenant_signup_requests_invite_fk',
        ['invite_id'],
        'tenant_signup_invites',
        ['id'],
        (c) => c.onDelete('set null'),
      )
      .execute();

    await withUuidKey(db.schema.createTable('tenant_signup_invite_reservations'))
      .addColumn('invite_id', 'uuid', (c) =>
        c.notNull().references('tenant_signup_invites.id').onDelete('cascade'),
      )
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('reserved'))
      .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
      .addColumn('tenant_id', 'uuid', (c) => c.references('tenant_accounts.id').onDelete('set null'))
      .addColumn('user_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('released_at', 'timestamptz')
      .addColumn('consumed_at', 'timestamptz')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addCheckConstraint(
        'tenant_signup_invite_reservations_status_check',
        oneOf('status', SIGNUP_RESERVATION_STATUSES),
      )
      .execute();
    await db.schema
      .createIndex('tenant_signup_invite_reservations_invite_idx')
      .on('tenant_signup_invite_reservations')
      .columns(['invite_id', 'status'])
      .execute();
  },
  // biome-ignore lint/suspicious/noExplicitAny: see `up`.
  async down(db: Kysely<any>): Promise<void> {
    await db.schema.dropTable('tenant_signup_invite_reservations').execute();
    await db.schema
      .alterTable('tenant_signup_requests')
      .dropConstraint('tenant_signup_requests_invite_fk')
      .execute();
    await db.schema.dropTable('tenant_signup_invites').execute();
    await db.schema.dropTable('tenant_signup_requests').execute();
  },
};
