import type { ChatRunRecord, ChatRunStore } from '@starter/agent-runtime';
import { type AsyncQueue, createAsyncQueue } from '@starter/agent-runtime';
import {
  AppError,
  isTerminalEvent,
  type KeyValueStore,
  type Logger,
  type PublicSseEvent,
} from '@starter/contracts';
import type { ChatLedgerPort } from './chat-ports.js';
import { frameJson, parseRunMessage, runChannel } from './chat-run-channel.js';
import type { RunFeed } from './chat-run-feed.js';
import { orphanFrame, ownerKey } from './chat-run-owner.js';

/** What following a run reads: the live channel, the ledger and the run registry. */
export interface RunFollowerDeps {
  readonly kv: KeyValueStore;
  readonly ledger: ChatLedgerPort;
  readonly runs: ChatRunStore;
  readonly logger: Logger;
  readonly now: () => Date;
  /** While no live frame arrives, how often the registry is re-read (a lost terminal ends the follow). */
  readonly recheckMs?: number | undefined;
  /** Who may follow the run; others get NotFound, as for a run of another tenant. */
  readonly authorize?: ((run: ChatRunRecord) => boolean) | undefined;
  /** The feed of a run this instance drives (none for runs driven elsewhere): live frames in-process. */
  readonly localFeed?: ((runId: string) => RunFeed | undefined) | undefined;
}

/** The follower has waited `recheckMs` for a live frame: the registry is read. */
const TIMEOUT = Symbol('timeout');
/** The local drive of the run ended: no live frame follows, so the registry is read at once. */
const DRIVE_ENDED = Symbol('drive ended');

type LiveItem = PublicSseEvent | typeof DRIVE_ENDED | typeof TIMEOUT;

/** Queues the feed's frames, then DRIVE_ENDED; null when the feed has already ended. */
function listenTo(feed: RunFeed, live: { push(item: PublicSseEvent | typeof DRIVE_ENDED): void }) {
  return feed.listen({ frame: (frame) => live.push(frame), end: () => live.push(DRIVE_ENDED) });
}

/**
 * Starts receiving the run's live frames into `live`: from the driver's feed when this instance drives
 * the run, else from the KV channel. Returns the unsubscribe.
 */
async function subscribeLive(
  deps: RunFollowerDeps,
  runId: string,
  live: { push(item: PublicSseEvent | typeof DRIVE_ENDED): void },
): Promise<() => Promise<void>> {
  const feed = deps.localFeed?.(runId);
  const detach = feed ? listenTo(feed, live) : null;
  if (detach) return async () => detach();
  const subscription = await deps.kv.subscribe(runChannel(runId), (message) => {
    const frame = parseRunMessage(message);
    if (frame !== null) live.push(frame);
  });
  return () => subscription.unsubscribe();
}

/** An open follower; `close` releases the subscription even if `frames` was never iterated. */
export interface RunFollower {
  readonly run: ChatRunRecord;
  readonly frames: AsyncIterable<PublicSseEvent>;
  close(): Promise<void>;
}

function notFound(): AppError {
  return new AppError('NotFound', 'Run not found.');
}

/**
 * Opens a follower of a run's current stream after `afterEventId`: subscribes to the live frames first
 * (buffering; in-process when this instance drives the run, else the KV channel), then replays the
 * ledger, then hands on buffered and live frames it has not yet emitted, ending after the terminal
 * frame. Works on any replica. Throws NotFound (before anything is streamed)
 * when the run is not the tenant's. Aborting `signal` ends the iteration; the run itself is untouched.
 */
