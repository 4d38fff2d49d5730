import type { PublicSseEvent } from '@starter/contracts';
import { DONE, isThenable, withoutAnswer } from './stream-run-parts.js';

type FrameResult = IteratorResult<PublicSseEvent, undefined>;

export interface FrameQueueOptions {
  /** Persistence hook, awaited (when it returns a promise) before the frame is handed on. */
  readonly onFrame?: ((frame: PublicSseEvent) => void | Promise<void>) | undefined;
  /** Blocking output guardrails: hold every frame until the terminal, drop the answer on an `error`. */
  readonly holdUntilTerminal: boolean;
  /**
   * The consumer waits on an empty queue (or, once `abandoned`, will never read again): the producer
   * should read more. Called again after each delivery that leaves the consumer waiting.
   */
  readonly demand: () => void;
}

/** The frames of one run between the producer (the run loop) and its single consumer. */
export interface FrameQueue {
  /** Adds projected frames (in order); ignored after `close`. */
  push(frames: readonly PublicSseEvent[]): void;
  /** No more frames: a waiting consumer ends once the queue is empty. */
  close(): void;
  /** The consumer side; the first `next()` calls `demand` (which starts the run). */
  readonly frames: AsyncIterableIterator<PublicSseEvent, undefined, unknown>;
  /** True while the consumer waits for a frame, or after it stopped reading (`return()`). */
  readonly hungry: boolean;
}

/**
 * A hand-written async iterator rather than generator layers: a buffered frame resolves at once, a
 * waiting consumer is resolved straight from `push` (no promise chained per frame), and `onFrame` is
 * awaited only when it returns a promise. The producer is pulled: it reads the SDK stream while the
 * consumer is hungry, so the SDK's own queue holds events a slow consumer has not asked for yet.
 */
export function createFrameQueue(options: FrameQueueOptions): FrameQueue {
  const { onFrame, demand } = options;
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

  /** The consumer is gone (stopped, or its iteration failed): the run still goes on to its end (§2.5). */
  const abandon = () => {
    finished = true;
    abandoned = true;
    inFlight = null;
    const wake = waiting;
    waiting = null;
    wake?.(DONE);
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
  const enqueue = (frame: PublicSseEvent) => {
    const wake = waiting;
    if (wake === null) {
      buffer.push(frame);
      return;
    }
    waiting = null;
    inFlight = null;
    wake(deliver(frame));
  };
  const ended = (): FrameResult => {
    finished = true;
    return DONE;
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
      if (closed) return Promise.resolve(ended());
      const wait = new Promise<FrameResult>((resolve) => {
        waiting = resolve;
      });
      inFlight = wait;
      demand();
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
      for (const frame of list) {
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
    },
    close() {
      closed = true;
      const wake = waiting;
      if (wake === null) return;
      waiting = null;
      inFlight = null;
      wake(ended());
    },
    frames,
    get hungry() {
      return waiting !== null || abandoned;
    },
  };
}
