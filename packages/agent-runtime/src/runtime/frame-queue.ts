import type { PublicSseEvent } from '@starter/contracts';
import { DONE, isThenable, withoutAnswer } from './stream-run-parts.js';

type FrameResult = IteratorResult<PublicSseEvent, undefined>;

/** Persists frames in order; the frames are handed on once it has (resolved). */
export type PersistFrames = (frames: readonly PublicSseEvent[]) => void | Promise<void>;

export interface FrameQueueOptions {
  /** Per-frame persistence hook, awaited (when it returns a promise) as the consumer reads the frame. */
  readonly onFrame?: ((frame: PublicSseEvent) => void | Promise<void>) | undefined;
  /**
   * Batched persistence hook: at most one call in flight; the frames produced meanwhile form the next
   * batch (group commit). Frames are persisted as they are produced, read or not.
   */
  readonly onFrames?: PersistFrames | undefined;
  /** Blocking output guardrails: hold every frame until the terminal, drop the answer on an `error`. */
  readonly holdUntilTerminal: boolean;
  /**
   * The producer should read more: the consumer waits on an empty queue, a batch is being persisted
   * (read-ahead), or the consumer stopped reading (the run still goes on to its end, §2.5).
   */
  readonly demand: () => void;
}

/** The frames of one run between the producer (the run loop) and its single consumer. */
export interface FrameQueue {
  /** Adds projected frames (in order); ignored after `close`. */
  push(frames: readonly PublicSseEvent[]): void;
  /** No more frames: the consumer ends once every frame is persisted and read. */
  close(): void;
  /** The consumer side; the first `next()` calls `demand` (which starts the run). */
  readonly frames: AsyncIterableIterator<PublicSseEvent, undefined, unknown>;
  /** Whether the producer should go on reading (see `demand`). */
  readonly hungry: boolean;
}

/** Frames a batch persist may run ahead of: enough to fill the next batch, bounded for a slow store. */
const READ_AHEAD = 256;

/**
 * A hand-written async iterator rather than generator layers: a ready frame resolves at once, a waiting
 * consumer is resolved straight from the producer (no promise chained per frame), and a persistence hook
 * is awaited only when it returns a promise. The producer is pulled: it reads the SDK stream while
 * `hungry`, so the SDK's own queue holds the events a slow consumer has not asked for yet.
 */
