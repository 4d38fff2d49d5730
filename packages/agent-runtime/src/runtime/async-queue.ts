/**
 * A single-consumer queue of values produced by callbacks (the SDK stream pump and nested agent-tool
 * streams) and read as an async iterable. `close()` ends the iteration once everything queued is read.
 */
export interface AsyncQueue<T> extends AsyncIterable<T> {
  push(value: T): void;
  close(): void;
}

const DONE: IteratorReturnResult<undefined> = Object.freeze({ value: undefined, done: true });

/**
 * Creates an unbounded {@link AsyncQueue}; the producer runs at model speed, the consumer keeps up.
 * The iterator is hand-written: a buffered value resolves at once, and a promise is only created when
 * the consumer has to wait for the producer.
 */
export function createAsyncQueue<T>(): AsyncQueue<T> {
  let items: T[] = [];
  let head = 0;
  let closed = false;
  /** The consumer's pending `next()`, resolved by the next push or by close. */
  let waiting: ((result: IteratorResult<T, undefined>) => void) | null = null;

  const shift = (): T => {
    const value = items[head] as T;
    items[head] = undefined as T;
    head += 1;
    if (head === items.length) {
      items = [];
      head = 0;
    } else if (head > 1024 && head * 2 > items.length) {
      items.splice(0, head);
      head = 0;
    }
    return value;
  };

  const iterate = (): AsyncIterableIterator<T, undefined, unknown> => {
    let finished = false;
    const iterator: AsyncIterableIterator<T, undefined, unknown> = {
      next() {
        if (finished) return Promise.resolve(DONE);
        if (head < items.length) return Promise.resolve({ value: shift(), done: false });
        if (closed) {
          finished = true;
          return Promise.resolve(DONE);
        }
        return new Promise((resolve) => {
          waiting = resolve;
        });
      },
      return() {
        finished = true;
        const resolve = waiting;
        waiting = null;
        resolve?.(DONE);
        return Promise.resolve(DONE);
      },
      [Symbol.asyncIterator]() {
        return iterator;
      },
    };
    return iterator;
  };

  return {
    push(value) {
      if (closed) return;
      const resolve = waiting;
      if (resolve) {
        // The consumer is waiting on an empty queue: hand the value over without buffering it.
        waiting = null;
        resolve({ value, done: false });
        return;
      }
      items.push(value);
    },
    close() {
      closed = true;
      const resolve = waiting;
      waiting = null;
      resolve?.(DONE);
    },
    [Symbol.asyncIterator]: iterate,
  };
}
