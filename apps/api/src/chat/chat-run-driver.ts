import type {
  AgentRunOutcome,
  AgentRunRequest,
  AgentRunStream,
  ChatRunStore,
  ModelUsageReport,
} from '@starter/agent-runtime';
import {
  isTerminalEvent,
  type JsonValue,
  type KeyValueStore,
  type Logger,
  type PublicSseEvent,
} from '@starter/contracts';
import type { ChatLedgerPort, ChatTransact } from './chat-ports.js';
import { frameJson, runChannel } from './chat-run-channel.js';
import { runEventsOf } from './chat-run-events.js';
import type { RunFeed } from './chat-run-feed.js';

/** The stores and channels a driven run writes to. */
export interface RunDriverDeps {
  /** The terminal persistence is one unit of work (message, agent, run events, usage, run row). */
  readonly transact: ChatTransact;
  readonly ledger: ChatLedgerPort;
  readonly runs: ChatRunStore;
  /** SDK agent name (display name) → agent key, for the run-event log. */
  readonly agentKeyOfName: (name: string) => string | null;
  readonly kv: KeyValueStore;
  readonly logger: Logger;
  readonly now: () => Date;
  /** Records a finished drive in the activity log (best effort). */
  readonly onFinished?: ((run: DrivenRun, outcome: AgentRunOutcome) => Promise<void>) | undefined;
  /** This instance's followers of the run, handed each frame in-process once it is appended. */
  readonly feed?: RunFeed | undefined;
}

/** The run being driven: identity, conversation and stream. */
export interface DrivenRun {
  readonly runId: string;
  readonly tenantId: string;
  readonly userId: string | null;
  readonly conversationId: string;
  readonly agentKey: string;
  readonly streamId: string;
  readonly messagePosition: number | null;
  readonly startedAt: Date;
}

/** The hooks the driver hands to `runtime.stream` / `runtime.resume`. */
export type DriveHooks = Required<
  Pick<AgentRunRequest, 'signal' | 'onEvent' | 'onFrames' | 'beforeTerminal'>
>;

function assistantText(outcome: AgentRunOutcome): string {
  if (outcome.responseText !== null) return outcome.responseText;
  return outcome.structuredOutput === null ? '' : JSON.stringify(outcome.structuredOutput);
}

/** The terminal frame a run that broke outside the runtime ends its stream with (followers never hang). */
function failureFrame(run: DrivenRun, eventId: number, now: Date): PublicSseEvent {
  return {
    schema: 'public_sse_v1',
    event_id: eventId,
    stream_id: run.streamId,
    server_timestamp: now.toISOString(),
    kind: 'error',
    conversation_id: run.conversationId,
    response_id: null,
    agent: run.agentKey,
    workflow: null,
    error: {
      code: 'run_start_failed',
      message: 'The run could not be started.',
      source: 'server',
      is_retryable: false,
    },
  } as PublicSseEvent;
}

/**
 * Drives one run to its end, independent of any HTTP response (§14: a disconnect does not cancel it):
 * each frame is appended to the ledger, then published on the run's live channel; before the terminal
 * frame the assistant message, active agent, usage and the run's registry row are persisted (§2.5,
 * §2.7); the upstream is drained to its end. Resolves with the outcome; never rejects.
 */
