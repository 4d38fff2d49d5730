import { randomUUID } from 'node:crypto';
import type {
  AgentRunOutcome,
  AgentRunStream,
  AgentRuntime,
  ChatRunRecord,
  ChatRunStore,
  ToolApprovalDecision,
} from '@starter/agent-runtime';
import { AppError, type KeyValueStore, type Logger, type Subscription } from '@starter/contracts';
import type { ActivityRecorder, TenantCaller } from '@starter/identity';
import type { ConcurrencySlot } from '@starter/providers';
import { chatActivity } from './chat-activity.js';
import { STREAM_LEASE_REFRESH_MS } from './chat-limits.js';
import type { ChatConversationPort, ChatLedgerPort, ChatTransact } from './chat-ports.js';
import { type AgentChatRequest, chatRunOptionsOf } from './chat-request.js';
import { CANCEL_CHANNEL, parseCancelMessage } from './chat-run-channel.js';
import { type DriveHooks, type DrivenRun, driveRun } from './chat-run-driver.js';
import { createRunFeed, type RunFeed } from './chat-run-feed.js';
import {
  followFromStart,
  openRunFollower,
  type RunFollower,
  type RunFollowerDeps,
} from './chat-run-follower.js';
import { type OwnerHeartbeat, type OwnerHeartbeatTiming, startOwnerHeartbeat } from './chat-run-owner.js';

/** What the chat service runs on: the agent runtime, its stores, the KV port and the activity log. */
export interface ChatServiceDeps {
  readonly runtime: AgentRuntime;
  readonly runs: ChatRunStore;
  readonly ledger: ChatLedgerPort;
  /** One transaction over the stores (run start, terminal persistence). */
  readonly transact: ChatTransact;
  readonly kv: KeyValueStore;
  readonly activity: ActivityRecorder;
  readonly logger: Logger;
  readonly now: () => Date;
  /** Follower registry re-check while idle (tests shorten it). */
  readonly followRecheckMs?: number | undefined;
  /** Owner heartbeat of the runs this instance drives (tests shorten it). */
  readonly ownerHeartbeat?: OwnerHeartbeatTiming | undefined;
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
  /**
   * Starts a run and follows it from its first frame (`POST /chat/stream`): the follower listens before
   * the drive starts, so it reads neither the registry nor the ledger to begin with.
   */
  streamRun(
    caller: TenantCaller,
    request: AgentChatRequest,
    lease?: ConcurrencySlot,
    signal?: AbortSignal,
  ): Promise<{ started: StartedRun; follower: RunFollower }>;
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

type StartedConversation = Awaited<ReturnType<ChatConversationPort['ensure']>>['conversation'];

/** A run this instance drives: cancelled through its controller, followed here through its feed. */
interface LocalRun {
  readonly tenantId: string;
  readonly controller: AbortController;
  readonly feed: RunFeed;
}

const newStreamId = () => `chat_${randomUUID().replaceAll('-', '')}`;

/** Following, cancelling and approving a run: its starter, or a tenant admin or owner. */
function mayControl(caller: TenantCaller, run: ChatRunRecord): boolean {
  return run.userId === caller.userId || caller.role === 'admin' || caller.role === 'owner';
}

/** The registry row of a run just created (what `runs.get` would read back, without the round trip). */
function runningRecord(run: DrivenRun, requestMessage: string): ChatRunRecord {
  return {
    runId: run.runId,
    tenantId: run.tenantId,
    userId: run.userId,
    conversationId: run.conversationId,
    agentKey: run.agentKey,
    streamId: run.streamId,
    status: 'running',
    messagePosition: run.messagePosition,
    requestMessage,
    state: null,
    pendingApprovals: [],
    createdAt: run.startedAt,
    updatedAt: run.startedAt,
    finishedAt: null,
  };
}

function runNotFound(): AppError {
  return new AppError('NotFound', 'Run not found.');
}

/** Creates the chat service of one app instance; runs it starts are driven here, in the background. */
export function createChatService(deps: ChatServiceDeps): ChatService {
  const { runtime, runs, kv, logger } = deps;
  const local = new Map<string, LocalRun>();
  const driving = new Set<Promise<unknown>>();
  const activity = chatActivity(deps.activity, logger);
  const instanceId = randomUUID();
  const agentNames = new Map(runtime.agents.list().map((spec) => [spec.displayName, spec.key]));
  const agentKeyOfName = (name: string) => agentNames.get(name) ?? null;
  let closing = false;

  /** Registers a run this instance is about to drive (before its registry row, so no cancel is missed). */
  const register = (runId: string, tenantId: string): LocalRun => {
    const entry = { tenantId, controller: new AbortController(), feed: createRunFeed() };
    local.set(runId, entry);
    return entry;
  };
  /** Forgets the run's drive and ends its feed; only `entry`, never a later drive of the same run. */
  const unregister = (runId: string, entry: LocalRun) => {
    entry.feed.end();
    if (local.get(runId) === entry) local.delete(runId);
  };

  /** Starts this instance's heartbeat for a run: before its row says `running`, so none looks orphaned. */
  const ownRun = (runId: string) =>
    startOwnerHeartbeat(kv, runId, instanceId, deps.ownerHeartbeat ?? {}, logger);

  /** The caller's run, or NotFound when it is missing, another tenant's, or another member's. */
  const controlledRun = async (caller: TenantCaller, runId: string) => {
    const run = await runs.get({ tenantId: caller.tenantId }, runId);
    if (run === null || !mayControl(caller, run)) throw runNotFound();
    return run;
  };

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

  const followerDeps = (caller: TenantCaller): RunFollowerDeps => ({
    kv,
    ledger: deps.ledger,
    runs,
    logger,
    now: deps.now,
    recheckMs: deps.followRecheckMs,
    authorize: (run) => mayControl(caller, run),
    localFeed: (id) => local.get(id)?.feed,
  });

  const assertOpen = () => {
    if (closing) throw new AppError('ServiceUnavailable', 'The service is shutting down.');
  };

  /** Registers the run locally (before its registry row exists, so no cancel is missed) and drives it. */
  function launch(
    caller: TenantCaller,
    run: DrivenRun,
    entry: LocalRun,
    owner: OwnerHeartbeat,
    start: (hooks: DriveHooks) => Promise<AgentRunStream>,
    options: { lease?: ConcurrencySlot | undefined; startRecorded?: Promise<void> | undefined } = {},
  ): Promise<AgentRunOutcome> {
    const { lease } = options;
    const refresh = lease?.held
      ? setInterval(() => void lease.refresh(), STREAM_LEASE_REFRESH_MS)
      : undefined;
    refresh?.unref();
    // The start's activity is written while the run goes; its completion is recorded after it.
    const onFinished = async (finished: DrivenRun, outcome: AgentRunOutcome) => {
      const now = deps.now();
      await options.startRecorded;
      await activity.runCompleted(caller, finished, outcome, now);
    };
    const driverDeps = { ...deps, agentKeyOfName, onFinished, feed: entry.feed };
    const driven = driveRun(driverDeps, run, entry.controller.signal, start).finally(async () => {
      clearInterval(refresh);
      unregister(run.runId, entry);
      await owner.stop();
      await lease?.release();
    });
    driving.add(driven);
    void driven.finally(() => driving.delete(driven));
    return driven;
  }

  /**
   * Starts a run. `attach` runs once the run is registered and before its drive starts, so what it hooks
   * to the run's feed misses no frame (see `streamRun`).
   */
  async function start<Attached>(
    caller: TenantCaller,
    request: AgentChatRequest,
    lease: ConcurrencySlot | undefined,
    attach: (run: DrivenRun, feed: RunFeed) => Attached,
  ): Promise<{ started: StartedRun; attached: Attached }> {
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
      const entry = register(runId, caller.tenantId);
      let owner: OwnerHeartbeat | undefined;
      let started: { run: DrivenRun; created: boolean; conversation: StartedConversation };
      try {
        owner = await ownRun(runId);
        // The conversation, the user's message and the run row: one unit of work.
        started = await deps.transact(async (tx) => {
          const ensured = await tx.conversations.ensure(scope, {
            id: conversationId,
            userId: caller.userId,
            agentKey,
          });
          const message = await tx.conversations.appendMessage(scope, conversationId, {
            role: 'user',
            content: request.message,
            runId,
            agent: agentKey,
          });
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
          await tx.runs.create({ ...run, requestMessage: request.message });
          return { run, created: ensured.created, conversation: ensured.conversation };
        });
      } catch (error) {
        unregister(runId, entry);
        await owner?.stop();
        throw error;
      }
      const { run, created, conversation } = started;
      const attached = attach(run, entry.feed);
      const options = chatRunOptionsOf(request);
      const outcome = launch(
        caller,
        run,
        entry,
        owner,
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
        // Best effort (it never rejects), so off the path to the first frame.
        { lease, startRecorded: activity.runStarted(caller, run, created) },
      );
      return { started: { runId, streamId, conversationId, agentKey, outcome }, attached };
    } catch (error) {
      await lease?.release();
      throw error;
    }
  }

