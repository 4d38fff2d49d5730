/**
 * A single-consumer queue of values produced by callbacks (the SDK stream pump and nested agent-tool
 * streams) and read as an async iterable. `close()` ends the iteration once everything queued is read.
 */
export interface AsyncQueue<T> extends AsyncIterable<T> {
  push(value: T): void;
  close(): void;
}

/** Creates an unbounded {@link AsyncQueue}; the producer runs at model speed, the consumer keeps up. */
export function createAsyncQueue<T>(): AsyncQueue<T> {
  const items: T[] = [];
  let head = 0;
  let closed = false;
  let wake: (() => void) | null = null;

  const signal = () => {
    const resolve = wake;
    wake = null;
    resolve?.();
  };

  return {
    push(value) {
      if (closed) return;
      items.push(value);
      signal();
    },
    close() {
      closed = true;
      signal();
    },
    async *[Symbol.asyncIterator]() {
      while (true) {
        if (head < items.length) {
          const value = items[head] as T;
          items[head] = undefined as T;
          head += 1;
          if (head > 1024 && head * 2 > items.length) {
            items.splice(0, head);
            head = 0;
          }
          yield value;
          continue;
        }
        if (closed) return;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    },
  };
}
