import type { JsonValue } from '@starter/contracts';
import type { MemoryStrategyConfig } from '../memory/memory-strategy-config.js';

/** Every store call is scoped by the caller's tenant: ids of another tenant are simply not found. */
export interface TenantScope {
  readonly tenantId: string;
}

export interface ConversationRecord {
  readonly id: string;
  readonly tenantId: string;
  readonly userId: string | null;
  /** The agent the conversation started with, and the one that answered last (after handoffs). */
  readonly agentEntrypoint: string;
  readonly activeAgent: string | null;
  readonly title: string | null;
  readonly titleGeneratedAt: Date | null;
  /** Per-conversation memory defaults (§1.12 PATCH memory). */
  readonly memory: MemoryStrategyConfig | null;
  readonly memoryInjection: boolean | null;
  readonly messageCount: number;
  readonly lastMessagePreview: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export type MessageRole = 'user' | 'assistant' | 'system' | 'tool';

export interface MessageRecord {
  readonly id: string;
  readonly conversationId: string;
  /** 1-based order within the conversation. */
  readonly position: number;
  readonly role: MessageRole;
  readonly content: string;
  readonly attachments: readonly JsonValue[];
  readonly metadata: Readonly<Record<string, JsonValue>>;
  readonly runId: string | null;
  readonly agent: string | null;
  readonly createdAt: Date;
}

/** A keyset page: `nextCursor` is opaque (base64url JSON) and null on the last page. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

/** One run item projected for the run-event log (`agent_run_events`, §10.3). */
export interface RunEventInput {
  readonly runId: string;
  readonly responseId?: string | null | undefined;
  readonly itemType: string;
  readonly name?: string | null | undefined;
  readonly role?: string | null | undefined;
  readonly agent?: string | null | undefined;
  readonly toolCallId?: string | null | undefined;
  readonly toolName?: string | null | undefined;
  readonly model?: string | null | undefined;
  readonly content?: string | null | undefined;
  readonly arguments?: string | null | undefined;
  readonly output?: string | null | undefined;
  readonly attachments?: readonly JsonValue[] | undefined;
  readonly workflowRunId?: string | null | undefined;
}

export interface RunEventRecord extends RunEventInput {
  readonly id: number;
  readonly conversationId: string;
  readonly sequenceNo: number;
  readonly createdAt: Date;
}

/**
 * Conversations, their messages and run events (spec §1.12, §9.1), tenant-scoped. Implemented on Kysely
 * (`createKyselyConversationStore`); PGlite and Postgres both run the same SQL, full-text search included.
 */
export interface ConversationStore {
  /** Creates the conversation on the first message, or returns the existing one of this tenant. */
  ensure(
    scope: TenantScope,
    input: { id: string; userId: string | null; agentKey: string },
  ): Promise<{ conversation: ConversationRecord; created: boolean }>;
  get(scope: TenantScope, id: string): Promise<ConversationRecord | null>;
  list(
    scope: TenantScope,
    query: { limit: number; cursor?: string | undefined; agent?: string | undefined },
  ): Promise<Page<ConversationRecord>>;
  /** Full-text search over titles and message contents. */
  search(
    scope: TenantScope,
    query: { q: string; limit: number; cursor?: string | undefined; agent?: string | undefined },
  ): Promise<Page<ConversationRecord & { readonly snippet: string | null }>>;
  /** Appends a message at the next position; updates the conversation's counters and preview. */
  appendMessage(
    scope: TenantScope,
    conversationId: string,
    message: {
      role: MessageRole;
      content: string;
      attachments?: readonly JsonValue[] | undefined;
      metadata?: Readonly<Record<string, JsonValue>> | undefined;
      runId?: string | null | undefined;
      agent?: string | null | undefined;
      /** Also makes this the conversation's active agent, in the same UPDATE as the counters. */
      activeAgent?: string | undefined;
    },
  ): Promise<MessageRecord>;
  messages(
    scope: TenantScope,
    conversationId: string,
    query: { limit: number; cursor?: string | undefined; direction: 'asc' | 'desc' },
  ): Promise<Page<MessageRecord>>;
  /**
   * Deletes a user message and every message after it (§1.12). Throws AppError NotFound when missing,
   * Conflict when it is not a user message. Returns the deleted message's position.
   */
  truncateFromUserMessage(scope: TenantScope, conversationId: string, messageId: string): Promise<number>;
  setActiveAgent(scope: TenantScope, conversationId: string, agentKey: string): Promise<void>;
  setTitle(scope: TenantScope, conversationId: string, title: string, generated: boolean): Promise<void>;
  /** Changes only the given memory fields; `null` clears one. */
  updateMemory(
    scope: TenantScope,
    conversationId: string,
    patch: {
      memory?: Partial<Record<keyof MemoryStrategyConfig, unknown>>;
      memoryInjection?: boolean | null;
    },
  ): Promise<ConversationRecord>;
  /** Deletes the conversation with its messages and run events. */
  delete(scope: TenantScope, conversationId: string): Promise<boolean>;
  appendRunEvents(
    scope: TenantScope,
    conversationId: string,
    events: readonly RunEventInput[],
  ): Promise<void>;
  runEvents(
    scope: TenantScope,
    conversationId: string,
    query: { limit: number; cursor?: string | undefined; workflowRunId?: string | undefined },
  ): Promise<Page<RunEventRecord>>;
  /** Per-agent catalog figures: conversations and the last time one was used. */
  agentStats(
    scope: TenantScope,
    agentKey: string,
  ): Promise<{ totalConversations: number; lastUsedAt: Date | null }>;
}
