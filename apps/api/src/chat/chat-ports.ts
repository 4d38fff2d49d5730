import type {
  ChatRunStore,
  MemoryStrategyConfig,
  ModelUsageReport,
  RunEventInput,
} from '@starter/agent-runtime';
import type { JsonValue, PublicSseEvent } from '@starter/contracts';

// The subsets of the agent runtime's stores the chat service uses, declared structurally so the service
// can be tested with any implementation (the Kysely stores satisfy them as they are).

type Scope = { readonly tenantId: string };

/** Conversations: created on the first message, messages appended in order (`ConversationStore`). */
export interface ChatConversationPort {
  ensure(
    scope: Scope,
    input: { id: string; userId: string | null; agentKey: string },
  ): Promise<{
    conversation: {
      readonly memory: MemoryStrategyConfig | null;
      readonly memoryInjection: boolean | null;
    };
    created: boolean;
  }>;
  appendMessage(
    scope: Scope,
    conversationId: string,
    message: {
      role: 'user' | 'assistant';
      content: string;
      attachments?: readonly JsonValue[] | undefined;
      metadata?: Readonly<Record<string, JsonValue>> | undefined;
      runId?: string | null | undefined;
      agent?: string | null | undefined;
      activeAgent?: string | undefined;
    },
  ): Promise<{ readonly id: string; readonly position: number }>;
  setActiveAgent(scope: Scope, conversationId: string, agentKey: string): Promise<void>;
  /** Appends the run's items to the conversation's run-event log (`agent_run_events`). */
  appendRunEvents(scope: Scope, conversationId: string, events: readonly RunEventInput[]): Promise<void>;
}

/** The durable ledger of public frames (`LedgerStore`). */
export interface ChatLedgerPort {
  append(
    context: {
      tenantId: string;
      conversationId: string;
      messagePosition: number | null;
      runId?: string | null | undefined;
    },
    frame: PublicSseEvent,
    /** `JSON.stringify(frame)`, already made for the live channel (stored as is, not re-serialized). */
    json?: string,
  ): Promise<void>;
  streamFrames(scope: Scope, streamId: string, afterEventId: number): Promise<readonly PublicSseEvent[]>;
}

/** Usage metering (`UsageStore`). */
export interface ChatUsagePort {
  recordRun(input: {
    tenantId: string;
    userId: string | null;
    conversationId: string | null;
    runId: string;
    agentKey: string;
    responses: readonly ModelUsageReport[];
    occurredAt: Date;
  }): Promise<void>;
}

/** The stores of one unit of work: every write through them commits or rolls back together. */
export interface ChatTransactionStores {
  readonly conversations: ChatConversationPort;
  readonly runs: ChatRunStore;
  readonly usage: ChatUsagePort;
}

/** Runs `work` in one database transaction (our standard: a multi-row write is one transaction). */
export type ChatTransact = <T>(work: (stores: ChatTransactionStores) => Promise<T>) => Promise<T>;
