import { z } from '@hono/zod-openapi';
import type {
  ConversationRecord,
  ConversationSearchResult,
  MessageRecord,
  RunEventRecord,
} from '@starter/agent-runtime';

const cursor = z
  .string()
  .min(1)
  .max(2048)
  .optional()
  .openapi({ description: 'Opaque `next_cursor` of the previous page' });
const limit = (max: number, fallback: number) => z.coerce.number().int().min(1).max(max).default(fallback);
const agent = z
  .string()
  .min(1)
  .max(128)
  .optional()
  .openapi({ description: 'Only conversations started with this agent' });

export const ConversationParamSchema = z.object({ id: z.uuid() });
export const MessageParamSchema = z.object({ id: z.uuid(), message_id: z.uuid() });

export const ListQuerySchema = z.object({ limit: limit(100, 50), cursor, agent });
export const SearchQuerySchema = z.object({
  q: z
    .string()
    .trim()
    .min(1)
    .max(512)
    .openapi({ description: 'Words to find (web-search syntax: "phrase", -word, or)' }),
  limit: limit(50, 20),
  cursor,
  agent,
});
export const MessagesQuerySchema = z.object({
  limit: limit(100, 50),
  cursor,
  direction: z.enum(['asc', 'desc']).default('asc'),
});
const workflowRunId = z.string().min(1).max(128).optional();
export const EventsQuerySchema = z.object({
  limit: limit(1000, 500),
  cursor,
  workflow_run_id: workflowRunId,
});
export const LedgerQuerySchema = z.object({
  limit: limit(1000, 500),
  cursor,
  workflow_run_id: workflowRunId,
});

export const TitleBodySchema = z.strictObject({ title: z.string().trim().min(1).max(200) });

const turns = z.number().int().min(1).nullable().optional();
const keep = z.number().int().min(0).nullable().optional();
/** §1.12 memory defaults; an absent field is unchanged, `null` clears it. */
export const MemoryBodySchema = z.strictObject({
  mode: z.enum(['none', 'trim', 'summarize', 'compact']).nullable().optional(),
  max_user_turns: turns,
  keep_last_turns: keep,
  compact_trigger_turns: turns,
  compact_keep: keep,
  clear_tool_inputs: z.boolean().nullable().optional(),
  memory_injection: z.boolean().nullable().optional(),
});
export type MemoryBody = z.infer<typeof MemoryBodySchema>;

const MemoryViewSchema = z.object({
  mode: z.string().nullable(),
  max_user_turns: z.number().int().nullable(),
  keep_last_turns: z.number().int().nullable(),
  compact_trigger_turns: z.number().int().nullable(),
  compact_keep: z.number().int().nullable(),
  clear_tool_inputs: z.boolean().nullable(),
  memory_injection: z.boolean().nullable(),
});

export const ConversationSchema = z
  .object({
    conversation_id: z.uuid(),
    title: z.string().nullable(),
    title_generated_at: z.string().nullable(),
    agent_entrypoint: z.string(),
    active_agent: z.string().nullable(),
    message_count: z.number().int(),
    last_message_preview: z.string().nullable(),
    memory: MemoryViewSchema,
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('Conversation');

export const MessageSchema = z
  .object({
    id: z.uuid(),
    position: z.number().int(),
    role: z.enum(['user', 'assistant', 'system', 'tool']),
    content: z.string(),
    attachments: z.array(z.unknown()),
    metadata: z.record(z.string(), z.unknown()),
    run_id: z.string().nullable(),
    agent: z.string().nullable(),
    created_at: z.string(),
  })
  .openapi('ConversationMessage');

export const RunEventSchema = z
  .object({
    id: z.number().int(),
    sequence_no: z.number().int(),
    run_id: z.string(),
    response_id: z.string().nullable(),
    run_item_type: z.string(),
    run_item_name: z.string().nullable(),
    role: z.string().nullable(),
    agent: z.string().nullable(),
    tool_call_id: z.string().nullable(),
    tool_name: z.string().nullable(),
    model: z.string().nullable(),
    content: z.string().nullable(),
    call_arguments: z.string().nullable(),
    call_output: z.string().nullable(),
    attachments: z.array(z.unknown()),
    workflow_run_id: z.string().nullable(),
    created_at: z.string(),
  })
  .openapi('ConversationRunEvent');

const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), next_cursor: z.string().nullable() });
export const ConversationPageSchema = page(ConversationSchema).openapi('ConversationPage');
export const SearchPageSchema = page(ConversationSchema.extend({ snippet: z.string().nullable() })).openapi(
  'ConversationSearchPage',
);
export const MessagePageSchema = page(MessageSchema).openapi('ConversationMessagePage');
export const RunEventPageSchema = page(RunEventSchema)
  .extend({ conversation_id: z.uuid() })
  .openapi('ConversationRunEventPage');
