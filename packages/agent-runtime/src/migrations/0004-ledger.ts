import { type Kysely, type Migration, sql } from 'kysely';

/** The durable ledger of public frames (spec §2.7) and its truncation segments. */
export const ledgerMigration: Migration & { name: string } = {
  name: '0004_ledger',
  // biome-ignore lint/suspicious/noExplicitAny: migrations run against a schema that is still changing.
  async up(db: Kysely<any>): Promise<void> {
    // conversation_id is text, not a foreign key: frames may be recorded before (or without) a
    // conversations row, and deleting a conversation deletes its ledger explicitly (with spilled objects).
    await db.schema
      .createTable('conversation_ledger_segments')
      .addColumn('tenant_id', 'uuid', (c) => c.notNull())
      .addColumn('conversation_id', 'text', (c) => c.notNull())
      .addColumn('segment_index', 'integer', (c) => c.notNull())
      .addColumn('parent_segment_index', 'integer')
      .addColumn('visible_through_message_position', 'integer')
      .addColumn('truncated_at', 'timestamptz')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addPrimaryKeyConstraint('conversation_ledger_segments_pkey', [
        'tenant_id',
        'conversation_id',
        'segment_index',
      ])
      .addCheckConstraint(
        'conversation_ledger_segments_lineage_check',
        sql`segment_index >= 0 and (parent_segment_index is null or parent_segment_index < segment_index)`,
      )
      .execute();

    await db.schema
      .createTable('conversation_ledger_events')
      .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
      .addColumn('tenant_id', 'uuid', (c) => c.notNull())
      .addColumn('conversation_id', 'text', (c) => c.notNull())
      .addColumn('segment_index', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('message_position', 'integer')
      .addColumn('run_id', 'text')
      .addColumn('schema_version', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('stream_id', 'text', (c) => c.notNull())
      .addColumn('event_id', 'integer', (c) => c.notNull())
      .addColumn('server_timestamp', 'timestamptz', (c) => c.notNull())
      .addColumn('response_id', 'text')
      .addColumn('agent', 'text')
      .addColumn('workflow_run_id', 'text')
      .addColumn('provider_sequence_number', 'bigint')
      .addColumn('output_index', 'integer')
      .addColumn('item_id', 'text')
      .addColumn('content_index', 'integer')
      .addColumn('tool_call_id', 'text')
      .addColumn('payload_size_bytes', 'integer', (c) => c.notNull())
      .addColumn('payload_json', 'jsonb')
      .addColumn('payload_object_key', 'text')
      .addColumn('payload_sha256', 'text')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addUniqueConstraint('conversation_ledger_events_event_key', [
        'conversation_id',
        'stream_id',
        'event_id',
      ])
      .addCheckConstraint('conversation_ledger_events_event_id_check', sql`event_id >= 1`)
      .addCheckConstraint(
        'conversation_ledger_events_conversation_id_check',
        sql`char_length(conversation_id) between 1 and 255`,
      )
      // Exactly one home for the payload; a spilled payload always carries its digest.
      .addCheckConstraint(
        'conversation_ledger_events_payload_check',
        sql`(payload_json is not null and payload_object_key is null and payload_sha256 is null)
          or (payload_json is null and payload_object_key is not null and payload_sha256 is not null)`,
      )
      .execute();

    await db.schema
      .createIndex('conversation_ledger_events_conversation_idx')
      .on('conversation_ledger_events')
      .columns(['tenant_id', 'conversation_id', 'id'])
      .execute();
    await db.schema
      .createIndex('conversation_ledger_events_stream_idx')
      .on('conversation_ledger_events')
      .columns(['stream_id', 'event_id'])
      .execute();
    // Run-scoped replay (`/workflows/runs/{run}/replay`) pages one run's rows by id.
    await db.schema
      .createIndex('conversation_ledger_events_workflow_run_idx')
      .on('conversation_ledger_events')
      .columns(['tenant_id', 'workflow_run_id', 'id'])
      .where(sql.ref('workflow_run_id'), 'is not', null)
      .execute();
  },
  // biome-ignore lint/suspicious/noExplicitAny: see up.
  async down(db: Kysely<any>): Promise<void> {
    await db.schema.dropTable('conversation_ledger_events').execute();
    await db.schema.dropTable('conversation_ledger_segments').execute();
  },
};