export async function openRunFollower(
  deps: RunFollowerDeps,
  scope: { tenantId: string },
  runId: string,
  afterEventId: number,
  signal?: AbortSignal,
): Promise<RunFollower> {
  const live = createAsyncQueue<LiveItem>();
  const unsubscribe = await subscribeLive(deps, runId, live);
  let run: ChatRunRecord | null;
  try {
    run = await deps.runs.get(scope, runId);
  } catch (error) {
    await unsubscribe();
    throw error;
  }
  if (run === null || (deps.authorize !== undefined && !deps.authorize(run))) {
    await unsubscribe();
    throw notFound();
  }
  return follow(deps, scope, run, { live, unsubscribe, afterEventId, replayFirst: true }, signal);
}

/**
 * Follows a run this instance is about to drive, from its first frame: listening to its feed before the
 * drive starts, it misses no frame, so neither the registry nor the ledger is read to begin with.
 */
export function followFromStart(
  deps: RunFollowerDeps,
  run: ChatRunRecord,
  feed: RunFeed,
  signal?: AbortSignal,
): RunFollower {
  const live = createAsyncQueue<LiveItem>();
  const detach = listenTo(feed, live);
  if (detach === null) throw new Error('followFromStart needs the feed of a run not yet driven.');
  const unsubscribe = async () => detach();
  return follow(
    deps,
    { tenantId: run.tenantId },
    run,
    { live, unsubscribe, afterEventId: 0, replayFirst: false },
    signal,
  );
}

interface LiveSource {
  readonly live: AsyncQueue<LiveItem>;
  readonly unsubscribe: () => Promise<void>;
  readonly afterEventId: number;
  /** Replays the ledger before the first live frame (the follower joined a stream under way). */
  readonly replayFirst: boolean;
}

/**
 * The follow itself: the ledger replay (when joining a stream under way), then the live frames in order,
 * gaps filled from the ledger, idle re-checks of the registry and the owner, up to the terminal.
 */
