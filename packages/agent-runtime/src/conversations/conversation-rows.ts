import type { JsonValue, TenantId } from '@starter/contracts';
import type { Selectable } from 'kysely';
import type { MemoryStrategyConfig } from '../memory/memory-strategy-config.js';
import type {
  AgentConversationsTable,
  AgentMessagesTable,
  AgentRunEventsTable,
} from '../migrations/conversation-tables.js';
import type {
  ConversationRecord,
  MessageRecord,
  MessageRole,
  RunEventRecord,
  TenantScope,
} from './conversation-store.js';

/** The tenant column value of a scope (tenant ids are verified upstream, branded here). */
export function tenantOf(scope: TenantScope): TenantId {
  return scope.tenantId as TenantId;
}

/** Characters of the latest message kept as the conversation's preview. */
export const PREVIEW_CHARS = 160;

/** The list preview of a message: whitespace collapsed, clipped. */
export function previewOf(content: string): string | null {
  const text = content.replace(/\s+/g, ' ').trim();
  if (text === '') return null;
  return text.length <= PREVIEW_CHARS ? text : `${text.slice(0, PREVIEW_CHARS - 1)}…`;
}

export const conversationColumns = [
  'id',
  'tenant_id',
  'user_id',
  'agent_entrypoint',
  'active_agent',
  'title',
  'title_generated_at',
  'memory',
  'memory_injection',
  'message_count',
  'last_message_preview',
  'created_at',
  'updated_at',
] as const;

type ConversationRow = Pick<Selectable<AgentConversationsTable>, (typeof conversationColumns)[number]>;

/** Maps an `agent_conversations` row. */
export function toConversation(row: ConversationRow): ConversationRecord {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    userId: row.user_id,
    agentEntrypoint: row.agent_entrypoint,
    activeAgent: row.active_agent,
    title: row.title,
    titleGeneratedAt: row.title_generated_at,
    memory: (row.memory as MemoryStrategyConfig | null) ?? null,
    memoryInjection: row.memory_injection,
    messageCount: row.message_count,
    lastMessagePreview: row.last_message_preview,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export const messageColumns = [
  'id',
  'conversation_id',
  'position',
  'role',
  'content',
  'attachments',
  'metadata',
  'run_id',
  'agent',
  'created_at',
] as const;

type MessageRow = Pick<Selectable<AgentMessagesTable>, (typeof messageColumns)[number]>;

/** Maps an `agent_messages` row. */
export function toMessage(row: MessageRow): MessageRecord {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    position: row.position,
    role: row.role as MessageRole,
    content: row.content,
    attachments: row.attachments,
    metadata: row.metadata as Readonly<Record<string, JsonValue>>,
    runId: row.run_id,
    agent: row.agent,
    createdAt: row.created_at,
  };
}

/** Maps an `agent_run_events` row. */
export function toRunEvent(row: Selectable<AgentRunEventsTable>): RunEventRecord {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    sequenceNo: row.sequence_no,
    runId: row.run_id,
    responseId: row.response_id,
    itemType: row.item_type,
    name: row.name,
    role: row.role,
    agent: row.agent,
    toolCallId: row.tool_call_id,
    toolName: row.tool_name,
    model: row.model,
    content: row.content,
    arguments: row.arguments,
    output: row.output,
    attachments: row.attachments,
    workflowRunId: row.workflow_run_id,
    createdAt: row.created_at,
  };
}
