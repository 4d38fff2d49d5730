import { randomUUID } from 'node:crypto';
import type {
  AgentRunOutcome,
  AgentRunStream,
  AgentRuntime,
  ChatRunStore,
  ToolApprovalDecision,
} from '@starter/agent-runtime';
import { AppError, type KeyValueStore, type Logger, type Subscription } from '@starter/contracts';
import type { ActivityRecorder, TenantCaller } from '@starter/identity';
import type { ConcurrencySlot } from '@starter/providers';
import { chatActivity } from './chat-activity.js';
import { STREAM_LEASE_REFRESH_MS } from './chat-limits.js';
import type { ChatConversationPort, ChatLedgerPort, ChatUsagePort } from './chat-ports.js';
import { type AgentChatRequest, chatRunOptionsOf } from './chat-request.js';
import { CANCEL_CHANNEL, parseCancelMessage } from './chat-run-channel.js';
import { type DriveHooks, type DrivenRun, driveRun } from './chat-run-driver.js';
import { openRunFollower, type RunFollower } from './chat-run-follower.js';

/** What the chat service runs on: the agent runtime, its stores, the KV port and the activity log. */
export interface ChatServiceDeps {
  readonly runtime: AgentRuntime;
  readonly runs: ChatRunStore;
  readonly conversations: ChatConversationPort;
  readonly ledger: ChatLedgerPort;
  readonly usage: ChatUsagePort;
  readonly kv: KeyValueStore;
  readonly activity: ActivityRecorder;
  readonly logger: Logger;
  readonly now: () => Date;
  /** Follower registry re-check while idle (tests shorten it). */
  readonly followRecheckMs?: number | undefined;
}

/** A run started by this instance. `outcome` settles once the run is persisted and its stream ended. */
export interface StartedRun {
  readonly runId: string;
  readonly streamId: string;
  readonly conversationId: string;
  readonly agentKey: string;
  readonly outcome: Promise<AgentRunOutcome>;
}

/** Chat runs over HTTP: start, follow (any replica), cancel (any replica), resume after approvals. */
export interface ChatService {
  startRun(caller: TenantCaller, request: AgentChatRequest, lease?: ConcurrencySlot): Promise<StartedRun>;
  followRun(
    caller: TenantCaller,
    runId: string,
    afterEventId: number,
    signal?: AbortSignal,
  ): Promise<RunFollower>;
  cancelRun(caller: TenantCaller, runId: string): Promise<void>;
  resumeRun(
    caller: TenantCaller,
    runId: string,
    decisions: readonly ToolApprovalDecision[],
  ): Promise<{ runId: string; streamId: string }>;
  /** Stops accepting runs and waits (bounded) for the running ones; runs are never aborted here. */
  close(timeoutMs?: number): Promise<void>;
}

interface LocalRun {
  readonly tenantId: string;
  readonly controller: AbortController;
}

const newStreamId = () => `chat_${randomUUID().replaceAll('-', '')}`;