function follow(
  deps: RunFollowerDeps,
  scope: { tenantId: string },
  followed: ChatRunRecord,
  source: LiveSource,
  signal?: AbortSignal,
): RunFollower {
  const { kv, ledger, runs } = deps;
  const { live, unsubscribe, afterEventId } = source;
  const runId = followed.runId;
  const recheckMs = deps.recheckMs ?? 15_000;
  let released: Promise<void> | undefined;
  const release = () => {
    live.close();
    released ??= unsubscribe();
    return released;
  };
  const stop = () => live.close();
  signal?.addEventListener('abort', stop, { once: true });

  async function* frames(): AsyncGenerator<PublicSseEvent> {
    let last = afterEventId;
    let lastFrame: PublicSseEvent | undefined;
    const seen = (frame: PublicSseEvent) => {
      last = frame.event_id;
      lastFrame = frame;
    };
    // Ledger frames of the stream after `last` (and before `before`), up to and including a terminal.
    async function ledgerTail(before = Number.POSITIVE_INFINITY): Promise<PublicSseEvent[]> {
      const tail: PublicSseEvent[] = [];
      let after = last;
      for (const frame of await ledger.streamFrames(scope, followed.streamId, last)) {
        if (frame.event_id <= after || frame.event_id >= before) continue;
        after = frame.event_id;
        tail.push(frame);
        if (isTerminalEvent(frame)) break;
      }
      return tail;
    }
    // Yields ledger frames of the stream after `last` (and before `before`); true once the terminal passed.
    async function* fromLedger(before = Number.POSITIVE_INFINITY): AsyncGenerator<PublicSseEvent, boolean> {
      for (const frame of await ledgerTail(before)) {
        seen(frame);
        yield frame;
        if (isTerminalEvent(frame)) return true;
      }
      return false;
    }
    /**
     * The run's owner is gone (no heartbeat) and the stream has no terminal: claim the run as failed
     * (running → failed, so one instance wins), and the winner writes the `run_orphaned` terminal.
     * Returns the frames to yield, ending with the terminal when this follower has one.
     */
    async function claimOrphan(): Promise<PublicSseEvent[]> {
      const tail = await ledgerTail();
      if (tail.at(-1) !== undefined && isTerminalEvent(tail.at(-1) as PublicSseEvent)) return tail;
      const won = await runs.markFinished(scope, runId, { status: 'failed' });
      if (!won) return tail;
      let previous = tail.at(-1) ?? lastFrame;
      if (previous === undefined && last > 0) {
        previous = (await ledger.streamFrames(scope, followed.streamId, last - 1)).find(
          (frame) => frame.event_id === last,
        );
      }
      const terminal = orphanFrame(followed, previous, deps.now());
      deps.logger.warn(
        { event: 'chat.run.orphaned', run_id: runId, stream_id: followed.streamId },
        'Run owner gone: run failed',
      );
      try {
        await ledger.append(
          {
            tenantId: followed.tenantId,
            conversationId: followed.conversationId,
            messagePosition: followed.messagePosition,
            runId,
          },
          terminal,
          frameJson(terminal),
        );
      } catch (error) {
        deps.logger.error({ err: error, event: 'chat.ledger.append_failed' }, 'Orphan terminal not recorded');
      }
      await kv.publish(runChannel(runId), frameJson(terminal)).catch((error: unknown) => {
        deps.logger.error({ err: error, event: 'chat.publish_failed' }, 'Orphan terminal not published');
      });
      return [...tail, terminal];
    }
    try {
      if (signal?.aborted) return;
      if (source.replayFirst && (yield* fromLedger())) return;
      if (followed.status !== 'running') return;
      const iterator = live[Symbol.asyncIterator]();
      // Consecutive idle re-checks that found no owner: two are needed, so a KV restart (keys gone,
      // re-set by the next heartbeat) is not taken for a crash.
      let ownerMisses = 0;
      // One idle timer per quiet spell, not one per frame: each wait starts a `recheckMs` window
      // (`waitingSince`); when the timer fires early for the current window it re-arms for the rest, and
      // at the end it queues TIMEOUT behind the live frames. (Not `Promise.race` against a timer promise:
      // each race leaves a reaction on that long-lived promise, holding every frame until it settles.)
      let waitingSince = 0;
      let idleTimer: NodeJS.Timeout | undefined;
      const fire = () => {
        const left = waitingSince + recheckMs - Date.now();
        if (left > 0) idleTimer = setTimeout(fire, left);
        else {
          idleTimer = undefined;
          live.push(TIMEOUT);
        }
      };
      try {
        while (true) {
          waitingSince = Date.now();
          idleTimer ??= setTimeout(fire, recheckMs);
          const next = await iterator.next();
          if (next.done) return;
          const frame = next.value;
          if (frame !== TIMEOUT && frame !== DRIVE_ENDED) {
            if (frame.stream_id !== followed.streamId || frame.event_id <= last) continue;
            // A gap (a frame published before this follower subscribed but after the replay read) is
            // filled from the ledger, where every frame lands before it is published.
            if (frame.event_id > last + 1 && (yield* fromLedger(frame.event_id))) return;
            seen(frame);
            ownerMisses = 0;
            yield frame;
            if (isTerminalEvent(frame)) return;
            continue;
          }
          // Quiet for a while, or this instance's drive of the run is over: if the registry says this
          // stream is over, the ledger has the rest.
          const current = await runs.get(scope, runId);
          if (current?.status === 'running' && current.streamId === followed.streamId) {
            if ((await kv.get(ownerKey(runId))) !== null) {
              ownerMisses = 0;
              continue;
            }
            ownerMisses += 1;
            if (ownerMisses < 2) continue;
            for (const frame of await claimOrphan()) {
              seen(frame);
              yield frame;
              if (isTerminalEvent(frame)) return;
            }
            // Another instance won the claim: its terminal arrives live (or the next re-check ends this).
            continue;
          }
          yield* fromLedger();
          return;
        }
      } finally {
        clearTimeout(idleTimer);
      }
    } finally {
      signal?.removeEventListener('abort', stop);
      await release();
    }
  }

  return { run: followed, frames: frames(), close: release };
}
