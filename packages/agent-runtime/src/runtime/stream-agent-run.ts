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
import { createNonStreamedMeteredModelProvider, type ModelUsageReport, reportOf } from './model-usage.js';
import { type PendingApproval, pendingApprovalsOf } from './pending-approvals.js';
import type { AgentRunContext } from './run-context.js';
import type { AgentRunStatus, RuntimeEventSink } from './run-events.js';
import { describeRunItems, type RunItemRecord } from './run-items.js';
import {
  DONE,
  isThenable,
  responseDoneOf,
  statusOf,
  structuredOutputOf,
  withoutAnswer,
} from './stream-run-parts.js';
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
  const onFrame = options.onFrame;
  const holding = options.holdFramesUntilComplete === true;
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

  // The frame queue: frames ready for the consumer, read by the hand-written iterator below.
  let buffer: PublicSseEvent[] = [];
  let head = 0;
  let closed = false;
  /** The consumer's pending `next()` on an empty queue. */
  let waiting: ((frame: PublicSseEvent | null) => void) | null = null;
  /** Frames of a blocking run, held until its terminal. */
  const held: PublicSseEvent[] = [];

  const enqueue = (frame: PublicSseEvent) => {
    const wake = waiting;
    if (wake) {
      waiting = null;
      wake(frame);
    } else buffer.push(frame);
  };
  const push = (frames: readonly PublicSseEvent[]) => {
    if (closed) return;
    for (const frame of frames) {
      const terminal = frame.kind === 'final' || frame.kind === 'error';
      if (holding && !terminal) {
        held.push(frame);
        continue;
      }
      if (held.length === 0) {
        enqueue(frame);
        continue;
      }
      held.push(frame);
      const release = frame.kind === 'error' ? withoutAnswer(held) : held.slice();
      held.length = 0;
      for (const item of release) enqueue(item);
    }
  };
  const closeQueue = () => {
    closed = true;
    const wake = waiting;
    waiting = null;
    wake?.(null);
  };

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

  const pump = async () => {
    emitEvent({ type: 'run_started', runId, agentKey: options.agentKey });
    let result: StreamedRunResult<AgentRunContext, AnyAgent> | undefined;
    let failure: unknown;
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
      // The agent whose model answers: the starting agent until the stream announces a handoff.
      let model: unknown = (result.currentAgent ?? options.agent).model;
      for await (const sdkEvent of result) {
        if (sdkEvent.type === 'raw_model_stream_event') meterResponse(model, sdkEvent);
        else if (sdkEvent.type === 'agent_updated_stream_event') model = sdkEvent.agent.model;
        const normalized = normalizeAgentStreamEvent(sdkEvent);
        if (normalized) push(projector.project(normalized));
      }
      await result.completed;
      if (result.error !== undefined && result.error !== null) failure = result.error;
    } catch (error) {
      failure = error;
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
    closeQueue();
    emitEvent({ type: 'run_finished', runId, status: draft.status, lastAgentKey: draft.lastAgentKey });
    settle(persistFailure === undefined ? draft : { ...draft, status: 'failed', error: persistFailure });
  };

  // One hand-written async iterator instead of generator layers: a buffered frame resolves at once, a
  // promise is only made when the consumer waits for the run, and `onFrame` is only awaited when given
  // (and only when it returns a promise). The run starts on the first `next()`, as a generator would.
  let running: Promise<void> | null = null;
  let finished = false;
  /** A `next()` still settling (waiting for the run, or for `onFrame`): later calls queue behind it. */
  let inFlight: Promise<IteratorResult<PublicSseEvent, undefined>> | null = null;

  const end = (): Promise<IteratorResult<PublicSseEvent, undefined>> => {
    finished = true;
    return (running as Promise<void>).then(() => DONE);
  };
  const fail = (error: unknown): never => {
    inFlight = null;
    finished = true;
    throw error;
  };
  /** Hands one frame over, after `onFrame` has persisted it. */
  const deliver = (frame: PublicSseEvent): IteratorResult<PublicSseEvent, undefined> | Promise<never> => {
    const result = { value: frame, done: false as const };
    if (onFrame === undefined) return result;
    let persisted: unknown;
    try {
      persisted = onFrame(frame);
    } catch (error) {
      finished = true;
      return Promise.reject(error);
    }
    if (!isThenable(persisted)) return result;
    const settled = Promise.resolve(persisted).then(() => {
      inFlight = null;
      return result;
    }, fail);
    inFlight = settled;
    return settled as Promise<never>;
  };
  const iterator: AsyncIterableIterator<PublicSseEvent, undefined, unknown> = {
    next() {
      if (inFlight !== null) return inFlight.then(() => iterator.next());
      if (finished) return Promise.resolve(DONE);
      if (running === null) running = pump();
      if (head < buffer.length) {
        const frame = buffer[head] as PublicSseEvent;
        buffer[head] = undefined as unknown as PublicSseEvent;
        head += 1;
        if (head === buffer.length) {
          buffer = [];
          head = 0;
        }
        const delivered = deliver(frame);
        return delivered instanceof Promise ? delivered : Promise.resolve(delivered);
      }
      if (closed) return end();
      const wait = new Promise<PublicSseEvent | null>((resolve) => {
        waiting = resolve;
      }).then((frame) => {
        inFlight = null;
        if (frame === null) return finished ? DONE : end();
        return deliver(frame);
      });
      inFlight = wait;
      return wait;
    },
    return() {
      finished = true;
      const wake = waiting;
      waiting = null;
      wake?.(null);
      return Promise.resolve(DONE);
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };

  return { runId, frames: iterator, outcome };
}