/** Creates the chat service of one app instance; runs it starts are driven here, in the background. */
export function createChatService(deps: ChatServiceDeps): ChatService {
  const { runtime, runs, conversations, kv, logger } = deps;
  const local = new Map<string, LocalRun>();
  const driving = new Set<Promise<unknown>>();
  const activity = chatActivity(deps.activity, logger);
  let closing = false;

  const cancelSubscription: Promise<Subscription | null> = kv
    .subscribe(CANCEL_CHANNEL, (message) => {
      const request = parseCancelMessage(message);
      const run = request ? local.get(request.runId) : undefined;
      if (run && run.tenantId === request?.tenantId) run.controller.abort();
    })
    .catch((error: unknown) => {
      logger.error({ err: error, event: 'chat.cancel.subscribe_failed' }, 'Cannot receive chat cancels');
      return null;
    });

  const assertOpen = () => {
    if (closing) throw new AppError('ServiceUnavailable', 'The service is shutting down.');
  };

  /** Registers the run locally (before its registry row exists, so no cancel is missed) and drives it. */
  function launch(
    caller: TenantCaller,
    run: DrivenRun,
    controller: AbortController,
    start: (hooks: DriveHooks) => Promise<AgentRunStream>,
    lease?: ConcurrencySlot,
  ): Promise<AgentRunOutcome> {
    const refresh = lease?.held
      ? setInterval(() => void lease.refresh(), STREAM_LEASE_REFRESH_MS)
      : undefined;
    refresh?.unref();
    const onFinished = (finished: DrivenRun, outcome: AgentRunOutcome) =>
      activity.runCompleted(caller, finished, outcome, deps.now());
    const driven = driveRun({ ...deps, onFinished }, run, controller.signal, start).finally(async () => {
      clearInterval(refresh);
      local.delete(run.runId);
      await lease?.release();
    });
    driving.add(driven);
    void driven.finally(() => driving.delete(driven));
    return driven;
  }

  return {
    async startRun(caller, request, lease) {
      try {
        assertOpen();
        if (request.attachments.length > 0) {
          // No storage objects exist yet, so every referenced attachment is unknown (§1.11: 404).
          throw new AppError('NotFound', 'Attachment not found.', {
            details: { object_id: request.attachments[0]?.object_id ?? null },
          });
        }
        const scope = { tenantId: caller.tenantId };
        const agentKey = runtime.agents.resolveKey(request.agent_type);
        const conversationId = request.conversation_id ?? randomUUID();
        const runId = `run_${randomUUID().replaceAll('-', '')}`;
        const streamId = newStreamId();
        const { conversation, created } = await conversations.ensure(scope, {
          id: conversationId,
          userId: caller.userId,
          agentKey,
        });
        const message = await conversations.appendMessage(scope, conversationId, {
          role: 'user',
          content: request.message,
          runId,
          agent: agentKey,
        });
        const controller = new AbortController();
        local.set(runId, { tenantId: caller.tenantId, controller });
        const run: DrivenRun = {
          runId,
          tenantId: caller.tenantId,
          userId: caller.userId,
          conversationId,
          agentKey,
          streamId,
          messagePosition: message.position,
          startedAt: deps.now(),
        };
        try {
          await runs.create({ ...run, requestMessage: request.message });
        } catch (error) {
          local.delete(runId);
          throw error;
        }
        await activity.runStarted(caller, run, created);
        const options = chatRunOptionsOf(request);
        const outcome = launch(
          caller,
          run,
          controller,
          (hooks) =>
            runtime.stream({
              ...options,
              ...hooks,
              message: request.message,
              agentKey,
              runId,
              streamId,
              tenantId: caller.tenantId,
              userId: caller.userId,
              conversationId,
              conversationMemoryStrategy: conversation.memory,
              conversationMemoryInjection: conversation.memoryInjection,
            }),
          lease,
        );
        return { runId, streamId, conversationId, agentKey, outcome };
      } catch (error) {
        await lease?.release();
        throw error;
      }
    },

    followRun(caller, runId, afterEventId, signal) {
      return openRunFollower(
        { kv, ledger: deps.ledger, runs, recheckMs: deps.followRecheckMs },
        { tenantId: caller.tenantId },
        runId,
        afterEventId,
        signal,
      );
    },

    async cancelRun(caller, runId) {
      const run = await runs.get({ tenantId: caller.tenantId }, runId);
      if (run === null) throw new AppError('NotFound', 'Run not found.');
      if (run.status !== 'running') throw new AppError('Conflict', `Run is ${run.status}, not running.`);
      const owned = local.get(runId);
      if (owned) owned.controller.abort();
      else await kv.publish(CANCEL_CHANNEL, JSON.stringify({ tenantId: caller.tenantId, runId }));
    },

    async resumeRun(caller, runId, decisions) {
      assertOpen();
      const scope = { tenantId: caller.tenantId };
      const paused = await runs.get(scope, runId);
      if (paused === null) throw new AppError('NotFound', 'Run not found.');
      if (paused.status !== 'interrupted') throw new AppError('Conflict', 'Run is not awaiting approval.');
      const pendingIds = new Set(paused.pendingApprovals.map((call) => call.toolCallId));
      const unknown = decisions.filter((decision) => !pendingIds.has(decision.toolCallId));
      if (unknown.length > 0) {
        throw AppError.validation(
          unknown.map((decision) => ({
            path: ['tool_call_id'],
            message: `Tool call ${decision.toolCallId} is not awaiting approval.`,
            code: 'unknown_tool_call',
          })),
        );
      }
      const streamId = newStreamId();
      const controller = new AbortController();
      local.set(runId, { tenantId: caller.tenantId, controller });
      const claimed = await runs.claimResume(scope, runId, streamId).catch((error: unknown) => {
        local.delete(runId);
        throw error;
      });
      if (claimed === null || claimed.state === null) {
        local.delete(runId);
        throw new AppError('Conflict', 'Run is not awaiting approval.');
      }
      const state = claimed.state;
      const run: DrivenRun = { ...claimed, streamId, startedAt: deps.now() };
      launch(caller, run, controller, (hooks) =>
        runtime.resume({
          ...hooks,
          state,
          agentKey: claimed.agentKey,
          runId,
          message: claimed.requestMessage,
          decisions,
          streamId,
          tenantId: caller.tenantId,
          userId: claimed.userId,
          conversationId: claimed.conversationId,
        }),
      );
      return { runId, streamId };
    },

    async close(timeoutMs = 30_000) {
      closing = true;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([...driving]),
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, timeoutMs);
        }),
      ]);
      clearTimeout(timer);
      await (await cancelSubscription)?.unsubscribe();
    },
  };
}