export function createFrameQueue(options: FrameQueueOptions): FrameQueue {
  const { onFrame, onFrames, demand } = options;
  if (onFrame !== undefined && onFrames !== undefined)
    throw new TypeError('Pass onFrame or onFrames, not both: each frame is persisted once.');
  const holding = options.holdUntilTerminal;
  let buffer: PublicSseEvent[] = [];
  let head = 0;
  let closed = false;
  /** The consumer stopped reading: frames are still produced (and persisted by no one). */
  let abandoned = false;
  let finished = false;
  /** The consumer's pending `next()` on an empty queue. */
  let waiting: ((result: FrameResult | Promise<FrameResult>) => void) | null = null;
  /** A `next()` still settling (waiting for frames, or for `onFrame`): later calls queue behind it. */
  let inFlight: Promise<FrameResult> | null = null;
  /** Frames of a blocking run, held until its terminal. */
  const held: PublicSseEvent[] = [];
  /** Batched persistence: frames waiting for the next `onFrames` call, and whether one is running. */
  let unpersisted: PublicSseEvent[] = [];
  let persisting = false;
  let persistFailure: { error: unknown } | null = null;

  /** Takes the waiting consumer's resolver (if any): the caller settles that `next()`. */
  const takeWaiter = () => {
    const wake = waiting;
    waiting = null;
    if (wake !== null) inFlight = null;
    return wake;
  };
  /** The consumer is gone (stopped, or its iteration failed): the run still goes on to its end (§2.5). */
  const abandon = () => {
    finished = true;
    abandoned = true;
    inFlight = null;
    takeWaiter()?.(DONE);
    if (!closed) demand();
  };
  const fail = (error: unknown): never => {
    abandon();
    throw error;
  };
  /** Hands one frame over, after `onFrame` has persisted it. */
  const deliver = (frame: PublicSseEvent): FrameResult | Promise<FrameResult> => {
    const result: FrameResult = { value: frame, done: false };
    if (onFrame === undefined) return result;
    let persisted: unknown;
    try {
      persisted = onFrame(frame);
    } catch (error) {
      abandon();
      return Promise.reject(error);
    }
    if (!isThenable(persisted)) return result;
    const settled = Promise.resolve(persisted).then(() => {
      inFlight = null;
      return result;
    }, fail);
    inFlight = settled;
    return settled;
  };
  const drained = () => closed && head === buffer.length && unpersisted.length === 0 && !persisting;
  const ended = (): FrameResult => {
    finished = true;
    return DONE;
  };
  const ready = (frame: PublicSseEvent) => {
    // The waiter is taken before `deliver`: a throwing `onFrame` abandons the queue, and its rejection
    // must still reach this consumer.
    const wake = takeWaiter();
    if (wake === null) buffer.push(frame);
    else wake(deliver(frame));
  };

  const persisted = (batch: readonly PublicSseEvent[]) => {
    persisting = false;
    for (const frame of batch) ready(frame);
    persistNext();
    if (drained()) takeWaiter()?.(ended());
    else if (waiting !== null && !closed) demand();
  };
  const persistFailed = (error: unknown) => {
    persisting = false;
    unpersisted = [];
    persistFailure = { error };
    // A consumer not waiting now gets the failure from its next `next()`.
    const wake = takeWaiter();
    if (wake === null) return;
    wake(Promise.reject(error));
    abandon();
  };
  const persistNext = () => {
    if (persisting || unpersisted.length === 0 || persistFailure !== null || onFrames === undefined) return;
    const batch = unpersisted;
    unpersisted = [];
    persisting = true;
    let result: unknown;
    try {
      result = onFrames(batch);
    } catch (error) {
      persistFailed(error);
      return;
    }
    if (isThenable(result)) Promise.resolve(result).then(() => persisted(batch), persistFailed);
    else persisted(batch);
  };
  const enqueue = (frame: PublicSseEvent) => {
    if (onFrames === undefined) {
      ready(frame);
      return;
    }
    if (persistFailure !== null) return;
    unpersisted.push(frame);
    persistNext();
  };

  const frames: AsyncIterableIterator<PublicSseEvent, undefined, unknown> = {
    next() {
      if (inFlight !== null) return inFlight.then(() => frames.next());
      if (finished) return Promise.resolve(DONE);
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
      if (persistFailure !== null) {
        const { error } = persistFailure;
        abandon();
        return Promise.reject(error);
      }
      if (drained()) return Promise.resolve(ended());
      const wait = new Promise<FrameResult>((resolve) => {
        waiting = resolve;
      });
      inFlight = wait;
      if (!closed) demand();
      return wait;
    },
    return() {
      abandon();
      return Promise.resolve(DONE);
    },
    [Symbol.asyncIterator]() {
      return frames;
    },
  };

  return {
    push(list) {
      if (closed) return;
      if (!holding) {
        for (const frame of list) enqueue(frame);
        return;
      }
      for (const frame of list) {
        held.push(frame);
        if (frame.kind !== 'final' && frame.kind !== 'error') continue;
        const release = frame.kind === 'error' ? withoutAnswer(held) : held.slice();
        held.length = 0;
        for (const item of release) enqueue(item);
      }
    },
    close() {
      closed = true;
      if (drained()) takeWaiter()?.(ended());
    },
    frames,
    get hungry() {
      return waiting !== null || abandoned || (persisting && unpersisted.length < READ_AHEAD && !closed);
    },
  };
}
