/** A first-in-first-out async lock: callers run one at a time in the order they asked. */
export interface FifoMutex {
  /** Waits for the lock and returns the function that releases it (idempotent). */
  lock(): Promise<() => void>;
  /** Runs `task` while holding the lock. */
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Rejects every waiter and every later `lock()` with `error` (the holder, if any, keeps its turn). */
  abort(error: Error): void;
}

interface Waiter {
  grant: (release: () => void) => void;
  reject: (error: Error) => void;
}

/** Creates a FIFO mutex; PGlite has a single session, so every use of it is serialised through one. */
export function createFifoMutex(): FifoMutex {
  const waiters: Waiter[] = [];
  let held = false;
  let aborted: Error | undefined;

  const releaser = (): (() => void) => {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = waiters.shift();
      if (next) next.grant(releaser());
      else held = false;
    };
  };

  const lock = (): Promise<() => void> => {
    if (aborted) return Promise.reject(aborted);
    if (!held) {
      held = true;
      return Promise.resolve(releaser());
    }
    return new Promise((grant, reject) => {
      waiters.push({ grant, reject });
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

  const abort = (error: Error): void => {
    aborted = error;
    for (const waiter of waiters.splice(0)) waiter.reject(error);
  };

  return { lock, run, abort };
}
