// Kysely migrations and table types of @starter/agent-runtime (re-exported by memory/index.ts).
export * from './agent-runtime-migrations.js';
export type {
  AgentRuntimeTables,
  ConversationSummariesTable,
  SdkAgentSessionMessagesTable,
  SdkAgentSessionsTable,
} from './agent-runtime-tables.js';