  return {
    async startRun(caller, request, lease) {
      return (await start(caller, request, lease, () => undefined)).started;
    },

    async streamRun(caller, request, lease, signal) {
      const { started, attached } = await start(caller, request, lease, (run, feed) =>
        followFromStart(followerDeps(caller), runningRecord(run, request.message), feed, signal),
      );
      return { started, follower: attached };
    },

    followRun(caller, runId, afterEventId, signal) {
      return openRunFollower(
        followerDeps(caller),
        { tenantId: caller.tenantId },
        runId,
        afterEventId,
        signal,
      );
    },

    async cancelRun(caller, runId) {
      const run = await controlledRun(caller, runId);
      if (run.status !== 'running') throw new AppError('Conflict', `Run is ${run.status}, not running.`);
      const owned = local.get(runId);
      if (owned) owned.controller.abort();
      else await kv.publish(CANCEL_CHANNEL, JSON.stringify({ tenantId: caller.tenantId, runId }));
    },

    async resumeRun(caller, runId, decisions) {
      assertOpen();
      const scope = { tenantId: caller.tenantId };
      const paused = await controlledRun(caller, runId);
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
      const entry = register(runId, caller.tenantId);
      let owner: OwnerHeartbeat | undefined;
      let claimed: ChatRunRecord | null;
      try {
        owner = await ownRun(runId);
        claimed = await runs.claimResume(scope, runId, streamId);
      } catch (error) {
        unregister(runId, entry);
        await owner?.stop();
        throw error;
      }
      if (claimed === null || claimed.state === null) {
        unregister(runId, entry);
        await owner.stop();
        throw new AppError('Conflict', 'Run is not awaiting approval.');
      }
      const state = claimed.state;
      const run: DrivenRun = { ...claimed, streamId, startedAt: deps.now() };
      launch(caller, run, entry, owner, (hooks) =>
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
