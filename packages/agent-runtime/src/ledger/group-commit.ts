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
  /**
   * Independent queues, each with at most one write in flight (default 1). Items with the same
   * `laneKey` always share a lane, so their commit order is their submit order.
   */
  lanes?: number;
  /** The ordering key of an item (e.g. its stream); required when `lanes` > 1. */
  laneKey?(item: T): string;
  /**
   * How long (ms) the oldest queued item of an idle lane may wait for company before its batch is
   * written (default 0: the next turn of the event loop). Bounded: a batch starts at the latest
   * `lingerMs` after its first item arrived, or as soon as `lingerRows` items are queued.
   */
  lingerMs?: number;
  /** Queued items that end the linger early (default `maxBatchSize`). */
  lingerRows?: number;
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

interface Lane<T> {
  readonly queue: Pending<T>[];
  /** The running drain (writes until the queue is empty), or null when idle. */
  draining: Promise<void> | null;
  /** A scheduled start (linger timer or setImmediate), or null. */
  timer: ReturnType<typeof setTimeout> | ReturnType<typeof setImmediate> | null;
  immediate: boolean;
  /** When the oldest queued item arrived (ms, `performance.now()`). */
  firstAt: number;
}

/** FNV-1a: a cheap, stable string hash for lane selection. */
function hashKey(key: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < key.length; index++) {
    hash ^= key.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * Group commit: items queue up per lane and go out together in one write. Each lane has at most one
 * write in flight, and items that arrive meanwhile form its next batch, which starts as soon as the
 * previous one settles, so under load the batch grows to whatever arrived during one round trip. An
 * idle lane waits up to `lingerMs` (a timer, not a microtask) for more items, so appends from timers
 * firing within that window share one write instead of each paying a round trip. Several lanes let a
 * pooled database run batches concurrently; a key always maps to the same lane, so per-key order
 * holds (and an item's promise settles only after its own batch's write settles).
 */
export function createGroupCommitter<T>(options: GroupCommitOptions<T>): GroupCommitter<T> {
  if (!Number.isInteger(options.maxBatchSize) || options.maxBatchSize < 1) {
    throw new RangeError('maxBatchSize must be a positive integer.');
  }
  if (!(options.maxBatchBytes > 0)) throw new RangeError('maxBatchBytes must be positive.');
  const laneCount = options.lanes ?? 1;
  if (!Number.isInteger(laneCount) || laneCount < 1)
    throw new RangeError('lanes must be a positive integer.');
  if (laneCount > 1 && !options.laneKey) throw new TypeError('laneKey is required with several lanes.');
  const lingerMs = options.lingerMs ?? 0;
  if (!(lingerMs >= 0) || !Number.isFinite(lingerMs)) throw new RangeError('lingerMs must be >= 0.');
  const lingerRows = options.lingerRows ?? options.maxBatchSize;
  if (!Number.isInteger(lingerRows) || lingerRows < 1) {
    throw new RangeError('lingerRows must be a positive integer.');
  }

  const lanes: Lane<T>[] = Array.from({ length: laneCount }, () => ({
    queue: [],
    draining: null,
    timer: null,
    immediate: false,
    firstAt: 0,
  }));
  let closed = false;
  let items = 0;
  let batches = 0;
  let largestBatch = 0;

  const laneOf = (item: T): Lane<T> =>
    laneCount === 1 || !options.laneKey
      ? (lanes[0] as Lane<T>)
      : (lanes[hashKey(options.laneKey(item)) % laneCount] as Lane<T>);

  const takeBatch = (queue: Pending<T>[]): Pending<T>[] => {
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

  const cancelTimer = (lane: Lane<T>): void => {
    if (lane.timer === null) return;
    if (lane.immediate) clearImmediate(lane.timer as ReturnType<typeof setImmediate>);
    else clearTimeout(lane.timer as ReturnType<typeof setTimeout>);
    lane.timer = null;
  };

  // How long the lane may still wait for company: none once `lingerRows` are queued or when closing,
  // else what is left of the oldest queued item's `lingerMs`.
  const dueIn = (lane: Lane<T>): number =>
    closed || lane.queue.length >= lingerRows ? 0 : lane.firstAt + lingerMs - performance.now();

  // Writes batches while the next one is due (items that arrived during a round trip have usually
  // waited long enough already), then hands the rest back to `schedule`.
  const drain = async (lane: Lane<T>): Promise<void> => {
    do {
      await writeBatch(takeBatch(lane.queue));
    } while (lane.queue.length > 0 && dueIn(lane) <= 0);
  };

  const start = (lane: Lane<T>): void => {
    cancelTimer(lane);
    if (lane.draining || lane.queue.length === 0) return;
    lane.draining = drain(lane).finally(() => {
      lane.draining = null;
      if (lane.queue.length > 0) schedule(lane);
    });
  };

  // The lane is idle with items queued: start on the next turn of the event loop, or when the linger
  // runs out (a timer, so that frames from timers firing meanwhile join the batch).
  const schedule = (lane: Lane<T>): void => {
    if (lane.draining || lane.timer !== null) return;
    const wait = dueIn(lane);
    if (wait <= 0) {
      lane.immediate = true;
      lane.timer = setImmediate(start, lane);
    } else {
      lane.immediate = false;
      lane.timer = setTimeout(start, Math.ceil(wait), lane);
    }
  };

  const flush = async (): Promise<void> => {
    for (;;) {
      const busy = lanes.filter((lane) => lane.draining || lane.queue.length > 0);
      if (busy.length === 0) return;
      for (const lane of busy) {
        // Don't let a flush wait out a linger.
        if (!lane.draining) start(lane);
      }
      await Promise.all(busy.map((lane) => lane.draining));
    }
  };

  return {
    submit(item) {
      if (closed) return Promise.reject(new Error('The ledger is closed.'));
      return new Promise<void>((resolve, reject) => {
        const lane = laneOf(item);
        lane.queue.push({ item, resolve, reject });
        if (lane.queue.length === 1) lane.firstAt = performance.now();
        if (lane.draining) return;
        if (lane.queue.length >= lingerRows) start(lane);
        else schedule(lane);
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
