import type { AgentInputItem } from '@openai/agents';
import type { ConversationId, TenantId } from '@starter/contracts';
import type { ColumnType, GeneratedAlways } from 'kysely';
import type { ChatRunTables } from './chat-run-tables.js';
import type { ConversationTables } from './conversation-tables.js';
import type { LedgerTables } from './ledger-tables.js';
import type { UsageTables } from './usage-tables.js';

/** A `timestamptz not null default now()` column. */
export type CreatedAt = ColumnType<Date, Date | undefined, Date>;

/** JSON text for a `jsonb` column: the `pg` driver would send a JS array as a Postgres array literal. */
export type ItemJson = ColumnType<AgentInputItem, string, string>;

/** `sdk_agent_sessions` (spec §9.1): one Agents SDK session per tenant and session id. */
export interface SdkAgentSessionsTable {
  tenant_id: TenantId;
  session_id: string;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

/** `sdk_agent_session_messages`: the session's items in `position` order. */
export interface SdkAgentSessionMessagesTable {
  id: GeneratedAlways<number>;
  tenant_id: TenantId;
  session_id: string;
  position: number;
  item: ItemJson;
  created_at: CreatedAt;
}

/** `conversation_summaries`: cross-session summaries per conversation and agent, versioned. */
export interface ConversationSummariesTable {
  id: GeneratedAlways<number>;
  tenant_id: TenantId;
  conversation_id: ConversationId;
  agent_key: string;
  summary_text: string;
  summary_tokens: number | null;
  version: number;
  created_at: CreatedAt;
}

/** The tables `agentRuntimeMigrations` creates, for `Kysely<AgentRuntimeTables>`. */
export interface AgentRuntimeTables extends ConversationTables, LedgerTables, ChatRunTables, UsageTables {
  sdk_agent_sessions: SdkAgentSessionsTable;
  sdk_agent_session_messages: SdkAgentSessionMessagesTable;
  conversation_summaries: ConversationSummariesTable;
}
