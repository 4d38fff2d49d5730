import type { ModelProvider } from '@openai/agents';
import type { ConversationId, TenantId } from '@starter/contracts';
import { applyMemoryStrategy } from '../memory/apply-memory-strategy.js';
import { loadInjectedSummary } from '../memory/load-memory-summary.js';
import { toPublicMemoryCheckpoint } from '../memory/memory-checkpoint.js';
import { resolveMemoryInjection, resolveMemoryStrategy } from '../memory/resolve-memory-strategy.js';
import type { AgentSession, AgentSessionStore } from '../memory/session-store.js';
import type { SummaryScope, SummaryStore } from '../memory/summary-store.js';
import type { AgentSpec } from '../specs/agent-spec-schema.js';
import type { AgentStreamEvent } from '../streaming/agent-stream-event.js';
import type { AgentRunRequest } from './agent-run-request.js';
import type { RuntimeEventSink } from './run-events.js';

/** Sessions and summaries of a standalone run without a tenant live under this id. */
export const STANDALONE_TENANT_ID = '00000000-0000-0000-0000-000000000000';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What memory contributes to one run. */
export interface RunMemory {
  readonly session: AgentSession;
  readonly memorySummary: string | null;
  /** A `memory.checkpoint` frame when the strategy rewrote the history before this turn. */
  readonly prelude: readonly AgentStreamEvent[];
}

export interface RunMemoryDeps {
  readonly sessions: AgentSessionStore;
  readonly summaries: SummaryStore;
  readonly modelProvider: ModelProvider;
}

function summaryScopeOf(request: AgentRunRequest, tenantId: string, agentKey: string): SummaryScope | null {
  const conversationId = request.conversationId;
  // Summaries are keyed by conversation uuid; standalone runs without one keep no cross-session summary.
  if (!conversationId || !UUID.test(conversationId)) return null;
  return {
    tenantId: tenantId as TenantId,
    conversationId: conversationId as ConversationId,
    agentKey,
  };
}

/**
 * Opens the run's session, applies the memory strategy (precedence request > conversation > agent, §3.4)
 * and loads the cross-session summary when injection is on.
 */
export async function prepareRunMemory(
  deps: RunMemoryDeps,
  spec: AgentSpec,
  request: AgentRunRequest,
  runId: string,
  onEvent: RuntimeEventSink,
): Promise<RunMemory> {
  const tenantId = request.tenantId ?? STANDALONE_TENANT_ID;
  const sessionId = request.sessionId ?? request.conversationId ?? runId;
  const session = deps.sessions.session({ tenantId: tenantId as TenantId, sessionId });
  const scope = summaryScopeOf(request, tenantId, spec.key);
  const strategy = resolveMemoryStrategy({
    request: request.memoryStrategy,
    conversation: request.conversationMemoryStrategy,
    agent: spec.memoryStrategy,
  });
  const checkpoint = await applyMemoryStrategy(session, strategy, {
    modelProvider: deps.modelProvider,
    summaryStore: deps.summaries,
    ...(scope ? { summaryScope: scope } : {}),
  });
  const prelude: AgentStreamEvent[] = [];
  if (checkpoint) {
    onEvent({ ...checkpoint, runId });
    prelude.push({ type: 'memory_compaction', checkpoint: toPublicMemoryCheckpoint(checkpoint) });
  }
  const injection = resolveMemoryInjection({
    request: request.memoryInjection,
    conversation: request.conversationMemoryInjection,
    agent: spec.memoryStrategy?.memoryInjection,
  });
  const memorySummary =
    scope === null
      ? null
      : await loadInjectedSummary({
          store: deps.summaries,
          scope,
          injection,
          ...(strategy.summaryMaxChars === undefined ? {} : { maxChars: strategy.summaryMaxChars }),
        });
  return { session, memorySummary, prelude };
}
