import type { ChatRunRecord } from '@starter/agent-runtime';
import type { KeyValueStore, Logger, PublicSseEvent } from '@starter/contracts';

/** The KV key the instance driving a run keeps alive; its absence means that instance is gone. */
export function ownerKey(runId: string): string {
  return `chat:run-owner:${runId}`;
}

/** Owner heartbeat timing: the key lives `ttlMs` and is re-set every `refreshMs` (tests shorten both). */
export interface OwnerHeartbeatTiming {
  readonly ttlMs?: number | undefined;
  readonly refreshMs?: number | undefined;
}

export const OWNER_TTL_MS = 30_000;
export const OWNER_REFRESH_MS = 10_000;

/** A running heartbeat; `stop` ends it and deletes the key (the run is over, or was never created). */
export interface OwnerHeartbeat {
  stop(): Promise<void>;
}

/** Sets the owner key now (before the run is visible as `running`), then refreshes it on a timer. */
export async function startOwnerHeartbeat(
  kv: KeyValueStore,
  runId: string,
  owner: string,
  timing: OwnerHeartbeatTiming,
  logger: Logger,
): Promise<OwnerHeartbeat> {
  const key = ownerKey(runId);
  const ttlMs = timing.ttlMs ?? OWNER_TTL_MS;
  await kv.set(key, owner, { ttlMs });
  const timer = setInterval(() => {
    kv.set(key, owner, { ttlMs }).catch((error: unknown) => {
      logger.warn(
        { err: error, event: 'chat.owner.refresh_failed', run_id: runId },
        'Owner key not refreshed',
      );
    });
  }, timing.refreshMs ?? OWNER_REFRESH_MS);
  timer.unref();
  let stopped: Promise<void> | undefined;
  return {
    stop() {
      clearInterval(timer);
      stopped ??= kv.delete(key).then(
        () => undefined,
        (error: unknown) => {
          // The key expires on its own; a leftover only delays orphan detection of a finished run.
          logger.warn(
            { err: error, event: 'chat.owner.delete_failed', run_id: runId },
            'Owner key not deleted',
          );
        },
      );
      return stopped;
    },
  };
}

/**
 * The terminal a follower writes for a run whose owner died: `error` (server, `run_orphaned`), next
 * event id of the stream, the envelope of the stream's last frame (or of the run, if it has none).
 */
export function orphanFrame(
  run: ChatRunRecord,
  previous: PublicSseEvent | undefined,
  now: Date,
): PublicSseEvent {
  return {
    schema: 'public_sse_v1',
    event_id: (previous?.event_id ?? 0) + 1,
    stream_id: run.streamId,
    server_timestamp: now.toISOString(),
    kind: 'error',
    conversation_id: previous?.conversation_id ?? run.conversationId,
    response_id: previous?.response_id ?? null,
    agent: previous === undefined ? run.agentKey : previous.agent,
    workflow: null,
    error: {
      code: 'run_orphaned',
      message: 'The instance running this run stopped; the run was abandoned.',
      source: 'server',
      is_retryable: false,
    },
  } as PublicSseEvent;
}
