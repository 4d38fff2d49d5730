// Kysely migrations and table types of @starter/agent-runtime (re-exported by memory/index.ts).
export * from './agent-runtime-migrations.js';
export type {
  AgentRuntimeTables,
  ConversationSummariesTable,
  SdkAgentSessionMessagesTable,
  SdkAgentSessionsTable,
} from './agent-runtime-tables.js';
export type { ChatRunTables } from './chat-run-tables.js';
export type { ConversationTables } from './conversation-tables.js';
export type { LedgerTables } from './ledger-tables.js';
export type { UsageTables } from './usage-tables.js';
