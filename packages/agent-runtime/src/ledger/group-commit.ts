/** What a batch writer reports per item, in batch order: undefined when committed, else why not. */
export type BatchOutcome = Error | undefined;

export interface GroupCommitOptions<T> {
  /** Writes one batch in one round trip; throwing rejects every item of the batch. */
  write(batch: readonly T[]): Promise<readonly BatchOutcome[]>;
  /** Most items per batch. */
  maxBatchSize: number;
  /** Most bytes per batch (by `sizeOf`); a single larger item still goes alone. */
  maxBatchBytes: number;
  sizeOf(item: T): number;
  onBatchError?(error: unknown, size: number): void;
}

/** Counters for tests and metrics. */
export interface GroupCommitStats {
  readonly items: number;
  readonly batches: number;
  readonly largestBatch: number;
}

/** Queues items and writes them in batches; see `createGroupCommitter`. */
export interface GroupCommitter<T> {
  /** Resolves once the item's batch is committed; rejects with the batch's (or the item's) error. */
  submit(item: T): Promise<void>;
  /** Resolves when everything submitted so far has been written (or failed). */
  flush(): Promise<void>;
  /** Rejects later submits, then flushes. */
  close(): Promise<void>;
  stats(): GroupCommitStats;
}

interface Pending<T> {
  readonly item: T;
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Group commit: at most one write is in flight; items submitted meanwhile queue up and go out together
 * in the next write, which starts as soon as the previous one settles. Under load the batch grows to
 * whatever arrived during one round trip, so throughput scales with concurrency instead of with
 * round trips, while an idle committer still writes a lone item after a single microtask.
 */
export function createGroupCommitter<T>(options: GroupCommitOptions<T>): GroupCommitter<T> {
  if (!Number.isInteger(options.maxBatchSize) || options.maxBatchSize < 1) {
    throw new RangeError('maxBatchSize must be a positive integer.');
  }
  if (!(options.maxBatchBytes > 0)) throw new RangeError('maxBatchBytes must be positive.');
  const queue: Pending<T>[] = [];
  let draining: Promise<void> | null = null;
  let closed = false;
  let items = 0;
  let batches = 0;
  let largestBatch = 0;

  const takeBatch = (): Pending<T>[] => {
    let count = 0;
    let bytes = 0;
    while (count < queue.length && count < options.maxBatchSize) {
      const next = queue[count];
      if (!next) break;
      const size = options.sizeOf(next.item);
      if (count > 0 && bytes + size > options.maxBatchBytes) break;
      bytes += size;
      count += 1;
    }
    return queue.splice(0, count);
  };

  const writeBatch = async (batch: Pending<T>[]): Promise<void> => {
    batches += 1;
    items += batch.length;
    largestBatch = Math.max(largestBatch, batch.length);
    try {
      const outcomes = await options.write(batch.map((pending) => pending.item));
      batch.forEach((pending, index) => {
        const outcome = outcomes[index];
        if (outcome) pending.reject(outcome);
        else pending.resolve();
      });
    } catch (error) {
      options.onBatchError?.(error, batch.length);
      for (const pending of batch) pending.reject(error);
    }
  };

  const drain = async (): Promise<void> => {
    // One microtask lets appends issued in the same tick join the first batch.
    await Promise.resolve();
    while (queue.length > 0) await writeBatch(takeBatch());
  };

  const start = (): void => {
    draining = drain().finally(() => {
      draining = null;
      // An item may have arrived between the loop's last check and this callback.
      if (queue.length > 0) start();
    });
  };

  const flush = async (): Promise<void> => {
    while (draining) await draining;
  };

  return {
    submit(item) {
      if (closed) return Promise.reject(new Error('The ledger is closed.'));
      return new Promise<void>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        if (!draining) start();
      });
    },
    flush,
    async close() {
      closed = true;
      await flush();
    },
    stats: () => ({ items, batches, largestBatch }),
  };
}
