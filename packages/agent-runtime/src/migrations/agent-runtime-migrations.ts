import type { Migration } from 'kysely';
import { sdkSessionsMigration } from './0001-sdk-sessions.js';
import { conversationSummariesMigration } from './0002-conversation-summaries.js';
import { conversationsMigration } from './0003-conversations.js';
import { ledgerMigration } from './0004-ledger.js';
import { chatRunsMigration } from './0005-chat-runs.js';
import { usageMigration } from './0006-usage.js';

/** A named migration, the shape `@starter/providers`' migrator runs. */
export type AgentRuntimeMigration = Migration & { name: string };

/**
 * This package's migrations in run order, shaped as a `MigrationSet` of `@starter/providers` (declared
 * structurally so the published package needs no runtime dependency on providers). Append only: never
 * rename, reorder or remove an applied migration.
 */
export const agentRuntimeMigrations: {
  readonly source: '@starter/agent-runtime';
  readonly migrations: readonly AgentRuntimeMigration[];
} = {
  source: '@starter/agent-runtime',
  migrations: [
    sdkSessionsMigration,
    conversationSummariesMigration,
    conversationsMigration,
    ledgerMigration,
    chatRunsMigration,
    usageMigration,
  ],
};