export async function driveRun(
  deps: RunDriverDeps,
  run: DrivenRun,
  signal: AbortSignal,
  start: (hooks: DriveHooks) => Promise<AgentRunStream>,
): Promise<AgentRunOutcome> {
  const { ledger, runs, kv, logger } = deps;
  const scope = { tenantId: run.tenantId };
  const log = logger.child({ run_id: run.runId, stream_id: run.streamId, tenant_id: run.tenantId });
  const responses: ModelUsageReport[] = [];
  let registryUpdated = false;

  // One transaction: a failure anywhere leaves none of it written (the stream then ends `error`).
  const persist = async (outcome: AgentRunOutcome) => {
    await deps.transact(async ({ conversations, usage, runs: registry }) => {
      const activeAgent = outcome.lastAgentKey ?? undefined;
      if (outcome.status === 'completed') {
        const metadata: Record<string, JsonValue> = {
          run_id: run.runId,
          stream_id: run.streamId,
          structured_output: outcome.structuredOutput,
          usage: (outcome.usage as JsonValue | null) ?? null,
        };
        // The answer's UPDATE of the conversation sets the active agent too (one statement fewer).
        await conversations.appendMessage(scope, run.conversationId, {
          role: 'assistant',
          content: assistantText(outcome),
          metadata,
          runId: run.runId,
          agent: outcome.lastAgentKey ?? run.agentKey,
          activeAgent,
        });
      } else if (activeAgent !== undefined) {
        await conversations.setActiveAgent(scope, run.conversationId, activeAgent);
      }
      const events = runEventsOf(run.runId, outcome.runItems, responses, deps.agentKeyOfName);
      if (events.length > 0) await conversations.appendRunEvents(scope, run.conversationId, events);
      await usage.recordRun({
        tenantId: run.tenantId,
        userId: run.userId,
        conversationId: run.conversationId,
        runId: run.runId,
        agentKey: run.agentKey,
        responses,
        occurredAt: deps.now(),
      });
      await registry.markFinished(scope, run.runId, {
        status: outcome.status,
        state: outcome.state,
        pendingApprovals: outcome.pendingApprovals,
      });
    });
    registryUpdated = true;
    // Artifacts (generated images, container files) have no storage here yet: nothing to attach.
    return { attachments: [] };
  };

  const context = {
    ...scope,
    conversationId: run.conversationId,
    messagePosition: run.messagePosition,
    runId: run.runId,
  };
  const channel = runChannel(run.runId);
  const append = (frame: PublicSseEvent, json: string) =>
    ledger.append(context, frame, json).catch((error: unknown) => {
      // §2.7: a failed append is logged and the stream goes on (followers then see it live only).
      log.error(
        { err: error, event: 'chat.ledger.append_failed', event_id: frame.event_id },
        'Ledger append failed',
      );
    });
  const publish = (frame: PublicSseEvent, json: string) =>
    kv.publish(channel, json).catch((error: unknown) => {
      log.error(
        { err: error, event: 'chat.publish_failed', event_id: frame.event_id },
        'Live publish failed',
      );
    });

  // The runtime persists frames through `onFrames` before it hands them on (§2.7: ledger before live):
  // while one batch commits, the run reads ahead and what it produces forms the next batch, so a burst (a
  // token's frames, the terminal sequence) shares a group commit, and a slow store holds the run back
  // instead of piling frames up here. A frame the loop below gets is durable: local followers take it
  // in-process, other replicas through the KV channel, published in order, one after the other.
  const appendAll = (frames: readonly PublicSseEvent[]) =>
    Promise.all(frames.map((frame) => append(frame, frameJson(frame)))).then(() => undefined);
  let lastFrame: PublicSseEvent | undefined;
  let published: Promise<void> = Promise.resolve();
  const deliver = (frame: PublicSseEvent): void => {
    lastFrame = frame;
    deps.feed?.deliver(frame);
    const json = frameJson(frame);
    published = published.then(() => publish(frame, json));
  };

  let outcome: AgentRunOutcome;
  try {
    const stream = await start({
      signal,
      onEvent: (event) => {
        if (event.type === 'model_usage') responses.push(event as unknown as ModelUsageReport);
      },
      onFrames: appendAll,
      beforeTerminal: persist,
    });
    for await (const frame of stream.frames) deliver(frame);
    await published;
    outcome = await stream.outcome;
  } catch (error) {
    log.error({ err: error, event: 'chat.run.start_failed' }, 'Chat run failed to start');
    if (lastFrame === undefined || !isTerminalEvent(lastFrame)) {
      const frame = failureFrame(run, (lastFrame?.event_id ?? 0) + 1, deps.now());
      await appendAll([frame]);
      deliver(frame);
    }
    await published;
    outcome = {
      runId: run.runId,
      status: 'failed',
      agentKey: run.agentKey,
      lastAgentKey: null,
      responseText: null,
      structuredOutput: null,
      usage: null,
      pendingApprovals: [],
      state: null,
      error,
      artifacts: [],
      runItems: [],
    };
  }
  if (!registryUpdated) {
    // Persistence failed before the registry row was written: the stream ended `error`, so is the run.
    const status = outcome.status === 'interrupted' ? 'failed' : outcome.status;
    await runs.markFinished(scope, run.runId, { status }).catch((error: unknown) => {
      log.error({ err: error, event: 'chat.run.mark_failed' }, 'Could not record the run outcome');
    });
  }
  await deps.onFinished?.(run, outcome).catch((error: unknown) => {
    log.warn({ err: error, event: 'chat.run.activity_failed' }, 'Could not record run activity');
  });
  return outcome;
}
