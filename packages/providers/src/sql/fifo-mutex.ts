/** A first-in-first-out async lock: callers run one at a time in the order they asked. */
export interface FifoMutex {
  /** Waits for the lock and returns the function that releases it (idempotent). */
  lock(): Promise<() => void>;
  /** Runs `task` while holding the lock. */
  run<T>(task: () => Promise<T>): Promise<T>;
}

/** Creates a FIFO mutex; PGlite has a single session, so every use of it is serialised through one. */
export function createFifoMutex(): FifoMutex {
  // Each waiter chains on the previous tail, so grant order is exactly request order.
  let tail: Promise<void> = Promise.resolve();

  const lock = (): Promise<() => void> => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const previous = tail;
    tail = previous.then(() => released);
    return previous.then(() => {
      let done = false;
      return () => {
        if (!done) {
          done = true;
          release();
        }
      };
    });
  };

  const run = async <T>(task: () => Promise<T>): Promise<T> => {
    const release = await lock();
    try {
      return await task();
    } finally {
      release();
    }
  };

  return { lock, run };
}
