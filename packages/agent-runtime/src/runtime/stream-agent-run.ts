import type { ReadableStream, ReadableStreamDefaultReader, ReadableStreamReadResult } from 'node:stream/web';
import {
  type Agent,
  type AgentInputItem,
  type ModelProvider,
  Runner,
  type RunState,
  type RunStreamEvent,
  type Session,
  type StreamedRunResult,
} from '@openai/agents';
import type {
  JsonValue,
  PublicSseEvent,
  RunAttachment,
  TokenUsage,
  WorkflowContext,
} from '@starter/contracts';
import type { AgentStreamEvent } from '../streaming/agent-stream-event.js';
import type { CollectedArtifact } from '../streaming/collected-artifacts.js';
import { normalizeAgentStreamEvent } from '../streaming/normalize-agent-stream-event.js';
import type { ResumedApproval } from '../streaming/project-approvals.js';
import { createPublicStreamProjector } from '../streaming/public-stream-projector.js';
import { createFrameQueue, type PersistFrames } from './frame-queue.js';
import { createNonStreamedMeteredModelProvider, type ModelUsageReport, reportOf } from './model-usage.js';
import { type PendingApproval, pendingApprovalsOf } from './pending-approvals.js';
import type { AgentRunContext } from './run-context.js';
import type { AgentRunStatus, RuntimeEventSink } from './run-events.js';
import { describeRunItems, type RunItemRecord } from './run-items.js';
import { responseDoneOf, statusOf, structuredOutputOf } from './stream-run-parts.js';
import { createUsageTotals } from './usage-totals.js';

// biome-ignore lint/suspicious/noExplicitAny: agents of any output type run here.
type AnyAgent = Agent<AgentRunContext, any>;

/** A nested agent-as-tool stream event, as `asTool({ onStream })` delivers it. */
export interface AgentToolStreamEvent {
  readonly event: RunStreamEvent;
  readonly agent: { readonly name: string };
  readonly toolCall?: { readonly callId: string } | undefined;
}

/** Late-bound target for nested agent-tool events: agents are built before the run's projector exists. */
export interface NestedStreamRelay {
  handler: ((event: AgentToolStreamEvent) => void) | null;
}

/** What the run knows when it ends, before the terminal frame is emitted. */
export interface AgentRunOutcome {
  readonly runId: string;
  readonly status: AgentRunStatus;
  readonly agentKey: string;
  /** Key of the agent that produced the last answer (after handoffs). */
  readonly lastAgentKey: string | null;
  readonly responseText: string | null;
  readonly structuredOutput: JsonValue | null;
  readonly usage: TokenUsage | null;
  readonly pendingApprovals: readonly PendingApproval[];
  /** Serialized SDK run state of an interrupted run, to resume it after approvals (any replica). */
  readonly state: string | null;
  readonly error: unknown;
  /** Generated images and cited container files, for the caller to store and attach. */
  readonly artifacts: readonly CollectedArtifact[];
  /** The items this run added (messages, tool calls and outputs, reasoning, handoffs), for the run-event log. */
  readonly runItems: readonly RunItemRecord[];
}

/** What the caller adds to the terminal frame once it has persisted the outcome. */
export interface TerminalExtras {
  readonly attachments?: readonly RunAttachment[] | undefined;
}

export interface StreamAgentRunOptions {
  readonly agent: AnyAgent;
  readonly agentKey: string;
  readonly input: string | AgentInputItem[] | RunState<AgentRunContext, AnyAgent>;
  readonly context: AgentRunContext;
  readonly modelProvider: ModelProvider;
  readonly session?: Session | undefined;
  readonly maxTurns?: number | undefined;
  /** Continues from a stored provider response (the SDK's `previousResponseId`). */
  readonly previousResponseId?: string | undefined;
  readonly streamId: string;
  readonly workflow?: WorkflowContext | null | undefined;
  /** Agent-tool function names → agent keys, so the projector reports them as `agent` tools. */
  readonly agentToolNames?: ReadonlyMap<string, string> | undefined;
  /** SDK agent name (display name) → agent key. */
  readonly agentKeyOfName?: ((name: string) => string | null) | undefined;
  readonly nestedStreams?: NestedStreamRelay | undefined;
  /** Runtime events projected before the run starts (memory checkpoints). */
  readonly prelude?: readonly AgentStreamEvent[] | undefined;
  /** Decisions a resumed run carries out, announced as `tool.approval` first on its new stream. */
  readonly resumedApprovals?: readonly ResumedApproval[] | undefined;
  /**
   * Blocking output guardrails (§5.1): frames are held until the run ends, and an answer that fails its
   * output guardrails is never shown: only the lifecycle frames and the error are released.
   */
  readonly holdFramesUntilComplete?: boolean | undefined;
  /** Persistence hook, awaited before the frame is handed on (the ledger append of §2.7). */
  readonly onFrame?: ((frame: PublicSseEvent) => void | Promise<void>) | undefined;
  /** Batched persistence hook (group commit), instead of `onFrame`: see `createFrameQueue`. */
  readonly onFrames?: PersistFrames | undefined;
  readonly onEvent?: RuntimeEventSink | undefined;
  /** Runs before the terminal frame: persist the message, usage and attachments here (§2.7). */
  readonly beforeTerminal?:
    | ((outcome: AgentRunOutcome) => TerminalExtras | undefined | Promise<TerminalExtras | undefined>)
    | undefined;
  readonly clock?: (() => Date) | undefined;
}

