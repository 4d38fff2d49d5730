import { type Kysely, type Migration, sql } from 'kysely';

/** Per-user read state of the activity feed (spec §1.15): receipts per event and a "mark all read" marker. */
export const activityReceiptsMigration: Migration & { name: string } = {
  name: '0008_activity_receipts',
  // biome-ignore lint/suspicious/noExplicitAny: migrations run against a schema that is still changing.
  async up(db: Kysely<any>): Promise<void> {
    // Receipts die with their event (retention cleanup deletes events); users and tenants are not
    // referenced, like the rest of the audit tables, so deleting them never blocks on the log.
    await db.schema
      .createTable('activity_event_receipts')
      .addColumn('tenant_id', 'uuid', (c) => c.notNull())
      .addColumn('user_id', 'uuid', (c) => c.notNull())
      .addColumn('event_id', 'bigint', (c) =>
        c.notNull().references('activity_events.id').onDelete('cascade'),
      )
      .addColumn('read_at', 'timestamptz')
      .addColumn('dismissed_at', 'timestamptz')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addUniqueConstraint('activity_event_receipts_user_event_key', ['user_id', 'event_id'])
      .execute();
    // The unread count scans a tenant's receipts of one user.
    await db.schema
      .createIndex('activity_event_receipts_tenant_user_idx')
      .on('activity_event_receipts')
      .columns(['tenant_id', 'user_id', 'event_id'])
      .execute();
    await db.schema
      .createTable('activity_last_seen')
      .addColumn('tenant_id', 'uuid', (c) => c.notNull())
      .addColumn('user_id', 'uuid', (c) => c.notNull())
      .addColumn('last_event_id', 'bigint', (c) => c.notNull())
      .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addPrimaryKeyConstraint('activity_last_seen_pkey', ['tenant_id', 'user_id'])
      .execute();
  },
  // biome-ignore lint/suspicious/noExplicitAny: see `up`.
  async down(db: Kysely<any>): Promise<void> {
    await db.schema.dropTable('activity_last_seen').execute();
    await db.schema.dropTable('activity_event_receipts').execute();
  },
};
