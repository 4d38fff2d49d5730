import { type Kysely, type Migration, sql } from 'kysely';

/** Cross-session conversation summaries, one version row per save. */
export const conversationSummariesMigration: Migration & { name: string } = {
  name: '0002_conversation_summaries',
  // biome-ignore lint/suspicious/noExplicitAny: migrations run against a schema that is still changing.
  async up(db: Kysely<any>): Promise<void> {
    // conversation_id has no foreign key: the conversations table belongs to another package.
    await db.schema
      .createTable('conversation_summaries')
      .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
      .addColumn('tenant_id', 'uuid', (c) => c.notNull())
      .addColumn('conversation_id', 'uuid', (c) => c.notNull())
      .addColumn('agent_key', 'text', (c) => c.notNull())
      .addColumn('summary_text', 'text', (c) => c.notNull())
      .addColumn('summary_tokens', 'integer')
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      // Two concurrent saves of the same scope cannot both claim a version.
      .addUniqueConstraint('conversation_summaries_version_key', [
        'tenant_id',
        'conversation_id',
        'agent_key',
        'version',
      ])
      .addCheckConstraint(
        'conversation_summaries_agent_key_check',
        sql`char_length(agent_key) between 1 and 128`,
      )
      .addCheckConstraint('conversation_summaries_version_check', sql`version >= 1`)
      .execute();
  },
  // biome-ignore lint/suspicious/noExplicitAny: see `up`.
  async down(db: Kysely<any>): Promise<void> {
    await db.schema.dropTable('conversation_summaries').execute();
  },
};
