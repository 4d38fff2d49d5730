import { type Kysely, type Migration, sql } from 'kysely';

/**
 * The text search configuration of the conversation search vectors. `english` stems ("dogs" finds "dog")
 * and drops stop words; the store queries with the same configuration (`websearch_to_tsquery`).
 */
export const CONVERSATION_SEARCH_CONFIG = 'english';

/** Conversations, their messages and run events (spec §9.1), with Postgres full-text search. */
export const conversationsMigration: Migration & { name: string } = {
  name: '0003_conversations',
  // biome-ignore lint/suspicious/noExplicitAny: migrations run against a schema that is still changing.
  async up(db: Kysely<any>): Promise<void> {
    // Generated tsvector columns + GIN indexes work the same on Postgres and PGlite (checked by the
    // store tests), so search needs no trigram fallback. No foreign keys to identity tables: this
    // package runs without them.
    await db.schema
      .createTable('agent_conversations')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('tenant_id', 'uuid', (c) => c.notNull())
      .addColumn('user_id', 'uuid')
      .addColumn('agent_entrypoint', 'text', (c) => c.notNull())
      .addColumn('active_agent', 'text')
      .addColumn('title', 'text')
      .addColumn('title_generated_at', 'timestamptz')
      .addColumn('memory', 'jsonb')
      .addColumn('memory_injection', 'boolean')
      .addColumn('message_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_message_preview', 'text')
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
      .addColumn('search_vector', sql`tsvector`, (c) =>
        c
          .generatedAlwaysAs(sql.raw(`to_tsvector('${CONVERSATION_SEARCH_CONFIG}', coalesce(title, ''))`))
          .stored(),
      )
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addCheckConstraint('agent_conversations_status_check', sql`status in ('active', 'archived')`)
      .addCheckConstraint('agent_conversations_message_count_check', sql`message_count >= 0`)
      .addCheckConstraint(
        'agent_conversations_agent_entrypoint_check',
        sql`char_length(agent_entrypoint) between 1 and 128`,
      )
      .execute();
    // The list keyset (updated_at desc, id desc) within a tenant, with and without the agent filter.
    await db.schema
      .createIndex('agent_conversations_tenant_updated_idx')
      .on('agent_conversations')
      .columns(['tenant_id', 'updated_at desc', 'id desc'])
      .execute();
    await db.schema
      .createIndex('agent_conversations_tenant_agent_updated_idx')
      .on('agent_conversations')
      .columns(['tenant_id', 'agent_entrypoint', 'updated_at desc', 'id desc'])
      .execute();
    await db.schema
      .createIndex('agent_conversations_search_idx')
      .on('agent_conversations')
      .using('gin')
      .column('search_vector')
      .execute();

    await db.schema
      .createTable('agent_messages')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('tenant_id', 'uuid', (c) => c.notNull())
      .addColumn('conversation_id', 'uuid', (c) =>
        c.notNull().references('agent_conversations.id').onDelete('cascade'),
      )
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('content', 'text', (c) => c.notNull())
      .addColumn('attachments', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
      .addColumn('metadata', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
      .addColumn('run_id', 'text')
      .addColumn('agent', 'text')
      .addColumn('search_vector', sql`tsvector`, (c) =>
        c.generatedAlwaysAs(sql.raw(`to_tsvector('${CONVERSATION_SEARCH_CONFIG}', content)`)).stored(),
      )
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      // Also the index that pages a conversation's messages by position.
      .addUniqueConstraint('agent_messages_position_key', ['conversation_id', 'position'])
      .addCheckConstraint('agent_messages_position_check', sql`position >= 1`)
      .addCheckConstraint('agent_messages_role_check', sql`role in ('user', 'assistant', 'system', 'tool')`)
      .execute();
    await db.schema
      .createIndex('agent_messages_search_idx')
      .on('agent_messages')
      .using('gin')
      .column('search_vector')
      .execute();

    await db.schema
      .createTable('agent_run_events')
      .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
      .addColumn('tenant_id', 'uuid', (c) => c.notNull())
      .addColumn('conversation_id', 'uuid', (c) =>
        c.notNull().references('agent_conversations.id').onDelete('cascade'),
      )
      .addColumn('run_id', 'text', (c) => c.notNull())
      .addColumn('sequence_no', 'integer', (c) => c.notNull())
      .addColumn('item_type', 'text', (c) => c.notNull())
      .addColumn('name', 'text')
      .addColumn('role', 'text')
      .addColumn('agent', 'text')
      .addColumn('tool_call_id', 'text')
      .addColumn('tool_name', 'text')
      .addColumn('model', 'text')
      .addColumn('content', 'text')
      .addColumn('arguments', 'text')
      .addColumn('output', 'text')
      .addColumn('attachments', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
      .addColumn('workflow_run_id', 'text')
      .addColumn('response_id', 'text')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addUniqueConstraint('agent_run_events_sequence_key', ['conversation_id', 'sequence_no'])
      .execute();
    await db.schema
      .createIndex('agent_run_events_run_idx')
      .on('agent_run_events')
      .columns(['conversation_id', 'run_id'])
      .execute();
    await db.schema
      .createIndex('agent_run_events_workflow_idx')
      .on('agent_run_events')
      .columns(['conversation_id', 'workflow_run_id', 'id'])
      .where('workflow_run_id', 'is not', null)
      .execute();
  },
  // biome-ignore lint/suspicious/noExplicitAny: see up.
  async down(db: Kysely<any>): Promise<void> {
    await db.schema.dropTable('agent_run_events').execute();
    await db.schema.dropTable('agent_messages').execute();
    await db.schema.dropTable('agent_conversations').execute();
  },
};