export const HistorySchema = ConversationSchema.extend({
  messages: z.array(MessageSchema),
  /** True when older messages exist than those returned (page them with /messages). */
  messages_truncated: z.boolean(),
}).openapi('ConversationHistory');
// The frame union is recursive (JSON payloads), which the OpenAPI generator cannot walk: frames are
// documented by their envelope keys; the full shape is the public_sse_v1 contract (@starter/contracts).
const LedgerFrameSchema = z.looseObject({
  schema: z.literal('public_sse_v1'),
  event_id: z.number().int(),
  kind: z.string(),
});
/** A persisted frame as the ledger page documents it. */
export type LedgerFrameJson = z.infer<typeof LedgerFrameSchema>;

export const LedgerPageSchema = z
  .object({
    conversation_id: z.uuid(),
    items: z.array(LedgerFrameSchema),
    next_cursor: z.string().nullable(),
  })
  .openapi('ConversationLedgerPage');

/** The API view of a conversation header. */
export function conversationView(record: ConversationRecord) {
  const memory = record.memory ?? {};
  return {
    conversation_id: record.id,
    title: record.title,
    title_generated_at: record.titleGeneratedAt?.toISOString() ?? null,
    agent_entrypoint: record.agentEntrypoint,
    active_agent: record.activeAgent,
    message_count: record.messageCount,
    last_message_preview: record.lastMessagePreview,
    memory: {
      mode: memory.mode ?? null,
      max_user_turns: memory.maxUserTurns ?? null,
      keep_last_turns: memory.keepLastUserTurns ?? null,
      compact_trigger_turns: memory.compactTriggerTurns ?? null,
      compact_keep: memory.compactKeep ?? null,
      clear_tool_inputs: memory.compactClearToolInputs ?? null,
      memory_injection: record.memoryInjection,
    },
    created_at: record.createdAt.toISOString(),
    updated_at: record.updatedAt.toISOString(),
  };
}

/** The API view of a search hit. */
export function searchHitView(record: ConversationSearchResult) {
  return { ...conversationView(record), snippet: record.snippet };
}

/** The API view of a message. */
export function messageView(message: MessageRecord) {
  return {
    id: message.id,
    position: message.position,
    role: message.role,
    content: message.content,
    attachments: [...message.attachments],
    metadata: { ...message.metadata },
    run_id: message.runId,
    agent: message.agent,
    created_at: message.createdAt.toISOString(),
  };
}

/** The API view of a run event (column names as spec §9.1 `agent_run_events`). */
export function runEventView(event: RunEventRecord) {
  return {
    id: event.id,
    sequence_no: event.sequenceNo,
    run_id: event.runId,
    response_id: event.responseId ?? null,
    run_item_type: event.itemType,
    run_item_name: event.name ?? null,
    role: event.role ?? null,
    agent: event.agent ?? null,
    tool_call_id: event.toolCallId ?? null,
    tool_name: event.toolName ?? null,
    model: event.model ?? null,
    content: event.content ?? null,
    call_arguments: event.arguments ?? null,
    call_output: event.output ?? null,
    attachments: [...(event.attachments ?? [])],
    workflow_run_id: event.workflowRunId ?? null,
    created_at: event.createdAt.toISOString(),
  };
}

/** The body's snake_case memory fields as the store's `MemoryStrategyConfig` patch. */
export function memoryPatchOf(body: MemoryBody) {
  const memory: Record<string, unknown> = {};
  const set = (key: string, value: unknown) => {
    if (value !== undefined) memory[key] = value;
  };
  set('mode', body.mode);
  set('maxUserTurns', body.max_user_turns);
  set('keepLastUserTurns', body.keep_last_turns);
  set('compactTriggerTurns', body.compact_trigger_turns);
  set('compactKeep', body.compact_keep);
  set('compactClearToolInputs', body.clear_tool_inputs);
  return {
    memory,
    ...(body.memory_injection === undefined ? {} : { memoryInjection: body.memory_injection }),
  };
}
