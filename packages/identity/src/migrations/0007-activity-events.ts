import { type Kysely, type Migration, sql } from 'kysely';
import { ACTIVITY_ACTOR_TYPES, ACTIVITY_STATUSES } from '../activity/activity-values.js';
import { oneOf } from './migration-helpers.js';

/** The tenant activity log of spec §10.3 (receipts and last-seen markers come with the activity API). */
export const activityEventsMigration: Migration & { name: string } = {
  name: '0007_activity_events',
  // biome-ignore lint/suspicious/noExplicitAny: migrations run against a schema that is still changing.
  async up(db: Kysely<any>): Promise<void> {
    // No foreign keys, like the other audit tables: the log must outlive deleted tenants and users.
    await db.schema
      .createTable('activity_events')
      .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
      .addColumn('tenant_id', 'uuid')
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('actor_type', 'text', (c) => c.notNull())
      .addColumn('actor_role', 'text')
      .addColumn('object_type', 'text')
      .addColumn('object_id', 'text')
      .addColumn('object_name', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('source', 'text')
      .addColumn('request_id', 'text')
      .addColumn('ip_hash', 'text')
      .addColumn('user_agent', 'text')
      .addColumn('metadata', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addCheckConstraint('activity_events_action_check', sql`char_length(action) between 1 and 64`)
      .addCheckConstraint('activity_events_actor_type_check', oneOf('actor_type', ACTIVITY_ACTOR_TYPES))
      .addCheckConstraint('activity_events_status_check', oneOf('status', ACTIVITY_STATUSES))
      .execute();
    // The feed reads a tenant's newest events first, keyset-paginated on (created_at, id).
    await db.schema
      .createIndex('activity_events_tenant_created_idx')
      .on('activity_events')
      .columns(['tenant_id', 'created_at desc', 'id desc'])
      .execute();
    await db.schema
      .createIndex('activity_events_tenant_action_idx')
      .on('activity_events')
      .columns(['tenant_id', 'action'])
      .execute();
  },
  // biome-ignore lint/suspicious/noExplicitAny: see `up`.
  async down(db: Kysely<any>): Promise<void> {
    await db.schema.dropTable('activity_events').execute();
  },
};
