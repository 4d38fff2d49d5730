import { type Kysely, type Migration, sql } from 'kysely';

/** The chat run registry: one row per run, holding the paused state of runs awaiting tool approval. */
export const chatRunsMigration: Migration & { name: string } = {
  name: '0005_chat_runs',
  // biome-ignore lint/suspicious/noExplicitAny: migrations run against a schema that is still changing.
  async up(db: Kysely<any>): Promise<void> {
    // No foreign keys to tenants or conversations: those tables belong to other packages / migrations,
    // and a run row must outlive neither (it is read by run id, always with the tenant).
    await db.schema
      .createTable('chat_runs')
      .addColumn('run_id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'uuid', (c) => c.notNull())
      .addColumn('user_id', 'uuid')
      .addColumn('conversation_id', 'uuid', (c) => c.notNull())
      .addColumn('agent_key', 'text', (c) => c.notNull())
      .addColumn('stream_id', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('message_position', 'integer')
      .addColumn('request_message', 'text', (c) => c.notNull())
      .addColumn('state', 'text')
      .addColumn('pending_approvals', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('finished_at', 'timestamptz')
      .addCheckConstraint(
        'chat_runs_status_check',
        sql`status in ('running', 'completed', 'failed', 'cancelled', 'interrupted')`,
      )
      .addCheckConstraint('chat_runs_run_id_check', sql`char_length(run_id) between 1 and 255`)
      // Only a paused run keeps its state: it is what resumes it, possibly on another replica.
      .addCheckConstraint('chat_runs_state_check', sql`state is null or status = 'interrupted'`)
      .execute();
    await db.schema
      .createIndex('chat_runs_conversation_idx')
      .on('chat_runs')
      .columns(['tenant_id', 'conversation_id', 'created_at'])
      .execute();
  },
  // biome-ignore lint/suspicious/noExplicitAny: see up.
  async down(db: Kysely<any>): Promise<void> {
    await db.schema.dropTable('chat_runs').execute();
  },
};
