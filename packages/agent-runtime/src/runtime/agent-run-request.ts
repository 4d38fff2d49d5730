import type { ModelSettings } from '@openai/agents';
import type { PublicSseEvent, WorkflowContext } from '@starter/contracts';
import type { MemoryStrategyConfig } from '../memory/memory-strategy-config.js';
import type { HandoffInputFilterName } from '../specs/agent-spec-schema.js';
import type { PersistFrames } from './frame-queue.js';
import type { UserLocation } from './run-context.js';
import type { RuntimeEventSink } from './run-events.js';
import type { AgentRunOutcome, TerminalExtras } from './stream-agent-run.js';

/** One chat turn for {@link AgentRuntime.stream}: who asks, what, and how the run is hooked up. */
export interface AgentRunRequest {
  readonly message: string;
  /** Unknown or absent → the default agent (§1.11 `agent_type`). */
  readonly agentKey?: string | undefined;
  /** Default: a new `run_<uuid>`. */
  readonly runId?: string | undefined;
  readonly tenantId?: string | null | undefined;
  readonly userId?: string | null | undefined;
  readonly userName?: string | null | undefined;
  readonly conversationId?: string | null | undefined;
  /** SDK session holding the history; default the conversation id, else the run id (no memory). */
  readonly sessionId?: string | undefined;
  readonly userLocation?: UserLocation | undefined;
  readonly containerOverrides?: Readonly<Record<string, string>> | undefined;
  readonly vectorStoreOverrides?: Readonly<Record<string, readonly string[]>> | undefined;
  /** Memory strategy of the request and of the conversation (precedence request > conversation > agent). */
  readonly memoryStrategy?: MemoryStrategyConfig | undefined;
  readonly conversationMemoryStrategy?: MemoryStrategyConfig | null | undefined;
  readonly memoryInjection?: boolean | undefined;
  readonly conversationMemoryInjection?: boolean | null | undefined;
  readonly maxTurns?: number | undefined;
  /** Continues from a stored provider response (Responses API `previous_response_id`). */
  readonly previousResponseId?: string | undefined;
  /**
   * Handoff input filter for every handoff of this run; wins over the spec's handoff override and
   * `handoffContext` (§1.11 `run_options.handoff_input_filter` / `handoff_context_policy`).
   */
  readonly handoffInputFilter?: HandoffInputFilterName | undefined;
  /**
   * Per-run model settings laid over every agent's own settings (agents reached by handoff or as tools
   * included); §1.11 `run_options.run_config.model_settings`.
   */
  readonly modelSettings?: Pick<ModelSettings, 'temperature' | 'topP' | 'maxTokens'> | undefined;
  /** The request's free-form `context` (§1.11), prompt variable `request.context`. */
  readonly requestContext?: Readonly<Record<string, unknown>> | undefined;
  /** Cancels the run (the stream ends `cancelled`). */
  readonly signal?: AbortSignal | undefined;
  /** Default: the run id. */
  readonly streamId?: string | undefined;
  readonly workflow?: WorkflowContext | null | undefined;
  /** Persistence hook awaited before each frame is handed on (ledger append). */
  readonly onFrame?: ((frame: PublicSseEvent) => void | Promise<void>) | undefined;
  /**
   * Batched persistence hook (instead of `onFrame`): called with the frames produced since the last
   * call, at most one call in flight, every frame persisted before it is handed on, read or not.
   */
  readonly onFrames?: PersistFrames | undefined;
  /** Internal events of this run, in addition to the runtime-wide sink. */
  readonly onEvent?: RuntimeEventSink | undefined;
  /** Persists the outcome before the terminal frame; may return attachments for `final`. */
  readonly beforeTerminal?:
    | ((outcome: AgentRunOutcome) => TerminalExtras | undefined | Promise<TerminalExtras | undefined>)
    | undefined;
}

/** A decision on one tool call a paused run waits on. */
export interface ToolApprovalDecision {
  readonly toolCallId: string;
  readonly approve: boolean;
  readonly reason?: string | undefined;
}

/** Resumes a run that ended `interrupted`, with its saved state and a decision per pending call. */
export interface AgentResumeRequest extends Omit<AgentRunRequest, 'message' | 'memoryStrategy'> {
  /** The `state` of the interrupted run's outcome. */
  readonly state: string;
  readonly agentKey: string;
  readonly runId: string;
  /** The message that started the run (prompt variable `run.request_message`). */
  readonly message: string;
  readonly decisions: readonly ToolApprovalDecision[];
}
