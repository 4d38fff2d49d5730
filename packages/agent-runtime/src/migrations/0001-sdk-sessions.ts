import { type Kysely, type Migration, sql } from 'kysely';

/** Agents SDK session store: sessions and their items. */
export const sdkSessionsMigration: Migration & { name: string } = {
  name: '0001_sdk_sessions',
  // biome-ignore lint/suspicious/noExplicitAny: migrations run against a schema that is still changing.
  async up(db: Kysely<any>): Promise<void> {
    // No foreign key to tenant_accounts: this package runs without @starter/identity's tables.
    await db.schema
      .createTable('sdk_agent_sessions')
      .addColumn('tenant_id', 'uuid', (c) => c.notNull())
      .addColumn('session_id', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addPrimaryKeyConstraint('sdk_agent_sessions_pkey', ['tenant_id', 'session_id'])
      .addCheckConstraint(
        'sdk_agent_sessions_session_id_check',
        sql`char_length(session_id) between 1 and 255`,
      )
      .execute();

    await db.schema
      .createTable('sdk_agent_session_messages')
      .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
      .addColumn('tenant_id', 'uuid', (c) => c.notNull())
      .addColumn('session_id', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('item', 'jsonb', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addForeignKeyConstraint(
        'sdk_agent_session_messages_session_fkey',
        ['tenant_id', 'session_id'],
        'sdk_agent_sessions',
        ['tenant_id', 'session_id'],
        (fk) => fk.onDelete('cascade'),
      )
      // Also the index that reads a session's items in order.
      .addUniqueConstraint('sdk_agent_session_messages_position_key', ['tenant_id', 'session_id', 'position'])
      .addCheckConstraint('sdk_agent_session_messages_position_check', sql`position >= 0`)
      .execute();
  },
  // biome-ignore lint/suspicious/noExplicitAny: see `up`.
  async down(db: Kysely<any>): Promise<void> {
    await db.schema.dropTable('sdk_agent_session_messages').execute();
    await db.schema.dropTable('sdk_agent_sessions').execute();
  },
};