/** A started streamed run: read `frames` to drive it; `outcome` settles once the terminal is out. */
export interface AgentRunStream {
  readonly runId: string;
  readonly frames: AsyncIterable<PublicSseEvent>;
  readonly outcome: Promise<AgentRunOutcome>;
}

/**
 * Runs an agent with `@openai/agents` in streaming mode and projects it to `public_sse_v1` frames (§2):
 * usage metered per response (nested agent-tool runs too), nested agent-tool streams projected in scope,
 * each frame passed through `onFrame` before it is yielded, the terminal held until `beforeTerminal`
 * has persisted the outcome. The SDK stream is always drained to its end (§2.5).
 */
export function streamAgentRun(options: StreamAgentRunOptions): AgentRunStream {
  const { context } = options;
  const runId = context.runId;
  const keyOf = options.agentKeyOfName ?? ((name: string) => name);
  const usage = createUsageTotals();
  const emitEvent = options.onEvent ?? (() => {});
  const meter = (report: ModelUsageReport) => {
    usage.add(report);
    emitEvent({ type: 'model_usage', ...report });
  };
  // Streamed responses are metered from the `response_done` events the run reads anyway (below, and in
  // the nested relay); only non-streamed calls go through the provider wrapper.
  const modelProvider = createNonStreamedMeteredModelProvider(options.modelProvider, runId, meter);
  // The model name the SDK asks the provider for: the agent's own model string (a `Model` instance is
  // never looked up by name, so it is not metered, as with the provider wrapper).
  const meterResponse = (model: unknown, event: RunStreamEvent) => {
    const done = responseDoneOf(event);
    if (done && typeof model === 'string')
      meter(reportOf(runId, model, done.response.usage, done.response.id));
  };
  const projector = createPublicStreamProjector({
    streamId: options.streamId,
    conversationId: context.conversationId,
    agent: options.agentKey,
    agentToolNames: options.agentToolNames,
    workflow: options.workflow,
    clock: options.clock,
    resumedApprovals: options.resumedApprovals,
  });

  const queue = createFrameQueue({
    onFrame: options.onFrame,
    onFrames: options.onFrames,
    holdUntilTerminal: options.holdFramesUntilComplete === true,
    demand: () => demand(),
  });
  const push = queue.push;

  const nestedModels = new Map<string, unknown>();
  if (options.nestedStreams) {
    options.nestedStreams.handler = ({ event, agent, toolCall }) => {
      // The relay names the agent-as-tool; a handoff inside the nested run is announced on its stream.
      const callId = toolCall?.callId;
      if (event.type === 'agent_updated_stream_event') {
        if (callId !== undefined) nestedModels.set(callId, event.agent.model);
      } else if (event.type === 'raw_model_stream_event') {
        const model =
          callId !== undefined && nestedModels.has(callId)
            ? nestedModels.get(callId)
            : (agent as { model?: unknown }).model;
        meterResponse(model, event);
      }
      const normalized = normalizeAgentStreamEvent(event);
      if (normalized && toolCall)
        push(projector.projectScoped(toolCall.callId, keyOf(agent.name), normalized));
    };
  }

  let settle: (outcome: AgentRunOutcome) => void = () => {};
  const outcome = new Promise<AgentRunOutcome>((resolve) => {
    settle = resolve;
  });

  // The run is pulled by its consumer (see `createFrameQueue`): the SDK stream is read while the
  // consumer waits for a frame, one read at a time, straight from its reader (no iterator layer).
  let phase: 'idle' | 'starting' | 'streaming' | 'finishing' = 'idle';
  let result: StreamedRunResult<AgentRunContext, AnyAgent> | undefined;
  let reader: ReadableStreamDefaultReader<RunStreamEvent> | undefined;
  let reading = false;
  let failure: unknown;
  // The agent whose model answers: the starting agent until the stream announces a handoff.
  let model: unknown;

  const onSdkEvent = (sdkEvent: RunStreamEvent) => {
    if (sdkEvent.type === 'raw_model_stream_event') meterResponse(model, sdkEvent);
    else if (sdkEvent.type === 'agent_updated_stream_event') model = sdkEvent.agent.model;
    const normalized = normalizeAgentStreamEvent(sdkEvent);
    if (normalized) push(projector.project(normalized));
  };
  const onRead = (read: ReadableStreamReadResult<RunStreamEvent>) => {
    reading = false;
    if (read.done) {
      void finishRun(true);
      return;
    }
    try {
      onSdkEvent(read.value);
    } catch (error) {
      failure = error;
      void reader?.cancel(error).catch(() => {});
      void finishRun(false);
      return;
    }
    if (queue.hungry) readNext();
  };
  const onReadFailure = (error: unknown) => {
    reading = false;
    failure = error;
    void finishRun(false);
  };
  const readNext = () => {
    if (reading || phase !== 'streaming' || reader === undefined) return;
    reading = true;
    reader.read().then(onRead, onReadFailure);
  };
  const demand = () => {
    if (phase === 'idle') void startRun();
    else readNext();
  };

  const startRun = async () => {
    phase = 'starting';
    emitEvent({ type: 'run_started', runId, agentKey: options.agentKey });
    for (const event of options.prelude ?? []) push(projector.project(event));
    try {
      const runner = new Runner({ modelProvider, tracingDisabled: true });
      result = await runner.run(options.agent, options.input, {
        stream: true,
        context,
        ...(options.session ? { session: options.session } : {}),
        ...(options.maxTurns ? { maxTurns: options.maxTurns } : {}),
        ...(options.previousResponseId ? { previousResponseId: options.previousResponseId } : {}),
        ...(context.signal ? { signal: context.signal } : {}),
      });
    } catch (error) {
      failure = error;
      await finishRun(false);
      return;
    }
    model = (result.currentAgent ?? options.agent).model;
    // The SDK's shim types the stream loosely; on Node it is the platform's web ReadableStream.
    reader = (result.toStream() as unknown as ReadableStream<RunStreamEvent>).getReader();
    phase = 'streaming';
    if (queue.hungry) readNext();
  };

  /** Ends the run; a failure past the run itself (projecting the terminal) still ends the consumer. */
  const finishRun = (streamEnded: boolean): Promise<void> =>
    endRun(streamEnded).catch((error: unknown) => {
      settle({
        runId,
        status: 'failed',
        agentKey: options.agentKey,
        lastAgentKey: null,
        responseText: null,
        structuredOutput: null,
        usage: usage.snapshot(),
        pendingApprovals: [],
        state: null,
        error,
        artifacts: [],
        runItems: [],
      });
      queue.close();
    });

  const endRun = async (streamEnded: boolean) => {
    phase = 'finishing';
    if (streamEnded && result) {
      try {
        await result.completed;
        if (result.error !== undefined && result.error !== null) failure = result.error;
      } catch (error) {
        failure = error;
      }
    }
    const cancelled = context.signal?.aborted === true || result?.cancelled === true;
    const pending = failure === undefined && result ? pendingApprovalsOf(result.interruptions) : [];
    const status = statusOf(failure, cancelled, pending);
    const lastAgentName = result?.lastAgent?.name;
    const draft: AgentRunOutcome = {
      runId,
      status,
      agentKey: options.agentKey,
      lastAgentKey: lastAgentName ? keyOf(lastAgentName) : null,
      responseText:
        status === 'completed' && typeof result?.finalOutput === 'string' ? result.finalOutput : null,
      structuredOutput: status === 'completed' ? structuredOutputOf(result) : null,
      usage: usage.snapshot(),
      pendingApprovals: pending,
      state: status === 'interrupted' && result ? result.state.toString() : null,
      error: failure,
      artifacts: projector.collectedArtifacts(),
      runItems: result ? describeRunItems(result.newItems) : [],
    };
    let extras: TerminalExtras | undefined;
    let persistFailure: unknown;
    try {
      extras = await options.beforeTerminal?.(draft);
    } catch (error) {
      persistFailure = error;
    }
    const error = persistFailure ?? (cancelled ? undefined : failure);
    push(
      projector.finish({
        ...(error === undefined ? {} : { error }),
        cancelled: cancelled && persistFailure === undefined,
        interrupted: status === 'interrupted',
        ...(draft.structuredOutput === null ? {} : { structuredOutput: draft.structuredOutput }),
        attachments: extras?.attachments ?? [],
        usage: draft.usage,
      }),
    );
    emitEvent({ type: 'run_finished', runId, status: draft.status, lastAgentKey: draft.lastAgentKey });
    // Settled before the queue closes: a consumer whose iteration ended finds the outcome ready.
    settle(persistFailure === undefined ? draft : { ...draft, status: 'failed', error: persistFailure });
    queue.close();
  };

  return { runId, frames: queue.frames, outcome };
}
