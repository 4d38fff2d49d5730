import type { Migration } from 'kysely';
import { sdkSessionsMigration } from './0001-sdk-sessions.js';
import { conversationSummariesMigration } from './0002-conversation-summaries.js';

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
  migrations: [sdkSessionsMigration, conversationSummariesMigration],
};
